import { flushAllNotes, hasUnsavedNotes } from './notes-saver.svelte';

/**
 * Saves unsaved notes before the window closes: the close is held (`preventDefault`), every
 * editor is flushed, then the window is destroyed. When a save fails the window stays open
 * once, with the editor showing "Not saved"; closing again closes anyway.
 */
export async function installCloseGuard(onUnsaved: (message: string) => void): Promise<() => void> {
  const { getCurrentWindow } = await import('@tauri-apps/api/window');
  const win = getCurrentWindow();
  let warned = false;
  const unlisten = await win.onCloseRequested(async (event) => {
    event.preventDefault();
    const saved = await flushAllNotes();
    if (saved || warned) {
      await win.destroy();
      return;
    }
    warned = true;
    onUnsaved('Some notes could not be saved, so the window stayed open. Copy them somewhere safe, or close again to quit without them.');
  });
  return unlisten;
}

/** Best effort when the page itself goes away or is hidden: start the saves at once. */
export function flushOnPageHide(win: Window = window): () => void {
  const flush = () => {
    if (hasUnsavedNotes()) void flushAllNotes();
  };
  const onVisibility = () => {
    if (win.document.visibilityState === 'hidden') flush();
  };
  win.addEventListener('pagehide', flush);
  win.addEventListener('beforeunload', flush);
  win.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('pagehide', flush);
    win.removeEventListener('beforeunload', flush);
    win.document.removeEventListener('visibilitychange', onVisibility);
  };
}

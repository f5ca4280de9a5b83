import type { Backend } from './backend';
import { FakeBackend } from './fake-backend';
import { TauriBackend } from './tauri-backend';

/**
 * The Tauri backend inside the app; in a plain browser (`vite dev`) an in-memory one with
 * the demo team, or an empty one with `?empty` to see the first start.
 */
export function pickBackend(win: Window = window): Backend {
  if ('__TAURI_INTERNALS__' in win) return new TauriBackend();
  return new URLSearchParams(win.location.search).has('empty') ? new FakeBackend() : FakeBackend.demo();
}

import { toBackendError } from './backend';

/** The longest typing may pause before notes are saved. */
export const SAVE_DELAY_MS = 300;
/**
 * Notes up to this many UTF-16 units are sent as soon as nothing else is in flight, so a
 * window closed or killed right after typing loses nothing; longer ones wait for a pause of
 * `SAVE_DELAY_MS`, since each save sends the whole text.
 */
export const EAGER_CHARS = 64 * 1024;

/** How long to wait after an edit before saving `text`. */
export function saveDelay(text: string): number {
  return text.length <= EAGER_CHARS ? 0 : SAVE_DELAY_MS;
}
/** Waits between retries of a failed save; the last one repeats. */
export const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

/**
 * `saved`: the backend has the text. `pending`: a save is due (typing). `saving`: one is in
 * flight. `failed`: the last save failed and will be retried. `refused`: the core refused
 * the text (e.g. over 8 MiB); it stays in the editor and is sent again after the next edit.
 */
export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed' | 'refused';

const live = new Set<NotesSaver>();

/**
 * Autosaves one text (a session's notes, a person's private notes): at most
 * `SAVE_DELAY_MS` after the last edit (short notes at once), and at once on `flush` (blur,
 * close). Saves are
 * serialized, one in flight at a time, and the newest text always goes next; a failed save
 * is retried with backoff, keeping the text in memory.
 */
export class NotesSaver {
  text = $state('');
  status = $state<SaveStatus>('saved');
  /** Why the last save failed or was refused. */
  error = $state<string | null>(null);
  /** When the backend last confirmed a save (ms since the epoch). */
  savedAt = $state<number | null>(null);

  private saved: string;
  private refusedText: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private running: Promise<void> | null = null;
  private disposed = false;

  constructor(
    initial: string,
    private readonly save: (text: string) => Promise<{ savedAt: number }>,
    /** Milliseconds, or a function of the text; see `saveDelay`. */
    private readonly delay: number | ((text: string) => number) = saveDelay,
  ) {
    this.text = initial;
    this.saved = initial;
  }

  /** Whether the backend has every word of the text. */
  get clean(): boolean {
    return this.text === this.saved;
  }

  /** The editor changed: save once typing pauses. */
  edit(text: string): void {
    this.text = text;
    live.add(this);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.text === this.saved) {
      if (!this.running && this.status !== 'failed') this.status = 'saved';
      return;
    }
    // After a failure the retry (with backoff) sends the newest text.
    if (this.status === 'failed' && this.retryTimer) return;
    if (this.status === 'saved' || this.status === 'refused') this.status = 'pending';
    const wait = typeof this.delay === 'number' ? this.delay : this.delay(text);
    if (wait <= 0) {
      void this.pump();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pump();
    }, wait);
  }

  /** Saves now, skipping the pause and any retry wait; true once the backend has the text. */
  async flush(): Promise<boolean> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.status === 'refused' && this.text === this.refusedText) return false;
    await this.pump();
    // A save that was in flight when flush came may have sent older text: go again.
    if (this.text !== this.saved && this.status !== 'failed' && this.status !== 'refused') await this.pump();
    return this.text === this.saved;
  }

  /** Stops timers once the editor is gone; unsaved text is flushed first by the caller. */
  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.timer = this.retryTimer = null;
    if (this.clean) live.delete(this);
  }

  private pump(): Promise<void> {
    if (!this.running) {
      this.running = this.loop().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async loop(): Promise<void> {
    while (this.text !== this.saved) {
      if (this.status === 'refused' && this.text === this.refusedText) return;
      const text = this.text;
      this.status = 'saving';
      try {
        const { savedAt } = await this.save(text);
        this.saved = text;
        this.savedAt = savedAt;
        this.attempt = 0;
        this.error = null;
        this.refusedText = null;
      } catch (e) {
        const error = toBackendError(e);
        this.error = error.message;
        if (error.code === 'invalid_input' || error.code === 'not_found') {
          // Sending the same text again cannot help; the next edit tries again.
          this.status = 'refused';
          this.refusedText = text;
          return;
        }
        this.status = 'failed';
        this.scheduleRetry();
        return;
      }
    }
    this.status = this.timer ? 'pending' : 'saved';
    if (this.disposed && !this.timer) live.delete(this);
  }

  private scheduleRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const wait = RETRY_DELAYS_MS[Math.min(this.attempt, RETRY_DELAYS_MS.length - 1)];
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.pump();
    }, wait);
  }
}

/** Saves every editor's unsaved text now (window close, app quit); true when all are saved. */
export async function flushAllNotes(): Promise<boolean> {
  const results = await Promise.all([...live].map((saver) => saver.flush()));
  for (const saver of [...live]) if (saver.clean) live.delete(saver);
  return results.every(Boolean);
}

/** Whether any editor holds text the backend does not have yet. */
export function hasUnsavedNotes(): boolean {
  return [...live].some((saver) => !saver.clean);
}

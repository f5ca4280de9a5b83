import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError } from '../lib/backend';
import { EAGER_CHARS, flushAllNotes, NotesSaver, saveDelay, SAVE_DELAY_MS } from '../lib/notes-saver.svelte';

/** A save whose calls can be answered one by one. */
function controlledSave() {
  const calls: { text: string; resolve(): void; reject(e: unknown): void }[] = [];
  const save = vi.fn(
    (text: string) =>
      new Promise<{ savedAt: number }>((resolve, reject) => {
        calls.push({ text, resolve: () => resolve({ savedAt: 1 }), reject });
      }),
  );
  return { save, calls };
}

describe('NotesSaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves at most 300 ms after the last keystroke, once per pause', async () => {
    const save = vi.fn(async () => ({ savedAt: 1 }));
    const saver = new NotesSaver('', save, SAVE_DELAY_MS);
    saver.edit('H');
    await vi.advanceTimersByTimeAsync(200);
    saver.edit('He');
    await vi.advanceTimersByTimeAsync(299);
    expect(save).not.toHaveBeenCalled();
    expect(saver.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenLastCalledWith('He');
    expect(saver.status).toBe('saved');
  });

  it('sends short notes at once and long ones after the pause', () => {
    expect(saveDelay('short')).toBe(0);
    expect(saveDelay('x'.repeat(EAGER_CHARS + 1))).toBe(SAVE_DELAY_MS);
  });

  it('flushes at once (on blur) without waiting for the pause', async () => {
    const save = vi.fn(async () => ({ savedAt: 1 }));
    const saver = new NotesSaver('', save, SAVE_DELAY_MS);
    saver.edit('Typed then left');
    expect(await saver.flush()).toBe(true);
    expect(save).toHaveBeenCalledWith('Typed then left');
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('never has two saves in flight, and the newest text goes next', async () => {
    const { save, calls } = controlledSave();
    const saver = new NotesSaver('', save, 0);
    saver.edit('a');
    saver.edit('ab');
    saver.edit('abc');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.text)).toEqual(['a']);
    calls[0].resolve();
    await vi.advanceTimersByTimeAsync(0);
    // The intermediate "ab" is skipped: only the newest text is worth sending.
    expect(calls.map((c) => c.text)).toEqual(['a', 'abc']);
    expect(saver.status).toBe('saving');
    calls[1].resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status).toBe('saved');
    expect(saver.clean).toBe(true);
  });

  it('retries a failed save with backoff and keeps the text', async () => {
    const { save, calls } = controlledSave();
    const saver = new NotesSaver('', save, 0);
    saver.edit('precious words');
    await vi.advanceTimersByTimeAsync(0);
    calls[0].reject(new BackendError('storage', 'The database is locked.'));
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status).toBe('failed');
    expect(saver.error).toBe('The database is locked.');
    expect(saver.text).toBe('precious words');
    saver.edit('precious words!');
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.text)).toEqual(['precious words', 'precious words!']);
    calls[1].reject(new BackendError('storage', 'Still locked.'));
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(3);
    calls[2].resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status).toBe('saved');
    expect(saver.error).toBeNull();
  });

  it('keeps refused text and does not resend it until it changes', async () => {
    const save = vi.fn(async (text: string) => {
      if (text.length > 5) throw new BackendError('invalid_input', 'Too long.');
      return { savedAt: 1 };
    });
    const saver = new NotesSaver('', save, 0);
    saver.edit('toolong');
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status).toBe('refused');
    expect(saver.error).toBe('Too long.');
    expect(await saver.flush()).toBe(false);
    expect(save).toHaveBeenCalledTimes(1);
    saver.edit('short');
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status).toBe('saved');
  });

  it('flushAllNotes saves every editor with unsaved text (window close)', async () => {
    const first = vi.fn(async () => ({ savedAt: 1 }));
    const second = vi.fn(async () => ({ savedAt: 1 }));
    const a = new NotesSaver('', first, SAVE_DELAY_MS);
    const b = new NotesSaver('', second, SAVE_DELAY_MS);
    a.edit('one');
    b.edit('two');
    a.dispose();
    expect(await flushAllNotes()).toBe(true);
    expect(first).toHaveBeenCalledWith('one');
    expect(second).toHaveBeenCalledWith('two');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextPaint, PAINT_WAIT_MS } from '../lib/paint';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('nextPaint', () => {
  it('resolves in the task after the next frame', async () => {
    vi.useFakeTimers();
    let frame: FrameRequestCallback | null = null;
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
      frame = cb;
      return 1;
    });
    let done = false;
    void nextPaint().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(PAINT_WAIT_MS / 2);
    expect(done).toBe(false);
    frame!(0);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('does not wait for ever when no frame comes', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 1);
    let done = false;
    void nextPaint().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(PAINT_WAIT_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});

/** The longest `nextPaint` waits for a frame: a hidden window may paint none. */
export const PAINT_WAIT_MS = 100;

/**
 * Resolves in the task after the next frame has been painted, or after `PAINT_WAIT_MS` when no
 * frame comes. For work that should not hold up what the user has just done, such as restyling
 * the board once a drop is on screen.
 */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') {
      setTimeout(resolve, 0);
      return;
    }
    const timer = setTimeout(resolve, PAINT_WAIT_MS);
    // A frame callback runs before its frame is painted; the task queued from it runs after.
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

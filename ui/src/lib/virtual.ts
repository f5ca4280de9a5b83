/**
 * Windowing for long columns: only the cards in and near the visible part of a column are
 * rendered, with spacers standing in for the others. Pure functions; `Column.svelte` wires
 * them to scrolling and measured heights.
 */

/** Columns with more cards than this are windowed; shorter ones render every card. */
export const WINDOW_FROM = 60;

/** Height assumed for a card not yet measured, gap included. */
export const ESTIMATED_HEIGHT = 72;

/** How far beyond the visible part cards are rendered, in px, above and below. */
export const OVERSCAN = 480;

/** The rendered slice [start, end) and the space left for the cards before and after it. */
export interface Slice {
  start: number;
  end: number;
  /** Height of the cards before `start`, in px. */
  before: number;
  /** Height of the cards from `end` on, in px. */
  after: number;
}

/** prefix[i] is the top of item i; prefix[n] the total height. */
export function prefixSums(heights: readonly number[]): number[] {
  const prefix = new Array<number>(heights.length + 1);
  prefix[0] = 0;
  for (let i = 0; i < heights.length; i++) prefix[i + 1] = prefix[i] + heights[i];
  return prefix;
}

/** The first index i in [0, n] with prefix[i + 1] > y: the item that covers `y`. */
function itemAt(prefix: readonly number[], y: number): number {
  const n = prefix.length - 1;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (prefix[mid + 1] > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The items to render for a viewport of `height` px scrolled to `scrollTop`, with `overscan`
 * px more on each side. Always at least one item when there are any.
 */
export function sliceFor(
  prefix: readonly number[],
  scrollTop: number,
  height: number,
  overscan = OVERSCAN,
): Slice {
  const n = prefix.length - 1;
  if (n <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  const total = prefix[n];
  const top = Math.max(0, Math.min(scrollTop, total) - overscan);
  const bottom = Math.max(top, scrollTop + height + overscan);
  const start = Math.min(itemAt(prefix, top), n - 1);
  const end = Math.max(start + 1, Math.min(n, itemAt(prefix, bottom) + 1));
  return { start, end, before: prefix[start], after: total - prefix[end] };
}

/**
 * Moving cards by pointer and by keyboard.
 *
 * Pointer events only: the HTML5 drag-and-drop API is unreliable in WebKitGTK webviews and
 * cannot be driven under WebDriver. The pure functions at the top hold the geometry and the
 * placement rules; `trackPointer` wires them to real events.
 */

export interface Point {
  x: number;
  y: number;
}

export interface HSpan {
  left: number;
  right: number;
}

export interface VSpan {
  top: number;
  bottom: number;
}

/** Card ids per column, left to right, top to bottom. */
export type Layout = { columnId: number; ids: number[] }[];

/** Where a card goes: `index` counts the other cards of the column, as after removing it. */
export interface Place {
  columnId: number;
  index: number;
}

/** Movement, in px, before a press on a card becomes a drag rather than a click. */
export const DRAG_THRESHOLD = 4;

export function movedBeyond(start: Point, now: Point, threshold = DRAG_THRESHOLD): boolean {
  return Math.hypot(now.x - start.x, now.y - start.y) > threshold;
}

/**
 * The column under `x`: the one whose horizontal extent contains it, else the nearest.
 * -1 when there are no columns.
 */
export function columnIndexAt(x: number, columns: readonly HSpan[]): number {
  let best = -1;
  let bestDistance = Infinity;
  columns.forEach((c, i) => {
    const distance = x < c.left ? c.left - x : x > c.right ? x - c.right : 0;
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}

/**
 * The insertion index for a pointer at `y` among `cards` (top to bottom, without the dragged
 * card): the number of cards whose vertical midpoint is above the pointer.
 */
export function dropIndexAt(y: number, cards: readonly VSpan[]): number {
  const index = cards.findIndex((c) => y < (c.top + c.bottom) / 2);
  return index === -1 ? cards.length : index;
}

/** The `afterId` for MoveCard: the card just before `index` among `others`, or null for first. */
export function afterIdAt(others: readonly number[], index: number): number | null {
  if (index <= 0 || others.length === 0) return null;
  return others[Math.min(index, others.length) - 1];
}

/**
 * Where a drop among only the visible cards (the board is filtered) goes among all of them:
 * right after the visible card above it, or first when there is none. `others` and
 * `visible` are card ids without the dragged card; `visibleIndex` counts `visible`.
 */
export function indexAmongAll(others: readonly number[], visible: readonly number[], visibleIndex: number): number {
  const above = afterIdAt(visible, visibleIndex);
  if (above === null) return 0;
  const at = others.indexOf(above);
  return at === -1 ? others.length : at + 1;
}

export function locate(layout: Layout, cardId: number): { column: number; index: number } | null {
  for (let column = 0; column < layout.length; column++) {
    const index = layout[column].ids.indexOf(cardId);
    if (index !== -1) return { column, index };
  }
  return null;
}

export type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

export function isDirection(key: string): key is Direction {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight';
}

/**
 * Where one arrow key press takes a picked-up card, or null at an edge. Up and down move it
 * within its column; left and right take it to the neighbouring column at the same height
 * (or the end, when that column is shorter).
 */
export function keyboardStep(layout: Layout, cardId: number, key: Direction): Place | null {
  const at = locate(layout, cardId);
  if (!at) return null;
  const { ids, columnId } = layout[at.column];
  switch (key) {
    case 'ArrowUp':
      return at.index > 0 ? { columnId, index: at.index - 1 } : null;
    case 'ArrowDown':
      return at.index < ids.length - 1 ? { columnId, index: at.index + 1 } : null;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const target = layout[at.column + (key === 'ArrowLeft' ? -1 : 1)];
      if (!target) return null;
      return { columnId: target.columnId, index: Math.min(at.index, target.ids.length) };
    }
  }
}

/**
 * The card that an arrow key moves focus to: the one above or below, or the one at the same
 * height in the nearest non-empty column to the left or right. Null at an edge.
 */
export function neighbourCard(layout: Layout, cardId: number, key: Direction): number | null {
  const at = locate(layout, cardId);
  if (!at) return null;
  const ids = layout[at.column].ids;
  if (key === 'ArrowUp') return at.index > 0 ? ids[at.index - 1] : null;
  if (key === 'ArrowDown') return at.index < ids.length - 1 ? ids[at.index + 1] : null;
  const step = key === 'ArrowLeft' ? -1 : 1;
  for (let c = at.column + step; c >= 0 && c < layout.length; c += step) {
    const other = layout[c].ids;
    if (other.length > 0) return other[Math.min(at.index, other.length - 1)];
  }
  return null;
}

// ---- The "by person" grid: lanes (people) down, cells (columns) across ----

/** Card ids per lane (person, or null for nobody) and per column, top to bottom. */
export type Grid = { memberId: number | null; cells: { columnId: number; ids: number[] }[] }[];

/** A cell of the grid, by lane and column index. */
export interface Cell {
  lane: number;
  column: number;
}

/** The lane under `y`: the one whose vertical extent contains it, else the nearest. -1 when none. */
export function laneIndexAt(y: number, lanes: readonly VSpan[]): number {
  return columnIndexAt(
    y,
    lanes.map((l) => ({ left: l.top, right: l.bottom })),
  );
}

export function locateInGrid(grid: Grid, cardId: number): (Cell & { index: number }) | null {
  for (let lane = 0; lane < grid.length; lane++) {
    for (let column = 0; column < grid[lane].cells.length; column++) {
      const index = grid[lane].cells[column].ids.indexOf(cardId);
      if (index !== -1) return { lane, column, index };
    }
  }
  return null;
}

/**
 * Where one arrow key takes a picked-up card in the grid, or null at an edge: up and down to
 * the previous or next lane (another person), left and right to the neighbouring column.
 */
export function gridStep(grid: Grid, from: Cell, key: Direction): Cell | null {
  const lane = from.lane + (key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0);
  const column = from.column + (key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0);
  if (lane < 0 || lane >= grid.length) return null;
  if (column < 0 || column >= grid[lane].cells.length) return null;
  return { lane, column };
}

/**
 * The card an arrow key moves focus to in the grid, or null at an edge. Up and down go through
 * the cell, then on to the nearest lane with cards: its cell in the same column, or the
 * nearest non-empty one. Left and right go to the nearest non-empty cell of the same lane.
 */
export function gridNeighbour(grid: Grid, cardId: number, key: Direction): number | null {
  const at = locateInGrid(grid, cardId);
  if (!at) return null;
  const cells = grid[at.lane].cells;
  const ids = cells[at.column].ids;
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const step = key === 'ArrowLeft' ? -1 : 1;
    for (let c = at.column + step; c >= 0 && c < cells.length; c += step) {
      const other = cells[c].ids;
      if (other.length > 0) return other[Math.min(at.index, other.length - 1)];
    }
    return null;
  }
  const up = key === 'ArrowUp';
  if (up && at.index > 0) return ids[at.index - 1];
  if (!up && at.index < ids.length - 1) return ids[at.index + 1];
  for (let l = at.lane + (up ? -1 : 1); l >= 0 && l < grid.length; l += up ? -1 : 1) {
    const row = grid[l].cells;
    // The same column first, then outwards.
    for (let d = 0; d < row.length; d++) {
      for (const c of d === 0 ? [at.column] : [at.column - d, at.column + d]) {
        const other = row[c]?.ids;
        if (other && other.length > 0) return up ? other[other.length - 1] : other[0];
      }
    }
  }
  return null;
}

// ---- Extra drop targets: things beside the columns a card can be dropped on ----

export interface Box extends HSpan, VSpan {}

export interface DropTarget<T> {
  box: Box;
  value: T;
}

/**
 * The target whose box holds the point (the first one, when they overlap); undefined when
 * none. Empty boxes (hidden elements) hold nothing.
 */
export function dropTargetAt<T>(p: Point, targets: readonly DropTarget<T>[]): T | undefined {
  return targets.find(
    ({ box }) =>
      box.right > box.left &&
      box.bottom > box.top &&
      p.x >= box.left &&
      p.x <= box.right &&
      p.y >= box.top &&
      p.y <= box.bottom,
  )?.value;
}

/**
 * The elements marked `data-assign-target` (the team strip's avatars) as drop targets: the
 * value is a team member id, or null for the attribute value "none" (nobody).
 */
export function assignTargets(scope: ParentNode = document): DropTarget<number | null>[] {
  return [...scope.querySelectorAll<HTMLElement>('[data-assign-target]')].map((el) => {
    const raw = el.dataset.assignTarget;
    return { box: el.getBoundingClientRect(), value: raw === 'none' ? null : Number(raw) };
  });
}

/** The person a card dropped at `p` would be given to, null for nobody; undefined when not over one. */
export function assignTargetAt(p: Point, scope: ParentNode = document): number | null | undefined {
  return dropTargetAt(p, assignTargets(scope));
}

/** The person a digit key gives a picked-up card to: 1–9 the n-th of `people`, 0 nobody; undefined otherwise. */
export function personForDigit(key: string, people: readonly number[]): number | null | undefined {
  if (!/^[0-9]$/.test(key)) return undefined;
  const n = Number(key);
  return n === 0 ? null : people[n - 1];
}

/**
 * Scroll speed (px per frame) for a pointer at `pos` inside the span [start, end]: negative
 * near the start, positive near the end, faster closer to the edge, zero elsewhere.
 */
export function edgeScrollSpeed(
  pos: number,
  start: number,
  end: number,
  edge = 48,
  maxSpeed = 16,
): number {
  const zone = Math.min(edge, (end - start) / 3);
  if (zone <= 0) return 0;
  if (pos < start + zone) {
    return -Math.ceil(maxSpeed * Math.min(1, (start + zone - pos) / zone));
  }
  if (pos > end - zone) {
    return Math.ceil(maxSpeed * Math.min(1, (pos - (end - zone)) / zone));
  }
  return 0;
}

/** Scrolls `el` one frame towards the edge the pointer is near; true if it scrolled. */
export function autoScroll(el: HTMLElement, axis: 'x' | 'y', pointer: number): boolean {
  const r = el.getBoundingClientRect();
  const speed =
    axis === 'x'
      ? edgeScrollSpeed(pointer, r.left, r.right)
      : edgeScrollSpeed(pointer, r.top, r.bottom);
  if (speed === 0) return false;
  if (axis === 'x') {
    const before = el.scrollLeft;
    el.scrollLeft = before + speed;
    return el.scrollLeft !== before;
  }
  const before = el.scrollTop;
  el.scrollTop = before + speed;
  return el.scrollTop !== before;
}

export interface DragHandlers {
  /** The pointer moved past the threshold: the drag begins. */
  start(origin: Point, now: Point): void;
  move(now: Point): void;
  drop(now: Point): void;
  cancel(): void;
}

/**
 * Follows the pointer after a `pointerdown` on a draggable thing. Listens on `window`, so the
 * drag survives the pointer leaving the card. A press released before moving `threshold`
 * px is a click and calls nothing. Escape, pointercancel or losing the window cancel.
 * Returns a function that stops listening (without calling any handler).
 */
export function trackPointer(
  down: PointerEvent,
  handlers: DragHandlers,
  threshold = DRAG_THRESHOLD,
): () => void {
  const origin = { x: down.clientX, y: down.clientY };
  const pointerId = down.pointerId;
  let dragging = false;

  const mine = (e: PointerEvent) => e.pointerId === pointerId || pointerId === undefined;

  function onMove(e: PointerEvent) {
    if (!mine(e)) return;
    const now = { x: e.clientX, y: e.clientY };
    if (!dragging) {
      if (!movedBeyond(origin, now, threshold)) return;
      dragging = true;
      handlers.start(origin, now);
    }
    e.preventDefault();
    handlers.move(now);
  }

  function onUp(e: PointerEvent) {
    if (!mine(e)) return;
    stop();
    if (dragging) handlers.drop({ x: e.clientX, y: e.clientY });
  }

  function abort() {
    stop();
    if (dragging) handlers.cancel();
  }

  function onCancel(e: PointerEvent) {
    if (mine(e)) abort();
  }

  function onKey(e: KeyboardEvent) {
    if (e.key !== 'Escape') return;
    if (dragging) {
      // The Escape belongs to the drag; nothing else (menus, dialogs) should see it.
      e.preventDefault();
      e.stopPropagation();
    }
    abort();
  }

  function stop() {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onCancel);
    window.removeEventListener('keydown', onKey, true);
    window.removeEventListener('blur', abort);
  }

  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('pointercancel', onCancel);
  window.addEventListener('keydown', onKey, true);
  window.addEventListener('blur', abort);
  return stop;
}

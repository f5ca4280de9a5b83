import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  afterIdAt,
  columnIndexAt,
  dropIndexAt,
  edgeScrollSpeed,
  gridNeighbour,
  gridStep,
  keyboardStep,
  laneIndexAt,
  locateInGrid,
  movedBeyond,
  neighbourCard,
  trackPointer,
  type Direction,
  type Grid,
  type Layout,
} from '../lib/dnd';

const COLUMNS = [
  { left: 0, right: 100 },
  { left: 110, right: 210 },
  { left: 220, right: 320 },
];

// Three cards of height 40 with 10 px gaps: midpoints at 20, 70, 120.
const CARDS = [
  { top: 0, bottom: 40 },
  { top: 50, bottom: 90 },
  { top: 100, bottom: 140 },
];

describe('columnIndexAt', () => {
  it.each([
    [50, 0],
    [0, 0],
    [100, 0],
    [150, 1],
    [320, 2],
    [104, 0], // in the gap, nearer the first column
    [107, 1], // in the gap, nearer the second
    [-500, 0],
    [9999, 2],
  ])('x=%d → column %d', (x, expected) => {
    expect(columnIndexAt(x, COLUMNS)).toBe(expected);
  });

  it('is -1 without columns', () => {
    expect(columnIndexAt(10, [])).toBe(-1);
  });
});

describe('dropIndexAt', () => {
  it.each([
    [-20, 0],
    [5, 0],
    [19, 0],
    [21, 1],
    [69, 1],
    [71, 2],
    [119, 2],
    [121, 3],
    [500, 3],
  ])('y=%d → index %d', (y, expected) => {
    expect(dropIndexAt(y, CARDS)).toBe(expected);
  });

  it('is 0 in an empty column', () => {
    expect(dropIndexAt(300, [])).toBe(0);
  });
});

describe('afterIdAt', () => {
  it.each([
    [[], 0, null],
    [[], 3, null],
    [[7, 8, 9], 0, null],
    [[7, 8, 9], 1, 7],
    [[7, 8, 9], 2, 8],
    [[7, 8, 9], 3, 9],
    [[7, 8, 9], 10, 9],
    [[7, 8, 9], -1, null],
  ])('others=%j index=%d → %j', (others, index, expected) => {
    expect(afterIdAt(others, index)).toBe(expected);
  });
});

describe('movedBeyond', () => {
  it.each([
    [0, 0, false],
    [4, 0, false],
    [3, 2.6, false],
    [5, 0, true],
    [0, -5, true],
    [3, 3, true],
  ])('dx=%d dy=%d → %s', (dx, dy, expected) => {
    expect(movedBeyond({ x: 10, y: 10 }, { x: 10 + dx, y: 10 + dy })).toBe(expected);
  });
});

const LAYOUT: Layout = [
  { columnId: 1, ids: [11, 12, 13] },
  { columnId: 2, ids: [21] },
  { columnId: 3, ids: [] },
  { columnId: 4, ids: [41, 42] },
];

describe('keyboardStep', () => {
  it.each<[number, Direction, { columnId: number; index: number } | null]>([
    [12, 'ArrowUp', { columnId: 1, index: 0 }],
    [11, 'ArrowUp', null],
    [12, 'ArrowDown', { columnId: 1, index: 2 }],
    [13, 'ArrowDown', null],
    [11, 'ArrowLeft', null],
    [13, 'ArrowRight', { columnId: 2, index: 1 }], // clamped to the end of a shorter column
    [11, 'ArrowRight', { columnId: 2, index: 0 }],
    [21, 'ArrowRight', { columnId: 3, index: 0 }], // empty columns are stops too
    [21, 'ArrowLeft', { columnId: 1, index: 0 }],
    [42, 'ArrowRight', null],
    [42, 'ArrowLeft', { columnId: 3, index: 0 }],
    [99, 'ArrowUp', null],
  ])('card %d %s → %j', (id, key, expected) => {
    expect(keyboardStep(LAYOUT, id, key)).toEqual(expected);
  });
});

describe('neighbourCard', () => {
  it.each<[number, Direction, number | null]>([
    [12, 'ArrowUp', 11],
    [11, 'ArrowUp', null],
    [12, 'ArrowDown', 13],
    [13, 'ArrowDown', null],
    [13, 'ArrowRight', 21],
    [21, 'ArrowRight', 41], // skips the empty column
    [41, 'ArrowLeft', 21],
    [42, 'ArrowLeft', 21],
    [11, 'ArrowLeft', null],
    [42, 'ArrowRight', null],
  ])('from %d %s → %j', (id, key, expected) => {
    expect(neighbourCard(LAYOUT, id, key)).toBe(expected);
  });
});

// Lanes: Ana (1), Bea (2), nobody; columns 10, 20, 30.
const GRID: Grid = [
  { memberId: 1, cells: [{ columnId: 10, ids: [1, 2] }, { columnId: 20, ids: [] }, { columnId: 30, ids: [3] }] },
  { memberId: 2, cells: [{ columnId: 10, ids: [] }, { columnId: 20, ids: [4] }, { columnId: 30, ids: [] }] },
  { memberId: null, cells: [{ columnId: 10, ids: [5] }, { columnId: 20, ids: [] }, { columnId: 30, ids: [6, 7] }] },
];

describe('laneIndexAt', () => {
  const LANES = [
    { top: 0, bottom: 100 },
    { top: 110, bottom: 210 },
  ];
  it.each([
    [50, 0],
    [104, 0],
    [107, 1],
    [-50, 0],
    [900, 1],
  ])('y=%d → lane %d', (y, expected) => {
    expect(laneIndexAt(y, LANES)).toBe(expected);
  });

  it('is -1 without lanes', () => {
    expect(laneIndexAt(5, [])).toBe(-1);
  });
});

describe('locateInGrid', () => {
  it.each([
    [2, { lane: 0, column: 0, index: 1 }],
    [4, { lane: 1, column: 1, index: 0 }],
    [7, { lane: 2, column: 2, index: 1 }],
    [99, null],
  ])('card %d → %j', (id, expected) => {
    expect(locateInGrid(GRID, id)).toEqual(expected);
  });
});

describe('gridStep', () => {
  it.each<[{ lane: number; column: number }, Direction, { lane: number; column: number } | null]>([
    [{ lane: 0, column: 0 }, 'ArrowDown', { lane: 1, column: 0 }],
    [{ lane: 1, column: 0 }, 'ArrowDown', { lane: 2, column: 0 }],
    [{ lane: 2, column: 0 }, 'ArrowDown', null],
    [{ lane: 0, column: 0 }, 'ArrowUp', null],
    [{ lane: 2, column: 1 }, 'ArrowUp', { lane: 1, column: 1 }],
    [{ lane: 0, column: 0 }, 'ArrowRight', { lane: 0, column: 1 }], // empty cells are stops too
    [{ lane: 0, column: 2 }, 'ArrowRight', null],
    [{ lane: 0, column: 0 }, 'ArrowLeft', null],
    [{ lane: 1, column: 2 }, 'ArrowLeft', { lane: 1, column: 1 }],
  ])('%j %s → %j', (from, key, expected) => {
    expect(gridStep(GRID, from, key)).toEqual(expected);
  });
});

describe('gridNeighbour', () => {
  it.each<[number, Direction, number | null]>([
    [1, 'ArrowDown', 2],
    [2, 'ArrowDown', 4], // Bea's To do is empty: her nearest card
    [4, 'ArrowDown', 5], // nobody's In progress is empty: To do comes first (left before right)
    [5, 'ArrowDown', null],
    [5, 'ArrowUp', 4],
    [4, 'ArrowUp', 2], // the last card of Ana's To do, nearest column to the left
    [2, 'ArrowUp', 1],
    [1, 'ArrowUp', null],
    [1, 'ArrowRight', 3], // skips the empty cell
    [2, 'ArrowRight', 3],
    [3, 'ArrowLeft', 1],
    [3, 'ArrowRight', null],
    [5, 'ArrowRight', 6],
    [4, 'ArrowLeft', null],
    [99, 'ArrowDown', null],
  ])('from %d %s → %j', (id, key, expected) => {
    expect(gridNeighbour(GRID, id, key)).toBe(expected);
  });
});

describe('edgeScrollSpeed', () => {
  it('is zero away from the edges and grows towards them', () => {
    expect(edgeScrollSpeed(500, 0, 1000)).toBe(0);
    expect(edgeScrollSpeed(10, 0, 1000)).toBeLessThan(0);
    expect(edgeScrollSpeed(990, 0, 1000)).toBeGreaterThan(0);
    expect(Math.abs(edgeScrollSpeed(2, 0, 1000))).toBeGreaterThan(Math.abs(edgeScrollSpeed(40, 0, 1000)));
    expect(edgeScrollSpeed(-50, 0, 1000)).toBe(-16);
    expect(edgeScrollSpeed(1050, 0, 1000)).toBe(16);
  });

  it('never scrolls an element without size', () => {
    expect(edgeScrollSpeed(0, 0, 0)).toBe(0);
  });
});

describe('trackPointer', () => {
  const stops: (() => void)[] = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  function handlers() {
    return { start: vi.fn(), move: vi.fn(), drop: vi.fn(), cancel: vi.fn() };
  }

  function down(x: number, y: number) {
    return new PointerEvent('pointerdown', { clientX: x, clientY: y, pointerId: 1, button: 0 });
  }

  function fire(type: string, x: number, y: number, pointerId = 1) {
    window.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId, bubbles: true }));
  }

  it('treats a press without movement as a click', () => {
    const h = handlers();
    stops.push(trackPointer(down(10, 10), h));
    fire('pointermove', 12, 11);
    fire('pointerup', 12, 11);
    expect(h.start).not.toHaveBeenCalled();
    expect(h.drop).not.toHaveBeenCalled();
  });

  it('starts past the threshold, follows the pointer and drops', () => {
    const h = handlers();
    stops.push(trackPointer(down(10, 10), h));
    fire('pointermove', 20, 10);
    expect(h.start).toHaveBeenCalledWith({ x: 10, y: 10 }, { x: 20, y: 10 });
    fire('pointermove', 30, 40);
    expect(h.move).toHaveBeenLastCalledWith({ x: 30, y: 40 });
    fire('pointerup', 31, 41);
    expect(h.drop).toHaveBeenCalledWith({ x: 31, y: 41 });
    // Listeners are gone after the drop.
    fire('pointermove', 100, 100);
    expect(h.move).toHaveBeenCalledTimes(2);
  });

  it('ignores other pointers', () => {
    const h = handlers();
    stops.push(trackPointer(down(10, 10), h));
    fire('pointermove', 100, 100, 2);
    expect(h.start).not.toHaveBeenCalled();
  });

  it('cancels on Escape and on pointercancel', () => {
    const h = handlers();
    stops.push(trackPointer(down(10, 10), h));
    fire('pointermove', 50, 10);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(h.cancel).toHaveBeenCalledTimes(1);
    fire('pointerup', 50, 10);
    expect(h.drop).not.toHaveBeenCalled();

    const h2 = handlers();
    stops.push(trackPointer(down(10, 10), h2));
    fire('pointermove', 50, 10);
    fire('pointercancel', 50, 10);
    expect(h2.cancel).toHaveBeenCalledTimes(1);
  });
});

import { describe, expect, it } from 'vitest';
import { BackendError } from '../lib/backend';
import { FakeBackend, loadsOf } from '../lib/fake-backend';
import { DATE_RANGE_MESSAGE, guessStage, parseEstimate, parseWipLimit, validateDue } from '../lib/rules';
import { formatEstimate, formatLoad } from '../lib/ui-helpers';
import { estimatedTeam, smallTeam } from './helpers';

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BackendError);
    return error as BackendError;
  }
  throw new Error('expected a rejection');
}

describe('FakeBackend: WIP limits', () => {
  it.each<[number | null, number | null]>([
    [1, 1],
    [5, 5],
    [999, 999],
    [null, null],
  ])('accepts the limit %j', async (limit, expected) => {
    const backend = new FakeBackend(smallTeam());
    const column = await backend.setWipLimit({ columnId: 2, limit });
    expect(column).toEqual({ id: 2, name: 'In progress', stage: 'in_progress', wipLimit: expected, archivedAt: null });
    expect(backend.boardNow(1).columns[1].wipLimit).toBe(expected);
  });

  it.each([0, -1, 1000, 2.5, NaN])('refuses the limit %j with the core message', async (limit) => {
    const backend = new FakeBackend(smallTeam());
    await backend.setWipLimit({ columnId: 2, limit: 3 });
    const error = await rejection(backend.setWipLimit({ columnId: 2, limit }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('A WIP limit goes from 1 to 999 cards; clear it for no limit.');
    expect(backend.boardNow(1).columns[1].wipLimit).toBe(3);
  });

  it('reports an unknown column, after checking the limit as the core does', async () => {
    const backend = new FakeBackend(smallTeam());
    const error = await rejection(backend.setWipLimit({ columnId: 7, limit: 2 }));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('That column (id 7) does not exist. It may have been deleted.');
    expect((await rejection(backend.setWipLimit({ columnId: 7, limit: 0 }))).code).toBe('invalid_input');
  });

  it('flags, never refuses, more cards than the limit', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.setWipLimit({ columnId: 3, limit: 1 });
    await backend.moveCard({ cardId: 1, columnId: 3, afterId: null });
    await backend.moveCard({ cardId: 2, columnId: 3, afterId: 1 });
    expect(backend.titles().Done).toEqual(['Write spec', 'Fix login']);
  });
});

describe('FakeBackend: estimates', () => {
  it.each<[number | null, number | null]>([
    [3, 3],
    [0, 0],
    [-0, 0],
    [2.5, 2.5],
    [1.234, 1.23],
    [1.235, 1.24],
    [0.004, 0],
    [10000, 10000],
    [null, null],
  ])('keeps %j as %j', async (estimate, expected) => {
    const backend = new FakeBackend(smallTeam());
    const card = await backend.setEstimate({ cardId: 1, estimate });
    expect(card.estimate).toBe(expected);
    expect(Object.is(card.estimate, -0)).toBe(false);
    expect(backend.cardNow(1)?.estimate).toBe(expected);
  });

  it.each([
    [NaN, 'An estimate must be a number.'],
    [Infinity, 'An estimate must be a number.'],
    [-Infinity, 'An estimate must be a number.'],
    [-1, 'An estimate cannot be negative.'],
    [-0.001, 'An estimate cannot be negative.'],
    [10000.01, 'An estimate can be at most 10000.'],
  ])('refuses %j: %s', async (estimate, message) => {
    const backend = new FakeBackend(smallTeam());
    await backend.setEstimate({ cardId: 1, estimate: 2 });
    const error = await rejection(backend.setEstimate({ cardId: 1, estimate }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(message);
    expect(backend.cardNow(1)?.estimate).toBe(2);
  });

  it('reports an unknown card', async () => {
    const error = await rejection(new FakeBackend(smallTeam()).setEstimate({ cardId: 7, estimate: 1 }));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('That card (id 7) does not exist. It may have been deleted.');
  });
});

describe('FakeBackend: assignment', () => {
  it('assigns and unassigns', async () => {
    const backend = new FakeBackend(smallTeam());
    expect((await backend.assignCard({ cardId: 2, memberId: 2 })).assigneeId).toBe(2);
    expect(backend.cardNow(2)?.assigneeId).toBe(2);
    expect((await backend.assignCard({ cardId: 2, memberId: null })).assigneeId).toBeNull();
    expect(backend.cardNow(2)?.assigneeId).toBeNull();
  });

  it.each([
    [{ cardId: 7, memberId: 1 }, 'That card (id 7) does not exist. It may have been deleted.'],
    [{ cardId: 7, memberId: null }, 'That card (id 7) does not exist. It may have been deleted.'],
    [{ cardId: 1, memberId: 7 }, 'That team member (id 7) does not exist. It may have been deleted.'],
    // The core looks for the person first.
    [{ cardId: 8, memberId: 7 }, 'That team member (id 7) does not exist. It may have been deleted.'],
  ])('refuses %j', async (req, message) => {
    const backend = new FakeBackend(smallTeam());
    const error = await rejection(backend.assignCard(req));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe(message);
    expect(backend.cardNow(1)?.assigneeId).toBe(1);
  });
});

describe('FakeBackend: undo of the new actions', () => {
  it.each<[string, (b: FakeBackend) => Promise<unknown>, (b: FakeBackend) => unknown, unknown]>([
    ['Assign card', (b) => b.assignCard({ cardId: 2, memberId: 1 }), (b) => b.cardNow(2)?.assigneeId, null],
    ['Unassign card', (b) => b.assignCard({ cardId: 1, memberId: null }), (b) => b.cardNow(1)?.assigneeId, 1],
    ['Set WIP limit', (b) => b.setWipLimit({ columnId: 1, limit: 2 }), (b) => b.boardNow(1).columns[0].wipLimit, null],
    ['Set estimate', (b) => b.setEstimate({ cardId: 1, estimate: 5 }), (b) => b.cardNow(1)?.estimate, null],
  ])('undoes "%s" and redoes it', async (label, act, read, before) => {
    const backend = new FakeBackend(smallTeam());
    await act(backend);
    const after = read(backend);
    expect(await backend.undo()).toEqual({ label });
    expect(read(backend)).toEqual(before);
    expect(await backend.redo()).toEqual({ label });
    expect(read(backend)).toEqual(after);
  });

  it('labels clearing as the core does', async () => {
    const backend = new FakeBackend(estimatedTeam());
    await backend.setWipLimit({ columnId: 2, limit: null });
    await backend.setEstimate({ cardId: 1, estimate: null });
    expect(await backend.undo()).toEqual({ label: 'Clear estimate' });
    expect(await backend.undo()).toEqual({ label: 'Clear WIP limit' });
    expect(backend.boardNow(1).columns[1].wipLimit).toBe(1);
    expect(backend.cardNow(1)?.estimate).toBe(3);
  });

  it('records nothing for a refused action', async () => {
    const backend = new FakeBackend(smallTeam());
    await rejection(backend.setWipLimit({ columnId: 1, limit: 0 }));
    await rejection(backend.setEstimate({ cardId: 1, estimate: -1 }));
    await rejection(backend.assignCard({ cardId: 1, memberId: 9 }));
    expect(await backend.undo()).toEqual({ label: null });
  });
});

describe('column stages', () => {
  it.each([
    ['In progress', 'in_progress'],
    ['Doing', 'in_progress'],
    ['Review', 'in_progress'],
    ['In review', 'in_progress'],
    ['  TESTING ', 'in_progress'],
    ['Done', 'done'],
    ['Finished', 'done'],
    ['Shipped', 'done'],
    ['released', 'done'],
    ['To do', 'not_started'],
    ['Backlog', 'not_started'],
    ['Done-ish', 'not_started'],
  ])('%j → %s', (name, stage) => {
    expect(guessStage(name)).toBe(stage);
  });

  it('are set from the names on boards the fake makes', async () => {
    const backend = new FakeBackend();
    await backend.startFresh();
    const board = await backend.loadBoard(1);
    expect(board.columns.map((c) => [c.name, c.stage, c.wipLimit])).toEqual([
      ['To do', 'not_started', null],
      ['In progress', 'in_progress', null],
      ['Review', 'in_progress', null],
      ['Done', 'done', null],
    ]);
    expect(board.estimateUnit).toBe('points');
    expect(board.loads).toEqual([]);
  });
});

describe('loads', () => {
  it('count open cards per person outside done columns, by member id with nobody last', () => {
    const backend = new FakeBackend(estimatedTeam());
    expect(backend.boardNow(1).loads).toEqual([
      { memberId: 1, openCards: 2, estimate: 8, unestimated: 0 },
      { memberId: 2, openCards: 1, estimate: 0, unestimated: 1 },
      { memberId: null, openCards: 2, estimate: 2, unestimated: 1 },
    ]);
  });

  it('leave out people without open cards and follow the cards', async () => {
    const backend = new FakeBackend(estimatedTeam());
    await backend.moveCard({ cardId: 5, columnId: 3, afterId: null }); // Review PR (Chidi) → Done
    await backend.assignCard({ cardId: 2, memberId: 2 }); // Fix login (2) → Chidi
    expect(backend.boardNow(1).loads).toEqual([
      { memberId: 1, openCards: 2, estimate: 8, unestimated: 0 },
      { memberId: 2, openCards: 1, estimate: 2, unestimated: 0 },
      { memberId: null, openCards: 1, estimate: 0, unestimated: 1 },
    ]);
  });

  it('sum in hundredths, so decimals add up exactly', () => {
    const columns = [{ id: 1, name: 'To do', stage: 'not_started' as const, wipLimit: null, archivedAt: null }];
    const card = (id: number, estimate: number) => ({
      id,
      columnId: 1,
      rank: String(id),
      title: 't',
      description: '',
      assigneeId: 3,
      estimate,
      priority: 'normal' as const,
      due: null,
      blocked: null,
      pinnedTo: null,
      labelIds: [],
      skills: [],
      checklist: { done: 0, total: 0 },
      archivedAt: null,
      createdAt: 0,
      updatedAt: 0,
    });
    expect(loadsOf(columns, [card(1, 0.1), card(2, 0.2)])[0].estimate).toBe(0.3);
  });

  it('use the stage, not the name, to tell done columns', () => {
    const init = estimatedTeam();
    init.boards![0].columns[2].stage = 'in_progress';
    expect(new FakeBackend(init).boardNow(1).loads[0]).toEqual({ memberId: 1, openCards: 3, estimate: 16, unestimated: 0 });
  });
});

describe('the demo board', () => {
  it('mirrors the core: estimates on most cards and "In progress" over its limit of 5', async () => {
    const backend = FakeBackend.demo();
    const board = await backend.loadBoard(1);
    expect(board.estimateUnit).toBe('points');
    const progress = board.columns.find((c) => c.name === 'In progress')!;
    expect(progress).toMatchObject({ stage: 'in_progress', wipLimit: 5 });
    expect(board.cards.filter((c) => c.columnId === progress.id)).toHaveLength(6);
    expect(board.columns.map((c) => c.stage)).toEqual(['not_started', 'not_started', 'in_progress', 'in_progress', 'done']);
    expect(board.cards).toHaveLength(30);
    const estimated = board.cards.filter((c) => c.estimate !== null);
    expect(estimated.length).toBeGreaterThan(board.cards.length / 2);
    expect(board.cards.length - estimated.length).toBe(4); // every 7th card from the 4th
    expect(board.loads.map((l) => l.memberId)).toEqual([1, 2, 3, 4, 5, 6, null]);
    expect(board.loads[0]).toEqual({ memberId: 1, openCards: 3, estimate: 6, unestimated: 1 });
    expect(board.loads.at(-1)).toEqual({ memberId: null, openCards: 5, estimate: 9, unestimated: 1 });
  });
});

describe('what the user types', () => {
  it.each<[string, string]>([
    ['2026-3-9', '2026-03-09'],
    ['1900-01-01', '1900-01-01'],
    ['2999-12-31', '2999-12-31'],
    ['1899-12-31', DATE_RANGE_MESSAGE],
    ['3000-01-01', DATE_RANGE_MESSAGE],
    ['0999-01-01', DATE_RANGE_MESSAGE],
    ['2026-02-30', '\u201c2026-02-30\u201d is not a date; write it as YYYY-MM-DD.'],
  ])('due date %j → %j, as the core has it', (raw, expected) => {
    if (expected.includes(' ')) expect(() => validateDue(raw)).toThrow(expected);
    else expect(validateDue(raw)).toBe(expected);
  });

  it.each<[string, boolean, number | null | string]>([
    ['', false, null],
    ['  ', false, null],
    ['3', false, 3],
    [' 12 ', false, 12],
    ['0', false, 0], // the core refuses it, in its own words
    ['1000', false, 1000],
    ['2.5', false, 'A WIP limit goes from 1 to 999 cards; clear it for no limit.'],
    ['-1', false, 'A WIP limit goes from 1 to 999 cards; clear it for no limit.'],
    ['abc', false, 'A WIP limit goes from 1 to 999 cards; clear it for no limit.'],
    ['', true, 'A WIP limit goes from 1 to 999 cards; clear it for no limit.'],
  ])('WIP limit %j (bad input: %s) → %j', (raw, bad, expected) => {
    const parsed = parseWipLimit(raw, bad);
    if (typeof expected === 'string') expect(parsed).toMatchObject({ ok: false, error: { message: expected } });
    else expect(parsed).toEqual({ ok: true, value: expected });
  });

  it.each<[string, boolean, number | null | string]>([
    ['', false, null],
    ['3', false, 3],
    ['2.75', false, 2.75],
    ['-1', false, -1], // the core refuses it, in its own words
    ['abc', false, 'An estimate must be a number.'],
    ['1e999', false, 'An estimate must be a number.'],
    ['', true, 'An estimate must be a number.'],
  ])('estimate %j (bad input: %s) → %j', (raw, bad, expected) => {
    const parsed = parseEstimate(raw, bad);
    if (typeof expected === 'string') expect(parsed).toMatchObject({ ok: false, error: { message: expected } });
    else expect(parsed).toEqual({ ok: true, value: expected });
  });

  it.each([
    [3, 'points', '3 pts'],
    [1, 'points', '1 pt'],
    [2.5, 'points', '2.5 pts'],
    [0, 'points', '0 pts'],
    [4, 'hours', '4 h'],
    [0.1 + 0.2, 'hours', '0.3 h'],
  ] as const)('formats %j %s as %j', (value, unit, text) => {
    expect(formatEstimate(value, unit)).toBe(text);
  });

  it('formats a load', () => {
    expect(formatLoad({ memberId: 1, openCards: 4, estimate: 11, unestimated: 1 }, 'points')).toBe(
      '4 open · 11 pts · 1 unestimated',
    );
    expect(formatLoad({ memberId: null, openCards: 0, estimate: 0, unestimated: 0 }, 'hours')).toBe('0 open · 0 h');
  });
});

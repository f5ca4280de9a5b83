import { describe, expect, it } from 'vitest';
import { BackendError } from '../lib/backend';
import { FakeBackend, validateTitle } from '../lib/fake-backend';
import { smallTeam } from './helpers';

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BackendError);
    return error as BackendError;
  }
  throw new Error('expected a rejection');
}

describe('FakeBackend', () => {
  it('starts empty and offers the two starts only once', async () => {
    const backend = new FakeBackend();
    expect(await backend.workspace()).toEqual({ empty: true, boards: [] });

    const ws = await backend.startFresh();
    expect(ws.empty).toBe(false);
    expect(ws.boards).toEqual([{ id: 1, name: 'My team' }]);
    const board = await backend.loadBoard(1);
    expect(board.columns.map((c) => c.name)).toEqual(['To do', 'In progress', 'Review', 'Done']);
    expect(board.cards).toEqual([]);

    const again = await rejection(backend.seedDemo());
    expect(again.code).toBe('invalid_input');
    expect((await rejection(backend.startFresh())).code).toBe('invalid_input');
  });

  it('seeds a demo team with people and assigned cards', async () => {
    const backend = new FakeBackend();
    const ws = await backend.seedDemo();
    const members = await backend.listMembers();
    expect(members.length).toBeGreaterThanOrEqual(3);
    const board = await backend.loadBoard(ws.boards[0].id);
    expect(board.cards.length).toBeGreaterThan(5);
    const memberIds = new Set(members.map((m) => m.id));
    const assigned = board.cards.filter((c) => c.assigneeId !== null);
    expect(assigned.length).toBeGreaterThan(0);
    for (const c of assigned) expect(memberIds.has(c.assigneeId!)).toBe(true);
  });

  it('creates cards at the end of the column with a trimmed title', async () => {
    const backend = new FakeBackend(smallTeam());
    const card = await backend.createCard({ columnId: 1, title: '  Review PR  ' });
    expect(card.title).toBe('Review PR');
    expect(card.columnId).toBe(1);
    expect(backend.titles()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint', 'Review PR']);
  });

  it.each([
    ['', 'The title cannot be empty.'],
    ['   ', 'The title cannot be empty.'],
    ['x'.repeat(501), 'The title can be at most 500 characters long.'],
    ['two\nlines', 'The title cannot contain line breaks or control characters.'],
    ['bell\u0007', 'The title cannot contain line breaks or control characters.'],
  ])('refuses the title %j', async (title, message) => {
    const backend = new FakeBackend(smallTeam());
    const error = await rejection(backend.createCard({ columnId: 1, title }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(message);
    const renameError = await rejection(backend.renameCard({ cardId: 1, title }));
    expect(renameError.message).toBe(message);
    expect(backend.cardNow(1)?.title).toBe('Write spec');
  });

  it('accepts titles of exactly 500 characters, counted as characters, and tabs', () => {
    expect(validateTitle('x'.repeat(500))).toHaveLength(500);
    expect([...validateTitle('😀'.repeat(500))]).toHaveLength(500);
    expect(validateTitle('a\tb')).toBe('a\tb');
  });

  it('reports unknown ids as not_found', async () => {
    const backend = new FakeBackend(smallTeam());
    const cases = [
      backend.loadBoard(99),
      backend.createCard({ columnId: 99, title: 'x' }),
      backend.renameCard({ cardId: 99, title: 'x' }),
      backend.moveCard({ cardId: 99, columnId: 1, afterId: null }),
      backend.moveCard({ cardId: 1, columnId: 99, afterId: null }),
      backend.moveCard({ cardId: 1, columnId: 2, afterId: 99 }),
    ];
    for (const promise of cases) {
      const error = await rejection(promise);
      expect(error.code).toBe('not_found');
      expect(error.message).toMatch(/does not exist/);
    }
  });

  it('refuses to place a card after itself or after a card of another column', async () => {
    const backend = new FakeBackend(smallTeam());
    const self = await rejection(backend.moveCard({ cardId: 1, columnId: 1, afterId: 1 }));
    expect(self.code).toBe('invalid_input');
    const elsewhere = await rejection(backend.moveCard({ cardId: 1, columnId: 2, afterId: 2 }));
    expect(elsewhere.code).toBe('invalid_input');
    expect(backend.titles()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']);
  });

  it('refuses moves to another board', async () => {
    const init = smallTeam();
    init.boards!.push({ name: 'Other', columns: [{ name: 'Elsewhere' }] });
    const backend = new FakeBackend(init);
    const error = await rejection(backend.moveCard({ cardId: 1, columnId: 4, afterId: null }));
    expect(error.code).toBe('invalid_input');
  });

  it('keeps cards in rank order after moves', async () => {
    const backend = new FakeBackend(smallTeam());
    // Write spec (1), Fix login (2), Plan sprint (3) | Build API (4) | -
    await backend.moveCard({ cardId: 3, columnId: 1, afterId: null });
    expect(backend.titles()['To do']).toEqual(['Plan sprint', 'Write spec', 'Fix login']);
    await backend.moveCard({ cardId: 3, columnId: 1, afterId: 2 });
    expect(backend.titles()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']);
    await backend.moveCard({ cardId: 1, columnId: 2, afterId: 4 });
    await backend.moveCard({ cardId: 2, columnId: 2, afterId: null });
    await backend.moveCard({ cardId: 4, columnId: 3, afterId: null });
    expect(backend.titles()).toEqual({
      'To do': ['Plan sprint'],
      'In progress': ['Fix login', 'Write spec'],
      Done: ['Build API'],
    });

    const board = await backend.loadBoard(1);
    // Column order first, then rank order compared as plain strings.
    const columnOrder = board.columns.map((c) => c.id);
    for (let i = 1; i < board.cards.length; i++) {
      const [a, b] = [board.cards[i - 1], board.cards[i]];
      const [ca, cb] = [columnOrder.indexOf(a.columnId), columnOrder.indexOf(b.columnId)];
      expect(ca <= cb).toBe(true);
      if (ca === cb) expect(a.rank < b.rank).toBe(true);
    }
  });

  it('returns copies, so callers cannot change its state', async () => {
    const backend = new FakeBackend(smallTeam());
    const board = await backend.loadBoard(1);
    board.cards[0].title = 'changed';
    const card = await backend.renameCard({ cardId: 2, title: 'Fix logout' });
    card.title = 'changed too';
    expect(backend.titles()['To do']).toEqual(['Write spec', 'Fix logout', 'Plan sprint']);
  });
});

import { describe, expect, it } from 'vitest';
import { BackendError } from '../lib/backend';
import { FakeBackend } from '../lib/fake-backend';
import { smallTeam } from './helpers';

/** Column names of board 1, left to right. */
function names(backend: FakeBackend, boardId = 1): string[] {
  return backend.boardNow(boardId).columns.map((c) => c.name);
}

async function refusal(p: Promise<unknown>): Promise<[string, string]> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof BackendError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return [error.code, error.message];
}

/** smallTeam plus a second board: columns 4 (Ideas) and 5 (Shipped). */
function twoBoards(): FakeBackend {
  const init = smallTeam();
  init.boards!.push({ name: 'Side project', columns: [{ name: 'Ideas', cards: ['Blog'] }, { name: 'Shipped' }] });
  return new FakeBackend(init);
}

const LONG = 'x'.repeat(121);

describe('FakeBackend column and board rules', () => {
  it.each<[string, (b: FakeBackend) => Promise<unknown>, string, string]>([
    ['empty column name', (b) => b.addColumn({ boardId: 1, name: '   ', afterId: null }), 'invalid_input', 'The column name cannot be empty.'],
    ['long column name', (b) => b.renameColumn({ columnId: 1, name: LONG }), 'invalid_input', 'The column name can be at most 120 characters long.'],
    ['line break in a column name', (b) => b.renameColumn({ columnId: 1, name: 'a\nb' }), 'invalid_input', 'The column name cannot contain line breaks or control characters.'],
    ['empty board name', (b) => b.addBoard(''), 'invalid_input', 'The board name cannot be empty.'],
    ['long board name', (b) => b.renameBoard({ boardId: 1, name: LONG }), 'invalid_input', 'The board name can be at most 120 characters long.'],
    ['control character in a board name', (b) => b.addBoard('a\u0007'), 'invalid_input', 'The board name cannot contain line breaks or control characters.'],
    ['add to an unknown board', (b) => b.addColumn({ boardId: 9, name: 'X', afterId: null }), 'not_found', 'That board (id 9) does not exist. It may have been deleted.'],
    ['add after a column of another board', (b) => b.addColumn({ boardId: 1, name: 'X', afterId: 4 }), 'invalid_input', 'The column to place after is on another board.'],
    ['rename an unknown column', (b) => b.renameColumn({ columnId: 99, name: 'X' }), 'not_found', 'That column (id 99) does not exist. It may have been deleted.'],
    ['rename an unknown board', (b) => b.renameBoard({ boardId: 9, name: 'X' }), 'not_found', 'That board (id 9) does not exist. It may have been deleted.'],
    ['move after itself', (b) => b.moveColumn({ columnId: 2, afterId: 2 }), 'invalid_input', 'A column cannot be placed after itself.'],
    ['move an unknown column', (b) => b.moveColumn({ columnId: 99, afterId: null }), 'not_found', 'That column (id 99) does not exist. It may have been deleted.'],
    ['move after an unknown column', (b) => b.moveColumn({ columnId: 1, afterId: 99 }), 'not_found', 'That column (id 99) does not exist. It may have been deleted.'],
    ['delete with cards, nowhere to put them', (b) => b.deleteColumn({ columnId: 1, cardsTo: null }), 'invalid_input', "Choose a column for this column's cards before deleting it."],
    ['delete, cards to the same column', (b) => b.deleteColumn({ columnId: 1, cardsTo: 1 }), 'invalid_input', 'The cards cannot go to the column being deleted.'],
    ['delete, cards to another board', (b) => b.deleteColumn({ columnId: 1, cardsTo: 5 }), 'invalid_input', 'The cards can only go to a column of the same board.'],
    ['delete, cards to an unknown column', (b) => b.deleteColumn({ columnId: 1, cardsTo: 99 }), 'not_found', 'That column (id 99) does not exist. It may have been deleted.'],
    ['delete an unknown column', (b) => b.deleteColumn({ columnId: 99, cardsTo: null }), 'not_found', 'That column (id 99) does not exist. It may have been deleted.'],
  ])('refuses: %s', async (_, act, code, message) => {
    const backend = twoBoards();
    const before = backend.boardNow(1);
    expect(await refusal(act(backend))).toEqual([code, message]);
    // Nothing changed, and nothing to undo.
    expect(backend.boardNow(1)).toEqual(before);
    expect((await backend.undo()).label).toBeNull();
  });

  it('refuses to delete the last column of a board, even an empty one', async () => {
    const backend = new FakeBackend({ boards: [{ name: 'Solo', columns: [{ name: 'Only' }] }] });
    expect(await refusal(backend.deleteColumn({ columnId: 1, cardsTo: null }))).toEqual([
      'invalid_input',
      'A board keeps at least one column.',
    ]);
  });

  it('adds a column after another or first, trimmed, with a guessed stage', async () => {
    const backend = twoBoards();
    const added = await backend.addColumn({ boardId: 1, name: '  Review ', afterId: 2 });
    expect(added).toEqual({ id: 6, name: 'Review', stage: 'in_progress', wipLimit: null, archivedAt: null });
    await backend.addColumn({ boardId: 1, name: 'Backlog', afterId: null });
    expect(names(backend)).toEqual(['Backlog', 'To do', 'In progress', 'Review', 'Done']);
    expect((await backend.undo()).label).toBe('Add column');
  });

  it('renames a column, guessing its stage again from the new name', async () => {
    const backend = twoBoards();
    const saved = await backend.renameColumn({ columnId: 3, name: 'Finished' });
    expect(saved).toMatchObject({ name: 'Finished', stage: 'done' });
    expect((await backend.renameColumn({ columnId: 3, name: 'Parked' })).stage).toBe('not_started');
    await backend.undo();
    expect((await backend.undo()).label).toBe('Rename column');
    expect(names(backend)).toEqual(['To do', 'In progress', 'Done']);
  });

  it('moves a column first, after another, last', async () => {
    const backend = twoBoards();
    await backend.moveColumn({ columnId: 3, afterId: null });
    expect(names(backend)).toEqual(['Done', 'To do', 'In progress']);
    await backend.moveColumn({ columnId: 3, afterId: 1 });
    expect(names(backend)).toEqual(['To do', 'Done', 'In progress']);
    await backend.moveColumn({ columnId: 1, afterId: 2 });
    expect(names(backend)).toEqual(['Done', 'In progress', 'To do']);
    expect((await backend.undo()).label).toBe('Move column');
  });

  it('deletes a column with its cards, archived ones too, going to the end of another in order', async () => {
    const backend = twoBoards();
    await backend.archiveCard(2); // Fix login
    await backend.deleteColumn({ columnId: 1, cardsTo: 2 });
    expect(backend.titles()).toEqual({ 'In progress': ['Build API', 'Write spec', 'Plan sprint'], Done: [] });
    expect(backend.cardNow(2)).toMatchObject({ columnId: 2, archivedAt: expect.any(Number) });
    // Restoring puts it back in its new column, in the place it had among the moved cards.
    await backend.restoreCard(2);
    expect(backend.titles()['In progress']).toEqual(['Build API', 'Write spec', 'Fix login', 'Plan sprint']);
  });

  it('deletes an empty column without anywhere for cards, and undo brings a deleted column back', async () => {
    const backend = twoBoards();
    await backend.deleteColumn({ columnId: 3, cardsTo: null });
    expect(names(backend)).toEqual(['To do', 'In progress']);
    await backend.deleteColumn({ columnId: 1, cardsTo: 2 });
    expect((await backend.undo()).label).toBe('Delete column');
    expect(backend.titles()).toEqual({ 'To do': ['Write spec', 'Fix login', 'Plan sprint'], 'In progress': ['Build API'] });
  });

  it('creates and renames boards, listed by the workspace; undo removes a created board', async () => {
    const backend = twoBoards();
    const made = await backend.addBoard('  Mobile ');
    expect(made).toMatchObject({ id: 3, name: 'Mobile', estimateUnit: 'points', cards: [] });
    expect(made.columns.map((c) => [c.name, c.stage])).toEqual([
      ['To do', 'not_started'],
      ['In progress', 'in_progress'],
      ['Review', 'in_progress'],
      ['Done', 'done'],
    ]);
    expect(await backend.renameBoard({ boardId: 3, name: 'Mobile app' })).toBeNull();
    expect((await backend.workspace()).boards).toEqual([
      { id: 1, name: 'Core team' },
      { id: 2, name: 'Side project' },
      { id: 3, name: 'Mobile app' },
    ]);
    expect((await backend.undo()).label).toBe('Rename board');
    expect((await backend.undo()).label).toBe('Create board');
    expect((await backend.workspace()).boards.map((b) => b.id)).toEqual([1, 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { BackendError } from '../lib/backend';
import { FakeBackend } from '../lib/fake-backend';
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

/** A fake whose clock moves on a second per reading, so archive times differ. */
function ticking(init = smallTeam()): FakeBackend {
  let t = 1_700_000_000_000;
  return new FakeBackend({ ...init, now: () => (t += 1000) });
}

const titleOf = (cards: { title: string }[]) => cards.map((c) => c.title);

describe('FakeBackend archive, restore and delete', () => {
  it('archives a card off the board and lists it, newest first', async () => {
    const backend = ticking();
    const archived = await backend.archiveCard(2);
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.updatedAt).toBe(archived.archivedAt);
    await backend.archiveCard(4);
    expect(backend.titles()).toEqual({ 'To do': ['Write spec', 'Plan sprint'], 'In progress': [], Done: [] });
    expect((await backend.loadBoard(1)).cards.some((c) => c.archivedAt !== null)).toBe(false);
    expect(titleOf(await backend.archivedCards(1))).toEqual(['Build API', 'Fix login']);
    // The card keeps its column.
    expect((await backend.archivedCards(1)).map((c) => c.columnId)).toEqual([2, 1]);
  });

  it('lists cards archived at the same moment by id, newest id first', async () => {
    const backend = new FakeBackend({ ...smallTeam(), now: () => 5 });
    await backend.archiveCard(1);
    await backend.archiveCard(3);
    expect((await backend.archivedCards(1)).map((c) => c.id)).toEqual([3, 1]);
  });

  it('has no archived cards for another or unknown board', async () => {
    const backend = ticking();
    await backend.archiveCard(1);
    expect(await backend.archivedCards(99)).toEqual([]);
  });

  it('restores a card in its old column and place, even after other moves', async () => {
    const backend = ticking();
    await backend.archiveCard(2);
    // A card moved to the top and one added at the end meanwhile.
    await backend.moveCard({ cardId: 3, columnId: 1, afterId: null });
    await backend.createCard({ columnId: 1, title: 'New one' });
    const restored = await backend.restoreCard(2);
    expect(restored.archivedAt).toBeNull();
    expect(restored.columnId).toBe(1);
    expect(backend.titles()['To do']).toEqual(['Plan sprint', 'Write spec', 'Fix login', 'New one']);
    expect(await backend.archivedCards(1)).toEqual([]);
  });

  it('deletes a card for good, archived or not', async () => {
    const backend = ticking();
    expect(await backend.deleteCard(2)).toBeNull();
    expect(backend.cardNow(2)).toBeUndefined();
    expect(backend.titles()['To do']).toEqual(['Write spec', 'Plan sprint']);
    await backend.archiveCard(4);
    await backend.deleteCard(4);
    expect(await backend.archivedCards(1)).toEqual([]);
    // A new card after a delete still goes to the end.
    await backend.createCard({ columnId: 1, title: 'Last' });
    expect(backend.titles()['To do']).toEqual(['Write spec', 'Plan sprint', 'Last']);
  });

  it('records each action for undo and redo under the core labels', async () => {
    const backend = ticking();
    await backend.archiveCard(2);
    await backend.restoreCard(2);
    await backend.deleteCard(2);
    expect(await backend.undo()).toEqual({ label: 'Delete card' });
    expect(backend.titles()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']);
    expect(await backend.undo()).toEqual({ label: 'Restore card' });
    expect(backend.titles()['To do']).toEqual(['Write spec', 'Plan sprint']);
    expect(titleOf(await backend.archivedCards(1))).toEqual(['Fix login']);
    expect(await backend.undo()).toEqual({ label: 'Archive card' });
    expect(backend.cardNow(2)?.archivedAt).toBeNull();
    expect(await backend.redo()).toEqual({ label: 'Archive card' });
    expect(backend.titles()['To do']).toEqual(['Write spec', 'Plan sprint']);
  });

  it('leaves archived cards out of the loads', async () => {
    const backend = new FakeBackend(estimatedTeam());
    expect(backend.boardNow(1).loads[0]).toEqual({ memberId: 1, openCards: 2, estimate: 8, unestimated: 0 });
    // "Build API": Ana's, 5 points, in progress.
    await backend.archiveCard(4);
    const loads = (await backend.loadBoard(1)).loads;
    expect(loads[0]).toEqual({ memberId: 1, openCards: 1, estimate: 3, unestimated: 0 });
    await backend.restoreCard(4);
    expect(backend.boardNow(1).loads[0]).toEqual({ memberId: 1, openCards: 2, estimate: 8, unestimated: 0 });
  });

  type Case = [name: string, act: (b: FakeBackend) => Promise<unknown>, code: string, message: string];
  const NOT_FOUND = 'That card (id 99) does not exist. It may have been deleted.';
  const cases: Case[] = [
    ['archiving an unknown card', (b) => b.archiveCard(99), 'not_found', NOT_FOUND],
    ['restoring an unknown card', (b) => b.restoreCard(99), 'not_found', NOT_FOUND],
    ['deleting an unknown card', (b) => b.deleteCard(99), 'not_found', NOT_FOUND],
    ['archiving an archived card', (b) => b.archiveCard(1), 'invalid_input', 'This card is already archived.'],
    ['restoring a card on the board', (b) => b.restoreCard(2), 'invalid_input', 'This card is not archived.'],
    [
      'moving an archived card',
      (b) => b.moveCard({ cardId: 1, columnId: 2, afterId: null }),
      'invalid_input',
      'This card is archived; restore it before moving it.',
    ],
    [
      'moving and assigning an archived card',
      (b) => b.placeCard({ cardId: 1, columnId: 2, afterId: null, memberId: 2 }),
      'invalid_input',
      'This card is archived; restore it before moving it.',
    ],
    [
      'placing a card after an archived one',
      (b) => b.moveCard({ cardId: 3, columnId: 1, afterId: 1 }),
      'invalid_input',
      'The card to place after is archived.',
    ],
    [
      'placing a card from another column after an archived one',
      (b) => b.moveCard({ cardId: 4, columnId: 1, afterId: 1 }),
      'invalid_input',
      'The card to place after is archived.',
    ],
  ];

  it.each(cases)('refuses %s, changing nothing', async (_name, act, code, message) => {
    const backend = ticking();
    await backend.archiveCard(1);
    const board = backend.boardNow(1);
    const archived = await backend.archivedCards(1);
    const error = await rejection(act(backend));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(backend.boardNow(1)).toEqual(board);
    expect(await backend.archivedCards(1)).toEqual(archived);
    // Nothing was recorded: the newest step is still the archive.
    expect(await backend.undo()).toEqual({ label: 'Archive card' });
  });
});

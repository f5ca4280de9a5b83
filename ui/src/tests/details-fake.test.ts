import { describe, expect, it } from 'vitest';
import { BackendError } from '../lib/backend';
import { FakeBackend, type FakeInit } from '../lib/fake-backend';
import { flowDates } from '../lib/flow';
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

/** A fake whose clock moves on a second per reading. */
function ticking(init: FakeInit = smallTeam()): FakeBackend {
  let t = 1_700_000_000_000;
  return new FakeBackend({ ...init, now: () => (t += 1000) });
}

/** smallTeam with a second board (columns 4 and 5, card 5) and labels on both. */
function labelled(): FakeInit {
  const team = smallTeam();
  team.boards![0].labels = [
    { name: 'Bug', color: 'vermillion' },
    { name: 'customer', color: 'orange' },
  ];
  team.boards!.push({
    name: 'Mobile',
    labels: [{ name: 'iOS', color: 'sky' }],
    columns: [{ name: 'Ideas', cards: ['Offline mode'] }, { name: 'Done' }],
  });
  return team;
}

describe('FakeBackend: description, priority and due date', () => {
  it('keeps the Markdown, drops trailing space and turns CRLF into LF; empty clears', async () => {
    const backend = ticking();
    const card = await backend.setDescription({ cardId: 2, text: '# Steps\r\n\r\n- one\r\n- two  \n\n ' });
    expect(card.description).toBe('# Steps\n\n- one\n- two');
    expect(card.updatedAt).toBeGreaterThan(card.createdAt);
    expect(backend.undoLabel()).toBe('Edit description');
    expect((await backend.setDescription({ cardId: 2, text: '   ' })).description).toBe('');
    expect((await backend.loadBoard(1)).cards.find((c) => c.id === 2)?.description).toBe('');
  });

  it.each([
    ['x'.repeat(20001), 'A description can be at most 20000 characters long.'],
    ['bell\u0007', 'A description cannot contain control characters.'],
  ])('refuses the description %#', async (text, message) => {
    const backend = new FakeBackend(smallTeam());
    const error = await rejection(backend.setDescription({ cardId: 1, text }));
    expect([error.code, error.message]).toEqual(['invalid_input', message]);
    expect(backend.undoLabel()).toBeNull();
  });

  it('takes 20000 characters, tabs and line breaks', async () => {
    const backend = new FakeBackend(smallTeam());
    expect((await backend.setDescription({ cardId: 1, text: 'é'.repeat(20000) })).description).toHaveLength(20000);
    expect((await backend.setDescription({ cardId: 1, text: 'a\tb\nc' })).description).toBe('a\tb\nc');
  });

  it('sets the priority, one undo step each', async () => {
    const backend = new FakeBackend(smallTeam());
    expect((await backend.setPriority({ cardId: 3, priority: 'urgent' })).priority).toBe('urgent');
    expect(backend.undoLabel()).toBe('Set priority');
    await backend.undo();
    expect(backend.cardNow(3)?.priority).toBe('normal');
    const missing = await rejection(backend.setPriority({ cardId: 99, priority: 'low' }));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toBe('That card (id 99) does not exist. It may have been deleted.');
  });

  it('sets and clears the due date with the core labels', async () => {
    const backend = new FakeBackend(smallTeam());
    expect((await backend.setDue({ cardId: 1, due: '2026-12-04' })).due).toBe('2026-12-04');
    expect(backend.undoLabel()).toBe('Set due date');
    expect((await backend.setDue({ cardId: 1, due: null })).due).toBeNull();
    expect(backend.undoLabel()).toBe('Clear due date');
  });

  it.each(['2026-02-30', '04/12/2026', '', 'tomorrow'])('refuses the due date %j before looking for the card', async (due) => {
    const backend = new FakeBackend(smallTeam());
    const error = await rejection(backend.setDue({ cardId: 99, due }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(`\u201c${due}\u201d is not a date; write it as YYYY-MM-DD.`);
  });
});

describe('FakeBackend: blocking', () => {
  it('blocks with a reason, keeps the time when the reason changes, and unblocks', async () => {
    const backend = ticking();
    const blocked = await backend.blockCard({ cardId: 2, reason: '  Waiting for design  ' });
    expect(blocked.blocked?.reason).toBe('Waiting for design');
    const since = blocked.blocked!.since;
    expect(backend.undoLabel()).toBe('Block card');

    const again = await backend.blockCard({ cardId: 2, reason: 'Waiting for legal' });
    expect(again.blocked).toEqual({ reason: 'Waiting for legal', since });
    expect(backend.undoLabel()).toBe('Edit block reason');

    expect((await backend.unblockCard(2)).blocked).toBeNull();
    expect(backend.undoLabel()).toBe('Unblock card');
    const kinds = (await backend.cardDetail(2)).history.map((e) => [e.kind, e.detail]);
    // One block event: a new reason is not a new block.
    expect(kinds).toEqual([
      ['created', null],
      ['blocked', 'Waiting for design'],
      ['unblocked', ''],
    ]);
  });

  it('refuses an empty reason and unblocking a card that is not blocked', async () => {
    const backend = new FakeBackend(smallTeam());
    expect((await rejection(backend.blockCard({ cardId: 1, reason: ' ' }))).message).toBe('The reason cannot be empty.');
    expect((await rejection(backend.blockCard({ cardId: 1, reason: 'x'.repeat(501) }))).message).toBe(
      'The reason can be at most 500 characters long.',
    );
    expect((await rejection(backend.unblockCard(1))).message).toBe('This card is not blocked.');
    expect((await rejection(backend.unblockCard(99))).code).toBe('not_found');
    expect(backend.undoLabel()).toBeNull();
  });
});

describe('FakeBackend: labels', () => {
  it('lists a board’s labels by name, ignoring case', async () => {
    const backend = new FakeBackend(labelled());
    await backend.createLabel({ boardId: 1, name: ' Accessibility ', color: 'green' });
    expect((await backend.loadBoard(1)).labels.map((l) => l.name)).toEqual(['Accessibility', 'Bug', 'customer']);
    expect((await backend.loadBoard(2)).labels).toEqual([{ id: 3, name: 'iOS', color: 'sky' }]);
    expect(backend.undoLabel()).toBe('Create label');
  });

  it.each([
    ['', 'The label name cannot be empty.'],
    ['x'.repeat(41), 'The label name can be at most 40 characters long.'],
    ['a\nb', 'The label name cannot contain line breaks or control characters.'],
    ['BUG', 'This board already has a label called \u201cBUG\u201d.'],
  ])('refuses the label name %j', async (name, message) => {
    const backend = new FakeBackend(labelled());
    const error = await rejection(backend.createLabel({ boardId: 1, name, color: 'blue' }));
    expect([error.code, error.message]).toEqual(['invalid_input', message]);
  });

  it('allows the same name on another board, and refuses an unknown board', async () => {
    const backend = new FakeBackend(labelled());
    expect((await backend.createLabel({ boardId: 2, name: 'Bug', color: 'blue' })).name).toBe('Bug');
    expect((await rejection(backend.createLabel({ boardId: 9, name: 'X', color: 'blue' }))).message).toBe(
      'That board (id 9) does not exist. It may have been deleted.',
    );
  });

  it('renames and recolours; a label may change the case of its own name', async () => {
    const backend = new FakeBackend(labelled());
    expect(await backend.updateLabel({ labelId: 2, name: 'Customer', color: 'purple' })).toEqual({
      id: 2,
      name: 'Customer',
      color: 'purple',
    });
    expect(backend.undoLabel()).toBe('Edit label');
    expect((await rejection(backend.updateLabel({ labelId: 2, name: 'bug', color: 'purple' }))).message).toBe(
      'This board already has a label called \u201cbug\u201d.',
    );
    expect((await rejection(backend.updateLabel({ labelId: 9, name: 'X', color: 'grey' }))).message).toBe(
      'That label (id 9) does not exist. It may have been deleted.',
    );
  });

  it('puts labels on cards in id order and takes them off', async () => {
    const backend = new FakeBackend(labelled());
    await backend.setCardLabel({ cardId: 1, labelId: 2, on: true });
    expect(backend.undoLabel()).toBe('Add label');
    expect((await backend.setCardLabel({ cardId: 1, labelId: 1, on: true })).labelIds).toEqual([1, 2]);
    // Twice on is still on.
    expect((await backend.setCardLabel({ cardId: 1, labelId: 1, on: true })).labelIds).toEqual([1, 2]);
    expect((await backend.setCardLabel({ cardId: 1, labelId: 1, on: false })).labelIds).toEqual([2]);
    expect(backend.undoLabel()).toBe('Remove label');
  });

  it('refuses a label of another board, an unknown label (first) and an unknown card', async () => {
    const backend = new FakeBackend(labelled());
    expect((await rejection(backend.setCardLabel({ cardId: 1, labelId: 3, on: true }))).message).toBe(
      'That label belongs to another board.',
    );
    expect((await rejection(backend.setCardLabel({ cardId: 99, labelId: 9, on: true }))).message).toContain('label (id 9)');
    expect((await rejection(backend.setCardLabel({ cardId: 99, labelId: 1, on: true }))).message).toContain('card (id 99)');
  });

  it('deletes a label from every card; undo brings both back', async () => {
    const backend = new FakeBackend(labelled());
    await backend.setCardLabel({ cardId: 1, labelId: 1, on: true });
    await backend.setCardLabel({ cardId: 2, labelId: 1, on: true });
    await backend.deleteLabel(1);
    expect(backend.undoLabel()).toBe('Delete label');
    expect((await backend.loadBoard(1)).labels.map((l) => l.name)).toEqual(['customer']);
    expect(backend.cardNow(1)?.labelIds).toEqual([]);
    expect(backend.cardNow(2)?.labelIds).toEqual([]);
    expect((await backend.undo()).label).toBe('Delete label');
    expect(backend.cardNow(1)?.labelIds).toEqual([1]);
    expect(backend.cardNow(2)?.labelIds).toEqual([1]);
    expect((await rejection(backend.deleteLabel(7))).code).toBe('not_found');
  });
});

describe('FakeBackend: required skills', () => {
  it('requires, changes and removes skills, kept in name order', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.setCardSkill({ cardId: 1, skill: ' Rust ', minLevel: 3 });
    expect(backend.undoLabel()).toBe('Require skill');
    await backend.setCardSkill({ cardId: 1, skill: 'Kubernetes', minLevel: 2 });
    expect((await backend.setCardSkill({ cardId: 1, skill: 'Rust', minLevel: 4 })).skills).toEqual([
      { skill: 'Kubernetes', minLevel: 2 },
      { skill: 'Rust', minLevel: 4 },
    ]);
    expect((await backend.setCardSkill({ cardId: 1, skill: 'Kubernetes', minLevel: null })).skills).toEqual([
      { skill: 'Rust', minLevel: 4 },
    ]);
    expect(backend.undoLabel()).toBe('Remove required skill');
  });

  it.each([0, 6, 2.5])('refuses the level %j', async (minLevel) => {
    const backend = new FakeBackend(smallTeam());
    const error = await rejection(backend.setCardSkill({ cardId: 1, skill: 'Rust', minLevel }));
    expect(error.message).toBe('A skill level goes from 1 (learning) to 5 (expert).');
  });

  it('refuses an empty or long skill name, then an unknown card', async () => {
    const backend = new FakeBackend(smallTeam());
    expect((await rejection(backend.setCardSkill({ cardId: 1, skill: '', minLevel: 1 }))).message).toBe(
      'The skill name cannot be empty.',
    );
    expect((await rejection(backend.setCardSkill({ cardId: 1, skill: 'x'.repeat(61), minLevel: 1 }))).message).toBe(
      'The skill name can be at most 60 characters long.',
    );
    expect((await rejection(backend.setCardSkill({ cardId: 99, skill: 'Rust', minLevel: 1 }))).code).toBe('not_found');
  });

  it('names every skill of the team and of the cards once, by name ignoring case', async () => {
    const backend = new FakeBackend({
      members: [{ name: 'Ana', role: 'Dev', skills: [{ name: 'SQL', level: 3 }, { name: 'Rust', level: 5 }] }],
      boards: [{ name: 'B', columns: [{ name: 'To do', cards: ['One'] }] }],
    });
    await backend.setCardSkill({ cardId: 1, skill: 'accessibility', minLevel: 2 });
    await backend.setCardSkill({ cardId: 1, skill: 'Rust', minLevel: 2 });
    expect(await backend.skillNames()).toEqual(['accessibility', 'Rust', 'SQL']);
  });
});

describe('FakeBackend: checklists', () => {
  it('adds at the end, renames, checks and deletes; the card counts its progress', async () => {
    const backend = new FakeBackend(smallTeam());
    const first = await backend.addChecklistItem({ cardId: 2, text: ' Reproduce ' });
    expect(first).toEqual({ id: 1, cardId: 2, text: 'Reproduce', done: false });
    expect(backend.undoLabel()).toBe('Add checklist item');
    await backend.addChecklistItem({ cardId: 2, text: 'Fix' });
    await backend.addChecklistItem({ cardId: 2, text: 'Test' });
    expect((await backend.checkChecklistItem({ itemId: 1, done: true })).done).toBe(true);
    expect(backend.undoLabel()).toBe('Check item');
    expect(backend.cardNow(2)?.checklist).toEqual({ done: 1, total: 3 });
    expect((await backend.loadBoard(1)).cards.find((c) => c.id === 2)?.checklist).toEqual({ done: 1, total: 3 });

    expect((await backend.renameChecklistItem({ itemId: 2, text: 'Fix it' })).text).toBe('Fix it');
    expect(backend.undoLabel()).toBe('Edit checklist item');
    await backend.checkChecklistItem({ itemId: 1, done: false });
    expect(backend.undoLabel()).toBe('Uncheck item');
    await backend.deleteChecklistItem(3);
    expect(backend.undoLabel()).toBe('Delete checklist item');
    expect((await backend.cardDetail(2)).checklist.map((i) => i.text)).toEqual(['Reproduce', 'Fix it']);
    await backend.undo();
    expect(backend.checklistNow(2).map((i) => i.text)).toEqual(['Reproduce', 'Fix it', 'Test']);
  });

  it('refuses empty text and unknown items or cards', async () => {
    const backend = new FakeBackend(smallTeam());
    expect((await rejection(backend.addChecklistItem({ cardId: 1, text: '  ' }))).message).toBe(
      'The checklist item cannot be empty.',
    );
    expect((await rejection(backend.addChecklistItem({ cardId: 99, text: 'x' }))).code).toBe('not_found');
    const missing = await rejection(backend.renameChecklistItem({ itemId: 5, text: 'x' }));
    expect(missing.message).toBe('That checklist item (id 5) does not exist. It may have been deleted.');
    expect((await rejection(backend.checkChecklistItem({ itemId: 5, done: true }))).code).toBe('not_found');
    expect((await rejection(backend.deleteChecklistItem(5))).code).toBe('not_found');
  });

  it('deleting a card deletes its checklist; undo brings it back', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.addChecklistItem({ cardId: 1, text: 'One' });
    await backend.deleteCard(1);
    expect((await rejection(backend.checkChecklistItem({ itemId: 1, done: true }))).code).toBe('not_found');
    await backend.undo();
    expect(backend.cardNow(1)?.checklist).toEqual({ done: 0, total: 1 });
  });
});

describe('FakeBackend: archived columns', () => {
  it('takes a column and its cards off the board and lists it with its card count', async () => {
    const backend = ticking();
    const column = await backend.archiveColumn(1);
    expect(column.archivedAt).not.toBeNull();
    expect(backend.undoLabel()).toBe('Archive column');
    const board = await backend.loadBoard(1);
    expect(board.columns.map((c) => c.name)).toEqual(['In progress', 'Done']);
    expect(board.cards.map((c) => c.title)).toEqual(['Build API']);
    // Ana's card left the board, so her open work did too.
    expect(board.loads.map((l) => l.memberId)).toEqual([2]);
    await backend.archiveColumn(3);
    const archived = await backend.archivedColumns(1);
    expect(archived.map((a) => [a.column.name, a.cards])).toEqual([
      ['Done', 0],
      ['To do', 3],
    ]);
    expect(await backend.archivedColumns(9)).toEqual([]);
  });

  it('counts only the cards still on an archived column', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.archiveCard(2);
    await backend.archiveColumn(1);
    expect((await backend.archivedColumns(1))[0].cards).toBe(2);
  });

  it('keeps one column on the board and refuses twice', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.archiveColumn(1);
    expect((await rejection(backend.archiveColumn(1))).message).toBe('This column is already archived.');
    await backend.archiveColumn(2);
    const last = await rejection(backend.archiveColumn(3));
    expect(last.message).toBe('A board keeps at least one column; add another before archiving this one.');
    expect((await rejection(backend.archiveColumn(9))).code).toBe('not_found');
    // Deleting the last column on the board is refused too, though archived ones remain.
    expect((await rejection(backend.deleteColumn({ columnId: 3, cardsTo: null }))).message).toBe(
      'A board keeps at least one column.',
    );
  });

  it('restores a column in its place with its cards; undo works both ways', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.archiveColumn(2);
    expect((await rejection(backend.restoreColumn(1))).message).toBe('This column is not archived.');
    expect((await backend.restoreColumn(2)).archivedAt).toBeNull();
    expect(backend.undoLabel()).toBe('Restore column');
    expect(backend.titles()).toEqual({
      'To do': ['Write spec', 'Fix login', 'Plan sprint'],
      'In progress': ['Build API'],
      Done: [],
    });
    await backend.undo();
    expect(Object.keys(backend.titles())).toEqual(['To do', 'Done']);
    await backend.undo();
    expect(Object.keys(backend.titles())).toEqual(['To do', 'In progress', 'Done']);
  });

  it('refuses new cards, moves and deleted columns’ cards into an archived column', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.archiveColumn(3);
    expect((await rejection(backend.createCard({ columnId: 3, title: 'X' }))).message).toBe(
      'That column is archived; restore it before adding cards to it.',
    );
    expect((await rejection(backend.moveCard({ cardId: 1, columnId: 3, afterId: null }))).message).toBe(
      'That column is archived; restore it before moving cards into it.',
    );
    expect((await rejection(backend.deleteColumn({ columnId: 2, cardsTo: 3 }))).message).toBe(
      'The cards cannot go to an archived column.',
    );
  });
});

describe('FakeBackend: history and flow dates', () => {
  it('records what happened to a card, oldest first', async () => {
    const backend = ticking();
    await backend.renameCard({ cardId: 2, title: 'Fix the login' });
    await backend.assignCard({ cardId: 2, memberId: 2 });
    await backend.moveCard({ cardId: 2, columnId: 2, afterId: null });
    await backend.archiveCard(2);
    await backend.restoreCard(2);
    const { history } = await backend.cardDetail(2);
    expect(history.map((e) => e.kind)).toEqual(['created', 'renamed', 'assigned', 'moved', 'archived', 'restored']);
    expect(history[0]).toMatchObject({ toColumnId: 1, fromColumnId: null });
    expect(history[2]).toMatchObject({ memberId: 2 });
    expect(history[3]).toMatchObject({ fromColumnId: 1, toColumnId: 2 });
    const times = history.map((e) => e.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // A card made assigned says so after its creation.
    expect((await backend.cardDetail(1)).history.map((e) => e.kind)).toEqual(['created', 'assigned']);
  });

  it('reads when work started and finished from the moves', async () => {
    let t = 0;
    const backend = new FakeBackend({ ...smallTeam(), now: () => (t += 10) });
    const start = await backend.cardDetail(3);
    expect([start.startedAt, start.doneAt]).toEqual([null, null]);
    await backend.moveCard({ cardId: 3, columnId: 2, afterId: null });
    const started = (await backend.cardDetail(3)).startedAt;
    expect(started).not.toBeNull();
    await backend.moveCard({ cardId: 3, columnId: 3, afterId: null });
    const done = await backend.cardDetail(3);
    expect(done.startedAt).toBe(started);
    expect(done.doneAt).toBeGreaterThan(started!);
    // Back out of done: not done any more; the start stays.
    await backend.moveCard({ cardId: 3, columnId: 1, afterId: null });
    const reopened = await backend.cardDetail(3);
    expect([reopened.startedAt, reopened.doneAt]).toEqual([started, null]);
  });

  it('flowDates: a move within done keeps the first done time; unknown columns are skipped', () => {
    const ev = (to: number, at: number) => ({
      kind: 'moved' as const,
      fromColumnId: null,
      toColumnId: to,
      memberId: null,
      detail: null,
      at,
    });
    const stages = new Map([
      [1, 'not_started' as const],
      [2, 'done' as const],
      [3, 'done' as const],
    ]);
    expect(flowDates([ev(1, 1), ev(2, 2), ev(3, 3), ev(9, 4)], (id) => stages.get(id))).toEqual({
      startedAt: 2,
      doneAt: 2,
    });
  });

  it('undo takes back the events of the action too', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.blockCard({ cardId: 1, reason: 'Waiting' });
    await backend.undo();
    expect((await backend.cardDetail(1)).history.map((e) => e.kind)).toEqual(['created', 'assigned']);
  });
});

describe('FakeBackend: the demo', () => {
  it('has the core demo’s labels, details, checklists and blocked card', async () => {
    const backend = FakeBackend.demo({ now: () => Date.UTC(2026, 0, 10, 12) });
    const board = await backend.loadBoard(1);
    expect(board.labels.map((l) => l.name)).toEqual(['Bug', 'Customer', 'Feature', 'Tech debt']);
    const limiter = board.cards.find((c) => c.title === 'Rate limiter for the search API')!;
    expect(limiter.checklist).toEqual({ done: 2, total: 4 });
    expect(limiter.due).toBe('2026-01-12');
    expect(limiter.priority).toBe('high');
    expect(limiter.description).toContain('**incident review**');
    const helm = board.cards.find((c) => c.title === 'Helm chart for the ingestion worker')!;
    expect(helm.blocked?.reason).toBe('Waiting for the cluster quota increase from the platform team');
    expect(board.cards.find((c) => c.title === 'Alert when the job queue is older than 10 minutes')?.due).toBe(
      '2026-01-09',
    );
  });
});

import { describe, expect, it, vi } from 'vitest';
import { BackendError } from '../lib/backend';
import { BoardState } from '../lib/board-state.svelte';
import { FakeBackend } from '../lib/fake-backend';
import { Notices } from '../lib/notices.svelte';
import { smallTeam } from './helpers';

async function setup() {
  const team = smallTeam();
  team.boards![0].labels = [
    { name: 'Bug', color: 'vermillion' },
    { name: 'customer', color: 'orange' },
  ];
  const backend = new FakeBackend(team);
  const notices = new Notices();
  const board = new BoardState(backend, notices);
  await Promise.all([board.load(1), board.loadMembers()]);
  const errors = () => notices.errors.map((e) => e.message);
  return { backend, notices, board, errors };
}

describe('BoardState: card details', () => {
  it('loads the board’s labels, by name', async () => {
    const { board } = await setup();
    expect(board.labels.map((l) => l.name)).toEqual(['Bug', 'customer']);
    expect(board.labelById.get(2)?.color).toBe('orange');
  });

  it('shows a new priority at once and takes it back when refused', async () => {
    const { backend, board, errors } = await setup();
    vi.spyOn(backend, 'setPriority').mockRejectedValueOnce(new BackendError('storage', 'Disk full.'));
    const saving = board.setPriority(2, 'urgent');
    expect(board.find(2)?.card.priority).toBe('urgent');
    expect(await saving).toBe(false);
    expect(board.find(2)?.card.priority).toBe('normal');
    expect(errors()).toEqual(['Disk full.']);
    expect(await board.setPriority(2, 'high')).toBe(true);
    expect(backend.cardNow(2)?.priority).toBe('high');
  });

  it('keeps the core’s tidied description and the old one when refused', async () => {
    const { board, errors } = await setup();
    expect(await board.setDescription(1, 'Hello  \r\n')).toBe(true);
    expect(board.find(1)?.card.description).toBe('Hello');
    expect(await board.setDescription(1, 'bell\u0007')).toBe(false);
    expect(board.find(1)?.card.description).toBe('Hello');
    expect(errors()).toEqual(['A description cannot contain control characters.']);
  });

  it('refuses a bad due date with the app’s message and keeps the old date', async () => {
    const { board, errors } = await setup();
    expect(await board.setDue(1, '2026-03-01')).toBe(true);
    expect(await board.setDue(1, '2026-02-30')).toBe(false);
    expect(board.find(1)?.card.due).toBe('2026-03-01');
    expect(errors()).toEqual(['\u201c2026-02-30\u201d is not a date; write it as YYYY-MM-DD.']);
  });

  it('blocks and unblocks; an empty reason changes nothing on screen', async () => {
    const { backend, board, errors } = await setup();
    expect(await board.block(3, ' ')).toBe(false);
    expect(board.find(3)?.card.blocked).toBeNull();
    expect(errors()).toEqual(['The reason cannot be empty.']);
    expect(await board.block(3, 'Waiting')).toBe(true);
    expect(board.find(3)?.card.blocked).toEqual(backend.cardNow(3)?.blocked);
    expect(await board.unblock(3)).toBe(true);
    expect(board.find(3)?.card.blocked).toBeNull();
  });

  it('toggles labels on cards at once; a deleted label leaves every card, and comes back when refused', async () => {
    const { backend, board } = await setup();
    const on = board.setCardLabel(1, 2, true);
    expect(board.find(1)?.card.labelIds).toEqual([2]);
    await on;
    await board.setCardLabel(2, 2, true);
    vi.spyOn(backend, 'deleteLabel').mockRejectedValueOnce(new BackendError('storage', 'Disk full.'));
    const deleting = board.deleteLabel(2);
    expect(board.labels.map((l) => l.name)).toEqual(['Bug']);
    expect(board.find(1)?.card.labelIds).toEqual([]);
    expect(await deleting).toBe(false);
    expect(board.labels.map((l) => l.name)).toEqual(['Bug', 'customer']);
    expect(board.find(2)?.card.labelIds).toEqual([2]);
    // The failure re-reads the board; let that finish first.
    await board.reload();
    expect(await board.deleteLabel(2)).toBe(true);
    expect(board.find(2)?.card.labelIds).toEqual([]);
    expect(await board.undoRedo()).toBe('Delete label');
    expect(board.find(2)?.card.labelIds).toEqual([2]);
    expect(board.labels.map((l) => l.name)).toEqual(['Bug', 'customer']);
  });

  it('creates and edits labels, keeping the list by name', async () => {
    const { board, errors } = await setup();
    expect((await board.createLabel('Accessibility', 'green'))?.id).toBe(3);
    expect(board.labels.map((l) => l.name)).toEqual(['Accessibility', 'Bug', 'customer']);
    expect(await board.updateLabel(2, 'Customer', 'purple')).toBe(true);
    expect(board.labelById.get(2)).toEqual({ id: 2, name: 'Customer', color: 'purple' });
    expect(await board.updateLabel(2, 'BUG', 'purple')).toBe(false);
    expect(board.labelById.get(2)?.name).toBe('Customer');
    expect(errors()).toEqual(['This board already has a label called \u201cBUG\u201d.']);
  });

  it('requires skills in name order and counts checklist progress on the card', async () => {
    const { board } = await setup();
    await board.setCardSkill(1, 'Rust', 3);
    await board.setCardSkill(1, 'Go', 2);
    expect(board.find(1)?.card.skills.map((s) => s.skill)).toEqual(['Go', 'Rust']);
    const a = await board.addChecklistItem(1, 'a');
    const b = await board.addChecklistItem(1, 'b');
    expect(board.find(1)?.card.checklist).toEqual({ done: 0, total: 2 });
    await board.checkChecklistItem(1, a!.id, true);
    expect(board.find(1)?.card.checklist).toEqual({ done: 1, total: 2 });
    await board.deleteChecklistItem(1, { ...a!, done: true });
    expect(board.find(1)?.card.checklist).toEqual({ done: 0, total: 1 });
    expect((await board.cardDetail(1))?.checklist.map((i) => i.id)).toEqual([b!.id]);
  });

  it('archives a column at once, and puts it back when refused', async () => {
    const { backend, board, errors } = await setup();
    vi.spyOn(backend, 'archiveColumn').mockRejectedValueOnce(new BackendError('storage', 'Disk full.'));
    const archiving = board.archiveColumn(2);
    expect(board.columns.map((c) => c.column.name)).toEqual(['To do', 'Done']);
    expect(await archiving).toBeNull();
    expect(board.columns.map((c) => c.column.name)).toEqual(['To do', 'In progress', 'Done']);
    expect(errors()).toEqual(['Disk full.']);
    expect(await board.archiveColumn(2)).not.toBeNull();
    await board.refreshArchivedColumns();
    expect(board.archivedColumns?.map((a) => [a.column.name, a.cards])).toEqual([['In progress', 1]]);
    expect(await board.restoreColumn(2)).not.toBeNull();
    expect(board.columns.map((c) => c.column.name)).toEqual(['To do', 'In progress', 'Done']);
    expect(board.archivedColumns).toEqual([]);
  });
});

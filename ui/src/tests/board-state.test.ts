import { describe, expect, it, vi } from 'vitest';
import { BackendError } from '../lib/backend';
import { BoardState } from '../lib/board-state.svelte';
import { FakeBackend } from '../lib/fake-backend';
import { Notices } from '../lib/notices.svelte';
import { smallTeam } from './helpers';

async function setup() {
  const backend = new FakeBackend(smallTeam());
  const notices = new Notices();
  const board = new BoardState(backend, notices);
  await Promise.all([board.load(1), board.loadMembers()]);
  const titles = () =>
    Object.fromEntries(board.columns.map((c) => [c.column.name, c.cards.map((card) => card.title)]));
  return { backend, notices, board, titles };
}

describe('BoardState', () => {
  it('loads columns, cards and people', async () => {
    const { board, titles } = await setup();
    expect(board.name).toBe('Core team');
    expect(titles()).toEqual({ 'To do': ['Write spec', 'Fix login', 'Plan sprint'], 'In progress': ['Build API'], Done: [] });
    expect(board.memberById.get(2)?.name).toBe('Chidi Okafor');
    expect(board.layout).toEqual([
      { columnId: 1, ids: [1, 2, 3] },
      { columnId: 2, ids: [4] },
      { columnId: 3, ids: [] },
    ]);
  });

  it('moves at once and sends afterId of the card above', async () => {
    const { backend, board, titles } = await setup();
    const move = vi.spyOn(backend, 'moveCard');
    const saving = board.move(3, 1, 1);
    expect(titles()['To do']).toEqual(['Write spec', 'Plan sprint', 'Fix login']);
    expect(await saving).toBe(true);
    expect(move).toHaveBeenCalledWith({ cardId: 3, columnId: 1, afterId: 1 });
    expect(backend.titles()['To do']).toEqual(['Write spec', 'Plan sprint', 'Fix login']);
    expect(board.find(3)?.card.rank).toBe(backend.cardNow(3)?.rank);
  });

  it('undoes a refused move, shows the error and re-reads the board', async () => {
    const { backend, notices, board, titles } = await setup();
    vi.spyOn(backend, 'moveCard').mockRejectedValueOnce(new BackendError('storage', 'Disk full.'));
    const load = vi.spyOn(backend, 'loadBoard');
    expect(await board.move(1, 3, 0)).toBe(false);
    expect(titles().Done).toEqual([]);
    expect(titles()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']);
    expect(notices.errors.map((e) => e.message)).toEqual(['Disk full.']);
    expect(load).toHaveBeenCalledWith(1);
  });

  it('renames with the trimmed title and restores the old one on refusal', async () => {
    const { backend, notices, board } = await setup();
    expect(await board.rename(2, '  Fix logout ')).toBe(true);
    expect(board.find(2)?.card.title).toBe('Fix logout');
    expect(await board.rename(2, 'a\nb')).toBe(false);
    expect(board.find(2)?.card.title).toBe('Fix logout');
    expect(backend.cardNow(2)?.title).toBe('Fix logout');
    expect(notices.errors.at(-1)?.message).toBe('The title cannot contain line breaks or control characters.');
  });

  it('does not call the backend for an unchanged title', async () => {
    const { backend, board } = await setup();
    const rename = vi.spyOn(backend, 'renameCard');
    expect(await board.rename(1, ' Write spec ')).toBe(true);
    expect(rename).not.toHaveBeenCalled();
  });

  it('appends created cards to their column', async () => {
    const { board, titles } = await setup();
    const card = await board.create(2, 'Deploy');
    expect(card?.title).toBe('Deploy');
    expect(titles()['In progress']).toEqual(['Build API', 'Deploy']);
  });

  it('shows a not_found error and re-reads the board', async () => {
    const { backend, notices, board } = await setup();
    const load = vi.spyOn(backend, 'loadBoard');
    expect(await board.create(42, 'Lost')).toBeNull();
    expect(notices.errors[0].message).toBe('That column (id 42) does not exist. It may have been deleted.');
    expect(load).toHaveBeenCalled();
  });
});

describe('BoardState: people, estimates, limits', () => {
  it('relocates with one assign and one move to the end of the column, then refreshes the loads', async () => {
    const { backend, board, titles } = await setup();
    const assign = vi.spyOn(backend, 'assignCard');
    const move = vi.spyOn(backend, 'moveCard');
    expect(await board.relocate(2, 2, 2)).toEqual({ assigned: true, moved: true });
    expect(assign).toHaveBeenCalledWith({ cardId: 2, memberId: 2 });
    expect(move).toHaveBeenCalledWith({ cardId: 2, columnId: 2, afterId: 4 });
    expect(titles()['In progress']).toEqual(['Build API', 'Fix login']);
    expect(board.find(2)?.card.assigneeId).toBe(2);
    expect(board.loadOf(2)).toEqual({ memberId: 2, openCards: 2, estimate: 0, unestimated: 2 });
    expect(board.loadOf(null).openCards).toBe(1);
  });

  it('saves nothing when the card stays where it was', async () => {
    const { backend, board } = await setup();
    const assign = vi.spyOn(backend, 'assignCard');
    const move = vi.spyOn(backend, 'moveCard');
    expect(await board.relocate(1, 1, 1)).toEqual({ assigned: false, moved: false });
    expect(assign).not.toHaveBeenCalled();
    expect(move).not.toHaveBeenCalled();
  });

  it('goes back and re-reads the board when an assignment is refused', async () => {
    const { backend, notices, board, titles } = await setup();
    vi.spyOn(backend, 'assignCard').mockRejectedValueOnce(new BackendError('storage', 'Disk full.'));
    const move = vi.spyOn(backend, 'moveCard');
    const load = vi.spyOn(backend, 'loadBoard');
    expect(await board.relocate(2, 1, 3)).toBeNull();
    expect(move).not.toHaveBeenCalled();
    expect(board.find(2)?.card.assigneeId).toBeNull();
    expect(titles()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']);
    expect(notices.errors.map((e) => e.message)).toEqual(['Disk full.']);
    expect(load).toHaveBeenCalledWith(1);
  });

  it('previews from the same snapshot again and again', async () => {
    const { board, titles } = await setup();
    const before = board.snapshot();
    board.preview(1, 2, 3, before);
    expect(titles().Done).toEqual(['Write spec']);
    board.preview(1, null, 2, before);
    expect(titles()).toEqual({ 'To do': ['Fix login', 'Plan sprint'], 'In progress': ['Build API', 'Write spec'], Done: [] });
    expect(board.find(1)?.card.assigneeId).toBeNull();
    board.restore(before);
    expect(titles()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']);
    expect(board.find(1)?.card.assigneeId).toBe(1);
  });

  it('sets an estimate at once and puts the old one back when refused', async () => {
    const { board, notices } = await setup();
    expect(await board.setEstimate(1, 2.345)).toBe(true);
    expect(board.find(1)?.card.estimate).toBe(2.35);
    expect(board.loadOf(1).estimate).toBe(2.35);
    expect(await board.setEstimate(1, -1)).toBe(false);
    expect(board.find(1)?.card.estimate).toBe(2.35);
    expect(notices.errors.at(-1)?.message).toBe('An estimate cannot be negative.');
  });

  it('sets a WIP limit and puts the old one back when refused', async () => {
    const { board, notices } = await setup();
    expect(await board.setWipLimit(2, 3)).toBe(true);
    expect(board.columnView(2)?.column.wipLimit).toBe(3);
    expect(await board.setWipLimit(2, 1000)).toBe(false);
    expect(board.columnView(2)?.column.wipLimit).toBe(3);
    expect(notices.errors.at(-1)?.message).toBe('A WIP limit goes from 1 to 999 cards; clear it for no limit.');
  });

  it('keeps only the newest loads', async () => {
    const { backend, board } = await setup();
    const stale = [{ memberId: 1, openCards: 99, estimate: 0, unestimated: 99 }];
    let release!: () => void;
    vi.spyOn(backend, 'boardLoads').mockImplementationOnce(
      () => new Promise((resolve) => (release = () => resolve(stale))),
    );
    const first = board.refreshLoads();
    await board.refreshLoads();
    release();
    await first;
    expect(board.loadOf(1).openCards).toBe(1);
  });
});

describe('Notices', () => {
  it('keeps the last three errors, once each in a row', () => {
    const notices = new Notices();
    notices.error(new BackendError('storage', 'a'));
    notices.error(new BackendError('storage', 'a'));
    notices.error({ code: 'internal', message: 'b' });
    notices.error('c');
    notices.error(new Error('d'));
    expect(notices.errors.map((e) => e.message)).toEqual(['b', 'c', 'd']);
    notices.dismiss(notices.errors[0].id);
    expect(notices.errors.map((e) => e.message)).toEqual(['c', 'd']);
  });
});

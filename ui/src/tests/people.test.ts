import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackendError } from '../lib/backend';
import { FakeBackend } from '../lib/fake-backend';
import { card, estimatedTeam, rect, renderBoard, smallTeam } from './helpers';

function lane(name: string): HTMLElement {
  const found = screen.getAllByTestId('lane').find((l) => l.dataset.memberName === name);
  if (!found) throw new Error(`no lane ${name}`);
  return found;
}

function cell(laneName: string, columnId: number): HTMLElement {
  const found = within(lane(laneName))
    .getAllByTestId('lane-cell')
    .find((c) => c.dataset.columnId === String(columnId));
  if (!found) throw new Error(`no cell ${laneName}/${columnId}`);
  return found;
}

/** Card titles per lane and column id, as the People view shows them. */
function grid(): Record<string, Record<string, string[]>> {
  return Object.fromEntries(
    screen.getAllByTestId('lane').map((l) => [
      l.dataset.memberName,
      Object.fromEntries(
        within(l)
          .getAllByTestId('lane-cell')
          .map((c) => [c.dataset.columnId, within(c).queryAllByTestId('card-title').map((t) => t.textContent)]),
      ),
    ]),
  );
}

function loadText(name: string): string {
  return within(lane(name)).getByTestId('lane-load').textContent ?? '';
}

async function showPeople(user: UserEvent) {
  await user.click(screen.getByTestId('view-people'));
  await screen.findAllByTestId('lane');
}

describe('the view toggle', () => {
  it('switches between columns and people, marking the pressed one', async () => {
    const { user } = await renderBoard();
    const columns = screen.getByTestId('view-columns');
    const people = screen.getByTestId('view-people');
    expect(columns).toHaveAttribute('aria-pressed', 'true');
    expect(people).toHaveAttribute('aria-pressed', 'false');
    expect(screen.queryAllByTestId('lane')).toHaveLength(0);

    await user.click(people);
    expect(people).toHaveAttribute('aria-pressed', 'true');
    expect(columns).toHaveAttribute('aria-pressed', 'false');
    expect(screen.queryAllByTestId('column')).toHaveLength(0);
    expect(screen.getAllByTestId('lane')).toHaveLength(3);

    await user.click(columns);
    expect(screen.getAllByTestId('column')).toHaveLength(3);
    expect(screen.queryAllByTestId('lane')).toHaveLength(0);
  });

  it('n goes back to the columns to add a card', async () => {
    const { user } = await renderBoard();
    await showPeople(user);
    await user.keyboard('n');
    expect(await screen.findByTestId('new-card-title')).toHaveFocus();
    expect(screen.getByTestId('view-columns')).toHaveAttribute('aria-pressed', 'true');
  });
});

describe('the People view', () => {
  it('shows one lane per person and Unassigned last, a cell per column, and the loads', async () => {
    const { user } = await renderBoard(new FakeBackend(estimatedTeam()));
    await showPeople(user);
    const lanes = screen.getAllByTestId('lane');
    expect(lanes.map((l) => [l.dataset.memberId, l.dataset.memberName])).toEqual([
      ['1', 'Ana Souza'],
      ['2', 'Chidi Okafor'],
      ['none', 'Unassigned'],
    ]);
    for (const l of lanes) {
      expect(within(l).getAllByTestId('lane-cell').map((c) => c.dataset.columnId)).toEqual(['1', '2', '3']);
    }
    expect(grid()).toEqual({
      'Ana Souza': { 1: ['Write spec'], 2: ['Build API'], 3: ['Ship v1'] },
      'Chidi Okafor': { 1: [], 2: ['Review PR'], 3: [] },
      Unassigned: { 1: ['Fix login', 'Plan sprint'], 2: [], 3: [] },
    });
    // Done cards are not open work.
    expect(loadText('Ana Souza')).toBe('2 open · 8 pts');
    expect(loadText('Chidi Okafor')).toBe('1 open · 0 pts · 1 unestimated');
    expect(loadText('Unassigned')).toBe('2 open · 2 pts · 1 unestimated');
    expect(within(lane('Ana Souza')).getByRole('heading', { name: 'Ana Souza' })).toBeInTheDocument();
    // The lane says who: its avatar once, not on every card.
    expect(within(lane('Ana Souza')).getAllByText('AS')).toHaveLength(1);
    // The column heads across the top carry the WIP flag too.
    expect(screen.getByTestId('wip')).toHaveTextContent('2/1');
  });

  it('shows the demo team with its loads', async () => {
    const { user } = await renderBoard(FakeBackend.demo());
    await showPeople(user);
    expect(screen.getAllByTestId('lane').map((l) => l.dataset.memberName)).toEqual([
      'Ana Souza',
      'Bea Lindqvist',
      'Chidi Okafor',
      'Dana Kowalski',
      'Eitan Levi',
      'Fatima Haddad',
      'Unassigned',
    ]);
    expect(loadText('Ana Souza')).toBe('3 open · 6 pts · 1 unestimated');
    expect(loadText('Chidi Okafor')).toBe('3 open · 22 pts');
    expect(loadText('Unassigned')).toBe('5 open · 9 pts · 1 unestimated');
  });

  it('shows a person without open work as 0 open', async () => {
    const { user } = await renderBoard(
      new FakeBackend({ members: [{ name: 'Ana Souza', role: 'Dev' }], boards: [{ name: 'B', columns: [{ name: 'To do' }] }] }),
    );
    await showPeople(user);
    expect(loadText('Ana Souza')).toBe('0 open · 0 pts');
    expect(loadText('Unassigned')).toBe('0 open · 0 pts');
  });

  it('refreshes the loads after moves made in the columns view', async () => {
    const { user, backend } = await renderBoard(new FakeBackend(estimatedTeam()));
    await user.click(within(card('Write spec')).getByTestId('card-menu'));
    await user.click(screen.getByRole('menuitem', { name: 'Move to Done' }));
    await waitFor(() => expect(backend.titles().Done).toContain('Write spec'));
    await showPeople(user);
    await waitFor(() => expect(loadText('Ana Souza')).toBe('1 open · 5 pts'));
  });
});

describe('assigning from the card menu', () => {
  it('offers everyone but the assignee, assigns and unassigns, and the lanes follow', async () => {
    const { user, backend } = await renderBoard(new FakeBackend(estimatedTeam()));
    await showPeople(user);

    await user.click(within(card('Fix login')).getByTestId('card-menu'));
    let menu = screen.getByRole('menu');
    expect(within(menu).getAllByTestId('assign-to').map((b) => [b.dataset.memberId, b.textContent?.trim()])).toEqual([
      ['1', 'Assign to Ana Souza'],
      ['2', 'Assign to Chidi Okafor'],
    ]);
    expect(within(menu).queryByTestId('unassign')).not.toBeInTheDocument();
    await user.click(within(menu).getByRole('menuitem', { name: 'Assign to Chidi Okafor' }));

    await waitFor(() => expect(backend.cardNow(2)?.assigneeId).toBe(2));
    expect(grid()['Chidi Okafor'][1]).toEqual(['Fix login']);
    await waitFor(() => expect(loadText('Chidi Okafor')).toBe('2 open · 2 pts · 1 unestimated'));
    expect(loadText('Unassigned')).toBe('1 open · 0 pts · 1 unestimated');
    expect(screen.getByTestId('live-region')).toHaveTextContent('Assigned Fix login to Chidi Okafor.');
    expect(card('Fix login')).toHaveFocus();

    await user.click(within(card('Fix login')).getByTestId('card-menu'));
    menu = screen.getByRole('menu');
    expect(within(menu).getAllByTestId('assign-to').map((b) => b.dataset.memberId)).toEqual(['1']);
    await user.click(within(menu).getByTestId('unassign'));
    await waitFor(() => expect(backend.cardNow(2)?.assigneeId).toBeNull());
    expect(grid().Unassigned[1]).toEqual(['Fix login', 'Plan sprint']);
    await waitFor(() => expect(loadText('Chidi Okafor')).toBe('1 open · 0 pts · 1 unestimated'));
    expect(screen.getByTestId('live-region')).toHaveTextContent('Unassigned Fix login.');
  });

  it('works in the columns view too', async () => {
    const { user, backend } = await renderBoard();
    await user.click(within(card('Plan sprint')).getByTestId('card-menu'));
    await user.click(screen.getByRole('menuitem', { name: 'Assign to Ana Souza' }));
    await waitFor(() => expect(backend.cardNow(3)?.assigneeId).toBe(1));
    expect(within(card('Plan sprint')).getByRole('img', { name: 'Assigned to Ana Souza' })).toBeInTheDocument();
  });

  it('rolls back and shows the error when the backend refuses', async () => {
    const { user, backend } = await renderBoard();
    vi.spyOn(backend, 'assignCard').mockRejectedValueOnce(
      new BackendError('not_found', 'That team member (id 2) does not exist. It may have been deleted.'),
    );
    await showPeople(user);
    await user.click(within(card('Fix login')).getByTestId('card-menu'));
    await user.click(screen.getByRole('menuitem', { name: 'Assign to Chidi Okafor' }));
    expect(await screen.findByTestId('error')).toHaveTextContent('That team member (id 2) does not exist.');
    await waitFor(() => expect(grid().Unassigned[1]).toEqual(['Fix login', 'Plan sprint']));
    expect(grid()['Chidi Okafor'][1]).toEqual([]);
  });
});

/**
 * jsdom has no layout: lanes are 200 px high rows from y = 100; cells 248 px wide from
 * x = 220, 260 px apart (the lane header takes x < 220).
 */
function layOutLanes() {
  screen.getAllByTestId('lane').forEach((l, i) => {
    l.getBoundingClientRect = () => rect(0, 100 + i * 200, 1000, 190);
    within(l)
      .getAllByTestId('lane-cell')
      .forEach((c, j) => {
        c.getBoundingClientRect = () => rect(220 + j * 260, 100 + i * 200, 248, 190);
      });
  });
}

async function drag(el: HTMLElement, from: [number, number], to: [number, number]) {
  await fireEvent.pointerDown(el, { clientX: from[0], clientY: from[1], button: 0, pointerId: 1 });
  await fireEvent.pointerMove(window, { clientX: to[0] - 20, clientY: to[1], pointerId: 1 });
  await fireEvent.pointerMove(window, { clientX: to[0], clientY: to[1], pointerId: 1 });
}

describe('dragging between lanes', () => {
  it('reassigns and moves to the end of the column of the cell it is dropped in', async () => {
    const { user, backend } = await renderBoard();
    await showPeople(user);
    const assign = vi.spyOn(backend, 'assignCard');
    const move = vi.spyOn(backend, 'moveCard');
    const load = vi.spyOn(backend, 'boardLoads');
    layOutLanes();
    // Fix login: Unassigned (lane 3), To do → Chidi (lane 2), In progress (x 480..728).
    await drag(card('Fix login'), [300, 520], [600, 400]);
    expect(document.querySelector('.ghost')).toHaveTextContent('Fix login');
    expect(cell('Chidi Okafor', 2)).toHaveClass('drop-target');
    expect(screen.getByTestId('people-view')).toHaveClass('dragging');
    await fireEvent.pointerUp(window, { clientX: 600, clientY: 400, pointerId: 1 });
    expect(document.querySelector('.ghost')).toBeNull();
    // The grabbing cursor restyles every card: it goes only after the drop has been painted.
    expect(screen.getByTestId('people-view')).toHaveClass('dragging');
    await waitFor(() => expect(screen.getByTestId('people-view')).not.toHaveClass('dragging'));

    await waitFor(() => expect(backend.cardNow(2)).toMatchObject({ assigneeId: 2, columnId: 2 }));
    expect(assign).toHaveBeenCalledWith({ cardId: 2, memberId: 2 });
    expect(move).toHaveBeenCalledWith({ cardId: 2, columnId: 2, afterId: 4 });
    expect(backend.titles()['In progress']).toEqual(['Build API', 'Fix login']);
    expect(grid()['Chidi Okafor'][2]).toEqual(['Build API', 'Fix login']);
    await waitFor(() => expect(loadText('Chidi Okafor')).toBe('2 open · 0 pts · 2 unestimated'));
    expect(load).toHaveBeenCalled();
    expect(screen.getByTestId('live-region')).toHaveTextContent('Assigned Fix login to Chidi Okafor. Moved it to In progress.');
  });

  it('only reassigns when dropped in the same column, and only moves within the same lane', async () => {
    const { user, backend } = await renderBoard();
    await showPeople(user);
    const assign = vi.spyOn(backend, 'assignCard');
    const move = vi.spyOn(backend, 'moveCard');
    layOutLanes();
    // Write spec: Ana, To do → Unassigned, To do.
    await drag(card('Write spec'), [300, 120], [300, 520]);
    await fireEvent.pointerUp(window, { clientX: 300, clientY: 520, pointerId: 1 });
    await waitFor(() => expect(backend.cardNow(1)?.assigneeId).toBeNull());
    expect(move).not.toHaveBeenCalled();
    expect(screen.getByTestId('live-region')).toHaveTextContent('Unassigned Write spec.');

    layOutLanes();
    // Build API: Chidi, In progress → Chidi, Done (x 740..988).
    await drag(card('Build API'), [600, 320], [800, 320]);
    await fireEvent.pointerUp(window, { clientX: 800, clientY: 320, pointerId: 1 });
    await waitFor(() => expect(backend.cardNow(4)?.columnId).toBe(3));
    expect(assign).toHaveBeenCalledTimes(1);
    expect(move).toHaveBeenCalledWith({ cardId: 4, columnId: 3, afterId: null });
    expect(screen.getByTestId('live-region')).toHaveTextContent('Moved Build API to Done.');
  });

  it('dropped on a lane header, keeps the column', async () => {
    const { user, backend } = await renderBoard();
    await showPeople(user);
    const move = vi.spyOn(backend, 'moveCard');
    layOutLanes();
    await drag(card('Build API'), [600, 320], [100, 120]);
    await fireEvent.pointerUp(window, { clientX: 100, clientY: 120, pointerId: 1 });
    await waitFor(() => expect(backend.cardNow(4)?.assigneeId).toBe(1));
    expect(move).not.toHaveBeenCalled();
    expect(backend.cardNow(4)?.columnId).toBe(2);
  });

  it('Escape cancels a drag', async () => {
    const { user, backend } = await renderBoard();
    await showPeople(user);
    const assign = vi.spyOn(backend, 'assignCard');
    layOutLanes();
    await drag(card('Fix login'), [300, 520], [600, 400]);
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(document.querySelector('.ghost')).toBeNull();
    await fireEvent.pointerUp(window, { clientX: 600, clientY: 400, pointerId: 1 });
    expect(assign).not.toHaveBeenCalled();
  });

  it('rolls back the whole drop when the backend refuses it', async () => {
    const { user, backend } = await renderBoard();
    await showPeople(user);
    vi.spyOn(backend, 'placeCard').mockRejectedValueOnce(new BackendError('storage', 'The disk is full.'));
    layOutLanes();
    await drag(card('Fix login'), [300, 520], [600, 400]);
    await fireEvent.pointerUp(window, { clientX: 600, clientY: 400, pointerId: 1 });
    expect(await screen.findByTestId('error')).toHaveTextContent('The disk is full.');
    // Move and assignment are one action: refused whole, the card is back with nobody.
    await waitFor(() => expect(grid()['Unassigned'][1]).toContain('Fix login'));
    expect(backend.cardNow(2)).toMatchObject({ assigneeId: null, columnId: 1 });
  });

  it('a drop into another person and column is one step for undo', async () => {
    const { user, backend } = await renderBoard();
    await showPeople(user);
    layOutLanes();
    await drag(card('Fix login'), [300, 520], [600, 400]);
    await fireEvent.pointerUp(window, { clientX: 600, clientY: 400, pointerId: 1 });
    await waitFor(() => expect(backend.cardNow(2)).toMatchObject({ assigneeId: 2, columnId: 2 }));
    expect((await backend.undo()).label).toBe('Move and assign card');
    expect(backend.cardNow(2)).toMatchObject({ assigneeId: null, columnId: 1 });
  });
});

describe('the keyboard in the People view', () => {
  it('Space picks up, ArrowDown goes to the next person, Space drops: one assignment', async () => {
    const { user, backend } = await renderBoard();
    await showPeople(user);
    const assign = vi.spyOn(backend, 'assignCard');
    const move = vi.spyOn(backend, 'moveCard');
    card('Write spec').focus();
    await user.keyboard(' ');
    expect(screen.getByTestId('live-region')).toHaveTextContent(/^Picked up Write spec\./);
    await user.keyboard('{ArrowDown}');
    // The pending place shows at once; nothing is saved yet.
    expect(grid()['Chidi Okafor'][1]).toEqual(['Write spec']);
    expect(card('Write spec')).toHaveFocus();
    expect(card('Write spec')).toHaveClass('picked');
    expect(assign).not.toHaveBeenCalled();
    expect(screen.getByTestId('live-region')).toHaveTextContent('Write spec: Chidi Okafor, To do.');

    await user.keyboard(' ');
    await waitFor(() => expect(backend.cardNow(1)?.assigneeId).toBe(2));
    expect(assign).toHaveBeenCalledTimes(1);
    expect(assign).toHaveBeenCalledWith({ cardId: 1, memberId: 2 });
    expect(move).not.toHaveBeenCalled();
    expect(screen.getByTestId('live-region')).toHaveTextContent('Assigned Write spec to Chidi Okafor.');
    await waitFor(() => expect(loadText('Ana Souza')).toBe('0 open · 0 pts'));
    expect(loadText('Chidi Okafor')).toBe('2 open · 0 pts · 2 unestimated');
    expect(card('Write spec')).not.toHaveClass('picked');
    expect(card('Write spec')).toHaveFocus();
  });

  it('ArrowRight changes the column, ArrowDown stops at Unassigned; Enter drops once', async () => {
    const { user, backend } = await renderBoard();
    await showPeople(user);
    const assign = vi.spyOn(backend, 'assignCard');
    const move = vi.spyOn(backend, 'moveCard');
    card('Write spec').focus();
    await user.keyboard(' {ArrowRight}{ArrowRight}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowLeft}');
    expect(grid().Unassigned[2]).toEqual(['Write spec']);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(backend.cardNow(1)).toMatchObject({ assigneeId: null, columnId: 2 }));
    expect(assign).toHaveBeenCalledTimes(1);
    expect(move).toHaveBeenCalledTimes(1);
    expect(move).toHaveBeenCalledWith({ cardId: 1, columnId: 2, afterId: 4 });
  });

  it('Escape cancels, and dropping where it started saves nothing', async () => {
    const { user, backend } = await renderBoard();
    await showPeople(user);
    const assign = vi.spyOn(backend, 'assignCard');
    const move = vi.spyOn(backend, 'moveCard');
    const start = grid();
    card('Fix login').focus();
    await user.keyboard(' {ArrowUp}{ArrowRight}');
    expect(grid()['Chidi Okafor'][2]).toEqual(['Build API', 'Fix login']);
    await user.keyboard('{Escape}');
    expect(grid()).toEqual(start);
    expect(card('Fix login')).toHaveFocus();
    expect(screen.getByTestId('live-region')).toHaveTextContent(/cancelled/i);

    await user.keyboard(' {ArrowUp}{ArrowDown} ');
    expect(grid()).toEqual(start);
    expect(assign).not.toHaveBeenCalled();
    expect(move).not.toHaveBeenCalled();
  });

  it('arrow keys alone move focus between cards across lanes and cells', async () => {
    const { user } = await renderBoard();
    await showPeople(user);
    card('Write spec').focus();
    await user.keyboard('{ArrowDown}'); // Chidi has nothing in To do: his nearest card
    expect(card('Build API')).toHaveFocus();
    await user.keyboard('{ArrowDown}'); // Unassigned, In progress is empty: To do
    expect(card('Fix login')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(card('Plan sprint')).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(card('Build API')).toHaveFocus();
    await user.keyboard('{ArrowLeft}'); // nothing left of it in Chidi's lane
    expect(card('Build API')).toHaveFocus();
  });

  it('e edits the title in the People view, Enter opens the card', async () => {
    const { user, backend } = await renderBoard();
    await showPeople(user);
    card('Plan sprint').focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('card-dialog')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('card-dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(card('Plan sprint')).toHaveFocus());
    await user.keyboard('e');
    const input = screen.getByTestId('card-title-input');
    await user.clear(input);
    await user.type(input, 'Plan the sprint{Enter}');
    await waitFor(() => expect(backend.cardNow(3)?.title).toBe('Plan the sprint'));
  });
});

describe('undo in the People view', () => {
  it('Ctrl+Z puts the card back with its person, and redo gives it away again', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    await showPeople(user);
    card('Write spec').focus();
    await user.keyboard(' {ArrowDown} ');
    await waitFor(() => expect(grid()['Chidi Okafor'][1]).toEqual(['Write spec']));

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(grid()['Ana Souza'][1]).toEqual(['Write spec']));
    expect(grid()['Chidi Okafor'][1]).toEqual([]);
    expect(backend.cardNow(1)?.assigneeId).toBe(1);
    expect(loadText('Ana Souza')).toBe('1 open · 0 pts · 1 unestimated');
    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent('Undone: Assign card.'));

    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(grid()['Chidi Okafor'][1]).toEqual(['Write spec']));
    expect(loadText('Ana Souza')).toBe('0 open · 0 pts');
  });
});

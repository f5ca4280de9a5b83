import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { card, column, rect, renderFiltered, titlesOnScreen } from './helpers';

async function pick(user: UserEvent, kind: string, option: string) {
  await user.click(screen.getByTestId(`filter-${kind}`));
  const menu = screen.getByTestId('filter-menu');
  await user.click(within(menu).getByRole('checkbox', { name: option }));
  await user.keyboard('{Escape}');
}

function chips(): string[] {
  return screen.queryAllByTestId('filter-chip').map((c) => c.getAttribute('aria-label') ?? '');
}

const ALL = {
  'To do': ['Write spec', 'Fix login', 'Plan sprint'],
  'In progress': ['Build API', 'Review PR'],
  Done: ['Ship v1'],
};

describe('the filter bar', () => {
  it('filters by a person, shows a chip and the count, and keeps the WIP count of all cards', async () => {
    const { user } = await renderFiltered();
    expect(screen.queryByTestId('filter-count')).not.toBeInTheDocument();
    await pick(user, 'assignee', 'Chidi Okafor');
    expect(titlesOnScreen()).toEqual({ 'To do': [], 'In progress': ['Build API'], Done: [] });
    expect(chips()).toEqual(['Remove filter Assignee: Chidi Okafor']);
    expect(screen.getByTestId('filter-count')).toHaveTextContent('1 of 6 cards');
    // The limit counts every card of the column, and says so.
    const todo = within(column('To do'));
    expect(todo.getByTestId('wip')).toHaveTextContent('3/2');
    expect(todo.getByTestId('column-count')).toHaveAttribute('title', expect.stringContaining('the filters hide'));
    expect(todo.getByText('No matching cards')).toBeInTheDocument();
    expect(within(column('Done')).getByTestId('column-count')).toHaveTextContent('1');
    // The menu's button says how many are chosen.
    expect(screen.getByTestId('filter-assignee')).toHaveTextContent('1');
  });

  it('ORs values of one kind and ANDs kinds', async () => {
    const { user } = await renderFiltered();
    await pick(user, 'assignee', 'Chidi Okafor');
    await pick(user, 'assignee', 'Unassigned');
    expect(titlesOnScreen()).toEqual({ 'To do': ['Fix login', 'Plan sprint'], 'In progress': ['Build API'], Done: [] });
    await user.click(screen.getByTestId('filter-blocked'));
    expect(screen.getByTestId('filter-blocked')).toHaveAttribute('aria-pressed', 'true');
    expect(titlesOnScreen()).toEqual({ 'To do': ['Fix login'], 'In progress': [], Done: [] });
    expect(chips()).toEqual([
      'Remove filter Assignee: Chidi Okafor',
      'Remove filter Assignee: Unassigned',
      'Remove filter Status: Blocked',
    ]);
  });

  it('filters by label, skill, priority and due date', async () => {
    const { user } = await renderFiltered();
    await pick(user, 'label', 'ux');
    expect(titlesOnScreen()['In progress']).toEqual(['Build API']);
    await user.click(screen.getByTestId('clear-filters'));

    await pick(user, 'skill', 'Rust');
    expect(titlesOnScreen()).toEqual({ 'To do': ['Plan sprint'], 'In progress': [], Done: [] });
    await user.click(screen.getByTestId('clear-filters'));

    await pick(user, 'priority', 'Urgent');
    await pick(user, 'priority', 'High');
    expect(titlesOnScreen()).toEqual({ 'To do': ['Fix login'], 'In progress': ['Review PR'], Done: [] });
    await user.click(screen.getByTestId('clear-filters'));

    // Overdue leaves out the finished card; this week runs to Sunday.
    await pick(user, 'due', 'Overdue');
    expect(titlesOnScreen()).toEqual({ 'To do': ['Write spec'], 'In progress': [], Done: [] });
    await pick(user, 'due', 'Due this week');
    expect(titlesOnScreen()).toEqual({ 'To do': ['Write spec'], 'In progress': ['Build API'], Done: [] });
  });

  it('removes one chip, or clears all in one action', async () => {
    const { user } = await renderFiltered();
    await pick(user, 'assignee', 'Ana Souza');
    await user.click(screen.getByTestId('filter-blocked'));
    await user.type(screen.getByTestId('filter-search'), 'spec');
    expect(chips()).toEqual([
      'Remove search spec',
      'Remove filter Assignee: Ana Souza',
      'Remove filter Status: Blocked',
    ]);
    await user.click(screen.getByRole('button', { name: 'Remove filter Status: Blocked' }));
    expect(chips()).toHaveLength(2);
    expect(titlesOnScreen()['To do']).toEqual(['Write spec']);
    // Focus stays among the chips: the last one left.
    expect(screen.getByRole('button', { name: 'Remove filter Assignee: Ana Souza' })).toHaveFocus();

    await user.click(screen.getByTestId('clear-filters'));
    expect(chips()).toEqual([]);
    expect(titlesOnScreen()).toEqual(ALL);
    expect(screen.getByTestId('filter-search')).toHaveValue('');
    expect(screen.getByTestId('filter-search')).toHaveFocus();
    expect(screen.queryByTestId('clear-filters')).not.toBeInTheDocument();
  });

  it('searches titles and descriptions without case or accents; Escape clears the text', async () => {
    const { user } = await renderFiltered();
    const search = screen.getByTestId('filter-search');
    await user.type(search, 'ERROR');
    expect(titlesOnScreen()).toEqual({ 'To do': ['Fix login'], 'In progress': [], Done: [] });
    await user.keyboard('{Escape}');
    expect(search).toHaveValue('');
    expect(search).toHaveFocus();
    expect(titlesOnScreen()).toEqual(ALL);
  });

  it('shows an empty state with a way out when nothing matches', async () => {
    const { user } = await renderFiltered();
    await user.type(screen.getByTestId('filter-search'), 'nothing like this');
    expect(screen.getByTestId('no-matches')).toHaveTextContent('No cards match these filters');
    expect(screen.getByTestId('filter-count')).toHaveTextContent('0 of 6 cards');
    await user.click(screen.getByTestId('no-matches-clear'));
    expect(screen.queryByTestId('no-matches')).not.toBeInTheDocument();
    expect(titlesOnScreen()).toEqual(ALL);
  });

  it('filters the by-person view too, hiding the lanes of the people left out', async () => {
    const { user } = await renderFiltered();
    await user.click(screen.getByTestId('view-people'));
    await pick(user, 'assignee', 'Ana Souza');
    const lanes = screen.getAllByTestId('lane');
    expect(lanes.map((l) => l.dataset.memberName)).toEqual(['Ana Souza']);
    expect(within(lanes[0]).getAllByTestId('card-title').map((t) => t.textContent)).toEqual([
      'Write spec',
      'Review PR',
      'Ship v1',
    ]);
    await user.click(screen.getByTestId('clear-filters'));
    await user.click(screen.getByTestId('filter-blocked'));
    expect(screen.getAllByTestId('card-title').map((t) => t.textContent)).toEqual(['Fix login']);
    expect(screen.getAllByTestId('lane')).toHaveLength(3);
  });

  it('keeps a card made while filtering in sight', async () => {
    const { user, backend } = await renderFiltered();
    await user.click(screen.getByTestId('filter-blocked'));
    await user.click(within(column('Done')).getByTestId('add-card'));
    await user.type(within(column('Done')).getByTestId('new-card-title'), 'Celebrate{Enter}');
    await waitFor(() => expect(backend.titles().Done).toEqual(['Ship v1', 'Celebrate']));
    expect(titlesOnScreen().Done).toEqual(['Celebrate']);
  });
});

describe('the / shortcut', () => {
  it('focuses the search box from a card, without typing the slash', async () => {
    const { user } = await renderFiltered();
    card('Build API').focus();
    await user.keyboard('/');
    const search = screen.getByTestId('filter-search');
    expect(search).toHaveFocus();
    expect(search).toHaveValue('');
  });

  it('does nothing while typing in another field', async () => {
    const { user } = await renderFiltered();
    await user.click(within(column('To do')).getByTestId('add-card'));
    const input = within(column('To do')).getByTestId('new-card-title');
    await user.keyboard('a/b');
    expect(input).toHaveValue('a/b');
    expect(input).toHaveFocus();
  });

  it('goes back to the board from another page', async () => {
    const { user } = await renderFiltered();
    await user.keyboard('gp');
    expect(screen.queryByTestId('board')).not.toBeInTheDocument();
    await user.keyboard('/');
    expect(await screen.findByTestId('filter-search')).toHaveFocus();
  });
});

/** Columns 200 px wide at x = 0, 220, 440; cards 40 px high from y = 100, 50 px apart. */
function layOut() {
  screen.getAllByTestId('column').forEach((col, i) => {
    col.getBoundingClientRect = () => rect(i * 220, 50, 200, 600);
    within(col)
      .queryAllByTestId('card')
      .forEach((el, j) => {
        el.getBoundingClientRect = () => rect(i * 220 + 10, 100 + j * 50, 180, 40);
      });
  });
}

describe('moving cards while filtered', () => {
  it('a drop goes right after the visible card above it', async () => {
    const { user, backend } = await renderFiltered();
    const move = vi.spyOn(backend, 'moveCard');
    // Shows Write spec and Plan sprint in To do; Fix login between them is hidden.
    await user.click(screen.getByTestId('filter-priority'));
    await user.click(within(screen.getByTestId('filter-menu')).getByRole('checkbox', { name: 'Normal' }));
    await user.keyboard('{Escape}');
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Plan sprint']);
    layOut();
    // Build API (x 230, y 100) onto To do, below Write spec's middle (120): after Write spec.
    await fireEvent.pointerDown(card('Build API'), { clientX: 300, clientY: 120, button: 0, pointerId: 1 });
    await fireEvent.pointerMove(window, { clientX: 100, clientY: 130, pointerId: 1 });
    await fireEvent.pointerMove(window, { clientX: 100, clientY: 135, pointerId: 1 });
    await fireEvent.pointerUp(window, { clientX: 100, clientY: 135, pointerId: 1 });
    await waitFor(() => expect(move).toHaveBeenCalledWith({ cardId: 4, columnId: 1, afterId: 1 }));
    await waitFor(() =>
      expect(backend.titles()['To do']).toEqual(['Write spec', 'Build API', 'Fix login', 'Plan sprint']),
    );
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Build API', 'Plan sprint']);
  });

  it('the keyboard moves past the hidden cards', async () => {
    const { user, backend } = await renderFiltered();
    const move = vi.spyOn(backend, 'moveCard');
    await user.click(screen.getByTestId('filter-priority'));
    await user.click(within(screen.getByTestId('filter-menu')).getByRole('checkbox', { name: 'Normal' }));
    await user.keyboard('{Escape}');
    card('Write spec').focus();
    // Arrow keys alone skip the hidden card too.
    await user.keyboard('{ArrowDown}');
    expect(card('Plan sprint')).toHaveFocus();
    await user.keyboard('{ArrowUp} {ArrowDown} ');
    await waitFor(() => expect(move).toHaveBeenCalledWith({ cardId: 1, columnId: 1, afterId: 3 }));
    expect(backend.titles()['To do']).toEqual(['Fix login', 'Plan sprint', 'Write spec']);
    expect(titlesOnScreen()['To do']).toEqual(['Plan sprint', 'Write spec']);
  });
});

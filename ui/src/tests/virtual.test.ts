import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { BoardState } from '../lib/board-state.svelte';
import { FakeBackend } from '../lib/fake-backend';
import { Notices } from '../lib/notices.svelte';
import { ESTIMATED_HEIGHT, WINDOW_FROM, prefixSums, sliceFor } from '../lib/virtual';
import { column, renderBoard } from './helpers';

describe('windowing math', () => {
  const prefix = prefixSums([10, 20, 30, 40, 50]);

  it('sums heights into tops', () => {
    expect(prefix).toEqual([0, 10, 30, 60, 100, 150]);
  });

  it.each([
    // scrollTop, height, overscan -> start, end, before, after
    [0, 25, 0, 0, 2, 0, 120],
    [30, 29, 0, 2, 3, 30, 90],
    [35, 30, 0, 2, 4, 30, 50],
    [0, 1000, 0, 0, 5, 0, 0],
    [140, 5, 0, 4, 5, 100, 0],
    [500, 10, 0, 4, 5, 100, 0],
    [60, 10, 30, 2, 5, 30, 0],
  ])('scrolled to %i with %i px visible and %i overscan', (top, height, overscan, start, end, before, after) => {
    expect(sliceFor(prefix, top, height, overscan)).toEqual({ start, end, before, after });
  });

  it('is empty for no items and keeps one item for a zero-height view', () => {
    expect(sliceFor([0], 0, 100)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
    expect(sliceFor(prefix, 0, 0, 0)).toEqual({ start: 0, end: 1, before: 0, after: 140 });
  });

  it('always covers the visible part exactly once', () => {
    const heights = Array.from({ length: 300 }, (_, i) => 40 + ((i * 37) % 50));
    const sums = prefixSums(heights);
    for (let top = 0; top < sums[300]; top += 173) {
      const s = sliceFor(sums, top, 600, 100);
      expect(s.before).toBe(sums[s.start]);
      expect(s.before + (sums[s.end] - sums[s.start]) + s.after).toBe(sums[300]);
      expect(s.before).toBeLessThanOrEqual(top);
      expect(sums[s.end]).toBeGreaterThanOrEqual(Math.min(sums[300], top + 600));
    }
  });
});

function longBoard(cards = 400): FakeBackend {
  return new FakeBackend({
    boards: [
      {
        name: 'Long',
        columns: [
          { name: 'To do', cards: Array.from({ length: cards }, (_, i) => `Task ${i}`) },
          { name: 'Done', cards: ['Shipped'] },
        ],
      },
    ],
  });
}

describe('a long column', () => {
  it('renders a window of its cards and counts all of them', async () => {
    await renderBoard(longBoard());
    const todo = column('To do');
    const rendered = within(todo).getAllByTestId('card');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(100);
    expect(todo).toHaveTextContent('400');
    const list = within(todo).getByTestId('column-cards');
    const spacer = list.querySelector<HTMLElement>('.spacer');
    // Nothing is measured in jsdom, so the cards below stand in at the estimated height.
    expect(spacer?.style.height).toBe(`${(400 - rendered.length) * ESTIMATED_HEIGHT}px`);
    // A short column renders every card.
    expect(within(column('Done')).getAllByTestId('card')).toHaveLength(1);
  });

  it('scrolls the window with the list and renders the cards there', async () => {
    await renderBoard(longBoard());
    const list = within(column('To do')).getByTestId('column-cards');
    list.scrollTop = 300 * ESTIMATED_HEIGHT;
    await fireEvent.scroll(list);
    await waitFor(() => expect(screen.getByText('Task 300')).toBeInTheDocument());
    expect(screen.queryByText('Task 0')).toBeNull();
    expect(list.dataset.othersBefore).not.toBe('0');
  });

  it('brings a card outside the window into view to focus it', async () => {
    const { user } = await renderBoard(longBoard());
    const first = within(column('To do')).getAllByTestId('card')[0];
    first.focus();
    // End of the column by keyboard: the focus follows card by card into unrendered ones.
    for (let i = 0; i < WINDOW_FROM + 40; i++) await user.keyboard('{ArrowDown}');
    const focused = document.activeElement as HTMLElement;
    expect(focused.dataset.testid).toBe('card');
    expect(within(focused).getByTestId('card-title')).toHaveTextContent(`Task ${WINDOW_FROM + 40}`);
  });
});

describe('board snapshots', () => {
  it('restore puts back order, columns and assignees, and can be restored twice', async () => {
    const backend = longBoard(5);
    const board = new BoardState(backend, new Notices());
    await board.load(1);
    const order = () => board.columns.map((c) => c.cards.map((card) => [card.id, card.columnId, card.assigneeId]));
    const start = order();
    const before = board.snapshot();
    const [todo, done] = board.columns;
    const moving = todo.cards[1].id;
    board.placeLocally(moving, done.column.id, 0);
    board.columns[1].cards[0].assigneeId = 7;
    expect(order()).not.toEqual(start);
    board.restore(before);
    expect(order()).toEqual(start);
    board.placeLocally(todo.cards[0].id, todo.column.id, 3);
    board.restore(before);
    expect(order()).toEqual(start);
  });
});

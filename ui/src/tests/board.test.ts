import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { BackendError } from '../lib/backend';
import { FakeBackend } from '../lib/fake-backend';
import { card, column, rect, renderBoard, smallTeam, titlesOnScreen } from './helpers';

const START = {
  'To do': ['Write spec', 'Fix login', 'Plan sprint'],
  'In progress': ['Build API'],
  Done: [],
};

describe('board', () => {
  it('shows columns with their counts and cards in order', async () => {
    await renderBoard();
    expect(titlesOnScreen()).toEqual(START);
    const todo = column('To do');
    expect(todo).toHaveAttribute('data-column-id', '1');
    expect(within(todo).getByLabelText('3 cards')).toHaveTextContent('3');
    expect(within(column('Done')).getByText('No cards')).toBeInTheDocument();
    const spec = card('Write spec');
    expect(spec).toHaveAttribute('tabindex', '0');
    expect(spec).toHaveAttribute('data-card-id', '1');
    expect(within(spec).getByRole('img', { name: 'Assigned to Ana Souza' })).toHaveTextContent('AS');
    expect(within(card('Fix login')).queryByRole('img')).not.toBeInTheDocument();
  });

  it('sorts cards by rank as plain strings', async () => {
    const backend = new FakeBackend(smallTeam());
    const board = backend.boardNow(1);
    // Out of order, with ranks where locale-aware comparison would disagree ("a" < "B").
    const cards = board.cards.filter((c) => c.columnId === 1);
    cards[0].rank = 'a';
    cards[1].rank = 'B';
    cards[2].rank = 'Z';
    vi.spyOn(backend, 'loadBoard').mockResolvedValue({ ...board, cards: [cards[0], cards[1], cards[2], ...board.cards.slice(3)] });
    await renderBoard(backend);
    expect(titlesOnScreen()['To do']).toEqual(['Fix login', 'Plan sprint', 'Write spec']);
  });
});

describe('creating cards', () => {
  it('adds cards from the add-card input and keeps it open for the next one', async () => {
    const { user, backend } = await renderBoard();
    const done = column('Done');
    await user.click(within(done).getByTestId('add-card'));
    const input = within(done).getByTestId('new-card-title');
    expect(input).toHaveFocus();

    await user.type(input, 'Ship it{Enter}');
    await waitFor(() => expect(titlesOnScreen().Done).toEqual(['Ship it']));
    expect(backend.titles().Done).toEqual(['Ship it']);
    expect(within(done).getByTestId('new-card-title')).toHaveValue('');
    expect(within(done).getByTestId('new-card-title')).toHaveFocus();

    await user.type(within(done).getByTestId('new-card-title'), '  Celebrate {Enter}');
    await waitFor(() => expect(backend.titles().Done).toEqual(['Ship it', 'Celebrate']));
    expect(titlesOnScreen().Done).toEqual(['Ship it', 'Celebrate']);

    await user.keyboard('{Escape}');
    expect(within(done).queryByTestId('new-card-title')).not.toBeInTheDocument();
    expect(within(done).getByTestId('add-card')).toHaveFocus();
  });

  it('shows the backend error when a card cannot be made', async () => {
    const { user, backend } = await renderBoard();
    const todo = column('To do');
    await user.click(within(todo).getByTestId('add-card'));
    await user.click(within(todo).getByTestId('new-card-title'));
    await user.paste('x'.repeat(501));
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('error')).toHaveTextContent('The title can be at most 500 characters long.');
    expect(backend.titles()['To do']).toEqual(START['To do']);
    expect(titlesOnScreen()['To do']).toEqual(START['To do']);
    // The text is kept so it can be fixed.
    expect(within(todo).getByTestId('new-card-title')).toHaveValue('x'.repeat(501));
  });

  it('n on another page goes back to the board and opens the input', async () => {
    const { user } = await renderBoard();
    await user.keyboard('gp');
    expect(screen.queryByTestId('board')).not.toBeInTheDocument();
    await user.keyboard('n');
    expect(await screen.findByTestId('new-card-title')).toHaveFocus();
    expect(screen.getByTestId('new-card-title').closest('[data-testid="column"]')).toBe(column('To do'));
  });

  it('opens the first column input with n, without typing the n', async () => {
    const { user } = await renderBoard();
    await user.keyboard('n');
    const input = within(column('To do')).getByTestId('new-card-title');
    expect(input).toHaveFocus();
    expect(input).toHaveValue('');
    // Typing "n" in the input types, it does not steal the key.
    await user.keyboard('nope');
    expect(input).toHaveValue('nope');
  });
});

describe('editing titles', () => {
  it('edits with e; Enter saves', async () => {
    const { user, backend } = await renderBoard();
    card('Fix login').focus();
    await user.keyboard('e');
    const input = screen.getByTestId('card-title-input');
    expect(input).toHaveValue('Fix login');
    await user.clear(input);
    await user.type(input, 'Fix logout{Enter}');
    expect(screen.queryByTestId('card-title-input')).not.toBeInTheDocument();
    expect(card('Fix logout')).toHaveFocus();
    await waitFor(() => expect(backend.cardNow(2)?.title).toBe('Fix logout'));
  });

  it('edits with e on a focused card; Escape cancels; Enter opens the card instead', async () => {
    const { user, backend } = await renderBoard();
    card('Plan sprint').focus();
    await user.keyboard('e');
    const input = screen.getByTestId('card-title-input');
    await user.clear(input);
    await user.type(input, 'Something else{Escape}');
    expect(screen.queryByTestId('card-title-input')).not.toBeInTheDocument();
    expect(card('Plan sprint')).toHaveFocus();
    expect(backend.cardNow(3)?.title).toBe('Plan sprint');

    await user.keyboard('e');
    expect(screen.getByTestId('card-title-input')).toHaveFocus();
    await user.keyboard('{Escape}');
    await user.keyboard('{Enter}');
    expect(screen.queryByTestId('card-title-input')).not.toBeInTheDocument();
    expect(await screen.findByTestId('card-dialog')).toBeInTheDocument();
  });

  it('saves on blur', async () => {
    const { user, backend } = await renderBoard();
    card('Build API').focus();
    await user.keyboard('e');
    const input = screen.getByTestId('card-title-input');
    await user.type(input, ' v2');
    await user.click(screen.getByRole('heading', { level: 1 }));
    await waitFor(() => expect(backend.cardNow(4)?.title).toBe('Build API v2'));
    expect(titlesOnScreen()['In progress']).toEqual(['Build API v2']);
  });

  it('shows the error for an empty title and keeps the old one', async () => {
    const { user, backend } = await renderBoard();
    const spy = vi.spyOn(backend, 'renameCard');
    card('Write spec').focus();
    await user.keyboard('e');
    await user.clear(screen.getByTestId('card-title-input'));
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('error')).toHaveTextContent('The title cannot be empty.');
    expect(screen.getByRole('alert')).toHaveTextContent('The title cannot be empty.');
    expect(titlesOnScreen()['To do']).toEqual(START['To do']);
    expect(backend.cardNow(1)?.title).toBe('Write spec');
    expect(spy).toHaveBeenCalledWith({ cardId: 1, title: '' });
  });
});

describe('card menu', () => {
  it('moves a card to the end of another column', async () => {
    const { user, backend } = await renderBoard();
    await user.click(within(card('Write spec')).getByTestId('card-menu'));
    const menu = screen.getByRole('menu');
    const targets = within(menu).getAllByTestId('move-to');
    expect(targets.map((t) => t.textContent?.trim())).toEqual(['Move to In progress', 'Move to Done']);
    expect(within(menu).getByRole('menuitem', { name: 'Edit title' })).toBeInTheDocument();

    await user.click(within(menu).getByRole('menuitem', { name: 'Move to In progress' }));
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(titlesOnScreen()['In progress']).toEqual(['Build API', 'Write spec']);
    await waitFor(() =>
      expect(backend.titles()).toEqual({
        'To do': ['Fix login', 'Plan sprint'],
        'In progress': ['Build API', 'Write spec'],
        Done: [],
      }),
    );
    expect(screen.getByTestId('live-region')).toHaveTextContent('Moved Write spec to In progress, position 2 of 2.');
  });

  it('offers Open… first and Edit title, and closes on Escape and on an outside click', async () => {
    const { user } = await renderBoard();
    const button = within(card('Fix login')).getByTestId('card-menu');
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('menuitem', { name: 'Open…' })).toHaveFocus();
    expect(screen.getAllByRole('menuitem')[1]).toHaveAccessibleName('Edit title');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(card('Fix login')).toHaveFocus();

    await user.click(button);
    await user.click(screen.getByRole('heading', { level: 1 }));
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();

    await user.click(button);
    await user.click(screen.getByRole('menuitem', { name: 'Edit title' }));
    expect(screen.getByTestId('card-title-input')).toHaveValue('Fix login');
  });
});

describe('keyboard moves', () => {
  it('Space picks up, ArrowRight moves to the next column, Space drops', async () => {
    const { user, backend } = await renderBoard();
    const move = vi.spyOn(backend, 'moveCard');
    card('Fix login').focus();
    await user.keyboard(' ');
    expect(screen.getByTestId('live-region')).toHaveTextContent(
      'Picked up Fix login. Use arrow keys to move, Space to drop, Escape to cancel.',
    );
    await user.keyboard('{ArrowRight}');
    // The pending place shows at once; nothing is saved yet.
    expect(titlesOnScreen()['In progress']).toEqual(['Build API', 'Fix login']);
    expect(card('Fix login')).toHaveFocus();
    expect(card('Fix login')).toHaveClass('picked');
    expect(move).not.toHaveBeenCalled();

    await user.keyboard(' ');
    await waitFor(() =>
      expect(screen.getByTestId('live-region')).toHaveTextContent('Moved Fix login to In progress, position 2 of 2.'),
    );
    expect(move).toHaveBeenCalledTimes(1);
    expect(move).toHaveBeenCalledWith({ cardId: 2, columnId: 2, afterId: 4 });
    expect(backend.titles()).toEqual({
      'To do': ['Write spec', 'Plan sprint'],
      'In progress': ['Build API', 'Fix login'],
      Done: [],
    });
    expect(card('Fix login')).not.toHaveClass('picked');
  });

  it('moves within a column with ArrowUp/ArrowDown and drops with Enter', async () => {
    const { user, backend } = await renderBoard();
    const move = vi.spyOn(backend, 'moveCard');
    card('Plan sprint').focus();
    await user.keyboard(' {ArrowUp}{ArrowUp}{ArrowUp}');
    expect(titlesOnScreen()['To do']).toEqual(['Plan sprint', 'Write spec', 'Fix login']);
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(backend.titles()['To do']).toEqual(['Write spec', 'Plan sprint', 'Fix login']));
    expect(move).toHaveBeenCalledTimes(1);
    expect(move).toHaveBeenCalledWith({ cardId: 3, columnId: 1, afterId: 1 });
    expect(screen.getByTestId('live-region')).toHaveTextContent('Moved Plan sprint to To do, position 2 of 3.');
  });

  it('Escape cancels a keyboard move and changes nothing', async () => {
    const { user, backend } = await renderBoard();
    const move = vi.spyOn(backend, 'moveCard');
    card('Write spec').focus();
    await user.keyboard(' {ArrowRight}{ArrowRight}{ArrowDown}');
    expect(titlesOnScreen().Done).toEqual(['Write spec']);
    await user.keyboard('{Escape}');
    expect(titlesOnScreen()).toEqual(START);
    expect(card('Write spec')).toHaveFocus();
    expect(move).not.toHaveBeenCalled();
    expect(backend.titles()).toEqual(START);
    expect(screen.getByTestId('live-region')).toHaveTextContent(/cancelled/i);
  });

  it('dropping in the same place saves nothing', async () => {
    const { user, backend } = await renderBoard();
    const move = vi.spyOn(backend, 'moveCard');
    card('Write spec').focus();
    await user.keyboard(' {ArrowDown}{ArrowUp} ');
    expect(move).not.toHaveBeenCalled();
    expect(titlesOnScreen()).toEqual(START);
  });

  it('swallows shortcuts while a card is held, and a click elsewhere cancels the move', async () => {
    const { user, backend } = await renderBoard();
    const move = vi.spyOn(backend, 'moveCard');
    card('Fix login').focus();
    await user.keyboard(' {ArrowRight}n');
    expect(screen.queryByTestId('new-card-title')).not.toBeInTheDocument();
    expect(titlesOnScreen()['In progress']).toEqual(['Build API', 'Fix login']);
    await user.click(screen.getByRole('heading', { level: 1 }));
    expect(titlesOnScreen()).toEqual(START);
    expect(move).not.toHaveBeenCalled();
  });

  it('arrow keys alone move focus between cards', async () => {
    const { user } = await renderBoard();
    card('Write spec').focus();
    await user.keyboard('{ArrowDown}');
    expect(card('Fix login')).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(card('Build API')).toHaveFocus();
    await user.keyboard('{ArrowRight}'); // Done is empty and last: stays
    expect(card('Build API')).toHaveFocus();
    await user.keyboard('{ArrowLeft}{ArrowDown}{ArrowDown}');
    expect(card('Plan sprint')).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(card('Fix login')).toHaveFocus();
  });

  it('rolls back and shows the error when the backend refuses the move', async () => {
    const { user, backend } = await renderBoard();
    vi.spyOn(backend, 'moveCard').mockRejectedValueOnce(
      new BackendError('storage', 'The database reported an error: disk I/O error'),
    );
    card('Build API').focus();
    await user.keyboard(' {ArrowLeft} ');
    expect(await screen.findByTestId('error')).toHaveTextContent('The database reported an error: disk I/O error');
    await waitFor(() => expect(titlesOnScreen()).toEqual(START));
    expect(backend.titles()).toEqual(START);
  });
});

/**
 * jsdom has no layout: give the columns and cards rectangles. Columns are 200 px wide at
 * x = 0, 220, 440…; cards 40 px high from y = 100, 50 px apart.
 */
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

describe('pointer drag', () => {
  it('moves a card where it is dropped', async () => {
    const { backend } = await renderBoard();
    const move = vi.spyOn(backend, 'moveCard');
    layOut();
    const dragged = card('Write spec');
    await fireEvent.pointerDown(dragged, { clientX: 100, clientY: 120, button: 0, pointerId: 1 });
    await fireEvent.pointerMove(window, { clientX: 150, clientY: 130, pointerId: 1 });
    expect(document.querySelector('.ghost')).toHaveTextContent('Write spec');
    expect(dragged).toHaveClass('dragged');

    // Over "In progress", below the middle of its only card (midpoint 120).
    await fireEvent.pointerMove(window, { clientX: 300, clientY: 135, pointerId: 1 });
    expect(column('In progress').querySelector('.drop-line')).not.toBeNull();
    await fireEvent.pointerUp(window, { clientX: 300, clientY: 135, pointerId: 1 });

    expect(document.querySelector('.ghost')).toBeNull();
    expect(titlesOnScreen()['In progress']).toEqual(['Build API', 'Write spec']);
    await waitFor(() => expect(backend.titles()['In progress']).toEqual(['Build API', 'Write spec']));
    expect(move).toHaveBeenCalledWith({ cardId: 1, columnId: 2, afterId: 4 });
    expect(screen.getByTestId('live-region')).toHaveTextContent('Moved Write spec to In progress, position 2 of 2.');
  });

  it('drops at the top of a column and into an empty column', async () => {
    const { backend } = await renderBoard();
    const move = vi.spyOn(backend, 'moveCard');
    layOut();
    await fireEvent.pointerDown(card('Plan sprint'), { clientX: 100, clientY: 220, button: 0, pointerId: 1 });
    await fireEvent.pointerMove(window, { clientX: 100, clientY: 60, pointerId: 1 });
    await fireEvent.pointerUp(window, { clientX: 100, clientY: 60, pointerId: 1 });
    await waitFor(() => expect(move).toHaveBeenCalledWith({ cardId: 3, columnId: 1, afterId: null }));
    expect(titlesOnScreen()['To do']).toEqual(['Plan sprint', 'Write spec', 'Fix login']);

    layOut();
    // Past the right edge of the last column still lands in it.
    await fireEvent.pointerDown(card('Build API'), { clientX: 300, clientY: 120, button: 0, pointerId: 1 });
    await fireEvent.pointerMove(window, { clientX: 900, clientY: 300, pointerId: 1 });
    await fireEvent.pointerUp(window, { clientX: 900, clientY: 300, pointerId: 1 });
    await waitFor(() => expect(backend.titles().Done).toEqual(['Build API']));
    expect(move).toHaveBeenLastCalledWith({ cardId: 4, columnId: 3, afterId: null });
  });

  it('a click without movement is not a drag', async () => {
    const { backend } = await renderBoard();
    const move = vi.spyOn(backend, 'moveCard');
    layOut();
    await fireEvent.pointerDown(card('Write spec'), { clientX: 100, clientY: 120, button: 0, pointerId: 1 });
    await fireEvent.pointerMove(window, { clientX: 102, clientY: 121, pointerId: 1 });
    await fireEvent.pointerUp(window, { clientX: 102, clientY: 121, pointerId: 1 });
    expect(document.querySelector('.ghost')).toBeNull();
    expect(move).not.toHaveBeenCalled();
    expect(titlesOnScreen()).toEqual(START);
  });

  it('Escape cancels a drag', async () => {
    const { backend } = await renderBoard();
    const move = vi.spyOn(backend, 'moveCard');
    layOut();
    await fireEvent.pointerDown(card('Write spec'), { clientX: 100, clientY: 120, button: 0, pointerId: 1 });
    await fireEvent.pointerMove(window, { clientX: 300, clientY: 135, pointerId: 1 });
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(document.querySelector('.ghost')).toBeNull();
    await fireEvent.pointerUp(window, { clientX: 300, clientY: 135, pointerId: 1 });
    expect(move).not.toHaveBeenCalled();
    expect(titlesOnScreen()).toEqual(START);
  });

  it('ignores other buttons and presses on the menu button', async () => {
    const { backend } = await renderBoard();
    const move = vi.spyOn(backend, 'moveCard');
    layOut();
    await fireEvent.pointerDown(card('Write spec'), { clientX: 100, clientY: 120, button: 2, pointerId: 1 });
    await fireEvent.pointerMove(window, { clientX: 300, clientY: 135, pointerId: 1 });
    expect(document.querySelector('.ghost')).toBeNull();
    await fireEvent.pointerUp(window, { clientX: 300, clientY: 135, pointerId: 1 });

    await fireEvent.pointerDown(within(card('Write spec')).getByTestId('card-menu'), {
      clientX: 100,
      clientY: 120,
      button: 0,
      pointerId: 1,
    });
    await fireEvent.pointerMove(window, { clientX: 300, clientY: 135, pointerId: 1 });
    expect(document.querySelector('.ghost')).toBeNull();
    await fireEvent.pointerUp(window, { clientX: 300, clientY: 135, pointerId: 1 });
    expect(move).not.toHaveBeenCalled();
  });

  it('rolls back a drop the backend refuses', async () => {
    const { backend } = await renderBoard();
    vi.spyOn(backend, 'moveCard').mockRejectedValueOnce(
      new BackendError('not_found', 'That card (id 1) does not exist. It may have been deleted.'),
    );
    layOut();
    await fireEvent.pointerDown(card('Write spec'), { clientX: 100, clientY: 120, button: 0, pointerId: 1 });
    await fireEvent.pointerMove(window, { clientX: 300, clientY: 135, pointerId: 1 });
    await fireEvent.pointerUp(window, { clientX: 300, clientY: 135, pointerId: 1 });
    expect(await screen.findByTestId('error')).toHaveTextContent('That card (id 1) does not exist.');
    await waitFor(() => expect(titlesOnScreen()).toEqual(START));
  });
});

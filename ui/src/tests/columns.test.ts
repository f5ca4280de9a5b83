import { screen, waitFor, within } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../lib/fake-backend';
import { card, column, renderBoard, smallTeam, titlesOnScreen } from './helpers';

function columnNames(): string[] {
  return screen.getAllByTestId('column').map((c) => c.dataset.columnName ?? '');
}

function fakeNames(backend: FakeBackend, boardId = 1): string[] {
  return backend.boardNow(boardId).columns.map((c) => c.name);
}

async function openColumnMenu(user: UserEvent, name: string) {
  await user.click(within(column(name)).getByTestId('column-menu'));
  return screen.findByTestId('column-menu-popup');
}

describe('column menu: rename', () => {
  it('renames a column inline: Enter saves, the menu button gets focus back', async () => {
    const { user, backend } = await renderBoard();
    await openColumnMenu(user, 'In progress');
    await user.click(screen.getByTestId('rename-column'));
    const input = within(column('In progress')).getByTestId('column-name-input');
    expect(input).toHaveFocus();
    expect(input).toHaveValue('In progress');
    await user.clear(input);
    await user.type(input, '  Doing {Enter}');
    await waitFor(() => expect(columnNames()).toEqual(['To do', 'Doing', 'Done']));
    expect(fakeNames(backend)).toEqual(['To do', 'Doing', 'Done']);
    expect(within(column('Doing')).getByTestId('column-menu')).toHaveFocus();
    expect(screen.getByTestId('live-region')).toHaveTextContent('Renamed column In progress to Doing.');
  });

  it('Escape cancels without saving; double-click on the name also opens the input', async () => {
    const { user, backend } = await renderBoard();
    await user.dblClick(within(column('Done')).getByTestId('column-name'));
    const input = within(column('Done')).getByTestId('column-name-input');
    await user.clear(input);
    await user.type(input, 'Shipped{Escape}');
    expect(screen.queryByTestId('column-name-input')).not.toBeInTheDocument();
    expect(columnNames()).toEqual(['To do', 'In progress', 'Done']);
    expect(fakeNames(backend)).toEqual(['To do', 'In progress', 'Done']);
    expect((await backend.undo()).label).toBeNull();
  });

  it.each([
    ['   ', 'The column name cannot be empty.'],
    ['x'.repeat(121), 'The column name can be at most 120 characters long.'],
  ])('shows the core message for a refused name (%#) and keeps the old one', async (name, message) => {
    const { user, backend } = await renderBoard();
    await openColumnMenu(user, 'To do');
    await user.click(screen.getByTestId('rename-column'));
    const input = screen.getByTestId('column-name-input');
    await user.clear(input);
    await user.click(input);
    await user.paste(name);
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('error')).toHaveTextContent(message);
    expect(columnNames()).toEqual(['To do', 'In progress', 'Done']);
    expect(fakeNames(backend)).toEqual(['To do', 'In progress', 'Done']);
  });
});

describe('column menu: add and move', () => {
  it('"Add column after" makes "New column" right after and opens its name', async () => {
    const { user, backend } = await renderBoard();
    await openColumnMenu(user, 'To do');
    await user.click(screen.getByTestId('add-column-after'));
    const input = await screen.findByTestId('column-name-input');
    expect(input).toHaveFocus();
    expect(input).toHaveValue('New column');
    expect(fakeNames(backend)).toEqual(['To do', 'New column', 'In progress', 'Done']);
    await user.clear(input);
    await user.type(input, 'Ready{Enter}');
    await waitFor(() => expect(fakeNames(backend)).toEqual(['To do', 'Ready', 'In progress', 'Done']));
    expect(columnNames()).toEqual(['To do', 'Ready', 'In progress', 'Done']);
    // The new column takes cards.
    await user.click(within(column('Ready')).getByTestId('add-card'));
    await user.type(within(column('Ready')).getByTestId('new-card-title'), 'First{Enter}');
    await waitFor(() => expect(backend.titles().Ready).toEqual(['First']));
  });

  it('"+ Add column" adds one after the last column', async () => {
    const { user, backend } = await renderBoard();
    await user.click(screen.getByTestId('add-column'));
    const input = await screen.findByTestId('column-name-input');
    await user.clear(input);
    await user.type(input, 'Released{Enter}');
    await waitFor(() => expect(fakeNames(backend)).toEqual(['To do', 'In progress', 'Done', 'Released']));
    // As the core: "New column" was guessed not started; renamed "Released", it is done.
    expect(backend.boardNow(1).columns[3].stage).toBe('done');
    expect(columnNames()).toEqual(['To do', 'In progress', 'Done', 'Released']);
  });

  it('moves columns left and right, disabled at the ends, cards going with them', async () => {
    const { user, backend } = await renderBoard();
    await openColumnMenu(user, 'To do');
    expect(screen.getByTestId('move-column-left')).toBeDisabled();
    expect(screen.getByTestId('move-column-right')).toBeEnabled();
    await user.click(screen.getByTestId('move-column-right'));
    await waitFor(() => expect(fakeNames(backend)).toEqual(['In progress', 'To do', 'Done']));
    expect(columnNames()).toEqual(['In progress', 'To do', 'Done']);
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']);
    expect(screen.getByTestId('live-region')).toHaveTextContent('Moved column To do to position 2 of 3.');
    await waitFor(() => expect(within(column('To do')).getByTestId('column-menu')).toHaveFocus());

    await openColumnMenu(user, 'Done');
    expect(screen.getByTestId('move-column-right')).toBeDisabled();
    await user.click(screen.getByTestId('move-column-left'));
    await waitFor(() => expect(fakeNames(backend)).toEqual(['In progress', 'Done', 'To do']));
    expect(columnNames()).toEqual(['In progress', 'Done', 'To do']);
  });

  it('reaches the column actions by keyboard', async () => {
    const { user, backend } = await renderBoard();
    within(column('In progress')).getByTestId('column-menu').focus();
    await user.keyboard('{Enter}');
    // Rename, Add after, Move left, Move right: arrow down three times then Enter.
    await waitFor(() => expect(screen.getByTestId('rename-column')).toHaveFocus());
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(() => expect(fakeNames(backend)).toEqual(['In progress', 'To do', 'Done']));
  });

  it('a refused move goes back and shows the error', async () => {
    const backend = new FakeBackend(smallTeam());
    backend.moveColumn = async () => {
      throw { code: 'storage', message: 'The disk is full.' };
    };
    const { user } = await renderBoard(backend);
    await openColumnMenu(user, 'To do');
    await user.click(screen.getByTestId('move-column-right'));
    expect(await screen.findByTestId('error')).toHaveTextContent('The disk is full.');
    await waitFor(() => expect(columnNames()).toEqual(['To do', 'In progress', 'Done']));
  });
});

describe('column menu: delete', () => {
  it('deletes an empty column after a plain confirmation', async () => {
    const { user, backend } = await renderBoard();
    await openColumnMenu(user, 'Done');
    await user.click(screen.getByTestId('delete-column'));
    const dialog = await screen.findByTestId('confirm-delete-column');
    expect(dialog).toHaveAttribute('role', 'alertdialog');
    expect(within(dialog).queryByTestId('cards-to')).not.toBeInTheDocument();
    expect(within(dialog).getByTestId('confirm-delete-column-no')).toHaveFocus();
    await user.click(within(dialog).getByTestId('confirm-delete-column-yes'));
    await waitFor(() => expect(columnNames()).toEqual(['To do', 'In progress']));
    expect(fakeNames(backend)).toEqual(['To do', 'In progress']);
    expect(screen.getByTestId('live-region')).toHaveTextContent('Deleted column Done. Ctrl+Z to undo.');
  });

  it('asks where the cards go (the first other column by default) and moves them there', async () => {
    const { user, backend } = await renderBoard();
    await openColumnMenu(user, 'To do');
    await user.click(screen.getByTestId('delete-column'));
    const dialog = await screen.findByTestId('confirm-delete-column');
    expect(dialog).toHaveTextContent('It has 3 cards');
    const select = within(dialog).getByTestId('cards-to');
    expect(select).toHaveFocus();
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['In progress', 'Done']);
    expect(select).toHaveValue('2');
    await user.selectOptions(select, 'Done');
    await user.click(within(dialog).getByTestId('confirm-delete-column-yes'));
    await waitFor(() => expect(titlesOnScreen()).toEqual({ 'In progress': ['Build API'], Done: ['Write spec', 'Fix login', 'Plan sprint'] }));
    expect(backend.titles()).toEqual({ 'In progress': ['Build API'], Done: ['Write spec', 'Fix login', 'Plan sprint'] });
    expect(screen.getByTestId('live-region')).toHaveTextContent('Deleted column To do; its cards went to Done.');
  });

  it('counts archived cards: a column with only archived ones still asks where they go', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.archiveCard(4); // Build API, alone in In progress
    const { user } = await renderBoard(backend);
    await openColumnMenu(user, 'In progress');
    await user.click(screen.getByTestId('delete-column'));
    const dialog = await screen.findByTestId('confirm-delete-column');
    expect(dialog).toHaveTextContent('It has 1 card');
    expect(within(dialog).getByTestId('cards-to')).toHaveValue('1');
    await user.click(within(dialog).getByTestId('confirm-delete-column-yes'));
    await waitFor(() => expect(columnNames()).toEqual(['To do', 'Done']));
    expect(backend.cardNow(4)?.columnId).toBe(1);
  });

  it('Escape cancels, keeping focus inside meanwhile', async () => {
    const { user, backend } = await renderBoard();
    await openColumnMenu(user, 'To do');
    await user.click(screen.getByTestId('delete-column'));
    const dialog = await screen.findByTestId('confirm-delete-column');
    for (let i = 0; i < 4; i++) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('confirm-delete-column')).not.toBeInTheDocument();
    expect(fakeNames(backend)).toEqual(['To do', 'In progress', 'Done']);
    await waitFor(() => expect(within(column('To do')).getByTestId('column-menu')).toHaveFocus());
  });

  it('does not offer to delete the last column, and says why', async () => {
    const backend = new FakeBackend({ boards: [{ name: 'Solo', columns: [{ name: 'Only', cards: ['A'] }] }] });
    const { user } = await renderBoard(backend);
    await openColumnMenu(user, 'Only');
    const item = screen.getByTestId('delete-column');
    expect(item).toBeDisabled();
    expect(item).toHaveAttribute('title', 'A board keeps at least one column.');
    expect(item).toHaveAccessibleDescription('A board keeps at least one column.');
    await user.click(item);
    expect(screen.queryByTestId('confirm-delete-column')).not.toBeInTheDocument();
    expect(backend.boardNow(1).columns).toHaveLength(1);
  });

  it('Ctrl+Z after deleting a column brings it and its cards back', async () => {
    const { user, backend } = await renderBoard();
    await openColumnMenu(user, 'To do');
    await user.click(screen.getByTestId('delete-column'));
    await user.click(await screen.findByTestId('confirm-delete-column-yes'));
    await waitFor(() => expect(columnNames()).toEqual(['In progress', 'Done']));
    expect(titlesOnScreen()['In progress']).toEqual(['Build API', 'Write spec', 'Fix login', 'Plan sprint']);

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(columnNames()).toEqual(['To do', 'In progress', 'Done']));
    expect(titlesOnScreen()).toEqual({
      'To do': ['Write spec', 'Fix login', 'Plan sprint'],
      'In progress': ['Build API'],
      Done: [],
    });
    expect(backend.titles()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']);
    expect(screen.getByTestId('live-region')).toHaveTextContent('Undone: Delete column.');
    expect(card('Fix login')).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../lib/fake-backend';
import { renderBoard, smallTeam, titlesOnScreen } from './helpers';

function twoBoards(): FakeBackend {
  const init = smallTeam();
  init.boards!.push({ name: 'Side project', columns: [{ name: 'Ideas', cards: ['Blog'] }, { name: 'Shipped' }] });
  return new FakeBackend(init);
}

function switcherOptions(): string[] {
  return within(screen.getByTestId('board-switcher'))
    .getAllByRole('option')
    .map((o) => o.textContent ?? '');
}

function heading(): HTMLElement {
  return screen.getByRole('heading', { level: 1 });
}

describe('several boards', () => {
  it('lists every board in the switcher, and choosing one loads it', async () => {
    const { user } = await renderBoard(twoBoards());
    expect(switcherOptions()).toEqual(['Core team', 'Side project']);
    expect(screen.getByTestId('board-switcher')).toHaveValue('1');
    await user.selectOptions(screen.getByTestId('board-switcher'), 'Side project');
    await waitFor(() => expect(heading()).toHaveTextContent('Side project'));
    expect(titlesOnScreen()).toEqual({ Ideas: ['Blog'], Shipped: [] });
    expect(screen.getByTestId('board')).toHaveAttribute('data-board-id', '2');
    expect(screen.getByTestId('live-region')).toHaveTextContent('Opened board Side project.');
  });

  it('keeps the chosen board when coming back from another page', async () => {
    const { user } = await renderBoard(twoBoards());
    await user.selectOptions(screen.getByTestId('board-switcher'), 'Side project');
    await waitFor(() => expect(heading()).toHaveTextContent('Side project'));
    await user.click(screen.getByTestId('nav-reports'));
    await waitFor(() => expect(screen.queryByTestId('board')).not.toBeInTheDocument());
    await user.click(screen.getByTestId('nav-board'));
    expect(await screen.findByTestId('board')).toHaveAttribute('data-board-id', '2');
  });

  it('"New board…" asks for a name, creates the board with the usual columns and opens it', async () => {
    const { user, backend } = await renderBoard();
    expect(switcherOptions()).toEqual(['Core team']);
    await user.click(screen.getByTestId('new-board'));
    const input = await screen.findByTestId('new-board-name');
    expect(input).toHaveFocus();
    await user.type(input, '  Mobile {Enter}');
    await waitFor(() => expect(heading()).toHaveTextContent('Mobile'));
    expect(screen.queryByTestId('new-board-name')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('column').map((c) => c.dataset.columnName)).toEqual([
      'To do',
      'In progress',
      'Review',
      'Done',
    ]);
    expect(switcherOptions()).toEqual(['Core team', 'Mobile']);
    expect(screen.getByTestId('board-switcher')).toHaveValue('2');
    expect((await backend.workspace()).boards).toEqual([
      { id: 1, name: 'Core team' },
      { id: 2, name: 'Mobile' },
    ]);
  });

  it('Escape cancels a new board; a refused name shows the core message and keeps the field', async () => {
    const { user, backend } = await renderBoard();
    await user.click(screen.getByTestId('new-board'));
    await user.type(await screen.findByTestId('new-board-name'), 'Nope{Escape}');
    expect(screen.queryByTestId('new-board-name')).not.toBeInTheDocument();
    expect(screen.getByTestId('new-board')).toHaveFocus();

    await user.click(screen.getByTestId('new-board'));
    await user.type(await screen.findByTestId('new-board-name'), '   {Enter}');
    expect(await screen.findByTestId('error')).toHaveTextContent('The board name cannot be empty.');
    expect(screen.getByTestId('new-board-name')).toBeInTheDocument();
    expect((await backend.workspace()).boards).toHaveLength(1);
  });

  it('renames the board from its heading (double-click) and from the rename button', async () => {
    const { user, backend } = await renderBoard(twoBoards());
    await user.dblClick(screen.getByTestId('board-name'));
    const input = screen.getByTestId('board-name-input');
    expect(input).toHaveFocus();
    await user.clear(input);
    await user.type(input, 'Platform{Enter}');
    await waitFor(() => expect(heading()).toHaveTextContent('Platform'));
    expect(switcherOptions()).toEqual(['Platform', 'Side project']);
    expect((await backend.workspace()).boards[0].name).toBe('Platform');
    expect(screen.getByTestId('rename-board')).toHaveFocus();

    await user.keyboard('{Enter}');
    const again = screen.getByTestId('board-name-input');
    await user.clear(again);
    await user.type(again, 'Ignored{Escape}');
    expect(heading()).toHaveTextContent('Platform');
    expect((await backend.workspace()).boards[0].name).toBe('Platform');
  });

  it('a refused board name shows the core message and keeps the old name', async () => {
    const { user, backend } = await renderBoard();
    await user.click(screen.getByTestId('rename-board'));
    const input = screen.getByTestId('board-name-input');
    await user.clear(input);
    await user.click(input);
    await user.paste('x'.repeat(121));
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('error')).toHaveTextContent('The board name can be at most 120 characters long.');
    expect(heading()).toHaveTextContent('Core team');
    expect(switcherOptions()).toEqual(['Core team']);
    expect((await backend.workspace()).boards[0].name).toBe('Core team');
  });

  it('Ctrl+Z after creating a board removes it and goes back to the first board; redo brings it back', async () => {
    const { user } = await renderBoard(twoBoards());
    await user.selectOptions(screen.getByTestId('board-switcher'), 'Side project');
    await waitFor(() => expect(heading()).toHaveTextContent('Side project'));
    await user.click(screen.getByTestId('new-board'));
    await user.type(await screen.findByTestId('new-board-name'), 'Temp{Enter}');
    await waitFor(() => expect(heading()).toHaveTextContent('Temp'));
    expect(screen.getByTestId('new-board')).toHaveFocus();

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(switcherOptions()).toEqual(['Core team', 'Side project']));
    await waitFor(() => expect(heading()).toHaveTextContent('Core team'));
    expect(screen.getByTestId('live-region')).toHaveTextContent('Undone: Create board.');

    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(switcherOptions()).toEqual(['Core team', 'Side project', 'Temp']));
    expect(heading()).toHaveTextContent('Core team');
  });

  it('Ctrl+Z after renaming the board brings the old name back in the heading and the switcher', async () => {
    const { user } = await renderBoard(twoBoards());
    await user.click(screen.getByTestId('rename-board'));
    const input = screen.getByTestId('board-name-input');
    await user.clear(input);
    await user.type(input, 'Renamed{Enter}');
    await waitFor(() => expect(switcherOptions()[0]).toBe('Renamed'));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(switcherOptions()[0]).toBe('Core team'));
    expect(heading()).toHaveTextContent('Core team');
  });
});

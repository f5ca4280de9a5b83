import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { card, renderFiltered, titlesOnScreen } from './helpers';

function options(): string[] {
  return within(screen.getByTestId('command-palette'))
    .queryAllByTestId('palette-option')
    .map((o) => o.querySelector('.title')?.textContent ?? '');
}

describe('the command palette', () => {
  it('opens with Ctrl+K, filters as you type, and runs a command on the focused card', async () => {
    const { user, backend } = await renderFiltered();
    const move = vi.spyOn(backend, 'moveCard');
    card('Fix login').focus();
    await user.keyboard('{Control>}k{/Control}');
    const palette = screen.getByTestId('command-palette');
    expect(palette).toHaveAttribute('role', 'dialog');
    const input = within(palette).getByRole('combobox', { name: 'Type a command' });
    expect(input).toHaveFocus();
    expect(options().slice(0, 2)).toEqual(['Open card: Fix login', 'Edit title']);

    await user.keyboard('move done');
    expect(options()[0]).toBe('Move to Done');
    expect(within(palette).getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');

    expect(screen.queryByTestId('command-palette')).not.toBeInTheDocument();
    await waitFor(() => expect(backend.titles().Done).toEqual(['Ship v1', 'Fix login']));
    expect(move).toHaveBeenCalledWith({ cardId: 2, columnId: 3, afterId: 6 });
    expect(titlesOnScreen().Done).toEqual(['Ship v1', 'Fix login']);
    await waitFor(() => expect(card('Fix login')).toHaveFocus());
  });

  it('moves the choice with the arrow keys; Escape closes and gives focus back', async () => {
    const { user } = await renderFiltered();
    card('Build API').focus();
    await user.keyboard('{Control>}k{/Control}');
    const input = screen.getByTestId('palette-input');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const listbox = screen.getByRole('listbox', { name: 'Commands' });
    const selected = within(listbox).getAllByRole('option')[2];
    expect(selected).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', selected.id);
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    // Wraps round to the last.
    expect(within(listbox).getAllByRole('option').at(-1)).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('command-palette')).not.toBeInTheDocument();
    expect(card('Build API')).toHaveFocus();
  });

  it('opens from a text field with Cmd+K too, and says when nothing matches', async () => {
    const { user } = await renderFiltered();
    await user.click(screen.getByTestId('filter-search'));
    await user.keyboard('{Meta>}k{/Meta}');
    expect(screen.getByTestId('command-palette')).toBeInTheDocument();
    expect(screen.getByTestId('filter-search')).toHaveValue('');
    await user.keyboard('qqqqzzzz');
    expect(options()).toEqual([]);
    expect(screen.getByTestId('palette-empty')).toHaveTextContent('No command matches “qqqqzzzz”.');
    // Ctrl+K again closes it.
    await user.keyboard('{Control>}k{/Control}');
    expect(screen.queryByTestId('command-palette')).not.toBeInTheDocument();
    expect(screen.getByTestId('filter-search')).toHaveFocus();
  });

  it('turns filters on and off, and clears them', async () => {
    const { user } = await renderFiltered();
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('filter blocked{Enter}');
    expect(titlesOnScreen()).toEqual({ 'To do': ['Fix login'], 'In progress': [], Done: [] });
    expect(screen.getAllByTestId('filter-chip')).toHaveLength(1);

    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('assignee chidi{Enter}');
    expect(screen.getByTestId('no-matches')).toBeInTheDocument();

    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('clear filters{Enter}');
    expect(screen.queryAllByTestId('filter-chip')).toHaveLength(0);
    expect(titlesOnScreen().Done).toEqual(['Ship v1']);
  });

  it('goes to a card, showing it even when the filters hide it', async () => {
    const { user } = await renderFiltered();
    await user.click(screen.getByTestId('filter-blocked'));
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('go to card review');
    expect(options()[0]).toBe('Go to card: Review PR');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(card('Review PR')).toHaveFocus());
  });

  it('reaches the pages, the shortcuts and undo', async () => {
    const { user, backend } = await renderFiltered();
    card('Write spec').focus();
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('assign chidi{Enter}');
    await waitFor(() => expect(backend.cardNow(1)?.assigneeId).toBe(2));
    await waitFor(() =>
      expect(screen.getByTestId('live-region')).toHaveTextContent('Assigned Write spec to Chidi Okafor.'),
    );

    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('undo{Enter}');
    await waitFor(() => expect(backend.cardNow(1)?.assigneeId).toBe(1));

    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('go to people{Enter}');
    expect(screen.queryByTestId('board')).not.toBeInTheDocument();

    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('shortcuts{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog).toHaveTextContent('Command palette');
    expect(dialog).toHaveTextContent('Search the cards');
    expect(dialog).toHaveTextContent('give the card to that person of the team strip');
    expect(dialog).toHaveTextContent('Column menu: rename, add a column after, move left or right');
  });
});

describe('the command palette and a held card', () => {
  it('puts a held card back and closes its menu before opening', async () => {
    const { user, backend } = await renderFiltered();
    const move = vi.spyOn(backend, 'moveCard');
    card('Fix login').focus();
    await user.keyboard(' {ArrowRight}');
    expect(titlesOnScreen()['In progress']).toContain('Fix login');
    await user.keyboard('{Control>}k{/Control}');
    expect(await screen.findByTestId('command-palette')).toBeInTheDocument();
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']);
    expect(screen.getByTestId('palette-input')).toHaveFocus();
    await user.keyboard('archive{Enter}');
    await waitFor(() => expect(backend.cardNow(2)?.archivedAt).not.toBeNull());
    expect(move).not.toHaveBeenCalled();
  });
});

describe('board commands in the palette', () => {
  async function run(user: Awaited<ReturnType<typeof renderFiltered>>['user'], text: string) {
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard(`${text}{Enter}`);
  }

  it('add a column, rename the board, show the archive, make a board and switch to it', async () => {
    const { user, backend } = await renderFiltered();
    await run(user, 'add column');
    await waitFor(() => expect(screen.getByTestId('column-name-input')).toHaveFocus());
    await user.keyboard('Blocked{Enter}');
    await waitFor(() => expect(Object.keys(backend.titles())).toContain('Blocked'));

    await run(user, 'rename board');
    await waitFor(() => expect(screen.getByTestId('board-name-input')).toHaveFocus());
    await user.keyboard('{Escape}');

    await run(user, 'show archived');
    expect(await screen.findByTestId('archived-panel')).toBeInTheDocument();
    await user.keyboard('{Escape}');

    await run(user, 'new board');
    const name = within(await screen.findByTestId('new-board-popup')).getByTestId('new-board-name');
    await waitFor(() => expect(name).toHaveFocus());
    await user.keyboard('Second{Enter}');
    await waitFor(() => expect(screen.getByTestId('board-name')).toHaveTextContent('Second'));

    await run(user, 'switch core');
    await waitFor(() => expect(screen.getByTestId('board-name')).toHaveTextContent('Core team'));
  });
});

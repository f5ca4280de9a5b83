import { cleanup, screen, waitFor, within } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../lib/fake-backend';
import { card, column, estimatedTeam, renderBoard, smallTeam } from './helpers';

async function openColumnMenu(user: UserEvent, name: string) {
  await user.click(within(column(name)).getByTestId('column-menu'));
  return screen.getByTestId('column-menu-popup');
}

async function openWipInput(user: UserEvent, name: string) {
  await user.click(within(await openColumnMenu(user, name)).getByRole('menuitem', { name: 'Set WIP limit…' }));
  return screen.getByTestId('wip-input');
}

async function openEstimateInput(user: UserEvent, title: string) {
  await user.click(within(card(title)).getByTestId('card-menu'));
  await user.click(screen.getByRole('menuitem', { name: 'Set estimate…' }));
  return screen.getByTestId('estimate-input');
}

describe('WIP limits', () => {
  it('shows count/limit and flags the demo "In progress" as over its limit', async () => {
    await renderBoard(FakeBackend.demo());
    const progress = column('In progress');
    expect(within(progress).getByTestId('wip')).toHaveTextContent(/^6\/5$/);
    expect(progress).toHaveAttribute('data-over-wip', 'true');
    // Not only colour: screen readers hear it.
    expect(within(progress).getByText('6 cards, limit 5, over limit')).toHaveClass('visually-hidden');
    // Columns without a limit show the plain count.
    const todo = column('To do');
    expect(within(todo).queryByTestId('wip')).not.toBeInTheDocument();
    expect(within(todo).getByLabelText('6 cards')).toHaveTextContent('6');
    expect(todo).not.toHaveAttribute('data-over-wip');
  });

  it('sets a limit from the column menu; at the limit is fine, over it is flagged, never refused', async () => {
    const { user, backend } = await renderBoard();
    const menuButton = within(column('In progress')).getByTestId('column-menu');
    expect(menuButton).toHaveAccessibleName('Column actions');
    const popup = await openColumnMenu(user, 'In progress');
    // No limit yet: nothing to clear.
    expect(within(popup).queryByRole('menuitem', { name: 'Clear WIP limit' })).not.toBeInTheDocument();
    await user.click(within(popup).getByRole('menuitem', { name: 'Set WIP limit…' }));
    const input = screen.getByTestId('wip-input');
    expect(input).toHaveFocus();
    await user.type(input, '1{Enter}');

    await waitFor(() => expect(backend.boardNow(1).columns[1].wipLimit).toBe(1));
    expect(screen.queryByTestId('wip-input')).not.toBeInTheDocument();
    expect(menuButton).toHaveFocus();
    expect(within(column('In progress')).getByTestId('wip')).toHaveTextContent('1/1');
    expect(column('In progress')).not.toHaveAttribute('data-over-wip');
    expect(screen.getByTestId('live-region')).toHaveTextContent('WIP limit of In progress set to 1.');

    // A second card goes in all the same; the column is flagged.
    await user.click(within(card('Fix login')).getByTestId('card-menu'));
    await user.click(screen.getByRole('menuitem', { name: 'Move to In progress' }));
    await waitFor(() => expect(backend.titles()['In progress']).toEqual(['Build API', 'Fix login']));
    expect(within(column('In progress')).getByTestId('wip')).toHaveTextContent('2/1');
    expect(column('In progress')).toHaveAttribute('data-over-wip', 'true');
  });

  it('clears a limit with "Clear WIP limit" and with an empty input', async () => {
    const { user, backend } = await renderBoard(new FakeBackend(estimatedTeam()));
    expect(within(column('In progress')).getByTestId('wip')).toHaveTextContent('2/1');
    const popup = await openColumnMenu(user, 'In progress');
    await user.click(within(popup).getByRole('menuitem', { name: 'Clear WIP limit' }));
    await waitFor(() => expect(backend.boardNow(1).columns[1].wipLimit).toBeNull());
    expect(within(column('In progress')).queryByTestId('wip')).not.toBeInTheDocument();
    expect(column('In progress')).not.toHaveAttribute('data-over-wip');
    expect(screen.getByTestId('live-region')).toHaveTextContent('WIP limit of In progress cleared.');

    await user.type(await openWipInput(user, 'To do'), '4{Enter}');
    await waitFor(() => expect(backend.boardNow(1).columns[0].wipLimit).toBe(4));
    const input = await openWipInput(user, 'To do');
    expect(input).toHaveValue(4);
    await user.clear(input);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(backend.boardNow(1).columns[0].wipLimit).toBeNull());
    expect(within(column('To do')).queryByTestId('wip')).not.toBeInTheDocument();
  });

  it('shows the core message for a limit of 0 and keeps the input open to fix it', async () => {
    const { user, backend } = await renderBoard();
    const spy = vi.spyOn(backend, 'setWipLimit');
    await user.type(await openWipInput(user, 'To do'), '0{Enter}');
    expect(await screen.findByTestId('error')).toHaveTextContent(
      'A WIP limit goes from 1 to 999 cards; clear it for no limit.',
    );
    expect(spy).toHaveBeenCalledWith({ columnId: 1, limit: 0 });
    expect(backend.boardNow(1).columns[0].wipLimit).toBeNull();
    expect(within(column('To do')).queryByTestId('wip')).not.toBeInTheDocument();
    const input = screen.getByTestId('wip-input');
    await user.clear(input);
    await user.type(input, '3{Enter}');
    await waitFor(() => expect(backend.boardNow(1).columns[0].wipLimit).toBe(3));
    expect(within(column('To do')).getByTestId('wip')).toHaveTextContent('3/3');
  });

  it('Escape cancels the input and saves nothing', async () => {
    const { user, backend } = await renderBoard();
    const spy = vi.spyOn(backend, 'setWipLimit');
    await user.type(await openWipInput(user, 'To do'), '2{Escape}');
    expect(screen.queryByTestId('wip-input')).not.toBeInTheDocument();
    expect(within(column('To do')).getByTestId('column-menu')).toHaveFocus();
    expect(spy).not.toHaveBeenCalled();
  });

  it('is undone with Ctrl+Z', async () => {
    const { user, backend } = await renderBoard();
    await user.type(await openWipInput(user, 'Done'), '2{Enter}');
    await waitFor(() => expect(within(column('Done')).getByTestId('wip')).toHaveTextContent('0/2'));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(within(column('Done')).queryByTestId('wip')).not.toBeInTheDocument());
    expect(backend.boardNow(1).columns[2].wipLimit).toBeNull();
    expect(screen.getByTestId('live-region')).toHaveTextContent('Undone: Set WIP limit.');
  });
});

describe('estimates', () => {
  it('shows estimates in the board unit', async () => {
    await renderBoard(new FakeBackend(estimatedTeam()));
    expect(within(card('Write spec')).getByTestId('card-estimate')).toHaveTextContent(/^3 pts$/);
    expect(within(card('Plan sprint')).queryByTestId('card-estimate')).not.toBeInTheDocument();

    const init = estimatedTeam();
    init.boards![0].estimateUnit = 'hours';
    cleanup();
    await renderBoard(new FakeBackend(init));
    expect(within(card('Build API')).getByTestId('card-estimate')).toHaveTextContent(/^5 h$/);
  });

  it('sets an estimate from the card menu', async () => {
    const { user, backend } = await renderBoard();
    expect(within(card('Fix login')).queryByTestId('card-estimate')).not.toBeInTheDocument();
    const input = await openEstimateInput(user, 'Fix login');
    expect(input).toHaveFocus();
    await user.type(input, '3{Enter}');
    expect(screen.queryByTestId('estimate-input')).not.toBeInTheDocument();
    expect(within(card('Fix login')).getByTestId('card-estimate')).toHaveTextContent(/^3 pts$/);
    await waitFor(() => expect(backend.cardNow(2)?.estimate).toBe(3));
    expect(card('Fix login')).toHaveFocus();
    expect(screen.getByTestId('live-region')).toHaveTextContent('Estimate of Fix login set to 3 pts.');
  });

  it('keeps two decimals, clears on empty, and Escape cancels', async () => {
    const { user, backend } = await renderBoard(new FakeBackend(estimatedTeam()));
    await user.type(await openEstimateInput(user, 'Plan sprint'), '2.345{Enter}');
    await waitFor(() => expect(backend.cardNow(3)?.estimate).toBe(2.35));
    expect(within(card('Plan sprint')).getByTestId('card-estimate')).toHaveTextContent('2.35 pts');

    const spy = vi.spyOn(backend, 'setEstimate');
    await user.type(await openEstimateInput(user, 'Write spec'), '{Backspace}8{Escape}');
    expect(screen.queryByTestId('estimate-input')).not.toBeInTheDocument();
    expect(card('Write spec')).toHaveFocus();
    expect(spy).not.toHaveBeenCalled();
    expect(within(card('Write spec')).getByTestId('card-estimate')).toHaveTextContent('3 pts');

    const input = await openEstimateInput(user, 'Write spec');
    expect(input).toHaveValue(3);
    await user.clear(input);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(backend.cardNow(1)?.estimate).toBeNull());
    expect(within(card('Write spec')).queryByTestId('card-estimate')).not.toBeInTheDocument();
    expect(screen.getByTestId('live-region')).toHaveTextContent('Estimate of Write spec cleared.');
  });

  it.each([
    ['-2', 'An estimate cannot be negative.'],
    ['20000', 'An estimate can be at most 10000.'],
  ])('shows the core message for %s and keeps the old estimate', async (typed, message) => {
    const { user, backend } = await renderBoard(new FakeBackend(estimatedTeam()));
    await user.type(await openEstimateInput(user, 'Write spec'), `{Backspace}${typed}{Enter}`);
    expect(await screen.findByTestId('error')).toHaveTextContent(message);
    expect(backend.cardNow(1)?.estimate).toBe(3);
    expect(within(card('Write spec')).getByTestId('card-estimate')).toHaveTextContent('3 pts');
    // Still open, to be fixed.
    expect(screen.getByTestId('estimate-input')).toBeInTheDocument();
  });

  it('is undone with Ctrl+Z', async () => {
    const { user, backend } = await renderBoard(new FakeBackend(smallTeam()));
    await user.type(await openEstimateInput(user, 'Build API'), '5{Enter}');
    await waitFor(() => expect(backend.cardNow(4)?.estimate).toBe(5));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(within(card('Build API')).queryByTestId('card-estimate')).not.toBeInTheDocument());
    expect(screen.getByTestId('live-region')).toHaveTextContent('Undone: Set estimate.');
  });
});

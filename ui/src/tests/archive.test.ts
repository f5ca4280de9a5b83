import { screen, waitFor, within } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackendError } from '../lib/backend';
import { FakeBackend } from '../lib/fake-backend';
import { card, renderBoard, smallTeam, titlesOnScreen } from './helpers';

const START = {
  'To do': ['Write spec', 'Fix login', 'Plan sprint'],
  'In progress': ['Build API'],
  Done: [],
};

function live(): HTMLElement {
  return screen.getByTestId('live-region');
}

async function fromMenu(user: UserEvent, title: string, testid: 'archive-card' | 'delete-card') {
  await user.click(within(card(title)).getByTestId('card-menu'));
  await user.click(within(await screen.findByTestId('card-menu-popup')).getByTestId(testid));
}

async function openPanel(user: UserEvent): Promise<HTMLElement> {
  await user.click(screen.getByTestId('show-archived'));
  return screen.findByTestId('archived-panel');
}

function archivedTitles(panel: HTMLElement): string[] {
  return within(panel)
    .queryAllByTestId('archived-title')
    .map((t) => t.textContent ?? '');
}

describe('archiving cards', () => {
  it('archives from the card menu: off the board, in the panel and in the backend', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    await waitFor(() => expect(screen.getByTestId('show-archived')).toHaveTextContent('Archived (0)'));

    await fromMenu(user, 'Fix login', 'archive-card');
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Plan sprint']);
    await waitFor(() => expect(backend.cardNow(2)?.archivedAt).not.toBeNull());
    expect(backend.titles()['To do']).toEqual(['Write spec', 'Plan sprint']);
    expect(live()).toHaveTextContent('Archived Fix login. Ctrl+Z to undo.');
    await waitFor(() => expect(screen.getByTestId('show-archived')).toHaveTextContent('Archived (1)'));

    const panel = await openPanel(user);
    expect(archivedTitles(panel)).toEqual(['Fix login']);
    const item = within(panel).getByTestId('archived-card');
    expect(within(item).getByTestId('archived-column')).toHaveTextContent('To do');
    expect(item).toHaveTextContent('archived just now');
  });

  it('archives the focused card with a, and focus goes to its neighbour', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    card('Fix login').focus();
    await user.keyboard('a');
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Plan sprint']);
    await waitFor(() => expect(card('Plan sprint')).toHaveFocus());
    expect(backend.cardNow(2)?.archivedAt).not.toBeNull();
    expect(live()).toHaveTextContent('Archived Fix login. Ctrl+Z to undo.');

    // The last card of a column: the one above it gets focus.
    await user.keyboard('a');
    await waitFor(() => expect(card('Write spec')).toHaveFocus());
    expect(titlesOnScreen()['To do']).toEqual(['Write spec']);
    expect(archivedTitles(await openPanel(user))).toEqual(['Plan sprint', 'Fix login']);
  });

  it('archives with a in the people view too', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    await user.click(screen.getByTestId('view-people'));
    card('Build API').focus();
    await user.keyboard('a');
    await waitFor(() => expect(backend.cardNow(4)?.archivedAt).not.toBeNull());
    expect(screen.queryAllByTestId('card-title').map((t) => t.textContent)).not.toContain('Build API');
  });

  it('puts the card back and shows the error when the backend refuses', async () => {
    const backend = new FakeBackend(smallTeam());
    vi.spyOn(backend, 'archiveCard').mockRejectedValue(new BackendError('storage', 'Disk full'));
    const { user } = await renderBoard(backend);
    card('Fix login').focus();
    await user.keyboard('a');
    expect(await screen.findByTestId('error')).toHaveTextContent('Disk full');
    await waitFor(() => expect(titlesOnScreen()).toEqual(START));
    expect(live()).not.toHaveTextContent('Archived');
  });

  it('restores from the panel to its old place, at once', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    card('Fix login').focus();
    await user.keyboard('a');
    await waitFor(() => expect(backend.cardNow(2)?.archivedAt).not.toBeNull());
    const panel = await openPanel(user);
    await waitFor(() => expect(archivedTitles(panel)).toEqual(['Fix login']));

    await user.click(within(panel).getByTestId('restore-card'));
    await waitFor(() => expect(titlesOnScreen()).toEqual(START));
    expect(backend.titles()).toEqual(START);
    expect(within(panel).getByText('No archived cards.')).toBeInTheDocument();
    expect(live()).toHaveTextContent('Restored Fix login to To do.');
    expect(screen.getByTestId('show-archived')).toHaveTextContent('Archived (0)');
  });

  it('shows the empty panel, and closes it with Escape or the close button', async () => {
    const { user } = await renderBoard();
    let panel = await openPanel(user);
    expect(panel).toHaveTextContent('No archived cards.');
    expect(within(panel).getByTestId('close-archived')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('archived-panel')).not.toBeInTheDocument();
    expect(screen.getByTestId('show-archived')).toHaveFocus();

    panel = await openPanel(user);
    await user.click(within(panel).getByTestId('close-archived'));
    expect(screen.queryByTestId('archived-panel')).not.toBeInTheDocument();
  });

  it('keeps board and open panel in step through undo and redo', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    await fromMenu(user, 'Fix login', 'archive-card');
    const panel = await openPanel(user);
    await waitFor(() => expect(archivedTitles(panel)).toEqual(['Fix login']));

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(titlesOnScreen()).toEqual(START));
    await waitFor(() => expect(archivedTitles(panel)).toEqual([]));
    expect(live()).toHaveTextContent('Undone: Archive card.');

    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Plan sprint']));
    await waitFor(() => expect(archivedTitles(panel)).toEqual(['Fix login']));

    // Undoing a restore made in the panel archives it again.
    await user.click(within(panel).getByTestId('restore-card'));
    await waitFor(() => expect(titlesOnScreen()).toEqual(START));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(archivedTitles(panel)).toEqual(['Fix login']));
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Plan sprint']);
    expect(live()).toHaveTextContent('Undone: Restore card.');
  });

  it('leaves archived cards out of the loads', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    await user.click(screen.getByTestId('view-people'));
    const lanes = () => screen.getAllByTestId('lane');
    const ana = () => lanes().find((l) => l.textContent?.includes('Ana Souza'))!;
    await waitFor(() => expect(ana()).toHaveTextContent('1 open'));
    card('Write spec').focus();
    await user.keyboard('a');
    await waitFor(() => expect(ana()).toHaveTextContent('0 open'));
    expect(backend.boardNow(1).loads.find((l) => l.memberId === 1)).toBeUndefined();
  });
});

describe('deleting cards', () => {
  it('asks first; Delete on a focused card, then "Delete card" deletes it', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    card('Fix login').focus();
    await user.keyboard('{Delete}');
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveAttribute('data-testid', 'confirm-delete');
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveTextContent('Fix login');
    expect(dialog).toHaveTextContent(/undo/i);
    expect(within(dialog).getByTestId('confirm-delete-yes')).toHaveTextContent('Delete card');
    expect(within(dialog).getByTestId('confirm-delete-no')).toHaveFocus();
    // Nothing is deleted before the answer.
    expect(backend.cardNow(2)).toBeDefined();

    await user.click(within(dialog).getByTestId('confirm-delete-yes'));
    expect(screen.queryByTestId('confirm-delete')).not.toBeInTheDocument();
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Plan sprint']);
    await waitFor(() => expect(backend.cardNow(2)).toBeUndefined());
    expect(live()).toHaveTextContent('Deleted Fix login. Ctrl+Z to undo.');
    await waitFor(() => expect(card('Plan sprint')).toHaveFocus());
  });

  it('keeps the card on "Cancel" or Escape, and gives focus back', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    card('Fix login').focus();
    await user.keyboard('{Backspace}');
    await user.click(screen.getByTestId('confirm-delete-no'));
    expect(screen.queryByTestId('confirm-delete')).not.toBeInTheDocument();
    await waitFor(() => expect(card('Fix login')).toHaveFocus());

    await user.keyboard('{Delete}');
    expect(screen.getByTestId('confirm-delete')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('confirm-delete')).not.toBeInTheDocument();
    await waitFor(() => expect(card('Fix login')).toHaveFocus());
    expect(titlesOnScreen()).toEqual(START);
    expect(backend.titles()).toEqual(START);
  });

  it('traps focus on its two buttons and keeps shortcuts from the board', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    card('Fix login').focus();
    await user.keyboard('{Delete}');
    const [no, yes] = [screen.getByTestId('confirm-delete-no'), screen.getByTestId('confirm-delete-yes')];
    await user.tab();
    expect(yes).toHaveFocus();
    await user.tab();
    expect(no).toHaveFocus();
    await user.tab({ shift: true });
    expect(yes).toHaveFocus();
    await user.keyboard('n?');
    expect(screen.queryByTestId('new-card-title')).not.toBeInTheDocument();
    expect(screen.queryByTestId('shortcuts-dialog')).not.toBeInTheDocument();
    // Enter presses the focused button.
    await user.keyboard('{Enter}');
    await waitFor(() => expect(backend.cardNow(2)).toBeUndefined());
  });

  it('deletes from the card menu, and Ctrl+Z brings the card back in its place', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    await fromMenu(user, 'Fix login', 'delete-card');
    await user.click(screen.getByTestId('confirm-delete-yes'));
    await waitFor(() => expect(backend.cardNow(2)).toBeUndefined());
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Plan sprint']);

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(titlesOnScreen()).toEqual(START));
    expect(backend.titles()).toEqual(START);
    expect(live()).toHaveTextContent('Undone: Delete card.');
  });

  it('deletes an archived card from the panel after asking', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    card('Fix login').focus();
    await user.keyboard('a');
    await waitFor(() => expect(backend.cardNow(2)?.archivedAt).not.toBeNull());
    const panel = await openPanel(user);
    await waitFor(() => expect(archivedTitles(panel)).toEqual(['Fix login']));

    await user.click(within(panel).getByTestId('delete-archived'));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('confirm-delete')).not.toBeInTheDocument();
    // Escape closed the dialog only, not the panel.
    expect(screen.getByTestId('archived-panel')).toBeInTheDocument();
    expect(within(panel).getByTestId('delete-archived')).toHaveFocus();
    expect(backend.cardNow(2)).toBeDefined();

    await user.click(within(panel).getByTestId('delete-archived'));
    await user.click(screen.getByTestId('confirm-delete-yes'));
    await waitFor(() => expect(backend.cardNow(2)).toBeUndefined());
    expect(within(panel).getByText('No archived cards.')).toBeInTheDocument();
    expect(live()).toHaveTextContent('Deleted Fix login. Ctrl+Z to undo.');

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(archivedTitles(panel)).toEqual(['Fix login']));
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Plan sprint']);
  });
});

describe('shortcuts list', () => {
  it('lists a and Delete', async () => {
    const { user } = await renderBoard();
    await user.keyboard('?');
    const dialog = screen.getByTestId('shortcuts-dialog');
    expect(dialog).toHaveTextContent('Archive the focused card');
    expect(dialog).toHaveTextContent(/Delete the focused card/);
    const keys = within(dialog)
      .getAllByRole('term')
      .map((t) => t.textContent);
    expect(keys).toContain('a');
    expect(keys).toContain('Delete');
  });
});

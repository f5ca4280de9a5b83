import { screen, waitFor, within } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../lib/fake-backend';
import { card, column, renderBoard, smallTeam, titlesOnScreen } from './helpers';

function columnNames(): string[] {
  return screen.getAllByTestId('column').map((c) => c.dataset.columnName ?? '');
}

async function archiveFromMenu(user: UserEvent, name: string) {
  await user.click(within(column(name)).getByTestId('column-menu'));
  await user.click(within(await screen.findByTestId('column-menu-popup')).getByTestId('archive-column'));
}

async function openPanel(user: UserEvent): Promise<HTMLElement> {
  await user.click(screen.getByTestId('show-archived'));
  return screen.findByTestId('archived-panel');
}

describe('archiving columns', () => {
  it('archives a column with its cards from the column menu; the panel lists it and restores it', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    await archiveFromMenu(user, 'To do');
    expect(columnNames()).toEqual(['In progress', 'Done']);
    await waitFor(() => expect(backend.boardNow(1).columns.map((c) => c.name)).toEqual(['In progress', 'Done']));
    expect(screen.getByTestId('live-region')).toHaveTextContent('Archived column To do with its cards. Ctrl+Z to undo.');
    await waitFor(() => expect(within(column('In progress')).getByTestId('column-menu')).toHaveFocus());
    await waitFor(() => expect(screen.getByTestId('show-archived')).toHaveTextContent('Archived (1)'));

    const panel = await openPanel(user);
    const item = await within(panel).findByTestId('archived-column-item');
    expect(within(item).getByTestId('archived-column-name')).toHaveTextContent('To do');
    expect(within(item).getByTestId('archived-column-cards')).toHaveTextContent('3 cards');
    expect(item).toHaveTextContent('archived just now');
    expect(within(panel).getByTestId('archived-empty')).toHaveTextContent('No archived cards.');

    await user.click(within(item).getByTestId('restore-column'));
    await waitFor(() => expect(columnNames()).toEqual(['To do', 'In progress', 'Done']));
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']);
    expect(within(panel).getByTestId('archived-columns-empty')).toHaveTextContent('No archived columns.');
    expect(screen.getByTestId('live-region')).toHaveTextContent('Restored column To do.');
    expect(within(panel).getByTestId('close-archived')).toHaveFocus();
  });

  it('Ctrl+Z brings an archived column back, and Ctrl+Shift+Z takes it away again', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    await archiveFromMenu(user, 'In progress');
    await waitFor(() => expect(backend.undoLabel()).toBe('Archive column'));
    card('Write spec').focus();
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(columnNames()).toEqual(['To do', 'In progress', 'Done']));
    expect(titlesOnScreen()['In progress']).toEqual(['Build API']);
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(columnNames()).toEqual(['To do', 'Done']));
  });

  it('refuses the last column on the board with the core’s message', async () => {
    const backend = new FakeBackend({ boards: [{ name: 'Solo', columns: [{ name: 'Only', cards: ['One'] }] }] });
    const { user } = await renderBoard(backend);
    await archiveFromMenu(user, 'Only');
    expect(await screen.findByTestId('error')).toHaveTextContent(
      'A board keeps at least one column; add another before archiving this one.',
    );
    expect(columnNames()).toEqual(['Only']);
    expect(backend.boardNow(1).columns[0].archivedAt).toBeNull();
  });

  it('names the archived column of an archived card in the panel', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.archiveCard(2);
    await backend.archiveColumn(1);
    const { user } = await renderBoard(backend);
    const panel = await openPanel(user);
    await waitFor(() =>
      expect(within(panel).getByTestId('archived-column')).toHaveTextContent('To do (archived column)'),
    );
    expect(within(panel).getByTestId('archived-column-cards')).toHaveTextContent('2 cards');
  });
});

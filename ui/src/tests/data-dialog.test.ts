import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../lib/fake-backend';
import { renderApp, renderBoard, smallTeam } from './helpers';

const CSV = 'title,column,assignee,estimate\r\nSet up the staging database,To do,Ana Souza,3\r\nWrite the release notes,Doing,,\r\n';

async function openData() {
  const rendered = await renderBoard(new FakeBackend(smallTeam()));
  await rendered.user.click(screen.getByTestId('nav-data'));
  const dialog = await screen.findByTestId('data-dialog');
  return { ...rendered, dialog };
}

function result(): HTMLElement {
  return screen.getByTestId('data-result');
}

describe('the Data and backups dialog', () => {
  it('backs up on request and lists the backup, then restores it after asking', async () => {
    const { user, backend, dialog } = await openData();
    expect(await within(dialog).findByTestId('backups-empty')).toBeInTheDocument();
    await user.click(within(dialog).getByTestId('backup-now'));
    await waitFor(() => expect(result()).toHaveTextContent(/^Backed up to .*-manual\.sqlite3\.$/));
    const listed = await within(dialog).findAllByTestId('backup');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toHaveTextContent('Made by you');

    // A change after the backup, which the restore takes back.
    await backend.createCard({ columnId: 1, title: 'Made after the backup' });
    await user.click(within(listed[0]).getByTestId('backup-restore'));
    const confirm = within(dialog).getByTestId('restore-confirm');
    expect(confirm).toHaveTextContent('Your current data is backed up first.');
    await user.click(within(confirm).getByTestId('restore-confirm-yes'));
    await waitFor(() => expect(result()).toHaveTextContent(/^Restored\. The data it replaced is kept in .*before-restore/));
    const board = await backend.loadBoard(1);
    expect(board.cards.map((c) => c.title)).not.toContain('Made after the backup');
    // The backup made before the restore is listed too.
    await waitFor(() => expect(within(dialog).getAllByTestId('backup')).toHaveLength(2));
  });

  it('cancels a restore when asked, and refuses a file that is not a backup with the reason', async () => {
    const { user, backend, dialog } = await openData();
    await user.click(within(dialog).getByTestId('backup-now'));
    await user.click(await within(dialog).findByTestId('backup-restore'));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(within(dialog).queryByTestId('restore-confirm')).toBeNull();

    backend.openPathAnswer = '/home/lead/notes.txt';
    await user.click(within(dialog).getByTestId('restore-file'));
    expect(backend.openPathRequests.at(-1)).toMatchObject({ extensions: ['sqlite3', 'db', 'sqlite'] });
    await user.click(within(dialog).getByTestId('restore-confirm-yes'));
    await waitFor(() => expect(result()).toHaveTextContent('/home/lead/notes.txt cannot be restored'));
    expect(result()).toHaveAttribute('role', 'alert');
    expect(result()).toHaveTextContent('Your current data was not changed.');
  });

  it('exports everything to Downloads, or where the save dialog says', async () => {
    const { user, backend, dialog } = await openData();
    await user.click(within(dialog).getByTestId('export-save'));
    await waitFor(() => expect(result()).toHaveTextContent(/^Exported everything to \/home\/lead\/Downloads\/Teamlead export .*\.json\.$/));
    expect([...backend.files.keys()]).toHaveLength(1);

    backend.savePathAnswer = null;
    await user.click(within(dialog).getByTestId('export-save-as'));
    await waitFor(() => expect(result()).toHaveTextContent('Export cancelled.'));
    backend.savePathAnswer = '/home/lead/team.json';
    await user.click(within(dialog).getByTestId('export-save-as'));
    await waitFor(() => expect(result()).toHaveTextContent('Exported everything to /home/lead/team.json.'));
    expect(JSON.parse(backend.files.get('/home/lead/team.json')!)).toMatchObject({ format: 'teamlead', version: 1 });
  });

  it('imports CSV cards into the open board or a new one, and shows the board', async () => {
    const { user, backend, dialog } = await openData();
    backend.files.set('/home/lead/cards.csv', CSV);
    backend.openPathAnswer = '/home/lead/cards.csv';
    await user.selectOptions(within(dialog).getByTestId('import-kind'), 'csv');
    expect(within(dialog).getByTestId('import-target')).toHaveValue('board');
    await user.click(within(dialog).getByTestId('import-choose'));
    await waitFor(() => expect(result()).toHaveTextContent('Imported 2 cards'));
    expect(backend.openPathRequests.at(-1)).toMatchObject({ label: 'CSV file', extensions: ['csv'] });
    expect((await backend.loadBoard(1)).cards.map((c) => c.title)).toContain('Set up the staging database');
    // The board on screen shows them.
    expect(await screen.findByText('Set up the staging database')).toBeInTheDocument();

    await user.selectOptions(within(dialog).getByTestId('import-target'), 'new');
    await user.click(within(dialog).getByTestId('import-choose'));
    await waitFor(() => expect(result()).toHaveTextContent('Imported 1 board, 2 cards'));
    expect((await backend.workspace()).boards.map((b) => b.name)).toContain('cards');
  });

  it('says why a broken file was refused, imports nothing, and a cancelled choice does nothing', async () => {
    const { user, backend, dialog } = await openData();
    const before = await backend.loadBoard(1);
    backend.files.set('/home/lead/board.json', '{"name": "Broken", "lists": [');
    backend.openPathAnswer = '/home/lead/board.json';
    await user.click(within(dialog).getByTestId('import-choose'));
    await waitFor(() => expect(result()).toHaveAttribute('role', 'alert'));
    expect(result()).toHaveTextContent('Nothing was imported.');
    expect((await backend.workspace()).boards).toHaveLength(1);
    expect((await backend.loadBoard(1)).cards).toEqual(before.cards);

    backend.openPathAnswer = null;
    await user.click(within(dialog).getByTestId('import-choose'));
    await waitFor(() => expect(result()).toHaveTextContent('Import cancelled.'));
  });

  it('is reachable from the welcome page, where a Teamlead export fills the empty workspace', async () => {
    const source = FakeBackend.demo();
    await source.exportWorkspace({ path: '/home/lead/all.json', replace: false });
    const backend = new FakeBackend();
    backend.files.set('/home/lead/all.json', source.files.get('/home/lead/all.json')!);
    backend.openPathAnswer = '/home/lead/all.json';
    const { user } = await renderApp(backend);
    await user.click(await screen.findByTestId('welcome-import'));
    const dialog = await screen.findByTestId('data-dialog');
    await user.selectOptions(within(dialog).getByTestId('import-kind'), 'json');
    await user.click(within(dialog).getByTestId('import-choose'));
    await waitFor(() => expect(result()).toHaveTextContent(/^Imported 1 board, \d+ cards, 6 people/));
    await user.keyboard('{Escape}');
    expect(await screen.findByTestId('board')).toBeInTheDocument();
  });

  it('opens from the command palette', async () => {
    const { user } = await renderBoard();
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('backups');
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('data-dialog')).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { BackendError } from '../lib/backend';
import { FakeBackend } from '../lib/fake-backend';
import { renderApp, renderBoard, smallTeam } from './helpers';

describe('first start', () => {
  it('shows the welcome screen on an empty workspace, and start-fresh opens a 4-column board', async () => {
    const backend = new FakeBackend();
    const { user } = await renderApp(backend);

    expect(await screen.findByRole('heading', { name: /welcome to teamlead/i })).toBeInTheDocument();
    expect(screen.getByTestId('load-demo')).toHaveTextContent('Explore with a demo team');
    expect(screen.queryByTestId('board')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('start-fresh'));

    const board = await screen.findByTestId('board');
    expect(within(board).getByRole('heading', { level: 1 })).toHaveTextContent('My team');
    expect(board).toHaveAttribute('data-board-id', '1');
    const columns = screen.getAllByTestId('column');
    expect(columns.map((c) => c.dataset.columnName)).toEqual(['To do', 'In progress', 'Review', 'Done']);
    expect(screen.queryAllByTestId('card')).toHaveLength(0);
    expect(within(columns[0]).getByText('No cards')).toBeInTheDocument();
    expect((await backend.workspace()).empty).toBe(false);
  });

  it('loads the demo team with assignees shown as initials', async () => {
    const backend = new FakeBackend();
    const { user } = await renderApp(backend);
    await user.click(await screen.findByTestId('load-demo'));

    await screen.findByTestId('board');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Platform team');
    const expected = backend.boardNow(1).cards.length;
    expect(screen.getAllByTestId('card')).toHaveLength(expected);
    expect((await screen.findAllByRole('img', { name: 'Assigned to Ana Souza' })).length).toBeGreaterThan(0);
    expect(screen.getAllByRole('img', { name: 'Assigned to Ana Souza' })[0]).toHaveTextContent('AS');
  });

  it('skips the welcome screen when there is data', async () => {
    await renderBoard();
    expect(screen.queryByTestId('load-demo')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Core team');
  });

  it('shows the error and what is really there when a start fails', async () => {
    const backend = new FakeBackend();
    const { user } = await renderApp(backend);
    await screen.findByTestId('start-fresh');
    // Somebody else made the workspace meanwhile.
    await backend.seedDemo();
    await user.click(screen.getByTestId('start-fresh'));

    expect(await screen.findByTestId('error')).toHaveTextContent(
      'This workspace already has data; the starting board is only made for an empty one.',
    );
    expect(await screen.findByTestId('board')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Platform team');
  });

  it('explains a database it cannot open and can try again', async () => {
    const backend = new FakeBackend();
    vi.spyOn(backend, 'workspace').mockRejectedValueOnce(
      new BackendError('incompatible_database', 'This database was written by a newer version of Teamlead.'),
    );
    const { user } = await renderApp(backend);
    expect(await screen.findByTestId('error')).toHaveTextContent(
      'This database was written by a newer version of Teamlead.',
    );
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('load-demo')).toBeInTheDocument();
  });
});

describe('frame', () => {
  it('navigates between the six parts, marking the current one', async () => {
    const { user } = await renderBoard();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const entries = within(nav).getAllByRole('button').slice(0, 6);
    expect(entries.map((e) => e.textContent?.replace(/\s+/g, ' ').trim().split(' ')[0])).toEqual([
      'Board',
      'People',
      'Workload',
      'Progress',
      'Goals',
      'Reports',
    ]);
    expect(screen.getByTestId('nav-board')).toHaveAttribute('aria-current', 'page');

    for (const [id, title] of [
      ['people', 'People'],
      ['workload', 'Workload'],
      ['progress', 'Progress'],
      ['goals', 'Goals'],
      ['reports', 'Report for the manager'],
    ] as const) {
      await user.click(screen.getByTestId(`nav-${id}`));
      expect(screen.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page');
      expect(screen.getByTestId('nav-board')).not.toHaveAttribute('aria-current');
      expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent(title);
      if (id === 'people') expect(screen.getByTestId('people-page')).toBeInTheDocument();
      else if (id === 'workload') expect(screen.getByTestId('workload')).toBeInTheDocument();
      else expect(screen.getByTestId(`${id === 'reports' ? 'reports' : id}-page`)).toBeInTheDocument();
      expect(screen.queryByTestId('board')).not.toBeInTheDocument();
    }

    await user.click(screen.getByTestId('nav-board'));
    expect(screen.getByTestId('board')).toBeInTheDocument();
  });

  it('has g-shortcuts for the parts', async () => {
    const { user } = await renderBoard();
    await user.keyboard('gp');
    expect(screen.getByTestId('nav-people')).toHaveAttribute('aria-current', 'page');
    await user.keyboard('gw');
    expect(screen.getByTestId('nav-workload')).toHaveAttribute('aria-current', 'page');
    await user.keyboard('gr');
    expect(screen.getByTestId('nav-reports')).toHaveAttribute('aria-current', 'page');
    await user.keyboard('gm');
    expect(screen.getByTestId('nav-progress')).toHaveAttribute('aria-current', 'page');
    await user.keyboard('gg');
    expect(screen.getByTestId('nav-goals')).toHaveAttribute('aria-current', 'page');
    await user.keyboard('gb');
    expect(screen.getByTestId('board')).toBeInTheDocument();
  });

  it('shows the version, the data file and the log folder in the About box', async () => {
    const { user } = await renderBoard(
      new FakeBackend({
        ...smallTeam(),
        appInfo: { version: '0.3.1', dataFile: '/home/lea/teamlead.db', exportDir: '/home/lea/Downloads', logDir: '/home/lea/logs' },
      }),
    );
    const button = screen.getByTestId('nav-about');
    await waitFor(() => expect(button).toBeEnabled());
    expect(button).toHaveTextContent('0.3.1');
    await user.click(button);
    const about = await screen.findByTestId('about-dialog');
    expect(within(about).getByTestId('about-version')).toHaveTextContent('0.3.1');
    expect(within(about).getByTestId('about-data-file')).toHaveTextContent('/home/lea/teamlead.db');
    expect(within(about).getByTestId('about-log-dir')).toHaveTextContent('/home/lea/logs');
    // Shortcuts wait while it is open; Escape closes it and focus goes back.
    await user.keyboard('gp');
    expect(screen.getByTestId('nav-board')).toHaveAttribute('aria-current', 'page');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('about-dialog')).toBeNull();
    expect(button).toHaveFocus();

    // The command palette reaches it too.
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('About');
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('about-dialog')).toBeInTheDocument();
  });

  it('lists the shortcuts on ? and closes the list on Escape', async () => {
    const { user } = await renderBoard();
    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog).toHaveTextContent('New card in the first column');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('lets errors be dismissed', async () => {
    const backend = new FakeBackend();
    vi.spyOn(backend, 'startFresh').mockRejectedValueOnce({ code: 'storage', message: 'The disk is full.' });
    const { user } = await renderApp(backend);
    await user.click(await screen.findByTestId('start-fresh'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The disk is full.');
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByTestId('error')).not.toBeInTheDocument());
  });
});

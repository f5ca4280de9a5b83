import { screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../lib/fake-backend';
import { formatDays, formatPercentiles, formatShare, groupRisks, progressPeriod } from '../lib/progress';
import type { Risk } from '../bindings/Risk';
import { card, renderBoard, smallTeam } from './helpers';

function risk(kind: string, key: string, extra: Partial<Risk> = {}): Risk {
  return { kind, key, label: kind, cardId: null, memberId: null, skill: null, name: key, why: `why ${key}`, ...extra };
}

describe('progress helpers', () => {
  it('periods end today and cover 28 or 84 days, across months and years', () => {
    expect(progressPeriod('last_four_weeks', new Date(2024, 5, 12))).toEqual({ from: '2024-05-16', to: '2024-06-12' });
    expect(progressPeriod('last_twelve_weeks', new Date(2025, 0, 10))).toEqual({ from: '2024-10-19', to: '2025-01-10' });
  });

  it('formats days, percentiles and shares, with a dash for nothing', () => {
    expect(formatDays(null)).toBe('–');
    expect(formatDays(Number.NaN)).toBe('–');
    expect(formatDays(1)).toBe('1.0 day');
    expect(formatDays(2.345)).toBe('2.3 days');
    expect(formatDays(12.6)).toBe('13 days');
    expect(formatPercentiles({ count: 0, p50: null, p85: null, p95: null })).toBe('No card finished in this period');
    expect(formatPercentiles({ count: 3, p50: 2, p85: 4.5, p95: 11 })).toBe('p50 2.0 days · p85 4.5 days · p95 11 days');
    expect(formatShare(null)).toBe('–');
    expect(formatShare(0.666)).toBe('67%');
  });

  it('groups risks most urgent first, unknown kinds last, keeping their order within a kind', () => {
    const groups = groupRisks([
      risk('stale', 's1'),
      risk('future_kind', 'f1'),
      risk('blocked', 'b1'),
      risk('stale', 's2'),
      risk('one_on_one_overdue', 'o1'),
    ]);
    expect(groups.map((g) => [g.heading, g.risks.map((r) => r.key)])).toEqual([
      ['Blocked', ['b1']],
      ['Stale', ['s1', 's2']],
      ['One-on-ones overdue', ['o1']],
      ['future kind', ['f1']],
    ]);
    expect(groupRisks([])).toEqual([]);
  });
});

describe('the Progress page', () => {
  afterEach(() => vi.unstubAllGlobals());

  async function openProgress(backend = new FakeBackend(smallTeam())) {
    const rendered = await renderBoard(backend);
    await rendered.user.keyboard('gm');
    await screen.findByTestId('numbers');
    return rendered;
  }

  it('shows the flow numbers, charts as images with their summary, and an empty radar', async () => {
    const { backend } = await openProgress();
    expect(screen.getByTestId('metric-wip')).toHaveTextContent('1');
    expect(screen.getByTestId('metric-blocked')).toHaveTextContent('0');
    expect(screen.getByTestId('radar-empty')).toBeInTheDocument();
    const charts = screen.getAllByTestId('chart');
    expect(charts.map((c) => c.dataset.kind)).toEqual(['cumulative-flow', 'throughput', 'cycle-time']);
    const img = within(charts[0]).getByRole('img');
    expect(img).toHaveAccessibleName('Cumulative flow of Core team.');
    expect(img.querySelector('svg rect')).not.toBeNull();
    // The default period is the last four weeks, in light colours.
    const last = backend.metricsRequests.at(-1)!;
    expect(last.dark).toBe(false);
    const days = (Date.parse(last.to) - Date.parse(last.from)) / 86_400_000;
    expect(days).toBe(27);
  });

  it('asks for dark charts when the window is dark', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('dark'),
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    }));
    const { backend } = await openProgress();
    expect(backend.metricsRequests.at(-1)!.dark).toBe(true);
  });

  it('lists a blocked card with why, and its link opens the card on the board', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.blockCard({ cardId: 4, reason: 'Waiting for the vendor' });
    const { user } = await openProgress(backend);
    const entry = screen.getAllByTestId('risk').find((r) => r.dataset.kind === 'blocked')!;
    expect(entry).toHaveTextContent('Build API');
    expect(entry).toHaveTextContent('Blocked: Waiting for the vendor');
    expect(screen.getByTestId('metric-blocked')).toHaveTextContent('1');
    await user.click(within(entry).getByTestId('risk-link'));
    const dialog = await screen.findByTestId('card-dialog');
    expect(dialog).toHaveTextContent('Build API');
    expect(screen.getByTestId('nav-board')).toHaveAttribute('aria-current', 'page');
  });

  it('links a person flagged by the radar to their page, and lists skills without a link', async () => {
    const backend = new FakeBackend(smallTeam());
    backend.extraRisks = [
      risk('one_on_one_overdue', 'o:2', { memberId: 2, name: 'Chidi Okafor', why: 'Last one-on-one 40 days ago' }),
      risk('single_skill', 'k:rust', { skill: 'rust', name: 'rust', why: 'Only Ana Souza has it' }),
    ];
    const { user } = await openProgress(backend);
    const skill = screen.getAllByTestId('risk').find((r) => r.dataset.kind === 'single_skill')!;
    expect(within(skill).queryByTestId('risk-link')).toBeNull();
    expect(skill).toHaveTextContent('Only Ana Souza has it');
    const person = screen.getAllByTestId('risk').find((r) => r.dataset.kind === 'one_on_one_overdue')!;
    await user.click(within(person).getByTestId('risk-link'));
    expect(screen.getByTestId('nav-people')).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('heading', { level: 1, name: /Chidi Okafor/ })).toBeInTheDocument();
  });

  it('lists aging cards in progress, oldest first, with links', async () => {
    const { user } = await openProgress();
    const aging = screen.getAllByTestId('aging-card');
    expect(aging.map((a) => a.textContent)).toEqual([expect.stringContaining('Build API')]);
    await user.click(within(aging[0]).getByRole('button', { name: 'Build API' }));
    expect(await screen.findByTestId('card-dialog')).toHaveTextContent('Build API');
  });

  it('says what is wrong with a custom period instead of showing stale numbers', async () => {
    const { user } = await openProgress();
    await user.click(screen.getByTestId('progress-period-custom'));
    await user.clear(screen.getByTestId('progress-to'));
    expect(await screen.findByTestId('progress-error')).toHaveTextContent('Pick the first and last day of the period.');
    expect(screen.queryByTestId('numbers')).toBeNull();
  });

  it('reads the numbers again after an undo', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.blockCard({ cardId: 4, reason: 'Vendor' });
    const { user } = await openProgress(backend);
    expect(screen.getByTestId('metric-blocked')).toHaveTextContent('1');
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(screen.getByTestId('metric-blocked')).toHaveTextContent('0'));
    expect(screen.getByTestId('radar-empty')).toBeInTheDocument();
  });
});

describe('the Goals page', () => {
  async function openGoals(backend = new FakeBackend(smallTeam())) {
    const rendered = await renderBoard(backend);
    await rendered.user.keyboard('gg');
    await screen.findByTestId('goals-page');
    return rendered;
  }

  it('starts empty, refuses a goal without a title or date, and adds one', async () => {
    const { user, backend } = await openGoals();
    expect(await screen.findByTestId('goals-empty')).toBeInTheDocument();
    await user.type(screen.getByTestId('goal-title'), '   ');
    // The form itself asks for the date first; the core refuses a blank title.
    screen.getByTestId('goal-target').removeAttribute('required');
    screen.getByTestId('goal-title').removeAttribute('required');
    await user.click(screen.getByTestId('goal-add'));
    expect(await screen.findByTestId('goal-error')).toBeInTheDocument();
    expect(await backend.listTeamGoals()).toEqual([]);

    await user.clear(screen.getByTestId('goal-title'));
    await user.type(screen.getByTestId('goal-title'), 'Checkout up 5%');
    await user.type(screen.getByTestId('goal-target'), '2099-03-31');
    await user.click(screen.getByTestId('goal-add'));
    const goal = await screen.findByTestId('goal');
    expect(within(goal).getByTestId('goal-name')).toHaveTextContent('Checkout up 5%');
    expect(within(goal).getByTestId('goal-status')).toHaveTextContent('No cards');
    expect(goal).toHaveTextContent('by 2099-03-31');
    expect(screen.queryByTestId('goal-error')).toBeNull();
    expect(screen.getByTestId('goal-title')).toHaveValue('');
  });

  it('links a card from the card dialog, and the goal rolls up its progress', async () => {
    const backend = new FakeBackend(smallTeam());
    const goal = await backend.saveTeamGoal({ goalId: null, title: 'Launch', targetDate: '2099-01-01' });
    const { user } = await renderBoard(backend);
    card('Fix login').focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByTestId('card-dialog');
    const select = within(dialog).getByTestId('card-goal-select');
    await waitFor(() => expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['None', 'Launch (by 2099-01-01)']));
    await waitFor(() => expect(select).toBeEnabled());
    await user.selectOptions(select, String(goal.id));
    await waitFor(async () => expect((await backend.cardDetail(2)).teamGoalId).toBe(goal.id));
    expect(screen.getByTestId('live-region')).toHaveTextContent('Card linked to the goal “Launch”.');
    await user.keyboard('{Escape}');

    await user.keyboard('gg');
    const shown = await screen.findByTestId('goal');
    expect(within(shown).getByTestId('goal-facts')).toHaveTextContent('0% · 0 of 1 cards done');
    expect(within(shown).getByTestId('goal-status')).toHaveTextContent('Not started');

    // Unlinking from the dialog.
    await user.keyboard('gb');
    card('Fix login').focus();
    await user.keyboard('{Enter}');
    const again = await screen.findByTestId('card-dialog');
    await waitFor(() => expect(within(again).getByTestId('card-goal-select')).toHaveValue(String(goal.id)));
    await user.selectOptions(within(again).getByTestId('card-goal-select'), '');
    await waitFor(async () => expect((await backend.cardDetail(2)).teamGoalId).toBeNull());
  });

  it('adds a card for a goal to the first column, linked', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.saveTeamGoal({ goalId: null, title: 'Launch', targetDate: '2099-01-01' });
    const { user } = await openGoals(backend);
    await user.click(await screen.findByTestId('goal-add-card'));
    await user.type(screen.getByTestId('goal-card-title'), 'Write the launch post{Enter}');
    await waitFor(() => expect(screen.getByTestId('goal-facts')).toHaveTextContent('0 of 1 cards done'));
    const board = await backend.loadBoard(1);
    const created = board.cards.find((c) => c.title === 'Write the launch post')!;
    expect(created.columnId).toBe(board.columns[0].id);
    expect((await backend.cardDetail(created.id)).teamGoalId).toBe(1);
  });

  it('edits a goal, Escape cancels an edit, and a deleted goal comes back with Ctrl+Z', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.saveTeamGoal({ goalId: null, title: 'Launch', targetDate: '2099-01-01' });
    const { user } = await openGoals(backend);
    await user.click(await screen.findByTestId('goal-edit'));
    await user.type(screen.getByTestId('goal-edit-title'), ' v2{Escape}');
    expect(screen.getByTestId('goal-name')).toHaveTextContent(/^Launch$/);

    await user.click(screen.getByTestId('goal-edit'));
    await user.type(screen.getByTestId('goal-edit-title'), ' v2');
    await user.click(screen.getByTestId('goal-edit-save'));
    await waitFor(() => expect(screen.getByTestId('goal-name')).toHaveTextContent('Launch v2'));

    await user.click(screen.getByTestId('goal-delete'));
    expect(await screen.findByTestId('goals-empty')).toBeInTheDocument();
    expect(screen.getByTestId('live-region')).toHaveTextContent('Ctrl+Z brings it back');
    await user.keyboard('{Control>}z{/Control}');
    expect(await screen.findByTestId('goal')).toHaveTextContent('Launch v2');
  });
});

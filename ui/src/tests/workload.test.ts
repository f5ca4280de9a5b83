import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { FakeBackend, type FakeInit } from '../lib/fake-backend';
import { nextTwoWeeks, thisWeek, weekdays, workingDays } from '../lib/workload';
import { card } from './helpers';

/** Wednesday: this week is 12 to 14 March, the next two weeks 12 to 25 March (ten working days). */
const TODAY = '2025-03-12';

/**
 * Ana 5 a week (Rust 4), Bea 10 a week and off Thursday and Friday (Rust 2, SQL 3), Cem with
 * no capacity set and no skills.
 */
function workloadTeam(): FakeInit {
  return {
    members: [
      { name: 'Ana Souza', role: 'Backend engineer', skills: [{ name: 'Rust', level: 4 }], weeklyCapacity: 5 },
      {
        name: 'Bea Lindqvist',
        role: 'Backend engineer',
        skills: [
          { name: 'Rust', level: 2 },
          { name: 'SQL', level: 3 },
        ],
        weeklyCapacity: 10,
        timeOff: [{ start: '2025-03-13', end: '2025-03-14' }],
      },
      { name: 'Cem Yilmaz', role: 'Frontend engineer' },
    ],
    boards: [
      {
        name: 'Core team',
        columns: [
          {
            name: 'To do',
            cards: [
              { title: 'Parser', assigneeId: 1, estimate: 4, skills: [{ skill: 'Rust', minLevel: 3 }] },
              { title: 'Docs', assigneeId: 2 },
              { title: 'Triage', estimate: 2, priority: 'urgent' },
              { title: 'Kotlin port', estimate: 3, skills: [{ skill: 'Kotlin', minLevel: 3 }] },
              { title: 'Small fix', estimate: 1 },
            ],
          },
          { name: 'In progress', cards: [{ title: 'Index', assigneeId: 1, estimate: 3 }] },
          { name: 'Done', cards: [{ title: 'Old', assigneeId: 2, estimate: 8 }] },
        ],
      },
    ],
  };
}

async function renderWorkload(backend = new FakeBackend(workloadTeam())) {
  const user = userEvent.setup();
  render(App, { props: { backend, today: () => TODAY } });
  await screen.findByTestId('board');
  await user.click(screen.getByTestId('nav-workload'));
  await screen.findAllByTestId('workload-person');
  return { user, backend };
}

function person(name: string): HTMLElement {
  const found = screen
    .getAllByTestId('workload-person')
    .find((p) => within(p).queryByText(name, { selector: '.name' }) !== null);
  if (!found) throw new Error(`no person ${name}`);
  return found;
}

function loadOf(name: string): string {
  return within(person(name)).getByTestId('workload-load').textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function errors(): string[] {
  return screen.queryAllByTestId('error').map((e) => e.textContent?.trim() ?? '');
}

/** Picks a day in a date field, as the browser's date picker does. */
async function setDate(input: HTMLElement, value: string) {
  await fireEvent.input(input, { target: { value } });
  await fireEvent.change(input, { target: { value } });
}

/** Clicks on the page outside any field, so keys go to the app. */
async function leaveFields(user: UserEvent) {
  await user.click(screen.getByTestId('horizon-text'));
}

describe('horizons and working days', () => {
  it('count Monday to Friday without the days off, as the core does', () => {
    expect(thisWeek(TODAY)).toEqual({ start: '2025-03-12', end: '2025-03-14' });
    // At a weekend, this week is the coming one.
    expect(thisWeek('2025-03-15')).toEqual({ start: '2025-03-17', end: '2025-03-21' });
    expect(nextTwoWeeks(TODAY)).toEqual({ start: '2025-03-12', end: '2025-03-25' });
    expect(weekdays('2025-03-12', '2025-03-25')).toBe(10);
    expect(weekdays('2025-03-15', '2025-03-16')).toBe(0);
    expect(weekdays('2025-03-14', '2025-03-13')).toBe(0);
    // Overlapping periods and weekend days off count once, or not at all.
    const off = [
      { start: '2025-03-13', end: '2025-03-17' },
      { start: '2025-03-14', end: '2025-03-14' },
    ];
    expect(workingDays(nextTwoWeeks(TODAY), off)).toBe(7);
  });
});

describe('the Workload view', () => {
  it('shows each person’s open work against their capacity, over capacity in words', async () => {
    const { user } = await renderWorkload();
    expect(screen.getByTestId('nav-workload')).toHaveAttribute('aria-current', 'page');
    // Parser 4 + Index 3 against 5 × 10 / 5; Old is done.
    expect(loadOf('Ana Souza')).toBe('7 pts of 10 pts · 70%');
    // Off two of the ten days; Docs has no estimate.
    expect(loadOf('Bea Lindqvist')).toBe('0 pts of 16 pts · 0% · 1 unestimated');
    expect(loadOf('Cem Yilmaz')).toBe('0 pts assigned · capacity not set');
    expect(within(person('Bea Lindqvist')).getByTestId('working-days')).toHaveTextContent('8 working days');
    expect(screen.queryAllByTestId('over-capacity')).toHaveLength(0);
    expect(screen.getByTestId('unassigned-summary')).toHaveTextContent('3 open cards have nobody (6 pts).');

    await user.click(screen.getByTestId('horizon-week'));
    await waitFor(() => expect(loadOf('Ana Souza')).toBe('7 pts of 3 pts · 233% · over capacity'));
    expect(person('Ana Souza')).toHaveAttribute('data-over', 'true');
    expect(within(person('Ana Souza')).getByRole('meter')).toHaveAttribute('aria-valuenow', '233');
    expect(loadOf('Bea Lindqvist')).toBe('0 pts of 2 pts · 0% · 1 unestimated');

    await user.click(screen.getByTestId('horizon-custom'));
    const start = screen.getByTestId('horizon-start');
    expect(start).toHaveValue('2025-03-12');
    await setDate(screen.getByTestId('horizon-end'), '2025-03-18');
    await waitFor(() => expect(loadOf('Ana Souza')).toBe('7 pts of 5 pts · 140% · over capacity'));
  });

  it('edits a capacity inline, refuses a bad one with the reason, and Ctrl+Z takes it back', async () => {
    const { user, backend } = await renderWorkload();
    const input = within(person('Cem Yilmaz')).getByTestId('capacity-input');
    await user.type(input, '4{Enter}');
    await waitFor(() => expect(loadOf('Cem Yilmaz')).toBe('0 pts of 8 pts · 0%'));
    expect(backend.capacityNow(3)).toBe(4);
    expect(backend.undoLabel()).toBe('Set capacity');

    const ana = within(person('Ana Souza')).getByTestId('capacity-input');
    await user.clear(ana);
    await user.type(ana, '-1{Enter}');
    await waitFor(() => expect(errors()).toContain('A weekly capacity cannot be negative.'));
    expect(backend.capacityNow(1)).toBe(5);
    expect(within(person('Ana Souza')).getByTestId('capacity-input')).toHaveValue(5);

    await leaveFields(user);
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(loadOf('Cem Yilmaz')).toBe('0 pts assigned · capacity not set'));
    expect(backend.capacityNow(3)).toBeNull();
  });

  it('adds and removes time off, which changes the capacity', async () => {
    const { user, backend } = await renderWorkload();
    const ana = () => within(person('Ana Souza'));
    await user.click(ana().getByTestId('time-off-toggle'));
    const start = ana().getByTestId('time-off-start');
    expect(start).toHaveFocus();
    await setDate(start, '2025-03-17');
    await setDate(ana().getByTestId('time-off-end'), '2025-03-21');
    await user.click(ana().getByTestId('time-off-add'));
    await waitFor(() => expect(loadOf('Ana Souza')).toBe('7 pts of 5 pts · 140% · over capacity'));
    expect(ana().getByTestId('time-off-toggle')).toHaveTextContent('Time off (1)');
    expect(backend.timeOffNow().filter((t) => t.memberId === 1)).toHaveLength(1);

    // Backwards: the core's reason, nothing added.
    await user.click(ana().getByTestId('time-off-toggle'));
    await setDate(ana().getByTestId('time-off-start'), '2025-03-20');
    await setDate(ana().getByTestId('time-off-end'), '2025-03-19');
    await user.click(ana().getByTestId('time-off-add'));
    await waitFor(() => expect(errors()).toContain('Time off ends before it starts.'));
    expect(ana().getAllByTestId('time-off')).toHaveLength(1);

    await user.click(ana().getByRole('button', { name: /Remove time off from/ }));
    await waitFor(() => expect(loadOf('Ana Souza')).toBe('7 pts of 10 pts · 70%'));
    expect(backend.undoLabel()).toBe('Remove time off');
  });

  it('shows skill coverage and flags skills only one person has', async () => {
    await renderWorkload();
    const rows = screen.getAllByTestId('skill-row');
    expect(rows.map((r) => r.dataset.skill)).toEqual(['Kotlin', 'Rust', 'SQL']);
    const row = (skill: string) => rows.find((r) => r.dataset.skill === skill)!;
    expect(row('Rust')).toHaveTextContent('Ana Souza (4), Bea Lindqvist (2)');
    expect(within(row('Rust')).queryByTestId('bus-factor')).toBeNull();
    expect(within(row('SQL')).getByTestId('bus-factor')).toHaveTextContent('Only one person');
    expect(within(row('Kotlin')).getByTestId('nobody-has')).toHaveTextContent('Nobody');
    expect(row('Kotlin').querySelector('td.num')).toHaveTextContent('1');
  });

  it('previews suggestions with reasons, applies the selected ones in one step, and Ctrl+Z undoes them all', async () => {
    const { user, backend } = await renderWorkload();
    await user.click(screen.getByTestId('suggest'));
    const preview = await screen.findByTestId('plan-preview');
    expect(preview).toHaveFocus();
    const suggestions = within(preview).getAllByTestId('suggestion');
    const text = (el: HTMLElement) => el.textContent?.replace(/\s+/g, ' ').trim();
    expect(
      suggestions.map((s) => [text(s.querySelector('label')!), text(within(s).getByTestId('suggestion-reason'))]),
    ).toEqual([
      ['Triage → Bea Lindqvist', 'Bea Lindqvist: no skills needed, 13% after this; Ana Souza would be at 90%'],
      ['Small fix → Bea Lindqvist', 'Bea Lindqvist: no skills needed, 19% after this; Ana Souza would be at 80%'],
    ]);
    for (const box of within(preview).getAllByTestId('suggestion-accept')) expect(box).toBeChecked();
    const nobody = within(preview).getByTestId('unassignable');
    expect(nobody).toHaveTextContent('Kotlin port: Nobody has Kotlin at level 3');
    expect(within(preview).getByTestId('plan-max')).toHaveTextContent('70%');
    expect(within(preview).getByTestId('plan-bound')).toHaveTextContent('38%');
    expect(screen.getByTestId('apply-plan')).toHaveTextContent('Apply selected (2)');

    // Keep only Triage.
    await user.click(within(suggestions[1]).getByTestId('suggestion-accept'));
    expect(screen.getByTestId('apply-plan')).toHaveTextContent('Apply selected (1)');
    await user.click(within(suggestions[1]).getByTestId('suggestion-accept'));
    await user.click(screen.getByTestId('apply-plan'));
    await waitFor(() => expect(screen.queryByTestId('plan-preview')).toBeNull());
    const titled = (title: string) => backend.boardNow(1).cards.find((c) => c.title === title)!;
    expect([titled('Triage').assigneeId, titled('Small fix').assigneeId]).toEqual([2, 2]);
    expect(backend.undoLabel()).toBe('Apply suggestions');
    await waitFor(() => expect(loadOf('Bea Lindqvist')).toBe('3 pts of 16 pts · 19% · 1 unestimated'));
    expect(screen.getByTestId('live-region')).toHaveTextContent('Applied 2 suggestions. Ctrl+Z undoes them all.');

    // One Ctrl+Z, both back to nobody.
    await leaveFields(user);
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(loadOf('Bea Lindqvist')).toBe('0 pts of 16 pts · 0% · 1 unestimated'));
    expect([titled('Triage').assigneeId, titled('Small fix').assigneeId]).toEqual([null, null]);
    expect(screen.getByTestId('live-region')).toHaveTextContent('Undone: Apply suggestions.');

    // The board shows it too.
    await user.click(screen.getByTestId('nav-board'));
    await screen.findByTestId('board');
    expect(within(card('Triage')).queryByLabelText(/^Assigned to/)).toBeNull();
  });

  it('applies only what is ticked, and suggests for chosen cards only', async () => {
    const { user, backend } = await renderWorkload();
    await user.click(screen.getByText(/Choose cards/));
    const small = screen.getAllByTestId('choose-card').find((c) => c.closest('label')?.textContent?.includes('Small fix'))!;
    await user.click(small);
    expect(screen.getByTestId('suggest')).toHaveTextContent('Suggest for 1 chosen');
    await user.click(screen.getByTestId('suggest'));
    const preview = await screen.findByTestId('plan-preview');
    expect(within(preview).getAllByTestId('suggestion')).toHaveLength(1);
    expect(within(preview).queryAllByTestId('unassignable')).toHaveLength(0);
    await user.click(within(preview).getByTestId('suggestion-accept'));
    expect(screen.getByTestId('apply-plan')).toBeDisabled();
    await user.click(screen.getByTestId('discard-plan'));
    expect(screen.queryByTestId('plan-preview')).toBeNull();
    expect(backend.undoLabel()).toBeNull();
  });

  it('refuses a stale plan whole and shows why', async () => {
    const { user, backend } = await renderWorkload();
    await user.click(screen.getByTestId('suggest'));
    await screen.findByTestId('plan-preview');
    // Meanwhile Triage is done.
    const triage = backend.boardNow(1).cards.find((c) => c.title === 'Triage')!;
    await backend.moveCard({ cardId: triage.id, columnId: 3, afterId: null });
    await user.click(screen.getByTestId('apply-plan'));
    await waitFor(() =>
      expect(errors()).toContain(`Card #${triage.id} is done; suggest again to see the board as it is now.`),
    );
    expect(backend.boardNow(1).cards.find((c) => c.title === 'Small fix')!.assigneeId).toBeNull();
    expect(backend.undoLabel()).toBe('Move card');
  });

  it('says when there is nobody on the team', async () => {
    const team = workloadTeam();
    team.members = [];
    for (const column of team.boards![0].columns) {
      column.cards = column.cards?.map((c) => (typeof c === 'string' ? c : { ...c, assigneeId: null }));
    }
    const user = userEvent.setup();
    render(App, { props: { backend: new FakeBackend(team), today: () => TODAY } });
    await screen.findByTestId('board');
    await user.keyboard('gw');
    expect(await screen.findByTestId('workload-no-team')).toHaveTextContent('Nobody on the team yet');
  });

  it('says when every card has someone, and when rebalancing finds nothing to move', async () => {
    const team = workloadTeam();
    team.boards![0].columns[0].cards = [{ title: 'Parser', assigneeId: 1, estimate: 1 }];
    const { user } = await renderWorkload(new FakeBackend(team));
    expect(screen.getByTestId('unassigned-summary')).toHaveTextContent('Every open card has someone.');
    await user.click(screen.getByTestId('suggest'));
    expect(await screen.findByTestId('plan-empty')).toHaveTextContent('There are no unassigned cards to suggest for.');
    expect(screen.queryByTestId('apply-plan')).toBeNull();
    await user.click(screen.getByTestId('rebalance'));
    await waitFor(() =>
      expect(screen.getByTestId('plan-empty')).toHaveTextContent('Nothing to move: the load is as even as the cards allow.'),
    );
  });

  it('says why cards cannot be placed when nobody has capacity', async () => {
    const team = workloadTeam();
    for (const m of team.members!) m.weeklyCapacity = 0;
    const { user } = await renderWorkload(new FakeBackend(team));
    await user.click(screen.getByTestId('suggest'));
    const reasons = (await screen.findAllByTestId('unassignable-reason')).map((r) => r.textContent);
    expect(reasons).toEqual([
      'Everyone who can take it has no capacity in this horizon (Ana Souza, Bea Lindqvist, Cem Yilmaz)',
      'Nobody has Kotlin at level 3',
      'Everyone who can take it has no capacity in this horizon (Ana Souza, Bea Lindqvist, Cem Yilmaz)',
    ]);
  });
});

describe('pinning a card', () => {
  it('pins a card to its assignee from the card dialog, shows a badge, and a new assignee unpins it', async () => {
    const { user, backend } = await renderWorkload();
    await user.click(screen.getByTestId('nav-board'));
    await screen.findByTestId('board');
    card('Triage').focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByTestId('card-dialog');
    // Nobody has it yet: nothing to pin to.
    expect(within(dialog).getByTestId('card-pin')).toBeDisabled();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('card-dialog')).toBeNull());

    card('Parser').focus();
    await user.keyboard('{Enter}');
    const parser = await screen.findByTestId('card-dialog');
    await user.click(within(parser).getByTestId('card-pin'));
    await waitFor(() => expect(within(card('Parser')).getByTestId('card-pinned')).toBeInTheDocument());
    const id = Number(card('Parser').dataset.cardId);
    expect(backend.cardNow(id)?.pinnedTo).toBe(1);
    expect(backend.undoLabel()).toBe('Pin card');

    // Given to someone else by hand, the pin goes.
    await user.selectOptions(within(parser).getByTestId('card-assignee'), 'Bea Lindqvist');
    await waitFor(() => expect(within(card('Parser')).queryByTestId('card-pinned')).toBeNull());
    // Shown at once, saved after the next paint.
    await waitFor(() => expect(backend.cardNow(id)?.pinnedTo).toBeNull());
  });
});

describe('the fake backend', () => {
  const horizon = nextTwoWeeks(TODAY);

  it('refuses what the core refuses, with its messages', async () => {
    const backend = new FakeBackend(workloadTeam());
    const refused = async (call: Promise<unknown>) => (await call.then(() => null, (e: Error) => e.message)) ?? 'accepted';
    expect(await refused(backend.setCapacity({ memberId: 1, weeklyCapacity: Number.NaN }))).toBe(
      'A weekly capacity must be a number.',
    );
    expect(await refused(backend.setCapacity({ memberId: 1, weeklyCapacity: 1e9 }))).toBe(
      'A weekly capacity can be at most 10000 a week.',
    );
    expect(await refused(backend.setCapacity({ memberId: 9, weeklyCapacity: 1 }))).toBe(
      'That team member (id 9) does not exist. It may have been deleted.',
    );
    expect(await refused(backend.addTimeOff({ memberId: 1, start: '2025-02-30', end: '2025-03-02' }))).toBe(
      '\u201c2025-02-30\u201d is not a date; write it as YYYY-MM-DD.',
    );
    expect(await refused(backend.addTimeOff({ memberId: 1, start: '2025-01-01', end: '2026-01-02' }))).toBe(
      'Time off can be at most 366 days long.',
    );
    expect(await refused(backend.workload({ boardId: 1, horizon: { start: '2025-03-12', end: '2025-03-11' } }))).toBe(
      'The horizon ends before it starts.',
    );
    expect(await refused(backend.pinCard({ cardId: 3, pinned: true }))).toBe(
      'Assign the card to someone before pinning it to them.',
    );
    expect(await refused(backend.applyPlan({ boardId: 1, assignments: [] }))).toBe(
      'Choose at least one suggestion to apply.',
    );
    await backend.pinCard({ cardId: 1, pinned: true });
    expect(
      await refused(
        backend.applyPlan({
          boardId: 1,
          assignments: [
            { cardId: 3, memberId: 2 },
            { cardId: 1, memberId: 2 },
          ],
        }),
      ),
    ).toBe('Card #1 is pinned to Ana Souza; unpin it before giving it to Bea Lindqvist.');
    // Refused whole: Triage still has nobody.
    expect(backend.cardNow(3)?.assigneeId).toBeNull();
    expect(backend.undoLabel()).toBe('Pin card');
  });

  it('plans a pinned card to its person and undoes capacity and time off', async () => {
    const backend = new FakeBackend(workloadTeam());
    await backend.setCapacity({ memberId: 3, weeklyCapacity: 2.345 });
    expect(backend.capacityNow(3)).toBe(2.35);
    await backend.addTimeOff({ memberId: 3, start: '2025-03-12', end: '2025-03-12' });
    const cem = (await backend.workload({ boardId: 1, horizon })).people[2];
    expect([cem.weeklyCapacity, cem.workingDays, cem.available]).toEqual([2.35, 9, 2.35 * 9 / 5]);
    await backend.undo();
    await backend.undo();
    expect(backend.capacityNow(3)).toBeNull();
    expect(backend.timeOffNow().filter((t) => t.memberId === 3)).toEqual([]);

    await backend.pinCard({ cardId: 1, pinned: true });
    const plan = await backend.suggestPlan({
      boardId: 1,
      horizon,
      cardIds: [1],
      rebalance: false,
      stretch: false,
      maxStretchShare: 0.2,
    });
    expect(plan.suggestions.map((s) => [s.cardId, s.personId, s.pinned, s.reason])).toEqual([
      [1, 1, true, 'Pinned to Ana Souza; 70% after this'],
    ]);
  });
});

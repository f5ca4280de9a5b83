import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PeoplePage from '../components/journal/PeoplePage.svelte';
import { FakeBackend } from '../lib/fake-backend';
import { MAX_NOTES_BYTES } from '../lib/fake-journal';
import { Notices } from '../lib/notices.svelte';
import { smallTeam } from './helpers';

const TODAY = '2024-06-12'; // a Wednesday

function setup(backend = new FakeBackend(smallTeam())) {
  const user = userEvent.setup();
  const notices = new Notices();
  const onOpenCard = vi.fn();
  render(PeoplePage, { props: { backend, notices, today: TODAY, onOpenCard } });
  return { user, backend, notices, onOpenCard };
}

async function openPerson(user: ReturnType<typeof userEvent.setup>, name: string) {
  const row = (await screen.findAllByTestId('person-row')).find((r) => r.textContent?.includes(name));
  await user.click(within(row!).getByTestId('person-open'));
  return screen.findByTestId('person-page');
}

async function newSession(user: ReturnType<typeof userEvent.setup>, date?: string) {
  if (date) {
    const input = screen.getByTestId('session-date');
    await fireEvent.input(input, { target: { value: date } });
  }
  await user.click(screen.getByTestId('session-new'));
  return screen.findByTestId('session-editor');
}

afterEach(() => vi.useRealTimers());

describe('People page', () => {
  it('lists everyone with last and next one-on-one, overdue highlighted, and who is due this week', async () => {
    const backend = new FakeBackend(smallTeam());
    const ana = await backend.createSession({ memberId: 1, date: '2024-05-01', templateId: null, agingDays: null });
    expect(ana.date).toBe('2024-05-01');
    setup(backend);
    const rows = await screen.findAllByTestId('person-row');
    expect(rows.map((r) => r.querySelector('th')?.textContent?.trim())).toEqual(['Ana Souza', 'Chidi Okafor']);
    // Every two weeks after 1 May is 15 May: late by 12 June.
    expect(rows[0]).toHaveAttribute('data-overdue', 'true');
    expect(rows[0]).toHaveTextContent('2024-05-01');
    expect(rows[0]).toHaveTextContent('2024-05-15 · overdue');
    expect(rows[0]).toHaveTextContent('Backend engineer');
    expect(rows[1]).toHaveTextContent('Never');
    const due = screen.getByTestId('due-this-week');
    expect(within(due).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('Ana Souza'),
      expect.stringContaining('Chidi Okafor'),
    ]);
  });

  it('says so when there is no one on the team', async () => {
    setup(new FakeBackend());
    expect(await screen.findByTestId('people-empty')).toHaveTextContent('No one on the team yet');
  });
});

describe('Person page and sessions', () => {
  it('starts a one-on-one whose agenda carries over open points, open action items and blocked cards', async () => {
    const init = smallTeam();
    init.boards![0].columns[0].cards = [{ title: 'Write spec', assigneeId: 1, blocked: 'Waiting for legal' }];
    const backend = new FakeBackend(init);
    const first = await backend.createSession({ memberId: 1, date: '2024-05-01', templateId: null, agingDays: null });
    await backend.addAgendaItem({ sessionId: first.id, text: 'Conference budget' });
    const done = await backend.addAgendaItem({ sessionId: first.id, text: 'Already discussed' });
    await backend.setAgendaStatus({ itemId: done.id, status: 'discussed' });
    await backend.addActionItem({ sessionId: first.id, text: 'Book the trainer', owner: 'lead', due: '2024-06-20', shareable: false });
    const { user } = setup(backend);
    await openPerson(user, 'Ana Souza');
    expect(screen.getByTestId('session-row')).toHaveTextContent('2024-05-01');
    await newSession(user);
    const items = await screen.findAllByTestId('agenda-item');
    expect(items.map((i) => within(i).getByTestId('agenda-text').textContent)).toEqual([
      'Conference budget',
      'Action item: Book the trainer (due 2024-06-20)',
      'Blocked: Write spec (Waiting for legal)',
    ]);
    expect(items[0]).toHaveAttribute('data-carried', 'true');
    expect(within(items[0]).getByTestId('agenda-carried-tag')).toBeInTheDocument();
    // The old open points are now marked carried; the discussed one stays.
    const old = await backend.loadSession(first.id);
    expect(old.agenda.map((a) => [a.text, a.status])).toEqual([
      ['Blocked: Write spec (Waiting for legal)', 'carried'],
      ['Conference budget', 'carried'],
      ['Already discussed', 'discussed'],
    ]);
  });

  it('autosaves notes as typed, and flushes on blur', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = setup(backend);
    await openPerson(user, 'Ana Souza');
    const editor = await newSession(user);
    const id = Number(editor.dataset.sessionId);
    const input = screen.getByTestId('session-notes-input');
    await user.type(input, 'Talked about **growth**');
    await waitFor(() => expect(screen.getByTestId('session-notes-status')).toHaveTextContent('Saved'));
    expect((await backend.loadSession(id)).notes).toBe('Talked about **growth**');
    // Never two saves of the same text, and the saves are the text as it grew.
    const saves = backend.journal.notesSaves.filter((s) => s.sessionId === id).map((s) => s.notes);
    expect(saves.at(-1)).toBe('Talked about **growth**');
    expect(new Set(saves).size).toBe(saves.length);
    for (const s of saves) expect('Talked about **growth**'.startsWith(s)).toBe(true);

    await fireEvent.input(input, { target: { value: 'Talked about **growth** and more' } });
    await fireEvent.blur(input);
    await waitFor(async () => expect((await backend.loadSession(id)).notes).toBe('Talked about **growth** and more'));

    await user.click(screen.getByTestId('session-notes-toggle'));
    const preview = screen.getByTestId('session-notes-preview');
    expect(preview.querySelector('strong')).toHaveTextContent('growth');
  });

  it('shows "Not saved — retrying" while the backend fails, then saves the text it kept', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const backend = new FakeBackend(smallTeam());
    const session = await backend.createSession({ memberId: 1, date: '2024-06-01', templateId: null, agingDays: null });
    const real = backend.saveSessionNotes.bind(backend);
    let failures = 1;
    backend.saveSessionNotes = async (req) => {
      if (failures-- > 0) throw { code: 'storage', message: 'The disk is full.' };
      return real(req);
    };
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    render(PeoplePage, { props: { backend, notices: new Notices(), today: TODAY } });
    await openPerson(user, 'Ana Souza');
    await user.click(screen.getByTestId('session-open'));
    const input = await screen.findByTestId('session-notes-input');
    await fireEvent.input(input, { target: { value: 'Keep me' } });
    await waitFor(() => expect(screen.getByTestId('session-notes-status')).toHaveTextContent('Not saved \u2014 retrying'));
    expect(screen.getByTestId('session-notes-error')).toHaveTextContent('The disk is full.');
    await vi.advanceTimersByTimeAsync(600);
    await waitFor(() => expect(screen.getByTestId('session-notes-status')).toHaveTextContent('Saved'));
    expect((await backend.loadSession(session.id)).notes).toBe('Keep me');
  });

  it('refuses notes over 8 MiB with the core message and keeps the text; 5 MB saves intact', async () => {
    const backend = new FakeBackend(smallTeam());
    const session = await backend.createSession({ memberId: 1, date: '2024-06-01', templateId: null, agingDays: null });
    const { user } = setup(backend);
    await openPerson(user, 'Ana Souza');
    await user.click(screen.getByTestId('session-open'));
    const input = (await screen.findByTestId('session-notes-input')) as HTMLTextAreaElement;
    const big = 'é'.repeat(MAX_NOTES_BYTES / 2 + 1); // two bytes each: just over 8 MiB
    await fireEvent.input(input, { target: { value: big } });
    await fireEvent.blur(input);
    expect(await screen.findByRole('alert')).toHaveTextContent('Notes can be at most 8 MiB');
    expect(screen.getByTestId('session-notes-status')).toHaveTextContent('Not saved');
    expect(input.value).toBe(big);
    const five = 'a'.repeat(5 * 1000 * 1000);
    await fireEvent.input(input, { target: { value: five } });
    await fireEvent.blur(input);
    await waitFor(() => expect(screen.getByTestId('session-notes-status')).toHaveTextContent('Saved'));
    expect((await backend.loadSession(session.id)).notes).toBe(five);
  });

  it('runs the agenda, check-in, action items (with a card) and feedback', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user, onOpenCard } = setup(backend);
    await openPerson(user, 'Ana Souza');
    const editor = await newSession(user);
    const id = Number(editor.dataset.sessionId);
    expect(screen.getByTestId('agenda-empty')).toBeInTheDocument();

    await user.type(screen.getByTestId('agenda-new'), 'Career path{Enter}');
    const item = await screen.findByTestId('agenda-item');
    await user.click(within(item).getByTestId('agenda-discussed'));
    await waitFor(() => expect(screen.getByTestId('agenda-item')).toHaveAttribute('data-status', 'discussed'));
    await user.click(within(screen.getByTestId('agenda-item')).getByRole('button', { name: /^Edit/ }));
    const edit = screen.getByTestId('agenda-edit-input');
    await user.clear(edit);
    await user.type(edit, 'Career path and promotion{Enter}');
    await waitFor(() => expect(screen.getByTestId('agenda-text')).toHaveTextContent('Career path and promotion'));
    await user.click(screen.getByTestId('agenda-add'));
    expect(await screen.findByTestId('agenda-error')).toHaveTextContent('The talking point cannot be empty.');

    await user.selectOptions(screen.getByTestId('checkin-mood'), '4');
    await user.selectOptions(screen.getByTestId('checkin-workload'), '2');
    await waitFor(async () => {
      const s = await backend.loadSession(id);
      expect([s.mood, s.workload]).toEqual([4, 2]);
    });

    await user.type(screen.getByTestId('action-new'), 'Draft the promotion case');
    await user.click(screen.getByTestId('action-add'));
    const action = await screen.findByTestId('action-item');
    expect(within(action).getByTestId('action-shareable')).not.toBeChecked();
    await user.click(within(action).getByTestId('action-to-card'));
    await user.click(screen.getByTestId('card-make'));
    const link = await screen.findByTestId('action-card');
    expect(link).toHaveTextContent('(on the board)');
    const cardId = (await backend.loadSession(id)).actionItems[0].cardId!;
    expect(backend.cardNow(cardId)).toMatchObject({ title: 'Draft the promotion case', assigneeId: 1 });
    await user.click(within(link).getByRole('button'));
    expect(onOpenCard).toHaveBeenCalledWith(cardId);
    // Done on the board reads done here.
    await backend.moveCard({ cardId, columnId: 3, afterId: null });
    expect((await backend.loadSession(id)).actionItems[0]).toMatchObject({ done: true, cardDone: true });

    await user.click(screen.getByTestId('feedback-add'));
    expect(await screen.findByTestId('feedback-error')).toHaveTextContent('The situation cannot be empty.');
    await user.type(screen.getByTestId('feedback-situation'), 'Incident review');
    await user.type(screen.getByTestId('feedback-behaviour'), 'Led it calmly');
    await user.type(screen.getByTestId('feedback-impact'), 'The team learned a lot');
    await user.click(screen.getByTestId('feedback-add'));
    const entry = await screen.findByTestId('feedback-entry');
    expect(entry).toHaveAttribute('data-kind', 'praise');
    expect(entry).toHaveTextContent('Led it calmly');
    expect((await backend.loadSession(id)).feedback[0].shareable).toBe(false);
  });

  it('applies a template made in the templates dialog', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = setup(backend);
    await openPerson(user, 'Ana Souza');
    await newSession(user);
    await user.click(screen.getByTestId('templates-manage'));
    await user.type(screen.getByTestId('template-name'), 'Monthly');
    await user.type(screen.getByTestId('template-items'), 'Wins{Enter}Blockers');
    await user.click(screen.getByTestId('template-save'));
    expect(await screen.findByTestId('template')).toHaveTextContent('Monthly');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.getByRole('option', { name: 'Monthly' })).toBeInTheDocument());
    await user.selectOptions(screen.getByTestId('template-select'), 'Monthly');
    await user.click(screen.getByTestId('template-apply'));
    await waitFor(() => expect(screen.getAllByTestId('agenda-text').map((t) => t.textContent)).toEqual(['Wins', 'Blockers']));
  });

  it('draws the mood and workload trend with a title and a table', async () => {
    const backend = new FakeBackend(smallTeam());
    for (const [date, mood, workload] of [
      ['2024-05-01', 3, 4],
      ['2024-05-15', 4, 3],
    ] as const) {
      const s = await backend.createSession({ memberId: 1, date, templateId: null, agingDays: null });
      await backend.setCheckIn({ sessionId: s.id, mood, workload });
    }
    const { user } = setup(backend);
    await openPerson(user, 'Ana Souza');
    const chart = screen.getByTestId('trend-chart');
    expect(within(chart).getByRole('img', { name: /Mood and workload of Ana Souza/ })).toBeInTheDocument();
    expect(screen.getByTestId('trend-mood').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
    const rows = within(screen.getByTestId('trend-table')).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual(['DateMoodWorkload', '2024-05-0134', '2024-05-1543']);
  });
});

describe('Growth goals', () => {
  it('links goals to skills, suggested from the team, and unlinks them', async () => {
    const { user, backend } = setup();
    await openPerson(user, 'Ana Souza');
    const goals = screen.getByRole('region', { name: 'Growth goals' });
    await user.type(within(goals).getByLabelText('Goal'), 'Lead the API design');
    await user.type(within(goals).getByLabelText('Skill'), 'Rust');
    await user.click(within(goals).getByRole('button', { name: 'Add goal' }));
    const goal = await within(goals).findByTestId('goal');
    expect(within(goal).getByTestId('goal-skills')).toHaveTextContent('Rust');
    const [saved] = (await backend.personJournal(1, TODAY)).goals;
    expect(saved.skills).toEqual(['Rust']);

    // The team's skills are offered as suggestions.
    const names = [...document.querySelectorAll('#goal-skill-names option')].map((o) => o.getAttribute('value'));
    expect(names).toEqual(await backend.skillNames());

    await user.type(within(goal).getByLabelText('Link a skill to Lead the API design'), 'SQL{Enter}');
    await waitFor(() => expect(within(goals).getByTestId('goal-skills')).toHaveTextContent('SQL'));
    expect((await backend.personJournal(1, TODAY)).goals[0].skills).toEqual(['Rust', 'SQL']);

    await user.click(within(goals).getByRole('button', { name: 'Unlink Rust from Lead the API design' }));
    await waitFor(() => expect(within(goals).getByTestId('goal-skills')).not.toHaveTextContent('Rust'));
    expect((await backend.personJournal(1, TODAY)).goals[0].skills).toEqual(['SQL']);
  });

  it('refuses what the core refuses: a 21st skill, a skill name with a line break, a role with one', async () => {
    const backend = new FakeBackend(smallTeam());
    const skills = (n: number) => Array.from({ length: n }, (_, i) => `Skill ${i}`);
    const goal = (list: string[]) => backend.addGoal({ memberId: 1, title: 'Grow', skills: list, progress: 0 });
    expect((await goal(skills(20))).skills).toHaveLength(20);
    await expect(goal(skills(21))).rejects.toThrow('A growth goal can name at most 20 skills.');
    await expect(goal(['Rust\nSQL'])).rejects.toThrow('The skill name cannot contain line breaks or control characters.');
    const person = (await backend.personJournal(1, TODAY)).person;
    await expect(
      backend.updatePerson({ memberId: 1, name: person.name, role: 'Lead\u0000dev', startDate: null, cadence: person.cadence }),
    ).rejects.toThrow('The role cannot contain line breaks or control characters.');
  });
});

describe('Search', () => {
  it('finds notes ignoring accents and marks the hits as text', async () => {
    const backend = new FakeBackend(smallTeam());
    const s = await backend.createSession({ memberId: 2, date: '2024-06-01', templateId: null, agingDays: null });
    await backend.saveSessionNotes({ sessionId: s.id, notes: 'Updated résumé <img src=x onerror="window.__pwned=1"> today' });
    const { user } = setup(backend);
    await user.type(await screen.findByTestId('journal-search'), 'resume');
    const hit = await screen.findByTestId('search-hit');
    expect(hit).toHaveTextContent('Chidi Okafor · 2024-06-01');
    const snippet = within(hit).getByTestId('search-snippet');
    expect([...snippet.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['résumé']);
    expect(snippet.querySelector('img')).toBeNull();
    expect(snippet.textContent).toContain('<img src=x onerror=');
    await user.click(within(hit).getByRole('button'));
    expect(await screen.findByTestId('session-editor')).toHaveAttribute('data-session-id', String(s.id));
  });

  it('renders a hostile snippet from the backend as text', async () => {
    const backend = new FakeBackend(smallTeam());
    backend.searchJournal = async () => [
      {
        kind: 'feedback',
        id: 9,
        sessionId: 1,
        memberId: 1,
        memberName: 'Ana <b>Souza</b>',
        date: '2024-06-01',
        snippet: [
          { text: '<img src=x onerror=alert(1)>', hit: false },
          { text: '<script>x()</script>', hit: true },
        ],
        score: 1,
      },
    ];
    const { user } = setup(backend);
    await user.type(await screen.findByTestId('journal-search'), 'x{Enter}');
    const snippet = await screen.findByTestId('search-snippet');
    expect(snippet.querySelector('img, script, b')).toBeNull();
    expect(snippet.querySelector('mark')).toHaveTextContent('<script>x()</script>');
    expect(screen.getByTestId('search-hit')).toHaveTextContent('Ana <b>Souza</b>');
  });

  it('says when nothing matches', async () => {
    const { user } = setup();
    await user.type(await screen.findByTestId('journal-search'), 'nothing{Enter}');
    expect(await screen.findByTestId('search-empty')).toHaveTextContent('Nothing in the journal matches');
  });
});

describe('Right of access', () => {
  it('exports everything about a person, private notes included', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.savePersonNotes({ memberId: 1, notes: 'Wants to move teams' });
    const { user } = setup(backend);
    await openPerson(user, 'Ana Souza');
    await user.click(screen.getByTestId('person-export'));
    const text = (await screen.findByTestId('export-markdown')) as HTMLTextAreaElement;
    expect(text.value).toContain('Wants to move teams');

    await user.click(screen.getByTestId('export-save'));
    const saved = await screen.findByTestId('export-saved');
    const md = '/home/lead/Downloads/Ana Souza - personal data.md';
    const json = '/home/lead/Downloads/Ana Souza - personal data.json';
    expect(saved).toHaveTextContent(`Saved to ${md} and ${json}.`);
    expect(backend.journal.savedFiles.get(md)).toContain('Wants to move teams');
    expect(JSON.parse(backend.journal.savedFiles.get(json)!).person.privateNotes).toBe('Wants to move teams');

    // Saving again never replaces the first files.
    await user.click(screen.getByTestId('export-save'));
    await waitFor(() => expect(screen.getByTestId('export-saved')).toHaveTextContent('personal data (2).md'));
    expect(backend.journal.savedFiles.size).toBe(4);
  });

  it('erases a person only once their name is typed', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = setup(backend);
    await openPerson(user, 'Ana Souza');
    await user.click(screen.getByTestId('person-erase'));
    const dialog = await screen.findByTestId('erase-dialog');
    const confirm = within(dialog).getByTestId('erase-dialog-yes');
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByTestId('erase-name'), 'Ana');
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByTestId('erase-name'), ' Souza');
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    await waitFor(async () => expect((await backend.listMembers()).map((m) => m.name)).toEqual(['Chidi Okafor']));
    const rows = await screen.findAllByTestId('person-row');
    expect(rows).toHaveLength(1);
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeBackend, type FakeInit } from '../lib/fake-backend';
import { localDay } from '../lib/ui-helpers';
import { card, renderBoard, smallTeam } from './helpers';

/** smallTeam with two labels on the board. */
function labelled(): FakeInit {
  const team = smallTeam();
  team.boards![0].labels = [
    { name: 'Bug', color: 'vermillion' },
    { name: 'Customer', color: 'orange' },
  ];
  return team;
}

async function openWithEnter(user: UserEvent, title: string): Promise<HTMLElement> {
  card(title).focus();
  await user.keyboard('{Enter}');
  const dialog = await screen.findByTestId('card-dialog');
  // The details arrive after the dialog opens.
  await within(dialog).findAllByTestId('history-event');
  return dialog;
}

function live(): HTMLElement {
  return screen.getByTestId('live-region');
}

function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return localDay(d.getTime());
}

describe('opening and closing the card', () => {
  it('Enter opens the focused card, Escape closes it and focus goes back to the card', async () => {
    const { user } = await renderBoard();
    const dialog = await openWithEnter(user, 'Fix login');
    expect(screen.getByRole('dialog', { name: 'Fix login' })).toBe(dialog);
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('card-dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(card('Fix login')).toHaveFocus());
  });

  it('opens with a click on the title and from the menu’s first entry; the close button closes', async () => {
    const { user } = await renderBoard();
    await user.click(within(card('Build API')).getByTestId('card-title'));
    expect(await screen.findByRole('dialog', { name: 'Build API' })).toBeInTheDocument();
    await user.click(screen.getByTestId('close-card'));
    await waitFor(() => expect(card('Build API')).toHaveFocus());

    await user.click(within(card('Plan sprint')).getByTestId('card-menu'));
    const first = screen.getAllByRole('menuitem')[0];
    expect(first).toHaveAttribute('data-testid', 'open-card');
    expect(first).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Plan sprint' })).toBeInTheDocument();
  });

  it('a drag that ends on the card’s own title does not open it', async () => {
    const { user } = await renderBoard();
    const title = within(card('Fix login')).getByTestId('card-title');
    await fireEvent.pointerDown(title, { clientX: 100, clientY: 120, button: 0, pointerId: 1 });
    await fireEvent.pointerMove(window, { clientX: 160, clientY: 140, pointerId: 1 });
    await fireEvent.pointerUp(window, { clientX: 100, clientY: 120, pointerId: 1 });
    await fireEvent.click(title);
    expect(screen.queryByTestId('card-dialog')).not.toBeInTheDocument();
    // A plain click afterwards does.
    await new Promise((r) => setTimeout(r, 5));
    await user.click(title);
    expect(await screen.findByTestId('card-dialog')).toBeInTheDocument();
  });

  it('e still edits the title inline, and the dialog edits it too', async () => {
    const { user, backend } = await renderBoard();
    card('Fix login').focus();
    await user.keyboard('e');
    expect(screen.getByTestId('card-title-input')).toHaveFocus();
    await user.keyboard('{Escape}');

    const dialog = await openWithEnter(user, 'Fix login');
    await user.click(within(dialog).getByTestId('card-dialog-edit-title'));
    const input = within(dialog).getByTestId('card-dialog-title-input');
    expect(input).toHaveFocus();
    // Escape in the field cancels the edit, not the dialog.
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('card-dialog')).toBeInTheDocument();
    await user.click(within(dialog).getByTestId('card-dialog-edit-title'));
    await user.clear(within(dialog).getByTestId('card-dialog-title-input'));
    await user.type(within(dialog).getByTestId('card-dialog-title-input'), 'Fix the login{Enter}');
    expect(within(dialog).getByTestId('card-dialog-title')).toHaveTextContent('Fix the login');
    await waitFor(() => expect(backend.cardNow(2)?.title).toBe('Fix the login'));
    expect(within(card('Fix the login')).getByTestId('card-title')).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getAllByTestId('history-event')[0]).toHaveTextContent('Title edited'));
  });

  it('Tab stays inside the dialog, and the board’s shortcuts wait', async () => {
    const { user } = await renderBoard();
    const dialog = await openWithEnter(user, 'Fix login');
    for (let i = 0; i < 40; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.click(within(dialog).getByTestId('card-dialog-title'));
    await user.keyboard('n');
    expect(screen.queryByTestId('new-card-title')).not.toBeInTheDocument();
  });
});

describe('editing a card in the dialog', () => {
  it('sets assignee, estimate, priority and due date, and the board shows them', async () => {
    const { user, backend } = await renderBoard();
    const dialog = await openWithEnter(user, 'Fix login');

    await user.selectOptions(within(dialog).getByTestId('card-assignee'), 'Chidi Okafor');
    await waitFor(() => expect(backend.cardNow(2)?.assigneeId).toBe(2));

    const estimate = within(dialog).getByTestId('card-estimate-input');
    await user.type(estimate, '3{Enter}');
    await waitFor(() => expect(backend.cardNow(2)?.estimate).toBe(3));

    await user.selectOptions(within(dialog).getByTestId('card-priority-select'), 'Urgent');
    await waitFor(() => expect(backend.cardNow(2)?.priority).toBe('urgent'));

    const due = dayFromToday(-1);
    await fireEvent.change(within(dialog).getByTestId('card-due-input'), { target: { value: due } });
    await waitFor(() => expect(backend.cardNow(2)?.due).toBe(due));

    await user.keyboard('{Escape}');
    const onBoard = card('Fix login');
    expect(within(onBoard).getByRole('img', { name: 'Assigned to Chidi Okafor' })).toBeInTheDocument();
    expect(within(onBoard).getByTestId('card-estimate')).toHaveTextContent('3 pts');
    expect(within(onBoard).getByTestId('card-priority')).toHaveTextContent('Urgent');
    const badge = within(onBoard).getByTestId('card-due');
    expect(badge).toHaveClass('overdue');
    expect(badge).toHaveTextContent('overdue');
    expect(badge).toHaveTextContent('Due yesterday, overdue');

    // Clearing the due date takes the badge away.
    const again = await openWithEnter(user, 'Fix login');
    await user.click(within(again).getByTestId('card-due-clear'));
    await waitFor(() => expect(backend.cardNow(2)?.due).toBeNull());
    expect(within(card('Fix login')).queryByTestId('card-due')).not.toBeInTheDocument();
  });

  it('Ctrl+Z undoes inside the dialog, outside text fields', async () => {
    const { user, backend } = await renderBoard();
    const dialog = await openWithEnter(user, 'Fix login');
    await user.selectOptions(within(dialog).getByTestId('card-priority-select'), 'High');
    await waitFor(() => expect(backend.cardNow(2)?.priority).toBe('high'));
    within(dialog).getByTestId('manage-labels').focus();
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(backend.cardNow(2)?.priority).toBe('normal'));
    expect(within(dialog).getByTestId('card-priority-select')).toHaveValue('normal');
    expect(live()).toHaveTextContent('Undone: Set priority.');
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(within(dialog).getByTestId('card-priority-select')).toHaveValue('high'));
  });

  it('shows the core’s error for a bad estimate and keeps the old one', async () => {
    const { user, backend } = await renderBoard();
    const dialog = await openWithEnter(user, 'Fix login');
    await user.type(within(dialog).getByTestId('card-estimate-input'), '20000{Enter}');
    expect(await screen.findByTestId('error')).toHaveTextContent('An estimate can be at most 10000.');
    expect(backend.cardNow(2)?.estimate).toBeNull();
  });

  it('priority Low and Normal show no badge; due soon is amber with words', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.setPriority({ cardId: 1, priority: 'low' });
    await backend.setPriority({ cardId: 2, priority: 'high' });
    await backend.setDue({ cardId: 2, due: dayFromToday(1) });
    await backend.setDue({ cardId: 3, due: dayFromToday(10) });
    await renderBoard(backend);
    expect(within(card('Write spec')).queryByTestId('card-priority')).not.toBeInTheDocument();
    expect(within(card('Fix login')).getByTestId('card-priority')).toHaveTextContent('High');
    const soon = within(card('Fix login')).getByTestId('card-due');
    expect(soon).toHaveClass('soon');
    expect(soon).toHaveTextContent('Tomorrow');
    expect(soon).toHaveTextContent('Due tomorrow, due soon');
    expect(within(card('Plan sprint')).getByTestId('card-due')).toHaveClass('later');
  });
});

describe('the description', () => {
  it('saves 400 ms after typing stops, says so, and previews the Markdown safely', async () => {
    const { user, backend } = await renderBoard();
    const dialog = await openWithEnter(user, 'Fix login');
    const input = within(dialog).getByTestId('description-input');
    await user.type(input, '**Steps** <img src=x onerror=alert(1)>');
    expect(within(dialog).getByTestId('description-status')).toHaveTextContent('Saving…');
    expect(backend.cardNow(2)?.description).toBe('');
    await waitFor(() => expect(backend.cardNow(2)?.description).toBe('**Steps** <img src=x onerror=alert(1)>'), {
      timeout: 2000,
    });
    await waitFor(() => expect(within(dialog).getByTestId('description-status')).toHaveTextContent('Saved'));
    // One save for the whole burst of typing.
    expect(backend.undoLabel()).toBe('Edit description');
    await backend.undo();
    expect(backend.cardNow(2)?.description).toBe('');
    await backend.redo();

    await user.click(within(dialog).getByTestId('description-toggle'));
    const preview = within(dialog).getByTestId('description-preview');
    expect(preview.querySelector('strong')).toHaveTextContent('Steps');
    expect(preview.querySelector('img')).toBeNull();
    expect(preview).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(within(dialog).getByTestId('description-toggle')).toHaveTextContent('Edit');
    await user.click(within(dialog).getByTestId('description-toggle'));
    expect(within(dialog).getByTestId('description-input')).toHaveFocus();
  });

  it('saves at once on blur, and when the dialog closes', async () => {
    const { user, backend } = await renderBoard();
    let dialog = await openWithEnter(user, 'Fix login');
    await user.type(within(dialog).getByTestId('description-input'), 'First');
    await user.tab();
    await waitFor(() => expect(backend.cardNow(2)?.description).toBe('First'), { timeout: 300 });

    await user.keyboard('{Escape}');
    dialog = await openWithEnter(user, 'Plan sprint');
    await user.type(within(dialog).getByTestId('description-input'), 'Closed quickly');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(backend.cardNow(3)?.description).toBe('Closed quickly'), { timeout: 300 });
  });

  it('opens on the rendered description when there is one', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.setDescription({ cardId: 1, text: '# Plan\n\n- [docs](https://example.com)\n- [bad](javascript:alert(1))' });
    const { user } = await renderBoard(backend);
    const dialog = await openWithEnter(user, 'Write spec');
    const preview = within(dialog).getByTestId('description-preview');
    expect(within(preview).getByRole('heading', { name: 'Plan' })).toBeInTheDocument();
    expect(within(preview).getByRole('link', { name: 'docs' })).toHaveAttribute('href', 'https://example.com/');
    expect(within(preview).queryByRole('link', { name: 'bad' })).not.toBeInTheDocument();
  });
});

describe('the checklist', () => {
  it('adds with Enter keeping focus, checks, renames and deletes; the card shows 2/4', async () => {
    const { user, backend } = await renderBoard();
    const dialog = await openWithEnter(user, 'Fix login');
    expect(within(dialog).getByTestId('checklist-empty')).toHaveTextContent('No items yet.');
    const input = within(dialog).getByTestId('checklist-new');
    await user.click(input);
    for (const text of ['Reproduce', 'Fix', 'Test', 'Ship']) {
      await user.type(input, `${text}{Enter}`);
      await waitFor(() => expect(input).toHaveValue(''));
      expect(input).toHaveFocus();
    }
    expect(within(dialog).getByTestId('checklist-progress')).toHaveTextContent('0/4');

    await user.click(within(dialog).getByRole('checkbox', { name: 'Reproduce' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Fix' }));
    await waitFor(() => expect(backend.cardNow(2)?.checklist).toEqual({ done: 2, total: 4 }));
    expect(within(dialog).getByTestId('checklist-progress')).toHaveTextContent('2/4');
    expect(within(card('Fix login')).getByTestId('card-checklist')).toHaveTextContent('2/4');

    await user.click(within(dialog).getByRole('button', { name: 'Edit item: Test' }));
    const edit = within(dialog).getByTestId('checklist-edit-input');
    await user.clear(edit);
    await user.type(edit, 'Test on staging{Enter}');
    await waitFor(() => expect(backend.checklistNow(2).map((i) => i.text)).toContain('Test on staging'));

    await user.click(within(dialog).getByRole('button', { name: 'Delete item: Ship' }));
    await waitFor(() => expect(backend.checklistNow(2)).toHaveLength(3));
    expect(within(dialog).getAllByTestId('checklist-item').map((li) => li.textContent?.trim())).toEqual([
      'Reproduce',
      'Fix',
      'Test on staging',
    ]);
    expect(within(dialog).getByTestId('checklist-progress')).toHaveTextContent('2/3');
    expect(within(card('Fix login')).getByTestId('card-checklist')).toHaveTextContent('2/3');

    await user.click(within(dialog).getByRole('checkbox', { name: 'Reproduce' }));
    await waitFor(() => expect(within(card('Fix login')).getByTestId('card-checklist')).toHaveTextContent('1/3'));
  });

  it('shows the core’s error for an empty item', async () => {
    const { user } = await renderBoard();
    const dialog = await openWithEnter(user, 'Fix login');
    await user.type(within(dialog).getByTestId('checklist-new'), '   {Enter}');
    expect(await screen.findByTestId('error')).toHaveTextContent('The checklist item cannot be empty.');
  });
});

describe('blocking', () => {
  it('asks why, shows the reason and since when, and unblocks', async () => {
    const { user, backend } = await renderBoard();
    const dialog = await openWithEnter(user, 'Fix login');
    await user.click(within(dialog).getByTestId('card-block'));
    const reason = within(dialog).getByTestId('block-reason');
    expect(reason).toHaveFocus();
    await user.click(within(dialog).getByTestId('block-save'));
    expect(within(dialog).getByTestId('block-reason-error')).toHaveTextContent('Say why the card is blocked.');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(backend.cardNow(2)?.blocked).toBeNull();

    // Escape closes the form first, then the dialog.
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByTestId('block-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('card-dialog')).toBeInTheDocument();

    await user.click(within(dialog).getByTestId('card-block'));
    await user.type(within(dialog).getByTestId('block-reason'), 'Waiting for the API key{Enter}');
    await waitFor(() => expect(backend.cardNow(2)?.blocked?.reason).toBe('Waiting for the API key'));
    expect(within(dialog).getByTestId('blocked-reason')).toHaveTextContent('Waiting for the API key');
    expect(within(dialog).getByTestId('blocked-since')).toHaveTextContent('since just now');
    const badge = within(card('Fix login')).getByTestId('card-blocked');
    expect(badge).toHaveAttribute('title', 'Blocked: Waiting for the API key');
    expect(badge).toHaveTextContent('Blocked: Waiting for the API key');
    await waitFor(() =>
      expect(within(dialog).getAllByTestId('history-event')[0]).toHaveTextContent('Blocked: Waiting for the API key'),
    );

    await user.click(within(dialog).getByTestId('card-unblock'));
    await waitFor(() => expect(backend.cardNow(2)?.blocked).toBeNull());
    expect(within(card('Fix login')).queryByTestId('card-blocked')).not.toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getAllByTestId('history-event')[0]).toHaveTextContent('Unblocked'));
    expect(within(dialog).getByTestId('card-block')).toHaveFocus();
  });

  it('says how long a card has been blocked', async () => {
    let t = Date.now() - 3 * 24 * 3600 * 1000;
    const backend = new FakeBackend({ ...smallTeam(), now: () => t });
    await backend.blockCard({ cardId: 1, reason: 'Legal review' });
    t = Date.now();
    const { user } = await renderBoard(backend);
    const dialog = await openWithEnter(user, 'Write spec');
    expect(within(dialog).getByTestId('blocked-since')).toHaveTextContent('for 3 days');
  });
});

describe('labels', () => {
  it('creates a label, puts it on the card, and deletes it with undo', async () => {
    const { user, backend } = await renderBoard(new FakeBackend(labelled()));
    const dialog = await openWithEnter(user, 'Fix login');
    await user.click(within(dialog).getByTestId('manage-labels'));
    const manager = within(dialog).getByTestId('label-manager');
    await user.type(within(manager).getByTestId('new-label-name'), 'Accessibility');
    await user.selectOptions(within(manager).getByTestId('new-label-color'), 'Green');
    await user.click(within(manager).getByTestId('create-label'));
    await waitFor(() => expect(backend.labelsNow().map((l) => l.name)).toContain('Accessibility'));
    expect(backend.labelsNow().find((l) => l.name === 'Accessibility')?.color).toBe('green');

    // Toggles list the board's labels by name, each with its colour and its name.
    const toggles = within(dialog).getAllByTestId('card-label-toggle');
    expect(toggles.map((t) => t.closest('label')?.textContent?.trim())).toEqual(['Accessibility', 'Bug', 'Customer']);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Bug' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Accessibility' }));
    await waitFor(() => expect(backend.cardNow(2)?.labelIds).toEqual([1, 3]));
    const chips = () => within(card('Fix login')).queryAllByTestId('card-label').map((c) => c.textContent?.trim());
    expect(chips()).toEqual(['Label: Bug', 'Label: Accessibility']);

    await user.click(within(dialog).getByRole('checkbox', { name: 'Bug' }));
    await waitFor(() => expect(backend.cardNow(2)?.labelIds).toEqual([3]));

    await user.click(within(manager).getByRole('button', { name: 'Delete label Accessibility' }));
    await waitFor(() => expect(backend.labelsNow().map((l) => l.name)).toEqual(['Bug', 'Customer']));
    expect(chips()).toEqual([]);
    expect(within(dialog).getByTestId('deleted-label-note')).toHaveTextContent('Deleted label “Accessibility”.');
    expect(within(dialog).getByTestId('undo-delete-label')).toHaveFocus();
    await user.click(within(dialog).getByTestId('undo-delete-label'));
    await waitFor(() => expect(chips()).toEqual(['Label: Accessibility']));
    expect(backend.cardNow(2)?.labelIds).toEqual([3]);
    expect(live()).toHaveTextContent('Undone: Delete label.');
  });

  it('renames and recolours a label; a taken name gets the core’s message', async () => {
    const { user, backend } = await renderBoard(new FakeBackend(labelled()));
    await backend.setCardLabel({ cardId: 2, labelId: 2, on: true });
    const dialog = await openWithEnter(user, 'Fix login');
    await user.click(within(dialog).getByTestId('manage-labels'));
    const name = within(dialog).getByRole('textbox', { name: 'Name of label Customer' });
    await user.clear(name);
    await user.type(name, 'bug{Enter}');
    expect(await screen.findByTestId('error')).toHaveTextContent('This board already has a label called “bug”.');
    await user.clear(name);
    await user.type(name, 'Client{Enter}');
    await waitFor(() => expect(backend.labelsNow()[1].name).toBe('Client'));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Colour of label Client' }), 'Purple');
    await waitFor(() => expect(backend.labelsNow()[1].color).toBe('purple'));
    expect(within(card('Fix login')).getByTestId('card-label')).toHaveTextContent('Client');
  });

  it('Escape closes the label manager first, then the dialog', async () => {
    const { user } = await renderBoard(new FakeBackend(labelled()));
    const dialog = await openWithEnter(user, 'Fix login');
    await user.click(within(dialog).getByTestId('manage-labels'));
    await user.click(within(dialog).getByTestId('new-label-name'));
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByTestId('label-manager')).not.toBeInTheDocument();
    expect(within(dialog).getByTestId('manage-labels')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('card-dialog')).not.toBeInTheDocument();
  });

  it('says when the board has no labels', async () => {
    const { user } = await renderBoard();
    const dialog = await openWithEnter(user, 'Fix login');
    expect(dialog).toHaveTextContent('This board has no labels yet.');
  });
});

describe('required skills', () => {
  it('adds from the team’s skills, changes the level and removes', async () => {
    const backend = new FakeBackend({
      ...smallTeam(),
      members: [{ name: 'Ana Souza', role: 'Dev', skills: [{ name: 'Rust', level: 4 }] }],
    });
    const { user } = await renderBoard(backend);
    const dialog = await openWithEnter(user, 'Fix login');
    await waitFor(() => expect(dialog.querySelector('datalist option[value="Rust"]')).not.toBeNull());
    await user.type(within(dialog).getByTestId('new-skill-name'), 'Rust');
    await user.selectOptions(within(dialog).getByTestId('new-skill-level'), '3+');
    await user.click(within(dialog).getByTestId('add-skill'));
    await waitFor(() => expect(backend.cardNow(2)?.skills).toEqual([{ skill: 'Rust', minLevel: 3 }]));
    expect(within(card('Fix login')).getByTestId('card-skill')).toHaveTextContent('Rust 3+');

    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Minimum level of Rust' }), '5+');
    await waitFor(() => expect(backend.cardNow(2)?.skills).toEqual([{ skill: 'Rust', minLevel: 5 }]));
    expect(within(card('Fix login')).getByTestId('card-skill')).toHaveTextContent('Rust 5+');

    // Free text works too.
    await user.type(within(dialog).getByTestId('new-skill-name'), 'Negotiation{Enter}');
    await waitFor(() => expect(backend.cardNow(2)?.skills.map((s) => s.skill)).toEqual(['Negotiation', 'Rust']));

    await user.click(within(dialog).getByRole('button', { name: 'Remove Rust' }));
    await waitFor(() => expect(backend.cardNow(2)?.skills.map((s) => s.skill)).toEqual(['Negotiation']));
    expect(within(card('Fix login')).getByTestId('card-skill')).toHaveTextContent('Negotiation 3+');
  });
});

describe('history', () => {
  it('tells what happened in sentences, with the started and done dates', async () => {
    const backend = new FakeBackend(smallTeam());
    await backend.moveCard({ cardId: 1, columnId: 2, afterId: null });
    await backend.moveCard({ cardId: 1, columnId: 3, afterId: null });
    await backend.assignCard({ cardId: 1, memberId: null });
    const { user } = await renderBoard(backend);
    const dialog = await openWithEnter(user, 'Write spec');
    const events = within(dialog).getAllByTestId('history-event').map((e) => e.textContent ?? '');
    // Newest first.
    expect(events.map((e) => e.replace(/just now$/, '').trim())).toEqual([
      'Unassigned',
      'Moved from In progress to Done',
      'Moved from To do to In progress',
      'Assigned to Ana Souza',
      'Created in To do',
    ]);
    expect(within(dialog).getByTestId('card-started')).toHaveTextContent(/^Started /);
    expect(within(dialog).getByTestId('card-done')).toHaveTextContent(/^Done /);
  });

  it('has neither date for a card not started', async () => {
    const { user } = await renderBoard();
    const dialog = await openWithEnter(user, 'Plan sprint');
    expect(within(dialog).queryByTestId('card-started')).not.toBeInTheDocument();
    expect(within(dialog).queryByTestId('card-done')).not.toBeInTheDocument();
  });
});

describe('card badges', () => {
  it('show HTML in titles and labels as text', async () => {
    const team = smallTeam();
    team.boards![0].labels = [{ name: '<b onclick=x>Bold</b>', color: 'yellow' }];
    team.boards![0].columns[0].cards = [
      { title: '<img src=x onerror=alert(1)>', labels: ['<b onclick=x>Bold</b>'], checklist: ['a', { text: 'b', done: true }] },
    ];
    await renderBoard(new FakeBackend(team));
    const item = card('<img src=x onerror=alert(1)>');
    expect(item.querySelector('img, b')).toBeNull();
    expect(within(item).getByTestId('card-label')).toHaveTextContent('<b onclick=x>Bold</b>');
    expect(within(item).getByTestId('card-checklist')).toHaveTextContent('1/2');
    expect(within(item).getByTestId('card-checklist')).toHaveAttribute('title', 'Checklist: 1 of 2 done');
  });

  it('leave a card without details as compact as before', async () => {
    await renderBoard();
    expect(within(card('Fix login')).queryByTestId('card-badges')).not.toBeInTheDocument();
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { Card } from '../bindings/Card';
import { buildCommands, matchScore, rankCommands, type CommandActions, type CommandState } from '../lib/commands';
import { noFilters } from '../lib/filters';

function makeCard(id: number, title: string, columnId: number, assigneeId: number | null = null): Card {
  return {
    id,
    columnId,
    rank: String(id),
    title,
    description: '',
    assigneeId,
    estimate: null,
    priority: 'normal',
    due: null,
    blocked: null,
    pinnedTo: null,
    labelIds: [],
    skills: [],
    checklist: { done: 0, total: 0 },
    archivedAt: null,
    createdAt: 0,
    updatedAt: 0,
  };
}

function actions(): CommandActions {
  const names: (keyof CommandActions)[] = [
    'newCard', 'focusSearch', 'toggleFilter', 'clearFilters', 'navigate', 'switchBoard', 'addBoard', 'renameBoard',
    'addColumn', 'showArchived', 'undo', 'redo', 'showShortcuts', 'showAbout', 'showData', 'openCard', 'editTitle', 'moveCard', 'assignCard',
    'archiveCard', 'deleteCard', 'goToCard',
  ];
  return Object.fromEntries(names.map((n) => [n, vi.fn()])) as unknown as CommandActions;
}

const CARDS = [makeCard(1, 'Write spec', 1, 1), makeCard(2, 'Fix login', 1), makeCard(3, 'Build API', 2, 2)];

function state(fields: Partial<CommandState> = {}): CommandState {
  return {
    view: 'board',
    boards: [
      { id: 1, name: 'Core team' },
      { id: 2, name: 'Platform' },
    ],
    boardId: 1,
    columns: [
      { id: 1, name: 'To do', stage: 'not_started', wipLimit: null, archivedAt: null },
      { id: 2, name: 'In progress', stage: 'in_progress', wipLimit: null, archivedAt: null },
      { id: 3, name: 'Done', stage: 'done', wipLimit: null, archivedAt: null },
    ],
    members: [
      { id: 1, name: 'Ana Souza', role: '', skills: [] },
      { id: 2, name: 'Chidi Okafor', role: '', skills: [] },
    ],
    labels: [{ id: 5, name: 'bug', color: 'vermillion' }],
    skills: ['Rust'],
    cards: CARDS,
    focused: null,
    filters: noFilters(),
    ...fields,
  };
}

function titles(s: CommandState): string[] {
  return buildCommands(s, actions()).map((c) => c.title);
}

describe('building the commands', () => {
  it('reaches every board action, filter, page and card', () => {
    const all = titles(state());
    for (const title of [
      'New card',
      'Search cards',
      'Filter: assignee Ana Souza',
      'Filter: assignee Chidi Okafor',
      'Filter: unassigned',
      'Filter: label bug',
      'Filter: skill Rust',
      'Filter: priority Urgent',
      'Filter: overdue',
      'Filter: due this week',
      'Filter: blocked',
      'Go to People',
      'Go to Workload',
      'Go to Reports',
      'Switch to board: Platform',
      'New board…',
      'Rename board',
      'Add column',
      'Show archived cards',
      'Undo the last board action',
      'Redo the last undone action',
      'Show keyboard shortcuts',
      'Go to card: Write spec',
      'Go to card: Fix login',
      'Go to card: Build API',
    ]) {
      expect(all).toContain(title);
    }
    // Not where the user already is; nothing to clear yet; no card focused.
    expect(all).not.toContain('Go to Board');
    expect(all).not.toContain('Switch to board: Core team');
    expect(all).not.toContain('Clear filters');
    expect(all.some((t) => t.startsWith('Move to'))).toBe(false);
    const ids = buildCommands(state(), actions()).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('offers the focused card’s actions first', () => {
    const all = titles(state({ focused: CARDS[0] }));
    expect(all.slice(0, 9)).toEqual([
      'Open card: Write spec',
      'Edit title',
      'Move to In progress',
      'Move to Done',
      'Assign to Chidi Okafor',
      'Unassign',
      'Archive card',
      'Delete card…',
      'New card',
    ]);
    expect(titles(state({ focused: CARDS[1] }))).not.toContain('Unassign');
  });

  it('says which filters are on, and offers to clear them', () => {
    const all = titles(state({ filters: { ...noFilters(), blocked: true, assignees: [null] } }));
    expect(all).toContain('Remove filter: blocked');
    expect(all).toContain('Remove filter: unassigned');
    expect(all).toContain('Clear filters');
    expect(titles(state({ filters: { ...noFilters(), text: 'x' } }))).toContain('Clear filters');
  });

  it('without a board, keeps pages, boards, undo and help', () => {
    const all = titles(state({ boardId: null, cards: [], view: 'people' }));
    expect(all).toContain('Go to Board');
    expect(all).toContain('New board…');
    expect(all).toContain('Undo the last board action');
    expect(all).not.toContain('New card');
    expect(all).not.toContain('Filter: blocked');
  });

  it('runs the action with its arguments', () => {
    const a = actions();
    const commands = buildCommands(state({ focused: CARDS[0] }), a);
    const run = (title: string) => commands.find((c) => c.title === title)!.run();
    run('Move to Done');
    expect(a.moveCard).toHaveBeenCalledWith(1, 3);
    run('Assign to Chidi Okafor');
    expect(a.assignCard).toHaveBeenCalledWith(1, 2);
    run('Unassign');
    expect(a.assignCard).toHaveBeenLastCalledWith(1, null);
    run('Filter: assignee Ana Souza');
    expect(a.toggleFilter).toHaveBeenCalledWith({ kind: 'assignee', value: 1 });
    run('Filter: due this week');
    expect(a.toggleFilter).toHaveBeenLastCalledWith({ kind: 'due', value: 'week' });
    run('Switch to board: Platform');
    expect(a.switchBoard).toHaveBeenCalledWith(2);
    run('Go to Reports');
    expect(a.navigate).toHaveBeenCalledWith('reports');
    run('Go to card: Build API');
    expect(a.goToCard).toHaveBeenCalledWith(3);
    run('Delete card…');
    expect(a.deleteCard).toHaveBeenCalledWith(1);
  });
});

describe('ranking', () => {
  it('prefers the start of the title, then the start of a word, then anywhere', () => {
    const start = matchScore('Move to Done', 'mov')!;
    const word = matchScore('Go to card: Move the docs', 'mov')!;
    const inside = matchScore('Remove filter: blocked', 'mov')!;
    expect(start).toBeGreaterThan(word);
    expect(word).toBeGreaterThan(inside);
  });

  it('matches every word in any order, accents and case aside', () => {
    expect(matchScore('Filter: assignee Ana Souza', 'ana filter')).not.toBeNull();
    expect(matchScore('Go to card: Café menu', 'CAFE')).not.toBeNull();
    expect(matchScore('Filter: assignee Ana Souza', 'ana bea')).toBeNull();
  });

  it('falls back to the letters in order, tighter first', () => {
    const tight = matchScore('Show archived cards', 'shwarc')!;
    expect(tight).not.toBeNull();
    expect(matchScore('Show keyboard shortcuts', 'xyz')).toBeNull();
    expect(matchScore('Show archived cards', 'sac')!).toBeGreaterThan(0);
  });

  it('ranks the commands and keeps their order on ties', () => {
    const commands = buildCommands(state({ focused: CARDS[0] }), actions());
    expect(rankCommands(commands, '').length).toBe(commands.length);
    expect(rankCommands(commands, 'move done').map((c) => c.title)[0]).toBe('Move to Done');
    expect(rankCommands(commands, 'blocked').map((c) => c.title)).toEqual(['Filter: blocked']);
    const cards = rankCommands(commands, 'go to card').map((c) => c.title);
    expect(cards).toEqual(['Go to card: Write spec', 'Go to card: Fix login', 'Go to card: Build API']);
  });
});

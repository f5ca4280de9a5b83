import { describe, expect, it } from 'vitest';
import type { Card } from '../bindings/Card';
import {
  activeValues,
  cardMatcher,
  describeValue,
  endOfWeek,
  filterCards,
  fold,
  hasValue,
  isFiltering,
  isoDay,
  knownSkills,
  matchesDue,
  noFilters,
  pruneLabels,
  setValue,
  toggleValue,
  type Filters,
} from '../lib/filters';

let nextId = 1;

function makeCard(fields: Partial<Card> = {}): Card {
  return {
    id: nextId++,
    columnId: 1,
    rank: '0',
    title: 'A card',
    description: '',
    assigneeId: null,
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
    ...fields,
  };
}

function filters(fields: Partial<Filters> = {}): Filters {
  return { ...noFilters(), ...fields };
}

// 2025-03-12 is a Wednesday; that week's Sunday is 2025-03-16.
const TODAY = '2025-03-12';
const ctx = { today: TODAY };

function titles(cards: Card[], f: Filters, context: Parameters<typeof filterCards>[2] = ctx): string[] {
  return filterCards(cards, f, context).map((c) => c.title);
}

describe('fold', () => {
  it('drops accents and case', () => {
    expect(fold('Élan Çelik ÅNGSTRÖM naïve')).toBe('elan celik angstrom naive');
  });
});

describe('the text filter', () => {
  const cards = [
    makeCard({ title: 'Fix the café login', description: '' }),
    makeCard({ title: 'Write spec', description: 'Covers the **Résumé** upload' }),
    makeCard({ title: 'Plan sprint' }),
  ];

  it('matches the title and the description, ignoring case and accents', () => {
    expect(titles(cards, filters({ text: 'CAFE' }))).toEqual(['Fix the café login']);
    expect(titles(cards, filters({ text: 'résumé' }))).toEqual(['Write spec']);
    expect(titles(cards, filters({ text: 'resume' }))).toEqual(['Write spec']);
    expect(titles(cards, filters({ text: 'zzz' }))).toEqual([]);
  });

  it('needs every word, anywhere, in any order', () => {
    expect(titles(cards, filters({ text: 'login fix' }))).toEqual(['Fix the café login']);
    expect(titles(cards, filters({ text: 'fix sprint' }))).toEqual([]);
  });

  it('blank text is no filter', () => {
    expect(isFiltering(filters({ text: '   ' }))).toBe(false);
    expect(titles(cards, filters({ text: '  ' }))).toHaveLength(3);
  });
});

describe('each kind of filter', () => {
  const cards = [
    makeCard({ title: 'Ana urgent', assigneeId: 1, priority: 'urgent', labelIds: [10], skills: [{ skill: 'Rust', minLevel: 3 }] }),
    makeCard({ title: 'Bea low', assigneeId: 2, priority: 'low', labelIds: [10, 11] }),
    makeCard({ title: 'Nobody high', priority: 'high', skills: [{ skill: 'SQL', minLevel: 2 }] }),
    makeCard({ title: 'Blocked one', assigneeId: 1, blocked: { reason: 'Waiting for legal', since: 1 } }),
  ];

  it('assignee, with Unassigned as null', () => {
    expect(titles(cards, filters({ assignees: [1] }))).toEqual(['Ana urgent', 'Blocked one']);
    expect(titles(cards, filters({ assignees: [null] }))).toEqual(['Nobody high']);
    expect(titles(cards, filters({ assignees: [2, null] }))).toEqual(['Bea low', 'Nobody high']);
  });

  it('label', () => {
    expect(titles(cards, filters({ labels: [11] }))).toEqual(['Bea low']);
    expect(titles(cards, filters({ labels: [10] }))).toEqual(['Ana urgent', 'Bea low']);
  });

  it('skill, by name in any case', () => {
    expect(titles(cards, filters({ skills: ['rust'] }))).toEqual(['Ana urgent']);
    expect(titles(cards, filters({ skills: ['Rust', 'SQL'] }))).toEqual(['Ana urgent', 'Nobody high']);
  });

  it('priority', () => {
    expect(titles(cards, filters({ priorities: ['urgent', 'high'] }))).toEqual(['Ana urgent', 'Nobody high']);
    expect(titles(cards, filters({ priorities: ['normal'] }))).toEqual(['Blocked one']);
  });

  it('blocked', () => {
    expect(titles(cards, filters({ blocked: true }))).toEqual(['Blocked one']);
  });

  it('combines kinds with AND and values of one kind with OR', () => {
    expect(titles(cards, filters({ assignees: [1, 2], labels: [10] }))).toEqual(['Ana urgent', 'Bea low']);
    expect(titles(cards, filters({ assignees: [1, 2], labels: [10], priorities: ['low'] }))).toEqual(['Bea low']);
    expect(titles(cards, filters({ assignees: [1], blocked: true }))).toEqual(['Blocked one']);
    expect(titles(cards, filters({ assignees: [1], text: 'urgent', blocked: true }))).toEqual([]);
  });

  it('no filters keeps every card', () => {
    expect(isFiltering(noFilters())).toBe(false);
    expect(titles(cards, noFilters())).toHaveLength(4);
  });
});

describe('due dates', () => {
  it('this week ends on the coming Sunday', () => {
    expect(endOfWeek('2025-03-12')).toBe('2025-03-16'); // Wednesday
    expect(endOfWeek('2025-03-10')).toBe('2025-03-16'); // Monday
    expect(endOfWeek('2025-03-15')).toBe('2025-03-16'); // Saturday
    expect(endOfWeek('2025-03-16')).toBe('2025-03-16'); // Sunday: today only
    expect(endOfWeek('2025-12-29')).toBe('2026-01-04'); // across the year
    expect(endOfWeek('2024-02-27')).toBe('2024-03-03'); // across a leap day
    expect(endOfWeek('2025-03-27')).toBe('2025-03-30'); // across a daylight saving change
  });

  it('"Due this week" is today through Sunday, both included', () => {
    const at = (due: string | null) => matchesDue(makeCard({ due }), 'week', ctx);
    expect(at('2025-03-11')).toBe(false);
    expect(at('2025-03-12')).toBe(true);
    expect(at('2025-03-16')).toBe(true);
    expect(at('2025-03-17')).toBe(false);
    expect(at(null)).toBe(false);
  });

  it('"Overdue" is before today, and never for a finished card', () => {
    const overdue = (due: string | null, columnId = 1) =>
      matchesDue(makeCard({ due, columnId }), 'overdue', { today: TODAY, doneColumns: new Set([9]) });
    expect(overdue('2025-03-11')).toBe(true);
    expect(overdue('2024-12-31')).toBe(true);
    expect(overdue('2025-03-12')).toBe(false);
    expect(overdue(null)).toBe(false);
    expect(overdue('2025-03-01', 9)).toBe(false);
  });

  it('both at once show either', () => {
    const cards = [
      makeCard({ title: 'late', due: '2025-03-01' }),
      makeCard({ title: 'soon', due: '2025-03-14' }),
      makeCard({ title: 'later', due: '2025-04-01' }),
    ];
    expect(titles(cards, filters({ due: ['overdue', 'week'] }))).toEqual(['late', 'soon']);
    expect(titles(cards, filters({ due: ['week'] }), { today: '2025-03-16' })).toEqual([]);
  });

  it('today is the local date', () => {
    expect(isoDay(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});

describe('changing filters', () => {
  it('toggles, removes and lists values as chips do', () => {
    let f = noFilters();
    f = toggleValue(f, { kind: 'assignee', value: null });
    f = toggleValue(f, { kind: 'assignee', value: 2 });
    f = toggleValue(f, { kind: 'blocked' });
    f = toggleValue(f, { kind: 'due', value: 'overdue' });
    expect(f).toMatchObject({ assignees: [null, 2], blocked: true, due: ['overdue'] });
    expect(hasValue(f, { kind: 'assignee', value: null })).toBe(true);
    expect(hasValue(f, { kind: 'assignee', value: 1 })).toBe(false);
    expect(activeValues(f)).toEqual([
      { kind: 'assignee', value: null },
      { kind: 'assignee', value: 2 },
      { kind: 'due', value: 'overdue' },
      { kind: 'blocked' },
    ]);
    f = toggleValue(f, { kind: 'assignee', value: null });
    f = setValue(f, { kind: 'blocked' }, false);
    expect(f).toMatchObject({ assignees: [2], blocked: false });
  });

  it('names values for people', () => {
    const names = { members: [{ id: 1, name: 'Ana Souza', role: '', skills: [] }], labels: [{ id: 7, name: 'bug', color: 'vermillion' as const }] };
    expect(describeValue({ kind: 'assignee', value: 1 }, names)).toEqual({ kind: 'Assignee', name: 'Ana Souza' });
    expect(describeValue({ kind: 'assignee', value: null }, names)).toEqual({ kind: 'Assignee', name: 'Unassigned' });
    expect(describeValue({ kind: 'label', value: 7 }, names)).toEqual({ kind: 'Label', name: 'bug' });
    expect(describeValue({ kind: 'priority', value: 'urgent' }, names)).toEqual({ kind: 'Priority', name: 'Urgent' });
    expect(describeValue({ kind: 'due', value: 'week' }, names)).toEqual({ kind: 'Due', name: 'Due this week' });
    expect(describeValue({ kind: 'blocked' }, names)).toEqual({ kind: 'Status', name: 'Blocked' });
  });

  it('drops labels the board does not have, and keeps the same object otherwise', () => {
    const f = filters({ labels: [1, 2] });
    expect(pruneLabels(f, [{ id: 2, name: 'x', color: 'sky' }]).labels).toEqual([2]);
    expect(pruneLabels(f, [{ id: 1, name: 'a', color: 'sky' }, { id: 2, name: 'b', color: 'grey' }])).toBe(f);
  });

  it('lists the skills of the team and the cards once each, sorted', () => {
    const members = [{ id: 1, name: 'A', role: '', skills: [{ name: 'Rust', level: 3 }, { name: 'SQL', level: 1 }] }];
    const cards = [makeCard({ skills: [{ skill: 'rust', minLevel: 2 }, { skill: 'Accessibility', minLevel: 1 }] })];
    expect(knownSkills(cards, members)).toEqual(['Accessibility', 'Rust', 'SQL']);
  });

  it('a matcher can be reused for many cards', () => {
    const match = cardMatcher(filters({ text: 'a' }), ctx);
    expect([makeCard({ title: 'a' }), makeCard({ title: 'b' })].map(match)).toEqual([true, false]);
  });
});

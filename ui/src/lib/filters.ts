/**
 * Searching and filtering the board's cards: pure functions, no Svelte.
 *
 * Filters combine with AND across kinds and OR within one kind: "Ana or Bea, and blocked".
 */
import type { Card } from '../bindings/Card';
import type { Label } from '../bindings/Label';
import type { Member } from '../bindings/Member';
import type { Priority } from '../bindings/Priority';

export type DueFilter = 'overdue' | 'week';

export interface Filters {
  /** Words that must all appear in the title or the description. */
  text: string;
  /** Team member ids; null stands for "Unassigned". */
  assignees: (number | null)[];
  labels: number[];
  /** Skill names, as cards require them. */
  skills: string[];
  priorities: Priority[];
  due: DueFilter[];
  /** Only blocked cards. */
  blocked: boolean;
}

/** The kinds a chip or a command can toggle, with the type of their values. */
export type FilterValue =
  | { kind: 'assignee'; value: number | null }
  | { kind: 'label'; value: number }
  | { kind: 'skill'; value: string }
  | { kind: 'priority'; value: Priority }
  | { kind: 'due'; value: DueFilter }
  | { kind: 'blocked' };

export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

export const PRIORITY_NAMES: Record<Priority, string> = {
  urgent: 'Urgent',
  high: 'High',
  normal: 'Normal',
  low: 'Low',
};

export const DUE_NAMES: Record<DueFilter, string> = {
  overdue: 'Overdue',
  week: 'Due this week',
};

export function noFilters(): Filters {
  return { text: '', assignees: [], labels: [], skills: [], priorities: [], due: [], blocked: false };
}

/** Whether any filter (the search text included) narrows the cards. */
export function isFiltering(f: Filters): boolean {
  return (
    f.text.trim() !== '' ||
    f.assignees.length > 0 ||
    f.labels.length > 0 ||
    f.skills.length > 0 ||
    f.priorities.length > 0 ||
    f.due.length > 0 ||
    f.blocked
  );
}

/** Lower case without accents, for searching: "Élan Çelik" → "elan celik". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** "YYYY-MM-DD" of a local date. */
export function isoDay(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The coming Sunday as "YYYY-MM-DD": `today` itself when it is a Sunday. */
export function endOfWeek(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  // Noon UTC: no time zone or daylight saving change can move the day.
  const date = new Date(Date.UTC(y, m - 1, d, 12));
  const toSunday = (7 - date.getUTCDay()) % 7;
  date.setUTCDate(date.getUTCDate() + toSunday);
  return date.toISOString().slice(0, 10);
}

export interface MatchContext {
  /** "YYYY-MM-DD": what "overdue" and "this week" count from. */
  today: string;
  /** Cards in these columns are finished: never overdue. */
  doneColumns?: ReadonlySet<number>;
}

export function matchesDue(card: Card, which: DueFilter, ctx: MatchContext): boolean {
  if (card.due === null) return false;
  // Days as YYYY-MM-DD compare as strings.
  if (which === 'overdue') return card.due < ctx.today && !ctx.doneColumns?.has(card.columnId);
  return card.due >= ctx.today && card.due <= endOfWeek(ctx.today);
}

function matchesText(card: Card, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = fold(`${card.title}\n${card.description}`);
  return words.every((w) => haystack.includes(w));
}

/** The search words, folded; empty when there is no search. */
export function searchWords(text: string): string[] {
  return fold(text).split(/\s+/).filter(Boolean);
}

/** A predicate for the cards that pass every filter. */
export function cardMatcher(f: Filters, ctx: MatchContext): (card: Card) => boolean {
  const words = searchWords(f.text);
  const assignees = new Set(f.assignees);
  const labels = new Set(f.labels);
  const skills = new Set(f.skills.map(fold));
  const priorities = new Set(f.priorities);
  return (card) =>
    matchesText(card, words) &&
    (assignees.size === 0 || assignees.has(card.assigneeId)) &&
    (labels.size === 0 || card.labelIds.some((id) => labels.has(id))) &&
    (skills.size === 0 || card.skills.some((s) => skills.has(fold(s.skill)))) &&
    (priorities.size === 0 || priorities.has(card.priority)) &&
    (f.due.length === 0 || f.due.some((d) => matchesDue(card, d, ctx))) &&
    (!f.blocked || card.blocked !== null);
}

export function filterCards(cards: readonly Card[], f: Filters, ctx: MatchContext): Card[] {
  if (!isFiltering(f)) return [...cards];
  return cards.filter(cardMatcher(f, ctx));
}

function sameValue(a: FilterValue, b: FilterValue): boolean {
  return a.kind === b.kind && (a.kind === 'blocked' || a.value === (b as typeof a).value);
}

/** The filters, one per value, as chips show them (the search text is not one). */
export function activeValues(f: Filters): FilterValue[] {
  return [
    ...f.assignees.map((value) => ({ kind: 'assignee', value }) as const),
    ...f.labels.map((value) => ({ kind: 'label', value }) as const),
    ...f.skills.map((value) => ({ kind: 'skill', value }) as const),
    ...f.priorities.map((value) => ({ kind: 'priority', value }) as const),
    ...f.due.map((value) => ({ kind: 'due', value }) as const),
    ...(f.blocked ? [{ kind: 'blocked' } as const] : []),
  ];
}

export function hasValue(f: Filters, v: FilterValue): boolean {
  return activeValues(f).some((a) => sameValue(a, v));
}

function withList<T>(list: T[], value: T, on: boolean): T[] {
  const rest = list.filter((x) => x !== value);
  return on ? [...rest, value] : rest;
}

/** Turns one filter value on or off; the other filters stay. */
export function setValue(f: Filters, v: FilterValue, on: boolean): Filters {
  switch (v.kind) {
    case 'assignee':
      return { ...f, assignees: withList(f.assignees, v.value, on) };
    case 'label':
      return { ...f, labels: withList(f.labels, v.value, on) };
    case 'skill':
      return { ...f, skills: withList(f.skills, v.value, on) };
    case 'priority':
      return { ...f, priorities: withList(f.priorities, v.value, on) };
    case 'due':
      return { ...f, due: withList(f.due, v.value, on) };
    case 'blocked':
      return { ...f, blocked: on };
  }
}

export function toggleValue(f: Filters, v: FilterValue): Filters {
  return setValue(f, v, !hasValue(f, v));
}

export interface NameContext {
  members: readonly Member[];
  labels: readonly Label[];
}

/** What a chip or command calls a filter value: "Assignee: Ana Souza", "Label: bug". */
export function describeValue(v: FilterValue, names: NameContext): { kind: string; name: string } {
  switch (v.kind) {
    case 'assignee':
      return {
        kind: 'Assignee',
        name:
          v.value === null
            ? 'Unassigned'
            : (names.members.find((m) => m.id === v.value)?.name ?? `Team member ${v.value}`),
      };
    case 'label':
      return { kind: 'Label', name: names.labels.find((l) => l.id === v.value)?.name ?? `Label ${v.value}` };
    case 'skill':
      return { kind: 'Skill', name: v.value };
    case 'priority':
      return { kind: 'Priority', name: PRIORITY_NAMES[v.value] };
    case 'due':
      return { kind: 'Due', name: DUE_NAMES[v.value] };
    case 'blocked':
      return { kind: 'Status', name: 'Blocked' };
  }
}

/** A stable key for a filter value, for keyed lists. */
export function valueKey(v: FilterValue): string {
  return v.kind === 'blocked' ? 'blocked' : `${v.kind}:${String(v.value)}`;
}

/** Keeps only the labels that exist (after a switch to another board). */
export function pruneLabels(f: Filters, labels: readonly Label[]): Filters {
  const known = new Set(labels.map((l) => l.id));
  const kept = f.labels.filter((id) => known.has(id));
  return kept.length === f.labels.length ? f : { ...f, labels: kept };
}

/** Every skill the board's cards or the team mention, sorted, without repeats (case-insensitive). */
export function knownSkills(cards: readonly Card[], members: readonly Member[]): string[] {
  const byFold = new Map<string, string>();
  for (const m of members) for (const s of m.skills) if (!byFold.has(fold(s.name))) byFold.set(fold(s.name), s.name);
  for (const c of cards) for (const s of c.skills) if (!byFold.has(fold(s.skill))) byFold.set(fold(s.skill), s.skill);
  return [...byFold.values()].sort((a, b) => a.localeCompare(b));
}

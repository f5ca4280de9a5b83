/**
 * Workload helpers: planning horizons, working days and capacity as the core counts them,
 * the core's messages for workload input, and a simplified planner for the fake backend.
 * The real suggestions come from the core's planner (`src-tauri/core/src/plan/`).
 */
import type { Horizon } from '../bindings/Horizon';
import type { Plan } from '../bindings/Plan';
import type { PersonLoad } from '../bindings/PersonLoad';
import type { Priority } from '../bindings/Priority';
import type { Skill } from '../bindings/Skill';
import type { Suggestion } from '../bindings/Suggestion';
import type { UnassignedCard } from '../bindings/UnassignedCard';
import { BackendError } from './backend';
import { MAX_ESTIMATE, validateDue } from './rules';

export const MAX_PERIOD_DAYS = 366;
export const CAPACITY_NAN_MESSAGE = 'A weekly capacity must be a number.';
export const CAPACITY_NEGATIVE_MESSAGE = 'A weekly capacity cannot be negative.';
export const CAPACITY_MAX_MESSAGE = `A weekly capacity can be at most ${MAX_ESTIMATE} a week.`;
export const PIN_UNASSIGNED_MESSAGE = 'Assign the card to someone before pinning it to them.';
export const APPLY_EMPTY_MESSAGE = 'Choose at least one suggestion to apply.';

const DAY_MS = 86_400_000;

function toUtc(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return fromUtc(toUtc(day) + days * DAY_MS);
}

/** 0 for Monday to 6 for Sunday. */
export function weekday(day: string): number {
  return (new Date(toUtc(day)).getUTCDay() + 6) % 7;
}

/** Days from `start` to `end`, both included; 0 when `end` is before `start`. */
export function daysBetween(start: string, end: string): number {
  return Math.max(0, Math.round((toUtc(end) - toUtc(start)) / DAY_MS) + 1);
}

/** Mondays to Fridays from `start` to `end`, both included, as the core's `plan::weekdays`. */
export function weekdays(start: string, end: string): number {
  const total = daysBetween(start, end);
  if (total === 0) return 0;
  const weeks = Math.floor(total / 7);
  let count = weeks * 5;
  const first = weekday(start);
  for (let i = 0; i < total % 7; i++) if ((first + i) % 7 < 5) count += 1;
  return count;
}

/** This week: today to Friday; at a weekend, the coming Monday to Friday. */
export function thisWeek(today: string): Horizon {
  const day = weekday(today);
  if (day >= 5) {
    const monday = addDays(today, 7 - day);
    return { start: monday, end: addDays(monday, 4) };
  }
  return { start: today, end: addDays(today, 4 - day) };
}

/** The next two weeks: today and the thirteen days after it, ten working days. */
export function nextTwoWeeks(today: string): Horizon {
  return { start: today, end: addDays(today, 13) };
}

/** Working days of a horizon not covered by any period off, as the core's `available_capacity`. */
export function workingDays(horizon: Horizon, timeOff: readonly { start: string; end: string }[]): number {
  const off = new Set<string>();
  for (const period of timeOff) {
    const start = period.start > horizon.start ? period.start : horizon.start;
    const end = period.end < horizon.end ? period.end : horizon.end;
    for (let d = start; d <= end; d = addDays(d, 1)) if (weekday(d) < 5) off.add(d);
  }
  return weekdays(horizon.start, horizon.end) - off.size;
}

/** "85%", rounded to the nearest percent, as the planner's reasons say it. */
export function percent(utilisation: number): string {
  return `${Math.round(utilisation * 100)}%`;
}

/** As the core's `workload::capacity`: units a week, 0 to 10,000, kept to two decimals. */
export function validateCapacity(value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value)) throw new BackendError('invalid_input', CAPACITY_NAN_MESSAGE);
  if (value < 0) throw new BackendError('invalid_input', CAPACITY_NEGATIVE_MESSAGE);
  if (value > MAX_ESTIMATE) throw new BackendError('invalid_input', CAPACITY_MAX_MESSAGE);
  return Math.round(value * 100) / 100 + 0;
}

/** As the core's period checks: real days, in order, at most a year. `what` starts the sentence. */
export function validatePeriod(what: string, start: string, end: string): { start: string; end: string } {
  const [s, e] = [validateDue(start)!, validateDue(end)!];
  if (e < s) throw new BackendError('invalid_input', `${what} ends before it starts.`);
  if (daysBetween(s, e) > MAX_PERIOD_DAYS) {
    throw new BackendError('invalid_input', `${what} can be at most ${MAX_PERIOD_DAYS} days long.`);
  }
  return { start: s, end: e };
}

// ---- The fake backend's planner ----

export interface GreedyPerson {
  id: number;
  name: string;
  /** Units a week; 0 when not set. */
  weeklyCapacity: number;
  timeOff: readonly { start: string; end: string }[];
  skills: readonly Skill[];
}

export interface GreedyCard {
  id: number;
  title: string;
  estimate: number | null;
  needs: readonly { skill: string; minLevel: number }[];
  priority: Priority;
  due: string | null;
  pinnedTo: number | null;
  assigneeId: number | null;
}

const PRIORITY_ORDER: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

const key = (name: string) => name.trim().toLowerCase();

/**
 * A simplified planner with the core's output shape, for the fake backend: cards in priority,
 * due date and id order each go to the least loaded qualified person with room; rebalancing
 * proposes no moves; the lower bound is the team's average load, which no plan can beat.
 */
export function greedyPlan(
  people: readonly GreedyPerson[],
  cards: readonly GreedyCard[],
  horizon: Horizon,
  cardIds: readonly number[] | null,
): Plan {
  const sorted = [...people].sort((a, b) => a.id - b.id);
  const level = (p: GreedyPerson, skill: string) =>
    Math.max(0, ...p.skills.filter((s) => key(s.name) === key(skill)).map((s) => s.level));
  const days = new Map(sorted.map((p) => [p.id, workingDays(horizon, p.timeOff)]));
  const available = new Map(sorted.map((p) => [p.id, (p.weeklyCapacity * days.get(p.id)!) / 5]));
  const scope = new Set(cardIds ?? cards.filter((c) => c.assigneeId === null).map((c) => c.id));
  const centi = (c: GreedyCard) => Math.round((c.estimate ?? 0) * 100);
  const before = new Map(sorted.map((p) => [p.id, 0]));
  for (const c of cards) if (c.assigneeId !== null) before.set(c.assigneeId, (before.get(c.assigneeId) ?? 0) + centi(c));
  const load = new Map(before);
  for (const c of cards) {
    if (scope.has(c.id) && c.assigneeId !== null) load.set(c.assigneeId, load.get(c.assigneeId)! - centi(c));
  }
  const util = (id: number, extra = 0) => (load.get(id)! + extra) / 100 / available.get(id)!;
  const name = (id: number) => sorted.find((p) => p.id === id)?.name ?? '';
  const suggestions: Suggestion[] = [];
  const unassigned: UnassignedCard[] = [];
  const order = cards
    .filter((c) => scope.has(c.id))
    .sort(
      (a, b) =>
        PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
        (a.due ?? '\uffff').localeCompare(b.due ?? '\uffff') ||
        a.id - b.id,
    );
  for (const card of order) {
    const size = centi(card);
    const tail = card.estimate === null ? '; no estimate, so it weighs nothing' : '';
    if (card.pinnedTo !== null) {
      load.set(card.pinnedTo, load.get(card.pinnedTo)! + size);
      const shown = available.get(card.pinnedTo)! > 0 ? percent(util(card.pinnedTo)) : 'no capacity';
      suggestions.push({
        cardId: card.id,
        personId: card.pinnedTo,
        pinned: true,
        stretch: null,
        reason: `Pinned to ${name(card.pinnedTo)}; ${shown} after this`,
      });
      continue;
    }
    const able = sorted.filter((p) => card.needs.every((n) => level(p, n.skill) >= n.minLevel));
    if (able.length === 0) {
      const missing = card.needs.find((n) => sorted.every((p) => level(p, n.skill) < n.minLevel));
      const text =
        sorted.length === 0
          ? 'There is nobody on the team'
          : missing
            ? `Nobody has ${missing.skill.trim()} at level ${missing.minLevel}`
            : `Nobody has all of ${card.needs.map((n) => `${n.skill.trim()} ${n.minLevel}`).join(', ')} together`;
      unassigned.push({ cardId: card.id, reason: 'nobody_qualified', text });
      continue;
    }
    const withCapacity = able.filter((p) => available.get(p.id)! > 0);
    if (withCapacity.length === 0) {
      const names = able.map((p) => p.name.trim()).join(', ');
      unassigned.push({
        cardId: card.id,
        reason: 'no_capacity',
        text: `Everyone who can take it has no capacity in this horizon (${names})`,
      });
      continue;
    }
    const ranked = withCapacity
      .map((p) => ({ p, after: util(p.id, size) }))
      .sort((a, b) => a.after - b.after || a.p.id - b.p.id);
    const fits = ranked.filter((r) => r.after <= 1 + 1e-9);
    if (fits.length === 0) {
      const full = ranked
        .slice(0, 3)
        .map((r) => `${r.p.name.trim()} would be at ${percent(r.after)}`)
        .join(', ');
      unassigned.push({ cardId: card.id, reason: 'no_room', text: `Everyone who can take it is full: ${full}` });
      continue;
    }
    const chosen = fits[0].p;
    load.set(chosen.id, load.get(chosen.id)! + size);
    const skills =
      card.needs.length === 0 ? 'no skills needed' : card.needs.map((n) => `${n.skill.trim()} ${level(chosen, n.skill)}`).join(', ');
    const other = ranked.find((r) => r.p.id !== chosen.id);
    const alternative = other ? `; ${other.p.name.trim()} would be at ${percent(other.after)}` : '; nobody else can take it';
    suggestions.push({
      cardId: card.id,
      personId: chosen.id,
      pinned: false,
      stretch: null,
      reason: `${chosen.name.trim()}: ${skills}, ${percent(util(chosen.id))} after this${alternative}${tail}`,
    });
  }
  const loads: PersonLoad[] = sorted.map((p) => {
    const avail = available.get(p.id)!;
    return {
      personId: p.id,
      workingDays: days.get(p.id)!,
      available: avail,
      before: before.get(p.id)! / 100,
      after: load.get(p.id)! / 100,
      utilisationBefore: avail > 0 ? before.get(p.id)! / 100 / avail : null,
      utilisationAfter: avail > 0 ? load.get(p.id)! / 100 / avail : null,
    };
  });
  const withCap = loads.filter((l) => l.available > 0);
  const maxUtilisation = Math.max(0, ...withCap.map((l) => l.utilisationAfter!));
  const total = withCap.reduce((sum, l) => sum + l.after, 0);
  const capacity = withCap.reduce((sum, l) => sum + l.available, 0);
  const average = capacity > 0 ? total / capacity : 0;
  const unestimated = cards.filter((c) => c.estimate === null && (scope.has(c.id) || c.assigneeId !== null)).length;
  return {
    suggestions,
    unassigned,
    moves: [],
    people: loads,
    maxUtilisation,
    lowerBound: Math.floor(Math.min(average, maxUtilisation) * 1e6) / 1e6,
    unestimated,
    optimal: false,
  };
}

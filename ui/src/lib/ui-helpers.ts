import type { EstimateUnit } from '../bindings/EstimateUnit';
import type { Load } from '../bindings/Load';

/** Whether a key event comes from a place where the user types text. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function hasModifier(e: KeyboardEvent | MouseEvent): boolean {
  return e.ctrlKey || e.metaKey || e.altKey;
}

/** "Ana Souza" → "AS", "Chidi" → "CH". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return [...words[0]].slice(0, 2).join('').toUpperCase();
  return ([...words[0]][0] + [...words[words.length - 1]][0]).toUpperCase();
}

export const AVATAR_TONES = 6;

/** A stable colour class per person, so the same person always looks the same. */
export function avatarTone(memberId: number): string {
  return `tone-${Math.abs(memberId) % AVATAR_TONES}`;
}

/** An estimate as a card shows it: "3 pts", "1 pt", "2.5 pts", "4 h". */
export function formatEstimate(value: number, unit: EstimateUnit): string {
  const n = Math.round(value * 100) / 100 + 0;
  if (unit === 'hours') return `${n} h`;
  return `${n} ${n === 1 ? 'pt' : 'pts'}`;
}

/** The same, spelled out for screen readers: "3 points", "4 hours". */
export function spellEstimate(value: number, unit: EstimateUnit): string {
  const n = Math.round(value * 100) / 100 + 0;
  const word = unit === 'hours' ? 'hour' : 'point';
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

/** A person's open work: "4 open · 11 pts · 1 unestimated". */
export function formatLoad(load: Load, unit: EstimateUnit): string {
  const parts = [`${load.openCards} open`, formatEstimate(load.estimate, unit)];
  if (load.unestimated > 0) parts.push(`${load.unestimated} unestimated`);
  return parts.join(' · ');
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** When something happened, short: "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", "12 Mar". */
export function formatWhen(at: number, now: number = Date.now()): string {
  const ago = now - at;
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  const days = Math.floor(ago / DAY);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  const date = new Date(at);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric' });
}

/** Today's calendar day where the user is, YYYY-MM-DD. */
export function localDay(now: number = Date.now()): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
}

export interface DueState {
  /** Days from today: negative when past. */
  days: number;
  state: 'overdue' | 'soon' | 'later';
  /** Short: "Today", "Tomorrow", "Yesterday", "12 Mar". */
  text: string;
  /** Spelled out: "Due 12 Mar, overdue". */
  spoken: string;
}

/** How a due date (YYYY-MM-DD) stands today: overdue when past, soon within two days. */
export function dueState(due: string, now: number = Date.now()): DueState {
  const days = dayNumber(due) - dayNumber(localDay(now));
  const state = days < 0 ? 'overdue' : days <= 2 ? 'soon' : 'later';
  const [y, m, d] = due.split('-').map(Number);
  const date = new Date(y, m - 1, d);
  const sameYear = y === new Date(now).getFullYear();
  const text =
    days === 0
      ? 'Today'
      : days === 1
        ? 'Tomorrow'
        : days === -1
          ? 'Yesterday'
          : date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric' });
  const when = days >= -1 && days <= 1 ? text.toLowerCase() : text;
  const spoken = `Due ${when}${state === 'overdue' ? ', overdue' : state === 'soon' ? ', due soon' : ''}`;
  return { days, state, text, spoken };
}

/** How long ago, in words: "for 3 days", "for 2 hours", "since just now". */
export function formatSince(since: number, now: number = Date.now()): string {
  const ago = Math.max(0, now - since);
  if (ago < MINUTE) return 'since just now';
  if (ago < HOUR) {
    const n = Math.floor(ago / MINUTE);
    return `for ${n} ${n === 1 ? 'minute' : 'minutes'}`;
  }
  if (ago < DAY) {
    const n = Math.floor(ago / HOUR);
    return `for ${n} ${n === 1 ? 'hour' : 'hours'}`;
  }
  const n = Math.floor(ago / DAY);
  return `for ${n} ${n === 1 ? 'day' : 'days'}`;
}

/** A moment as a date and time for people: "12 Mar 2026, 14:05". */
export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

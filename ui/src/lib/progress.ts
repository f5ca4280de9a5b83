import type { Percentiles } from '../bindings/Percentiles';
import type { Risk } from '../bindings/Risk';
import { isoDay } from './reports-backend';

export type ProgressPreset = 'last_four_weeks' | 'last_twelve_weeks' | 'custom';

export const PROGRESS_PRESETS: { id: ProgressPreset; label: string }[] = [
  { id: 'last_four_weeks', label: 'Last 4 weeks' },
  { id: 'last_twelve_weeks', label: 'Last 12 weeks' },
  { id: 'custom', label: 'Custom' },
];

/** The days a preset covers, both ends included, ending `today`. */
export function progressPeriod(preset: Exclude<ProgressPreset, 'custom'>, today: Date): { from: string; to: string } {
  const days = preset === 'last_four_weeks' ? 28 : 84;
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1));
  return { from: isoDay(from), to: isoDay(today) };
}

/** Days as the page shows them: one decimal under ten, whole days above; a dash for none. */
export function formatDays(days: number | null): string {
  if (days === null || !Number.isFinite(days)) return '–';
  const shown = days < 10 ? (Math.round(days * 10) / 10).toFixed(1) : String(Math.round(days));
  return `${shown} ${shown === '1.0' ? 'day' : 'days'}`;
}

/** "p50 2.0 days · p85 4.5 days · p95 9.0 days", or why there is nothing to show. */
export function formatPercentiles(p: Percentiles): string {
  if (p.count === 0) return 'No card finished in this period';
  return `p50 ${formatDays(p.p50)} · p85 ${formatDays(p.p85)} · p95 ${formatDays(p.p95)}`;
}

/** A share as a whole percentage, or a dash when there is nothing to share. */
export function formatShare(share: number | null): string {
  return share === null || !Number.isFinite(share) ? '–' : `${Math.round(share * 100)}%`;
}

/** The radar's sections, most urgent first, with the heading each is shown under. */
export const RISK_KINDS: { kind: string; heading: string }[] = [
  { kind: 'blocked', heading: 'Blocked' },
  { kind: 'overdue', heading: 'Overdue' },
  { kind: 'due_soon', heading: 'Due soon' },
  { kind: 'stale', heading: 'Stale' },
  { kind: 'over_capacity', heading: 'Over capacity' },
  { kind: 'single_skill', heading: 'Skills held by one person' },
  { kind: 'one_on_one_overdue', heading: 'One-on-ones overdue' },
];

/** Risks grouped by kind in `RISK_KINDS` order; kinds the page does not know come last. */
export function groupRisks(risks: readonly Risk[]): { kind: string; heading: string; risks: Risk[] }[] {
  const known = new Map(RISK_KINDS.map((k, i) => [k.kind, i]));
  const groups = new Map<string, Risk[]>();
  for (const risk of risks) {
    const list = groups.get(risk.kind);
    if (list) list.push(risk);
    else groups.set(risk.kind, [risk]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (known.get(a) ?? Infinity) - (known.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([kind, list]) => ({
      kind,
      heading: RISK_KINDS.find((k) => k.kind === kind)?.heading ?? kind.replace(/_/g, ' '),
      risks: list,
    }));
}

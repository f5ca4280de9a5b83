/**
 * The core's rules for WIP limits, estimates and column stages, with its exact messages.
 * The fake backend applies them; the UI uses them only for what cannot reach the core
 * (a non-number cannot cross the IPC: JSON turns NaN into null, which would clear).
 */
import type { Stage } from '../bindings/Stage';
import { BackendError } from './backend';

export const MAX_WIP_LIMIT = 999;
export const MAX_ESTIMATE = 10000;

export const WIP_LIMIT_MESSAGE = `A WIP limit goes from 1 to ${MAX_WIP_LIMIT} cards; clear it for no limit.`;
export const ESTIMATE_NAN_MESSAGE = 'An estimate must be a number.';
export const ESTIMATE_NEGATIVE_MESSAGE = 'An estimate cannot be negative.';
export const ESTIMATE_MAX_MESSAGE = `An estimate can be at most ${MAX_ESTIMATE}.`;

/** As the core's `set_wip_limit`: null clears, anything else must be 1..999. */
export function validateWipLimit(limit: number | null): number | null {
  if (limit === null) return null;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_WIP_LIMIT) {
    throw new BackendError('invalid_input', WIP_LIMIT_MESSAGE);
  }
  return limit;
}

/** As the core's `validate::estimate`: null clears; kept to two decimals. */
export function validateEstimate(value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value)) throw new BackendError('invalid_input', ESTIMATE_NAN_MESSAGE);
  if (value < 0) throw new BackendError('invalid_input', ESTIMATE_NEGATIVE_MESSAGE);
  if (value > MAX_ESTIMATE) throw new BackendError('invalid_input', ESTIMATE_MAX_MESSAGE);
  // `+ 0` turns -0 into 0.
  return Math.round(value * 100) / 100 + 0;
}

/** As the core's `Stage::guess`: the stage a column of this name usually stands for. */
export function guessStage(columnName: string): Stage {
  switch (columnName.trim().toLowerCase()) {
    case 'in progress':
    case 'doing':
    case 'review':
    case 'in review':
    case 'testing':
      return 'in_progress';
    case 'done':
    case 'finished':
    case 'shipped':
    case 'released':
      return 'done';
    default:
      return 'not_started';
  }
}

export type Parsed = { ok: true; value: number | null } | { ok: false; error: BackendError };

/**
 * What the user typed in a WIP limit field: empty clears. Whole numbers go to the core, which
 * judges the range (so 0 gets the core's own refusal); anything else cannot cross the IPC.
 */
export function parseWipLimit(raw: string, badInput = false): Parsed {
  const text = raw.trim();
  if (text === '' && !badInput) return { ok: true, value: null };
  const n = Number(text);
  if (badInput || text === '' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    return { ok: false, error: new BackendError('invalid_input', WIP_LIMIT_MESSAGE) };
  }
  return { ok: true, value: n };
}

/** What the user typed in an estimate field: empty clears; the core judges the range. */
export function parseEstimate(raw: string, badInput = false): Parsed {
  const text = raw.trim();
  if (text === '' && !badInput) return { ok: true, value: null };
  const n = Number(text);
  if (badInput || text === '' || !Number.isFinite(n)) {
    return { ok: false, error: new BackendError('invalid_input', ESTIMATE_NAN_MESSAGE) };
  }
  return { ok: true, value: n };
}

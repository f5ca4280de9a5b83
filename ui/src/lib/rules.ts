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

export const MAX_DESCRIPTION_CHARS = 20000;
export const MAX_LABEL_CHARS = 40;
export const MAX_SKILL_CHARS = 60;
export const DESCRIPTION_LENGTH_MESSAGE = `A description can be at most ${MAX_DESCRIPTION_CHARS} characters long.`;
export const DESCRIPTION_CONTROL_MESSAGE = 'A description cannot contain control characters.';
export const LEVEL_MESSAGE = 'A skill level goes from 1 (learning) to 5 (expert).';

// Unicode "Cc" characters but tabs and line breaks.
const DESCRIPTION_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// Rust's `char::is_whitespace`, for `trim_end`.
const TRAILING_SPACE = /[\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u;

/** As the core's `validate::description`: any text up to the limit, trailing space dropped, CRLF as LF. */
export function validateDescription(value: string): string {
  if ([...value].length > MAX_DESCRIPTION_CHARS) throw new BackendError('invalid_input', DESCRIPTION_LENGTH_MESSAGE);
  if (DESCRIPTION_CONTROL.test(value)) throw new BackendError('invalid_input', DESCRIPTION_CONTROL_MESSAGE);
  return value.replace(TRAILING_SPACE, '').replaceAll('\r\n', '\n');
}

/** As the core's `validate::level`: 1 (learning) to 5 (expert). */
export function validateLevel(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw new BackendError('invalid_input', LEVEL_MESSAGE);
  return value;
}

/** The message for a due date that is not a calendar day, as the app's `SetDue::date` words it. */
export function dueMessage(text: string): string {
  return `\u201c${text}\u201d is not a date; write it as YYYY-MM-DD.`;
}

/** The core's `validate::date`: the days Teamlead stores and compares. */
export const DATE_RANGE_MESSAGE = 'A date must be between the years 1900 and 2999.';

/**
 * As the app's `SetDue::date` and the core's `validate::date`: a real calendar day of the
 * years 1900 to 2999, written YYYY-MM-DD; returned zero-padded.
 */
export function validateDue(text: string | null): string | null {
  if (text === null) return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
      if (y < 1900 || y > 2999) throw new BackendError('invalid_input', DATE_RANGE_MESSAGE);
      return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    }
  }
  throw new BackendError('invalid_input', dueMessage(text));
}

/**
 * The file formats for the fake backend: the core's strict CSV reading (RFC 4180) and the
 * parts of a Trello export it reads, as plain functions with the core's messages. The fake
 * applies what they return to its own state.
 */
import type { LabelColor } from '../bindings/LabelColor';
import { BackendError } from './backend';
import { CSV_HEADERS } from './interchange-backend';

/** The longest CSV field: a description's limit. */
export const MAX_FIELD_CHARS = 20_000;

/** Cards to add, columns, people and labels by name. */
export interface BoardSpec {
  /** A new board's name; null when the cards go to a board that exists. */
  newBoard: string | null;
  /** Undo step's name. */
  action: string;
  columns: { name: string; archived: boolean }[];
  labels: { name: string; color: LabelColor }[];
  cards: {
    source: string;
    /** An index into `columns`; null: the board's first open column. */
    column: number | null;
    title: string;
    description: string;
    assignee: string | null;
    estimate: number | null;
    due: string | null;
    labels: string[];
    checklist: { text: string; done: boolean }[];
    archived: boolean;
  }[];
}

function invalid(file: string, message: string): BackendError {
  return new BackendError('invalid_input', `${file}: ${message} Nothing was imported.`);
}

/** Splits CSV text into rows (each with the line it starts on); blank lines are skipped. */
export function csvRecords(file: string, text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let i = 0;
  let line = 1;
  const fail = (at: number, message: string) => invalid(file, `Line ${at}: ${message}`);
  while (i < text.length) {
    while (i < text.length && (text[i] === '\n' || text[i] === '\r')) {
      if (text[i] === '\n') line += 1;
      i += 1;
    }
    if (i >= text.length) break;
    const start = line;
    const fields: string[] = [];
    for (;;) {
      const number = fields.length + 1;
      let field = '';
      let end: string | null = null;
      const push = (c: string) => {
        field += c;
        if (field.length > MAX_FIELD_CHARS) {
          throw fail(line, `field ${number} is longer than ${MAX_FIELD_CHARS} characters, the most a field may have.`);
        }
      };
      if (text[i] === '"') {
        const opened = line;
        i += 1;
        for (;;) {
          if (i >= text.length) {
            throw fail(
              opened,
              `field ${number} opens a quote that is never closed; a quote inside a quoted field is written twice ("").`,
            );
          }
          const c = text[i++];
          if (c === '"' && text[i] === '"') {
            i += 1;
            push('"');
          } else if (c === '"') {
            break;
          } else {
            if (c === '\n') line += 1;
            push(c);
          }
        }
        if (text[i] === '\r') i += 1;
        if (i >= text.length) end = null;
        else if (text[i] === ',' || text[i] === '\n') end = text[i++];
        else {
          throw fail(
            line,
            `field ${number} has \u201c${text[i]}\u201d after its closing quote; put the whole field in quotes and write a quote inside it twice.`,
          );
        }
      } else {
        for (;;) {
          if (i >= text.length) {
            end = null;
            break;
          }
          const c = text[i++];
          if (c === ',' || c === '\n') {
            end = c;
            break;
          }
          if (c === '\r' && text[i] === '\n') continue;
          if (c === '"') {
            throw fail(line, `field ${number} has a quote inside it; put the whole field in quotes and write the quote twice.`);
          }
          push(c);
        }
      }
      fields.push(field);
      if (end === ',') continue;
      if (end === '\n') line += 1;
      break;
    }
    rows.push({ line: start, fields });
  }
  return rows;
}

const PALETTE: LabelColor[] = ['orange', 'sky', 'green', 'yellow', 'blue', 'vermillion', 'purple', 'grey'];

/** Cards from CSV text, as the core reads them. */
export function csvBoard(file: string, text: string, newBoard: string | null): BoardSpec {
  const rows = csvRecords(file, text);
  const header = rows.shift();
  if (!header) throw new BackendError('invalid_input', `${file} is empty. Nothing was imported.`);
  const position = new Map<string, number>();
  header.fields.forEach((raw, i) => {
    const name = raw.trim();
    const known = CSV_HEADERS.find((h) => h === name.toLowerCase());
    if (!known) {
      throw invalid(
        file,
        `Line ${header.line}: the header names a column \u201c${name}\u201d; the columns can be ${CSV_HEADERS.join(', ')}.`,
      );
    }
    if (position.has(known)) throw invalid(file, `Line ${header.line}: the header names ${known} twice.`);
    position.set(known, i);
  });
  if (!position.has('title')) {
    throw invalid(
      file,
      `Line ${header.line}: the header has no title column; it needs one, and can have ${CSV_HEADERS.slice(1).join(', ')}.`,
    );
  }
  if (rows.length === 0) throw invalid(file, 'there is a header but no cards under it.');
  const spec: BoardSpec = { newBoard, action: 'Import from CSV', columns: [], labels: [], cards: [] };
  for (const row of rows) {
    const source = `Line ${row.line}`;
    if (row.fields.length !== header.fields.length) {
      throw invalid(file, `${source} has ${row.fields.length} fields; the header has ${header.fields.length}.`);
    }
    const get = (name: string) => {
      const i = position.get(name);
      return i === undefined ? '' : row.fields[i].trim();
    };
    let column: number | null = null;
    if (get('column') !== '') {
      const name = get('column');
      column = spec.columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
      if (column < 0) column = spec.columns.push({ name, archived: false }) - 1;
    }
    let estimate: number | null = null;
    if (get('estimate') !== '') {
      estimate = Number(get('estimate'));
      if (!Number.isFinite(estimate)) {
        throw invalid(file, `${source}: the estimate \u201c${get('estimate')}\u201d is not a number (write 2.5, with a point).`);
      }
    }
    const due = get('due') === '' ? null : get('due');
    if (due !== null && !/^\d{4}-\d{2}-\d{2}$/.test(due)) {
      throw invalid(file, `${source}: the due date \u201c${due}\u201d is not a date written YYYY-MM-DD.`);
    }
    const labels = get('labels')
      .split(',')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    for (const name of labels) {
      if (!spec.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) {
        spec.labels.push({ name, color: PALETTE[spec.labels.length % PALETTE.length] });
      }
    }
    spec.cards.push({
      source,
      column,
      title: get('title'),
      description: get('description'),
      assignee: get('assignee') === '' ? null : get('assignee'),
      estimate,
      due,
      labels,
      checklist: [],
      archived: false,
    });
  }
  return spec;
}

interface TrelloExport {
  name: string;
  lists: { id: string; name: string; closed?: boolean; pos?: number }[];
  cards: {
    id: string;
    name: string;
    desc?: string;
    idList: string;
    idLabels?: string[];
    idMembers?: string[];
    due?: string | null;
    closed?: boolean;
    pos?: number;
  }[];
  labels?: { id: string; name?: string; color?: string | null }[];
  members?: { id: string; fullName?: string; username?: string }[];
  checklists?: { id: string; idCard: string; pos?: number; checkItems?: { name: string; state?: string; pos?: number }[] }[];
}

const TRELLO_COLORS: Record<string, LabelColor> = {
  green: 'green',
  lime: 'green',
  yellow: 'yellow',
  orange: 'orange',
  red: 'vermillion',
  purple: 'purple',
  pink: 'purple',
  blue: 'blue',
  sky: 'sky',
};

/** A Trello board export as a new board, as the core reads it. */
export function trelloBoard(file: string, text: string): BoardSpec {
  let data: TrelloExport;
  try {
    data = JSON.parse(text) as TrelloExport;
  } catch (error) {
    throw invalid(file, `the file is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof data !== 'object' || data === null || !Array.isArray(data.lists) || !Array.isArray(data.cards)) {
    throw new BackendError(
      'invalid_input',
      `${file} is not a Trello board export: a board export has name, lists and cards. Nothing was imported.`,
    );
  }
  const byPos = <T extends { pos?: number }>(items: T[]) => [...items].sort((a, b) => (a.pos ?? 0) - (b.pos ?? 0));
  const lists = byPos(data.lists);
  const listIndex = new Map(lists.map((l, i) => [l.id, i]));
  const members = new Map((data.members ?? []).map((m) => [m.id, m.fullName?.trim() || m.username || '']));
  const labelNames = new Map<string, string>();
  const spec: BoardSpec = {
    newBoard: data.name,
    action: 'Import from Trello',
    columns: lists.map((l) => ({ name: l.name, archived: l.closed === true })),
    labels: [],
    cards: [],
  };
  for (const label of data.labels ?? []) {
    const base = (label.color ?? 'label').split('_')[0];
    const name = label.name?.trim() || base.charAt(0).toUpperCase() + base.slice(1);
    labelNames.set(label.id, name);
    if (!spec.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) {
      spec.labels.push({ name, color: TRELLO_COLORS[base] ?? 'grey' });
    }
  }
  const checklists = byPos(data.checklists ?? []);
  const cards = [...data.cards].sort(
    (a, b) => (listIndex.get(a.idList) ?? 0) - (listIndex.get(b.idList) ?? 0) || (a.pos ?? 0) - (b.pos ?? 0),
  );
  for (const card of cards) {
    const source = `Card ${card.id} (\u201c${card.name.slice(0, 40)}\u201d)`;
    const column = listIndex.get(card.idList);
    if (column === undefined) {
      throw invalid(file, `${source}: it refers to list ${card.idList}, which the file does not have.`);
    }
    const missing = (card.idLabels ?? []).find((id) => !labelNames.has(id));
    if (missing) throw invalid(file, `${source}: it refers to label ${missing}, which the file does not have.`);
    const member = card.idMembers?.[0];
    if (member !== undefined && !members.has(member)) {
      throw invalid(file, `${source}: it refers to member ${member}, which the file does not have.`);
    }
    spec.cards.push({
      source,
      column,
      title: card.name,
      description: card.desc ?? '',
      assignee: member === undefined ? null : members.get(member)!,
      estimate: null,
      due: card.due ? card.due.slice(0, 10) : null,
      labels: (card.idLabels ?? []).map((id) => labelNames.get(id)!),
      checklist: checklists
        .filter((c) => c.idCard === card.id)
        .flatMap((c) => byPos(c.checkItems ?? []).map((i) => ({ text: i.name, done: i.state === 'complete' }))),
      archived: card.closed === true,
    });
  }
  return spec;
}

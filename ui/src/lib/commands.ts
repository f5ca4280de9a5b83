/**
 * The command palette's commands, built from the app's state by a pure function, and their
 * ranking against what the user types.
 */
import type { BoardSummary } from '../bindings/BoardSummary';
import type { Card } from '../bindings/Card';
import type { Column } from '../bindings/Column';
import type { Label } from '../bindings/Label';
import type { Member } from '../bindings/Member';
import {
  DUE_NAMES,
  PRIORITIES,
  PRIORITY_NAMES,
  fold,
  hasValue,
  isFiltering,
  type FilterValue,
  type Filters,
} from './filters';
import { VIEWS, type View } from './views';

export interface Command {
  /** Unique among the commands of one build. */
  id: string;
  title: string;
  /** Where it belongs, shown beside it: "Board", "Filters", "Card", "Go to card"… */
  group: string;
  /** A keyboard shortcut that does the same, if there is one. */
  hint?: string;
  run(): void | Promise<void>;
}

/** What the commands do; the app wires each to the same code as its button or key. */
export interface CommandActions {
  newCard(): void;
  focusSearch(): void;
  toggleFilter(value: FilterValue): void;
  clearFilters(): void;
  navigate(view: View): void;
  switchBoard(boardId: number): void;
  addBoard(): void;
  renameBoard(): void;
  addColumn(): void;
  showArchived(): void;
  undo(): void;
  redo(): void;
  showShortcuts(): void;
  showAbout(): void;
  showData(): void;
  openCard(cardId: number): void;
  editTitle(cardId: number): void;
  moveCard(cardId: number, columnId: number): void;
  assignCard(cardId: number, memberId: number | null): void;
  archiveCard(cardId: number): void;
  deleteCard(cardId: number): void;
  goToCard(cardId: number): void;
}

export interface CommandState {
  view: View;
  boards: readonly BoardSummary[];
  /** The open board; null when there is none. */
  boardId: number | null;
  columns: readonly Column[];
  members: readonly Member[];
  labels: readonly Label[];
  skills: readonly string[];
  /** The open board's cards, in board order. */
  cards: readonly Card[];
  /** The card that had focus when the palette opened. */
  focused: Card | null;
  filters: Filters;
}

function filterCommand(
  state: CommandState,
  actions: CommandActions,
  value: FilterValue,
  id: string,
  what: string,
): Command {
  const on = hasValue(state.filters, value);
  return {
    id: `filter:${id}`,
    title: on ? `Remove filter: ${what}` : `Filter: ${what}`,
    group: 'Filters',
    run: () => actions.toggleFilter(value),
  };
}

/** Every command that makes sense right now, in a sensible order when nothing is typed. */
export function buildCommands(state: CommandState, actions: CommandActions): Command[] {
  const out: Command[] = [];
  const hasBoard = state.boardId !== null;
  const card = hasBoard ? state.focused : null;

  if (card) {
    const group = 'Card';
    const id = card.id;
    out.push(
      { id: `card:open:${id}`, title: `Open card: ${card.title}`, group, run: () => actions.openCard(id) },
      { id: `card:edit:${id}`, title: 'Edit title', group, hint: 'Enter', run: () => actions.editTitle(id) },
    );
    for (const column of state.columns) {
      if (column.id === card.columnId) continue;
      out.push({
        id: `card:move:${id}:${column.id}`,
        title: `Move to ${column.name}`,
        group,
        run: () => actions.moveCard(id, column.id),
      });
    }
    for (const member of state.members) {
      if (member.id === card.assigneeId) continue;
      out.push({
        id: `card:assign:${id}:${member.id}`,
        title: `Assign to ${member.name}`,
        group,
        run: () => actions.assignCard(id, member.id),
      });
    }
    if (card.assigneeId !== null) {
      out.push({ id: `card:unassign:${id}`, title: 'Unassign', group, run: () => actions.assignCard(id, null) });
    }
    out.push(
      { id: `card:archive:${id}`, title: 'Archive card', group, hint: 'a', run: () => actions.archiveCard(id) },
      { id: `card:delete:${id}`, title: 'Delete card…', group, hint: 'Delete', run: () => actions.deleteCard(id) },
    );
  }

  if (hasBoard) {
    out.push(
      { id: 'new-card', title: 'New card', group: 'Board', hint: 'n', run: () => actions.newCard() },
      { id: 'search', title: 'Search cards', group: 'Filters', hint: '/', run: () => actions.focusSearch() },
    );
    if (isFiltering(state.filters)) {
      out.push({ id: 'clear-filters', title: 'Clear filters', group: 'Filters', run: () => actions.clearFilters() });
    }
    for (const m of state.members) {
      out.push(filterCommand(state, actions, { kind: 'assignee', value: m.id }, `assignee:${m.id}`, `assignee ${m.name}`));
    }
    out.push(filterCommand(state, actions, { kind: 'assignee', value: null }, 'assignee:none', 'unassigned'));
    for (const l of state.labels) {
      out.push(filterCommand(state, actions, { kind: 'label', value: l.id }, `label:${l.id}`, `label ${l.name}`));
    }
    for (const s of state.skills) {
      out.push(filterCommand(state, actions, { kind: 'skill', value: s }, `skill:${s}`, `skill ${s}`));
    }
    for (const p of PRIORITIES) {
      out.push(filterCommand(state, actions, { kind: 'priority', value: p }, `priority:${p}`, `priority ${PRIORITY_NAMES[p]}`));
    }
    out.push(
      filterCommand(state, actions, { kind: 'due', value: 'overdue' }, 'due:overdue', DUE_NAMES.overdue.toLowerCase()),
      filterCommand(state, actions, { kind: 'due', value: 'week' }, 'due:week', DUE_NAMES.week.toLowerCase()),
      filterCommand(state, actions, { kind: 'blocked' }, 'blocked', 'blocked'),
    );
  }

  for (const v of VIEWS) {
    if (v.id === state.view) continue;
    out.push({ id: `go:${v.id}`, title: `Go to ${v.label}`, group: 'Go to', hint: `g ${v.key}`, run: () => actions.navigate(v.id) });
  }

  for (const b of state.boards) {
    if (b.id === state.boardId) continue;
    out.push({ id: `board:switch:${b.id}`, title: `Switch to board: ${b.name}`, group: 'Boards', run: () => actions.switchBoard(b.id) });
  }
  out.push({ id: 'board:add', title: 'New board…', group: 'Boards', run: () => actions.addBoard() });
  if (hasBoard) {
    out.push(
      { id: 'board:rename', title: 'Rename board', group: 'Boards', run: () => actions.renameBoard() },
      { id: 'column:add', title: 'Add column', group: 'Board', run: () => actions.addColumn() },
      { id: 'archived', title: 'Show archived cards', group: 'Board', run: () => actions.showArchived() },
    );
  }

  out.push(
    { id: 'undo', title: 'Undo the last board action', group: 'Edit', hint: 'Ctrl+Z', run: () => actions.undo() },
    { id: 'redo', title: 'Redo the last undone action', group: 'Edit', hint: 'Ctrl+Shift+Z', run: () => actions.redo() },
    { id: 'shortcuts', title: 'Show keyboard shortcuts', group: 'Help', hint: '?', run: () => actions.showShortcuts() },
    { id: 'about', title: 'About Teamlead: version, data file, logs', group: 'Help', run: () => actions.showAbout() },
    {
      id: 'data',
      title: 'Data and backups: back up, restore, export everything, import',
      group: 'Help',
      run: () => actions.showData(),
    },
  );

  if (hasBoard) {
    for (const c of state.cards) {
      out.push({
        id: `goto-card:${c.id}`,
        title: `Go to card: ${c.title}`,
        group: 'Go to card',
        hint: `#${c.id}`,
        run: () => actions.goToCard(c.id),
      });
    }
  }
  return out;
}

/**
 * How well `title` answers `query`, higher is better; null when it does not. Every word of
 * the query found in the title, best at the start of the title or of a word; else the
 * letters of the query in order (a loose, fuzzy match).
 */
export function matchScore(title: string, query: string): number | null {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return 0;
  const text = fold(title);
  const found = words.map((w) => text.indexOf(w));
  if (found.every((i) => i !== -1)) {
    const first = found[0];
    const atWordStart = (i: number) => i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]);
    const starts = found.filter(atWordStart).length;
    const base = first === 0 ? 3000 : 2000;
    return base + starts * 100 - Math.min(first, 99);
  }
  // Fuzzy: the query's letters in order; tighter is better.
  const letters = words.join('');
  let at = -1;
  let firstAt = -1;
  for (const ch of letters) {
    at = text.indexOf(ch, at + 1);
    if (at === -1) return null;
    if (firstAt === -1) firstAt = at;
  }
  const spread = at - firstAt + 1 - letters.length;
  return Math.max(1, 1000 - spread * 10 - firstAt);
}

/** The commands that answer `query`, best first; ties keep their order. */
export function rankCommands(commands: readonly Command[], query: string): Command[] {
  if (query.trim() === '') return [...commands];
  return commands
    .map((command, order) => ({ command, order, score: matchScore(command.title, query) }))
    .filter((r): r is { command: Command; order: number; score: number } => r.score !== null)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((r) => r.command);
}

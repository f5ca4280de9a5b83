import type { AddColumn } from '../bindings/AddColumn';
import type { AppInfo } from '../bindings/AppInfo';
import type { AssignCard } from '../bindings/AssignCard';
import type { Blocked } from '../bindings/Blocked';
import type { Board } from '../bindings/Board';
import type { Card } from '../bindings/Card';
import type { CardPlace } from '../bindings/CardPlace';
import type { Column } from '../bindings/Column';
import type { CreateCard } from '../bindings/CreateCard';
import type { DeleteColumn } from '../bindings/DeleteColumn';
import type { EstimateUnit } from '../bindings/EstimateUnit';
import type { Label } from '../bindings/Label';
import type { Load } from '../bindings/Load';
import type { Member } from '../bindings/Member';
import type { MoveCard } from '../bindings/MoveCard';
import type { MoveColumn } from '../bindings/MoveColumn';
import type { PlaceCard } from '../bindings/PlaceCard';
import type { Priority } from '../bindings/Priority';
import type { RenameBoard } from '../bindings/RenameBoard';
import type { RenameCard } from '../bindings/RenameCard';
import type { RenameColumn } from '../bindings/RenameColumn';
import type { SetEstimate } from '../bindings/SetEstimate';
import type { SetWipLimit } from '../bindings/SetWipLimit';
import type { Skill } from '../bindings/Skill';
import type { SkillNeed } from '../bindings/SkillNeed';
import type { Stage } from '../bindings/Stage';
import type { UndoStep } from '../bindings/UndoStep';
import type { Workspace } from '../bindings/Workspace';
import { BackendError, type Backend } from './backend';
import { guessStage, validateEstimate, validateWipLimit } from './rules';

export interface FakeCardInit {
  title: string;
  /** A member id: members get ids 1, 2, 3… in the order they are given. */
  assigneeId?: number | null;
  /** In the board's unit; not estimated when left out. */
  estimate?: number | null;
  description?: string;
  priority?: Priority;
  /** YYYY-MM-DD. */
  due?: string | null;
  blocked?: Blocked | null;
  /** Ids of the board's labels. */
  labelIds?: number[];
  skills?: SkillNeed[];
}

export interface FakeColumnInit {
  name: string;
  /** Guessed from the name when left out, as the core does. */
  stage?: Stage;
  wipLimit?: number | null;
  cards?: (string | FakeCardInit)[];
}

export interface FakeBoardInit {
  name: string;
  /** Points when left out. */
  estimateUnit?: EstimateUnit;
  columns: FakeColumnInit[];
  /** The board's labels: their ids, as given, are what cards' `labelIds` refer to. */
  labels?: Label[];
}

export interface FakeMemberInit {
  name: string;
  role: string;
  skills?: Skill[];
}

export interface FakeInit {
  members?: FakeMemberInit[];
  /** Ids are handed out in order: boards 1, 2…; columns 1, 2… across boards; cards likewise. */
  boards?: FakeBoardInit[];
  appInfo?: AppInfo;
  now?: () => number;
}

interface StoredBoard {
  id: number;
  name: string;
  estimateUnit: EstimateUnit;
  columns: Column[];
  labels: Label[];
}

export const MAX_TITLE_CHARS = 500;
const FRESH_COLUMNS = ['To do', 'In progress', 'Review', 'Done'];
// Unicode "Cc" characters; the core allows tabs.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

export const MAX_NAME_CHARS = 120;

/** The core's `validate::text`: trimmed, not empty, at most `max` characters, no control characters but tabs. */
function validateText(value: string, label: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new BackendError('invalid_input', `The ${label} cannot be empty.`);
  }
  if ([...trimmed].length > max) {
    throw new BackendError('invalid_input', `The ${label} can be at most ${max} characters long.`);
  }
  if (CONTROL.test(trimmed)) {
    throw new BackendError('invalid_input', `The ${label} cannot contain line breaks or control characters.`);
  }
  return trimmed;
}

/** The same title rules as the core's `validate::title`. */
export function validateTitle(value: string): string {
  return validateText(value, 'title', MAX_TITLE_CHARS);
}

/** The core's `validate::name` for a column or a board. */
export function validateName(value: string, of: 'column' | 'board'): string {
  return validateText(value, `${of} name`, MAX_NAME_CHARS);
}

export const ALREADY_ARCHIVED_MESSAGE = 'This card is already archived.';
export const NOT_ARCHIVED_MESSAGE = 'This card is not archived.';
export const MOVE_ARCHIVED_MESSAGE = 'This card is archived; restore it before moving it.';
export const AFTER_ARCHIVED_MESSAGE = 'The card to place after is archived.';
export const COLUMN_AFTER_ITSELF_MESSAGE = 'A column cannot be placed after itself.';
export const COLUMN_AFTER_OTHER_BOARD_MESSAGE = 'The column to place after is on another board.';
export const LAST_COLUMN_MESSAGE = 'A board keeps at least one column.';
export const CARDS_TO_REQUIRED_MESSAGE = "Choose a column for this column's cards before deleting it.";
export const CARDS_TO_SELF_MESSAGE = 'The cards cannot go to the column being deleted.';
export const CARDS_TO_OTHER_BOARD_MESSAGE = 'The cards can only go to a column of the same board.';

function notFound(entity: string, id: number): BackendError {
  return new BackendError('not_found', `That ${entity} (id ${id}) does not exist. It may have been deleted.`);
}

/** Fixed-width ranks, so plain string comparison gives the position order. */
function rankAt(index: number): string {
  return (index + 1).toString(36).padStart(6, '0');
}

/**
 * Open work per assignee, as the core's `BoardView::loads`: cards on the board (not archived)
 * outside done columns, by
 * member id with the unassigned last; people without open cards are left out.
 */
export function loadsOf(columns: readonly Column[], cards: readonly Card[]): Load[] {
  const done = new Set(columns.filter((c) => c.stage === 'done').map((c) => c.id));
  // Summed in hundredths, as the core does, so 0.1 + 0.2 stays 0.3.
  const byMember = new Map<number | null, Load & { centi: number }>();
  for (const card of cards) {
    if (done.has(card.columnId) || card.archivedAt !== null) continue;
    let load = byMember.get(card.assigneeId);
    if (!load) {
      load = { memberId: card.assigneeId, openCards: 0, estimate: 0, unestimated: 0, centi: 0 };
      byMember.set(card.assigneeId, load);
    }
    load.openCards += 1;
    if (card.estimate === null) load.unestimated += 1;
    else load.centi += Math.round(card.estimate * 100);
  }
  return [...byMember.values()]
    .sort((a, b) => (a.memberId ?? Infinity) - (b.memberId ?? Infinity))
    .map(({ centi, ...load }) => ({ ...load, estimate: centi / 100 }));
}

interface Snapshot {
  boards: StoredBoard[];
  cards: [number, Card][];
  order: [number, number[]][];
  nextId: { board: number; column: number; card: number };
}

/**
 * An in-memory Backend that keeps the core's rules: used by the tests and by `vite dev`
 * in a plain browser.
 */
export class FakeBackend implements Backend {
  private boards: StoredBoard[] = [];
  private members: Member[] = [];
  private cards = new Map<number, Card>();
  /** Card ids per column, top to bottom. */
  private order = new Map<number, number[]>();
  private nextId = { board: 1, column: 1, card: 1 };
  private undoStack: { label: string; state: Snapshot }[] = [];
  private redoStack: { label: string; state: Snapshot }[] = [];
  private readonly info: AppInfo;
  private readonly now: () => number;

  constructor(init: FakeInit = {}) {
    this.info = init.appInfo ?? { version: '0.0.0-browser', dataFile: '(in memory, nothing is saved)' };
    this.now = init.now ?? Date.now;
    this.members = (init.members ?? []).map((m, i) => ({
      id: i + 1,
      name: m.name,
      role: m.role,
      skills: m.skills ?? [],
    }));
    for (const board of init.boards ?? []) this.insertBoard(board);
  }

  /** A workspace with the demo team, as after "Explore with a demo team". */
  static demo(init: Omit<FakeInit, 'boards' | 'members'> = {}): FakeBackend {
    return new FakeBackend({ ...init, members: DEMO_PEOPLE, boards: [DEMO_BOARD] });
  }

  // ---- Backend ----

  async appInfo(): Promise<AppInfo> {
    return { ...this.info };
  }

  async workspace(): Promise<Workspace> {
    return this.workspaceNow();
  }

  async seedDemo(): Promise<Workspace> {
    this.ensureEmpty();
    this.members = DEMO_PEOPLE.map((m, i) => ({ id: i + 1, ...m, skills: structuredClone(m.skills ?? []) }));
    this.insertBoard(DEMO_BOARD);
    return this.workspaceNow();
  }

  async startFresh(): Promise<Workspace> {
    this.ensureEmpty();
    this.insertBoard({ name: 'My team', columns: FRESH_COLUMNS.map((name) => ({ name })) });
    return this.workspaceNow();
  }

  async loadBoard(boardId: number): Promise<Board> {
    return this.boardNow(boardId);
  }

  async listMembers(): Promise<Member[]> {
    return structuredClone(this.members);
  }

  async createCard(req: CreateCard): Promise<Card> {
    const title = validateTitle(req.title);
    this.columnBoard(req.columnId);
    this.recordStep('Create card');
    const card = this.insertCard(req.columnId, title, null);
    return { ...card };
  }

  async renameCard(req: RenameCard): Promise<Card> {
    const title = validateTitle(req.title);
    const card = this.cards.get(req.cardId);
    if (!card) throw notFound('card', req.cardId);
    this.recordStep('Edit title');
    card.title = title;
    card.updatedAt = this.now();
    return { ...card };
  }

  async moveCard(req: MoveCard): Promise<CardPlace> {
    const card = this.cards.get(req.cardId);
    if (!card) throw notFound('card', req.cardId);
    if (card.archivedAt !== null) throw new BackendError('invalid_input', MOVE_ARCHIVED_MESSAGE);
    if (req.afterId !== null && (this.cards.get(req.afterId)?.archivedAt ?? null) !== null) {
      throw new BackendError('invalid_input', AFTER_ARCHIVED_MESSAGE);
    }
    const fromBoard = this.columnBoard(card.columnId);
    const toBoard = this.columnBoard(req.columnId);
    if (fromBoard !== toBoard) {
      throw new BackendError('invalid_input', 'A card can only move to a column of its own board.');
    }
    if (req.afterId !== null) {
      if (req.afterId === req.cardId) {
        throw new BackendError('invalid_input', 'A card cannot be placed after itself.');
      }
      const after = this.cards.get(req.afterId);
      if (!after) throw notFound('card', req.afterId);
      if (after.columnId !== req.columnId) {
        throw new BackendError('invalid_input', 'The card to place after is in another column.');
      }
    }
    this.recordStep('Move card');
    const source = this.order.get(card.columnId)!;
    source.splice(source.indexOf(card.id), 1);
    const target = this.order.get(req.columnId)!;
    const index = req.afterId === null ? 0 : target.indexOf(req.afterId) + 1;
    target.splice(index, 0, card.id);
    card.columnId = req.columnId;
    card.updatedAt = this.now();
    this.rerank(source);
    this.rerank(target);
    return placeOf(card);
  }

  async placeCard(req: PlaceCard): Promise<CardPlace> {
    const before = this.snapshot();
    const [undo, redo] = [[...this.undoStack], [...this.redoStack]];
    try {
      await this.assignCard({ cardId: req.cardId, memberId: req.memberId });
      const card = await this.moveCard({ cardId: req.cardId, columnId: req.columnId, afterId: req.afterId });
      // One action, one step, as in the core.
      this.undoStack = [...undo, { label: 'Move and assign card', state: before }];
      this.redoStack = [];
      return card;
    } catch (error) {
      this.restore(before);
      [this.undoStack, this.redoStack] = [undo, redo];
      throw error;
    }
  }

  async assignCard(req: AssignCard): Promise<Card> {
    // The core looks for the person first, then the card.
    if (req.memberId !== null && !this.members.some((m) => m.id === req.memberId)) {
      throw notFound('team member', req.memberId);
    }
    const card = this.card(req.cardId);
    this.recordStep(req.memberId === null ? 'Unassign card' : 'Assign card');
    card.assigneeId = req.memberId;
    card.updatedAt = this.now();
    return { ...card };
  }

  async setWipLimit(req: SetWipLimit): Promise<Column> {
    const limit = validateWipLimit(req.limit);
    const column = this.boards.flatMap((b) => b.columns).find((c) => c.id === req.columnId);
    if (!column) throw notFound('column', req.columnId);
    this.recordStep(limit === null ? 'Clear WIP limit' : 'Set WIP limit');
    column.wipLimit = limit;
    return { ...column };
  }

  async setEstimate(req: SetEstimate): Promise<Card> {
    const estimate = validateEstimate(req.estimate);
    const card = this.card(req.cardId);
    this.recordStep(estimate === null ? 'Clear estimate' : 'Set estimate');
    card.estimate = estimate;
    card.updatedAt = this.now();
    return { ...card };
  }

  async archiveCard(cardId: number): Promise<Card> {
    const card = this.card(cardId);
    if (card.archivedAt !== null) throw new BackendError('invalid_input', ALREADY_ARCHIVED_MESSAGE);
    this.recordStep('Archive card');
    // It keeps its column and rank, so restoring puts it back where it was.
    card.archivedAt = this.now();
    card.updatedAt = card.archivedAt;
    return { ...card };
  }

  async restoreCard(cardId: number): Promise<Card> {
    const card = this.card(cardId);
    if (card.archivedAt === null) throw new BackendError('invalid_input', NOT_ARCHIVED_MESSAGE);
    this.recordStep('Restore card');
    card.archivedAt = null;
    card.updatedAt = this.now();
    return { ...card };
  }

  async deleteCard(cardId: number): Promise<null> {
    const card = this.card(cardId);
    this.recordStep('Delete card');
    this.cards.delete(cardId);
    const ids = this.order.get(card.columnId)!;
    ids.splice(ids.indexOf(cardId), 1);
    this.rerank(ids);
    return null;
  }

  async archivedCards(boardId: number): Promise<Card[]> {
    // As the core: an unknown board simply has no archived cards.
    const columns = new Set(this.boards.find((b) => b.id === boardId)?.columns.map((c) => c.id) ?? []);
    return [...this.cards.values()]
      .filter((c) => c.archivedAt !== null && columns.has(c.columnId))
      .sort((a, b) => b.archivedAt! - a.archivedAt! || b.id - a.id)
      .map((c) => ({ ...c }));
  }

  async addColumn(req: AddColumn): Promise<Column> {
    const name = validateName(req.name, 'column');
    const board = this.boards.find((b) => b.id === req.boardId);
    if (!board) throw notFound('board', req.boardId);
    const index = this.indexAfter(board, req.afterId);
    this.recordStep('Add column');
    const column: Column = {
      id: this.nextId.column++,
      name,
      stage: guessStage(name),
      wipLimit: null,
      archivedAt: null,
    };
    board.columns.splice(index, 0, column);
    this.order.set(column.id, []);
    return { ...column };
  }

  async renameColumn(req: RenameColumn): Promise<Column> {
    const name = validateName(req.name, 'column');
    const column = this.column(req.columnId);
    this.recordStep('Rename column');
    // As the core: a stage guessed from the old name is guessed again from the new one.
    if (column.stage === guessStage(column.name)) column.stage = guessStage(name);
    column.name = name;
    return { ...column };
  }

  async moveColumn(req: MoveColumn): Promise<Column> {
    if (req.afterId === req.columnId) throw new BackendError('invalid_input', COLUMN_AFTER_ITSELF_MESSAGE);
    const board = this.boards.find((b) => b.id === this.columnBoard(req.columnId))!;
    const from = board.columns.findIndex((c) => c.id === req.columnId);
    const rest = board.columns.filter((c) => c.id !== req.columnId);
    const index = this.indexAfter({ ...board, columns: rest }, req.afterId);
    this.recordStep('Move column');
    const [column] = board.columns.splice(from, 1);
    board.columns.splice(index, 0, column);
    return { ...column };
  }

  async deleteColumn(req: DeleteColumn): Promise<null> {
    const board = this.boards.find((b) => b.id === this.columnBoard(req.columnId))!;
    if (board.columns.length <= 1) throw new BackendError('invalid_input', LAST_COLUMN_MESSAGE);
    // Archived cards count too: they keep their column.
    const ids = this.order.get(req.columnId)!;
    if (ids.length > 0) {
      if (req.cardsTo === null) throw new BackendError('invalid_input', CARDS_TO_REQUIRED_MESSAGE);
      if (req.cardsTo === req.columnId) throw new BackendError('invalid_input', CARDS_TO_SELF_MESSAGE);
      if (this.columnBoard(req.cardsTo) !== board.id) {
        throw new BackendError('invalid_input', CARDS_TO_OTHER_BOARD_MESSAGE);
      }
    }
    this.recordStep('Delete column');
    if (ids.length > 0) {
      const target = this.order.get(req.cardsTo!)!;
      const now = this.now();
      for (const id of ids) {
        const card = this.cards.get(id)!;
        card.columnId = req.cardsTo!;
        card.updatedAt = now;
        target.push(id);
      }
      this.rerank(target);
    }
    this.order.delete(req.columnId);
    board.columns = board.columns.filter((c) => c.id !== req.columnId);
    return null;
  }

  async addBoard(name: string): Promise<Board> {
    const valid = validateName(name, 'board');
    this.recordStep('Create board');
    const board = this.insertBoard({ name: valid, columns: FRESH_COLUMNS.map((n) => ({ name: n })) });
    return this.boardNow(board.id);
  }

  async renameBoard(req: RenameBoard): Promise<null> {
    const name = validateName(req.name, 'board');
    const board = this.boards.find((b) => b.id === req.boardId);
    if (!board) throw notFound('board', req.boardId);
    this.recordStep('Rename board');
    board.name = name;
    return null;
  }

  // ---- Inspection, for tests ----

  /** The board as the core would return it (archived cards left out), synchronously. */
  boardNow(boardId: number): Board {
    const board = this.boards.find((b) => b.id === boardId);
    if (!board) throw notFound('board', boardId);
    const cards: Card[] = [];
    for (const column of board.columns) {
      const inColumn = [...this.cards.values()].filter((c) => c.columnId === column.id && c.archivedAt === null);
      inColumn.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
      cards.push(...inColumn.map((c) => ({ ...c })));
    }
    const columns = board.columns.map((c) => ({ ...c }));
    return {
      id: board.id,
      name: board.name,
      estimateUnit: board.estimateUnit,
      columns,
      cards,
      labels: board.labels.map((l) => ({ ...l })),
      loads: loadsOf(columns, cards),
    };
  }

  /** Card titles per column name, top to bottom. */
  titles(boardId = this.boards[0]?.id ?? 1): Record<string, string[]> {
    const board = this.boardNow(boardId);
    return Object.fromEntries(
      board.columns.map((col) => [
        col.name,
        board.cards.filter((c) => c.columnId === col.id).map((c) => c.title),
      ]),
    );
  }

  cardNow(cardId: number): Card | undefined {
    const card = this.cards.get(cardId);
    return card && { ...card };
  }

  // ---- Internals ----

  async undo(): Promise<UndoStep> {
    return this.replay(this.undoStack, this.redoStack);
  }

  async redo(): Promise<UndoStep> {
    return this.replay(this.redoStack, this.undoStack);
  }

  /** Remembers the state before an action that is about to succeed, as the core's undo log does. */
  private recordStep(label: string): void {
    this.undoStack.push({ label, state: this.snapshot() });
    this.redoStack = [];
  }

  private replay(
    from: { label: string; state: Snapshot }[],
    to: { label: string; state: Snapshot }[],
  ): UndoStep {
    const step = from.pop();
    if (!step) return { label: null };
    to.push({ label: step.label, state: this.snapshot() });
    this.restore(step.state);
    return { label: step.label };
  }

  private snapshot(): Snapshot {
    return structuredClone({
      boards: this.boards,
      cards: [...this.cards.entries()],
      order: [...this.order.entries()],
      nextId: this.nextId,
    });
  }

  private restore(state: Snapshot): void {
    const copy = structuredClone(state);
    this.boards = copy.boards;
    this.cards = new Map(copy.cards);
    this.order = new Map(copy.order);
    this.nextId = copy.nextId;
  }

  private workspaceNow(): Workspace {
    return {
      empty: this.boards.length === 0 && this.members.length === 0,
      boards: this.boards.map((b) => ({ id: b.id, name: b.name })),
    };
  }

  private ensureEmpty(): void {
    if (!this.workspaceNow().empty) {
      throw new BackendError(
        'invalid_input',
        'This workspace already has data; the starting board is only made for an empty one.',
      );
    }
  }

  private insertBoard(init: FakeBoardInit): StoredBoard {
    const board: StoredBoard = {
      id: this.nextId.board++,
      name: init.name,
      estimateUnit: init.estimateUnit ?? 'points',
      columns: [],
      labels: [...(init.labels ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
    };
    this.boards.push(board);
    for (const col of init.columns) {
      const column: Column = {
        id: this.nextId.column++,
        name: col.name,
        stage: col.stage ?? guessStage(col.name),
        wipLimit: validateWipLimit(col.wipLimit ?? null),
        archivedAt: null,
      };
      board.columns.push(column);
      this.order.set(column.id, []);
      for (const item of col.cards ?? []) {
        const spec = typeof item === 'string' ? { title: item } : item;
        const card = this.insertCard(column.id, validateTitle(spec.title), spec.assigneeId ?? null);
        card.estimate = validateEstimate(spec.estimate ?? null);
        card.description = spec.description ?? '';
        card.priority = spec.priority ?? 'normal';
        card.due = spec.due ?? null;
        card.blocked = spec.blocked ?? null;
        card.labelIds = [...(spec.labelIds ?? [])].sort((a, b) => a - b);
        card.skills = structuredClone(spec.skills ?? []);
      }
    }
    return board;
  }

  private insertCard(columnId: number, title: string, assigneeId: number | null): Card {
    const ids = this.order.get(columnId)!;
    const now = this.now();
    const card: Card = {
      id: this.nextId.card++,
      columnId,
      rank: rankAt(ids.length),
      title,
      description: '',
      assigneeId,
      estimate: null,
      priority: 'normal',
      due: null,
      blocked: null,
      labelIds: [],
      skills: [],
      checklist: { done: 0, total: 0 },
      archivedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    this.cards.set(card.id, card);
    ids.push(card.id);
    return card;
  }

  private columnBoard(columnId: number): number {
    const board = this.boards.find((b) => b.columns.some((c) => c.id === columnId));
    if (!board) throw notFound('column', columnId);
    return board.id;
  }

  private column(columnId: number): Column {
    const column = this.boards.flatMap((b) => b.columns).find((c) => c.id === columnId);
    if (!column) throw notFound('column', columnId);
    return column;
  }

  /** Where a column placed after `afterId` (first when null) goes among `board`'s columns. */
  private indexAfter(board: StoredBoard, afterId: number | null): number {
    if (afterId === null) return 0;
    const afterBoard = this.columnBoard(afterId);
    if (afterBoard !== board.id) throw new BackendError('invalid_input', COLUMN_AFTER_OTHER_BOARD_MESSAGE);
    return board.columns.findIndex((c) => c.id === afterId) + 1;
  }

  private rerank(ids: number[]): void {
    ids.forEach((id, i) => {
      this.cards.get(id)!.rank = rankAt(i);
    });
  }

  private card(cardId: number): Card {
    const card = this.cards.get(cardId);
    if (!card) throw notFound('card', cardId);
    return card;
  }
}

// The core's demo team and board (src-tauri/core/src/demo.rs), card for card.
const DEMO_PEOPLE: FakeMemberInit[] = [
  { name: 'Ana Souza', role: 'Senior backend engineer', skills: skills(['Rust', 5], ['SQL', 4], ['Observability', 3]) },
  { name: 'Bea Lindqvist', role: 'Backend engineer', skills: skills(['Rust', 4], ['Kubernetes', 3], ['SQL', 2]) },
  { name: 'Chidi Okafor', role: 'Frontend engineer', skills: skills(['TypeScript', 5], ['Svelte', 4], ['Accessibility', 3]) },
  { name: 'Dana Kowalski', role: 'Site reliability engineer', skills: skills(['Kubernetes', 5], ['Observability', 4], ['Rust', 2]) },
  { name: 'Eitan Levi', role: 'Junior engineer', skills: skills(['TypeScript', 2], ['Rust', 1], ['SQL', 2]) },
  { name: 'Fatima Haddad', role: 'QA engineer', skills: skills(['Testing', 5], ['TypeScript', 3], ['Accessibility', 4]) },
];

function skills(...pairs: [string, number][]): Skill[] {
  return pairs.map(([name, level]) => ({ name, level }));
}

const [ANA, BEA, CHIDI, DANA, EITAN, FATIMA] = [1, 2, 3, 4, 5, 6];

const DEMO_COLUMNS = ['Backlog', 'To do', 'In progress', 'Review', 'Done'];
/** "In progress" starts over this limit (6 cards), so the flag shows from the start. */
export const DEMO_IN_PROGRESS_LIMIT = 5;
const DEMO_POINTS = [3, 1, 5, 2, 8, 3, 2, 5, 1, 3, 13];

/** (column index, title, assignee) */
const DEMO_CARDS: [number, string, number | null][] = [
  [0, 'Evaluate moving metrics storage to Parquet', null],
  [0, 'Spike: streaming import for large customer files', null],
  [0, 'Write runbook for database failover', DANA],
  [0, 'Dark mode for the settings pages', null],
  [0, 'Reduce flaky end-to-end tests below 1%', FATIMA],
  [0, 'Upgrade TLS library and rotate certificates', null],
  [0, 'Document the public API rate limits', null],
  [1, 'Add retry with backoff to the webhook sender', BEA],
  [1, 'Keyboard navigation for the data table', CHIDI],
  [1, 'Alert when the job queue is older than 10 minutes', DANA],
  [1, 'Migrate user preferences to the new schema', ANA],
  [1, 'Pair on first Rust ticket: CSV export endpoint', EITAN],
  [1, 'Test plan for the billing release', FATIMA],
  [2, 'Rate limiter for the search API', ANA],
  [2, 'Helm chart for the ingestion worker', DANA],
  [2, 'Empty states for the reports page', CHIDI],
  [2, 'Fix N+1 queries on the team dashboard', BEA],
  [2, 'Regression suite for invoice PDFs', FATIMA],
  [2, 'Form validation messages are read by screen readers', EITAN],
  [3, 'Structured logging for the auth service', ANA],
  [3, 'Pagination for the audit log', BEA],
  [3, 'Chart tooltips show units', CHIDI],
  [4, 'Upgrade the CI runners to the new image', DANA],
  [4, 'Cache warm-up after deploys', ANA],
  [4, 'Onboarding checklist for new joiners', FATIMA],
  [4, 'Sort order persists on the projects list', CHIDI],
  [4, 'Remove the legacy feature flags', BEA],
  [4, 'Timeouts on outbound HTTP calls', ANA],
  [4, 'Contrast fixes in the navigation bar', EITAN],
  [4, 'Nightly backup verification job', DANA],
];

const DEMO_BOARD: FakeBoardInit = {
  name: 'Platform team',
  estimateUnit: 'points',
  columns: DEMO_COLUMNS.map((name, column) => ({
    name,
    wipLimit: name === 'In progress' ? DEMO_IN_PROGRESS_LIMIT : null,
    cards: DEMO_CARDS.flatMap(([c, title, assigneeId], index) =>
      c === column
        ? [
            {
              title,
              assigneeId,
              // Most cards estimated in story points; a few left open, as on a real board.
              estimate: index % 7 !== 3 ? DEMO_POINTS[index % DEMO_POINTS.length] : null,
            },
          ]
        : [],
    ),
  })),
};

/** All a move changes, as the core returns it. */
function placeOf(card: Card): CardPlace {
  return {
    id: card.id,
    columnId: card.columnId,
    rank: card.rank,
    assigneeId: card.assigneeId,
    updatedAt: card.updatedAt,
  };
}

import type { TeamGoal } from '../bindings/TeamGoal';
import type { ArchivedColumn } from '../bindings/ArchivedColumn';
import type { BoardSummary } from '../bindings/BoardSummary';
import type { Card } from '../bindings/Card';
import type { CardDetail } from '../bindings/CardDetail';
import type { CardPlace } from '../bindings/CardPlace';
import type { ChecklistItem } from '../bindings/ChecklistItem';
import type { Column } from '../bindings/Column';
import type { EstimateUnit } from '../bindings/EstimateUnit';
import type { Label } from '../bindings/Label';
import type { LabelColor } from '../bindings/LabelColor';
import type { Load } from '../bindings/Load';
import type { Member } from '../bindings/Member';
import type { Priority } from '../bindings/Priority';
import { toBackendError, type Backend } from './backend';
import type { Layout } from './dnd';
import type { Notices } from './notices.svelte';
import { validateEstimate } from './rules';

/**
 * One column as the UI shows it. The column is deeply reactive; the cards are not: each card
 * is a plain object that is never changed, only replaced (`BoardState.patch`), and `cards`
 * is a raw array that is replaced whole. Big boards stay cheap to read and to snapshot.
 */
export class ColumnView {
  column: Column = $state()!;
  /** Top to bottom. */
  cards: Card[] = $state.raw([]);

  constructor(column: Column, cards: Card[]) {
    this.column = column;
    this.cards = cards;
  }
}

/** Where a card sits on the board right now. */
export interface CardPosition {
  card: Card;
  column: ColumnView;
  /** 0-based, top to bottom. */
  index: number;
}

/** What `relocate` changed. */
export interface Relocation {
  assigned: boolean;
  moved: boolean;
}

function byRank(a: Card, b: Card): number {
  // Ranks are base-62 digits whose ASCII order is their order: no locale rules.
  return a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0;
}

/**
 * The open board as the UI shows it. Writes are applied here first and then sent to the
 * backend; when the backend refuses, the change is undone and the error shown.
 */
export class BoardState {
  /** Every board of the workspace, for the switcher. */
  boards = $state<BoardSummary[]>([]);
  id = $state<number | null>(null);
  name = $state('');
  estimateUnit = $state<EstimateUnit>('points');
  columns = $state<ColumnView[]>([]);
  /** Open work per person as the core last computed it (see `refreshLoads`). */
  loads = $state<Load[]>([]);
  members = $state<Member[]>([]);
  /** The board's archived cards, most recently archived first; null until known. */
  archived = $state<Card[] | null>(null);
  /** The board's archived columns with their card counts, most recently archived first; null until known. */
  archivedColumns = $state<ArchivedColumn[] | null>(null);
  /** The board's labels, by name. */
  labels = $state<Label[]>([]);
  memberById = $derived(new Map(this.members.map((m) => [m.id, m])));
  labelById = $derived(new Map(this.labels.map((l) => [l.id, l])));
  layout: Layout = $derived(
    this.columns.map((c) => ({ columnId: c.column.id, ids: c.cards.map((card) => card.id) })),
  );

  private loadsRequest = 0;
  private archivedRequest = 0;
  private archivedColumnsRequest = 0;

  constructor(
    private readonly backend: Backend,
    private readonly notices: Notices,
  ) {}

  /** Loads a board; false (with the error shown) when it could not be read. */
  async load(boardId: number): Promise<boolean> {
    try {
      const board = await this.backend.loadBoard(boardId);
      this.loadsRequest++;
      if (this.id !== board.id) {
        this.archived = null;
        this.archivedColumns = null;
      }
      this.id = board.id;
      this.name = board.name;
      this.estimateUnit = board.estimateUnit;
      const byColumn = new Map<number, Card[]>(board.columns.map((column) => [column.id, []]));
      for (const card of board.cards) byColumn.get(card.columnId)?.push(card);
      this.columns = board.columns.map(
        (column) => new ColumnView(column, (byColumn.get(column.id) ?? []).sort(byRank)),
      );
      this.loads = board.loads;
      this.labels = board.labels;
      // Undo, redo and other boards change the archive too: it is re-read with the board.
      void this.refreshArchived();
      void this.refreshArchivedColumns();
      return true;
    } catch (error) {
      this.notices.error(error);
      return false;
    }
  }

  async loadMembers(): Promise<void> {
    try {
      this.members = await this.backend.listMembers();
    } catch (error) {
      this.notices.error(error);
    }
  }

  /**
   * Re-reads the list of boards and the open board, after undo or redo: when the open board
   * is gone (an undone "Create board"), the first board opens instead.
   */
  async resync(): Promise<void> {
    try {
      this.boards = (await this.backend.workspace()).boards;
    } catch (error) {
      this.notices.error(error);
      await this.reload();
      return;
    }
    if (this.id !== null && this.boards.some((b) => b.id === this.id)) await this.reload();
    else if (this.boards.length > 0) await this.load(this.boards[0].id);
    else this.id = null;
  }

  /** Makes a board with the usual columns and opens it. Its id, or null when it was refused. */
  async addBoard(name: string): Promise<number | null> {
    try {
      const made = await this.backend.addBoard(name);
      this.boards = [...this.boards.filter((b) => b.id !== made.id), { id: made.id, name: made.name }];
      await this.load(made.id);
      return made.id;
    } catch (error) {
      this.notices.error(error);
      return null;
    }
  }

  /** Renames the open board; the UI shows the new name at once and goes back when refused. */
  async renameBoard(name: string): Promise<boolean> {
    const id = this.id;
    if (id === null) return false;
    const old = this.name;
    if (name.trim() === old) return true;
    const show = (value: string) => {
      if (this.id === id) this.name = value;
      this.boards = this.boards.map((b) => (b.id === id ? { ...b, name: value } : b));
    };
    show(name.trim());
    try {
      await this.backend.renameBoard({ boardId: id, name });
      return true;
    } catch (error) {
      show(old);
      this.fail(error);
      return false;
    }
  }

  /** Adds a column right after `afterId` (first when null) to the open board. */
  async addColumn(name: string, afterId: number | null): Promise<Column | null> {
    const boardId = this.id;
    if (boardId === null) return null;
    try {
      const column = await this.backend.addColumn({ boardId, name, afterId });
      const after = afterId === null ? -1 : this.columns.findIndex((c) => c.column.id === afterId);
      if (this.id !== boardId || (afterId !== null && after === -1)) await this.reload();
      else this.columns.splice(after + 1, 0, new ColumnView(column, []));
      return column;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  async renameColumn(columnId: number, name: string): Promise<boolean> {
    const view = this.columnView(columnId);
    if (!view) return false;
    const old = view.column.name;
    if (name.trim() === old) return true;
    view.column.name = name.trim();
    try {
      const saved = await this.backend.renameColumn({ columnId, name });
      const now = this.columnView(columnId);
      if (now) Object.assign(now.column, saved);
      return true;
    } catch (error) {
      const now = this.columnView(columnId);
      if (now) now.column.name = old;
      this.fail(error);
      return false;
    }
  }

  /** Moves a column to `index` (0-based, among all columns); the UI changes at once. */
  async moveColumn(columnId: number, index: number): Promise<boolean> {
    const from = this.columns.findIndex((c) => c.column.id === columnId);
    if (from === -1) return false;
    const to = Math.max(0, Math.min(index, this.columns.length - 1));
    if (to === from) return true;
    const before = this.snapshot();
    const [view] = this.columns.splice(from, 1);
    this.columns.splice(to, 0, view);
    const afterId = to > 0 ? this.columns[to - 1].column.id : null;
    try {
      await this.backend.moveColumn({ columnId, afterId });
      return true;
    } catch (error) {
      this.restore(before);
      this.fail(error, true);
      return false;
    }
  }

  /** Deletes a column, its cards going to the end of `cardsTo`, then shows the board as the core has it. */
  async deleteColumn(columnId: number, cardsTo: number | null): Promise<boolean> {
    try {
      await this.backend.deleteColumn({ columnId, cardsTo });
      await this.reload();
      return true;
    } catch (error) {
      this.fail(error, true);
      return false;
    }
  }

  /** Re-reads the board so the UI matches the backend after a refused write. */
  async reload(): Promise<void> {
    if (this.id !== null) await this.load(this.id);
  }

  /**
   * Re-reads the board for its `loads` only, after a write the UI has already applied: the
   * cards stay as they are, so a move in progress is not disturbed.
   */
  async refreshLoads(): Promise<void> {
    const id = this.id;
    if (id === null) return;
    const request = ++this.loadsRequest;
    try {
      const loads = await this.backend.boardLoads(id);
      // Only the newest answer counts, and only for the board still open.
      if (request === this.loadsRequest && this.id === id) this.loads = loads;
    } catch (error) {
      this.notices.error(error);
    }
  }

  /** Re-reads the open board's archived cards. */
  async refreshArchived(): Promise<void> {
    const id = this.id;
    if (id === null) return;
    const request = ++this.archivedRequest;
    try {
      const cards = await this.backend.archivedCards(id);
      if (request === this.archivedRequest && this.id === id) this.archived = cards;
    } catch (error) {
      this.notices.error(error);
    }
  }

  /**
   * Takes a card off the board: it leaves the UI at once. On failure it comes back, the
   * error is shown and the board re-read. The archived card, or null when nothing was saved.
   */
  async archive(cardId: number): Promise<Card | null> {
    const before = this.snapshot();
    const at = this.find(cardId);
    if (!at) return null;
    at.column.cards = at.column.cards.filter((c) => c.id !== cardId);
    try {
      const saved = await this.backend.archiveCard(cardId);
      // Newest first, as the core lists them; the exact list follows.
      if (this.archived) this.archived = [saved, ...this.archived.filter((c) => c.id !== cardId)];
      void this.refreshArchived();
      void this.refreshLoads();
      return saved;
    } catch (error) {
      this.restore(before);
      this.fail(error, true);
      return null;
    }
  }

  /** Puts an archived card back on the board where it was, then shows the board as the core has it. */
  async unarchive(cardId: number): Promise<Card | null> {
    const old = this.archived;
    if (old) this.archived = old.filter((c) => c.id !== cardId);
    try {
      const saved = await this.backend.restoreCard(cardId);
      await this.reload();
      return saved;
    } catch (error) {
      this.archived = old;
      this.fail(error, true);
      return null;
    }
  }

  /** Deletes a card, on the board or archived; it leaves the UI at once. False when nothing was deleted. */
  async remove(cardId: number): Promise<boolean> {
    const before = this.snapshot();
    const old = this.archived;
    const at = this.find(cardId);
    if (at) at.column.cards = at.column.cards.filter((c) => c.id !== cardId);
    if (old) this.archived = old.filter((c) => c.id !== cardId);
    try {
      await this.backend.deleteCard(cardId);
      if (at) void this.refreshLoads();
      else void this.refreshArchived();
      return true;
    } catch (error) {
      this.restore(before);
      this.archived = old;
      this.fail(error, true);
      return false;
    }
  }

  /** Re-reads the open board's archived columns. */
  async refreshArchivedColumns(): Promise<void> {
    const id = this.id;
    if (id === null) return;
    const request = ++this.archivedColumnsRequest;
    try {
      const columns = await this.backend.archivedColumns(id);
      if (request === this.archivedColumnsRequest && this.id === id) this.archivedColumns = columns;
    } catch (error) {
      this.notices.error(error);
    }
  }

  /**
   * Takes a column and its cards off the board: it leaves the UI at once, and comes back with
   * the error shown when the core refuses (a board keeps at least one column).
   */
  async archiveColumn(columnId: number): Promise<Column | null> {
    const before = this.snapshot();
    const index = this.columns.findIndex((c) => c.column.id === columnId);
    if (index === -1) return null;
    // The last column stays: the core refuses, and says why.
    if (this.columns.length > 1) this.columns.splice(index, 1);
    try {
      const saved = await this.backend.archiveColumn(columnId);
      void this.refreshArchivedColumns();
      void this.refreshLoads();
      return saved;
    } catch (error) {
      this.restore(before);
      this.fail(error, true);
      return null;
    }
  }

  /** Puts an archived column back where it was, with its cards, then shows the board as the core has it. */
  async restoreColumn(columnId: number): Promise<Column | null> {
    const old = this.archivedColumns;
    if (old) this.archivedColumns = old.filter((a) => a.column.id !== columnId);
    try {
      const saved = await this.backend.restoreColumn(columnId);
      await this.reload();
      return saved;
    } catch (error) {
      this.archivedColumns = old;
      this.fail(error, true);
      return null;
    }
  }

  /**
   * Reverts the newest action (or does the newest undone one again) and shows the board as the
   * core has it; the step's label, null when there was nothing to do.
   */
  async undoRedo(redo = false): Promise<string | null> {
    try {
      const step = redo ? await this.backend.redo() : await this.backend.undo();
      if (step.label !== null) await this.resync();
      return step.label;
    } catch (error) {
      this.notices.error(error);
      await this.resync();
      return null;
    }
  }

  // ---- Card details ----

  /** A card's checklist, history and flow dates; the card on the board is brought up to date too. */
  async cardDetail(cardId: number): Promise<CardDetail | null> {
    try {
      const detail = await this.backend.cardDetail(cardId);
      this.update(detail.card);
      return detail;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  /** The lead's goals a card can serve, by target date; empty (and the error shown) on failure. */
  async teamGoals(): Promise<TeamGoal[]> {
    try {
      return (await this.backend.listTeamGoals()).map((p) => p.goal);
    } catch (error) {
      this.notices.error(error);
      return [];
    }
  }

  /** Links a card to a goal, or unlinks it (null); false (and the error shown) on failure. */
  async setTeamGoal(cardId: number, goalId: number | null): Promise<boolean> {
    try {
      await this.backend.setCardTeamGoal({ cardId, goalId });
      return true;
    } catch (error) {
      this.notices.error(error);
      return false;
    }
  }

  async setDescription(cardId: number, text: string): Promise<boolean> {
    return this.editCard(cardId, { description: text }, () => this.backend.setDescription({ cardId, text }));
  }

  async setPriority(cardId: number, priority: Priority): Promise<boolean> {
    return this.editCard(cardId, { priority }, () => this.backend.setPriority({ cardId, priority }));
  }

  /** YYYY-MM-DD, or null to clear. */
  async setDue(cardId: number, due: string | null): Promise<boolean> {
    return this.editCard(cardId, { due }, () => this.backend.setDue({ cardId, due }));
  }

  /** Marks a card blocked (or gives it a new reason); it keeps its blocked-since time. */
  async block(cardId: number, reason: string): Promise<boolean> {
    const card = this.find(cardId)?.card;
    if (!card) return false;
    // An empty reason is the core's to refuse; nothing is shown meanwhile.
    const shown = reason.trim() === '' ? card.blocked : { reason: reason.trim(), since: card.blocked?.since ?? Date.now() };
    return this.editCard(cardId, { blocked: shown }, () => this.backend.blockCard({ cardId, reason }));
  }

  /** Pins a card to its assignee (it then stays with them when work is balanced), or unpins it. */
  async pin(cardId: number, pinned: boolean): Promise<boolean> {
    const card = this.find(cardId)?.card;
    if (!card) return false;
    // A card without an assignee is the core's to refuse; nothing is shown meanwhile.
    const pinnedTo = pinned ? card.assigneeId : null;
    return this.editCard(cardId, { pinnedTo }, () => this.backend.pinCard({ cardId, pinned }));
  }

  async unblock(cardId: number): Promise<boolean> {
    return this.editCard(cardId, { blocked: null }, () => this.backend.unblockCard(cardId));
  }

  async setCardLabel(cardId: number, labelId: number, on: boolean): Promise<boolean> {
    const card = this.find(cardId)?.card;
    if (!card) return false;
    const others = card.labelIds.filter((id) => id !== labelId);
    const labelIds = on ? [...others, labelId].sort((a, b) => a - b) : others;
    return this.editCard(cardId, { labelIds }, () => this.backend.setCardLabel({ cardId, labelId, on }));
  }

  /** Requires `skill` at `minLevel` (1 to 5), or no longer with null. */
  async setCardSkill(cardId: number, skill: string, minLevel: number | null): Promise<boolean> {
    const card = this.find(cardId)?.card;
    if (!card) return false;
    const name = skill.trim();
    const others = card.skills.filter((s) => s.skill !== name);
    const valid = name !== '' && (minLevel === null || (Number.isInteger(minLevel) && minLevel >= 1 && minLevel <= 5));
    const skills = !valid
      ? card.skills
      : minLevel === null
        ? others
        : [...others, { skill: name, minLevel }].sort((a, b) => (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0));
    return this.editCard(cardId, { skills }, () => this.backend.setCardSkill({ cardId, skill, minLevel }));
  }

  /** Every skill the team has or a card asks for; empty (with the error shown) when unknown. */
  async skillNames(): Promise<string[]> {
    try {
      return await this.backend.skillNames();
    } catch (error) {
      this.notices.error(error);
      return [];
    }
  }

  async createLabel(name: string, color: LabelColor): Promise<Label | null> {
    const boardId = this.id;
    if (boardId === null) return null;
    try {
      const label = await this.backend.createLabel({ boardId, name, color });
      if (this.id === boardId) this.labels = sortLabels([...this.labels.filter((l) => l.id !== label.id), label]);
      return label;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  async updateLabel(labelId: number, name: string, color: LabelColor): Promise<boolean> {
    const old = this.labels.find((l) => l.id === labelId);
    if (!old) return false;
    const before = { ...old };
    const show = (label: Label) => (this.labels = sortLabels(this.labels.map((l) => (l.id === labelId ? label : l))));
    if (name.trim() !== '') show({ id: labelId, name: name.trim(), color });
    try {
      show(await this.backend.updateLabel({ labelId, name, color }));
      return true;
    } catch (error) {
      show(before);
      this.fail(error);
      return false;
    }
  }

  /** Deletes a label and takes it off every card; `undo` brings both back. */
  async deleteLabel(labelId: number): Promise<boolean> {
    const labels = this.labels;
    const before = this.snapshot();
    this.labels = labels.filter((l) => l.id !== labelId);
    for (const view of this.columns) {
      if (!view.cards.some((card) => card.labelIds.includes(labelId))) continue;
      view.cards = view.cards.map((card) =>
        card.labelIds.includes(labelId) ? { ...card, labelIds: card.labelIds.filter((id) => id !== labelId) } : card,
      );
    }
    try {
      await this.backend.deleteLabel(labelId);
      return true;
    } catch (error) {
      this.labels = labels;
      this.restore(before);
      this.fail(error, true);
      return false;
    }
  }

  async addChecklistItem(cardId: number, text: string): Promise<ChecklistItem | null> {
    try {
      const item = await this.backend.addChecklistItem({ cardId, text });
      const card = this.find(cardId)?.card;
      if (card) this.patch(cardId, { checklist: { done: card.checklist.done, total: card.checklist.total + 1 } });
      return item;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  async renameChecklistItem(itemId: number, text: string): Promise<ChecklistItem | null> {
    try {
      return await this.backend.renameChecklistItem({ itemId, text });
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  async checkChecklistItem(cardId: number, itemId: number, done: boolean): Promise<ChecklistItem | null> {
    const old = this.find(cardId)?.card.checklist;
    if (old) {
      this.patch(cardId, {
        checklist: { done: Math.max(0, Math.min(old.total, old.done + (done ? 1 : -1))), total: old.total },
      });
    }
    try {
      return await this.backend.checkChecklistItem({ itemId, done });
    } catch (error) {
      if (old) this.patch(cardId, { checklist: old });
      this.fail(error);
      return null;
    }
  }

  async deleteChecklistItem(cardId: number, item: ChecklistItem): Promise<boolean> {
    try {
      await this.backend.deleteChecklistItem(item.id);
      const card = this.find(cardId)?.card;
      if (card) {
        this.patch(cardId, {
          checklist: {
            done: Math.max(0, card.checklist.done - (item.done ? 1 : 0)),
            total: Math.max(0, card.checklist.total - 1),
          },
        });
      }
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  /**
   * Shows `patch` on a card at once and saves it with `save`; when the core refuses, the
   * changed fields go back and the error is shown.
   */
  private async editCard(cardId: number, patch: Partial<Card>, save: () => Promise<Card>): Promise<boolean> {
    const card = this.find(cardId)?.card;
    if (!card) return false;
    const keys = Object.keys(patch) as (keyof Card)[];
    const old = Object.fromEntries(keys.map((k) => [k, card[k]])) as Partial<Card>;
    this.patch(cardId, patch);
    try {
      this.update(await save());
      return true;
    } catch (error) {
      this.patch(cardId, old);
      this.fail(error);
      return false;
    }
  }

  /** What giving a card to `memberId` changes: a pin to anyone else goes, as in the core. */
  private assignment(cardId: number, memberId: number | null): Partial<Card> {
    const pinnedTo = this.find(cardId)?.card.pinnedTo ?? null;
    return { assigneeId: memberId, pinnedTo: pinnedTo === memberId ? pinnedTo : null };
  }

  /** The open work of one person (null: nobody), zero when the core lists none. */
  loadOf(memberId: number | null): Load {
    return (
      this.loads.find((l) => l.memberId === memberId) ?? { memberId, openCards: 0, estimate: 0, unestimated: 0 }
    );
  }

  find(cardId: number): CardPosition | null {
    for (const column of this.columns) {
      const index = column.cards.findIndex((c) => c.id === cardId);
      if (index !== -1) return { card: column.cards[index], column, index };
    }
    return null;
  }

  columnView(columnId: number): ColumnView | undefined {
    return this.columns.find((c) => c.column.id === columnId);
  }

  /**
   * The board as it is now, so that `restore` can put a failed or cancelled move back. Cheap
   * on big boards: cards are never changed in place, so it keeps the same arrays.
   */
  snapshot(): BoardSnapshot {
    return new BoardSnapshot(this.columns.map((view) => ({ view, column: view.column.id, cards: view.cards })));
  }

  /** Puts the board back as `snapshot` saw it; the same snapshot can be restored again. */
  restore(before: BoardSnapshot): void {
    const known = new Set(before.entries.map((e) => e.view));
    const added = this.columns.filter((view) => !known.has(view));
    const columns = [...before.entries.map((e) => e.view), ...added];
    if (columns.length !== this.columns.length || columns.some((view, i) => view !== this.columns[i])) {
      this.columns = columns;
    }
    // Only columns that changed get their old array back: the others keep their rendering.
    for (const entry of before.entries) if (entry.view.cards !== entry.cards) entry.view.cards = entry.cards;
  }

  /**
   * Moves a card in the UI only. `index` counts the other cards of the target column.
   * Returns false when the card or column is unknown.
   */
  placeLocally(cardId: number, columnId: number, index: number): boolean {
    const from = this.find(cardId);
    const to = this.columnView(columnId);
    if (!from || !to) return false;
    const card = { ...from.card, columnId };
    const rest = from.column.cards.filter((c) => c.id !== cardId);
    if (from.column !== to) from.column.cards = rest;
    const target = from.column === to ? rest : to.cards.slice();
    target.splice(Math.max(0, Math.min(index, target.length)), 0, card);
    to.cards = target;
    return true;
  }

  /**
   * Saves where a card now sits in the UI, and gives it to `memberId` when one is given.
   * On failure the board goes back to `before`,
   * the error is shown and the board is re-read.
   */
  async persistPlacement(cardId: number, before: BoardSnapshot, memberId?: number | null): Promise<boolean> {
    const at = this.find(cardId);
    if (!at) return false;
    const afterId = at.index > 0 ? at.column.cards[at.index - 1].id : null;
    const columnId = at.column.column.id;
    // Given to someone as well: one action, undone in one step.
    const assign = memberId !== undefined && memberId !== at.card.assigneeId;
    if (assign) this.patch(cardId, this.assignment(cardId, memberId));
    try {
      const saved = assign
        ? await this.backend.placeCard({ cardId, columnId, afterId, memberId })
        : await this.backend.moveCard({ cardId, columnId, afterId });
      this.update(saved);
      void this.refreshLoads();
      return true;
    } catch (error) {
      this.restore(before);
      this.fail(error, true);
      return false;
    }
  }

  /** Moves a card and saves the move: the UI changes at once. */
  async move(cardId: number, columnId: number, index: number): Promise<boolean> {
    const before = this.snapshot();
    if (!this.placeLocally(cardId, columnId, index)) return false;
    return this.persistPlacement(cardId, before);
  }

  async create(columnId: number, title: string): Promise<Card | null> {
    try {
      const card = await this.backend.createCard({ columnId, title });
      const view = this.columnView(card.columnId);
      if (view) view.cards = [...view.cards, card];
      void this.refreshLoads();
      return card;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  async rename(cardId: number, title: string): Promise<boolean> {
    const at = this.find(cardId);
    if (!at) return false;
    const old = at.card.title;
    if (title.trim() === old) return true;
    this.patch(cardId, { title: title.trim() });
    try {
      this.update(await this.backend.renameCard({ cardId, title }));
      return true;
    } catch (error) {
      this.patch(cardId, { title: old });
      this.fail(error);
      return false;
    }
  }

  /**
   * Shows a card given to `memberId` and, unless it started there, at the end of `columnId`,
   * counting from `before`. UI only; false when the card or column is unknown.
   */
  preview(cardId: number, memberId: number | null, columnId: number, before: BoardSnapshot): boolean {
    const origin = findIn(before, cardId);
    if (!origin || !this.columnView(columnId)) return false;
    this.restore(before);
    if (!this.patch(cardId, this.assignment(cardId, memberId))) return false;
    if (origin.columnId !== columnId) this.placeLocally(cardId, columnId, Number.MAX_SAFE_INTEGER);
    return true;
  }

  /**
   * Gives a card to `memberId` (null: nobody) and moves it to the end of `columnId` when it
   * was in another column (`before` says where it was). The UI changes at once; on failure it
   * goes back, shows the error and re-reads the board. Null when nothing was saved.
   */
  async relocate(
    cardId: number,
    memberId: number | null,
    columnId: number,
    before: BoardSnapshot = this.snapshot(),
  ): Promise<Relocation | null> {
    const origin = findIn(before, cardId);
    if (!origin || !this.preview(cardId, memberId, columnId, before)) return null;
    const assigned = origin.assigneeId !== memberId;
    const moved = origin.columnId !== columnId;
    if (!assigned && !moved) return { assigned, moved };
    try {
      if (moved) {
        const at = this.find(cardId)!;
        // The end of the column: after its last card other than this one.
        const afterId = at.index > 0 ? at.column.cards[at.index - 1].id : null;
        // Both at once is one action, so one Ctrl+Z undoes the whole drop.
        this.update(
          assigned
            ? await this.backend.placeCard({ cardId, columnId, afterId, memberId })
            : await this.backend.moveCard({ cardId, columnId, afterId }),
        );
      } else {
        this.update(await this.backend.assignCard({ cardId, memberId }));
      }
      await this.refreshLoads();
      return { assigned, moved };
    } catch (error) {
      this.restore(before);
      this.fail(error, true);
      return null;
    }
  }

  /** Gives a card to someone (null: nobody), where it is. */
  async assign(cardId: number, memberId: number | null): Promise<boolean> {
    const at = this.find(cardId);
    if (!at) return false;
    return (await this.relocate(cardId, memberId, at.column.column.id)) !== null;
  }

  async setEstimate(cardId: number, estimate: number | null): Promise<boolean> {
    const card = this.find(cardId)?.card;
    if (!card) return false;
    const old = card.estimate;
    try {
      // Shown at once, as the core will keep it; a value it will refuse is not shown.
      this.patch(cardId, { estimate: validateEstimate(estimate) });
    } catch {
      // The core gives the reason.
    }
    try {
      this.update(await this.backend.setEstimate({ cardId, estimate }));
      await this.refreshLoads();
      return true;
    } catch (error) {
      this.patch(cardId, { estimate: old });
      this.fail(error);
      return false;
    }
  }

  async setWipLimit(columnId: number, limit: number | null): Promise<boolean> {
    const view = this.columnView(columnId);
    if (!view) return false;
    const old = view.column.wipLimit;
    view.column.wipLimit = limit;
    try {
      const saved = await this.backend.setWipLimit({ columnId, limit });
      const now = this.columnView(columnId);
      if (now) Object.assign(now.column, saved);
      return true;
    } catch (error) {
      const now = this.columnView(columnId);
      if (now) now.column.wipLimit = old;
      this.fail(error);
      return false;
    }
  }

  /** Takes in a card (or its new place) as the backend returned it, where the UI has already put it. */
  private update(saved: Card | CardPlace): void {
    const card = this.find(saved.id)?.card;
    if (!card) return;
    if (card.columnId !== saved.columnId) {
      void this.reload();
      return;
    }
    this.patch(saved.id, saved);
  }

  /**
   * Replaces a card with a copy carrying `changes` (cards are never changed in place), in its
   * column. False when the card is not on the board.
   */
  patch(cardId: number, changes: Partial<Card>): boolean {
    const at = this.find(cardId);
    if (!at) return false;
    const next = at.column.cards.slice();
    next[at.index] = { ...at.card, ...changes };
    at.column.cards = next;
    return true;
  }

  private fail(error: unknown, alwaysReload = false): void {
    this.notices.error(error);
    // A refused title changed nothing; other failures may mean the board moved on without us.
    if (alwaysReload || toBackendError(error).code !== 'invalid_input') void this.reload();
  }
}

/** By name ignoring case, as the core lists them. */
function sortLabels(labels: Label[]): Label[] {
  const key = (l: Label) => l.name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return [...labels].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
}

/** A card's column and assignee when a snapshot was taken. */
interface Origin {
  columnId: number;
  assigneeId: number | null;
}

/**
 * What `BoardState.snapshot` saw: each column and its card array then (cards are never
 * changed in place, so the arrays keep the cards as they were). A class, so keeping one in
 * `$state` does not proxy it.
 */
export class BoardSnapshot {
  constructor(readonly entries: readonly { view: ColumnView; column: number; cards: Card[] }[]) {}

  /** Card ids per column, as they were. */
  layout(): Layout {
    return this.entries.map((e) => ({ columnId: e.column, ids: e.cards.map((card) => card.id) }));
  }

  card(cardId: number): Card | undefined {
    for (const entry of this.entries) {
      const card = entry.cards.find((c) => c.id === cardId);
      if (card) return card;
    }
    return undefined;
  }

  title(cardId: number): string | undefined {
    return this.card(cardId)?.title;
  }
}

function findIn(before: BoardSnapshot, cardId: number): Origin | undefined {
  const card = before.card(cardId);
  return card && { columnId: card.columnId, assigneeId: card.assigneeId };
}

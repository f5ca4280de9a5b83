import type { Card } from '../bindings/Card';
import type { Column } from '../bindings/Column';
import type { Member } from '../bindings/Member';
import { toBackendError, type Backend } from './backend';
import type { Layout } from './dnd';
import type { Notices } from './notices.svelte';

export interface ColumnView {
  column: Column;
  /** Top to bottom. */
  cards: Card[];
}

/** Where a card sits on the board right now. */
export interface CardPosition {
  card: Card;
  column: ColumnView;
  /** 0-based, top to bottom. */
  index: number;
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
  id = $state<number | null>(null);
  name = $state('');
  columns = $state<ColumnView[]>([]);
  members = $state<Member[]>([]);
  memberById = $derived(new Map(this.members.map((m) => [m.id, m])));
  layout: Layout = $derived(
    this.columns.map((c) => ({ columnId: c.column.id, ids: c.cards.map((card) => card.id) })),
  );

  constructor(
    private readonly backend: Backend,
    private readonly notices: Notices,
  ) {}

  /** Loads a board; false (with the error shown) when it could not be read. */
  async load(boardId: number): Promise<boolean> {
    try {
      const board = await this.backend.loadBoard(boardId);
      this.id = board.id;
      this.name = board.name;
      this.columns = board.columns.map((column) => ({
        column,
        cards: board.cards.filter((c) => c.columnId === column.id).sort(byRank),
      }));
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

  /** Re-reads the board so the UI matches the backend after a refused write. */
  async reload(): Promise<void> {
    if (this.id !== null) await this.load(this.id);
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

  snapshot(): ColumnView[] {
    return $state.snapshot(this.columns);
  }

  restore(snapshot: ColumnView[]): void {
    this.columns = snapshot;
  }

  /**
   * Moves a card in the UI only. `index` counts the other cards of the target column.
   * Returns false when the card or column is unknown.
   */
  placeLocally(cardId: number, columnId: number, index: number): boolean {
    const from = this.find(cardId);
    const to = this.columnView(columnId);
    if (!from || !to) return false;
    const [card] = from.column.cards.splice(from.index, 1);
    card.columnId = columnId;
    to.cards.splice(Math.max(0, Math.min(index, to.cards.length)), 0, card);
    return true;
  }

  /**
   * Saves where a card now sits in the UI. On failure the board goes back to `before`,
   * the error is shown and the board is re-read.
   */
  async persistPlacement(cardId: number, before: ColumnView[]): Promise<boolean> {
    const at = this.find(cardId);
    if (!at) return false;
    const afterId = at.index > 0 ? at.column.cards[at.index - 1].id : null;
    try {
      const saved = await this.backend.moveCard({ cardId, columnId: at.column.column.id, afterId });
      this.update(saved);
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
      this.columnView(card.columnId)?.cards.push(card);
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
    at.card.title = title.trim();
    try {
      this.update(await this.backend.renameCard({ cardId, title }));
      return true;
    } catch (error) {
      const card = this.find(cardId)?.card;
      if (card) card.title = old;
      this.fail(error);
      return false;
    }
  }

  /** Takes in a card as the backend returned it, where the UI has already put it. */
  private update(saved: Card): void {
    const card = this.find(saved.id)?.card;
    if (!card) return;
    if (card.columnId !== saved.columnId) {
      void this.reload();
      return;
    }
    Object.assign(card, saved);
  }

  private fail(error: unknown, alwaysReload = false): void {
    this.notices.error(error);
    // A refused title changed nothing; other failures may mean the board moved on without us.
    if (alwaysReload || toBackendError(error).code !== 'invalid_input') void this.reload();
  }
}

import type { Card } from '../bindings/Card';
import type { Label } from '../bindings/Label';
import {
  cardMatcher,
  isFiltering,
  isoDay,
  noFilters,
  pruneLabels,
  setValue,
  toggleValue,
  type FilterValue,
  type Filters,
} from './filters';

/**
 * The search and filters of the board on screen. Cards the user has just changed (made,
 * assigned) stay visible until the filters change, so nothing vanishes under the pointer.
 */
export class FilterState {
  filters = $state<Filters>(noFilters());
  /** Card ids shown whatever the filters say. */
  pinned = $state<ReadonlySet<number>>(new Set());
  active = $derived(isFiltering(this.filters));

  /** `today`: "YYYY-MM-DD", what "overdue" and "this week" count from (injectable for tests). */
  constructor(readonly today: () => string = () => isoDay(new Date())) {}

  set(next: Filters): void {
    this.filters = next;
    this.pinned = new Set();
  }

  setText(text: string): void {
    this.set({ ...this.filters, text });
  }

  toggle(value: FilterValue): void {
    this.set(toggleValue(this.filters, value));
  }

  remove(value: FilterValue): void {
    this.set(setValue(this.filters, value, false));
  }

  clear(): void {
    this.set(noFilters());
  }

  /** Drops label filters that do not exist on the board now open. */
  keepLabels(labels: readonly Label[]): void {
    const next = pruneLabels(this.filters, labels);
    if (next !== this.filters) this.set(next);
  }

  keepVisible(cardId: number): void {
    if (this.active && !this.pinned.has(cardId)) this.pinned = new Set([...this.pinned, cardId]);
  }

  /** The cards to show, or null when every card shows. */
  matcher(doneColumns: ReadonlySet<number>): ((card: Card) => boolean) | null {
    if (!this.active) return null;
    const matches = cardMatcher(this.filters, { today: this.today(), doneColumns });
    const pinned = this.pinned;
    return (card) => pinned.has(card.id) || matches(card);
  }
}

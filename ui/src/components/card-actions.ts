import type { Card } from '../bindings/Card';

/** What a card asks of its board; the board owns editing, menus and moves. */
export interface CardActions {
  keydown(event: KeyboardEvent, card: Card): void;
  pointerdown(event: PointerEvent, card: Card): void;
  /** A click on the card's title: opens the card, unless it comes at the end of a drag. */
  open(event: MouseEvent, card: Card): void;
  saveTitle(card: Card, title: string, refocus: boolean): void;
  cancelEdit(card: Card): void;
  toggleMenu(card: Card, anchor: HTMLElement): void;
}

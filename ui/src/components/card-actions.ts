import type { Card } from '../bindings/Card';

/** What a card asks of its board; the board owns editing, menus and moves. */
export interface CardActions {
  keydown(event: KeyboardEvent, card: Card): void;
  pointerdown(event: PointerEvent, card: Card): void;
  dblclick(event: MouseEvent, card: Card): void;
  saveTitle(card: Card, title: string, refocus: boolean): void;
  cancelEdit(card: Card): void;
  toggleMenu(card: Card, anchor: HTMLElement): void;
}

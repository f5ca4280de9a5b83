/** Whether a key event comes from a place where the user types text. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function hasModifier(e: KeyboardEvent | MouseEvent): boolean {
  return e.ctrlKey || e.metaKey || e.altKey;
}

/** "Ana Souza" → "AS", "Chidi" → "CH". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return [...words[0]].slice(0, 2).join('').toUpperCase();
  return ([...words[0]][0] + [...words[words.length - 1]][0]).toUpperCase();
}

export const AVATAR_TONES = 6;

/** A stable colour class per person, so the same person always looks the same. */
export function avatarTone(memberId: number): string {
  return `tone-${Math.abs(memberId) % AVATAR_TONES}`;
}

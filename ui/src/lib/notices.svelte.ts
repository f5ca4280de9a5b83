import { toBackendError } from './backend';

export interface Notice {
  id: number;
  message: string;
}

const MAX_VISIBLE = 3;

/** Error toasts and the screen reader announcements of the whole app. */
export class Notices {
  errors = $state<Notice[]>([]);
  /** The text of the polite live region. */
  announcement = $state('');
  private nextId = 1;

  error(error: unknown): void {
    const { message } = toBackendError(error);
    // The same failure twice in a row (e.g. a retried action) shows once.
    if (this.errors.at(-1)?.message === message) return;
    this.errors = [...this.errors, { id: this.nextId++, message }].slice(-MAX_VISIBLE);
  }

  dismiss(id: number): void {
    this.errors = this.errors.filter((n) => n.id !== id);
  }

  announce(message: string): void {
    // Screen readers only speak a change: the same sentence again gets an invisible difference.
    this.announcement = message === this.announcement ? `${message}\u00a0` : message;
  }
}

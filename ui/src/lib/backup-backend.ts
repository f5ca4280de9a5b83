import type { Backup } from '../bindings/Backup';
import type { BackupKind } from '../bindings/BackupKind';
import type { Restored } from '../bindings/Restored';

/** Backups and restoring one: the `Backend`'s part for a page that lists and restores them. */
export interface BackupBackend {
  /** Copies the database into the `backups` folder beside it; a manual backup is never deleted. */
  backupNow(): Promise<Backup>;
  /** Every backup, the newest first. */
  listBackups(): Promise<Backup[]>;
  /**
   * Replaces all the data with the file at `path` (a backup's, or any Teamlead database file),
   * once it is checked; the data it replaces is backed up first (`replaced`). A file that is
   * not a whole Teamlead database of a known schema is refused (`incompatible_database`, with
   * the reason) and nothing changes. After a restore, reload everything: boards, people, undo.
   */
  restoreBackup(path: string): Promise<Restored>;
}

/** The file name the core gives the `n`th backup of `kind` made in the second of `at` (ms, UTC). */
export function backupFileName(kind: BackupKind, at: number, n = 1): string {
  const time = new Date(at - (at % 1000))
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
  const number = n > 1 ? `-${n}` : '';
  return `teamlead-${time}-${kind.replace('_', '-')}${number}.sqlite3`;
}

/** The core's message for a file it will not restore; `reason` ends with a full stop. */
export function restoreRefusedMessage(path: string, reason: string): string {
  return `${path} cannot be restored: ${reason} Your current data was not changed.`;
}

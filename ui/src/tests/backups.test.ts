import { describe, expect, it, vi } from 'vitest';
import { BackendError } from '../lib/backend';
import { backupFileName } from '../lib/backup-backend';
import { FAKE_BACKUP_DIR, FakeBackend } from '../lib/fake-backend';
import { smallTeam } from './helpers';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
const { TauriBackend } = await import('../lib/tauri-backend');

/** 2026-03-02 08:15:00 UTC. */
const MONDAY = 1_772_439_300_000;

function titles(board: { cards: { title: string }[] }): string[] {
  return board.cards.map((c) => c.title);
}

describe('backup file names', () => {
  it('carry the time to the second, the kind and a number after the first', () => {
    expect(backupFileName('daily', MONDAY + 999)).toBe('teamlead-2026-03-02T08-15-00Z-daily.sqlite3');
    expect(backupFileName('before_migration', MONDAY, 2)).toBe(
      'teamlead-2026-03-02T08-15-00Z-before-migration-2.sqlite3',
    );
  });
});

describe('FakeBackend backups', () => {
  it('lists manual backups newest first, named as the core names them', async () => {
    let now = MONDAY;
    const backend = new FakeBackend({ ...smallTeam(), now: () => now });
    const first = await backend.backupNow();
    expect(first).toMatchObject({
      path: `${FAKE_BACKUP_DIR}/teamlead-2026-03-02T08-15-00Z-manual.sqlite3`,
      kind: 'manual',
      createdAt: MONDAY,
    });
    expect(first.size).toBeGreaterThan(0);
    const second = await backend.backupNow();
    expect(second.path).toBe(`${FAKE_BACKUP_DIR}/teamlead-2026-03-02T08-15-00Z-manual-2.sqlite3`);
    now += 60_000;
    const third = await backend.backupNow();
    expect((await backend.listBackups()).map((b) => b.path)).toEqual([third.path, second.path, first.path]);
  });

  it('restores everything a backup holds and keeps what it replaced', async () => {
    let now = MONDAY;
    const backend = new FakeBackend({ ...smallTeam(), now: () => now });
    await backend.createCard({ columnId: 1, title: 'In the backup' });
    await backend.savePersonNotes({ memberId: 1, notes: 'Backed up notes' });
    const saved = await backend.backupNow();

    now += 3_600_000;
    await backend.createCard({ columnId: 1, title: 'After the backup' });
    await backend.savePersonNotes({ memberId: 1, notes: 'Later notes' });
    await backend.addBoard('Later board');

    const restored = await backend.restoreBackup(saved.path);
    expect(restored.schemaVersion).toBe(8);
    expect(restored.replaced).toMatchObject({ kind: 'before_restore', createdAt: now });
    expect(titles(await backend.loadBoard(1))).toEqual([
      'Write spec',
      'Fix login',
      'Plan sprint',
      'In the backup',
      'Build API',
    ]);
    expect((await backend.workspace()).boards.map((b) => b.name)).toEqual(['Core team']);
    const journal = await backend.personJournal(1, '2026-03-02');
    expect(journal.person.privateNotes).toBe('Backed up notes');
    // The restored data's own undo history: its newest action was creating that card.
    expect(await backend.undo()).toEqual({ label: 'Create card' });
    expect(titles(await backend.loadBoard(1))).not.toContain('In the backup');

    // What was replaced comes back the same way.
    await backend.restoreBackup(restored.replaced!.path);
    expect(titles(await backend.loadBoard(1))).toContain('After the backup');
    expect((await backend.workspace()).boards.map((b) => b.name)).toEqual(['Core team', 'Later board']);
    expect((await backend.personJournal(1, '2026-03-02')).person.privateNotes).toBe('Later notes');
  });

  it('refuses a file it does not have, as the core refuses one it cannot read, and changes nothing', async () => {
    const backend = new FakeBackend({ ...smallTeam(), now: () => MONDAY });
    const before = await backend.loadBoard(1);
    const error = await backend.restoreBackup('/home/lead/old.sqlite3').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({
      code: 'incompatible_database',
      message:
        '/home/lead/old.sqlite3 cannot be restored: it cannot be read (there is no such file). ' +
        'Your current data was not changed.',
    });
    expect(await backend.loadBoard(1)).toEqual(before);
    expect(await backend.listBackups()).toEqual([]);
  });
});

describe('TauriBackend backups', () => {
  it('invokes the backup commands with exactly these names and arguments', async () => {
    invoke.mockReset();
    invoke.mockResolvedValue('ok');
    const backend = new TauriBackend();
    await backend.backupNow();
    await backend.listBackups();
    await backend.restoreBackup('/data/backups/teamlead-2026-03-02T08-15-00Z-daily.sqlite3');
    expect(invoke.mock.calls).toEqual([
      ['backup_now'],
      ['list_backups'],
      ['restore_backup', { path: '/data/backups/teamlead-2026-03-02T08-15-00Z-daily.sqlite3' }],
    ]);
  });
});

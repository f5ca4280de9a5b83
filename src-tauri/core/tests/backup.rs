use std::fs;
use std::path::{Path, PathBuf};

use teamlead_core::backup::{self, Backup, BackupKind};
use teamlead_core::metrics::Calendar;
use teamlead_core::store::latest_version;
use teamlead_core::{Error, ErrorKind, RestoreRefusal, Store};

/// 2026-03-02 08:15:00 UTC, a Monday.
const MONDAY: i64 = 1_772_439_300_000;
const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

/// A data folder with a database holding one board and `titles` as cards, closed.
fn database(titles: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("teamlead.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let view = store.create_board("Team", &["To do", "Done"]).unwrap();
    for title in titles {
        store.create_card(view.columns[0].id, title).unwrap();
    }
    (dir, db)
}

/// The card titles of a database, read from a copy so that the file itself is not touched.
fn titles_in(file: &Path) -> Vec<String> {
    let scratch = tempfile::tempdir().unwrap();
    let copy = scratch.path().join("copy.sqlite3");
    fs::copy(file, &copy).unwrap();
    let wal = with_suffix(file, "-wal");
    if wal.exists() {
        fs::copy(&wal, with_suffix(&copy, "-wal")).unwrap();
    }
    let store = Store::open(&copy).unwrap();
    let mut stmt = store
        .conn()
        .prepare("SELECT title FROM cards ORDER BY id")
        .unwrap();
    let titles = stmt
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<Vec<String>, _>>()
        .unwrap();
    titles
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn kinds(backups: &[Backup]) -> Vec<BackupKind> {
    backups.iter().map(|b| b.kind).collect()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = match fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

#[test]
fn a_backup_is_a_whole_copy_named_after_its_time_and_kind() {
    let (dir, db) = database(&["Ship it", "Write docs"]);
    let backup = backup::back_up(&db, BackupKind::Manual, MONDAY + 999).unwrap();
    assert_eq!(
        backup.path,
        dir.path()
            .join("backups")
            .join("teamlead-2026-03-02T08-15-00Z-manual.sqlite3")
    );
    assert_eq!(backup.kind, BackupKind::Manual);
    assert_eq!(backup.created_at, MONDAY);
    assert_eq!(backup.size, fs::metadata(&backup.path).unwrap().len());
    assert_eq!(titles_in(&backup.path), ["Ship it", "Write docs"]);
    // Nothing but the backup is left in the folder.
    assert_eq!(
        names(&dir.path().join("backups")),
        ["teamlead-2026-03-02T08-15-00Z-manual.sqlite3"]
    );

    let again = backup::back_up(&db, BackupKind::Manual, MONDAY).unwrap();
    assert_ne!(again.path, backup.path);
    assert!(again
        .path
        .ends_with("teamlead-2026-03-02T08-15-00Z-manual-2.sqlite3"));
    let later = backup::back_up(&db, BackupKind::Daily, MONDAY + HOUR).unwrap();
    assert_eq!(
        backup::list(&db).unwrap(),
        [later, again, backup],
        "newest first"
    );
}

#[test]
fn a_backup_holds_what_is_still_in_the_write_ahead_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("teamlead.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store
        .conn()
        .execute_batch("PRAGMA wal_autocheckpoint = 0")
        .unwrap();
    let view = store.create_board("Team", &["To do"]).unwrap();
    store
        .create_card(view.columns[0].id, "Only in the log")
        .unwrap();
    assert!(fs::metadata(with_suffix(&db, "-wal")).unwrap().len() > 0);
    // The store stays open, as in the app.
    let backup = backup::back_up(&db, BackupKind::Manual, MONDAY).unwrap();
    assert_eq!(titles_in(&backup.path), ["Only in the log"]);
    drop(store);
}

#[test]
fn backing_up_what_is_not_a_teamlead_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("teamlead.sqlite3");
    let error = backup::back_up(&db, BackupKind::Manual, MONDAY).unwrap_err();
    assert!(matches!(error, Error::Backup { .. }), "{error:?}");
    assert!(
        error.to_string().contains("there is no database at"),
        "{error}"
    );
    assert!(!db.exists(), "a missing database is not created");

    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT)")
        .unwrap();
    let error = backup::back_up(&db, BackupKind::Manual, MONDAY).unwrap_err();
    assert!(
        matches!(error, Error::NotTeamleadDatabase { .. }),
        "{error:?}"
    );
    assert!(backup::list(&db).unwrap().is_empty());
}

#[test]
fn the_day_gets_one_daily_backup_by_the_leads_calendar() {
    let (_dir, db) = database(&["Ship it"]);
    // Two hours east of UTC: 21:30 UTC is 23:30 there, 22:30 UTC is the next day.
    let calendar = Calendar::with_offset_seconds(2 * 3600);
    let evening = MONDAY + 13 * HOUR + HOUR / 2;
    let first = backup::daily(&db, evening, &calendar).unwrap();
    assert_eq!(first.as_ref().map(|b| b.kind), Some(BackupKind::Daily));
    assert_eq!(
        backup::daily(&db, evening + 10 * 60_000, &calendar).unwrap(),
        None
    );
    // A manual backup is not the day's backup, nor does it stop one.
    backup::back_up(&db, BackupKind::Manual, evening + HOUR / 2).unwrap();
    let next_day = backup::daily(&db, evening + HOUR, &calendar).unwrap();
    assert!(next_day.is_some(), "midnight passed on the lead's calendar");
    assert_eq!(
        kinds(&backup::list(&db).unwrap()),
        [BackupKind::Daily, BackupKind::Manual, BackupKind::Daily]
    );
}

fn daily_at(at: i64) -> Backup {
    Backup {
        path: PathBuf::from(format!("{at}")),
        kind: BackupKind::Daily,
        created_at: at,
        size: 1,
    }
}

#[test]
fn retention_keeps_seven_days_and_four_weeks() {
    let calendar = Calendar::utc();
    // One daily backup a day for 40 days, up to Monday 2026-03-02; a second one on the last
    // day; and manual backups that are never deleted, however old.
    let mut backups: Vec<Backup> = (0..40).map(|d| daily_at(MONDAY - d * DAY)).collect();
    backups.push(daily_at(MONDAY - HOUR));
    for kind in [
        BackupKind::Manual,
        BackupKind::BeforeMigration,
        BackupKind::BeforeRestore,
    ] {
        backups.push(Backup {
            kind,
            ..daily_at(MONDAY - 90 * DAY)
        });
    }
    let expired = backup::expired(&backups, &calendar);
    let mut kept: Vec<String> = backups
        .iter()
        .filter(|b| !expired.contains(b))
        .map(|b| {
            format!(
                "{} {}",
                calendar.date_of(b.created_at).format("%a %Y-%m-%d"),
                b.kind.as_str()
            )
        })
        .collect();
    kept.sort();
    assert_eq!(
        kept,
        [
            // The newest of each of the 4 ISO weeks (Monday starts a week).
            "Mon 2026-03-02 daily",
            // Days 2 to 7, all of the week before.
            "Sat 2026-02-28 daily",
            "Sun 2026-02-22 daily",
            "Sun 2026-02-15 daily",
            "Fri 2026-02-27 daily",
            "Thu 2026-02-26 daily",
            "Tue 2026-02-24 daily",
            "Wed 2026-02-25 daily",
            "Sun 2026-03-01 daily",
            "Tue 2025-12-02 before-migration",
            "Tue 2025-12-02 before-restore",
            "Tue 2025-12-02 manual",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );
    // The second backup of the last day went: only the newest of a day counts.
    assert!(expired.iter().any(|b| b.created_at == MONDAY - HOUR));
}

#[test]
fn retention_counts_days_that_have_a_backup_not_days_of_the_calendar() {
    // Ten backups, then a month away: the app was not started, and nothing is lost.
    let backups: Vec<Backup> = (0..10)
        .map(|d| daily_at(MONDAY - 30 * DAY - d * DAY))
        .chain([daily_at(MONDAY)])
        .collect();
    let expired: Vec<i64> = backup::expired(&backups, &Calendar::utc())
        .iter()
        .map(|b| (MONDAY - b.created_at) / DAY)
        .collect();
    // Kept: today, the 6 newest days before the trip (30..=35), and the newest of the week
    // before those (36 is a Sunday, 37 a Saturday... the week of 36..=42).
    assert_eq!(expired, [37, 38, 39]);
}

#[test]
fn the_daily_backup_deletes_expired_daily_backups_and_nothing_else() {
    let (dir, db) = database(&["Ship it"]);
    let folder = dir.path().join("backups");
    fs::create_dir_all(&folder).unwrap();
    // Old backups from earlier days (the files' content does not matter to retention).
    let made: Vec<PathBuf> = (1..=12)
        .map(|d| {
            let at = chrono::DateTime::from_timestamp_millis(MONDAY - d * DAY).unwrap();
            let path = folder.join(format!(
                "teamlead-{}-daily.sqlite3",
                at.format("%Y-%m-%dT%H-%M-%SZ")
            ));
            fs::write(&path, b"old").unwrap();
            path
        })
        .collect();
    let manual = folder.join("teamlead-2025-01-01T00-00-00Z-manual.sqlite3");
    let migration = folder.join("teamlead-2025-01-01T00-00-00Z-before-migration.sqlite3");
    let unrelated = folder.join("notes.txt");
    let interrupted = folder.join(".teamlead-2025-01-01T00-00-00Z-manual.sqlite3.partial");
    for path in [&manual, &migration, &unrelated, &interrupted] {
        fs::write(path, b"keep").unwrap();
    }
    let today = backup::daily(&db, MONDAY, &Calendar::utc())
        .unwrap()
        .unwrap();
    assert_eq!(titles_in(&today.path), ["Ship it"]);
    // Kept: today and the 6 days before it (1..=6), and the newest of the week before
    // those (8, a Sunday); 7 is the Monday of a week already counted.
    let gone: Vec<usize> = made
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.exists())
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(gone, [7, 9, 10, 11, 12]);
    assert!(manual.exists() && migration.exists() && unrelated.exists());
    assert!(
        !interrupted.exists(),
        "a half-written backup is tidied away"
    );
}

#[test]
fn a_new_or_current_database_is_opened_without_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("teamlead.sqlite3");
    drop(Store::open(&db).unwrap());
    drop(Store::open(&db).unwrap());
    assert!(!dir.path().join("backups").exists());
}

/// A database of schema 1, as that version of Teamlead left it (`tests/fixtures`).
fn schema_one(db: &Path) {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/schema-1.sqlite3");
    fs::copy(fixture, db).unwrap();
}

#[test]
fn an_older_database_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("teamlead.sqlite3");
    schema_one(&db);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    let backups = backup::list(&db).unwrap();
    assert_eq!(kinds(&backups), [BackupKind::BeforeMigration]);
    let copy = rusqlite::Connection::open(&backups[0].path).unwrap();
    let (version, title): (i64, String) = copy
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), title FROM cards WHERE id = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!((version, title.as_str()), (1, "Schema 1: login form"));
}

#[test]
fn no_migration_runs_when_its_backup_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("teamlead.sqlite3");
    schema_one(&db);
    // A file where the backups folder should be.
    fs::write(dir.path().join("backups"), b"in the way").unwrap();
    let before = fs::read(&db).unwrap();
    let error = Store::open(&db).err().expect("the open must fail");
    assert!(matches!(error, Error::Backup { .. }), "{error:?}");
    assert_eq!(error.kind(), ErrorKind::Storage);
    assert!(
        error
            .to_string()
            .starts_with("The backup could not be written to "),
        "{error}"
    );
    assert_eq!(
        fs::read(&db).unwrap(),
        before,
        "the database was not touched"
    );
}

/// The bytes of the database and of its side files, to compare before and after.
fn state(db: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|s| (s.to_string(), fs::read(with_suffix(db, s)).ok()))
        .collect()
}

#[test]
fn a_restore_replaces_the_data_and_keeps_what_it_replaced() {
    let (dir, db) = database(&["Kept in the backup"]);
    let saved = backup::back_up(&db, BackupKind::Manual, MONDAY).unwrap();
    {
        let mut store = Store::open(&db).unwrap();
        let column = store.board_view(teamlead_core::BoardId(1)).unwrap().columns[0].id;
        store.create_card(column, "Added after it").unwrap();
    }
    let restored = backup::restore(&db, &saved.path, MONDAY + HOUR).unwrap();
    assert_eq!(restored.schema_version, latest_version());
    let replaced = restored.replaced.expect("the replaced data is kept");
    assert_eq!(replaced.kind, BackupKind::BeforeRestore);
    assert_eq!(
        titles_in(&replaced.path),
        ["Kept in the backup", "Added after it"]
    );
    assert_eq!(titles_in(&db), ["Kept in the backup"]);
    // The chosen backup is left as it was, and no temporary file is left behind.
    assert_eq!(titles_in(&saved.path), ["Kept in the backup"]);
    assert_eq!(
        names(dir.path()),
        ["backups", "teamlead.sqlite3"],
        "only the database and its backups"
    );
    // Undo works on the restored database as on any other.
    let mut store = Store::open(&db).unwrap();
    assert_eq!(store.undo().unwrap().as_deref(), Some("Create card"));
}

#[test]
fn a_stale_write_ahead_log_is_not_replayed_into_the_restored_database() {
    let (dir, saved) = database(&["From the backup"]);
    // What a crash leaves: a database whose latest commits are only in its log.
    let crashed = tempfile::tempdir().unwrap();
    let db = crashed.path().join("teamlead.sqlite3");
    {
        let mut store = Store::open(&dir.path().join("live.sqlite3")).unwrap();
        store
            .conn()
            .execute_batch("PRAGMA wal_autocheckpoint = 0")
            .unwrap();
        let view = store.create_board("Live", &["To do"]).unwrap();
        store
            .create_card(view.columns[0].id, "Only in the log")
            .unwrap();
        fs::copy(dir.path().join("live.sqlite3"), &db).unwrap();
        fs::copy(
            dir.path().join("live.sqlite3-wal"),
            with_suffix(&db, "-wal"),
        )
        .unwrap();
    }
    assert!(fs::metadata(with_suffix(&db, "-wal")).unwrap().len() > 0);
    let restored = backup::restore(&db, &saved, MONDAY).unwrap();
    assert_eq!(titles_in(&db), ["From the backup"]);
    assert!(!with_suffix(&db, "-wal").exists() && !with_suffix(&db, "-shm").exists());
    let replaced = restored.replaced.unwrap();
    assert_eq!(titles_in(&replaced.path), ["Only in the log"]);
}

#[test]
fn an_unreadable_database_can_be_replaced_and_is_kept_byte_for_byte() {
    let (_dir, saved) = database(&["From the backup"]);
    let broken = tempfile::tempdir().unwrap();
    let db = broken.path().join("teamlead.sqlite3");
    let garbage = b"not a database any more, yet it is the lead's file".repeat(100);
    fs::write(&db, &garbage).unwrap();
    let restored = backup::restore(&db, &saved, MONDAY).unwrap();
    assert_eq!(titles_in(&db), ["From the backup"]);
    assert_eq!(fs::read(restored.replaced.unwrap().path).unwrap(), garbage);
}

#[test]
fn a_restore_into_an_empty_folder_needs_no_copy() {
    let (_dir, saved) = database(&["From the backup"]);
    let fresh = tempfile::tempdir().unwrap();
    let db = fresh.path().join("teamlead.sqlite3");
    let restored = backup::restore(&db, &saved, MONDAY).unwrap();
    assert_eq!(restored.replaced, None);
    assert_eq!(titles_in(&db), ["From the backup"]);
}

/// Files that must never be restored, each with why.
fn bad_files(scratch: &Path, good: &Path) -> Vec<(&'static str, PathBuf, RestoreRefusal)> {
    let good_bytes = fs::read(good).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = scratch.join(name);
        fs::write(&path, bytes).unwrap();
        path
    };
    let page = 4096;
    assert!(good_bytes.len() > 8 * page, "{}", good_bytes.len());
    let mut corrupted = good_bytes.clone();
    // Scribbles over a b-tree page in the middle of the file.
    corrupted[3 * page..4 * page].fill(0x5a);
    let foreign = scratch.join("other-app.sqlite3");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    let newer = write("newer.sqlite3", &good_bytes);
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch(&format!("PRAGMA user_version = {}", latest_version() + 1))
        .unwrap();
    let edited = write("edited.sqlite3", &good_bytes);
    rusqlite::Connection::open(&edited)
        .unwrap()
        .execute_batch("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 3")
        .unwrap();
    let corrupt = |_: &str| RestoreRefusal::Corrupt(String::new());
    vec![
        (
            "corrupted",
            write("corrupted.sqlite3", &corrupted),
            corrupt(""),
        ),
        (
            "truncated",
            write("truncated.sqlite3", &good_bytes[..good_bytes.len() / 2]),
            corrupt(""),
        ),
        (
            "cut inside its header",
            write("header.sqlite3", &good_bytes[..60]),
            corrupt(""),
        ),
        ("empty", write("empty.sqlite3", b""), RestoreRefusal::Empty),
        ("foreign", foreign, RestoreRefusal::Foreign),
        (
            "text",
            write("notes.txt", b"Dear diary, today I backed up nothing.\n"),
            RestoreRefusal::NotSqlite,
        ),
        (
            "too new",
            newer,
            RestoreRefusal::TooNew {
                found: latest_version() + 1,
                supported: latest_version(),
            },
        ),
        (
            "edited migration",
            edited,
            RestoreRefusal::MigrationChanged { version: 3 },
        ),
        (
            "missing",
            scratch.join("no-such-file.sqlite3"),
            RestoreRefusal::Unreadable("there is no such file".into()),
        ),
        (
            "folder",
            scratch.to_path_buf(),
            RestoreRefusal::Unreadable("it is a folder".into()),
        ),
    ]
}

#[test]
fn a_bad_file_is_refused_and_the_current_database_stays_byte_for_byte() {
    let (_good_dir, good) = database(&["From the backup"]);
    let scratch = tempfile::tempdir().unwrap();
    // The current database, as the app leaves it while running: with its log.
    let (dir, db) = database(&["Current"]);
    let store = Store::open(&db).unwrap();
    let before = state(&db);
    for (what, file, expected) in bad_files(scratch.path(), &good) {
        let error = backup::restore(&db, &file, MONDAY).unwrap_err();
        assert_eq!(
            error.kind(),
            ErrorKind::IncompatibleDatabase,
            "{what}: {error}"
        );
        let Error::RestoreRefused { path, reason } = &error else {
            panic!("{what}: expected a refusal, got {error:?}");
        };
        assert_eq!(path, &file.display().to_string(), "{what}");
        match (reason, &expected) {
            (RestoreRefusal::Corrupt(detail), RestoreRefusal::Corrupt(_)) => {
                assert!(!detail.is_empty(), "{what}")
            }
            _ => assert_eq!(reason, &expected, "{what}"),
        }
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("{} cannot be restored: ", file.display()))
                && message.ends_with(". Your current data was not changed."),
            "{what}: {message}"
        );
        assert_eq!(state(&db), before, "{what}: the database changed");
        assert_eq!(
            names(dir.path()),
            [
                "teamlead.sqlite3",
                "teamlead.sqlite3-shm",
                "teamlead.sqlite3-wal"
            ],
            "{what}: no backup, no temporary file"
        );
    }
    drop(store);
}

#[test]
fn refusals_read_as_sentences() {
    let refused = |reason| Error::RestoreRefused {
        path: "/home/lead/old.sqlite3".into(),
        reason,
    };
    assert_eq!(
        refused(RestoreRefusal::TooNew {
            found: 12,
            supported: 8
        })
        .to_string(),
        "/home/lead/old.sqlite3 cannot be restored: it was written by a newer version of \
         Teamlead (schema 12; this version knows up to 8). Update Teamlead to restore it. \
         Your current data was not changed."
    );
    assert_eq!(
        refused(RestoreRefusal::Foreign).to_string(),
        "/home/lead/old.sqlite3 cannot be restored: it is the database of another \
         application, not of Teamlead. Your current data was not changed."
    );
}

#[test]
fn a_file_with_text_that_is_not_utf8_is_refused_as_damaged() {
    let (dir, db) = database(&["Keep me"]);
    let (_other_dir, other) = database(&["A title"]);
    // One damaged byte inside a value: SQLite's integrity check passes, the app could not read it.
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute("UPDATE cards SET title = CAST(X'FF41' AS TEXT)", [])
        .unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    drop(conn);
    let before = fs::read(&db).unwrap();
    let error = backup::restore(&db, &other, MONDAY).unwrap_err();
    assert!(
        matches!(
            &error,
            Error::RestoreRefused { reason: RestoreRefusal::Corrupt(r), .. } if r.contains("not UTF-8")
        ),
        "{error:?}"
    );
    assert_eq!(fs::read(&db).unwrap(), before);
    assert_eq!(titles_in(&db), ["Keep me"]);
    drop(dir);
}

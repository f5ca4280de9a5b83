//! Copies of the database in `backups/` beside it, and restoring one.
//!
//! A backup is made with `VACUUM INTO`: a consistent, compact copy read in one transaction,
//! which writes nothing to the database itself. It is written under a hidden temporary name,
//! flushed to disk and only then renamed, so a name in `backups/` always holds a whole copy.
//! Names carry the time (UTC, to the second) and the kind:
//! `teamlead-2026-03-02T08-15-00Z-daily.sqlite3`.
//!
//! - `daily`: the first start of each day ([`daily`]); the only kind ever deleted, by the rule
//!   of [`expired`] (the newest of each of the last 7 days that have one, and the newest of each
//!   of the last 4 ISO weeks that have one, are kept).
//! - `manual`: "Back up now" ([`back_up`]).
//! - `before-migration`: made by `Store::open` before it migrates an existing database.
//! - `before-restore`: the data a [`restore`] replaces.

use std::cmp::Reverse;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, RestoreRefusal, Result};
use crate::metrics::Calendar;
use crate::store::{self, Millis, APPLICATION_ID};

/// The folder beside the database that holds its backups.
pub const BACKUP_DIR: &str = "backups";
/// Daily backups kept: the newest of each of this many most recent days that have one.
pub const DAYS_KEPT: usize = 7;
/// And the newest of each of this many most recent ISO weeks that have one.
pub const WEEKS_KEPT: usize = 4;

const TIME_FORMAT: &str = "%Y-%m-%dT%H-%M-%SZ";
/// `2026-03-02T08-15-00Z`
const TIME_LEN: usize = 20;
const EXTENSION: &str = "sqlite3";
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BackupKind {
    Daily,
    Manual,
    BeforeMigration,
    BeforeRestore,
}

impl BackupKind {
    pub const ALL: [BackupKind; 4] = [
        BackupKind::Daily,
        BackupKind::Manual,
        BackupKind::BeforeMigration,
        BackupKind::BeforeRestore,
    ];

    /// As it appears in file names.
    pub fn as_str(self) -> &'static str {
        match self {
            BackupKind::Daily => "daily",
            BackupKind::Manual => "manual",
            BackupKind::BeforeMigration => "before-migration",
            BackupKind::BeforeRestore => "before-restore",
        }
    }
}

/// A backup file found in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub kind: BackupKind,
    /// When it was made, to the second, as its name says.
    pub created_at: Millis,
    /// In bytes.
    pub size: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The schema version of the restored file; opening it migrates it if it is older.
    pub schema_version: i64,
    /// The copy of the data it replaced; `None` when there was no database yet.
    pub replaced: Option<Backup>,
}

/// Where the backups of the database at `db` go.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.with_file_name(BACKUP_DIR)
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "teamlead".to_owned())
}

/// The file name of the `n`th backup of `kind` made in the second of `at` (1 for the first).
fn file_name(stem: &str, kind: BackupKind, at: Millis, n: u32) -> String {
    let time = DateTime::from_timestamp_millis(at)
        .unwrap_or_default()
        .format(TIME_FORMAT);
    let kind = kind.as_str();
    if n <= 1 {
        format!("{stem}-{time}-{kind}.{EXTENSION}")
    } else {
        format!("{stem}-{time}-{kind}-{n}.{EXTENSION}")
    }
}

/// The kind, time and number of a backup's file name; `None` for any other file.
fn parse_file_name(stem: &str, name: &str) -> Option<(BackupKind, Millis, u32)> {
    let rest = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(EXTENSION)?
        .strip_suffix('.')?;
    let (time, rest) = rest.split_at_checked(TIME_LEN)?;
    let at = NaiveDateTime::parse_from_str(time, TIME_FORMAT)
        .ok()?
        .and_utc()
        .timestamp_millis();
    let rest = rest.strip_prefix('-')?;
    BackupKind::ALL.into_iter().find_map(|kind| {
        let number = rest.strip_prefix(kind.as_str())?;
        if number.is_empty() {
            return Some((kind, at, 1));
        }
        let digits = number.strip_prefix('-')?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((kind, at, digits.parse().ok()?))
    })
}

/// Flushes a folder, so that a rename in it survives a crash. Not every platform can open a
/// folder for this; the files themselves are flushed anyway.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// `path` with `suffix` added to its name: `teamlead.sqlite3-wal`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Makes a backup of `db` under a new name: `write` fills a temporary file in the backups
/// folder, which is then flushed and renamed into place.
fn write_backup(
    db: &Path,
    kind: BackupKind,
    now: Millis,
    write: impl FnOnce(&Path) -> std::result::Result<(), String>,
) -> Result<Backup> {
    let dir = backup_dir(db);
    let failed = |path: &Path, reason: String| Error::Backup {
        path: path.display().to_string(),
        reason,
    };
    fs::create_dir_all(&dir).map_err(|e| failed(&dir, e.to_string()))?;
    let stem = stem(db);
    let path = (1..)
        .map(|n| dir.join(file_name(&stem, kind, now, n)))
        .find(|p| !p.exists())
        .expect("some number is free");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.partial"));
    let made = remove_if_present(&temp)
        .map_err(|e| e.to_string())
        .and_then(|()| write(&temp))
        .and_then(|()| {
            File::open(&temp)
                .and_then(|f| f.sync_all())
                .and_then(|()| fs::rename(&temp, &path))
                .map_err(|e| e.to_string())
        });
    if let Err(reason) = made {
        let _ = fs::remove_file(&temp);
        return Err(failed(&path, reason));
    }
    sync_dir(&dir);
    let size = fs::metadata(&path)
        .map_err(|e| failed(&path, e.to_string()))?
        .len();
    Ok(Backup {
        path,
        kind,
        created_at: now - now.rem_euclid(1000),
        size,
    })
}

/// Copies the database open on `conn` (the file `db`) with `VACUUM INTO`. It must not be in
/// a transaction.
pub(crate) fn back_up_connection(
    conn: &Connection,
    db: &Path,
    kind: BackupKind,
    now: Millis,
) -> Result<Backup> {
    write_backup(db, kind, now, |temp| {
        let target = temp
            .to_str()
            .ok_or("the backups folder's path is not valid Unicode")?;
        conn.execute("VACUUM INTO ?1", [target])
            .map(|_| ())
            .map_err(|e| e.to_string())
    })
}

/// An existing Teamlead database, opened for reading (nothing is written to it).
fn open_existing(db: &Path) -> Result<Connection> {
    if !db.is_file() {
        return Err(Error::Backup {
            path: backup_dir(db).display().to_string(),
            reason: format!("there is no database at {}", db.display()),
        });
    }
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    store::check_identity(&conn, &db.display().to_string())?;
    Ok(conn)
}

/// Backs up the Teamlead database at `db` into its backups folder. It may be open elsewhere
/// in this process: the copy is one read transaction.
pub fn back_up(db: &Path, kind: BackupKind, now: Millis) -> Result<Backup> {
    let conn = open_existing(db)?;
    back_up_connection(&conn, db, kind, now)
}

/// Every backup of `db`, the newest first. Other files in the folder are left out.
pub fn list(db: &Path) -> Result<Vec<Backup>> {
    let dir = backup_dir(db);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let stem = stem(db);
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some((kind, at, n)) = name.to_str().and_then(|n| parse_file_name(&stem, n)) else {
            continue;
        };
        let meta = entry.metadata()?;
        if meta.is_file() {
            let backup = Backup {
                path: entry.path(),
                kind,
                created_at: at,
                size: meta.len(),
            };
            found.push(((at, n), backup));
        }
    }
    found.sort_by_key(|(order, _)| Reverse(*order));
    Ok(found.into_iter().map(|(_, b)| b).collect())
}

/// The daily backups that retention deletes: all but the newest of each of the [`DAYS_KEPT`]
/// most recent days that have one and the newest of each of the [`WEEKS_KEPT`] most recent ISO
/// weeks that have one, days and weeks as `calendar` counts them. Counting days that have a
/// backup, rather than days of the calendar, keeps a lead who was away from losing them all.
/// Manual, before-migration and before-restore backups are never deleted.
pub fn expired<'a>(backups: &'a [Backup], calendar: &Calendar) -> Vec<&'a Backup> {
    let mut daily: Vec<&Backup> = backups
        .iter()
        .filter(|b| b.kind == BackupKind::Daily)
        .collect();
    daily.sort_by_key(|b| Reverse(b.created_at));
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    daily
        .into_iter()
        .filter(|backup| {
            let day = calendar.date_of(backup.created_at);
            let week = day.iso_week();
            let mut kept = false;
            if days.len() < DAYS_KEPT && !days.contains(&day) {
                days.push(day);
                kept = true;
            }
            if weeks.len() < WEEKS_KEPT && !weeks.contains(&week) {
                weeks.push(week);
                kept = true;
            }
            !kept
        })
        .collect()
}

/// The day's backup: made when `db` has no daily backup of today (the lead's day, by
/// `calendar`) yet, and then the daily backups [`expired`] names are deleted, with any
/// temporary file an interrupted backup left. `None` when the day had one already.
pub fn daily(db: &Path, now: Millis, calendar: &Calendar) -> Result<Option<Backup>> {
    let today = calendar.date_of(now);
    let mut backups = list(db)?;
    if backups
        .iter()
        .any(|b| b.kind == BackupKind::Daily && calendar.date_of(b.created_at) == today)
    {
        return Ok(None);
    }
    let made = back_up(db, BackupKind::Daily, now)?;
    backups.push(made.clone());
    // Deleting is tidying: a file that cannot be removed now is tried again tomorrow.
    for old in expired(&backups, calendar) {
        let _ = fs::remove_file(&old.path);
    }
    if let Ok(entries) = fs::read_dir(backup_dir(db)) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && name.ends_with(".partial") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    Ok(Some(made))
}

/// Checks a copy of a file to restore: a whole Teamlead database of a schema this version
/// knows, every recorded migration as built in, and SQLite's integrity check clean. Returns
/// its schema version.
fn check_restorable(copy: &Path) -> std::result::Result<i64, RestoreRefusal> {
    let mut header = Vec::with_capacity(100);
    File::open(copy)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .map_err(|e| RestoreRefusal::Unreadable(e.to_string()))?;
    if header.is_empty() {
        return Err(RestoreRefusal::Empty);
    }
    if !header.starts_with(SQLITE_MAGIC) {
        return Err(RestoreRefusal::NotSqlite);
    }
    if header.len() < 100 {
        return Err(RestoreRefusal::Corrupt(
            "it ends inside its header".to_owned(),
        ));
    }
    let corrupt = |e: rusqlite::Error| RestoreRefusal::Corrupt(e.to_string());
    let conn = Connection::open_with_flags(
        copy,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(corrupt)?;
    let pragma = |name: &str| -> std::result::Result<i64, RestoreRefusal> {
        conn.query_row(&format!("PRAGMA {name}"), [], |row| row.get(0))
            .map_err(corrupt)
    };
    if pragma("application_id")? != APPLICATION_ID {
        return Err(RestoreRefusal::Foreign);
    }
    let version = pragma("user_version")?;
    let supported = store::latest_version();
    if version > supported {
        return Err(RestoreRefusal::TooNew {
            found: version,
            supported,
        });
    }
    if version < 1 {
        return Err(RestoreRefusal::Corrupt(
            "it records no schema version".to_owned(),
        ));
    }
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .map_err(corrupt)?;
    if problems != ["ok"] {
        let first = problems.into_iter().next().unwrap_or_default();
        return Err(RestoreRefusal::Corrupt(first));
    }
    match store::migrations_check(&conn) {
        Ok(_) => {}
        Err(Error::MigrationChanged { version }) => {
            return Err(RestoreRefusal::MigrationChanged { version })
        }
        Err(other) => return Err(RestoreRefusal::Corrupt(other.to_string())),
    }
    check_text(&conn)?;
    Ok(version)
}

/// Every text in the file is UTF-8, as the app reads it: SQLite's integrity check does not
/// look inside values, and one damaged byte in a name would stop the app from opening it.
fn check_text(conn: &Connection) -> std::result::Result<(), RestoreRefusal> {
    let corrupt = |e: rusqlite::Error| RestoreRefusal::Corrupt(e.to_string());
    // The schema itself too: the app reads its SQL to set up undo.
    let tables: Vec<String> = conn
        .prepare(
            "SELECT 'sqlite_schema' UNION ALL SELECT name FROM sqlite_schema WHERE type = 'table'",
        )
        .and_then(|mut stmt| {
            stmt.query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .map_err(corrupt)?;
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{}\"", table.replace('"', "\"\"")))
            .map_err(corrupt)?;
        let width = stmt.column_count();
        let mut rows = stmt.query([]).map_err(corrupt)?;
        while let Some(row) = rows.next().map_err(corrupt)? {
            for i in 0..width {
                if let rusqlite::types::ValueRef::Text(text) = row.get_ref(i).map_err(corrupt)? {
                    if std::str::from_utf8(text).is_err() {
                        return Err(RestoreRefusal::Corrupt(format!(
                            "the table {table} holds text that is not UTF-8"
                        )));
                    }
                }
            }
        }
    }
    Ok(())
}

/// A copy of the data `db` holds now, before a restore replaces it. A file SQLite cannot read
/// (often the reason to restore) is copied byte for byte, with its write-ahead log.
fn back_up_before_restore(db: &Path, now: Millis) -> Result<Backup> {
    let vacuumed = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(Error::from)
    .and_then(|conn| back_up_connection(&conn, db, BackupKind::BeforeRestore, now));
    if vacuumed.is_ok() {
        return vacuumed;
    }
    let wal = with_suffix(db, "-wal");
    let backup = write_backup(db, BackupKind::BeforeRestore, now, |temp| {
        fs::copy(db, temp).map(|_| ()).map_err(|e| e.to_string())
    })?;
    if wal.exists() {
        let target = with_suffix(&backup.path, "-wal");
        fs::copy(&wal, &target)
            .and_then(|_| File::open(&target)?.sync_all())
            .map_err(|e| Error::Backup {
                path: target.display().to_string(),
                reason: e.to_string(),
            })?;
    }
    Ok(backup)
}

/// Replaces the database at `db` with the file `from`, which is checked first: a Teamlead
/// database, of a schema this version knows (an older one is migrated when next opened),
/// with the migrations built into it and a clean integrity check. A file that fails any check
/// is refused ([`Error::RestoreRefused`]) before anything is touched.
///
/// Every connection to `db` must be closed (the app closes its store and takes the one-app
/// lock). The current data is backed up first (`before-restore`); then a checked copy, made
/// in the database's folder and flushed, is renamed over the database after its stale
/// write-ahead log and shared-memory files are removed, so the database is always either the
/// old one or the restored one.
pub fn restore(db: &Path, from: &Path, now: Millis) -> Result<Restored> {
    let refused = |reason| Error::RestoreRefused {
        path: from.display().to_string(),
        reason,
    };
    let source = File::open(from).and_then(|f| f.metadata());
    match source {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Err(refused(RestoreRefusal::Unreadable("it is a folder".into()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(refused(RestoreRefusal::Unreadable(
                "there is no such file".into(),
            )))
        }
        Err(e) => return Err(refused(RestoreRefusal::Unreadable(e.to_string()))),
    }
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let copy = db.with_file_name(format!(".{name}.restoring"));
    let remove_copy = || {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = fs::remove_file(with_suffix(&copy, suffix));
        }
    };
    remove_copy();
    let failed = |reason: String| Error::RestoreFailed {
        path: from.display().to_string(),
        reason,
    };
    // The chosen file is only read; what is checked is the copy that will be renamed into
    // place, so nothing can change between the checks and the restore.
    if let Err(e) = fs::copy(from, &copy) {
        remove_copy();
        return Err(failed(format!(
            "it could not be copied into {}: {e}",
            copy.parent().unwrap_or(Path::new(".")).display()
        )));
    }
    let version = match check_restorable(&copy) {
        Ok(version) => version,
        Err(reason) => {
            remove_copy();
            return Err(refused(reason));
        }
    };
    let replaced = match replace(db, &copy, now) {
        Ok(replaced) => replaced,
        Err(error) => {
            remove_copy();
            return Err(match error {
                Error::Backup { .. } => error,
                other => failed(other.to_string()),
            });
        }
    };
    Ok(Restored {
        schema_version: version,
        replaced,
    })
}

fn replace(db: &Path, copy: &Path, now: Millis) -> Result<Option<Backup>> {
    let replaced = if db.exists() {
        Some(back_up_before_restore(db, now)?)
    } else {
        None
    };
    File::open(copy)?.sync_all()?;
    // A log left beside the database would be replayed into the restored file: it goes
    // first. The data it held is in the backup just made.
    remove_if_present(&with_suffix(db, "-wal"))?;
    remove_if_present(&with_suffix(db, "-shm"))?;
    fs::rename(copy, db)?;
    sync_dir(db.parent().unwrap_or(Path::new(".")));
    Ok(replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_the_time_and_kind_and_read_back() {
        let at = 1_772_439_300_000; // 2026-03-02 08:15:00 UTC
        let name = file_name("teamlead", BackupKind::BeforeMigration, at + 250, 1);
        assert_eq!(
            name,
            "teamlead-2026-03-02T08-15-00Z-before-migration.sqlite3"
        );
        assert_eq!(
            parse_file_name("teamlead", &name),
            Some((BackupKind::BeforeMigration, at, 1))
        );
        let second = file_name("teamlead", BackupKind::Daily, at, 12);
        assert_eq!(second, "teamlead-2026-03-02T08-15-00Z-daily-12.sqlite3");
        assert_eq!(
            parse_file_name("teamlead", &second),
            Some((BackupKind::Daily, at, 12))
        );
        for other in [
            "teamlead.sqlite3",
            "teamlead-2026-03-02T08-15-00Z-weekly.sqlite3",
            "teamlead-2026-03-02T08-15-00Z-daily-.sqlite3",
            "teamlead-2026-03-02T08-15-00Z-daily-x.sqlite3",
            "teamlead-2026-13-02T08-15-00Z-daily.sqlite3",
            "teamlead-2026-03-02T08-15-00Z-daily.sqlite3-wal",
            ".teamlead-2026-03-02T08-15-00Z-daily.sqlite3.partial",
            "other-2026-03-02T08-15-00Z-daily.sqlite3",
        ] {
            assert_eq!(parse_file_name("teamlead", other), None, "{other}");
        }
    }
}

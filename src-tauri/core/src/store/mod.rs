//! The SQLite file: opening it, migrating it, and the one helper every write goes through.

mod migrations;
mod undo;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub(crate) use migrations::check as migrations_check;
pub use migrations::{latest_version, Migration, MIGRATIONS};
pub use undo::{UndoState, UNDO_DEPTH};

use crate::backup::{self, BackupKind};
use crate::error::{Error, Result};

/// `PRAGMA application_id` of every Teamlead database ("TLDB").
pub const APPLICATION_ID: i64 = 0x544C_4442;

/// Milliseconds since the Unix epoch.
pub type Millis = i64;

/// Where the store reads the time from; tests fix it.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> Millis + Send + Sync>);

impl Clock {
    pub fn system() -> Self {
        Clock(Arc::new(|| chrono::Utc::now().timestamp_millis()))
    }

    pub fn fixed(at: Millis) -> Self {
        Clock(Arc::new(move || at))
    }

    pub fn from_fn(f: impl Fn() -> Millis + Send + Sync + 'static) -> Self {
        Clock(Arc::new(f))
    }

    pub fn now(&self) -> Millis {
        (self.0)()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

/// An open Teamlead database.
pub struct Store {
    conn: Connection,
    clock: Clock,
    recorder: undo::Recorder,
    /// Whether the undo log holds steps that can be redone; kept here so that actions
    /// need not ask the database.
    redoable: bool,
}

/// A write in progress, inside `BEGIN IMMEDIATE`; if it is dropped before the commit (an
/// error or a panic in the operation), it rolls back.
pub struct Tx<'a> {
    conn: &'a Connection,
    pub(crate) now: Millis,
    committed: bool,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl<'a> Tx<'a> {
    fn begin(conn: &'a Connection, now: Millis) -> Result<Tx<'a>> {
        conn.prepare_cached("BEGIN IMMEDIATE")?.execute([])?;
        Ok(Tx {
            conn,
            now,
            committed: false,
        })
    }

    fn commit(mut self) -> Result<()> {
        self.conn.prepare_cached("COMMIT")?.execute([])?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.committed && !self.conn.is_autocommit() {
            // Nothing more can be done about a failed rollback here; the connection reports
            // the open transaction on its next use.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it to the latest schema.
    /// A database of an older schema is first copied into `backups/` beside it
    /// ([`BackupKind::BeforeMigration`]); if that copy cannot be made, nothing is migrated.
    pub fn open(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        Store::from_connection(conn, &path.display().to_string(), Some(path))
    }

    /// A private database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Store::from_connection(Connection::open_in_memory()?, ":memory:", None)
    }

    fn from_connection(mut conn: Connection, label: &str, file: Option<&Path>) -> Result<Store> {
        // Nothing is written to the file before it is known to be ours, of a schema this
        // build knows, and (when it is about to be migrated) copied.
        check_identity(&conn, label)?;
        let version = migrations::check(&conn)?;
        if let Some(file) = file.filter(|_| version > 0 && version < latest_version()) {
            backup::back_up_connection(
                &conn,
                file,
                BackupKind::BeforeMigration,
                Clock::system().now(),
            )?;
        }
        configure(&conn)?;
        migrations::migrate(&mut conn, version)?;
        let recorder = undo::Recorder::install(&conn)?;
        let redoable = undo::any_redoable(&conn)?;
        Ok(Store {
            conn,
            clock: Clock::system(),
            recorder,
            redoable,
        })
    }

    /// Closes the database and says whether that worked; dropping a store closes it too,
    /// silently. A restore replaces the file only once it is closed.
    pub fn close(self) -> Result<()> {
        self.conn.close().map_err(|(_, error)| error.into())
    }

    pub fn with_clock(mut self, clock: Clock) -> Store {
        self.clock = clock;
        self
    }

    pub fn now(&self) -> Millis {
        self.clock.now()
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one immediate transaction: all of it is committed, or none of it.
    /// This is the only way the core writes.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let tx = Tx::begin(&self.conn, self.clock.now())?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Like [`Store::write`], and records what changed so that [`Store::undo`] can revert
    /// it; `label` names the action for the user ("Move card").
    pub fn act<T>(&mut self, label: &str, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let tx = Tx::begin(&self.conn, self.clock.now())?;
        self.recorder.start();
        let recording = undo::Recording(&self.recorder);
        let value = f(&tx)?;
        let (undo, redo) = self.recorder.stop();
        drop(recording);
        let saved = undo::save_step(&tx, label, &undo, &redo, self.redoable)?;
        tx.commit()?;
        if saved {
            self.redoable = false;
        }
        Ok(value)
    }

    /// Notes that the undo history was cleared outside of undo and redo.
    pub(crate) fn forget_redo(&mut self) {
        self.redoable = false;
    }

    /// How many times SQLite has re-prepared any statement of this connection. Hot paths
    /// must keep this flat: a re-prepare costs more than the statement itself.
    #[doc(hidden)]
    pub fn statement_reprepares(&self) -> i64 {
        let mut total = 0;
        // SAFETY: the handle is valid while `self.conn` lives, statements are only walked
        // and read here, and the connection is not used by another thread meanwhile (&self
        // on a !Sync connection).
        unsafe {
            let db = self.conn.handle();
            let mut stmt = rusqlite::ffi::sqlite3_next_stmt(db, std::ptr::null_mut());
            while !stmt.is_null() {
                total += i64::from(rusqlite::ffi::sqlite3_stmt_status(
                    stmt,
                    rusqlite::ffi::SQLITE_STMTSTATUS_REPREPARE,
                    0,
                ));
                stmt = rusqlite::ffi::sqlite3_next_stmt(db, stmt);
            }
        }
        total
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }
}

/// Settings every connection gets, in one place.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // journal_mode answers with a row, so it is read rather than executed.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;",
    )?;
    // The query planner stability guarantee: a statement keeps its plan whatever values are
    // bound to it. Without it SQLite re-prepares a statement whenever a new bound value might
    // suit another plan (a table with a partial index is enough), and the full-text index's
    // own statements, which cannot be rewritten, re-prepared on nearly every search.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Refuses files that are SQLite but not ours. A new, empty file is fine.
pub(crate) fn check_identity(conn: &Connection, label: &str) -> Result<()> {
    let foreign = || Error::NotTeamleadDatabase {
        path: label.to_owned(),
    };
    let read = || -> rusqlite::Result<(i64, i64)> {
        let app_id = conn.query_row("PRAGMA application_id", [], |row| row.get(0))?;
        let objects = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
        Ok((app_id, objects))
    };
    match read() {
        Ok((app_id, objects)) if app_id == APPLICATION_ID || (app_id == 0 && objects == 0) => {
            Ok(())
        }
        Ok(_) => Err(foreign()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(foreign())
        }
        Err(e) => Err(e.into()),
    }
}

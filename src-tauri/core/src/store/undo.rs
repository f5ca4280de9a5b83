//! Undo and redo of the lead's actions, kept in the database itself.
//!
//! At open, temporary triggers are generated for every ordinary table of the user's data (from
//! `PRAGMA table_info`, so new columns are covered without further work). While an undoable
//! action ([`Store::act`]) runs, each row it inserts, updates or deletes, cascades included,
//! hands the triggers' SQL for reverting it and for doing it again to [`Recorder`]; the
//! action's statements are stored in `undo_log` in the same transaction. Undo runs the
//! reverting statements newest first, redo the others oldest first. Every statement is
//! guarded by the row's expected values, so if the data changed since in a way the step
//! cannot explain, the undo or redo is refused and nothing is touched.

use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection, OptionalExtension};

use super::{Store, Tx};
use crate::error::{Error, Result};

/// How many actions can at least be undone.
pub const UNDO_DEPTH: i64 = 200;

/// Old steps are dropped in batches of this many, so most actions delete nothing.
const TRIM_BATCH: i64 = 50;

/// Tables whose changes are never recorded or reverted.
const UNRECORDED: &[&str] = &["undo_log", "schema_migrations"];

/// Separates statements in a stored step; it cannot occur in SQL that `quote()` wrote.
const SEPARATOR: char = '\u{1e}';

/// What the Undo and Redo commands would do now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UndoState {
    /// The label of the action Undo would revert.
    pub undo: Option<String>,
    /// The label of the action Redo would apply again.
    pub redo: Option<String>,
}

#[derive(Default)]
struct Pending {
    recording: bool,
    undo: Vec<String>,
    redo: Vec<String>,
}

/// Collects the statements the triggers hand over while an action runs.
#[derive(Clone, Default)]
pub(super) struct Recorder(Arc<Mutex<Pending>>);

impl Recorder {
    fn with<T>(&self, f: impl FnOnce(&mut Pending) -> T) -> T {
        f(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Registers the SQL functions the triggers call, and creates the triggers.
    pub(super) fn install(conn: &Connection) -> Result<Recorder> {
        let recorder = Recorder::default();
        let flag = recorder.clone();
        conn.create_scalar_function(
            "undo_recording",
            0,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY,
            move |_| Ok(flag.with(|p| p.recording)),
        )?;
        let sink = recorder.clone();
        conn.create_scalar_function(
            "undo_push",
            2,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY,
            move |ctx| {
                let undo: String = ctx.get(0)?;
                let redo: String = ctx.get(1)?;
                sink.with(|p| {
                    p.undo.push(undo);
                    p.redo.push(redo);
                });
                Ok(0)
            },
        )?;
        create_triggers(conn)?;
        Ok(recorder)
    }

    pub(super) fn start(&self) {
        self.with(|p| {
            p.recording = true;
            p.undo.clear();
            p.redo.clear();
        });
    }

    /// Stops recording and hands back (undo, redo) statements, in the order they ran.
    pub(super) fn stop(&self) -> (Vec<String>, Vec<String>) {
        self.with(|p| {
            p.recording = false;
            (std::mem::take(&mut p.undo), std::mem::take(&mut p.redo))
        })
    }
}

/// Stops recording when dropped, so a failed action leaves the recorder idle.
pub(super) struct Recording<'a>(pub(super) &'a Recorder);

impl Drop for Recording<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// Stores a finished action as the newest undo step, dropping whatever could be redone
/// (`redoable` says whether there is any). Returns whether a step was stored.
pub(super) fn save_step(
    tx: &Tx<'_>,
    label: &str,
    undo: &[String],
    redo: &[String],
    redoable: bool,
) -> Result<bool> {
    if undo.is_empty() {
        return Ok(false);
    }
    let join = |statements: &[String]| statements.join(&SEPARATOR.to_string());
    if redoable {
        tx.prepare_cached("DELETE FROM undo_log WHERE undone = 1")?
            .execute([])?;
    }
    tx.prepare_cached(
        "INSERT INTO undo_log (label, undo_sql, redo_sql, at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![label, join(undo), join(redo), tx.now])?;
    let id = tx.last_insert_rowid();
    if id % TRIM_BATCH == 0 {
        tx.prepare_cached("DELETE FROM undo_log WHERE id <= ?1")?
            .execute([id - UNDO_DEPTH])?;
    }
    Ok(true)
}

/// Whether the log holds steps that can be redone.
pub(super) fn any_redoable(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM undo_log WHERE undone = 1)")?
        .query_row([], |row| row.get(0))?)
}

struct TableInfo {
    name: String,
    columns: Vec<String>,
    /// Primary-key columns of a WITHOUT ROWID table; empty for rowid tables.
    key: Vec<String>,
}

fn tables(conn: &Connection) -> Result<Vec<TableInfo>> {
    // Only ordinary tables: a virtual table (the journal's full-text index) cannot carry
    // triggers, and its shadow tables are written by the virtual table itself, in step with
    // the triggers on the tables it indexes; replaying those tables' changes keeps it right.
    let names: Vec<(String, bool)> = conn
        .prepare(
            "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
               AND name IN (SELECT name FROM pragma_table_list
                            WHERE schema = 'main' AND type = 'table')
             ORDER BY name",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (name, without_rowid) in names {
        if UNRECORDED.contains(&name.as_str()) {
            continue;
        }
        let mut columns = Vec::new();
        let mut key = Vec::new();
        let mut stmt = conn.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
        for row in stmt.query_map([&name], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })? {
            let (column, pk) = row?;
            if without_rowid && pk > 0 {
                key.push(column.clone());
            }
            columns.push(column);
        }
        out.push(TableInfo { name, columns, key });
    }
    Ok(out)
}

fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// SQL that, inside a trigger, evaluates to the text of a SQL literal list such as
/// `'"a" = ' || quote(old."a") || ', "b" = ' || quote(old."b")`.
fn pairs(columns: &[String], row: &str, joiner: &str) -> String {
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let lead = if i == 0 { "" } else { joiner };
            let op = if joiner == " AND " { " IS " } else { " = " };
            format!(
                "'{lead}{col}{op}' || quote({row}.{col})",
                col = ident(c).replace('\'', "''")
            )
        })
        .collect::<Vec<_>>()
        .join(" || ")
}

fn values(columns: &[String], row: &str) -> String {
    columns
        .iter()
        .map(|c| format!("quote({row}.{})", ident(c)))
        .collect::<Vec<_>>()
        .join(" || ', ' || ")
}

fn create_triggers(conn: &Connection) -> Result<()> {
    let mut sql = String::new();
    for table in tables(conn)? {
        let t = ident(&table.name);
        let t_lit = t.replace('\'', "''");
        let column_list = table
            .columns
            .iter()
            .map(|c| ident(c))
            .collect::<Vec<_>>()
            .join(", ");
        let column_list_lit = column_list.replace('\'', "''");
        let rowid = table.key.is_empty();
        // The row's identity, from `old` or `new`.
        let key = |row: &str| {
            if rowid {
                format!("'rowid = ' || {row}.rowid")
            } else {
                pairs(&table.key, row, " AND ")
            }
        };
        let insert = |row: &str| -> String {
            let (cols, vals) = if rowid {
                (
                    format!("rowid, {column_list_lit}"),
                    format!("{row}.rowid || ', ' || {}", values(&table.columns, row)),
                )
            } else {
                (column_list_lit.clone(), values(&table.columns, row))
            };
            format!("'INSERT INTO {t_lit} ({cols}) VALUES (' || {vals} || ')'")
        };
        // Guarded: it only matches the row in exactly the state `row` describes.
        let delete = |row: &str| -> String {
            format!(
                "'DELETE FROM {t_lit} WHERE ' || {} || ' AND ' || {}",
                key(row),
                pairs(&table.columns, row, " AND ")
            )
        };
        // Only the columns the update changed are set, and guarded.
        let update = |to: &str, from: &str| -> String {
            let changed = |prefix: &str, row: &str, op: &str| -> String {
                let parts: Vec<String> = table
                    .columns
                    .iter()
                    .map(|c| {
                        let col = ident(c);
                        format!(
                            "CASE WHEN old.{col} IS NOT new.{col} THEN '{prefix}{lit}{op}' || quote({row}.{col}) ELSE '' END",
                            lit = col.replace('\'', "''"),
                        )
                    })
                    .collect();
                format!("substr({}, {})", parts.join(" || "), prefix.len() + 1)
            };
            format!(
                "'UPDATE {t_lit} SET ' || {} || ' WHERE ' || {} || ' AND ' || {}",
                changed(", ", to, " = "),
                key(from),
                changed(" AND ", from, " IS "),
            )
        };
        let name = table
            .name
            .replace(|c: char| !c.is_ascii_alphanumeric(), "_");
        // An update that changes nothing has nothing to undo.
        let changes = table
            .columns
            .iter()
            .map(|c| format!("old.{col} IS NOT new.{col}", col = ident(c)))
            .collect::<Vec<_>>()
            .join(" OR ");
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER undo_{name}_insert AFTER INSERT ON main.{t} WHEN undo_recording()
             BEGIN SELECT undo_push({}, {}); END;
             CREATE TEMP TRIGGER undo_{name}_delete AFTER DELETE ON main.{t} WHEN undo_recording()
             BEGIN SELECT undo_push({}, {}); END;
             CREATE TEMP TRIGGER undo_{name}_update AFTER UPDATE ON main.{t}
             WHEN undo_recording() AND ({changes})
             BEGIN SELECT undo_push({}, {}); END;\n",
            delete("new"),
            insert("new"),
            insert("old"),
            delete("old"),
            update("old", "new"),
            update("new", "old"),
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Runs stored statements; each must change exactly one row, or the whole step is refused.
fn replay<'a>(tx: &Tx<'_>, statements: impl Iterator<Item = &'a str>) -> Result<()> {
    // Rows come back in the reverse of the order they went, so children may return before
    // their parents: foreign keys are checked at commit instead.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    for statement in statements {
        let changed = match tx.execute(statement, []) {
            Ok(changed) => changed,
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                0
            }
            Err(other) => return Err(other.into()),
        };
        if changed != 1 {
            return Err(Error::invalid(
                "undo",
                "This step can no longer be undone or redone: the data it changed was changed again since.",
            ));
        }
    }
    Ok(())
}

impl Store {
    /// Reverts the newest action not yet undone, and returns its label; `None` when there is
    /// nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>> {
        let undone = self.write(|tx| {
            let step: Option<(i64, String, String)> = tx
                .prepare_cached(
                    "SELECT id, label, undo_sql FROM undo_log WHERE undone = 0
                     ORDER BY id DESC LIMIT 1",
                )?
                .query_row([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
                .optional()?;
            let Some((id, label, sql)) = step else {
                return Ok(None);
            };
            replay(tx, sql.split(SEPARATOR).rev())?;
            tx.prepare_cached("UPDATE undo_log SET undone = 1 WHERE id = ?1")?
                .execute([id])?;
            Ok(Some(label))
        })?;
        self.redoable |= undone.is_some();
        Ok(undone)
    }

    /// Applies again the oldest undone action, and returns its label; `None` when there is
    /// nothing to redo.
    pub fn redo(&mut self) -> Result<Option<String>> {
        let (redone, redoable) = self.write(|tx| {
            let step: Option<(i64, String, String)> = tx
                .prepare_cached(
                    "SELECT id, label, redo_sql FROM undo_log WHERE undone = 1
                     ORDER BY id LIMIT 1",
                )?
                .query_row([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
                .optional()?;
            let Some((id, label, sql)) = step else {
                return Ok((None, false));
            };
            replay(tx, sql.split(SEPARATOR))?;
            tx.prepare_cached("UPDATE undo_log SET undone = 0 WHERE id = ?1")?
                .execute([id])?;
            Ok((Some(label), any_redoable(tx)?))
        })?;
        self.redoable = redoable;
        Ok(redone)
    }

    pub fn undo_state(&self) -> Result<UndoState> {
        let label = |sql: &str| -> Result<Option<String>> {
            Ok(self
                .conn()
                .prepare_cached(sql)?
                .query_row([], |row| row.get(0))
                .optional()?)
        };
        Ok(UndoState {
            undo: label("SELECT label FROM undo_log WHERE undone = 0 ORDER BY id DESC LIMIT 1")?,
            redo: label("SELECT label FROM undo_log WHERE undone = 1 ORDER BY id LIMIT 1")?,
        })
    }
}

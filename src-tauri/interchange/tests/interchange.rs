//! Tests of the interchange formats, one binary with a module per area.

mod boards;
mod commands;
mod hostile;
mod roundtrip;

use std::path::{Path, PathBuf};

use teamlead_core::{Clock, Store};

/// The fixed time of every test store: 2026-03-14, 09:00 UTC.
pub const NOW: i64 = 1_773_478_800_000;

/// An empty store in a temporary directory, with a fixed clock.
pub fn empty_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("teamlead.sqlite3"))
        .expect("open store")
        .with_clock(Clock::fixed(NOW));
    (dir, store)
}

/// A file of the shared fixtures (`tests/fixtures` at the workspace root).
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

/// Tables whose contents are not the user's data, or are derived from it: the undo
/// history, the migrations' record (with the time each ran), AUTOINCREMENT counters, and
/// the full-text index's own storage.
fn derived(table: &str) -> bool {
    matches!(table, "undo_log" | "schema_migrations" | "sqlite_sequence")
        || table.starts_with("journal_search")
}

/// Every table of the user's data, each row in full, in primary key order.
pub fn dump_data(store: &Store) -> String {
    let conn = store.conn();
    let mut out = String::new();
    for table in data_tables(store) {
        out.push_str(&format!("# {table}\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1, 2"))
            .unwrap();
        let width = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<String> = (0..width)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            out.push_str(&values.join(" | "));
            out.push('\n');
        }
    }
    out
}

/// Every table, the undo history included: a refused import must leave all of it.
pub fn dump_all(store: &Store) -> String {
    let conn = store.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for table in tables {
        out.push_str(&format!("# {table}\n"));
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let width = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..width {
                out.push_str(&format!("{:?} ", row.get_ref(i).unwrap()));
            }
            out.push('\n');
        }
    }
    out
}

/// The names of the tables that hold the user's data.
pub fn data_tables(store: &Store) -> Vec<String> {
    store
        .conn()
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
             ORDER BY name",
        )
        .unwrap()
        .query_map([], |row| row.get::<_, String>(0))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .into_iter()
        .filter(|t| !derived(t))
        .collect()
}

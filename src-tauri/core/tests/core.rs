//! Integration tests of the core, one binary with a module per area.

mod backup;
mod board;
mod cards;
mod columns;
mod hostile;
mod journal;
mod metrics;
mod migrations;
mod plan;
mod ranks;
mod reports;
mod schema_fixtures;
mod settings;
mod storage;
mod team_goals;
mod undo;
mod workload;

use teamlead_core::{BoardView, Clock, ColumnId, MemberId, NewMember, Store};

/// A fresh store in a temporary directory, with a fixed clock.
pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("teamlead.sqlite3"))
        .expect("open store")
        .with_clock(Clock::fixed(1_700_000_000_000));
    (dir, store)
}

/// A store with a board "Test" of three columns.
pub fn board_store() -> (tempfile::TempDir, Store, BoardView) {
    let (dir, mut store) = temp_store();
    let view = store
        .create_board("Test", &["To do", "Doing", "Done"])
        .expect("create board");
    (dir, store, view)
}

/// Adds a team member without skills.
pub fn add_member(store: &mut Store, name: &str) -> MemberId {
    store
        .create_member(&NewMember {
            name: name.into(),
            role: String::new(),
            skills: vec![],
        })
        .expect("create member")
}

pub fn column(view: &BoardView, index: usize) -> ColumnId {
    view.columns[index].id
}

/// Every table's full contents, to compare the database before and after a failed call.
pub fn dump(store: &Store) -> String {
    dump_except(store, &[])
}

/// The user's data: every table but the undo history.
pub fn dump_data(store: &Store) -> String {
    dump_except(store, &["undo_log"])
}

/// The user's data without the undo history and the full-text index (whose pages differ
/// after an undo even when what it finds is the same).
pub fn dump_without_index(store: &Store) -> String {
    without_index(&dump(store))
}

/// A dump without the undo history and the full-text index.
pub fn without_index(dump: &str) -> String {
    dump.split("\n# ")
        .filter(|t| {
            !t.starts_with("journal_search")
                && !t.starts_with("undo_log")
                && !t.starts_with("sqlite_sequence")
        })
        .collect::<Vec<_>>()
        .join("\n# ")
}

fn dump_except(store: &Store, skipped: &[&str]) -> String {
    let conn = store.conn();
    let mut out = String::new();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for table in tables.iter().filter(|t| !skipped.contains(&t.as_str())) {
        out.push_str(&format!("# {table}\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1"))
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

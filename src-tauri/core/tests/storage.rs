use teamlead_core::{Error, ErrorKind, Store};

use crate::temp_store;

fn pragma(store: &Store, name: &str) -> String {
    store
        .conn()
        .query_row(&format!("PRAGMA {name}"), [], |row| {
            let value: rusqlite::types::Value = row.get(0)?;
            Ok(match value {
                rusqlite::types::Value::Text(text) => text,
                other => format!("{other:?}"),
            })
        })
        .unwrap()
}

#[test]
fn open_sets_wal_normal_sync_foreign_keys_and_busy_timeout() {
    let (_dir, store) = temp_store();
    assert_eq!(pragma(&store, "journal_mode"), "wal");
    // NORMAL is 1.
    assert_eq!(pragma(&store, "synchronous"), "Integer(1)");
    assert_eq!(pragma(&store, "foreign_keys"), "Integer(1)");
    assert_eq!(pragma(&store, "busy_timeout"), "Integer(5000)");
}

#[test]
fn data_survives_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("teamlead.sqlite3");
    let card = {
        let mut store = Store::open(&path).unwrap();
        let view = store.create_board("Team", &["To do", "Done"]).unwrap();
        store.create_card(view.columns[1].id, "Ship it").unwrap()
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(store.card(card.id).unwrap(), card);
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let (_dir, mut store) = temp_store();
    let before = crate::dump(&store);
    let result: Result<(), Error> = store.write(|tx| {
        tx.execute(
            "INSERT INTO boards (name, created_at) VALUES ('half', 0)",
            [],
        )?;
        Err(Error::NotFound {
            entity: teamlead_core::Entity::Board,
            id: 1,
        })
    });
    assert!(result.is_err());
    assert_eq!(crate::dump(&store), before);
}

#[test]
fn a_foreign_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite3");
    {
        let conn = rusqlite_conn(&path);
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path)
        .err()
        .expect("a foreign file must be refused");
    assert!(
        matches!(error, Error::NotTeamleadDatabase { .. }),
        "{error:?}"
    );
    assert_eq!(error.kind(), ErrorKind::IncompatibleDatabase);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("teamlead.sqlite3");
    let garbage = b"this is a text file, not a database at all, and long enough to look".repeat(20);
    std::fs::write(&path, &garbage).unwrap();
    let error = Store::open(&path).err().expect("garbage must be refused");
    assert!(
        matches!(error, Error::NotTeamleadDatabase { .. }),
        "{error:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

fn rusqlite_conn(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// With STAT4, SQLite re-prepares a statement each time a value bound against an index
/// changes, which more than doubled the cost of a card move (`.cargo/config.toml`).
#[test]
fn sqlite_is_built_without_stat4() {
    let (_dir, store) = temp_store();
    let options: Vec<String> = store
        .conn()
        .prepare("PRAGMA compile_options")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(options.iter().any(|o| o == "ENABLE_FTS5"), "{options:?}");
    assert!(!options.iter().any(|o| o == "ENABLE_STAT4"), "{options:?}");
}

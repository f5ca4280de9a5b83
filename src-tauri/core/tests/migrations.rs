use teamlead_core::store::MIGRATIONS;
use teamlead_core::{Error, Store};

/// Released migrations and their checksums. Migrations are append-only: if this test fails
/// because a released migration changed, restore it and add a new migration instead.
const RELEASED: &[(i64, &str, &str)] = &[
    (1, "initial", "d077d35da6555fc6"),
    (2, "undo", "d1c89ae4ecd4ed5f"),
    (3, "board_settings", "cb56a3d1910a5321"),
    (4, "archive", "08c79520eb17a78e"),
    (5, "card_details", "165bba59a32b21e8"),
    (6, "journal", "b0d61253ae61eef1"),
    (7, "workload", "28b0f9496d39f3fd"),
    (8, "reports", "ab77a6346cd9f8d8"),
];

#[test]
fn released_migrations_are_never_edited() {
    for (version, name, checksum) in RELEASED {
        let migration = MIGRATIONS
            .iter()
            .find(|m| m.version == *version)
            .unwrap_or_else(|| panic!("released migration {version} was removed"));
        assert_eq!(migration.name, *name);
        assert_eq!(
            migration.checksum(),
            *checksum,
            "released migration {version} ({name}) was edited; add a new migration instead"
        );
    }
}

#[test]
fn versions_run_from_one_without_gaps() {
    for (index, migration) in MIGRATIONS.iter().enumerate() {
        assert_eq!(migration.version, index as i64 + 1, "{}", migration.name);
    }
}

#[test]
fn a_new_database_is_at_the_latest_version() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        MIGRATIONS.last().unwrap().version
    );
}

#[test]
fn every_migration_is_recorded_with_its_checksum() {
    let store = Store::open_in_memory().unwrap();
    let recorded: Vec<(i64, String)> = store
        .conn()
        .prepare("SELECT version, checksum FROM schema_migrations ORDER BY version")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let expected: Vec<(i64, String)> = MIGRATIONS
        .iter()
        .map(|m| (m.version, m.checksum()))
        .collect();
    assert_eq!(recorded, expected);
}

#[test]
fn reopening_a_migrated_database_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("teamlead.sqlite3");
    drop(Store::open(&path).unwrap());
    let store = Store::open(&path).unwrap();
    let count: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, MIGRATIONS.len() as i64);
}

#[test]
fn a_database_from_a_newer_teamlead_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("teamlead.sqlite3");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 999; PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path)
        .err()
        .expect("newer schema must be refused");
    match error {
        Error::SchemaTooNew { found, supported } => {
            assert_eq!(found, 999);
            assert_eq!(supported, MIGRATIONS.last().unwrap().version);
        }
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_database_whose_applied_migration_differs_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("teamlead.sqlite3");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1",
            [],
        )
        .unwrap();
    }
    let error = Store::open(&path)
        .err()
        .expect("edited migration must be refused");
    assert!(
        matches!(error, Error::MigrationChanged { version: 1 }),
        "{error:?}"
    );
}

/// A database made by the first schema, with data in it, upgrades to the latest and keeps
/// its data; the new undo history works on it.
#[test]
fn a_database_of_the_first_schema_upgrades_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("teamlead.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let first = &MIGRATIONS[0];
        conn.execute_batch(&format!(
            "PRAGMA application_id = {};
             CREATE TABLE schema_migrations (
                 version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
                 applied_at TEXT NOT NULL DEFAULT (datetime('now')));
             {}
             INSERT INTO schema_migrations (version, name, checksum) VALUES (1, 'initial', '{}');
             INSERT INTO boards (id, name, created_at) VALUES (1, 'Old board', 0);
             INSERT INTO columns (id, board_id, name, rank) VALUES (1, 1, 'To do', 'V');
             INSERT INTO columns (id, board_id, name, rank) VALUES (2, 1, 'Done', 'k');
             INSERT INTO cards (id, column_id, rank, title, created_at, updated_at)
                 VALUES (1, 1, 'V', 'Written by schema 1', 0, 0);
             PRAGMA user_version = 1;",
            teamlead_core::store::APPLICATION_ID,
            first.sql,
            first.checksum()
        ))
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        MIGRATIONS.last().unwrap().version
    );
    let card = store.card(teamlead_core::CardId(1)).unwrap();
    assert_eq!(card.title, "Written by schema 1");
    assert_eq!(card.estimate, None);
    let view = store.board_view(teamlead_core::BoardId(1)).unwrap();
    let stages: Vec<_> = view
        .columns
        .iter()
        .map(|c| (c.stage, c.wip_limit))
        .collect();
    assert_eq!(
        stages,
        [
            (teamlead_core::Stage::NotStarted, None),
            (teamlead_core::Stage::Done, None)
        ]
    );
    store
        .rename_card(card.id, "Renamed after the upgrade")
        .unwrap();
    assert_eq!(store.undo().unwrap().as_deref(), Some("Edit title"));
    assert_eq!(store.card(card.id).unwrap().title, "Written by schema 1");
}

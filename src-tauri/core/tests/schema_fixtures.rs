//! A database of every released schema, committed as `tests/fixtures/schema-N.sqlite3` at the
//! root of the repository, upgraded to the latest schema with its data checked.
//!
//! The fixtures are made by [`generate`], as each version of Teamlead would have left them:
//! migration 1, then the rows schema 1 could hold, migration 2, the rows it added, and so on
//! up to N, all in plain SQL. `make fixtures` writes them (this test with
//! `TEAMLEAD_WRITE_FIXTURES=1`); without it, the test checks that the committed files hold
//! what the generator makes. A new migration needs its fixture: run `make fixtures`, add the
//! rows the new schema can hold to `ROWS` and checks to `upgraded_fixtures_keep_their_data`,
//! and commit the new file. Released fixtures never change.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use teamlead_core::backup::{self, BackupKind};
use teamlead_core::store::{latest_version, APPLICATION_ID, MIGRATIONS};
use teamlead_core::{BoardId, CardId, ColumnId, Error, MemberId, Priority, Stage, Store};

/// 2026-01-01 00:00 UTC.
const T: i64 = 1_767_225_600_000;

/// The rows each schema version adds, inserted right after its migration.
const ROWS: &[(i64, &str)] = &[
    (
        1,
        "INSERT INTO members (id, name, role, created_at) VALUES
             (1, 'Ana Souza', 'Backend', 1767225600000),
             (2, 'Bo Li', 'Frontend', 1767225600000);
         INSERT INTO member_skills (member_id, skill, level) VALUES
             (1, 'Rust', 4), (1, 'SQL', 3), (2, 'Svelte', 5);
         INSERT INTO boards (id, name, created_at) VALUES (1, 'Platform', 1767225600000);
         INSERT INTO columns (id, board_id, name, rank) VALUES
             (1, 1, 'To do', 'V'), (2, 1, 'Doing', 'k'), (3, 1, 'Done', 't');
         INSERT INTO cards (id, column_id, rank, title, assignee_id, created_at, updated_at)
         VALUES
             (1, 1, 'V', 'Schema 1: login form', 2, 1767225600000, 1767225600000),
             (2, 2, 'V', 'Schema 1: token refresh', 1, 1767225600000, 1767229200000),
             (3, 3, 'V', 'Schema 1: CI pipeline', NULL, 1767225600000, 1767232800000);
         INSERT INTO card_events (id, card_id, kind, from_column_id, to_column_id, member_id, at)
         VALUES
             (1, 1, 'created', NULL, 1, NULL, 1767225600000),
             (2, 1, 'assigned', NULL, NULL, 2, 1767225600000),
             (3, 2, 'created', NULL, 1, NULL, 1767225600000),
             (4, 2, 'moved', 1, 2, NULL, 1767229200000),
             (5, 3, 'created', NULL, 1, NULL, 1767225600000),
             (6, 3, 'moved', 1, 3, NULL, 1767232800000);",
    ),
    (
        // A renamed card and the step that undoes the rename, as the app of schema 2 left it.
        2,
        "UPDATE cards SET title = 'Schema 2: login form, renamed' WHERE id = 1;
         INSERT INTO card_events (id, card_id, kind, at) VALUES (7, 1, 'renamed', 1767312000000);
         INSERT INTO undo_log (id, label, undo_sql, redo_sql, undone, at) VALUES (1, 'Edit title',
             'UPDATE \"cards\" SET \"title\" = ''Schema 1: login form'' WHERE rowid = 1 AND \"title\" IS ''Schema 2: login form, renamed''' || char(30) ||
             'DELETE FROM \"card_events\" WHERE rowid = 7 AND \"id\" IS 7 AND \"card_id\" IS 1 AND \"kind\" IS ''renamed'' AND \"from_column_id\" IS NULL AND \"to_column_id\" IS NULL AND \"member_id\" IS NULL AND \"at\" IS 1767312000000',
             'UPDATE \"cards\" SET \"title\" = ''Schema 2: login form, renamed'' WHERE rowid = 1 AND \"title\" IS ''Schema 1: login form''' || char(30) ||
             'INSERT INTO \"card_events\" (rowid, \"id\", \"card_id\", \"kind\", \"from_column_id\", \"to_column_id\", \"member_id\", \"at\") VALUES (7, 7, 1, ''renamed'', NULL, NULL, NULL, 1767312000000)',
             0, 1767312000000);",
    ),
    (
        3,
        "UPDATE columns SET wip_limit = 3 WHERE id = 2;
         UPDATE cards SET estimate_centi = 250 WHERE id = 2;
         INSERT INTO boards (id, name, created_at, estimate_unit)
             VALUES (2, 'Schema 3: support', 1767398400000, 'hours');
         INSERT INTO columns (id, board_id, name, rank, stage) VALUES (4, 2, 'Inbox', 'V', 'not_started');
         INSERT INTO cards (id, column_id, rank, title, created_at, updated_at, estimate_centi)
             VALUES (4, 4, 'V', 'Schema 3: triage', 1767398400000, 1767398400000, 1200);
         INSERT INTO card_events (id, card_id, kind, to_column_id, at)
             VALUES (8, 4, 'created', 4, 1767398400000);",
    ),
    (
        4,
        "INSERT INTO cards (id, column_id, rank, title, created_at, updated_at, archived_at)
             VALUES (5, 1, 'k', 'Schema 4: archived spike', 1767484800000, 1767484800000, 1767488400000);
         INSERT INTO card_events (id, card_id, kind, to_column_id, at) VALUES
             (9, 5, 'created', 1, 1767484800000);
         INSERT INTO card_events (id, card_id, kind, at) VALUES (10, 5, 'archived', 1767488400000);",
    ),
    (
        5,
        "UPDATE cards SET description = 'Refresh **before** expiry', priority = 'high',
             due_date = '2026-03-20' WHERE id = 2;
         UPDATE cards SET blocked_reason = 'Schema 5: waiting for API keys',
             blocked_since = 1767571200000 WHERE id = 4;
         INSERT INTO card_events (id, card_id, kind, at, detail)
             VALUES (11, 4, 'blocked', 1767571200000, 'Schema 5: waiting for API keys');
         INSERT INTO columns (id, board_id, name, rank, stage, archived_at)
             VALUES (5, 1, 'Icebox', 'z', 'not_started', 1767571200000);
         INSERT INTO labels (id, board_id, name, color) VALUES (1, 1, 'security', 'vermillion');
         INSERT INTO card_labels (card_id, label_id) VALUES (2, 1);
         INSERT INTO card_skills (card_id, skill, min_level) VALUES (2, 'Rust', 3);
         INSERT INTO checklist_items (id, card_id, rank, text, done) VALUES
             (1, 2, 'V', 'Schema 5: write tests', 1), (2, 2, 'k', 'Schema 5: review', 0);",
    ),
    (
        6,
        "UPDATE members SET start_date = '2024-05-01', cadence = 'weekly',
             private_notes = 'Schema 6: wants to lead the migration' WHERE id = 1;
         INSERT INTO growth_goals (id, member_id, title, progress, created_at)
             VALUES (1, 1, 'Schema 6: lead a design review', 40, 1767657600000);
         INSERT INTO goal_skills (goal_id, skill) VALUES (1, 'Rust');
         INSERT INTO one_on_ones (id, member_id, date, notes, notes_shareable, notes_saved_at,
                                  mood, workload, created_at)
             VALUES (1, 1, '2026-01-06', 'Schema 6: we talked about the roadmap', 1,
                     1767661200000, 4, 3, 1767657600000);
         INSERT INTO agenda_items (session_id, rank, text, status)
             VALUES (1, 'V', 'Schema 6: conference budget', 'open');
         INSERT INTO action_items (session_id, text, owner, due_date, card_id, created_at)
             VALUES (1, 'Schema 6: book the venue', 'lead', '2026-02-01', 1, 1767657600000);
         INSERT INTO feedback (session_id, kind, situation, behaviour, impact, shareable, created_at)
             VALUES (1, 'praise', 'Schema 6: the outage', 'kept calm', 'fast recovery', 1,
                     1767657600000);
         INSERT INTO agenda_templates (name, items)
             VALUES ('Schema 6: quarterly', 'Goals' || char(10) || 'Risks');",
    ),
    (
        7,
        "UPDATE members SET weekly_capacity_centi = 3000 WHERE id = 1;
         INSERT INTO time_off (id, member_id, start_date, end_date)
             VALUES (1, 1, '2026-03-09', '2026-03-13');
         UPDATE cards SET pinned_to = 1 WHERE id = 2;",
    ),
    (
        8,
        "INSERT INTO goals (id, title, target_date, created_at)
             VALUES (1, 'Schema 8: launch v2', '2026-06-30', 1767830400000);
         UPDATE cards SET goal_id = 1 WHERE id = 2;
         INSERT INTO report_notes (board_id, period_from, period_to, status, status_reason, needs)
             VALUES (1, '2026-02-16', '2026-02-27', 'amber', 'Schema 8: one blocker',
                     'Schema 8: API keys from IT');
         INSERT INTO report_snapshots (id, board_id, period_from, period_to, format, exported_at)
             VALUES (1, 1, '2026-02-02', '2026-02-13', 'pdf', 1770976800000);
         INSERT INTO report_snapshot_risks (snapshot_id, key, summary)
             VALUES (1, 'blocked:card:4', 'Schema 8: triage is blocked');",
    ),
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn fixture(version: i64) -> PathBuf {
    fixtures_dir().join(format!("schema-{version}.sqlite3"))
}

/// Writes a database of schema `version` to `path` (which must not exist): each migration up
/// to it, applied as `Store::open` applies it, followed by the rows of its schema, in one
/// transaction. Pages of 1 KiB keep the files small; nothing in Teamlead depends on the size.
pub fn generate(version: i64, path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA page_size = 1024; PRAGMA foreign_keys = ON")
        .unwrap();
    for migration in MIGRATIONS.iter().filter(|m| m.version <= version) {
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        if migration.version == 1 {
            conn.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID};
                 CREATE TABLE schema_migrations (
                     version    INTEGER PRIMARY KEY,
                     name       TEXT    NOT NULL,
                     checksum   TEXT    NOT NULL,
                     applied_at TEXT    NOT NULL DEFAULT (datetime('now'))
                 );"
            ))
            .unwrap();
        }
        conn.execute_batch(migration.sql).unwrap();
        conn.execute(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at)
             VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![
                migration.version,
                migration.name,
                migration.checksum(),
                format!("2026-01-{:02} 09:00:00", migration.version)
            ],
        )
        .unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {}", migration.version))
            .unwrap();
        for (_, rows) in ROWS.iter().filter(|(v, _)| *v == migration.version) {
            conn.execute_batch(rows)
                .unwrap_or_else(|e| panic!("rows of schema {}: {e}", migration.version));
        }
        conn.execute_batch("COMMIT").unwrap();
    }
    let problems: Vec<(String, i64, String, i64)> = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(problems.is_empty(), "schema {version}: {problems:?}");
    conn.execute_batch("VACUUM").unwrap();
}

/// Everything a database holds that matters: its ids, its schema and every table's rows.
fn dump(path: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut out = String::new();
    for pragma in ["application_id", "user_version"] {
        let value: i64 = conn
            .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
            .unwrap();
        out.push_str(&format!("{pragma} {value}\n"));
    }
    let objects: Vec<(String, String, Option<String>)> = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (kind, name, sql) in &objects {
        out.push_str(&format!(
            "{kind} {name}: {}\n",
            sql.as_deref().unwrap_or("")
        ));
        if kind != "table" || name.starts_with("journal_search") {
            continue;
        }
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{name}\" ORDER BY 1"))
            .unwrap();
        let width = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<String> = (0..width)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            out.push_str(&format!("  {}\n", values.join(" | ")));
        }
    }
    out
}

#[test]
fn committed_fixtures_hold_what_the_generator_makes() {
    let write = std::env::var_os("TEAMLEAD_WRITE_FIXTURES").is_some_and(|v| v == "1");
    let scratch = tempfile::tempdir().unwrap();
    for version in 1..=latest_version() {
        let made = scratch.path().join(format!("schema-{version}.sqlite3"));
        generate(version, &made);
        let committed = fixture(version);
        if write {
            fs::create_dir_all(fixtures_dir()).unwrap();
            fs::copy(&made, &committed).unwrap();
            println!("wrote {}", committed.display());
        }
        assert!(
            committed.exists(),
            "{} is missing: run `make fixtures` and commit it",
            committed.display()
        );
        assert_eq!(
            dump(&committed),
            dump(&made),
            "{} differs from what the generator makes; released fixtures never change",
            committed.display()
        );
    }
}

/// A fixture copied into a fresh data folder, opened (so upgraded) by the store.
fn upgraded(version: i64) -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("teamlead.sqlite3");
    fs::copy(fixture(version), &db).unwrap();
    let store = Store::open(&db).unwrap_or_else(|e| panic!("schema {version}: {e}"));
    (dir, db, store)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn upgraded_fixtures_keep_their_data() {
    for version in 1..=latest_version() {
        let at = |since: i64| version >= since;
        let (_dir, db, mut store) = upgraded(version);
        let context = format!("schema {version}");
        assert_eq!(
            store.schema_version().unwrap(),
            latest_version(),
            "{context}"
        );

        // Schema 1: the team, the board, cards and their history.
        let members = store.list_members().unwrap();
        let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Ana Souza", "Bo Li"], "{context}");
        let ana_skills: Vec<(String, u8)> = members[0]
            .skills
            .iter()
            .map(|s| (s.name.clone(), s.level))
            .collect();
        assert_eq!(
            ana_skills,
            [("Rust".to_owned(), 4), ("SQL".to_owned(), 3)],
            "{context}"
        );
        let board = store.board_view(BoardId(1)).unwrap();
        let columns: Vec<(&str, Stage, Option<u32>)> = board
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.stage, c.wip_limit))
            .collect();
        let wip = if at(3) { Some(3) } else { None };
        assert_eq!(
            columns,
            [
                ("To do", Stage::NotStarted, None),
                ("Doing", Stage::InProgress, wip),
                ("Done", Stage::Done, None)
            ],
            "{context}: migration 3 reads stages from the names"
        );
        let login = store.card(CardId(1)).unwrap();
        let title = if at(2) {
            "Schema 2: login form, renamed"
        } else {
            "Schema 1: login form"
        };
        assert_eq!(login.title, title, "{context}");
        assert_eq!(login.assignee, Some(MemberId(2)), "{context}");
        let refresh = store.card_detail(CardId(2)).unwrap();
        assert_eq!(refresh.card.column_id, ColumnId(2), "{context}");
        assert_eq!(refresh.started_at, Some(T + 3_600_000), "{context}");
        let done = store.card_detail(CardId(3)).unwrap();
        assert_eq!(done.done_at, Some(T + 7_200_000), "{context}");

        // Schema 2: the undo history, replayed by today's undo.
        let undone = store.undo().unwrap();
        if at(2) {
            assert_eq!(undone.as_deref(), Some("Edit title"), "{context}");
            assert_eq!(
                store.card(CardId(1)).unwrap().title,
                "Schema 1: login form",
                "{context}"
            );
            assert_eq!(store.redo().unwrap().as_deref(), Some("Edit title"));
            assert_eq!(store.card(CardId(1)).unwrap().title, title, "{context}");
        } else {
            assert_eq!(undone, None, "{context}");
        }

        // Schema 3: estimates, units, WIP limits.
        let estimate = refresh.card.estimate.map(|e| e.units());
        assert_eq!(estimate, at(3).then_some(2.5), "{context}");
        let boards: Vec<String> = store
            .list_boards()
            .unwrap()
            .iter()
            .map(|b| format!("{} ({})", b.name, b.estimate_unit.as_str()))
            .collect();
        let mut expected = vec!["Platform (points)".to_owned()];
        if at(3) {
            expected.push("Schema 3: support (hours)".to_owned());
            assert_eq!(
                store.card(CardId(4)).unwrap().estimate.map(|e| e.units()),
                Some(12.0)
            );
        }
        assert_eq!(boards, expected, "{context}");

        // Schema 4: archived cards stay off the board, with their history.
        let archived: Vec<String> = store
            .archived_cards(BoardId(1))
            .unwrap()
            .into_iter()
            .map(|c| c.title)
            .collect();
        let expected: &[&str] = if at(4) {
            &["Schema 4: archived spike"]
        } else {
            &[]
        };
        assert_eq!(archived, expected, "{context}");

        // Schema 5: details, blocking, labels, skills, checklists, archived columns.
        let card = &refresh.card;
        if at(5) {
            assert_eq!(card.description, "Refresh **before** expiry", "{context}");
            assert_eq!(card.priority, Priority::High, "{context}");
            assert_eq!(card.due, Some(day("2026-03-20")), "{context}");
            let label = store.label(card.labels[0]).unwrap();
            assert_eq!(label.name, "security", "{context}");
            assert_eq!(
                card.skills
                    .iter()
                    .map(|s| (s.skill.as_str(), s.min_level))
                    .collect::<Vec<_>>(),
                [("Rust", 3)],
                "{context}"
            );
            let checklist: Vec<(&str, bool)> = refresh
                .checklist
                .iter()
                .map(|i| (i.text.as_str(), i.done))
                .collect();
            assert_eq!(
                checklist,
                [("Schema 5: write tests", true), ("Schema 5: review", false)],
                "{context}"
            );
            let blocked = store.card(CardId(4)).unwrap().blocked.unwrap();
            assert_eq!(blocked.reason, "Schema 5: waiting for API keys");
            let archived: Vec<(String, u32)> = store
                .archived_columns(BoardId(1))
                .unwrap()
                .into_iter()
                .map(|(c, n)| (c.name, n))
                .collect();
            assert_eq!(archived, [("Icebox".to_owned(), 0)], "{context}");
        } else {
            assert_eq!(card.description, "", "{context}");
            assert_eq!(card.priority, Priority::Normal, "{context}");
            assert!(card.labels.is_empty() && refresh.checklist.is_empty());
        }

        // Schema 6: the journal, with its full-text index.
        let ana = store.person(MemberId(1)).unwrap();
        let hits = store.search_journal("roadmap", None, 10).unwrap();
        let templates: Vec<String> = store
            .templates()
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect();
        if at(6) {
            assert_eq!(ana.start_date, Some(day("2024-05-01")), "{context}");
            assert_eq!(ana.private_notes, "Schema 6: wants to lead the migration");
            let session = store.session(teamlead_core::SessionId(1)).unwrap();
            assert_eq!(session.notes, "Schema 6: we talked about the roadmap");
            assert_eq!((session.mood, session.workload), (Some(4), Some(3)));
            assert_eq!(session.agenda[0].text, "Schema 6: conference budget");
            assert_eq!(session.action_items[0].text, "Schema 6: book the venue");
            assert_eq!(session.feedback[0].situation, "Schema 6: the outage");
            assert_eq!(hits.len(), 1, "{context}: {hits:?}");
            assert!(templates.contains(&"Schema 6: quarterly".to_owned()));
        } else {
            // Migration 6 gives everyone the default cadence and the built-in templates.
            assert_eq!(ana.start_date, None, "{context}");
            assert_eq!(ana.private_notes, "", "{context}");
            assert!(hits.is_empty(), "{context}");
            assert_eq!(templates.len(), 4, "{context}: {templates:?}");
        }

        // Schema 7: capacity, time off, pins.
        let time_off: Vec<(NaiveDate, NaiveDate)> = store
            .time_off()
            .unwrap()
            .into_iter()
            .map(|t| (t.start, t.end))
            .collect();
        if at(7) {
            assert_eq!(time_off, [(day("2026-03-09"), day("2026-03-13"))]);
            assert_eq!(card.pinned_to, Some(MemberId(1)), "{context}");
        } else {
            assert!(time_off.is_empty() && card.pinned_to.is_none(), "{context}");
        }

        // Schema 8: the lead's goals and what they wrote into reports.
        let goals: Vec<String> = store
            .list_team_goals()
            .unwrap()
            .into_iter()
            .map(|g| format!("{} by {}", g.title, g.target))
            .collect();
        let period =
            teamlead_core::metrics::Period::new(day("2026-02-16"), day("2026-02-27")).unwrap();
        let notes = store.report_notes(BoardId(1), period).unwrap();
        if at(8) {
            assert_eq!(goals, ["Schema 8: launch v2 by 2026-06-30"], "{context}");
            assert_eq!(notes.needs, "Schema 8: API keys from IT", "{context}");
            let linked = store.team_goal_cards(teamlead_core::TeamGoalId(1)).unwrap();
            assert_eq!(linked, [CardId(2)], "{context}");
        } else {
            assert!(goals.is_empty() && notes.needs.is_empty(), "{context}");
        }

        // New work on an upgraded database is undoable like any other.
        store.rename_card(CardId(3), "After the upgrade").unwrap();
        assert_eq!(store.undo().unwrap().as_deref(), Some("Edit title"));

        // The file was copied, as it was, before it was migrated.
        let backups = backup::list(&db).unwrap();
        drop(store);
        if version < latest_version() {
            assert_eq!(backups.len(), 1, "{context}: {backups:?}");
            assert_eq!(backups[0].kind, BackupKind::BeforeMigration);
            assert_eq!(
                dump(&backups[0].path),
                dump(&fixture(version)),
                "{context}: the backup is the fixture"
            );
        } else {
            assert!(backups.is_empty(), "{context}: nothing to migrate");
        }
    }
}

#[test]
fn a_database_newer_than_this_build_is_refused_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("teamlead.sqlite3");
    fs::copy(fixture(latest_version()), &db).unwrap();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(&format!("PRAGMA user_version = {}", latest_version() + 1))
        .unwrap();
    let before = fs::read(&db).unwrap();
    let error = Store::open(&db).err().expect("a newer schema is refused");
    assert!(
        matches!(error, Error::SchemaTooNew { found, supported }
            if found == latest_version() + 1 && supported == latest_version()),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "This database was written by a newer version of Teamlead (schema {}, this version \
             knows up to {}). Update Teamlead to open it; the file was not changed.",
            latest_version() + 1,
            latest_version()
        )
    );
    assert_eq!(fs::read(&db).unwrap(), before);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["teamlead.sqlite3"], "no log, no backup");
}

//! The whole workspace to JSON and back: nothing lost, nothing changed.

use teamlead_core::demo_history::report_demo;
use teamlead_core::journal::NewSession;
use teamlead_core::{Clock, Store};
use teamlead_interchange::{self as interchange, format, Kind};

use crate::{data_tables, dump_data, empty_store, NOW};

/// The demo team two weeks into reporting (history, goals, a report snapshot, the lead's
/// needs), with its one-on-ones, and a few more things the demo lacks: a pinned card, an
/// archived column, a deleted column (whose id the history still names), a template of
/// the lead's own, and a one-on-one that carried a talking point over.
fn rich_store() -> Store {
    let (mut store, board) = report_demo(None, NOW).expect("demo");
    let view = store.board_view(board).unwrap();
    let assigned = view.cards.iter().find(|c| c.assignee.is_some()).unwrap().id;
    store.pin_card(assigned, true).unwrap();
    store.archive_column(view.columns[0].id).unwrap();
    store
        .delete_column(view.columns[3].id, Some(view.columns[2].id))
        .unwrap();
    store
        .create_template(
            "Quarterly",
            &[
                "Goals for the quarter".to_owned(),
                "Feedback for me".to_owned(),
            ],
        )
        .unwrap();
    let ana = store
        .list_members()
        .unwrap()
        .into_iter()
        .find(|m| m.name == "Ana Souza")
        .unwrap()
        .id;
    let session = store
        .create_session(
            ana,
            NewSession {
                date: chrono::NaiveDate::from_ymd_opt(2026, 3, 13).unwrap(),
                template: None,
                aging_days: 5,
            },
        )
        .unwrap();
    store
        .save_session_notes(
            session.id,
            "Notes with \"quotes\", a tab\tand ümlauts — 漢字.\n",
        )
        .unwrap();
    store
}

fn json(store: &Store) -> Vec<u8> {
    interchange::export::to_bytes(&interchange::export(store).unwrap()).unwrap()
}

#[test]
fn a_rich_workspace_survives_export_and_import_unchanged() {
    let source = rich_store();
    // Every table of the user's data has something in it, so each is covered.
    for table in data_tables(&source) {
        let rows: i64 = source
            .conn()
            .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(rows > 0, "the rich workspace has no rows in {table}");
    }
    let first = json(&source);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.json");
    let written = interchange::export_file(&source, &file, false).unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), first);
    assert_eq!(written, first.len() as u64);

    let (_dir, mut target) = empty_store();
    let imported = interchange::import_file(&mut target, Kind::Json, &file, None).unwrap();
    assert_eq!(imported.boards, 1);
    assert_eq!(imported.people, 6);
    assert!(imported.cards >= 54, "{imported:?}");
    assert!(imported.sessions >= 6, "{imported:?}");

    let second = json(&target.with_clock(Clock::fixed(NOW)));
    let (first_text, second_text) = (
        String::from_utf8(first).unwrap(),
        String::from_utf8(second).unwrap(),
    );
    assert!(first_text == second_text, "the second export differs");
}

#[test]
fn the_imported_tables_equal_the_exported_ones() {
    let source = rich_store();
    let document = interchange::export(&source).unwrap();
    assert_eq!(document.format, format::FORMAT);
    assert_eq!(document.version, 1);
    let text = String::from_utf8(interchange::export::to_bytes(&document).unwrap()).unwrap();
    assert!(text.starts_with("{\n  \"format\": \"teamlead\",\n  \"version\": 1,"));

    let (_dir, mut target) = empty_store();
    let prepared = interchange::prepare_text(Kind::Json, "backup.json", &text, None, "").unwrap();
    interchange::apply(&mut target, prepared).unwrap();
    let (before, after) = (dump_data(&source), dump_data(&target));
    if before != after {
        let diff: Vec<_> = before
            .lines()
            .zip(after.lines())
            .filter(|(a, b)| a != b)
            .take(5)
            .collect();
        panic!("the tables differ, first lines:\n{diff:#?}");
    }

    // The full-text index was rebuilt from the imported journal.
    let hits = target.search_journal("resume", None, 10).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].member_name, "Chidi Okafor");
    // Nothing to undo: the history of before the import is gone.
    assert_eq!(target.undo_state().unwrap().undo, None);
    // New journal rows still draw their ids from their own range.
    let session = document.sessions[0].id;
    let point = target
        .add_agenda_item(teamlead_core::SessionId(session), "After the import")
        .unwrap();
    assert_eq!(point.id.0 >> 40, 1, "{}", point.id.0);
}

#[test]
fn estimates_and_capacities_are_written_in_units() {
    let source = rich_store();
    let document = interchange::export(&source).unwrap();
    let people_capacity: Vec<Option<f64>> =
        document.people.iter().map(|p| p.weekly_capacity).collect();
    assert!(people_capacity.contains(&Some(8.0)), "{people_capacity:?}");
    let estimates: Vec<f64> = document.boards[0]
        .cards
        .iter()
        .filter_map(|c| c.estimate)
        .collect();
    assert!(estimates.contains(&13.0), "{estimates:?}");
    // Private content is all there: this is the lead's own backup.
    assert!(document
        .people
        .iter()
        .any(|p| p.private_notes.contains("Lisbon")));
}

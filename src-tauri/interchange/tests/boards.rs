//! Boards from other tools: a Trello export and a CSV file, added in one undoable step.

use teamlead_core::{BoardId, BoardView, Card, Estimate, LabelColor, Priority, Stage, Store};
use teamlead_interchange::{self as interchange, Kind};

use crate::{dump_data, empty_store, fixture};

fn demo_store() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = empty_store();
    store.seed_demo().unwrap();
    (dir, store)
}

fn card<'v>(view: &'v BoardView, title: &str) -> &'v Card {
    view.cards
        .iter()
        .find(|c| c.title == title)
        .unwrap_or_else(|| panic!("no card {title}"))
}

fn titles_in(view: &BoardView, column: &str) -> Vec<String> {
    let column = view.columns.iter().find(|c| c.name == column).unwrap().id;
    view.cards_in(column).map(|c| c.title.clone()).collect()
}

fn member_name(store: &Store, card: &Card) -> Option<String> {
    let id = card.assignee?;
    store
        .list_members()
        .unwrap()
        .into_iter()
        .find(|m| m.id == id)
        .map(|m| m.name)
}

#[test]
fn a_trello_export_becomes_a_board_with_its_lists_cards_labels_and_members() {
    let (_dir, mut store) = demo_store();
    let before = dump_data(&store);
    let people_before = store.list_members().unwrap().len();
    let imported = interchange::import_file(
        &mut store,
        Kind::Trello,
        &fixture("trello-board.json"),
        None,
    )
    .unwrap();
    assert_eq!(
        (
            imported.boards,
            imported.columns,
            imported.labels,
            imported.people,
            imported.cards
        ),
        (1, 4, 4, 2, 7)
    );
    let board = BoardId(imported.board.unwrap());
    let view = store.board_view(board).unwrap();
    assert_eq!(view.board.name, "Mobile app launch");
    // Lists by their position; the closed one archived.
    let columns: Vec<(&str, Stage)> = view
        .columns
        .iter()
        .map(|c| (c.name.as_str(), c.stage))
        .collect();
    assert_eq!(
        columns,
        [
            ("Backlog", Stage::NotStarted),
            ("Doing", Stage::InProgress),
            ("Done", Stage::Done)
        ]
    );
    let archived: Vec<String> = store
        .archived_columns(board)
        .unwrap()
        .into_iter()
        .map(|(c, cards)| format!("{} ({cards})", c.name))
        .collect();
    assert_eq!(archived, ["Ideas (parked) (1)"]);
    // Cards by their position in each list.
    assert_eq!(
        titles_in(&view, "Doing"),
        [
            "Crash when rotating the checkout screen",
            "Push notifications for order updates"
        ]
    );
    assert_eq!(
        titles_in(&view, "Backlog"),
        ["Offline mode for the catalogue", "Dark mode"]
    );
    assert_eq!(titles_in(&view, "Done"), ["Sign in with Apple"]);
    let archived_cards: Vec<String> = store
        .archived_cards(board)
        .unwrap()
        .into_iter()
        .map(|c| c.title)
        .collect();
    assert_eq!(archived_cards, ["Old splash screen animation"]);

    // Labels, unnamed ones after their colour, in Teamlead's palette.
    let labels: Vec<(&str, LabelColor)> = view
        .labels
        .iter()
        .map(|l| (l.name.as_str(), l.color))
        .collect();
    assert_eq!(
        labels,
        [
            ("Bug", LabelColor::Vermillion),
            ("Design", LabelColor::Purple),
            ("Feature", LabelColor::Blue),
            ("Green", LabelColor::Green)
        ]
    );

    let push = card(&view, "Push notifications for order updates");
    assert!(push
        .description
        .starts_with("Send a push when an order ships.\n\n- iOS"));
    assert_eq!(push.due, chrono::NaiveDate::from_ymd_opt(2024, 4, 3));
    // The first member is the assignee; the others are people of the team.
    assert_eq!(member_name(&store, push).as_deref(), Some("Marco Rossi"));
    let detail = store.card_detail(push.id).unwrap();
    let checklist: Vec<(&str, bool)> = detail
        .checklist
        .iter()
        .map(|i| (i.text.as_str(), i.done))
        .collect();
    assert_eq!(
        checklist,
        [
            ("iOS: APNs certificate", true),
            ("Android: FCM topic per order", false),
            ("Quiet hours respected", true),
            ("Announce in the release notes", false)
        ]
    );
    // Made when Trello made it (the time in its id), then assigned.
    assert_eq!(detail.card.created_at, 0x65f1_a2b3 * 1000);
    let kinds: Vec<&str> = detail.history.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["created", "assigned"]);

    let crash = card(&view, "Crash when rotating the checkout screen");
    assert_eq!(member_name(&store, crash).as_deref(), Some("jdoe42"));
    assert_eq!(crash.labels.len(), 2);
    // A Trello member already on the team is the same person.
    let offline = card(&view, "Offline mode for the catalogue");
    assert_eq!(member_name(&store, offline).as_deref(), Some("Ana Souza"));
    assert_eq!(store.list_members().unwrap().len(), people_before + 2);

    // One step: a single undo takes all of it back.
    assert_eq!(
        store.undo_state().unwrap().undo.as_deref(),
        Some("Import from Trello")
    );
    store.undo().unwrap();
    assert!(
        dump_data(&store) == before,
        "the undo left part of the import"
    );
}

#[test]
fn csv_rows_become_cards_of_a_board_matching_columns_people_and_labels_by_name() {
    let (_dir, mut store) = demo_store();
    let board = store.list_boards().unwrap()[0].id;
    let columns_before = store.board_view(board).unwrap().columns.len();
    let people_before = store.list_members().unwrap().len();
    let imported =
        interchange::import_file(&mut store, Kind::Csv, &fixture("cards.csv"), Some(board))
            .unwrap();
    assert_eq!(
        (
            imported.boards,
            imported.columns,
            imported.labels,
            imported.people,
            imported.cards
        ),
        (0, 1, 0, 1, 4)
    );
    let view = store.board_view(board).unwrap();
    // "to do" is the board's "To do"; "Blocked" is made at the end; no column: the first.
    assert_eq!(view.columns.len(), columns_before + 1);
    assert_eq!(view.columns.last().unwrap().name, "Blocked");
    assert_eq!(
        titles_in(&view, "To do").last().unwrap(),
        "Export invoices as PDF"
    );
    assert_eq!(
        titles_in(&view, "Backlog").last().unwrap(),
        "Update the on-call rota"
    );
    let invoices = card(&view, "Export invoices as PDF");
    assert_eq!(
        invoices.description,
        "Customers ask for a PDF copy.\nUse the existing template, with the logo."
    );
    assert_eq!(invoices.estimate, Some(Estimate(300)));
    assert_eq!(invoices.due, chrono::NaiveDate::from_ymd_opt(2026, 4, 10));
    assert_eq!(invoices.priority, Priority::Normal);
    assert_eq!(member_name(&store, invoices).as_deref(), Some("Ana Souza"));
    let mut label_names: Vec<&str> = invoices
        .labels
        .iter()
        .map(|id| {
            view.labels
                .iter()
                .find(|l| l.id == *id)
                .unwrap()
                .name
                .as_str()
        })
        .collect();
    label_names.sort_unstable();
    assert_eq!(label_names, ["Customer", "Feature"]);

    let save = card(&view, "Fix the \"Save\" button on Safari");
    assert_eq!(save.estimate, Some(Estimate(150)));
    assert_eq!(member_name(&store, save).as_deref(), Some("Priya Nair"));
    let rota = card(&view, "Update the on-call rota");
    assert_eq!(rota.assignee, save.assignee, "names match ignoring case");
    assert_eq!(store.list_members().unwrap().len(), people_before + 1);
    assert_eq!(
        card(&view, "Quarterly security review").description,
        "Checklist in the wiki, \"Security\" page"
    );
    assert_eq!(
        store.undo_state().unwrap().undo.as_deref(),
        Some("Import from CSV")
    );
}

#[test]
fn csv_without_a_board_makes_one_named_after_the_file() {
    let (_dir, mut store) = empty_store();
    let imported =
        interchange::import_file(&mut store, Kind::Csv, &fixture("cards.csv"), None).unwrap();
    let view = store.board_view(BoardId(imported.board.unwrap())).unwrap();
    assert_eq!(view.board.name, "cards");
    let names: Vec<&str> = view.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["to do", "Review", "Blocked"]);
    assert_eq!(view.columns[1].stage, Stage::InProgress);
    assert_eq!(titles_in(&view, "to do").len(), 2);
    assert_eq!(imported.labels, 3);
    assert_eq!(imported.people, 2);
}

#[test]
fn csv_quoting_follows_rfc_4180() {
    let records = interchange::csv::records(
        "t.csv",
        "a,\"b,c\",\"d\"\"e\"\r\n\"multi\nline\",,\"\"\r\n\n\nlast,row,x",
    )
    .unwrap();
    let fields: Vec<(usize, Vec<&str>)> = records
        .iter()
        .map(|r| (r.line, r.fields.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        fields,
        [
            (1, vec!["a", "b,c", "d\"e"]),
            (2, vec!["multi\nline", "", ""]),
            (6, vec!["last", "row", "x"])
        ]
    );
}

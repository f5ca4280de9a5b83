//! Card details: description, priority, due date, blocking, labels, skills, checklist, flow
//! dates, and archived columns.

use chrono::NaiveDate;
use teamlead_core::board::EventKind;
use teamlead_core::flow::{flow_dates, FlowDates};
use teamlead_core::{
    CardEvent, Clock, ColumnId, ErrorKind, LabelColor, Placement, Priority, SkillNeed, Stage,
};

use crate::board::refused;
use crate::{board_store, column, dump_data};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn description_priority_and_due_date_are_kept_and_read_back() {
    let (_dir, mut store, view) = board_store();
    let card = store
        .create_card(column(&view, 0), "Write it up")
        .unwrap()
        .id;
    let fresh = store.card(card).unwrap();
    assert_eq!(
        (fresh.description.as_str(), fresh.priority, fresh.due),
        ("", Priority::Normal, None)
    );
    store
        .set_description(card, "# Plan\r\n\r\n<script>alert(1)</script> **bold**\n\n")
        .unwrap();
    store.set_priority(card, Priority::Urgent).unwrap();
    store.set_due(card, Some(day(2026, 12, 4))).unwrap();
    let read = store.board_view(view.board.id).unwrap().cards[0].clone();
    // Stored as typed (line ends normalised, trailing space dropped): rendering is inert in
    // the UI, the core never interprets it.
    assert_eq!(
        read.description,
        "# Plan\n\n<script>alert(1)</script> **bold**"
    );
    assert_eq!(read.priority, Priority::Urgent);
    assert_eq!(read.due, Some(day(2026, 12, 4)));
    store.set_due(card, None).unwrap();
    assert_eq!(store.card(card).unwrap().due, None);
}

#[test]
fn bad_descriptions_and_levels_are_refused_without_a_change() {
    let (_dir, mut store, view) = board_store();
    let card = store.create_card(column(&view, 0), "Card").unwrap().id;
    let long = "x".repeat(20_001);
    let error = refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.set_description(card, &long)
    });
    assert_eq!(
        error.to_string(),
        "A description can be at most 20000 characters long."
    );
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.set_description(card, "bell \u{7}")
    });
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.set_card_skill(card, "Rust", Some(6))
    });
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.set_card_skill(card, "Rust", Some(0))
    });
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.block_card(card, "  ")
    });
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.unblock_card(card)
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.set_priority(teamlead_core::CardId(999), Priority::Low)
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.add_checklist_item(teamlead_core::CardId(999), "step")
    });
}

#[test]
fn blocking_records_the_reason_and_since_and_unblocking_clears_them() {
    let (_dir, store, view) = board_store();
    let now = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(1_000));
    let clock = now.clone();
    let mut store = store.with_clock(Clock::from_fn(move || {
        clock.load(std::sync::atomic::Ordering::SeqCst)
    }));
    let card = store.create_card(column(&view, 0), "Deploy").unwrap().id;
    now.store(2_000, std::sync::atomic::Ordering::SeqCst);
    let blocked = store.block_card(card, "Waiting for the VPN").unwrap();
    let b = blocked.blocked.unwrap();
    assert_eq!((b.reason.as_str(), b.since), ("Waiting for the VPN", 2_000));
    now.store(3_000, std::sync::atomic::Ordering::SeqCst);
    // A new reason keeps the blocked-since time and records no second block.
    let again = store
        .block_card(card, "Waiting for ops")
        .unwrap()
        .blocked
        .unwrap();
    assert_eq!(
        (again.reason.as_str(), again.since),
        ("Waiting for ops", 2_000)
    );
    now.store(4_000, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(store.unblock_card(card).unwrap().blocked, None);
    let history: Vec<(EventKind, Option<String>, i64)> = store
        .card_history(card)
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, e.detail, e.at))
        .collect();
    assert_eq!(
        history,
        [
            (EventKind::Created, None, 1_000),
            (
                EventKind::Blocked,
                Some("Waiting for the VPN".to_owned()),
                2_000
            ),
            (EventKind::Unblocked, Some(String::new()), 4_000),
        ]
    );
}

#[test]
fn labels_belong_to_a_board_and_leave_cards_when_deleted() {
    let (_dir, mut store, view) = board_store();
    let card = store.create_card(column(&view, 0), "Card").unwrap().id;
    let bug = store
        .create_label(view.board.id, "Bug", LabelColor::Vermillion)
        .unwrap();
    let ux = store
        .create_label(view.board.id, "UX", LabelColor::Sky)
        .unwrap();
    let error = refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.create_label(view.board.id, " bug ", LabelColor::Green)
    });
    assert_eq!(
        error.to_string(),
        "This board already has a label called \u{201c}bug\u{201d}."
    );
    store.set_card_label(card, ux.id, true).unwrap();
    store.set_card_label(card, bug.id, true).unwrap();
    // Adding twice is harmless.
    store.set_card_label(card, bug.id, true).unwrap();
    let board = store.board_view(view.board.id).unwrap();
    assert_eq!(board.cards[0].labels, vec![bug.id, ux.id]);
    assert_eq!(
        board
            .labels
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>(),
        ["Bug", "UX"]
    );
    let other = store.add_board("Other").unwrap();
    let foreign = store
        .create_label(other.board.id, "Elsewhere", LabelColor::Grey)
        .unwrap();
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.set_card_label(card, foreign.id, true)
    });
    let renamed = store
        .update_label(bug.id, "Defect", LabelColor::Orange)
        .unwrap();
    assert_eq!(
        (renamed.name.as_str(), renamed.color),
        ("Defect", LabelColor::Orange)
    );
    let before = dump_data(&store);
    store.delete_label(bug.id).unwrap();
    assert_eq!(store.card(card).unwrap().labels, vec![ux.id]);
    store.undo().unwrap();
    assert_eq!(dump_data(&store), before);
    assert_eq!(store.card(card).unwrap().labels, vec![bug.id, ux.id]);
}

#[test]
fn required_skills_are_set_changed_and_removed() {
    let (_dir, mut store, view) = board_store();
    let card = store.create_card(column(&view, 0), "Card").unwrap().id;
    store.set_card_skill(card, "SQL", Some(2)).unwrap();
    store.set_card_skill(card, "Rust", Some(3)).unwrap();
    store.set_card_skill(card, "Rust", Some(4)).unwrap();
    let need = |skill: &str, min_level| SkillNeed {
        skill: skill.into(),
        min_level,
    };
    assert_eq!(
        store.card(card).unwrap().skills,
        vec![need("Rust", 4), need("SQL", 2)]
    );
    assert_eq!(
        store.board_view(view.board.id).unwrap().cards[0].skills,
        vec![need("Rust", 4), need("SQL", 2)]
    );
    assert!(store.skill_names().unwrap().contains(&"Rust".to_owned()));
    store.set_card_skill(card, "SQL", None).unwrap();
    assert_eq!(store.card(card).unwrap().skills, vec![need("Rust", 4)]);
}

#[test]
fn the_checklist_keeps_its_order_and_its_progress_shows_on_the_board() {
    let (_dir, mut store, view) = board_store();
    let card = store.create_card(column(&view, 0), "Release").unwrap().id;
    let a = store.add_checklist_item(card, "Tag").unwrap();
    let b = store.add_checklist_item(card, "Build").unwrap();
    let c = store.add_checklist_item(card, "Announce").unwrap();
    store.check_checklist_item(b.id, true).unwrap();
    store
        .rename_checklist_item(c.id, "Announce on chat")
        .unwrap();
    let detail = store.card_detail(card).unwrap();
    let items: Vec<(&str, bool)> = detail
        .checklist
        .iter()
        .map(|i| (i.text.as_str(), i.done))
        .collect();
    assert_eq!(
        items,
        [("Tag", false), ("Build", true), ("Announce on chat", false)]
    );
    let progress = store.board_view(view.board.id).unwrap().cards[0].checklist;
    assert_eq!((progress.done, progress.total), (1, 3));
    store.delete_checklist_item(a.id).unwrap();
    let progress = store.card(card).unwrap().checklist;
    assert_eq!((progress.done, progress.total), (1, 2));
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.check_checklist_item(a.id, true)
    });
}

fn moved(to: Option<ColumnId>, at: i64) -> CardEvent {
    CardEvent {
        kind: EventKind::Moved,
        from_column: None,
        to_column: to,
        member: None,
        detail: None,
        at,
    }
}

#[test]
fn flow_dates_follow_the_stage_of_each_move() {
    let stage = |c: ColumnId| match c.0 {
        1 => Some(Stage::NotStarted),
        2 => Some(Stage::InProgress),
        3 | 4 => Some(Stage::Done),
        _ => None,
    };
    let c = |id| Some(ColumnId(id));
    let created = |to, at| CardEvent {
        kind: EventKind::Created,
        ..moved(to, at)
    };
    let cases: &[(&str, Vec<CardEvent>, FlowDates)] = &[
        ("never moved", vec![created(c(1), 10)], FlowDates::default()),
        (
            "started then done",
            vec![created(c(1), 10), moved(c(2), 20), moved(c(3), 30)],
            FlowDates {
                started_at: Some(20),
                done_at: Some(30),
            },
        ),
        (
            "straight to done counts as started",
            vec![created(c(1), 10), moved(c(3), 30)],
            FlowDates {
                started_at: Some(30),
                done_at: Some(30),
            },
        ),
        (
            "reopened: done is cleared, the first start stays",
            vec![
                created(c(1), 10),
                moved(c(2), 20),
                moved(c(3), 30),
                moved(c(2), 40),
            ],
            FlowDates {
                started_at: Some(20),
                done_at: None,
            },
        ),
        (
            "done to done keeps the first done time",
            vec![created(c(2), 10), moved(c(3), 30), moved(c(4), 50)],
            FlowDates {
                started_at: Some(10),
                done_at: Some(30),
            },
        ),
        (
            "a deleted column is skipped",
            vec![created(c(9), 10), moved(c(2), 20)],
            FlowDates {
                started_at: Some(20),
                done_at: None,
            },
        ),
        (
            "blocks do not count as moves",
            vec![
                created(c(1), 10),
                CardEvent {
                    kind: EventKind::Blocked,
                    ..moved(c(3), 15)
                },
            ],
            FlowDates::default(),
        ),
    ];
    for (name, events, expected) in cases {
        assert_eq!(flow_dates(events, stage), *expected, "{name}");
    }
}

#[test]
fn card_detail_reads_started_and_done_from_the_history() {
    let (_dir, store, view) = board_store();
    let now = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(100));
    let clock = now.clone();
    let mut store = store.with_clock(Clock::from_fn(move || {
        clock.load(std::sync::atomic::Ordering::SeqCst)
    }));
    let card = store.create_card(column(&view, 0), "Flow").unwrap().id;
    now.store(200, std::sync::atomic::Ordering::SeqCst);
    let to = |i| Placement {
        column: column(&view, i),
        after: None,
    };
    store.move_card(card, to(1)).unwrap();
    now.store(300, std::sync::atomic::Ordering::SeqCst);
    store.move_card(card, to(2)).unwrap();
    let detail = store.card_detail(card).unwrap();
    assert_eq!(view.columns[2].stage, Stage::Done);
    assert_eq!((detail.started_at, detail.done_at), (Some(200), Some(300)));
    assert_eq!(detail.history.len(), 3);
}

#[test]
fn an_archived_column_leaves_the_board_with_its_cards_and_comes_back() {
    let (_dir, mut store, view) = board_store();
    let doing = column(&view, 1);
    let card = store.create_card(doing, "In flight").unwrap().id;
    store.create_card(column(&view, 0), "Waiting").unwrap();
    let before = dump_data(&store);
    store.archive_column(doing).unwrap();
    let board = store.board_view(view.board.id).unwrap();
    assert_eq!(board.columns.len(), 2);
    assert!(board.cards.iter().all(|c| c.id != card));
    let archived = store.archived_columns(view.board.id).unwrap();
    assert_eq!(archived.len(), 1);
    assert_eq!((archived[0].0.id, archived[0].1), (doing, 1));
    // Nothing goes into an archived column.
    let error = refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.create_card(doing, "No")
    });
    assert!(error.to_string().contains("archived"), "{error}");
    let waiting = store.board_view(view.board.id).unwrap().cards[0].id;
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.move_card(
            waiting,
            Placement {
                column: doing,
                after: None,
            },
        )
    });
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.delete_column(column(&view, 0), Some(doing))
    });
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.archive_column(doing)
    });
    store.restore_column(doing).unwrap();
    assert_eq!(dump_data(&store), {
        // Restoring clears archived_at: the data is as before archiving.
        before
    });
    assert_eq!(store.board_view(view.board.id).unwrap().columns.len(), 3);
    store.archive_column(doing).unwrap();
    store.undo().unwrap();
    assert_eq!(store.board_view(view.board.id).unwrap().columns.len(), 3);
}

#[test]
fn the_last_column_on_a_board_cannot_be_archived() {
    let (_dir, mut store, view) = board_store();
    store.archive_column(column(&view, 0)).unwrap();
    store.archive_column(column(&view, 1)).unwrap();
    let error = refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.archive_column(column(&view, 2))
    });
    assert!(error.to_string().contains("at least one column"), "{error}");
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.delete_column(column(&view, 2), None)
    });
}

#[test]
fn board_loads_read_alone_match_the_whole_board() {
    let (_dir, mut store) = crate::temp_store();
    let board = store.seed_demo().unwrap();
    let check = |store: &teamlead_core::Store| {
        let view = store.board_view(board).unwrap();
        assert_eq!(store.board_loads(board).unwrap(), view.loads());
    };
    check(&store);
    let view = store.board_view(board).unwrap();
    // Move work into done, archive a card and a column: the loads follow.
    let done = view.columns.last().unwrap().id;
    let card = view.cards[0].id;
    store
        .move_card(
            card,
            Placement {
                column: done,
                after: None,
            },
        )
        .unwrap();
    check(&store);
    store.archive_card(view.cards[1].id).unwrap();
    check(&store);
    store.archive_column(view.columns[1].id).unwrap();
    check(&store);
    assert!(!store.board_loads(board).unwrap().is_empty());
}

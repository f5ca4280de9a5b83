use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;
use teamlead_core::journal::cadence::{due_this_week, end_of_week, schedule, Schedule};
use teamlead_core::journal::search::{around_first_match, snippet_parts, HitKind, SnippetPart};
use teamlead_core::journal::{
    export, shareable, NewActionItem, NewFeedback, NewGoal, NewSession, PersonUpdate, Shareable,
};
use teamlead_core::validate::MAX_NOTES_BYTES;
use teamlead_core::{
    AgendaStatus, BoardView, Cadence, Clock, ColumnId, ErrorKind, FeedbackKind, MemberId, Owner,
    Placement, SessionId, Store,
};

use crate::board::refused;
use crate::{add_member, column, dump_without_index};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
const START: i64 = 1_700_000_000_000;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A store on disk with a board ("To do", "Doing" in progress, "Done"), a clock the test
/// moves forward, and one person.
struct Journal {
    dir: tempfile::TempDir,
    store: Store,
    view: BoardView,
    clock: Arc<AtomicI64>,
    ana: MemberId,
}

impl Journal {
    fn new() -> Journal {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(AtomicI64::new(START));
        let mut store = Store::open(&dir.path().join("teamlead.sqlite3"))
            .unwrap()
            .with_clock(clock_of(&clock));
        let view = store
            .create_board("Test", &["To do", "Doing", "Done"])
            .unwrap();
        let ana = add_member(&mut store, "Ana");
        Journal {
            dir,
            store,
            view,
            clock,
            ana,
        }
    }

    fn advance_days(&self, days: i64) {
        self.clock.fetch_add(days * DAY_MS, Ordering::SeqCst);
    }

    fn session(&mut self, member: MemberId, date: NaiveDate) -> SessionId {
        self.store
            .create_session(member, NewSession::on(date))
            .unwrap()
            .id
    }

    fn column(&self, index: usize) -> ColumnId {
        column(&self.view, index)
    }
}

fn clock_of(clock: &Arc<AtomicI64>) -> Clock {
    let clock = clock.clone();
    Clock::from_fn(move || clock.load(Ordering::SeqCst))
}

fn action(text: &str) -> NewActionItem {
    NewActionItem {
        text: text.into(),
        owner: Owner::Person,
        due: None,
        shareable: false,
    }
}

fn feedback(situation: &str, behaviour: &str, impact: &str) -> NewFeedback {
    NewFeedback {
        kind: FeedbackKind::Praise,
        situation: situation.into(),
        behaviour: behaviour.into(),
        impact: impact.into(),
        shareable: false,
    }
}

fn search(store: &Store, query: &str) -> Vec<(HitKind, i64)> {
    store
        .search_journal(query, None, 50)
        .unwrap()
        .into_iter()
        .map(|h| (h.kind, h.id))
        .collect()
}

// --- cadence -------------------------------------------------------------------------------

#[test]
fn the_schedule_follows_the_cadence_from_the_last_session() {
    let today = day(2024, 5, 15); // a Wednesday
    struct Case {
        name: &'static str,
        cadence: Cadence,
        sessions: &'static [(i32, u32, u32)],
        start: Option<(i32, u32, u32)>,
        last: Option<(i32, u32, u32)>,
        next: (i32, u32, u32),
        planned: bool,
        overdue: bool,
        due_this_week: bool,
    }
    let cases = [
        Case {
            name: "never met: due today",
            cadence: Cadence::Weekly,
            sessions: &[],
            start: None,
            last: None,
            next: (2024, 5, 15),
            planned: false,
            overdue: false,
            due_this_week: true,
        },
        Case {
            name: "never met, starts next month: due on the start date",
            cadence: Cadence::Monthly,
            sessions: &[],
            start: Some((2024, 6, 3)),
            last: None,
            next: (2024, 6, 3),
            planned: false,
            overdue: false,
            due_this_week: false,
        },
        Case {
            name: "weekly, met a week ago today: due today",
            cadence: Cadence::Weekly,
            sessions: &[(2024, 5, 1), (2024, 5, 8)],
            start: None,
            last: Some((2024, 5, 8)),
            next: (2024, 5, 15),
            planned: false,
            overdue: false,
            due_this_week: true,
        },
        Case {
            name: "weekly, met ten days ago: late",
            cadence: Cadence::Weekly,
            sessions: &[(2024, 5, 5)],
            start: None,
            last: Some((2024, 5, 5)),
            next: (2024, 5, 12),
            planned: false,
            overdue: true,
            due_this_week: true,
        },
        Case {
            name: "every two weeks, met last Friday: due in two weeks",
            cadence: Cadence::EveryTwoWeeks,
            sessions: &[(2024, 5, 10)],
            start: None,
            last: Some((2024, 5, 10)),
            next: (2024, 5, 24),
            planned: false,
            overdue: false,
            due_this_week: false,
        },
        Case {
            name: "every two weeks, due on Sunday: this week",
            cadence: Cadence::EveryTwoWeeks,
            sessions: &[(2024, 5, 5)],
            start: None,
            last: Some((2024, 5, 5)),
            next: (2024, 5, 19),
            planned: false,
            overdue: false,
            due_this_week: true,
        },
        Case {
            name: "monthly from the 31st: the last day of the next month",
            cadence: Cadence::Monthly,
            sessions: &[(2024, 3, 31), (2024, 4, 30)],
            start: None,
            last: Some((2024, 4, 30)),
            next: (2024, 5, 30),
            planned: false,
            overdue: false,
            due_this_week: false,
        },
        Case {
            name: "monthly, a month after January 31st",
            cadence: Cadence::Monthly,
            sessions: &[(2024, 1, 31)],
            start: None,
            last: Some((2024, 1, 31)),
            next: (2024, 2, 29),
            planned: false,
            overdue: true,
            due_this_week: true,
        },
        Case {
            name: "late, but a session is planned for next week",
            cadence: Cadence::Weekly,
            sessions: &[(2024, 4, 1), (2024, 5, 21)],
            start: None,
            last: Some((2024, 4, 1)),
            next: (2024, 5, 21),
            planned: true,
            overdue: false,
            due_this_week: false,
        },
        Case {
            name: "a session today counts as held",
            cadence: Cadence::Weekly,
            sessions: &[(2024, 5, 15)],
            start: Some((2020, 1, 1)),
            last: Some((2024, 5, 15)),
            next: (2024, 5, 22),
            planned: false,
            overdue: false,
            due_this_week: false,
        },
    ];
    let d = |(y, m, dd): (i32, u32, u32)| day(y, m, dd);
    for case in cases {
        let sessions: Vec<NaiveDate> = case.sessions.iter().copied().map(d).collect();
        let got = schedule(case.cadence, &sessions, case.start.map(d), today);
        let expected = Schedule {
            last: case.last.map(d),
            next: d(case.next),
            planned: case.planned,
            overdue: case.overdue,
        };
        assert_eq!(got, expected, "{}", case.name);
        assert_eq!(
            due_this_week(&got, today),
            case.due_this_week,
            "{}",
            case.name
        );
    }
}

#[test]
fn a_week_ends_on_sunday() {
    for (today, sunday) in [
        (day(2024, 5, 13), day(2024, 5, 19)),
        (day(2024, 5, 15), day(2024, 5, 19)),
        (day(2024, 5, 19), day(2024, 5, 19)),
        (day(2024, 12, 30), day(2025, 1, 5)),
    ] {
        assert_eq!(end_of_week(today), sunday, "{today}");
    }
}

#[test]
fn due_this_week_lists_late_people_first_and_leaves_out_the_others() {
    let mut j = Journal::new();
    let bea = add_member(&mut j.store, "Bea");
    let chidi = add_member(&mut j.store, "Chidi");
    let weekly = |name: &str| PersonUpdate {
        name: name.into(),
        role: String::new(),
        start_date: None,
        cadence: Cadence::Weekly,
    };
    j.store.update_person(j.ana, &weekly("Ana")).unwrap();
    j.store.update_person(bea, &weekly("Bea")).unwrap();
    j.session(j.ana, day(2024, 5, 10)); // next 05-17: this week
    j.session(bea, day(2024, 5, 1)); // next 05-08: late
    j.session(chidi, day(2024, 5, 14)); // every two weeks: next 05-28
    let today = day(2024, 5, 15);
    let due: Vec<(String, NaiveDate, bool)> = j
        .store
        .due_this_week(today)
        .unwrap()
        .into_iter()
        .map(|p| (p.name, p.schedule.next, p.schedule.overdue))
        .collect();
    assert_eq!(
        due,
        [
            ("Bea".to_owned(), day(2024, 5, 8), true),
            ("Ana".to_owned(), day(2024, 5, 17), false)
        ]
    );
    assert_eq!(j.store.schedules(today).unwrap().len(), 3);
}

// --- sessions and carry-over ---------------------------------------------------------------

#[test]
fn a_new_session_carries_over_what_is_still_open() {
    let mut j = Journal::new();
    let bea = add_member(&mut j.store, "Bea");
    let (todo, doing, done) = (j.column(0), j.column(1), j.column(2));
    // Cards: one aging in progress, one fresh in progress, one blocked to do, one done,
    // one of Bea's blocked.
    let aging = j.store.create_card(todo, "Aging work").unwrap().id;
    let fresh = j.store.create_card(todo, "Fresh work").unwrap().id;
    let blocked = j.store.create_card(todo, "Blocked work").unwrap().id;
    let finished = j.store.create_card(todo, "Finished work").unwrap().id;
    let others = j.store.create_card(todo, "Bea's blocked work").unwrap().id;
    for card in [aging, fresh, blocked, finished] {
        j.store.assign_card(card, Some(j.ana)).unwrap();
    }
    j.store.assign_card(others, Some(bea)).unwrap();
    let to = |column| Placement {
        column,
        after: None,
    };
    j.store.move_card(aging, to(doing)).unwrap();
    j.advance_days(4);
    j.store.move_card(fresh, to(doing)).unwrap();
    j.store.move_card(finished, to(done)).unwrap();
    j.store.block_card(blocked, "Waiting for access").unwrap();
    j.store.block_card(others, "Not Ana's").unwrap();

    let first = j.session(j.ana, day(2023, 11, 1));
    let kept_open = j.store.add_agenda_item(first, "Conference budget").unwrap();
    let discussed = j.store.add_agenda_item(first, "Team offsite").unwrap();
    let carried = j.store.add_agenda_item(first, "Career ladder").unwrap();
    j.store
        .set_agenda_status(discussed.id, AgendaStatus::Discussed)
        .unwrap();
    j.store
        .set_agenda_status(carried.id, AgendaStatus::Carried)
        .unwrap();
    let mut open_item = action("Write the design doc");
    open_item.due = Some(day(2023, 11, 20));
    let open_item = j.store.add_action_item(first, &open_item).unwrap();
    let closed_item = j
        .store
        .add_action_item(first, &action("Book a room"))
        .unwrap();
    j.store.set_action_item_done(closed_item.id, true).unwrap();
    j.store
        .add_action_item(first, &action("Read the onboarding guide"))
        .unwrap();
    let bea_session = j.session(bea, day(2023, 11, 1));
    j.store.add_agenda_item(bea_session, "Bea's point").unwrap();

    j.advance_days(2); // "Aging work" has been in progress for 6 days, "Fresh work" for 2.
    let second = j.session(j.ana, day(2023, 11, 15));
    let second = j.store.session(second).unwrap();
    let texts: Vec<&str> = second.agenda.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Conference budget",
            "Career ladder",
            "Action item: Write the design doc (due 2023-11-20)",
            "Action item: Read the onboarding guide",
            "In progress for 6 days: Aging work",
            "Blocked: Blocked work (Waiting for access)",
        ]
    );
    assert_eq!(second.agenda[0].carried_from, Some(kept_open.id));
    assert_eq!(second.agenda[1].carried_from, Some(carried.id));
    assert_eq!(second.agenda[2].action_item, Some(open_item.id));
    assert_eq!(second.agenda[4].card, Some(aging));
    assert_eq!(second.agenda[5].card, Some(blocked));
    assert!(second.agenda.iter().all(|a| a.status == AgendaStatus::Open));
    // The open point of the first session now reads as carried.
    assert_eq!(
        j.store.agenda_item(kept_open.id).unwrap().status,
        AgendaStatus::Carried
    );

    // The next session does not carry the same points twice, but what is still open now.
    j.store
        .set_agenda_status(second.agenda[0].id, AgendaStatus::Discussed)
        .unwrap();
    let third = j
        .store
        .create_session(
            j.ana,
            NewSession {
                aging_days: 10,
                ..NewSession::on(day(2023, 11, 29))
            },
        )
        .unwrap();
    let texts: Vec<&str> = third.agenda.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Career ladder",
            "Action item: Write the design doc (due 2023-11-20)",
            "Action item: Read the onboarding guide",
            "Blocked: Blocked work (Waiting for access)",
        ]
    );
    assert_eq!(third.agenda[0].carried_from, Some(second.agenda[1].id));
}

#[test]
fn a_template_fills_a_new_agenda_before_what_is_carried() {
    let mut j = Journal::new();
    let templates = j.store.templates().unwrap();
    let check_in = templates
        .iter()
        .find(|t| t.name == "Regular check-in")
        .unwrap();
    let first = j.session(j.ana, day(2024, 1, 8));
    j.store.add_agenda_item(first, "Left over").unwrap();
    let session = j
        .store
        .create_session(
            j.ana,
            NewSession {
                template: Some(check_in.id),
                ..NewSession::on(day(2024, 1, 22))
            },
        )
        .unwrap();
    let texts: Vec<&str> = session.agenda.iter().map(|a| a.text.as_str()).collect();
    let mut expected: Vec<&str> = check_in.items.iter().map(String::as_str).collect();
    expected.push("Left over");
    assert_eq!(texts, expected);
}

#[test]
fn built_in_templates_are_seeded_and_can_be_edited_added_and_deleted() {
    let mut j = Journal::new();
    let names: Vec<String> = j
        .store
        .templates()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(
        names,
        ["Career", "Feedback", "First one-on-one", "Regular check-in"]
    );
    let career = j.store.templates().unwrap()[0].clone();
    assert!(career.items.len() >= 3);
    let edited = j
        .store
        .update_template(
            career.id,
            "Career talk",
            &["Where next?".into(), "  ".into(), "Which skills?".into()],
        )
        .unwrap();
    assert_eq!(edited.name, "Career talk");
    assert_eq!(edited.items, ["Where next?", "Which skills?"]);
    let mine = j
        .store
        .create_template("Project retro", &["What went well?".into()])
        .unwrap();
    refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.create_template("project RETRO", &["x".into()])
    });
    refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.create_template("Empty", &["   ".into()])
    });
    let session = j.session(j.ana, day(2024, 2, 1));
    let applied = j.store.apply_template(session, mine.id).unwrap();
    assert_eq!(applied.agenda.last().unwrap().text, "What went well?");
    j.store.delete_template(mine.id).unwrap();
    assert_eq!(j.store.templates().unwrap().len(), 4);
    assert_eq!(j.store.undo().unwrap().as_deref(), Some("Delete template"));
    assert_eq!(j.store.templates().unwrap().len(), 5);
}

// --- action items and cards ----------------------------------------------------------------

#[test]
fn an_action_item_becomes_a_card_and_is_done_when_the_card_is() {
    let mut j = Journal::new();
    let session = j.session(j.ana, day(2024, 3, 4));
    let item = j
        .store
        .add_action_item(session, &action("Automate the release notes"))
        .unwrap();
    let (item, card) = j.store.action_item_to_card(item.id, j.column(0)).unwrap();
    assert_eq!(card.title, "Automate the release notes");
    assert_eq!(card.assignee, Some(j.ana));
    assert_eq!(card.column_id, j.column(0));
    assert_eq!(item.card, Some(card.id));
    assert!(!item.done);
    refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.action_item_to_card(item.id, j.view.columns[1].id)
    });

    j.store
        .move_card(
            card.id,
            Placement {
                column: j.column(2),
                after: None,
            },
        )
        .unwrap();
    let item = j.store.action_item(item.id).unwrap();
    assert!(item.done && item.card_done);
    // Done items are no longer carried over.
    let next = j
        .store
        .create_session(j.ana, NewSession::on(day(2024, 3, 18)))
        .unwrap();
    assert!(next.agenda.is_empty(), "{:?}", next.agenda);

    j.store
        .move_card(
            card.id,
            Placement {
                column: j.column(1),
                after: None,
            },
        )
        .unwrap();
    assert!(!j.store.action_item(item.id).unwrap().done);
    // One undo takes back the card and the link.
    j.store.delete_card(card.id).unwrap();
    assert_eq!(j.store.action_item(item.id).unwrap().card, None);
    j.store.undo().unwrap();
    assert_eq!(j.store.action_item(item.id).unwrap().card, Some(card.id));
}

#[test]
fn making_a_card_from_an_action_item_is_one_undo_step() {
    let mut j = Journal::new();
    let session = j.session(j.ana, day(2024, 3, 4));
    let item = j
        .store
        .add_action_item(session, &action("Pair on CI"))
        .unwrap();
    let before = crate::dump_data(&j.store);
    let (_, card) = j.store.action_item_to_card(item.id, j.column(0)).unwrap();
    assert_eq!(
        j.store.undo().unwrap().as_deref(),
        Some("Make card from action item")
    );
    assert_eq!(crate::dump_data(&j.store), before);
    j.store.redo().unwrap();
    assert_eq!(j.store.card(card.id).unwrap().assignee, Some(j.ana));
}

// --- notes ---------------------------------------------------------------------------------

#[test]
fn five_megabytes_of_notes_save_and_reload_intact() {
    let mut j = Journal::new();
    let session = j.session(j.ana, day(2024, 4, 2));
    let line = "Ana wants to lead the migration; résumé review next time. \u{1F680}\n";
    let notes: String = line.repeat(5 * 1024 * 1024 / line.len() + 1);
    assert!(notes.len() >= 5 * 1024 * 1024);
    let saved_at = j.store.save_session_notes(session, &notes).unwrap();
    assert_eq!(saved_at, START);
    let path = j.dir.path().join("teamlead.sqlite3");
    drop(j.store);
    let store = Store::open(&path).unwrap();
    let reloaded = store.session(session).unwrap();
    assert!(reloaded.notes == notes, "the notes changed on the way");
    assert_eq!(reloaded.notes_saved_at, Some(START));
    // Found, with a short snippet, in time linear in the notes' length.
    let hits = store.search_journal("migration", None, 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, session.0);
    assert!(
        hits[0]
            .snippet
            .starts_with("Ana wants to lead the \u{2}migration\u{3}; résumé"),
        "{}",
        hits[0].snippet
    );
    assert!(hits[0].snippet.len() < 400, "{}", hits[0].snippet);
}

#[test]
fn notes_over_the_limit_or_with_control_characters_are_refused_unchanged() {
    let mut j = Journal::new();
    let session = j.session(j.ana, day(2024, 4, 2));
    j.store
        .save_session_notes(session, "Kept as it was")
        .unwrap();
    let too_big = "x".repeat(MAX_NOTES_BYTES + 1);
    let error = refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.save_session_notes(session, &too_big)
    });
    assert!(error.to_string().contains("8 MiB"), "{error}");
    assert!(error.to_string().contains("not saved"), "{error}");
    refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.save_session_notes(session, "bell \u{7}")
    });
    refused(&mut j.store, ErrorKind::NotFound, |s| {
        s.save_session_notes(SessionId(4_242), "nobody's")
    });
    // Exactly at the limit is fine.
    let mut at_limit = "notes ".repeat(MAX_NOTES_BYTES / 6);
    at_limit.push_str(&"y".repeat(MAX_NOTES_BYTES - at_limit.len()));
    j.store.save_session_notes(session, &at_limit).unwrap();
    assert_eq!(
        j.store.session(session).unwrap().notes.len(),
        MAX_NOTES_BYTES
    );
}

#[test]
fn saving_notes_is_not_an_undo_step_and_keeps_the_text_byte_for_byte() {
    let mut j = Journal::new();
    let session = j.session(j.ana, day(2024, 4, 2));
    let steps = |store: &Store| -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM undo_log", [], |r| r.get(0))
            .unwrap()
    };
    let before = steps(&j.store);
    let mut text = String::new();
    for word in ["  Started", " with", " trailing space ", "\r\n", "\ttab"] {
        text.push_str(word);
        j.store.save_session_notes(session, &text).unwrap();
    }
    assert_eq!(steps(&j.store), before);
    assert_eq!(j.store.session(session).unwrap().notes, text);
    // Undo takes back the last action (creating the session), not a save.
    assert_eq!(
        j.store.undo_state().unwrap().undo.as_deref(),
        Some("Create one-on-one")
    );
}

#[test]
fn private_notes_about_a_person_save_like_session_notes() {
    let mut j = Journal::new();
    j.store
        .save_person_notes(j.ana, "Prefers written feedback.\n")
        .unwrap();
    assert_eq!(
        j.store.person(j.ana).unwrap().private_notes,
        "Prefers written feedback.\n"
    );
    let too_big = "z".repeat(MAX_NOTES_BYTES + 1);
    refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.save_person_notes(j.ana, &too_big)
    });
}

#[test]
fn notes_autosave_and_search_reuse_their_prepared_statements() {
    let mut j = Journal::new();
    let bea = add_member(&mut j.store, "Bea");
    let sessions = [
        j.session(j.ana, day(2024, 1, 1)),
        j.session(bea, day(2024, 1, 2)),
    ];
    j.store
        .add_agenda_item(sessions[0], "kubernetes upgrade")
        .unwrap();
    for (i, session) in sessions.iter().enumerate() {
        j.store
            .save_session_notes(*session, &format!("first notes {i}"))
            .unwrap();
        j.store
            .search_journal("notes", Some(if i == 0 { j.ana } else { bea }), 10)
            .unwrap();
    }
    let baseline = j.store.statement_reprepares();
    for round in 0..20 {
        let session = sessions[round % 2];
        j.store
            .save_session_notes(session, &format!("notes about kubernetes, round {round}"))
            .unwrap();
        let query = ["kubernetes", "notes round", "upgrade"][round % 3];
        j.store.search_journal(query, None, 10).unwrap();
        let member = if round % 2 == 0 { j.ana } else { bea };
        j.store.search_journal(query, Some(member), 10).unwrap();
        j.store.session(session).unwrap();
    }
    assert_eq!(j.store.statement_reprepares(), baseline);
}

// --- validation ----------------------------------------------------------------------------

#[test]
fn journal_input_is_validated_with_clear_messages() {
    let mut j = Journal::new();
    let session = j.session(j.ana, day(2024, 4, 2));
    let message = |e: teamlead_core::Error| e.to_string();
    let e = refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.set_check_in(session, Some(0), Some(3))
    });
    assert_eq!(message(e), "Mood goes from 1 to 5.");
    let e = refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.set_check_in(session, Some(3), Some(6))
    });
    assert_eq!(message(e), "Workload goes from 1 to 5.");
    let e = refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.add_feedback(session, &feedback("In the demo", "  ", "Clear"))
    });
    assert_eq!(message(e), "The behaviour cannot be empty.");
    let e = refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.add_agenda_item(session, "")
    });
    assert_eq!(message(e), "The talking point cannot be empty.");
    refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.add_action_item(session, &action(&"a".repeat(501)))
    });
    let e = refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.add_goal(
            j.ana,
            &NewGoal {
                title: "Public speaking".into(),
                skills: vec![],
                progress: 101,
            },
        )
    });
    assert_eq!(message(e), "Progress goes from 0 to 100 percent.");
    refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.create_session(j.ana, NewSession::on(day(1800, 1, 1)))
    });
    refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.create_session(
            j.ana,
            NewSession {
                aging_days: 0,
                ..NewSession::on(day(2024, 1, 1))
            },
        )
    });
    refused(&mut j.store, ErrorKind::NotFound, |s| {
        s.create_session(MemberId(999), NewSession::on(day(2024, 1, 1)))
    });
    refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.update_person(
            j.ana,
            &PersonUpdate {
                name: " ".into(),
                role: String::new(),
                start_date: None,
                cadence: Cadence::Monthly,
            },
        )
    });
    refused(&mut j.store, ErrorKind::InvalidInput, |s| {
        s.search_journal(&"word ".repeat(13), None, 10)
    });
    assert!(j
        .store
        .search_journal("  \"*- ", None, 10)
        .unwrap()
        .is_empty());
}

// --- people and history --------------------------------------------------------------------

#[test]
fn a_persons_journal_shows_goals_timeline_check_ins_and_feedback() {
    let mut j = Journal::new();
    let person = j
        .store
        .update_person(
            j.ana,
            &PersonUpdate {
                name: "Ana Souza".into(),
                role: "Backend engineer".into(),
                start_date: Some(day(2022, 9, 1)),
                cadence: Cadence::Weekly,
            },
        )
        .unwrap();
    assert_eq!(person.cadence, Cadence::Weekly);
    let person = j.store.set_member_skill(j.ana, "Rust", Some(4)).unwrap();
    assert_eq!(person.skills[0].level, 4);
    let goal = j
        .store
        .add_goal(
            j.ana,
            &NewGoal {
                title: "Lead a design review".into(),
                skills: vec!["Rust".into(), "Architecture".into()],
                progress: 10,
            },
        )
        .unwrap();
    assert_eq!(goal.skills, ["Architecture", "Rust"]);
    let goal = j
        .store
        .update_goal(
            goal.id,
            &NewGoal {
                title: "Lead a design review".into(),
                skills: vec!["Architecture".into(), "Writing".into()],
                progress: 60,
            },
        )
        .unwrap();
    assert_eq!(
        (goal.skills.clone(), goal.progress),
        (vec!["Architecture".to_owned(), "Writing".to_owned()], 60)
    );

    let first = j.session(j.ana, day(2024, 5, 1));
    let second = j.session(j.ana, day(2024, 5, 8));
    j.session(j.ana, day(2024, 5, 15));
    j.store.set_check_in(first, Some(4), Some(3)).unwrap();
    j.store.set_check_in(second, Some(2), Some(5)).unwrap();
    j.store
        .add_feedback(first, &feedback("Incident", "Calm lead", "Fast recovery"))
        .unwrap();
    let later = j
        .store
        .add_feedback(
            second,
            &feedback("Review", "Terse comments", "Junior felt lost"),
        )
        .unwrap();

    let journal = j.store.person_journal(j.ana, day(2024, 5, 10)).unwrap();
    assert_eq!(journal.person.name, "Ana Souza");
    assert_eq!(journal.goals, [goal]);
    let dates: Vec<NaiveDate> = journal.sessions.iter().map(|s| s.date).collect();
    assert_eq!(dates, [day(2024, 5, 15), day(2024, 5, 8), day(2024, 5, 1)]);
    let series: Vec<(NaiveDate, Option<u8>, Option<u8>)> = journal
        .check_ins
        .iter()
        .map(|c| (c.date, c.mood, c.workload))
        .collect();
    assert_eq!(
        series,
        [
            (day(2024, 5, 1), Some(4), Some(3)),
            (day(2024, 5, 8), Some(2), Some(5))
        ]
    );
    assert_eq!(journal.feedback[0].id, later.id);
    assert_eq!(journal.schedule.last, Some(day(2024, 5, 8)));
    assert_eq!(journal.schedule.next, day(2024, 5, 15));
    assert!(journal.schedule.planned);
}

// --- privacy -------------------------------------------------------------------------------

const MARKER: &str = "zqxsecret";

/// Fills every private field of a person's journal with a unique marker, plus some shareable
/// content without it.
fn fill_with_markers(j: &mut Journal) -> usize {
    let mut n = 0;
    let mut mark = || {
        n += 1;
        format!("{MARKER}{n}")
    };
    j.store.save_person_notes(j.ana, &mark()).unwrap();
    j.store
        .add_goal(
            j.ana,
            &NewGoal {
                title: mark(),
                skills: vec![mark()],
                progress: 20,
            },
        )
        .unwrap();
    let private = j.session(j.ana, day(2024, 6, 3));
    j.store.save_session_notes(private, &mark()).unwrap();
    j.store.add_agenda_item(private, &mark()).unwrap();
    j.store.add_action_item(private, &action(&mark())).unwrap();
    j.store
        .add_feedback(private, &feedback(&mark(), &mark(), &mark()))
        .unwrap();
    let shared = j.session(j.ana, day(2024, 6, 10));
    j.store.save_session_notes(shared, "Shared notes").unwrap();
    j.store
        .set_shareable(Shareable::Notes(shared), true)
        .unwrap();
    j.store.add_agenda_item(shared, &mark()).unwrap();
    let item = j
        .store
        .add_action_item(shared, &action("Shared item"))
        .unwrap();
    j.store
        .set_shareable(Shareable::ActionItem(item.id), true)
        .unwrap();
    j.store.add_action_item(shared, &action(&mark())).unwrap();
    let entry = j
        .store
        .add_feedback(shared, &feedback("Shared", "feedback", "entry"))
        .unwrap();
    j.store
        .set_shareable(Shareable::Feedback(entry.id), true)
        .unwrap();
    j.store
        .add_feedback(shared, &feedback(&mark(), &mark(), &mark()))
        .unwrap();
    j.store.set_check_in(shared, Some(1), Some(5)).unwrap();
    n
}

#[test]
fn the_shareable_api_returns_nothing_private() {
    let mut j = Journal::new();
    let markers = fill_with_markers(&mut j);
    assert!(markers >= 14);
    let shared = j.store.shareable_person(j.ana).unwrap();
    let everything = format!("{shared:?}\n{}", shareable::markdown(&shared));
    assert!(!everything.contains(MARKER), "{everything}");
    // And it does return what was marked shareable.
    assert_eq!(shared.notes.len(), 1);
    assert_eq!(shared.notes[0].notes, "Shared notes");
    assert_eq!(shared.action_items.len(), 1);
    assert_eq!(shared.action_items[0].text, "Shared item");
    assert_eq!(shared.feedback.len(), 1);
    // Marking notes private again takes them out.
    j.store
        .set_shareable(Shareable::Notes(shared.notes[0].session), false)
        .unwrap();
    assert!(j.store.shareable_person(j.ana).unwrap().notes.is_empty());
    // Structurally: no query reads a private column, and every journal query asks for
    // shareable rows only.
    for sql in shareable::QUERIES {
        assert!(!sql.contains("private_notes"), "{sql}");
        assert!(!sql.contains("agenda_items"), "{sql}");
        assert!(!sql.contains("growth_goals"), "{sql}");
        assert!(!sql.contains("mood"), "{sql}");
        if sql.contains("one_on_ones") {
            assert!(sql.contains("shareable = 1"), "{sql}");
        }
    }
}

#[test]
fn the_record_of_a_person_holds_their_private_notes_and_nobody_elses() {
    let mut j = Journal::new();
    fill_with_markers(&mut j);
    let bea = add_member(&mut j.store, "Bea");
    j.store.save_person_notes(bea, "beaprivate notes").unwrap();
    let session = j.session(bea, day(2024, 6, 4));
    j.store
        .save_session_notes(session, "beasession notes")
        .unwrap();
    let card = j.store.create_card(j.column(0), "Ana's card").unwrap();
    j.store.assign_card(card.id, Some(j.ana)).unwrap();

    let record = j.store.person_record(j.ana).unwrap();
    let markdown = export::markdown(&record);
    for n in [1, 2, 4, 5, 6, 7, 8, 9] {
        assert!(
            markdown.contains(&format!("{MARKER}{n}")),
            "marker {n}:\n{markdown}"
        );
    }
    assert!(markdown.contains("## Private notes"), "{markdown}");
    assert!(markdown.contains("Shared notes"), "{markdown}");
    assert!(markdown.contains("Ana's card"), "{markdown}");
    assert!(!markdown.contains("beaprivate"), "{markdown}");
    assert!(!markdown.contains("beasession"), "{markdown}");
    assert_eq!(record.sessions.len(), 2);
    assert_eq!(record.cards.len(), 1);
}

// --- search --------------------------------------------------------------------------------

#[test]
fn search_folds_accents_marks_matches_and_ranks_by_relevance() {
    let mut j = Journal::new();
    let bea = add_member(&mut j.store, "Bea");
    let session = j.session(j.ana, day(2024, 2, 5));
    j.store
        .save_session_notes(
            session,
            "We went through her Résumé and the conference talk. The résumé needs a résumé of impact.",
        )
        .unwrap();
    let point = j
        .store
        .add_agenda_item(session, "Resume review before the promotion")
        .unwrap();
    let other = j.session(bea, day(2024, 2, 6));
    let entry = j
        .store
        .add_feedback(
            other,
            &feedback(
                "Naïve question in the retro",
                "Asked about the resume",
                "Helped",
            ),
        )
        .unwrap();
    j.store
        .add_action_item(other, &action("Unrelated"))
        .unwrap();

    let hits = j.store.search_journal("resume", None, 10).unwrap();
    let found: Vec<(HitKind, i64)> = hits.iter().map(|h| (h.kind, h.id)).collect();
    // Three mentions in the notes outrank one in a short point and one in a longer entry.
    assert_eq!(
        found,
        [
            (HitKind::Notes, session.0),
            (HitKind::AgendaItem, point.id.0),
            (HitKind::Feedback, entry.id.0)
        ]
    );
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(hits[0].member_name, "Ana");
    assert_eq!(hits[2].member, bea);
    assert_eq!(hits[2].date, day(2024, 2, 6));
    assert_eq!(
        snippet_parts(&hits[1].snippet),
        [
            SnippetPart {
                text: "Resume".into(),
                hit: true
            },
            SnippetPart {
                text: " review before the promotion".into(),
                hit: false
            }
        ]
    );
    assert!(
        hits[0].snippet.to_lowercase().contains("\u{2}résumé\u{3}"),
        "{}",
        hits[0].snippet
    );
    assert!(!hits[0].snippet.contains('<'));
    // Accents in the query are folded too, words must all occur, and operators are text.
    assert_eq!(search(&j.store, "naive"), [(HitKind::Feedback, entry.id.0)]);
    assert_eq!(
        search(&j.store, "RÉSUMÉ promotion"),
        [(HitKind::AgendaItem, point.id.0)]
    );
    assert!(search(&j.store, "resume OR unrelated").is_empty());
    assert_eq!(search(&j.store, "unrelated").len(), 1);
    // One person only.
    let bea_hits = j.store.search_journal("resume", Some(bea), 10).unwrap();
    assert_eq!(bea_hits.len(), 1);
    assert_eq!(bea_hits[0].kind, HitKind::Feedback);
    // Limits.
    assert_eq!(j.store.search_journal("resume", None, 2).unwrap().len(), 2);
}

#[test]
fn long_documents_are_cut_around_their_first_match() {
    let words = |n: usize, word: &str| vec![word; n].join(" ");
    let cases = [
        ("\u{2}only\u{3}".to_owned(), "\u{2}only\u{3}".to_owned()),
        (
            format!("{} \u{2}hit\u{3} {}", words(3, "before"), words(3, "after")),
            format!("{} \u{2}hit\u{3} {}", words(3, "before"), words(3, "after")),
        ),
        (
            format!("{} \u{2}hit\u{3} tail", words(30, "before")),
            format!("\u{2026}{} \u{2}hit\u{3} tail", words(5, "before")),
        ),
        (
            format!(
                "\u{2}hit\u{3} {} \u{2}second\u{3} {}",
                words(18, "after"),
                words(40, "more")
            ),
            format!(
                "\u{2}hit\u{3} {} \u{2}second\u{3}\u{2026}",
                words(18, "after")
            ),
        ),
        ("no match at all".to_owned(), String::new()),
    ];
    for (highlighted, expected) in cases {
        let got = around_first_match(&highlighted);
        assert_eq!(got, expected, "{highlighted}");
        assert_eq!(got.matches('\u{2}').count(), got.matches('\u{3}').count());
    }
}

/// The index as FTS5 reads it: every term it holds.
fn indexed_terms(store: &Store) -> Vec<String> {
    let conn = store.conn();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.journal_terms
         USING fts5vocab(main, journal_search, 'row')",
    )
    .unwrap();
    let terms = conn
        .prepare("SELECT term FROM temp.journal_terms")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    terms
}

fn integrity_check(store: &Store) {
    store
        .conn()
        .execute(
            "INSERT INTO journal_search (journal_search, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .expect("the index matches the journal");
}

#[test]
fn undo_and_redo_keep_search_in_step() {
    let mut j = Journal::new();
    let session = j.session(j.ana, day(2024, 2, 5));
    j.store
        .save_session_notes(session, "Talked about kubernetes")
        .unwrap();
    let point = j
        .store
        .add_agenda_item(session, "Kubernetes budget")
        .unwrap();
    assert_eq!(search(&j.store, "kubernetes").len(), 2);

    j.store.edit_agenda_item(point.id, "Hiring budget").unwrap();
    assert_eq!(
        search(&j.store, "kubernetes"),
        [(HitKind::Notes, session.0)]
    );
    assert_eq!(search(&j.store, "hiring").len(), 1);
    j.store.undo().unwrap();
    assert_eq!(search(&j.store, "kubernetes").len(), 2);
    assert!(search(&j.store, "hiring").is_empty());
    j.store.redo().unwrap();
    assert_eq!(search(&j.store, "hiring").len(), 1);
    integrity_check(&j.store);

    j.store
        .add_feedback(session, &feedback("Kubernetes outage", "Calm", "Quick fix"))
        .unwrap();
    j.store.delete_session(session).unwrap();
    assert!(search(&j.store, "kubernetes").is_empty());
    assert!(search(&j.store, "hiring").is_empty());
    integrity_check(&j.store);
    assert_eq!(
        j.store.undo().unwrap().as_deref(),
        Some("Delete one-on-one")
    );
    assert_eq!(search(&j.store, "kubernetes").len(), 2);
    assert_eq!(search(&j.store, "hiring").len(), 1);
    integrity_check(&j.store);
    j.store.undo().unwrap(); // the feedback
    j.store.undo().unwrap(); // the edit
    j.store.undo().unwrap(); // the point
    assert_eq!(
        search(&j.store, "kubernetes"),
        [(HitKind::Notes, session.0)]
    );
    // Notes were written into the session since it was made, and notes are not undoable:
    // undoing its creation would lose them, so it is refused.
    refused(&mut j.store, ErrorKind::InvalidInput, |s| s.undo());
    assert_eq!(
        search(&j.store, "kubernetes"),
        [(HitKind::Notes, session.0)]
    );
    for _ in 0..3 {
        j.store.redo().unwrap().expect("a step to redo");
    }
    assert_eq!(search(&j.store, "kubernetes").len(), 2);
    assert_eq!(search(&j.store, "hiring").len(), 1);
    integrity_check(&j.store);
}

#[test]
fn the_index_and_its_shadow_tables_are_not_in_the_undo_history() {
    let mut j = Journal::new();
    let session = j.session(j.ana, day(2024, 2, 5));
    j.store.add_agenda_item(session, "Something").unwrap();
    let steps: Vec<String> = j
        .store
        .conn()
        .prepare("SELECT undo_sql || redo_sql FROM undo_log")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(steps.iter().all(|s| !s.contains("journal_search")));
    let triggers: i64 = j
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM temp.sqlite_schema
             WHERE type = 'trigger' AND tbl_name LIKE 'journal_search%'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(triggers, 0);
}

#[test]
fn the_bundled_sqlite_has_fts5_with_accent_folding() {
    let (_dir, store) = crate::temp_store();
    let fts5: bool = store
        .conn()
        .query_row(
            "SELECT sqlite_compileoption_used('ENABLE_FTS5')",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(fts5);
    let sql: String = store
        .conn()
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'journal_search'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(sql.contains("remove_diacritics 2"), "{sql}");
}

// --- erasure -------------------------------------------------------------------------------

/// Every value in every table, blobs as lossy text.
fn all_text(store: &Store) -> String {
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
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let width = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..width {
                match row.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        out.push_str(&String::from_utf8_lossy(t).to_lowercase());
                        out.push('\n');
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

#[test]
fn erasing_a_person_leaves_nothing_of_them_and_keeps_the_others() {
    let mut j = Journal::new();
    fill_with_markers(&mut j);
    j.store
        .update_person(
            j.ana,
            &PersonUpdate {
                name: format!("{MARKER}name"),
                role: format!("{MARKER}role"),
                start_date: None,
                cadence: Cadence::Weekly,
            },
        )
        .unwrap();
    j.store
        .set_member_skill(j.ana, &format!("{MARKER}skill"), Some(3))
        .unwrap();
    let card = j.store.create_card(j.column(0), "Shared work").unwrap();
    j.store.assign_card(card.id, Some(j.ana)).unwrap();
    let session = j.session(j.ana, day(2024, 6, 20));
    let item = j
        .store
        .add_action_item(session, &action("Board task"))
        .unwrap();
    let (_, from_item) = j.store.action_item_to_card(item.id, j.column(1)).unwrap();
    // Delete and undo: the undo history now holds the session's SQL too.
    j.store.delete_session(session).unwrap();
    j.store.undo().unwrap();
    let bea = add_member(&mut j.store, "Bea");
    let kept = j.session(bea, day(2024, 6, 21));
    j.store
        .save_session_notes(kept, "Bea keeps her notes")
        .unwrap();
    assert!(all_text(&j.store).contains(MARKER));
    assert!(!search(&j.store, &format!("{MARKER}4")).is_empty());

    j.store.erase_person(j.ana).unwrap();

    let text = all_text(&j.store);
    assert!(!text.contains(MARKER), "found the marker in:\n{text}");
    assert!(search(&j.store, &format!("{MARKER}4")).is_empty());
    let terms = indexed_terms(&j.store);
    assert!(terms.iter().all(|t| !t.contains(MARKER)), "{terms:?}");
    assert!(terms.contains(&"keeps".to_owned()), "{terms:?}");
    integrity_check(&j.store);
    // The cards stay, unassigned; the others' data stays.
    assert_eq!(j.store.card(card.id).unwrap().assignee, None);
    assert_eq!(j.store.card(from_item.id).unwrap().assignee, None);
    assert_eq!(search(&j.store, "keeps"), [(HitKind::Notes, kept.0)]);
    assert_eq!(j.store.list_members().unwrap().len(), 1);
    // Not undoable, and nothing older either.
    assert_eq!(j.store.undo().unwrap(), None);
    assert!(j.store.person(j.ana).is_err());
    refused(&mut j.store, ErrorKind::NotFound, |s| s.erase_person(j.ana));
}

#[test]
fn the_journal_is_one_undo_step_per_action() {
    let mut j = Journal::new();
    let session = j.session(j.ana, day(2024, 7, 1));
    let before = dump_without_index(&j.store);
    let item = j.store.add_action_item(session, &action("Try it")).unwrap();
    j.store.set_action_item_done(item.id, true).unwrap();
    let entry = j
        .store
        .add_feedback(session, &feedback("a", "b", "c"))
        .unwrap();
    j.store
        .update_feedback(
            entry.id,
            &NewFeedback {
                kind: FeedbackKind::Constructive,
                ..feedback("a2", "b2", "c2")
            },
        )
        .unwrap();
    j.store.set_check_in(session, Some(3), Some(3)).unwrap();
    j.store
        .set_shareable(Shareable::Feedback(entry.id), true)
        .unwrap();
    let point = j.store.add_agenda_item(session, "Point").unwrap();
    j.store.delete_agenda_item(point.id).unwrap();
    for _ in 0..8 {
        j.store.undo().unwrap().expect("an undo step");
    }
    assert_eq!(dump_without_index(&j.store), before);
}

#[test]
fn the_demo_team_has_a_living_journal() {
    let (_dir, mut store) = crate::temp_store();
    store.seed_demo().unwrap();
    let today = chrono::DateTime::from_timestamp_millis(START)
        .unwrap()
        .date_naive();
    let people = store.list_members().unwrap();
    let ana = people.iter().find(|p| p.name == "Ana Souza").unwrap().id;
    let journal = store.person_journal(ana, today).unwrap();
    assert_eq!(journal.sessions.len(), 2);
    assert_eq!(journal.check_ins.len(), 2);
    assert!(!journal.goals.is_empty());
    assert!(!journal.feedback.is_empty());
    assert!(journal.action_items.iter().any(|a| !a.done));
    assert!(!journal.person.private_notes.is_empty());
    let hits = store.search_journal("resume", None, 10).unwrap();
    assert_eq!(hits[0].member_name, "Chidi Okafor");
    assert!(!store.due_this_week(today).unwrap().is_empty());
    // The shareable notes are there; the private ones are not.
    let shared = store.shareable_person(ana).unwrap();
    assert_eq!(shared.notes.len(), 1);
    assert!(!format!("{shared:?}").contains("Lisbon"));
    // The next one-on-one carries the open point and the open action items.
    let session = store.create_session(ana, NewSession::on(today)).unwrap();
    let texts: Vec<&str> = session.agenda.iter().map(|a| a.text.as_str()).collect();
    assert!(
        texts.contains(&"Workload: on-call and the rate limiter at once"),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Action item: Ask the platform team")),
        "{texts:?}"
    );
}

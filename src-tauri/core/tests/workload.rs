//! Workload balancing on the stored board: capacity, time off, pins, the planner's input,
//! the workload of a horizon, and applying suggestions as one undoable action.

use chrono::NaiveDate;
use teamlead_core::plan::{Horizon, PlanOptions, Scope, UnassignedReason};
use teamlead_core::workload::{check_horizon, TimeOffPeriod};
use teamlead_core::{
    BoardId, CardId, ErrorKind, MemberId, NewMember, Placement, Priority, Skill, Store, TimeOffId,
};

/// (name, working days, available, assigned, open, unestimated, utilisation)
type PersonRow<'a> = (&'a str, u32, f64, u64, u32, u32, Option<f64>);
/// (skill, holders and levels, holder count, bus factor)
type SkillRow<'a> = (&'a str, Vec<(MemberId, u8)>, u32, bool);
/// (accepted assignments, expected error kind, expected message)
type ApplyCase = (Vec<(CardId, MemberId)>, ErrorKind, String);

use crate::board::refused;
use crate::{board_store, column, dump_data};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Monday 2 March to Friday 13 March 2026: ten working days.
fn two_weeks() -> Horizon {
    Horizon {
        start: day(2026, 3, 2),
        end: day(2026, 3, 13),
    }
}

fn member(store: &mut Store, name: &str, skills: &[(&str, u8)]) -> MemberId {
    store
        .create_member(&NewMember {
            name: name.into(),
            role: String::new(),
            skills: skills
                .iter()
                .map(|(name, level)| Skill {
                    name: (*name).into(),
                    level: *level,
                })
                .collect(),
        })
        .unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    board: BoardId,
    ana: MemberId,
    bea: MemberId,
    cem: MemberId,
    /// Parser (Ana, 5, Rust 3), Index (Ana, 3, started), Docs (Bea, no estimate),
    /// Query (Bea, 6, SQL 2), Old (Ana, 8, done), Archived (Ana, 4), Triage (nobody, 2,
    /// urgent), Kotlin (nobody, no estimate, Kotlin 3).
    cards: [CardId; 8],
}

/// A hand-checked team: Ana 10 a week, Bea 7.5 a week and away the second week, Cem 0.
fn fixture() -> Fixture {
    let (dir, mut store, view) = board_store();
    let ana = member(&mut store, "Ana", &[("Rust", 4)]);
    let bea = member(&mut store, "Bea", &[("rust", 2), ("SQL", 3)]);
    let cem = member(&mut store, "Cem", &[]);
    store.set_capacity(ana, Some(10.0)).unwrap();
    store.set_capacity(bea, Some(7.5)).unwrap();
    store.set_capacity(cem, Some(0.0)).unwrap();
    store
        .add_time_off(bea, day(2026, 3, 9), day(2026, 3, 13))
        .unwrap();
    let (todo, doing, done) = (column(&view, 0), column(&view, 1), column(&view, 2));
    let mut card = |col, title: &str, who: Option<MemberId>, estimate: Option<f64>| {
        let id = store.create_card(col, title).unwrap().id;
        store.assign_card(id, who).unwrap();
        store.set_estimate(id, estimate).unwrap();
        id
    };
    let cards = [
        card(todo, "Parser", Some(ana), Some(5.0)),
        card(doing, "Index", Some(ana), Some(3.0)),
        card(todo, "Docs", Some(bea), None),
        card(todo, "Query", Some(bea), Some(6.0)),
        card(done, "Old", Some(ana), Some(8.0)),
        card(todo, "Archived", Some(ana), Some(4.0)),
        card(todo, "Triage", None, Some(2.0)),
        card(todo, "Kotlin", None, None),
    ];
    store.set_card_skill(cards[0], "Rust", Some(3)).unwrap();
    store.set_card_skill(cards[3], "SQL", Some(2)).unwrap();
    store.set_card_skill(cards[7], "Kotlin", Some(3)).unwrap();
    store.set_priority(cards[6], Priority::Urgent).unwrap();
    store.set_due(cards[6], Some(day(2026, 3, 4))).unwrap();
    store.archive_card(cards[5]).unwrap();
    Fixture {
        _dir: dir,
        store,
        board: view.board.id,
        ana,
        bea,
        cem,
        cards,
    }
}

#[test]
fn capacity_and_time_off_are_kept_and_undone() {
    let mut f = fixture();
    let people = f.store.workload(f.board, two_weeks()).unwrap().people;
    let caps: Vec<(&str, Option<u32>)> = people
        .iter()
        .map(|p| (p.name.as_str(), p.weekly_capacity))
        .collect();
    assert_eq!(
        caps,
        [("Ana", Some(1000)), ("Bea", Some(750)), ("Cem", Some(0))]
    );
    assert_eq!(
        people[1].time_off,
        [TimeOffPeriod {
            id: people[1].time_off[0].id,
            member: f.bea,
            start: day(2026, 3, 9),
            end: day(2026, 3, 13),
        }]
    );
    // Two decimals are kept; clearing means "not set".
    f.store.set_capacity(f.cem, Some(2.345)).unwrap();
    let cem = |s: &Store| s.workload(f.board, two_weeks()).unwrap().people[2].weekly_capacity;
    assert_eq!(cem(&f.store), Some(235));
    f.store.set_capacity(f.cem, None).unwrap();
    assert_eq!(cem(&f.store), None);
    assert_eq!(
        f.store.undo_state().unwrap().undo.as_deref(),
        Some("Clear capacity")
    );
    f.store.undo().unwrap();
    assert_eq!(cem(&f.store), Some(235));

    let before = dump_data(&f.store);
    let added = f
        .store
        .add_time_off(f.cem, day(2026, 3, 3), day(2026, 3, 3))
        .unwrap();
    assert_eq!(f.store.time_off().unwrap().len(), 2);
    f.store.remove_time_off(added.id).unwrap();
    assert_eq!(
        f.store.undo_state().unwrap().undo.as_deref(),
        Some("Remove time off")
    );
    f.store.undo().unwrap();
    assert_eq!(f.store.time_off().unwrap().len(), 2);
    assert_eq!(
        f.store.undo_state().unwrap().undo.as_deref(),
        Some("Add time off")
    );
    f.store.undo().unwrap();
    assert_eq!(dump_data(&f.store), before);
}

#[test]
fn bad_capacities_periods_and_people_are_refused_without_a_change() {
    let mut f = fixture();
    let cases: [(f64, &str); 4] = [
        (-1.0, "A weekly capacity cannot be negative."),
        (f64::NAN, "A weekly capacity must be a number."),
        (f64::INFINITY, "A weekly capacity must be a number."),
        (10_000.5, "A weekly capacity can be at most 10000 a week."),
    ];
    for (value, message) in cases {
        let error = refused(&mut f.store, ErrorKind::InvalidInput, |s| {
            s.set_capacity(f.ana, Some(value))
        });
        assert_eq!(error.to_string(), message, "{value}");
    }
    refused(&mut f.store, ErrorKind::NotFound, |s| {
        s.set_capacity(MemberId(99), Some(1.0))
    });
    let error = refused(&mut f.store, ErrorKind::InvalidInput, |s| {
        s.add_time_off(f.ana, day(2026, 3, 5), day(2026, 3, 4))
    });
    assert_eq!(error.to_string(), "Time off ends before it starts.");
    let error = refused(&mut f.store, ErrorKind::InvalidInput, |s| {
        s.add_time_off(f.ana, day(2026, 1, 1), day(2027, 1, 2))
    });
    assert_eq!(error.to_string(), "Time off can be at most 366 days long.");
    refused(&mut f.store, ErrorKind::NotFound, |s| {
        s.add_time_off(MemberId(99), day(2026, 3, 5), day(2026, 3, 5))
    });
    refused(&mut f.store, ErrorKind::NotFound, |s| {
        s.remove_time_off(TimeOffId(99))
    });
    let backwards = Horizon {
        start: day(2026, 3, 5),
        end: day(2026, 3, 4),
    };
    assert_eq!(
        check_horizon(backwards).unwrap_err().to_string(),
        "The horizon ends before it starts."
    );
    let error = f.store.workload(f.board, backwards).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    let error = f.store.workload(BoardId(99), two_weeks()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
    // The database refuses what the core would never write.
    let sql = f.store.conn().execute(
        "UPDATE members SET weekly_capacity_centi = -1 WHERE id = ?1",
        [f.ana],
    );
    assert!(sql.is_err());
}

#[test]
fn workload_numbers_match_the_hand_computed_fixture() {
    let f = fixture();
    let w = f.store.workload(f.board, two_weeks()).unwrap();
    // (name, working days, available, assigned, open, unestimated, utilisation)
    let people: Vec<PersonRow> = w
        .people
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.available.working_days,
                p.available.centi(),
                p.assigned_centi,
                p.open_cards,
                p.unestimated,
                p.utilisation,
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            // Parser 5 + Index 3 against 10 × 10 / 5; Old is done, Archived archived.
            ("Ana", 10, 2000.0, 800, 2, 0, Some(0.4)),
            // Query 6 (Docs has no estimate) against 7.5 × 5 / 5.
            ("Bea", 5, 750.0, 600, 2, 1, Some(0.8)),
            ("Cem", 10, 0.0, 0, 0, 0, None),
        ]
    );
    assert_eq!(
        (
            w.unassigned_cards,
            w.unassigned_unestimated,
            w.unassigned_centi
        ),
        (2, 1, 200)
    );
    let skills: Vec<SkillRow> = w
        .skills
        .iter()
        .map(|s| {
            (
                s.skill.as_str(),
                s.holders.iter().map(|h| (h.member, h.level)).collect(),
                s.open_cards,
                s.single_holder(),
            )
        })
        .collect();
    assert_eq!(
        skills,
        [
            ("Kotlin", vec![], 1, false),
            // "rust" and "Rust" are one skill, shown as first spelt.
            ("Rust", vec![(f.ana, 4), (f.bea, 2)], 1, false),
            ("SQL", vec![(f.bea, 3)], 1, true),
        ]
    );
    // A horizon inside Bea's time off leaves her no capacity.
    let away = Horizon {
        start: day(2026, 3, 9),
        end: day(2026, 3, 9),
    };
    let w = f.store.workload(f.board, away).unwrap();
    assert_eq!(w.people[1].available.working_days, 0);
    assert_eq!(w.people[1].utilisation, None);
    assert_eq!(w.people[0].utilisation, Some(4.0));
}

#[test]
fn plan_input_reads_people_and_open_cards_from_the_board() {
    let mut f = fixture();
    f.store.pin_card(f.cards[3], true).unwrap();
    let input = f
        .store
        .plan_input(f.board, two_weeks(), PlanOptions::default())
        .unwrap();
    let people: Vec<(MemberId, &str, u32, usize, usize)> = input
        .people
        .iter()
        .map(|p| {
            (
                p.id,
                p.name.as_str(),
                p.weekly_capacity,
                p.time_off.len(),
                p.skills.len(),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            (f.ana, "Ana", 1000, 0, 1),
            (f.bea, "Bea", 750, 1, 2),
            (f.cem, "Cem", 0, 0, 0)
        ]
    );
    let c = f.cards;
    let cards: Vec<_> = input
        .cards
        .iter()
        .map(|card| {
            (
                card.id,
                card.title.as_str(),
                card.estimate.map(|e| e.0),
                card.needs
                    .iter()
                    .map(|n| format!("{} {}", n.name, n.min_level))
                    .collect::<Vec<_>>(),
                card.assignee,
                card.pin,
                card.started,
            )
        })
        .collect();
    let needs = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        cards,
        [
            (
                c[0],
                "Parser",
                Some(500),
                needs(&["Rust 3"]),
                Some(f.ana),
                None,
                false
            ),
            (
                c[1],
                "Index",
                Some(300),
                needs(&[]),
                Some(f.ana),
                None,
                true
            ),
            (c[2], "Docs", None, needs(&[]), Some(f.bea), None, false),
            (
                c[3],
                "Query",
                Some(600),
                needs(&["SQL 2"]),
                Some(f.bea),
                Some(f.bea),
                false
            ),
            (c[6], "Triage", Some(200), needs(&[]), None, None, false),
            (
                c[7],
                "Kotlin",
                None,
                needs(&["Kotlin 3"]),
                None,
                None,
                false
            ),
        ]
    );
    let triage = &input.cards[4];
    assert_eq!(
        (triage.priority, triage.due),
        (teamlead_core::plan::Priority::Urgent, Some(day(2026, 3, 4)))
    );
    assert_eq!(input.horizon, two_weeks());

    // Only open cards of the board can be in scope.
    let error = f
        .store
        .plan_input(
            f.board,
            two_weeks(),
            PlanOptions {
                scope: Scope::Cards(vec![c[4]]),
                ..PlanOptions::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("Card #{} is not an open card of this board.", c[4].0)
    );

    // The planner's answer: Triage goes to someone with room, Kotlin to nobody.
    let plan = f
        .store
        .suggest_plan(f.board, two_weeks(), PlanOptions::default())
        .unwrap();
    assert_eq!(plan.suggestions.len(), 1);
    assert_eq!(plan.suggestions[0].card, c[6]);
    assert!(!plan.suggestions[0].reason.is_empty());
    assert_eq!(plan.unassigned.len(), 1);
    assert_eq!(
        (
            plan.unassigned[0].card,
            plan.unassigned[0].reason,
            plan.unassigned[0].text.as_str()
        ),
        (
            c[7],
            UnassignedReason::NobodyQualified,
            "Nobody has Kotlin at level 3"
        )
    );
    assert!(plan.lower_bound <= plan.max_utilisation);
}

#[test]
fn a_pin_follows_the_assignee_and_needs_one() {
    let mut f = fixture();
    let [parser, _, _, _, _, _, triage, _] = f.cards;
    let error = refused(&mut f.store, ErrorKind::InvalidInput, |s| {
        s.pin_card(triage, true)
    });
    assert_eq!(
        error.to_string(),
        "Assign the card to someone before pinning it to them."
    );
    assert_eq!(
        f.store.pin_card(parser, true).unwrap().pinned_to,
        Some(f.ana)
    );
    assert_eq!(
        f.store.undo_state().unwrap().undo.as_deref(),
        Some("Pin card")
    );
    // Shown on the board, kept when the card moves.
    let view = f.store.board_view(f.board).unwrap();
    let shown = view.cards.iter().find(|c| c.id == parser).unwrap();
    assert_eq!(shown.pinned_to, Some(f.ana));
    f.store
        .move_card(
            parser,
            Placement {
                column: view.columns[1].id,
                after: None,
            },
        )
        .unwrap();
    assert_eq!(f.store.card(parser).unwrap().pinned_to, Some(f.ana));
    // Given to someone else by hand, it no longer stays with Ana; undo brings the pin back.
    f.store.assign_card(parser, Some(f.bea)).unwrap();
    assert_eq!(f.store.card(parser).unwrap().pinned_to, None);
    f.store.undo().unwrap();
    assert_eq!(f.store.card(parser).unwrap().pinned_to, Some(f.ana));
    assert_eq!(f.store.pin_card(parser, false).unwrap().pinned_to, None);
    assert_eq!(
        f.store.undo_state().unwrap().undo.as_deref(),
        Some("Unpin card")
    );
}

#[test]
fn apply_is_one_action_undone_in_one_step() {
    let mut f = fixture();
    let [_, _, docs, _, _, _, triage, kotlin] = f.cards;
    let before = dump_data(&f.store);
    f.store
        .apply_plan(f.board, &[(triage, f.ana), (kotlin, f.cem), (docs, f.cem)])
        .unwrap();
    let assignees: Vec<Option<MemberId>> = [triage, kotlin, docs]
        .iter()
        .map(|&c| f.store.card(c).unwrap().assignee)
        .collect();
    assert_eq!(assignees, [Some(f.ana), Some(f.cem), Some(f.cem)]);
    assert_eq!(
        f.store.undo_state().unwrap().undo.as_deref(),
        Some("Apply suggestions")
    );
    let applied = dump_data(&f.store);
    assert_eq!(
        f.store.undo().unwrap().as_deref(),
        Some("Apply suggestions")
    );
    assert_eq!(dump_data(&f.store), before);
    assert_eq!(
        f.store.redo().unwrap().as_deref(),
        Some("Apply suggestions")
    );
    assert_eq!(dump_data(&f.store), applied);
}

#[test]
fn a_bad_batch_is_refused_whole_and_writes_nothing() {
    let mut f = fixture();
    let [parser, _, _, query, old, archived, triage, kotlin] = f.cards;
    f.store.pin_card(query, true).unwrap();
    let other = f.store.add_board("Other").unwrap();
    let elsewhere = f
        .store
        .create_card(other.columns[0].id, "Elsewhere")
        .unwrap()
        .id;
    let ok = (triage, f.ana);
    let cases: Vec<ApplyCase> = vec![
        (
            vec![],
            ErrorKind::InvalidInput,
            "Choose at least one suggestion to apply.".into(),
        ),
        (
            vec![ok, (triage, f.bea)],
            ErrorKind::InvalidInput,
            format!("Card #{} is listed twice.", triage.0),
        ),
        (
            vec![ok, (CardId(999), f.ana)],
            ErrorKind::NotFound,
            "That card (id 999) does not exist. It may have been deleted.".into(),
        ),
        (
            vec![ok, (kotlin, MemberId(99))],
            ErrorKind::NotFound,
            "That team member (id 99) does not exist. It may have been deleted.".into(),
        ),
        (
            vec![ok, (old, f.bea)],
            ErrorKind::InvalidInput,
            format!(
                "Card #{} is done; suggest again to see the board as it is now.",
                old.0
            ),
        ),
        (
            vec![ok, (archived, f.bea)],
            ErrorKind::InvalidInput,
            format!(
                "Card #{} is archived; suggest again to see the board as it is now.",
                archived.0
            ),
        ),
        (
            vec![ok, (elsewhere, f.bea)],
            ErrorKind::InvalidInput,
            format!(
                "Card #{} is on another board; suggest again to see the board as it is now.",
                elsewhere.0
            ),
        ),
        (
            vec![ok, (parser, f.bea), (query, f.ana)],
            ErrorKind::InvalidInput,
            format!(
                "Card #{} is pinned to Bea; unpin it before giving it to Ana.",
                query.0
            ),
        ),
    ];
    for (batch, kind, message) in cases {
        let error = refused(&mut f.store, kind, |s| s.apply_plan(f.board, &batch));
        assert_eq!(error.to_string(), message, "{batch:?}");
    }
    // A card pinned to the person it goes to is fine.
    f.store.apply_plan(f.board, &[(query, f.bea), ok]).unwrap();
    assert_eq!(f.store.card(triage).unwrap().assignee, Some(f.ana));
}

#[test]
fn the_demo_team_has_capacity_and_suggestions_place_its_unassigned_cards() {
    let (_dir, mut store) = crate::temp_store();
    let board = store.seed_demo().unwrap();
    let today = chrono::DateTime::from_timestamp_millis(store.now())
        .unwrap()
        .date_naive();
    let horizon = Horizon {
        start: today,
        end: today + chrono::Duration::days(13),
    };
    let w = store.workload(board, horizon).unwrap();
    assert!(w.people.iter().all(|p| p.weekly_capacity.is_some()));
    assert_eq!(store.time_off().unwrap().len(), 1);
    assert_eq!(w.unassigned_cards, 5);
    let plan = store
        .suggest_plan(board, horizon, PlanOptions::default())
        .unwrap();
    assert_eq!(plan.suggestions.len(), 5, "{plan:?}");
    let accepted: Vec<(CardId, MemberId)> = plan
        .suggestions
        .iter()
        .map(|s| (s.card, s.person))
        .collect();
    store.apply_plan(board, &accepted).unwrap();
    assert_eq!(store.workload(board, horizon).unwrap().unassigned_cards, 0);
    store.undo().unwrap();
    assert_eq!(store.workload(board, horizon).unwrap().unassigned_cards, 5);
}

#[test]
fn unfinished_growth_goals_from_the_journal_reach_the_planner() {
    let mut f = fixture();
    let goal = |title: &str, skills: &[&str], progress: u8| teamlead_core::journal::NewGoal {
        title: title.into(),
        skills: skills.iter().map(|s| (*s).to_owned()).collect(),
        progress,
    };
    f.store
        .add_goal(f.bea, &goal("Own the parser", &["Rust", "Parsing"], 40))
        .unwrap();
    f.store
        .add_goal(f.bea, &goal("Learned SQL", &["Kotlin"], 100))
        .unwrap();
    let input = f
        .store
        .plan_input(f.board, two_weeks(), PlanOptions::default())
        .unwrap();
    let goals_of = |id: MemberId| {
        input
            .people
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.growth_goals.clone())
            .unwrap()
    };
    assert_eq!(goals_of(f.bea), ["Parsing", "Rust"]);
    // A finished goal no longer asks for stretch work; people without goals have none.
    assert!(goals_of(f.ana).is_empty());
}

//! Goals: progress from linked cards, the at-risk trend, and undoable writes.

use teamlead_core::metrics::{Calendar, DAY_MS};
use teamlead_core::team_goals::{team_goal_progress, GoalCard, GoalStatus, TeamGoal};
use teamlead_core::{CardId, ErrorKind, Estimate, Placement, TeamGoalId};

use crate::board::refused;
use crate::metrics::{date, noon};
use crate::{board_store, column, dump_data};

fn card(estimate: Option<u32>, started: Option<i64>, done: bool) -> GoalCard {
    GoalCard {
        card: CardId(1),
        estimate: estimate.map(|e| Estimate(e * 100)),
        started_at: started.map(noon),
        done,
        dropped: false,
    }
}

#[test]
fn goal_progress_rolls_up_from_cards_with_unestimated_cards_as_one_unit() {
    // Goal created on day 0 (Jan 1), target Jan 31.
    let goal = TeamGoal {
        id: TeamGoalId(1),
        title: "Launch".into(),
        target: date(2026, 1, 31),
        created_at: noon(0),
    };
    let dropped = GoalCard {
        dropped: true,
        ..card(Some(50), None, false)
    };
    // (name, cards, now (day), status, progress, done effort, effort, projected)
    type Case = (
        &'static str,
        Vec<GoalCard>,
        i64,
        GoalStatus,
        f64,
        f64,
        f64,
        Option<chrono::NaiveDate>,
    );
    let cases: Vec<Case> = vec![
        (
            "no cards",
            vec![],
            5,
            GoalStatus::NoCards,
            0.0,
            0.0,
            0.0,
            None,
        ),
        (
            "a dropped card only",
            vec![dropped],
            5,
            GoalStatus::NoCards,
            0.0,
            0.0,
            0.0,
            None,
        ),
        (
            "all done",
            vec![card(Some(3), Some(1), true), card(None, Some(2), true)],
            5,
            GoalStatus::Done,
            1.0,
            4.0,
            4.0,
            None,
        ),
        (
            // 3 of 3 + 1 + 2 = 6 done after 4 days from the first start (day 1): 0.5 in 4
            // days, so 4 more days: Jan 10 (today is day 5, Jan 6).
            "on track",
            vec![
                card(Some(3), Some(1), true),
                card(None, Some(2), false),
                card(Some(2), None, false),
                dropped,
            ],
            5,
            GoalStatus::OnTrack,
            0.5,
            3.0,
            6.0,
            Some(date(2026, 1, 10)),
        ),
        (
            // 1 of 10 in 20 days: 180 more days.
            "too slow",
            vec![card(Some(1), Some(0), true), card(Some(9), Some(1), false)],
            20,
            GoalStatus::AtRisk,
            0.1,
            1.0,
            10.0,
            Some(date(2026, 7, 20)),
        ),
        (
            "nothing done, early",
            vec![card(Some(5), None, false)],
            10,
            GoalStatus::NotStarted,
            0.0,
            0.0,
            5.0,
            None,
        ),
        (
            "nothing done, past half the time",
            vec![card(Some(5), Some(3), false)],
            16,
            GoalStatus::AtRisk,
            0.0,
            0.0,
            5.0,
            None,
        ),
        (
            "past the target",
            vec![card(Some(1), Some(0), true), card(Some(1), Some(0), false)],
            40,
            GoalStatus::AtRisk,
            0.5,
            1.0,
            2.0,
            None,
        ),
        (
            "zero estimates count as zero, done by count",
            vec![card(Some(0), Some(1), true)],
            5,
            GoalStatus::Done,
            1.0,
            0.0,
            0.0,
            None,
        ),
    ];
    for (name, cards, day, status, progress, done, effort, projected) in cases {
        let p = team_goal_progress(&goal, &cards, noon(day), &Calendar::utc());
        assert_eq!(p.status, status, "{name}: status ({})", p.why);
        assert!(
            (p.progress - progress).abs() < 1e-9,
            "{name}: progress {}",
            p.progress
        );
        assert_eq!((p.done_effort, p.effort), (done, effort), "{name}: effort");
        assert_eq!(p.projected, projected, "{name}: projected");
        assert!(!p.why.is_empty());
    }
}

#[test]
fn goals_are_created_linked_and_deleted_with_undo() {
    let (_dir, mut store, view) = board_store();
    let card = store.create_card(column(&view, 0), "Ship it").unwrap().id;
    let goal = store
        .create_team_goal("  Launch v2 ", date(2026, 3, 1))
        .unwrap();
    assert_eq!(
        (goal.title.as_str(), goal.target),
        ("Launch v2", date(2026, 3, 1))
    );
    assert_eq!(store.card_detail(card).unwrap().team_goal, None);
    store.set_card_team_goal(card, Some(goal.id)).unwrap();
    assert_eq!(store.team_goal_cards(goal.id).unwrap(), [card]);
    assert_eq!(store.card_detail(card).unwrap().team_goal, Some(goal.id));
    let edited = store
        .update_team_goal(goal.id, "Launch v2.1", date(2026, 4, 1))
        .unwrap();
    assert_eq!(edited.target, date(2026, 4, 1));
    store.delete_team_goal(goal.id).unwrap();
    assert!(store.list_team_goals().unwrap().is_empty());
    // The card stays, unlinked.
    assert_eq!(store.card_detail(card).unwrap().team_goal, None);
    // Undo brings the goal back, linked again.
    assert_eq!(store.undo().unwrap().as_deref(), Some("Delete goal"));
    assert_eq!(store.team_goal_cards(goal.id).unwrap(), [card]);
    assert_eq!(store.undo().unwrap().as_deref(), Some("Edit goal"));
    assert_eq!(store.team_goal(goal.id).unwrap().title, "Launch v2");
    assert_eq!(store.undo().unwrap().as_deref(), Some("Link card to goal"));
    assert!(store.team_goal_cards(goal.id).unwrap().is_empty());
    assert_eq!(store.undo().unwrap().as_deref(), Some("Create goal"));
    assert!(store.list_team_goals().unwrap().is_empty());
}

#[test]
fn bad_goal_writes_are_refused_without_a_change() {
    let (_dir, mut store, view) = board_store();
    let card = store.create_card(column(&view, 0), "Card").unwrap().id;
    let goal = store.create_team_goal("Goal", date(2026, 3, 1)).unwrap().id;
    let before = dump_data(&store);
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.create_team_goal(" ", date(2026, 3, 1))
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.set_card_team_goal(card, Some(TeamGoalId(99)))
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.set_card_team_goal(CardId(99), Some(goal))
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.delete_team_goal(TeamGoalId(99))
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.update_team_goal(TeamGoalId(99), "x", date(2026, 1, 1))
    });
    assert_eq!(dump_data(&store), before);
}

#[test]
fn goal_progress_is_read_from_the_board() {
    let (_dir, mut store, view) = board_store();
    let a = store.create_card(column(&view, 0), "A").unwrap().id;
    let b = store.create_card(column(&view, 0), "B").unwrap().id;
    store.set_estimate(a, Some(3.0)).unwrap();
    let goal = store.create_team_goal("Goal", date(2030, 1, 1)).unwrap().id;
    store.set_card_team_goal(a, Some(goal)).unwrap();
    store.set_card_team_goal(b, Some(goal)).unwrap();
    let to = |c| Placement {
        column: column(&view, c),
        after: None,
    };
    store.move_card(a, to(1)).unwrap();
    store.move_card(a, to(2)).unwrap();
    let now = store.now() + DAY_MS;
    let progress = store.team_goals_progress(now, &Calendar::utc()).unwrap();
    assert_eq!(progress.len(), 1);
    assert_eq!((progress[0].done_effort, progress[0].effort), (3.0, 4.0));
    assert_eq!(progress[0].status, GoalStatus::OnTrack);
}

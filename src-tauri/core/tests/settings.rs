//! Column stages, WIP limits, estimates and the load per person.

use teamlead_core::validate::{MAX_ESTIMATE, MAX_WIP_LIMIT};
use teamlead_core::{CardId, ColumnId, ErrorKind, Estimate, Load, Stage};

use crate::{add_member, board_store, column, dump, temp_store};

#[test]
fn stages_are_guessed_from_usual_column_names_and_can_be_changed() {
    let (_dir, mut store) = temp_store();
    let view = store
        .create_board(
            "Flow",
            &["Backlog", "Doing", "In review", "Shipped", "Parked"],
        )
        .unwrap();
    let stages: Vec<Stage> = view.columns.iter().map(|c| c.stage).collect();
    assert_eq!(
        stages,
        [
            Stage::NotStarted,
            Stage::InProgress,
            Stage::InProgress,
            Stage::Done,
            Stage::NotStarted
        ]
    );
    let parked = store
        .set_column_stage(view.columns[4].id, Stage::Done)
        .unwrap();
    assert_eq!(parked.stage, Stage::Done);
}

#[test]
fn wip_limits_are_set_cleared_and_bounded() {
    let (_dir, mut store, view) = board_store();
    let doing = column(&view, 1);
    assert_eq!(
        store.set_wip_limit(doing, Some(3)).unwrap().wip_limit,
        Some(3)
    );
    assert_eq!(
        store
            .set_wip_limit(doing, Some(MAX_WIP_LIMIT))
            .unwrap()
            .wip_limit,
        Some(999)
    );
    let before = dump(&store);
    for bad in [0, MAX_WIP_LIMIT + 1] {
        let error = store.set_wip_limit(doing, Some(bad)).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert_eq!(
            error.to_string(),
            "A WIP limit goes from 1 to 999 cards; clear it for no limit."
        );
    }
    let error = store.set_wip_limit(ColumnId(9_999), Some(2)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
    assert_eq!(dump(&store), before);
    assert_eq!(store.set_wip_limit(doing, None).unwrap().wip_limit, None);
}

#[test]
fn more_cards_than_the_limit_is_allowed() {
    let (_dir, mut store, view) = board_store();
    let doing = column(&view, 1);
    store.set_wip_limit(doing, Some(1)).unwrap();
    store.create_card(doing, "one").unwrap();
    store.create_card(doing, "two").unwrap();
    let board = store.board_view(view.board.id).unwrap();
    assert_eq!(board.cards_in(doing).count(), 2);
}

#[test]
fn estimates_are_kept_to_two_decimals_and_refused_when_absurd() {
    let (_dir, mut store, view) = board_store();
    let card = store.create_card(column(&view, 0), "Sized").unwrap().id;
    let cases: &[(f64, Result<u32, &str>)] = &[
        (0.0, Ok(0)),
        (2.5, Ok(250)),
        (1.004, Ok(100)),
        (1.006, Ok(101)),
        (MAX_ESTIMATE, Ok(1_000_000)),
        (-1.0, Err("An estimate cannot be negative.")),
        (f64::NAN, Err("An estimate must be a number.")),
        (f64::INFINITY, Err("An estimate must be a number.")),
        (1e12, Err("An estimate can be at most 10000.")),
    ];
    for (input, expected) in cases {
        let got = store
            .set_estimate(card, Some(*input))
            .map(|c| c.estimate.expect("set").0)
            .map_err(|e| e.to_string());
        assert_eq!(got, expected.map_err(str::to_owned), "estimate {input}");
    }
    assert_eq!(store.set_estimate(card, None).unwrap().estimate, None);
    let error = store.set_estimate(CardId(9_999), Some(1.0)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
}

#[test]
fn load_counts_open_cards_and_their_estimates_per_person() {
    let (_dir, mut store) = temp_store();
    let view = store
        .create_board("Team", &["To do", "Doing", "Done"])
        .unwrap();
    let (todo, doing, done) = (column(&view, 0), column(&view, 1), column(&view, 2));
    let ana = add_member(&mut store, "Ana");
    let bea = add_member(&mut store, "Bea");
    let card = |store: &mut teamlead_core::Store, col, who, estimate: Option<f64>| {
        let id = store.create_card(col, "work").unwrap().id;
        store.assign_card(id, who).unwrap();
        store.set_estimate(id, estimate).unwrap();
    };
    card(&mut store, todo, Some(ana), Some(3.0));
    card(&mut store, doing, Some(ana), Some(2.5));
    card(&mut store, doing, Some(ana), None);
    card(&mut store, done, Some(ana), Some(8.0)); // done: not open
    card(&mut store, done, Some(bea), Some(5.0)); // Bea has nothing open
    card(&mut store, todo, None, Some(1.0));
    let loads = store.board_view(view.board.id).unwrap().loads();
    assert_eq!(
        loads,
        [
            Load {
                member: Some(ana),
                open_cards: 3,
                estimate: Estimate(550),
                unestimated: 1
            },
            Load {
                member: None,
                open_cards: 1,
                estimate: Estimate(100),
                unestimated: 0
            },
        ]
    );
}

#[test]
fn the_demo_board_starts_over_its_wip_limit_with_estimates() {
    let (_dir, mut store) = temp_store();
    let board = store.seed_demo().unwrap();
    let view = store.board_view(board).unwrap();
    let in_progress = view
        .columns
        .iter()
        .find(|c| c.name == "In progress")
        .unwrap();
    let limit = in_progress.wip_limit.expect("a limit");
    assert!(view.cards_in(in_progress.id).count() > limit as usize);
    let estimated = view.cards.iter().filter(|c| c.estimate.is_some()).count();
    assert!((20..30).contains(&estimated), "{estimated} estimated");
    assert_eq!(
        view.columns.iter().map(|c| c.stage).collect::<Vec<_>>(),
        [
            Stage::NotStarted,
            Stage::NotStarted,
            Stage::InProgress,
            Stage::InProgress,
            Stage::Done
        ]
    );
}

use teamlead_core::demo::{DEMO_BOARD_NAME, FRESH_COLUMNS};
use teamlead_core::validate::MAX_TITLE_CHARS;
use teamlead_core::{
    CardId, ColumnId, Entity, Error, ErrorKind, MemberId, NewMember, Placement, Skill,
};

use crate::{board_store, column, dump, temp_store};

#[test]
fn a_new_card_goes_to_the_end_of_its_column() {
    let (_dir, mut store, view) = board_store();
    let first = store.create_card(column(&view, 0), "First").unwrap();
    let second = store.create_card(column(&view, 0), "  Second  ").unwrap();
    assert_eq!(second.title, "Second");
    let board = store.board_view(view.board.id).unwrap();
    let titles: Vec<&str> = board
        .cards_in(column(&view, 0))
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(titles, ["First", "Second"]);
    assert!(first.rank < second.rank);
}

#[test]
fn board_view_lists_columns_left_to_right_and_cards_by_column() {
    let (_dir, mut store, view) = board_store();
    let names: Vec<&str> = view.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["To do", "Doing", "Done"]);
    store.create_card(column(&view, 2), "c").unwrap();
    store.create_card(column(&view, 0), "a").unwrap();
    store.create_card(column(&view, 1), "b").unwrap();
    let board = store.board_view(view.board.id).unwrap();
    let titles: Vec<&str> = board.cards.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["a", "b", "c"]);
}

#[test]
fn rename_changes_only_the_title() {
    let (_dir, mut store, view) = board_store();
    let card = store.create_card(column(&view, 0), "Old").unwrap();
    let renamed = store.rename_card(card.id, "New title").unwrap();
    assert_eq!(renamed.title, "New title");
    assert_eq!(
        (renamed.column_id, &renamed.rank),
        (card.column_id, &card.rank)
    );
}

#[test]
fn moves_place_the_card_after_the_given_one() {
    let (_dir, mut store, view) = board_store();
    let todo = column(&view, 0);
    let doing = column(&view, 1);
    let a = store.create_card(todo, "a").unwrap().id;
    let b = store.create_card(todo, "b").unwrap().id;
    let c = store.create_card(todo, "c").unwrap().id;
    let order = |store: &teamlead_core::Store, col: ColumnId| -> Vec<CardId> {
        store
            .board_view(view.board.id)
            .unwrap()
            .cards_in(col)
            .map(|c| c.id)
            .collect()
    };
    store
        .move_card(
            c,
            Placement {
                column: todo,
                after: None,
            },
        )
        .unwrap();
    assert_eq!(order(&store, todo), [c, a, b]);
    store
        .move_card(
            c,
            Placement {
                column: todo,
                after: Some(a),
            },
        )
        .unwrap();
    assert_eq!(order(&store, todo), [a, c, b]);
    store
        .move_card(
            a,
            Placement {
                column: doing,
                after: None,
            },
        )
        .unwrap();
    assert_eq!(order(&store, todo), [c, b]);
    assert_eq!(order(&store, doing), [a]);
    store
        .move_card(
            b,
            Placement {
                column: doing,
                after: Some(a),
            },
        )
        .unwrap();
    assert_eq!(order(&store, doing), [a, b]);
}

#[test]
fn history_records_create_move_and_assign_with_time() {
    let (_dir, mut store, view) = board_store();
    let member = crate::add_member(&mut store, "Ana");
    let card = store.create_card(column(&view, 0), "Tracked").unwrap().id;
    store
        .move_card(
            card,
            Placement {
                column: column(&view, 1),
                after: None,
            },
        )
        .unwrap();
    store.assign_card(card, Some(member)).unwrap();
    let history = store.card_history(card).unwrap();
    let kinds: Vec<&str> = history.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["created", "moved", "assigned"]);
    assert!(history.iter().all(|e| e.at == 1_700_000_000_000));
}

/// Runs `call`, expects it to fail with `kind`, and checks the database did not change.
pub fn refused<T: std::fmt::Debug>(
    store: &mut teamlead_core::Store,
    kind: ErrorKind,
    call: impl FnOnce(&mut teamlead_core::Store) -> Result<T, Error>,
) -> Error {
    let before = dump(store);
    let error = call(store).expect_err("the call should have been refused");
    assert_eq!(error.kind(), kind, "{error:?}");
    assert_eq!(dump(store), before, "a refused call changed the database");
    error
}

#[test]
fn bad_titles_are_refused_with_a_readable_message() {
    let (_dir, mut store, view) = board_store();
    let todo = column(&view, 0);
    let card = store.create_card(todo, "Keep me").unwrap().id;
    let empty = refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.create_card(todo, "   ")
    });
    assert_eq!(empty.to_string(), "The title cannot be empty.");
    let huge = "x".repeat(10 * 1024 * 1024);
    let long = refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.create_card(todo, &huge)
    });
    assert_eq!(
        long.to_string(),
        format!("The title can be at most {MAX_TITLE_CHARS} characters long.")
    );
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.rename_card(card, "")
    });
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.rename_card(card, &huge)
    });
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.rename_card(card, "two\nlines")
    });
    let exactly = "é".repeat(MAX_TITLE_CHARS);
    assert_eq!(store.rename_card(card, &exactly).unwrap().title, exactly);
}

#[test]
fn unknown_ids_are_refused_and_change_nothing() {
    let (_dir, mut store, view) = board_store();
    let todo = column(&view, 0);
    let card = store.create_card(todo, "Real").unwrap().id;
    let missing_card = CardId(9_999);
    let missing_column = ColumnId(9_999);
    let error = refused(&mut store, ErrorKind::NotFound, |s| {
        s.move_card(
            missing_card,
            Placement {
                column: todo,
                after: None,
            },
        )
    });
    assert!(matches!(
        error,
        Error::NotFound {
            entity: Entity::Card,
            id: 9_999
        }
    ));
    let error = refused(&mut store, ErrorKind::NotFound, |s| {
        s.move_card(
            card,
            Placement {
                column: missing_column,
                after: None,
            },
        )
    });
    assert!(matches!(
        error,
        Error::NotFound {
            entity: Entity::Column,
            ..
        }
    ));
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.create_card(missing_column, "x")
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.rename_card(missing_card, "x")
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.move_card(
            card,
            Placement {
                column: todo,
                after: Some(missing_card),
            },
        )
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.assign_card(card, Some(MemberId(77)))
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.assign_card(missing_card, None)
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.board_view(teamlead_core::BoardId(5))
    });
}

#[test]
fn impossible_placements_are_refused() {
    let (_dir, mut store, view) = board_store();
    let a = store.create_card(column(&view, 0), "a").unwrap().id;
    let b = store.create_card(column(&view, 1), "b").unwrap().id;
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.move_card(
            a,
            Placement {
                column: column(&view, 0),
                after: Some(a),
            },
        )
    });
    // `after` must be in the target column.
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.move_card(
            a,
            Placement {
                column: column(&view, 2),
                after: Some(b),
            },
        )
    });
    let other = store.create_board("Other", &["Only"]).unwrap();
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.move_card(
            a,
            Placement {
                column: other.columns[0].id,
                after: None,
            },
        )
    });
}

#[test]
fn the_demo_team_fills_an_empty_workspace_once() {
    let (_dir, mut store) = temp_store();
    assert!(store.is_empty().unwrap());
    let board = store.seed_demo().unwrap();
    assert!(!store.is_empty().unwrap());
    let view = store.board_view(board).unwrap();
    assert_eq!(view.board.name, DEMO_BOARD_NAME);
    assert_eq!(view.columns.len(), 5);
    assert_eq!(view.cards.len(), 30);
    for col in &view.columns {
        assert!(
            view.cards_in(col.id).count() >= 3,
            "column {} is nearly empty",
            col.name
        );
    }
    let members = store.list_members().unwrap();
    assert_eq!(members.len(), 6);
    assert!(members.iter().all(|m| !m.skills.is_empty()));
    let assigned = view.cards.iter().filter(|c| c.assignee.is_some()).count();
    assert!((20..30).contains(&assigned), "{assigned} assigned");
    // The demo shows every kind of card detail.
    assert_eq!(view.labels.len(), 4);
    let blocked: Vec<_> = view.cards.iter().filter(|c| c.blocked.is_some()).collect();
    assert_eq!(blocked.len(), 1);
    let history = store.card_history(blocked[0].id).unwrap();
    assert!(history
        .iter()
        .any(|e| e.kind == teamlead_core::board::EventKind::Blocked));
    assert!(view.cards.iter().any(|c| !c.labels.is_empty()));
    assert!(view.cards.iter().any(|c| !c.skills.is_empty()));
    assert!(view.cards.iter().any(|c| c.due.is_some()));
    assert!(view.cards.iter().any(|c| !c.description.is_empty()));
    assert!(view.cards.iter().any(|c| c.checklist.total > 0));
    assert!(view
        .cards
        .iter()
        .any(|c| c.priority == teamlead_core::Priority::Urgent));
    refused(&mut store, ErrorKind::InvalidInput, |s| s.seed_demo());
    refused(&mut store, ErrorKind::InvalidInput, |s| s.start_fresh());
}

#[test]
fn a_fresh_start_makes_one_empty_board() {
    let (_dir, mut store) = temp_store();
    let board = store.start_fresh().unwrap();
    let view = store.board_view(board).unwrap();
    let names: Vec<&str> = view.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, FRESH_COLUMNS);
    assert!(view.cards.is_empty());
    assert_eq!(store.list_boards().unwrap().len(), 1);
}

#[test]
fn members_keep_their_skills() {
    let (_dir, mut store) = temp_store();
    let id = store
        .create_member(&NewMember {
            name: "Bea".into(),
            role: "Engineer".into(),
            skills: vec![
                Skill {
                    name: "Rust".into(),
                    level: 4,
                },
                Skill {
                    name: "SQL".into(),
                    level: 2,
                },
            ],
        })
        .unwrap();
    let members = store.list_members().unwrap();
    assert_eq!(members[0].id, id);
    assert_eq!(members[0].skills.len(), 2);
    assert_eq!(
        members[0].skills[0],
        Skill {
            name: "Rust".into(),
            level: 4
        }
    );
    let bad = NewMember {
        name: "Cy".into(),
        role: String::new(),
        skills: vec![Skill {
            name: "Go".into(),
            level: 6,
        }],
    };
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.create_member(&bad)
    });
}

/// Regression: joins and index comparisons on bound values made SQLite re-prepare the move
/// statement on every call, which tripled the cost of a move.
#[test]
fn board_operations_reuse_their_prepared_statements() {
    let (_dir, mut store, view) = board_store();
    let member = crate::add_member(&mut store, "Ana");
    let mut cards = Vec::new();
    for i in 0..6 {
        cards.push(
            store
                .create_card(column(&view, i % 3), &format!("card {i}"))
                .unwrap()
                .id,
        );
    }
    let label = store
        .create_label(view.board.id, "Bug", teamlead_core::LabelColor::Orange)
        .unwrap()
        .id;
    let baseline = store.statement_reprepares();
    for round in 0..20 {
        let (to, after) = if round % 2 == 0 {
            (1, Some(cards[1]))
        } else {
            (0, Some(cards[3]))
        };
        store
            .move_card(
                cards[0],
                Placement {
                    column: column(&view, to),
                    after,
                },
            )
            .unwrap();
        store
            .move_card(
                cards[5],
                Placement {
                    column: column(&view, round % 3),
                    after: None,
                },
            )
            .unwrap();
        store
            .create_card(column(&view, round % 3), "another")
            .unwrap();
        store
            .rename_card(cards[2], &format!("renamed {round}"))
            .unwrap();
        store
            .assign_card(cards[4], if round % 2 == 0 { Some(member) } else { None })
            .unwrap();
        store.board_view(view.board.id).unwrap();
        store
            .set_description(cards[3], &format!("notes {round}"))
            .unwrap();
        store
            .set_priority(cards[3], teamlead_core::Priority::ALL[round % 4])
            .unwrap();
        if round % 2 == 0 {
            store.block_card(cards[1], "waiting").unwrap();
        } else {
            store.unblock_card(cards[1]).unwrap();
        }
        store
            .set_card_label(cards[2], label, round % 2 == 0)
            .unwrap();
        store
            .set_card_skill(cards[4], "Rust", Some(1 + (round % 5) as u8))
            .unwrap();
        let item = store.add_checklist_item(cards[round % 6], "step").unwrap();
        store.check_checklist_item(item.id, true).unwrap();
        store.card_detail(cards[round % 6]).unwrap();
    }
    assert_eq!(store.statement_reprepares(), baseline);
}

#[test]
fn place_card_moves_and_assigns_as_one_undoable_step() {
    let (_dir, mut store, view) = board_store();
    let ana = crate::add_member(&mut store, "Ana");
    let card = store.create_card(column(&view, 0), "Shared").unwrap().id;
    let other = store
        .create_card(column(&view, 1), "Already there")
        .unwrap()
        .id;
    let before = crate::dump_data(&store);
    let placed = store
        .place_card(
            card,
            Placement {
                column: column(&view, 1),
                after: Some(other),
            },
            Some(ana),
        )
        .unwrap();
    assert_eq!(
        (placed.column_id, placed.assignee),
        (column(&view, 1), Some(ana))
    );
    assert_eq!(
        store.undo_state().unwrap().undo.as_deref(),
        Some("Move and assign card")
    );
    store.undo().unwrap();
    assert_eq!(crate::dump_data(&store), before);

    // A missing person refuses the whole step: the card does not move either.
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.place_card(
            card,
            Placement {
                column: column(&view, 2),
                after: None,
            },
            Some(MemberId(99)),
        )
    });
}

#[test]
fn archiving_takes_a_card_off_the_board_and_restoring_puts_it_back() {
    let (_dir, mut store, view) = board_store();
    let todo = column(&view, 0);
    let ids: Vec<CardId> = (0..3)
        .map(|i| store.create_card(todo, &format!("card {i}")).unwrap().id)
        .collect();
    let archived = store.archive_card(ids[1]).unwrap();
    assert!(archived.archived_at.is_some());
    let board = store.board_view(view.board.id).unwrap();
    assert_eq!(
        board.cards_in(todo).map(|c| c.id).collect::<Vec<_>>(),
        [ids[0], ids[2]]
    );
    assert_eq!(store.archived_cards(view.board.id).unwrap()[0].id, ids[1]);
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.archive_card(ids[1])
    });

    // Neither the archived card nor a place after it can be a move's target.
    let error = refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.move_card(
            ids[1],
            Placement {
                column: column(&view, 1),
                after: None,
            },
        )
    });
    assert_eq!(
        error.to_string(),
        "This card is archived; restore it before moving it."
    );
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.move_card(
            ids[0],
            Placement {
                column: todo,
                after: Some(ids[1]),
            },
        )
    });

    store.restore_card(ids[1]).unwrap();
    let board = store.board_view(view.board.id).unwrap();
    assert_eq!(board.cards_in(todo).map(|c| c.id).collect::<Vec<_>>(), ids);
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.restore_card(ids[1])
    });
    let kinds: Vec<&str> = store
        .card_history(ids[1])
        .unwrap()
        .into_iter()
        .map(|e| e.kind.as_str())
        .collect();
    assert_eq!(kinds, ["created", "archived", "restored"]);
}

#[test]
fn a_deleted_card_and_its_history_come_back_with_undo() {
    let (_dir, mut store, view) = board_store();
    let card = store.create_card(column(&view, 0), "Doomed").unwrap().id;
    store
        .move_card(
            card,
            Placement {
                column: column(&view, 1),
                after: None,
            },
        )
        .unwrap();
    let before = crate::dump_data(&store);
    store.delete_card(card).unwrap();
    assert_eq!(store.card(card).unwrap_err().kind(), ErrorKind::NotFound);
    assert!(store.card_history(card).unwrap().is_empty());
    assert_eq!(store.undo().unwrap().as_deref(), Some("Delete card"));
    assert_eq!(crate::dump_data(&store), before);
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.delete_card(CardId(999))
    });
}

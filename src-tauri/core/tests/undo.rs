use proptest::prelude::*;
use teamlead_core::store::UNDO_DEPTH;
use teamlead_core::{CardId, ErrorKind, MemberId, Placement, Priority, Store};

use crate::{board_store, column, dump, dump_data};

/// One board action, with indices resolved against the current board.
#[derive(Debug, Clone)]
enum Action {
    Create {
        column: usize,
    },
    Rename {
        card: usize,
        title: u8,
    },
    Move {
        card: usize,
        column: usize,
        after: usize,
    },
    Assign {
        card: usize,
        member: bool,
    },
    Estimate {
        card: usize,
        centi: Option<u16>,
    },
    WipLimit {
        column: usize,
        limit: Option<u8>,
    },
    Place {
        card: usize,
        column: usize,
        member: bool,
    },
    ToggleArchive {
        card: usize,
    },
    Delete {
        card: usize,
    },
    Describe {
        card: usize,
        text: u8,
    },
    Prioritise {
        card: usize,
        priority: usize,
    },
    Due {
        card: usize,
        day: Option<u8>,
    },
    ToggleBlock {
        card: usize,
        reason: u8,
    },
    ToggleLabel {
        card: usize,
    },
    Skill {
        card: usize,
        level: Option<u8>,
    },
    Checklist {
        card: usize,
        step: u8,
    },
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        (0usize..3).prop_map(|column| Action::Create { column }),
        (0usize..20, any::<u8>()).prop_map(|(card, title)| Action::Rename { card, title }),
        (0usize..20, 0usize..3, 0usize..20).prop_map(|(card, column, after)| Action::Move {
            card,
            column,
            after
        }),
        (0usize..20, any::<bool>()).prop_map(|(card, member)| Action::Assign { card, member }),
        (0usize..20, any::<Option<u16>>())
            .prop_map(|(card, centi)| Action::Estimate { card, centi }),
        (0usize..3, any::<Option<u8>>())
            .prop_map(|(column, limit)| Action::WipLimit { column, limit }),
        (0usize..20, 0usize..3, any::<bool>()).prop_map(|(card, column, member)| Action::Place {
            card,
            column,
            member
        }),
        (0usize..20).prop_map(|card| Action::ToggleArchive { card }),
        (0usize..20).prop_map(|card| Action::Delete { card }),
        (0usize..20, any::<u8>()).prop_map(|(card, text)| Action::Describe { card, text }),
        (0usize..20, 0usize..4).prop_map(|(card, priority)| Action::Prioritise { card, priority }),
        (0usize..20, proptest::option::of(1u8..28))
            .prop_map(|(card, day)| Action::Due { card, day }),
        (0usize..20, any::<u8>()).prop_map(|(card, reason)| Action::ToggleBlock { card, reason }),
        (0usize..20).prop_map(|card| Action::ToggleLabel { card }),
        (0usize..20, proptest::option::of(1u8..=5))
            .prop_map(|(card, level)| Action::Skill { card, level }),
        (0usize..20, any::<u8>()).prop_map(|(card, step)| Action::Checklist { card, step }),
    ]
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    view: teamlead_core::BoardView,
    member: MemberId,
    label: teamlead_core::LabelId,
}

fn fixture() -> Fixture {
    let (dir, mut store, view) = board_store();
    let member = crate::add_member(&mut store, "Ana");
    for i in 0..4 {
        store
            .create_card(column(&view, i % 3), &format!("card {i}"))
            .unwrap();
    }
    let label = store
        .create_label(view.board.id, "Bug", teamlead_core::LabelColor::Vermillion)
        .unwrap()
        .id;
    Fixture {
        _dir: dir,
        store,
        view,
        member,
        label,
    }
}

impl Fixture {
    fn cards(&self) -> Vec<CardId> {
        self.store
            .board_view(self.view.board.id)
            .unwrap()
            .cards
            .iter()
            .map(|c| c.id)
            .collect()
    }

    fn perform(&mut self, action: &Action) {
        let cards = self.cards();
        let archived: Vec<CardId> = self
            .store
            .archived_cards(self.view.board.id)
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect();
        let needs_card = !matches!(action, Action::Create { .. } | Action::WipLimit { .. });
        if needs_card && cards.is_empty() {
            return;
        }
        let pick = |i: usize| cards[i % cards.len()];
        let result = match *action {
            Action::ToggleArchive { card } => {
                if archived.is_empty() || card % 2 == 0 {
                    self.store.archive_card(pick(card)).map(|_| ())
                } else {
                    self.store
                        .restore_card(archived[card % archived.len()])
                        .map(|_| ())
                }
            }
            Action::Delete { card } => self.store.delete_card(pick(card)),
            Action::Create { column: c } => self
                .store
                .create_card(column(&self.view, c), "new")
                .map(|_| ()),
            Action::Rename { card, title } => self
                .store
                .rename_card(pick(card), &format!("title {title}"))
                .map(|_| ()),
            Action::Move {
                card,
                column: c,
                after,
            } => {
                let card = pick(card);
                let target = column(&self.view, c);
                let view = self.store.board_view(self.view.board.id).unwrap();
                let others: Vec<CardId> = view
                    .cards_in(target)
                    .map(|c| c.id)
                    .filter(|&c| c != card)
                    .collect();
                let after = (after > 0 && !others.is_empty()).then(|| others[after % others.len()]);
                self.store
                    .move_card(
                        card,
                        Placement {
                            column: target,
                            after,
                        },
                    )
                    .map(|_| ())
            }
            Action::Assign { card, member } => self
                .store
                .assign_card(pick(card), member.then_some(self.member))
                .map(|_| ()),
            Action::Estimate { card, centi } => self
                .store
                .set_estimate(pick(card), centi.map(|c| f64::from(c) / 100.0))
                .map(|_| ()),
            Action::Place {
                card,
                column: c,
                member,
            } => self
                .store
                .place_card(
                    pick(card),
                    Placement {
                        column: column(&self.view, c),
                        after: None,
                    },
                    member.then_some(self.member),
                )
                .map(|_| ()),
            Action::WipLimit { column: c, limit } => self
                .store
                .set_wip_limit(column(&self.view, c), limit.map(|l| u32::from(l.max(1))))
                .map(|_| ()),
            Action::Describe { card, text } => self
                .store
                .set_description(pick(card), &format!("# Notes {text}\n\n- one\n- two"))
                .map(|_| ()),
            Action::Prioritise { card, priority } => self
                .store
                .set_priority(pick(card), Priority::ALL[priority])
                .map(|_| ()),
            Action::Due { card, day } => self
                .store
                .set_due(
                    pick(card),
                    day.map(|d| chrono::NaiveDate::from_ymd_opt(2026, 12, u32::from(d)).unwrap()),
                )
                .map(|_| ()),
            Action::ToggleBlock { card, reason } => {
                let card = pick(card);
                if self.store.card(card).unwrap().blocked.is_some() && reason % 2 == 0 {
                    self.store.unblock_card(card).map(|_| ())
                } else {
                    self.store
                        .block_card(card, &format!("waiting on {reason}"))
                        .map(|_| ())
                }
            }
            Action::ToggleLabel { card } => {
                let card = pick(card);
                let on = !self.store.card(card).unwrap().labels.contains(&self.label);
                self.store.set_card_label(card, self.label, on).map(|_| ())
            }
            Action::Skill { card, level } => self
                .store
                .set_card_skill(pick(card), "Rust", level)
                .map(|_| ()),
            Action::Checklist { card, step } => {
                let card = pick(card);
                let items = self.store.card_detail(card).unwrap().checklist;
                match (items.first(), step % 4) {
                    (Some(item), 1) => self
                        .store
                        .check_checklist_item(item.id, !item.done)
                        .map(|_| ()),
                    (Some(item), 2) => self.store.delete_checklist_item(item.id),
                    (Some(item), 3) => self
                        .store
                        .rename_checklist_item(item.id, &format!("step {step}"))
                        .map(|_| ()),
                    _ => self
                        .store
                        .add_checklist_item(card, &format!("step {step}"))
                        .map(|_| ()),
                }
            }
        };
        result.expect("every generated action is valid");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Do, then undo everything: the data is as it was. Redo everything: as it was after.
    #[test]
    fn undo_all_restores_the_start_and_redo_all_the_end(
        actions in prop::collection::vec(action(), 1..25)
    ) {
        let mut fx = fixture();
        let start = dump_data(&fx.store);
        // An action that changes nothing (say, the same title again) leaves no step.
        let mut steps = 0;
        for action in &actions {
            let before = dump_data(&fx.store);
            fx.perform(action);
            steps += usize::from(dump_data(&fx.store) != before);
        }
        let end = dump_data(&fx.store);
        for _ in 0..steps {
            prop_assert!(fx.store.undo().unwrap().is_some());
        }
        prop_assert_eq!(dump_data(&fx.store), start.clone());
        for _ in 0..steps {
            prop_assert!(fx.store.redo().unwrap().is_some());
        }
        prop_assert_eq!(dump_data(&fx.store), end);
        prop_assert_eq!(fx.store.redo().unwrap(), None);
    }

    /// Each single action, undone, leaves the data exactly as before it.
    #[test]
    fn do_then_undo_is_a_no_op(setup in prop::collection::vec(action(), 0..10), last in action()) {
        let mut fx = fixture();
        for action in &setup {
            fx.perform(action);
        }
        let before = dump_data(&fx.store);
        let state = fx.store.undo_state().unwrap();
        fx.perform(&last);
        if dump_data(&fx.store) == before {
            // Nothing changed, so nothing new to undo.
            prop_assert_eq!(fx.store.undo_state().unwrap(), state);
        } else {
            fx.store.undo().unwrap().expect("one step to undo");
            prop_assert_eq!(dump_data(&fx.store), before);
        }
    }
}

#[test]
fn labels_say_what_undo_and_redo_would_do() {
    let mut fx = fixture();
    let card = fx.cards()[0];
    fx.store.rename_card(card, "Renamed").unwrap();
    fx.store
        .move_card(
            card,
            Placement {
                column: column(&fx.view, 2),
                after: None,
            },
        )
        .unwrap();
    let state = fx.store.undo_state().unwrap();
    assert_eq!(state.undo.as_deref(), Some("Move card"));
    assert_eq!(state.redo, None);
    assert_eq!(fx.store.undo().unwrap().as_deref(), Some("Move card"));
    let state = fx.store.undo_state().unwrap();
    assert_eq!(state.undo.as_deref(), Some("Edit title"));
    assert_eq!(state.redo.as_deref(), Some("Move card"));
}

#[test]
fn a_new_action_clears_what_could_be_redone() {
    let mut fx = fixture();
    let card = fx.cards()[0];
    fx.store.rename_card(card, "First").unwrap();
    fx.store.undo().unwrap();
    fx.store.rename_card(card, "Second").unwrap();
    assert_eq!(fx.store.redo().unwrap(), None);
    assert_eq!(fx.store.card(card).unwrap().title, "Second");
}

#[test]
fn undo_of_a_created_card_removes_it_and_its_history() {
    let mut fx = fixture();
    let before = dump_data(&fx.store);
    let card = fx
        .store
        .create_card(column(&fx.view, 1), "Oops")
        .unwrap()
        .id;
    fx.store.undo().unwrap();
    assert_eq!(fx.store.card(card).unwrap_err().kind(), ErrorKind::NotFound);
    assert!(fx.store.card_history(card).unwrap().is_empty());
    assert_eq!(dump_data(&fx.store), before);
}

#[test]
fn an_undo_that_no_longer_fits_the_data_is_refused_and_changes_nothing() {
    let mut fx = fixture();
    let card = fx.cards()[0];
    fx.store.rename_card(card, "Renamed by an action").unwrap();
    // A change that bypasses the undo history, as a later import would.
    fx.store
        .write(|tx| {
            tx.execute(
                "UPDATE cards SET title = 'Changed elsewhere' WHERE id = ?1",
                [card],
            )?;
            Ok(())
        })
        .unwrap();
    let before = dump(&fx.store);
    let error = fx.store.undo().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error:?}");
    assert!(
        error.to_string().contains("can no longer be undone"),
        "{error}"
    );
    assert_eq!(dump(&fx.store), before);
}

#[test]
fn nothing_to_undo_or_redo_is_not_an_error() {
    let (_dir, mut store, _view) = board_store();
    // Creating the board is the only step.
    assert_eq!(store.undo().unwrap().as_deref(), Some("Create board"));
    assert_eq!(store.undo().unwrap(), None);
    assert_eq!(store.redo().unwrap().as_deref(), Some("Create board"));
    assert_eq!(store.redo().unwrap(), None);
}

#[test]
fn the_history_keeps_the_newest_steps_only() {
    let mut fx = fixture();
    let card = fx.cards()[0];
    for i in 0..UNDO_DEPTH + 100 {
        fx.store.rename_card(card, &format!("title {i}")).unwrap();
    }
    let mut undone = 0;
    while fx.store.undo().unwrap().is_some() {
        undone += 1;
    }
    // At least the promised depth, and old steps are really dropped.
    assert!(
        (UNDO_DEPTH..UNDO_DEPTH + 60).contains(&undone),
        "{undone} steps"
    );
    assert_ne!(fx.store.card(card).unwrap().title, "card 0");
}

use proptest::prelude::*;
use teamlead_core::rank;
use teamlead_core::{CardId, Placement};

use crate::{board_store, column};

fn valid_rank() -> impl Strategy<Value = String> {
    "[0-9A-Za-z]{0,6}[1-9A-Za-z]"
}

proptest! {
    #[test]
    fn between_lies_strictly_between(a in valid_rank(), b in valid_rank()) {
        prop_assume!(a != b);
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        let mid = rank::between(Some(&low), Some(&high));
        prop_assert!(rank::is_valid(&mid), "{mid:?}");
        prop_assert!(low < mid && mid < high, "{low:?} < {mid:?} < {high:?}");
    }

    #[test]
    fn open_ends_work(a in valid_rank()) {
        let above = rank::between(Some(&a), None);
        let below = rank::between(None, Some(&a));
        prop_assert!(rank::is_valid(&above) && rank::is_valid(&below));
        prop_assert!(below < a && a < above);
    }

    /// Any sequence of moves keeps a strict total order in every column, and each move
    /// writes exactly three rows: the card, one history event and one undo step.
    #[test]
    fn moves_keep_a_strict_order_and_write_constant_rows(
        moves in prop::collection::vec((0usize..12, 0usize..3, 0usize..13), 1..60)
    ) {
        let (_dir, mut store, view) = board_store();
        let mut cards: Vec<CardId> = Vec::new();
        for i in 0..12 {
            cards.push(store.create_card(column(&view, i % 3), &format!("card {i}")).unwrap().id);
        }
        for (card, to, after) in moves {
            let card = cards[card];
            let to = column(&view, to);
            let current = store.board_view(view.board.id).unwrap();
            let in_target: Vec<CardId> = current.cards_in(to).map(|c| c.id).filter(|&c| c != card).collect();
            // 0 places the card first; k > 0 right after the k-th other card (wrapping).
            let after = if after == 0 || in_target.is_empty() {
                None
            } else {
                Some(in_target[(after - 1) % in_target.len()])
            };
            let changes_before = total_changes(&store);
            store.move_card(card, Placement { column: to, after }).unwrap();
            prop_assert_eq!(total_changes(&store) - changes_before, 3);

            let now = store.board_view(view.board.id).unwrap();
            // The moved card sits right after `after`, or first.
            let order: Vec<CardId> = now.cards_in(to).map(|c| c.id).collect();
            let position = order.iter().position(|&c| c == card).unwrap();
            match after {
                None => prop_assert_eq!(position, 0),
                Some(a) => prop_assert_eq!(order[position - 1], a),
            }
            for col in &now.columns {
                let ranks: Vec<&str> = now.cards_in(col.id).map(|c| c.rank.as_str()).collect();
                prop_assert!(ranks.windows(2).all(|w| w[0] < w[1]), "column {:?}: {:?}", col.name, ranks);
                prop_assert!(ranks.iter().all(|r| rank::is_valid(r)));
            }
            prop_assert_eq!(now.cards.len(), 12);
        }
    }
}

fn total_changes(store: &teamlead_core::Store) -> i64 {
    store
        .conn()
        .query_row("SELECT total_changes()", [], |row| row.get(0))
        .unwrap()
}

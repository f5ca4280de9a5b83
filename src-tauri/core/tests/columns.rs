//! Adding, renaming, reordering and deleting columns; several boards.

use teamlead_core::columns::NEW_BOARD_COLUMNS;
use teamlead_core::{BoardId, ColumnId, ErrorKind, Placement, Store};

use crate::{board_store, column, dump, dump_data};

fn names(store: &Store, board: BoardId) -> Vec<String> {
    store
        .board_view(board)
        .unwrap()
        .columns
        .into_iter()
        .map(|c| c.name)
        .collect()
}

fn refused<T: std::fmt::Debug>(
    store: &mut Store,
    kind: ErrorKind,
    call: impl FnOnce(&mut Store) -> Result<T, teamlead_core::Error>,
) -> String {
    let before = dump(store);
    let error = call(store).expect_err("the call should have been refused");
    assert_eq!(error.kind(), kind, "{error:?}");
    assert_eq!(dump(store), before, "a refused call changed the database");
    error.to_string()
}

#[test]
fn columns_are_added_renamed_and_reordered_in_place() {
    let (_dir, mut store, view) = board_store();
    let board = view.board.id;
    let blocked = store
        .add_column(board, "Blocked", Some(column(&view, 1)))
        .unwrap();
    assert_eq!(names(&store, board), ["To do", "Doing", "Blocked", "Done"]);
    let first = store.add_column(board, "Inbox", None).unwrap();
    assert_eq!(
        names(&store, board),
        ["Inbox", "To do", "Doing", "Blocked", "Done"]
    );
    store.rename_column(blocked.id, "Waiting").unwrap();
    store.move_column(first.id, Some(column(&view, 2))).unwrap();
    assert_eq!(
        names(&store, board),
        ["To do", "Doing", "Waiting", "Done", "Inbox"]
    );
    store.move_column(column(&view, 2), None).unwrap();
    assert_eq!(
        names(&store, board),
        ["Done", "To do", "Doing", "Waiting", "Inbox"]
    );
    assert_eq!(
        refused(&mut store, ErrorKind::InvalidInput, |s| s
            .add_column(board, "  ", None)),
        "The column name cannot be empty."
    );
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.add_column(BoardId(99), "X", None)
    });
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.move_column(first.id, Some(first.id))
    });
}

#[test]
fn deleting_a_column_sends_its_cards_where_the_lead_chose() {
    let (_dir, mut store, view) = board_store();
    let (todo, doing, done) = (column(&view, 0), column(&view, 1), column(&view, 2));
    let kept = store.create_card(done, "already done").unwrap().id;
    let a = store.create_card(doing, "a").unwrap().id;
    let b = store.create_card(doing, "b").unwrap().id;
    store.archive_card(b).unwrap();

    let message = refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.delete_column(doing, None)
    });
    assert_eq!(
        message,
        "Choose a column for this column's cards before deleting it."
    );
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.delete_column(doing, Some(doing))
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.delete_column(ColumnId(99), Some(done))
    });

    let before = dump_data(&store);
    store.delete_column(doing, Some(done)).unwrap();
    let board = store.board_view(view.board.id).unwrap();
    assert_eq!(names(&store, view.board.id), ["To do", "Done"]);
    assert_eq!(
        board.cards_in(done).map(|c| c.id).collect::<Vec<_>>(),
        [kept, a]
    );
    // The archived card went along, and comes back in its new column.
    assert_eq!(store.restore_card(b).unwrap().column_id, done);
    store.undo().unwrap();
    store.undo().unwrap();
    assert_eq!(dump_data(&store), before);

    // An empty column needs no destination; the last column stays.
    store.delete_column(todo, None).unwrap();
    store.delete_column(doing, Some(done)).unwrap();
    assert_eq!(
        refused(&mut store, ErrorKind::InvalidInput, |s| s
            .delete_column(done, None)),
        "A board keeps at least one column."
    );
}

#[test]
fn cards_cannot_be_sent_to_another_board() {
    let (_dir, mut store, view) = board_store();
    let other = store.add_board("Second team").unwrap();
    let card = store.create_card(column(&view, 1), "stays").unwrap().id;
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.delete_column(column(&view, 1), Some(other.columns[0].id))
    });
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.move_card(
            card,
            Placement {
                column: other.columns[0].id,
                after: None,
            },
        )
    });
}

#[test]
fn several_boards_live_side_by_side() {
    let (_dir, mut store, view) = board_store();
    let second = store.add_board("Platform").unwrap();
    assert_eq!(
        second
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        NEW_BOARD_COLUMNS
    );
    store
        .rename_board(second.board.id, "Platform squad")
        .unwrap();
    let boards: Vec<String> = store
        .list_boards()
        .unwrap()
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(boards, ["Test", "Platform squad"]);
    assert_eq!(names(&store, view.board.id), ["To do", "Doing", "Done"]);
    refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.rename_board(second.board.id, "")
    });
    refused(&mut store, ErrorKind::NotFound, |s| {
        s.rename_board(BoardId(42), "x")
    });
}

#[test]
fn renaming_regueses_a_guessed_stage_and_keeps_a_chosen_one() {
    use teamlead_core::Stage;
    let (_dir, mut store, view) = board_store();
    let added = store.add_column(view.board.id, "New column", None).unwrap();
    assert_eq!(added.stage, Stage::NotStarted);
    assert_eq!(
        store.rename_column(added.id, "Shipped").unwrap().stage,
        Stage::Done
    );
    store.set_column_stage(added.id, Stage::InProgress).unwrap();
    assert_eq!(
        store.rename_column(added.id, "Done").unwrap().stage,
        Stage::InProgress
    );
}

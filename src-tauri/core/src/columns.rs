//! Managing a board's columns, and the boards themselves.

use rusqlite::{params, OptionalExtension};

use crate::board::{column_board, column_from_row, record, EventKind, COLUMN_COLUMNS};
use crate::error::{Entity, Error, Result};
use crate::model::{BoardId, BoardView, CardId, Column, ColumnId, Stage};
use crate::rank;
use crate::store::{Store, Tx};
use crate::validate;

/// The columns a new board starts with.
pub const NEW_BOARD_COLUMNS: &[&str] = &["To do", "In progress", "Review", "Done"];

impl Store {
    /// Adds a column right after `after`, or first when `None`.
    pub fn add_column(
        &mut self,
        board: BoardId,
        name: &str,
        after: Option<ColumnId>,
    ) -> Result<Column> {
        let name = validate::name("name", "column name", name)?;
        let id = self.act("Add column", |tx| {
            board_exists(tx, board)?;
            let rank = column_rank_after(tx, board, after, None)?;
            tx.prepare_cached(
                "INSERT INTO columns (board_id, name, rank, stage) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![board, name, rank, Stage::guess(&name)])?;
            Ok(ColumnId(tx.last_insert_rowid()))
        })?;
        self.column(id)
    }

    /// Renames a column. A stage that was only guessed from the old name is guessed again
    /// from the new one ("New column" renamed "Done" is done); a stage the lead chose stays.
    pub fn rename_column(&mut self, column: ColumnId, name: &str) -> Result<Column> {
        let name = validate::name("name", "column name", name)?;
        self.act("Rename column", |tx| {
            let (old_name, stage): (String, Stage) = tx
                .prepare_cached("SELECT name, stage FROM columns WHERE id = ?1")?
                .query_row([column], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?
                .ok_or(Error::not_found(Entity::Column, column.0))?;
            let stage = if stage == Stage::guess(&old_name) {
                Stage::guess(&name)
            } else {
                stage
            };
            tx.prepare_cached("UPDATE columns SET name = ?2, stage = ?3 WHERE id = ?1")?
                .execute(params![column, name, stage])?;
            Ok(())
        })?;
        self.column(column)
    }

    /// Moves a column right after `after` (first when `None`); writes that column only.
    pub fn move_column(&mut self, column: ColumnId, after: Option<ColumnId>) -> Result<Column> {
        if after == Some(column) {
            return Err(Error::invalid(
                "after",
                "A column cannot be placed after itself.",
            ));
        }
        self.act("Move column", |tx| {
            let board = column_board(tx, column)?;
            let rank = column_rank_after(tx, board, after, Some(column))?;
            tx.prepare_cached("UPDATE columns SET rank = ?2 WHERE id = ?1")?
                .execute(params![column, rank])?;
            Ok(())
        })?;
        self.column(column)
    }

    /// Deletes a column. Its cards, archived ones included, first go to the end of
    /// `cards_to`, in their order; a column with cards cannot be deleted without somewhere
    /// for them to go, and a board keeps at least one column.
    pub fn delete_column(&mut self, column: ColumnId, cards_to: Option<ColumnId>) -> Result<()> {
        self.act("Delete column", |tx| {
            let board = column_board(tx, column)?;
            if other_open_columns(tx, board, column)? == 0 {
                return Err(Error::invalid(
                    "column",
                    "A board keeps at least one column.",
                ));
            }
            let cards: Vec<CardId> = tx
                .prepare_cached("SELECT id FROM cards WHERE column_id = +?1 ORDER BY rank")?
                .query_map([column], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if !cards.is_empty() {
                let Some(target) = cards_to else {
                    return Err(Error::invalid(
                        "cardsTo",
                        "Choose a column for this column's cards before deleting it.",
                    ));
                };
                if target == column {
                    return Err(Error::invalid(
                        "cardsTo",
                        "The cards cannot go to the column being deleted.",
                    ));
                }
                if column_board(tx, target)? != board {
                    return Err(Error::invalid(
                        "cardsTo",
                        "The cards can only go to a column of the same board.",
                    ));
                }
                if column_archived(tx, target)? {
                    return Err(Error::invalid(
                        "cardsTo",
                        "The cards cannot go to an archived column.",
                    ));
                }
                let mut last: Option<String> = tx
                    .prepare_cached("SELECT max(rank) FROM cards WHERE column_id = +?1")?
                    .query_row([target], |row| row.get(0))?;
                for card in cards {
                    let rank = rank::between(last.as_deref(), None);
                    tx.prepare_cached(
                        "UPDATE cards SET column_id = ?2, rank = ?3, updated_at = ?4 WHERE id = ?1",
                    )?
                    .execute(params![card, target, rank, tx.now])?;
                    record(tx, card, EventKind::Moved, Some(column), Some(target), None)?;
                    last = Some(rank);
                }
            }
            tx.prepare_cached("DELETE FROM columns WHERE id = ?1")?
                .execute([column])?;
            Ok(())
        })
    }

    /// Takes a column and its cards off the board; [`Store::restore_column`] brings them
    /// back where they were. A board keeps at least one column on it.
    pub fn archive_column(&mut self, column: ColumnId) -> Result<Column> {
        self.act("Archive column", |tx| {
            let board = column_board(tx, column)?;
            if column_archived(tx, column)? {
                return Err(Error::invalid("column", "This column is already archived."));
            }
            if other_open_columns(tx, board, column)? == 0 {
                return Err(Error::invalid(
                    "column",
                    "A board keeps at least one column; add another before archiving this one.",
                ));
            }
            tx.prepare_cached("UPDATE columns SET archived_at = ?2 WHERE id = ?1")?
                .execute(params![column, tx.now])?;
            Ok(())
        })?;
        self.column(column)
    }

    pub fn restore_column(&mut self, column: ColumnId) -> Result<Column> {
        self.act("Restore column", |tx| {
            column_board(tx, column)?;
            if !column_archived(tx, column)? {
                return Err(Error::invalid("column", "This column is not archived."));
            }
            tx.prepare_cached("UPDATE columns SET archived_at = NULL WHERE id = ?1")?
                .execute([column])?;
            Ok(())
        })?;
        self.column(column)
    }

    /// A board's archived columns with how many cards each holds, the most recently
    /// archived first.
    pub fn archived_columns(&self, board: BoardId) -> Result<Vec<(Column, u32)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMN_COLUMNS},
                    (SELECT count(*) FROM cards WHERE column_id = columns.id
                                                  AND archived_at IS NULL)
             FROM columns WHERE board_id = ?1 AND archived_at IS NOT NULL
             ORDER BY archived_at DESC, id DESC"
        ))?;
        let columns = stmt
            .query_map([board], |row| Ok((column_from_row(row)?, row.get(6)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(columns)
    }

    /// A new board with the usual columns.
    pub fn add_board(&mut self, name: &str) -> Result<BoardView> {
        self.create_board(name, NEW_BOARD_COLUMNS)
    }

    pub fn rename_board(&mut self, board: BoardId, name: &str) -> Result<()> {
        let name = validate::name("name", "board name", name)?;
        self.act("Rename board", |tx| {
            let changed = tx
                .prepare_cached("UPDATE boards SET name = ?2 WHERE id = ?1")?
                .execute(params![board, name])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Board, board.0));
            }
            Ok(())
        })
    }
}

fn column_archived(tx: &Tx<'_>, column: ColumnId) -> Result<bool> {
    tx.prepare_cached("SELECT archived_at IS NOT NULL FROM columns WHERE id = ?1")?
        .query_row([column], |row| row.get(0))
        .optional()?
        .ok_or(Error::not_found(Entity::Column, column.0))
}

/// How many columns of `board` other than `column` are on the board (not archived).
fn other_open_columns(tx: &Tx<'_>, board: BoardId, column: ColumnId) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            "SELECT count(*) FROM columns
             WHERE board_id = ?1 AND id <> ?2 AND archived_at IS NULL",
        )?
        .query_row(params![board, column], |row| row.get(0))?)
}

fn board_exists(tx: &Tx<'_>, board: BoardId) -> Result<()> {
    tx.prepare_cached("SELECT 1 FROM boards WHERE id = ?1")?
        .query_row([board], |_| Ok(()))
        .optional()?
        .ok_or(Error::not_found(Entity::Board, board.0))
}

/// The rank right after column `after` (first when `None`) among `board`'s columns,
/// leaving out `moving`.
fn column_rank_after(
    tx: &Tx<'_>,
    board: BoardId,
    after: Option<ColumnId>,
    moving: Option<ColumnId>,
) -> Result<String> {
    let lower: Option<String> = match after {
        None => None,
        Some(after) => {
            let (after_board, rank): (BoardId, String) = tx
                .prepare_cached("SELECT board_id, rank FROM columns WHERE id = ?1")?
                .query_row([after], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?
                .ok_or(Error::not_found(Entity::Column, after.0))?;
            if after_board != board {
                return Err(Error::invalid(
                    "after",
                    "The column to place after is on another board.",
                ));
            }
            Some(rank)
        }
    };
    let upper: Option<String> = tx
        .prepare_cached(
            "SELECT rank FROM columns WHERE board_id = +?1 AND rank > ?2 AND id IS NOT ?3
             ORDER BY rank LIMIT 1",
        )?
        .query_row(
            params![board, lower.as_deref().unwrap_or(""), moving],
            |row| row.get(0),
        )
        .optional()?;
    Ok(rank::between(lower.as_deref(), upper.as_deref()))
}

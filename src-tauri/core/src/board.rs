//! Boards, columns and cards: reads and the writes a lead makes on the board.

use rusqlite::{params, OptionalExtension, Row};

use crate::error::{Entity, Error, Result};
use crate::model::{
    Blocked, Board, BoardId, BoardView, Card, CardEvent, CardId, CardPlace, ChecklistProgress,
    Column, ColumnId, Load, MemberId, Placement, Stage,
};
use crate::rank;
use crate::store::{Store, Tx};
use crate::validate;

/// What happened to a card, as recorded in its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Created,
    Moved,
    Assigned,
    Renamed,
    Archived,
    Restored,
    Blocked,
    Unblocked,
}

impl EventKind {
    pub const ALL: [EventKind; 8] = [
        EventKind::Created,
        EventKind::Moved,
        EventKind::Assigned,
        EventKind::Renamed,
        EventKind::Archived,
        EventKind::Restored,
        EventKind::Blocked,
        EventKind::Unblocked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::Moved => "moved",
            EventKind::Assigned => "assigned",
            EventKind::Renamed => "renamed",
            EventKind::Archived => "archived",
            EventKind::Restored => "restored",
            EventKind::Blocked => "blocked",
            EventKind::Unblocked => "unblocked",
        }
    }

    pub fn parse(value: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

// A bound value compared with the first column of a two-column index (`column_id` of
// cards, `board_id` of columns) is written `+?N`: the index is still used, but SQLite no
// longer re-prepares the statement whenever the value changes.

pub(crate) const CARD_COLUMNS: &str = "id, column_id, rank, title, assignee_id, estimate_centi, \
     archived_at, created_at, updated_at, description, priority, due_date, blocked_reason, \
     blocked_since, pinned_to";

/// A card from its own row; labels, skills and checklist progress are filled in after.
pub(crate) fn card_from_row(row: &Row<'_>) -> rusqlite::Result<Card> {
    let reason: Option<String> = row.get(12)?;
    let since: Option<i64> = row.get(13)?;
    Ok(Card {
        id: row.get(0)?,
        column_id: row.get(1)?,
        rank: row.get(2)?,
        title: row.get(3)?,
        assignee: row.get(4)?,
        estimate: row.get(5)?,
        archived_at: row.get(6)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
        description: row.get(9)?,
        priority: row.get(10)?,
        due: row.get(11)?,
        blocked: reason.map(|reason| Blocked {
            reason,
            since: since.unwrap_or_default(),
        }),
        pinned_to: row.get(14)?,
        labels: Vec::new(),
        skills: Vec::new(),
        checklist: ChecklistProgress::default(),
    })
}

const BOARD_COLUMNS: &str = "id, name, estimate_unit";

fn board_from_row(row: &Row<'_>) -> rusqlite::Result<Board> {
    Ok(Board {
        id: row.get(0)?,
        name: row.get(1)?,
        estimate_unit: row.get(2)?,
    })
}

pub(crate) const COLUMN_COLUMNS: &str = "id, board_id, name, stage, wip_limit, archived_at";

pub(crate) fn column_from_row(row: &Row<'_>) -> rusqlite::Result<Column> {
    Ok(Column {
        id: row.get(0)?,
        board_id: row.get(1)?,
        name: row.get(2)?,
        stage: row.get(3)?,
        wip_limit: row.get(4)?,
        archived_at: row.get(5)?,
    })
}

impl Store {
    pub fn list_boards(&self) -> Result<Vec<Board>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {BOARD_COLUMNS} FROM boards ORDER BY id"))?;
        let boards = stmt
            .query_map([], board_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(boards)
    }

    /// Creates a board with the given columns, left to right.
    pub fn create_board(&mut self, name: &str, columns: &[&str]) -> Result<BoardView> {
        let name = validate::name("name", "board name", name)?;
        let column_names = columns
            .iter()
            .map(|c| validate::name("column", "column name", c))
            .collect::<Result<Vec<_>>>()?;
        let (id, _) = self.act("Create board", |tx| insert_board(tx, &name, &column_names))?;
        self.board_view(id)
    }

    /// The board with its columns and cards, in display order.
    pub fn board_view(&self, id: BoardId) -> Result<BoardView> {
        let conn = self.conn();
        let board = conn
            .prepare_cached(&format!("SELECT {BOARD_COLUMNS} FROM boards WHERE id = ?1"))?
            .query_row([id], board_from_row)
            .optional()?
            .ok_or(Error::not_found(Entity::Board, id.0))?;
        let columns: Vec<Column> = conn
            .prepare_cached(&format!(
                "SELECT {COLUMN_COLUMNS} FROM columns
                 WHERE board_id = +?1 AND archived_at IS NULL ORDER BY rank"
            ))?
            .query_map([id], column_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut cards = Vec::new();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {CARD_COLUMNS} FROM cards
             WHERE column_id = +?1 AND archived_at IS NULL ORDER BY rank"
        ))?;
        for column in &columns {
            for card in stmt.query_map([column.id], card_from_row)? {
                cards.push(card?);
            }
        }
        crate::cards::attach_extras(conn, id, &mut cards)?;
        let labels = crate::cards::board_labels(conn, id)?;
        Ok(BoardView {
            board,
            columns,
            cards,
            labels,
        })
    }

    pub fn card(&self, id: CardId) -> Result<Card> {
        read_card(self.conn(), id)
    }

    /// Open work per person on a board, as [`BoardView::loads`] computes it from the whole
    /// board, but read with one aggregate query: what the UI re-reads after each change.
    pub fn board_loads(&self, board: BoardId) -> Result<Vec<Load>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.assignee_id, count(*), min(coalesce(sum(c.estimate_centi), 0), 4294967295),
                    sum(c.estimate_centi IS NULL)
             FROM columns k JOIN cards c ON c.column_id = k.id
             WHERE k.board_id = +?1 AND k.archived_at IS NULL AND k.stage <> 'done'
               AND c.archived_at IS NULL
             GROUP BY c.assignee_id
             ORDER BY c.assignee_id IS NULL, c.assignee_id",
        )?;
        let loads = stmt
            .query_map([board], |row| {
                Ok(Load {
                    member: row.get(0)?,
                    open_cards: row.get(1)?,
                    estimate: row.get(2)?,
                    unestimated: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(loads)
    }

    /// Adds a card at the end of `column`.
    pub fn create_card(&mut self, column: ColumnId, title: &str) -> Result<Card> {
        let title = validate::title(title)?;
        let id = self.act("Create card", |tx| insert_card(tx, column, &title))?;
        self.card(id)
    }

    pub fn rename_card(&mut self, id: CardId, title: &str) -> Result<Card> {
        let title = validate::title(title)?;
        self.act("Edit title", |tx| {
            let changed = tx
                .prepare_cached("UPDATE cards SET title = ?2, updated_at = ?3 WHERE id = ?1")?
                .execute(params![id, title, tx.now])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Card, id.0));
            }
            record(tx, id, EventKind::Renamed, None, None, None)
        })?;
        self.card(id)
    }

    /// Moves a card to `to`. Writes the card's row, one history row and one undo step.
    pub fn move_card(&mut self, id: CardId, to: Placement) -> Result<CardPlace> {
        check_placement(id, to)?;
        self.act("Move card", |tx| move_in(tx, id, to))
    }

    pub fn assign_card(&mut self, id: CardId, member: Option<MemberId>) -> Result<Card> {
        let label = if member.is_some() {
            "Assign card"
        } else {
            "Unassign card"
        };
        self.act(label, |tx| assign_in(tx, id, member))?;
        self.card(id)
    }

    /// Moves a card and gives it to `member` (or nobody) as one action, undone in one step:
    /// a drop into another person's lane and column.
    pub fn place_card(
        &mut self,
        id: CardId,
        to: Placement,
        member: Option<MemberId>,
    ) -> Result<CardPlace> {
        check_placement(id, to)?;
        self.act("Move and assign card", |tx| {
            assign_in(tx, id, member)?;
            let mut place = move_in(tx, id, to)?;
            place.assignee = member;
            Ok(place)
        })
    }

    /// Takes a card off the board, keeping it and its history; [`Store::restore_card`] brings
    /// it back where it was.
    pub fn archive_card(&mut self, id: CardId) -> Result<Card> {
        self.act("Archive card", |tx| {
            let changed = tx
                .prepare_cached(
                    "UPDATE cards SET archived_at = ?2, updated_at = ?2
                     WHERE id = ?1 AND archived_at IS NULL",
                )?
                .execute(params![id, tx.now])?;
            if changed == 0 {
                read_card(tx, id)?;
                return Err(Error::invalid("card", "This card is already archived."));
            }
            record(tx, id, EventKind::Archived, None, None, None)
        })?;
        self.card(id)
    }

    pub fn restore_card(&mut self, id: CardId) -> Result<Card> {
        self.act("Restore card", |tx| {
            let changed = tx
                .prepare_cached(
                    "UPDATE cards SET archived_at = NULL, updated_at = ?2
                     WHERE id = ?1 AND archived_at IS NOT NULL",
                )?
                .execute(params![id, tx.now])?;
            if changed == 0 {
                read_card(tx, id)?;
                return Err(Error::invalid("card", "This card is not archived."));
            }
            record(tx, id, EventKind::Restored, None, None, None)
        })?;
        self.card(id)
    }

    /// Deletes a card and its history for good; undo brings both back.
    pub fn delete_card(&mut self, id: CardId) -> Result<()> {
        self.act("Delete card", |tx| {
            let changed = tx
                .prepare_cached("DELETE FROM cards WHERE id = ?1")?
                .execute([id])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Card, id.0));
            }
            Ok(())
        })
    }

    /// A board's archived cards, the most recently archived first.
    pub fn archived_cards(&self, board: BoardId) -> Result<Vec<Card>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {CARD_COLUMNS} FROM cards
             WHERE archived_at IS NOT NULL
               AND column_id IN (SELECT id FROM columns WHERE board_id = ?1)
             ORDER BY archived_at DESC, id DESC"
        ))?;
        let cards = stmt
            .query_map([board], card_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(cards)
    }

    /// Sets or clears a column's WIP limit (1 to 999 cards).
    pub fn set_wip_limit(&mut self, column: ColumnId, limit: Option<u32>) -> Result<Column> {
        if let Some(limit) = limit {
            if !(1..=validate::MAX_WIP_LIMIT).contains(&limit) {
                return Err(Error::invalid(
                    "wipLimit",
                    format!(
                        "A WIP limit goes from 1 to {} cards; clear it for no limit.",
                        validate::MAX_WIP_LIMIT
                    ),
                ));
            }
        }
        let label = if limit.is_some() {
            "Set WIP limit"
        } else {
            "Clear WIP limit"
        };
        self.act(label, |tx| {
            let changed = tx
                .prepare_cached("UPDATE columns SET wip_limit = ?2 WHERE id = ?1")?
                .execute(params![column, limit])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Column, column.0));
            }
            Ok(())
        })?;
        self.column(column)
    }

    /// Says which stage of work a column stands for.
    pub fn set_column_stage(&mut self, column: ColumnId, stage: Stage) -> Result<Column> {
        self.act("Set column stage", |tx| {
            let changed = tx
                .prepare_cached("UPDATE columns SET stage = ?2 WHERE id = ?1")?
                .execute(params![column, stage])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Column, column.0));
            }
            Ok(())
        })?;
        self.column(column)
    }

    pub fn column(&self, id: ColumnId) -> Result<Column> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {COLUMN_COLUMNS} FROM columns WHERE id = ?1"
            ))?
            .query_row([id], column_from_row)
            .optional()?
            .ok_or(Error::not_found(Entity::Column, id.0))
    }

    /// Sets or clears a card's estimate, in the board's unit.
    pub fn set_estimate(&mut self, id: CardId, estimate: Option<f64>) -> Result<Card> {
        let estimate = estimate.map(validate::estimate).transpose()?;
        let label = if estimate.is_some() {
            "Set estimate"
        } else {
            "Clear estimate"
        };
        self.act(label, |tx| {
            let changed = tx
                .prepare_cached(
                    "UPDATE cards SET estimate_centi = ?2, updated_at = ?3 WHERE id = ?1",
                )?
                .execute(params![id, estimate, tx.now])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Card, id.0));
            }
            Ok(())
        })?;
        self.card(id)
    }

    /// The recorded history of a card, oldest first.
    pub fn card_history(&self, id: CardId) -> Result<Vec<CardEvent>> {
        read_history(self.conn(), id)
    }
}

/// The recorded history of a card, oldest first.
pub(crate) fn read_history(conn: &rusqlite::Connection, id: CardId) -> Result<Vec<CardEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, from_column_id, to_column_id, member_id, detail, at
             FROM card_events WHERE card_id = +?1 ORDER BY at, id",
    )?;
    let events = stmt
        .query_map([id], |row| {
            let kind: String = row.get(0)?;
            Ok(CardEvent {
                kind: EventKind::parse(&kind).ok_or_else(|| {
                    rusqlite::Error::FromSqlConversionFailure(
                        0,
                        rusqlite::types::Type::Text,
                        format!("unknown event kind {kind:?}").into(),
                    )
                })?,
                from_column: row.get(1)?,
                to_column: row.get(2)?,
                member: row.get(3)?,
                detail: row.get(4)?,
                at: row.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(events)
}

fn check_placement(id: CardId, to: Placement) -> Result<()> {
    if to.after == Some(id) {
        return Err(Error::invalid(
            "after",
            "A card cannot be placed after itself.",
        ));
    }
    Ok(())
}

/// The move itself, inside a transaction.
fn move_in(tx: &Tx<'_>, id: CardId, to: Placement) -> Result<CardPlace> {
    // One read checks the card, both columns and the `after` card, and finds the rank
    // that will follow the card in its new place. Scalar subqueries rather than joins,
    // and `+?2`, keep SQLite from re-preparing the statement for each new set of values
    // (the statement-reuse test pins this).
    let found = tx
        .prepare_cached(
            "SELECT c.column_id,
                        (SELECT board_id FROM columns WHERE id = c.column_id),
                        (SELECT board_id FROM columns WHERE id = ?2),
                        (SELECT column_id FROM cards WHERE id = ?3),
                        (SELECT rank FROM cards WHERE id = ?3),
                        (SELECT n.rank FROM cards n
                         WHERE n.column_id = +?2
                           AND n.rank > coalesce((SELECT rank FROM cards WHERE id = ?3), '')
                           AND n.id <> ?1
                         ORDER BY n.rank LIMIT 1),
                        c.assignee_id,
                        (SELECT archived_at IS NOT NULL FROM columns WHERE id = ?2),
                        c.archived_at IS NOT NULL,
                        (SELECT archived_at IS NOT NULL FROM cards WHERE id = ?3)
                 FROM cards c
                 WHERE c.id = ?1",
        )?
        .query_row(params![id, to.column, to.after], |row| {
            Ok((
                row.get::<_, ColumnId>(0)?,
                row.get::<_, BoardId>(1)?,
                row.get::<_, Option<BoardId>>(2)?,
                row.get::<_, Option<ColumnId>>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, Option<MemberId>>(6)?,
                (
                    row.get::<_, Option<bool>>(7)?,
                    row.get::<_, bool>(8)?,
                    row.get::<_, Option<bool>>(9)?,
                ),
            ))
        })
        .optional()?;
    let (from, from_board, to_board, after_column, after_rank, upper, assignee, archived) =
        found.ok_or(Error::not_found(Entity::Card, id.0))?;
    match archived {
        (Some(true), _, _) => {
            return Err(Error::invalid(
                "column",
                "That column is archived; restore it before moving cards into it.",
            ))
        }
        (_, true, _) => {
            return Err(Error::invalid(
                "card",
                "This card is archived; restore it before moving it.",
            ))
        }
        (_, _, Some(true)) => {
            return Err(Error::invalid(
                "after",
                "The card to place after is archived.",
            ))
        }
        _ => {}
    }
    let to_board = to_board.ok_or(Error::not_found(Entity::Column, to.column.0))?;
    if from_board != to_board {
        return Err(Error::invalid(
            "column",
            "A card can only move to a column of its own board.",
        ));
    }
    if let Some(after) = to.after {
        match after_column {
            None => return Err(Error::not_found(Entity::Card, after.0)),
            Some(column) if column != to.column => {
                return Err(Error::invalid(
                    "after",
                    "The card to place after is in another column.",
                ))
            }
            Some(_) => {}
        }
    }
    let rank = rank::between(after_rank.as_deref(), upper.as_deref());
    tx.prepare_cached("UPDATE cards SET column_id = ?2, rank = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![id, to.column, rank, tx.now])?;
    record(tx, id, EventKind::Moved, Some(from), Some(to.column), None)?;
    Ok(CardPlace {
        id,
        column_id: to.column,
        rank,
        assignee,
        updated_at: tx.now,
    })
}

/// The assignment itself, inside a transaction.
pub(crate) fn assign_in(tx: &Tx<'_>, id: CardId, member: Option<MemberId>) -> Result<()> {
    if let Some(member) = member {
        let exists: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1)")?
            .query_row([member], |row| row.get(0))?;
        if !exists {
            return Err(Error::not_found(Entity::Member, member.0));
        }
    }
    // A card given to someone else no longer stays with the person it was pinned to.
    let changed = tx
        .prepare_cached(
            "UPDATE cards SET assignee_id = ?2, updated_at = ?3,
                              pinned_to = CASE WHEN pinned_to = ?2 THEN pinned_to END
             WHERE id = ?1",
        )?
        .execute(params![id, member, tx.now])?;
    if changed == 0 {
        return Err(Error::not_found(Entity::Card, id.0));
    }
    record(tx, id, EventKind::Assigned, None, None, member)
}

/// Inserts a board and its columns; names are already validated.
pub(crate) fn insert_board(
    tx: &Tx<'_>,
    name: &str,
    columns: &[String],
) -> Result<(BoardId, Vec<ColumnId>)> {
    tx.execute(
        "INSERT INTO boards (name, created_at) VALUES (?1, ?2)",
        params![name, tx.now],
    )?;
    let board = BoardId(tx.last_insert_rowid());
    let mut ids = Vec::with_capacity(columns.len());
    for (column, rank) in columns.iter().zip(rank::spread(columns.len())) {
        tx.execute(
            "INSERT INTO columns (board_id, name, rank, stage) VALUES (?1, ?2, ?3, ?4)",
            params![board, column, rank, Stage::guess(column)],
        )?;
        ids.push(ColumnId(tx.last_insert_rowid()));
    }
    Ok((board, ids))
}

/// Inserts a card at the end of `column`; the title is already validated.
pub(crate) fn insert_card(tx: &Tx<'_>, column: ColumnId, title: &str) -> Result<CardId> {
    let archived: bool = tx
        .prepare_cached("SELECT archived_at IS NOT NULL FROM columns WHERE id = ?1")?
        .query_row([column], |row| row.get(0))
        .optional()?
        .ok_or(Error::not_found(Entity::Column, column.0))?;
    if archived {
        return Err(Error::invalid(
            "column",
            "That column is archived; restore it before adding cards to it.",
        ));
    }
    let last: Option<String> = tx
        .prepare_cached("SELECT max(rank) FROM cards WHERE column_id = +?1")?
        .query_row([column], |row| row.get(0))?;
    let rank = rank::between(last.as_deref(), None);
    tx.prepare_cached(
        "INSERT INTO cards (column_id, rank, title, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
    )?
    .execute(params![column, rank, title, tx.now])?;
    let id = CardId(tx.last_insert_rowid());
    record(tx, id, EventKind::Created, None, Some(column), None)?;
    Ok(id)
}

/// Sets a card's assignee without checks; for seeding, where the ids were just made.
pub(crate) fn set_assignee(tx: &Tx<'_>, card: CardId, member: MemberId) -> Result<()> {
    tx.prepare_cached("UPDATE cards SET assignee_id = ?2 WHERE id = ?1")?
        .execute(params![card, member])?;
    record(tx, card, EventKind::Assigned, None, None, Some(member))
}

pub(crate) fn read_card(conn: &rusqlite::Connection, id: CardId) -> Result<Card> {
    let mut card = conn
        .prepare_cached(&format!("SELECT {CARD_COLUMNS} FROM cards WHERE id = ?1"))?
        .query_row([id], card_from_row)
        .optional()?
        .ok_or(Error::not_found(Entity::Card, id.0))?;
    crate::cards::attach_own_extras(conn, &mut card)?;
    Ok(card)
}

pub(crate) fn column_board(tx: &Tx<'_>, column: ColumnId) -> Result<BoardId> {
    tx.prepare_cached("SELECT board_id FROM columns WHERE id = ?1")?
        .query_row([column], |row| row.get(0))
        .optional()?
        .ok_or(Error::not_found(Entity::Column, column.0))
}

pub(crate) fn record(
    tx: &Tx<'_>,
    card: CardId,
    kind: EventKind,
    from: Option<ColumnId>,
    to: Option<ColumnId>,
    member: Option<MemberId>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO card_events (card_id, kind, from_column_id, to_column_id, member_id, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![card, kind.as_str(), from, to, member, tx.now])?;
    Ok(())
}

/// Records an event with a detail, such as the reason for a block.
pub(crate) fn record_detail(
    tx: &Tx<'_>,
    card: CardId,
    kind: EventKind,
    detail: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO card_events (card_id, kind, detail, at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![card, kind.as_str(), detail, tx.now])?;
    Ok(())
}

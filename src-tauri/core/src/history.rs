//! Everything metrics and reports read about a board, as plain data: the thin layer between
//! the database and the pure functions of `metrics`, `radar`, `goals` and `report`.

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use crate::board::{card_from_row, column_from_row, EventKind, CARD_COLUMNS, COLUMN_COLUMNS};
use crate::error::{Entity, Error, Result};
use crate::goals::Goal;
use crate::model::{Board, BoardId, Card, CardEvent, CardId, Column, GoalId, Label, Member};
use crate::store::Store;

/// A board with all of its history.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardHistory {
    pub board: Board,
    /// Every column, archived ones included, left to right.
    pub columns: Vec<Column>,
    /// Every card, archived ones included, with labels, skills and checklist progress.
    pub cards: Vec<Card>,
    /// Each card's events, oldest first (ties in the order they were stored).
    pub events: HashMap<CardId, Vec<CardEvent>>,
    pub labels: Vec<Label>,
    pub members: Vec<Member>,
    pub goals: Vec<Goal>,
    /// The goal each linked card serves.
    pub card_goals: HashMap<CardId, GoalId>,
}

impl Store {
    /// Reads a board's cards, columns and history for metrics and reports: five queries.
    pub fn board_history(&self, id: BoardId) -> Result<BoardHistory> {
        let conn = self.conn();
        let board = conn
            .prepare_cached("SELECT id, name, estimate_unit FROM boards WHERE id = ?1")?
            .query_row([id], |row| {
                Ok(Board {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    estimate_unit: row.get(2)?,
                })
            })
            .optional()?
            .ok_or(Error::not_found(Entity::Board, id.0))?;
        let columns: Vec<Column> = conn
            .prepare_cached(&format!(
                "SELECT {COLUMN_COLUMNS} FROM columns WHERE board_id = +?1 ORDER BY rank"
            ))?
            .query_map([id], column_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let on_board = "SELECT c.id FROM cards c JOIN columns k ON k.id = c.column_id
                        WHERE k.board_id = +?1";
        let mut cards: Vec<Card> = Vec::new();
        let mut card_goals = HashMap::new();
        {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {CARD_COLUMNS}, goal_id FROM cards WHERE id IN ({on_board}) ORDER BY id"
            ))?;
            let mut rows = stmt.query([id])?;
            while let Some(row) = rows.next()? {
                let card = card_from_row(row)?;
                if let Some(goal) = row.get::<_, Option<GoalId>>(14)? {
                    card_goals.insert(card.id, goal);
                }
                cards.push(card);
            }
        }
        crate::cards::attach_extras(conn, id, &mut cards)?;
        let mut events: HashMap<CardId, Vec<CardEvent>> = HashMap::with_capacity(cards.len());
        {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT card_id, kind, from_column_id, to_column_id, member_id, detail, at
                 FROM card_events WHERE card_id IN ({on_board}) ORDER BY id"
            ))?;
            let mut rows = stmt.query([id])?;
            while let Some(row) = rows.next()? {
                let card: CardId = row.get(0)?;
                let kind = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
                let Some(kind) = EventKind::parse(kind) else {
                    continue;
                };
                events.entry(card).or_default().push(CardEvent {
                    kind,
                    from_column: row.get(2)?,
                    to_column: row.get(3)?,
                    member: row.get(4)?,
                    detail: row.get(5)?,
                    at: row.get(6)?,
                });
            }
        }
        // Stored in id order; replayed in time order (stable, so ids break ties).
        for list in events.values_mut() {
            if !list.windows(2).all(|w| w[0].at <= w[1].at) {
                list.sort_by_key(|e| e.at);
            }
        }
        let labels = crate::cards::board_labels(conn, id)?;
        Ok(BoardHistory {
            board,
            columns,
            cards,
            events,
            labels,
            members: self.list_members()?,
            goals: self.list_goals()?,
            card_goals,
        })
    }
}

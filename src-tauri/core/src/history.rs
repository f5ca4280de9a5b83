//! Everything metrics and reports read about a board, as plain data: the thin layer between
//! the database and the pure functions of `metrics`, `radar`, `goals` and `report`.

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use crate::board::{card_from_row, column_from_row, EventKind, COLUMN_COLUMNS};
use crate::error::{Entity, Error, Result};
use crate::model::{
    Board, BoardId, Card, CardEvent, CardId, Column, Label, Member, SkillNeed, TeamGoalId,
};
use crate::store::Store;
use crate::team_goals::TeamGoal;

/// A board with all of its history.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardHistory {
    pub board: Board,
    /// Every column, archived ones included, left to right.
    pub columns: Vec<Column>,
    /// Every card, archived ones included, with labels, skills and checklist progress, by
    /// id. Descriptions are left empty: nothing built from a history may show them.
    pub cards: Vec<Card>,
    /// Each card's events that bear on flow (all but assignments and renames), oldest first
    /// (ties in the order they were stored).
    pub events: HashMap<CardId, Vec<CardEvent>>,
    pub labels: Vec<Label>,
    pub members: Vec<Member>,
    pub goals: Vec<TeamGoal>,
    /// The goal each linked card serves.
    pub card_goals: HashMap<CardId, TeamGoalId>,
}

impl Store {
    /// Reads a board's cards, columns and history for metrics and reports.
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
        // Descriptions and ranks are never read: reports must not show the one and do not
        // need the other.
        let mut cards: Vec<Card> = Vec::new();
        let mut card_goals = HashMap::new();
        {
            let mut stmt = conn.prepare_cached(
                "SELECT id, column_id, '', title, assignee_id, estimate_centi, archived_at,
                        created_at, updated_at, '', priority, due_date, blocked_reason,
                        blocked_since, goal_id
                 FROM cards WHERE column_id IN (SELECT id FROM columns WHERE board_id = +?1)",
            )?;
            let mut rows = stmt.query([id])?;
            while let Some(row) = rows.next()? {
                let card = card_from_row(row)?;
                if let Some(goal) = row.get::<_, Option<TeamGoalId>>(14)? {
                    card_goals.insert(card.id, goal);
                }
                cards.push(card);
            }
        }
        cards.sort_unstable_by_key(|c| c.id);
        // One pass over each table, in the order it was written; a dense index from card id
        // to position keeps the per-row work to an array lookup.
        let first = cards.first().map_or(0, |c| c.id.0);
        let last = cards.last().map_or(-1, |c| c.id.0);
        let dense = last - first < 16 * cards.len() as i64 + 1024;
        let mut slot: Vec<u32> = if dense {
            vec![u32::MAX; (last - first + 1).max(0) as usize]
        } else {
            Vec::new()
        };
        let sparse: HashMap<CardId, u32> = if dense {
            HashMap::new()
        } else {
            cards
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id, i as u32))
                .collect()
        };
        if dense {
            for (i, card) in cards.iter().enumerate() {
                slot[(card.id.0 - first) as usize] = i as u32;
            }
        }
        let position = |card: i64| -> Option<usize> {
            let found = if dense {
                usize::try_from(card - first)
                    .ok()
                    .and_then(|i| slot.get(i).copied())
            } else {
                sparse.get(&CardId(card)).copied()
            };
            found.filter(|&i| i != u32::MAX).map(|i| i as usize)
        };
        {
            let mut stmt = conn.prepare_cached("SELECT card_id, label_id FROM card_labels")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                if let Some(i) = position(row.get(0)?) {
                    cards[i].labels.push(row.get(1)?);
                }
            }
            let mut stmt =
                conn.prepare_cached("SELECT card_id, skill, min_level FROM card_skills")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                if let Some(i) = position(row.get(0)?) {
                    cards[i].skills.push(SkillNeed {
                        skill: row.get(1)?,
                        min_level: row.get(2)?,
                    });
                }
            }
            let mut stmt = conn.prepare_cached(
                "SELECT card_id, sum(done), count(*) FROM checklist_items GROUP BY card_id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                if let Some(i) = position(row.get(0)?) {
                    cards[i].checklist.done = row.get(1)?;
                    cards[i].checklist.total = row.get(2)?;
                }
            }
            for card in &mut cards {
                card.labels.sort_unstable();
                card.skills.sort();
            }
        }
        // Assignments and renames say nothing about flow; leaving them out of the read saves
        // a fifth of the rows.
        let mut lists: Vec<Vec<CardEvent>> = vec![Vec::new(); cards.len()];
        {
            let mut stmt = conn.prepare_cached(
                "SELECT card_id, kind, from_column_id, to_column_id, member_id, detail, at
                 FROM card_events WHERE kind NOT IN ('assigned', 'renamed')",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let Some(index) = position(row.get(0)?) else {
                    continue;
                };
                let kind = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
                let Some(kind) = EventKind::parse(kind) else {
                    continue;
                };
                lists[index].push(CardEvent {
                    kind,
                    from_column: row.get(2)?,
                    to_column: row.get(3)?,
                    member: row.get(4)?,
                    detail: row.get(5)?,
                    at: row.get(6)?,
                });
            }
        }
        let mut events: HashMap<CardId, Vec<CardEvent>> = cards
            .iter()
            .zip(lists)
            .filter(|(_, list)| !list.is_empty())
            .map(|(card, list)| (card.id, list))
            .collect();
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
            goals: self.list_team_goals()?,
            card_goals,
        })
    }
}

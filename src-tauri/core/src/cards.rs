//! What a card says beyond its place: description, priority, due date, blocking, labels,
//! required skills and its checklist.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::board::{record_detail, EventKind};
use crate::error::{Entity, Error, Result};
use crate::flow::flow_dates;
use crate::model::{
    BoardId, Card, CardDetail, CardId, ChecklistItem, ChecklistItemId, ColumnId, Label, LabelColor,
    LabelId, Priority, SkillNeed, Stage,
};
use crate::rank;
use crate::store::{Store, Tx};
use crate::validate;

impl Store {
    /// Sets a card's Markdown description (empty clears it).
    pub fn set_description(&mut self, id: CardId, text: &str) -> Result<Card> {
        let text = validate::description(text)?;
        self.act("Edit description", |tx| {
            update_card(tx, id, "description = ?2", params![id, text, tx.now])
        })?;
        self.card(id)
    }

    pub fn set_priority(&mut self, id: CardId, priority: Priority) -> Result<Card> {
        self.act("Set priority", |tx| {
            update_card(tx, id, "priority = ?2", params![id, priority, tx.now])
        })?;
        self.card(id)
    }

    /// Sets or clears a card's due date.
    pub fn set_due(&mut self, id: CardId, due: Option<NaiveDate>) -> Result<Card> {
        let due = due.map(|d| validate::date("due", d)).transpose()?;
        let label = if due.is_some() {
            "Set due date"
        } else {
            "Clear due date"
        };
        self.act(label, |tx| {
            update_card(tx, id, "due_date = ?2", params![id, due, tx.now])
        })?;
        self.card(id)
    }

    /// Marks a card blocked, saying why. A card that is already blocked keeps its
    /// blocked-since time and only gets the new reason.
    pub fn block_card(&mut self, id: CardId, reason: &str) -> Result<Card> {
        let reason = validate::text("reason", "reason", reason, validate::MAX_TITLE_CHARS)?;
        let blocked = self.card(id)?.blocked.is_some();
        let label = if blocked {
            "Edit block reason"
        } else {
            "Block card"
        };
        self.act(label, |tx| {
            update_card(
                tx,
                id,
                "blocked_reason = ?2, blocked_since = coalesce(blocked_since, ?3)",
                params![id, reason, tx.now],
            )?;
            if !blocked {
                record_detail(tx, id, EventKind::Blocked, &reason)?;
            }
            Ok(())
        })?;
        self.card(id)
    }

    pub fn unblock_card(&mut self, id: CardId) -> Result<Card> {
        if self.card(id)?.blocked.is_none() {
            return Err(Error::invalid("card", "This card is not blocked."));
        }
        self.act("Unblock card", |tx| {
            update_card(
                tx,
                id,
                "blocked_reason = NULL, blocked_since = NULL",
                params![id, tx.now],
            )?;
            record_detail(tx, id, EventKind::Unblocked, "")
        })?;
        self.card(id)
    }

    /// A new label of a board; names are unique per board, ignoring case.
    pub fn create_label(&mut self, board: BoardId, name: &str, color: LabelColor) -> Result<Label> {
        let name = validate::text("name", "label name", name, validate::MAX_LABEL_CHARS)?;
        let id = self.act("Create label", |tx| {
            let exists: bool = tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM boards WHERE id = ?1)")?
                .query_row([board], |row| row.get(0))?;
            if !exists {
                return Err(Error::not_found(Entity::Board, board.0));
            }
            unique_label(tx, board, &name, None)?;
            tx.prepare_cached("INSERT INTO labels (board_id, name, color) VALUES (?1, ?2, ?3)")?
                .execute(params![board, name, color])?;
            Ok(LabelId(tx.last_insert_rowid()))
        })?;
        self.label(id)
    }

    /// Renames and recolours a label.
    pub fn update_label(&mut self, id: LabelId, name: &str, color: LabelColor) -> Result<Label> {
        let name = validate::text("name", "label name", name, validate::MAX_LABEL_CHARS)?;
        let board = self.label(id)?.board_id;
        self.act("Edit label", |tx| {
            unique_label(tx, board, &name, Some(id))?;
            tx.prepare_cached("UPDATE labels SET name = ?2, color = ?3 WHERE id = ?1")?
                .execute(params![id, name, color])?;
            Ok(())
        })?;
        self.label(id)
    }

    /// Deletes a label and takes it off every card; undo brings both back.
    pub fn delete_label(&mut self, id: LabelId) -> Result<()> {
        self.act("Delete label", |tx| {
            let changed = tx
                .prepare_cached("DELETE FROM labels WHERE id = ?1")?
                .execute([id])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Label, id.0));
            }
            Ok(())
        })
    }

    pub fn label(&self, id: LabelId) -> Result<Label> {
        self.conn()
            .prepare_cached("SELECT id, board_id, name, color FROM labels WHERE id = ?1")?
            .query_row([id], label_from_row)
            .optional()?
            .ok_or(Error::not_found(Entity::Label, id.0))
    }

    /// Puts a label of the card's board on a card (`on`) or takes it off.
    pub fn set_card_label(&mut self, card: CardId, label: LabelId, on: bool) -> Result<Card> {
        let label_board = self.label(label)?.board_id;
        let card_board = card_board(self.conn(), card)?;
        if label_board != card_board {
            return Err(Error::invalid(
                "label",
                "That label belongs to another board.",
            ));
        }
        let name = if on { "Add label" } else { "Remove label" };
        self.act(name, |tx| {
            let sql = if on {
                "INSERT OR IGNORE INTO card_labels (card_id, label_id) VALUES (?1, ?2)"
            } else {
                "DELETE FROM card_labels WHERE card_id = ?1 AND label_id = ?2"
            };
            tx.prepare_cached(sql)?.execute(params![card, label])?;
            touch(tx, card)
        })?;
        self.card(card)
    }

    /// Says a card needs `skill` at `min_level` (1 to 5), or no longer needs it (`None`).
    pub fn set_card_skill(
        &mut self,
        card: CardId,
        skill: &str,
        min_level: Option<u8>,
    ) -> Result<Card> {
        let skill = validate::text("skill", "skill name", skill, validate::MAX_SKILL_CHARS)?;
        let min_level = min_level
            .map(|l| validate::level("minLevel", l))
            .transpose()?;
        let label = if min_level.is_some() {
            "Require skill"
        } else {
            "Remove required skill"
        };
        self.act(label, |tx| {
            card_board(tx, card)?;
            match min_level {
                Some(level) => tx
                    .prepare_cached(
                        "INSERT INTO card_skills (card_id, skill, min_level) VALUES (?1, ?2, ?3)
                         ON CONFLICT (card_id, skill) DO UPDATE SET min_level = excluded.min_level",
                    )?
                    .execute(params![card, skill, level])?,
                None => tx
                    .prepare_cached("DELETE FROM card_skills WHERE card_id = ?1 AND skill = ?2")?
                    .execute(params![card, skill])?,
            };
            touch(tx, card)
        })?;
        self.card(card)
    }

    /// Every skill the team has or a card asks for, by name.
    pub fn skill_names(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT skill FROM member_skills UNION SELECT skill FROM card_skills
             ORDER BY 1 COLLATE NOCASE",
        )?;
        let names = stmt
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }

    /// Adds a line at the end of a card's checklist.
    pub fn add_checklist_item(&mut self, card: CardId, text: &str) -> Result<ChecklistItem> {
        let text = validate::text("text", "checklist item", text, validate::MAX_TITLE_CHARS)?;
        let id = self.act("Add checklist item", |tx| {
            card_board(tx, card)?;
            let last: Option<String> = tx
                .prepare_cached("SELECT max(rank) FROM checklist_items WHERE card_id = +?1")?
                .query_row([card], |row| row.get(0))?;
            let rank = rank::between(last.as_deref(), None);
            tx.prepare_cached(
                "INSERT INTO checklist_items (card_id, rank, text) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![card, rank, text])?;
            let id = ChecklistItemId(tx.last_insert_rowid());
            touch(tx, card)?;
            Ok(id)
        })?;
        self.checklist_item(id)
    }

    pub fn rename_checklist_item(
        &mut self,
        id: ChecklistItemId,
        text: &str,
    ) -> Result<ChecklistItem> {
        let text = validate::text("text", "checklist item", text, validate::MAX_TITLE_CHARS)?;
        self.act("Edit checklist item", |tx| {
            update_item(tx, id, "text = ?2", params![id, text])
        })?;
        self.checklist_item(id)
    }

    pub fn check_checklist_item(
        &mut self,
        id: ChecklistItemId,
        done: bool,
    ) -> Result<ChecklistItem> {
        let label = if done { "Check item" } else { "Uncheck item" };
        self.act(label, |tx| {
            update_item(tx, id, "done = ?2", params![id, done])
        })?;
        self.checklist_item(id)
    }

    pub fn delete_checklist_item(&mut self, id: ChecklistItemId) -> Result<()> {
        self.act("Delete checklist item", |tx| {
            let card = item_card(tx, id)?;
            tx.prepare_cached("DELETE FROM checklist_items WHERE id = ?1")?
                .execute([id])?;
            touch(tx, card)
        })
    }

    pub fn checklist_item(&self, id: ChecklistItemId) -> Result<ChecklistItem> {
        self.conn()
            .prepare_cached(
                "SELECT id, card_id, rank, text, done FROM checklist_items WHERE id = ?1",
            )?
            .query_row([id], item_from_row)
            .optional()?
            .ok_or(Error::not_found(Entity::ChecklistItem, id.0))
    }

    /// A card with its checklist, its history and when work on it started and finished.
    pub fn card_detail(&self, id: CardId) -> Result<CardDetail> {
        let card = self.card(id)?;
        let checklist = self
            .conn()
            .prepare_cached(
                "SELECT id, card_id, rank, text, done FROM checklist_items
                 WHERE card_id = +?1 ORDER BY rank",
            )?
            .query_map([id], item_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let history = self.card_history(id)?;
        let stages = column_stages(self.conn(), card_board(self.conn(), id)?)?;
        let dates = flow_dates(&history, |column| stages.get(&column).copied());
        let team_goal = self
            .conn()
            .prepare_cached("SELECT goal_id FROM cards WHERE id = ?1")?
            .query_row([id], |row| row.get(0))?;
        Ok(CardDetail {
            card,
            checklist,
            history,
            started_at: dates.started_at,
            done_at: dates.done_at,
            team_goal,
        })
    }
}

/// Updates one card's row (`set` uses ?1 for the id and its own parameters from ?2; the
/// last parameter is the time) and fails when there is no such card.
fn update_card(tx: &Tx<'_>, id: CardId, set: &str, values: &[&dyn rusqlite::ToSql]) -> Result<()> {
    let now = values.len();
    let changed = tx
        .prepare_cached(&format!(
            "UPDATE cards SET {set}, updated_at = ?{now} WHERE id = ?1"
        ))?
        .execute(values)?;
    if changed == 0 {
        return Err(Error::not_found(Entity::Card, id.0));
    }
    Ok(())
}

/// Marks a card as changed now.
fn touch(tx: &Tx<'_>, card: CardId) -> Result<()> {
    tx.prepare_cached("UPDATE cards SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![card, tx.now])?;
    Ok(())
}

fn update_item(
    tx: &Tx<'_>,
    id: ChecklistItemId,
    set: &str,
    values: &[&dyn rusqlite::ToSql],
) -> Result<()> {
    let card = item_card(tx, id)?;
    tx.prepare_cached(&format!("UPDATE checklist_items SET {set} WHERE id = ?1"))?
        .execute(values)?;
    touch(tx, card)
}

fn item_card(conn: &Connection, id: ChecklistItemId) -> Result<CardId> {
    conn.prepare_cached("SELECT card_id FROM checklist_items WHERE id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?
        .ok_or(Error::not_found(Entity::ChecklistItem, id.0))
}

fn card_board(conn: &Connection, card: CardId) -> Result<BoardId> {
    conn.prepare_cached(
        "SELECT board_id FROM columns WHERE id = (SELECT column_id FROM cards WHERE id = ?1)",
    )?
    .query_row([card], |row| row.get(0))
    .optional()?
    .ok_or(Error::not_found(Entity::Card, card.0))
}

fn unique_label(tx: &Tx<'_>, board: BoardId, name: &str, except: Option<LabelId>) -> Result<()> {
    let taken: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM labels
                            WHERE board_id = ?1 AND lower(name) = lower(?2)
                              AND id IS NOT ?3)",
        )?
        .query_row(params![board, name, except], |row| row.get(0))?;
    if taken {
        return Err(Error::invalid(
            "name",
            format!("This board already has a label called \u{201c}{name}\u{201d}."),
        ));
    }
    Ok(())
}

fn label_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Label> {
    Ok(Label {
        id: row.get(0)?,
        board_id: row.get(1)?,
        name: row.get(2)?,
        color: row.get(3)?,
    })
}

fn item_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ChecklistItem> {
    Ok(ChecklistItem {
        id: row.get(0)?,
        card_id: row.get(1)?,
        rank: row.get(2)?,
        text: row.get(3)?,
        done: row.get(4)?,
    })
}

/// The stage of every column of a board, archived ones included.
pub(crate) fn column_stages(conn: &Connection, board: BoardId) -> Result<HashMap<ColumnId, Stage>> {
    let mut stmt = conn.prepare_cached("SELECT id, stage FROM columns WHERE board_id = +?1")?;
    let stages = stmt
        .query_map([board], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(stages)
}

/// A board's labels, by name.
pub(crate) fn board_labels(conn: &Connection, board: BoardId) -> Result<Vec<Label>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, board_id, name, color FROM labels WHERE board_id = +?1
         ORDER BY name COLLATE NOCASE, id",
    )?;
    let labels = stmt
        .query_map([board], label_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(labels)
}

/// Fills in the labels, skills and checklist progress of a board's cards, three reads in all.
pub(crate) fn attach_extras(conn: &Connection, board: BoardId, cards: &mut [Card]) -> Result<()> {
    let index: HashMap<CardId, usize> = cards.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut labels = conn.prepare_cached(
        "SELECT cl.card_id, cl.label_id FROM labels l
         JOIN card_labels cl ON cl.label_id = l.id
         WHERE l.board_id = +?1 ORDER BY cl.card_id, cl.label_id",
    )?;
    let mut rows = labels.query([board])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = index.get(&row.get(0)?) {
            cards[i].labels.push(row.get(1)?);
        }
    }
    let on_board = "SELECT c.id FROM cards c JOIN columns k ON k.id = c.column_id
                    WHERE k.board_id = +?1";
    let mut skills = conn.prepare_cached(&format!(
        "SELECT card_id, skill, min_level FROM card_skills
         WHERE card_id IN ({on_board}) ORDER BY card_id, skill"
    ))?;
    let mut rows = skills.query([board])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = index.get(&row.get(0)?) {
            cards[i].skills.push(SkillNeed {
                skill: row.get(1)?,
                min_level: row.get(2)?,
            });
        }
    }
    let mut checklist = conn.prepare_cached(&format!(
        "SELECT card_id, sum(done), count(*) FROM checklist_items
         WHERE card_id IN ({on_board}) GROUP BY card_id"
    ))?;
    let mut rows = checklist.query([board])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = index.get(&row.get(0)?) {
            cards[i].checklist.done = row.get(1)?;
            cards[i].checklist.total = row.get(2)?;
        }
    }
    Ok(())
}

/// Fills in one card's labels, skills and checklist progress.
pub(crate) fn attach_own_extras(conn: &Connection, card: &mut Card) -> Result<()> {
    card.labels = conn
        .prepare_cached("SELECT label_id FROM card_labels WHERE card_id = +?1 ORDER BY label_id")?
        .query_map([card.id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    card.skills = conn
        .prepare_cached(
            "SELECT skill, min_level FROM card_skills WHERE card_id = +?1 ORDER BY skill",
        )?
        .query_map([card.id], |row| {
            Ok(SkillNeed {
                skill: row.get(0)?,
                min_level: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (done, total) = conn
        .prepare_cached(
            "SELECT coalesce(sum(done), 0), count(*) FROM checklist_items WHERE card_id = +?1",
        )?
        .query_row([card.id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    card.checklist.done = done;
    card.checklist.total = total;
    Ok(())
}

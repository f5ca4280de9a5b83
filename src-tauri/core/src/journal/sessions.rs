//! One-on-one sessions: creating them with a carried-over agenda, notes, check-in, talking
//! points, action items (and their cards), feedback, shareable flags and agenda templates.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{
    ActionItem, AgendaItem, Feedback, NewActionItem, NewFeedback, NewSession, Session, Shareable,
    Template,
};
use crate::board::{insert_card, read_history, set_assignee};
use crate::cards::column_stages;
use crate::error::{Entity, Error, Result};
use crate::flow::flow_dates;
use crate::model::{
    ActionItemId, AgendaItemId, AgendaStatus, BoardId, Card, CardId, ColumnId, FeedbackId,
    MemberId, SessionId, Stage, TemplateId,
};
use crate::rank;
use crate::store::{Millis, Store, Tx};
use crate::validate;

const DAY_MS: Millis = 24 * 60 * 60 * 1000;

// A bound value compared with the first column of a two-column index (`member_id` of
// one_on_ones, `session_id` of agenda_items) is written `+?N`, as in board.rs.

const SESSION_COLUMNS: &str =
    "id, member_id, date, notes, notes_shareable, notes_saved_at, mood, workload";

pub(crate) const AGENDA_COLUMNS: &str =
    "id, session_id, rank, text, status, carried_from, action_item_id, card_id";

/// Action items with their person and whether their card is in a done column.
pub(crate) const ACTION_SELECT: &str = "SELECT a.id, a.session_id, s.member_id, a.text, a.owner,
        a.due_date, a.done,
        coalesce((SELECT k.stage = 'done' FROM cards c JOIN columns k ON k.id = c.column_id
                  WHERE c.id = a.card_id), 0),
        a.card_id, a.shareable, a.created_at
     FROM action_items a JOIN one_on_ones s ON s.id = a.session_id";

pub(crate) const FEEDBACK_SELECT: &str = "SELECT f.id, f.session_id, s.member_id, s.date, f.kind,
        f.situation, f.behaviour, f.impact, f.shareable, f.created_at
     FROM feedback f JOIN one_on_ones s ON s.id = f.session_id";

pub(crate) fn agenda_from_row(row: &Row<'_>) -> rusqlite::Result<AgendaItem> {
    Ok(AgendaItem {
        id: row.get(0)?,
        session: row.get(1)?,
        rank: row.get(2)?,
        text: row.get(3)?,
        status: row.get(4)?,
        carried_from: row.get(5)?,
        action_item: row.get(6)?,
        card: row.get(7)?,
    })
}

pub(crate) fn action_from_row(row: &Row<'_>) -> rusqlite::Result<ActionItem> {
    let checked: bool = row.get(6)?;
    let card_done: bool = row.get(7)?;
    Ok(ActionItem {
        id: row.get(0)?,
        session: row.get(1)?,
        member: row.get(2)?,
        text: row.get(3)?,
        owner: row.get(4)?,
        due: row.get(5)?,
        done: checked || card_done,
        card_done,
        card: row.get(8)?,
        shareable: row.get(9)?,
        created_at: row.get(10)?,
    })
}

pub(crate) fn feedback_from_row(row: &Row<'_>) -> rusqlite::Result<Feedback> {
    Ok(Feedback {
        id: row.get(0)?,
        session: row.get(1)?,
        member: row.get(2)?,
        date: row.get(3)?,
        kind: row.get(4)?,
        situation: row.get(5)?,
        behaviour: row.get(6)?,
        impact: row.get(7)?,
        shareable: row.get(8)?,
        created_at: row.get(9)?,
    })
}

/// Reads a whole session.
pub(crate) fn read_session(conn: &Connection, id: SessionId) -> Result<Session> {
    let mut session = conn
        .prepare_cached(&format!(
            "SELECT {SESSION_COLUMNS} FROM one_on_ones WHERE id = ?1"
        ))?
        .query_row([id], |row| {
            Ok(Session {
                id: row.get(0)?,
                member: row.get(1)?,
                date: row.get(2)?,
                notes: row.get(3)?,
                notes_shareable: row.get(4)?,
                notes_saved_at: row.get(5)?,
                mood: row.get(6)?,
                workload: row.get(7)?,
                agenda: Vec::new(),
                action_items: Vec::new(),
                feedback: Vec::new(),
            })
        })
        .optional()?
        .ok_or(Error::not_found(Entity::Session, id.0))?;
    session.agenda = conn
        .prepare_cached(&format!(
            "SELECT {AGENDA_COLUMNS} FROM agenda_items WHERE session_id = +?1 ORDER BY rank"
        ))?
        .query_map([id], agenda_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    session.action_items = conn
        .prepare_cached(&format!(
            "{ACTION_SELECT} WHERE a.session_id = ?1 ORDER BY a.id"
        ))?
        .query_map([id], action_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    session.feedback = conn
        .prepare_cached(&format!(
            "{FEEDBACK_SELECT} WHERE f.session_id = ?1 ORDER BY f.id"
        ))?
        .query_map([id], feedback_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(session)
}

pub(crate) fn member_exists(conn: &Connection, member: MemberId) -> Result<()> {
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1)")?
        .query_row([member], |row| row.get(0))?;
    if exists {
        Ok(())
    } else {
        Err(Error::not_found(Entity::Member, member.0))
    }
}

fn session_member(conn: &Connection, session: SessionId) -> Result<MemberId> {
    conn.prepare_cached("SELECT member_id FROM one_on_ones WHERE id = ?1")?
        .query_row([session], |row| row.get(0))
        .optional()?
        .ok_or(Error::not_found(Entity::Session, session.0))
}

/// Keeps the first `max` characters of `text`.
fn clip(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => text[..end].to_owned(),
        None => text,
    }
}

/// A talking point to add to a new agenda.
struct Point {
    text: String,
    carried_from: Option<AgendaItemId>,
    action_item: Option<ActionItemId>,
    card: Option<CardId>,
}

impl Point {
    fn plain(text: String) -> Point {
        Point {
            text,
            carried_from: None,
            action_item: None,
            card: None,
        }
    }
}

impl Store {
    /// One session with its agenda, action items and feedback.
    pub fn session(&self, id: SessionId) -> Result<Session> {
        read_session(self.conn(), id)
    }

    /// Starts a one-on-one on `new.date`. Its agenda is filled with the template's points (if
    /// any), then what is still open for the person: talking points of earlier sessions not
    /// yet discussed (which are marked carried there), their open action items, and their
    /// cards that are blocked or have been in progress for more than `new.aging_days` days.
    pub fn create_session(&mut self, member: MemberId, new: NewSession) -> Result<Session> {
        let date = validate::date("date", new.date)?;
        if !(1..=validate::MAX_AGING_DAYS).contains(&new.aging_days) {
            return Err(Error::invalid(
                "agingDays",
                format!(
                    "A card counts as aging after 1 to {} days in progress.",
                    validate::MAX_AGING_DAYS
                ),
            ));
        }
        let id = self.act("Create one-on-one", |tx| {
            member_exists(tx, member)?;
            let mut points: Vec<Point> = match new.template {
                Some(template) => read_template(tx, template)?
                    .items
                    .into_iter()
                    .map(Point::plain)
                    .collect(),
                None => Vec::new(),
            };
            tx.prepare_cached(
                "INSERT INTO one_on_ones (member_id, date, created_at) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![member, date, tx.now])?;
            let id = SessionId(tx.last_insert_rowid());
            points.extend(carried_points(tx, member, id, date)?);
            points.extend(open_action_points(tx, member)?);
            points.extend(card_points(tx, member, new.aging_days)?);
            for (point, rank) in points.iter().zip(rank::spread(points.len())) {
                tx.prepare_cached(
                    "INSERT INTO agenda_items (session_id, rank, text, carried_from,
                                               action_item_id, card_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    id,
                    rank,
                    clip(point.text.clone(), validate::MAX_TITLE_CHARS),
                    point.carried_from,
                    point.action_item,
                    point.card
                ])?;
            }
            Ok(id)
        })?;
        self.session(id)
    }

    /// Deletes a session with its agenda, action items and feedback; undo brings them back.
    pub fn delete_session(&mut self, id: SessionId) -> Result<()> {
        self.act("Delete one-on-one", |tx| {
            let changed = tx
                .prepare_cached("DELETE FROM one_on_ones WHERE id = ?1")?
                .execute([id])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Session, id.0));
            }
            Ok(())
        })
    }

    /// Saves a session's notes as typed (autosave): one UPDATE in its own transaction, not an
    /// undo step, so saving after every pause in typing neither floods nor clears the undo
    /// history. At most [`validate::MAX_NOTES_BYTES`]; the text is kept byte for byte.
    /// Returns when the notes were saved. Since notes cannot be undone, undoing the creation
    /// of a session whose notes changed since is refused rather than lose them.
    pub fn save_session_notes(&mut self, id: SessionId, notes: &str) -> Result<Millis> {
        validate::notes("notes", notes)?;
        self.write(|tx| {
            // Unchanged notes are not written again (nor indexed again).
            let changed = tx
                .prepare_cached(
                    "UPDATE one_on_ones SET notes = ?2, notes_saved_at = ?3
                     WHERE id = ?1 AND notes IS NOT ?2",
                )?
                .execute(params![id, notes, tx.now])?;
            if changed == 0 {
                session_member(tx, id)?;
            }
            Ok(tx.now)
        })
    }

    /// Records (or clears, with `None`) the check-in: mood and workload, 1 to 5 each.
    pub fn set_check_in(
        &mut self,
        id: SessionId,
        mood: Option<u8>,
        workload: Option<u8>,
    ) -> Result<Session> {
        let mood = mood
            .map(|m| validate::score("mood", "Mood", m))
            .transpose()?;
        let workload = workload
            .map(|w| validate::score("workload", "Workload", w))
            .transpose()?;
        self.act("Record check-in", |tx| {
            let changed = tx
                .prepare_cached("UPDATE one_on_ones SET mood = ?2, workload = ?3 WHERE id = ?1")?
                .execute(params![id, mood, workload])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Session, id.0));
            }
            Ok(())
        })?;
        self.session(id)
    }

    /// Marks notes, an action item or a feedback entry shareable, or private again.
    pub fn set_shareable(&mut self, what: Shareable, shareable: bool) -> Result<()> {
        let label = if shareable {
            "Mark shareable"
        } else {
            "Mark private"
        };
        let (sql, id, entity) = match what {
            Shareable::Notes(id) => (
                "UPDATE one_on_ones SET notes_shareable = ?2 WHERE id = ?1",
                id.0,
                Entity::Session,
            ),
            Shareable::ActionItem(id) => (
                "UPDATE action_items SET shareable = ?2 WHERE id = ?1",
                id.0,
                Entity::ActionItem,
            ),
            Shareable::Feedback(id) => (
                "UPDATE feedback SET shareable = ?2 WHERE id = ?1",
                id.0,
                Entity::Feedback,
            ),
        };
        self.act(label, |tx| {
            if tx.prepare_cached(sql)?.execute(params![id, shareable])? == 0 {
                return Err(Error::not_found(entity, id));
            }
            Ok(())
        })
    }

    /// Adds a talking point at the end of a session's agenda.
    pub fn add_agenda_item(&mut self, session: SessionId, text: &str) -> Result<AgendaItem> {
        let text = validate::text("text", "talking point", text, validate::MAX_TITLE_CHARS)?;
        let id = self.act("Add talking point", |tx| {
            session_member(tx, session)?;
            let last: Option<String> = tx
                .prepare_cached("SELECT max(rank) FROM agenda_items WHERE session_id = +?1")?
                .query_row([session], |row| row.get(0))?;
            tx.prepare_cached(
                "INSERT INTO agenda_items (session_id, rank, text) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![session, rank::between(last.as_deref(), None), text])?;
            Ok(AgendaItemId(tx.last_insert_rowid()))
        })?;
        self.agenda_item(id)
    }

    pub fn edit_agenda_item(&mut self, id: AgendaItemId, text: &str) -> Result<AgendaItem> {
        let text = validate::text("text", "talking point", text, validate::MAX_TITLE_CHARS)?;
        self.act("Edit talking point", |tx| {
            update_one(
                tx,
                "UPDATE agenda_items SET text = ?2 WHERE id = ?1",
                params![id, text],
                Entity::AgendaItem,
                id.0,
            )
        })?;
        self.agenda_item(id)
    }

    /// Marks a talking point discussed, carried (to the next session) or open again.
    pub fn set_agenda_status(
        &mut self,
        id: AgendaItemId,
        status: AgendaStatus,
    ) -> Result<AgendaItem> {
        let label = match status {
            AgendaStatus::Open => "Reopen talking point",
            AgendaStatus::Discussed => "Mark discussed",
            AgendaStatus::Carried => "Carry talking point",
        };
        self.act(label, |tx| {
            update_one(
                tx,
                "UPDATE agenda_items SET status = ?2 WHERE id = ?1",
                params![id, status],
                Entity::AgendaItem,
                id.0,
            )
        })?;
        self.agenda_item(id)
    }

    pub fn delete_agenda_item(&mut self, id: AgendaItemId) -> Result<()> {
        self.act("Delete talking point", |tx| {
            update_one(
                tx,
                "DELETE FROM agenda_items WHERE id = ?1",
                params![id],
                Entity::AgendaItem,
                id.0,
            )
        })
    }

    pub fn agenda_item(&self, id: AgendaItemId) -> Result<AgendaItem> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {AGENDA_COLUMNS} FROM agenda_items WHERE id = ?1"
            ))?
            .query_row([id], agenda_from_row)
            .optional()?
            .ok_or(Error::not_found(Entity::AgendaItem, id.0))
    }

    /// Adds a template's talking points at the end of a session's agenda.
    pub fn apply_template(&mut self, session: SessionId, template: TemplateId) -> Result<Session> {
        self.act("Apply template", |tx| {
            session_member(tx, session)?;
            let items = read_template(tx, template)?.items;
            let mut last: Option<String> = tx
                .prepare_cached("SELECT max(rank) FROM agenda_items WHERE session_id = +?1")?
                .query_row([session], |row| row.get(0))?;
            for text in items {
                let rank = rank::between(last.as_deref(), None);
                tx.prepare_cached(
                    "INSERT INTO agenda_items (session_id, rank, text) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![session, rank, text])?;
                last = Some(rank);
            }
            Ok(())
        })?;
        self.session(session)
    }

    pub fn add_action_item(
        &mut self,
        session: SessionId,
        new: &NewActionItem,
    ) -> Result<ActionItem> {
        let new = checked_action(new)?;
        let id = self.act("Add action item", |tx| {
            session_member(tx, session)?;
            tx.prepare_cached(
                "INSERT INTO action_items (session_id, text, owner, due_date, shareable, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                session,
                new.text,
                new.owner,
                new.due,
                new.shareable,
                tx.now
            ])?;
            Ok(ActionItemId(tx.last_insert_rowid()))
        })?;
        self.action_item(id)
    }

    /// Changes an action item's text, owner, due date and shareable flag.
    pub fn update_action_item(
        &mut self,
        id: ActionItemId,
        new: &NewActionItem,
    ) -> Result<ActionItem> {
        let new = checked_action(new)?;
        self.act("Edit action item", |tx| {
            update_one(
                tx,
                "UPDATE action_items SET text = ?2, owner = ?3, due_date = ?4, shareable = ?5
                 WHERE id = ?1",
                params![id, new.text, new.owner, new.due, new.shareable],
                Entity::ActionItem,
                id.0,
            )
        })?;
        self.action_item(id)
    }

    /// Checks an action item off, or on again. One whose card is in a done column reads as
    /// done either way.
    pub fn set_action_item_done(&mut self, id: ActionItemId, done: bool) -> Result<ActionItem> {
        let label = if done {
            "Check action item"
        } else {
            "Uncheck action item"
        };
        self.act(label, |tx| {
            update_one(
                tx,
                "UPDATE action_items SET done = ?2 WHERE id = ?1",
                params![id, done],
                Entity::ActionItem,
                id.0,
            )
        })?;
        self.action_item(id)
    }

    pub fn delete_action_item(&mut self, id: ActionItemId) -> Result<()> {
        self.act("Delete action item", |tx| {
            update_one(
                tx,
                "DELETE FROM action_items WHERE id = ?1",
                params![id],
                Entity::ActionItem,
                id.0,
            )
        })
    }

    pub fn action_item(&self, id: ActionItemId) -> Result<ActionItem> {
        self.conn()
            .prepare_cached(&format!("{ACTION_SELECT} WHERE a.id = ?1"))?
            .query_row([id], action_from_row)
            .optional()?
            .ok_or(Error::not_found(Entity::ActionItem, id.0))
    }

    /// Turns an action item into a card at the end of `column`, assigned to the person, as
    /// one action. The item keeps a link to the card and reads as done once the card is in a
    /// done column.
    pub fn action_item_to_card(
        &mut self,
        id: ActionItemId,
        column: ColumnId,
    ) -> Result<(ActionItem, Card)> {
        let item = self.action_item(id)?;
        if item.card.is_some() {
            return Err(Error::invalid(
                "actionItem",
                "This action item already has a card on the board.",
            ));
        }
        let title = validate::title(&item.text)?;
        let card = self.act("Make card from action item", |tx| {
            let card = insert_card(tx, column, &title)?;
            set_assignee(tx, card, item.member)?;
            tx.prepare_cached("UPDATE action_items SET card_id = ?2 WHERE id = ?1")?
                .execute(params![id, card])?;
            Ok(card)
        })?;
        Ok((self.action_item(id)?, self.card(card)?))
    }

    pub fn add_feedback(&mut self, session: SessionId, new: &NewFeedback) -> Result<Feedback> {
        let new = checked_feedback(new)?;
        let id = self.act("Add feedback", |tx| {
            session_member(tx, session)?;
            tx.prepare_cached(
                "INSERT INTO feedback (session_id, kind, situation, behaviour, impact, shareable,
                                       created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                session,
                new.kind,
                new.situation,
                new.behaviour,
                new.impact,
                new.shareable,
                tx.now
            ])?;
            Ok(FeedbackId(tx.last_insert_rowid()))
        })?;
        self.feedback(id)
    }

    pub fn update_feedback(&mut self, id: FeedbackId, new: &NewFeedback) -> Result<Feedback> {
        let new = checked_feedback(new)?;
        self.act("Edit feedback", |tx| {
            update_one(
                tx,
                "UPDATE feedback SET kind = ?2, situation = ?3, behaviour = ?4, impact = ?5,
                                     shareable = ?6
                 WHERE id = ?1",
                params![
                    id,
                    new.kind,
                    new.situation,
                    new.behaviour,
                    new.impact,
                    new.shareable
                ],
                Entity::Feedback,
                id.0,
            )
        })?;
        self.feedback(id)
    }

    pub fn delete_feedback(&mut self, id: FeedbackId) -> Result<()> {
        self.act("Delete feedback", |tx| {
            update_one(
                tx,
                "DELETE FROM feedback WHERE id = ?1",
                params![id],
                Entity::Feedback,
                id.0,
            )
        })
    }

    pub fn feedback(&self, id: FeedbackId) -> Result<Feedback> {
        self.conn()
            .prepare_cached(&format!("{FEEDBACK_SELECT} WHERE f.id = ?1"))?
            .query_row([id], feedback_from_row)
            .optional()?
            .ok_or(Error::not_found(Entity::Feedback, id.0))
    }

    /// The agenda templates, by name.
    pub fn templates(&self) -> Result<Vec<Template>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, name, items FROM agenda_templates ORDER BY name, id")?;
        let templates = stmt
            .query_map([], template_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(templates)
    }

    pub fn create_template(&mut self, name: &str, items: &[String]) -> Result<Template> {
        let (name, items) = checked_template(name, items)?;
        let id = self.act("Create template", |tx| {
            unique_template(tx, &name, None)?;
            tx.prepare_cached("INSERT INTO agenda_templates (name, items) VALUES (?1, ?2)")?
                .execute(params![name, items])?;
            Ok(TemplateId(tx.last_insert_rowid()))
        })?;
        read_template(self.conn(), id)
    }

    pub fn update_template(
        &mut self,
        id: TemplateId,
        name: &str,
        items: &[String],
    ) -> Result<Template> {
        let (name, items) = checked_template(name, items)?;
        self.act("Edit template", |tx| {
            unique_template(tx, &name, Some(id))?;
            update_one(
                tx,
                "UPDATE agenda_templates SET name = ?2, items = ?3 WHERE id = ?1",
                params![id, name, items],
                Entity::Template,
                id.0,
            )
        })?;
        read_template(self.conn(), id)
    }

    pub fn delete_template(&mut self, id: TemplateId) -> Result<()> {
        self.act("Delete template", |tx| {
            update_one(
                tx,
                "DELETE FROM agenda_templates WHERE id = ?1",
                params![id],
                Entity::Template,
                id.0,
            )
        })
    }
}

/// Runs a statement that must change exactly the one row `id` names.
fn update_one(
    tx: &Tx<'_>,
    sql: &str,
    values: &[&dyn rusqlite::ToSql],
    entity: Entity,
    id: i64,
) -> Result<()> {
    if tx.prepare_cached(sql)?.execute(values)? == 0 {
        return Err(Error::not_found(entity, id));
    }
    Ok(())
}

fn checked_action(new: &NewActionItem) -> Result<NewActionItem> {
    Ok(NewActionItem {
        text: validate::text("text", "action item", &new.text, validate::MAX_TITLE_CHARS)?,
        owner: new.owner,
        due: new.due.map(|d| validate::date("due", d)).transpose()?,
        shareable: new.shareable,
    })
}

fn checked_feedback(new: &NewFeedback) -> Result<NewFeedback> {
    let field = |field, label, value: &str| {
        validate::paragraph(field, label, value, validate::MAX_FEEDBACK_CHARS)
    };
    Ok(NewFeedback {
        kind: new.kind,
        situation: field("situation", "situation", &new.situation)?,
        behaviour: field("behaviour", "behaviour", &new.behaviour)?,
        impact: field("impact", "impact", &new.impact)?,
        shareable: new.shareable,
    })
}

/// A template's name and its talking points, one per line as stored.
fn checked_template(name: &str, items: &[String]) -> Result<(String, String)> {
    let name = validate::name("name", "template name", name)?;
    let items: Vec<String> = items
        .iter()
        .filter(|item| !item.trim().is_empty())
        .map(|item| validate::text("items", "talking point", item, validate::MAX_TITLE_CHARS))
        .collect::<Result<_>>()?;
    if items.is_empty() {
        return Err(Error::invalid(
            "items",
            "A template needs at least one talking point.",
        ));
    }
    if items.len() > validate::MAX_TEMPLATE_ITEMS {
        return Err(Error::invalid(
            "items",
            format!(
                "A template can have at most {} talking points.",
                validate::MAX_TEMPLATE_ITEMS
            ),
        ));
    }
    Ok((name, items.join("\n")))
}

fn unique_template(tx: &Tx<'_>, name: &str, except: Option<TemplateId>) -> Result<()> {
    let taken: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM agenda_templates WHERE name = ?1 AND id IS NOT ?2)",
        )?
        .query_row(params![name, except], |row| row.get(0))?;
    if taken {
        return Err(Error::invalid(
            "name",
            format!("There is already a template called \u{201c}{name}\u{201d}."),
        ));
    }
    Ok(())
}

fn template_from_row(row: &Row<'_>) -> rusqlite::Result<Template> {
    let items: String = row.get(2)?;
    Ok(Template {
        id: row.get(0)?,
        name: row.get(1)?,
        items: items.lines().map(str::to_owned).collect(),
    })
}

fn read_template(conn: &Connection, id: TemplateId) -> Result<Template> {
    conn.prepare_cached("SELECT id, name, items FROM agenda_templates WHERE id = ?1")?
        .query_row([id], template_from_row)
        .optional()?
        .ok_or(Error::not_found(Entity::Template, id.0))
}

/// Plain talking points of the person's earlier sessions that were neither discussed nor
/// carried over yet; every open point of those sessions is marked carried. Points about an
/// action item or a card are not copied: they come back fresh while still open.
fn carried_points(
    tx: &Tx<'_>,
    member: MemberId,
    session: SessionId,
    date: NaiveDate,
) -> Result<Vec<Point>> {
    let points = tx
        .prepare_cached(
            "SELECT a.id, a.text FROM agenda_items a JOIN one_on_ones s ON s.id = a.session_id
             WHERE s.member_id = +?1 AND s.id <> ?2 AND s.date <= ?3
               AND a.status <> 'discussed'
               AND a.action_item_id IS NULL AND a.card_id IS NULL
               AND NOT EXISTS (SELECT 1 FROM agenda_items n WHERE n.carried_from = a.id)
             ORDER BY s.date, s.id, a.rank",
        )?
        .query_map(params![member, session, date], |row| {
            Ok(Point {
                carried_from: Some(row.get(0)?),
                ..Point::plain(row.get(1)?)
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    tx.prepare_cached(
        "UPDATE agenda_items SET status = 'carried'
         WHERE status = 'open' AND session_id IN (
             SELECT id FROM one_on_ones WHERE member_id = +?1 AND id <> ?2 AND date <= ?3)",
    )?
    .execute(params![member, session, date])?;
    Ok(points)
}

/// The person's action items that are not done, soonest due first.
fn open_action_points(tx: &Tx<'_>, member: MemberId) -> Result<Vec<Point>> {
    let items = tx
        .prepare_cached(&format!(
            "{ACTION_SELECT} WHERE s.member_id = +?1
             ORDER BY a.due_date IS NULL, a.due_date, a.id"
        ))?
        .query_map([member], action_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(items
        .into_iter()
        .filter(|item| !item.done)
        .map(|item| {
            let due = item
                .due
                .map(|d| format!(" (due {})", d.format("%Y-%m-%d")))
                .unwrap_or_default();
            Point {
                action_item: Some(item.id),
                ..Point::plain(format!("Action item: {}{due}", item.text))
            }
        })
        .collect())
}

/// The person's cards on the board that are blocked, or in progress for more than
/// `aging_days` days since work on them started (their flow dates).
fn card_points(tx: &Tx<'_>, member: MemberId, aging_days: u32) -> Result<Vec<Point>> {
    let cards = tx
        .prepare_cached(
            "SELECT c.id, c.title, c.blocked_reason, k.stage, k.board_id
             FROM cards c JOIN columns k ON k.id = c.column_id
             WHERE c.assignee_id = ?1 AND c.archived_at IS NULL AND k.archived_at IS NULL
               AND k.stage <> 'done'
             ORDER BY c.id",
        )?
        .query_map([member], |row| {
            Ok((
                row.get::<_, CardId>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, Stage>(3)?,
                row.get::<_, BoardId>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut points = Vec::new();
    for (card, title, blocked, stage, board) in cards {
        let text = if let Some(reason) = blocked {
            format!("Blocked: {title} ({reason})")
        } else if stage == Stage::InProgress {
            let stages = column_stages(tx, board)?;
            let started = flow_dates(&read_history(tx, card)?, |c| stages.get(&c).copied())
                .started_at
                .unwrap_or(tx.now);
            if tx.now - started <= i64::from(aging_days) * DAY_MS {
                continue;
            }
            let days = (tx.now - started) / DAY_MS;
            format!("In progress for {days} days: {title}")
        } else {
            continue;
        };
        points.push(Point {
            card: Some(card),
            ..Point::plain(text)
        });
    }
    Ok(points)
}

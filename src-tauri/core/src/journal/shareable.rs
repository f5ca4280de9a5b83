//! What of the journal may leave the app: notes, action items and feedback the lead marked
//! shareable, and nothing else. Reports and shared exports read the journal only through this
//! module. Its types have no field for private content, and its queries (all in [`QUERIES`])
//! select only rows with `shareable = 1` and never a private column (a person's private
//! notes, talking points, goals, check-ins).

use chrono::NaiveDate;
use rusqlite::Connection;

use super::sessions::member_exists;
use crate::error::Result;
use crate::model::{ActionItemId, FeedbackId, FeedbackKind, MemberId, Owner, SessionId};
use crate::store::Store;

const PERSON: &str = "SELECT name, role FROM members WHERE id = ?1";

const NOTES: &str = "SELECT id, date, notes FROM one_on_ones
     WHERE member_id = +?1 AND notes_shareable = 1 AND notes <> ''
     ORDER BY date, id";

const ACTION_ITEMS: &str = "SELECT a.id, s.date, a.text, a.owner, a.due_date,
        a.done OR coalesce((SELECT k.stage = 'done' FROM cards c
                            JOIN columns k ON k.id = c.column_id WHERE c.id = a.card_id), 0)
     FROM action_items a JOIN one_on_ones s ON s.id = a.session_id
     WHERE s.member_id = +?1 AND a.shareable = 1
     ORDER BY s.date, a.id";

const FEEDBACK: &str = "SELECT f.id, s.date, f.kind, f.situation, f.behaviour, f.impact
     FROM feedback f JOIN one_on_ones s ON s.id = f.session_id
     WHERE s.member_id = +?1 AND f.shareable = 1
     ORDER BY s.date, f.id";

/// Every statement this module runs, for the test that checks them.
pub const QUERIES: &[&str] = &[PERSON, NOTES, ACTION_ITEMS, FEEDBACK];

/// What may be shared about one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedPerson {
    pub member: MemberId,
    pub name: String,
    pub role: String,
    pub notes: Vec<SharedNotes>,
    pub action_items: Vec<SharedActionItem>,
    pub feedback: Vec<SharedFeedback>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedNotes {
    pub session: SessionId,
    pub date: NaiveDate,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedActionItem {
    pub id: ActionItemId,
    pub date: NaiveDate,
    pub text: String,
    pub owner: Owner,
    pub due: Option<NaiveDate>,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedFeedback {
    pub id: FeedbackId,
    pub date: NaiveDate,
    pub kind: FeedbackKind,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
}

/// The shareable journal of one person.
pub fn person(conn: &Connection, member: MemberId) -> Result<SharedPerson> {
    member_exists(conn, member)?;
    let (name, role) = conn
        .prepare_cached(PERSON)?
        .query_row([member], |row| Ok((row.get(0)?, row.get(1)?)))?;
    let notes = conn
        .prepare_cached(NOTES)?
        .query_map([member], |row| {
            Ok(SharedNotes {
                session: row.get(0)?,
                date: row.get(1)?,
                notes: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let action_items = conn
        .prepare_cached(ACTION_ITEMS)?
        .query_map([member], |row| {
            Ok(SharedActionItem {
                id: row.get(0)?,
                date: row.get(1)?,
                text: row.get(2)?,
                owner: row.get(3)?,
                due: row.get(4)?,
                done: row.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let feedback = conn
        .prepare_cached(FEEDBACK)?
        .query_map([member], |row| {
            Ok(SharedFeedback {
                id: row.get(0)?,
                date: row.get(1)?,
                kind: row.get(2)?,
                situation: row.get(3)?,
                behaviour: row.get(4)?,
                impact: row.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(SharedPerson {
        member,
        name,
        role,
        notes,
        action_items,
        feedback,
    })
}

/// The shareable journal as Markdown, to hand to the person or to include in a report.
pub fn markdown(shared: &SharedPerson) -> String {
    let mut out = format!("# One-on-ones with {}\n\n", shared.name);
    if !shared.role.is_empty() {
        out.push_str(&format!("{}\n\n", shared.role));
    }
    if !shared.notes.is_empty() {
        out.push_str("## Notes\n\n");
        for notes in &shared.notes {
            out.push_str(&format!(
                "### {}\n\n{}\n\n",
                notes.date,
                notes.notes.trim_end()
            ));
        }
    }
    if !shared.action_items.is_empty() {
        out.push_str("## Action items\n\n");
        for item in &shared.action_items {
            let check = if item.done { "x" } else { " " };
            let due = item.due.map(|d| format!(", due {d}")).unwrap_or_default();
            let owner = match item.owner {
                Owner::Lead => "lead",
                Owner::Person => &shared.name,
            };
            out.push_str(&format!(
                "- [{check}] {} ({owner}{due}; from {})\n",
                item.text, item.date
            ));
        }
        out.push('\n');
    }
    if !shared.feedback.is_empty() {
        out.push_str("## Feedback\n\n");
        for entry in &shared.feedback {
            out.push_str(&format!(
                "### {} ({})\n\n- Situation: {}\n- Behaviour: {}\n- Impact: {}\n\n",
                entry.date,
                entry.kind.as_str(),
                entry.situation,
                entry.behaviour,
                entry.impact
            ));
        }
    }
    out
}

impl Store {
    /// What may be shared about a person: see [`person`].
    pub fn shareable_person(&self, member: MemberId) -> Result<SharedPerson> {
        person(self.conn(), member)
    }
}

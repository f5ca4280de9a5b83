//! A person's right of access and right to erasure: everything the app holds about one
//! person, private notes included, and erasing it all.

use std::fmt::Write;

use rusqlite::params;

use super::people::{read_goals, read_person};
use super::sessions::{member_exists, read_session};
use super::{Goal, Person, Session};
use crate::error::Result;
use crate::model::{AgendaStatus, CardId, MemberId, Owner, SessionId};
use crate::store::{Millis, Store};

/// Everything about one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRecord {
    pub person: Person,
    pub goals: Vec<Goal>,
    /// Oldest first, each with its agenda, notes, action items and feedback.
    pub sessions: Vec<Session>,
    /// Cards assigned to the person, archived ones included.
    pub cards: Vec<AssignedCard>,
    pub exported_at: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignedCard {
    pub id: CardId,
    pub title: String,
    pub board: String,
    pub column: String,
    pub archived: bool,
}

impl Store {
    /// Everything the app holds about one person, for their right of access. This reads
    /// private content; it is the one export that does not go through
    /// [`super::shareable`], and only the lead asks for it.
    pub fn person_record(&self, member: MemberId) -> Result<PersonRecord> {
        let conn = self.conn();
        let person = read_person(conn, member)?;
        let ids: Vec<SessionId> = conn
            .prepare_cached("SELECT id FROM one_on_ones WHERE member_id = +?1 ORDER BY date, id")?
            .query_map([member], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let sessions = ids
            .into_iter()
            .map(|id| read_session(conn, id))
            .collect::<Result<_>>()?;
        let cards = conn
            .prepare_cached(
                "SELECT c.id, c.title, b.name, k.name, c.archived_at IS NOT NULL
                 FROM cards c JOIN columns k ON k.id = c.column_id JOIN boards b ON b.id = k.board_id
                 WHERE c.assignee_id = ?1 ORDER BY b.id, k.rank, c.rank",
            )?
            .query_map([member], |row| {
                Ok(AssignedCard {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    board: row.get(2)?,
                    column: row.get(3)?,
                    archived: row.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(PersonRecord {
            goals: read_goals(conn, member)?,
            person,
            sessions,
            cards,
            exported_at: self.now(),
        })
    }

    /// Erases a person and all their journal data: profile, skills, private notes, goals,
    /// sessions with their notes, agenda, action items and feedback, and their mentions in
    /// card histories. Their cards stay on the board, unassigned. The full-text index is
    /// rebuilt without them, and freed pages are overwritten.
    ///
    /// Not undoable (the UI asks for confirmation first), and the undo history is cleared:
    /// its steps could hold the person's data, and could no longer be replayed anyway.
    pub fn erase_person(&mut self, member: MemberId) -> Result<()> {
        member_exists(self.conn(), member)?;
        self.conn().execute_batch("PRAGMA secure_delete = ON")?;
        let erased = self.write(|tx| {
            tx.execute(
                "UPDATE card_events SET member_id = NULL WHERE member_id = ?1",
                params![member],
            )?;
            tx.execute("DELETE FROM members WHERE id = ?1", params![member])?;
            tx.execute("DELETE FROM undo_log", [])?;
            // Deleted rows leave tombstones in the index until its segments merge: merge now.
            tx.execute(
                "INSERT INTO journal_search (journal_search) VALUES ('optimize')",
                [],
            )?;
            Ok(())
        });
        let restored = self.conn().execute_batch("PRAGMA secure_delete = OFF");
        erased?;
        restored?;
        self.forget_redo();
        // Old versions of the pages live on in the write-ahead log until a checkpoint.
        self.conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// The person's record as Markdown.
pub fn markdown(record: &PersonRecord) -> String {
    let mut out = String::new();
    let p = &record.person;
    // Writing to a String cannot fail.
    let _ = writeln!(out, "# {}\n", p.name);
    if !p.role.is_empty() {
        let _ = writeln!(out, "- Role: {}", p.role);
    }
    if let Some(start) = p.start_date {
        let _ = writeln!(out, "- Start date: {start}");
    }
    let _ = writeln!(
        out,
        "- One-on-one cadence: {}",
        p.cadence.as_str().replace('_', " ")
    );
    for skill in &p.skills {
        let _ = writeln!(out, "- Skill: {} (level {} of 5)", skill.name, skill.level);
    }
    out.push('\n');
    if !p.private_notes.is_empty() {
        let _ = writeln!(out, "## Private notes\n\n{}\n", p.private_notes.trim_end());
    }
    if !record.goals.is_empty() {
        out.push_str("## Growth goals\n\n");
        for goal in &record.goals {
            let skills = if goal.skills.is_empty() {
                String::new()
            } else {
                format!(" (skills: {})", goal.skills.join(", "))
            };
            let _ = writeln!(out, "- {}: {}%{skills}", goal.title, goal.progress);
        }
        out.push('\n');
    }
    for session in &record.sessions {
        let _ = writeln!(out, "## One-on-one on {}\n", session.date);
        if session.mood.is_some() || session.workload.is_some() {
            let score = |s: Option<u8>| s.map_or("-".to_owned(), |s| format!("{s}/5"));
            let _ = writeln!(
                out,
                "Check-in: mood {}, workload {}\n",
                score(session.mood),
                score(session.workload)
            );
        }
        if !session.agenda.is_empty() {
            out.push_str("### Agenda\n\n");
            for item in &session.agenda {
                let status = match item.status {
                    AgendaStatus::Open => "open",
                    AgendaStatus::Discussed => "discussed",
                    AgendaStatus::Carried => "carried",
                };
                let _ = writeln!(out, "- {} ({status})", item.text);
            }
            out.push('\n');
        }
        if !session.notes.is_empty() {
            let shared = if session.notes_shareable {
                "shareable"
            } else {
                "private"
            };
            let _ = writeln!(
                out,
                "### Notes ({shared})\n\n{}\n",
                session.notes.trim_end()
            );
        }
        if !session.action_items.is_empty() {
            out.push_str("### Action items\n\n");
            for item in &session.action_items {
                let check = if item.done { "x" } else { " " };
                let owner = match item.owner {
                    Owner::Lead => "lead",
                    Owner::Person => p.name.as_str(),
                };
                let due = item.due.map(|d| format!(", due {d}")).unwrap_or_default();
                let shared = if item.shareable {
                    "shareable"
                } else {
                    "private"
                };
                let _ = writeln!(out, "- [{check}] {} ({owner}{due}; {shared})", item.text);
            }
            out.push('\n');
        }
        for entry in &session.feedback {
            let shared = if entry.shareable {
                "shareable"
            } else {
                "private"
            };
            let _ = writeln!(
                out,
                "### Feedback: {} ({shared})\n\n- Situation: {}\n- Behaviour: {}\n- Impact: {}\n",
                entry.kind.as_str(),
                entry.situation,
                entry.behaviour,
                entry.impact
            );
        }
    }
    if !record.cards.is_empty() {
        out.push_str("## Cards assigned\n\n");
        for card in &record.cards {
            let archived = if card.archived { ", archived" } else { "" };
            let _ = writeln!(
                out,
                "- {} ({}, {}{archived})",
                card.title, card.board, card.column
            );
        }
    }
    out
}

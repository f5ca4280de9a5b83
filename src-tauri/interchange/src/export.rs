//! The whole workspace as a [`Document`]: every table of the user's data, read in one read
//! transaction so the file is one consistent moment. The undo history is left out.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, Row};
use teamlead_core::Store;

use crate::error::{Error, Result};
use crate::format::*;
use crate::read::MAX_FILE_BYTES;

/// Hundredths (as stored) to units (as written).
fn units(centi: Option<i64>) -> Option<f64> {
    centi.map(|c| c as f64 / 100.0)
}

/// Rows of `sql` grouped by their first column, each made by `make` from the row.
fn grouped<T>(
    conn: &Connection,
    sql: &str,
    make: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<HashMap<i64, Vec<T>>> {
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let key: i64 = row.get(0)?;
        out.entry(key).or_default().push(make(row)?);
    }
    Ok(out)
}

fn all<T>(
    conn: &Connection,
    sql: &str,
    make: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], make)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Everything in the workspace, stamped with the store's clock.
pub fn export(store: &Store) -> Result<Document> {
    let conn = store.conn();
    // A read transaction: every table is read as of one moment.
    let snapshot = conn.unchecked_transaction()?;
    let document = read(&snapshot, store.now())?;
    drop(snapshot);
    Ok(document)
}

fn read(conn: &Connection, now: i64) -> Result<Document> {
    let mut skills = grouped(
        conn,
        "SELECT member_id, skill, level FROM member_skills ORDER BY member_id, skill",
        |r| {
            Ok(PersonSkill {
                name: r.get(1)?,
                level: r.get(2)?,
            })
        },
    )?;
    let mut time_off = grouped(
        conn,
        "SELECT member_id, id, start_date, end_date FROM time_off ORDER BY id",
        |r| {
            Ok(TimeOff {
                id: r.get(1)?,
                start: r.get(2)?,
                end: r.get(3)?,
            })
        },
    )?;
    let mut goal_skills = grouped(
        conn,
        "SELECT goal_id, skill FROM goal_skills ORDER BY goal_id, skill",
        |r| r.get::<_, String>(1),
    )?;
    let mut goals = grouped(
        conn,
        "SELECT member_id, id, title, progress, created_at FROM growth_goals ORDER BY id",
        |r| {
            Ok(GrowthGoal {
                id: r.get(1)?,
                title: r.get(2)?,
                progress: r.get(3)?,
                created_at: r.get(4)?,
                skills: Vec::new(),
            })
        },
    )?;
    for goal in goals.values_mut().flatten() {
        goal.skills = goal_skills.remove(&goal.id).unwrap_or_default();
    }
    let people = all(
        conn,
        "SELECT id, name, role, created_at, start_date, cadence, private_notes,
                weekly_capacity_centi
         FROM members ORDER BY id",
        |r| {
            Ok(Person {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                created_at: r.get(3)?,
                start_date: r.get(4)?,
                cadence: r.get(5)?,
                private_notes: r.get(6)?,
                weekly_capacity: units(r.get(7)?),
                skills: Vec::new(),
                time_off: Vec::new(),
                growth_goals: Vec::new(),
            })
        },
    )?
    .into_iter()
    .map(|mut p| {
        p.skills = skills.remove(&p.id).unwrap_or_default();
        p.time_off = time_off.remove(&p.id).unwrap_or_default();
        p.growth_goals = goals.remove(&p.id).unwrap_or_default();
        p
    })
    .collect();

    let mut columns = grouped(
        conn,
        "SELECT board_id, id, name, rank, stage, wip_limit, archived_at FROM columns
         ORDER BY board_id, rank",
        |r| {
            Ok(Column {
                id: r.get(1)?,
                name: r.get(2)?,
                rank: r.get(3)?,
                stage: r.get(4)?,
                wip_limit: r.get(5)?,
                archived_at: r.get(6)?,
            })
        },
    )?;
    let mut labels = grouped(
        conn,
        "SELECT board_id, id, name, color FROM labels ORDER BY id",
        |r| {
            Ok(Label {
                id: r.get(1)?,
                name: r.get(2)?,
                color: r.get(3)?,
            })
        },
    )?;
    let mut card_labels = grouped(
        conn,
        "SELECT card_id, label_id FROM card_labels ORDER BY card_id, label_id",
        |r| r.get::<_, i64>(1),
    )?;
    let mut card_skills = grouped(
        conn,
        "SELECT card_id, skill, min_level FROM card_skills ORDER BY card_id, skill",
        |r| {
            Ok(CardSkill {
                name: r.get(1)?,
                min_level: r.get(2)?,
            })
        },
    )?;
    let mut checklists = grouped(
        conn,
        "SELECT card_id, id, rank, text, done FROM checklist_items ORDER BY card_id, rank",
        |r| {
            Ok(ChecklistItem {
                id: r.get(1)?,
                rank: r.get(2)?,
                text: r.get(3)?,
                done: r.get(4)?,
            })
        },
    )?;
    let mut history = grouped(
        conn,
        "SELECT card_id, id, kind, from_column_id, to_column_id, member_id, detail, at
         FROM card_events ORDER BY id",
        |r| {
            Ok(CardEvent {
                id: r.get(1)?,
                kind: r.get(2)?,
                from_column_id: r.get(3)?,
                to_column_id: r.get(4)?,
                member_id: r.get(5)?,
                detail: r.get(6)?,
                at: r.get(7)?,
            })
        },
    )?;
    let mut cards = grouped(
        conn,
        "SELECT k.board_id, c.id, c.column_id, c.rank, c.title, c.description, c.priority,
                c.due_date, c.estimate_centi, c.assignee_id, c.pinned_to, c.goal_id,
                c.blocked_reason, c.blocked_since, c.created_at, c.updated_at, c.archived_at
         FROM cards c JOIN columns k ON k.id = c.column_id ORDER BY c.id",
        |r| {
            Ok(Card {
                id: r.get(1)?,
                column_id: r.get(2)?,
                rank: r.get(3)?,
                title: r.get(4)?,
                description: r.get(5)?,
                priority: r.get(6)?,
                due: r.get(7)?,
                estimate: units(r.get(8)?),
                assignee_id: r.get(9)?,
                pinned_to: r.get(10)?,
                team_goal_id: r.get(11)?,
                blocked_reason: r.get(12)?,
                blocked_since: r.get(13)?,
                created_at: r.get(14)?,
                updated_at: r.get(15)?,
                archived_at: r.get(16)?,
                label_ids: Vec::new(),
                skills: Vec::new(),
                checklist: Vec::new(),
                history: Vec::new(),
            })
        },
    )?;
    for card in cards.values_mut().flatten() {
        card.label_ids = card_labels.remove(&card.id).unwrap_or_default();
        card.skills = card_skills.remove(&card.id).unwrap_or_default();
        card.checklist = checklists.remove(&card.id).unwrap_or_default();
        card.history = history.remove(&card.id).unwrap_or_default();
    }
    let mut notes = grouped(
        conn,
        "SELECT board_id, period_from, period_to, status, status_reason, needs
         FROM report_notes ORDER BY board_id, period_from, period_to",
        |r| {
            Ok(ReportNote {
                period_from: r.get(1)?,
                period_to: r.get(2)?,
                status: r.get(3)?,
                status_reason: r.get(4)?,
                needs: r.get(5)?,
            })
        },
    )?;
    let mut risks = grouped(
        conn,
        "SELECT snapshot_id, key, summary FROM report_snapshot_risks ORDER BY snapshot_id, key",
        |r| {
            Ok(ReportRisk {
                key: r.get(1)?,
                summary: r.get(2)?,
            })
        },
    )?;
    let mut snapshots = grouped(
        conn,
        "SELECT board_id, id, period_from, period_to, format, exported_at
         FROM report_snapshots ORDER BY id",
        |r| {
            Ok(ReportSnapshot {
                id: r.get(1)?,
                period_from: r.get(2)?,
                period_to: r.get(3)?,
                format: r.get(4)?,
                exported_at: r.get(5)?,
                risks: Vec::new(),
            })
        },
    )?;
    for snapshot in snapshots.values_mut().flatten() {
        snapshot.risks = risks.remove(&snapshot.id).unwrap_or_default();
    }
    let boards = all(
        conn,
        "SELECT id, name, created_at, estimate_unit FROM boards ORDER BY id",
        |r| {
            Ok(Board {
                id: r.get(0)?,
                name: r.get(1)?,
                created_at: r.get(2)?,
                estimate_unit: r.get(3)?,
                columns: Vec::new(),
                labels: Vec::new(),
                cards: Vec::new(),
                report_notes: Vec::new(),
                report_snapshots: Vec::new(),
            })
        },
    )?
    .into_iter()
    .map(|mut b| {
        b.columns = columns.remove(&b.id).unwrap_or_default();
        b.labels = labels.remove(&b.id).unwrap_or_default();
        b.cards = cards.remove(&b.id).unwrap_or_default();
        b.report_notes = notes.remove(&b.id).unwrap_or_default();
        b.report_snapshots = snapshots.remove(&b.id).unwrap_or_default();
        b
    })
    .collect();

    let team_goals = all(
        conn,
        "SELECT id, title, target_date, created_at FROM goals ORDER BY id",
        |r| {
            Ok(TeamGoal {
                id: r.get(0)?,
                title: r.get(1)?,
                target_date: r.get(2)?,
                created_at: r.get(3)?,
            })
        },
    )?;

    let mut agenda = grouped(
        conn,
        "SELECT session_id, id, rank, text, status, carried_from, action_item_id, card_id
         FROM agenda_items ORDER BY session_id, rank",
        |r| {
            Ok(AgendaItem {
                id: r.get(1)?,
                rank: r.get(2)?,
                text: r.get(3)?,
                status: r.get(4)?,
                carried_from: r.get(5)?,
                action_item_id: r.get(6)?,
                card_id: r.get(7)?,
            })
        },
    )?;
    let mut actions = grouped(
        conn,
        "SELECT session_id, id, text, owner, due_date, done, shareable, card_id, created_at
         FROM action_items ORDER BY id",
        |r| {
            Ok(ActionItem {
                id: r.get(1)?,
                text: r.get(2)?,
                owner: r.get(3)?,
                due: r.get(4)?,
                done: r.get(5)?,
                shareable: r.get(6)?,
                card_id: r.get(7)?,
                created_at: r.get(8)?,
            })
        },
    )?;
    let mut feedback = grouped(
        conn,
        "SELECT session_id, id, kind, situation, behaviour, impact, shareable, created_at
         FROM feedback ORDER BY id",
        |r| {
            Ok(Feedback {
                id: r.get(1)?,
                kind: r.get(2)?,
                situation: r.get(3)?,
                behaviour: r.get(4)?,
                impact: r.get(5)?,
                shareable: r.get(6)?,
                created_at: r.get(7)?,
            })
        },
    )?;
    let sessions = all(
        conn,
        "SELECT id, member_id, date, notes, notes_shareable, notes_saved_at, mood, workload,
                created_at
         FROM one_on_ones ORDER BY id",
        |r| {
            Ok(Session {
                id: r.get(0)?,
                person_id: r.get(1)?,
                date: r.get(2)?,
                notes: r.get(3)?,
                notes_shareable: r.get(4)?,
                notes_saved_at: r.get(5)?,
                mood: r.get(6)?,
                workload: r.get(7)?,
                created_at: r.get(8)?,
                agenda: Vec::new(),
                action_items: Vec::new(),
                feedback: Vec::new(),
            })
        },
    )?
    .into_iter()
    .map(|mut s| {
        s.agenda = agenda.remove(&s.id).unwrap_or_default();
        s.action_items = actions.remove(&s.id).unwrap_or_default();
        s.feedback = feedback.remove(&s.id).unwrap_or_default();
        s
    })
    .collect();

    let agenda_templates = all(
        conn,
        "SELECT id, name, items FROM agenda_templates ORDER BY id",
        |r| {
            let items: String = r.get(2)?;
            Ok(AgendaTemplate {
                id: r.get(0)?,
                name: r.get(1)?,
                items: items.split('\n').map(str::to_owned).collect(),
            })
        },
    )?;

    Ok(Document {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at: now,
        people,
        boards,
        team_goals,
        sessions,
        agenda_templates,
    })
}

/// The document as the bytes of a file: indented JSON ending with a line break.
pub fn to_bytes(document: &Document) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(document).map_err(|e| Error::Write {
        path: String::new(),
        reason: e.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes the whole workspace to `path`, atomically. An existing file is replaced only when
/// `replace` says so; a workspace too large to import again is not written.
pub fn export_file(store: &Store, path: &Path, replace: bool) -> Result<u64> {
    save(&export(store)?, path, replace)
}

/// Writes a document read before (so the store need not be held meanwhile) to `path`,
/// atomically; returns the bytes written.
pub fn save(document: &Document, path: &Path, replace: bool) -> Result<u64> {
    write_file(&to_bytes(document)?, path, replace, MAX_FILE_BYTES)
}

pub(crate) fn write_file(bytes: &[u8], path: &Path, replace: bool, limit: u64) -> Result<u64> {
    if bytes.len() as u64 > limit {
        return Err(Error::ExportTooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    if !replace && path.exists() {
        return Err(Error::Exists {
            path: path.display().to_string(),
        });
    }
    teamlead_core::files::write_files_atomically(&[(path.to_path_buf(), bytes.to_vec())]).map_err(
        |error| match error {
            teamlead_core::Error::Export { path, reason } => Error::Write { path, reason },
            other => Error::Core(other),
        },
    )?;
    Ok(bytes.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_too_large_to_import_again_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("all.json");
        let error = write_file(b"0123456789ab", &path, false, 10).unwrap_err();
        assert!(matches!(
            error,
            Error::ExportTooLarge {
                size: 12,
                limit: 10
            }
        ));
        assert!(!path.exists());
        assert_eq!(write_file(b"0123456789", &path, false, 10).unwrap(), 10);
        // Never over a file unless asked.
        let error = write_file(b"new", &path, false, 10).unwrap_err();
        assert!(error.to_string().ends_with("all.json already exists. Choose another name, or confirm replacing it. Nothing was written."));
        assert_eq!(std::fs::read(&path).unwrap(), b"0123456789");
        write_file(b"new", &path, true, 10).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        // Only the file itself is left: no temporary file beside it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

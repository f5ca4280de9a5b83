//! What the store keeps for reports: the lead's status and needs per board and period, and
//! a snapshot of the risks of each exported report.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{build, Format, ReportInput, ReportModel, Status};
use crate::error::{Entity, Error, Result};
use crate::metrics::{Calendar, Period};
use crate::model::{BoardId, Cadence, MemberId};
use crate::plan::Horizon;
use crate::radar::OneOnOneDue;
use crate::store::{Millis, Store};
use crate::validate;

/// What the lead wrote for one board and period.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportNotes {
    /// Their own headline status, overriding the suggested one.
    pub status: Option<Status>,
    pub status_reason: String,
    pub needs: String,
}

/// The risks an exported report listed: (key, summary).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub period: Period,
    pub exported_at: Millis,
    pub risks: Vec<(String, String)>,
}

/// What the workload and the journal add to a report (see [`Store::report_options`]).
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Capacity per person, in the board's unit.
    pub capacity: Option<HashMap<MemberId, f64>>,
    pub one_on_ones: Vec<OneOnOneDue>,
    /// Team check-ins: (day, mean mood, mean workload).
    pub health: Vec<(NaiveDate, f64, f64)>,
}

/// The days between one-on-ones that a cadence means, for the radar.
fn cadence_days(cadence: Cadence) -> u32 {
    match cadence {
        Cadence::Weekly => 7,
        Cadence::EveryTwoWeeks => 14,
        Cadence::Monthly => 31,
    }
}

impl Store {
    /// What the rest of the app knows that a report of `board` uses, as of `today`:
    /// - each person's capacity over the two weeks from today (time off counted), for those
    ///   whose weekly capacity is set, as the Workload view shows it;
    /// - each person's last one-on-one and cadence, once the journal holds any one-on-one
    ///   (a lead who does not use the journal is not told that everyone is overdue);
    /// - the team's check-ins per day: mean mood and mean workload, never one person's.
    pub fn report_options(&self, board: BoardId, today: NaiveDate) -> Result<ReportOptions> {
        let horizon = Horizon {
            start: today,
            end: today + chrono::Days::new(13),
        };
        let capacity: HashMap<MemberId, f64> = self
            .workload(board, horizon)?
            .people
            .iter()
            .filter(|p| p.weekly_capacity.is_some())
            .map(|p| (p.member, p.available.centi() / 100.0))
            .collect();
        let conn = self.conn();
        let journal_used: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM one_on_ones)", [], |row| {
                row.get(0)
            })?;
        let one_on_ones = if journal_used {
            self.schedules(today)?
                .into_iter()
                .map(|p| OneOnOneDue {
                    member: p.member,
                    last_held: p.schedule.last,
                    every_days: cadence_days(p.cadence),
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut stmt = conn.prepare_cached(
            "SELECT date, AVG(mood), AVG(workload) FROM one_on_ones
             WHERE mood IS NOT NULL AND workload IS NOT NULL
             GROUP BY date ORDER BY date",
        )?;
        let health = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<rusqlite::Result<Vec<(NaiveDate, f64, f64)>>>()?;
        Ok(ReportOptions {
            capacity: (!capacity.is_empty()).then_some(capacity),
            one_on_ones,
            health,
        })
    }

    pub fn report_notes(&self, board: BoardId, period: Period) -> Result<ReportNotes> {
        let notes = self
            .conn()
            .prepare_cached(
                "SELECT status, status_reason, needs FROM report_notes
                 WHERE board_id = ?1 AND period_from = ?2 AND period_to = ?3",
            )?
            .query_row(params![board, period.from, period.to], |row| {
                let status: Option<String> = row.get(0)?;
                Ok(ReportNotes {
                    status: status.as_deref().and_then(Status::parse),
                    status_reason: row.get(1)?,
                    needs: row.get(2)?,
                })
            })
            .optional()?;
        Ok(notes.unwrap_or_default())
    }

    /// Sets the lead's own headline status for a board and period, with their reason, or
    /// goes back to the suggested one (`None`).
    pub fn set_report_status(
        &mut self,
        board: BoardId,
        period: Period,
        status: Option<(Status, &str)>,
    ) -> Result<ReportNotes> {
        let status = status
            .map(|(s, reason)| {
                validate::text("reason", "reason", reason, validate::MAX_TITLE_CHARS)
                    .map(|r| (s, r))
            })
            .transpose()?;
        self.board_exists(board)?;
        let label = if status.is_some() {
            "Set report status"
        } else {
            "Use suggested status"
        };
        let (value, reason) = match &status {
            Some((s, r)) => (Some(s.as_str()), r.as_str()),
            None => (None, ""),
        };
        self.act(label, |tx| {
            tx.prepare_cached(
                "INSERT INTO report_notes (board_id, period_from, period_to, status, status_reason)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (board_id, period_from, period_to)
                 DO UPDATE SET status = excluded.status, status_reason = excluded.status_reason",
            )?
            .execute(params![board, period.from, period.to, value, reason])?;
            Ok(())
        })?;
        self.report_notes(board, period)
    }

    /// Sets the needs and asks of a board's report for a period (empty clears them).
    pub fn set_report_needs(
        &mut self,
        board: BoardId,
        period: Period,
        text: &str,
    ) -> Result<ReportNotes> {
        let text = validate::description(text).map_err(|_| {
            Error::invalid(
                "needs",
                format!(
                    "Needs and asks can be at most {} characters, without control characters.",
                    validate::MAX_DESCRIPTION_CHARS
                ),
            )
        })?;
        self.board_exists(board)?;
        self.act("Edit needs and asks", |tx| {
            tx.prepare_cached(
                "INSERT INTO report_notes (board_id, period_from, period_to, needs)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (board_id, period_from, period_to)
                 DO UPDATE SET needs = excluded.needs",
            )?
            .execute(params![board, period.from, period.to, text])?;
            Ok(())
        })?;
        self.report_notes(board, period)
    }

    /// The latest exported report of the board for an earlier period: one that ended before
    /// this one ends, other than this very period.
    pub fn previous_snapshot(&self, board: BoardId, period: Period) -> Result<Option<Snapshot>> {
        let found = self
            .conn()
            .prepare_cached(
                "SELECT id, period_from, period_to, exported_at FROM report_snapshots
                 WHERE board_id = ?1 AND period_to < ?2
                 ORDER BY exported_at DESC, id DESC LIMIT 1",
            )?
            .query_row(params![board, period.to], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    Period {
                        from: row.get(1)?,
                        to: row.get(2)?,
                    },
                    row.get::<_, Millis>(3)?,
                ))
            })
            .optional()?;
        let Some((id, period, exported_at)) = found else {
            return Ok(None);
        };
        let risks = self
            .conn()
            .prepare_cached(
                "SELECT key, summary FROM report_snapshot_risks WHERE snapshot_id = ?1 ORDER BY key",
            )?
            .query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(Snapshot {
            period,
            exported_at,
            risks,
        }))
    }

    /// Records that a report was exported and the risks it listed. Not undoable: it is a
    /// record of what was sent.
    pub fn record_report_export(
        &mut self,
        board: BoardId,
        model: &ReportModel,
        format: Format,
    ) -> Result<()> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO report_snapshots (board_id, period_from, period_to, format, exported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                board,
                model.period.from,
                model.period.to,
                format.as_str(),
                tx.now
            ])?;
            let id = tx.last_insert_rowid();
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO report_snapshot_risks (snapshot_id, key, summary)
                 VALUES (?1, ?2, ?3)",
            )?;
            for risk in &model.risks {
                insert.execute(params![id, risk.key, risk.summary()])?;
            }
            Ok(())
        })
    }

    /// The report of a board for a period, as of `now`.
    pub fn report_model(
        &self,
        board: BoardId,
        period: Period,
        now: Millis,
        calendar: Calendar,
        options: &ReportOptions,
    ) -> Result<ReportModel> {
        let history = self.board_history(board)?;
        let goals = self.team_goals_progress(now, &calendar)?;
        let notes = self.report_notes(board, period)?;
        let previous = self.previous_snapshot(board, period)?;
        Ok(build(&ReportInput {
            history: &history,
            period,
            now,
            calendar,
            goals: &goals,
            notes: &notes,
            previous: previous.as_ref(),
            health: &options.health,
            capacity: options.capacity.as_ref(),
            one_on_ones: &options.one_on_ones,
        }))
    }

    /// Builds the report, writes it atomically to `path` (with its charts beside it for
    /// Markdown) and records the export. Returns the files written.
    pub fn export_report(
        &mut self,
        board: BoardId,
        period: Period,
        format: Format,
        path: &Path,
        calendar: Calendar,
        options: &ReportOptions,
    ) -> Result<Vec<PathBuf>> {
        let model = self.report_model(board, period, self.now(), calendar, options)?;
        let written = super::write(&model, format, path)?;
        self.record_report_export(board, &model, format)?;
        Ok(written)
    }

    fn board_exists(&self, board: BoardId) -> Result<()> {
        let exists: bool = self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM boards WHERE id = ?1)")?
            .query_row([board], |row| row.get(0))?;
        if exists {
            Ok(())
        } else {
            Err(Error::not_found(Entity::Board, board.0))
        }
    }
}

//! The lead's strategic goals: a title and a target date, with cards linked to them.
//!
//! Progress rolls up from the linked cards: done effort over total effort, where a card's
//! effort is its estimate and **a card without an estimate counts as one unit** (so a goal
//! of unestimated cards progresses by card count). Cards archived before they were done
//! were dropped and do not count. A goal is flagged at risk when the trend will miss the
//! target date: the progress made since work began (the first linked card started, else the
//! goal was created) divided by the days since, carried forward to 100%.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use rusqlite::{params, OptionalExtension};

use crate::board::EventKind;
use crate::error::{Entity, Error, Result};
use crate::flow::flow_dates;
use crate::metrics::{Calendar, DAY_MS};
use crate::model::{CardEvent, CardId, ColumnId, Estimate, Stage, TeamGoalId};
use crate::store::{Millis, Store};
use crate::validate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamGoal {
    pub id: TeamGoalId,
    pub title: String,
    pub target: NaiveDate,
    pub created_at: Millis,
}

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalStatus {
    /// No card is linked yet.
    NoCards,
    /// Nothing is done yet, and there is still time.
    NotStarted,
    OnTrack,
    AtRisk,
    Done,
}

impl GoalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            GoalStatus::NoCards => "no cards",
            GoalStatus::NotStarted => "not started",
            GoalStatus::OnTrack => "on track",
            GoalStatus::AtRisk => "at risk",
            GoalStatus::Done => "done",
        }
    }
}

/// What a goal's progress is computed from, per linked card.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoalCard {
    pub card: CardId,
    pub estimate: Option<Estimate>,
    pub started_at: Option<Millis>,
    pub done: bool,
    /// Archived before it was done: dropped, not counted.
    pub dropped: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TeamGoalProgress {
    pub goal: TeamGoal,
    pub cards: u32,
    pub done_cards: u32,
    /// In the board's unit; unestimated cards count as 1.
    pub effort: f64,
    pub done_effort: f64,
    /// 0 to 1.
    pub progress: f64,
    pub status: GoalStatus,
    /// When the trend says it will be done.
    pub projected: Option<NaiveDate>,
    /// Why it has this status, as a sentence.
    pub why: String,
}

fn effort(estimate: Option<Estimate>) -> f64 {
    estimate.map_or(1.0, Estimate::units)
}

/// A goal's progress and status on `today` (the day `now` falls on).
pub fn team_goal_progress(
    goal: &TeamGoal,
    cards: &[GoalCard],
    now: Millis,
    calendar: &Calendar,
) -> TeamGoalProgress {
    let today = calendar.date_of(now);
    let counted: Vec<&GoalCard> = cards.iter().filter(|c| !c.dropped).collect();
    let total: f64 = counted.iter().map(|c| effort(c.estimate)).sum();
    let done: f64 = counted
        .iter()
        .filter(|c| c.done)
        .map(|c| effort(c.estimate))
        .sum();
    let done_cards = counted.iter().filter(|c| c.done).count() as u32;
    let progress = if total > 0.0 {
        (done / total).clamp(0.0, 1.0)
    } else if !counted.is_empty() && done_cards as usize == counted.len() {
        1.0
    } else {
        0.0
    };
    let began = counted
        .iter()
        .filter_map(|c| c.started_at)
        .min()
        .unwrap_or(goal.created_at)
        .min(now);
    let days_left = (goal.target - today).num_days();
    let target = goal.target.format("%Y-%m-%d");
    let (status, projected, why) = if counted.is_empty() {
        (
            GoalStatus::NoCards,
            None,
            "No card is linked to this goal yet.".to_owned(),
        )
    } else if progress >= 1.0 {
        (
            GoalStatus::Done,
            None,
            "Every linked card is done.".to_owned(),
        )
    } else if days_left < 0 {
        (
            GoalStatus::AtRisk,
            None,
            format!(
                "The target date {target} has passed with {:.0}% done.",
                progress * 100.0
            ),
        )
    } else if progress <= 0.0 {
        // No trend yet: at risk once more than half the time to the target has gone.
        let span = (goal.target - calendar.date_of(goal.created_at))
            .num_days()
            .max(1);
        let gone = (today - calendar.date_of(goal.created_at)).num_days();
        if gone * 2 > span {
            (
                GoalStatus::AtRisk,
                None,
                format!("Nothing is done yet and {days_left} days are left to {target}."),
            )
        } else {
            (
                GoalStatus::NotStarted,
                None,
                format!("Nothing is done yet; {days_left} days are left to {target}."),
            )
        }
    } else {
        let elapsed = ((now - began) as f64 / DAY_MS as f64).max(1.0);
        let rate = progress / elapsed;
        // Less a hair, so float noise never adds a day.
        let remaining = ((1.0 - progress) / rate - 1e-9).ceil().min(36_500.0) as i64;
        let projected = today + Duration::days(remaining);
        if projected > goal.target {
            (
                GoalStatus::AtRisk,
                Some(projected),
                format!(
                    "At the pace so far ({:.0}% in {:.0} days) it would be done around {}, after {target}.",
                    progress * 100.0,
                    elapsed,
                    projected.format("%Y-%m-%d")
                ),
            )
        } else {
            (
                GoalStatus::OnTrack,
                Some(projected),
                format!(
                    "At the pace so far it would be done around {}, by {target}.",
                    projected.format("%Y-%m-%d")
                ),
            )
        }
    };
    TeamGoalProgress {
        goal: goal.clone(),
        cards: counted.len() as u32,
        done_cards,
        effort: total,
        done_effort: done,
        progress,
        status,
        projected,
        why,
    }
}

fn team_goal_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<TeamGoal> {
    Ok(TeamGoal {
        id: row.get(0)?,
        title: row.get(1)?,
        target: row.get(2)?,
        created_at: row.get(3)?,
    })
}

impl Store {
    /// Every goal, by target date.
    pub fn list_team_goals(&self) -> Result<Vec<TeamGoal>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, title, target_date, created_at FROM goals ORDER BY target_date, id",
        )?;
        let goals = stmt
            .query_map([], team_goal_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(goals)
    }

    pub fn team_goal(&self, id: TeamGoalId) -> Result<TeamGoal> {
        self.conn()
            .prepare_cached("SELECT id, title, target_date, created_at FROM goals WHERE id = ?1")?
            .query_row([id], team_goal_from_row)
            .optional()?
            .ok_or(Error::not_found(Entity::TeamGoal, id.0))
    }

    pub fn create_team_goal(&mut self, title: &str, target: NaiveDate) -> Result<TeamGoal> {
        let title = validate::title(title)?;
        let target = validate::date("targetDate", target)?;
        let id = self.act("Create goal", |tx| {
            tx.prepare_cached(
                "INSERT INTO goals (title, target_date, created_at) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![title, target, tx.now])?;
            Ok(TeamGoalId(tx.last_insert_rowid()))
        })?;
        self.team_goal(id)
    }

    pub fn update_team_goal(
        &mut self,
        id: TeamGoalId,
        title: &str,
        target: NaiveDate,
    ) -> Result<TeamGoal> {
        let title = validate::title(title)?;
        let target = validate::date("targetDate", target)?;
        self.act("Edit goal", |tx| {
            let changed = tx
                .prepare_cached("UPDATE goals SET title = ?2, target_date = ?3 WHERE id = ?1")?
                .execute(params![id, title, target])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::TeamGoal, id.0));
            }
            Ok(())
        })?;
        self.team_goal(id)
    }

    /// Deletes a goal; its cards stay, unlinked. Undo links them again.
    pub fn delete_team_goal(&mut self, id: TeamGoalId) -> Result<()> {
        self.act("Delete goal", |tx| {
            let changed = tx
                .prepare_cached("DELETE FROM goals WHERE id = ?1")?
                .execute([id])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::TeamGoal, id.0));
            }
            Ok(())
        })
    }

    /// Links a card to a goal, or unlinks it (`None`).
    pub fn set_card_team_goal(&mut self, card: CardId, goal: Option<TeamGoalId>) -> Result<()> {
        if let Some(goal) = goal {
            self.team_goal(goal)?;
        }
        let label = if goal.is_some() {
            "Link card to goal"
        } else {
            "Unlink card from goal"
        };
        self.act(label, |tx| {
            let changed = tx
                .prepare_cached("UPDATE cards SET goal_id = ?2, updated_at = ?3 WHERE id = ?1")?
                .execute(params![card, goal, tx.now])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Card, card.0));
            }
            Ok(())
        })
    }

    /// The cards linked to a goal, by id.
    pub fn team_goal_cards(&self, goal: TeamGoalId) -> Result<Vec<CardId>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id FROM cards WHERE goal_id = ?1 ORDER BY id")?;
        let ids = stmt
            .query_map([goal], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Every goal's progress at `now`, from its linked cards on any board.
    pub fn team_goals_progress(
        &self,
        now: Millis,
        calendar: &Calendar,
    ) -> Result<Vec<TeamGoalProgress>> {
        let conn = self.conn();
        let stages: HashMap<ColumnId, Stage> = conn
            .prepare_cached("SELECT id, stage FROM columns")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut events: HashMap<CardId, Vec<CardEvent>> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT card_id, kind, to_column_id, at FROM card_events
             WHERE card_id IN (SELECT id FROM cards WHERE goal_id IS NOT NULL)
               AND kind IN ('created', 'moved')
             ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let kind = EventKind::parse(row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?)
                .unwrap_or(EventKind::Moved);
            events.entry(row.get(0)?).or_default().push(CardEvent {
                kind,
                from_column: None,
                to_column: row.get(2)?,
                member: None,
                detail: None,
                at: row.get::<_, Millis>(3)?.min(now),
            });
        }
        let mut by_goal: HashMap<TeamGoalId, Vec<GoalCard>> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT id, goal_id, column_id, estimate_centi, archived_at IS NOT NULL
             FROM cards WHERE goal_id IS NOT NULL ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let card: CardId = row.get(0)?;
            let column: ColumnId = row.get(2)?;
            let archived: bool = row.get(4)?;
            let mut history = events.remove(&card).unwrap_or_default();
            history.sort_by_key(|e| e.at);
            let dates = flow_dates(&history, |c| stages.get(&c).copied());
            let done = stages.get(&column) == Some(&Stage::Done);
            by_goal.entry(row.get(1)?).or_default().push(GoalCard {
                card,
                estimate: row.get(3)?,
                started_at: dates.started_at,
                done,
                dropped: archived && !done,
            });
        }
        Ok(self
            .list_team_goals()?
            .iter()
            .map(|goal| {
                let cards = by_goal.remove(&goal.id).unwrap_or_default();
                team_goal_progress(goal, &cards, now, calendar)
            })
            .collect())
    }
}

//! Transport types for metrics, the roadblock radar, goals and manager reports.

use serde::{Deserialize, Serialize};
use teamlead_core as core;
use teamlead_core::metrics::Period;
use teamlead_core::report::{self, ReportModel};
use ts_rs::TS;

use crate::{ErrorCode, IpcError};

fn parse_date(field: &str, text: &str) -> Result<chrono::NaiveDate, IpcError> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| IpcError {
        code: ErrorCode::InvalidInput,
        message: format!(
            "The {field} date \u{201c}{text}\u{201d} is not a date; write it as YYYY-MM-DD."
        ),
    })
}

/// A board and a period of days, both ends included (YYYY-MM-DD).
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ReportPeriod {
    #[ts(type = "number")]
    pub board_id: i64,
    pub from: String,
    pub to: String,
}

impl ReportPeriod {
    pub fn parse(&self) -> Result<(core::BoardId, Period), IpcError> {
        let from = parse_date("start", &self.from)?;
        let to = parse_date("end", &self.to)?;
        Ok((core::BoardId(self.board_id), Period::new(from, to)?))
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct MetricsRequest {
    #[serde(flatten)]
    #[ts(flatten)]
    pub period: ReportPeriod,
    /// Draw the charts for a dark background.
    pub dark: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportFormat {
    Md,
    Html,
    Pdf,
    Csv,
}

impl From<ReportFormat> for report::Format {
    fn from(format: ReportFormat) -> Self {
        match format {
            ReportFormat::Md => report::Format::Markdown,
            ReportFormat::Html => report::Format::Html,
            ReportFormat::Pdf => report::Format::Pdf,
            ReportFormat::Csv => report::Format::Csv,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ExportReport {
    #[serde(flatten)]
    #[ts(flatten)]
    pub period: ReportPeriod,
    pub format: ReportFormat,
    /// Where to save it; for Markdown the charts go beside it as SVG files.
    pub path: String,
}

/// Saves the report into the export folder, under a name of its own.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SaveReport {
    #[serde(flatten)]
    #[ts(flatten)]
    pub period: ReportPeriod,
    pub format: ReportFormat,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportedReport {
    /// Every file written, the report first.
    pub files: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportStatus {
    Green,
    Amber,
    Red,
}

impl From<report::Status> for ReportStatus {
    fn from(status: report::Status) -> Self {
        match status {
            report::Status::Green => ReportStatus::Green,
            report::Status::Amber => ReportStatus::Amber,
            report::Status::Red => ReportStatus::Red,
        }
    }
}

impl From<ReportStatus> for report::Status {
    fn from(status: ReportStatus) -> Self {
        match status {
            ReportStatus::Green => report::Status::Green,
            ReportStatus::Amber => report::Status::Amber,
            ReportStatus::Red => report::Status::Red,
        }
    }
}

/// The lead's own headline status for a period, with their reason; null status goes back to
/// the suggested one.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetReportStatus {
    #[serde(flatten)]
    #[ts(flatten)]
    pub period: ReportPeriod,
    pub status: Option<ReportStatus>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetReportNeeds {
    #[serde(flatten)]
    #[ts(flatten)]
    pub period: ReportPeriod,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportNotes {
    pub status: Option<ReportStatus>,
    pub status_reason: String,
    pub needs: String,
}

impl From<report::ReportNotes> for ReportNotes {
    fn from(notes: report::ReportNotes) -> Self {
        ReportNotes {
            status: notes.status.map(Into::into),
            status_reason: notes.status_reason,
            needs: notes.needs,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Percentiles {
    pub count: u32,
    /// Days; null without done cards.
    pub p50: Option<f64>,
    pub p85: Option<f64>,
    pub p95: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WeekCount {
    /// The Monday, YYYY-MM-DD.
    pub week: String,
    pub done: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DayFlow {
    pub day: String,
    pub not_started: u32,
    pub in_progress: u32,
    pub done: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AgingCard {
    #[ts(type = "number")]
    pub card_id: i64,
    pub age_days: f64,
    pub over_p85: bool,
}

/// A flagged card, person or skill and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Risk {
    /// blocked, overdue, due_soon, stale, over_capacity, single_skill, one_on_one_overdue.
    pub kind: String,
    /// The same across reports for the same risk.
    pub key: String,
    pub label: String,
    #[ts(type = "number | null")]
    pub card_id: Option<i64>,
    #[ts(type = "number | null")]
    pub member_id: Option<i64>,
    pub skill: Option<String>,
    pub name: String,
    pub why: String,
}

impl From<core::radar::Risk> for Risk {
    fn from(risk: core::radar::Risk) -> Self {
        use core::radar::Subject;
        let (card_id, member_id, skill) = match &risk.subject {
            Subject::Card(id) => (Some(id.0), None, None),
            Subject::Member(id) => (None, Some(id.0), None),
            Subject::Skill(skill, id) => (None, Some(id.0), Some(skill.clone())),
        };
        Risk {
            kind: risk.kind.as_str().to_owned(),
            key: risk.key(),
            label: risk.kind.label().to_owned(),
            card_id,
            member_id,
            skill,
            name: risk.name,
            why: risk.why,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChartSvg {
    /// cumulative-flow, throughput, cycle-time, workload or team-health.
    pub kind: String,
    pub title: String,
    /// What the chart shows, as a sentence (its alternative text).
    pub summary: String,
    /// A standalone SVG document, no scripts.
    pub svg: String,
}

/// Every metric of a board over a period, the radar and the charts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Metrics {
    pub from: String,
    pub to: String,
    pub delivered: u32,
    pub throughput: Vec<WeekCount>,
    pub cycle: Percentiles,
    pub lead: Percentiles,
    pub flow: Vec<DayFlow>,
    pub wip_now: u32,
    pub wip_mean: Option<f64>,
    pub reference_p85: Option<f64>,
    pub aging: Vec<AgingCard>,
    pub blocked_cards: u32,
    pub blocked_days: f64,
    pub blocked_now: u32,
    pub due_done_with_due: u32,
    pub due_on_time: u32,
    /// Null when no card with a due date was done.
    pub due_hit_rate: Option<f64>,
    pub overdue_open: u32,
    pub risks: Vec<Risk>,
    pub charts: Vec<ChartSvg>,
}

fn percentiles(p: &core::metrics::Percentiles) -> Percentiles {
    Percentiles {
        count: p.count as u32,
        p50: p.p50,
        p85: p.p85,
        p95: p.p95,
    }
}

impl Metrics {
    pub fn new(model: &ReportModel, dark: bool) -> Metrics {
        let m = &model.metrics;
        let theme = if dark {
            core::charts::Theme::Dark
        } else {
            core::charts::Theme::Light
        };
        Metrics {
            from: m.period.from.to_string(),
            to: m.period.to.to_string(),
            delivered: m.delivered,
            throughput: m
                .throughput
                .iter()
                .map(|w| WeekCount {
                    week: w.week.to_string(),
                    done: w.done,
                })
                .collect(),
            cycle: percentiles(&m.cycle),
            lead: percentiles(&m.lead),
            flow: m
                .flow
                .iter()
                .map(|d| DayFlow {
                    day: d.day.to_string(),
                    not_started: d.not_started,
                    in_progress: d.in_progress,
                    done: d.done,
                })
                .collect(),
            wip_now: m.wip_now,
            wip_mean: m.wip_mean,
            reference_p85: m.reference_p85,
            aging: m
                .aging
                .iter()
                .map(|a| AgingCard {
                    card_id: a.card.0,
                    age_days: a.age_days,
                    over_p85: a.over_p85,
                })
                .collect(),
            blocked_cards: m.blocked.cards,
            blocked_days: m.blocked.days,
            blocked_now: m.blocked.blocked_now,
            due_done_with_due: m.due.done_with_due,
            due_on_time: m.due.on_time,
            due_hit_rate: m.due.hit_rate(),
            overdue_open: m.due.overdue_open,
            risks: model.radar.iter().cloned().map(Into::into).collect(),
            charts: model
                .charts
                .iter()
                .map(|c| ChartSvg {
                    kind: c.kind.slug().to_owned(),
                    title: c.title.clone(),
                    summary: c.summary.clone(),
                    svg: core::charts::svg(c, theme),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TeamGoal {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    /// YYYY-MM-DD.
    pub target_date: String,
    #[ts(type = "number")]
    pub created_at: i64,
}

impl From<core::team_goals::TeamGoal> for TeamGoal {
    fn from(goal: core::team_goals::TeamGoal) -> Self {
        TeamGoal {
            id: goal.id.0,
            title: goal.title,
            target_date: goal.target.to_string(),
            created_at: goal.created_at,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GoalStatus {
    NoCards,
    NotStarted,
    OnTrack,
    AtRisk,
    Done,
}

/// A goal and how far it is: done effort over total effort, unestimated cards as 1.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TeamGoalProgress {
    pub goal: TeamGoal,
    pub cards: u32,
    pub done_cards: u32,
    pub effort: f64,
    pub done_effort: f64,
    /// 0 to 1.
    pub progress: f64,
    pub status: GoalStatus,
    /// When the trend says it will be done, YYYY-MM-DD.
    pub projected: Option<String>,
    pub why: String,
}

impl From<core::team_goals::TeamGoalProgress> for TeamGoalProgress {
    fn from(p: core::team_goals::TeamGoalProgress) -> Self {
        use core::team_goals::GoalStatus as S;
        TeamGoalProgress {
            goal: p.goal.into(),
            cards: p.cards,
            done_cards: p.done_cards,
            effort: p.effort,
            done_effort: p.done_effort,
            progress: p.progress,
            status: match p.status {
                S::NoCards => GoalStatus::NoCards,
                S::NotStarted => GoalStatus::NotStarted,
                S::OnTrack => GoalStatus::OnTrack,
                S::AtRisk => GoalStatus::AtRisk,
                S::Done => GoalStatus::Done,
            },
            projected: p.projected.map(|d| d.to_string()),
            why: p.why,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SaveTeamGoal {
    /// Null to create a goal.
    #[ts(type = "number | null")]
    pub goal_id: Option<i64>,
    pub title: String,
    /// YYYY-MM-DD.
    pub target_date: String,
}

impl SaveTeamGoal {
    pub fn target(&self) -> Result<chrono::NaiveDate, IpcError> {
        parse_date("target", &self.target_date)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetCardTeamGoal {
    #[ts(type = "number")]
    pub card_id: i64,
    /// Null to unlink.
    #[ts(type = "number | null")]
    pub goal_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_parsed_and_checked() {
        let period = |from: &str, to: &str| ReportPeriod {
            board_id: 1,
            from: from.into(),
            to: to.into(),
        };
        let (board, p) = period("2026-03-02", "2026-03-13").parse().unwrap();
        assert_eq!((board.0, p.days()), (1, 12));
        let error = period("2026-03-13", "2026-03-02").parse().unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        let error = period("March", "2026-03-02").parse().unwrap_err();
        assert!(error.message.contains("YYYY-MM-DD"), "{}", error.message);
    }

    #[test]
    fn export_requests_read_flat() {
        let req: ExportReport = serde_json::from_str(
            r#"{"boardId": 1, "from": "2026-03-02", "to": "2026-03-13", "format": "pdf", "path": "/tmp/r.pdf"}"#,
        )
        .unwrap();
        assert_eq!(req.format, ReportFormat::Pdf);
        assert_eq!(req.period.board_id, 1);
        let req: SaveReport = serde_json::from_str(
            r#"{"boardId": 2, "from": "2026-03-02", "to": "2026-03-13", "format": "md"}"#,
        )
        .unwrap();
        assert_eq!((req.format, req.period.board_id), (ReportFormat::Md, 2));
    }
}

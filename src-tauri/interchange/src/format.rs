//! Teamlead's own file format, version 1: the whole workspace as one JSON document
//! (`docs/data-format.md` describes every field). Times are milliseconds since the Unix
//! epoch (UTC), days are `YYYY-MM-DD`, estimates and capacities are in the board's unit.
//!
//! Every field is always written (`null` when unset); unknown fields are refused, so a typo
//! or a file of another kind is caught rather than half read.

use serde::{Deserialize, Serialize};

/// The value of `format` in every Teamlead export.
pub const FORMAT: &str = "teamlead";
/// The version this build writes, and the newest it reads.
pub const VERSION: u32 = 1;

/// Just the identifying fields, read before the rest so a file of a newer version is
/// refused with a message about versions rather than about its fields.
#[derive(Debug, Deserialize)]
pub struct Header {
    pub format: Option<String>,
    pub version: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub exported_at: i64,
    pub people: Vec<Person>,
    pub boards: Vec<Board>,
    pub team_goals: Vec<TeamGoal>,
    pub sessions: Vec<Session>,
    pub agenda_templates: Vec<AgendaTemplate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub created_at: i64,
    pub start_date: Option<String>,
    pub cadence: String,
    pub private_notes: String,
    pub weekly_capacity: Option<f64>,
    pub skills: Vec<PersonSkill>,
    pub time_off: Vec<TimeOff>,
    pub growth_goals: Vec<GrowthGoal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersonSkill {
    pub name: String,
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimeOff {
    pub id: i64,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GrowthGoal {
    pub id: i64,
    pub title: String,
    pub progress: u8,
    pub created_at: i64,
    pub skills: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Board {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub estimate_unit: String,
    pub columns: Vec<Column>,
    pub labels: Vec<Label>,
    pub cards: Vec<Card>,
    pub report_notes: Vec<ReportNote>,
    pub report_snapshots: Vec<ReportSnapshot>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Column {
    pub id: i64,
    pub name: String,
    pub rank: String,
    pub stage: String,
    pub wip_limit: Option<u32>,
    pub archived_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Label {
    pub id: i64,
    pub name: String,
    pub color: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Card {
    pub id: i64,
    pub column_id: i64,
    pub rank: String,
    pub title: String,
    pub description: String,
    pub priority: String,
    pub due: Option<String>,
    pub estimate: Option<f64>,
    pub assignee_id: Option<i64>,
    pub pinned_to: Option<i64>,
    pub team_goal_id: Option<i64>,
    pub blocked_reason: Option<String>,
    pub blocked_since: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub archived_at: Option<i64>,
    pub label_ids: Vec<i64>,
    pub skills: Vec<CardSkill>,
    pub checklist: Vec<ChecklistItem>,
    pub history: Vec<CardEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CardSkill {
    pub name: String,
    pub min_level: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: i64,
    pub rank: String,
    pub text: String,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CardEvent {
    pub id: i64,
    pub kind: String,
    pub from_column_id: Option<i64>,
    pub to_column_id: Option<i64>,
    pub member_id: Option<i64>,
    pub detail: Option<String>,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportNote {
    pub period_from: String,
    pub period_to: String,
    pub status: Option<String>,
    pub status_reason: String,
    pub needs: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportSnapshot {
    pub id: i64,
    pub period_from: String,
    pub period_to: String,
    pub format: String,
    pub exported_at: i64,
    pub risks: Vec<ReportRisk>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportRisk {
    pub key: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamGoal {
    pub id: i64,
    pub title: String,
    pub target_date: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Session {
    pub id: i64,
    pub person_id: i64,
    pub date: String,
    pub notes: String,
    pub notes_shareable: bool,
    pub notes_saved_at: Option<i64>,
    pub mood: Option<u8>,
    pub workload: Option<u8>,
    pub created_at: i64,
    pub agenda: Vec<AgendaItem>,
    pub action_items: Vec<ActionItem>,
    pub feedback: Vec<Feedback>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgendaItem {
    pub id: i64,
    pub rank: String,
    pub text: String,
    pub status: String,
    pub carried_from: Option<i64>,
    pub action_item_id: Option<i64>,
    pub card_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionItem {
    pub id: i64,
    pub text: String,
    pub owner: String,
    pub due: Option<String>,
    pub done: bool,
    pub shareable: bool,
    pub card_id: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Feedback {
    pub id: i64,
    pub kind: String,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub shareable: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgendaTemplate {
    pub id: i64,
    pub name: String,
    /// One talking point each.
    pub items: Vec<String>,
}

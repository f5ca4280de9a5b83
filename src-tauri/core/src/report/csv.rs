//! The report's cards as CSV (RFC 4180: comma separated, CRLF line ends, fields quoted when
//! they hold a comma, a quote or a line break; UTF-8).
//!
//! Text the lead typed (titles, names, labels, reasons) that a spreadsheet would read as a
//! formula, because it starts with `=`, `+`, `-`, `@`, a tab or a carriage return, is written
//! with a leading `'`, so opening the file never runs it.

use super::{ReportCard, ReportModel};
use crate::model::Stage;

pub const HEADER: &[&str] = &[
    "id",
    "title",
    "column",
    "stage",
    "assignee",
    "estimate",
    "unit",
    "priority",
    "due",
    "labels",
    "required_skills",
    "checklist_done",
    "checklist_total",
    "blocked",
    "blocked_reason",
    "goal",
    "archived",
    "created",
    "started",
    "done",
    "cycle_days",
    "lead_days",
    "blocked_days_in_period",
    "age_days",
];

/// One field, quoted when it must be.
pub fn field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// Typed text, made safe to open in a spreadsheet (see the module's documentation).
pub fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

fn days(value: Option<f64>) -> String {
    value.map_or_else(String::new, |d| format!("{d:.2}"))
}

fn row(card: &ReportCard, unit: &str) -> Vec<String> {
    let stage = match card.stage {
        Some(Stage::NotStarted) => "not_started",
        Some(Stage::InProgress) => "in_progress",
        Some(Stage::Done) => "done",
        None => "",
    };
    let opt = |d: Option<chrono::NaiveDate>| d.map_or_else(String::new, |d| d.to_string());
    vec![
        card.id.0.to_string(),
        text(&card.title),
        text(&card.column),
        stage.to_owned(),
        text(card.assignee.as_deref().unwrap_or_default()),
        card.estimate.map_or_else(String::new, |e| e.to_string()),
        unit.to_owned(),
        card.priority.as_str().to_owned(),
        opt(card.due),
        text(&card.labels.join("; ")),
        text(&card.skills.join("; ")),
        card.checklist.0.to_string(),
        card.checklist.1.to_string(),
        if card.blocked_reason.is_some() {
            "yes"
        } else {
            "no"
        }
        .to_owned(),
        text(card.blocked_reason.as_deref().unwrap_or_default()),
        text(card.goal.as_deref().unwrap_or_default()),
        if card.archived { "yes" } else { "no" }.to_owned(),
        card.created.to_string(),
        opt(card.started),
        opt(card.done),
        days(card.cycle_days),
        days(card.lead_days),
        format!("{:.2}", card.blocked_days),
        days(card.age_days),
    ]
}

pub fn render(model: &ReportModel) -> String {
    let mut out = String::new();
    let line = |fields: &[String], out: &mut String| {
        out.push_str(
            &fields
                .iter()
                .map(|f| field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    };
    line(
        &HEADER.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>(),
        &mut out,
    );
    for card in &model.cards {
        line(&row(card, &model.unit), &mut out);
    }
    out
}

//! The manager report: built once as a [`ReportModel`], then written as Markdown, HTML, PDF
//! or CSV.
//!
//! **Privacy by construction**: the model has no field that could hold a card's
//! description, its checklist items or anything from the journal. It holds card titles,
//! estimates, columns, labels, dates and block reasons, the metrics, and the text the lead
//! wrote for the report. Every writer reads the model and nothing else.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod pdf;
mod store;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use crate::files::write_files_atomically;
pub use store::{ReportNotes, ReportOptions, Snapshot};

use crate::charts::{self, effort_text, number, Chart, PersonLoad};
use crate::history::BoardHistory;
use crate::metrics::{self, Calendar, Metrics, Period};
use crate::model::{CardId, MemberId, Priority, Stage};
use crate::radar::{self, OneOnOneDue, RadarConfig, RadarInput, Risk, RiskKind};
use crate::store::Millis;
use crate::team_goals::{GoalStatus, TeamGoalProgress};

/// The headline colour of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Green,
    Amber,
    Red,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Green => "green",
            Status::Amber => "amber",
            Status::Red => "red",
        }
    }

    pub fn parse(value: &str) -> Option<Status> {
        [Status::Green, Status::Amber, Status::Red]
            .into_iter()
            .find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Green => "Green",
            Status::Amber => "Amber",
            Status::Red => "Red",
        }
    }
}

/// The status the data suggests, and the lead's own when they set one.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub suggested: Status,
    pub suggested_reason: String,
    /// The lead's status and their reason.
    pub lead: Option<(Status, String)>,
}

impl Headline {
    /// The status the report shows.
    pub fn status(&self) -> Status {
        self.lead.as_ref().map_or(self.suggested, |l| l.0)
    }

    pub fn reason(&self) -> &str {
        self.lead
            .as_ref()
            .map_or(self.suggested_reason.as_str(), |l| l.1.as_str())
    }
}

/// A card as a report may show it: no description, no checklist items.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportCard {
    pub id: CardId,
    pub title: String,
    pub column: String,
    pub stage: Option<Stage>,
    pub assignee: Option<String>,
    pub estimate: Option<f64>,
    pub priority: Priority,
    pub due: Option<NaiveDate>,
    pub labels: Vec<String>,
    /// "Rust 3": a required skill and its minimum level.
    pub skills: Vec<String>,
    /// Checklist items done and in all (counts only).
    pub checklist: (u32, u32),
    pub blocked_reason: Option<String>,
    pub goal: Option<String>,
    pub archived: bool,
    pub created: NaiveDate,
    pub started: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub cycle_days: Option<f64>,
    pub lead_days: Option<f64>,
    /// Days blocked within the report's period.
    pub blocked_days: f64,
    /// For a card in progress: days since it started.
    pub age_days: Option<f64>,
}

/// A risk as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskLine {
    pub key: String,
    pub kind: String,
    pub name: String,
    pub why: String,
}

impl RiskLine {
    fn from_risk(risk: &Risk) -> RiskLine {
        RiskLine {
            key: risk.key(),
            kind: risk.kind.label().to_owned(),
            name: risk.name.clone(),
            why: risk.why.clone(),
        }
    }

    pub fn summary(&self) -> String {
        format!("{}: {}. {}", self.kind, self.name, self.why)
    }
}

/// What changed since the previous exported report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// The previous report's period.
    pub previous: Period,
    pub new_risks: Vec<RiskLine>,
    /// Risks the previous report listed that are gone, as it summarised them.
    pub cleared: Vec<String>,
}

/// The team's mood and workload, averaged: never one person's.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamHealth {
    pub check_ins: usize,
    pub mood: f64,
    pub workload: f64,
}

/// Everything a report shows, and nothing that is not shareable.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportModel {
    pub board: String,
    /// "points" or "hours".
    pub unit: String,
    pub period: Period,
    pub today: NaiveDate,
    pub headline: Headline,
    /// Cards done within the period, by done day.
    pub delivered: Vec<ReportCard>,
    /// Cards in progress now, oldest first.
    pub in_progress: Vec<ReportCard>,
    pub goals: Vec<TeamGoalProgress>,
    pub risks: Vec<RiskLine>,
    /// The same risks with the card, person or skill each is about.
    pub radar: Vec<Risk>,
    /// The lead's needs and asks, as they wrote them.
    pub needs: String,
    pub health: Option<TeamHealth>,
    pub metrics: Metrics,
    pub charts: Vec<Chart>,
    /// None when no earlier report was exported.
    pub changes: Option<Changes>,
    /// Every card on the board and every card done within the period, by id: the CSV.
    pub cards: Vec<ReportCard>,
}

/// What [`build`] reads: plain data, no database and no clock.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    pub history: &'a BoardHistory,
    pub period: Period,
    pub now: Millis,
    pub calendar: Calendar,
    pub goals: &'a [TeamGoalProgress],
    pub notes: &'a ReportNotes,
    /// The previous exported report's risks, if any.
    pub previous: Option<&'a Snapshot>,
    /// Team check-ins: (day, mean mood, mean workload), aggregates only.
    pub health: &'a [(NaiveDate, f64, f64)],
    pub capacity: Option<&'a HashMap<MemberId, f64>>,
    pub one_on_ones: &'a [OneOnOneDue],
}

/// The status the risks and goals suggest, and why.
///
/// Red: a goal is past its target date unfinished, or three or more cards are overdue, or
/// three or more are blocked. Amber: any goal at risk, any overdue, blocked or stale card,
/// or anyone over capacity. Green otherwise.
pub fn suggest_status(
    risks: &[Risk],
    goals: &[TeamGoalProgress],
    today: NaiveDate,
) -> (Status, String) {
    let count = |kind: RiskKind| risks.iter().filter(|r| r.kind == kind).count();
    let blocked = count(RiskKind::Blocked);
    let overdue = count(RiskKind::Overdue);
    let stale = count(RiskKind::Stale);
    let over = count(RiskKind::OverCapacity);
    let late: Vec<&TeamGoalProgress> = goals
        .iter()
        .filter(|g| g.status == GoalStatus::AtRisk && g.goal.target < today)
        .collect();
    let at_risk: Vec<&TeamGoalProgress> = goals
        .iter()
        .filter(|g| g.status == GoalStatus::AtRisk && g.goal.target >= today)
        .collect();
    let cards = |n: usize, what: &str| {
        if n == 1 {
            format!("1 card is {what}")
        } else {
            format!("{n} cards are {what}")
        }
    };
    let goal_names = |goals: &[&TeamGoalProgress]| {
        goals
            .iter()
            .map(|g| format!("\u{201c}{}\u{201d}", g.goal.title))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut facts = Vec::new();
    if !late.is_empty() {
        facts.push(match late.len() {
            1 => format!("goal {} is past its target date", goal_names(&late)),
            _ => format!("goals {} are past their target dates", goal_names(&late)),
        });
    }
    if !at_risk.is_empty() {
        facts.push(match at_risk.len() {
            1 => format!(
                "goal {} is at risk of missing its date",
                goal_names(&at_risk)
            ),
            _ => format!(
                "goals {} are at risk of missing their dates",
                goal_names(&at_risk)
            ),
        });
    }
    if overdue > 0 {
        facts.push(cards(overdue, "overdue"));
    }
    if blocked > 0 {
        facts.push(cards(blocked, "blocked"));
    }
    if stale > 0 {
        facts.push(cards(stale, "stale"));
    }
    if over > 0 {
        facts.push(if over == 1 {
            "1 person is over capacity".to_owned()
        } else {
            format!("{over} people are over capacity")
        });
    }
    let status = if !late.is_empty() || overdue >= 3 || blocked >= 3 {
        Status::Red
    } else if !facts.is_empty() {
        Status::Amber
    } else {
        Status::Green
    };
    let reason = if facts.is_empty() {
        "Nothing is blocked, overdue or stale, and no goal is at risk.".to_owned()
    } else {
        let text = facts.join("; ");
        let mut chars = text.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        format!("{}{}.", first.unwrap_or_default(), chars.as_str())
    };
    (status, reason)
}

/// Builds the report from plain data.
pub fn build(input: &ReportInput<'_>) -> ReportModel {
    let history = input.history;
    let calendar = &input.calendar;
    let now = input.now;
    let today = calendar.date_of(now);
    let flows = metrics::card_flows(history, now);
    let metrics = metrics::compute(history, &flows, input.period, now, calendar);
    let risks = radar::radar(&RadarInput {
        history,
        flows: &flows,
        reference_p85: metrics.reference_p85,
        now,
        calendar: *calendar,
        capacity: input.capacity,
        one_on_ones: input.one_on_ones,
        config: RadarConfig::default(),
    });
    let (suggested, suggested_reason) = suggest_status(&risks, input.goals, today);
    let headline = Headline {
        suggested,
        suggested_reason,
        lead: input
            .notes
            .status
            .map(|s| (s, input.notes.status_reason.clone())),
    };

    let members: HashMap<MemberId, &str> = history
        .members
        .iter()
        .map(|m| (m.id, m.name.as_str()))
        .collect();
    let columns: HashMap<_, _> = history.columns.iter().map(|c| (c.id, c)).collect();
    let labels: HashMap<_, _> = history
        .labels
        .iter()
        .map(|l| (l.id, l.name.as_str()))
        .collect();
    let goal_titles: HashMap<_, _> = input
        .goals
        .iter()
        .map(|g| (g.goal.id, g.goal.title.as_str()))
        .chain(history.goals.iter().map(|g| (g.id, g.title.as_str())))
        .collect();
    let flow_of: HashMap<CardId, &metrics::CardFlow> = flows.iter().map(|f| (f.card, f)).collect();
    let from = calendar.start_of(input.period.from);
    let to = calendar.end_of(input.period.to);
    let mut cards: Vec<ReportCard> = Vec::new();
    for card in &history.cards {
        let Some(flow) = flow_of.get(&card.id) else {
            continue;
        };
        let done_within = flow.done_at.is_some_and(|d| d >= from && d < to);
        if !flow.on_board && !done_within {
            continue;
        }
        let column = columns.get(&card.column_id);
        cards.push(ReportCard {
            id: card.id,
            title: card.title.clone(),
            column: column.map_or_else(String::new, |c| c.name.clone()),
            stage: flow.stage,
            assignee: card
                .assignee
                .and_then(|m| members.get(&m).map(|n| (*n).to_owned())),
            estimate: card.estimate.map(|e| e.units()),
            priority: card.priority,
            due: card.due,
            labels: card
                .labels
                .iter()
                .filter_map(|l| labels.get(l).map(|n| (*n).to_owned()))
                .collect(),
            skills: card
                .skills
                .iter()
                .map(|s| format!("{} {}", s.skill, s.min_level))
                .collect(),
            checklist: (card.checklist.done, card.checklist.total),
            blocked_reason: card.blocked.as_ref().map(|b| b.reason.clone()),
            goal: history
                .card_goals
                .get(&card.id)
                .and_then(|g| goal_titles.get(g).map(|t| (*t).to_owned())),
            archived: !flow.on_board,
            created: calendar.date_of(flow.created_at),
            started: flow.started_at.map(|t| calendar.date_of(t)),
            done: flow.done_at.map(|t| calendar.date_of(t)),
            cycle_days: flow.cycle_days(),
            lead_days: flow.lead_days(),
            blocked_days: flow.blocked_days_within(from, to.min(now), now),
            age_days: (flow.on_board && flow.stage == Some(Stage::InProgress)).then(|| {
                (now - flow.started_at.unwrap_or(flow.created_at)).max(0) as f64
                    / metrics::DAY_MS as f64
            }),
        });
    }
    let by_id: HashMap<CardId, &ReportCard> = cards.iter().map(|c| (c.id, c)).collect();
    let delivered: Vec<ReportCard> = metrics
        .cycle_points
        .iter()
        .map(|p| p.card)
        .chain(
            // Done cards with no start (created straight into done) have no cycle point.
            flows
                .iter()
                .filter(|f| {
                    f.done_at.is_some_and(|d| d >= from && d < to) && f.started_at.is_none()
                })
                .map(|f| f.card),
        )
        .filter_map(|id| by_id.get(&id).map(|c| (*c).clone()))
        .collect();
    let in_progress: Vec<ReportCard> = metrics
        .aging
        .iter()
        .filter_map(|a| by_id.get(&a.card).map(|c| (*c).clone()))
        .collect();

    let goals: Vec<TeamGoalProgress> = input
        .goals
        .iter()
        .filter(|g| g.status != GoalStatus::Done || g.goal.target >= input.period.from)
        .cloned()
        .collect();
    let risk_lines: Vec<RiskLine> = risks.iter().map(RiskLine::from_risk).collect();
    let changes = input.previous.map(|previous| {
        let before: HashSet<&str> = previous.risks.iter().map(|(k, _)| k.as_str()).collect();
        let now_keys: HashSet<&str> = risk_lines.iter().map(|r| r.key.as_str()).collect();
        Changes {
            previous: previous.period,
            new_risks: risk_lines
                .iter()
                .filter(|r| !before.contains(r.key.as_str()))
                .cloned()
                .collect(),
            cleared: previous
                .risks
                .iter()
                .filter(|(k, _)| !now_keys.contains(k.as_str()))
                .map(|(_, summary)| summary.clone())
                .collect(),
        }
    });
    let health_samples: Vec<(NaiveDate, f64, f64)> = input
        .health
        .iter()
        .filter(|s| input.period.contains(s.0) && s.1.is_finite() && s.2.is_finite())
        .copied()
        .collect();
    let health = (!health_samples.is_empty()).then(|| TeamHealth {
        check_ins: health_samples.len(),
        mood: health_samples.iter().map(|s| s.1).sum::<f64>() / health_samples.len() as f64,
        workload: health_samples.iter().map(|s| s.2).sum::<f64>() / health_samples.len() as f64,
    });

    let unit = history.board.estimate_unit.as_str().to_owned();
    let people: Vec<PersonLoad> = radar::open_loads(history)
        .into_iter()
        .map(|l| PersonLoad {
            name: members.get(&l.member).copied().unwrap_or("?").to_owned(),
            effort: l.effort,
            cards: l.cards,
            capacity: input.capacity.and_then(|c| c.get(&l.member).copied()),
        })
        .collect();
    let mut chart_list = vec![
        charts::cumulative_flow(&metrics.flow, input.period),
        charts::throughput(&metrics.throughput),
        charts::cycle_scatter(
            &metrics.cycle_points,
            &metrics.cycle,
            input.period,
            calendar,
        ),
        charts::workload(&people, &unit),
    ];
    if !health_samples.is_empty() {
        chart_list.push(charts::health_trend(&health_samples));
    }

    ReportModel {
        board: history.board.name.clone(),
        unit,
        period: input.period,
        today,
        headline,
        delivered,
        in_progress,
        goals,
        risks: risk_lines,
        radar: risks,
        needs: input.notes.needs.clone(),
        health,
        metrics,
        charts: chart_list,
        changes,
        cards,
    }
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Pdf,
    Csv,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
        }
    }

    pub fn parse(value: &str) -> Option<Format> {
        match value.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// The files a format writes for a report saved at `path`: the report itself and, for
/// Markdown, one SVG per chart beside it, named after it (`report.md`,
/// `report-throughput.svg`, ...).
pub fn render_files(model: &ReportModel, format: Format, path: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    match format {
        Format::Markdown => {
            let stem = path
                .file_stem()
                .map_or_else(|| "report".to_owned(), |s| s.to_string_lossy().into_owned());
            let names: Vec<String> = model
                .charts
                .iter()
                .map(|c| format!("{stem}-{}.svg", c.kind.slug()))
                .collect();
            let mut files = vec![(
                path.to_path_buf(),
                markdown::render(model, &names).into_bytes(),
            )];
            for (chart, name) in model.charts.iter().zip(&names) {
                files.push((
                    path.with_file_name(name),
                    charts::svg(chart, charts::Theme::Light).into_bytes(),
                ));
            }
            files
        }
        Format::Html => vec![(path.to_path_buf(), html::render(model).into_bytes())],
        Format::Pdf => vec![(path.to_path_buf(), pdf::render(model))],
        Format::Csv => vec![(path.to_path_buf(), csv::render(model).into_bytes())],
    }
}

/// Writes the report in `format` to `path`, atomically; returns the files written.
pub fn write(model: &ReportModel, format: Format, path: &Path) -> crate::Result<Vec<PathBuf>> {
    let files = render_files(model, format, path);
    write_files_atomically(&files)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

// --- the document every text format writes -------------------------------------------------

/// A run of text, plain or strong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Plain(String),
    Strong(String),
}

/// The report as a sequence of blocks; Markdown, HTML and PDF each write these, so all
/// three say the same thing.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    /// A line under the title.
    Byline(String),
    Heading(String),
    Status(Status, Vec<Span>),
    Paragraph(Vec<Span>),
    List(Vec<Vec<Span>>),
    /// An index into [`ReportModel::charts`].
    Chart(usize),
}

fn plain(text: impl Into<String>) -> Span {
    Span::Plain(text.into())
}

fn strong(text: impl Into<String>) -> Span {
    Span::Strong(text.into())
}

fn days_text(days: f64) -> String {
    let n = number(days);
    if n == "1" {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

fn cards_text(n: u32) -> String {
    if n == 1 {
        "1 card".to_owned()
    } else {
        format!("{n} cards")
    }
}

fn card_facts(card: &ReportCard, unit: &str, delivered: bool) -> Vec<Span> {
    let mut facts: Vec<String> = Vec::new();
    if let Some(who) = &card.assignee {
        facts.push(who.clone());
    }
    match card.estimate {
        Some(e) => facts.push(effort_text(e, unit)),
        None => facts.push("not estimated".to_owned()),
    }
    if delivered {
        if let Some(days) = card.cycle_days {
            facts.push(format!("cycle time {}", days_text(days)));
        }
    } else {
        facts.push(card.column.clone());
        if let Some(age) = card.age_days {
            facts.push(format!("in progress for {}", days_text(age)));
        }
    }
    if let Some(due) = card.due {
        facts.push(format!("due {due}"));
    }
    if !card.labels.is_empty() {
        facts.push(card.labels.join(", "));
    }
    if let Some(goal) = &card.goal {
        facts.push(format!("goal: {goal}"));
    }
    let mut spans = vec![
        strong(card.title.clone()),
        plain(format!(" \u{2014} {}", facts.join(" \u{b7} "))),
    ];
    if let Some(reason) = &card.blocked_reason {
        spans.push(plain(format!(" (blocked: {reason})")));
    }
    spans
}

fn percentiles_text(p: &metrics::Percentiles) -> String {
    match (p.p50, p.p85, p.p95) {
        (Some(a), Some(b), Some(c)) => format!(
            "50% within {}, 85% within {}, 95% within {} ({} cards)",
            days_text(a),
            days_text(b),
            days_text(c),
            p.count
        ),
        _ => "no card done in this period".to_owned(),
    }
}

/// Lines of the lead's text: "- " or "* " lines become a list, the rest paragraphs.
fn lead_text(text: &str, out: &mut Vec<Block>) {
    let mut list: Vec<Vec<Span>> = Vec::new();
    let flush = |list: &mut Vec<Vec<Span>>, out: &mut Vec<Block>| {
        if !list.is_empty() {
            out.push(Block::List(std::mem::take(list)));
        }
    };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            list.push(vec![plain(item.trim())]);
        } else {
            flush(&mut list, out);
            out.push(Block::Paragraph(vec![plain(line)]));
        }
    }
    flush(&mut list, out);
}

/// The report as blocks.
pub fn document(model: &ReportModel) -> Vec<Block> {
    let unit = model.unit.as_str();
    let m = &model.metrics;
    let mut out = vec![
        Block::Title(format!("{} \u{2014} progress report", model.board)),
        Block::Byline(format!(
            "{} to {} \u{b7} prepared {}",
            model.period.from, model.period.to, model.today
        )),
    ];

    out.push(Block::Heading(format!(
        "Status: {}",
        model.headline.status().label()
    )));
    out.push(Block::Status(
        model.headline.status(),
        vec![
            strong(model.headline.status().label()),
            plain(format!(" \u{2014} {}", model.headline.reason())),
        ],
    ));
    if let Some((status, _)) = &model.headline.lead {
        if *status != model.headline.suggested
            || model.headline.reason() != model.headline.suggested_reason
        {
            out.push(Block::Paragraph(vec![plain(format!(
                "Suggested from the data: {} \u{2014} {}",
                model.headline.suggested.label(),
                model.headline.suggested_reason
            ))]));
        }
    }

    out.push(Block::Heading(format!(
        "Delivered ({})",
        model.delivered.len()
    )));
    if model.delivered.is_empty() {
        out.push(Block::Paragraph(vec![plain(
            "No card was finished in this period.",
        )]));
    } else {
        out.push(Block::List(
            model
                .delivered
                .iter()
                .map(|c| card_facts(c, unit, true))
                .collect(),
        ));
    }

    out.push(Block::Heading(format!(
        "In progress ({})",
        model.in_progress.len()
    )));
    if model.in_progress.is_empty() {
        out.push(Block::Paragraph(vec![plain("Nothing is in progress.")]));
    } else {
        out.push(Block::List(
            model
                .in_progress
                .iter()
                .map(|c| card_facts(c, unit, false))
                .collect(),
        ));
    }

    out.push(Block::Heading("Goals".to_owned()));
    if model.goals.is_empty() {
        out.push(Block::Paragraph(vec![plain("No goals are set.")]));
    } else {
        out.push(Block::List(
            model
                .goals
                .iter()
                .map(|g| {
                    vec![
                        strong(g.goal.title.clone()),
                        plain(format!(
                            " \u{2014} {}% done ({} of {} {unit}, {} of {} cards), target {}: ",
                            (g.progress * 100.0).round(),
                            number(g.done_effort),
                            number(g.effort),
                            g.done_cards,
                            g.cards,
                            g.goal.target
                        )),
                        strong(g.status.as_str()),
                        plain(format!(". {}", g.why)),
                    ]
                })
                .collect(),
        ));
    }

    out.push(Block::Heading("Risks and blockers".to_owned()));
    if model.risks.is_empty() {
        out.push(Block::Paragraph(vec![plain("Nothing is flagged.")]));
    } else {
        out.push(Block::List(
            model
                .risks
                .iter()
                .map(|r| {
                    vec![
                        strong(format!("{}: ", r.kind)),
                        plain(format!("{}. {}", r.name, r.why)),
                    ]
                })
                .collect(),
        ));
    }

    out.push(Block::Heading("Needs and asks".to_owned()));
    if model.needs.trim().is_empty() {
        out.push(Block::Paragraph(vec![plain("None this time.")]));
    } else {
        lead_text(&model.needs, &mut out);
    }

    out.push(Block::Heading("Team health".to_owned()));
    match &model.health {
        None => out.push(Block::Paragraph(vec![plain(
            "No team check-ins were recorded in this period.",
        )])),
        Some(h) => out.push(Block::Paragraph(vec![plain(format!(
            "Average mood {} and workload {} over {} check-ins (team averages only).",
            number(h.mood),
            number(h.workload),
            h.check_ins
        ))])),
    }

    out.push(Block::Heading("Metrics".to_owned()));
    let aging_over = m.aging.iter().filter(|a| a.over_p85).count();
    let mut lines = vec![
        vec![strong("Delivered: "), plain(cards_text(m.delivered))],
        vec![strong("Cycle time: "), plain(percentiles_text(&m.cycle))],
        vec![strong("Lead time: "), plain(percentiles_text(&m.lead))],
        vec![
            strong("Work in progress: "),
            plain(match m.wip_mean {
                Some(mean) => format!("{} now, {} on average", m.wip_now, number(mean)),
                None => format!("{} now", m.wip_now),
            }),
        ],
        vec![
            strong("Aging: "),
            plain(match m.reference_p85 {
                Some(p85) => format!(
                    "{aging_over} of {} cards in progress are older than {} (85th percentile of cycle time)",
                    m.aging.len(),
                    days_text(p85)
                ),
                None => format!("{} cards in progress; no cycle time to compare with yet", m.aging.len()),
            }),
        ],
        vec![
            strong("Time blocked: "),
            plain(format!(
                "{} for {} in all; blocked now: {}",
                cards_text(m.blocked.cards),
                days_text(m.blocked.days),
                cards_text(m.blocked.blocked_now)
            )),
        ],
    ];
    lines.push(vec![
        strong("Due dates: "),
        plain(match m.due.hit_rate() {
            Some(rate) => format!(
                "{} of {} done on time ({}%); open and overdue: {}",
                m.due.on_time,
                m.due.done_with_due,
                (rate * 100.0).round(),
                cards_text(m.due.overdue_open)
            ),
            None => format!(
                "no card with a due date was done in this period; open and overdue: {}",
                cards_text(m.due.overdue_open)
            ),
        }),
    ]);
    out.push(Block::List(lines));
    for index in 0..model.charts.len() {
        out.push(Block::Chart(index));
    }

    out.push(Block::Heading("Changed since the last report".to_owned()));
    match &model.changes {
        None => out.push(Block::Paragraph(vec![plain(
            "This is the first exported report; the next one will list what changed.",
        )])),
        Some(changes) => {
            out.push(Block::Paragraph(vec![plain(format!(
                "Compared with the report for {} to {}.",
                changes.previous.from, changes.previous.to
            ))]));
            out.push(Block::Paragraph(vec![strong(format!(
                "New risks ({})",
                changes.new_risks.len()
            ))]));
            if changes.new_risks.is_empty() {
                out.push(Block::Paragraph(vec![plain("None.")]));
            } else {
                out.push(Block::List(
                    changes
                        .new_risks
                        .iter()
                        .map(|r| vec![plain(r.summary())])
                        .collect(),
                ));
            }
            out.push(Block::Paragraph(vec![strong(format!(
                "Cleared ({})",
                changes.cleared.len()
            ))]));
            if changes.cleared.is_empty() {
                out.push(Block::Paragraph(vec![plain("None.")]));
            } else {
                out.push(Block::List(
                    changes
                        .cleared
                        .iter()
                        .map(|s| vec![plain(s.clone())])
                        .collect(),
                ));
            }
        }
    }
    out
}

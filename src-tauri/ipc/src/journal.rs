//! The one-on-one journal on the wire. Dates are calendar days written YYYY-MM-DD; "today"
//! comes from the page, which knows the lead's time zone.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use teamlead_core as core;
use teamlead_core::journal as j;
use ts_rs::TS;

use crate::{Card, ErrorCode, IpcError, Skill};

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A calendar day, checked: a real day written YYYY-MM-DD.
pub fn parse_date(text: &str) -> Result<NaiveDate, IpcError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| IpcError {
        code: ErrorCode::InvalidInput,
        message: format!("\u{201c}{text}\u{201d} is not a date; write it as YYYY-MM-DD."),
    })
}

fn parse_optional_date(text: Option<&str>) -> Result<Option<NaiveDate>, IpcError> {
    text.map(parse_date).transpose()
}

macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident, $core:ty, { $($variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum $name { $($variant),+ }

        impl From<$core> for $name {
            fn from(value: $core) -> Self {
                match value { $(<$core>::$variant => $name::$variant),+ }
            }
        }

        impl From<$name> for $core {
            fn from(value: $name) -> Self {
                match value { $($name::$variant => <$core>::$variant),+ }
            }
        }
    };
}

wire_enum!(
    /// How often the lead meets the person.
    Cadence, core::Cadence, { Weekly, EveryTwoWeeks, Monthly }
);
wire_enum!(
    /// Open until the meeting marks a talking point discussed or carried (to the next one).
    AgendaStatus, core::AgendaStatus, { Open, Discussed, Carried }
);
wire_enum!(
    /// Who does an action item: the lead or the person.
    Owner, core::Owner, { Lead, Person }
);
wire_enum!(FeedbackKind, core::FeedbackKind, { Praise, Constructive });
wire_enum!(
    /// What a search hit was found in.
    HitKind, j::search::HitKind, { Notes, AgendaItem, ActionItem, Feedback }
);

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Person {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub role: String,
    pub start_date: Option<String>,
    pub cadence: Cadence,
    /// Markdown; always private.
    pub private_notes: String,
    pub skills: Vec<Skill>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Goal {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    pub title: String,
    pub skills: Vec<String>,
    /// 0 to 100 percent.
    pub progress: u8,
    #[ts(type = "number")]
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AgendaItem {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub session_id: i64,
    /// Order within the agenda: compare as strings.
    pub rank: String,
    pub text: String,
    pub status: AgendaStatus,
    #[ts(type = "number | null")]
    pub carried_from: Option<i64>,
    #[ts(type = "number | null")]
    pub action_item_id: Option<i64>,
    #[ts(type = "number | null")]
    pub card_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionItem {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub session_id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    pub text: String,
    pub owner: Owner,
    pub due: Option<String>,
    /// Checked off, or its card is in a done column.
    pub done: bool,
    pub card_done: bool,
    #[ts(type = "number | null")]
    pub card_id: Option<i64>,
    pub shareable: bool,
    #[ts(type = "number")]
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Feedback {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub session_id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    pub date: String,
    pub kind: FeedbackKind,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub shareable: bool,
    #[ts(type = "number")]
    pub created_at: i64,
}

/// A one-on-one with everything in it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Session {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    pub date: String,
    /// Markdown; shown rendered and sanitized.
    pub notes: String,
    pub notes_shareable: bool,
    #[ts(type = "number | null")]
    pub notes_saved_at: Option<i64>,
    pub mood: Option<u8>,
    pub workload: Option<u8>,
    pub agenda: Vec<AgendaItem>,
    pub action_items: Vec<ActionItem>,
    pub feedback: Vec<Feedback>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SessionSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub date: String,
    pub mood: Option<u8>,
    pub workload: Option<u8>,
    pub agenda_items: u32,
    pub action_items: u32,
    pub feedback: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CheckIn {
    #[ts(type = "number")]
    pub session_id: i64,
    pub date: String,
    pub mood: Option<u8>,
    pub workload: Option<u8>,
}

/// When the lead last met a person and meets them next.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Schedule {
    pub last: Option<String>,
    pub next: String,
    /// `next` is a session already planned.
    pub planned: bool,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PersonSchedule {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub cadence: Cadence,
    pub schedule: Schedule,
}

/// Everything the journal shows about one person.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PersonJournal {
    pub person: Person,
    pub schedule: Schedule,
    pub goals: Vec<Goal>,
    /// Newest first.
    pub sessions: Vec<SessionSummary>,
    /// Oldest first.
    pub check_ins: Vec<CheckIn>,
    /// Newest first.
    pub feedback: Vec<Feedback>,
    /// Open ones first.
    pub action_items: Vec<ActionItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Template {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub items: Vec<String>,
}

/// A piece of a search snippet: plain text, or a matched word to show marked. Always text,
/// never HTML.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchHit {
    pub kind: HitKind,
    /// The id of the session (notes), talking point, action item or feedback entry.
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub session_id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    pub member_name: String,
    pub date: String,
    pub snippet: Vec<SnippetPart>,
    /// Higher is better.
    pub score: f64,
}

/// When notes were saved, in milliseconds since the Unix epoch.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NotesSaved {
    #[ts(type = "number")]
    pub saved_at: i64,
}

/// An action item and the card made from it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionItemCard {
    pub action_item: ActionItem,
    pub card: Card,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssignedCard {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub board: String,
    pub column: String,
    pub archived: bool,
}

/// Everything the app holds about one person, private notes included.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PersonRecord {
    pub person: Person,
    pub goals: Vec<Goal>,
    /// Oldest first.
    pub sessions: Vec<Session>,
    pub cards: Vec<AssignedCard>,
    #[ts(type = "number")]
    pub exported_at: i64,
}

/// A person's record, for their right of access: Markdown to read, JSON to process.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PersonExport {
    pub markdown: String,
    /// A `PersonRecord`, pretty-printed.
    pub json: String,
}

// --- requests ------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct UpdatePerson {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub role: String,
    /// YYYY-MM-DD; null for none.
    pub start_date: Option<String>,
    pub cadence: Cadence,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SavePersonNotes {
    #[ts(type = "number")]
    pub member_id: i64,
    pub notes: String,
}

/// Sets a level (1 to 5), or removes the skill (null).
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetMemberSkill {
    #[ts(type = "number")]
    pub member_id: i64,
    pub skill: String,
    pub level: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AddGoal {
    #[ts(type = "number")]
    pub member_id: i64,
    pub title: String,
    pub skills: Vec<String>,
    pub progress: u8,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct UpdateGoal {
    #[ts(type = "number")]
    pub goal_id: i64,
    pub title: String,
    pub skills: Vec<String>,
    pub progress: u8,
}

/// A new one-on-one; its agenda is pre-filled with what is still open for the person.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct CreateSession {
    #[ts(type = "number")]
    pub member_id: i64,
    pub date: String,
    #[ts(type = "number | null")]
    pub template_id: Option<i64>,
    /// A card in progress for more than this many days is brought up; null for 5.
    pub aging_days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SaveSessionNotes {
    #[ts(type = "number")]
    pub session_id: i64,
    /// Markdown, at most 8 MiB.
    pub notes: String,
}

/// Mood and workload, 1 to 5 each; null clears.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetCheckIn {
    #[ts(type = "number")]
    pub session_id: i64,
    pub mood: Option<u8>,
    pub workload: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ShareableKind {
    /// A session's notes; the id is the session's.
    Notes,
    ActionItem,
    Feedback,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetShareable {
    pub kind: ShareableKind,
    #[ts(type = "number")]
    pub id: i64,
    pub shareable: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AddAgendaItem {
    #[ts(type = "number")]
    pub session_id: i64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct EditAgendaItem {
    #[ts(type = "number")]
    pub item_id: i64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetAgendaStatus {
    #[ts(type = "number")]
    pub item_id: i64,
    pub status: AgendaStatus,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ApplyTemplate {
    #[ts(type = "number")]
    pub session_id: i64,
    #[ts(type = "number")]
    pub template_id: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AddActionItem {
    #[ts(type = "number")]
    pub session_id: i64,
    pub text: String,
    pub owner: Owner,
    /// YYYY-MM-DD; null for none.
    pub due: Option<String>,
    pub shareable: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct UpdateActionItem {
    #[ts(type = "number")]
    pub item_id: i64,
    pub text: String,
    pub owner: Owner,
    pub due: Option<String>,
    pub shareable: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetActionItemDone {
    #[ts(type = "number")]
    pub item_id: i64,
    pub done: bool,
}

/// Makes a card of an action item at the end of `columnId`, assigned to the person.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ActionItemToCard {
    #[ts(type = "number")]
    pub item_id: i64,
    #[ts(type = "number")]
    pub column_id: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AddFeedback {
    #[ts(type = "number")]
    pub session_id: i64,
    pub kind: FeedbackKind,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub shareable: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct UpdateFeedback {
    #[ts(type = "number")]
    pub feedback_id: i64,
    pub kind: FeedbackKind,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub shareable: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct CreateTemplate {
    pub name: String,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct UpdateTemplate {
    #[ts(type = "number")]
    pub template_id: i64,
    pub name: String,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SearchJournal {
    pub query: String,
    /// One person's journal only; null for everyone's.
    #[ts(type = "number | null")]
    pub member_id: Option<i64>,
    /// At most this many hits (up to 200); null for 50.
    pub limit: Option<u32>,
}

// --- conversions ---------------------------------------------------------------------------

impl UpdatePerson {
    pub fn update(&self) -> Result<j::PersonUpdate, IpcError> {
        Ok(j::PersonUpdate {
            name: self.name.clone(),
            role: self.role.clone(),
            start_date: parse_optional_date(self.start_date.as_deref())?,
            cadence: self.cadence.into(),
        })
    }
}

impl CreateSession {
    pub fn new_session(&self) -> Result<j::NewSession, IpcError> {
        Ok(j::NewSession {
            date: parse_date(&self.date)?,
            template: self.template_id.map(core::TemplateId),
            aging_days: self.aging_days.unwrap_or(j::DEFAULT_AGING_DAYS),
        })
    }
}

impl SetShareable {
    pub fn target(&self) -> j::Shareable {
        match self.kind {
            ShareableKind::Notes => j::Shareable::Notes(core::SessionId(self.id)),
            ShareableKind::ActionItem => j::Shareable::ActionItem(core::ActionItemId(self.id)),
            ShareableKind::Feedback => j::Shareable::Feedback(core::FeedbackId(self.id)),
        }
    }
}

impl AddActionItem {
    pub fn new_item(&self) -> Result<j::NewActionItem, IpcError> {
        Ok(j::NewActionItem {
            text: self.text.clone(),
            owner: self.owner.into(),
            due: parse_optional_date(self.due.as_deref())?,
            shareable: self.shareable,
        })
    }
}

impl UpdateActionItem {
    pub fn new_item(&self) -> Result<j::NewActionItem, IpcError> {
        Ok(j::NewActionItem {
            text: self.text.clone(),
            owner: self.owner.into(),
            due: parse_optional_date(self.due.as_deref())?,
            shareable: self.shareable,
        })
    }
}

impl AddFeedback {
    pub fn new_feedback(&self) -> j::NewFeedback {
        j::NewFeedback {
            kind: self.kind.into(),
            situation: self.situation.clone(),
            behaviour: self.behaviour.clone(),
            impact: self.impact.clone(),
            shareable: self.shareable,
        }
    }
}

impl UpdateFeedback {
    pub fn new_feedback(&self) -> j::NewFeedback {
        j::NewFeedback {
            kind: self.kind.into(),
            situation: self.situation.clone(),
            behaviour: self.behaviour.clone(),
            impact: self.impact.clone(),
            shareable: self.shareable,
        }
    }
}

impl From<j::Person> for Person {
    fn from(p: j::Person) -> Self {
        Person {
            id: p.id.0,
            name: p.name,
            role: p.role,
            start_date: p.start_date.map(day),
            cadence: p.cadence.into(),
            private_notes: p.private_notes,
            skills: p
                .skills
                .into_iter()
                .map(|s| Skill {
                    name: s.name,
                    level: s.level,
                })
                .collect(),
        }
    }
}

impl From<j::Goal> for Goal {
    fn from(g: j::Goal) -> Self {
        Goal {
            id: g.id.0,
            member_id: g.member.0,
            title: g.title,
            skills: g.skills,
            progress: g.progress,
            created_at: g.created_at,
        }
    }
}

impl From<j::AgendaItem> for AgendaItem {
    fn from(a: j::AgendaItem) -> Self {
        AgendaItem {
            id: a.id.0,
            session_id: a.session.0,
            rank: a.rank,
            text: a.text,
            status: a.status.into(),
            carried_from: a.carried_from.map(|i| i.0),
            action_item_id: a.action_item.map(|i| i.0),
            card_id: a.card.map(|c| c.0),
        }
    }
}

impl From<j::ActionItem> for ActionItem {
    fn from(a: j::ActionItem) -> Self {
        ActionItem {
            id: a.id.0,
            session_id: a.session.0,
            member_id: a.member.0,
            text: a.text,
            owner: a.owner.into(),
            due: a.due.map(day),
            done: a.done,
            card_done: a.card_done,
            card_id: a.card.map(|c| c.0),
            shareable: a.shareable,
            created_at: a.created_at,
        }
    }
}

impl From<j::Feedback> for Feedback {
    fn from(f: j::Feedback) -> Self {
        Feedback {
            id: f.id.0,
            session_id: f.session.0,
            member_id: f.member.0,
            date: day(f.date),
            kind: f.kind.into(),
            situation: f.situation,
            behaviour: f.behaviour,
            impact: f.impact,
            shareable: f.shareable,
            created_at: f.created_at,
        }
    }
}

impl From<j::Session> for Session {
    fn from(s: j::Session) -> Self {
        Session {
            id: s.id.0,
            member_id: s.member.0,
            date: day(s.date),
            notes: s.notes,
            notes_shareable: s.notes_shareable,
            notes_saved_at: s.notes_saved_at,
            mood: s.mood,
            workload: s.workload,
            agenda: s.agenda.into_iter().map(Into::into).collect(),
            action_items: s.action_items.into_iter().map(Into::into).collect(),
            feedback: s.feedback.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<j::Schedule> for Schedule {
    fn from(s: j::Schedule) -> Self {
        Schedule {
            last: s.last.map(day),
            next: day(s.next),
            planned: s.planned,
            overdue: s.overdue,
        }
    }
}

impl From<j::PersonSchedule> for PersonSchedule {
    fn from(p: j::PersonSchedule) -> Self {
        PersonSchedule {
            member_id: p.member.0,
            name: p.name,
            cadence: p.cadence.into(),
            schedule: p.schedule.into(),
        }
    }
}

impl From<j::PersonJournal> for PersonJournal {
    fn from(p: j::PersonJournal) -> Self {
        PersonJournal {
            person: p.person.into(),
            schedule: p.schedule.into(),
            goals: p.goals.into_iter().map(Into::into).collect(),
            sessions: p
                .sessions
                .into_iter()
                .map(|s| SessionSummary {
                    id: s.id.0,
                    date: day(s.date),
                    mood: s.mood,
                    workload: s.workload,
                    agenda_items: s.agenda_items,
                    action_items: s.action_items,
                    feedback: s.feedback,
                })
                .collect(),
            check_ins: p
                .check_ins
                .into_iter()
                .map(|c| CheckIn {
                    session_id: c.session.0,
                    date: day(c.date),
                    mood: c.mood,
                    workload: c.workload,
                })
                .collect(),
            feedback: p.feedback.into_iter().map(Into::into).collect(),
            action_items: p.action_items.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<j::Template> for Template {
    fn from(t: j::Template) -> Self {
        Template {
            id: t.id.0,
            name: t.name,
            items: t.items,
        }
    }
}

impl From<j::SearchHit> for SearchHit {
    fn from(h: j::SearchHit) -> Self {
        SearchHit {
            kind: h.kind.into(),
            id: h.id,
            session_id: h.session.0,
            member_id: h.member.0,
            member_name: h.member_name,
            date: day(h.date),
            snippet: j::search::snippet_parts(&h.snippet)
                .into_iter()
                .map(|p| SnippetPart {
                    text: p.text,
                    hit: p.hit,
                })
                .collect(),
            score: h.score,
        }
    }
}

impl From<(j::ActionItem, core::Card)> for ActionItemCard {
    fn from((item, card): (j::ActionItem, core::Card)) -> Self {
        ActionItemCard {
            action_item: item.into(),
            card: card.into(),
        }
    }
}

impl From<j::PersonRecord> for PersonRecord {
    fn from(r: j::PersonRecord) -> Self {
        PersonRecord {
            person: r.person.into(),
            goals: r.goals.into_iter().map(Into::into).collect(),
            sessions: r.sessions.into_iter().map(Into::into).collect(),
            cards: r
                .cards
                .into_iter()
                .map(|c| AssignedCard {
                    id: c.id.0,
                    title: c.title,
                    board: c.board,
                    column: c.column,
                    archived: c.archived,
                })
                .collect(),
            exported_at: r.exported_at,
        }
    }
}

impl PersonExport {
    /// The record as Markdown (written by the core) and as JSON.
    pub fn of(record: j::PersonRecord) -> Result<PersonExport, IpcError> {
        let markdown = j::export::markdown(&record);
        let json = serde_json::to_string_pretty(&PersonRecord::from(record))
            .map_err(|e| IpcError::internal(format!("The export could not be written: {e}")))?;
        Ok(PersonExport { markdown, json })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_requests_refuse_unknown_fields_and_bad_dates() {
        let parsed: Result<CreateSession, _> = serde_json::from_str(
            r#"{"memberId": 1, "date": "2024-05-01", "templateId": null, "agingDays": null, "x": 1}"#,
        );
        assert!(parsed.is_err());
        let parsed: CreateSession = serde_json::from_str(
            r#"{"memberId": 1, "date": "2024-05-01", "templateId": 2, "agingDays": null}"#,
        )
        .unwrap();
        let new = parsed.new_session().unwrap();
        assert_eq!(new.aging_days, j::DEFAULT_AGING_DAYS);
        assert_eq!(new.template, Some(core::TemplateId(2)));
        let bad = CreateSession {
            date: "2024-02-30".into(),
            ..parsed
        };
        let error = bad.new_session().unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(error.message.contains("YYYY-MM-DD"), "{}", error.message);
        let kind: ShareableKind = serde_json::from_str(r#""action_item""#).unwrap();
        assert_eq!(kind, ShareableKind::ActionItem);
    }

    #[test]
    fn a_person_export_is_markdown_and_json_with_private_notes() {
        let mut store = core::Store::open_in_memory().unwrap();
        let member = store
            .create_member(&core::NewMember {
                name: "Ana".into(),
                role: String::new(),
                skills: vec![],
            })
            .unwrap();
        store
            .save_person_notes(member, "Private: wants to move teams")
            .unwrap();
        let date = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        let session = store
            .create_session(member, j::NewSession::on(date))
            .unwrap();
        store
            .save_session_notes(session.id, "Talked about the résumé")
            .unwrap();
        let export = PersonExport::of(store.person_record(member).unwrap()).unwrap();
        assert!(export.markdown.contains("wants to move teams"));
        let json: serde_json::Value = serde_json::from_str(&export.json).unwrap();
        assert_eq!(
            json["person"]["privateNotes"],
            "Private: wants to move teams"
        );
        assert_eq!(json["sessions"][0]["notes"], "Talked about the résumé");
        assert_eq!(json["sessions"][0]["date"], "2024-05-01");
    }

    #[test]
    fn snippets_cross_the_wire_as_parts_never_as_markup() {
        let hit = SearchHit::from(j::SearchHit {
            kind: j::search::HitKind::Notes,
            id: 1,
            session: core::SessionId(1),
            member: core::MemberId(1),
            member_name: "Ana".into(),
            date: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            snippet: "<b>not html</b> \u{2}résumé\u{3} review".into(),
            score: 1.0,
        });
        assert_eq!(
            hit.snippet,
            [
                SnippetPart {
                    text: "<b>not html</b> ".into(),
                    hit: false
                },
                SnippetPart {
                    text: "résumé".into(),
                    hit: true
                },
                SnippetPart {
                    text: " review".into(),
                    hit: false
                }
            ]
        );
    }
}

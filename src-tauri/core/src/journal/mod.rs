//! The one-on-one journal: people's growth and cadence, sessions with their agenda, notes,
//! check-in, action items and feedback, agenda templates, search, and the person's own
//! export and erasure.
//!
//! Privacy: notes, action items and feedback are private unless marked shareable, and a
//! person's private notes always are. Anything that leaves the app on the lead's behalf
//! (reports, shared exports) reads the journal only through [`shareable`], which cannot
//! return private content. The one exception is the right-of-access export of one person
//! ([`Store::person_record`]), which the lead asks for explicitly.
//!
//! Undo: the lead's journal actions (agenda, action items, feedback, goals, templates,
//! check-in, creating and deleting sessions) are undoable. Notes are saved as they are typed
//! and are not undo steps. Erasing a person is not undoable, and clears the undo history.

pub mod cadence;
pub mod export;
mod people;
pub mod search;
mod sessions;
pub mod shareable;

use chrono::NaiveDate;

use crate::model::{
    ActionItemId, AgendaItemId, AgendaStatus, Cadence, CardId, FeedbackId, FeedbackKind, GoalId,
    MemberId, Owner, SessionId, Skill, TemplateId,
};
use crate::store::Millis;

pub use cadence::Schedule;
pub use export::{AssignedCard, PersonRecord};
pub use search::{SearchHit, SnippetPart};

/// How long a card may sit in an in-progress column before a new one-on-one brings it up,
/// unless the lead says otherwise.
pub const DEFAULT_AGING_DAYS: u32 = 5;

/// Which table a searchable document id comes from: ids of the four searchable tables are
/// drawn from disjoint ranges of 2^40 (see migration 0006).
pub(crate) const DOC_RANGE_BITS: u32 = 40;

/// A team member as the journal sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: MemberId,
    pub name: String,
    pub role: String,
    pub start_date: Option<NaiveDate>,
    pub cadence: Cadence,
    /// Markdown; always private.
    pub private_notes: String,
    pub skills: Vec<Skill>,
}

/// The fields of a person the lead edits together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonUpdate {
    pub name: String,
    pub role: String,
    pub start_date: Option<NaiveDate>,
    pub cadence: Cadence,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub id: GoalId,
    pub member: MemberId,
    /// What the person wants to learn.
    pub title: String,
    /// The skills it builds, by name.
    pub skills: Vec<String>,
    /// 0 to 100 percent.
    pub progress: u8,
    pub created_at: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGoal {
    pub title: String,
    pub skills: Vec<String>,
    pub progress: u8,
}

/// A one-on-one with everything in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: SessionId,
    pub member: MemberId,
    pub date: NaiveDate,
    /// Markdown.
    pub notes: String,
    pub notes_shareable: bool,
    /// When the notes were last saved; `None` before the first save.
    pub notes_saved_at: Option<Millis>,
    pub mood: Option<u8>,
    pub workload: Option<u8>,
    /// In order.
    pub agenda: Vec<AgendaItem>,
    pub action_items: Vec<ActionItem>,
    pub feedback: Vec<Feedback>,
}

/// A session in a person's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSummary {
    pub id: SessionId,
    pub date: NaiveDate,
    pub mood: Option<u8>,
    pub workload: Option<u8>,
    pub agenda_items: u32,
    pub action_items: u32,
    pub feedback: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub session: SessionId,
    /// Order within the agenda; compare as strings.
    pub rank: String,
    pub text: String,
    pub status: AgendaStatus,
    /// The talking point of an earlier session this one carries over.
    pub carried_from: Option<AgendaItemId>,
    /// The open action item this point reviews.
    pub action_item: Option<ActionItemId>,
    /// The board card this point is about (blocked or aging).
    pub card: Option<CardId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItem {
    pub id: ActionItemId,
    pub session: SessionId,
    pub member: MemberId,
    pub text: String,
    pub owner: Owner,
    pub due: Option<NaiveDate>,
    /// Checked off, or its card is in a done column.
    pub done: bool,
    /// Whether its card is in a done column.
    pub card_done: bool,
    pub card: Option<CardId>,
    pub shareable: bool,
    pub created_at: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActionItem {
    pub text: String,
    pub owner: Owner,
    pub due: Option<NaiveDate>,
    pub shareable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    pub id: FeedbackId,
    pub session: SessionId,
    pub member: MemberId,
    /// The day of the session it was given in.
    pub date: NaiveDate,
    pub kind: FeedbackKind,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub shareable: bool,
    pub created_at: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeedback {
    pub kind: FeedbackKind,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub shareable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub id: TemplateId,
    pub name: String,
    /// Talking points, in order.
    pub items: Vec<String>,
}

/// What a new session's agenda starts with, besides what it carries over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewSession {
    pub date: NaiveDate,
    /// Talking points to add from a template.
    pub template: Option<TemplateId>,
    /// A card in progress for more than this many days is brought up.
    pub aging_days: u32,
}

impl NewSession {
    pub fn on(date: NaiveDate) -> NewSession {
        NewSession {
            date,
            template: None,
            aging_days: DEFAULT_AGING_DAYS,
        }
    }
}

/// One check-in of the mood and workload series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckIn {
    pub session: SessionId,
    pub date: NaiveDate,
    pub mood: Option<u8>,
    pub workload: Option<u8>,
}

/// Everything the journal shows about one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonJournal {
    pub person: Person,
    pub schedule: Schedule,
    pub goals: Vec<Goal>,
    /// Newest first.
    pub sessions: Vec<SessionSummary>,
    /// Oldest first, sessions with a check-in only.
    pub check_ins: Vec<CheckIn>,
    /// Newest first.
    pub feedback: Vec<Feedback>,
    /// Open ones first, then by due date.
    pub action_items: Vec<ActionItem>,
}

/// A person's one-on-one schedule, for the overview and the "due this week" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonSchedule {
    pub member: MemberId,
    pub name: String,
    pub cadence: Cadence,
    pub schedule: Schedule,
}

/// Something that is private unless marked shareable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shareable {
    Notes(SessionId),
    ActionItem(ActionItemId),
    Feedback(FeedbackId),
}

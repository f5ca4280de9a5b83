//! The plain data the core stores and returns.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::store::Millis;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    };
}

id_type!(
    /// A team member.
    MemberId
);
id_type!(
    /// A board.
    BoardId
);
id_type!(
    /// A column of a board.
    ColumnId
);
id_type!(
    /// A card on a board.
    CardId
);
id_type!(
    /// A coloured label of a board.
    LabelId
);
id_type!(
    /// One line of a card's checklist.
    ChecklistItemId
);
id_type!(
    /// A period a team member is away.
    TimeOffId
);

id_type!(
    /// A one-on-one session with a person.
    SessionId
);
id_type!(
    /// A talking point on a one-on-one's agenda.
    AgendaItemId
);
id_type!(
    /// Something the lead or the person agreed to do in a one-on-one.
    ActionItemId
);
id_type!(
    /// A feedback entry given in a one-on-one.
    FeedbackId
);
id_type!(
    /// A person's growth goal.
    GoalId
);
id_type!(
    /// An agenda template.
    TemplateId
);
id_type!(
    /// One of the lead's strategic goals.
    TeamGoalId
);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    pub name: String,
    /// 1 (learning) to 5 (expert).
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: MemberId,
    pub name: String,
    pub role: String,
    pub skills: Vec<Skill>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub name: String,
    pub role: String,
    pub skills: Vec<Skill>,
}

/// The unit a board estimates effort in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EstimateUnit {
    Points,
    Hours,
}

impl EstimateUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            EstimateUnit::Points => "points",
            EstimateUnit::Hours => "hours",
        }
    }

    pub fn parse(value: &str) -> Option<EstimateUnit> {
        match value {
            "points" => Some(EstimateUnit::Points),
            "hours" => Some(EstimateUnit::Hours),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    pub id: BoardId,
    pub name: String,
    pub estimate_unit: EstimateUnit,
}

/// What a column means for flow metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    NotStarted,
    InProgress,
    Done,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::NotStarted => "not_started",
            Stage::InProgress => "in_progress",
            Stage::Done => "done",
        }
    }

    pub fn parse(value: &str) -> Option<Stage> {
        match value {
            "not_started" => Some(Stage::NotStarted),
            "in_progress" => Some(Stage::InProgress),
            "done" => Some(Stage::Done),
            _ => None,
        }
    }

    /// The stage a column of this name usually stands for; the lead can change it.
    pub fn guess(column_name: &str) -> Stage {
        match column_name.trim().to_lowercase().as_str() {
            "in progress" | "doing" | "review" | "in review" | "testing" => Stage::InProgress,
            "done" | "finished" | "shipped" | "released" => Stage::Done,
            _ => Stage::NotStarted,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub id: ColumnId,
    pub board_id: BoardId,
    pub name: String,
    pub stage: Stage,
    /// More cards than this is flagged, never refused.
    pub wip_limit: Option<u32>,
    /// Set while the column is archived: off the board with its cards.
    pub archived_at: Option<Millis>,
}

/// An effort estimate in hundredths of the board's unit (2.5 points is 250).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Estimate(pub u32);

impl Estimate {
    pub fn units(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

/// Open work assigned to one person on a board (`None`: nobody).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Load {
    pub member: Option<MemberId>,
    /// Cards not in a done column.
    pub open_cards: u32,
    /// The sum of their estimates.
    pub estimate: Estimate,
    /// How many of them have no estimate.
    pub unestimated: u32,
}

/// How urgent a card is; the default is `Normal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Priority {
    Urgent,
    High,
    #[default]
    Normal,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::Urgent,
        Priority::High,
        Priority::Normal,
        Priority::Low,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Urgent => "urgent",
            Priority::High => "high",
            Priority::Normal => "normal",
            Priority::Low => "low",
        }
    }

    pub fn parse(value: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.as_str() == value)
    }
}

/// The colours a label can have: the Okabe-Ito palette, told apart with colour blindness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelColor {
    Orange,
    Sky,
    Green,
    Yellow,
    Blue,
    Vermillion,
    Purple,
    Grey,
}

impl LabelColor {
    pub const ALL: [LabelColor; 8] = [
        LabelColor::Orange,
        LabelColor::Sky,
        LabelColor::Green,
        LabelColor::Yellow,
        LabelColor::Blue,
        LabelColor::Vermillion,
        LabelColor::Purple,
        LabelColor::Grey,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LabelColor::Orange => "orange",
            LabelColor::Sky => "sky",
            LabelColor::Green => "green",
            LabelColor::Yellow => "yellow",
            LabelColor::Blue => "blue",
            LabelColor::Vermillion => "vermillion",
            LabelColor::Purple => "purple",
            LabelColor::Grey => "grey",
        }
    }

    pub fn parse(value: &str) -> Option<LabelColor> {
        LabelColor::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub id: LabelId,
    pub board_id: BoardId,
    pub name: String,
    pub color: LabelColor,
}

/// Why a card is blocked, and since when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocked {
    pub reason: String,
    pub since: Millis,
}

/// A skill a card needs, at a minimum level (1 to 5).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SkillNeed {
    pub skill: String,
    pub min_level: u8,
}

/// How far a card's checklist is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChecklistProgress {
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistItem {
    pub id: ChecklistItemId,
    pub card_id: CardId,
    /// Order within the checklist; compare as strings.
    pub rank: String,
    pub text: String,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: CardId,
    pub column_id: ColumnId,
    /// Order within the column; compare ranks as strings.
    pub rank: String,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub assignee: Option<MemberId>,
    pub estimate: Option<Estimate>,
    pub priority: Priority,
    pub due: Option<chrono::NaiveDate>,
    pub blocked: Option<Blocked>,
    /// The person the card stays with when work is balanced (its assignee when pinned).
    pub pinned_to: Option<MemberId>,
    /// In label id order.
    pub labels: Vec<LabelId>,
    /// In skill name order.
    pub skills: Vec<SkillNeed>,
    pub checklist: ChecklistProgress,
    /// Set while the card is archived: off the board, kept with its history.
    pub archived_at: Option<Millis>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// Where a card is after a move: all a move changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardPlace {
    pub id: CardId,
    pub column_id: ColumnId,
    pub rank: String,
    pub assignee: Option<MemberId>,
    pub updated_at: Millis,
}

/// One entry of a card's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardEvent {
    pub kind: crate::board::EventKind,
    pub from_column: Option<ColumnId>,
    pub to_column: Option<ColumnId>,
    pub member: Option<MemberId>,
    /// The reason, for a block.
    pub detail: Option<String>,
    pub at: Millis,
}

/// Everything about one card: the card, its checklist, its history and the flow dates read
/// from that history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardDetail {
    pub card: Card,
    pub checklist: Vec<ChecklistItem>,
    /// Oldest first.
    pub history: Vec<CardEvent>,
    /// The first time it entered an in-progress or done column.
    pub started_at: Option<Millis>,
    /// When it last entered a done column, if it is in one now.
    pub done_at: Option<Millis>,
    /// The team goal the card serves, if any.
    pub team_goal: Option<TeamGoalId>,
}

/// A board with its columns in order and its cards in order within each column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardView {
    pub board: Board,
    /// The columns on the board, archived ones left out.
    pub columns: Vec<Column>,
    pub cards: Vec<Card>,
    /// The board's labels, by name.
    pub labels: Vec<Label>,
}

impl BoardView {
    /// The cards of one column, in order.
    pub fn cards_in(&self, column: ColumnId) -> impl Iterator<Item = &Card> {
        self.cards.iter().filter(move |c| c.column_id == column)
    }

    /// Open cards and their estimates per assignee, unassigned included, in member id order
    /// with nobody last. People with no open card are left out.
    pub fn loads(&self) -> Vec<Load> {
        let done: std::collections::HashSet<ColumnId> = self
            .columns
            .iter()
            .filter(|c| c.stage == Stage::Done)
            .map(|c| c.id)
            .collect();
        let mut loads: std::collections::BTreeMap<(bool, Option<MemberId>), Load> =
            std::collections::BTreeMap::new();
        for card in self.cards.iter().filter(|c| !done.contains(&c.column_id)) {
            let load = loads
                .entry((card.assignee.is_none(), card.assignee))
                .or_insert(Load {
                    member: card.assignee,
                    open_cards: 0,
                    estimate: Estimate(0),
                    unestimated: 0,
                });
            load.open_cards += 1;
            match card.estimate {
                Some(e) => load.estimate.0 = load.estimate.0.saturating_add(e.0),
                None => load.unestimated += 1,
            }
        }
        loads.into_values().collect()
    }
}

/// Where a card goes: into `column`, right after `after` (or first when `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub column: ColumnId,
    pub after: Option<CardId>,
}

/// How often the lead meets a person one-on-one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Cadence {
    Weekly,
    #[default]
    EveryTwoWeeks,
    Monthly,
}

impl Cadence {
    pub const ALL: [Cadence; 3] = [Cadence::Weekly, Cadence::EveryTwoWeeks, Cadence::Monthly];

    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::EveryTwoWeeks => "every_two_weeks",
            Cadence::Monthly => "monthly",
        }
    }

    pub fn parse(value: &str) -> Option<Cadence> {
        Cadence::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

/// Where a talking point stands: open until the meeting discusses it or carries it over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AgendaStatus {
    #[default]
    Open,
    Discussed,
    Carried,
}

impl AgendaStatus {
    pub const ALL: [AgendaStatus; 3] = [
        AgendaStatus::Open,
        AgendaStatus::Discussed,
        AgendaStatus::Carried,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgendaStatus::Open => "open",
            AgendaStatus::Discussed => "discussed",
            AgendaStatus::Carried => "carried",
        }
    }

    pub fn parse(value: &str) -> Option<AgendaStatus> {
        AgendaStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// Who is to do an action item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    /// The lead.
    Lead,
    /// The person the one-on-one is with.
    Person,
}

impl Owner {
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Lead => "lead",
            Owner::Person => "person",
        }
    }

    pub fn parse(value: &str) -> Option<Owner> {
        [Owner::Lead, Owner::Person]
            .into_iter()
            .find(|o| o.as_str() == value)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedbackKind {
    Praise,
    Constructive,
}

impl FeedbackKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackKind::Praise => "praise",
            FeedbackKind::Constructive => "constructive",
        }
    }

    pub fn parse(value: &str) -> Option<FeedbackKind> {
        [FeedbackKind::Praise, FeedbackKind::Constructive]
            .into_iter()
            .find(|k| k.as_str() == value)
    }
}

macro_rules! text_enum_sql {
    ($name:ident) => {
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    FromSqlError::Other(format!("unknown {} {text:?}", stringify!($name)).into())
                })
            }
        }
    };
}

text_enum_sql!(Stage);
text_enum_sql!(EstimateUnit);
text_enum_sql!(Priority);
text_enum_sql!(LabelColor);
text_enum_sql!(Cadence);
text_enum_sql!(AgendaStatus);
text_enum_sql!(Owner);
text_enum_sql!(FeedbackKind);

impl ToSql for Estimate {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(i64::from(self.0)))
    }
}

impl FromSql for Estimate {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let centi = i64::column_result(value)?;
        u32::try_from(centi)
            .map(Estimate)
            .map_err(|_| FromSqlError::OutOfRange(centi))
    }
}

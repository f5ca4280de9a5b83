//! The wire format between the UI and the core.
//!
//! Only this crate knows how things look as JSON. Each transport type is converted from a core
//! type at the boundary; the TypeScript twins in `ui/src/bindings/` are generated from these
//! definitions (`make bindings`) and checked for staleness by `make test`.

pub mod backup;
pub mod interchange;
pub mod journal;
pub mod plan;
pub mod workload;

use serde::{Deserialize, Serialize};
use teamlead_core as core;
use ts_rs::TS;

pub mod reports;

/// The one error shape every command returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: ErrorCode,
    /// A sentence the UI can show as it is.
    pub message: String,
}

/// What the UI may branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    NotFound,
    InvalidInput,
    IncompatibleDatabase,
    Storage,
    Internal,
}

impl ErrorCode {
    /// The code as the UI sees it, for the log.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::IncompatibleDatabase => "incompatible_database",
            ErrorCode::Storage => "storage",
            ErrorCode::Internal => "internal",
        }
    }
}

impl From<core::Error> for IpcError {
    fn from(error: core::Error) -> Self {
        let code = match error.kind() {
            core::ErrorKind::NotFound => ErrorCode::NotFound,
            core::ErrorKind::InvalidInput => ErrorCode::InvalidInput,
            core::ErrorKind::IncompatibleDatabase => ErrorCode::IncompatibleDatabase,
            core::ErrorKind::Storage => ErrorCode::Storage,
        };
        IpcError {
            code,
            message: error.to_string(),
        }
    }
}

impl IpcError {
    pub fn internal(message: impl Into<String>) -> Self {
        IpcError {
            code: ErrorCode::Internal,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    /// The SQLite file the app works on.
    pub data_file: String,
    /// The folder exports are saved into, and where "Save as…" starts.
    pub export_dir: String,
    /// The folder of the app's log files.
    pub log_dir: String,
}

/// What the app needs to know at start.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Workspace {
    /// Nothing made or loaded yet: the app offers the demo team or a blank board.
    pub empty: bool,
    pub boards: Vec<BoardSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BoardSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Board {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub estimate_unit: EstimateUnit,
    /// Left to right.
    pub columns: Vec<Column>,
    /// In column order, then top to bottom within each column.
    pub cards: Vec<Card>,
    /// The board's labels, by name.
    pub labels: Vec<Label>,
    /// Open work per assignee (null: unassigned); people with no open card are left out.
    pub loads: Vec<Load>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EstimateUnit {
    Points,
    Hours,
}

/// What a column stands for in the flow of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Stage {
    NotStarted,
    InProgress,
    Done,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Load {
    #[ts(type = "number | null")]
    pub member_id: Option<i64>,
    /// Cards not in a done column.
    pub open_cards: u32,
    /// The sum of their estimates, in the board's unit.
    pub estimate: f64,
    /// How many of them have no estimate.
    pub unestimated: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Column {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub stage: Stage,
    /// More cards than this is flagged (never refused); null for no limit.
    pub wip_limit: Option<u32>,
    /// When the column was archived; null while it is on the board.
    #[ts(type = "number | null")]
    pub archived_at: Option<i64>,
}

/// An archived column and how many cards went with it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ArchivedColumn {
    pub column: Column,
    pub cards: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Priority {
    Urgent,
    High,
    Normal,
    Low,
}

/// The label palette (Okabe-Ito), safe with colour blindness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
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

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Label {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub color: LabelColor,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Blocked {
    pub reason: String,
    #[ts(type = "number")]
    pub since: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SkillNeed {
    pub skill: String,
    /// 1 to 5.
    pub min_level: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChecklistProgress {
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChecklistItem {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub card_id: i64,
    pub text: String,
    pub done: bool,
}

/// Where a card is after a move or a drop: all that changes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CardPlace {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub column_id: i64,
    pub rank: String,
    #[ts(type = "number | null")]
    pub assignee_id: Option<i64>,
    #[ts(type = "number")]
    pub updated_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EventKind {
    Created,
    Moved,
    Assigned,
    Renamed,
    Archived,
    Restored,
    Blocked,
    Unblocked,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CardEvent {
    pub kind: EventKind,
    #[ts(type = "number | null")]
    pub from_column_id: Option<i64>,
    #[ts(type = "number | null")]
    pub to_column_id: Option<i64>,
    #[ts(type = "number | null")]
    pub member_id: Option<i64>,
    /// The reason, for a block.
    pub detail: Option<String>,
    #[ts(type = "number")]
    pub at: i64,
}

/// A card with its checklist, its history and the flow dates read from it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CardDetail {
    pub card: Card,
    pub checklist: Vec<ChecklistItem>,
    /// Oldest first.
    pub history: Vec<CardEvent>,
    /// The first time it entered an in-progress or done column.
    #[ts(type = "number | null")]
    pub started_at: Option<i64>,
    /// When it last entered a done column, while it is in one.
    #[ts(type = "number | null")]
    pub done_at: Option<i64>,
    /// The team goal the card serves, if any.
    #[ts(type = "number | null")]
    pub team_goal_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Card {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub column_id: i64,
    /// Order within the column: compare as strings.
    pub rank: String,
    pub title: String,
    /// Markdown; shown rendered and sanitized.
    pub description: String,
    #[ts(type = "number | null")]
    pub assignee_id: Option<i64>,
    /// In the board's unit; null when not estimated.
    pub estimate: Option<f64>,
    pub priority: Priority,
    /// A calendar day, YYYY-MM-DD; null for none.
    pub due: Option<String>,
    /// Null unless the card is blocked.
    pub blocked: Option<Blocked>,
    /// The person the card stays with when work is balanced (its assignee); null when not pinned.
    #[ts(type = "number | null")]
    pub pinned_to: Option<i64>,
    /// In label id order.
    #[ts(type = "number[]")]
    pub label_ids: Vec<i64>,
    /// In skill name order.
    pub skills: Vec<SkillNeed>,
    pub checklist: ChecklistProgress,
    /// When the card was archived; null while it is on the board.
    #[ts(type = "number | null")]
    pub archived_at: Option<i64>,
    /// Milliseconds since the Unix epoch.
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number")]
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Member {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub role: String,
    pub skills: Vec<Skill>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Skill {
    pub name: String,
    /// 1 (learning) to 5 (expert).
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct CreateCard {
    #[ts(type = "number")]
    pub column_id: i64,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RenameCard {
    #[ts(type = "number")]
    pub card_id: i64,
    pub title: String,
}

/// Puts a card into `columnId` right after `afterId`, or first when `afterId` is null.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct MoveCard {
    #[ts(type = "number")]
    pub card_id: i64,
    #[ts(type = "number")]
    pub column_id: i64,
    #[ts(type = "number | null")]
    pub after_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AssignCard {
    #[ts(type = "number")]
    pub card_id: i64,
    /// null to unassign.
    #[ts(type = "number | null")]
    pub member_id: Option<i64>,
}

/// Moves a card and gives it to `memberId` (null: nobody) as one undoable action.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct PlaceCard {
    #[ts(type = "number")]
    pub card_id: i64,
    #[ts(type = "number")]
    pub column_id: i64,
    #[ts(type = "number | null")]
    pub after_id: Option<i64>,
    #[ts(type = "number | null")]
    pub member_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetWipLimit {
    #[ts(type = "number")]
    pub column_id: i64,
    /// null for no limit.
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetEstimate {
    #[ts(type = "number")]
    pub card_id: i64,
    /// In the board's unit; null to clear.
    pub estimate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AddColumn {
    #[ts(type = "number")]
    pub board_id: i64,
    pub name: String,
    /// The column to place it after; null to place it first.
    #[ts(type = "number | null")]
    pub after_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RenameColumn {
    #[ts(type = "number")]
    pub column_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct MoveColumn {
    #[ts(type = "number")]
    pub column_id: i64,
    /// The column to place it after; null to place it first.
    #[ts(type = "number | null")]
    pub after_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct DeleteColumn {
    #[ts(type = "number")]
    pub column_id: i64,
    /// Where the column's cards go; required when it has any.
    #[ts(type = "number | null")]
    pub cards_to: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RenameBoard {
    #[ts(type = "number")]
    pub board_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetDescription {
    #[ts(type = "number")]
    pub card_id: i64,
    /// Markdown; empty clears.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetPriority {
    #[ts(type = "number")]
    pub card_id: i64,
    pub priority: Priority,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetDue {
    #[ts(type = "number")]
    pub card_id: i64,
    /// YYYY-MM-DD; null clears.
    pub due: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct BlockCard {
    #[ts(type = "number")]
    pub card_id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct CreateLabel {
    #[ts(type = "number")]
    pub board_id: i64,
    pub name: String,
    pub color: LabelColor,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct UpdateLabel {
    #[ts(type = "number")]
    pub label_id: i64,
    pub name: String,
    pub color: LabelColor,
}

/// Puts a label on a card (`on`) or takes it off.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetCardLabel {
    #[ts(type = "number")]
    pub card_id: i64,
    #[ts(type = "number")]
    pub label_id: i64,
    pub on: bool,
}

/// Requires a skill at `minLevel` (1 to 5), or no longer (null).
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetCardSkill {
    #[ts(type = "number")]
    pub card_id: i64,
    pub skill: String,
    pub min_level: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AddChecklistItem {
    #[ts(type = "number")]
    pub card_id: i64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RenameChecklistItem {
    #[ts(type = "number")]
    pub item_id: i64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct CheckChecklistItem {
    #[ts(type = "number")]
    pub item_id: i64,
    pub done: bool,
}

/// What an undo or redo did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UndoStep {
    /// The action undone or redone ("Move card"); null when there was nothing to do.
    pub label: Option<String>,
}

impl From<core::BoardView> for Board {
    fn from(view: core::BoardView) -> Self {
        let loads = view.loads().into_iter().map(Load::from).collect();
        Board {
            id: view.board.id.0,
            name: view.board.name,
            estimate_unit: view.board.estimate_unit.into(),
            columns: view.columns.into_iter().map(Column::from).collect(),
            cards: view.cards.into_iter().map(Card::from).collect(),
            labels: view.labels.into_iter().map(Label::from).collect(),
            loads,
        }
    }
}

impl From<core::EstimateUnit> for EstimateUnit {
    fn from(unit: core::EstimateUnit) -> Self {
        match unit {
            core::EstimateUnit::Points => EstimateUnit::Points,
            core::EstimateUnit::Hours => EstimateUnit::Hours,
        }
    }
}

impl From<core::Stage> for Stage {
    fn from(stage: core::Stage) -> Self {
        match stage {
            core::Stage::NotStarted => Stage::NotStarted,
            core::Stage::InProgress => Stage::InProgress,
            core::Stage::Done => Stage::Done,
        }
    }
}

impl From<core::Load> for Load {
    fn from(load: core::Load) -> Self {
        Load {
            member_id: load.member.map(|m| m.0),
            open_cards: load.open_cards,
            estimate: load.estimate.units(),
            unestimated: load.unestimated,
        }
    }
}

impl From<core::Board> for BoardSummary {
    fn from(board: core::Board) -> Self {
        BoardSummary {
            id: board.id.0,
            name: board.name,
        }
    }
}

impl From<core::Column> for Column {
    fn from(column: core::Column) -> Self {
        Column {
            id: column.id.0,
            name: column.name,
            stage: column.stage.into(),
            wip_limit: column.wip_limit,
            archived_at: column.archived_at,
        }
    }
}

impl From<core::Card> for Card {
    fn from(card: core::Card) -> Self {
        Card {
            id: card.id.0,
            column_id: card.column_id.0,
            rank: card.rank,
            title: card.title,
            description: card.description,
            assignee_id: card.assignee.map(|m| m.0),
            estimate: card.estimate.map(|e| e.units()),
            priority: card.priority.into(),
            due: card.due.map(|d| d.format("%Y-%m-%d").to_string()),
            blocked: card.blocked.map(|b| Blocked {
                reason: b.reason,
                since: b.since,
            }),
            pinned_to: card.pinned_to.map(|m| m.0),
            label_ids: card.labels.into_iter().map(|l| l.0).collect(),
            skills: card
                .skills
                .into_iter()
                .map(|s| SkillNeed {
                    skill: s.skill,
                    min_level: s.min_level,
                })
                .collect(),
            checklist: ChecklistProgress {
                done: card.checklist.done,
                total: card.checklist.total,
            },
            archived_at: card.archived_at,
            created_at: card.created_at,
            updated_at: card.updated_at,
        }
    }
}

impl From<core::Member> for Member {
    fn from(member: core::Member) -> Self {
        Member {
            id: member.id.0,
            name: member.name,
            role: member.role,
            skills: member
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

impl From<core::Priority> for Priority {
    fn from(priority: core::Priority) -> Self {
        match priority {
            core::Priority::Urgent => Priority::Urgent,
            core::Priority::High => Priority::High,
            core::Priority::Normal => Priority::Normal,
            core::Priority::Low => Priority::Low,
        }
    }
}

impl From<Priority> for core::Priority {
    fn from(priority: Priority) -> Self {
        match priority {
            Priority::Urgent => core::Priority::Urgent,
            Priority::High => core::Priority::High,
            Priority::Normal => core::Priority::Normal,
            Priority::Low => core::Priority::Low,
        }
    }
}

impl From<core::LabelColor> for LabelColor {
    fn from(color: core::LabelColor) -> Self {
        match color {
            core::LabelColor::Orange => LabelColor::Orange,
            core::LabelColor::Sky => LabelColor::Sky,
            core::LabelColor::Green => LabelColor::Green,
            core::LabelColor::Yellow => LabelColor::Yellow,
            core::LabelColor::Blue => LabelColor::Blue,
            core::LabelColor::Vermillion => LabelColor::Vermillion,
            core::LabelColor::Purple => LabelColor::Purple,
            core::LabelColor::Grey => LabelColor::Grey,
        }
    }
}

impl From<LabelColor> for core::LabelColor {
    fn from(color: LabelColor) -> Self {
        match color {
            LabelColor::Orange => core::LabelColor::Orange,
            LabelColor::Sky => core::LabelColor::Sky,
            LabelColor::Green => core::LabelColor::Green,
            LabelColor::Yellow => core::LabelColor::Yellow,
            LabelColor::Blue => core::LabelColor::Blue,
            LabelColor::Vermillion => core::LabelColor::Vermillion,
            LabelColor::Purple => core::LabelColor::Purple,
            LabelColor::Grey => core::LabelColor::Grey,
        }
    }
}

impl From<core::Label> for Label {
    fn from(label: core::Label) -> Self {
        Label {
            id: label.id.0,
            name: label.name,
            color: label.color.into(),
        }
    }
}

impl From<core::CardPlace> for CardPlace {
    fn from(place: core::CardPlace) -> Self {
        CardPlace {
            id: place.id.0,
            column_id: place.column_id.0,
            rank: place.rank,
            assignee_id: place.assignee.map(|m| m.0),
            updated_at: place.updated_at,
        }
    }
}

impl From<core::ChecklistItem> for ChecklistItem {
    fn from(item: core::ChecklistItem) -> Self {
        ChecklistItem {
            id: item.id.0,
            card_id: item.card_id.0,
            text: item.text,
            done: item.done,
        }
    }
}

impl From<core::board::EventKind> for EventKind {
    fn from(kind: core::board::EventKind) -> Self {
        use core::board::EventKind as K;
        match kind {
            K::Created => EventKind::Created,
            K::Moved => EventKind::Moved,
            K::Assigned => EventKind::Assigned,
            K::Renamed => EventKind::Renamed,
            K::Archived => EventKind::Archived,
            K::Restored => EventKind::Restored,
            K::Blocked => EventKind::Blocked,
            K::Unblocked => EventKind::Unblocked,
        }
    }
}

impl From<core::CardDetail> for CardDetail {
    fn from(detail: core::CardDetail) -> Self {
        CardDetail {
            card: detail.card.into(),
            checklist: detail.checklist.into_iter().map(Into::into).collect(),
            history: detail
                .history
                .into_iter()
                .map(|e| CardEvent {
                    kind: e.kind.into(),
                    from_column_id: e.from_column.map(|c| c.0),
                    to_column_id: e.to_column.map(|c| c.0),
                    member_id: e.member.map(|m| m.0),
                    detail: e.detail,
                    at: e.at,
                })
                .collect(),
            started_at: detail.started_at,
            done_at: detail.done_at,
            team_goal_id: detail.team_goal.map(|g| g.0),
        }
    }
}

impl From<(core::Column, u32)> for ArchivedColumn {
    fn from((column, cards): (core::Column, u32)) -> Self {
        ArchivedColumn {
            column: column.into(),
            cards,
        }
    }
}

impl SetDue {
    /// The due date, checked: a real calendar day written YYYY-MM-DD.
    pub fn date(&self) -> Result<Option<chrono::NaiveDate>, IpcError> {
        self.due.as_deref().map(day).transpose()
    }
}

/// A calendar day written YYYY-MM-DD; anything else is refused with a message for the user.
pub fn day(text: &str) -> Result<chrono::NaiveDate, IpcError> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| IpcError {
        code: ErrorCode::InvalidInput,
        message: format!("\u{201c}{text}\u{201d} is not a date; write it as YYYY-MM-DD."),
    })
}

impl PlaceCard {
    pub fn placement(&self) -> (core::CardId, core::Placement, Option<core::MemberId>) {
        (
            core::CardId(self.card_id),
            core::Placement {
                column: core::ColumnId(self.column_id),
                after: self.after_id.map(core::CardId),
            },
            self.member_id.map(core::MemberId),
        )
    }
}

impl MoveCard {
    pub fn placement(&self) -> (core::CardId, core::Placement) {
        (
            core::CardId(self.card_id),
            core::Placement {
                column: core::ColumnId(self.column_id),
                after: self.after_id.map(core::CardId),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_their_category_and_message() {
        let error = IpcError::from(core::Error::NotFound {
            entity: core::Entity::Card,
            id: 7,
        });
        assert_eq!(error.code, ErrorCode::NotFound);
        assert!(error.message.contains("card"), "{}", error.message);
    }

    #[test]
    fn due_dates_must_be_real_days() {
        let due = |text: Option<&str>| SetDue {
            card_id: 1,
            due: text.map(str::to_owned),
        };
        assert_eq!(
            due(Some("2026-12-04")).date().unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
        );
        assert_eq!(due(None).date().unwrap(), None);
        for bad in ["2026-02-30", "04/12/2026", "", "tomorrow"] {
            let error = due(Some(bad)).date().unwrap_err();
            assert_eq!(error.code, ErrorCode::InvalidInput);
            assert!(error.message.contains("YYYY-MM-DD"), "{}", error.message);
        }
    }

    #[test]
    fn requests_refuse_unknown_fields() {
        let parsed: Result<MoveCard, _> =
            serde_json::from_str(r#"{"cardId": 1, "columnId": 2, "afterId": null, "extra": true}"#);
        assert!(parsed.is_err());
        let parsed: MoveCard =
            serde_json::from_str(r#"{"cardId": 1, "columnId": 2, "afterId": 3}"#).unwrap();
        assert_eq!(parsed.after_id, Some(3));
    }
}

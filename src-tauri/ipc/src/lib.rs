//! The wire format between the UI and the core.
//!
//! Only this crate knows how things look as JSON. Each transport type is converted from a core
//! type at the boundary; the TypeScript twins in `ui/src/bindings/` are generated from these
//! definitions (`make bindings`) and checked for staleness by `make test`.

pub mod plan;

use serde::{Deserialize, Serialize};
use teamlead_core as core;
use ts_rs::TS;

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
    #[ts(type = "number | null")]
    pub assignee_id: Option<i64>,
    /// In the board's unit; null when not estimated.
    pub estimate: Option<f64>,
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
            assignee_id: card.assignee.map(|m| m.0),
            estimate: card.estimate.map(|e| e.units()),
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
    fn requests_refuse_unknown_fields() {
        let parsed: Result<MoveCard, _> =
            serde_json::from_str(r#"{"cardId": 1, "columnId": 2, "afterId": null, "extra": true}"#);
        assert!(parsed.is_err());
        let parsed: MoveCard =
            serde_json::from_str(r#"{"cardId": 1, "columnId": 2, "afterId": 3}"#).unwrap();
        assert_eq!(parsed.after_id, Some(3));
    }
}

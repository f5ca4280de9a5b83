//! Transport types for exporting the whole workspace and importing files (Teamlead's own
//! export, a Trello board, CSV).

use serde::{Deserialize, Serialize};
use teamlead_interchange as interchange;
use ts_rs::TS;

use crate::{ErrorCode, IpcError};

impl From<interchange::Error> for IpcError {
    fn from(error: interchange::Error) -> Self {
        let code = match error.kind() {
            interchange::ErrorKind::InvalidInput => ErrorCode::InvalidInput,
            interchange::ErrorKind::NotFound => ErrorCode::NotFound,
            interchange::ErrorKind::IncompatibleDatabase => ErrorCode::IncompatibleDatabase,
            interchange::ErrorKind::Storage => ErrorCode::Storage,
        };
        IpcError {
            code,
            message: error.to_string(),
        }
    }
}

/// Writes everything in the workspace to `path` as one JSON file (`docs/data-format.md`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ExportWorkspace {
    pub path: String,
    /// Replace a file already at `path` (the user confirmed it, as the save dialog asks).
    /// Otherwise an existing file is refused and left alone.
    pub replace: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportedWorkspace {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What kind of file to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportKind {
    /// A Teamlead export; only into an empty workspace.
    Json,
    /// A Trello board's JSON export; becomes a new board.
    Trello,
    /// A CSV file of cards, into `boardId` (or a new board named after the file).
    Csv,
}

impl From<ImportKind> for interchange::Kind {
    fn from(kind: ImportKind) -> Self {
        match kind {
            ImportKind::Json => interchange::Kind::Json,
            ImportKind::Trello => interchange::Kind::Trello,
            ImportKind::Csv => interchange::Kind::Csv,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ImportFile {
    pub kind: ImportKind,
    pub path: String,
    /// For CSV: the board the cards go to; null makes a new board named after the file.
    #[ts(type = "number | null")]
    pub board_id: Option<i64>,
}

/// What an import added. Columns, labels and people count only those made, not those
/// matched by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportSummary {
    /// The board to show: the one the cards went to, or the first one of an export.
    #[ts(type = "number | null")]
    pub board_id: Option<i64>,
    pub boards: u32,
    pub columns: u32,
    pub cards: u32,
    pub labels: u32,
    pub people: u32,
    pub sessions: u32,
}

impl From<interchange::Imported> for ImportSummary {
    fn from(imported: interchange::Imported) -> Self {
        ImportSummary {
            board_id: imported.board,
            boards: imported.boards,
            columns: imported.columns,
            cards: imported.cards,
            labels: imported.labels,
            people: imported.people,
            sessions: imported.sessions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_read_as_the_ui_sends_them() {
        let req: ImportFile =
            serde_json::from_str(r#"{"kind": "trello", "path": "/tmp/b.json", "boardId": null}"#)
                .unwrap();
        assert_eq!(req.kind, ImportKind::Trello);
        assert_eq!(interchange::Kind::from(req.kind), interchange::Kind::Trello);
        let req: ImportFile =
            serde_json::from_str(r#"{"kind": "csv", "path": "/tmp/c.csv", "boardId": 3}"#).unwrap();
        assert_eq!(req.board_id, Some(3));
        assert!(serde_json::from_str::<ImportFile>(r#"{"kind": "xlsx", "path": "x"}"#).is_err());
        let req: ExportWorkspace =
            serde_json::from_str(r#"{"path": "/tmp/all.json", "replace": false}"#).unwrap();
        assert!(!req.replace);
    }

    #[test]
    fn refusals_keep_their_message_and_get_a_code() {
        let error = IpcError::from(interchange::Error::Empty {
            file: "a.csv".into(),
        });
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(error.message, "a.csv is empty. Nothing was imported.");
        let error = IpcError::from(interchange::Error::Write {
            path: "/x/a.json".into(),
            reason: "permission denied".into(),
        });
        assert_eq!(error.code, ErrorCode::Storage);
        let summary = ImportSummary::from(interchange::Imported {
            board: Some(4),
            cards: 7,
            ..Default::default()
        });
        assert_eq!(
            serde_json::to_value(summary).unwrap(),
            serde_json::json!({"boardId": 4, "boards": 0, "columns": 0, "cards": 7,
                               "labels": 0, "people": 0, "sessions": 0})
        );
    }
}

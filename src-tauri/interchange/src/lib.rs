//! Teamlead's files: the whole workspace written to one versioned JSON file and read back
//! into an empty workspace (`docs/data-format.md`), and boards brought in from a Trello
//! export or a CSV file.
//!
//! Reading a file is apart from applying it ([`prepare`], then [`apply`]), so the app can
//! read and parse on a blocking task and hold the store only to write. Every import is one
//! transaction: a refusal, wherever it happens, leaves the workspace as it was.

pub mod csv;
mod error;
pub mod export;
pub mod format;
pub mod import;
pub mod read;
pub mod trello;

use std::path::Path;

use teamlead_core::import::BoardImport;
use teamlead_core::{BoardId, Store};

pub use error::{Error, ErrorKind, Result};
pub use export::{export, export_file};
pub use format::Document;
pub use import::Imported;
pub use read::MAX_FILE_BYTES;

/// The kinds of file that can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Teamlead's own export.
    Json,
    Trello,
    Csv,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Json, Kind::Trello, Kind::Csv];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Json => "json",
            Kind::Trello => "trello",
            Kind::Csv => "csv",
        }
    }

    pub fn parse(value: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// A file read and parsed, ready to apply.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The file's name, for messages.
    pub file: String,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    /// A whole workspace, for an empty one.
    Workspace(Box<Document>),
    /// A board's worth of cards.
    Board(BoardImport),
}

/// Reads and parses `path` as a file of `kind`. CSV cards go to `board`, or to a new board
/// named after the file when it is `None`. Touches no database.
pub fn prepare(kind: Kind, path: &Path, board: Option<BoardId>) -> Result<Prepared> {
    let file = read::display_name(path);
    let text = read::read_text(path, MAX_FILE_BYTES)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Imported cards".to_owned());
    prepare_text(kind, &file, &text, board, &stem)
}

/// [`prepare`] for text already read; `new_board` names the board a CSV file makes.
pub fn prepare_text(
    kind: Kind,
    file: &str,
    text: &str,
    board: Option<BoardId>,
    new_board: &str,
) -> Result<Prepared> {
    let content = match kind {
        Kind::Json => Content::Workspace(Box::new(import::parse(file, text)?)),
        Kind::Trello => Content::Board(trello::parse(file, text)?),
        Kind::Csv => {
            let target = match board {
                Some(board) => csv::Target::Board(board),
                None => csv::Target::NewBoard(new_board.chars().take(120).collect()),
            };
            Content::Board(csv::parse(file, text, target)?)
        }
    };
    Ok(Prepared {
        file: file.to_owned(),
        content,
    })
}

/// Writes a prepared file into the store, in one transaction.
pub fn apply(store: &mut Store, prepared: Prepared) -> Result<Imported> {
    let file = prepared.file;
    match prepared.content {
        Content::Workspace(document) => import::import(store, &file, *document),
        Content::Board(board) => {
            let added = store
                .import_board(&board)
                .map_err(|e| Error::from_core(&file, e))?;
            Ok(Imported {
                board: Some(added.board.0),
                boards: u32::from(added.board_created),
                columns: added.columns_created,
                cards: added.cards,
                labels: added.labels_created,
                people: added.people_created,
                sessions: 0,
            })
        }
    }
}

/// Reads `path` as a file of `kind` and imports it: [`prepare`] then [`apply`].
pub fn import_file(
    store: &mut Store,
    kind: Kind,
    path: &Path,
    board: Option<BoardId>,
) -> Result<Imported> {
    let prepared = prepare(kind, path, board)?;
    apply(store, prepared)
}

use std::fmt;

/// The kinds of stored thing an id can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Board,
    Column,
    Card,
    Member,
    Label,
    ChecklistItem,
    Session,
    AgendaItem,
    ActionItem,
    Feedback,
    Goal,
    Template,
    TimeOff,
    TeamGoal,
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Entity::Board => "board",
            Entity::Column => "column",
            Entity::Card => "card",
            Entity::Member => "team member",
            Entity::Label => "label",
            Entity::ChecklistItem => "checklist item",
            Entity::Session => "one-on-one",
            Entity::AgendaItem => "talking point",
            Entity::ActionItem => "action item",
            Entity::Feedback => "feedback entry",
            Entity::Goal => "growth goal",
            Entity::Template => "agenda template",
            Entity::TimeOff => "time off",
            Entity::TeamGoal => "goal",
        })
    }
}

/// Every way a core operation can fail. A failed write leaves the database unchanged.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("That {entity} (id {id}) does not exist. It may have been deleted.")]
    NotFound { entity: Entity, id: i64 },

    /// Input that breaks a rule; `message` is written for the user.
    #[error("{message}")]
    InvalidInput {
        field: &'static str,
        message: String,
    },

    #[error(
        "This database was written by a newer version of Teamlead (schema {found}, this \
         version knows up to {supported}). Update Teamlead to open it; the file was not changed."
    )]
    SchemaTooNew { found: i64, supported: i64 },

    #[error("{path} is not a Teamlead database.")]
    NotTeamleadDatabase { path: String },

    #[error(
        "Migration {version} applied to this database differs from the one built into this \
         version of Teamlead; the file was not changed."
    )]
    MigrationChanged { version: i64 },

    #[error("The database reported an error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("A file could not be read or written: {0}")]
    Io(#[from] std::io::Error),

    /// An export that could not be saved; nothing was left at `path`.
    #[error("The report could not be saved to {path}: {reason}. No file was written.")]
    Export { path: String, reason: String },

    /// A backup that could not be made; no partial file is left under its name.
    #[error("The backup could not be written to {path}: {reason}. Your data was not changed.")]
    Backup { path: String, reason: String },

    /// A file that cannot be restored, found before anything was touched.
    #[error("{path} cannot be restored: {reason} Your current data was not changed.")]
    RestoreRefused {
        path: String,
        reason: RestoreRefusal,
    },

    /// A restore that passed its checks but could not be carried out.
    #[error("{path} could not be restored: {reason}. Your current data was not changed.")]
    RestoreFailed { path: String, reason: String },
}

/// Why a file cannot be restored; each reads as the end of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreRefusal {
    /// There is no file there, or it cannot be read.
    Unreadable(String),
    Empty,
    /// Not an SQLite database at all (a text file, say).
    NotSqlite,
    /// An SQLite database of another application.
    Foreign,
    TooNew {
        found: i64,
        supported: i64,
    },
    /// A migration recorded in the file differs from the one built into this version.
    MigrationChanged {
        version: i64,
    },
    /// Damaged or truncated: what SQLite's integrity check said.
    Corrupt(String),
}

impl fmt::Display for RestoreRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestoreRefusal::Unreadable(reason) => write!(f, "it cannot be read ({reason})."),
            RestoreRefusal::Empty => f.write_str("the file is empty."),
            RestoreRefusal::NotSqlite => f.write_str("it is not a database file."),
            RestoreRefusal::Foreign => {
                f.write_str("it is the database of another application, not of Teamlead.")
            }
            RestoreRefusal::TooNew { found, supported } => write!(
                f,
                "it was written by a newer version of Teamlead (schema {found}; this version \
                 knows up to {supported}). Update Teamlead to restore it."
            ),
            RestoreRefusal::MigrationChanged { version } => write!(
                f,
                "its migration {version} differs from the one built into this version of \
                 Teamlead."
            ),
            RestoreRefusal::Corrupt(detail) => write!(f, "it is damaged ({detail})."),
        }
    }
}

/// The stable category of an [`Error`], for callers that branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    InvalidInput,
    IncompatibleDatabase,
    Storage,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::SchemaTooNew { .. }
            | Error::NotTeamleadDatabase { .. }
            | Error::MigrationChanged { .. }
            | Error::RestoreRefused { .. } => ErrorKind::IncompatibleDatabase,
            Error::Sqlite(_)
            | Error::Io(_)
            | Error::Export { .. }
            | Error::Backup { .. }
            | Error::RestoreFailed { .. } => ErrorKind::Storage,
        }
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            message: message.into(),
        }
    }

    pub(crate) fn not_found(entity: Entity, id: i64) -> Self {
        Error::NotFound { entity, id }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

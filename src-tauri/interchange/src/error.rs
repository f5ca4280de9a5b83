use std::fmt;

/// Every way reading, importing or exporting a file can fail. A failed import leaves the
/// workspace unchanged; a failed export leaves no file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file} could not be read: {reason}. Nothing was imported.")]
    Read { file: String, reason: String },

    #[error(
        "{file} is {size} bytes, more than the {limit} bytes ({} MiB) a file to import may \
         have. Nothing was imported.", limit / (1024 * 1024)
    )]
    TooLarge { file: String, size: u64, limit: u64 },

    #[error("{file} is empty. Nothing was imported.")]
    Empty { file: String },

    #[error(
        "{file} is not UTF-8 text: line {line}, column {column} has bytes that are not \
         UTF-8. Save it as UTF-8 and try again. Nothing was imported."
    )]
    NotUtf8 {
        file: String,
        line: usize,
        column: usize,
    },

    /// Broken JSON, or JSON whose values have the wrong type or shape.
    #[error(
        "{file} is not valid: {problem} at line {line}, column {column}. Nothing was imported."
    )]
    Json {
        file: String,
        problem: String,
        line: usize,
        column: usize,
    },

    #[error("{file} is not a {expected}: {reason}. Nothing was imported.")]
    WrongFormat {
        file: String,
        expected: &'static str,
        reason: String,
    },

    #[error(
        "{file} is a Teamlead export of version {found}; this version of Teamlead reads \
         version {supported}. Update Teamlead to import it. Nothing was imported."
    )]
    NewerVersion {
        file: String,
        found: u64,
        supported: u32,
    },

    /// Well-formed, but breaking a rule; `message` says where ("Card 7: …").
    #[error("{file}: {message} Nothing was imported.")]
    Invalid { file: String, message: String },

    #[error(
        "This workspace already has {what}. A Teamlead export is imported only into an empty \
         workspace, so that nothing is mixed or overwritten: import it with another data \
         folder (--data-dir). Nothing was imported."
    )]
    NotEmpty { what: String },

    #[error(
        "{path} already exists. Choose another name, or confirm replacing it. Nothing was \
         written."
    )]
    Exists { path: String },

    #[error(
        "The workspace takes {size} bytes as JSON, more than the {limit} bytes an import \
         accepts, so the file could not be imported again. Nothing was written."
    )]
    ExportTooLarge { size: u64, limit: u64 },

    #[error("The export could not be saved to {path}: {reason}. No file was written.")]
    Write { path: String, reason: String },

    #[error(transparent)]
    Core(#[from] teamlead_core::Error),
}

/// The stable category of an [`Error`], for callers that branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file (or the request) is wrong; the user can fix it.
    InvalidInput,
    NotFound,
    IncompatibleDatabase,
    /// Reading or writing failed.
    Storage,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Read { .. } | Error::Write { .. } => ErrorKind::Storage,
            Error::Core(error) => match error.kind() {
                teamlead_core::ErrorKind::NotFound => ErrorKind::NotFound,
                teamlead_core::ErrorKind::InvalidInput => ErrorKind::InvalidInput,
                teamlead_core::ErrorKind::IncompatibleDatabase => ErrorKind::IncompatibleDatabase,
                teamlead_core::ErrorKind::Storage => ErrorKind::Storage,
            },
            _ => ErrorKind::InvalidInput,
        }
    }

    pub(crate) fn invalid(file: &str, message: impl fmt::Display) -> Error {
        Error::Invalid {
            file: file.to_owned(),
            message: message.to_string(),
        }
    }

    /// A core refusal of imported data, with the file named.
    pub(crate) fn from_core(file: &str, error: teamlead_core::Error) -> Error {
        match error {
            teamlead_core::Error::InvalidInput { message, .. } => Error::invalid(file, message),
            other => Error::Core(other),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        Error::Core(error.into())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

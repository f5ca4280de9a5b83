//! Reading a file to import: its size is checked before anything is read, then it must be
//! UTF-8 text; JSON errors say what is wrong and where.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// The largest file that is imported: 64 MiB. Checked before reading, so a huge file is
/// refused without loading it.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How a file is named in messages: its file name, else the whole path.
pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads `path` as UTF-8 text of at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> Result<String> {
    let file = display_name(path);
    let failed = |error: std::io::Error| Error::Read {
        file: path.display().to_string(),
        reason: match error.kind() {
            std::io::ErrorKind::NotFound => "there is no such file".to_owned(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => error.to_string(),
        },
    };
    let meta = std::fs::metadata(path).map_err(failed)?;
    if meta.is_dir() {
        return Err(Error::Read {
            file: path.display().to_string(),
            reason: "that is a folder, not a file".to_owned(),
        });
    }
    if meta.len() > limit {
        return Err(Error::TooLarge {
            file,
            size: meta.len(),
            limit,
        });
    }
    // The file may grow meanwhile, or be a device that reports no size: never read more
    // than one byte past the limit.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    File::open(path)
        .map_err(failed)?
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            file,
            size: bytes.len() as u64,
            limit,
        });
    }
    text(&file, bytes)
}

/// The bytes as text: UTF-8, a leading byte-order mark dropped, not blank.
pub fn text(file: &str, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            // The valid prefix is UTF-8, so lines and columns are counted in characters.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let line = prefix.matches('\n').count() + 1;
            let column = prefix.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            return Err(Error::NotUtf8 {
                file: file.to_owned(),
                line,
                column,
            });
        }
    };
    if text.trim().is_empty() {
        return Err(Error::Empty {
            file: file.to_owned(),
        });
    }
    Ok(text)
}

/// Parses JSON into `T`; a failure says what and where. Nesting deeper than 128 levels is
/// refused by the parser, so a file of 100,000 `[` cannot exhaust the stack.
pub fn json<T: DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|error| json_error(file, &error))
}

pub(crate) fn json_error(file: &str, error: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    let full = error.to_string();
    // serde_json ends its messages with " at line L column C"; the location is given apart.
    let detail = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => full.as_str(),
    };
    let problem = match error.classify() {
        Category::Eof => "the file ends too early (it may be cut off)".to_owned(),
        Category::Syntax if detail.contains("recursion limit") => {
            "the values are nested too deeply (more than 128 levels)".to_owned()
        }
        Category::Syntax => format!("broken JSON ({detail})"),
        Category::Data => format!("a value of the wrong kind ({detail})"),
        Category::Io => detail.to_owned(),
    };
    Error::Json {
        file: file.to_owned(),
        problem,
        line: error.line(),
        column: error.column(),
    }
}

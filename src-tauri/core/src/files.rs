//! Writing files so that a reader never sees half of one: each goes to a temporary file in
//! the same folder, is flushed to disk, then renamed over the target, and the folder is
//! flushed so the rename itself survives a crash.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn failed(path: &Path, error: &std::io::Error) -> Error {
    let reason = match error.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::NotFound => "the folder does not exist".to_owned(),
        _ => error.to_string(),
    };
    Error::Export {
        path: path.display().to_string(),
        reason,
    }
}

fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
    target.with_file_name(format!(".{name}.{}-{unique}.tmp", std::process::id()))
}

fn write_temp(temp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(temp)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes every file or none: all are written to temporary files first, and only when all
/// of them are on disk are they renamed into place. On failure the temporary files are
/// removed and the error names the file that could not be written.
pub fn write_files_atomically(files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let mut temps: Vec<PathBuf> = Vec::with_capacity(files.len());
    let cleanup = |temps: &[PathBuf]| {
        for temp in temps {
            let _ = fs::remove_file(temp);
        }
    };
    for (path, bytes) in files {
        if path.file_name().is_none() || path.is_dir() {
            cleanup(&temps);
            return Err(Error::Export {
                path: path.display().to_string(),
                reason: "that is a folder, not a file name".to_owned(),
            });
        }
        let temp = temp_path(path);
        if let Err(error) = write_temp(&temp, bytes) {
            let _ = fs::remove_file(&temp);
            cleanup(&temps);
            return Err(failed(path, &error));
        }
        temps.push(temp);
    }
    for (index, (path, _)) in files.iter().enumerate() {
        if let Err(error) = fs::rename(&temps[index], path) {
            cleanup(&temps[index..]);
            return Err(failed(path, &error));
        }
    }
    let mut folders: Vec<&Path> = files
        .iter()
        .filter_map(|(p, _)| p.parent())
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .collect();
    folders.dedup();
    for folder in folders {
        // Not every platform can open a folder to flush it; the files themselves are.
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

/// The longest stem, in bytes: with " (n)", an extension and the temporary name a file is
/// first written under, it stays within the 255 bytes file systems allow in a name.
const MAX_STEM_BYTES: usize = 120;

/// A file name made from `text`: letters, digits, spaces, dots, dashes and underscores kept,
/// anything else (path separators, control characters) dropped; at most 80 characters and
/// [`MAX_STEM_BYTES`] bytes; never empty, never hidden.
pub fn safe_file_stem(text: &str) -> String {
    let mut kept = String::new();
    for c in text
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
        .take(80)
    {
        if kept.len() + c.len_utf8() > MAX_STEM_BYTES {
            break;
        }
        kept.push(c);
    }
    let trimmed = kept.trim().trim_start_matches('.').trim();
    if trimmed.is_empty() {
        "export".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// Paths in `dir` named `stem` with each of `extensions`, none of which exists yet: `stem`
/// itself when all are free, else `stem (2)`, `stem (3)` and so on, the same number for all.
/// So an export never replaces a file the user already has.
pub fn unused_paths(dir: &Path, stem: &str, extensions: &[&str]) -> Vec<PathBuf> {
    let named = |n: u32| -> Vec<PathBuf> {
        let base = if n == 1 {
            stem.to_owned()
        } else {
            format!("{stem} ({n})")
        };
        extensions
            .iter()
            .map(|ext| dir.join(format!("{base}.{ext}")))
            .collect()
    };
    (1..)
        .map(named)
        .find(|paths| paths.iter().all(|p| !p.exists()))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_keep_words_and_drop_what_could_escape_the_folder() {
        assert_eq!(safe_file_stem("Ana Souza"), "Ana Souza");
        assert_eq!(safe_file_stem("../../etc/passwd"), "etcpasswd");
        assert_eq!(safe_file_stem("a/b\\c\u{0}d"), "abcd");
        assert_eq!(safe_file_stem("  .hidden "), "hidden");
        assert_eq!(safe_file_stem("///"), "export");
        assert_eq!(safe_file_stem("Zoë Ørsted"), "Zoë Ørsted");
        assert_eq!(safe_file_stem(&"x".repeat(500)).len(), 80);
        // Four bytes a letter: the name is cut by its bytes, not its letters.
        assert_eq!(safe_file_stem(&"\u{1d538}".repeat(80)).len(), 120);
    }

    #[test]
    fn unused_paths_never_name_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let first = unused_paths(dir.path(), "Ana", &["md", "json"]);
        assert_eq!(
            first,
            vec![dir.path().join("Ana.md"), dir.path().join("Ana.json")]
        );
        // One of the pair taken is enough to move both on.
        fs::write(dir.path().join("Ana.json"), "mine").unwrap();
        let second = unused_paths(dir.path(), "Ana", &["md", "json"]);
        assert_eq!(
            second,
            vec![
                dir.path().join("Ana (2).md"),
                dir.path().join("Ana (2).json")
            ]
        );
        fs::write(dir.path().join("Ana (2).md"), "mine too").unwrap();
        assert_eq!(
            unused_paths(dir.path(), "Ana", &["md"])[0],
            dir.path().join("Ana.md")
        );
        assert_eq!(
            unused_paths(dir.path(), "Ana", &["md", "json"])[0],
            dir.path().join("Ana (3).md")
        );
    }
}

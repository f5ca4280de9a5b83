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

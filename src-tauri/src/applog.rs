//! The app's own log: one line per event in `teamlead.log`, in the `logs` folder beside the
//! database, rotated by size (`teamlead.log.1` … `.3` are the older ones).
//!
//! Only fixed wording and codes are written: what started, what failed and the error's code,
//! never a message the core wrote (those may quote a title or a name), never note text, never
//! a path under the user's home. Logging never fails the app: a log that cannot be written is
//! skipped.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

pub const LOG_DIR: &str = "logs";
pub const LOG_FILE: &str = "teamlead.log";
/// A log file is rotated once it passes this size.
pub const MAX_BYTES: u64 = 1024 * 1024;
/// How many rotated files are kept besides the current one.
pub const KEEP: u32 = 3;

/// A size-rotated log file.
pub struct RotatingLog {
    dir: PathBuf,
    max_bytes: u64,
    file: Option<File>,
    size: u64,
}

impl RotatingLog {
    /// Opens (creating it if needed) the log in `dir`.
    pub fn open(dir: &Path, max_bytes: u64) -> std::io::Result<RotatingLog> {
        std::fs::create_dir_all(dir)?;
        let mut log = RotatingLog {
            dir: dir.to_path_buf(),
            max_bytes,
            file: None,
            size: 0,
        };
        log.reopen()?;
        Ok(log)
    }

    fn path(&self, generation: u32) -> PathBuf {
        match generation {
            0 => self.dir.join(LOG_FILE),
            n => self.dir.join(format!("{LOG_FILE}.{n}")),
        }
    }

    fn reopen(&mut self) -> std::io::Result<()> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.path(0))?;
        self.size = file.metadata()?.len();
        self.file = Some(file);
        Ok(())
    }

    /// Shifts every file one generation older, dropping the oldest, and starts a new one.
    fn rotate(&mut self) -> std::io::Result<()> {
        self.file = None;
        let _ = std::fs::remove_file(self.path(KEEP));
        for generation in (0..KEEP).rev() {
            let from = self.path(generation);
            if from.exists() {
                std::fs::rename(&from, self.path(generation + 1))?;
            }
        }
        self.reopen()
    }

    /// Writes one line: the UTC time, the level and the text.
    pub fn write(&mut self, level: &str, text: &str) -> std::io::Result<()> {
        if self.size >= self.max_bytes {
            self.rotate()?;
        }
        let line = format!(
            "{} {level} {}\n",
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
            text.replace(['\n', '\r'], " ")
        );
        let file = match &mut self.file {
            Some(file) => file,
            None => {
                self.reopen()?;
                self.file.as_mut().expect("just opened")
            }
        };
        file.write_all(line.as_bytes())?;
        self.size += line.len() as u64;
        Ok(())
    }
}

static LOG: OnceLock<Mutex<RotatingLog>> = OnceLock::new();

/// Starts the app's log in `dir`; later calls keep the first log.
pub fn init(dir: &Path) {
    if LOG.get().is_some() {
        return;
    }
    match RotatingLog::open(dir, MAX_BYTES) {
        Ok(log) => {
            let _ = LOG.set(Mutex::new(log));
            // A panic's location is logged; its message may hold data, so it is not.
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_else(|| "an unknown place".to_owned());
                error(&format!("panic at {at}"));
                previous(info);
            }));
        }
        Err(e) => eprintln!("teamlead: no log file in {}: {e}", dir.display()),
    }
}

fn write(level: &str, text: &str) {
    if let Some(log) = LOG.get() {
        if let Ok(mut log) = log.lock() {
            let _ = log.write(level, text);
        }
    }
}

pub fn info(text: &str) {
    write("INFO", text);
}

pub fn warn(text: &str) {
    write("WARN", text);
}

pub fn error(text: &str) {
    write("ERROR", text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(dir: &Path, name: &str) -> String {
        std::fs::read_to_string(dir.join(name)).unwrap_or_default()
    }

    #[test]
    fn lines_are_appended_with_time_and_level_on_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = RotatingLog::open(dir.path(), MAX_BYTES).unwrap();
        log.write("INFO", "started").unwrap();
        log.write("WARN", "two\nlines").unwrap();
        drop(log);
        // Reopening appends.
        let mut log = RotatingLog::open(dir.path(), MAX_BYTES).unwrap();
        log.write("INFO", "again").unwrap();
        let text = read(dir.path(), LOG_FILE);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].ends_with("Z INFO started"), "{}", lines[0]);
        assert!(lines[1].ends_with("Z WARN two lines"), "{}", lines[1]);
        assert!(lines[2].ends_with("Z INFO again"), "{}", lines[2]);
        assert_eq!(lines[0].len(), "2026-01-01T00:00:00Z INFO started".len());
    }

    #[test]
    fn a_full_log_rotates_and_only_three_old_files_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = RotatingLog::open(dir.path(), 100).unwrap();
        // Each line is about 40 bytes: three lines fill a file.
        for i in 0..30 {
            log.write("INFO", &format!("line {i:02}")).unwrap();
        }
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "teamlead.log",
                "teamlead.log.1",
                "teamlead.log.2",
                "teamlead.log.3"
            ]
        );
        // The newest line is in the current file, older ones in order behind it.
        assert!(read(dir.path(), LOG_FILE).contains("line 29"));
        assert!(read(dir.path(), "teamlead.log.1").contains("line 26"));
        assert!(!read(dir.path(), "teamlead.log.3").contains("line 00"));
        for name in &names {
            let size = std::fs::metadata(dir.path().join(name)).unwrap().len();
            assert!(size < 100 + 50, "{name} is {size} bytes");
        }
    }
}

//! `teamlead backup` and `teamlead restore FILE`: the same backups and checks as the app's,
//! without a window. Both take the data directory's one-app lock first, so they never run
//! while Teamlead has the database open.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use teamlead_core::backup::{self, BackupKind};
use teamlead_core::store::latest_version;

use crate::args::{Args, DATABASE_FILE, DATA_DIR_ENV, USAGE};
use crate::instance;

fn now() -> teamlead_core::Millis {
    chrono::Utc::now().timestamp_millis()
}

/// Runs `work` on the database file with the data directory locked; the error is a line
/// for the user.
fn locked<T>(
    args: &Args,
    create_dir: bool,
    work: impl FnOnce(&Path) -> Result<T, String>,
) -> Result<T, String> {
    let dir: PathBuf = args.resolve_data_dir(std::env::var_os(DATA_DIR_ENV))?;
    if create_dir {
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create the data directory {}: {e}", dir.display()))?;
    } else if !dir.join(DATABASE_FILE).is_file() {
        return Err(format!(
            "there is no Teamlead database at {}",
            dir.join(DATABASE_FILE).display()
        ));
    }
    let _held = instance::lock(&dir)
        .map_err(|e| format!("cannot lock {}: {e}", dir.display()))?
        .ok_or_else(|| {
            format!(
                "Teamlead is running on {}; close it first, then run this again",
                dir.display()
            )
        })?;
    work(&dir.join(DATABASE_FILE))
}

fn finish(command: &str, result: Result<String, String>) -> ExitCode {
    match result {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("teamlead {command}: {message}");
            ExitCode::FAILURE
        }
    }
}

pub fn back_up(args: &Args) -> ExitCode {
    let result = locked(args, false, |db| {
        let made = backup::back_up(db, BackupKind::Manual, now()).map_err(|e| e.to_string())?;
        Ok(format!("backed up to {}", made.path.display()))
    });
    finish("backup", result)
}

pub fn restore(args: &Args, file: &Path) -> ExitCode {
    if file.as_os_str().is_empty() {
        eprintln!("teamlead restore: the FILE to restore is empty\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let result = locked(args, true, |db| {
        let restored = backup::restore(db, file, now()).map_err(|e| e.to_string())?;
        let mut report = format!("restored {} into {}", file.display(), db.display());
        if let Some(replaced) = restored.replaced {
            report.push_str(&format!(
                "\nthe data it replaced is in {}",
                replaced.path.display()
            ));
        }
        if restored.schema_version < latest_version() {
            report.push_str(&format!(
                "\nit is of schema {}; Teamlead upgrades it when it next opens it, after \
                 backing it up",
                restored.schema_version
            ));
        }
        Ok(report)
    });
    finish("restore", result)
}

//! `teamlead export FILE` and `teamlead import KIND FILE`: the window's export and import,
//! without a window, with the same checks and messages.

use std::process::ExitCode;

use teamlead_core::{BoardId, Store};
use teamlead_interchange::{self as interchange, Imported, Kind};

use crate::args::{Args, ExportArgs, ImportArgs, DATABASE_FILE, DATA_DIR_ENV, USAGE};
use crate::instance;

fn usage(command: &str, message: &str) -> ExitCode {
    eprintln!("teamlead {command}: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn failed(command: &str, message: &str) -> ExitCode {
    eprintln!("teamlead {command}: {message}");
    ExitCode::FAILURE
}

pub fn export(args: &Args, export: &ExportArgs) -> ExitCode {
    let dir = match args.resolve_data_dir(std::env::var_os(DATA_DIR_ENV)) {
        Ok(dir) => dir,
        Err(message) => return failed("export", &message),
    };
    let file = dir.join(DATABASE_FILE);
    if !file.exists() {
        return failed(
            "export",
            &format!("there is no Teamlead database at {}", file.display()),
        );
    }
    let store = match Store::open(&file) {
        Ok(store) => store,
        Err(error) => {
            return failed(
                "export",
                &format!("cannot open {}: {error}", file.display()),
            )
        }
    };
    match interchange::export_file(&store, &export.file, export.replace) {
        Ok(bytes) => {
            println!("wrote {} ({bytes} bytes)", export.file.display());
            ExitCode::SUCCESS
        }
        Err(error) => failed("export", &error.to_string()),
    }
}

pub fn import(args: &Args, import: &ImportArgs) -> ExitCode {
    let Some(kind) = Kind::parse(&import.kind) else {
        return usage(
            "import",
            &format!("unknown kind {}: use json, trello or csv", import.kind),
        );
    };
    let board = match import.board.as_deref().map(str::parse::<i64>) {
        None => None,
        Some(Ok(id)) if kind == Kind::Csv => Some(BoardId(id)),
        Some(Ok(_)) => return usage("import", "--board is for csv imports"),
        Some(Err(_)) => return usage("import", "--board needs a board id (a number)"),
    };
    let file = match crate::data_file(args) {
        Ok(file) => file,
        Err(message) => return failed("import", &message),
    };
    let dir = file.parent().unwrap_or(std::path::Path::new("."));
    // A running app keeps its own view of the data: import while it is closed.
    let _held = match instance::hold(dir) {
        Ok(Some(held)) => held,
        Ok(None) => {
            return failed(
                "import",
                &format!(
                    "Teamlead is running on {}; close it and import again",
                    dir.display()
                ),
            )
        }
        Err(error) => return failed("import", &format!("cannot lock {}: {error}", dir.display())),
    };
    let mut store = match Store::open(&file) {
        Ok(store) => store,
        Err(error) => {
            return failed(
                "import",
                &format!("cannot open {}: {error}", file.display()),
            )
        }
    };
    match interchange::import_file(&mut store, kind, &import.file, board) {
        Ok(imported) => {
            println!(
                "imported {} from {}",
                summary(&imported),
                import.file.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => failed("import", &error.to_string()),
    }
}

/// "1 board, 4 columns, 7 cards, 4 labels, 2 people": what was added, nothing for zeros.
fn summary(imported: &Imported) -> String {
    let counts = [
        (imported.boards, "board", "boards"),
        (imported.columns, "column", "columns"),
        (imported.cards, "card", "cards"),
        (imported.labels, "label", "labels"),
        (imported.people, "person", "people"),
        (imported.sessions, "one-on-one", "one-on-ones"),
    ];
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    if parts.is_empty() {
        "nothing".to_owned()
    } else {
        parts.join(", ")
    }
}

//! `teamlead report`: writes the same report as the window's export, without a window.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use teamlead_core::metrics::{Calendar, Period};
use teamlead_core::report::Format;
use teamlead_core::{BoardId, Store};

use crate::args::{Args, ReportArgs, DATABASE_FILE, DATA_DIR_ENV, USAGE};

/// What the options ask for, checked.
struct Request {
    file: PathBuf,
    board: Option<BoardId>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    format: Format,
    out: PathBuf,
}

fn date(flag: &str, value: &Option<String>) -> Result<Option<NaiveDate>, String> {
    value
        .as_deref()
        .map(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| format!("{flag} {v} is not a date; write it as YYYY-MM-DD"))
        })
        .transpose()
}

fn request(args: &Args, report: &ReportArgs) -> Result<Request, String> {
    let format = report
        .format
        .as_deref()
        .ok_or("--format is needed: md, html, pdf or csv")?;
    let format = Format::parse(format)
        .ok_or_else(|| format!("unknown format {format}: use md, html, pdf or csv"))?;
    let out = report
        .out
        .clone()
        .ok_or("--out is needed: where to write the report")?;
    let board = report
        .board
        .as_deref()
        .map(|b| {
            b.parse()
                .map(BoardId)
                .map_err(|_| format!("--board {b} is not a board id"))
        })
        .transpose()?;
    let dir = args.resolve_data_dir(std::env::var_os(DATA_DIR_ENV))?;
    Ok(Request {
        file: dir.join(DATABASE_FILE),
        board,
        from: date("--from", &report.from)?,
        to: date("--to", &report.to)?,
        format,
        out,
    })
}

fn export(req: &Request) -> Result<Vec<PathBuf>, String> {
    if !req.file.exists() {
        return Err(format!(
            "there is no Teamlead database at {}",
            req.file.display()
        ));
    }
    let mut store =
        Store::open(&req.file).map_err(|e| format!("cannot open {}: {e}", req.file.display()))?;
    let calendar = Calendar::local();
    let today = calendar.date_of(store.now());
    let period = match (req.from, req.to) {
        (None, None) => Period::last_two_weeks(today),
        (Some(from), None) => Period::new(from, today.max(from)).map_err(|e| e.to_string())?,
        (None, Some(to)) => Period::last_two_weeks(to),
        (Some(from), Some(to)) => Period::new(from, to).map_err(|e| e.to_string())?,
    };
    let board = match req.board {
        Some(board) => board,
        None => store
            .list_boards()
            .map_err(|e| e.to_string())?
            .first()
            .map(|b| b.id)
            .ok_or("the database has no board yet")?,
    };
    // The same inputs as the app's report: capacities, one-on-ones and check-ins.
    let options = store
        .report_options(board, today)
        .map_err(|e| e.to_string())?;
    store
        .export_report(board, period, req.format, &req.out, calendar, &options)
        .map_err(|e| e.to_string())
}

pub fn run(args: &Args, report: &ReportArgs) -> ExitCode {
    let req = match request(args, report) {
        Ok(req) => req,
        Err(message) => {
            eprintln!("teamlead report: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match export(&req) {
        Ok(files) => {
            for file in files {
                println!("wrote {}", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("teamlead report: {message}");
            ExitCode::FAILURE
        }
    }
}

//! Writes the sample reports in `docs/samples/` from the demo team two weeks into
//! reporting: `cargo run -p teamlead-core --example report_samples -- docs/samples [DATA_DIR]`.
//! With DATA_DIR, the demo database is kept there (for trying `teamlead report`).

use std::path::PathBuf;

use teamlead_core::demo_history::report_demo;
use teamlead_core::metrics::{Calendar, Period};
use teamlead_core::report::{Format, ReportOptions};

/// 2026-03-13 16:00 UTC, so the samples do not change from run to run.
const NOW: i64 = 1_773_417_600_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "docs/samples".into()));
    let data = args.next().map(PathBuf::from);
    std::fs::create_dir_all(&out)?;
    let path = data.map(|dir| {
        let _ = std::fs::create_dir_all(&dir);
        dir.join("teamlead.sqlite3")
    });
    let (mut store, board) = report_demo(path.as_deref(), NOW)?;
    let calendar = Calendar::utc();
    let period = Period::last_two_weeks(calendar.date_of(NOW));
    for format in [Format::Markdown, Format::Html, Format::Pdf, Format::Csv] {
        let file = out.join(format!("report.{}", format.as_str()));
        let model = store.report_model(board, period, NOW, calendar, &ReportOptions::default())?;
        for written in teamlead_core::report::write(&model, format, &file)? {
            println!("wrote {}", written.display());
        }
    }
    // Record one export, as the app does, so a database kept for the CLI has a history.
    let model = store.report_model(board, period, NOW, calendar, &ReportOptions::default())?;
    store.record_report_export(board, &model, Format::Pdf)?;
    Ok(())
}

//! Command-line options of the app.

use std::ffi::OsString;
use std::path::PathBuf;

/// Where the database lives unless the user says otherwise.
pub const DATA_DIR_ENV: &str = "TEAMLEAD_DATA_DIR";
pub const DATABASE_FILE: &str = "teamlead.sqlite3";
pub const IDENTIFIER: &str = "dev.teamlead.desktop";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Args {
    pub data_dir: Option<PathBuf>,
    /// Where exports are saved (default: the user's Downloads folder).
    pub export_dir: Option<PathBuf>,
    /// Load the demo team when the database is empty (used by `make run`).
    pub demo_if_empty: bool,
    pub help: bool,
    pub version: bool,
    /// A command that runs without a window.
    pub command: Option<Command>,
}

/// Commands that run without a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `teamlead plan FILE.json`: plans the file and prints the plan.
    Plan(PathBuf),
    /// `teamlead report`: writes a manager report and exits.
    Report(ReportArgs),
    /// `teamlead backup`: copies the database into its backups folder.
    Backup,
    /// `teamlead restore FILE`: replaces the database with FILE, after checking it.
    Restore(PathBuf),
    /// `teamlead export FILE`: writes the whole workspace to one JSON file.
    Export(ExportArgs),
    /// `teamlead import KIND FILE`: imports a Teamlead export, a Trello board or CSV.
    Import(ImportArgs),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportArgs {
    pub file: PathBuf,
    /// Replace the file if it exists; otherwise an existing file is refused.
    pub replace: bool,
}

/// The options of `teamlead import`, as given; `interchange_cli` checks them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportArgs {
    pub kind: String,
    pub file: PathBuf,
    /// For CSV: the board the cards go to.
    pub board: Option<String>,
}

/// The options of `teamlead report`, as given; `report_cli` checks them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportArgs {
    pub from: Option<String>,
    pub to: Option<String>,
    pub format: Option<String>,
    pub out: Option<PathBuf>,
    pub board: Option<String>,
}

pub const USAGE: &str = "\
Usage: teamlead [OPTIONS]
       teamlead plan FILE.json
       teamlead report --from DATE --to DATE --format md|html|pdf|csv --out PATH [OPTIONS]
       teamlead export FILE.json [--replace] [OPTIONS]
       teamlead import json|trello|csv FILE [--board ID] [OPTIONS]
       teamlead backup [OPTIONS]
       teamlead restore FILE [OPTIONS]

Commands:
  plan FILE.json     suggest who takes which card, from a team and cards in a JSON file
                     (docs/plan-format.md); prints the plan as JSON, opens no window
  report             write the manager report of a period without opening a window;
                     dates are YYYY-MM-DD, both included (default: the last two weeks);
                     --board ID picks a board other than the first
  export FILE.json   write everything in the workspace to one JSON file
                     (docs/data-format.md); an existing file is kept unless --replace
  import KIND FILE   json: a Teamlead export, into an empty workspace only;
                     trello: a Trello board's JSON export, as a new board;
                     csv: cards (title, description, column, assignee, estimate, due,
                     labels) into board --board ID, else a new board named after the file.
                     Files up to 64 MiB; all of it is imported or nothing
  backup             copy the database into the backups folder beside it
  restore FILE       replace the database with FILE (a backup), once it is checked; the
                     data it replaces is backed up first. Both need Teamlead closed.

Options:
  --data-dir DIR     keep the database in DIR (default: $TEAMLEAD_DATA_DIR, else the
                     user's data directory)
  --export-dir DIR   save exports into DIR (default: the Downloads folder)
  --demo-if-empty    load the demo team when the database is empty
  -h, --help         print this help
  -V, --version      print the version
";

impl Args {
    pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Args, String> {
        let mut parsed = Args::default();
        let mut args = args.into_iter().peekable();
        if args.peek().and_then(|a| a.to_str()) == Some("plan") {
            args.next();
            let file = args.next().ok_or("plan needs a FILE.json")?;
            parsed.command = Some(Command::Plan(PathBuf::from(file)));
        }
        while let Some(arg) = args.next() {
            match arg.to_str() {
                Some("--data-dir") => {
                    let dir = args.next().ok_or("--data-dir needs a directory")?;
                    parsed.data_dir = Some(PathBuf::from(dir));
                }
                Some(s) if s.starts_with("--data-dir=") => {
                    parsed.data_dir = Some(PathBuf::from(&s["--data-dir=".len()..]));
                }
                Some("--export-dir") => {
                    let dir = args.next().ok_or("--export-dir needs a directory")?;
                    parsed.export_dir = Some(PathBuf::from(dir));
                }
                Some("--demo-if-empty") => parsed.demo_if_empty = true,
                Some("report") if parsed.command.is_none() => {
                    parsed.command = Some(Command::Report(ReportArgs::default()));
                }
                Some("export") if parsed.command.is_none() => {
                    let file = args.next().ok_or("export needs a FILE to write")?;
                    parsed.command = Some(Command::Export(ExportArgs {
                        file: PathBuf::from(file),
                        replace: false,
                    }));
                }
                Some("import") if parsed.command.is_none() => {
                    let kind = args
                        .next()
                        .ok_or("import needs a kind (json, trello or csv) and a FILE")?;
                    let file = args.next().ok_or("import needs a FILE after the kind")?;
                    parsed.command = Some(Command::Import(ImportArgs {
                        kind: kind.to_string_lossy().into_owned(),
                        file: PathBuf::from(file),
                        board: None,
                    }));
                }
                Some("--replace") => {
                    let Some(Command::Export(export)) = &mut parsed.command else {
                        return Err("--replace belongs to the export command".to_owned());
                    };
                    export.replace = true;
                }
                Some("--board") if matches!(parsed.command, Some(Command::Import(_))) => {
                    let board = args.next().ok_or("--board needs a value")?;
                    if let Some(Command::Import(import)) = &mut parsed.command {
                        import.board = Some(board.to_string_lossy().into_owned());
                    }
                }
                Some("backup") if parsed.command.is_none() => {
                    parsed.command = Some(Command::Backup);
                }
                Some("restore") if parsed.command.is_none() => {
                    let file = args.next().ok_or("restore needs the FILE to restore")?;
                    parsed.command = Some(Command::Restore(PathBuf::from(file)));
                }
                Some(flag @ ("--from" | "--to" | "--format" | "--out" | "--board")) => {
                    let Some(Command::Report(report)) = &mut parsed.command else {
                        return Err(format!("{flag} belongs to the report command"));
                    };
                    let value = args
                        .next()
                        .ok_or_else(|| format!("{flag} needs a value"))?
                        .to_string_lossy()
                        .into_owned();
                    match flag {
                        "--from" => report.from = Some(value),
                        "--to" => report.to = Some(value),
                        "--format" => report.format = Some(value),
                        "--out" => report.out = Some(PathBuf::from(value)),
                        _ => report.board = Some(value),
                    }
                }
                Some("-h" | "--help") => parsed.help = true,
                Some("-V" | "--version") => parsed.version = true,
                _ => return Err(format!("unknown option {}", arg.to_string_lossy())),
            }
        }
        Ok(parsed)
    }

    /// `--export-dir`, else the user's Downloads folder, else their home, else `fallback`.
    pub fn resolve_export_dir(&self, fallback: &std::path::Path) -> PathBuf {
        self.export_dir
            .clone()
            .or_else(dirs::download_dir)
            .or_else(dirs::home_dir)
            .unwrap_or_else(|| fallback.to_path_buf())
    }

    /// `--data-dir`, else `$TEAMLEAD_DATA_DIR`, else the platform's data directory.
    pub fn resolve_data_dir(&self, env: Option<OsString>) -> Result<PathBuf, String> {
        if let Some(dir) = &self.data_dir {
            return Ok(dir.clone());
        }
        if let Some(dir) = env.filter(|d| !d.is_empty()) {
            return Ok(PathBuf::from(dir));
        }
        dirs::data_dir()
            .map(|d| d.join(IDENTIFIER))
            .ok_or_else(|| format!("no data directory is known here; set {DATA_DIR_ENV}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        Args::parse(args.iter().map(OsString::from))
    }

    #[test]
    fn data_dir_flag_wins_over_the_environment() {
        let args = parse(&["--data-dir", "/tmp/a"]).unwrap();
        let dir = args.resolve_data_dir(Some("/tmp/b".into())).unwrap();
        assert_eq!(dir, PathBuf::from("/tmp/a"));
        let args = parse(&["--data-dir=/tmp/c", "--demo-if-empty"]).unwrap();
        assert_eq!(args.data_dir, Some(PathBuf::from("/tmp/c")));
        assert!(args.demo_if_empty);
    }

    #[test]
    fn the_environment_wins_over_the_platform_default() {
        let dir = parse(&[])
            .unwrap()
            .resolve_data_dir(Some("/tmp/env".into()))
            .unwrap();
        assert_eq!(dir, PathBuf::from("/tmp/env"));
        let dir = parse(&[]).unwrap().resolve_data_dir(None).unwrap();
        assert!(dir.ends_with(IDENTIFIER), "{dir:?}");
    }

    #[test]
    fn a_leading_plan_takes_the_file_and_keeps_the_options() {
        let args = parse(&["plan", "team.json"]).unwrap();
        assert_eq!(
            args.command,
            Some(Command::Plan(PathBuf::from("team.json")))
        );
        let args = parse(&["plan", "team.json", "--help"]).unwrap();
        assert!(args.help);
        assert_eq!(parse(&["plan"]).unwrap_err(), "plan needs a FILE.json");
        // Only as the first word: elsewhere it is an unknown option.
        assert!(parse(&["--demo-if-empty", "plan", "team.json"])
            .unwrap_err()
            .contains("plan"));
        assert_eq!(parse(&["--demo-if-empty"]).unwrap().command, None);
        assert!(USAGE.contains("teamlead plan FILE.json"));
    }

    #[test]
    fn exports_go_where_asked_else_to_a_folder_of_the_user() {
        let args = parse(&["--export-dir", "/tmp/out"]).unwrap();
        assert_eq!(
            args.resolve_export_dir(std::path::Path::new("/data")),
            PathBuf::from("/tmp/out")
        );
        let default = parse(&[])
            .unwrap()
            .resolve_export_dir(std::path::Path::new("/data"));
        assert!(default.is_absolute(), "{}", default.display());
        assert_eq!(
            parse(&["--export-dir"]).unwrap_err(),
            "--export-dir needs a directory"
        );
    }

    #[test]
    fn the_report_command_takes_its_options() {
        let args = parse(&[
            "--data-dir",
            "/tmp/a",
            "report",
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-13",
            "--format",
            "pdf",
            "--out",
            "/tmp/r.pdf",
        ])
        .unwrap();
        assert_eq!(args.data_dir, Some(PathBuf::from("/tmp/a")));
        assert_eq!(
            args.command,
            Some(Command::Report(ReportArgs {
                from: Some("2026-03-02".into()),
                to: Some("2026-03-13".into()),
                format: Some("pdf".into()),
                out: Some(PathBuf::from("/tmp/r.pdf")),
                board: None,
            }))
        );
        assert!(parse(&["--from", "2026-03-02"])
            .unwrap_err()
            .contains("report"));
        assert!(parse(&["report", "--out"]).unwrap_err().contains("--out"));
        assert_eq!(parse(&[]).unwrap().command, None);
    }

    #[test]
    fn export_and_import_take_their_file_and_options() {
        let args = parse(&["--data-dir", "/tmp/a", "export", "all.json", "--replace"]).unwrap();
        assert_eq!(args.data_dir, Some(PathBuf::from("/tmp/a")));
        assert_eq!(
            args.command,
            Some(Command::Export(ExportArgs {
                file: PathBuf::from("all.json"),
                replace: true,
            }))
        );
        let args = parse(&["import", "csv", "cards.csv", "--board", "2"]).unwrap();
        assert_eq!(
            args.command,
            Some(Command::Import(ImportArgs {
                kind: "csv".into(),
                file: PathBuf::from("cards.csv"),
                board: Some("2".into()),
            }))
        );
        assert_eq!(
            parse(&["export"]).unwrap_err(),
            "export needs a FILE to write"
        );
        assert_eq!(
            parse(&["import", "trello"]).unwrap_err(),
            "import needs a FILE after the kind"
        );
        assert!(parse(&["--replace"]).unwrap_err().contains("export"));
        assert!(parse(&["import", "csv", "a.csv", "--replace"]).is_err());
        assert!(USAGE.contains("teamlead import json|trello|csv FILE"));
    }

    #[test]
    fn backup_and_restore_take_the_data_dir_on_either_side() {
        let args = parse(&["backup", "--data-dir", "/tmp/a"]).unwrap();
        assert_eq!(args.command, Some(Command::Backup));
        assert_eq!(args.data_dir, Some(PathBuf::from("/tmp/a")));
        let args = parse(&["--data-dir", "/tmp/a", "restore", "/tmp/b.sqlite3"]).unwrap();
        assert_eq!(
            args.command,
            Some(Command::Restore(PathBuf::from("/tmp/b.sqlite3")))
        );
        assert_eq!(
            parse(&["restore"]).unwrap_err(),
            "restore needs the FILE to restore"
        );
        assert!(parse(&["backup", "restore", "x"])
            .unwrap_err()
            .contains("restore"));
    }

    #[test]
    fn bad_options_are_reported() {
        assert!(parse(&["--data-dir"]).is_err());
        assert!(parse(&["--frobnicate"])
            .unwrap_err()
            .contains("--frobnicate"));
    }
}

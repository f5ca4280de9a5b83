//! The Tauri shell: parses options, opens the store, and exposes the core as commands.
//! All behaviour lives in `teamlead-core`; this crate only wires it to the window.

pub mod applog;
pub mod args;
mod backup_cli;
mod backup_commands;
pub mod cli;
mod commands;
pub mod instance;
mod interchange_cli;
mod interchange_commands;
mod journal_commands;
mod report_cli;
mod report_commands;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use tauri::Manager;
use teamlead_core::Store;
use teamlead_ipc::IpcError;

use args::{Args, DATABASE_FILE, DATA_DIR_ENV, USAGE};

/// What every command can reach. When the database could not be opened the window still
/// starts, and every command answers with the reason, which the page shows in full.
pub struct AppState {
    store: Mutex<Result<Store, IpcError>>,
    data_file: PathBuf,
    /// Where exports are saved, created when first needed.
    export_dir: PathBuf,
    /// Where the log files are.
    log_dir: PathBuf,
}

/// Keeps this instance's hold on its data directory for the app's lifetime.
struct InstanceGuard(#[allow(dead_code)] Mutex<Option<instance::Instance>>);

impl AppState {
    fn unavailable() -> IpcError {
        IpcError::internal(
            "The database is unavailable after an earlier failure; restart Teamlead.",
        )
    }

    /// Runs `f` on the store and converts its error to the IPC shape.
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> teamlead_core::Result<T>,
    ) -> Result<T, IpcError> {
        let mut store = self.store.lock().map_err(|_| Self::unavailable())?;
        let result = match &mut *store {
            Ok(store) => f(store).map_err(IpcError::from),
            Err(error) => Err(error.clone()),
        };
        if let Err(error) = &result {
            // The code only: the message may quote what the user typed.
            applog::warn(&format!("a command failed: {}", error.code.as_str()));
        }
        result
    }
}

/// The database file the options name, with its folder created.
pub fn data_file(args: &Args) -> Result<PathBuf, String> {
    let dir = args.resolve_data_dir(std::env::var_os(DATA_DIR_ENV))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("cannot create the data directory {}: {e}", dir.display()))?;
    Ok(dir.join(DATABASE_FILE))
}

/// Opens the database and loads the demo team into it when asked and it is empty.
pub fn open_store(file: &Path, demo_if_empty: bool) -> teamlead_core::Result<Store> {
    let mut store = Store::open(file)?;
    if demo_if_empty && store.is_empty()? {
        store.seed_demo_with_history()?;
    }
    Ok(store)
}

pub fn run() -> ExitCode {
    let args = match Args::parse(std::env::args_os().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("teamlead: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.help {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if args.version {
        println!("teamlead {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    if let Some(args::Command::Plan(file)) = &args.command {
        return cli::plan(file);
    }
    if let Some(args::Command::Report(report)) = &args.command {
        return report_cli::run(&args, report);
    }
    if let Some(args::Command::Export(export)) = &args.command {
        return interchange_cli::export(&args, export);
    }
    if let Some(args::Command::Import(import)) = &args.command {
        return interchange_cli::import(&args, import);
    }
    if let Some(args::Command::Backup) = &args.command {
        return backup_cli::back_up(&args);
    }
    if let Some(args::Command::Restore(file)) = &args.command {
        return backup_cli::restore(&args, file);
    }
    let data_file = match data_file(&args) {
        Ok(file) => file,
        Err(message) => {
            eprintln!("teamlead: {message}");
            return ExitCode::FAILURE;
        }
    };
    let data_dir = data_file.parent().unwrap_or(Path::new(".")).to_path_buf();
    // One app per data directory: a second launch brings the first one's window forward.
    let instance = match instance::claim(&data_dir) {
        Ok(instance::Claim::First(instance)) => instance,
        Ok(instance::Claim::Running { answered }) => {
            if answered {
                eprintln!(
                    "teamlead: already running on {}; its window was brought to the front",
                    data_dir.display()
                );
                return ExitCode::SUCCESS;
            }
            eprintln!(
                "teamlead: another Teamlead is using {} and did not answer; close it first",
                data_dir.display()
            );
            return ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!("teamlead: cannot lock {}: {error}", data_dir.display());
            return ExitCode::FAILURE;
        }
    };
    // Only the instance that holds the data directory writes its log.
    let log_dir = data_dir.join(applog::LOG_DIR);
    applog::init(&log_dir);
    applog::info(&format!(
        "Teamlead {} started ({} {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    ));
    let store = open_store(&data_file, args.demo_if_empty).map_err(|error| {
        eprintln!("teamlead: cannot open {}: {error}", data_file.display());
        let error = IpcError::from(error);
        applog::error(&format!(
            "the database could not be opened: {}",
            error.code.as_str()
        ));
        error
    });
    if let Ok(store) = &store {
        match store.schema_version() {
            Ok(version) => applog::info(&format!("database opened, schema version {version}")),
            Err(_) => applog::warn("database opened, schema version unreadable"),
        }
    }
    let result = tauri::Builder::default()
        // The native save dialog, for "Save as…".
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let handle = app.handle().clone();
            let listening = instance.listen(move || {
                if let Some(window) = handle.get_webview_window("main") {
                    let _ = window.unminimize();
                    let _ = window.show();
                    let _ = window.set_focus();
                }
            });
            if let Err(error) = listening {
                eprintln!("teamlead: later launches cannot reach this one: {error}");
            }
            // The lock lives as long as the app.
            app.manage(InstanceGuard(Mutex::new(Some(instance))));
            // The day's backup, beside the window: it holds the store while it copies.
            let handle = app.handle().clone();
            std::thread::Builder::new()
                .name("daily-backup".into())
                .spawn(move || {
                    let state = handle.state::<AppState>();
                    let now = chrono::Utc::now().timestamp_millis();
                    let calendar = teamlead_core::metrics::Calendar::local();
                    if let Err(error) = state.daily_backup(now, &calendar) {
                        applog::warn(&format!(
                            "the day's backup was not made: {}",
                            error.code.as_str()
                        ));
                        eprintln!("teamlead: the day's backup was not made: {}", error.message);
                    }
                })?;
            Ok(())
        })
        .manage(AppState {
            store: Mutex::new(store),
            export_dir: args.resolve_export_dir(&data_dir),
            data_file,
            log_dir,
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::workspace,
            commands::seed_demo,
            commands::start_fresh,
            commands::load_board,
            commands::board_loads,
            commands::list_members,
            commands::create_card,
            commands::rename_card,
            commands::move_card,
            commands::assign_card,
            commands::place_card,
            commands::set_wip_limit,
            commands::set_estimate,
            commands::archive_card,
            commands::restore_card,
            commands::delete_card,
            commands::archived_cards,
            commands::add_column,
            commands::rename_column,
            commands::move_column,
            commands::delete_column,
            commands::add_board,
            commands::rename_board,
            commands::card_detail,
            commands::set_description,
            commands::set_priority,
            commands::set_due,
            commands::block_card,
            commands::unblock_card,
            commands::create_label,
            commands::update_label,
            commands::delete_label,
            commands::set_card_label,
            commands::set_card_skill,
            commands::skill_names,
            commands::add_checklist_item,
            commands::rename_checklist_item,
            commands::check_checklist_item,
            commands::delete_checklist_item,
            commands::archive_column,
            commands::restore_column,
            commands::archived_columns,
            commands::undo,
            commands::redo,
            journal_commands::person_journal,
            journal_commands::update_person,
            journal_commands::save_person_notes,
            journal_commands::set_member_skill,
            journal_commands::add_goal,
            journal_commands::update_goal,
            journal_commands::delete_goal,
            journal_commands::create_session,
            journal_commands::load_session,
            journal_commands::delete_session,
            journal_commands::save_session_notes,
            journal_commands::set_check_in,
            journal_commands::set_shareable,
            journal_commands::add_agenda_item,
            journal_commands::edit_agenda_item,
            journal_commands::set_agenda_status,
            journal_commands::delete_agenda_item,
            journal_commands::apply_template,
            journal_commands::add_action_item,
            journal_commands::update_action_item,
            journal_commands::set_action_item_done,
            journal_commands::delete_action_item,
            journal_commands::action_item_to_card,
            journal_commands::add_feedback,
            journal_commands::update_feedback,
            journal_commands::delete_feedback,
            journal_commands::list_templates,
            journal_commands::create_template,
            journal_commands::update_template,
            journal_commands::delete_template,
            journal_commands::journal_schedules,
            journal_commands::due_this_week,
            journal_commands::search_journal,
            journal_commands::shareable_summary,
            journal_commands::export_person,
            journal_commands::save_person_export,
            journal_commands::erase_person,
            commands::workload,
            commands::suggest_plan,
            commands::apply_plan,
            commands::set_capacity,
            commands::add_time_off,
            commands::remove_time_off,
            commands::pin_card,
            report_commands::metrics,
            report_commands::report_preview,
            report_commands::export_report,
            report_commands::save_report,
            report_commands::report_notes,
            report_commands::set_report_status,
            report_commands::set_report_needs,
            report_commands::list_team_goals,
            report_commands::save_team_goal,
            report_commands::delete_team_goal,
            report_commands::set_card_team_goal,
            interchange_commands::export_workspace,
            interchange_commands::save_workspace,
            interchange_commands::import_file,
            backup_commands::backup_now,
            backup_commands::list_backups,
            backup_commands::restore_backup,
        ])
        .build(tauri::generate_context!());
    match result {
        Ok(app) => {
            app.run(|_, event| {
                if let tauri::RunEvent::Exit = event {
                    applog::info("Teamlead closed");
                }
            });
            ExitCode::SUCCESS
        }
        Err(error) => {
            applog::error("the window could not be started");
            eprintln!("teamlead: {error}");
            ExitCode::FAILURE
        }
    }
}

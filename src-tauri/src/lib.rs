//! The Tauri shell: parses options, opens the store, and exposes the core as commands.
//! All behaviour lives in `teamlead-core`; this crate only wires it to the window.

pub mod args;
mod commands;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

use teamlead_core::Store;
use teamlead_ipc::IpcError;

use args::{Args, DATABASE_FILE, DATA_DIR_ENV, USAGE};

/// What every command can reach.
pub struct AppState {
    store: Mutex<Store>,
    data_file: PathBuf,
}

impl AppState {
    /// Runs `f` on the store and converts its error to the IPC shape.
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> teamlead_core::Result<T>,
    ) -> Result<T, IpcError> {
        let mut store = self.store.lock().map_err(|_| {
            IpcError::internal(
                "The database is unavailable after an earlier failure; restart Teamlead.",
            )
        })?;
        f(&mut store).map_err(Into::into)
    }
}

/// Opens the database named by the options, creating its folder, and loads the demo when asked.
pub fn open_store(args: &Args) -> Result<(Store, PathBuf), String> {
    let dir = args.resolve_data_dir(std::env::var_os(DATA_DIR_ENV))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("cannot create the data directory {}: {e}", dir.display()))?;
    let file = dir.join(DATABASE_FILE);
    let mut store =
        Store::open(&file).map_err(|e| format!("cannot open {}: {e}", file.display()))?;
    if args.demo_if_empty && store.is_empty().map_err(|e| e.to_string())? {
        store.seed_demo().map_err(|e| e.to_string())?;
    }
    Ok((store, file))
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
    let (store, data_file) = match open_store(&args) {
        Ok(opened) => opened,
        Err(message) => {
            eprintln!("teamlead: {message}");
            return ExitCode::FAILURE;
        }
    };
    let result = tauri::Builder::default()
        .manage(AppState {
            store: Mutex::new(store),
            data_file,
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::workspace,
            commands::seed_demo,
            commands::start_fresh,
            commands::load_board,
            commands::list_members,
            commands::create_card,
            commands::rename_card,
            commands::move_card,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("teamlead: {error}");
            ExitCode::FAILURE
        }
    }
}

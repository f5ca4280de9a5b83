//! Tauri commands for exporting the whole workspace and importing files. Files are read,
//! parsed and written on a blocking task; the store is held only to read or to write.

use std::path::PathBuf;

use tauri::State;
use teamlead_core as core;
use teamlead_core::metrics::Calendar;
use teamlead_interchange as interchange;
use teamlead_ipc::interchange as ipc;
use teamlead_ipc::IpcError;

use crate::AppState;

type Reply<T> = Result<T, IpcError>;

fn stopped(error: impl std::fmt::Display) -> IpcError {
    IpcError::internal(format!("The file work stopped unexpectedly: {error}"))
}

/// Writes everything to the path the user chose; an existing file is replaced only when
/// the request says the user confirmed it.
#[tauri::command]
pub async fn export_workspace(
    state: State<'_, AppState>,
    req: ipc::ExportWorkspace,
) -> Reply<ipc::ExportedWorkspace> {
    write(&state, PathBuf::from(&req.path), req.replace).await
}

/// Writes everything into the export folder, under a name of its own, never over a file.
#[tauri::command]
pub async fn save_workspace(state: State<'_, AppState>) -> Reply<ipc::ExportedWorkspace> {
    let dir = state.export_dir.clone();
    std::fs::create_dir_all(&dir).map_err(|e| {
        IpcError::from(interchange::Error::Write {
            path: dir.display().to_string(),
            reason: e.to_string(),
        })
    })?;
    let day = state.with(|store| Ok(Calendar::local().date_of(store.now())))?;
    let stem = core::files::safe_file_stem(&format!("Teamlead export {day}"));
    let path = core::files::unused_paths(&dir, &stem, &["json"]).remove(0);
    write(&state, path, false).await
}

async fn write(state: &AppState, path: PathBuf, replace: bool) -> Reply<ipc::ExportedWorkspace> {
    let document = state.with(|store| Ok(interchange::export(store)))??;
    let (path, written) = tauri::async_runtime::spawn_blocking(move || {
        let written = interchange::export::save(&document, &path, replace);
        (path, written)
    })
    .await
    .map_err(stopped)?;
    Ok(ipc::ExportedWorkspace {
        path: path.display().to_string(),
        bytes: written?,
    })
}

/// Reads and checks the file on a blocking task, then imports it in one transaction.
#[tauri::command]
pub async fn import_file(
    state: State<'_, AppState>,
    req: ipc::ImportFile,
) -> Reply<ipc::ImportSummary> {
    let path = PathBuf::from(&req.path);
    let board = req.board_id.map(core::BoardId);
    let kind = req.kind.into();
    let prepared =
        tauri::async_runtime::spawn_blocking(move || interchange::prepare(kind, &path, board))
            .await
            .map_err(stopped)??;
    let imported = state.with(|store| Ok(interchange::apply(store, prepared)))??;
    crate::applog::info("a file was imported");
    Ok(imported.into())
}

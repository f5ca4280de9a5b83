//! Backups and restoring one: the Tauri commands, and how the app's store is held while
//! they run. Every backup or restore holds the store's lock, so none runs while another
//! command uses the database, and a restore closes the store before it replaces the file and
//! opens it again after.

use std::path::Path;

use tauri::{AppHandle, Manager};
use teamlead_core::backup::{self, BackupKind};
use teamlead_core::metrics::Calendar;
use teamlead_ipc::backup as ipc;
use teamlead_ipc::IpcError;

use crate::{open_store, AppState};

type Reply<T> = Result<T, IpcError>;

fn now() -> teamlead_core::Millis {
    chrono::Utc::now().timestamp_millis()
}

impl AppState {
    /// Runs `f` on the database file while no other command uses the store (whether or not
    /// it could be opened).
    fn with_file<T>(&self, f: impl FnOnce(&Path) -> teamlead_core::Result<T>) -> Reply<T> {
        let _held = self.store.lock().map_err(|_| Self::unavailable())?;
        f(&self.data_file).map_err(Into::into)
    }

    /// The day's backup, if the database opened and the day has none yet.
    pub(crate) fn daily_backup(
        &self,
        now: teamlead_core::Millis,
        calendar: &Calendar,
    ) -> Reply<Option<backup::Backup>> {
        self.with(|_| backup::daily(&self.data_file, now, calendar))
    }

    /// Replaces the database with `from` (see `backup::restore`): the store is closed first
    /// and opened again after, whether the file was restored or refused; an older schema is
    /// migrated then, after its own backup.
    pub(crate) fn restore(&self, from: &Path) -> Reply<backup::Restored> {
        let mut slot = self.store.lock().map_err(|_| Self::unavailable())?;
        let closing = IpcError::internal("The database is being restored; try again.");
        if let Ok(store) = std::mem::replace(&mut *slot, Err(closing)) {
            if let Err(error) = store.close() {
                *slot = open_store(&self.data_file, false).map_err(IpcError::from);
                return Err(IpcError::internal(format!(
                    "The database could not be closed for the restore ({error}); nothing was \
                     restored. Restart Teamlead and try again."
                )));
            }
        }
        let restored = backup::restore(&self.data_file, from, now());
        *slot = open_store(&self.data_file, false).map_err(IpcError::from);
        let restored = restored?;
        match &*slot {
            Ok(_) => Ok(restored),
            Err(error) => Err(error.clone()),
        }
    }
}

/// Runs `f` on a thread that may wait for the disk, away from the window's.
async fn blocking<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&AppState) -> Reply<T> + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(move || f(&app.state::<AppState>()))
        .await
        .map_err(|e| IpcError::internal(format!("The backup stopped unexpectedly: {e}")))?
}

/// "Back up now": a copy of the database in the backups folder, never deleted by retention.
#[tauri::command]
pub async fn backup_now(app: AppHandle) -> Reply<ipc::Backup> {
    blocking(app, |state| {
        let made = state.with_file(|db| backup::back_up(db, BackupKind::Manual, now()))?;
        crate::applog::info("backup made on request");
        Ok(made.into())
    })
    .await
}

/// Every backup, the newest first.
#[tauri::command]
pub async fn list_backups(app: AppHandle) -> Reply<Vec<ipc::Backup>> {
    blocking(app, |state| {
        let found = backup::list(&state.data_file).map_err(IpcError::from)?;
        Ok(found.into_iter().map(Into::into).collect())
    })
    .await
}

/// Replaces the data with a backup (or any Teamlead database file) after checking it; the
/// data it replaces is backed up first. The page reloads everything after it.
#[tauri::command]
pub async fn restore_backup(app: AppHandle, path: String) -> Reply<ipc::Restored> {
    blocking(app, move |state| {
        let restored = state.restore(Path::new(&path))?;
        crate::applog::info("database restored from a backup");
        Ok(restored.into())
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Mutex;

    use teamlead_ipc::ErrorCode;

    use super::*;

    fn state(dir: &Path) -> AppState {
        let data_file = dir.join("teamlead.sqlite3");
        AppState {
            store: Mutex::new(open_store(&data_file, false).map_err(IpcError::from)),
            export_dir: dir.join("exports"),
            log_dir: dir.join("logs"),
            data_file,
        }
    }

    fn titles(state: &AppState) -> Vec<String> {
        state
            .with(|store| {
                let mut stmt = store
                    .conn()
                    .prepare("SELECT title FROM cards ORDER BY id")?;
                let titles = stmt
                    .query_map([], |row| row.get(0))?
                    .collect::<Result<Vec<String>, _>>()?;
                Ok(titles)
            })
            .unwrap()
    }

    fn add_card(state: &AppState, title: &str) {
        state
            .with(|store| {
                let column = match store.list_boards()?.first() {
                    Some(board) => store.board_view(board.id)?.columns[0].id,
                    None => store.create_board("Team", &["To do"])?.columns[0].id,
                };
                store.create_card(column, title).map(|_| ())
            })
            .unwrap();
    }

    #[test]
    fn a_restore_closes_the_store_and_opens_the_restored_data() {
        let dir = tempfile::tempdir().unwrap();
        let state = state(dir.path());
        add_card(&state, "Before the backup");
        let saved = state
            .with_file(|db| backup::back_up(db, BackupKind::Manual, now()))
            .unwrap();
        add_card(&state, "After the backup");

        let restored = state.restore(&saved.path).unwrap();
        assert_eq!(titles(&state), ["Before the backup"]);
        let replaced = restored.replaced.expect("what was replaced is kept");
        assert_eq!(replaced.kind, BackupKind::BeforeRestore);
        // The store works on after it: writes, and undo of the restored file's own history.
        add_card(&state, "After the restore");
        assert_eq!(titles(&state), ["Before the backup", "After the restore"]);
        let undone = state.with(|store| store.undo()).unwrap();
        assert_eq!(undone.as_deref(), Some("Create card"));
    }

    #[test]
    fn a_refused_restore_leaves_the_store_open_on_the_same_data() {
        let dir = tempfile::tempdir().unwrap();
        let state = state(dir.path());
        add_card(&state, "Current");
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a database").unwrap();
        let error = state.restore(&text).unwrap_err();
        assert_eq!(error.code, ErrorCode::IncompatibleDatabase);
        assert!(
            error
                .message
                .ends_with("it is not a database file. Your current data was not changed."),
            "{}",
            error.message
        );
        assert_eq!(titles(&state), ["Current"]);
        assert!(backup::list(&state.data_file).unwrap().is_empty());
    }

    #[test]
    fn a_database_that_could_not_be_opened_can_still_be_restored() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good");
        std::fs::create_dir(&good).unwrap();
        let saved = {
            let state = state(&good);
            add_card(&state, "From the backup");
            state
                .with_file(|db| backup::back_up(db, BackupKind::Manual, now()))
                .unwrap()
        };
        let broken: PathBuf = dir.path().join("broken");
        std::fs::create_dir(&broken).unwrap();
        std::fs::write(broken.join("teamlead.sqlite3"), "garbage ".repeat(100)).unwrap();
        let state = state(&broken);
        let error = state.with(|store| store.list_boards()).unwrap_err();
        assert_eq!(error.code, ErrorCode::IncompatibleDatabase);
        // The day's backup is not made of a database that did not open.
        assert!(state.daily_backup(now(), &Calendar::utc()).is_err());
        state.restore(&saved.path).unwrap();
        assert_eq!(titles(&state), ["From the backup"]);
    }

    #[test]
    fn the_day_gets_one_backup() {
        let dir = tempfile::tempdir().unwrap();
        let state = state(dir.path());
        add_card(&state, "Ship it");
        // 2026-03-02 08:15 and 23:59 UTC, then the next day.
        let morning = 1_772_439_300_000;
        let calendar = Calendar::utc();
        let made = state.daily_backup(morning, &calendar).unwrap();
        assert_eq!(made.map(|b| b.kind), Some(BackupKind::Daily));
        let evening = morning + 15 * 3_600_000 + 44 * 60_000;
        assert_eq!(state.daily_backup(evening, &calendar).unwrap(), None);
        assert!(state
            .daily_backup(evening + 60_000, &calendar)
            .unwrap()
            .is_some());
    }
}

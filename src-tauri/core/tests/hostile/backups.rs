//! The backup commands under hostile input: any time for "Back up now", any file names in the
//! backups folder for the list, and any bytes offered to a restore. A refused restore leaves
//! the database byte for byte; nothing panics.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use teamlead_core::backup::{self, BackupKind};
use teamlead_core::{Error, ErrorKind, Store};

use super::{config, sentence, NOW};

/// A small database on disk, closed, and its bytes.
fn database(dir: &Path) -> (std::path::PathBuf, Vec<u8>) {
    let db = dir.join("teamlead.sqlite3");
    let mut store = Store::open(&db).expect("a database");
    store.start_fresh().expect("a board");
    store.close().expect("closed");
    let bytes = std::fs::read(&db).expect("its bytes");
    (db, bytes)
}

fn fail(error: impl std::fmt::Display) -> ! {
    panic!("{error}")
}

pub fn backup_now() {
    // In memory where there is /dev/shm: thousands of flushed copies.
    let dir = tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .expect("a folder");
    let (db, _) = database(dir.path());
    let mut runner = TestRunner::new(config("backup_now"));
    let result = runner.run(&any::<i64>(), |now| {
        match backup::back_up(&db, BackupKind::Manual, now) {
            Ok(made) => {
                prop_assert!(made.path.starts_with(backup::backup_dir(&db)));
                let copy = Store::open(&made.path);
                prop_assert!(copy.is_ok(), "the backup does not open: {:?}", copy.err());
                drop(copy);
                std::fs::remove_file(&made.path).expect("remove the backup");
            }
            Err(error) => prop_assert!(sentence(&error.to_string()), "{error}"),
        }
        Ok(())
    });
    if let Err(error) = result {
        fail(error);
    }
}

pub fn list_backups() {
    // In memory where there is /dev/shm: thousands of flushed copies.
    let dir = tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .expect("a folder");
    let (db, _) = database(dir.path());
    let folder = backup::backup_dir(&db);
    let made = backup::back_up(&db, BackupKind::Manual, NOW).expect("one real backup");
    let mut runner = TestRunner::new(config("list_backups"));
    let names = "[a-zA-Z0-9 ._:-]{0,60}|teamlead-[0-9TZ:-]{0,30}-(daily|manual|before-restore)(-[0-9]{1,3})?\\.sqlite3";
    let result = runner.run(&(names, any::<bool>()), |(name, folder_instead)| {
        let path = folder.join(&name);
        let planted = !name.is_empty() && !name.starts_with('.') && path != made.path && {
            if folder_instead {
                std::fs::create_dir(&path).is_ok()
            } else {
                std::fs::write(&path, b"not a database").is_ok()
            }
        };
        let listed = backup::list(&db);
        if planted {
            let _ = std::fs::remove_dir(&path);
            let _ = std::fs::remove_file(&path);
        }
        let listed = listed.map_err(|e| TestCaseError::fail(e.to_string()))?;
        // The real backup is always listed, once; whatever is listed is a file in the folder.
        prop_assert_eq!(listed.iter().filter(|b| b.path == made.path).count(), 1);
        for b in &listed {
            prop_assert!(b.path.starts_with(&folder));
        }
        Ok(())
    });
    if let Err(error) = result {
        fail(error);
    }
}

pub fn restore_backup() {
    // In memory where there is /dev/shm: thousands of flushed copies.
    let dir = tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .expect("a folder");
    let (db, original) = database(dir.path());
    let offered = dir.path().join("offered.sqlite3");
    let mut runner = TestRunner::new(config("restore_backup"));
    // Random bytes, or the real database cut short or with one byte changed.
    let bytes = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..4096),
        (0..original.len()).prop_map({
            let original = original.clone();
            move |cut| original[..cut].to_vec()
        }),
        (0..original.len(), any::<u8>()).prop_map({
            let original = original.clone();
            move |(at, byte)| {
                let mut changed = original.clone();
                changed[at] = byte;
                changed
            }
        }),
    ];
    let result = runner.run(&bytes, |bytes| {
        std::fs::write(&offered, &bytes).expect("write the offered file");
        let current = std::fs::read(&db).expect("the database");
        match backup::restore(&db, &offered, NOW) {
            Err(error) => {
                prop_assert!(
                    matches!(error, Error::RestoreRefused { .. })
                        || error.kind() == ErrorKind::Storage,
                    "{error:?}"
                );
                prop_assert!(sentence(&error.to_string()), "{error}");
                let now = std::fs::read(&db).expect("the database");
                prop_assert!(
                    now == current,
                    "a refused restore changed the database: {error}"
                );
            }
            Ok(_) => {
                // Only a file that passed every check is restored: it opens, and the
                // original goes back for the next case.
                let opened = Store::open(&db);
                prop_assert!(
                    opened.is_ok(),
                    "a restored file does not open: {:?}",
                    opened.err()
                );
                drop(opened);
                std::fs::write(&db, &original).expect("put the original back");
                for suffix in ["-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
                }
            }
        }
        // Before-restore copies pile up otherwise.
        if let Ok(entries) = std::fs::read_dir(backup::backup_dir(&db)) {
            for entry in entries.flatten() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        Ok(())
    });
    if let Err(error) = result {
        fail(error);
    }
}

//! Property tests of the export and import commands under hostile input, as the core's tests
//! do for every other command (`src-tauri/core/tests/hostile/`): any bytes offered for import,
//! any file name to export to. Nothing panics; a refusal is a typed error in one sentence and
//! leaves the database as it was. 10,000 cases each unless `PROPTEST_CASES` says otherwise.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use teamlead_core::files;
use teamlead_core::Store;
use teamlead_interchange::{export, Kind};

use crate::{dump_all, empty_store, fixture};

fn config(command: &str) -> Config {
    let defaults = Config::default();
    let cases = match std::env::var("PROPTEST_CASES") {
        Ok(_) => defaults.cases,
        Err(_) => 10_000,
    };
    let seed = match std::env::var("PROPTEST_RNG_SEED") {
        Ok(_) => defaults.rng_seed,
        Err(_) => RngSeed::Fixed(command.bytes().fold(0x811c_9dc5_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })),
    };
    Config {
        cases,
        rng_seed: seed,
        failure_persistence: None,
        ..defaults
    }
}

fn one_sentence(message: &str) -> bool {
    !message.trim().is_empty() && message.ends_with('.') && !message.contains("panicked")
}

fn run<S: Strategy>(
    command: &str,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let mut runner = TestRunner::new(config(command));
    if let Err(error) = runner.run(&strategy, test) {
        panic!("{command}: {error}");
    }
}

/// A store with a board and a few cards, for imports into it and exports of it.
fn small_store() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = empty_store();
    let board = store.start_fresh().expect("a board");
    let view = store.board_view(board).expect("the board");
    for title in [
        "Plan the release",
        "Fix the login page",
        "Write the runbook",
    ] {
        store
            .create_card(view.columns[0].id, title)
            .expect("a card");
    }
    (dir, store)
}

fn mutated(text: String) -> impl Strategy<Value = Vec<u8>> {
    let bytes = text.into_bytes();
    let len = bytes.len();
    prop_oneof![
        (0..len).prop_map({
            let bytes = bytes.clone();
            move |cut| bytes[..cut].to_vec()
        }),
        (0..len, any::<u8>()).prop_map({
            let bytes = bytes.clone();
            move |(at, b)| {
                let mut changed = bytes.clone();
                changed[at] = b;
                changed
            }
        }),
        (0..len, "[\\[\\]{}\",:0-9a-z\\\\]{1,8}").prop_map(move |(at, inserted)| {
            let mut changed = bytes[..at].to_vec();
            changed.extend(inserted.as_bytes());
            changed.extend(&bytes[at..]);
            changed
        }),
    ]
}

pub fn import_file() {
    let trello = std::fs::read_to_string(fixture("trello-board.json")).expect("the fixture");
    let csv = std::fs::read_to_string(fixture("cards.csv")).expect("the fixture");
    let (source_dir, source) = small_store();
    let own = serde_json::to_string(&export(&source).expect("an export")).expect("JSON");
    drop((source, source_dir));
    let kinds = prop_oneof![Just(Kind::Json), Just(Kind::Trello), Just(Kind::Csv)];
    let bytes = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2048),
        mutated(trello),
        mutated(csv),
        mutated(own),
        Just(b"[".repeat(100_000)),
    ];
    let (dir, store) = small_store();
    let board = store.list_boards().expect("boards")[0].id;
    let offered = dir.path().join("offered file");
    let store = std::cell::RefCell::new(store);
    run(
        "import_file",
        (kinds, bytes, any::<bool>()),
        |(kind, bytes, into_board)| {
            std::fs::write(&offered, &bytes).expect("write the offered file");
            let target = into_board.then_some(board);
            let mut store = store.borrow_mut();
            let before = dump_all(&store);
            let data_before = crate::dump_data(&store);
            match teamlead_interchange::import_file(&mut store, kind, &offered, target) {
                Err(error) => {
                    let message = error.to_string();
                    prop_assert!(one_sentence(&message), "{message}");
                    prop_assert!(
                        dump_all(&store) == before,
                        "a refused import changed the database: {message}"
                    );
                }
                Ok(_) => {
                    // Accepted: undo takes a board import back whole.
                    prop_assert!(
                        kind != Kind::Json,
                        "a workspace import into a non-empty store"
                    );
                    prop_assert!(store.undo().expect("undo").is_some());
                    prop_assert!(
                        crate::dump_data(&store) == data_before,
                        "undo left the import behind"
                    );
                }
            }
            Ok(())
        },
    );
}

pub fn export_workspace() {
    let (dir, store) = small_store();
    let folder = dir.path().join("exports");
    std::fs::create_dir(&folder).expect("a folder");
    let names = prop_oneof![
        "[^/\\x00]{0,40}",
        "[a-z./]{0,20}",
        ".{0,300}",
        Just("..".to_owned()),
        Just(String::new()),
    ];
    run(
        "export_workspace",
        (names, any::<bool>()),
        |(name, replace)| {
            let path = folder.join(&name);
            let existed = path.exists();
            match teamlead_interchange::export_file(&store, &path, replace) {
                Ok(bytes) => {
                    prop_assert!(bytes > 0);
                    prop_assert!(!existed || replace, "an existing file was replaced unasked");
                    let text = std::fs::read_to_string(&path).expect("the export");
                    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
                    prop_assert_eq!(&value["format"], "teamlead");
                    let _ = std::fs::remove_file(&path);
                }
                Err(error) => prop_assert!(one_sentence(&error.to_string()), "{error}"),
            }
            // No temporary file is left behind, whatever happened.
            let left: Vec<_> = std::fs::read_dir(&folder)
                .expect("the folder")
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
                .collect();
            prop_assert!(left.is_empty(), "left behind: {left:?}");
            Ok(())
        },
    );
}

pub fn save_workspace() {
    let (dir, store) = small_store();
    let folder = dir.path().join("Downloads");
    std::fs::create_dir(&folder).expect("a folder");
    let stem = files::safe_file_stem("Teamlead export 2026-03-14");
    // Whatever is already in the folder (files named like an earlier export, folders), the
    // export goes to a name of its own and replaces nothing.
    let planted = proptest::collection::vec((1u32..6, any::<bool>()), 0..4);
    run("save_workspace", planted, |planted| {
        for (n, as_folder) in &planted {
            let name = if *n == 1 {
                format!("{stem}.json")
            } else {
                format!("{stem} ({n}).json")
            };
            let path = folder.join(name);
            if *as_folder {
                let _ = std::fs::create_dir(&path);
            } else {
                let _ = std::fs::write(&path, b"an earlier export");
            }
        }
        let before: Vec<_> = listing(&folder);
        let path = files::unused_paths(&folder, &stem, &["json"]).remove(0);
        prop_assert!(!path.exists());
        let written = teamlead_interchange::export_file(&store, &path, false);
        prop_assert!(written.is_ok(), "{written:?}");
        let after = listing(&folder);
        prop_assert_eq!(after.len(), before.len() + 1);
        for (name, bytes) in &before {
            prop_assert!(
                after.contains(&(name.clone(), bytes.clone())),
                "{name} changed"
            );
        }
        for entry in std::fs::read_dir(&folder).expect("the folder").flatten() {
            let _ = std::fs::remove_dir(entry.path());
            let _ = std::fs::remove_file(entry.path());
        }
        Ok(())
    });
}

/// Every entry of a folder with its bytes (empty for a folder).
fn listing(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(folder)
        .expect("the folder")
        .flatten()
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn import_file_under_hostile_input() {
    import_file();
}

#[test]
fn export_workspace_under_hostile_input() {
    export_workspace();
}

#[test]
fn save_workspace_under_hostile_input() {
    save_workspace();
}

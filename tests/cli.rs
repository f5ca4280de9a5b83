//! The command line without a window (`teamlead plan FILE.json`, `teamlead backup`,
//! `teamlead restore FILE`), run as a user would.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn teamlead(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teamlead"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run teamlead")
}

fn ids(values: &Value, field: &str) -> Vec<i64> {
    values
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[field].as_i64().unwrap())
        .collect()
}

#[test]
fn plan_prints_a_plan_accounting_for_every_card() {
    let example = "docs/examples/plan-small.json";
    let output = teamlead(&["plan", example]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let plan: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(example)).unwrap()).unwrap();

    // Every unassigned card is suggested or left unassigned with a reason, once.
    let unassigned: BTreeSet<i64> = file["cards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["assignee"].is_null())
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let mut reported = ids(&plan["suggestions"], "cardId");
    reported.extend(ids(&plan["unassigned"], "cardId"));
    let count = reported.len();
    let reported: BTreeSet<i64> = reported.into_iter().collect();
    assert_eq!(reported.len(), count, "a card reported twice: {plan:#}");
    assert_eq!(reported, unassigned, "{plan:#}");
    for entry in plan["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .chain(plan["moves"].as_array().unwrap())
    {
        assert!(!entry["reason"].as_str().unwrap().is_empty(), "{entry}");
    }
    // Kotlin: nobody on the team has it.
    let android = plan["unassigned"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["cardId"] == 9)
        .expect("card 9 unassigned");
    assert_eq!(android["reason"], "nobody_qualified");
    assert_eq!(android["text"], "Nobody has Kotlin at level 3");

    let max = plan["maxUtilisation"].as_f64().unwrap();
    let bound = plan["lowerBound"].as_f64().unwrap();
    assert!(0.0 < bound && bound <= max, "bound {bound}, reached {max}");
    assert_eq!(plan["people"].as_array().unwrap().len(), 4);
}

#[test]
fn a_bad_plan_file_exits_non_zero_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"horizon": {"start": "2026-03-02", "end": "2026-03-06"},
            "people": [{"id": 1, "name": "Ana", "weeklyCapacity": 10}],
            "cards": [{"id": 3, "title": "Login", "estimate": -2}]}"#,
    )
    .unwrap();
    let output = teamlead(&["plan", bad.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(r#"Card 3 ("Login"): the estimate cannot be negative (found -2)."#),
        "{stderr}"
    );

    let output = teamlead(&["plan", "no/such/file.json"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot read no/such/file.json"), "{stderr}");

    std::fs::write(&bad, "{ not json").unwrap();
    let output = teamlead(&["plan", bad.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not a plan file"), "{stderr}");

    let output = teamlead(&["plan"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("plan needs a FILE.json"));
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// An export without its time stamp, to compare the data of two exports.
fn exported_data(data: &str, file: &Path) -> Value {
    let _ = std::fs::remove_file(file);
    let output = teamlead(&["--data-dir", data, "export", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut value: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    value.as_object_mut().unwrap().remove("exportedAt");
    value
}

#[test]
fn export_and_import_move_a_workspace_to_another_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    let first = first.to_str().unwrap();
    let output = teamlead(&[
        "--data-dir",
        first,
        "import",
        "trello",
        &fixture("trello-board.json"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output)
            .starts_with("imported 1 board, 4 columns, 7 cards, 4 labels, 3 people from "),
        "{}",
        stdout(&output)
    );
    let output = teamlead(&[
        "--data-dir",
        first,
        "import",
        "csv",
        &fixture("cards.csv"),
        "--board",
        "1",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("imported 3 columns, 4 cards, 1 label, 1 person from "),
        "{}",
        stdout(&output)
    );

    let file = dir.path().join("backup.json");
    let output = teamlead(&["--data-dir", first, "export", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with(&format!("wrote {} (", file.display())));
    let written = std::fs::read(&file).unwrap();

    // Never over an existing file, unless asked.
    let output = teamlead(&["--data-dir", first, "export", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("backup.json already exists"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&file).unwrap(), written);
    let output = teamlead(&[
        "--data-dir",
        first,
        "export",
        file.to_str().unwrap(),
        "--replace",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));

    let second = dir.path().join("second");
    let second = second.to_str().unwrap();
    let output = teamlead(&[
        "--data-dir",
        second,
        "import",
        "json",
        file.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("imported 1 board, 7 columns, 11 cards, 5 labels, 4 people"),
        "{}",
        stdout(&output)
    );
    let copy = dir.path().join("copy.json");
    assert_eq!(exported_data(second, &copy), exported_data(first, &copy));

    // Only into an empty workspace.
    let output = teamlead(&[
        "--data-dir",
        second,
        "import",
        "json",
        file.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("This workspace already has a board."),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_refused_import_exits_non_zero_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let output = teamlead(&[
        "--data-dir",
        data,
        "import",
        "trello",
        &fixture("trello-board.json"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let snapshot = dir.path().join("snapshot.json");
    let before = exported_data(data, &snapshot);

    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, "title,column\nFine,Doing\n\"Unclosed,Doing\n").unwrap();
    let output = teamlead(&[
        "--data-dir",
        data,
        "import",
        "csv",
        broken.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr(&output).trim_end(),
        "teamlead import: broken.csv: Line 3: field 1 opens a quote that is never closed; a \
         quote inside a quoted field is written twice (\"\"). Nothing was imported."
    );

    let truncated = dir.path().join("cut.json");
    let whole = std::fs::read_to_string(fixture("trello-board.json")).unwrap();
    std::fs::write(&truncated, &whole[..whole.len() / 3]).unwrap();
    let output = teamlead(&[
        "--data-dir",
        data,
        "import",
        "trello",
        truncated.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cut.json is not valid: the file ends too early"));

    let output = teamlead(&["--data-dir", data, "import", "csv", "no/such/file.csv"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no/such/file.csv could not be read: there is no such file."),
        "{}",
        stderr(&output)
    );
    assert_eq!(exported_data(data, &snapshot), before);

    let output = teamlead(&["--data-dir", data, "import", "xlsx", "cards.xlsx"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown kind xlsx: use json, trello or csv"));
    let output = teamlead(&["--data-dir", data, "import", "csv"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn import_waits_for_the_app_to_close() {
    let dir = tempfile::tempdir().unwrap();
    let held = teamlead_app::instance::hold(dir.path()).unwrap().unwrap();
    let data = dir.path().to_str().unwrap();
    let output = teamlead(&[
        "--data-dir",
        data,
        "import",
        "trello",
        &fixture("trello-board.json"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("Teamlead is running on"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("teamlead.sqlite3").exists());
    drop(held);
}

/// `teamlead ARGS --data-dir DIR`.
fn teamlead_on(dir: &Path, args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--data-dir", dir.to_str().unwrap()]);
    teamlead(&all)
}

/// A data directory whose database holds a board with `titles` as cards.
fn data_dir(titles: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    add_cards(dir.path(), titles);
    dir
}

fn add_cards(dir: &Path, titles: &[&str]) {
    let mut store = teamlead_core::Store::open(&dir.join("teamlead.sqlite3")).unwrap();
    let column = match store.list_boards().unwrap().first() {
        Some(board) => store.board_view(board.id).unwrap().columns[0].id,
        None => store.create_board("Team", &["To do"]).unwrap().columns[0].id,
    };
    for title in titles {
        store.create_card(column, title).unwrap();
    }
}

fn titles(dir: &Path) -> Vec<String> {
    let store = teamlead_core::Store::open(&dir.join("teamlead.sqlite3")).unwrap();
    let board = store.list_boards().unwrap()[0].id;
    let view = store.board_view(board).unwrap();
    view.cards.into_iter().map(|c| c.title).collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn backup_copies_the_database_and_restore_brings_it_back() {
    let dir = data_dir(&["Before the backup"]);
    let output = teamlead_on(dir.path(), &["backup"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let path = stdout
        .trim()
        .strip_prefix("backed up to ")
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        path.starts_with(&dir.path().join("backups").display().to_string())
            && path.ends_with("-manual.sqlite3"),
        "{path}"
    );
    add_cards(dir.path(), &["After the backup"]);

    let output = teamlead_on(dir.path(), &["restore", path]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.starts_with(&format!("restored {path} into ")),
        "{stdout}"
    );
    assert!(stdout.contains("the data it replaced is in "), "{stdout}");
    assert_eq!(titles(dir.path()), ["Before the backup"]);
    let db = dir.path().join("teamlead.sqlite3");
    let mut kinds: Vec<_> = teamlead_core::backup::list(&db)
        .unwrap()
        .into_iter()
        .map(|b| b.kind.as_str())
        .collect();
    kinds.sort();
    assert_eq!(kinds, ["before-restore", "manual"]);
}

#[test]
fn a_file_that_is_not_a_good_backup_is_refused_and_nothing_changes() {
    let dir = data_dir(&["Current"]);
    let db = dir.path().join("teamlead.sqlite3");
    let before = std::fs::read(&db).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let notes = scratch.path().join("notes.txt");
    std::fs::write(&notes, "a shopping list\n").unwrap();
    let newer = scratch.path().join("newer.sqlite3");
    std::fs::copy(&db, &newer).unwrap();
    rusqlite_user_version(&newer, 99);
    for (file, reason) in [
        (&notes, "it is not a database file."),
        (
            &newer,
            "it was written by a newer version of Teamlead (schema 99;",
        ),
    ] {
        let output = teamlead_on(dir.path(), &["restore", file.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1));
        assert!(output.stdout.is_empty());
        let stderr = text(&output.stderr);
        assert!(
            stderr.starts_with(&format!(
                "teamlead restore: {} cannot be restored: {reason}",
                file.display()
            )) && stderr
                .trim_end()
                .ends_with("Your current data was not changed."),
            "{stderr}"
        );
        assert_eq!(std::fs::read(&db).unwrap(), before);
    }
    assert!(!dir.path().join("backups").exists());
}

fn rusqlite_user_version(file: &Path, version: i64) {
    let store = teamlead_core::Store::open(file).unwrap();
    store
        .conn()
        .execute_batch(&format!("PRAGMA user_version = {version}"))
        .unwrap();
}

#[test]
fn backup_and_restore_wait_until_teamlead_is_closed() {
    let dir = data_dir(&["Current"]);
    let db = dir.path().join("teamlead.sqlite3");
    let before = std::fs::read(&db).unwrap();
    let saved = teamlead_core::backup::back_up(
        &db,
        teamlead_core::backup::BackupKind::Manual,
        1_772_439_300_000,
    )
    .unwrap();
    // What a running app holds.
    let running = teamlead_app::instance::lock(dir.path())
        .unwrap()
        .expect("nobody else has it");
    for args in [
        vec!["backup"],
        vec!["restore", saved.path.to_str().unwrap()],
    ] {
        let output = teamlead_on(dir.path(), &args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "Teamlead is running on {}; close it first, then run this again",
                dir.path().display()
            )),
            "{stderr}"
        );
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert_eq!(teamlead_core::backup::list(&db).unwrap(), [saved]);
    drop(running);
    assert!(teamlead_on(dir.path(), &["backup"]).status.success());
}

#[test]
fn backup_and_restore_explain_what_is_missing() {
    let empty = tempfile::tempdir().unwrap();
    let output = teamlead_on(empty.path(), &["backup"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("teamlead backup: there is no Teamlead database at"),
        "{}",
        text(&output.stderr)
    );
    let output = teamlead_on(empty.path(), &["restore", "no/such/backup.sqlite3"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains(
            "no/such/backup.sqlite3 cannot be restored: it cannot be read (there is no such file)."
        ),
        "{}",
        text(&output.stderr)
    );
    let output = teamlead(&["restore"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("restore needs the FILE to restore"));
}

#[test]
fn a_backup_of_an_older_schema_is_restored_and_upgraded_when_next_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = "tests/fixtures/schema-3.sqlite3";
    let output = teamlead_on(dir.path(), &["restore", fixture]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("it is of schema 3; Teamlead upgrades it when it next opens it"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("replaced"),
        "there was no data to replace: {stdout}"
    );
    assert_eq!(
        titles(dir.path()),
        [
            "Schema 2: login form, renamed",
            "Schema 1: token refresh",
            "Schema 1: CI pipeline"
        ]
    );
    let db = dir.path().join("teamlead.sqlite3");
    let kinds: Vec<_> = teamlead_core::backup::list(&db)
        .unwrap()
        .into_iter()
        .map(|b| b.kind.as_str())
        .collect();
    assert_eq!(kinds, ["before-migration"]);
}

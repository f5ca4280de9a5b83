//! Broken and hostile files: each is refused with a message that names the problem and
//! where it is, and the database is left exactly as it was.

use std::path::Path;

use serde_json::{json, Value};
use teamlead_core::{BoardId, Store};
use teamlead_interchange::{self as interchange, Error, ErrorKind, Kind, MAX_FILE_BYTES};

use crate::{dump_all, empty_store, fixture};

/// A store with the demo team, to import boards into.
fn demo_store() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = empty_store();
    store.seed_demo().unwrap();
    (dir, store)
}

/// The demo workspace as a Teamlead export, to break in various ways.
fn valid_export() -> Value {
    let (_dir, store) = demo_store();
    serde_json::to_value(interchange::export(&store).unwrap()).unwrap()
}

/// Imports `text` as a file of `kind` into `store`, expecting a refusal that leaves every
/// table as it was; returns the message.
fn refused_text(store: &mut Store, kind: Kind, text: &str) -> String {
    let before = dump_all(store);
    let result = interchange::prepare_text(kind, "broken.json", text, None, "Imported")
        .and_then(|prepared| interchange::apply(store, prepared));
    let error = result.expect_err("the file was imported");
    assert_eq!(dump_all(store), before, "the database changed: {error}");
    error.to_string()
}

/// Imports the file at `path`, expecting a refusal that leaves every table as it was.
fn refused_file(store: &mut Store, kind: Kind, path: &Path) -> Error {
    let before = dump_all(store);
    let error = interchange::import_file(store, kind, path, None).expect_err("imported");
    assert_eq!(dump_all(store), before, "the database changed: {error}");
    error
}

fn refused_document(document: &Value) -> String {
    let (_dir, mut store) = empty_store();
    refused_text(&mut store, Kind::Json, &document.to_string())
}

fn assert_contains(message: &str, expected: &str) {
    assert!(
        message.contains(expected),
        "expected {expected:?} in:\n{message}"
    );
}

#[test]
fn a_truncated_export_is_refused_as_cut_off() {
    let text = serde_json::to_string_pretty(&valid_export()).unwrap();
    let cut = &text[..text.len() / 2];
    let (_dir, mut store) = empty_store();
    let message = refused_text(&mut store, Kind::Json, cut);
    assert_contains(
        &message,
        "the file ends too early (it may be cut off) at line",
    );
    assert_contains(&message, "Nothing was imported.");
}

#[test]
fn values_of_the_wrong_type_are_refused_with_their_line() {
    let mut document = valid_export();
    document["people"][0]["id"] = json!("seven");
    let text = serde_json::to_string_pretty(&document).unwrap();
    let line = text.lines().position(|l| l.contains("\"seven\"")).unwrap() + 1;
    let (_dir, mut store) = empty_store();
    let message = refused_text(&mut store, Kind::Json, &text);
    assert_contains(
        &message,
        "a value of the wrong kind (invalid type: string \"seven\"",
    );
    assert_contains(&message, &format!("at line {line}, column"));

    let mut document = valid_export();
    document["people"][0]["nickname"] = json!("Ana");
    assert_contains(&refused_document(&document), "unknown field `nickname`");
}

#[test]
fn deep_nesting_is_refused_without_exhausting_the_stack() {
    let deep = "[".repeat(100_000);
    for kind in Kind::ALL {
        let (_dir, mut store) = demo_store();
        let message = refused_text(&mut store, kind, &deep);
        assert_contains(&message, "Nothing was imported.");
    }
    let closed = format!("{deep}{}", "]".repeat(100_000));
    let (_dir, mut store) = empty_store();
    let nested = format!("{{\"format\": \"teamlead\", \"version\": {closed}}}");
    assert_contains(
        &refused_text(&mut store, Kind::Json, &nested),
        "the values are nested too deeply (more than 128 levels) at line 1, column 1",
    );
    let (_dir, mut store) = demo_store();
    let nested = format!("{{\"name\": \"Deep\", \"lists\": {closed}, \"cards\": []}}");
    assert_contains(
        &refused_text(&mut store, Kind::Trello, &nested),
        "a value of the wrong kind (invalid type: sequence",
    );
}

#[test]
fn duplicate_ids_are_refused_naming_the_id() {
    let mut document = valid_export();
    let id = document["boards"][0]["cards"][0]["id"].clone();
    document["boards"][0]["cards"][1]["id"] = id.clone();
    assert_contains(
        &refused_document(&document),
        &format!("Card {id} appears twice; each id must be used once."),
    );

    let mut document = valid_export();
    document["people"][1]["id"] = document["people"][0]["id"].clone();
    assert_contains(&refused_document(&document), "Person 1 appears twice");

    let mut trello: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("trello-board.json")).unwrap())
            .unwrap();
    trello["cards"][1]["id"] = trello["cards"][0]["id"].clone();
    let (_dir, mut store) = demo_store();
    assert_contains(
        &refused_text(&mut store, Kind::Trello, &trello.to_string()),
        "Card 65f1a2b3c4d5e6f708192c01 appears twice",
    );
}

#[test]
fn dangling_references_are_refused_naming_both_ends() {
    let mut document = valid_export();
    let card = document["boards"][0]["cards"][0]["id"].clone();
    document["boards"][0]["cards"][0]["columnId"] = json!(9999);
    assert_contains(
        &refused_document(&document),
        &format!("Card {card}: it is in column 9999, which board 1 does not have."),
    );

    let mut document = valid_export();
    document["boards"][0]["cards"][0]["assigneeId"] = json!(777);
    assert_contains(
        &refused_document(&document),
        "its assignee is person 777, which the file does not have.",
    );

    let mut document = valid_export();
    document["sessions"][0]["personId"] = json!(42);
    assert_contains(
        &refused_document(&document),
        "One-on-one 1: its personId is person 42, which the file does not have.",
    );

    let mut document = valid_export();
    document["boards"][0]["cards"][0]["labelIds"] = json!([12345]);
    assert_contains(
        &refused_document(&document),
        "it has label 12345, which board 1 does not have.",
    );

    let mut trello: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("trello-board.json")).unwrap())
            .unwrap();
    trello["cards"][2]["idList"] = json!("000000000000000000000000");
    let (_dir, mut store) = demo_store();
    assert_contains(
        &refused_text(&mut store, Kind::Trello, &trello.to_string()),
        "Card 65f1a2b3c4d5e6f708192c03 (\u{201c}Dark mode\u{201d}): it refers to list \
         000000000000000000000000, which the file does not have.",
    );
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // 100 MB, sparse: refused from its size alone.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(100_000_000)
        .unwrap();
    for kind in Kind::ALL {
        let (_dir, mut store) = demo_store();
        let error = refused_file(&mut store, kind, &path);
        assert!(
            matches!(
                error,
                Error::TooLarge {
                    size: 100_000_000,
                    ..
                }
            ),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "huge.json is 100000000 bytes, more than the 67108864 bytes (64 MiB) a file to \
             import may have. Nothing was imported."
        );
    }
    assert_eq!(MAX_FILE_BYTES, 64 * 1024 * 1024);
}

#[test]
fn bytes_that_are_not_utf8_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.csv");
    std::fs::write(&path, b"title,column\nCaf\xe9 menu,To do\n").unwrap();
    let (_dir, mut store) = demo_store();
    let error = refused_file(&mut store, Kind::Csv, &path);
    assert_eq!(
        error.to_string(),
        "latin1.csv is not UTF-8 text: line 2, column 4 has bytes that are not UTF-8. Save it \
         as UTF-8 and try again. Nothing was imported."
    );
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
}

#[test]
fn empty_files_are_refused_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [("empty.json", ""), ("blank.json", " \n\t\n")] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        for kind in Kind::ALL {
            let (_dir, mut store) = demo_store();
            let error = refused_file(&mut store, kind, &path);
            assert_eq!(
                error.to_string(),
                format!("{name} is empty. Nothing was imported.")
            );
        }
    }
    let (_dir, mut store) = demo_store();
    let error = refused_file(&mut store, Kind::Json, &dir.path().join("missing.json"));
    assert_contains(
        &error.to_string(),
        "could not be read: there is no such file.",
    );
    assert_eq!(error.kind(), ErrorKind::Storage);
}

#[test]
fn text_over_the_core_limits_is_refused_like_typed_text() {
    let mut document = valid_export();
    let card = document["boards"][0]["cards"][3]["id"].clone();
    document["boards"][0]["cards"][3]["title"] = json!("x".repeat(501));
    assert_contains(
        &refused_document(&document),
        &format!("Card {card}: The title can be at most 500 characters long."),
    );

    let mut document = valid_export();
    document["sessions"][0]["notes"] = json!("a".repeat(8 * 1024 * 1024 + 1));
    assert_contains(
        &refused_document(&document),
        "One-on-one 1: Notes can be at most 8 MiB (8388608 bytes)",
    );

    let mut document = valid_export();
    document["people"][0]["name"] = json!("Ana\u{7}");
    assert_contains(
        &refused_document(&document),
        "Person 1: The name cannot contain line breaks or control characters.",
    );

    let mut document = valid_export();
    document["boards"][0]["columns"][0]["wipLimit"] = json!(5000);
    assert_contains(
        &refused_document(&document),
        "a WIP limit goes from 1 to 999",
    );

    let mut document = valid_export();
    document["sessions"][0]["agenda"][0]["id"] = json!(5);
    assert_contains(
        &refused_document(&document),
        "Talking point 5: its id must lie between 1099511627776 and 2199023255551.",
    );
}

#[test]
fn other_formats_and_newer_versions_are_named_as_such() {
    let mut document = valid_export();
    document["version"] = json!(2);
    assert_eq!(
        refused_document(&document),
        "broken.json is a Teamlead export of version 2; this version of Teamlead reads \
         version 1. Update Teamlead to import it. Nothing was imported."
    );
    let trello = std::fs::read_to_string(fixture("trello-board.json")).unwrap();
    let (_dir, mut store) = empty_store();
    assert_contains(
        &refused_text(&mut store, Kind::Json, &trello),
        "broken.json is not a Teamlead export: it has no \"format\": \"teamlead\" field.",
    );
    let export = valid_export().to_string();
    let (_dir, mut store) = demo_store();
    assert_contains(
        &refused_text(&mut store, Kind::Trello, &export),
        "broken.json is not a Trello board export: missing field `name` (a board export has name, lists and cards)",
    );
}

#[test]
fn an_export_goes_only_into_an_empty_workspace() {
    let export = valid_export().to_string();
    let (_dir, mut store) = demo_store();
    let message = refused_text(&mut store, Kind::Json, &export);
    assert_eq!(
        message,
        "This workspace already has a board. A Teamlead export is imported only into an \
         empty workspace, so that nothing is mixed or overwritten: import it with another \
         data folder (--data-dir). Nothing was imported."
    );
    // Templates of the lead's own count as data too.
    let (_dir, mut store) = empty_store();
    store
        .create_template("Mine", &["One point".to_owned()])
        .unwrap();
    assert_contains(
        &refused_text(&mut store, Kind::Json, &export),
        "already has agenda templates of its own",
    );
}

/// A CSV refusal's message, the demo board unchanged.
fn refused_csv(text: &str) -> String {
    let (_dir, mut store) = demo_store();
    let before = dump_all(&store);
    let error = interchange::prepare_text(Kind::Csv, "cards.csv", text, Some(BoardId(1)), "")
        .and_then(|p| interchange::apply(&mut store, p))
        .expect_err("imported");
    assert_eq!(dump_all(&store), before);
    error.to_string()
}

#[test]
fn broken_csv_is_refused_with_its_line_and_field() {
    assert_eq!(
        refused_csv("title,description\nFirst,\"fine\"\nSecond,\"never closed\nThird,x\n"),
        "cards.csv: Line 3: field 2 opens a quote that is never closed; a quote inside a \
         quoted field is written twice (\"\"). Nothing was imported."
    );
    assert_contains(
        &refused_csv("title,description\nA \"quoted\" word,x\n"),
        "Line 2: field 1 has a quote inside it",
    );
    assert_contains(
        &refused_csv("title,description\n\"Closed\" early,x\n"),
        "Line 2: field 1 has \u{201c} \u{201d} after its closing quote",
    );
    assert_contains(
        &refused_csv("title,colour\nA,red\n"),
        "Line 1: the header names a column \u{201c}colour\u{201d}; the columns can be title, \
         description, column, assignee, estimate, due, labels.",
    );
    assert_contains(
        &refused_csv("description,column\nA,To do\n"),
        "Line 1: the header has no title column",
    );
    assert_contains(
        &refused_csv("title,column\nA,To do\nB\n"),
        "Line 3 has 1 fields; the header has 2.",
    );
    assert_contains(
        &refused_csv("title,column\nA,To do,extra\n"),
        "Line 2 has 3 fields; the header has 2.",
    );
    assert_contains(
        &refused_csv(&format!("title,description\nA,{}\n", "d".repeat(30_000))),
        "Line 2: field 2 is longer than 20000 characters, the most a field may have.",
    );
    assert_contains(
        &refused_csv(&format!("title\n{}\n", "t".repeat(600))),
        "Line 2: The title can be at most 500 characters long.",
    );
    assert_contains(
        &refused_csv("title,estimate\nA,three\n"),
        "Line 2: the estimate \u{201c}three\u{201d} is not a number",
    );
    assert_contains(
        &refused_csv("title,estimate\nA,-2\n"),
        "Line 2: An estimate cannot be negative.",
    );
    assert_contains(
        &refused_csv("title,due\nA,13/03/2026\n"),
        "Line 2: the due date \u{201c}13/03/2026\u{201d} is not a date written YYYY-MM-DD.",
    );
    assert_contains(
        &refused_csv("title,column\n"),
        "there is a header but no cards under it.",
    );
    // A later row's problem refuses the rows before it too.
    assert_contains(
        &refused_csv("title,column\nGood card,To do\n,To do\n"),
        "Line 3: The title cannot be empty.",
    );
}

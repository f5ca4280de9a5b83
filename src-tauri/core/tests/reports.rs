//! Manager reports: snapshots of the Markdown and HTML, the PDF and CSV read back by real
//! readers, privacy, and bad input.

use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::expect_file;
use teamlead_core::demo_history::report_demo;
use teamlead_core::metrics::{Calendar, Period};
use teamlead_core::radar::{Risk, RiskKind, Subject};
use teamlead_core::report::{
    self, csv as report_csv, markdown, suggest_status, Format, ReportModel, ReportOptions, Status,
};
use teamlead_core::team_goals::{GoalStatus, TeamGoal, TeamGoalProgress};
use teamlead_core::{BoardId, CardId, ErrorKind, LabelColor, NewMember, Store, TeamGoalId};

use crate::metrics::date;
use crate::{board_store, column};

/// 2026-03-13 16:00 UTC, a Friday.
const NOW: i64 = 1_773_417_600_000;

fn demo() -> (Store, BoardId, ReportModel) {
    let (store, board) = report_demo(None, NOW).unwrap();
    let period = Period::last_two_weeks(date(2026, 3, 13));
    let model = store
        .report_model(
            board,
            period,
            NOW,
            Calendar::utc(),
            &ReportOptions::default(),
        )
        .unwrap();
    (store, board, model)
}

fn chart_names(model: &ReportModel) -> Vec<String> {
    model
        .charts
        .iter()
        .map(|c| format!("report-{}.svg", c.kind.slug()))
        .collect()
}

/// The text of a PDF as `pdftotext` reads it (poppler-utils; `make deps-test` installs it).
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is missing: install poppler-utils (make deps-test)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Lines wrap where the layout chose; compare text with its runs of white space as one.
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every file an export wrote, as text (the PDF through pdftotext).
fn exported_text(files: &[PathBuf]) -> String {
    files
        .iter()
        .map(|f| {
            if f.extension().is_some_and(|e| e == "pdf") {
                pdf_text(f)
            } else {
                std::fs::read_to_string(f).unwrap()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_demo_report_in_markdown_matches_its_snapshot() {
    let (_, _, model) = demo();
    let md = markdown::render(&model, &chart_names(&model));
    expect_file!["snapshots/demo_report.md"].assert_eq(&md);
}

#[test]
fn the_demo_report_in_html_matches_its_snapshot_and_is_inert() {
    let (_, _, model) = demo();
    let html = report::html::render(&model);
    expect_file!["snapshots/demo_report.html"].assert_eq(&html);
    let lower = html.to_lowercase();
    for banned in [
        "<script",
        "javascript:",
        " onload=",
        " onclick=",
        "<link",
        "src=\"http",
        "href=\"http",
        "@import",
    ] {
        assert!(!lower.contains(banned), "the page contains {banned}");
    }
    assert_eq!(html.matches("<svg").count(), model.charts.len());
    assert!(html.contains("@media print"));
}

#[test]
fn the_demo_report_says_what_changed_since_the_last_one() {
    let (_, _, model) = demo();
    let changes = model
        .changes
        .as_ref()
        .expect("an earlier report was exported");
    assert_eq!(changes.previous, Period::last_two_weeks(date(2026, 2, 27)));
    assert!(
        changes
            .new_risks
            .iter()
            .any(|r| r.kind == "Blocked" && r.name == "Rate limiter for the search API"),
        "{changes:#?}"
    );
    assert!(
        changes
            .cleared
            .iter()
            .any(|s| s.starts_with("Blocked: Helm chart for the ingestion worker")),
        "{changes:#?}"
    );
    assert_eq!(model.headline.suggested, Status::Amber);
    assert!(model.delivered.len() >= 8, "{}", model.delivered.len());
    assert!(!model.in_progress.is_empty());
    assert_eq!(model.goals.len(), 2);
}

#[test]
fn the_pdf_has_real_text_on_a4_pages() {
    let (_, _, model) = demo();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    let files = report::write(&model, Format::Pdf, &path).unwrap();
    assert_eq!(files, std::slice::from_ref(&path));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&bytes).contains("/MediaBox"));
    let text = pdf_text(&path);
    for expected in [
        "Platform team \u{2014} progress report",
        "2026-02-28 to 2026-03-13",
        "Status: Amber",
        "Delivered (",
        "Structured logging for the auth service",
        "Risks and blockers",
        "Waiting for the security review of the token store",
        "Needs and asks",
        "A second on-call engineer for the ingestion cut-over",
        "Reliable ingestion",
        "Cumulative flow",
        "Throughput per week",
        "Cycle time",
        "Workload per person",
        "Changed since the last report",
        "page 1 of",
    ] {
        assert!(
            text.contains(expected),
            "the PDF text lacks {expected:?}:\n{text}"
        );
    }
}

#[test]
fn the_csv_reads_back_with_every_card_and_its_metrics() {
    let (mut store, board, _) = demo();
    let cards = store.board_view(board).unwrap().cards;
    let card = cards[0].id;
    store
        .rename_card(card, "Quotes \"here\", commas, and ünïcode")
        .unwrap();
    // Titles a spreadsheet would run as formulas.
    let formulas = [
        "=HYPERLINK(\"http://example.com\",\"x\")",
        "+1+2",
        "-3 degrees",
        "@SUM(A1:A9)",
    ];
    for (formula, c) in formulas.iter().zip(&cards[1..]) {
        store.rename_card(c.id, formula).unwrap();
    }
    let period = Period::last_two_weeks(date(2026, 3, 13));
    let model = store
        .report_model(
            board,
            period,
            NOW,
            Calendar::utc(),
            &ReportOptions::default(),
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cards.csv");
    report::write(&model, Format::Csv, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "RFC 4180 lines end in CRLF"
    );
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, report_csv::HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), model.cards.len());
    let field = |row: &csv::StringRecord, name: &str| {
        row[report_csv::HEADER.iter().position(|h| *h == name).unwrap()].to_owned()
    };
    let quoted = rows
        .iter()
        .find(|r| field(r, "id") == card.0.to_string())
        .unwrap();
    assert_eq!(
        field(quoted, "title"),
        "Quotes \"here\", commas, and ünïcode"
    );
    for (formula, c) in formulas.iter().zip(&cards[1..]) {
        let row = rows
            .iter()
            .find(|r| field(r, "id") == c.id.0.to_string())
            .unwrap();
        assert_eq!(field(row, "title"), format!("'{formula}"));
    }
    // No field of any row starts a formula.
    for row in &rows {
        for value in row {
            assert!(!value.starts_with(['=', '+', '@']), "{value}");
        }
    }
    let done: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| field(r, "stage") == "done")
        .collect();
    assert!(!done.is_empty());
    for row in &done {
        assert!(!field(row, "done").is_empty());
        let cycle: f64 = field(row, "cycle_days").parse().unwrap();
        assert!(cycle >= 0.0);
    }
    let blocked = rows
        .iter()
        .find(|r| field(r, "title") == "Rate limiter for the search API")
        .unwrap();
    assert_eq!(field(blocked, "blocked"), "yes");
    assert_eq!(
        field(blocked, "blocked_reason"),
        "Waiting for the security review of the token store"
    );
    assert!(field(blocked, "age_days").parse::<f64>().unwrap() > 0.0);
}

#[test]
fn markdown_writes_its_charts_beside_it_and_links_them_relatively() {
    let (_, _, model) = demo();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("weekly report.md");
    let files = report::write(&model, Format::Markdown, &path).unwrap();
    assert_eq!(files.len(), 1 + model.charts.len());
    let md = std::fs::read_to_string(&path).unwrap();
    for file in &files[1..] {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("weekly report-") && name.ends_with(".svg"));
        assert!(md.contains(&format!("](<{name}>)")), "{name} is not linked");
        let svg = std::fs::read_to_string(file).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(!svg.contains("<script"));
    }
}

#[test]
fn markdown_escapes_what_would_be_markup() {
    let cases = [
        ("plain words", "plain words"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        (
            "<b>html</b> & [link](x)",
            "\\<b\\>html\\</b\\> \\& \\[link\\](x)",
        ),
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("1. not ordered", "1\\. not ordered"),
        ("a | b", "a \\| b"),
    ];
    for (text, expected) in cases {
        assert_eq!(markdown::escape(text), expected, "{text}");
    }
}

/// Text the lead may share (titles, names, labels, goals, block reasons, their report text)
/// and text that must never leave the app (descriptions, checklist items). Every private
/// marker is looked for in every format; the journal is not part of this build, and the
/// report model has no field that could carry it.
#[test]
fn private_text_is_in_no_export() {
    let (_dir, mut store, view) = board_store();
    let board = view.board.id;
    let member = store
        .create_member(&NewMember {
            name: "SHARE-NAME-8".into(),
            role: "PRIVATE-ROLE-3".into(),
            skills: vec![],
        })
        .unwrap();
    let card = store
        .create_card(column(&view, 1), "SHARE-TITLE-3")
        .unwrap()
        .id;
    store.assign_card(card, Some(member)).unwrap();
    store
        .set_description(card, "PRIVATE-DESC-1: the reorg nobody knows about")
        .unwrap();
    store
        .add_checklist_item(card, "PRIVATE-CHECK-2 talk to HR")
        .unwrap();
    store.block_card(card, "SHARE-BLOCK-4").unwrap();
    let label = store
        .create_label(board, "SHARE-LABEL-6", LabelColor::Sky)
        .unwrap();
    store.set_card_label(card, label.id, true).unwrap();
    let goal = store
        .create_team_goal("SHARE-GOAL-7", date(2030, 1, 1))
        .unwrap();
    store.set_card_team_goal(card, Some(goal.id)).unwrap();
    let done = store
        .create_card(column(&view, 2), "SHARE-DONE-10")
        .unwrap()
        .id;
    store
        .set_description(done, "PRIVATE-DESC-11 salary details")
        .unwrap();
    let period = Period::last_two_weeks(Calendar::utc().date_of(store.now()));
    store
        .set_report_needs(board, period, "SHARE-NEEDS-5\n- SHARE-NEEDS-ITEM-12")
        .unwrap();
    store
        .set_report_status(board, period, Some((Status::Red, "SHARE-REASON-9")))
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let mut everything = String::new();
    for format in [Format::Markdown, Format::Html, Format::Pdf, Format::Csv] {
        let path = dir.path().join(format!("report.{}", format.as_str()));
        let files = store
            .export_report(
                board,
                period,
                format,
                &path,
                Calendar::utc(),
                &ReportOptions::default(),
            )
            .unwrap();
        let text = exported_text(&files);
        for private in [
            "PRIVATE-DESC-1",
            "PRIVATE-CHECK-2",
            "PRIVATE-ROLE-3",
            "PRIVATE-DESC-11",
            "PRIVATE",
        ] {
            assert!(!text.contains(private), "{format:?} leaks {private}");
        }
        let shared: &[&str] = match format {
            Format::Csv => &[
                "SHARE-TITLE-3",
                "SHARE-NAME-8",
                "SHARE-BLOCK-4",
                "SHARE-LABEL-6",
                "SHARE-GOAL-7",
                "SHARE-DONE-10",
            ],
            _ => &[
                "SHARE-TITLE-3",
                "SHARE-NAME-8",
                "SHARE-BLOCK-4",
                "SHARE-LABEL-6",
                "SHARE-GOAL-7",
                "SHARE-DONE-10",
                "SHARE-NEEDS-5",
                "SHARE-NEEDS-ITEM-12",
                "SHARE-REASON-9",
            ],
        };
        for marker in shared {
            assert!(text.contains(marker), "{format:?} lacks {marker}");
        }
        everything.push_str(&text);
    }
    // The risk snapshots kept for the next report are shareable text too.
    let snapshot: Vec<String> = store
        .conn()
        .prepare("SELECT summary FROM report_snapshot_risks")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!snapshot.is_empty());
    assert!(snapshot.iter().all(|s| !s.contains("PRIVATE")));
    assert!(everything.contains("SHARE-BLOCK-4"));
}

#[test]
fn an_empty_board_and_an_empty_period_make_sensible_reports() {
    let (_dir, mut store) = crate::temp_store();
    let board = store.start_fresh().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, period) in [
        ("empty board", Period::last_two_weeks(date(2023, 11, 14))),
        (
            "long ago",
            Period::new(date(2001, 1, 1), date(2001, 1, 31)).unwrap(),
        ),
        (
            "one day",
            Period::new(date(2023, 11, 14), date(2023, 11, 14)).unwrap(),
        ),
    ] {
        let model = store
            .report_model(
                board,
                period,
                store.now(),
                Calendar::utc(),
                &ReportOptions::default(),
            )
            .unwrap();
        assert_eq!(model.headline.suggested, Status::Green, "{name}");
        assert!(
            model.delivered.is_empty() && model.in_progress.is_empty(),
            "{name}"
        );
        let md = markdown::render(&model, &chart_names(&model));
        assert!(
            md.contains("No card was finished in this period."),
            "{name}: {md}"
        );
        for format in [Format::Markdown, Format::Html, Format::Pdf, Format::Csv] {
            let path = dir
                .path()
                .join(format!("{}.{}", name.replace(' ', "-"), format.as_str()));
            report::write(&model, format, &path).unwrap();
        }
        assert!(
            pdf_text(&dir.path().join(format!("{}.pdf", name.replace(' ', "-"))))
                .contains("Nothing is flagged.")
        );
    }
}

#[test]
fn cards_without_estimates_and_text_beyond_latin_1_are_reported() {
    let (_dir, mut store, view) = board_store();
    let id = store
        .create_card(column(&view, 1), "日本語のカード ✓ Ünïcödé — “quotes” €5")
        .unwrap()
        .id;
    let period = Period::last_two_weeks(Calendar::utc().date_of(store.now()));
    let model = store
        .report_model(
            view.board.id,
            period,
            store.now(),
            Calendar::utc(),
            &ReportOptions::default(),
        )
        .unwrap();
    assert_eq!(model.in_progress[0].id, id);
    assert_eq!(model.in_progress[0].estimate, None);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    report::write(&model, Format::Pdf, &path).unwrap();
    let text = pdf_text(&path);
    assert!(text.contains("??????? ? Ünïcödé — “quotes” €5"), "{text}");
    assert!(text.contains("not estimated"));
    assert!(report::html::render(&model).contains("日本語のカード"));
}

#[test]
fn an_unwritable_path_is_a_clear_error_and_leaves_no_file() {
    let (_, _, model) = demo();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), b"x").unwrap();
    std::fs::create_dir(dir.path().join("taken-throughput.svg")).unwrap();
    let cases = [
        (
            dir.path().join("missing").join("r.html"),
            Format::Html,
            "the folder does not exist",
        ),
        (dir.path().join("a-file").join("r.pdf"), Format::Pdf, ""),
        (dir.path().to_path_buf(), Format::Csv, "that is a folder"),
        // One of the chart files cannot be written: the report itself is not left either.
        (
            dir.path().join("taken.md"),
            Format::Markdown,
            "that is a folder",
        ),
    ];
    for (path, format, reason) in cases {
        let before = listing(dir.path());
        let error = report::write(&model, format, &path).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Storage, "{error}");
        let message = error.to_string();
        assert!(
            message.starts_with("The report could not be saved to "),
            "{message}"
        );
        assert!(message.contains(reason), "{message}");
        assert!(message.ends_with("No file was written."), "{message}");
        assert_eq!(listing(dir.path()), before, "{path:?} left files behind");
    }
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_export_replaces_the_old_file_whole_and_records_a_snapshot() {
    let (mut store, board, _) = demo();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    std::fs::write(&path, "old contents that are longer than nothing at all").unwrap();
    let period = Period::last_two_weeks(date(2026, 3, 13));
    let before: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM report_snapshots", [], |r| r.get(0))
        .unwrap();
    store
        .export_report(
            board,
            period,
            Format::Html,
            &path,
            Calendar::utc(),
            &ReportOptions::default(),
        )
        .unwrap();
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    assert_eq!(listing(dir.path()), ["report.html"]);
    let after: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM report_snapshots", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, before + 1);
    // The next period's report compares with this one.
    let next = Period::last_two_weeks(date(2026, 3, 27));
    assert_eq!(
        store
            .previous_snapshot(board, next)
            .unwrap()
            .unwrap()
            .period,
        period
    );
}

#[test]
fn the_leads_status_overrides_the_suggestion_per_period_and_undoes() {
    let (_dir, mut store, view) = board_store();
    let board = view.board.id;
    let period = Period::new(date(2023, 11, 1), date(2023, 11, 14)).unwrap();
    let other = Period::new(date(2023, 11, 15), date(2023, 11, 28)).unwrap();
    store
        .set_report_status(board, period, Some((Status::Red, "Launch slipped a week")))
        .unwrap();
    let model = store
        .report_model(
            board,
            period,
            store.now(),
            Calendar::utc(),
            &ReportOptions::default(),
        )
        .unwrap();
    assert_eq!(model.headline.status(), Status::Red);
    assert_eq!(model.headline.suggested, Status::Green);
    assert_eq!(model.headline.reason(), "Launch slipped a week");
    let md = markdown::render(&model, &[]);
    assert!(md.contains("**Red** — Launch slipped a week"), "{md}");
    assert!(md.contains("Suggested from the data: Green"), "{md}");
    assert_eq!(store.report_notes(board, other).unwrap().status, None);
    crate::board::refused(&mut store, ErrorKind::InvalidInput, |s| {
        s.set_report_status(board, period, Some((Status::Amber, "  ")))
    });
    crate::board::refused(&mut store, ErrorKind::NotFound, |s| {
        s.set_report_needs(BoardId(99), period, "x")
    });
    assert_eq!(store.undo().unwrap().as_deref(), Some("Set report status"));
    assert_eq!(store.report_notes(board, period).unwrap().status, None);
}

fn risk(kind: RiskKind) -> Risk {
    Risk {
        kind,
        subject: Subject::Card(CardId(1)),
        name: "x".into(),
        why: "y".into(),
    }
}

fn goal(status: GoalStatus, target: chrono::NaiveDate) -> TeamGoalProgress {
    TeamGoalProgress {
        goal: TeamGoal {
            id: TeamGoalId(1),
            title: "Launch".into(),
            target,
            created_at: 0,
        },
        cards: 1,
        done_cards: 0,
        effort: 1.0,
        done_effort: 0.0,
        progress: 0.0,
        status,
        projected: None,
        why: String::new(),
    }
}

#[test]
fn the_suggested_status_follows_the_risks_and_goals() {
    use RiskKind::*;
    let today = date(2026, 3, 13);
    let later = date(2026, 4, 1);
    let earlier = date(2026, 3, 1);
    type Case = (
        &'static str,
        Vec<RiskKind>,
        Vec<TeamGoalProgress>,
        Status,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        (
            "nothing",
            vec![],
            vec![],
            Status::Green,
            "Nothing is blocked, overdue or stale, and no goal is at risk.",
        ),
        (
            "single skill and due soon do not count",
            vec![SingleSkill, DueSoon, OneOnOneOverdue],
            vec![],
            Status::Green,
            "Nothing is blocked",
        ),
        (
            "one blocked",
            vec![Blocked],
            vec![],
            Status::Amber,
            "1 card is blocked.",
        ),
        (
            "two overdue, one stale",
            vec![Overdue, Overdue, Stale],
            vec![],
            Status::Amber,
            "2 cards are overdue; 1 card is stale.",
        ),
        (
            "three blocked",
            vec![Blocked, Blocked, Blocked],
            vec![],
            Status::Red,
            "3 cards are blocked.",
        ),
        (
            "three overdue",
            vec![Overdue, Overdue, Overdue],
            vec![],
            Status::Red,
            "3 cards are overdue.",
        ),
        (
            "over capacity",
            vec![OverCapacity, OverCapacity],
            vec![],
            Status::Amber,
            "2 people are over capacity.",
        ),
        (
            "goal at risk",
            vec![],
            vec![goal(GoalStatus::AtRisk, later)],
            Status::Amber,
            "Goal \u{201c}Launch\u{201d} is at risk of missing its date.",
        ),
        (
            "goal late",
            vec![Blocked],
            vec![goal(GoalStatus::AtRisk, earlier)],
            Status::Red,
            "Goal \u{201c}Launch\u{201d} is past its target date; 1 card is blocked.",
        ),
        (
            "goal on track",
            vec![],
            vec![goal(GoalStatus::OnTrack, later)],
            Status::Green,
            "Nothing",
        ),
    ];
    for (name, kinds, goals, status, reason) in cases {
        let risks: Vec<Risk> = kinds.into_iter().map(risk).collect();
        let (got, why) = suggest_status(&risks, &goals, today);
        assert_eq!(got, status, "{name}: {why}");
        assert!(why.starts_with(reason), "{name}: {why}");
    }
}

#[test]
fn formats_are_named_as_on_the_command_line() {
    for (text, format) in [
        ("md", Format::Markdown),
        ("markdown", Format::Markdown),
        ("HTML", Format::Html),
        ("pdf", Format::Pdf),
        ("csv", Format::Csv),
    ] {
        assert_eq!(Format::parse(text), Some(format));
    }
    assert_eq!(Format::parse("docx"), None);
}

#[test]
fn the_report_reads_capacity_one_on_ones_and_check_ins_from_the_rest_of_the_app() {
    use teamlead_core::journal::NewSession;
    let (_dir, mut store, view) = board_store();
    let board = view.board.id;
    let ana = crate::add_member(&mut store, "Ana");
    let bo = crate::add_member(&mut store, "Bo");
    let calendar = Calendar::utc();
    let today = calendar.date_of(store.now());
    let report_of = |store: &Store, options: &ReportOptions| {
        store
            .report_model(
                board,
                Period::last_two_weeks(today),
                store.now(),
                calendar,
                options,
            )
            .unwrap()
    };

    // Nothing set yet: no capacity, and no one-on-one flagged while the journal is unused.
    let options = store.report_options(board, today).unwrap();
    assert!(options.capacity.is_none());
    assert!(options.one_on_ones.is_empty());
    assert!(options.health.is_empty());

    // Ana: 2 points a week and 10 points of open work.
    store.set_capacity(ana, Some(2.0)).unwrap();
    let card = store.create_card(column(&view, 0), "Big").unwrap().id;
    store.assign_card(card, Some(ana)).unwrap();
    store.set_estimate(card, Some(10.0)).unwrap();
    // Bo's last one-on-one was 40 days ago; Ana's 3 days ago. Both checked in.
    let days = |n: u64| today - chrono::Days::new(n);
    let old = store.create_session(bo, NewSession::on(days(40))).unwrap();
    store.set_check_in(old.id, Some(2), Some(5)).unwrap();
    let recent = store.create_session(ana, NewSession::on(days(3))).unwrap();
    store.set_check_in(recent.id, Some(4), Some(2)).unwrap();
    let same_day = store.create_session(bo, NewSession::on(days(3))).unwrap();
    store.set_check_in(same_day.id, Some(5), Some(3)).unwrap();

    let options = store.report_options(board, today).unwrap();
    // Two weeks from today hold ten working days: twice the weekly capacity.
    assert_eq!(options.capacity.as_ref().unwrap().get(&ana), Some(&4.0));
    assert_eq!(options.capacity.as_ref().unwrap().get(&bo), None);
    let bo_due = options.one_on_ones.iter().find(|d| d.member == bo).unwrap();
    assert_eq!((bo_due.last_held, bo_due.every_days), (Some(days(3)), 14));
    // Check-ins are averaged per day, never one person's.
    assert_eq!(
        options.health,
        vec![(days(40), 2.0, 5.0), (days(3), 4.5, 2.5)]
    );

    let model = report_of(&store, &options);
    let flagged: Vec<(RiskKind, &Subject)> =
        model.radar.iter().map(|r| (r.kind, &r.subject)).collect();
    assert!(
        flagged.contains(&(RiskKind::OverCapacity, &Subject::Member(ana))),
        "{flagged:?}"
    );
    assert!(
        !flagged.iter().any(|(k, _)| *k == RiskKind::OneOnOneOverdue),
        "{flagged:?}"
    );
    let health = model.health.expect("team health from the check-ins");
    assert_eq!(health.check_ins, 1);

    // A person whose one-on-ones stopped is flagged once the journal is in use.
    store.delete_session(same_day.id).unwrap();
    let options = store.report_options(board, today).unwrap();
    let model = report_of(&store, &options);
    assert!(
        model
            .radar
            .iter()
            .any(|r| r.kind == RiskKind::OneOnOneOverdue && r.subject == Subject::Member(bo)),
        "{:?}",
        model.radar
    );
}

#[test]
fn the_apps_demo_has_weeks_of_flow_to_show_and_flags_only_real_roadblocks() {
    let mut store = Store::open_in_memory().unwrap();
    let board = store.seed_demo_with_history().unwrap();
    let calendar = Calendar::utc();
    let today = calendar.date_of(store.now());
    let period = Period::new(today - chrono::Days::new(27), today).unwrap();
    let options = store.report_options(board, today).unwrap();
    let model = store
        .report_model(board, period, store.now(), calendar, &options)
        .unwrap();
    let m = &model.metrics;
    assert!(m.delivered >= 5, "delivered {}", m.delivered);
    assert!(m.cycle.count >= 5, "{:?}", m.cycle);
    assert!(m.cycle.p85.unwrap() >= 1.0, "{:?}", m.cycle);
    assert!(m.throughput.iter().filter(|w| w.done > 0).count() >= 3);
    // The board the lead sees is the demo's: 30 cards, the shipped history archived.
    let view = store.board_view(board).unwrap();
    assert_eq!(
        view.cards
            .iter()
            .filter(|c| c.archived_at.is_none())
            .count(),
        30
    );
    // The blocked card is flagged, and not every card in progress is "stale".
    let kinds: Vec<RiskKind> = model.radar.iter().map(|r| r.kind).collect();
    assert!(kinds.contains(&RiskKind::Blocked), "{kinds:?}");
    let stale = kinds.iter().filter(|k| **k == RiskKind::Stale).count();
    assert!(stale < m.wip_now as usize, "{stale} of {} stale", m.wip_now);
}

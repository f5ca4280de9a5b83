//! The one-on-one journal in the real window: notes that survive a kill and a quit,
//! carry-over between sessions, search that ignores accents, and a person's export saved as
//! files.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use teamlead_core::{MemberId, NewMember, SessionId, Store};

use super::harness::{App, Harness};

const PERSON: &str = "Zoë Martin";

/// A team of one and a board, written straight into the data dir before the app starts.
fn seed(harness: &Harness) -> MemberId {
    let mut store = Store::open(&database(harness)).expect("open the database");
    store.start_fresh().expect("a first board");
    store
        .create_member(&NewMember {
            name: PERSON.into(),
            role: "Backend engineer".into(),
            skills: vec![],
        })
        .expect("a person")
}

fn database(harness: &Harness) -> std::path::PathBuf {
    harness.data_dir().join("teamlead.sqlite3")
}

/// The session's notes as the database has them (the app must not be running).
fn saved_notes(harness: &Harness, session: i64) -> String {
    let store = Store::open(&database(harness)).expect("open the database");
    store
        .session(SessionId(session))
        .expect("the session")
        .notes
}

async fn open_person(app: &App) {
    app.click(r#"[data-testid="nav-people"]"#).await;
    app.click(r#"[data-testid="person-open"]"#).await;
    app.find(r#"[data-testid="person-page"]"#).await;
}

/// Starts a one-on-one on `date` (today when None) from the person's page; returns its id.
async fn new_session(app: &App, date: Option<&str>) -> i64 {
    if let Some(date) = date {
        app.js(
            r#"const el = document.querySelector('[data-testid="session-date"]');
               el.value = arguments[0];
               el.dispatchEvent(new Event('input', { bubbles: true }));
               el.dispatchEvent(new Event('change', { bubbles: true }));"#,
            vec![json!(date)],
        )
        .await;
    }
    app.click(r#"[data-testid="session-new"]"#).await;
    let id = app
        .until_some(
            r#"return document.querySelector('[data-testid="session-editor"]')?.dataset.sessionId ?? null;"#,
            vec![],
        )
        .await;
    id.as_str().expect("an id").parse().expect("a number")
}

/// Opens an existing session from the person's page.
async fn open_session(app: &App, session: i64) {
    app.click(&format!(
        r#"[data-testid="session-row"][data-session-id="{session}"] [data-testid="session-open"]"#
    ))
    .await;
    app.find(&format!(
        r#"[data-testid="session-editor"][data-session-id="{session}"]"#
    ))
    .await;
}

async fn notes_in_editor(app: &App) -> String {
    let value = app
        .until_some(
            r#"return document.querySelector('[data-testid="session-notes-input"]')?.value ?? null;"#,
            vec![],
        )
        .await;
    value.as_str().expect("text").to_owned()
}

/// Types `bursts` into the notes editor with a pause after each but the last.
async fn type_bursts(app: &App, bursts: &[String], pause: Duration) {
    let editor = app.find(r#"[data-testid="session-notes-input"]"#).await;
    for (i, burst) in bursts.iter().enumerate() {
        editor.send_keys(burst).await.expect("type notes");
        if i + 1 < bursts.len() {
            tokio::time::sleep(pause).await;
        }
    }
}

fn bursts(tag: &str) -> Vec<String> {
    (1..=3)
        .map(|n| {
            format!(
                "{tag} burst {n}: we talked about the release plan, the on-call rota and the \
                 conference talk; next time we review the design doc and the hiring loop. "
            )
        })
        .collect()
}

/// Restarts the app after it died and shows the session's notes as the window has them.
async fn relaunch_and_read(harness: &Harness, session: i64) -> String {
    let app = harness.launch().await;
    open_person(&app).await;
    open_session(&app, session).await;
    let shown = notes_in_editor(&app).await;
    app.quit().await;
    shown
}

/// The app is gone: end the WebDriver session it had, whatever the driver answers.
async fn forget(app: App) {
    let _ = tokio::time::timeout(Duration::from_secs(10), app.client.close()).await;
}

#[tokio::test]
async fn notes_typed_before_a_kill_are_all_there_after_a_restart() {
    let harness = Harness::new();
    seed(&harness);
    let app = harness.launch().await;
    open_person(&app).await;
    let session = new_session(&app, None).await;
    let typed = bursts("Kill");
    type_bursts(&app, &typed, Duration::from_millis(700)).await;
    // Well past the longest autosave delay (300 ms) after the last keystroke.
    tokio::time::sleep(Duration::from_millis(600)).await;
    harness.kill_app();
    forget(app).await;

    let all = typed.concat();
    assert_eq!(
        saved_notes(&harness, session),
        all,
        "the database lost words"
    );
    assert_eq!(relaunch_and_read(&harness, session).await, all);
}

#[tokio::test]
async fn a_kill_right_after_typing_loses_at_most_the_last_moments() {
    let harness = Harness::new();
    seed(&harness);
    let app = harness.launch().await;
    open_person(&app).await;
    let session = new_session(&app, None).await;
    let typed = bursts("Crash");
    type_bursts(&app, &typed, Duration::from_millis(700)).await;
    let last_key = Instant::now();
    tokio::time::sleep(Duration::from_millis(100)).await;
    harness.kill_app();
    assert!(last_key.elapsed() < Duration::from_millis(500));
    forget(app).await;

    let all = typed.concat();
    let before_last_burst = typed[..typed.len() - 1].concat();
    let saved = saved_notes(&harness, session);
    assert!(
        all.starts_with(&saved),
        "saved text is not what was typed: {saved:?}"
    );
    assert!(
        saved.starts_with(&before_last_burst),
        "words typed more than 500 ms before the kill were lost: {saved:?}"
    );
    assert_eq!(relaunch_and_read(&harness, session).await, saved);
}

#[tokio::test]
async fn notes_typed_right_before_quitting_are_saved() {
    let harness = Harness::new();
    seed(&harness);
    let app = harness.launch().await;
    open_person(&app).await;
    let session = new_session(&app, None).await;
    let typed = "Quit at once: the promotion case is ready, ask for the peer reviews by Friday.";
    let editor = app.find(r#"[data-testid="session-notes-input"]"#).await;
    editor.send_keys(typed).await.expect("type notes");
    // No wait: the window closes while the last keystrokes may still be unsaved.
    app.quit().await;
    // The app may take a moment to go once its window is gone.
    let deadline = Instant::now() + Duration::from_secs(10);
    while harness.app_running() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!harness.app_running(), "the app did not quit");

    assert_eq!(relaunch_and_read(&harness, session).await, typed);
    assert_eq!(saved_notes(&harness, session), typed);
}

#[tokio::test]
async fn a_new_session_carries_over_open_points_and_search_ignores_accents() {
    let harness = Harness::new();
    seed(&harness);
    let app = harness.launch().await;
    open_person(&app).await;
    let first = new_session(&app, Some("2024-05-02")).await;
    let point = app.find(r#"[data-testid="agenda-new"]"#).await;
    point
        .send_keys("Budget for the conference trip\u{E007}")
        .await
        .expect("add a talking point");
    app.find(r#"[data-testid="agenda-item"]"#).await;
    // A word with accents, set as typing would (WebDriver types ASCII most reliably).
    app.js(
        r#"const el = document.querySelector('[data-testid="session-notes-input"]');
           el.focus();
           el.value = 'Her résumé for the staff role is strong.';
           el.dispatchEvent(new Event('input', { bubbles: true }));"#,
        vec![],
    )
    .await;
    app.eventually(
        r#"return document.querySelector('[data-testid="session-notes-status"]')?.dataset.status ?? null;"#,
        vec![],
        json!("saved"),
    )
    .await;
    app.click(r#"[data-testid="session-back"]"#).await;
    app.find(r#"[data-testid="person-page"]"#).await;
    let second = new_session(&app, None).await;
    assert_ne!(first, second);
    let agenda = app
        .until_some(
            r#"const items = [...document.querySelectorAll('[data-testid="agenda-item"]')];
               if (items.length === 0) return null;
               return items.map((i) => [i.querySelector('[data-testid="agenda-text"]').textContent.trim(),
                                        i.dataset.carried]);"#,
            vec![],
        )
        .await;
    assert_eq!(
        agenda,
        json!([["Budget for the conference trip", "true"]]),
        "the open point should come back, marked carried"
    );

    app.click(r#"[data-testid="session-back"]"#).await;
    app.click(r#"[data-testid="person-back"]"#).await;
    let search = app.find(r#"[data-testid="journal-search"]"#).await;
    search.send_keys("resume").await.expect("type a query");
    let hit: Value = app
        .until_some(
            r#"const hit = document.querySelector('[data-testid="search-hit"]');
               if (!hit) return null;
               return [hit.querySelector('[data-testid="search-snippet"]').textContent,
                       [...hit.querySelectorAll('mark')].map((m) => m.textContent)];"#,
            vec![],
        )
        .await;
    assert!(
        hit[0].as_str().unwrap().contains("résumé"),
        "snippet: {hit}"
    );
    assert_eq!(hit[1], json!(["résumé"]));
    app.quit().await;

    // The first session's point was marked carried in the database too.
    let store = Store::open(&database(&harness)).expect("open");
    let old = store.session(SessionId(first)).expect("first session");
    assert_eq!(
        old.agenda
            .iter()
            .map(|a| (a.text.as_str(), format!("{:?}", a.status)))
            .collect::<Vec<_>>(),
        [("Budget for the conference trip", "Carried".to_owned())]
    );
}

#[tokio::test]
async fn a_persons_export_is_saved_as_markdown_and_json_files_with_their_private_notes() {
    let harness = Harness::new();
    let member = seed(&harness);
    let marker = "PRIVATE-NOTE-4417 wants to lead the on-call rota";
    Store::open(&database(&harness))
        .expect("open the database")
        .save_person_notes(member, marker)
        .expect("private notes");
    let app = harness.launch().await;
    open_person(&app).await;
    app.click(r#"[data-testid="person-export"]"#).await;
    app.click(r#"[data-testid="export-save"]"#).await;
    let shown = app
        .until_some(
            r#"const p = document.querySelector('[data-testid="export-saved"]');
               return p ? p.textContent : null;"#,
            vec![],
        )
        .await;
    app.quit().await;

    let dir = harness.export_dir();
    let md = dir.join(format!("{PERSON} - personal data.md"));
    let json = dir.join(format!("{PERSON} - personal data.json"));
    let shown = shown.as_str().expect("text");
    assert!(shown.contains(&md.display().to_string()), "{shown}");
    assert!(shown.contains(&json.display().to_string()), "{shown}");
    let markdown = std::fs::read_to_string(&md).expect("the Markdown file");
    assert!(markdown.contains(marker), "{markdown}");
    let record: Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("the JSON file"))
            .expect("valid JSON");
    assert_eq!(record["person"]["privateNotes"], json!(marker));
    assert_eq!(record["person"]["name"], json!(PERSON));
    // Nothing else, and no temporary file left behind.
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("the export folder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[tokio::test]
async fn a_five_megabyte_paste_saves_and_reloads_intact() {
    let harness = Harness::new();
    seed(&harness);
    let app = harness.launch().await;
    open_person(&app).await;
    let session = new_session(&app, None).await;
    // 5 MB of varied lines, accents included, pasted in one go as a paste would put it.
    let pasted: String = (0..86_000)
        .map(|i| format!("Line {i:05}: the rollout plan, reviewed by Zoë and Ørjan.\n"))
        .collect::<String>();
    assert!(pasted.len() > 5_000_000, "{} bytes", pasted.len());
    app.js(
        r#"const el = document.querySelector('[data-testid="session-notes-input"]');
           el.focus();
           el.value = arguments[0];
           el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
           return true;"#,
        vec![json!(pasted)],
    )
    .await;
    app.eventually(
        r#"return document.querySelector('[data-testid="session-notes-status"]')?.textContent.trim() ?? null;"#,
        vec![],
        json!("Saved"),
    )
    .await;
    app.quit().await;
    assert!(
        saved_notes(&harness, session) == pasted,
        "the saved notes differ"
    );
    assert!(
        relaunch_and_read(&harness, session).await == pasted,
        "the notes shown after a restart differ"
    );
}

/// Every log file the app wrote in the data dir, joined.
fn log_text(harness: &Harness) -> String {
    let dir = harness.data_dir().join("logs");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("no log folder {}: {e}", dir.display()))
        .map(|e| e.expect("a log file").path())
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a readable log"))
        .collect()
}

#[tokio::test]
async fn the_log_says_what_happened_and_holds_no_names_or_notes() {
    let harness = Harness::new();
    seed(&harness);
    let app = harness.launch().await;
    open_person(&app).await;
    let session = new_session(&app, None).await;
    let typed = "LOG-SECRET-9931 is thinking about leaving";
    let editor = app.find(r#"[data-testid="session-notes-input"]"#).await;
    editor.send_keys(typed).await.expect("type notes");
    // A refused call: the core's message quotes the session date, the log has only the code.
    let refused = app
        .js_async(
            r#"const done = arguments[arguments.length - 1];
               window.__TAURI_INTERNALS__
                 .invoke('create_session', { req: { memberId: 999999, date: '2026-01-05' } })
                 .then(() => done('accepted'), (e) => done(e.code));"#,
            vec![],
        )
        .await;
    assert_eq!(refused, json!("not_found"));
    app.quit().await;
    assert_eq!(relaunch_and_read(&harness, session).await, typed);

    let log = log_text(&harness);
    assert!(log.contains(" INFO Teamlead "), "{log}");
    assert!(log.contains("database opened, schema version"), "{log}");
    assert!(log.contains("WARN a command failed: not_found"), "{log}");
    assert_eq!(log.matches(" started (").count(), 2, "{log}");
    for private in ["LOG-SECRET-9931", PERSON, "Zo", "999999", "2026-01-05"] {
        assert!(!log.contains(private), "the log holds {private}:\n{log}");
    }
}

//! First start and opening the data file, in the real window.

use serde_json::json;
use teamlead_core::Store;

use super::harness::Harness;

const CARD_COUNT: &str = r#"return document.querySelectorAll('[data-testid="card"]').length;"#;

#[tokio::test]
async fn the_demo_team_is_offered_on_first_start_and_kept() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="load-demo"]"#).await;
    app.find(r#"[data-testid="board"]"#).await;
    app.eventually(CARD_COUNT, vec![], json!(30)).await;
    app.quit().await;

    // The second start goes straight to the board: no welcome, no second demo.
    let app = harness.launch().await;
    app.find(r#"[data-testid="board"]"#).await;
    app.eventually(CARD_COUNT, vec![], json!(30)).await;
    let welcome = app
        .js(
            r#"return document.querySelector('[data-testid="load-demo"]') !== null;"#,
            vec![],
        )
        .await;
    assert_eq!(welcome, json!(false));
    app.quit().await;
}

#[tokio::test]
async fn a_database_from_a_newer_teamlead_is_explained_and_left_untouched() {
    let harness = Harness::new();
    let file = harness.data_dir().join("teamlead.sqlite3");
    {
        let store = Store::open(&file).expect("create a database");
        store
            .conn()
            .execute_batch("PRAGMA user_version = 999;")
            .expect("pretend a newer schema");
    }
    let before = std::fs::read(&file).expect("read the database");

    let app = harness.launch().await;
    let message = app
        .until_some(
            r#"const alert = document.querySelector('[role="alert"]');
               return alert ? alert.textContent : null;"#,
            vec![],
        )
        .await;
    let message = message.as_str().unwrap_or_default();
    assert!(
        message.contains("newer version of Teamlead") && message.contains("999"),
        "unexpected message: {message}"
    );
    app.quit().await;
    assert_eq!(std::fs::read(&file).expect("read again"), before);
}

#[tokio::test]
async fn a_second_launch_on_the_same_data_leaves_the_running_app_alone() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="load-demo"]"#).await;
    app.eventually(CARD_COUNT, vec![], json!(30)).await;

    let second = std::process::Command::new(env!("CARGO_BIN_EXE_teamlead"))
        .args([
            "--data-dir",
            harness.data_dir().to_str().expect("utf-8 path"),
        ])
        .output()
        .expect("start a second copy");
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "second launch failed: {said}");
    assert!(
        said.contains("already running"),
        "second launch said: {said}"
    );

    // The first one still works on its data.
    app.click(r#"[data-testid="column"][data-column-name="Backlog"] [data-testid="add-card"]"#)
        .await;
    app.find(r#"[data-testid="new-card-title"]"#)
        .await
        .send_keys("Still here\u{E007}")
        .await
        .expect("type a title");
    app.eventually(CARD_COUNT, vec![], json!(31)).await;
    app.quit().await;
}

/// The backups of a data folder, by kind, with each one's schema version.
fn backups(harness: &Harness) -> Vec<(String, i64)> {
    let file = harness.data_dir().join("teamlead.sqlite3");
    teamlead_core::backup::list(&file)
        .expect("list the backups")
        .into_iter()
        .map(|b| {
            // `PRAGMA user_version`, read from the file's header.
            let bytes = std::fs::read(&b.path).expect("read a backup");
            let version = i32::from_be_bytes(bytes[60..64].try_into().expect("a header"));
            (b.kind.as_str().to_owned(), i64::from(version))
        })
        .collect()
}

#[tokio::test]
async fn an_older_database_is_kept_before_its_upgrade_and_each_day_is_backed_up() {
    let harness = Harness::new();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/schema-1.sqlite3"
        ),
        harness.data_dir().join("teamlead.sqlite3"),
    )
    .expect("copy the fixture");

    let app = harness.launch().await;
    app.find(r#"[data-testid="board"]"#).await;
    app.eventually(CARD_COUNT, vec![], json!(3)).await;
    // The day's backup is made beside the window.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while backups(&harness).len() < 2 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.quit().await;
    let latest = teamlead_core::store::latest_version();
    let mut found = backups(&harness);
    found.sort();
    assert_eq!(
        found,
        [
            ("before-migration".to_owned(), 1),
            ("daily".to_owned(), latest)
        ]
    );

    // The same day again: nothing new.
    let app = harness.launch().await;
    app.eventually(CARD_COUNT, vec![], json!(3)).await;
    app.quit().await;
    assert_eq!(backups(&harness).len(), 2);
}

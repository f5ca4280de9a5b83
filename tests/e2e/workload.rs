//! Workload in the real window: suggestions for the demo team applied in one step, undone in
//! one, and both kept across a restart.

use serde_json::json;
use teamlead_core::Store;

use super::harness::{App, Harness};

const CONTROL: char = '\u{E009}';

/// The titles of the cards on the board that nobody has, sorted.
const UNASSIGNED: &str = r#"
    const board = document.querySelector('[data-testid="board"]');
    if (!board) return null;
    return [...board.querySelectorAll('[data-testid="card"]')]
        .filter((c) => !c.querySelector('[aria-label^="Assigned to"]'))
        .map((c) => c.querySelector('[data-testid="card-title"]').textContent.trim())
        .sort();
"#;

/// The demo board's cards that start with nobody.
const DEMO_UNASSIGNED: [&str; 5] = [
    "Dark mode for the settings pages",
    "Document the public API rate limits",
    "Evaluate moving metrics storage to Parquet",
    "Spike: streaming import for large customer files",
    "Upgrade TLS library and rotate certificates",
];

async fn unassigned_are(app: &App, titles: &[&str]) {
    app.eventually(UNASSIGNED, vec![], json!(titles)).await;
}

#[tokio::test]
async fn suggestions_apply_in_one_step_and_ctrl_z_undoes_them_all() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="load-demo"]"#).await;
    unassigned_are(&app, &DEMO_UNASSIGNED).await;

    app.click(r#"[data-testid="nav-workload"]"#).await;
    app.eventually(
        r#"return document.querySelectorAll('[data-testid="workload-person"]').length;"#,
        vec![],
        json!(6),
    )
    .await;
    app.click(r#"[data-testid="suggest"]"#).await;
    app.find(r#"[data-testid="plan-preview"]"#).await;
    // Every unassigned card gets someone, with a reason, all ticked.
    let preview = app
        .until_some(
            r#"const items = [...document.querySelectorAll('[data-testid="suggestion"]')];
               if (items.length === 0) return null;
               return [items.length,
                       items.every((i) => i.querySelector('[data-testid="suggestion-reason"]').textContent.trim() !== ''),
                       items.every((i) => i.querySelector('[data-testid="suggestion-accept"]').checked),
                       document.querySelector('[data-testid="plan-bound"]')?.textContent.trim().endsWith('%') ?? false];"#,
            vec![],
        )
        .await;
    assert_eq!(preview, json!([5, true, true, true]), "preview: {preview}");
    app.click(r#"[data-testid="apply-plan"]"#).await;
    app.eventually(
        r#"return document.querySelector('[data-testid="plan-preview"]') === null;"#,
        vec![],
        json!(true),
    )
    .await;

    app.click(r#"[data-testid="nav-board"]"#).await;
    unassigned_are(&app, &[]).await;
    app.quit().await;

    // A restart keeps the assignments, and one Ctrl+Z then takes them all back.
    let app = harness.launch().await;
    unassigned_are(&app, &[]).await;
    app.chord(&[CONTROL], 'z').await;
    unassigned_are(&app, &DEMO_UNASSIGNED).await;
    app.eventually(
        r#"return document.querySelector('[data-testid="live-region"]').textContent.trim();"#,
        vec![],
        json!("Undone: Apply suggestions."),
    )
    .await;
    app.quit().await;

    let app = harness.launch().await;
    unassigned_are(&app, &DEMO_UNASSIGNED).await;
    app.quit().await;

    // The whole batch was one step: it is what redo would do again.
    let store = Store::open(&harness.data_dir().join("teamlead.sqlite3")).expect("open");
    let state = store.undo_state().expect("undo state");
    assert_eq!(
        (state.undo, state.redo.as_deref()),
        (None, Some("Apply suggestions"))
    );
}

//! Managing columns and boards in the real window.

use serde_json::json;

use super::harness::Harness;

const COLUMN_NAMES: &str = r#"return [...document.querySelectorAll('[data-testid="column"]')]
    .map(c => c.dataset.columnName);"#;

const CARDS_IN: &str = r#"const c = document.querySelector(
        `[data-testid="column"][data-column-name="${arguments[0]}"]`);
    return c ? c.querySelectorAll('[data-testid="card"]').length : null;"#;

#[tokio::test]
async fn deleting_a_column_moves_its_cards_and_survives_a_restart() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="load-demo"]"#).await;
    app.eventually(
        COLUMN_NAMES,
        vec![],
        json!(["Backlog", "To do", "In progress", "Review", "Done"]),
    )
    .await;
    app.eventually(CARDS_IN, vec![json!("Review")], json!(3))
        .await;
    app.eventually(CARDS_IN, vec![json!("Done")], json!(8))
        .await;

    app.click(r#"[data-testid="column"][data-column-name="Backlog"] [data-testid="column-menu"]"#)
        .await;
    app.click(r#"[data-testid="delete-column"]"#).await;
    let target = app
        .find(r#"[data-testid="confirm-delete-column"] [data-testid="cards-to"]"#)
        .await;
    target
        .select_by_label("To do")
        .await
        .expect("send the cards to To do");
    app.click(r#"[data-testid="confirm-delete-column-yes"]"#)
        .await;
    app.eventually(
        COLUMN_NAMES,
        vec![],
        json!(["To do", "In progress", "Review", "Done"]),
    )
    .await;
    app.eventually(CARDS_IN, vec![json!("To do")], json!(13))
        .await;
    app.quit().await;

    let app = harness.launch().await;
    app.eventually(
        COLUMN_NAMES,
        vec![],
        json!(["To do", "In progress", "Review", "Done"]),
    )
    .await;
    app.eventually(CARDS_IN, vec![json!("To do")], json!(13))
        .await;
    app.quit().await;
}

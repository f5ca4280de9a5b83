//! The board in the real window: create, drag, keyboard move, errors, and persistence.

use serde_json::json;

use super::harness::{App, Harness};

const ENTER: char = '\u{E007}';
const SPACE: char = ' ';
const ARROW_RIGHT: char = '\u{E014}';
const CONTROL: char = '\u{E009}';

/// The name of the column holding the card titled `title`, or null.
const COLUMN_OF: &str = r#"
    const title = arguments[0];
    for (const card of document.querySelectorAll('[data-testid="card"]')) {
        const t = card.querySelector('[data-testid="card-title"]');
        if (t && t.textContent.trim() === title) {
            return card.closest('[data-testid="column"]').dataset.columnName;
        }
    }
    return null;
"#;

/// The card titled `title`, once it is on the page.
async fn card_titled(app: &App, title: &str) -> fantoccini::elements::Element {
    let id = app
        .until_some(
            r#"for (const card of document.querySelectorAll('[data-testid="card"]')) {
                   const t = card.querySelector('[data-testid="card-title"]');
                   if (t && t.textContent.trim() === arguments[0]) return card.dataset.cardId;
               }
               return null;"#,
            vec![json!(title)],
        )
        .await;
    let id = id.as_str().expect("card ids are strings in the DOM");
    app.find(&format!(r#"[data-testid="card"][data-card-id="{id}"]"#))
        .await
}

/// Quits, starts the app again on the same data, and expects the card in `column`.
async fn after_restart_is_in(harness: &Harness, app: App, title: &str, column: &str) {
    app.quit().await;
    let app = harness.launch().await;
    app.eventually(COLUMN_OF, vec![json!(title)], json!(column))
        .await;
    app.quit().await;
}

/// Starts with an empty board and adds a card to the first column.
async fn fresh_board_with_card(app: &App, title: &str) {
    app.click(r#"[data-testid="start-fresh"]"#).await;
    app.find(r#"[data-testid="board"]"#).await;
    app.click(r#"[data-testid="column"][data-column-name="To do"] [data-testid="add-card"]"#)
        .await;
    let input = app.find(r#"[data-testid="new-card-title"]"#).await;
    input
        .send_keys(&format!("{title}\u{E007}"))
        .await
        .expect("type title");
    app.eventually(COLUMN_OF, vec![json!(title)], json!("To do"))
        .await;
}

#[tokio::test]
async fn a_dragged_card_stays_where_it_was_left_after_a_restart() {
    let harness = Harness::new();
    let app = harness.launch().await;
    let title = "Prepare the quarterly review";
    fresh_board_with_card(&app, title).await;

    let card = card_titled(&app, title).await;
    let target = app
        .find(r#"[data-testid="column"][data-column-name="Review"] [data-testid="column-cards"]"#)
        .await;
    app.drag(&card, &target, (0.0, 0.0)).await;
    app.eventually(COLUMN_OF, vec![json!(title)], json!("Review"))
        .await;
    after_restart_is_in(&harness, app, title, "Review").await;
}

#[tokio::test]
async fn the_keyboard_moves_a_card_and_it_persists() {
    let harness = Harness::new();
    let app = harness.launch().await;
    let title = "Book the team offsite";
    fresh_board_with_card(&app, title).await;

    let card = card_titled(&app, title).await;
    card.click().await.expect("focus the card");
    app.press(&[SPACE, ARROW_RIGHT, SPACE]).await;
    app.eventually(COLUMN_OF, vec![json!(title)], json!("In progress"))
        .await;
    let announced = app
        .js(
            r#"return document.querySelector('[data-testid="live-region"]').textContent;"#,
            vec![],
        )
        .await;
    assert!(
        announced.as_str().unwrap_or("").contains("In progress"),
        "the drop was not announced: {announced}"
    );
    after_restart_is_in(&harness, app, title, "In progress").await;
}

#[tokio::test]
async fn an_empty_title_shows_the_core_error_and_changes_nothing() {
    let harness = Harness::new();
    let app = harness.launch().await;
    let title = "Keep this title";
    fresh_board_with_card(&app, title).await;

    let card = card_titled(&app, title).await;
    card.click().await.expect("focus the card");
    app.press(&['e']).await;
    let input = app.find(r#"[data-testid="card-title-input"]"#).await;
    input.clear().await.expect("clear the title");
    app.press(&[' ', ' ', ENTER]).await;
    app.eventually(
        r#"const alert = document.querySelector('[role="alert"][data-testid="error"]');
           return alert ? alert.textContent.trim() : null;"#,
        vec![],
        json!("The title cannot be empty."),
    )
    .await;
    app.eventually(COLUMN_OF, vec![json!(title)], json!("To do"))
        .await;
    after_restart_is_in(&harness, app, title, "To do").await;
}

#[tokio::test]
async fn ctrl_z_undoes_a_drag_and_the_undo_persists() {
    let harness = Harness::new();
    let app = harness.launch().await;
    let title = "Draft the hiring plan";
    fresh_board_with_card(&app, title).await;

    let card = card_titled(&app, title).await;
    let target = app
        .find(r#"[data-testid="column"][data-column-name="Done"] [data-testid="column-cards"]"#)
        .await;
    app.drag(&card, &target, (0.0, 0.0)).await;
    app.eventually(COLUMN_OF, vec![json!(title)], json!("Done"))
        .await;

    app.chord(&[CONTROL], 'z').await;
    app.eventually(COLUMN_OF, vec![json!(title)], json!("To do"))
        .await;
    after_restart_is_in(&harness, app, title, "To do").await;
}

#[tokio::test]
async fn an_archived_card_comes_back_where_it_was_and_a_deleted_one_with_ctrl_z() {
    let harness = Harness::new();
    let app = harness.launch().await;
    let title = "Retire the old dashboard";
    fresh_board_with_card(&app, title).await;

    let card = card_titled(&app, title).await;
    card.click().await.expect("focus the card");
    app.press(&['a']).await;
    app.eventually(COLUMN_OF, vec![json!(title)], json!(null))
        .await;
    app.click(r#"[data-testid="show-archived"]"#).await;
    app.click(r#"[data-testid="archived-panel"] [data-testid="restore-card"]"#)
        .await;
    app.eventually(COLUMN_OF, vec![json!(title)], json!("To do"))
        .await;

    let card = card_titled(&app, title).await;
    card.click().await.expect("focus the card");
    app.press(&['\u{E017}']).await; // Delete
    app.click(r#"[data-testid="confirm-delete-yes"]"#).await;
    app.eventually(COLUMN_OF, vec![json!(title)], json!(null))
        .await;
    app.chord(&[CONTROL], 'z').await;
    app.eventually(COLUMN_OF, vec![json!(title)], json!("To do"))
        .await;
    after_restart_is_in(&harness, app, title, "To do").await;
}

/// A burst of moves fired without waiting for each other (as a frantic user or a stuck key
/// would) ends in the state of the last one, with every move applied in order.
#[tokio::test]
async fn a_burst_of_100_moves_ends_where_the_last_one_put_the_card() {
    let harness = Harness::new();
    let app = harness.launch().await;
    let title = "Hot potato";
    fresh_board_with_card(&app, title).await;
    let card = card_titled(&app, title).await;
    let card_id = card.attr("data-card-id").await.expect("card id");
    let outcome = app
        .client
        .execute_async(
            r#"const [cardId, done] = [Number(arguments[0]), arguments[arguments.length - 1]];
               const ids = {};
               for (const c of document.querySelectorAll('[data-testid="column"]')) {
                   ids[c.dataset.columnName] = Number(c.dataset.columnId);
               }
               const invoke = window.__TAURI_INTERNALS__.invoke;
               const moves = [];
               for (let i = 0; i < 100; i++) {
                   const columnId = i % 2 === 0 ? ids['In progress'] : ids['Review'];
                   moves.push(invoke('move_card', { req: { cardId, columnId, afterId: null } }));
               }
               Promise.allSettled(moves).then(results => done({
                   failed: results.filter(r => r.status === 'rejected').length,
                   last: results[99].value && results[99].value.columnId === ids['Review'],
               }));"#,
            vec![json!(card_id.expect("a card id"))],
        )
        .await
        .expect("the burst of moves");
    assert_eq!(outcome, json!({"failed": 0, "last": true}));
    after_restart_is_in(&harness, app, title, "Review").await;
}

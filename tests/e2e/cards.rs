//! Card details, the team strip, search and filters, the command palette and archived
//! columns, in the real window.

use serde_json::{json, Value};
use teamlead_core::{CardId, Priority, Store};

use super::harness::{App, Harness};

const ENTER: char = '\u{E007}';
const ESCAPE: char = '\u{E00C}';
const CONTROL: char = '\u{E009}';

/// The id of the card titled `title` on the board, once it is shown.
async fn card_id(app: &App, title: &str) -> String {
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
    id.as_str().expect("card ids are strings").to_owned()
}

fn card_css(id: &str) -> String {
    format!(r#"[data-testid="card"][data-card-id="{id}"]"#)
}

/// The text of each badge of a card, by test id.
const BADGES: &str = r#"
    const card = document.querySelector(`[data-testid="card"][data-card-id="${arguments[0]}"]`);
    if (!card) return null;
    const text = (id) => card.querySelector(`[data-testid="${id}"]`)?.textContent.trim() ?? null;
    return [text('card-priority'), text('card-checklist'), text('card-blocked') !== null,
            text('card-label'), card.querySelector('[data-testid="card-due"]') !== null];
"#;

/// Sets a form control's value as typing or picking would, and lets the app hear it.
async fn set_value(app: &App, css: &str, value: &str) {
    app.js(
        r#"const el = document.querySelector(arguments[0]);
           el.value = arguments[1];
           el.dispatchEvent(new Event('input', { bubbles: true }));
           el.dispatchEvent(new Event('change', { bubbles: true }));"#,
        vec![json!(css), json!(value)],
    )
    .await;
}

/// Opens the card with Enter and fills every kind of detail; the description carries
/// script and HTML that must stay inert.
async fn fill_details(app: &App, id: &str) {
    app.click(&format!("{} [data-testid=\"card-title\"]", card_css(id)))
        .await;
    app.find(r#"[data-testid="card-dialog"]"#).await;
    set_value(app, r#"[data-testid="card-priority-select"]"#, "urgent").await;
    set_value(app, r#"[data-testid="card-due-input"]"#, "2020-01-31").await;
    let description = app.find(r#"[data-testid="description-input"]"#).await;
    description
        .send_keys(
            "Plan **carefully** <img src=x onerror=\"window.__pwned=1\"> \
             <script>window.__pwned=2</script> [link](javascript:window.__pwned=3)",
        )
        .await
        .expect("type the description");
    app.eventually(
        r#"return document.querySelector('[data-testid="description-status"]')?.textContent.trim() ?? null;"#,
        vec![],
        json!("Saved"),
    )
    .await;
    app.click(r#"[data-testid="checklist-add"]"#).await;
    let item = app.find(r#"[data-testid="checklist-new"]"#).await;
    item.send_keys(&format!("Write the release notes{ENTER}"))
        .await
        .expect("add a checklist item");
    app.find(r#"[data-testid="checklist-item"]"#).await;
    app.click(r#"[data-testid="card-block"]"#).await;
    let reason = app.find(r#"[data-testid="block-reason"]"#).await;
    reason
        .send_keys("Waiting for the security review")
        .await
        .expect("type the reason");
    app.click(r#"[data-testid="block-save"]"#).await;
    app.find(r#"[data-testid="blocked-box"]"#).await;
}

#[tokio::test]
async fn card_details_show_as_badges_stay_inert_and_survive_a_restart() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="start-fresh"]"#).await;
    app.click(r#"[data-testid="column"][data-column-name="To do"] [data-testid="add-card"]"#)
        .await;
    let input = app.find(r#"[data-testid="new-card-title"]"#).await;
    input
        .send_keys(&format!("Ship the importer{ENTER}"))
        .await
        .expect("type a title");
    let id = card_id(&app, "Ship the importer").await;
    fill_details(&app, &id).await;

    // The preview renders Markdown and none of the markup or script.
    app.click(r#"[data-testid="description-toggle"]"#).await;
    let preview = app
        .until_some(
            r#"const d = document.querySelector('[data-testid="card-dialog"] .markdown');
               if (!d) return null;
               return [d.querySelector('strong')?.textContent ?? null,
                       d.querySelectorAll('img, script, iframe, svg').length,
                       [...d.querySelectorAll('a')].map((a) => a.getAttribute('href')),
                       d.textContent.includes('<script>'),
                       window.__pwned ?? null];"#,
            vec![],
        )
        .await;
    assert_eq!(
        preview,
        json!(["carefully", 0, [], true, null]),
        "rendered: {preview}"
    );
    app.press(&[ESCAPE]).await;
    app.eventually(
        r#"return document.querySelector('[data-testid="card-dialog"]') === null;"#,
        vec![],
        json!(true),
    )
    .await;
    let expected = json!([
        "Priority: Urgent",
        "0/1 Checklist: 0 of 1 done",
        true,
        Value::Null,
        true
    ]);
    app.eventually(BADGES, vec![json!(id)], expected.clone())
        .await;
    app.quit().await;

    let app = harness.launch().await;
    let id = card_id(&app, "Ship the importer").await;
    app.eventually(BADGES, vec![json!(id)], expected).await;
    assert_eq!(
        app.js("return window.__pwned ?? null;", vec![]).await,
        Value::Null
    );
    app.quit().await;

    // The core has every field, and the block in the card's history.
    let store = Store::open(&harness.data_dir().join("teamlead.sqlite3")).expect("open");
    let card_id = CardId(id.parse().expect("numeric id"));
    let detail = store.card_detail(card_id).expect("card detail");
    assert_eq!(detail.card.priority, Priority::Urgent);
    assert_eq!(
        detail.card.due.map(|d| d.to_string()).as_deref(),
        Some("2020-01-31")
    );
    assert!(detail.card.description.starts_with("Plan **carefully**"));
    assert_eq!(
        detail.card.blocked.map(|b| b.reason).as_deref(),
        Some("Waiting for the security review")
    );
    assert_eq!(detail.checklist.len(), 1);
    assert!(detail
        .history
        .iter()
        .any(|e| e.kind == teamlead_core::board::EventKind::Blocked));
}

#[tokio::test]
async fn a_card_dropped_on_a_team_avatar_is_assigned() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="load-demo"]"#).await;
    let title = "Dark mode for the settings pages";
    let id = card_id(&app, title).await;
    let ana = app
        .until_some(
            r#"const a = [...document.querySelectorAll('[data-testid="team-avatar"]')]
                   .find((b) => b.getAttribute('aria-label')?.startsWith('Ana Souza'));
               return a ? a.dataset.memberId : null;"#,
            vec![],
        )
        .await;
    let ana = ana.as_str().expect("member id").to_owned();
    let card = app.find(&card_css(&id)).await;
    let avatar = app
        .find(&format!(
            r#"[data-testid="team-avatar"][data-member-id="{ana}"]"#
        ))
        .await;
    app.drag(&card, &avatar, (0.0, 0.0)).await;
    app.eventually(
        r#"const c = document.querySelector(`[data-testid="card"][data-card-id="${arguments[0]}"] [aria-label^="Assigned to"]`);
           return c ? c.getAttribute('aria-label') : null;"#,
        vec![json!(id)],
        json!("Assigned to Ana Souza"),
    )
    .await;
    app.quit().await;
    let store = Store::open(&harness.data_dir().join("teamlead.sqlite3")).expect("open");
    let card = store
        .card(CardId(id.parse().expect("numeric id")))
        .expect("card");
    assert_eq!(card.assignee.map(|m| m.0.to_string()), Some(ana));
}

/// Titles of the cards the board shows.
const SHOWN: &str = r#"
    return [...document.querySelectorAll('[data-testid="card"] [data-testid="card-title"]')]
        .map((t) => t.textContent.trim());
"#;

#[tokio::test]
async fn search_filters_and_the_command_palette_narrow_the_board() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="load-demo"]"#).await;
    card_id(&app, "Write runbook for database failover").await;
    // `/` goes to the search box; accents and case do not matter.
    app.js("document.activeElement?.blur();", vec![]).await;
    app.press(&['/']).await;
    app.eventually(
        "return document.activeElement?.dataset.testid ?? null;",
        vec![],
        json!("filter-search"),
    )
    .await;
    app.find(r#"[data-testid="filter-search"]"#)
        .await
        .send_keys("RÚNBOOK")
        .await
        .expect("type a search");
    app.eventually(
        SHOWN,
        vec![],
        json!(["Write runbook for database failover"]),
    )
    .await;
    app.click(r#"[data-testid="clear-filters"]"#).await;
    app.eventually(
        "return document.querySelectorAll('[data-testid=\"card\"]').length > 20;",
        vec![],
        json!(true),
    )
    .await;

    // The palette reaches the blocked filter by name.
    app.chord(&[CONTROL], 'k').await;
    let input = app.find(r#"[data-testid="palette-input"]"#).await;
    input
        .send_keys(&format!("blocked{ENTER}"))
        .await
        .expect("type in the palette");
    app.eventually(
        SHOWN,
        vec![],
        json!(["Helm chart for the ingestion worker"]),
    )
    .await;
    app.eventually(
        "return document.querySelectorAll('[data-testid=\"filter-chip\"]').length;",
        vec![],
        json!(1),
    )
    .await;
    app.quit().await;
}

#[tokio::test]
async fn an_archived_column_leaves_with_its_cards_and_comes_back() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="load-demo"]"#).await;
    card_id(&app, "Write runbook for database failover").await;
    let backlog = r#"[data-testid="column"][data-column-name="Backlog"]"#;
    app.click(&format!("{backlog} [data-testid=\"column-menu\"]"))
        .await;
    app.click(r#"[data-testid="archive-column"]"#).await;
    let has_backlog = r#"return document.querySelector('[data-testid="column"][data-column-name="Backlog"]') !== null;"#;
    app.eventually(has_backlog, vec![], json!(false)).await;
    app.quit().await;

    let app = harness.launch().await;
    app.find(r#"[data-testid="board"]"#).await;
    app.eventually(has_backlog, vec![], json!(false)).await;
    app.click(r#"[data-testid="show-archived"]"#).await;
    app.click(r#"[data-testid="restore-column"]"#).await;
    app.eventually(has_backlog, vec![], json!(true)).await;
    app.eventually(
        r#"return document.querySelectorAll('[data-testid="column"][data-column-name="Backlog"] [data-testid="card"]').length;"#,
        vec![],
        json!(7),
    )
    .await;
    app.quit().await;
}

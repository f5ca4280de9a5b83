//! Assignment by dragging between people's lanes, and WIP limits, in the real window.

use serde_json::json;

use super::harness::{App, Harness};

const ASSIGNEE_OF: &str = r#"
    const title = arguments[0];
    for (const card of document.querySelectorAll('[data-testid="lane"] [data-testid="card"]')) {
        const t = card.querySelector('[data-testid="card-title"]');
        if (t && t.textContent.trim() === title) {
            return card.closest('[data-testid="lane"]').dataset.memberName;
        }
    }
    return null;
"#;

async fn demo_in_people_view(app: &App) {
    app.click(r#"[data-testid="load-demo"]"#).await;
    app.click(r#"[data-testid="view-people"]"#).await;
    app.find(r#"[data-testid="lane"]"#).await;
}

#[tokio::test]
async fn dragging_a_card_into_another_lane_reassigns_it_for_good() {
    let harness = Harness::new();
    let app = harness.launch().await;
    demo_in_people_view(&app).await;
    let title = "Rate limiter for the search API";
    app.eventually(ASSIGNEE_OF, vec![json!(title)], json!("Ana Souza"))
        .await;

    let id = app
        .until_some(
            r#"for (const card of document.querySelectorAll('[data-testid="lane"] [data-testid="card"]')) {
                   if (card.querySelector('[data-testid="card-title"]').textContent.trim() === arguments[0]) {
                       return card.dataset.cardId;
                   }
               }
               return null;"#,
            vec![json!(title)],
        )
        .await;
    let card = app
        .find(&format!(
            r#"[data-testid="lane"] [data-testid="card"][data-card-id="{}"]"#,
            id.as_str().expect("card id")
        ))
        .await;
    // The source lane first in view, so the next lane is in view too.
    let column = app
        .js(
            r#"const card = document.querySelector(`[data-testid="lane"] [data-card-id="${arguments[0]}"]`);
               card.closest('[data-testid="lane"]').scrollIntoView({ block: 'start' });
               return card.closest('[data-testid="lane-cell"]').dataset.columnId;"#,
            vec![id.clone()],
        )
        .await;
    let column = column.as_str().expect("column id").to_owned();
    let target = app
        .find(&format!(
            r#"[data-testid="lane"][data-member-name="Bea Lindqvist"] [data-testid="lane-cell"][data-column-id="{column}"]"#
        ))
        .await;
    app.drag(&card, &target, (0.0, 0.0)).await;
    app.eventually(ASSIGNEE_OF, vec![json!(title)], json!("Bea Lindqvist"))
        .await;
    app.quit().await;

    let app = harness.launch().await;
    app.click(r#"[data-testid="view-people"]"#).await;
    app.eventually(ASSIGNEE_OF, vec![json!(title)], json!("Bea Lindqvist"))
        .await;
    app.quit().await;
}

#[tokio::test]
async fn a_column_over_its_wip_limit_is_flagged() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="load-demo"]"#).await;
    let flag = r#"const c = document.querySelector('[data-testid="column"][data-column-name="In progress"]');
                  return c ? [c.dataset.overWip === 'true', c.querySelector('[data-testid="wip"]').textContent.trim()] : null;"#;
    app.eventually(flag, vec![], json!([true, "6/5"])).await;

    // Raising the limit clears the flag; the change is saved.
    app.click(
        r#"[data-testid="column"][data-column-name="In progress"] [data-testid="column-menu"]"#,
    )
    .await;
    app.find_xpath(r#"//*[@role="menuitem"][contains(., "Set WIP limit")]"#)
        .await
        .click()
        .await
        .expect("choose Set WIP limit");
    let input = app.find(r#"[data-testid="wip-input"]"#).await;
    input.clear().await.expect("clear the limit input");
    input
        .send_keys("8\u{E007}")
        .await
        .expect("type a new limit");
    app.eventually(flag, vec![], json!([false, "6/8"])).await;
    app.quit().await;

    let app = harness.launch().await;
    app.eventually(flag, vec![], json!([false, "6/8"])).await;
    app.quit().await;
}

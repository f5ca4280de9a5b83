//! Progress and goals in the real window: the core's charts drawn as images under the app's
//! content policy, the radar's links, and a goal whose card is linked and kept across a restart.

use serde_json::json;

use super::harness::Harness;

/// How many charts are on the page, how many the webview has laid out with a size, and how
/// many have a text alternative.
const CHARTS: &str = r#"
    const charts = [...document.querySelectorAll('[data-testid="chart"] > [role="img"]')];
    if (charts.length === 0) return null;
    return { charts: charts.length,
             drawn: charts.filter((c) => {
                 const svg = c.querySelector('svg');
                 const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
                 return box.width > 100 && box.height > 50 && svg.querySelectorAll('text').length > 3;
             }).length,
             described: charts.filter((c) => (c.getAttribute('aria-label') || '').length > 20).length };
"#;

/// The facts line of the goal the test made ("… 0 of 1 cards done …"), cut to the card count.
const FACTS: &str = r#"
    const goals = [...document.querySelectorAll('[data-testid="goal"]')]
        .filter((g) => g.textContent.includes('GOAL-5521'));
    if (goals.length !== 1) return null;
    const facts = goals[0].querySelector('[data-testid="goal-facts"]').textContent;
    const m = facts.match(/\d+ of \d+ cards done/);
    return m ? m[0] : facts;
"#;

/// Sets an input's value as typing would, for the date fields WebDriver cannot type into.
const SET_VALUE: &str = r#"
    const el = document.querySelector(arguments[0]);
    el.value = arguments[1];
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
"#;

#[tokio::test]
async fn progress_shows_the_cores_charts_and_the_radar_opens_the_blocked_card() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="load-demo"]"#).await;
    app.find(r#"[data-testid="board"]"#).await;
    app.click(r#"[data-testid="nav-progress"]"#).await;

    let charts = app.until_some(CHARTS, vec![]).await;
    let count = charts["charts"].as_u64().expect("a count");
    assert!(count >= 4, "{charts}");
    // Every chart laid out with its axes' text.
    assert_eq!(charts["drawn"], json!(count), "{charts}");
    assert_eq!(charts["described"], json!(count), "{charts}");

    // The demo's blocked card is on the radar, with why; its link opens the card.
    let blocked = app
        .find(r#"[data-testid="risk"][data-kind="blocked"]"#)
        .await;
    let text = blocked.text().await.expect("risk text");
    assert!(text.contains("cluster quota"), "{text}");
    app.click(r#"[data-testid="risk"][data-kind="blocked"] [data-testid="risk-link"]"#)
        .await;
    // The dialog renders again when the card's details arrive: read it by script, not by
    // a handle that may go stale.
    app.eventually(
        r#"const d = document.querySelector('[data-testid="card-dialog"]');
           return d !== null && d.textContent.includes('cluster quota');"#,
        vec![],
        json!(true),
    )
    .await;
    app.quit().await;
}

#[tokio::test]
async fn a_goal_gets_a_card_and_keeps_it_across_a_restart() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="load-demo"]"#).await;
    app.find(r#"[data-testid="board"]"#).await;
    app.click(r#"[data-testid="nav-goals"]"#).await;

    let title = app.find(r#"[data-testid="goal-title"]"#).await;
    title
        .send_keys("GOAL-5521 Self-serve onboarding")
        .await
        .expect("type the goal");
    app.js(
        SET_VALUE,
        vec![json!(r#"[data-testid="goal-target"]"#), json!("2099-06-30")],
    )
    .await;
    app.click(r#"[data-testid="goal-add"]"#).await;
    app.click(r#"[data-testid="goal-add-card"]"#).await;
    let card = app.find(r#"[data-testid="goal-card-title"]"#).await;
    card.send_keys("CARD-5521 Onboarding checklist\u{E007}")
        .await
        .expect("type the card");
    app.eventually(FACTS, vec![], json!("0 of 1 cards done"))
        .await;
    app.quit().await;

    // After a restart, the goal still has its card, and the card's dialog shows the goal.
    let app = harness.launch().await;
    app.find(r#"[data-testid="board"]"#).await;
    app.click(r#"[data-testid="nav-goals"]"#).await;
    app.eventually(FACTS, vec![], json!("0 of 1 cards done"))
        .await;
    app.click(r#"[data-testid="nav-board"]"#).await;
    let card = app
        .find_xpath(r#"//*[@data-testid="card-title" and contains(., "CARD-5521")]"#)
        .await;
    card.click().await.expect("focus the card");
    app.press(&['\u{E007}']).await;
    app.eventually(
        r#"const s = document.querySelector('[data-testid="card-goal-select"]');
           return s && !s.disabled ? s.selectedOptions[0].textContent : null;"#,
        vec![],
        json!("GOAL-5521 Self-serve onboarding (by 2099-06-30)"),
    )
    .await;
    app.quit().await;
}

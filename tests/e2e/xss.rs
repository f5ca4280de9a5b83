//! Hostile text everywhere the lead's data shows, in the real window: every payload of the XSS
//! corpus (`tests/fixtures/xss.txt`) is stored as card titles, descriptions, checklist items
//! and block reasons, people's names, roles and private notes, growth goals, one-on-one notes,
//! talking points, action items and feedback, team goals, and the report's needs and status.
//! Each view that shows them is rendered: the board and its people lanes, every card's
//! dialog, the People page, every person's page and one-on-one (notes previewed as
//! Markdown), journal search, the Workload view with suggestions, and the report preview.
//!
//! Every payload tries to set `top.__xss` to its line number, or to call a command through
//! `window.__TAURI_INTERNALS__` (add a board, erase a person, delete a column). None may: the
//! canary stays unset, no element or link a payload could carry appears, the database holds
//! what was seeded, and the page's Content Security Policy refuses inline and evaluated script.

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::wd::TimeoutConfiguration;
use fantoccini::Locator;
use serde_json::{json, Value};
use teamlead_core::journal::{NewActionItem, NewFeedback, NewGoal, NewSession};
use teamlead_core::metrics::Period;
use teamlead_core::report::Status;
use teamlead_core::{FeedbackKind, NewMember, Owner, Store};

use super::harness::{App, Harness};

const CORPUS: &str = include_str!("../fixtures/xss.txt");

/// The corpus: one payload a line; `\n` stands for a line break, `\t` for a tab and `\\` for
/// a backslash.
fn corpus() -> Vec<String> {
    CORPUS
        .lines()
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut out = String::new();
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                if c != '\\' {
                    out.push(c);
                    continue;
                }
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('\\') => out.push('\\'),
                    Some(other) => {
                        out.push('\\');
                        out.push(other);
                    }
                    None => out.push('\\'),
                }
            }
            out
        })
        .collect()
}

/// A payload where only one line fits: titles, names, reasons.
fn one_line(payload: &str) -> String {
    payload.replace('\n', " ")
}

fn database(harness: &Harness) -> PathBuf {
    harness.data_dir().join("teamlead.sqlite3")
}

/// Stores every payload in every field that takes it, before the app starts.
fn seed(harness: &Harness, corpus: &[String]) {
    let mut store = Store::open(&database(harness)).expect("open the database");
    let board = store.start_fresh().expect("a first board");
    let columns = store.board_view(board).expect("the board").columns;
    let today = chrono::Local::now().date_naive();
    for (i, payload) in corpus.iter().enumerate() {
        let line = one_line(payload);
        // At most 21 cards a column: every card is rendered, none left out of a long column.
        let card = store
            .create_card(columns[i % columns.len()].id, &line)
            .expect("a card titled with the payload");
        store
            .set_description(card.id, payload)
            .expect("a description");
        store
            .add_checklist_item(card.id, &line)
            .expect("a checklist item");
        store.set_estimate(card.id, Some(2.0)).expect("an estimate");
        if i % 4 == 0 {
            store.block_card(card.id, &line).expect("a block reason");
        }
        let member = store
            .create_member(&NewMember {
                name: line.clone(),
                role: line.clone(),
                skills: vec![],
            })
            .expect("a person named with the payload");
        store.set_capacity(member, Some(10.0)).expect("a capacity");
        // Every third card is left for the Workload view to suggest someone for.
        if i % 3 != 0 {
            store
                .assign_card(card.id, Some(member))
                .expect("an assignee");
        }
        store
            .save_person_notes(member, payload)
            .expect("private notes");
        store
            .add_goal(
                member,
                &NewGoal {
                    title: line.clone(),
                    skills: vec![],
                    progress: 40,
                },
            )
            .expect("a growth goal");
        let session = store
            .create_session(member, NewSession::on(today))
            .expect("a one-on-one");
        store
            .save_session_notes(session.id, payload)
            .expect("one-on-one notes");
        store
            .add_agenda_item(session.id, &line)
            .expect("a talking point");
        store
            .add_action_item(
                session.id,
                &NewActionItem {
                    text: line.clone(),
                    owner: Owner::Person,
                    due: Some(today),
                    shareable: true,
                },
            )
            .expect("an action item");
        store
            .add_feedback(
                session.id,
                &NewFeedback {
                    kind: FeedbackKind::Praise,
                    situation: payload.clone(),
                    behaviour: payload.clone(),
                    impact: payload.clone(),
                    shareable: true,
                },
            )
            .expect("feedback");
        let goal = store
            .create_team_goal(&line, today + chrono::Duration::days(30))
            .expect("a team goal");
        store
            .set_card_team_goal(card.id, Some(goal.id))
            .expect("a card linked to the goal");
    }
    let period = Period::last_two_weeks(today);
    let needs: String = corpus.join("\n\n").chars().take(20_000).collect();
    store
        .set_report_needs(board, period, &needs)
        .expect("the report's needs");
    store
        .set_report_status(board, period, Some((Status::Amber, &one_line(&corpus[0]))))
        .expect("the report's status");
}

/// What a payload that reached the IPC could change: how many of each thing there are, and
/// their names and titles.
fn fingerprint(harness: &Harness) -> String {
    let store = Store::open(&database(harness)).expect("open the database");
    store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM boards) || ' boards ' ||
                    (SELECT group_concat(name, '|') FROM boards) || '; ' ||
                    (SELECT count(*) FROM columns) || ' columns, ' ||
                    (SELECT count(*) FROM cards) || ' cards, ' ||
                    (SELECT count(*) FROM members) || ' people, ' ||
                    (SELECT count(*) FROM one_on_ones) || ' one-on-ones, ' ||
                    (SELECT count(*) FROM goals) || ' goals; titles ' ||
                    (SELECT sum(length(title) + length(description)) FROM cards) || ', names ' ||
                    (SELECT sum(length(name) + length(private_notes)) FROM members) || ', notes ' ||
                    (SELECT sum(length(notes)) FROM one_on_ones)",
            [],
            |row| row.get::<_, String>(0),
        )
        .expect("the fingerprint")
}

/// Functions the page-side walks share: waiting for what the app renders.
const PRELUDE: &str = r#"
    const done = arguments[arguments.length - 1];
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const $ = (css, root = document) => root.querySelector(css);
    const $$ = (css, root = document) => [...root.querySelectorAll(css)];
    async function until(what, test, ms = 10000) {
        const end = Date.now() + ms;
        for (;;) {
            const value = test();
            if (value) return value;
            if (Date.now() > end) throw new Error('timed out waiting for ' + what);
            await sleep(10);
        }
    }
"#;

/// Runs `body` (an async function body using the prelude) in the page; its value, or the
/// error it threw as a string.
async fn walk(app: &App, body: &str) -> Value {
    let script = format!(
        "{PRELUDE}\n{SCAN}\n(async () => {{ {body} }})().then(done, (e) => done('failed: ' + e.message));"
    );
    let value = app.js_async(&script, vec![]).await;
    if let Some(text) = value.as_str() {
        assert!(!text.starts_with("failed: "), "{text}");
    }
    value
}

/// Records what the page's Content Security Policy refuses from now on.
const WATCH: &str = r#"
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
        window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
    });
    return true;
"#;

/// `injected(root)`: anything under `root` a payload could have turned into markup or a link
/// (the app itself renders none of it), as the start of its HTML.
const SCAN: &str = r#"
    function injected(root) {
        const css = [
            'script:not([src])', 'script[src^="http"]', 'iframe:not([data-testid="report-preview"])',
            'object', 'embed', 'img', 'video', 'audio', 'source', 'marquee', 'base',
            'meta[http-equiv]', 'form[action]', 'style', 'link[rel="stylesheet" i]:not([href^="./assets/"])',
            '[onerror]', '[onload]', '[onclick]', '[onmouseover]', '[onfocus]', '[ontoggle]',
            '[onbegin]', '[onstart]', '[srcdoc]:not([data-testid="report-preview"])', 'math',
            'noscript', 'animate', 'set',
        ].join(', ');
        const found = [...root.querySelectorAll(css)].map((e) => e.outerHTML.slice(0, 160));
        const links = [...root.querySelectorAll('a[href], [*|href]')]
            .map((a) => a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'))
            .filter((h) => h !== null && !/^(https?:|mailto:|\.\/|#)/i.test(h));
        return found.concat(links.map((h) => 'a link to ' + h));
    }
"#;

/// What the page shows now: the canary, injected markup, and what the CSP refused.
fn seen_script() -> String {
    format!(
        "{SCAN}\nreturn {{ canary: window.__xss ?? null, titled: document.title.endsWith('Teamlead'),
                   found: injected(document), violations: window.__violations ?? null }};"
    )
}

/// Fails unless nothing ran, nothing was injected and the CSP refused nothing.
async fn nothing_ran(app: &App, view: &str) {
    let seen = app.js(&seen_script(), vec![]).await;
    assert_eq!(
        seen,
        json!({"canary": null, "titled": true, "found": [], "violations": []}),
        "after rendering {view}"
    );
}

/// Opens each card's dialog in turn; how many, and what any of them held that it should not.
const OPEN_EVERY_CARD: &str = r#"
    const ids = $$('[data-testid="card"]').map((c) => c.dataset.cardId);
    const found = [];
    for (const id of ids) {
        $(`[data-testid="card"][data-card-id="${id}"] [data-testid="card-title"]`).click();
        const dialog = await until('the dialog of card ' + id, () => $('[data-testid="card-dialog"]'));
        await until('the description of card ' + id,
            () => $('[data-testid="description-preview"]', dialog) && $('[data-testid="checklist-item"]', dialog));
        found.push(...injected(dialog));
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        await until('the dialog of card ' + id + ' to close', () => !$('[data-testid="card-dialog"]'));
    }
    return { opened: ids.length, found };
"#;

/// Opens each person's page, their private notes, their one-on-one and its notes, in turn.
const OPEN_EVERY_PERSON: &str = r#"
    const ids = $$('[data-testid="person-row"]').map((r) => r.dataset.memberId);
    const found = [];
    for (const id of ids) {
        $(`[data-testid="person-row"][data-member-id="${id}"] [data-testid="person-open"]`).click();
        const page = await until('the page of ' + id,
            () => $(`[data-testid="person-page"][data-member-id="${id}"]`));
        await until('their goals and action items',
            () => $('[data-testid="goal"]', page) && $('[data-testid="person-action"]', page));
        $('[data-testid="person-notes-toggle"]', page).click();
        await until('their private notes', () => $('[data-testid="person-notes-preview"]', page));
        found.push(...injected(page));
        (await until('a one-on-one of ' + id, () => $('[data-testid="session-open"]', page))).click();
        const editor = await until('the one-on-one of ' + id, () => $('[data-testid="session-editor"]'));
        await until('its agenda and feedback',
            () => $('[data-testid="agenda-item"]', editor) && $('[data-testid="feedback-entry"]', editor));
        $('[data-testid="session-notes-toggle"]', editor).click();
        await until('its notes', () => $('[data-testid="session-notes-preview"]', editor));
        found.push(...injected(editor));
        $('[data-testid="session-back"]').click();
        await until('the page of ' + id + ' again',
            () => $(`[data-testid="person-page"][data-member-id="${id}"]`));
        $('[data-testid="person-back"]').click();
        await until('the People page', () => $$('[data-testid="person-row"]').length === ids.length);
    }
    return { opened: ids.length, found };
"#;

const SEARCH: &str = r#"
    const input = await until('the journal search', () => $('[data-testid="journal-search"]'));
    input.value = 'script';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await until('search hits', () => $$('[data-testid="search-hit"]').length > 0);
    return $$('[data-testid="search-hit"]').length;
"#;

/// Tries what the CSP must refuse: eval, `new Function`, an inline script and an inline
/// event handler.
const CSP_PROBES: &str = r#"
    const result = {};
    try { eval('window.__evalRan = 1'); result.eval = 'ran'; } catch (e) { result.eval = e.name; }
    try { new Function('window.__functionRan = 1')(); result.function = 'ran'; }
    catch (e) { result.function = e.name; }
    const before = window.__violations.length;
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1';
    document.head.append(script);
    const holder = document.createElement('div');
    holder.innerHTML = '<img src="probe.png" onerror="window.__handler = 1">';
    document.body.append(holder);
    await until('the refusals', () => window.__violations.length >= before + 2, 3000).catch(() => null);
    await sleep(200);
    result.inline = window.__inline ?? null;
    result.handler = window.__handler ?? null;
    result.refused = [...new Set(window.__violations.slice(before).map((v) => v.split(/[- ]/)[0]))];
    script.remove();
    holder.remove();
    window.__violations.length = 0;
    return result;
"#;

#[tokio::test]
async fn no_payload_of_the_xss_corpus_runs_in_any_view() {
    let corpus = corpus();
    assert!(
        corpus.len() >= 50,
        "the corpus has {} payloads",
        corpus.len()
    );
    let harness = Harness::new();
    seed(&harness, &corpus);
    let seeded = fingerprint(&harness);
    let app = harness.launch().await;
    app.client
        .update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(240)),
            None,
            None,
        ))
        .await
        .expect("a longer script timeout");
    app.find(r#"[data-testid="board"]"#).await;
    app.js(WATCH, vec![]).await;

    // The board, in columns and in lanes.
    app.eventually(
        r#"return document.querySelectorAll('[data-testid="card"]').length;"#,
        vec![],
        json!(corpus.len()),
    )
    .await;
    nothing_ran(&app, "the board").await;
    app.click(r#"[data-testid="view-people"]"#).await;
    app.find(r#"[data-testid="people-view"]"#).await;
    nothing_ran(&app, "the board's people lanes").await;
    app.click(r#"[data-testid="view-columns"]"#).await;
    app.find(r#"[data-testid="column"]"#).await;

    // Every card's dialog: title, description as Markdown, checklist, block reason, goal.
    let cards = walk(&app, OPEN_EVERY_CARD).await;
    assert_eq!(cards, json!({"opened": corpus.len(), "found": []}));
    nothing_ran(&app, "every card's dialog").await;

    // The People page, every person's page and one-on-one, and the journal's search.
    app.click(r#"[data-testid="nav-people"]"#).await;
    app.eventually(
        r#"return document.querySelectorAll('[data-testid="person-row"]').length;"#,
        vec![],
        json!(corpus.len()),
    )
    .await;
    nothing_ran(&app, "the People page").await;
    let people = walk(&app, OPEN_EVERY_PERSON).await;
    assert_eq!(people, json!({"opened": corpus.len(), "found": []}));
    nothing_ran(&app, "every person's page and one-on-one").await;
    let hits = walk(&app, SEARCH).await;
    assert!(hits.as_u64().unwrap_or(0) > 0, "the search found {hits}");
    nothing_ran(&app, "the journal's search hits").await;

    // Workload, with suggestions for the cards nobody has.
    app.click(r#"[data-testid="nav-workload"]"#).await;
    app.eventually(
        r#"return document.querySelectorAll('[data-testid="workload-person"]').length;"#,
        vec![],
        json!(corpus.len()),
    )
    .await;
    app.click(r#"[data-testid="suggest"]"#).await;
    app.find(r#"[data-testid="plan-preview"]"#).await;
    nothing_ran(&app, "the Workload view and its suggestions").await;

    // Progress: the core's charts drawn inline (people's names in the workload chart), the
    // radar with the payloads as card and person names, and aging work.
    app.click(r#"[data-testid="nav-progress"]"#).await;
    app.eventually(
        r#"return document.querySelectorAll('[data-testid="chart"] svg').length > 3
               && document.querySelectorAll('[data-testid="risk"]').length > 0;"#,
        vec![],
        json!(true),
    )
    .await;
    nothing_ran(&app, "the Progress page").await;

    // Goals: every goal's name and why.
    app.click(r#"[data-testid="nav-goals"]"#).await;
    app.eventually(
        r#"return document.querySelectorAll('[data-testid="goals-page"] [data-testid="goal"]').length;"#,
        vec![],
        json!(corpus.len()),
    )
    .await;
    nothing_ran(&app, "the Goals page").await;

    // The report preview, inside its frame: the payloads are text, and the report's own
    // style applies under the page's policy.
    app.click(r#"[data-testid="nav-reports"]"#).await;
    app.until_some(
        r#"const f = document.querySelector('[data-testid="report-preview"]');
           return f && f.getAttribute('srcdoc') ? true : null;"#,
        vec![],
    )
    .await;
    nothing_ran(&app, "the Reports page").await;
    let frame = app.find(r#"[data-testid="report-preview"]"#).await;
    frame.enter_frame().await.expect("enter the preview");
    let body = app
        .client
        .find(Locator::Css("body"))
        .await
        .expect("the report's body");
    let text = body.text().await.expect("the report's text");
    assert!(
        text.contains("<script>top.__xss=1</script>"),
        "the report shows the payloads as text: {text}"
    );
    let background = body
        .css_value("background-color")
        .await
        .expect("the report's background");
    assert_eq!(
        background, "rgb(246, 248, 250)",
        "the report's style applies"
    );
    let injected = app
        .client
        .find_all(Locator::Css(
            "script, img, iframe, object, embed, form, a, [onerror], [onload], [onclick]",
        ))
        .await
        .expect("a search of the preview");
    assert!(injected.is_empty(), "{} elements injected", injected.len());
    app.client
        .enter_parent_frame()
        .await
        .expect("back to the page");

    // The policy in force refuses script that is not the app's own.
    let probes = walk(&app, CSP_PROBES).await;
    assert_eq!(
        probes,
        json!({"eval": "EvalError", "function": "EvalError", "inline": null,
               "handler": null, "refused": ["script"]}),
        "the Content Security Policy in force"
    );
    nothing_ran(&app, "all views").await;
    app.quit().await;

    // No payload reached a command.
    assert_eq!(fingerprint(&harness), seeded);
}

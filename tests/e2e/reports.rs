//! The manager report in the real window: the preview, the lead's own words in it, and the
//! report saved to files that match the preview.

use std::process::Command;

use serde_json::{json, Value};

use super::harness::{App, Harness};

const PREVIEW: &str = r#"
    const frame = document.querySelector('[data-testid="report-preview"]');
    return frame ? frame.getAttribute('srcdoc') : null;
"#;

const SAVED: &str = r#"
    const p = document.querySelector('[data-testid="report-saved"]');
    return p ? p.querySelector('code').textContent : null;
"#;

/// Saves the report in `format` and returns the path the page says it was saved to.
async fn save_as(app: &App, format: &str, before: Option<&str>) -> String {
    app.js(
        r#"const select = document.querySelector('[data-testid="report-format"]');
           select.value = arguments[0];
           select.dispatchEvent(new Event('change', { bubbles: true }));
           return true;"#,
        vec![json!(format)],
    )
    .await;
    app.click(r#"[data-testid="report-save"]"#).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let shown = app.js(SAVED, vec![]).await;
        if let Some(path) = shown.as_str() {
            if Some(path) != before && path.ends_with(&format!(".{format}")) {
                return path.to_owned();
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the {format} report was not saved: {shown}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_report_is_previewed_and_saved_as_html_and_pdf_with_the_leads_asks() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="load-demo"]"#).await;
    app.find(r#"[data-testid="board"]"#).await;
    app.click(r#"[data-testid="nav-reports"]"#).await;
    app.until_some(PREVIEW, vec![]).await;

    let ask = "NEEDS-7781 a budget for a second on-call engineer";
    let needs = app.find(r#"[data-testid="report-needs"]"#).await;
    needs.send_keys(ask).await.expect("type the needs");
    // Leaving the field saves it and refreshes the preview.
    app.click(r#"[data-testid="report-status"]"#).await;
    let preview = loop {
        let html: Value = app.until_some(PREVIEW, vec![]).await;
        let html = html.as_str().expect("html").to_owned();
        if html.contains(ask) {
            break html;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };

    let html_path = save_as(&app, "html", None).await;
    let pdf_path = save_as(&app, "pdf", Some(&html_path)).await;
    app.quit().await;

    let dir = harness.export_dir();
    assert!(
        html_path.starts_with(dir.to_str().expect("utf-8")),
        "{html_path}"
    );
    // The preview is the exported file, byte for byte.
    let saved = std::fs::read_to_string(&html_path).expect("the HTML report");
    assert!(saved == preview, "the saved HTML differs from the preview");
    assert!(
        !saved.contains("<script"),
        "the report must carry no script"
    );

    let pdf = std::fs::read(&pdf_path).expect("the PDF report");
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let text = Command::new("pdftotext")
        .args([&pdf_path, "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by `make test`");
    assert!(text.status.success(), "pdftotext failed on {pdf_path}");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("progress report"), "{text}");
    assert!(text.contains("NEEDS-7781"), "{text}");
}

//! Data and backups in the real window: a backup made on request lands in the backups folder
//! and is listed; everything exported from the dialog is a Teamlead JSON file.

use serde_json::{json, Value};

use super::harness::Harness;

const RESULT: &str = r#"
    const r = document.querySelector('[data-testid="data-result"]');
    return r ? r.textContent : null;
"#;

#[tokio::test]
async fn the_data_dialog_backs_up_and_exports_to_real_files() {
    let harness = Harness::new();
    let app = harness.launch().await;
    app.click(r#"[data-testid="load-demo"]"#).await;
    app.find(r#"[data-testid="board"]"#).await;
    app.click(r#"[data-testid="nav-data"]"#).await;
    app.find(r#"[data-testid="data-dialog"]"#).await;

    app.click(r#"[data-testid="backup-now"]"#).await;
    let said = app.until_some(RESULT, vec![]).await;
    let said = said.as_str().expect("text").to_owned();
    assert!(said.starts_with("Backed up to "), "{said}");
    let backups: Vec<String> = std::fs::read_dir(harness.data_dir().join("backups"))
        .expect("a backups folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .into_string()
                .expect("utf-8")
        })
        .collect();
    let manual: Vec<&String> = backups
        .iter()
        .filter(|n| n.ends_with("-manual.sqlite3"))
        .collect();
    assert_eq!(manual.len(), 1, "{backups:?}");
    assert!(said.contains(manual[0].as_str()), "{said}");
    app.eventually(
        r#"return [...document.querySelectorAll('[data-testid="backup"]')]
              .some((b) => b.textContent.includes('Made by you'));"#,
        vec![],
        json!(true),
    )
    .await;

    app.click(r#"[data-testid="export-save"]"#).await;
    app.eventually(
        r#"const r = document.querySelector('[data-testid="data-result"]');
           return r !== null && r.textContent.startsWith('Exported everything to ');"#,
        vec![],
        json!(true),
    )
    .await;
    app.quit().await;

    let exports: Vec<_> = std::fs::read_dir(harness.export_dir())
        .expect("the export folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    assert_eq!(exports.len(), 1, "{exports:?}");
    let exported: Value =
        serde_json::from_slice(&std::fs::read(&exports[0]).expect("the export")).expect("JSON");
    assert_eq!(exported["format"], json!("teamlead"));
    assert_eq!(exported["version"], json!(1));
}

//! The command line without a window: `teamlead plan FILE.json`, run as a user would.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn teamlead(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teamlead"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run teamlead")
}

fn ids(values: &Value, field: &str) -> Vec<i64> {
    values
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[field].as_i64().unwrap())
        .collect()
}

#[test]
fn plan_prints_a_plan_accounting_for_every_card() {
    let example = "docs/examples/plan-small.json";
    let output = teamlead(&["plan", example]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let plan: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(example)).unwrap()).unwrap();

    // Every unassigned card is suggested or left unassigned with a reason, once.
    let unassigned: BTreeSet<i64> = file["cards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["assignee"].is_null())
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let mut reported = ids(&plan["suggestions"], "cardId");
    reported.extend(ids(&plan["unassigned"], "cardId"));
    let count = reported.len();
    let reported: BTreeSet<i64> = reported.into_iter().collect();
    assert_eq!(reported.len(), count, "a card reported twice: {plan:#}");
    assert_eq!(reported, unassigned, "{plan:#}");
    for entry in plan["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .chain(plan["moves"].as_array().unwrap())
    {
        assert!(!entry["reason"].as_str().unwrap().is_empty(), "{entry}");
    }
    // Kotlin: nobody on the team has it.
    let android = plan["unassigned"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["cardId"] == 9)
        .expect("card 9 unassigned");
    assert_eq!(android["reason"], "nobody_qualified");
    assert_eq!(android["text"], "Nobody has Kotlin at level 3");

    let max = plan["maxUtilisation"].as_f64().unwrap();
    let bound = plan["lowerBound"].as_f64().unwrap();
    assert!(0.0 < bound && bound <= max, "bound {bound}, reached {max}");
    assert_eq!(plan["people"].as_array().unwrap().len(), 4);
}

#[test]
fn a_bad_plan_file_exits_non_zero_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"horizon": {"start": "2026-03-02", "end": "2026-03-06"},
            "people": [{"id": 1, "name": "Ana", "weeklyCapacity": 10}],
            "cards": [{"id": 3, "title": "Login", "estimate": -2}]}"#,
    )
    .unwrap();
    let output = teamlead(&["plan", bad.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(r#"Card 3 ("Login"): the estimate cannot be negative (found -2)."#),
        "{stderr}"
    );

    let output = teamlead(&["plan", "no/such/file.json"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot read no/such/file.json"), "{stderr}");

    std::fs::write(&bad, "{ not json").unwrap();
    let output = teamlead(&["plan", bad.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not a plan file"), "{stderr}");

    let output = teamlead(&["plan"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("plan needs a FILE.json"));
}

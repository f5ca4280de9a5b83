//! The webview's security configuration against what ARCHITECTURE.md ("Webview security")
//! says it is: every permission a capability grants (in `tauri.conf.json` and any file in
//! `capabilities/`) must be on its list, and the Content Security Policy must be the one its
//! table shows and no looser than the rules below, whatever the table says.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256};

const CONFIG: &str = include_str!("../tauri.conf.json");
const ARCHITECTURE: &str = include_str!("../ARCHITECTURE.md");
const BUILD: &str = include_str!("../src-tauri/build.rs");

type Policy = BTreeMap<String, BTreeSet<String>>;

fn config() -> Value {
    serde_json::from_str(CONFIG).expect("tauri.conf.json is JSON")
}

/// The lines of the table that follows `heading` in ARCHITECTURE.md, as their cells.
fn table(heading: &str) -> Vec<Vec<String>> {
    let (_, after) = ARCHITECTURE
        .split_once(heading)
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no {heading:?}"));
    after
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2)
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_owned())
                .collect()
        })
        .collect()
}

/// The code spans of a table cell: "`'self'` `data:`" gives ["'self'", "data:"].
fn code_spans(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The policy as ARCHITECTURE.md's table shows it.
fn documented_policy() -> Policy {
    table("### Content Security Policy")
        .iter()
        .map(|cells| {
            let directive = code_spans(&cells[0]).concat();
            let sources = cells[1]
                .split_whitespace()
                .map(|s| s.trim_matches('`').to_owned())
                .collect();
            (directive, sources)
        })
        .collect()
}

/// A policy written as a map of directives or as one string.
fn parse_policy(csp: &Value) -> Policy {
    match csp {
        Value::Object(map) => map
            .iter()
            .map(|(directive, sources)| {
                let sources = match sources {
                    Value::String(s) => s.split_whitespace().map(str::to_owned).collect(),
                    Value::Array(list) => list
                        .iter()
                        .map(|s| s.as_str().expect("a source").to_owned())
                        .collect(),
                    other => panic!("{directive}: unexpected sources {other}"),
                };
                (directive.clone(), sources)
            })
            .collect(),
        Value::String(text) => text
            .split(';')
            .filter_map(|part| {
                let mut words = part.split_whitespace();
                let directive = words.next()?.to_owned();
                Some((directive, words.map(str::to_owned).collect()))
            })
            .collect(),
        other => panic!("the CSP must be set: {other}"),
    }
}

/// Rules the policy keeps whatever the documentation says.
fn strict_enough(policy: &Policy) -> Result<(), String> {
    let only = |directive: &str, allowed: &[&str]| -> Result<(), String> {
        let sources = policy
            .get(directive)
            .ok_or(format!("{directive} is missing"))?;
        let expected: BTreeSet<String> = allowed.iter().map(|s| (*s).to_owned()).collect();
        if *sources != expected {
            return Err(format!("{directive} must be {allowed:?}, not {sources:?}"));
        }
        Ok(())
    };
    only("default-src", &["'self'"])?;
    only("script-src", &["'self'"])?;
    for directive in ["object-src", "base-uri", "form-action", "frame-src"] {
        only(directive, &["'none'"])?;
    }
    for (directive, sources) in policy {
        for source in sources {
            let lower = source.to_ascii_lowercase();
            let never = [
                "*",
                "'unsafe-eval'",
                "'unsafe-hashes'",
                "'wasm-unsafe-eval'",
                "'unsafe-inline'",
                "'strict-dynamic'",
                "data:",
                "blob:",
                "filesystem:",
                "http:",
                "https:",
                "ws:",
                "wss:",
            ];
            if never.contains(&lower.as_str()) || lower.contains('*') {
                return Err(format!("{directive} allows {source}"));
            }
            let remote = lower.contains("://") || lower.contains('.');
            let ipc = directive == "connect-src" && lower == "http://ipc.localhost";
            if remote && !ipc && !lower.starts_with("'sha256-") {
                return Err(format!("{directive} allows the remote origin {source}"));
            }
        }
    }
    Ok(())
}

/// `allow-<command>`, the permission tauri-build makes for each of the app's commands.
fn command_permissions() -> BTreeSet<String> {
    let list = BUILD
        .split_once("const COMMANDS: &[&str] = &[")
        .and_then(|(_, rest)| rest.split_once("];"))
        .map(|(list, _)| list)
        .expect("build.rs lists COMMANDS");
    list.split(',')
        .map(|item| item.trim().trim_matches('"'))
        .filter(|name| !name.is_empty())
        .map(|name| format!("allow-{}", name.replace('_', "-")))
        .collect()
}

/// Every capability: those written in `tauri.conf.json` and those in `capabilities/`.
fn capabilities() -> Vec<Value> {
    let mut all = Vec::new();
    let inline = config()["app"]["security"]["capabilities"].clone();
    for capability in inline.as_array().cloned().unwrap_or_default() {
        match capability {
            // A reference to a file of `capabilities/`, which is read below.
            Value::String(_) => {}
            object => all.push(object),
        }
    }
    for folder in ["capabilities", "src-tauri/capabilities"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a capability file").path();
            assert_eq!(
                path.extension().and_then(|e| e.to_str()),
                Some("json"),
                "{} is not JSON: this test reads JSON capabilities only",
                path.display()
            );
            let text = std::fs::read_to_string(&path).expect("a readable capability");
            all.push(serde_json::from_str(&text).expect("a JSON capability"));
        }
    }
    all
}

/// The identifier of a permission given as a string or as an object with scopes.
fn permission_id(permission: &Value) -> String {
    match permission {
        Value::String(id) => id.clone(),
        Value::Object(map) => map["identifier"]
            .as_str()
            .expect("a permission identifier")
            .to_owned(),
        other => panic!("unexpected permission {other}"),
    }
}

#[test]
fn every_permission_granted_is_on_the_architecture_list() {
    let commands = command_permissions();
    let documented: BTreeSet<String> = table("### Permissions")
        .iter()
        .flat_map(|cells| code_spans(&cells[0]))
        .filter(|id| {
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c == ':' || c == '-')
        })
        .collect();
    let mut granted = BTreeSet::new();
    for capability in capabilities() {
        let id = capability["identifier"].as_str().unwrap_or("?");
        assert_eq!(
            capability["windows"],
            serde_json::json!(["main"]),
            "capability {id} must apply to the main window only"
        );
        for key in ["remote", "webviews"] {
            assert!(
                capability.get(key).is_none(),
                "capability {id} must not have {key:?}: no remote page or other webview may call commands"
            );
        }
        for permission in capability["permissions"].as_array().expect("permissions") {
            granted.insert(permission_id(permission));
        }
    }
    let unlisted: Vec<&String> = granted
        .iter()
        .filter(|p| !commands.contains(*p) && !documented.contains(*p))
        .collect();
    assert!(
        unlisted.is_empty(),
        "permissions granted but not on ARCHITECTURE.md's list: {unlisted:?}"
    );
    let missing: Vec<&String> = commands.iter().filter(|p| !granted.contains(*p)).collect();
    assert!(
        missing.is_empty(),
        "commands of build.rs nobody may call: {missing:?}"
    );
    let stale: Vec<&String> = documented.difference(&granted).collect();
    assert!(
        stale.is_empty(),
        "ARCHITECTURE.md lists permissions nothing grants: {stale:?}"
    );
}

#[test]
fn the_csp_is_the_documented_one_and_strict() {
    let config = config();
    let security = &config["app"]["security"];
    let policy = parse_policy(&security["csp"]);
    assert_eq!(
        policy,
        documented_policy(),
        "tauri.conf.json's CSP differs from ARCHITECTURE.md's table"
    );
    strict_enough(&policy).unwrap();
    if let Some(dev) = security.get("devCsp") {
        strict_enough(&parse_policy(dev)).unwrap();
    }
    assert_eq!(security["freezePrototype"], Value::Bool(true));
    for (key, allowed) in [
        ("dangerousDisableAssetCspModification", Value::Bool(false)),
        ("assetProtocol", Value::Null),
        ("pattern", Value::Null),
    ] {
        let value = security.get(key).cloned().unwrap_or(Value::Null);
        assert!(
            value == Value::Null || value == allowed,
            "app.security.{key} is set to {value}"
        );
    }
    assert_ne!(config["app"]["withGlobalTauri"], Value::Bool(true));
    for window in config["app"]["windows"].as_array().expect("windows") {
        let url = window["url"].as_str().unwrap_or("index.html");
        assert!(!url.contains(':'), "a window loads {url}");
    }
}

#[test]
fn the_csp_allows_the_report_stylesheet_by_its_hash() {
    let digest = Sha256::digest(teamlead_core::report::html::STYLE.as_bytes());
    let hash = format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    );
    let policy = parse_policy(&config()["app"]["security"]["csp"]);
    assert!(
        policy["style-src"].contains(&hash),
        "the report's stylesheet changed: put {hash} in style-src (tauri.conf.json and ARCHITECTURE.md)"
    );
}

#[test]
fn the_strictness_rules_refuse_what_would_loosen_the_policy() {
    let strict = documented_policy();
    strict_enough(&strict).unwrap();
    let loosened = |directive: &str, source: &str| {
        let mut policy = strict.clone();
        policy
            .entry(directive.to_owned())
            .or_default()
            .insert(source.to_owned());
        strict_enough(&policy).is_err()
    };
    assert!(loosened("script-src", "'unsafe-inline'"));
    assert!(loosened("script-src", "'unsafe-eval'"));
    assert!(loosened("style-src", "'unsafe-inline'"));
    assert!(loosened("img-src", "https://cdn.example.com"));
    assert!(loosened("connect-src", "https:"));
    assert!(loosened("default-src", "*"));
    assert!(loosened("frame-src", "'self'"));
    let mut dropped = strict.clone();
    dropped.remove("object-src");
    assert!(strict_enough(&dropped).is_err());
}

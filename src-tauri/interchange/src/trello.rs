//! A Trello board's JSON export (Board menu, "Print, export and share", "Export as JSON") as a
//! new board: lists become columns (closed ones archived), cards keep their description,
//! due date, labels and checklists, members become people (the first member of a card is
//! its assignee), and closed cards are archived. Only the fields read here are looked at;
//! the rest of the export (actions, plugin data…) is ignored.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use teamlead_core::import::{
    BoardImport, ImportCard, ImportColumn, ImportLabel, ImportPerson, ImportTarget,
};
use teamlead_core::LabelColor;

use crate::error::{Error, Result};
use crate::read;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Board {
    name: String,
    lists: Vec<List>,
    cards: Vec<Card>,
    #[serde(default)]
    labels: Vec<Label>,
    #[serde(default)]
    members: Vec<Member>,
    #[serde(default)]
    checklists: Vec<Checklist>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct List {
    id: String,
    name: String,
    #[serde(default)]
    closed: bool,
    #[serde(default)]
    pos: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Card {
    id: String,
    name: String,
    #[serde(default)]
    desc: String,
    id_list: String,
    #[serde(default)]
    id_labels: Vec<String>,
    #[serde(default)]
    id_members: Vec<String>,
    #[serde(default)]
    id_checklists: Vec<String>,
    #[serde(default)]
    due: Option<String>,
    #[serde(default)]
    closed: bool,
    #[serde(default)]
    pos: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Label {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    color: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Member {
    id: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    username: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Checklist {
    id: String,
    id_card: String,
    #[serde(default)]
    pos: f64,
    #[serde(default)]
    check_items: Vec<CheckItem>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CheckItem {
    name: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    pos: f64,
}

/// Trello's colours, with their dark and light shades, in Teamlead's palette.
fn color(trello: Option<&str>) -> LabelColor {
    let base = trello.unwrap_or("").split('_').next().unwrap_or("");
    match base {
        "green" | "lime" => LabelColor::Green,
        "yellow" => LabelColor::Yellow,
        "orange" => LabelColor::Orange,
        "red" => LabelColor::Vermillion,
        "purple" | "pink" => LabelColor::Purple,
        "blue" => LabelColor::Blue,
        "sky" => LabelColor::Sky,
        _ => LabelColor::Grey,
    }
}

/// When a Trello object was made: its id is a MongoDB ObjectId, whose first 8 hex digits
/// are the seconds since the epoch.
fn created_at(id: &str) -> Option<i64> {
    if id.len() != 24 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    i64::from_str_radix(&id[..8], 16).ok().map(|s| s * 1000)
}

/// A card named for messages: its id and the start of its name.
fn card_source(card: &Card) -> String {
    let mut name: String = card.name.chars().take(40).collect();
    if card.name.chars().nth(40).is_some() {
        name.push('…');
    }
    format!("Card {} (\u{201c}{name}\u{201d})", card.id)
}

fn unique<'a>(
    file: &str,
    what: &str,
    ids: impl Iterator<Item = &'a String>,
) -> Result<HashSet<&'a str>> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id.as_str()) {
            return Err(Error::invalid(
                file,
                format!("{what} {id} appears twice; each id must be used once."),
            ));
        }
    }
    Ok(seen)
}

fn by_pos<T>(items: &mut [T], pos: impl Fn(&T) -> f64) {
    items.sort_by(|a, b| pos(a).total_cmp(&pos(b)));
}

/// Reads a Trello export into a board to import.
pub fn parse(file: &str, text: &str) -> Result<BoardImport> {
    let mut board: Board = serde_json::from_str(text).map_err(|error| {
        let message = error.to_string();
        if message.starts_with("missing field") {
            // Not a board export at all: say which field a board export has.
            let field = message.split(" at line ").next().unwrap_or(&message);
            Error::WrongFormat {
                file: file.to_owned(),
                expected: "Trello board export",
                reason: format!("{field} (a board export has name, lists and cards)"),
            }
        } else {
            read::json_error(file, &error)
        }
    })?;
    let list_ids = unique(file, "List", board.lists.iter().map(|l| &l.id))?;
    unique(file, "Card", board.cards.iter().map(|c| &c.id))?;
    let label_ids = unique(file, "Label", board.labels.iter().map(|l| &l.id))?;
    let member_ids = unique(file, "Member", board.members.iter().map(|m| &m.id))?;
    let checklist_ids = unique(file, "Checklist", board.checklists.iter().map(|c| &c.id))?;
    let card_ids: HashSet<&str> = board.cards.iter().map(|c| c.id.as_str()).collect();
    for card in &board.cards {
        let missing = |what: &str, id: &str| {
            Error::invalid(
                file,
                format!(
                    "{}: it refers to {what} {id}, which the file does not have.",
                    card_source(card)
                ),
            )
        };
        if !list_ids.contains(card.id_list.as_str()) {
            return Err(missing("list", &card.id_list));
        }
        for (ids, known, what) in [
            (&card.id_labels, &label_ids, "label"),
            (&card.id_members, &member_ids, "member"),
            (&card.id_checklists, &checklist_ids, "checklist"),
        ] {
            if let Some(id) = ids.iter().find(|id| !known.contains(id.as_str())) {
                return Err(missing(what, id));
            }
        }
    }
    for checklist in &board.checklists {
        if !card_ids.contains(checklist.id_card.as_str()) {
            return Err(Error::invalid(
                file,
                format!(
                    "Checklist {}: it belongs to card {}, which the file does not have.",
                    checklist.id, checklist.id_card
                ),
            ));
        }
    }

    by_pos(&mut board.lists, |l| l.pos);
    let columns: Vec<ImportColumn> = board
        .lists
        .iter()
        .map(|l| ImportColumn {
            name: l.name.clone(),
            archived: l.closed,
            source: format!("List {} (\u{201c}{}\u{201d})", l.id, l.name),
        })
        .collect();
    let column_of: HashMap<&str, usize> = board
        .lists
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.as_str(), i))
        .collect();

    // Labels of the same name (ignoring case) become one; unnamed ones take their colour's.
    let mut labels: Vec<ImportLabel> = Vec::new();
    let mut label_of: HashMap<&str, usize> = HashMap::new();
    let mut label_names: HashMap<String, usize> = HashMap::new();
    for label in &board.labels {
        let name = match label.name.trim() {
            "" => {
                let base = label.color.as_deref().unwrap_or("label");
                let base = base.split('_').next().unwrap_or(base);
                let mut chars = base.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_else(|| "Label".to_owned())
            }
            name => name.to_owned(),
        };
        let index = *label_names.entry(name.to_lowercase()).or_insert_with(|| {
            labels.push(ImportLabel {
                name: name.clone(),
                color: color(label.color.as_deref()),
                source: format!("Label {}", label.id),
            });
            labels.len() - 1
        });
        label_of.insert(label.id.as_str(), index);
    }

    let people: Vec<ImportPerson> = board
        .members
        .iter()
        .map(|m| ImportPerson {
            name: if m.full_name.trim().is_empty() {
                m.username.clone()
            } else {
                m.full_name.clone()
            },
            source: format!("Member {}", m.id),
        })
        .collect();
    let person_of: HashMap<&str, usize> = board
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();

    by_pos(&mut board.checklists, |c| c.pos);
    let mut checklists: HashMap<&str, Vec<(String, bool)>> = HashMap::new();
    for checklist in &mut board.checklists {
        by_pos(&mut checklist.check_items, |i| i.pos);
        checklists
            .entry(checklist.id_card.as_str())
            .or_default()
            .extend(
                checklist
                    .check_items
                    .iter()
                    .map(|i| (i.name.clone(), i.state == "complete")),
            );
    }

    // Cards by list, then by their place in it.
    let mut order: Vec<&Card> = board.cards.iter().collect();
    order.sort_by(|a, b| {
        column_of[a.id_list.as_str()]
            .cmp(&column_of[b.id_list.as_str()])
            .then(a.pos.total_cmp(&b.pos))
    });
    let mut cards = Vec::with_capacity(order.len());
    for card in order {
        let source = card_source(card);
        let due = match card.due.as_deref() {
            None | Some("") => None,
            Some(due) => Some(
                chrono::DateTime::parse_from_rfc3339(due)
                    .map(|t| t.naive_utc().date())
                    .map_err(|_| {
                        Error::invalid(
                            file,
                            format!("{source}: its due date \u{201c}{due}\u{201d} is not a date."),
                        )
                    })?,
            ),
        };
        cards.push(ImportCard {
            column: Some(column_of[card.id_list.as_str()]),
            title: card.name.clone(),
            description: card.desc.clone(),
            assignee: card.id_members.first().map(|m| person_of[m.as_str()]),
            estimate: None,
            due,
            labels: card
                .id_labels
                .iter()
                .map(|l| label_of[l.as_str()])
                .collect(),
            checklist: checklists.remove(card.id.as_str()).unwrap_or_default(),
            archived: card.closed,
            created_at: created_at(&card.id),
            source,
        });
    }
    Ok(BoardImport {
        action: "Import from Trello".to_owned(),
        target: ImportTarget::NewBoard(board.name),
        columns,
        labels,
        people,
        cards,
    })
}

//! Cards from a CSV file (RFC 4180): a header row naming the columns (`title`, and any of
//! `description`, `column`, `assignee`, `estimate`, `due`, `labels`, in any order), then
//! one card per row. Columns, people and labels are matched by name and made when missing.
//!
//! The parser is strict, so a broken file is refused with the line it breaks on rather
//! than read wrongly: a field is either plain or wholly in double quotes (a quote inside
//! doubled), nothing may follow a closing quote, and every row has the header's width.

use std::collections::HashMap;

use chrono::NaiveDate;
use teamlead_core::import::{
    BoardImport, ImportCard, ImportColumn, ImportLabel, ImportPerson, ImportTarget,
};
use teamlead_core::{BoardId, LabelColor};

use crate::error::{Error, Result};

/// The header's known names.
pub const HEADERS: [&str; 7] = [
    "title",
    "description",
    "column",
    "assignee",
    "estimate",
    "due",
    "labels",
];

/// The longest field: a card description's limit. Longer ones are refused while parsing,
/// with their line, before any other check.
pub const MAX_FIELD_CHARS: usize = teamlead_core::validate::MAX_DESCRIPTION_CHARS;

/// One row, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Splits `text` into rows of fields. Blank lines are skipped.
pub fn records(file: &str, text: &str) -> Result<Vec<Record>> {
    let fail =
        |line: usize, message: String| Error::invalid(file, format!("Line {line}: {message}"));
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    loop {
        // Skip blank lines between rows.
        while let Some(&c) = chars.peek() {
            if c == '\n' {
                line += 1;
                chars.next();
            } else if c == '\r' {
                chars.next();
            } else {
                break;
            }
        }
        if chars.peek().is_none() {
            break;
        }
        let start = line;
        let mut fields = Vec::new();
        loop {
            let number = fields.len() + 1;
            let mut field = String::new();
            let mut count = 0usize;
            let mut push = |c: char, line: usize| -> Result<()> {
                count += 1;
                if count > MAX_FIELD_CHARS {
                    return Err(fail(
                        line,
                        format!(
                            "field {number} is longer than {MAX_FIELD_CHARS} characters, the \
                             most a field may have."
                        ),
                    ));
                }
                field.push(c);
                Ok(())
            };
            let end; // what ended the field: ',', '\n' or None (end of file)
            if chars.peek() == Some(&'"') {
                chars.next();
                let opened = line;
                loop {
                    match chars.next() {
                        None => {
                            return Err(fail(
                                opened,
                                format!(
                                    "field {number} opens a quote that is never closed; \
                                     a quote inside a quoted field is written twice (\"\")."
                                ),
                            ))
                        }
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            push('"', line)?;
                        }
                        Some('"') => break,
                        Some(c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            push(c, line)?;
                        }
                    }
                }
                // Only a separator or the end of the row may follow the closing quote.
                if chars.peek() == Some(&'\r') {
                    chars.next();
                }
                end = match chars.next() {
                    None => None,
                    Some(',') => Some(','),
                    Some('\n') => Some('\n'),
                    Some(c) => {
                        return Err(fail(
                            line,
                            format!(
                                "field {number} has \u{201c}{c}\u{201d} after its closing quote; \
                                 put the whole field in quotes and write a quote inside it twice."
                            ),
                        ))
                    }
                };
            } else {
                loop {
                    match chars.next() {
                        None => {
                            end = None;
                            break;
                        }
                        Some(',') => {
                            end = Some(',');
                            break;
                        }
                        Some('\n') => {
                            end = Some('\n');
                            break;
                        }
                        Some('\r') if chars.peek() == Some(&'\n') => {}
                        Some('"') => {
                            return Err(fail(
                                line,
                                format!(
                                    "field {number} has a quote inside it; put the whole field \
                                     in quotes and write the quote twice."
                                ),
                            ))
                        }
                        Some(c) => push(c, line)?,
                    }
                }
            }
            fields.push(field);
            match end {
                Some(',') => continue,
                Some(_) => {
                    line += 1;
                    break;
                }
                None => break,
            }
        }
        out.push(Record {
            line: start,
            fields,
        });
    }
    Ok(out)
}

/// Where the cards of a CSV file go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Board(BoardId),
    /// A new board of this name.
    NewBoard(String),
}

/// Reads a CSV file into cards to import.
pub fn parse(file: &str, text: &str, target: Target) -> Result<BoardImport> {
    let rows = records(file, text)?;
    let Some((header, rows)) = rows.split_first() else {
        return Err(Error::Empty {
            file: file.to_owned(),
        });
    };
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (i, name) in header.fields.iter().enumerate() {
        let name = name.trim();
        let known = HEADERS
            .iter()
            .find(|h| h.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                Error::invalid(
                    file,
                    format!(
                        "Line {}: the header names a column \u{201c}{name}\u{201d}; the columns \
                         can be {}.",
                        header.line,
                        HEADERS.join(", ")
                    ),
                )
            })?;
        if position.insert(known, i).is_some() {
            return Err(Error::invalid(
                file,
                format!("Line {}: the header names {known} twice.", header.line),
            ));
        }
    }
    if !position.contains_key("title") {
        return Err(Error::invalid(
            file,
            format!(
                "Line {}: the header has no title column; it needs one, and can have {}.",
                header.line,
                HEADERS[1..].join(", ")
            ),
        ));
    }
    if rows.is_empty() {
        return Err(Error::invalid(
            file,
            "there is a header but no cards under it.",
        ));
    }

    let mut columns: Vec<ImportColumn> = Vec::new();
    let mut people: Vec<ImportPerson> = Vec::new();
    let mut labels: Vec<ImportLabel> = Vec::new();
    let mut column_of: HashMap<String, usize> = HashMap::new();
    let mut person_of: HashMap<String, usize> = HashMap::new();
    let mut label_of: HashMap<String, usize> = HashMap::new();
    let mut cards = Vec::with_capacity(rows.len());
    for row in rows {
        let source = format!("Line {}", row.line);
        if row.fields.len() != header.fields.len() {
            return Err(Error::invalid(
                file,
                format!(
                    "{source} has {} fields; the header has {}.",
                    row.fields.len(),
                    header.fields.len()
                ),
            ));
        }
        let get = |name: &str| -> &str {
            position
                .get(name)
                .map_or("", |i| row.fields[*i].as_str())
                .trim()
        };
        let column = match get("column") {
            "" => None,
            name => Some(*column_of.entry(name.to_lowercase()).or_insert_with(|| {
                columns.push(ImportColumn {
                    name: name.to_owned(),
                    archived: false,
                    source: source.clone(),
                });
                columns.len() - 1
            })),
        };
        let assignee = match get("assignee") {
            "" => None,
            name => Some(*person_of.entry(name.to_lowercase()).or_insert_with(|| {
                people.push(ImportPerson {
                    name: name.to_owned(),
                    source: source.clone(),
                });
                people.len() - 1
            })),
        };
        let estimate = match get("estimate") {
            "" => None,
            text => Some(
                text.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| {
                        Error::invalid(
                            file,
                            format!(
                        "{source}: the estimate \u{201c}{text}\u{201d} is not a number (write \
                         2.5, with a point)."
                    ),
                        )
                    })?,
            ),
        };
        let due = match get("due") {
            "" => None,
            text => Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                Error::invalid(
                    file,
                    format!(
                        "{source}: the due date \u{201c}{text}\u{201d} is not a date written \
                         YYYY-MM-DD."
                    ),
                )
            })?),
        };
        let mut card_labels = Vec::new();
        for name in get("labels")
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let index = *label_of.entry(name.to_lowercase()).or_insert_with(|| {
                labels.push(ImportLabel {
                    name: name.to_owned(),
                    color: LabelColor::ALL[labels.len() % LabelColor::ALL.len()],
                    source: source.clone(),
                });
                labels.len() - 1
            });
            card_labels.push(index);
        }
        cards.push(ImportCard {
            column,
            title: get("title").to_owned(),
            // The description is kept as written, but for its surrounding blank space.
            description: position
                .get("description")
                .map_or(String::new(), |i| row.fields[*i].trim().to_owned()),
            assignee,
            estimate,
            due,
            labels: card_labels,
            checklist: Vec::new(),
            archived: false,
            created_at: None,
            source,
        });
    }
    Ok(BoardImport {
        action: "Import from CSV".to_owned(),
        target: match target {
            Target::Board(board) => ImportTarget::Board(board),
            Target::NewBoard(name) => ImportTarget::NewBoard(name),
        },
        columns,
        labels,
        people,
        cards,
    })
}

//! Adding another tool's board (a Trello export, a spreadsheet) to the workspace: columns,
//! labels, people and cards, checked first and written as one undoable action.
//!
//! The formats themselves are read elsewhere (`teamlead-interchange`); here they arrive as
//! plain data, each item with the place it came from (`source`, "line 4" or "card 5f0c…"),
//! so a refusal can say where the problem is.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use crate::board::EventKind;
use crate::error::{Entity, Error, Result};
use crate::model::{BoardId, CardId, ColumnId, Estimate, LabelColor, LabelId, MemberId, Stage};
use crate::rank;
use crate::store::{Millis, Store, Tx};
use crate::validate;

/// The name of the column made for cards that name none, on a board without columns.
pub const DEFAULT_COLUMN: &str = "To do";

/// Where the imported cards go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportTarget {
    /// A new board of this name.
    NewBoard(String),
    /// A board of the workspace; columns and labels are matched by name, ignoring case.
    Board(BoardId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct BoardImport {
    /// The undo step's name, such as "Import from Trello".
    pub action: String,
    pub target: ImportTarget,
    pub columns: Vec<ImportColumn>,
    pub labels: Vec<ImportLabel>,
    pub people: Vec<ImportPerson>,
    pub cards: Vec<ImportCard>,
}

/// A column the cards name. An open one is matched by name with the board's open columns
/// and made, at the end of the board, when missing; an archived one is always made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportColumn {
    pub name: String,
    pub archived: bool,
    pub source: String,
}

/// A label, matched by name with the board's labels and made when missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportLabel {
    pub name: String,
    pub color: LabelColor,
    pub source: String,
}

/// A person, matched by name (ignoring case) with the team and added when missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPerson {
    pub name: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportCard {
    pub source: String,
    /// An index into `columns`; `None` puts the card in the board's first open column.
    pub column: Option<usize>,
    pub title: String,
    pub description: String,
    /// An index into `people`.
    pub assignee: Option<usize>,
    /// In the board's unit.
    pub estimate: Option<f64>,
    pub due: Option<NaiveDate>,
    /// Indices into `labels`.
    pub labels: Vec<usize>,
    /// Items with whether they are done, top to bottom.
    pub checklist: Vec<(String, bool)>,
    pub archived: bool,
    /// When the card was made in the other tool; now when unknown or in the future.
    pub created_at: Option<Millis>,
}

/// What an import added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardImported {
    pub board: BoardId,
    pub board_created: bool,
    pub columns_created: u32,
    pub labels_created: u32,
    pub people_created: u32,
    pub cards: u32,
}

/// `error` with the place it came from in front of its message.
pub fn located(source: &str, error: Error) -> Error {
    match error {
        Error::InvalidInput { field, message } => Error::InvalidInput {
            field,
            message: format!("{source}: {message}"),
        },
        other => other,
    }
}

/// An import's fields, checked and trimmed.
struct Checked {
    board_name: Option<String>,
    columns: Vec<String>,
    labels: Vec<String>,
    people: Vec<String>,
    cards: Vec<CheckedCard>,
}

struct CheckedCard {
    title: String,
    description: String,
    estimate: Option<Estimate>,
    checklist: Vec<(String, bool)>,
}

fn check(import: &BoardImport) -> Result<Checked> {
    let board_name = match &import.target {
        ImportTarget::NewBoard(name) => Some(validate::name("name", "board name", name)?),
        ImportTarget::Board(_) => None,
    };
    let columns = import
        .columns
        .iter()
        .map(|c| {
            validate::name("column", "column name", &c.name).map_err(|e| located(&c.source, e))
        })
        .collect::<Result<Vec<_>>>()?;
    let labels = import
        .labels
        .iter()
        .map(|l| {
            validate::text("labels", "label name", &l.name, validate::MAX_LABEL_CHARS)
                .map_err(|e| located(&l.source, e))
        })
        .collect::<Result<Vec<_>>>()?;
    let people = import
        .people
        .iter()
        .map(|p| validate::name("assignee", "name", &p.name).map_err(|e| located(&p.source, e)))
        .collect::<Result<Vec<_>>>()?;
    let mut cards = Vec::with_capacity(import.cards.len());
    for card in &import.cards {
        let at = |e: Error| located(&card.source, e);
        let in_range = |index: Option<usize>, len: usize, what: &str| -> Result<()> {
            match index {
                Some(i) if i >= len => Err(at(Error::invalid(
                    "card",
                    format!("The card names a {what} the file does not have."),
                ))),
                _ => Ok(()),
            }
        };
        in_range(card.column, columns.len(), "column")?;
        in_range(card.assignee, people.len(), "person")?;
        for label in &card.labels {
            in_range(Some(*label), labels.len(), "label")?;
        }
        if let Some(due) = card.due {
            validate::date("due", due).map_err(at)?;
        }
        let checklist = card
            .checklist
            .iter()
            .map(|(text, done)| {
                validate::text(
                    "checklist",
                    "checklist item",
                    text,
                    validate::MAX_TITLE_CHARS,
                )
                .map(|t| (t, *done))
                .map_err(at)
            })
            .collect::<Result<Vec<_>>>()?;
        cards.push(CheckedCard {
            title: validate::title(&card.title).map_err(at)?,
            description: validate::description(&card.description).map_err(at)?,
            estimate: card
                .estimate
                .map(validate::estimate)
                .transpose()
                .map_err(at)?,
            checklist,
        });
    }
    Ok(Checked {
        board_name,
        columns,
        labels,
        people,
        cards,
    })
}

impl Store {
    /// Adds the columns, labels, people and cards of `import` in one undoable action: all of
    /// it, or nothing when any part is refused. Every field is checked first, with the
    /// limits of the app's own forms, and a refusal names the item's source.
    pub fn import_board(&mut self, import: &BoardImport) -> Result<BoardImported> {
        let checked = check(import)?;
        if let ImportTarget::Board(board) = import.target {
            let exists: bool = self.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM boards WHERE id = ?1)",
                [board],
                |row| row.get(0),
            )?;
            if !exists {
                return Err(Error::not_found(Entity::Board, board.0));
            }
        }
        self.act(&import.action, |tx| write(tx, import, &checked))
    }
}

fn write(tx: &Tx<'_>, import: &BoardImport, checked: &Checked) -> Result<BoardImported> {
    let now = tx.now;
    let (board, board_created) = match (&import.target, &checked.board_name) {
        (ImportTarget::Board(board), _) => (*board, false),
        (ImportTarget::NewBoard(_), Some(name)) => {
            tx.prepare_cached("INSERT INTO boards (name, created_at) VALUES (?1, ?2)")?
                .execute(params![name, now])?;
            (BoardId(tx.last_insert_rowid()), true)
        }
        (ImportTarget::NewBoard(_), None) => unreachable!("a new board's name is checked"),
    };
    let mut summary = BoardImported {
        board,
        board_created,
        columns_created: 0,
        labels_created: 0,
        people_created: 0,
        cards: 0,
    };

    // Columns: the board's open ones by name, else new ones at the end.
    let mut open: HashMap<String, ColumnId> = HashMap::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT id, name FROM columns WHERE board_id = ?1 AND archived_at IS NULL
             ORDER BY rank DESC",
        )?;
        // Descending, so the leftmost of two columns of the same name wins.
        for row in stmt.query_map([board], |row| {
            Ok((row.get::<_, ColumnId>(0)?, row.get::<_, String>(1)?))
        })? {
            let (id, name) = row?;
            open.insert(name.to_lowercase(), id);
        }
    }
    let mut last_column_rank: Option<String> = tx
        .prepare_cached("SELECT max(rank) FROM columns WHERE board_id = +?1")?
        .query_row([board], |row| row.get(0))?;
    let mut add_column = |name: &str, archived: bool| -> Result<ColumnId> {
        let rank = rank::between(last_column_rank.as_deref(), None);
        tx.prepare_cached(
            "INSERT INTO columns (board_id, name, rank, stage, archived_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            board,
            name,
            rank,
            Stage::guess(name),
            archived.then_some(now)
        ])?;
        last_column_rank = Some(rank);
        Ok(ColumnId(tx.last_insert_rowid()))
    };
    let mut columns = Vec::with_capacity(checked.columns.len());
    for (column, name) in import.columns.iter().zip(&checked.columns) {
        let key = name.to_lowercase();
        let id = match open.get(&key) {
            Some(id) if !column.archived => *id,
            _ => {
                let id = add_column(name, column.archived)?;
                summary.columns_created += 1;
                if !column.archived {
                    open.insert(key, id);
                }
                id
            }
        };
        columns.push(id);
    }
    // Cards that name no column go to the first open one, made if the board has none; a
    // board always keeps an open column.
    let first_open: Option<ColumnId> = tx
        .prepare_cached(
            "SELECT id FROM columns WHERE board_id = ?1 AND archived_at IS NULL
             ORDER BY rank LIMIT 1",
        )?
        .query_row([board], |row| row.get(0))
        .optional()?;
    let first_open = match first_open {
        Some(id) => id,
        None => {
            summary.columns_created += 1;
            add_column(DEFAULT_COLUMN, false)?
        }
    };

    // Labels: the board's by name, ignoring case, else new ones.
    let mut board_labels: HashMap<String, LabelId> = HashMap::new();
    {
        let mut stmt = tx.prepare_cached("SELECT id, name FROM labels WHERE board_id = ?1")?;
        for row in stmt.query_map([board], |row| {
            Ok((row.get::<_, LabelId>(0)?, row.get::<_, String>(1)?))
        })? {
            let (id, name) = row?;
            board_labels.insert(name.to_lowercase(), id);
        }
    }
    let mut labels = Vec::with_capacity(checked.labels.len());
    for (label, name) in import.labels.iter().zip(&checked.labels) {
        let key = name.to_lowercase();
        let id = match board_labels.get(&key) {
            Some(id) => *id,
            None => {
                tx.prepare_cached(
                    "INSERT INTO labels (board_id, name, color) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![board, name, label.color])?;
                let id = LabelId(tx.last_insert_rowid());
                board_labels.insert(key, id);
                summary.labels_created += 1;
                id
            }
        };
        labels.push(id);
    }

    // People: the team by name, ignoring case, else new members.
    let mut team: HashMap<String, MemberId> = HashMap::new();
    {
        let mut stmt = tx.prepare_cached("SELECT id, name FROM members ORDER BY id DESC")?;
        for row in stmt.query_map([], |row| {
            Ok((row.get::<_, MemberId>(0)?, row.get::<_, String>(1)?))
        })? {
            let (id, name) = row?;
            team.insert(name.to_lowercase(), id);
        }
    }
    let mut people = Vec::with_capacity(checked.people.len());
    for name in &checked.people {
        let key = name.to_lowercase();
        let id = match team.get(&key) {
            Some(id) => *id,
            None => {
                tx.prepare_cached(
                    "INSERT INTO members (name, role, created_at) VALUES (?1, '', ?2)",
                )?
                .execute(params![name, now])?;
                let id = MemberId(tx.last_insert_rowid());
                team.insert(key, id);
                summary.people_created += 1;
                id
            }
        };
        people.push(id);
    }

    // Cards, each at the end of its column, with the history a card made here would have.
    let mut last_card_rank: HashMap<ColumnId, Option<String>> = HashMap::new();
    for (card, fields) in import.cards.iter().zip(&checked.cards) {
        let column = card.column.map_or(first_open, |i| columns[i]);
        let last = match last_card_rank.get(&column) {
            Some(last) => last.clone(),
            None => tx
                .prepare_cached("SELECT max(rank) FROM cards WHERE column_id = +?1")?
                .query_row([column], |row| row.get(0))?,
        };
        let rank = rank::between(last.as_deref(), None);
        let created = card
            .created_at
            .filter(|t| *t >= 0)
            .map_or(now, |t| t.min(now));
        let assignee = card.assignee.map(|i| people[i]);
        tx.prepare_cached(
            "INSERT INTO cards (column_id, rank, title, description, assignee_id, estimate_centi,
                                due_date, created_at, updated_at, archived_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            column,
            rank,
            fields.title,
            fields.description,
            assignee,
            fields.estimate,
            card.due,
            created,
            now,
            card.archived.then_some(now),
        ])?;
        let id = CardId(tx.last_insert_rowid());
        last_card_rank.insert(column, Some(rank));
        event(tx, id, EventKind::Created, Some(column), None, created)?;
        if let Some(member) = assignee {
            event(tx, id, EventKind::Assigned, None, Some(member), created)?;
        }
        if card.archived {
            event(tx, id, EventKind::Archived, None, None, now)?;
        }
        let mut seen = Vec::with_capacity(card.labels.len());
        for label in card.labels.iter().map(|i| labels[*i]) {
            if !seen.contains(&label) {
                seen.push(label);
                tx.prepare_cached("INSERT INTO card_labels (card_id, label_id) VALUES (?1, ?2)")?
                    .execute(params![id, label])?;
            }
        }
        for ((text, done), rank) in fields
            .checklist
            .iter()
            .zip(rank::spread(fields.checklist.len()))
        {
            tx.prepare_cached(
                "INSERT INTO checklist_items (card_id, rank, text, done) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, rank, text, done])?;
        }
        summary.cards += 1;
    }
    Ok(summary)
}

fn event(
    tx: &Tx<'_>,
    card: CardId,
    kind: EventKind,
    to: Option<ColumnId>,
    member: Option<MemberId>,
    at: Millis,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO card_events (card_id, kind, to_column_id, member_id, at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![card, kind.as_str(), to, member, at])?;
    Ok(())
}

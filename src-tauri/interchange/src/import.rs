//! A Teamlead export back into an empty workspace: the file is checked whole first (ids,
//! references, values, the core's limits on text), then written in one transaction with
//! its ids kept, so every reference inside it still holds. Any refusal writes nothing.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::params;
use teamlead_core::board::EventKind;
use teamlead_core::report::{Format, Status};
use teamlead_core::store::Tx;
use teamlead_core::{
    rank, validate, AgendaStatus, Cadence, EstimateUnit, FeedbackKind, LabelColor, Owner, Priority,
    Stage, Store,
};

use crate::error::{Error, Result};
use crate::format::{Document, Header, FORMAT, VERSION};
use crate::read;

/// Ids of the journal's searchable tables come from disjoint ranges of 2^40 (migration 6).
const DOC_RANGE_BITS: u32 = 40;

/// What an import added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Imported {
    /// The board to show first: the first one imported.
    pub board: Option<i64>,
    pub boards: u32,
    pub columns: u32,
    pub cards: u32,
    pub labels: u32,
    pub people: u32,
    pub sessions: u32,
}

/// Parses a Teamlead export: the header first, so another format or a newer version is
/// named as such, then the whole document.
pub fn parse(file: &str, text: &str) -> Result<Document> {
    let header: Header = read::json(file, text).map_err(|error| match error {
        Error::Json { problem, .. } if problem.starts_with("a value of the wrong kind") => {
            Error::WrongFormat {
                file: file.to_owned(),
                expected: "Teamlead export",
                reason: "it is not a JSON object with \"format\": \"teamlead\"".to_owned(),
            }
        }
        other => other,
    })?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(Error::WrongFormat {
            file: file.to_owned(),
            expected: "Teamlead export",
            reason: match header.format {
                Some(found) => {
                    format!("its \"format\" is \u{201c}{found}\u{201d}, not \"teamlead\"")
                }
                None => "it has no \"format\": \"teamlead\" field".to_owned(),
            },
        });
    }
    match header.version.as_ref().and_then(serde_json::Value::as_u64) {
        Some(found) if found > u64::from(VERSION) => {
            return Err(Error::NewerVersion {
                file: file.to_owned(),
                found,
                supported: VERSION,
            })
        }
        Some(found) if found == u64::from(VERSION) => {}
        _ => {
            return Err(Error::WrongFormat {
                file: file.to_owned(),
                expected: "Teamlead export",
                reason: format!("its \"version\" must be {VERSION}"),
            })
        }
    }
    read::json(file, text)
}

/// Checks `document` whole, then writes it into the store, which must be empty.
pub fn import(store: &mut Store, file: &str, mut document: Document) -> Result<Imported> {
    Checker::new(file).check(&mut document)?;
    let builtin = builtin_templates()?;
    let outcome = store.write(|tx| {
        if let Some(what) = existing_data(tx, &builtin)? {
            return Ok(Err(what));
        }
        write(tx, &document).map(Ok)
    })?;
    outcome.map_err(|what| Error::NotEmpty { what })
}

type Template = (i64, String, String);

/// The agenda templates a new workspace starts with.
fn builtin_templates() -> Result<Vec<Template>> {
    let fresh = Store::open_in_memory()?;
    Ok(templates(fresh.conn())?)
}

fn templates(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<Template>> {
    let mut stmt = conn.prepare("SELECT id, name, items FROM agenda_templates ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// What the workspace already holds, if anything: the built-in templates, untouched, do
/// not count.
fn existing_data(tx: &Tx<'_>, builtin: &[Template]) -> teamlead_core::Result<Option<String>> {
    for (table, what) in [
        ("boards", "a board"),
        ("members", "team members"),
        ("goals", "goals"),
        ("one_on_ones", "one-on-ones"),
    ] {
        let any: bool =
            tx.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| {
                r.get(0)
            })?;
        if any {
            return Ok(Some(what.to_owned()));
        }
    }
    if templates(tx)? != builtin {
        return Ok(Some("agenda templates of its own".to_owned()));
    }
    Ok(None)
}

fn write(tx: &Tx<'_>, doc: &Document) -> teamlead_core::Result<Imported> {
    // References are checked at the commit, so rows can go in any order (a talking point
    // carried from a later one, say); the checks above already found every dangling one.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    tx.execute("DELETE FROM agenda_templates", [])?;
    // The undo history of an empty workspace refers to nothing that is left.
    tx.execute("DELETE FROM undo_log", [])?;
    let mut imported = Imported::default();

    for person in &doc.people {
        tx.prepare_cached(
            "INSERT INTO members (id, name, role, created_at, start_date, cadence, private_notes,
                                  weekly_capacity_centi)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            person.id,
            person.name,
            person.role,
            person.created_at,
            person.start_date,
            person.cadence,
            person.private_notes,
            person.weekly_capacity.map(centi),
        ])?;
        for skill in &person.skills {
            tx.prepare_cached(
                "INSERT INTO member_skills (member_id, skill, level) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![person.id, skill.name, skill.level])?;
        }
        for off in &person.time_off {
            tx.prepare_cached(
                "INSERT INTO time_off (id, member_id, start_date, end_date) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![off.id, person.id, off.start, off.end])?;
        }
        for goal in &person.growth_goals {
            tx.prepare_cached(
                "INSERT INTO growth_goals (id, member_id, title, progress, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                goal.id,
                person.id,
                goal.title,
                goal.progress,
                goal.created_at
            ])?;
            for skill in &goal.skills {
                tx.prepare_cached("INSERT INTO goal_skills (goal_id, skill) VALUES (?1, ?2)")?
                    .execute(params![goal.id, skill])?;
            }
        }
        imported.people += 1;
    }

    for goal in &doc.team_goals {
        tx.prepare_cached(
            "INSERT INTO goals (id, title, target_date, created_at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            goal.id,
            goal.title,
            goal.target_date,
            goal.created_at
        ])?;
    }

    for board in &doc.boards {
        tx.prepare_cached(
            "INSERT INTO boards (id, name, created_at, estimate_unit) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            board.id,
            board.name,
            board.created_at,
            board.estimate_unit
        ])?;
        imported.board.get_or_insert(board.id);
        imported.boards += 1;
        for column in &board.columns {
            tx.prepare_cached(
                "INSERT INTO columns (id, board_id, name, rank, stage, wip_limit, archived_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                column.id,
                board.id,
                column.name,
                column.rank,
                column.stage,
                column.wip_limit,
                column.archived_at
            ])?;
            imported.columns += 1;
        }
        for label in &board.labels {
            tx.prepare_cached(
                "INSERT INTO labels (id, board_id, name, color) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![label.id, board.id, label.name, label.color])?;
            imported.labels += 1;
        }
        for card in &board.cards {
            tx.prepare_cached(
                "INSERT INTO cards (id, column_id, rank, title, description, priority, due_date,
                                    estimate_centi, assignee_id, pinned_to, goal_id,
                                    blocked_reason, blocked_since, created_at, updated_at,
                                    archived_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(params![
                card.id,
                card.column_id,
                card.rank,
                card.title,
                card.description,
                card.priority,
                card.due,
                card.estimate.map(centi),
                card.assignee_id,
                card.pinned_to,
                card.team_goal_id,
                card.blocked_reason,
                card.blocked_since,
                card.created_at,
                card.updated_at,
                card.archived_at
            ])?;
            imported.cards += 1;
            for label in &card.label_ids {
                tx.prepare_cached("INSERT INTO card_labels (card_id, label_id) VALUES (?1, ?2)")?
                    .execute(params![card.id, label])?;
            }
            for skill in &card.skills {
                tx.prepare_cached(
                    "INSERT INTO card_skills (card_id, skill, min_level) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![card.id, skill.name, skill.min_level])?;
            }
            for item in &card.checklist {
                tx.prepare_cached(
                    "INSERT INTO checklist_items (id, card_id, rank, text, done)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![item.id, card.id, item.rank, item.text, item.done])?;
            }
            for event in &card.history {
                tx.prepare_cached(
                    "INSERT INTO card_events (id, card_id, kind, from_column_id, to_column_id,
                                              member_id, detail, at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    event.id,
                    card.id,
                    event.kind,
                    event.from_column_id,
                    event.to_column_id,
                    event.member_id,
                    event.detail,
                    event.at
                ])?;
            }
        }
        for note in &board.report_notes {
            tx.prepare_cached(
                "INSERT INTO report_notes (board_id, period_from, period_to, status,
                                           status_reason, needs)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                board.id,
                note.period_from,
                note.period_to,
                note.status,
                note.status_reason,
                note.needs
            ])?;
        }
        for snapshot in &board.report_snapshots {
            tx.prepare_cached(
                "INSERT INTO report_snapshots (id, board_id, period_from, period_to, format,
                                               exported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                snapshot.id,
                board.id,
                snapshot.period_from,
                snapshot.period_to,
                snapshot.format,
                snapshot.exported_at
            ])?;
            for risk in &snapshot.risks {
                tx.prepare_cached(
                    "INSERT INTO report_snapshot_risks (snapshot_id, key, summary)
                     VALUES (?1, ?2, ?3)",
                )?
                .execute(params![snapshot.id, risk.key, risk.summary])?;
            }
        }
    }

    for session in &doc.sessions {
        tx.prepare_cached(
            "INSERT INTO one_on_ones (id, member_id, date, notes, notes_shareable,
                                      notes_saved_at, mood, workload, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            session.id,
            session.person_id,
            session.date,
            session.notes,
            session.notes_shareable,
            session.notes_saved_at,
            session.mood,
            session.workload,
            session.created_at
        ])?;
        imported.sessions += 1;
        for item in &session.action_items {
            tx.prepare_cached(
                "INSERT INTO action_items (id, session_id, text, owner, due_date, done,
                                           shareable, card_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                item.id,
                session.id,
                item.text,
                item.owner,
                item.due,
                item.done,
                item.shareable,
                item.card_id,
                item.created_at
            ])?;
        }
        for item in &session.agenda {
            tx.prepare_cached(
                "INSERT INTO agenda_items (id, session_id, rank, text, status, carried_from,
                                           action_item_id, card_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                item.id,
                session.id,
                item.rank,
                item.text,
                item.status,
                item.carried_from,
                item.action_item_id,
                item.card_id
            ])?;
        }
        for entry in &session.feedback {
            tx.prepare_cached(
                "INSERT INTO feedback (id, session_id, kind, situation, behaviour, impact,
                                       shareable, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                entry.id,
                session.id,
                entry.kind,
                entry.situation,
                entry.behaviour,
                entry.impact,
                entry.shareable,
                entry.created_at
            ])?;
        }
    }

    for template in &doc.agenda_templates {
        tx.prepare_cached("INSERT INTO agenda_templates (id, name, items) VALUES (?1, ?2, ?3)")?
            .execute(params![
                template.id,
                template.name,
                template.items.join("\n")
            ])?;
    }
    Ok(imported)
}

/// Units (as written) to hundredths (as stored); the value is checked already.
fn centi(units: f64) -> i64 {
    (units * 100.0).round() as i64
}

/// Walks a document, checking every value against the schema's rules and the core's
/// limits, and every reference against the ids the file has. Text is trimmed as the app
/// would have trimmed it.
struct Checker<'f> {
    file: &'f str,
}

/// Ids seen so far of one kind of row.
#[derive(Default)]
struct Ids(HashSet<i64>);

impl Ids {
    fn has(&self, id: i64) -> bool {
        self.0.contains(&id)
    }
}

impl<'f> Checker<'f> {
    fn new(file: &'f str) -> Self {
        Checker { file }
    }

    fn fail(&self, message: String) -> Error {
        Error::invalid(self.file, message)
    }

    /// A core refusal, with where it happened in front.
    fn at<T>(&self, place: &str, result: teamlead_core::Result<T>) -> Result<T> {
        result.map_err(|error| self.fail(format!("{place}: {error}")))
    }

    fn new_id(&self, ids: &mut Ids, what: &str, id: i64) -> Result<()> {
        if id <= 0 {
            return Err(self.fail(format!(
                "{what} {id}: an id must be a whole number above zero."
            )));
        }
        if !ids.0.insert(id) {
            return Err(self.fail(format!(
                "{what} {id} appears twice; each id must be used once."
            )));
        }
        Ok(())
    }

    /// Journal ids of table `range` (0: sessions, 1: talking points, 2: action items,
    /// 3: feedback) lie in [range × 2^40, (range + 1) × 2^40).
    fn in_range(&self, what: &str, id: i64, range: i64) -> Result<()> {
        if id >> DOC_RANGE_BITS != range {
            let low = range << DOC_RANGE_BITS;
            let high = ((range + 1) << DOC_RANGE_BITS) - 1;
            return Err(self.fail(format!(
                "{what} {id}: its id must lie between {} and {high}.",
                low.max(1)
            )));
        }
        Ok(())
    }

    fn reference(
        &self,
        place: &str,
        field: &str,
        ids: &Ids,
        what: &str,
        id: Option<i64>,
    ) -> Result<()> {
        match id {
            Some(id) if !ids.has(id) => Err(self.fail(format!(
                "{place}: its {field} is {what} {id}, which the file does not have."
            ))),
            _ => Ok(()),
        }
    }

    fn one_of(&self, place: &str, field: &str, value: &str, ok: bool, allowed: &str) -> Result<()> {
        if ok {
            Ok(())
        } else {
            Err(self.fail(format!(
                "{place}: its {field} \u{201c}{value}\u{201d} is not one of {allowed}."
            )))
        }
    }

    fn day(&self, place: &str, field: &str, value: &str) -> Result<NaiveDate> {
        let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .ok()
            .filter(|d| d.format("%Y-%m-%d").to_string() == value)
            .ok_or_else(|| {
                self.fail(format!(
                    "{place}: its {field} \u{201c}{value}\u{201d} is not a date written YYYY-MM-DD."
                ))
            })?;
        self.at(place, validate::date("date", date))
    }

    fn rank(
        &self,
        place: &str,
        value: &str,
        taken: &mut HashSet<String>,
        within: &str,
    ) -> Result<()> {
        if !rank::is_valid(value) {
            return Err(self.fail(format!(
                "{place}: its rank \u{201c}{value}\u{201d} is not a rank (digits and letters, \
                 not ending in 0)."
            )));
        }
        if !taken.insert(value.to_owned()) {
            return Err(self.fail(format!(
                "{place}: its rank \u{201c}{value}\u{201d} is also used by another {within}."
            )));
        }
        Ok(())
    }

    fn at_most(&self, place: &str, field: &str, value: &str, max: usize) -> Result<()> {
        if value.chars().nth(max).is_some() {
            return Err(self.fail(format!(
                "{place}: its {field} can be at most {max} characters long."
            )));
        }
        Ok(())
    }

    fn score(&self, place: &str, field: &str, value: Option<u8>, low: u8, high: u8) -> Result<()> {
        match value {
            Some(v) if !(low..=high).contains(&v) => Err(self.fail(format!(
                "{place}: its {field} is {v}; it goes from {low} to {high}."
            ))),
            _ => Ok(()),
        }
    }

    fn check(&self, doc: &mut Document) -> Result<()> {
        let mut people = Ids::default();
        let mut time_off = Ids::default();
        let mut growth = Ids::default();
        for person in &mut doc.people {
            let place = format!("Person {}", person.id);
            self.new_id(&mut people, "Person", person.id)?;
            person.name = self.at(&place, validate::name("name", "name", &person.name))?;
            self.at_most(&place, "role", &person.role, validate::MAX_NAME_CHARS)?;
            if let Some(day) = &person.start_date {
                self.day(&place, "start date", day)?;
            }
            self.one_of(
                &place,
                "cadence",
                &person.cadence,
                Cadence::parse(&person.cadence).is_some(),
                "weekly, every_two_weeks, monthly",
            )?;
            self.at(
                &place,
                validate::notes("privateNotes", &person.private_notes),
            )?;
            if let Some(capacity) = person.weekly_capacity {
                if !(0.0..=validate::MAX_ESTIMATE).contains(&capacity) {
                    return Err(self.fail(format!(
                        "{place}: a weekly capacity goes from 0 to {}; this one is {capacity}.",
                        validate::MAX_ESTIMATE
                    )));
                }
            }
            let mut names = HashSet::new();
            for skill in &mut person.skills {
                skill.name =
                    self.at(&place, validate::name("skills", "skill name", &skill.name))?;
                self.score(&place, "level of skill in", Some(skill.level), 1, 5)?;
                if !names.insert(skill.name.clone()) {
                    return Err(self.fail(format!(
                        "{place}: the skill \u{201c}{}\u{201d} is listed twice.",
                        skill.name
                    )));
                }
            }
            for off in &person.time_off {
                self.new_id(&mut time_off, "Time off", off.id)?;
                let off_place = format!("{place}, time off {}", off.id);
                let start = self.day(&off_place, "start", &off.start)?;
                let end = self.day(&off_place, "end", &off.end)?;
                if start > end {
                    return Err(self.fail(format!("{off_place}: it ends before it starts.")));
                }
            }
            for goal in &mut person.growth_goals {
                self.new_id(&mut growth, "Growth goal", goal.id)?;
                let goal_place = format!("Growth goal {}", goal.id);
                goal.title = self.at(&goal_place, validate::title(&goal.title))?;
                self.at(&goal_place, validate::progress(goal.progress))?;
                let mut names = HashSet::new();
                for skill in &mut goal.skills {
                    *skill = self.at(
                        &goal_place,
                        validate::text("skills", "skill name", skill, validate::MAX_SKILL_CHARS),
                    )?;
                    if !names.insert(skill.clone()) {
                        return Err(self.fail(format!(
                            "{goal_place}: the skill \u{201c}{skill}\u{201d} is listed twice."
                        )));
                    }
                }
            }
        }

        let mut team_goals = Ids::default();
        for goal in &mut doc.team_goals {
            self.new_id(&mut team_goals, "Goal", goal.id)?;
            let place = format!("Goal {}", goal.id);
            goal.title = self.at(&place, validate::title(&goal.title))?;
            self.day(&place, "target date", &goal.target_date)?;
        }

        let mut boards = Ids::default();
        let mut columns = Ids::default();
        let mut labels = Ids::default();
        let mut cards = Ids::default();
        let mut items = Ids::default();
        let mut events = Ids::default();
        let mut snapshots = Ids::default();
        for board in &mut doc.boards {
            self.new_id(&mut boards, "Board", board.id)?;
            let place = format!("Board {}", board.id);
            board.name = self.at(&place, validate::name("name", "board name", &board.name))?;
            self.one_of(
                &place,
                "estimate unit",
                &board.estimate_unit,
                EstimateUnit::parse(&board.estimate_unit).is_some(),
                "points, hours",
            )?;
            let mut own_columns = Ids::default();
            let mut column_ranks = HashSet::new();
            for column in &mut board.columns {
                self.new_id(&mut columns, "Column", column.id)?;
                own_columns.0.insert(column.id);
                let place = format!("Column {}", column.id);
                column.name =
                    self.at(&place, validate::name("name", "column name", &column.name))?;
                self.rank(
                    &place,
                    &column.rank,
                    &mut column_ranks,
                    "column of its board",
                )?;
                self.one_of(
                    &place,
                    "stage",
                    &column.stage,
                    Stage::parse(&column.stage).is_some(),
                    "not_started, in_progress, done",
                )?;
                if let Some(limit) = column.wip_limit {
                    if !(1..=validate::MAX_WIP_LIMIT).contains(&limit) {
                        return Err(self.fail(format!(
                            "{place}: a WIP limit goes from 1 to {}; this one is {limit}.",
                            validate::MAX_WIP_LIMIT
                        )));
                    }
                }
            }
            let mut own_labels = Ids::default();
            let mut label_names = HashSet::new();
            for label in &mut board.labels {
                self.new_id(&mut labels, "Label", label.id)?;
                own_labels.0.insert(label.id);
                let place = format!("Label {}", label.id);
                label.name = self.at(
                    &place,
                    validate::text("name", "label name", &label.name, validate::MAX_LABEL_CHARS),
                )?;
                if !label_names.insert(label.name.to_lowercase()) {
                    return Err(self.fail(format!(
                        "{place}: board {} has another label called \u{201c}{}\u{201d}.",
                        board.id, label.name
                    )));
                }
                self.one_of(
                    &place,
                    "colour",
                    &label.color,
                    LabelColor::parse(&label.color).is_some(),
                    "orange, sky, green, yellow, blue, vermillion, purple, grey",
                )?;
            }
            let mut card_ranks: HashMap<i64, HashSet<String>> = HashMap::new();
            for card in &mut board.cards {
                self.new_id(&mut cards, "Card", card.id)?;
                let place = format!("Card {}", card.id);
                if !own_columns.has(card.column_id) {
                    return Err(self.fail(format!(
                        "{place}: it is in column {}, which board {} does not have.",
                        card.column_id, board.id
                    )));
                }
                self.rank(
                    &place,
                    &card.rank,
                    card_ranks.entry(card.column_id).or_default(),
                    "card of its column",
                )?;
                card.title = self.at(&place, validate::title(&card.title))?;
                card.description = self.at(&place, validate::description(&card.description))?;
                self.one_of(
                    &place,
                    "priority",
                    &card.priority,
                    Priority::parse(&card.priority).is_some(),
                    "urgent, high, normal, low",
                )?;
                if let Some(due) = &card.due {
                    self.day(&place, "due date", due)?;
                }
                if let Some(estimate) = card.estimate {
                    self.at(&place, validate::estimate(estimate))?;
                }
                self.reference(&place, "assignee", &people, "person", card.assignee_id)?;
                self.reference(&place, "pinnedTo", &people, "person", card.pinned_to)?;
                self.reference(&place, "teamGoalId", &team_goals, "goal", card.team_goal_id)?;
                if let Some(reason) = &mut card.blocked_reason {
                    *reason = self.at(
                        &place,
                        validate::text("reason", "reason", reason, validate::MAX_TITLE_CHARS),
                    )?;
                }
                let mut seen = HashSet::new();
                for label in &card.label_ids {
                    if !own_labels.has(*label) {
                        return Err(self.fail(format!(
                            "{place}: it has label {label}, which board {} does not have.",
                            board.id
                        )));
                    }
                    if !seen.insert(*label) {
                        return Err(self.fail(format!("{place}: label {label} is listed twice.")));
                    }
                }
                let mut skills = HashSet::new();
                for skill in &mut card.skills {
                    skill.name = self.at(
                        &place,
                        validate::text(
                            "skill",
                            "skill name",
                            &skill.name,
                            validate::MAX_SKILL_CHARS,
                        ),
                    )?;
                    self.at(&place, validate::level("minLevel", skill.min_level))?;
                    if !skills.insert(skill.name.clone()) {
                        return Err(self.fail(format!(
                            "{place}: the skill \u{201c}{}\u{201d} is listed twice.",
                            skill.name
                        )));
                    }
                }
                let mut item_ranks = HashSet::new();
                for item in &mut card.checklist {
                    self.new_id(&mut items, "Checklist item", item.id)?;
                    let place = format!("{place}, checklist item {}", item.id);
                    self.rank(&place, &item.rank, &mut item_ranks, "item of its checklist")?;
                    item.text = self.at(
                        &place,
                        validate::text(
                            "text",
                            "checklist item",
                            &item.text,
                            validate::MAX_TITLE_CHARS,
                        ),
                    )?;
                }
                for event in &card.history {
                    self.new_id(&mut events, "Event", event.id)?;
                    let place = format!("{place}, event {}", event.id);
                    self.one_of(
                        &place,
                        "kind",
                        &event.kind,
                        EventKind::parse(&event.kind).is_some(),
                        "created, moved, assigned, renamed, archived, restored, blocked, unblocked",
                    )?;
                    if let Some(detail) = &event.detail {
                        self.at_most(&place, "detail", detail, validate::MAX_DESCRIPTION_CHARS)?;
                    }
                }
            }
            let mut periods = HashSet::new();
            for note in &mut board.report_notes {
                let place = format!(
                    "{place}, report notes of {} to {}",
                    note.period_from, note.period_to
                );
                let from = self.day(&place, "periodFrom", &note.period_from)?;
                let to = self.day(&place, "periodTo", &note.period_to)?;
                if from > to {
                    return Err(self.fail(format!("{place}: the period ends before it starts.")));
                }
                if !periods.insert((from, to)) {
                    return Err(self.fail(format!("{place}: this period appears twice.")));
                }
                if let Some(status) = &note.status {
                    self.one_of(
                        &place,
                        "status",
                        status,
                        Status::parse(status).is_some(),
                        "green, amber, red",
                    )?;
                }
                self.at_most(
                    &place,
                    "statusReason",
                    &note.status_reason,
                    validate::MAX_TITLE_CHARS,
                )?;
                note.needs = self.at(&place, validate::description(&note.needs))?;
            }
            for snapshot in &board.report_snapshots {
                self.new_id(&mut snapshots, "Report snapshot", snapshot.id)?;
                let place = format!("Report snapshot {}", snapshot.id);
                self.day(&place, "periodFrom", &snapshot.period_from)?;
                self.day(&place, "periodTo", &snapshot.period_to)?;
                self.one_of(
                    &place,
                    "format",
                    &snapshot.format,
                    Format::parse(&snapshot.format).map(Format::as_str)
                        == Some(snapshot.format.as_str()),
                    "md, html, pdf, csv",
                )?;
                let mut keys = HashSet::new();
                for risk in &snapshot.risks {
                    self.at_most(&place, "risk key", &risk.key, validate::MAX_TITLE_CHARS)?;
                    self.at_most(
                        &place,
                        "risk summary",
                        &risk.summary,
                        validate::MAX_DESCRIPTION_CHARS,
                    )?;
                    if !keys.insert(risk.key.as_str()) {
                        return Err(self.fail(format!(
                            "{place}: the risk \u{201c}{}\u{201d} is listed twice.",
                            risk.key
                        )));
                    }
                }
            }
        }

        let mut sessions = Ids::default();
        let mut agenda = Ids::default();
        let mut actions = Ids::default();
        let mut feedback = Ids::default();
        // Every id first: a talking point may refer to one of a later session.
        for session in &doc.sessions {
            self.new_id(&mut sessions, "One-on-one", session.id)?;
            self.in_range("One-on-one", session.id, 0)?;
            for item in &session.agenda {
                self.new_id(&mut agenda, "Talking point", item.id)?;
                self.in_range("Talking point", item.id, 1)?;
            }
            for item in &session.action_items {
                self.new_id(&mut actions, "Action item", item.id)?;
                self.in_range("Action item", item.id, 2)?;
            }
            for entry in &session.feedback {
                self.new_id(&mut feedback, "Feedback entry", entry.id)?;
                self.in_range("Feedback entry", entry.id, 3)?;
            }
        }
        for session in &mut doc.sessions {
            let place = format!("One-on-one {}", session.id);
            self.reference(
                &place,
                "personId",
                &people,
                "person",
                Some(session.person_id),
            )?;
            self.day(&place, "date", &session.date)?;
            self.at(&place, validate::notes("notes", &session.notes))?;
            self.score(&place, "mood", session.mood, 1, 5)?;
            self.score(&place, "workload", session.workload, 1, 5)?;
            let mut ranks = HashSet::new();
            for item in &mut session.agenda {
                let place = format!("Talking point {}", item.id);
                self.rank(
                    &place,
                    &item.rank,
                    &mut ranks,
                    "talking point of its one-on-one",
                )?;
                item.text = self.at(
                    &place,
                    validate::text(
                        "text",
                        "talking point",
                        &item.text,
                        validate::MAX_TITLE_CHARS,
                    ),
                )?;
                self.one_of(
                    &place,
                    "status",
                    &item.status,
                    AgendaStatus::parse(&item.status).is_some(),
                    "open, discussed, carried",
                )?;
                self.reference(
                    &place,
                    "carriedFrom",
                    &agenda,
                    "talking point",
                    item.carried_from,
                )?;
                self.reference(
                    &place,
                    "actionItemId",
                    &actions,
                    "action item",
                    item.action_item_id,
                )?;
                self.reference(&place, "cardId", &cards, "card", item.card_id)?;
            }
            for item in &mut session.action_items {
                let place = format!("Action item {}", item.id);
                item.text = self.at(
                    &place,
                    validate::text("text", "action item", &item.text, validate::MAX_TITLE_CHARS),
                )?;
                self.one_of(
                    &place,
                    "owner",
                    &item.owner,
                    Owner::parse(&item.owner).is_some(),
                    "lead, person",
                )?;
                if let Some(due) = &item.due {
                    self.day(&place, "due date", due)?;
                }
                self.reference(&place, "cardId", &cards, "card", item.card_id)?;
            }
            for entry in &mut session.feedback {
                let place = format!("Feedback entry {}", entry.id);
                self.one_of(
                    &place,
                    "kind",
                    &entry.kind,
                    FeedbackKind::parse(&entry.kind).is_some(),
                    "praise, constructive",
                )?;
                for (field, value) in [
                    ("situation", &mut entry.situation),
                    ("behaviour", &mut entry.behaviour),
                    ("impact", &mut entry.impact),
                ] {
                    *value = self.at(
                        &place,
                        validate::paragraph(field, field, value, validate::MAX_FEEDBACK_CHARS),
                    )?;
                }
            }
        }

        let mut templates = Ids::default();
        let mut names = HashSet::new();
        for template in &mut doc.agenda_templates {
            self.new_id(&mut templates, "Agenda template", template.id)?;
            let place = format!("Agenda template {}", template.id);
            template.name = self.at(
                &place,
                validate::name("name", "template name", &template.name),
            )?;
            // The name is unique ignoring ASCII case (COLLATE NOCASE).
            if !names.insert(template.name.to_ascii_lowercase()) {
                return Err(self.fail(format!(
                    "{place}: another template is called \u{201c}{}\u{201d}.",
                    template.name
                )));
            }
            if template.items.is_empty() || template.items.len() > validate::MAX_TEMPLATE_ITEMS {
                return Err(self.fail(format!(
                    "{place}: a template has 1 to {} talking points; this one has {}.",
                    validate::MAX_TEMPLATE_ITEMS,
                    template.items.len()
                )));
            }
            for item in &mut template.items {
                *item = self.at(
                    &place,
                    validate::text("items", "talking point", item, validate::MAX_TITLE_CHARS),
                )?;
            }
        }
        Ok(())
    }
}

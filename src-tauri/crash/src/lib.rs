//! Crash consistency of Teamlead's storage.
//!
//! `crash-writer DB SEED` opens a `Store` on `DB` and writes through the core in a loop
//! (cards created, renamed, moved and described, one-on-one notes saved, talking points
//! added), printing each write before it calls the core (`begin`) and, flushed, only after the
//! call returned `Ok` (`ok`). [`run`] starts it, kills it with SIGKILL at a random moment,
//! then, on the same file: SQLite's integrity check must say `ok`, `Store::open` must succeed,
//! and every acknowledged write must be there with the content it was acknowledged with. The
//! one write in flight at the kill (`begin` without `ok`) may have happened or not, wholly.
//! Then the next cycle starts the writer again on that file.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub use teamlead_core::plan::gen::Rng;
use teamlead_core::Store;

/// A write the writer makes. Texts hold no tab and no line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    CreateCard { column: i64, title: String },
    RenameCard { card: i64, title: String },
    MoveCard { card: i64, column: i64 },
    Describe { card: i64, text: String },
    SaveNotes { session: i64, text: String },
    AddTalkingPoint { session: i64, text: String },
}

/// One line of the writer's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// Set up: the board's columns and the one-on-one it writes in exist.
    Ready,
    /// About to call the core.
    Begin(Op),
    /// The call returned `Ok`; the id of the row it wrote.
    Ok(i64),
}

impl Line {
    pub fn render(&self) -> String {
        match self {
            Line::Ready => "ready".to_owned(),
            Line::Ok(id) => format!("ok\t{id}"),
            Line::Begin(op) => {
                let (kind, target, value) = match op {
                    Op::CreateCard { column, title } => ("create", column, title.clone()),
                    Op::RenameCard { card, title } => ("rename", card, title.clone()),
                    Op::MoveCard { card, column } => ("move", card, column.to_string()),
                    Op::Describe { card, text } => ("describe", card, text.clone()),
                    Op::SaveNotes { session, text } => ("notes", session, text.clone()),
                    Op::AddTalkingPoint { session, text } => ("agenda", session, text.clone()),
                };
                format!("begin\t{kind}\t{target}\t{value}")
            }
        }
    }

    pub fn parse(line: &str) -> Option<Line> {
        let mut fields = line.split('\t');
        match fields.next()? {
            "ready" => Some(Line::Ready),
            "ok" => Some(Line::Ok(fields.next()?.parse().ok()?)),
            "begin" => {
                let kind = fields.next()?;
                let target: i64 = fields.next()?.parse().ok()?;
                let value = fields.next()?.to_owned();
                let op = match kind {
                    "create" => Op::CreateCard {
                        column: target,
                        title: value,
                    },
                    "rename" => Op::RenameCard {
                        card: target,
                        title: value,
                    },
                    "move" => Op::MoveCard {
                        card: target,
                        column: value.parse().ok()?,
                    },
                    "describe" => Op::Describe {
                        card: target,
                        text: value,
                    },
                    "notes" => Op::SaveNotes {
                        session: target,
                        text: value,
                    },
                    "agenda" => Op::AddTalkingPoint {
                        session: target,
                        text: value,
                    },
                    _ => return None,
                };
                Some(Line::Begin(op))
            }
            _ => None,
        }
    }
}

/// A card as the writer leaves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardState {
    pub column: i64,
    pub title: String,
    pub description: String,
}

/// The writer's data: what the acknowledged writes made, or what a database holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Data {
    pub cards: BTreeMap<i64, CardState>,
    /// Notes by one-on-one; only those ever written (new ones have none).
    pub notes: BTreeMap<i64, String>,
    /// Talking points: their one-on-one and text.
    pub talking_points: BTreeMap<i64, (i64, String)>,
}

impl Data {
    /// What the database holds, read with plain SQL.
    pub fn read(store: &Store) -> rusqlite::Result<Data> {
        let conn = store.conn();
        let mut data = Data::default();
        let mut cards = conn.prepare("SELECT id, column_id, title, description FROM cards")?;
        for row in cards.query_map([], |r| {
            let state = CardState {
                column: r.get(1)?,
                title: r.get(2)?,
                description: r.get(3)?,
            };
            Ok((r.get(0)?, state))
        })? {
            let (id, state) = row?;
            data.cards.insert(id, state);
        }
        let mut notes = conn.prepare("SELECT id, notes FROM one_on_ones WHERE notes <> ''")?;
        for row in notes.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (id, text) = row?;
            data.notes.insert(id, text);
        }
        let mut points = conn.prepare("SELECT id, session_id, text FROM agenda_items")?;
        for row in points.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))? {
            let (id, point) = row?;
            data.talking_points.insert(id, point);
        }
        Ok(data)
    }

    /// The data after `op` wrote the row `id`.
    pub fn apply(&mut self, op: &Op, id: i64) {
        match op {
            Op::CreateCard { column, title } => {
                self.cards.insert(
                    id,
                    CardState {
                        column: *column,
                        title: title.clone(),
                        description: String::new(),
                    },
                );
            }
            Op::RenameCard { title, .. } => {
                if let Some(card) = self.cards.get_mut(&id) {
                    card.title = title.clone();
                }
            }
            Op::MoveCard { column, .. } => {
                if let Some(card) = self.cards.get_mut(&id) {
                    card.column = *column;
                }
            }
            Op::Describe { text, .. } => {
                if let Some(card) = self.cards.get_mut(&id) {
                    card.description = text.clone();
                }
            }
            Op::SaveNotes { text, .. } => {
                self.notes.insert(id, text.clone());
            }
            Op::AddTalkingPoint { session, text } => {
                self.talking_points.insert(id, (*session, text.clone()));
            }
        }
    }

    /// How `found` differs from `self`, in a few lines.
    pub fn differences(&self, found: &Data) -> String {
        fn compare<V: std::fmt::Debug + PartialEq>(
            what: &str,
            expected: &BTreeMap<i64, V>,
            found: &BTreeMap<i64, V>,
            out: &mut Vec<String>,
        ) {
            for (id, value) in expected {
                match found.get(id) {
                    None => out.push(format!("{what} {id} is missing; expected {value:.80?}")),
                    Some(other) if other != value => out.push(format!(
                        "{what} {id}: expected {value:.80?}, found {other:.80?}"
                    )),
                    Some(_) => {}
                }
            }
            for (id, value) in found {
                if !expected.contains_key(id) {
                    out.push(format!("{what} {id} was never acknowledged: {value:.80?}"));
                }
            }
        }
        let mut out = Vec::new();
        compare("card", &self.cards, &found.cards, &mut out);
        compare("notes of one-on-one", &self.notes, &found.notes, &mut out);
        compare(
            "talking point",
            &self.talking_points,
            &found.talking_points,
            &mut out,
        );
        let more = out.len().saturating_sub(5);
        out.truncate(5);
        if more > 0 {
            out.push(format!("and {more} more"));
        }
        out.join("\n")
    }
}

/// Checks what the database holds (`found`) against the acknowledged writes (`acknowledged`):
/// equal, or equal once the write in flight at the kill is added. On success, `acknowledged`
/// becomes what the database holds, the write in flight included if it happened.
pub fn verify(acknowledged: &mut Data, in_flight: Option<&Op>, found: &Data) -> Result<(), String> {
    if found == acknowledged {
        return Ok(());
    }
    if let Some(op) = in_flight {
        let id = match op {
            Op::CreateCard { .. } => new_id(&acknowledged.cards, &found.cards),
            Op::AddTalkingPoint { .. } => {
                new_id(&acknowledged.talking_points, &found.talking_points)
            }
            Op::RenameCard { card, .. } | Op::MoveCard { card, .. } | Op::Describe { card, .. } => {
                Some(*card)
            }
            Op::SaveNotes { session, .. } => Some(*session),
        };
        if let Some(id) = id {
            let mut done = acknowledged.clone();
            done.apply(op, id);
            if &done == found {
                *acknowledged = done;
                return Ok(());
            }
        }
    }
    Err(acknowledged.differences(found))
}

/// The one id `found` has and `known` has not.
fn new_id<V>(known: &BTreeMap<i64, V>, found: &BTreeMap<i64, V>) -> Option<i64> {
    let mut new = found.keys().filter(|id| !known.contains_key(id));
    match (new.next(), new.next()) {
        (Some(id), None) => Some(*id),
        _ => None,
    }
}

/// How a run goes.
#[derive(Debug, Clone)]
pub struct Config {
    /// The `crash-writer` program.
    pub writer: PathBuf,
    pub cycles: u32,
    pub seed: u64,
    /// Most kills come at a random time within this many ms after the writer is set up...
    pub kill_window_ms: u64,
    /// ...but this share of them (in percent) within the time the writer last took to set
    /// up, from its start: so they land while it opens the store, migrates and sets up.
    pub from_start_percent: u64,
    /// Extra arguments for the writer.
    pub writer_args: Vec<String>,
}

/// What a run saw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub cycles: u32,
    /// Writes acknowledged before a kill, each found with its content afterwards.
    pub acknowledged: u64,
    /// Kills that came between a write's `begin` and its `ok`.
    pub kills_during_a_write: u32,
    /// Of those, how many writes turned out to have happened.
    pub in_flight_done: u32,
    /// Kills before the writer was set up (opening the store, migrating, setting up).
    pub kills_during_start: u32,
    /// The database's size at the end, in bytes.
    pub database_bytes: u64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} cycles, {} acknowledged writes checked, {} kills during a write ({} of them \
             had committed), {} kills during start-up, database {} KiB",
            self.cycles,
            self.acknowledged,
            self.kills_during_a_write,
            self.in_flight_done,
            self.kills_during_start,
            self.database_bytes / 1024
        )
    }
}

/// Passes on what the writer prints, whole lines only: a line cut by the kill was never
/// printed.
fn forward_lines(stdout: impl Read, to: mpsc::Sender<String>) {
    let mut reader = BufReader::new(stdout);
    let mut buffer = Vec::new();
    while reader.read_until(b'\n', &mut buffer).unwrap_or(0) > 0 {
        if buffer.last() == Some(&b'\n') {
            buffer.pop();
            if to
                .send(String::from_utf8_lossy(&buffer).into_owned())
                .is_err()
            {
                return;
            }
        }
        buffer.clear();
    }
}

/// Longest a writer may take to set up before the kill comes anyway.
const SET_UP_LIMIT: Duration = Duration::from_secs(30);

/// Runs `config.cycles` cycles on the database `db`; the error says which cycle failed and
/// why, with the seed to run it again.
pub fn run(config: &Config, db: &Path) -> Result<Summary, String> {
    let mut rng = Rng::new(config.seed);
    let mut acknowledged = Data::default();
    let mut summary = Summary::default();
    // How long the writer took to set up, last time it was seen.
    let mut set_up_ms = config.kill_window_ms;
    for cycle in 1..=config.cycles {
        let fail = |why: String| format!("seed {}, cycle {cycle}: {why}", config.seed);
        let writer_seed = rng.next_u64();
        let from_start = rng.chance(config.from_start_percent);
        let window = if from_start {
            set_up_ms
        } else {
            config.kill_window_ms
        };
        let delay = Duration::from_millis(rng.below(window + 1));
        let mut child = Command::new(&config.writer)
            .arg(db)
            .arg(writer_seed.to_string())
            .args(&config.writer_args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| fail(format!("cannot start {}: {e}", config.writer.display())))?;
        let started = Instant::now();
        let stdout = child.stdout.take().expect("piped");
        let (sender, printed) = mpsc::channel();
        let reader = std::thread::spawn(move || forward_lines(stdout, sender));
        let mut lines = Vec::new();
        if !from_start {
            while let Ok(line) =
                printed.recv_timeout(SET_UP_LIMIT.saturating_sub(started.elapsed()))
            {
                let ready = line == Line::Ready.render();
                lines.push(line);
                if ready {
                    set_up_ms = started.elapsed().as_millis() as u64;
                    break;
                }
            }
        }
        std::thread::sleep(delay);
        // SIGKILL: nothing of the writer runs after it, no destructor, no flush.
        let _ = child.kill();
        let status = child.wait().map_err(|e| fail(e.to_string()))?;
        reader
            .join()
            .map_err(|_| fail("reading its output".into()))?;
        lines.extend(printed.try_iter());
        if status.signal() != Some(9) {
            let mut stderr = String::new();
            if let Some(mut err) = child.stderr.take() {
                let _ = err.read_to_string(&mut stderr);
            }
            return Err(fail(format!(
                "the writer stopped before it was killed ({status}): {}",
                stderr.trim()
            )));
        }

        let mut in_flight: Option<Op> = None;
        let mut ready = false;
        for (number, text) in lines.iter().enumerate() {
            let line = Line::parse(text).ok_or_else(|| {
                fail(format!("line {} is not understood: {text:.80}", number + 1))
            })?;
            match line {
                Line::Ready => ready = true,
                Line::Begin(op) => {
                    if in_flight.is_some() {
                        return Err(fail(format!(
                            "line {}: a write began before the last ended",
                            number + 1
                        )));
                    }
                    in_flight = Some(op);
                }
                Line::Ok(id) => {
                    let op = in_flight
                        .take()
                        .ok_or_else(|| fail(format!("line {}: ok without a write", number + 1)))?;
                    acknowledged.apply(&op, id);
                    summary.acknowledged += 1;
                }
            }
        }
        if !ready {
            summary.kills_during_start += 1;
        }
        if in_flight.is_some() {
            summary.kills_during_a_write += 1;
        }

        if !db.exists() {
            // Killed before it made the file: there is nothing to check yet.
            if acknowledged != Data::default() {
                return Err(fail("the database file is gone".into()));
            }
            summary.cycles = cycle;
            continue;
        }
        let integrity = integrity_check(db).map_err(&fail)?;
        if integrity != "ok" {
            return Err(fail(format!("the integrity check says: {integrity}")));
        }
        let store =
            Store::open(db).map_err(|e| fail(format!("the store does not open again: {e}")))?;
        let found = Data::read(&store).map_err(|e| fail(e.to_string()))?;
        let before = acknowledged.clone();
        verify(&mut acknowledged, in_flight.as_ref(), &found).map_err(|why| {
            fail(format!(
                "the database does not hold what was acknowledged:\n{why}"
            ))
        })?;
        if in_flight.is_some() && acknowledged != before {
            summary.in_flight_done += 1;
        }
        summary.cycles = cycle;
    }
    summary.database_bytes = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    Ok(summary)
}

/// `PRAGMA integrity_check` on a connection of its own, before the store opens the file.
fn integrity_check(db: &Path) -> Result<String, String> {
    let conn = rusqlite::Connection::open(db).map_err(|e| e.to_string())?;
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .map_err(|e| e.to_string())?;
    Ok(rows.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(column: i64, title: &str) -> CardState {
        CardState {
            column,
            title: title.into(),
            description: String::new(),
        }
    }

    fn data(cards: &[(i64, CardState)]) -> Data {
        Data {
            cards: cards.iter().cloned().collect(),
            ..Data::default()
        }
    }

    #[test]
    fn lines_read_back_as_written() {
        let lines = [
            Line::Ready,
            Line::Ok(42),
            Line::Begin(Op::CreateCard {
                column: 3,
                title: "c-1f-0".into(),
            }),
            Line::Begin(Op::MoveCard { card: 7, column: 2 }),
            Line::Begin(Op::SaveNotes {
                session: 1,
                text: "n-1f-3 n-1f-3".into(),
            }),
        ];
        for line in lines {
            assert_eq!(Line::parse(&line.render()), Some(line.clone()), "{line:?}");
        }
        assert_eq!(Line::parse("ok\t"), None);
        assert_eq!(Line::parse("begin\tfly\t1\tx"), None);
    }

    #[test]
    fn the_database_must_hold_every_acknowledged_write() {
        let mut acknowledged = data(&[(1, card(1, "a")), (2, card(1, "b"))]);
        let lost = data(&[(1, card(1, "a"))]);
        let error = verify(&mut acknowledged.clone(), None, &lost).unwrap_err();
        assert_eq!(
            error,
            "card 2 is missing; expected CardState { column: 1, title: \"b\", description: \"\" }"
        );
        let stale = data(&[(1, card(1, "a")), (2, card(2, "b"))]);
        let error = verify(&mut acknowledged.clone(), None, &stale).unwrap_err();
        assert!(
            error.starts_with("card 2: expected CardState { column: 1"),
            "{error}"
        );
        let phantom = data(&[(1, card(1, "a")), (2, card(1, "b")), (3, card(1, "c"))]);
        let error = verify(&mut acknowledged, None, &phantom).unwrap_err();
        assert!(
            error.starts_with("card 3 was never acknowledged"),
            "{error}"
        );
    }

    #[test]
    fn the_write_in_flight_happened_wholly_or_not_at_all() {
        let acknowledged = data(&[(1, card(1, "a"))]);
        let create = Op::CreateCard {
            column: 2,
            title: "b".into(),
        };
        // Not done: nothing changes.
        let mut model = acknowledged.clone();
        verify(&mut model, Some(&create), &acknowledged).unwrap();
        assert_eq!(model, acknowledged);
        // Done: the model takes the new card, under the id the database gave it.
        let done = data(&[(1, card(1, "a")), (5, card(2, "b"))]);
        verify(&mut model, Some(&create), &done).unwrap();
        assert_eq!(model, done);
        // Half done (another column) is neither.
        let half = data(&[(1, card(1, "a")), (5, card(1, "b"))]);
        let mut model = acknowledged.clone();
        assert!(verify(&mut model, Some(&create), &half).is_err());
        // A rename in flight may be there; another write may not.
        let rename = Op::RenameCard {
            card: 1,
            title: "z".into(),
        };
        let renamed = data(&[(1, card(1, "z"))]);
        verify(&mut model.clone(), Some(&rename), &renamed).unwrap();
        let moved = data(&[(1, card(3, "a"))]);
        assert!(verify(&mut model, Some(&rename), &moved).is_err());
    }
}

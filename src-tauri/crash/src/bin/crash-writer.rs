//! `crash-writer DB SEED [--ack-without-writing]`: writes to the Teamlead database `DB`
//! through the core until it is killed, printing each write before the call (`begin`) and
//! after it returned `Ok` (`ok`), one flushed line each. The writes are drawn from `SEED`.
//!
//! `--ack-without-writing` acknowledges a write it never makes and then waits: the harness
//! must catch it (its own test).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use teamlead_core::journal::NewSession;
use teamlead_core::{CardId, ColumnId, NewMember, Placement, SessionId, Store};
use teamlead_crash::{Line, Op, Rng};

/// A writer nobody killed stops by itself, so none is left behind.
const LIFETIME: Duration = Duration::from_secs(120);

fn say(line: &Line) {
    let mut out = std::io::stdout().lock();
    // One write of the whole line, then flushed: the harness reads whole lines only.
    let text = format!("{}\n", line.render());
    out.write_all(text.as_bytes()).expect("stdout");
    out.flush().expect("stdout");
}

/// The board, team member and one-on-one the writes go to, made on the first run. Each is
/// one transaction, so a kill in between leaves what the next run completes.
fn set_up(store: &mut Store) -> teamlead_core::Result<(Vec<ColumnId>, SessionId)> {
    let board = match store.list_boards()?.first() {
        Some(board) => board.id,
        None => {
            store
                .create_board("Crash", &["To do", "Doing", "Done"])?
                .board
                .id
        }
    };
    let member = match store.list_members()?.first() {
        Some(member) => member.id,
        None => store.create_member(&NewMember {
            name: "Ana".into(),
            role: String::new(),
            skills: vec![],
        })?,
    };
    let existing: Option<i64> =
        store
            .conn()
            .query_row("SELECT min(id) FROM one_on_ones", [], |row| row.get(0))?;
    let session = match existing {
        Some(id) => SessionId(id),
        None => {
            let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
            store.create_session(member, NewSession::on(day))?.id
        }
    };
    let columns = store
        .conn()
        .prepare("SELECT id FROM columns WHERE board_id = ?1 ORDER BY rank")?
        .query_map([board.0], |row| Ok(ColumnId(row.get(0)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((columns, session))
}

fn card_ids(store: &Store) -> rusqlite::Result<Vec<CardId>> {
    store
        .conn()
        .prepare("SELECT id FROM cards ORDER BY id")?
        .query_map([], |row| Ok(CardId(row.get(0)?)))?
        .collect()
}

/// Words up to `len` characters, unique to this write, no whitespace at either end.
fn text(prefix: &str, seed: u64, n: u64, len: u64) -> String {
    let word = format!("{prefix}-{seed:x}-{n}");
    let mut out = word.clone();
    while (out.len() as u64) < len {
        out.push(' ');
        out.push_str(&word);
    }
    out
}

fn choose(
    rng: &mut Rng,
    seed: u64,
    n: u64,
    columns: &[ColumnId],
    cards: &[CardId],
    session: SessionId,
) -> Op {
    let column = rng.pick(columns).0;
    let roll = rng.below(100);
    if cards.is_empty() || roll < 20 {
        return Op::CreateCard {
            column,
            title: text("c", seed, n, 0),
        };
    }
    let card = rng.pick(cards).0;
    match roll {
        20..40 => Op::RenameCard {
            card,
            title: text("r", seed, n, 0),
        },
        40..60 => Op::MoveCard { card, column },
        60..75 => Op::Describe {
            card,
            text: text("d", seed, n, rng.below(1500)),
        },
        75..90 => Op::SaveNotes {
            session: session.0,
            text: text("n", seed, n, rng.below(16_000)),
        },
        _ => Op::AddTalkingPoint {
            session: session.0,
            text: text("a", seed, n, 0),
        },
    }
}

fn apply(store: &mut Store, op: &Op) -> teamlead_core::Result<i64> {
    Ok(match op {
        Op::CreateCard { column, title } => store.create_card(ColumnId(*column), title)?.id.0,
        Op::RenameCard { card, title } => store.rename_card(CardId(*card), title)?.id.0,
        Op::MoveCard { card, column } => {
            let to = Placement {
                column: ColumnId(*column),
                after: None,
            };
            store.move_card(CardId(*card), to)?;
            *card
        }
        Op::Describe { card, text } => store.set_description(CardId(*card), text)?.id.0,
        Op::SaveNotes { session, text } => {
            store.save_session_notes(SessionId(*session), text)?;
            *session
        }
        Op::AddTalkingPoint { session, text } => {
            store.add_agenda_item(SessionId(*session), text)?.id.0
        }
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(db), Some(Ok(seed))) = (args.first(), args.get(1).map(|s| s.parse::<u64>())) else {
        eprintln!("usage: crash-writer DB SEED [--ack-without-writing]");
        return ExitCode::from(2);
    };
    let lie = args.get(2).is_some_and(|a| a == "--ack-without-writing");
    let mut store = match Store::open(&PathBuf::from(db)) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("crash-writer: cannot open {db}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (columns, session) = match set_up(&mut store) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("crash-writer: cannot set up: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut cards: Vec<CardId> = match card_ids(&store) {
        Ok(ids) => ids,
        Err(e) => {
            eprintln!("crash-writer: cannot read the cards: {e}");
            return ExitCode::FAILURE;
        }
    };
    say(&Line::Ready);
    let mut rng = Rng::new(seed);
    if lie {
        let op = Op::SaveNotes {
            session: session.0,
            text: text("never-written", seed, 0, 0),
        };
        say(&Line::Begin(op));
        say(&Line::Ok(session.0));
        std::thread::sleep(LIFETIME);
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    for n in 0.. {
        if started.elapsed() > LIFETIME {
            eprintln!("crash-writer: nobody stopped me");
            return ExitCode::FAILURE;
        }
        let op = choose(&mut rng, seed, n, &columns, &cards, session);
        say(&Line::Begin(op.clone()));
        match apply(&mut store, &op) {
            Ok(id) => {
                say(&Line::Ok(id));
                if matches!(op, Op::CreateCard { .. }) {
                    cards.push(CardId(id));
                }
            }
            Err(e) => {
                eprintln!("crash-writer: {} failed: {e}", Line::Begin(op).render());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

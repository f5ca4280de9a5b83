//! Metrics and report benchmarks on a year of history: 20,000 cards, 50 people and 200,000
//! events, made with a fixed seed. Prints
//! `bench P8m metrics ms=... target=200` (read the history, every metric and the radar over
//! the year) and `bench P8 report ms=... target=1500 (html ... ms, pdf ... ms)` (the report
//! of the last two weeks, built and written as HTML and as PDF).

use std::time::{Duration, Instant};

use rusqlite::{params, Connection};
use teamlead_core::metrics::{self, Calendar, Period, DAY_MS};
use teamlead_core::radar::{radar, RadarConfig, RadarInput};
use teamlead_core::report::{self, ReportOptions};
use teamlead_core::store::configure;
use teamlead_core::{BoardId, Clock, Store};

const CARDS: usize = 20_000;
const PEOPLE: usize = 50;
const EVENTS_PER_CARD: usize = 10;
/// 2026-03-13 16:00 UTC.
const NOW: i64 = 1_773_417_600_000;
const SKILLS: &[&str] = &[
    "Rust",
    "SQL",
    "TypeScript",
    "Kubernetes",
    "Testing",
    "Design",
];

/// A small, fixed-seed generator (SplitMix64), so every run builds the same history.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Fills the database with a year of one board's history, straight through one transaction.
fn generate(path: &std::path::Path) -> BoardId {
    let mut store = Store::open(path)
        .unwrap()
        .with_clock(Clock::fixed(NOW - 366 * DAY_MS));
    let view = store
        .create_board(
            "Year",
            &["Backlog", "To do", "In progress", "Review", "Done"],
        )
        .unwrap();
    let columns: Vec<i64> = view.columns.iter().map(|c| c.id.0).collect();
    drop(store);
    let mut conn = Connection::open(path).unwrap();
    configure(&conn).unwrap();
    let tx = conn.transaction().unwrap();
    let mut rng = Rng(0x7EA4_1EAD);
    for p in 0..PEOPLE {
        tx.execute(
            "INSERT INTO members (id, name, role, created_at) VALUES (?1, ?2, 'Engineer', 0)",
            params![p as i64 + 1, format!("Person {p:02}")],
        )
        .unwrap();
        for (s, skill) in SKILLS.iter().enumerate() {
            if (p + s) % 3 == 0 || (s == 5 && p == 7) {
                tx.execute(
                    "INSERT INTO member_skills (member_id, skill, level) VALUES (?1, ?2, ?3)",
                    params![p as i64 + 1, skill, 1 + rng.below(5) as i64],
                )
                .unwrap();
            }
        }
    }
    let hour = DAY_MS / 24;
    let mut card_stmt = tx
        .prepare(
            "INSERT INTO cards (id, column_id, rank, title, assignee_id, estimate_centi,
                                created_at, updated_at, due_date, blocked_reason, blocked_since)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )
        .unwrap();
    let mut event_stmt = tx
        .prepare(
            "INSERT INTO card_events (card_id, kind, from_column_id, to_column_id, member_id, detail, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .unwrap();
    for i in 0..CARDS {
        let id = i as i64 + 1;
        let created = NOW - 365 * DAY_MS + (rng.below(365 * 24) as i64) * hour;
        let member = 1 + rng.below(PEOPLE as u64) as i64;
        // created, assigned, to do, in progress, blocked, unblocked, review, back, review, done
        let mut t = created;
        let mut step = |rng: &mut Rng, max_hours: u64| {
            t += (1 + rng.below(max_hours) as i64) * hour;
            t
        };
        let plan: Vec<(&str, Option<usize>, Option<usize>, i64)> = vec![
            ("created", None, Some(0), created),
            ("assigned", None, None, step(&mut rng, 4)),
            ("moved", Some(0), Some(1), step(&mut rng, 48)),
            ("moved", Some(1), Some(2), step(&mut rng, 72)),
            ("blocked", None, None, step(&mut rng, 24)),
            ("unblocked", None, None, step(&mut rng, 24)),
            ("moved", Some(2), Some(3), step(&mut rng, 48)),
            ("moved", Some(3), Some(2), step(&mut rng, 12)),
            ("moved", Some(2), Some(3), step(&mut rng, 24)),
            ("moved", Some(3), Some(4), step(&mut rng, 24)),
        ];
        // Events that would be in the future did not happen yet: the card is renamed instead,
        // so every card has ten events.
        let mut column = 0;
        let mut blocked = None;
        let mut events = Vec::with_capacity(EVENTS_PER_CARD);
        for (kind, from, to, at) in &plan {
            let (kind, from, to, at) = if *at > NOW {
                ("renamed", None, None, created)
            } else {
                (*kind, *from, *to, *at)
            };
            if let Some(to) = to {
                column = to;
            }
            match kind {
                "blocked" => blocked = Some(at),
                "unblocked" => blocked = None,
                _ => {}
            }
            events.push((kind, from, to, at));
        }
        let due = (rng.below(10) < 3).then(|| {
            metrics::Calendar::utc()
                .date_of(created + (3 + rng.below(30) as i64) * DAY_MS)
                .to_string()
        });
        let estimate = (rng.below(10) < 8).then(|| 100 * [1, 2, 3, 5, 8][rng.below(5) as usize]);
        card_stmt
            .execute(params![
                id,
                columns[column],
                format!("a{id:07}"),
                format!("Card {id}: improve part {} of the system", id % 97),
                member,
                estimate,
                created,
                created,
                due,
                blocked.map(|_| "Waiting on another team"),
                blocked
            ])
            .unwrap();
        for (kind, from, to, at) in events {
            event_stmt
                .execute(params![
                    id,
                    kind,
                    from.map(|c| columns[c]),
                    to.map(|c| columns[c]),
                    (kind == "assigned").then_some(member),
                    (kind == "blocked").then_some("Waiting on another team"),
                    at
                ])
                .unwrap();
        }
    }
    drop(card_stmt);
    drop(event_stmt);
    tx.commit().unwrap();
    let events: i64 = conn
        .query_row("SELECT count(*) FROM card_events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(events as usize, CARDS * EVENTS_PER_CARD, "events");
    view.board.id
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("year.sqlite3");
    let start = Instant::now();
    let board = generate(&path);
    eprintln!(
        "generated a year of history in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let store = Store::open(&path).unwrap().with_clock(Clock::fixed(NOW));
    let calendar = Calendar::utc();
    let today = calendar.date_of(NOW);
    let year = Period::new(today - chrono::Duration::days(364), today).unwrap();

    let all_metrics = || {
        let history = store.board_history(board).unwrap();
        let flows = metrics::card_flows(&history, NOW);
        let m = metrics::compute(&history, &flows, year, NOW, &calendar);
        let risks = radar(&RadarInput {
            history: &history,
            flows: &flows,
            reference_p85: m.reference_p85,
            now: NOW,
            calendar,
            capacity: None,
            one_on_ones: &[],
            config: RadarConfig::default(),
        });
        (m, risks.len())
    };
    let (m, risks) = all_metrics();
    eprintln!(
        "a year: {} delivered, cycle p85 {:?} days, {} in progress, {} risks",
        m.delivered, m.cycle.p85, m.wip_now, risks
    );
    {
        let t = Instant::now();
        let history = store.board_history(board).unwrap();
        let read = t.elapsed();
        let t = Instant::now();
        let flows = metrics::card_flows(&history, NOW);
        let flowed = t.elapsed();
        let t = Instant::now();
        let m = metrics::compute(&history, &flows, year, NOW, &calendar);
        let computed = t.elapsed();
        let t = Instant::now();
        let _ = radar(&RadarInput {
            history: &history,
            flows: &flows,
            reference_p85: m.reference_p85,
            now: NOW,
            calendar,
            capacity: None,
            one_on_ones: &[],
            config: RadarConfig::default(),
        });
        eprintln!(
            "parts: read {:.1} ms, flows {:.1} ms, metrics {:.1} ms, radar {:.1} ms",
            ms(read),
            ms(flowed),
            ms(computed),
            ms(t.elapsed())
        );
    }
    let mut samples = Vec::new();
    for _ in 0..15 {
        let start = Instant::now();
        std::hint::black_box(all_metrics());
        samples.push(start.elapsed());
    }
    let p8m = median(&mut samples);

    let period = Period::last_two_weeks(today);
    let options = ReportOptions::default();
    let out = tempfile::tempdir().unwrap();
    let mut total = Vec::new();
    let mut html = Vec::new();
    let mut pdf = Vec::new();
    for round in 0..7 {
        let start = Instant::now();
        let model = store
            .report_model(board, period, NOW, calendar, &options)
            .unwrap();
        let built = start.elapsed();
        let t = Instant::now();
        report::write(&model, report::Format::Html, &out.path().join("r.html")).unwrap();
        let h = t.elapsed();
        let t = Instant::now();
        report::write(&model, report::Format::Pdf, &out.path().join("r.pdf")).unwrap();
        let p = t.elapsed();
        if round == 0 {
            eprintln!(
                "report of two weeks: {} delivered, {} in progress, {} risks, pdf {} KB",
                model.delivered.len(),
                model.in_progress.len(),
                model.risks.len(),
                std::fs::metadata(out.path().join("r.pdf")).unwrap().len() / 1024
            );
        }
        total.push(built + h + p);
        html.push(h);
        pdf.push(p);
    }
    println!("bench P8m metrics ms={:.1} target=200", ms(p8m));
    println!(
        "bench P8 report ms={:.1} target=1500 (html {:.1} ms, pdf {:.1} ms)",
        ms(median(&mut total)),
        ms(median(&mut html)),
        ms(median(&mut pdf))
    );
}

//! Journal search benchmark (P7): 100,000 entries (session notes, talking points, action items
//! and feedback of 30 people over 3,000 sessions), generated from a fixed seed with a work
//! vocabulary whose words are used unevenly, as in real notes. Runs 240 searches of one and
//! two words, common and rare, and prints
//! `bench P7 journal-search ms=<p95> target=20 (p50 <x> ms, 100000 entries)`.

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use rusqlite::params;
use teamlead_core::{NewMember, Store};

const PEOPLE: usize = 30;
const SESSIONS: usize = 3_000;
const ENTRIES: usize = 100_000;
const SEARCHES: usize = 240;

/// Common words first: a word's chance falls with its place in the list.
const VOCABULARY: &[&str] = &[
    "the",
    "and",
    "to",
    "of",
    "we",
    "a",
    "in",
    "is",
    "for",
    "on",
    "that",
    "with",
    "team",
    "it",
    "next",
    "work",
    "week",
    "review",
    "she",
    "he",
    "they",
    "about",
    "project",
    "release",
    "feedback",
    "sprint",
    "meeting",
    "plan",
    "goal",
    "time",
    "good",
    "needs",
    "more",
    "help",
    "design",
    "code",
    "test",
    "customer",
    "deadline",
    "priority",
    "support",
    "question",
    "discussed",
    "agreed",
    "follow",
    "update",
    "progress",
    "blocked",
    "waiting",
    "ticket",
    "backend",
    "frontend",
    "database",
    "migration",
    "deploy",
    "incident",
    "outage",
    "postmortem",
    "oncall",
    "rotation",
    "workload",
    "stress",
    "vacation",
    "holiday",
    "conference",
    "talk",
    "training",
    "course",
    "mentoring",
    "mentor",
    "pairing",
    "onboarding",
    "hiring",
    "interview",
    "promotion",
    "career",
    "growth",
    "ladder",
    "senior",
    "staff",
    "lead",
    "ownership",
    "initiative",
    "communication",
    "clarity",
    "estimate",
    "scope",
    "risk",
    "dependency",
    "architecture",
    "refactor",
    "performance",
    "latency",
    "memory",
    "cache",
    "queue",
    "api",
    "documentation",
    "runbook",
    "monitoring",
    "alerting",
    "dashboard",
    "metrics",
    "logging",
    "security",
    "audit",
    "compliance",
    "budget",
    "roadmap",
    "quarter",
    "okr",
    "retro",
    "demo",
    "stakeholder",
    "product",
    "manager",
    "designer",
    "qa",
    "kubernetes",
    "terraform",
    "rust",
    "typescript",
    "svelte",
    "sql",
    "postgres",
    "kafka",
    "grpc",
    "ci",
    "pipeline",
    "flaky",
    "coverage",
    "accessibility",
    "localization",
    "billing",
    "invoice",
    "payments",
    "search",
    "import",
    "export",
    "csv",
    "pdf",
    "mobile",
    "android",
    "ios",
    "browser",
    "bug",
    "regression",
    "hotfix",
    "rollback",
    "feature",
    "flag",
    "experiment",
    "analytics",
    "privacy",
    "gdpr",
    "résumé",
    "naïve",
    "café",
    "façade",
    "déjà",
    "coöperation",
    "appreciated",
    "thanked",
    "praised",
    "late",
    "missed",
    "forgot",
    "improved",
    "shipped",
    "delivered",
    "learned",
    "struggled",
    "confident",
    "motivated",
    "tired",
    "overloaded",
    "bored",
    "excited",
    "curious",
    "remote",
    "office",
    "timezone",
    "async",
    "standup",
    "calendar",
    "focus",
    "interruptions",
    "context",
    "switching",
    "burnout",
    "balance",
    "family",
    "health",
    "relocation",
    "visa",
    "salary",
    "bonus",
    "equity",
    "certification",
    "aws",
    "azure",
    "gcp",
    "linux",
    "sandbox",
    "threat",
    "model",
    "penetration",
    "vendor",
    "contract",
    "legal",
    "partner",
    "integration",
    "webhook",
    "retry",
    "backoff",
    "idempotent",
    "schema",
    "index",
    "vacuum",
    "replica",
    "failover",
    "backup",
    "restore",
    "disaster",
    "recovery",
    "capacity",
    "scaling",
    "cost",
    "savings",
    "spreadsheet",
    "presentation",
    "slides",
    "writing",
    "rfc",
    "proposal",
    "decision",
    "tradeoff",
    "consensus",
    "conflict",
    "disagreement",
    "escalation",
    "trust",
    "autonomy",
    "delegation",
    "visibility",
    "recognition",
    "impact",
    "situation",
    "behaviour",
];

/// A fixed-seed generator (SplitMix64): the same journal on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A word, common ones far more often than rare ones.
    fn word(&mut self) -> &'static str {
        let skewed = self.unit().powi(3);
        VOCABULARY[(skewed * VOCABULARY.len() as f64) as usize]
    }

    fn sentence(&mut self, min: usize, max: usize) -> String {
        let n = min + self.below(max - min + 1);
        let words: Vec<&str> = (0..n).map(|_| self.word()).collect();
        let mut text = words.join(" ");
        if let Some(first) = text.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        text
    }

    fn paragraph(&mut self, sentences: usize) -> String {
        (0..sentences)
            .map(|_| format!("{}.", self.sentence(6, 18)))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn build(store: &mut Store, random: &mut Random) {
    let people: Vec<_> = (0..PEOPLE)
        .map(|i| {
            store
                .create_member(&NewMember {
                    name: format!("Person {i}"),
                    role: "Engineer".into(),
                    skills: vec![],
                })
                .unwrap()
        })
        .collect();
    let first_day = NaiveDate::from_ymd_opt(2020, 1, 6).unwrap();
    store
        .write(|tx| {
            let mut sessions = Vec::with_capacity(SESSIONS);
            for i in 0..SESSIONS {
                let date = first_day
                    .checked_add_days(Days::new((i / PEOPLE) as u64 * 7))
                    .unwrap();
                let sentences = 2 + random.below(5);
                let notes = format!(
                    "## Notes\n\n{}\n\n- {}\n- {}",
                    random.paragraph(sentences),
                    random.sentence(4, 10),
                    random.sentence(4, 10)
                );
                tx.prepare_cached(
                    "INSERT INTO one_on_ones (member_id, date, notes, mood, workload, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 0)",
                )?
                .execute(params![
                    people[i % PEOPLE],
                    date,
                    notes,
                    1 + random.below(5) as i64,
                    1 + random.below(5) as i64
                ])?;
                sessions.push(tx.last_insert_rowid());
            }
            for i in 0..ENTRIES - SESSIONS {
                let session = sessions[random.below(SESSIONS)];
                match i % 3 {
                    0 => tx
                        .prepare_cached(
                            "INSERT INTO agenda_items (session_id, rank, text)
                             VALUES (?1, printf('%08d', ?2), ?3)",
                        )?
                        .execute(params![session, i as i64, random.sentence(3, 10)])?,
                    1 => tx
                        .prepare_cached(
                            "INSERT INTO action_items (session_id, text, owner, created_at)
                             VALUES (?1, ?2, 'person', 0)",
                        )?
                        .execute(params![session, random.sentence(4, 12)])?,
                    _ => tx
                        .prepare_cached(
                            "INSERT INTO feedback (session_id, kind, situation, behaviour, impact,
                                                   created_at)
                             VALUES (?1, 'praise', ?2, ?3, ?4, 0)",
                        )?
                        .execute(params![
                            session,
                            random.sentence(5, 15),
                            random.sentence(5, 15),
                            random.sentence(5, 15)
                        ])?,
                };
            }
            Ok(())
        })
        .unwrap();
}

fn queries(random: &mut Random) -> Vec<String> {
    (0..SEARCHES)
        .map(|i| {
            // Uniform over the vocabulary, so rare words are searched as often as common ones.
            let mut word = || VOCABULARY[random.below(VOCABULARY.len())];
            if i % 3 == 2 {
                format!("{} {}", word(), word())
            } else {
                word().to_owned()
            }
        })
        .collect()
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.sqlite3")).unwrap();
    let mut random = Random(0x7EA4_1EAD);
    let start = Instant::now();
    build(&mut store, &mut random);
    let entries: i64 = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM one_on_ones) + (SELECT count(*) FROM agenda_items)
                  + (SELECT count(*) FROM action_items) + (SELECT count(*) FROM feedback)",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(entries, ENTRIES as i64);
    eprintln!(
        "built {entries} entries in {:.1} s",
        start.elapsed().as_secs_f64()
    );

    let queries = queries(&mut random);
    // Warm the page cache and the prepared statements once.
    for query in queries.iter().take(20) {
        store.search_journal(query, None, 20).unwrap();
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut found = 0;
    for query in &queries {
        let start = Instant::now();
        let hits = store.search_journal(query, None, 20).unwrap();
        times.push(start.elapsed());
        found += hits.len();
    }
    assert!(found > 0);
    times.sort_unstable();
    let p50 = times[times.len() / 2];
    let p95 = times[times.len() * 95 / 100];
    eprintln!(
        "{} searches, {found} hits, slowest {:.2} ms",
        times.len(),
        millis(times[times.len() - 1])
    );
    println!(
        "bench P7 journal-search ms={:.2} target=20 (p50 {:.2} ms, {ENTRIES} entries)",
        millis(p95),
        millis(p50)
    );
}

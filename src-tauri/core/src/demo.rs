//! A demo team, so a first start shows a living board, and the blank start.

use crate::board::{insert_board, insert_card, set_assignee};
use crate::error::{Error, Result};
use crate::model::{BoardId, CardId, LabelColor, MemberId, NewMember, Priority, Skill};
use crate::store::{Store, Tx};
use crate::team::insert_member;

struct DemoPerson {
    name: &'static str,
    role: &'static str,
    skills: &'static [(&'static str, u8)],
    /// Story points a week.
    capacity: u32,
}

const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        name: "Ana Souza",
        role: "Senior backend engineer",
        skills: &[("Rust", 5), ("SQL", 4), ("Observability", 3)],
        capacity: 8,
    },
    DemoPerson {
        name: "Bea Lindqvist",
        role: "Backend engineer",
        skills: &[("Rust", 4), ("Kubernetes", 3), ("SQL", 2)],
        capacity: 8,
    },
    DemoPerson {
        name: "Chidi Okafor",
        role: "Frontend engineer",
        skills: &[("TypeScript", 5), ("Svelte", 4), ("Accessibility", 3)],
        capacity: 10,
    },
    DemoPerson {
        name: "Dana Kowalski",
        role: "Site reliability engineer",
        skills: &[("Kubernetes", 5), ("Observability", 4), ("Rust", 2)],
        capacity: 8,
    },
    DemoPerson {
        name: "Eitan Levi",
        role: "Junior engineer",
        skills: &[("TypeScript", 2), ("Rust", 1), ("SQL", 2)],
        capacity: 5,
    },
    DemoPerson {
        name: "Fatima Haddad",
        role: "QA engineer",
        skills: &[("Testing", 5), ("TypeScript", 3), ("Accessibility", 4)],
        capacity: 8,
    },
];

/// Time off: (index into PEOPLE, first and last day off, in days from today).
const TIME_OFF: &[(usize, i64, i64)] = &[(3, 8, 9)];

const COLUMNS: &[&str] = &["Backlog", "To do", "In progress", "Review", "Done"];

/// (column index, title, assignee index into PEOPLE)
const CARDS: &[(usize, &str, Option<usize>)] = &[
    (0, "Evaluate moving metrics storage to Parquet", None),
    (0, "Spike: streaming import for large customer files", None),
    (0, "Write runbook for database failover", Some(3)),
    (0, "Dark mode for the settings pages", None),
    (0, "Reduce flaky end-to-end tests below 1%", Some(5)),
    (0, "Upgrade TLS library and rotate certificates", None),
    (0, "Document the public API rate limits", None),
    (1, "Add retry with backoff to the webhook sender", Some(1)),
    (1, "Keyboard navigation for the data table", Some(2)),
    (
        1,
        "Alert when the job queue is older than 10 minutes",
        Some(3),
    ),
    (1, "Migrate user preferences to the new schema", Some(0)),
    (1, "Pair on first Rust ticket: CSV export endpoint", Some(4)),
    (1, "Test plan for the billing release", Some(5)),
    (2, "Rate limiter for the search API", Some(0)),
    (2, "Helm chart for the ingestion worker", Some(3)),
    (2, "Empty states for the reports page", Some(2)),
    (2, "Fix N+1 queries on the team dashboard", Some(1)),
    (2, "Regression suite for invoice PDFs", Some(5)),
    (
        2,
        "Form validation messages are read by screen readers",
        Some(4),
    ),
    (3, "Structured logging for the auth service", Some(0)),
    (3, "Pagination for the audit log", Some(1)),
    (3, "Chart tooltips show units", Some(2)),
    (4, "Upgrade the CI runners to the new image", Some(3)),
    (4, "Cache warm-up after deploys", Some(0)),
    (4, "Onboarding checklist for new joiners", Some(5)),
    (4, "Sort order persists on the projects list", Some(2)),
    (4, "Remove the legacy feature flags", Some(1)),
    (4, "Timeouts on outbound HTTP calls", Some(0)),
    (4, "Contrast fixes in the navigation bar", Some(4)),
    (4, "Nightly backup verification job", Some(3)),
];

/// The board's labels: (name, colour).
const LABELS: &[(&str, LabelColor)] = &[
    ("Bug", LabelColor::Vermillion),
    ("Customer", LabelColor::Orange),
    ("Feature", LabelColor::Blue),
    ("Tech debt", LabelColor::Grey),
];

/// Details for some cards, by index into CARDS: labels (indices into LABELS), priority,
/// due in days from today, required skills.
struct DemoDetail {
    card: usize,
    labels: &'static [usize],
    priority: Priority,
    due_in_days: Option<i64>,
    skills: &'static [(&'static str, u8)],
}

const DETAILS: &[DemoDetail] = &[
    DemoDetail {
        card: 1,
        labels: &[1, 2],
        priority: Priority::High,
        due_in_days: Some(12),
        skills: &[("Rust", 3)],
    },
    DemoDetail {
        card: 2,
        labels: &[],
        priority: Priority::Normal,
        due_in_days: None,
        skills: &[("Kubernetes", 3)],
    },
    DemoDetail {
        card: 4,
        labels: &[3],
        priority: Priority::High,
        due_in_days: None,
        skills: &[("Testing", 3)],
    },
    DemoDetail {
        card: 5,
        labels: &[3],
        priority: Priority::Urgent,
        due_in_days: Some(3),
        skills: &[("Rust", 3)],
    },
    DemoDetail {
        card: 7,
        labels: &[0],
        priority: Priority::High,
        due_in_days: Some(5),
        skills: &[("Rust", 3)],
    },
    DemoDetail {
        card: 8,
        labels: &[2],
        priority: Priority::Normal,
        due_in_days: None,
        skills: &[("TypeScript", 3), ("Accessibility", 2)],
    },
    DemoDetail {
        card: 9,
        labels: &[1],
        priority: Priority::Urgent,
        due_in_days: Some(-1),
        skills: &[("Observability", 3)],
    },
    DemoDetail {
        card: 13,
        labels: &[1],
        priority: Priority::High,
        due_in_days: Some(2),
        skills: &[("Rust", 4)],
    },
    DemoDetail {
        card: 14,
        labels: &[],
        priority: Priority::Normal,
        due_in_days: Some(6),
        skills: &[("Kubernetes", 4)],
    },
    DemoDetail {
        card: 16,
        labels: &[0],
        priority: Priority::High,
        due_in_days: Some(1),
        skills: &[("SQL", 3)],
    },
    DemoDetail {
        card: 17,
        labels: &[0, 1],
        priority: Priority::Normal,
        due_in_days: Some(9),
        skills: &[("Testing", 4)],
    },
    DemoDetail {
        card: 20,
        labels: &[3],
        priority: Priority::Low,
        due_in_days: None,
        skills: &[("Observability", 3)],
    },
    DemoDetail {
        card: 22,
        labels: &[0],
        priority: Priority::Low,
        due_in_days: None,
        skills: &[("TypeScript", 2)],
    },
];

/// (card index, description)
const DESCRIPTIONS: &[(usize, &str)] = &[
    (
        13,
        "Search is hammered by one customer's integration.\n\n\
         - token bucket per API key\n- `429` with `Retry-After`\n- metrics per key\n\n\
         See the **incident review** from last week.",
    ),
    (
        14,
        "The worker runs from a hand-written manifest today. Package it like the other services.",
    ),
    (
        9,
        "Page the on-call when the oldest job is older than **10 minutes** for 5 minutes.",
    ),
];

/// (card index, items and whether each is done)
const CHECKLISTS: &[(usize, &[(&str, bool)])] = &[
    (
        13,
        &[
            ("Design the limits", true),
            ("Implement the bucket", true),
            ("Load test", false),
            ("Document the headers", false),
        ],
    ),
    (
        25,
        &[
            ("Accounts and laptop", true),
            ("First week plan", true),
            ("Buddy assigned", true),
        ],
    ),
];

/// The card that starts blocked, and why.
const BLOCKED: (usize, &str) = (
    14,
    "Waiting for the cluster quota increase from the platform team",
);

const DEMO_POINTS: &[u32] = &[3, 1, 5, 2, 8, 3, 2, 5, 1, 3, 13];
pub const DEMO_IN_PROGRESS_LIMIT: u32 = 5;

pub const DEMO_BOARD_NAME: &str = "Platform team";
pub const FRESH_BOARD_NAME: &str = "My team";
pub const FRESH_COLUMNS: &[&str] = &["To do", "In progress", "Review", "Done"];

impl Store {
    /// Fills an empty workspace with the demo team and its board, in one transaction.
    pub fn seed_demo(&mut self) -> Result<BoardId> {
        self.ensure_empty()?;
        self.write(|tx| {
            let mut people = Vec::with_capacity(PEOPLE.len());
            for person in PEOPLE {
                let member = NewMember {
                    name: person.name.to_owned(),
                    role: person.role.to_owned(),
                    skills: person
                        .skills
                        .iter()
                        .map(|(skill, level)| Skill {
                            name: (*skill).to_owned(),
                            level: *level,
                        })
                        .collect(),
                };
                let id = insert_member(tx, &member)?;
                tx.prepare_cached("UPDATE members SET weekly_capacity_centi = ?2 WHERE id = ?1")?
                    .execute(rusqlite::params![id, person.capacity * 100])?;
                people.push(id);
            }
            let today = chrono::DateTime::from_timestamp_millis(tx.now)
                .map(|t| t.date_naive())
                .unwrap_or_default();
            for (person, from, to) in TIME_OFF {
                tx.prepare_cached(
                    "INSERT INTO time_off (member_id, start_date, end_date) VALUES (?1, ?2, ?3)",
                )?
                .execute(rusqlite::params![
                    people[*person],
                    today + chrono::Duration::days(*from),
                    today + chrono::Duration::days(*to)
                ])?;
            }
            let columns: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
            let (board, column_ids) = insert_board(tx, DEMO_BOARD_NAME, &columns)?;
            let mut card_ids = Vec::with_capacity(CARDS.len());
            for (index, (column, title, assignee)) in CARDS.iter().enumerate() {
                let card = insert_card(tx, column_ids[*column], title)?;
                card_ids.push(card);
                if let Some(person) = assignee {
                    set_assignee(tx, card, people[*person])?;
                }
                // Most cards estimated in story points; a few left open, as on a real board.
                if index % 7 != 3 {
                    let points = DEMO_POINTS[index % DEMO_POINTS.len()];
                    tx.prepare_cached("UPDATE cards SET estimate_centi = ?2 WHERE id = ?1")?
                        .execute(rusqlite::params![card, points * 100])?;
                }
            }
            let mut labels = Vec::with_capacity(LABELS.len());
            for (name, color) in LABELS {
                tx.prepare_cached("INSERT INTO labels (board_id, name, color) VALUES (?1, ?2, ?3)")?
                    .execute(rusqlite::params![board, name, color])?;
                labels.push(tx.last_insert_rowid());
            }
            for detail in DETAILS {
                let card = card_ids[detail.card];
                let due = detail
                    .due_in_days
                    .map(|days| today + chrono::Duration::days(days));
                tx.prepare_cached("UPDATE cards SET priority = ?2, due_date = ?3 WHERE id = ?1")?
                    .execute(rusqlite::params![card, detail.priority, due])?;
                for label in detail.labels {
                    tx.prepare_cached("INSERT INTO card_labels (card_id, label_id) VALUES (?1, ?2)")?
                        .execute(rusqlite::params![card, labels[*label]])?;
                }
                for (skill, level) in detail.skills {
                    tx.prepare_cached(
                        "INSERT INTO card_skills (card_id, skill, min_level) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(rusqlite::params![card, skill, level])?;
                }
            }
            for (index, text) in DESCRIPTIONS {
                tx.prepare_cached("UPDATE cards SET description = ?2 WHERE id = ?1")?
                    .execute(rusqlite::params![card_ids[*index], text])?;
            }
            for (index, items) in CHECKLISTS {
                for ((text, done), rank) in items.iter().zip(crate::rank::spread(items.len())) {
                    tx.prepare_cached(
                        "INSERT INTO checklist_items (card_id, rank, text, done) VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(rusqlite::params![card_ids[*index], rank, text, done])?;
                }
            }
            let (index, reason) = BLOCKED;
            tx.prepare_cached(
                "UPDATE cards SET blocked_reason = ?2, blocked_since = ?3 WHERE id = ?1",
            )?
            .execute(rusqlite::params![card_ids[index], reason, tx.now])?;
            crate::board::record_detail(tx, card_ids[index], crate::board::EventKind::Blocked, reason)?;
            seed_journal(tx, &people, &card_ids, today)?;
            // "In progress" is over its limit, so the flag shows from the start.
            tx.prepare_cached("UPDATE columns SET wip_limit = ?2 WHERE id = ?1")?
                .execute(rusqlite::params![column_ids[2], DEMO_IN_PROGRESS_LIMIT])?;
            Ok(board)
        })
    }

    /// Starts an empty workspace with one board and the usual columns.
    pub fn start_fresh(&mut self) -> Result<BoardId> {
        self.ensure_empty()?;
        let columns: Vec<String> = FRESH_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        self.write(|tx| Ok(insert_board(tx, FRESH_BOARD_NAME, &columns)?.0))
    }

    fn ensure_empty(&self) -> Result<()> {
        if self.is_empty()? {
            Ok(())
        } else {
            Err(Error::invalid(
                "workspace",
                "This workspace already has data; the starting board is only made for an empty one.",
            ))
        }
    }
}

/// A demo one-on-one: (person index into PEOPLE, days before today, notes, shareable notes,
/// mood, workload, talking points with whether they were discussed).
struct DemoSession {
    person: usize,
    days_ago: u64,
    notes: &'static str,
    shareable: bool,
    check_in: (u8, u8),
    agenda: &'static [(&'static str, bool)],
}

const SESSIONS: &[DemoSession] = &[
    DemoSession {
        person: 0,
        days_ago: 28,
        notes: "## Rate limiter\n\nAna proposed a token bucket per API key. She wants to lead the \
                design review herself.\n\n## Growth\n\nInterested in the staff engineer path; we \
                talked about writing more RFCs.",
        shareable: false,
        check_in: (4, 3),
        agenda: &[
            ("How did the incident review go?", true),
            ("Staff engineer expectations", true),
        ],
    },
    DemoSession {
        person: 0,
        days_ago: 14,
        notes: "Design review went well; the team agreed on the limits.\n\n- Load test next sprint\n\
                - Document the `Retry-After` header",
        shareable: true,
        check_in: (3, 4),
        agenda: &[
            ("Design review follow-up", true),
            ("Workload: on-call and the rate limiter at once", false),
        ],
    },
    DemoSession {
        person: 4,
        days_ago: 14,
        notes: "Eitan's second month. Pairing with Ana helps; he is still shy to ask in the channel.\n\n\
                Wants to own a small Rust feature end to end.",
        shareable: false,
        check_in: (3, 2),
        agenda: &[
            ("How is onboarding going?", true),
            ("First Rust ticket", true),
        ],
    },
    DemoSession {
        person: 4,
        days_ago: 7,
        notes: "The CSV export endpoint is moving. Reviewed his first PR together; good questions \
                about error handling.",
        shareable: false,
        check_in: (4, 3),
        agenda: &[
            ("Code review habits", true),
            ("Conference talk idea", false),
        ],
    },
    DemoSession {
        person: 2,
        days_ago: 35,
        notes: "Chidi wants to update his résumé with the accessibility work and aim for a senior \
                promotion case next quarter.",
        shareable: false,
        check_in: (4, 4),
        agenda: &[("Promotion case", true)],
    },
];

/// A demo action item: made in the session at index `session` of SESSIONS.
struct DemoActionItem {
    session: usize,
    text: &'static str,
    by_person: bool,
    due_in_days: Option<i64>,
    done: bool,
    /// Index into CARDS of the card made from it.
    card: Option<usize>,
}

const ACTION_ITEMS: &[DemoActionItem] = &[
    DemoActionItem {
        session: 0,
        text: "Draft the rate limiter design doc",
        by_person: true,
        due_in_days: None,
        done: true,
        card: None,
    },
    DemoActionItem {
        session: 1,
        text: "Ask the platform team about the cluster quota",
        by_person: false,
        due_in_days: Some(3),
        done: false,
        card: None,
    },
    DemoActionItem {
        session: 1,
        text: "Write the load test plan",
        by_person: true,
        due_in_days: Some(10),
        done: false,
        card: None,
    },
    DemoActionItem {
        session: 2,
        text: "Pair with Ana on the CSV export",
        by_person: true,
        due_in_days: None,
        done: false,
        card: Some(11),
    },
    DemoActionItem {
        session: 3,
        text: "Post one question a day in the team channel",
        by_person: true,
        due_in_days: None,
        done: false,
        card: None,
    },
    DemoActionItem {
        session: 4,
        text: "Collect the accessibility audit results for the promotion case",
        by_person: true,
        due_in_days: Some(20),
        done: false,
        card: None,
    },
];

/// (session index, praise, situation, behaviour, impact, shareable)
const FEEDBACK: &[(usize, bool, &str, &str, &str, bool)] = &[
    (
        0,
        true,
        "Search outage last Tuesday",
        "Ana took the lead calmly and kept the status page updated",
        "Customers got answers quickly and the fix shipped in an hour",
        true,
    ),
    (
        3,
        false,
        "The CSV export pull request",
        "Eitan waited two days before asking about the failing test",
        "The ticket slipped by two days; asking early would have saved them",
        false,
    ),
];

/// (person index, cadence, start date in days before today)
const CADENCES: &[(usize, &str, u64)] = &[
    (0, "every_two_weeks", 1_200),
    (2, "monthly", 900),
    (4, "weekly", 60),
];

/// (person index, goal, skills, progress)
const GOALS: &[(usize, &str, &[&str], u8)] = &[
    (
        0,
        "Lead a design review on her own",
        &["Architecture", "Rust"],
        60,
    ),
    (4, "Ship a Rust feature end to end", &["Rust"], 30),
    (
        2,
        "Build the senior promotion case",
        &["Accessibility", "Svelte"],
        20,
    ),
];

/// A few one-on-ones, so the journal is alive on a first start.
fn seed_journal(
    tx: &Tx<'_>,
    people: &[MemberId],
    cards: &[CardId],
    today: chrono::NaiveDate,
) -> Result<()> {
    use rusqlite::params;
    let before = |days: u64| today.checked_sub_days(chrono::Days::new(days));
    for (person, cadence, started) in CADENCES {
        tx.prepare_cached("UPDATE members SET cadence = ?2, start_date = ?3 WHERE id = ?1")?
            .execute(params![people[*person], cadence, before(*started)])?;
    }
    tx.prepare_cached("UPDATE members SET private_notes = ?2 WHERE id = ?1")?
        .execute(params![
            people[0],
            "Prefers written feedback before a meeting. Thinking about a move to Lisbon next year."
        ])?;
    for (person, title, skills, progress) in GOALS {
        tx.prepare_cached(
            "INSERT INTO growth_goals (member_id, title, progress, created_at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![people[*person], title, progress, tx.now])?;
        let goal = tx.last_insert_rowid();
        for skill in *skills {
            tx.prepare_cached("INSERT INTO goal_skills (goal_id, skill) VALUES (?1, ?2)")?
                .execute(params![goal, skill])?;
        }
    }
    let mut sessions = Vec::with_capacity(SESSIONS.len());
    for session in SESSIONS {
        tx.prepare_cached(
            "INSERT INTO one_on_ones (member_id, date, notes, notes_shareable, notes_saved_at,
                                      mood, workload, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?5)",
        )?
        .execute(params![
            people[session.person],
            before(session.days_ago),
            session.notes,
            session.shareable,
            tx.now,
            session.check_in.0,
            session.check_in.1
        ])?;
        let id = tx.last_insert_rowid();
        sessions.push(id);
        for ((text, discussed), rank) in session
            .agenda
            .iter()
            .zip(crate::rank::spread(session.agenda.len()))
        {
            let status = if *discussed { "discussed" } else { "open" };
            tx.prepare_cached(
                "INSERT INTO agenda_items (session_id, rank, text, status) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, rank, text, status])?;
        }
    }
    for item in ACTION_ITEMS {
        let owner = if item.by_person { "person" } else { "lead" };
        let due = item
            .due_in_days
            .map(|days| today + chrono::Duration::days(days));
        tx.prepare_cached(
            "INSERT INTO action_items (session_id, text, owner, due_date, done, card_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            sessions[item.session],
            item.text,
            owner,
            due,
            item.done,
            item.card.map(|c| cards[c]),
            tx.now
        ])?;
    }
    for (session, praise, situation, behaviour, impact, shareable) in FEEDBACK {
        let kind = if *praise { "praise" } else { "constructive" };
        tx.prepare_cached(
            "INSERT INTO feedback (session_id, kind, situation, behaviour, impact, shareable,
                                   created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            sessions[*session],
            kind,
            situation,
            behaviour,
            impact,
            shareable,
            tx.now
        ])?;
    }
    Ok(())
}

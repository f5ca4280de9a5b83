//! A believable past for the demo board, so its metrics and reports have something to show:
//! every card's history is spread over the last weeks, and a few dozen finished cards are
//! added, archived as a team does once work is shipped. Deterministic for a given `now`.

use rusqlite::params;

use crate::board::EventKind;
use crate::error::Result;
use crate::metrics::DAY_MS;
use crate::model::{BoardId, CardId, ColumnId, Stage};
use crate::store::{Millis, Store};

/// Finished work from the weeks before, archived after it shipped.
const SHIPPED: &[&str] = &[
    "Retry budget for the payment client",
    "Dashboards for the ingestion lag",
    "Fix timezone bug in the weekly digest",
    "Feature flag for the new onboarding",
    "Remove unused indexes on events",
    "Upgrade the ORM to the current release",
    "Audit log export to CSV",
    "Health check for the scheduler",
    "Shorter builds by caching dependencies",
    "Screen reader labels on the sidebar",
    "Rotate the staging database credentials",
    "Error budget alerts for the API",
    "Pagination for the members list",
    "Split the monolith's auth module",
    "Load test the search cluster",
    "Clean up the deprecated endpoints",
    "Team calendar integration",
    "Faster cold start for the worker",
    "Document the release checklist",
    "Canary deploys for the web app",
    "Localise the date pickers",
    "Backfill missing invoice numbers",
    "Rate limits on the login endpoint",
    "Runbook for queue saturation",
];

/// A small deterministic spread from an index.
fn spread(i: usize, salt: u64) -> i64 {
    let mut x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt;
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 32;
    (x % 1_000) as i64
}

impl Store {
    /// The demo as the app offers it: the team and its board (`seed_demo`) with six weeks of
    /// history behind it, so flow metrics, charts and the radar have something to show.
    pub fn seed_demo_with_history(&mut self) -> Result<BoardId> {
        let board = self.seed_demo()?;
        self.backdate_demo_history(board, 6)?;
        Ok(board)
    }

    /// Spreads the demo board's history over the last `weeks` weeks before now and adds
    /// shipped, archived cards. Not undoable, like the demo itself.
    pub fn backdate_demo_history(&mut self, board: BoardId, weeks: i64) -> Result<()> {
        let view = self.board_view(board)?;
        let columns: Vec<(ColumnId, Stage)> =
            view.columns.iter().map(|c| (c.id, c.stage)).collect();
        let done_column = columns
            .iter()
            .rev()
            .find(|c| c.1 == Stage::Done)
            .map(|c| c.0);
        let doing = columns
            .iter()
            .find(|c| c.1 == Stage::InProgress)
            .map(|c| c.0);
        let first = columns.first().map(|c| c.0);
        let (Some(done_column), Some(doing), Some(first)) = (done_column, doing, first) else {
            return Ok(());
        };
        let members: Vec<_> = self.list_members()?.into_iter().map(|m| m.id).collect();
        let span = weeks.max(1) * 7;
        let cards: Vec<(CardId, ColumnId)> =
            view.cards.iter().map(|c| (c.id, c.column_id)).collect();
        self.write(|tx| {
            let now: Millis = tx.now;
            let hour = DAY_MS / 24;
            let day = |d: i64, i: usize| now - d * DAY_MS - (spread(i, 7) % 8) * hour;
            let rewrite =
                |card: CardId, steps: &[(Millis, ColumnId)]| -> Result<()> {
                    tx.prepare_cached(
                    "DELETE FROM card_events WHERE card_id = ?1 AND kind IN ('created', 'moved')",
                )?
                .execute([card])?;
                    let mut from: Option<ColumnId> = None;
                    for (at, column) in steps {
                        let kind = if from.is_none() {
                            EventKind::Created
                        } else {
                            EventKind::Moved
                        };
                        tx.prepare_cached(
                        "INSERT INTO card_events (card_id, kind, from_column_id, to_column_id, at)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![card, kind.as_str(), from, column, at])?;
                        from = Some(*column);
                    }
                    let created = steps.first().map_or(now, |s| s.0);
                    tx.prepare_cached(
                        "UPDATE card_events SET at = ?2 WHERE card_id = ?1 AND kind = 'assigned'",
                    )?
                    .execute(params![card, created + hour])?;
                    tx.prepare_cached(
                        "UPDATE cards SET created_at = ?2, updated_at = ?3 WHERE id = ?1",
                    )?
                    .execute(params![
                        card,
                        created,
                        steps.last().map_or(now, |s| s.0)
                    ])?;
                    Ok(())
                };
            for (i, (card, column)) in cards.iter().enumerate() {
                let stage = columns
                    .iter()
                    .find(|c| c.0 == *column)
                    .map_or(Stage::NotStarted, |c| c.1);
                let r = spread(i, 1);
                let steps: Vec<(Millis, ColumnId)> = match stage {
                    Stage::NotStarted => {
                        let created = day(3 + r % 25, i);
                        if *column == first {
                            vec![(created, first)]
                        } else {
                            vec![(created, first), (created + DAY_MS, *column)]
                        }
                    }
                    Stage::InProgress => {
                        let started = day(1 + r % 9, i);
                        let mut steps =
                            vec![(started - (2 + r % 6) * DAY_MS, first), (started, doing)];
                        if *column != doing {
                            // In review since halfway between the start and now.
                            steps.push((started + (now - started) / 2, *column));
                        }
                        steps
                    }
                    Stage::Done => {
                        let done = day(1 + r % 12, i);
                        let started = done - (1 + r % 5) * DAY_MS - (r % 11) * hour;
                        vec![
                            (started - (3 + r % 9) * DAY_MS, first),
                            (started, doing),
                            (done, *column),
                        ]
                    }
                };
                rewrite(*card, &steps)?;
            }
            // The blocked demo card has been waiting for a few days.
            tx.prepare_cached(
                "UPDATE cards SET blocked_since = ?1 WHERE blocked_reason IS NOT NULL
                 AND column_id IN (SELECT id FROM columns WHERE board_id = ?2)",
            )?
            .execute(params![now - 4 * DAY_MS, board])?;
            tx.prepare_cached(
                "UPDATE card_events SET at = ?1 WHERE kind = 'blocked'
                 AND card_id IN (SELECT c.id FROM cards c JOIN columns k ON k.id = c.column_id
                                 WHERE k.board_id = ?2)",
            )?
            .execute(params![now - 4 * DAY_MS, board])?;
            // Shipped work, finished across the weeks and archived after.
            for (i, title) in SHIPPED.iter().enumerate() {
                let r = spread(i, 3);
                let done =
                    now - (2 + (i as i64 * span) / SHIPPED.len() as i64) * DAY_MS + (r % 9) * hour;
                let started = done - (1 + r % 7) * DAY_MS - (r % 13) * hour;
                let created = started - (2 + r % 12) * DAY_MS;
                // Below every rank the demo made, one character each: unique and never
                // ending in the zero digit.
                let rank = format!(
                    "0{}",
                    char::from(b"123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 35])
                );
                tx.prepare_cached(
                    "INSERT INTO cards (column_id, rank, title, assignee_id, estimate_centi,
                                        created_at, updated_at, archived_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    done_column,
                    rank,
                    title,
                    members.get(i % members.len().max(1)),
                    (if r % 5 == 0 {
                        None
                    } else {
                        Some([1, 2, 3, 5, 8][(r % 5) as usize] * 100)
                    }),
                    created,
                    done + DAY_MS,
                    done + DAY_MS,
                ])?;
                let card = CardId(tx.last_insert_rowid());
                rewrite(
                    card,
                    &[(created, first), (started, doing), (done, done_column)],
                )?;
                tx.prepare_cached(
                    "INSERT INTO card_events (card_id, kind, at) VALUES (?1, 'archived', ?2)",
                )?
                .execute(params![card, done + DAY_MS])?;
            }
            Ok(())
        })
    }
}

/// The demo team two weeks into reporting, for samples and tests: its history backdated
/// from `now`, two goals, a report exported two weeks before, and the changes of the last
/// hours (a blocker cleared, a new one, cards finished, the lead's needs and asks). Opens
/// `path`, or a database in memory.
pub fn report_demo(path: Option<&std::path::Path>, now: Millis) -> Result<(Store, BoardId)> {
    use std::sync::atomic::{AtomicI64, Ordering};
    use std::sync::Arc;

    use crate::metrics::{Calendar, Period};
    use crate::report::{Format, ReportOptions};
    use crate::store::Clock;

    let time = Arc::new(AtomicI64::new(now));
    let clock = time.clone();
    let store = match path {
        Some(path) => Store::open(path)?,
        None => Store::open_in_memory()?,
    };
    let mut store = store.with_clock(Clock::from_fn(move || clock.load(Ordering::SeqCst)));
    let board = store.seed_demo()?;
    store.backdate_demo_history(board, 6)?;
    let view = store.board_view(board)?;
    let find = |title: &str| {
        view.cards
            .iter()
            .find(|c| c.title == title)
            .map(|c| c.id)
            .ok_or_else(|| crate::Error::invalid("title", format!("no demo card {title}")))
    };
    let calendar = Calendar::utc();
    let at = |t: Millis| time.store(t, Ordering::SeqCst);

    at(now - 35 * DAY_MS);
    let today = calendar.date_of(now);
    let ingestion =
        store.create_team_goal("Reliable ingestion", today + chrono::Duration::days(48))?;
    let access = store.create_team_goal("Accessible web app", today + chrono::Duration::days(6))?;
    for title in [
        "Helm chart for the ingestion worker",
        "Alert when the job queue is older than 10 minutes",
        "Nightly backup verification job",
        "Write runbook for database failover",
        "Upgrade the CI runners to the new image",
    ] {
        store.set_card_team_goal(find(title)?, Some(ingestion.id))?;
    }
    for title in [
        "Keyboard navigation for the data table",
        "Form validation messages are read by screen readers",
        "Contrast fixes in the navigation bar",
        "Dark mode for the settings pages",
    ] {
        store.set_card_team_goal(find(title)?, Some(access.id))?;
    }

    // The report two weeks ago.
    at(now - 14 * DAY_MS);
    let previous = Period::last_two_weeks(calendar.date_of(now - 14 * DAY_MS));
    let model = store.report_model(
        board,
        previous,
        store.now(),
        calendar,
        &ReportOptions::default(),
    )?;
    store.record_report_export(board, &model, Format::Pdf)?;

    // What happened since.
    let columns: Vec<_> = view.columns.iter().map(|c| c.id).collect();
    let to = |column: usize| crate::Placement {
        column: columns[column],
        after: None,
    };
    // (The backdated history ends now, so these come last, in the final hours.)
    let hour = DAY_MS / 24;
    at(now - 5 * hour);
    store.unblock_card(find("Helm chart for the ingestion worker")?)?;
    at(now - 4 * hour);
    store.move_card(find("Pagination for the audit log")?, to(4))?;
    at(now - 3 * hour);
    store.block_card(
        find("Rate limiter for the search API")?,
        "Waiting for the security review of the token store",
    )?;
    at(now - 2 * hour);
    store.move_card(find("Helm chart for the ingestion worker")?, to(3))?;
    at(now - hour);
    store.move_card(find("Structured logging for the auth service")?, to(4))?;
    let period = Period::last_two_weeks(today);
    store.set_report_needs(
        board,
        period,
        "Security review of the token store by Thursday, so the rate limiter can ship.\n\
         - A second on-call engineer for the ingestion cut-over\n\
         - Budget for the cluster quota increase",
    )?;
    at(now);
    Ok((store.with_clock(Clock::fixed(now)), board))
}

//! Flow metrics read from a board's history: pure functions over plain data and a `now`.
//!
//! Nothing here reads a clock or the database; [`crate::history::BoardHistory`] is what the
//! store hands over. Times are milliseconds since the Unix epoch; days are calendar days in
//! the lead's time zone ([`Calendar`]).
//!
//! Definitions, so that the numbers can be checked by hand:
//! - A card *starts* when it first enters an in-progress or done column and is *done* from
//!   the last time it entered a done column while it is still in one ([`crate::flow`]).
//! - *Cycle time* is done minus started, *lead time* done minus created, both in days
//!   (fractional), for the cards done within the period.
//! - Percentiles use the nearest rank: the value at position ceil(p/100 x n) of the sorted
//!   values.
//! - *Throughput* counts the cards done within the period in each week (Monday first).
//! - The *flow* (cumulative flow and WIP) counts the cards in each stage at the end of each
//!   day of the period (or now, for today). A card archived before it was done leaves the
//!   counts; a done card archived later stays done.
//! - *Time blocked* is the part of each blocked spell that falls within the period.
//! - The *due-date hit rate* is the share of the cards done within the period with a due
//!   date that were done on or before that day.
//!
//! Clock skew: an event stamped after `now` is read as happening now, events are replayed in
//! time order whatever order they were stored in, and no duration is ever negative.

use std::collections::HashMap;

use chrono::{Datelike, Duration, FixedOffset, NaiveDate, TimeZone};

use crate::board::EventKind;
use crate::error::{Error, Result};
use crate::flow::flow_dates;
use crate::history::BoardHistory;
use crate::model::{CardEvent, CardId, ColumnId, Stage};
use crate::store::Millis;

pub const DAY_MS: i64 = 86_400_000;

/// The longest period a report or the metrics cover.
pub const MAX_PERIOD_DAYS: i64 = 3_660;

/// Turns instants into the lead's calendar days and back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    offset: FixedOffset,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::utc()
    }
}

impl Calendar {
    pub fn utc() -> Calendar {
        Calendar {
            offset: FixedOffset::east_opt(0).expect("zero offset"),
        }
    }

    /// A fixed offset east of UTC, in seconds; out of range offsets fall back to UTC.
    pub fn with_offset_seconds(seconds: i32) -> Calendar {
        FixedOffset::east_opt(seconds)
            .map(|offset| Calendar { offset })
            .unwrap_or_else(Calendar::utc)
    }

    /// The computer's current offset from UTC: for the shell, never for the metrics.
    pub fn local() -> Calendar {
        Calendar::with_offset_seconds(chrono::Local::now().offset().local_minus_utc())
    }

    pub fn offset_seconds(&self) -> i32 {
        self.offset.local_minus_utc()
    }

    /// The day an instant falls on.
    pub fn date_of(&self, at: Millis) -> NaiveDate {
        chrono::DateTime::from_timestamp_millis(at)
            .map(|t| t.with_timezone(&self.offset).date_naive())
            .unwrap_or_default()
    }

    /// The first instant of a day.
    pub fn start_of(&self, day: NaiveDate) -> Millis {
        let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
        self.offset
            .from_local_datetime(&midnight)
            .single()
            .map_or(0, |t| t.timestamp_millis())
    }

    /// The first instant after a day.
    pub fn end_of(&self, day: NaiveDate) -> Millis {
        self.start_of(day) + DAY_MS
    }
}

/// Calendar days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period> {
        crate::validate::date("from", from)?;
        crate::validate::date("to", to)?;
        if to < from {
            return Err(Error::invalid(
                "to",
                "The period ends before it starts; pick an end on or after the start.",
            ));
        }
        if (to - from).num_days() >= MAX_PERIOD_DAYS {
            return Err(Error::invalid(
                "to",
                "A period can be at most ten years long.",
            ));
        }
        Ok(Period { from, to })
    }

    /// Monday of this week to today.
    pub fn this_week(today: NaiveDate) -> Period {
        Period {
            from: week_start(today),
            to: today,
        }
    }

    /// The fourteen days ending today.
    pub fn last_two_weeks(today: NaiveDate) -> Period {
        Period {
            from: today - Duration::days(13),
            to: today,
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

/// The Monday of the week `day` is in.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// What the history says about one card.
#[derive(Debug, Clone, PartialEq)]
pub struct CardFlow {
    pub card: CardId,
    /// The card's creation, or its first event if that is earlier.
    pub created_at: Millis,
    pub started_at: Option<Millis>,
    /// Set while the card is in a done column.
    pub done_at: Option<Millis>,
    /// The stage of the card's column now; `None` for a column that no longer exists.
    pub stage: Option<Stage>,
    /// On the board now: neither the card nor its column archived.
    pub on_board: bool,
    /// The last time it entered a column (its creation if it never moved).
    pub last_moved_at: Millis,
    /// Blocked spells, oldest first; an open spell ends `None`.
    pub blocked: Vec<(Millis, Option<Millis>)>,
    /// When the card's place in the flow changed: the stage it counts in from then on, or
    /// `None` once it left the board unfinished.
    pub changes: Vec<(Millis, Option<Stage>)>,
}

impl CardFlow {
    pub fn cycle_days(&self) -> Option<f64> {
        Some(days_between(self.started_at?, self.done_at?))
    }

    pub fn lead_days(&self) -> Option<f64> {
        Some(days_between(self.created_at, self.done_at?))
    }

    /// Days blocked between `from` and `to` (instants).
    pub fn blocked_days_within(&self, from: Millis, to: Millis, now: Millis) -> f64 {
        let total: i64 = self
            .blocked
            .iter()
            .map(|&(start, end)| {
                let end = end.unwrap_or(now).min(to);
                (end - start.max(from)).max(0)
            })
            .sum();
        total as f64 / DAY_MS as f64
    }

    pub fn is_blocked(&self) -> bool {
        self.blocked.last().is_some_and(|(_, end)| end.is_none())
    }
}

fn days_between(from: Millis, to: Millis) -> f64 {
    (to - from).max(0) as f64 / DAY_MS as f64
}

/// Reads every card's flow from the history. Events after `now` count as happening now.
pub fn card_flows(history: &BoardHistory, now: Millis) -> Vec<CardFlow> {
    let stages: HashMap<ColumnId, (Stage, bool)> = history
        .columns
        .iter()
        .map(|c| (c.id, (c.stage, c.archived_at.is_some())))
        .collect();
    let stage_of = |column: ColumnId| stages.get(&column).map(|s| s.0);
    let empty = Vec::new();
    let mut scratch: Vec<CardEvent> = Vec::new();
    history
        .cards
        .iter()
        .map(|card| {
            let stored = history.events.get(&card.id).unwrap_or(&empty);
            // Clamp to now and keep time order; the stored order breaks ties.
            let sorted = stored.windows(2).all(|w| w[0].at <= w[1].at);
            let events: &[CardEvent] = if sorted && stored.last().is_none_or(|e| e.at <= now) {
                stored
            } else {
                scratch.clear();
                scratch.extend(stored.iter().cloned().map(|mut e| {
                    e.at = e.at.min(now);
                    e
                }));
                scratch.sort_by_key(|e| e.at);
                &scratch
            };
            let dates = flow_dates(events, stage_of);
            let created_at = events
                .first()
                .map_or(card.created_at, |e| e.at.min(card.created_at))
                .min(now);
            let (stage, column_archived) = match stages.get(&card.column_id) {
                Some(&(stage, archived)) => (Some(stage), archived),
                None => (None, false),
            };
            let mut flow = CardFlow {
                card: card.id,
                created_at,
                started_at: dates.started_at,
                done_at: dates.done_at,
                stage,
                on_board: card.archived_at.is_none() && !column_archived,
                last_moved_at: created_at,
                blocked: Vec::new(),
                changes: Vec::new(),
            };
            let mut current: Option<Stage> = None;
            let mut present = true;
            for event in events {
                match event.kind {
                    EventKind::Created | EventKind::Moved => {
                        if let Some(next) = event.to_column.and_then(stage_of) {
                            current = Some(next);
                        }
                        flow.last_moved_at = event.at;
                    }
                    EventKind::Archived => present = false,
                    EventKind::Restored => present = true,
                    EventKind::Blocked => {
                        if !flow.is_blocked() {
                            flow.blocked.push((event.at, None));
                        }
                    }
                    EventKind::Unblocked => {
                        if let Some(spell) = flow.blocked.last_mut().filter(|s| s.1.is_none()) {
                            spell.1 = Some(event.at);
                        }
                    }
                    EventKind::Assigned | EventKind::Renamed => continue,
                }
                let counted = match current {
                    Some(Stage::Done) => Some(Stage::Done),
                    other if present => other,
                    _ => None,
                };
                if flow.changes.last().map(|c| c.1) != Some(counted) {
                    flow.changes.push((event.at, counted));
                }
            }
            // A card without a history (imported, or its events lost) counts where it is.
            if flow.changes.is_empty() && flow.on_board {
                flow.changes.push((created_at, stage));
            }
            // The card's own state wins over a history that lost an event.
            match (&card.blocked, flow.is_blocked()) {
                (Some(blocked), false) => flow.blocked.push((blocked.since.min(now), None)),
                (None, true) => {
                    if let Some(spell) = flow.blocked.last_mut() {
                        spell.1 = Some(spell.0.max(card.updated_at.min(now)));
                    }
                }
                _ => {}
            }
            flow
        })
        .collect()
}

/// The 50th, 85th and 95th percentiles of a set of durations, in days.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Percentiles {
    /// How many values there were.
    pub count: usize,
    pub p50: Option<f64>,
    pub p85: Option<f64>,
    pub p95: Option<f64>,
}

impl Percentiles {
    pub fn of(mut values: Vec<f64>) -> Percentiles {
        values.sort_by(f64::total_cmp);
        Percentiles {
            count: values.len(),
            p50: nearest_rank(&values, 50),
            p85: nearest_rank(&values, 85),
            p95: nearest_rank(&values, 95),
        }
    }
}

/// The nearest-rank percentile of sorted values: the ceil(p/100 x n)-th smallest.
pub fn nearest_rank(sorted: &[f64], p: u32) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (u64::from(p) * sorted.len() as u64).div_ceil(100).max(1) as usize;
    Some(sorted[rank.min(sorted.len()) - 1])
}

/// Cards done in one week of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekCount {
    /// The Monday of the week.
    pub week: NaiveDate,
    pub done: u32,
}

/// How many cards were in each stage at the end of one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayFlow {
    pub day: NaiveDate,
    pub not_started: u32,
    pub in_progress: u32,
    pub done: u32,
}

/// One done card of the cycle-time scatter.
#[derive(Debug, Clone, PartialEq)]
pub struct CyclePoint {
    pub card: CardId,
    pub done_at: Millis,
    pub days: f64,
}

/// A card in progress and how long it has been.
#[derive(Debug, Clone, PartialEq)]
pub struct AgingCard {
    pub card: CardId,
    pub age_days: f64,
    /// Older than the 85th percentile of cycle time.
    pub over_p85: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct BlockedTime {
    /// Cards blocked at some time within the period.
    pub cards: u32,
    /// Their blocked days within the period, added up.
    pub days: f64,
    /// Cards on the board blocked now.
    pub blocked_now: u32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DueDates {
    /// Cards done within the period that had a due date.
    pub done_with_due: u32,
    /// Those done on or before it.
    pub on_time: u32,
    /// Open cards on the board past their due date today.
    pub overdue_open: u32,
}

impl DueDates {
    pub fn hit_rate(&self) -> Option<f64> {
        (self.done_with_due > 0).then(|| f64::from(self.on_time) / f64::from(self.done_with_due))
    }
}

/// Every flow metric of one board over one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub period: Period,
    pub today: NaiveDate,
    /// Cards done within the period.
    pub delivered: u32,
    pub throughput: Vec<WeekCount>,
    pub cycle: Percentiles,
    pub lead: Percentiles,
    /// The cards done within the period, by done time.
    pub cycle_points: Vec<CyclePoint>,
    /// One entry per day of the period up to today.
    pub flow: Vec<DayFlow>,
    /// Cards in progress now.
    pub wip_now: u32,
    /// The mean of the daily WIP over the period.
    pub wip_mean: Option<f64>,
    /// The 85th percentile of cycle time that aging and staleness compare with: this
    /// period's, or all history's when nothing was done within the period.
    pub reference_p85: Option<f64>,
    /// Cards in progress now, oldest first.
    pub aging: Vec<AgingCard>,
    pub blocked: BlockedTime,
    pub due: DueDates,
}

/// Computes every metric of `period` from the cards' flows.
pub fn compute(
    history: &BoardHistory,
    flows: &[CardFlow],
    period: Period,
    now: Millis,
    calendar: &Calendar,
) -> Metrics {
    let today = calendar.date_of(now);
    let from = calendar.start_of(period.from);
    let to = calendar.end_of(period.to);
    let done_within = |f: &&CardFlow| f.done_at.is_some_and(|d| d >= from && d < to);

    let mut cycle_points: Vec<CyclePoint> = flows
        .iter()
        .filter(done_within)
        .filter_map(|f| {
            Some(CyclePoint {
                card: f.card,
                done_at: f.done_at?,
                days: f.cycle_days()?,
            })
        })
        .collect();
    cycle_points.sort_by_key(|p| (p.done_at, p.card));
    let cycle = Percentiles::of(cycle_points.iter().map(|p| p.days).collect());
    let lead = Percentiles::of(
        flows
            .iter()
            .filter(done_within)
            .filter_map(CardFlow::lead_days)
            .collect(),
    );
    let delivered = flows.iter().filter(done_within).count() as u32;

    let mut throughput: Vec<WeekCount> = Vec::new();
    let mut week = week_start(period.from);
    while week <= period.to {
        throughput.push(WeekCount { week, done: 0 });
        week += Duration::days(7);
    }
    for flow in flows.iter().filter(done_within) {
        let day = calendar.date_of(flow.done_at.unwrap_or_default());
        let index = ((week_start(day) - week_start(period.from)).num_days() / 7) as usize;
        if let Some(w) = throughput.get_mut(index) {
            w.done += 1;
        }
    }

    let flow = daily_flow(flows, period, now, calendar);
    let wip_mean = (!flow.is_empty())
        .then(|| flow.iter().map(|d| f64::from(d.in_progress)).sum::<f64>() / flow.len() as f64);

    let reference_p85 = cycle
        .p85
        .or_else(|| Percentiles::of(flows.iter().filter_map(CardFlow::cycle_days).collect()).p85);
    let mut aging: Vec<AgingCard> = flows
        .iter()
        .filter(|f| f.on_board && f.stage == Some(Stage::InProgress))
        .map(|f| {
            let age_days = days_between(f.started_at.unwrap_or(f.created_at), now);
            AgingCard {
                card: f.card,
                age_days,
                over_p85: reference_p85.is_some_and(|p| age_days > p),
            }
        })
        .collect();
    aging.sort_by(|a, b| b.age_days.total_cmp(&a.age_days).then(a.card.cmp(&b.card)));
    let wip_now = aging.len() as u32;

    let mut blocked = BlockedTime::default();
    for f in flows {
        let days = f.blocked_days_within(from, to.min(now), now);
        if days > 0.0 {
            blocked.cards += 1;
            blocked.days += days;
        }
        if f.on_board && f.is_blocked() {
            blocked.blocked_now += 1;
        }
    }

    let mut due = DueDates::default();
    let cards: HashMap<CardId, &crate::model::Card> =
        history.cards.iter().map(|c| (c.id, c)).collect();
    for f in flows {
        let Some(due_date) = cards.get(&f.card).and_then(|c| c.due) else {
            continue;
        };
        match f.done_at {
            Some(done) if done >= from && done < to => {
                due.done_with_due += 1;
                if calendar.date_of(done) <= due_date {
                    due.on_time += 1;
                }
            }
            None if f.on_board && due_date < today => due.overdue_open += 1,
            _ => {}
        }
    }

    Metrics {
        period,
        today,
        delivered,
        throughput,
        cycle,
        lead,
        cycle_points,
        flow,
        wip_now,
        wip_mean,
        reference_p85,
        aging,
        blocked,
        due,
    }
}

/// Cards per stage at the end of each day of the period up to today: a difference array per
/// stage over the day ends, so each stage spell of each card costs two binary searches.
fn daily_flow(
    flows: &[CardFlow],
    period: Period,
    now: Millis,
    calendar: &Calendar,
) -> Vec<DayFlow> {
    let mut days = Vec::new();
    let mut samples = Vec::new();
    let mut day = period.from;
    while day <= period.to {
        let end = calendar.end_of(day);
        if calendar.start_of(day) > now {
            break;
        }
        days.push(day);
        // The count at the last instant of the day, or now for today.
        samples.push((end - 1).min(now));
        day += Duration::days(1);
    }
    let n = samples.len();
    let mut diff = [vec![0i64; n + 1], vec![0i64; n + 1], vec![0i64; n + 1]];
    for flow in flows {
        for (i, &(start, stage)) in flow.changes.iter().enumerate() {
            let Some(stage) = stage else { continue };
            let end = flow.changes.get(i + 1).map_or(Millis::MAX, |c| c.0);
            let first = samples.partition_point(|&s| s < start);
            let last = samples.partition_point(|&s| s < end);
            if first < last {
                let lane = match stage {
                    Stage::NotStarted => 0,
                    Stage::InProgress => 1,
                    Stage::Done => 2,
                };
                diff[lane][first] += 1;
                diff[lane][last] -= 1;
            }
        }
    }
    let mut running = [0i64; 3];
    days.into_iter()
        .enumerate()
        .map(|(i, day)| {
            for lane in 0..3 {
                running[lane] += diff[lane][i];
            }
            DayFlow {
                day,
                not_started: running[0].max(0) as u32,
                in_progress: running[1].max(0) as u32,
                done: running[2].max(0) as u32,
            }
        })
        .collect()
}

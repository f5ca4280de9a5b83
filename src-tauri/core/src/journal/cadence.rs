//! When the lead last met each person and when they meet next: pure functions of the
//! session dates, the cadence and `today`.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::PersonSchedule;
use crate::model::Cadence;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// The latest one-on-one on or before today (one dated today counts as held).
    pub last: Option<NaiveDate>,
    /// The next one-on-one: the earliest one planned after today, else one cadence after the
    /// last, else the person's start date if it is still ahead, else today.
    pub next: NaiveDate,
    /// Whether `next` is a session already planned.
    pub planned: bool,
    /// `next` is in the past: the one-on-one is late.
    pub overdue: bool,
}

/// One cadence after `date`. A month after the 31st is the month's last day.
pub fn after(cadence: Cadence, date: NaiveDate) -> NaiveDate {
    let next = match cadence {
        Cadence::Weekly => date.checked_add_days(Days::new(7)),
        Cadence::EveryTwoWeeks => date.checked_add_days(Days::new(14)),
        Cadence::Monthly => date.checked_add_months(Months::new(1)),
    };
    next.unwrap_or(NaiveDate::MAX)
}

/// The schedule of a person met on `sessions` (any order), who started on `start`.
pub fn schedule(
    cadence: Cadence,
    sessions: &[NaiveDate],
    start: Option<NaiveDate>,
    today: NaiveDate,
) -> Schedule {
    let last = sessions.iter().copied().filter(|d| *d <= today).max();
    let planned = sessions.iter().copied().filter(|d| *d > today).min();
    let next = match (planned, last) {
        (Some(planned), _) => planned,
        (None, Some(last)) => after(cadence, last),
        (None, None) => start.filter(|s| *s > today).unwrap_or(today),
    };
    Schedule {
        last,
        next,
        planned: planned.is_some(),
        overdue: next < today,
    }
}

/// The Sunday that ends the week (Monday to Sunday) of `today`.
pub fn end_of_week(today: NaiveDate) -> NaiveDate {
    let days_left = 6 - u64::from(today.weekday().num_days_from_monday());
    today
        .checked_add_days(Days::new(days_left))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether the next one-on-one falls in this week or is already late.
pub fn due_this_week(schedule: &Schedule, today: NaiveDate) -> bool {
    schedule.next <= end_of_week(today)
}

/// The people whose next one-on-one is due by the end of this week, late ones included,
/// soonest first, then by name.
pub fn due_this_week_list(people: Vec<PersonSchedule>, today: NaiveDate) -> Vec<PersonSchedule> {
    let mut due: Vec<PersonSchedule> = people
        .into_iter()
        .filter(|p| due_this_week(&p.schedule, today))
        .collect();
    due.sort_by(|a, b| {
        (a.schedule.next, &a.name, a.member).cmp(&(b.schedule.next, &b.name, b.member))
    });
    due
}

//! Working days and available capacity over a horizon.

use chrono::{Datelike, NaiveDate};

use super::{Horizon, TimeOff};

/// What a person can take on in a horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Available {
    /// Hundredths of the board's unit per five working days.
    pub weekly_capacity: u32,
    /// Monday to Friday in the horizon, minus days off.
    pub working_days: u32,
}

impl Available {
    /// Weekly capacity × working days / 5, in hundredths.
    pub fn centi(self) -> f64 {
        self.scaled() as f64 / 5.0
    }

    /// Five times [`Available::centi`], an exact integer: the planner compares loads against
    /// it with card estimates multiplied by five.
    pub fn scaled(self) -> u64 {
        u64::from(self.weekly_capacity) * u64::from(self.working_days)
    }
}

/// Weekly capacity scaled by the working days of `horizon` not covered by `time_off`.
/// Overlapping or out-of-horizon days off are counted once, or not at all.
pub fn available_capacity(
    weekly_capacity: u32,
    horizon: Horizon,
    time_off: &[TimeOff],
) -> Available {
    let total = weekdays(horizon.start, horizon.end);
    let mut off: Vec<(NaiveDate, NaiveDate)> = time_off
        .iter()
        .filter_map(|t| {
            let start = t.start.max(horizon.start);
            let end = t.end.min(horizon.end);
            (start <= end).then_some((start, end))
        })
        .collect();
    off.sort_unstable();
    let mut days_off = 0;
    let mut current: Option<(NaiveDate, NaiveDate)> = None;
    for (start, end) in off {
        current = match current {
            Some((s, e)) if start <= e.succ_opt().unwrap_or(e) => Some((s, e.max(end))),
            Some((s, e)) => {
                days_off += weekdays(s, e);
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    if let Some((s, e)) = current {
        days_off += weekdays(s, e);
    }
    Available {
        weekly_capacity,
        working_days: total - days_off,
    }
}

/// Mondays to Fridays from `start` to `end`, both included; 0 when `end` is before `start`.
pub fn weekdays(start: NaiveDate, end: NaiveDate) -> u32 {
    if end < start {
        return 0;
    }
    let count = weekdays_before(end) + i64::from(end.weekday().number_from_monday() <= 5)
        - weekdays_before(start);
    count as u32
}

/// Weekdays strictly before `date`, counted from Monday 1 January of year 1.
fn weekdays_before(date: NaiveDate) -> i64 {
    // num_days_from_ce is 1 on that Monday.
    let days = i64::from(date.num_days_from_ce()) - 1;
    days.div_euclid(7) * 5 + days.rem_euclid(7).min(5)
}

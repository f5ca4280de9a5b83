//! When work started and finished, read from a card's history: a pure function, shared by
//! the card view and the metrics.

use crate::board::EventKind;
use crate::model::{CardEvent, ColumnId, Stage};
use crate::store::Millis;

/// The flow dates of one card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FlowDates {
    /// The first time the card entered an in-progress or done column.
    pub started_at: Option<Millis>,
    /// When the card last entered a done column, while it is still in one.
    pub done_at: Option<Millis>,
}

/// Reads the flow dates from `events` (oldest first). `stage_of` gives each column's stage;
/// columns it does not know (deleted ones) are skipped.
pub fn flow_dates(events: &[CardEvent], stage_of: impl Fn(ColumnId) -> Option<Stage>) -> FlowDates {
    let mut dates = FlowDates::default();
    let mut stage: Option<Stage> = None;
    for event in events {
        if !matches!(event.kind, EventKind::Created | EventKind::Moved) {
            continue;
        }
        let Some(next) = event.to_column.and_then(&stage_of) else {
            continue;
        };
        if next != Stage::NotStarted && dates.started_at.is_none() {
            dates.started_at = Some(event.at);
        }
        match (stage, next) {
            (Some(Stage::Done), Stage::Done) => {}
            (_, Stage::Done) => dates.done_at = Some(event.at),
            _ => dates.done_at = None,
        }
        stage = Some(next);
    }
    dates
}

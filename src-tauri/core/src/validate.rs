//! Limits on what users type, checked before anything is written.

use crate::error::{Error, Result};
use crate::model::Estimate;

pub const MAX_TITLE_CHARS: usize = 500;
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_WIP_LIMIT: u32 = 999;
/// The largest estimate, in the board's unit.
pub const MAX_ESTIMATE: f64 = 10_000.0;

/// Trims `value` and checks it is non-empty and at most `max` characters long.
pub fn text(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid(
            field,
            format!("The {label} cannot be empty."),
        ));
    }
    // Counting stops early so a 10 MB paste is refused without walking all of it.
    if trimmed.chars().nth(max).is_some() {
        return Err(Error::invalid(
            field,
            format!("The {label} can be at most {max} characters long."),
        ));
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\t') {
        return Err(Error::invalid(
            field,
            format!("The {label} cannot contain line breaks or control characters."),
        ));
    }
    Ok(trimmed.to_owned())
}

pub fn title(value: &str) -> Result<String> {
    text("title", "title", value, MAX_TITLE_CHARS)
}

pub fn name(field: &'static str, label: &str, value: &str) -> Result<String> {
    text(field, label, value, MAX_NAME_CHARS)
}

/// An estimate in the board's unit, kept to two decimals.
pub fn estimate(value: f64) -> Result<Estimate> {
    if !value.is_finite() {
        return Err(Error::invalid("estimate", "An estimate must be a number."));
    }
    if value < 0.0 {
        return Err(Error::invalid(
            "estimate",
            "An estimate cannot be negative.",
        ));
    }
    if value > MAX_ESTIMATE {
        return Err(Error::invalid(
            "estimate",
            format!("An estimate can be at most {MAX_ESTIMATE}."),
        ));
    }
    // In range, so the rounded hundredths fit a u32.
    Ok(Estimate((value * 100.0).round() as u32))
}

pub const MAX_DESCRIPTION_CHARS: usize = 20_000;
pub const MAX_LABEL_CHARS: usize = 40;
pub const MAX_SKILL_CHARS: usize = 60;

/// A card's Markdown description: any text up to the limit, empty allowed. Line breaks and
/// tabs are kept; other control characters are refused.
pub fn description(value: &str) -> Result<String> {
    if value.chars().nth(MAX_DESCRIPTION_CHARS).is_some() {
        return Err(Error::invalid(
            "description",
            format!("A description can be at most {MAX_DESCRIPTION_CHARS} characters long."),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(Error::invalid(
            "description",
            "A description cannot contain control characters.",
        ));
    }
    let trimmed = value.trim_end();
    Ok(trimmed.replace("\r\n", "\n"))
}

/// A level of skill, 1 (learning) to 5 (expert).
pub fn level(field: &'static str, value: u8) -> Result<u8> {
    if !(1..=5).contains(&value) {
        return Err(Error::invalid(
            field,
            "A skill level goes from 1 (learning) to 5 (expert).",
        ));
    }
    Ok(value)
}

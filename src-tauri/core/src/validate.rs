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

/// A person's role: like a name, but it may be left empty.
pub fn role(value: &str) -> Result<String> {
    if value.trim().is_empty() {
        return Ok(String::new());
    }
    text("role", "role", value, MAX_NAME_CHARS)
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

/// The largest one-on-one notes (and private notes about a person), in bytes of UTF-8: 8 MiB.
/// A 5 MB paste saves; above this the save is refused and the notes stay as they were.
pub const MAX_NOTES_BYTES: usize = 8 * 1024 * 1024;
/// Each of a feedback entry's situation, behaviour and impact.
pub const MAX_FEEDBACK_CHARS: usize = 5_000;
/// Talking points in one agenda template.
pub const MAX_TEMPLATE_ITEMS: usize = 50;
/// Skills one growth goal builds.
pub const MAX_GOAL_SKILLS: usize = 20;
/// The longest search query, and the most words in it.
pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_QUERY_WORDS: usize = 12;
/// The longest a card may sit in progress before a one-on-one brings it up, in days.
pub const MAX_AGING_DAYS: u32 = 365;

/// Notes in Markdown, saved as they are typed: kept byte for byte (no trimming), empty
/// allowed. Only the size and control characters other than line breaks and tabs are
/// refused; the size is checked first, so an oversized paste is refused without a walk.
pub fn notes(field: &'static str, value: &str) -> Result<()> {
    if value.len() > MAX_NOTES_BYTES {
        return Err(Error::invalid(
            field,
            format!(
                "Notes can be at most 8 MiB ({MAX_NOTES_BYTES} bytes); these are {:.1} MiB. \
                 They were not saved: move part of them elsewhere and try again.",
                value.len() as f64 / (1024.0 * 1024.0)
            ),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(Error::invalid(
            field,
            "Notes cannot contain control characters other than line breaks and tabs; \
             they were not saved.",
        ));
    }
    Ok(())
}

/// Several lines of text (a feedback field): trimmed, non-empty, at most `max` characters,
/// line breaks and tabs allowed.
pub fn paragraph(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid(
            field,
            format!("The {label} cannot be empty."),
        ));
    }
    if trimmed.chars().nth(max).is_some() {
        return Err(Error::invalid(
            field,
            format!("The {label} can be at most {max} characters long."),
        ));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(Error::invalid(
            field,
            format!("The {label} cannot contain control characters."),
        ));
    }
    Ok(trimmed.replace("\r\n", "\n"))
}

/// A check-in score: mood or workload, 1 to 5.
pub fn score(field: &'static str, label: &str, value: u8) -> Result<u8> {
    if !(1..=5).contains(&value) {
        return Err(Error::invalid(field, format!("{label} goes from 1 to 5.")));
    }
    Ok(value)
}

/// A growth goal's progress, in percent.
pub fn progress(value: u8) -> Result<u8> {
    if value > 100 {
        return Err(Error::invalid(
            "progress",
            "Progress goes from 0 to 100 percent.",
        ));
    }
    Ok(value)
}

/// A calendar day Teamlead can store and compare: years 1900 to 2999.
pub fn date(field: &'static str, value: chrono::NaiveDate) -> Result<chrono::NaiveDate> {
    use chrono::Datelike;
    if !(1900..=2999).contains(&value.year()) {
        return Err(Error::invalid(
            field,
            "A date must be between the years 1900 and 2999.",
        ));
    }
    Ok(value)
}

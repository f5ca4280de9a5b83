//! Payloads as a hostile or careless page could send them: text of every shape, days far
//! outside any calendar the lead uses, numbers that are not numbers, and lists with
//! duplicates or far too many entries.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// The day the fixture's clock reads.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 13).expect("a real day")
}

/// Fixed text that has broken apps before: white space of every kind, control characters,
/// bidirectional and zero-width marks, emoji sequences, combining marks, the search
/// snippet's own markers, the undo log's separator, markup, SQL and FTS5 syntax, paths.
const NASTY: &[&str] = &[
    "",
    " ",
    "   ",
    "\t",
    "\n",
    "\r\n",
    "\u{a0}",
    "\u{2028}",
    "\u{3000}",
    "\u{200b}",
    "\u{feff}",
    "\0",
    "a\0b",
    "\u{1}",
    "\u{2}hit\u{3}",
    "\u{1e}DELETE FROM cards; --",
    "x\u{1e}",
    "\u{7f}",
    "\u{85}",
    "\u{1b}[31mred\u{1b}[0m",
    "\u{202e}evil\u{202c}",
    "\u{2066}isolate\u{2069}",
    "\u{200d}",
    "\u{200f}\u{627}\u{644}\u{639}\u{631}\u{628}\u{64a}\u{629}",
    "\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466}",
    "\u{1f3f3}\u{fe0f}\u{200d}\u{1f308}",
    "e\u{301}\u{301}\u{301}\u{301}",
    "Z\u{334}\u{321}\u{327}a\u{338}l\u{337}g\u{338}o\u{337}",
    "\u{fffd}",
    "\u{fffe}\u{ffff}",
    "\u{10ffff}",
    "\u{e000}",
    "\u{1d538}\u{1d539}",
    "'; DROP TABLE cards; --",
    "\" OR \"1\"=\"1",
    "Robert'); DELETE FROM members WHERE ('1'='1",
    "NEAR(a b)",
    "a OR b AND NOT c",
    "*",
    "^x",
    "-x",
    "body:x",
    "\"",
    "''",
    "%_%",
    "\\",
    "<script>window.__xss=1</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "{@html x}",
    "${alert(1)}",
    "../../etc/passwd",
    "C:\\Windows\\win.ini",
    "CON",
    "null",
    "NaN",
    "-0",
    "1e309",
    "\u{1f4a9}",
];

/// Text right at and right past each limit of `validate.rs`, with characters of one to
/// four bytes, padded with white space, and very long text.
static AT_LIMITS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for max in [40, 60, 120, 200, 500, 5_000, 20_000] {
        for unit in ["x", "é", "\u{1d538}", "e\u{301}"] {
            out.push(unit.repeat(max));
            out.push(unit.repeat(max + 1));
        }
        out.push(format!("  {}  ", "x".repeat(max)));
        out.push(format!("{}\u{200b}", "x".repeat(max)));
        out.push(format!("{}\n", "x".repeat(max)));
    }
    out.push("word ".repeat(13));
    out.push("a".repeat(1 << 20));
    out.push("a".repeat(8 * 1024 * 1024 + 1));
    out.push(format!("{}\u{0}", "a".repeat(100_000)));
    out
});

/// Any text a page could send.
pub fn text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[A-Za-z][A-Za-z0-9 ,.'-]{0,40}",
        2 => select(NASTY).prop_map(str::to_owned),
        1 => (select(NASTY), "[a-z ]{0,12}", select(NASTY))
            .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
        1 => (0..AT_LIMITS.len()).prop_map(|i| AT_LIMITS[i].clone()),
        1 => any::<String>(),
        1 => vec(any::<char>(), 0..80).prop_map(|chars| chars.into_iter().collect()),
    ]
    .boxed()
}

/// A list of texts: empty, a few, duplicates, or far too many.
pub fn texts() -> BoxedStrategy<Vec<String>> {
    prop_oneof![
        4 => vec(text(), 0..6),
        1 => text().prop_map(|t| vec![t.clone(), t.to_uppercase(), t]),
        1 => (text(), 49usize..53).prop_map(|(t, n)| (0..n).map(|i| format!("{t}{i}")).collect()),
        1 => Just((0..1_000).map(|i| format!("s{i}")).collect()),
    ]
    .boxed()
}

/// A calendar day: near today, at the edges Teamlead and chrono know, or any at all.
pub fn day() -> BoxedStrategy<NaiveDate> {
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a real day");
    let edges = vec![
        NaiveDate::MIN,
        NaiveDate::MAX,
        ymd(-1, 12, 31),
        ymd(0, 1, 1),
        ymd(1, 1, 1),
        ymd(999, 12, 31),
        ymd(1899, 12, 31),
        ymd(1900, 1, 1),
        ymd(1970, 1, 1),
        ymd(2024, 2, 29),
        ymd(2999, 12, 31),
        ymd(3000, 1, 1),
        ymd(9999, 12, 31),
        ymd(10_000, 1, 1),
    ];
    let (first, last) = (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    );
    prop_oneof![
        4 => (-400i64..400).prop_map(|d| today() + Duration::days(d)),
        1 => select(edges),
        1 => (first..=last).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).expect("in range")),
    ]
    .boxed()
}

/// A number as a page could send it, and some JSON cannot carry: NaN, infinities, -0.
pub fn float() -> BoxedStrategy<f64> {
    let edges = vec![
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -0.0,
        0.0,
        f64::MIN_POSITIVE,
        5e-324,
        -1e-9,
        0.004,
        0.005,
        9_999.995,
        10_000.0,
        10_000.004,
        10_000.005,
        10_000.01,
        1e20,
        f64::MAX,
        f64::MIN,
        -1.0,
    ];
    prop_oneof![
        3 => 0.0f64..12_000.0,
        1 => select(edges),
        1 => any::<f64>(),
    ]
    .boxed()
}

/// A count or limit: small, at the edges, or any.
pub fn count() -> BoxedStrategy<u32> {
    prop_oneof![
        3 => 0u32..1_200,
        1 => select(vec![0, 1, 5, 365, 366, 999, 1_000, u32::MAX - 1, u32::MAX]),
        1 => any::<u32>(),
    ]
    .boxed()
}

/// An id among `known` (the kind the call wants), an id of another kind, or an id that
/// names nothing: 0, negative, the extremes, the full-text index's id ranges, any.
pub fn id(known: &[i64], every: &[i64]) -> BoxedStrategy<i64> {
    let edges = vec![
        0,
        -1,
        i64::MIN,
        i64::MIN + 1,
        i64::MAX,
        i64::MAX - 1,
        1 << 40,
        (1 << 40) + 1,
        3 << 40,
        (4 << 40) + 1,
    ];
    let known = if known.is_empty() {
        vec![0]
    } else {
        known.to_vec()
    };
    prop_oneof![
        6 => select(known),
        1 => select(every.to_vec()),
        1 => select(edges),
        1 => any::<i64>(),
    ]
    .boxed()
}

/// Like [`id`], for commands whose accepted calls are slow (an erasure, files written):
/// a known id only now and then.
pub fn rare_id(known: &[i64], every: &[i64]) -> BoxedStrategy<i64> {
    prop_oneof![
        1 => id(known, every),
        4 => any::<i64>(),
    ]
    .boxed()
}

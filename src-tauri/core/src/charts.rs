//! Charts, drawn once as a list of marks in a fixed coordinate space (y down, in points),
//! then written out as SVG here or as PDF vector paths by `report::pdf`.
//!
//! Colours are roles ([`Paint`]) that a [`Theme`] resolves: the series use the Okabe-Ito
//! palette, which stays distinguishable with the common colour-vision deficiencies, and
//! lines that share a chart also differ in dash so colour is never the only cue.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::metrics::{Calendar, CyclePoint, DayFlow, Percentiles, Period, WeekCount};

pub const WIDTH: f32 = 640.0;
pub const HEIGHT: f32 = 280.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

/// A colour by its role in the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Surface,
    Ink,
    Muted,
    Grid,
    /// The n-th colour of the palette.
    Series(u8),
}

/// Okabe-Ito, in the order series take them: blue, orange, bluish green, vermillion,
/// sky blue, reddish purple, yellow.
const LIGHT_SERIES: [(u8, u8, u8); 7] = [
    (0x00, 0x72, 0xB2),
    (0xE6, 0x9F, 0x00),
    (0x00, 0x9E, 0x73),
    (0xD5, 0x5E, 0x00),
    (0x56, 0xB4, 0xE9),
    (0xCC, 0x79, 0xA7),
    (0xF0, 0xE4, 0x42),
];
/// The same palette with sky blue first: the dark blue is too dim on a dark surface.
const DARK_SERIES: [(u8, u8, u8); 7] = [
    (0x56, 0xB4, 0xE9),
    (0xE6, 0x9F, 0x00),
    (0x00, 0x9E, 0x73),
    (0xD5, 0x5E, 0x00),
    (0x00, 0x72, 0xB2),
    (0xCC, 0x79, 0xA7),
    (0xF0, 0xE4, 0x42),
];

pub const BLUE: Paint = Paint::Series(0);
pub const ORANGE: Paint = Paint::Series(1);
pub const GREEN: Paint = Paint::Series(2);
pub const VERMILLION: Paint = Paint::Series(3);
pub const SKY: Paint = Paint::Series(4);
pub const PURPLE: Paint = Paint::Series(5);

impl Theme {
    pub fn rgb(self, paint: Paint) -> (u8, u8, u8) {
        match (self, paint) {
            (Theme::Light, Paint::Surface) => (0xFF, 0xFF, 0xFF),
            (Theme::Light, Paint::Ink) => (0x1F, 0x23, 0x28),
            (Theme::Light, Paint::Muted) => (0x57, 0x60, 0x6A),
            (Theme::Light, Paint::Grid) => (0xD0, 0xD7, 0xDE),
            (Theme::Dark, Paint::Surface) => (0x1C, 0x1F, 0x23),
            (Theme::Dark, Paint::Ink) => (0xE6, 0xE8, 0xEB),
            (Theme::Dark, Paint::Muted) => (0xA0, 0xA8, 0xB0),
            (Theme::Dark, Paint::Grid) => (0x3A, 0x40, 0x47),
            (Theme::Light, Paint::Series(n)) => LIGHT_SERIES[usize::from(n) % 7],
            (Theme::Dark, Paint::Series(n)) => DARK_SERIES[usize::from(n) % 7],
        }
    }

    pub fn hex(self, paint: Paint) -> String {
        let (r, g, b) = self.rgb(paint);
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dashed,
    Dotted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One thing drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Paint,
    },
    /// A closed, filled polygon.
    Area {
        points: Vec<(f32, f32)>,
        fill: Paint,
    },
    Line {
        points: Vec<(f32, f32)>,
        stroke: Paint,
        width: f32,
        dash: Dash,
    },
    Dot {
        x: f32,
        y: f32,
        r: f32,
        fill: Paint,
    },
    Text {
        x: f32,
        /// The baseline.
        y: f32,
        text: String,
        size: f32,
        anchor: Anchor,
        paint: Paint,
        bold: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    CumulativeFlow,
    Throughput,
    CycleTime,
    Workload,
    Health,
}

impl ChartKind {
    /// A short name for files and element ids.
    pub fn slug(self) -> &'static str {
        match self {
            ChartKind::CumulativeFlow => "cumulative-flow",
            ChartKind::Throughput => "throughput",
            ChartKind::CycleTime => "cycle-time",
            ChartKind::Workload => "workload",
            ChartKind::Health => "team-health",
        }
    }
}

/// A chart: its title, a sentence saying what it shows (alternative text), and its marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: String,
    pub summary: String,
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
}

/// The plot area inside a chart, and the scales that map data into it.
struct Frame {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

impl Frame {
    fn standard() -> Frame {
        Frame {
            left: 52.0,
            right: WIDTH - 20.0,
            top: 56.0,
            bottom: HEIGHT - 34.0,
        }
    }

    fn x(&self, t: f64) -> f32 {
        self.left + (self.right - self.left) * t.clamp(0.0, 1.0) as f32
    }

    fn y(&self, value: f64, max: f64) -> f32 {
        let t = if max > 0.0 { value / max } else { 0.0 };
        self.bottom - (self.bottom - self.top) * t.clamp(0.0, 1.0) as f32
    }
}

/// A round axis maximum at or above `max` and its tick step: 1, 2 or 5 times a power of ten,
/// with at most five steps.
pub fn nice_scale(max: f64) -> (f64, f64) {
    if !max.is_finite() || max <= 0.0 {
        return (1.0, 1.0);
    }
    let raw = max / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    // Whole units: cards and days are counted, a half-card tick reads badly.
    let step = if max >= 1.0 { step.max(1.0) } else { step };
    ((max / step).ceil() * step, step)
}

/// A number with at most one decimal, without a trailing ".0".
pub fn number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// An amount of effort in a board's unit: "1 point", "2.5 points", "1 hour".
pub fn effort_text(value: f64, unit: &str) -> String {
    let n = number(value);
    if n == "1" {
        format!("1 {}", unit.trim_end_matches('s'))
    } else {
        format!("{n} {unit}")
    }
}

fn short_date(day: NaiveDate) -> String {
    day.format("%b %-d").to_string()
}

struct Builder {
    chart: Chart,
}

impl Builder {
    fn new(kind: ChartKind, title: &str, summary: String) -> Builder {
        let mut marks = vec![Mark::Rect {
            x: 0.0,
            y: 0.0,
            w: WIDTH,
            h: HEIGHT,
            fill: Paint::Surface,
        }];
        marks.push(text(
            16.0,
            24.0,
            title,
            15.0,
            Anchor::Start,
            Paint::Ink,
            true,
        ));
        Builder {
            chart: Chart {
                kind,
                title: title.to_owned(),
                summary,
                width: WIDTH,
                height: HEIGHT,
                marks,
            },
        }
    }

    fn push(&mut self, mark: Mark) {
        self.chart.marks.push(mark);
    }

    /// Horizontal grid lines with their values, and the unit above the axis.
    fn y_axis(&mut self, frame: &Frame, max: f64, step: f64, unit: &str) {
        let mut value = 0.0;
        while value <= max + step / 2.0 {
            let y = frame.y(value, max);
            self.push(line(
                vec![(frame.left, y), (frame.right, y)],
                Paint::Grid,
                1.0,
            ));
            self.push(text(
                frame.left - 6.0,
                y + 4.0,
                &number(value),
                11.0,
                Anchor::End,
                Paint::Muted,
                false,
            ));
            value += step;
        }
        self.push(text(
            frame.left - 6.0,
            frame.top - 10.0,
            unit,
            11.0,
            Anchor::End,
            Paint::Muted,
            false,
        ));
    }

    /// Date labels along the bottom, at most about eight.
    fn x_dates(&mut self, frame: &Frame, period: Period) {
        let days = period.days().max(1);
        let every = ((days as f64) / 8.0).ceil().max(1.0) as i64;
        let mut i = 0;
        while i < days {
            let day = period.from + chrono::Duration::days(i);
            let x = frame.x((i as f64 + 0.5) / days as f64);
            self.push(line(
                vec![(x, frame.bottom), (x, frame.bottom + 4.0)],
                Paint::Muted,
                1.0,
            ));
            self.push(text(
                x,
                frame.bottom + 17.0,
                &short_date(day),
                11.0,
                Anchor::Middle,
                Paint::Muted,
                false,
            ));
            i += every;
        }
        self.baseline(frame);
    }

    fn baseline(&mut self, frame: &Frame) {
        self.push(line(
            vec![(frame.left, frame.bottom), (frame.right, frame.bottom)],
            Paint::Muted,
            1.0,
        ));
    }

    /// A row of legend entries under the title: a swatch (or a line sample) and a name.
    fn legend(&mut self, entries: &[(&str, Paint, Option<Dash>)]) {
        // Right of the y axis' unit label, which sits at the left edge.
        let mut x = 60.0;
        let y = 42.0;
        for (name, paint, dash) in entries {
            match dash {
                None => self.push(Mark::Rect {
                    x,
                    y: y - 9.0,
                    w: 10.0,
                    h: 10.0,
                    fill: *paint,
                }),
                Some(dash) => self.push(Mark::Line {
                    points: vec![(x - 2.0, y - 4.0), (x + 14.0, y - 4.0)],
                    stroke: *paint,
                    width: 2.0,
                    dash: *dash,
                }),
            }
            let offset = if dash.is_some() { 18.0 } else { 14.0 };
            self.push(text(
                x + offset,
                y,
                name,
                11.0,
                Anchor::Start,
                Paint::Ink,
                false,
            ));
            x += offset + text_width(name, 11.0, false) + 16.0;
        }
    }

    fn empty(&mut self, frame: &Frame, message: &str) {
        self.push(text(
            (frame.left + frame.right) / 2.0,
            (frame.top + frame.bottom) / 2.0,
            message,
            13.0,
            Anchor::Middle,
            Paint::Muted,
            false,
        ));
    }
}

fn text(x: f32, y: f32, s: &str, size: f32, anchor: Anchor, paint: Paint, bold: bool) -> Mark {
    Mark::Text {
        x,
        y,
        text: s.to_owned(),
        size,
        anchor,
        paint,
        bold,
    }
}

fn line(points: Vec<(f32, f32)>, stroke: Paint, width: f32) -> Mark {
    Mark::Line {
        points,
        stroke,
        width,
        dash: Dash::Solid,
    }
}

/// Cards per stage, stacked, day by day: done at the bottom, then in progress, then not
/// started.
pub fn cumulative_flow(days: &[DayFlow], period: Period) -> Chart {
    let summary = match (days.first(), days.last()) {
        (Some(first), Some(last)) => format!(
            "Cards per stage each day from {} to {}: done went from {} to {}, in progress from {} to {}, not started from {} to {}.",
            first.day, last.day, first.done, last.done, first.in_progress, last.in_progress,
            first.not_started, last.not_started
        ),
        _ => "No days to show.".to_owned(),
    };
    let mut b = Builder::new(ChartKind::CumulativeFlow, "Cumulative flow", summary);
    let frame = Frame::standard();
    b.legend(&[
        ("Done", GREEN, None),
        ("In progress", ORANGE, None),
        ("Not started", SKY, None),
    ]);
    let max = days
        .iter()
        .map(|d| f64::from(d.done + d.in_progress + d.not_started))
        .fold(0.0, f64::max);
    let (top, step) = nice_scale(max);
    b.y_axis(&frame, top, step, "cards");
    if days.is_empty() || max == 0.0 {
        b.empty(&frame, "No cards in this period");
        b.baseline(&frame);
        return b.chart;
    }
    let total = period.days().max(1) as f64;
    // One x per day; a single day gets a narrow column rather than an invisible line.
    let mut xs: Vec<f32> = (0..days.len())
        .map(|i| frame.x((i as f64 + 0.5) / total))
        .collect();
    let mut days: Vec<&DayFlow> = days.iter().collect();
    if days.len() == 1 {
        xs = vec![xs[0] - 6.0, xs[0] + 6.0];
        days.push(days[0]);
    }
    type Height = fn(&DayFlow) -> u32;
    let bands: [(Paint, Height); 3] = [
        (GREEN, |d| d.done),
        (ORANGE, |d| d.done + d.in_progress),
        (SKY, |d| d.done + d.in_progress + d.not_started),
    ];
    let mut below: Vec<(f32, f32)> = xs.iter().map(|&x| (x, frame.y(0.0, top))).collect();
    for (paint, height) in bands {
        let upper: Vec<(f32, f32)> = xs
            .iter()
            .zip(&days)
            .map(|(&x, d)| (x, frame.y(f64::from(height(d)), top)))
            .collect();
        let mut points = upper.clone();
        points.extend(below.iter().rev().copied());
        b.push(Mark::Area {
            points,
            fill: paint,
        });
        below = upper;
    }
    b.x_dates(&frame, period);
    b.chart
}

/// Cards done per week, as bars.
pub fn throughput(weeks: &[WeekCount]) -> Chart {
    let total: u32 = weeks.iter().map(|w| w.done).sum();
    let summary = format!(
        "Cards done per week over {} weeks, {} in all{}.",
        weeks.len(),
        total,
        weeks
            .iter()
            .map(|w| format!("; week of {}: {}", w.week, w.done))
            .take(12)
            .collect::<String>()
    );
    let mut b = Builder::new(ChartKind::Throughput, "Throughput per week", summary);
    let frame = Frame::standard();
    b.legend(&[("Cards done", BLUE, None)]);
    let max = weeks.iter().map(|w| f64::from(w.done)).fold(0.0, f64::max);
    let (top, step) = nice_scale(max);
    b.y_axis(&frame, top, step, "cards");
    if weeks.is_empty() {
        b.empty(&frame, "No weeks in this period");
        b.baseline(&frame);
        return b.chart;
    }
    let slot = (frame.right - frame.left) / weeks.len() as f32;
    let bar = (slot * 0.7).min(48.0);
    let label_every = weeks.len().div_ceil(10);
    for (i, w) in weeks.iter().enumerate() {
        let cx = frame.left + slot * (i as f32 + 0.5);
        let y = frame.y(f64::from(w.done), top);
        if w.done > 0 {
            b.push(Mark::Rect {
                x: cx - bar / 2.0,
                y,
                w: bar,
                h: frame.bottom - y,
                fill: BLUE,
            });
        }
        if weeks.len() <= 16 {
            b.push(text(
                cx,
                y - 4.0,
                &w.done.to_string(),
                11.0,
                Anchor::Middle,
                Paint::Ink,
                false,
            ));
        }
        if i % label_every == 0 {
            b.push(text(
                cx,
                frame.bottom + 17.0,
                &short_date(w.week),
                11.0,
                Anchor::Middle,
                Paint::Muted,
                false,
            ));
        }
    }
    if total == 0 {
        b.empty(&frame, "Nothing was done in this period");
    }
    b.baseline(&frame);
    b.chart
}

/// Each done card at its done day and cycle time, with the 50th, 85th and 95th percentiles
/// as lines.
pub fn cycle_scatter(
    points: &[CyclePoint],
    percentiles: &Percentiles,
    period: Period,
    calendar: &Calendar,
) -> Chart {
    let lines: Vec<(&str, f64, Paint, Dash)> = [
        ("50%", percentiles.p50, GREEN, Dash::Dotted),
        ("85%", percentiles.p85, ORANGE, Dash::Dashed),
        ("95%", percentiles.p95, VERMILLION, Dash::Solid),
    ]
    .into_iter()
    .filter_map(|(name, value, paint, dash)| Some((name, value?, paint, dash)))
    .collect();
    let summary = if points.is_empty() {
        "No card was done in this period.".to_owned()
    } else {
        format!(
            "Cycle time of the {} cards done in this period{}.",
            points.len(),
            lines
                .iter()
                .map(|(name, value, _, _)| format!("; {name} took at most {} days", number(*value)))
                .collect::<String>()
        )
    };
    let mut b = Builder::new(ChartKind::CycleTime, "Cycle time", summary);
    let frame = Frame::standard();
    let mut legend: Vec<(String, Paint, Option<Dash>)> = vec![("Done card".to_owned(), BLUE, None)];
    legend.extend(lines.iter().map(|(name, value, paint, dash)| {
        (format!("{name}: {} d", number(*value)), *paint, Some(*dash))
    }));
    let legend: Vec<(&str, Paint, Option<Dash>)> = legend
        .iter()
        .map(|(n, p, d)| (n.as_str(), *p, *d))
        .collect();
    b.legend(&legend);
    let max = points
        .iter()
        .map(|p| p.days)
        .chain(lines.iter().map(|l| l.1))
        .fold(0.0, f64::max);
    let (top, step) = nice_scale(max);
    b.y_axis(&frame, top, step, "days");
    if points.is_empty() {
        b.empty(&frame, "No card was done in this period");
    }
    let start = calendar.start_of(period.from);
    let span = (calendar.end_of(period.to) - start).max(1) as f64;
    for p in points {
        b.push(Mark::Dot {
            x: frame.x((p.done_at - start) as f64 / span),
            y: frame.y(p.days, top),
            r: 3.5,
            fill: BLUE,
        });
    }
    for (_, value, paint, dash) in &lines {
        let y = frame.y(*value, top);
        b.push(Mark::Line {
            points: vec![(frame.left, y), (frame.right, y)],
            stroke: *paint,
            width: 1.5,
            dash: *dash,
        });
    }
    b.x_dates(&frame, period);
    b.chart
}

/// One person's open work, for the workload chart.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonLoad {
    pub name: String,
    /// Open effort in the board's unit; unestimated cards count as one unit.
    pub effort: f64,
    pub cards: u32,
    pub capacity: Option<f64>,
}

/// Open effort per person as horizontal bars, with each person's capacity when known.
pub fn workload(people: &[PersonLoad], unit: &str) -> Chart {
    let summary = if people.is_empty() {
        "Nobody has open work.".to_owned()
    } else {
        format!(
            "Open effort per person in {unit}: {}.",
            people
                .iter()
                .map(|p| format!("{} {} ({} cards)", p.name, number(p.effort), p.cards))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let mut b = Builder::new(ChartKind::Workload, "Workload per person", summary);
    let has_capacity = people.iter().any(|p| p.capacity.is_some());
    let mut legend = vec![("Open effort", BLUE, None)];
    if has_capacity {
        legend.push(("Over capacity", VERMILLION, None));
        legend.push(("Capacity", Paint::Ink, Some(Dash::Solid)));
    }
    b.legend(&legend);
    let frame = Frame {
        left: 150.0,
        right: WIDTH - 70.0,
        top: 56.0,
        bottom: HEIGHT - 16.0,
    };
    if people.is_empty() {
        b.empty(&frame, "Nobody has open work");
        return b.chart;
    }
    let max = people
        .iter()
        .map(|p| p.effort.max(p.capacity.unwrap_or(0.0)))
        .fold(0.0, f64::max);
    let (top, _) = nice_scale(max);
    let row = ((frame.bottom - frame.top) / people.len() as f32).min(28.0);
    let scale = |v: f64| frame.left + (frame.right - frame.left) * (v / top).clamp(0.0, 1.0) as f32;
    for (i, p) in people.iter().enumerate() {
        let y = frame.top + row * i as f32;
        let over = p.capacity.is_some_and(|c| p.effort > c);
        b.push(text(
            frame.left - 8.0,
            y + row * 0.5 + 4.0,
            &p.name,
            11.0,
            Anchor::End,
            Paint::Ink,
            false,
        ));
        let w = scale(p.effort) - frame.left;
        if w > 0.0 {
            b.push(Mark::Rect {
                x: frame.left,
                y: y + row * 0.15,
                w,
                h: row * 0.7,
                fill: if over { VERMILLION } else { BLUE },
            });
        }
        b.push(text(
            frame.left + w + 6.0,
            y + row * 0.5 + 4.0,
            &effort_text(p.effort, unit),
            11.0,
            Anchor::Start,
            Paint::Muted,
            false,
        ));
        if let Some(capacity) = p.capacity {
            let x = scale(capacity);
            b.push(line(
                vec![(x, y + 1.0), (x, y + row - 1.0)],
                Paint::Ink,
                2.0,
            ));
        }
    }
    b.push(line(
        vec![
            (frame.left, frame.top),
            (frame.left, frame.top + row * people.len() as f32),
        ],
        Paint::Muted,
        1.0,
    ));
    b.chart
}

/// The team's average mood and workload over time (aggregates only, never one person's).
pub fn health_trend(samples: &[(NaiveDate, f64, f64)]) -> Chart {
    let summary = if samples.is_empty() {
        "No team health recorded in this period.".to_owned()
    } else {
        format!(
            "Team average mood and workload over {} check-ins, last mood {} and workload {}.",
            samples.len(),
            number(samples[samples.len() - 1].1),
            number(samples[samples.len() - 1].2)
        )
    };
    let mut b = Builder::new(
        ChartKind::Health,
        "Mood and workload (team average)",
        summary,
    );
    let frame = Frame::standard();
    b.legend(&[
        ("Mood", BLUE, Some(Dash::Solid)),
        ("Workload", ORANGE, Some(Dash::Dashed)),
    ]);
    // Check-ins are on a 1 to 5 scale; other values widen the axis.
    let max = samples.iter().flat_map(|s| [s.1, s.2]).fold(5.0, f64::max);
    let (top, step) = nice_scale(max);
    b.y_axis(&frame, top, step, "score");
    if samples.is_empty() {
        b.empty(&frame, "No check-ins in this period");
        b.baseline(&frame);
        return b.chart;
    }
    let first = samples.iter().map(|s| s.0).min().unwrap_or_default();
    let last = samples.iter().map(|s| s.0).max().unwrap_or_default();
    let period = Period {
        from: first,
        to: last,
    };
    let span = period.days().max(1) as f64;
    let x = |d: NaiveDate| frame.x(((d - first).num_days() as f64 + 0.5) / span);
    for (paint, dash, value) in [
        (
            BLUE,
            Dash::Solid,
            (|s: &(NaiveDate, f64, f64)| s.1) as fn(&_) -> f64,
        ),
        (ORANGE, Dash::Dashed, |s| s.2),
    ] {
        let points: Vec<(f32, f32)> = samples
            .iter()
            .map(|s| (x(s.0), frame.y(value(s), top)))
            .collect();
        for &(px, py) in &points {
            b.push(Mark::Dot {
                x: px,
                y: py,
                r: 3.0,
                fill: paint,
            });
        }
        b.push(Mark::Line {
            points,
            stroke: paint,
            width: 2.0,
            dash,
        });
    }
    b.x_dates(&frame, period);
    b.chart
}

// --- SVG ------------------------------------------------------------------------------------

/// Escapes text for XML content and attribute values.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn coord(v: f32) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

fn points_attr(points: &[(f32, f32)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{},{}", coord(*x), coord(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The chart as a standalone SVG document (no scripts, no external references).
pub fn svg(chart: &Chart, theme: Theme) -> String {
    let mut out = String::new();
    let id = chart.kind.slug();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"Helvetica, Arial, sans-serif\">\n\
         <title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n",
        w = coord(chart.width),
        h = coord(chart.height),
        title = escape_xml(&chart.title),
        desc = escape_xml(&chart.summary),
    );
    for mark in &chart.marks {
        match mark {
            Mark::Rect { x, y, w, h, fill } => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                    coord(*x),
                    coord(*y),
                    coord(*w),
                    coord(*h),
                    theme.hex(*fill)
                );
            }
            Mark::Area { points, fill } => {
                let _ = writeln!(
                    out,
                    "<polygon points=\"{}\" fill=\"{}\"/>",
                    points_attr(points),
                    theme.hex(*fill)
                );
            }
            Mark::Line {
                points,
                stroke,
                width,
                dash,
            } => {
                let dash = match dash {
                    Dash::Solid => "",
                    Dash::Dashed => " stroke-dasharray=\"6 4\"",
                    Dash::Dotted => " stroke-dasharray=\"2 3\"",
                };
                let _ = writeln!(
                    out,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
                    points_attr(points),
                    theme.hex(*stroke),
                    coord(*width)
                );
            }
            Mark::Dot { x, y, r, fill } => {
                let _ = writeln!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
                    coord(*x),
                    coord(*y),
                    coord(*r),
                    theme.hex(*fill)
                );
            }
            Mark::Text {
                x,
                y,
                text,
                size,
                anchor,
                paint,
                bold,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "",
                    Anchor::Middle => " text-anchor=\"middle\"",
                    Anchor::End => " text-anchor=\"end\"",
                };
                let weight = if *bold { " font-weight=\"bold\"" } else { "" };
                let _ = writeln!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"{anchor}{weight}>{}</text>",
                    coord(*x),
                    coord(*y),
                    coord(*size),
                    theme.hex(*paint),
                    escape_xml(text)
                );
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

// --- text metrics ---------------------------------------------------------------------------

/// Advance widths of Helvetica and Helvetica-Bold for the printable ASCII characters, in
/// thousandths of the font size (from the standard AFM files). Other characters use the
/// width of a digit.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// The width of `text` set in Helvetica at `size` points.
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let table = if bold { &HELVETICA_BOLD } else { &HELVETICA };
    let units: u32 = text
        .chars()
        .map(|c| {
            let code = c as u32;
            if (32..127).contains(&code) {
                u32::from(table[(code - 32) as usize])
            } else {
                556
            }
        })
        .sum();
    units as f32 * size / 1000.0
}

//! The report as a PDF: A4 pages of real text in the standard Helvetica fonts (WinAnsi
//! encoding, so the text can be searched and extracted) and the charts drawn as vector
//! paths from the same marks as the SVG.
//!
//! Helvetica covers Latin-1 and a few more signs; any other character is written as "?",
//! never dropped silently and never a failure.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::{document, Block, ReportModel, Span, Status};
use crate::charts::{text_width, Anchor, Chart, Dash, Mark, Paint, Theme};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 56.0;
const BOTTOM: f32 = 64.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// Encodes text in WinAnsi (Windows-1252); characters it lacks become '?'.
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '\u{20ac}' => 0x80,
            '\u{201a}' => 0x82,
            '\u{192}' => 0x83,
            '\u{201e}' => 0x84,
            '\u{2026}' => 0x85,
            '\u{2020}' => 0x86,
            '\u{2021}' => 0x87,
            '\u{2c6}' => 0x88,
            '\u{2030}' => 0x89,
            '\u{160}' => 0x8a,
            '\u{2039}' => 0x8b,
            '\u{152}' => 0x8c,
            '\u{17d}' => 0x8e,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            '\u{2022}' => 0x95,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{2dc}' => 0x98,
            '\u{2122}' => 0x99,
            '\u{161}' => 0x9a,
            '\u{203a}' => 0x9b,
            '\u{153}' => 0x9c,
            '\u{17e}' => 0x9e,
            '\u{178}' => 0x9f,
            _ => b'?',
        })
        .collect()
}

fn rgb(theme: Theme, paint: Paint) -> (f32, f32, f32) {
    let (r, g, b) = theme.rgb(paint);
    (
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
    )
}

/// Pages being filled from the top down.
struct Pages {
    done: Vec<Content>,
    page: Content,
    y: f32,
}

impl Pages {
    fn new() -> Pages {
        Pages {
            done: Vec::new(),
            page: Content::new(),
            y: PAGE_H - MARGIN,
        }
    }

    /// Starts a new page unless `height` still fits on this one.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            let full = std::mem::replace(&mut self.page, Content::new());
            self.done.push(full);
            self.y = PAGE_H - MARGIN;
        }
    }

    fn text(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool, color: (f32, f32, f32)) {
        self.page
            .set_fill_rgb(color.0, color.1, color.2)
            .begin_text()
            .set_font(if bold { BOLD } else { REGULAR }, size)
            .next_line(x, y)
            .show(Str(&win_ansi(text)))
            .end_text();
    }

    /// Lays out spans wrapped to `width`, starting at `x`; returns the lines' count.
    fn spans(&mut self, x: f32, width: f32, spans: &[Span], size: f32) -> usize {
        let leading = size * 1.4;
        let ink = rgb(Theme::Light, Paint::Ink);
        let mut words: Vec<(String, bool)> = Vec::new();
        for span in spans {
            let (text, bold) = match span {
                Span::Plain(t) => (t, false),
                Span::Strong(t) => (t, true),
            };
            let mut first = true;
            for word in text.split(' ') {
                if !first {
                    words.push((" ".to_owned(), bold));
                }
                first = false;
                if !word.is_empty() {
                    words.push((word.to_owned(), bold));
                }
            }
        }
        // Greedy lines of runs: (text, bold).
        let mut lines: Vec<Vec<(String, bool)>> = vec![Vec::new()];
        let mut used = 0.0;
        for (word, bold) in words {
            let w = text_width(&word, size, bold);
            if word == " " {
                if used > 0.0 {
                    push_run(lines.last_mut().expect("a line"), &word, bold);
                    used += w;
                }
                continue;
            }
            if used > 0.0 && used + w > width {
                let line = lines.last_mut().expect("a line");
                if let Some(last) = line.last_mut() {
                    last.0.truncate(last.0.trim_end().len());
                }
                lines.push(Vec::new());
                used = 0.0;
            }
            // A word longer than the line is cut where it overflows.
            let mut rest = word.as_str();
            while text_width(rest, size, bold) > width {
                let mut cut = 0;
                for (i, ch) in rest.char_indices() {
                    let end = i + ch.len_utf8();
                    if cut > 0 && text_width(&rest[..end], size, bold) > width {
                        break;
                    }
                    cut = end;
                }
                push_run(lines.last_mut().expect("a line"), &rest[..cut], bold);
                lines.push(Vec::new());
                used = 0.0;
                rest = &rest[cut..];
            }
            push_run(lines.last_mut().expect("a line"), rest, bold);
            used += text_width(rest, size, bold);
        }
        let count = lines.len();
        for line in lines {
            self.room(leading);
            self.y -= leading;
            let mut cx = x;
            for (text, bold) in line {
                self.text(cx, self.y + size * 0.3, &text, size, bold, ink);
                cx += text_width(&text, size, bold);
            }
        }
        count
    }

    fn chart(&mut self, chart: &Chart) {
        let s = CONTENT_W / chart.width;
        let height = chart.height * s;
        self.room(height + 12.0);
        self.y -= 6.0;
        let top = self.y;
        let px = |x: f32| MARGIN + x * s;
        let py = |y: f32| top - y * s;
        let theme = Theme::Light;
        let c = &mut self.page;
        c.save_state();
        for mark in &chart.marks {
            match mark {
                Mark::Rect { x, y, w, h, fill } => {
                    let (r, g, b) = rgb(theme, *fill);
                    c.set_fill_rgb(r, g, b)
                        .rect(px(*x), py(*y + *h), w * s, h * s)
                        .fill_nonzero();
                }
                Mark::Area { points, fill } => {
                    if points.len() < 3 {
                        continue;
                    }
                    let (r, g, b) = rgb(theme, *fill);
                    c.set_fill_rgb(r, g, b);
                    c.move_to(px(points[0].0), py(points[0].1));
                    for p in &points[1..] {
                        c.line_to(px(p.0), py(p.1));
                    }
                    c.close_path().fill_nonzero();
                }
                Mark::Line {
                    points,
                    stroke,
                    width,
                    dash,
                } => {
                    if points.len() < 2 {
                        continue;
                    }
                    let (r, g, b) = rgb(theme, *stroke);
                    c.set_stroke_rgb(r, g, b).set_line_width(width * s);
                    match dash {
                        Dash::Solid => c.set_dash_pattern([], 0.0),
                        Dash::Dashed => c.set_dash_pattern([6.0 * s, 4.0 * s], 0.0),
                        Dash::Dotted => c.set_dash_pattern([2.0 * s, 3.0 * s], 0.0),
                    };
                    c.move_to(px(points[0].0), py(points[0].1));
                    for p in &points[1..] {
                        c.line_to(px(p.0), py(p.1));
                    }
                    c.stroke();
                }
                Mark::Dot {
                    x,
                    y,
                    r: radius,
                    fill,
                } => {
                    let (r, g, b) = rgb(theme, *fill);
                    c.set_fill_rgb(r, g, b);
                    circle(c, px(*x), py(*y), radius * s);
                    c.fill_nonzero();
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
                    let size = size * s;
                    let w = text_width(text, size, *bold);
                    let left = match anchor {
                        Anchor::Start => px(*x),
                        Anchor::Middle => px(*x) - w / 2.0,
                        Anchor::End => px(*x) - w,
                    };
                    let (r, g, b) = rgb(theme, *paint);
                    c.set_fill_rgb(r, g, b)
                        .begin_text()
                        .set_font(if *bold { BOLD } else { REGULAR }, size)
                        .next_line(left, py(*y))
                        .show(Str(&win_ansi(text)))
                        .end_text();
                }
            }
        }
        c.set_dash_pattern([], 0.0);
        c.restore_state();
        self.y -= height + 6.0;
    }

    fn finish(mut self) -> Vec<Content> {
        self.done.push(self.page);
        self.done
    }
}

fn push_run(line: &mut Vec<(String, bool)>, text: &str, bold: bool) {
    match line.last_mut() {
        Some(last) if last.1 == bold => last.0.push_str(text),
        _ => line.push((text.to_owned(), bold)),
    }
}

/// A circle as four Bézier arcs.
fn circle(c: &mut Content, cx: f32, cy: f32, r: f32) {
    let k = 0.552_284_8 * r;
    c.move_to(cx + r, cy)
        .cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r)
        .cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy)
        .cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r)
        .cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy)
        .close_path();
}

fn status_color(status: Status) -> Paint {
    match status {
        Status::Green => crate::charts::GREEN,
        Status::Amber => crate::charts::ORANGE,
        Status::Red => crate::charts::VERMILLION,
    }
}

/// The PDF file's bytes.
pub fn render(model: &ReportModel) -> Vec<u8> {
    let mut pages = Pages::new();
    let ink = rgb(Theme::Light, Paint::Ink);
    let muted = rgb(Theme::Light, Paint::Muted);
    let mut title = String::new();
    for block in document(model) {
        match block {
            Block::Title(t) => {
                pages.room(30.0);
                pages.y -= 22.0;
                pages.text(MARGIN, pages.y, &t, 20.0, true, ink);
                title = t;
            }
            Block::Byline(t) => {
                pages.y -= 18.0;
                pages.text(MARGIN, pages.y, &t, 11.0, false, muted);
                pages.y -= 6.0;
            }
            Block::Heading(t) => {
                // Keep a heading with at least two lines of what follows.
                pages.room(60.0);
                pages.y -= 26.0;
                pages.text(MARGIN, pages.y, &t, 14.0, true, ink);
                let (r, g, b) = rgb(Theme::Light, Paint::Grid);
                pages
                    .page
                    .set_stroke_rgb(r, g, b)
                    .set_line_width(0.75)
                    .move_to(MARGIN, pages.y - 5.0)
                    .line_to(PAGE_W - MARGIN, pages.y - 5.0)
                    .stroke();
                pages.y -= 8.0;
            }
            Block::Status(status, spans) => {
                pages.room(20.0);
                let top = pages.y;
                let lines = pages.spans(MARGIN + 12.0, CONTENT_W - 12.0, &spans, 11.0);
                let (r, g, b) = rgb(Theme::Light, status_color(status));
                let height = lines as f32 * 11.0 * 1.4;
                if top - height >= BOTTOM - 1.0 {
                    pages
                        .page
                        .set_fill_rgb(r, g, b)
                        .rect(MARGIN, top - height - 2.0, 5.0, height + 2.0)
                        .fill_nonzero();
                }
                pages.y -= 4.0;
            }
            Block::Paragraph(spans) => {
                pages.spans(MARGIN, CONTENT_W, &spans, 11.0);
                pages.y -= 4.0;
            }
            Block::List(items) => {
                for item in items {
                    pages.room(16.0);
                    let y = pages.y;
                    pages.text(
                        MARGIN + 4.0,
                        y - 11.0 * 1.4 + 11.0 * 0.3,
                        "\u{2022}",
                        11.0,
                        false,
                        ink,
                    );
                    pages.spans(MARGIN + 16.0, CONTENT_W - 16.0, &item, 11.0);
                    pages.y -= 2.0;
                }
                pages.y -= 4.0;
            }
            Block::Chart(index) => pages.chart(&model.charts[index]),
        }
    }
    let contents = pages.finish();
    write_pdf(contents, &title)
}

fn write_pdf(contents: Vec<Content>, title: &str) -> Vec<u8> {
    let count = contents.len();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let first = 6;
    let page_ids: Vec<Ref> = (0..count).map(|i| Ref::new(first + 2 * i as i32)).collect();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(count as i32);
    for (id, name) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
        pdf.type1_font(id)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.document_info(info)
        .title(TextStr(title))
        .producer(TextStr("Teamlead"));
    let muted = rgb(Theme::Light, Paint::Muted);
    for (index, mut content) in contents.into_iter().enumerate() {
        let footer = format!("{title} \u{b7} page {} of {count}", index + 1);
        content
            .set_fill_rgb(muted.0, muted.1, muted.2)
            .begin_text()
            .set_font(REGULAR, 9.0)
            .next_line(MARGIN, 32.0)
            .show(Str(&win_ansi(&footer)))
            .end_text();
        let page_id = page_ids[index];
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(content_id);
        page.resources()
            .fonts()
            .pair(REGULAR, regular)
            .pair(BOLD, bold);
        page.finish();
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}

//! The report as CommonMark, with each chart in an SVG file beside it.

use super::{document, Block, ReportModel, Span};

/// Backslash-escapes what CommonMark would read as markup inside a line of text, and what
/// would start a block at the start of one.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A line that starts like a list item, heading rule or ordered item stays text.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    let first = out.chars().next();
    if matches!(first, Some('-' | '+' | '=')) {
        out.insert(0, '\\');
    } else if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    out
}

fn spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Plain(t) => escape(t),
            Span::Strong(t) if t.trim().is_empty() => escape(t),
            // Emphasis must not start or end with a space: keep those outside.
            Span::Strong(t) => {
                let lead = &t[..t.len() - t.trim_start().len()];
                let trail = &t[t.trim_end().len()..];
                format!("{lead}**{}**{trail}", escape(t.trim()))
            }
        })
        .collect()
}

/// The Markdown text; `chart_files[i]` is the relative path of chart i's SVG file.
pub fn render(model: &ReportModel, chart_files: &[String]) -> String {
    let mut out = String::new();
    for block in document(model) {
        match block {
            Block::Title(t) => out.push_str(&format!("# {}\n\n", escape(&t))),
            Block::Byline(t) => out.push_str(&format!("{}\n\n", escape(&t))),
            Block::Heading(t) => out.push_str(&format!("## {}\n\n", escape(&t))),
            Block::Status(_, s) | Block::Paragraph(s) => {
                out.push_str(&spans(&s));
                out.push_str("\n\n");
            }
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", spans(&item)));
                }
                out.push('\n');
            }
            Block::Chart(index) => {
                let chart = &model.charts[index];
                if let Some(file) = chart_files.get(index) {
                    out.push_str(&format!(
                        "![{}](<{}>)\n\n",
                        escape(&format!("{}. {}", chart.title, chart.summary)),
                        file.replace('<', "%3C").replace('>', "%3E")
                    ));
                }
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

//! The report as one self-contained HTML page: inline CSS and inline SVG charts, no
//! scripts, no external references, and print rules for paper.

use super::{document, Block, ReportModel, Span, Status};
use crate::charts::{escape_xml as escape, svg, Theme};

/// The report's stylesheet, its one inline style. The app's Content Security Policy allows
/// exactly this text, by its SHA-256, so that the preview (which inherits the page's policy)
/// is styled; a test checks the hash in `tauri.conf.json` against it.
pub const STYLE: &str = "
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f8fa; color: #1f2328;
  font: 15px/1.5 -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; }
main { max-width: 760px; margin: 0 auto; padding: 32px 24px 48px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
.byline { color: #57606a; margin: 0 0 16px; }
ul { padding-left: 22px; margin: 8px 0; }
li { margin: 4px 0; }
.status { padding: 10px 14px; border-radius: 6px; border-left: 6px solid; }
.status-green { background: #e6f4ee; border-color: #009e73; }
.status-amber { background: #fdf3dc; border-color: #e69f00; }
.status-red { background: #fbe7dd; border-color: #d55e00; }
figure { margin: 16px 0; }
figure svg { width: 100%; height: auto; display: block; border: 1px solid #d0d7de; border-radius: 6px; }
figcaption { color: #57606a; font-size: 13px; margin-top: 4px; }
@media print {
  @page { size: A4; margin: 16mm; }
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure, li, .status { break-inside: avoid; }
}
";

fn spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Plain(t) => escape(t),
            Span::Strong(t) => format!("<strong>{}</strong>", escape(t)),
        })
        .collect()
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Green => "status status-green",
        Status::Amber => "status status-amber",
        Status::Red => "status status-red",
    }
}

/// The whole page. This string is both the preview and the exported file.
pub fn render(model: &ReportModel) -> String {
    let blocks = document(model);
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // Nothing may load or run: the page is a document.
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n",
    );
    out.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        escape(&title)
    ));
    let mut in_section = false;
    for block in blocks {
        match block {
            Block::Title(t) => out.push_str(&format!("<header>\n<h1>{}</h1>\n", escape(&t))),
            Block::Byline(t) => out.push_str(&format!(
                "<p class=\"byline\">{}</p>\n</header>\n",
                escape(&t)
            )),
            Block::Heading(t) => {
                if in_section {
                    out.push_str("</section>\n");
                }
                in_section = true;
                out.push_str(&format!("<section>\n<h2>{}</h2>\n", escape(&t)));
            }
            Block::Status(status, s) => out.push_str(&format!(
                "<p class=\"{}\">{}</p>\n",
                status_class(status),
                spans(&s)
            )),
            Block::Paragraph(s) => out.push_str(&format!("<p>{}</p>\n", spans(&s))),
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", spans(&item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Chart(index) => {
                let chart = &model.charts[index];
                let svg = svg(chart, Theme::Light);
                // The standalone SVG's XML namespace stays; browsers accept it inline.
                out.push_str(&format!(
                    "<figure>\n{}<figcaption>{}</figcaption>\n</figure>\n",
                    svg,
                    escape(&chart.summary)
                ));
            }
        }
    }
    if in_section {
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

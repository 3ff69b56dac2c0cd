//! The HTML the report is written in: one document, its styles inside, built with a few helpers.
//!
//! Every figure is written with its raw value beside the words (`data-figure` names it as its path in
//! the CLI's JSON, `data-value` holds the number), so a test, or a reader's script, can check it against
//! `relance collections --json` without parsing French decimals. A missing figure says why in words and
//! carries `data-missing` instead.

use crate::export::xml::escape;
use std::fmt::Write;

/// Escapes text for HTML content and attributes (the engine's one XML escaper: `&`, `<`, `>`, quotes;
/// characters XML forbids dropped).
pub fn esc(s: &str) -> String {
    escape(s)
}

/// The styles: A4 landscape pages, one section per page, tables that break between rows, charts that
/// fit the page. System fonts only: nothing is fetched.
pub const STYLE: &str = r#"
@page { size: A4 landscape; margin: 12mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2733; margin: 0 auto; max-width: 1200px; padding: 24px; font-size: 14px; line-height: 1.45; background: #fff; }
header.cover { border-bottom: 3px solid #1f4e79; margin-bottom: 16px; padding-bottom: 8px; }
header.cover h1 { margin: 0 0 4px; font-size: 26px; color: #1f4e79; }
.meta { color: #4a5866; margin: 2px 0; }
.privacy { color: #2e7d32; font-weight: 600; }
section { margin: 28px 0; }
section + section { break-before: page; page-break-before: always; }
h2 { font-size: 20px; color: #1f4e79; border-bottom: 1px solid #c9d3dd; padding-bottom: 4px; margin: 0 0 12px; }
h3 { font-size: 16px; margin: 18px 0 8px; break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 13px; }
th, td { border-bottom: 1px solid #dde3e9; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef2f6; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 10px; margin: 8px 0 12px; }
.kpi { border: 1px solid #d3dbe3; border-radius: 6px; padding: 8px 10px; break-inside: avoid; page-break-inside: avoid; }
.kpi .label { font-size: 12px; color: #4a5866; }
.kpi .value { font-size: 20px; font-weight: 650; }
.kpi .def { font-size: 11px; color: #5c6b7a; margin-top: 4px; }
.missing { color: #8a4b00; background: #fff6e5; border-left: 3px solid #e0a100; padding: 4px 8px; margin: 6px 0; }
.note, .caveat { color: #4a5866; font-size: 12.5px; }
.caveat { font-style: italic; }
figure { margin: 8px 0 12px; break-inside: avoid; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 12px; color: #4a5866; margin-top: 4px; }
.chips span { display: inline-block; border: 1px solid #c9d3dd; border-radius: 12px; padding: 1px 10px; margin: 2px 4px 2px 0; font-size: 12.5px; }
ol.findings li { margin-bottom: 8px; }
footer { margin-top: 24px; border-top: 1px solid #c9d3dd; padding-top: 8px; color: #4a5866; font-size: 12px; }
@media print { body { padding: 0; max-width: none; } figure svg { max-height: 165mm; width: auto; margin: 0 auto; } a { color: inherit; text-decoration: none; } }
"#;

/// The document being written.
pub struct Html {
    out: String,
}

/// A table cell: text, right-aligned number, or a figure with its raw value.
pub enum Cell {
    /// Text.
    Text(String),
    /// A number as shown, right-aligned.
    Num(String),
    /// A figure: its key, raw value, and the value as shown.
    Figure(String, Option<f64>, String),
}

impl Html {
    /// An empty document.
    pub fn new() -> Html {
        Html {
            out: String::with_capacity(256 * 1024),
        }
    }

    /// Raw markup (already escaped or generated here).
    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// The text.
    pub fn finish(self) -> String {
        self.out
    }

    /// Opens a section: `id` names it for links and tests.
    pub fn section(&mut self, id: &str, title: &str) {
        let _ = write!(
            self.out,
            r#"<section id="{id}" data-section="{id}"><h2>{}</h2>"#,
            esc(title)
        );
    }

    /// Closes a section.
    pub fn end_section(&mut self) {
        self.out.push_str("</section>");
    }

    /// A sub-heading.
    pub fn h3(&mut self, title: &str) {
        let _ = write!(self.out, "<h3>{}</h3>", esc(title));
    }

    /// A paragraph of text.
    pub fn p(&mut self, class: &str, text: &str) {
        if class.is_empty() {
            let _ = write!(self.out, "<p>{}</p>", esc(text));
        } else {
            let _ = write!(self.out, r#"<p class="{class}">{}</p>"#, esc(text));
        }
    }

    /// Something the report cannot show, and why: `what` names it for tests.
    pub fn missing(&mut self, what: &str, text: &str) {
        let _ = write!(
            self.out,
            r#"<p class="missing" data-missing="{}">{}</p>"#,
            esc(what),
            esc(text)
        );
    }

    /// Opens a grid of figures.
    pub fn kpis_start(&mut self) {
        self.out.push_str(r#"<div class="kpis">"#);
    }

    /// Closes a grid of figures.
    pub fn kpis_end(&mut self) {
        self.out.push_str("</div>");
    }

    /// One figure in a grid: label, value as shown (with its key and raw value), and a definition.
    pub fn kpi(&mut self, key: &str, raw: Option<f64>, label: &str, shown: &str, def: &str) {
        let _ = write!(
            self.out,
            r#"<div class="kpi"><div class="label">{}</div><div class="value"{}>{}</div>"#,
            esc(label),
            figure_attrs(key, raw),
            esc(shown)
        );
        if !def.is_empty() {
            let _ = write!(self.out, r#"<div class="def">{}</div>"#, esc(def));
        }
        self.out.push_str("</div>");
    }

    /// A table: headers (a leading `#` right-aligns the column) and rows of cells. `id` names it.
    pub fn table(&mut self, id: &str, headers: &[&str], rows: &[Vec<Cell>]) {
        let _ = write!(self.out, r#"<table data-table="{id}"><thead><tr>"#);
        for h in headers {
            match h.strip_prefix('#') {
                Some(h) => {
                    let _ = write!(self.out, r#"<th class="num">{}</th>"#, esc(h));
                }
                None => {
                    let _ = write!(self.out, "<th>{}</th>", esc(h));
                }
            }
        }
        self.out.push_str("</tr></thead><tbody>");
        for row in rows {
            self.out.push_str("<tr>");
            for c in row {
                match c {
                    Cell::Text(s) => {
                        let _ = write!(self.out, "<td>{}</td>", esc(s));
                    }
                    Cell::Num(s) => {
                        let _ = write!(self.out, r#"<td class="num">{}</td>"#, esc(s));
                    }
                    Cell::Figure(key, raw, shown) => {
                        let _ = write!(
                            self.out,
                            r#"<td class="num"{}>{}</td>"#,
                            figure_attrs(key, *raw),
                            esc(shown)
                        );
                    }
                }
            }
            self.out.push_str("</tr>");
        }
        self.out.push_str("</tbody></table>");
    }

    /// A chart (inline SVG written by the engine) with its caption.
    pub fn figure(&mut self, id: &str, svg: &str, caption: &str) {
        let _ = write!(
            self.out,
            r#"<figure data-chart="{id}">{svg}<figcaption>{}</figcaption></figure>"#,
            esc(caption)
        );
    }

    /// A list of items as chips.
    pub fn chips(&mut self, id: &str, items: &[String]) {
        let _ = write!(self.out, r#"<p class="chips" data-chips="{id}">"#);
        for i in items {
            let _ = write!(self.out, "<span>{}</span>", esc(i));
        }
        self.out.push_str("</p>");
    }
}

impl Default for Html {
    fn default() -> Self {
        Html::new()
    }
}

/// `data-figure` and `data-value` (or `data-missing` when there is no value).
fn figure_attrs(key: &str, raw: Option<f64>) -> String {
    match raw.filter(|v| v.is_finite()) {
        Some(v) => format!(r#" data-figure="{}" data-value="{v}""#, esc(key)),
        None => format!(r#" data-figure="{}" data-missing="1""#, esc(key)),
    }
}

/// The words of a document as a reader takes them in: the style sheet and the tags dropped (each tag
/// a space), the entities [`esc`] writes read back. What the tests check the report's wording on.
pub fn plain_text(html: &str) -> String {
    let html = match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!("{}{}", &html[..a], &html[b..]),
        _ => html.to_string(),
    };
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

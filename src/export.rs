//! Downloads made in the page: text files (SVG, CSV) and PNG images rendered from SVG, all through
//! `blob:` URLs, so nothing leaves the browser.

use relance_engine::export::csv::{cell, CsvWriter};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement, Url};

/// Starts a download of a URL under a file name.
pub fn click_download(url: &str, name: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(a) = doc.create_element("a") else {
        return;
    };
    let a: HtmlAnchorElement = a.unchecked_into();
    a.set_href(url);
    a.set_download(name);
    a.set_attribute("style", "display:none").ok();
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
}

fn blob_of(text: &str, mime: &str) -> Option<Blob> {
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&JsValue::from_str(text)), &opts)
        .ok()
}

/// Saves a blob (a recorded video) as a file.
pub fn download_blob(name: &str, blob: &Blob) {
    let Ok(url) = Url::create_object_url_with_blob(blob) else {
        return;
    };
    click_download(&url, name);
    let _ = Url::revoke_object_url(&url);
}

/// Saves text as a file.
pub fn download_text(name: &str, mime: &str, text: &str) {
    let Some(blob) = blob_of(text, mime) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    click_download(&url, name);
    let _ = Url::revoke_object_url(&url);
}

/// Renders SVG text to a PNG at `scale` times its size and saves it. `on_error` gets a message for the
/// user when the picture cannot be made (the SVG does not load, the canvas is refused or too large), so
/// the button never fails silently.
pub fn download_png(
    name: &str,
    svg: &str,
    width: f64,
    height: f64,
    scale: f64,
    on_error: impl FnOnce(String) + 'static,
) {
    // Called at most once, from whichever step fails.
    let report = Rc::new(RefCell::new(Some(on_error)));
    let fail = {
        let report = report.clone();
        move |why: &str| {
            if let Some(f) = report.borrow_mut().take() {
                f(t!("png-failed", why = why.to_string()));
            }
        }
    };
    let Some(blob) = blob_of(svg, "image/svg+xml") else {
        return fail(&t!("png-not-prepared"));
    };
    let Ok(svg_url) = Url::create_object_url_with_blob(&blob) else {
        return fail(&t!("png-not-prepared"));
    };
    let Ok(img) = HtmlImageElement::new() else {
        return fail(&t!("png-not-prepared"));
    };
    let name = name.to_string();
    let img2 = img.clone();
    let url2 = svg_url.clone();
    let fail_load = fail.clone();
    let onload = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url2);
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return fail_load("no document");
        };
        let Ok(canvas) = doc.create_element("canvas") else {
            return fail_load("no canvas");
        };
        let canvas: HtmlCanvasElement = canvas.unchecked_into();
        canvas.set_width((width * scale).ceil() as u32);
        canvas.set_height((height * scale).ceil() as u32);
        let Ok(Some(ctx)) = canvas.get_context("2d") else {
            return fail_load(&t!("png-too-large-canvas"));
        };
        let ctx: web_sys::CanvasRenderingContext2d = ctx.unchecked_into();
        let _ = ctx.scale(scale, scale);
        if ctx
            .draw_image_with_html_image_element(&img2, 0.0, 0.0)
            .is_err()
        {
            return fail_load(&t!("png-not-drawn"));
        }
        let fail_blob = fail_load.clone();
        let done = Closure::once_into_js(move |blob: Option<Blob>| {
            let url = blob.and_then(|b| Url::create_object_url_with_blob(&b).ok());
            match url {
                Some(url) => {
                    click_download(&url, &name);
                    let _ = Url::revoke_object_url(&url);
                }
                // `toBlob` gives null when the canvas is too large to encode.
                None => fail_blob(&t!("png-too-large")),
            }
        });
        if canvas.to_blob(done.unchecked_ref()).is_err() {
            fail_load(&t!("png-not-encoded"));
        }
    });
    let url3 = svg_url.clone();
    let onerror = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url3);
        fail(&t!("png-svg-unreadable"));
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_onerror(Some(onerror.unchecked_ref()));
    img.set_src(&svg_url);
}

/// A CSV cell, quoted and neutralised against formula injection by the engine's one CSV writer
/// ([`relance_engine::export::csv`]).
pub fn csv_cell(s: &str) -> String {
    cell(s).into_owned()
}

/// Rows as CSV text (with the byte-order mark Excel needs for accents).
pub fn csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = CsvWriter::new(header);
    for r in rows {
        w.row(r);
    }
    w.finish()
}

/// An HTML table as CSV, for the "CSV" buttons. A cell's `data-csv` attribute, when present, is
/// written instead of its text: formatted numbers ("3.2 d", "45.6 %", "1 234") carry their raw value
/// there. A cell with a `<select>` gives the selected value. Action cells (buttons, checkboxes) and
/// their empty headers are left out.
pub fn table_csv(table_id: &str) -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let table = doc.get_element_by_id(table_id)?;
    let rows = table.query_selector_all("tr").ok()?;
    let mut out = CsvWriter::headless();
    for i in 0..rows.length() {
        let Some(row) = rows
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let Ok(cells) = row.query_selector_all("th, td") else {
            continue;
        };
        let mut line: Vec<String> = Vec::new();
        for j in 0..cells.length() {
            let Some(cell) = cells
                .item(j)
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                continue;
            };
            if let Some(raw) = cell.get_attribute("data-csv") {
                line.push(raw.trim().to_string());
                continue;
            }
            if let Some(select) = cell
                .query_selector("select")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                line.push(select.value().trim().to_string());
                continue;
            }
            // Action cells (buttons, checkboxes) and their empty headers are not data.
            let text = cell.inner_text();
            // A count shown with thin thousands separators ("150 370") is written as a number.
            let text = if is_grouped_count(text.trim()) {
                text.trim().replace('\u{202f}', "")
            } else {
                text.replace(['\u{202f}', '\u{a0}'], " ")
            };
            let action = cell
                .query_selector("button, input")
                .ok()
                .flatten()
                .is_some();
            if action || (cell.tag_name() == "TH" && text.trim().is_empty()) {
                continue;
            }
            line.push(text.trim().to_string());
        }
        out.row(line);
    }
    Some(out.finish())
}

/// Whether text is a count with thin-space thousands separators, as `format::count` writes it.
fn is_grouped_count(t: &str) -> bool {
    !t.is_empty()
        && t.split('\u{202f}').enumerate().all(|(i, g)| {
            !g.is_empty()
                && g.len() <= 3
                && (i == 0 || g.len() == 3)
                && g.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Downloads a table as CSV.
pub fn download_table(table_id: &str, file: &str) {
    if let Some(text) = table_csv(table_id) {
        download_text(file, "text/csv", &text);
    }
}

/// Width and height written on an `<svg>` element's `width`/`height` attributes (plotters and the map
/// write them), for PNG rendering.
pub fn svg_size(svg: &str) -> (f64, f64) {
    let attr = |name: &str| {
        let key = format!(" {name}=\"");
        let start = svg.find(&key)? + key.len();
        let end = svg[start..].find('"')? + start;
        svg[start..end].trim_end_matches("px").parse::<f64>().ok()
    };
    (
        attr("width").unwrap_or(640.0),
        attr("height").unwrap_or(360.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_goes_through_the_engine_writer() {
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("-12.5"), "-12.5");
        assert_eq!(
            csv_cell("Reminder 2 sent;=1+1;"),
            "\"Reminder 2 sent;=1+1;\""
        );
        assert!(is_grouped_count("150\u{202f}370"));
        assert!(is_grouped_count("12"));
        assert!(!is_grouped_count("1\u{202f}23"));
        assert!(!is_grouped_count("12 d"));
        assert_eq!(
            csv(&["a", "b"], vec![vec!["1".into(), "@x".into()]]),
            "\u{feff}a,b\n1,'@x\n"
        );
    }
}

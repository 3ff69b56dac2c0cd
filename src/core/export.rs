//! Downloads made in the page: text files (SVG, CSV) and PNG images rendered from SVG, all through
//! `blob:` URLs, so nothing leaves the browser. CSV goes through the engine's one writer
//! ([`relance_engine::export::csv`]): quoting, formula neutralising, the byte-order mark Excel needs.

use relance_engine::export::csv::CsvWriter;
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

/// Rows as CSV text (with the byte-order mark Excel needs for accents).
pub fn csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = CsvWriter::new(header);
    for r in rows {
        w.row(r);
    }
    w.finish()
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
        assert_eq!(
            csv(&["a", "b"], vec![vec!["1".into(), "@x".into()]]),
            "\u{feff}a,b\n1,'@x\n"
        );
        assert_eq!(
            csv(
                &["=SUM(A1)"],
                vec![vec!["-12.5".into()], vec!["Reminder 2 sent;=1+1;".into()]]
            ),
            "\u{feff}'=SUM(A1)\n-12.5\n\"Reminder 2 sent;=1+1;\"\n"
        );
    }
}

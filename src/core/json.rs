//! JSON files the user opens on the page (a view, a rule pack, a mapping, a summary document), read
//! with the browser's own parser.
//!
//! Why not `serde_json` as the engine and CLI do: the page's wasm already holds a serde-wasm-bindgen
//! decoder for each of these types (they travel to and from the workers); a second, `serde_json`
//! decoder of the same types cost about 40 KB of the first visit's gzipped wasm, whose budget is 1 MB.
//! So the text goes through `JSON.parse` (syntax errors with the browser's position) and then through
//! the decoder already there. Natively (the app's unit tests) it is `serde_json`, as in the engine.

use relance_engine::Error;
use serde::de::DeserializeOwned;

/// Reads `text` as a `T`; `what` names the document in the error ("invalid view file: ...").
pub fn read<T: DeserializeOwned>(text: &str, what: &'static str) -> Result<T, Error> {
    parse(text).map_err(|message| Error::Json { what, message })
}

#[cfg(target_arch = "wasm32")]
fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    use wasm_bindgen::JsCast;
    let value = js_sys::JSON::parse(text).map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "not JSON".to_string())
    })?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

#[cfg(not(target_arch = "wasm32"))]
fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use relance_engine::collections::RoleMap;

    #[test]
    fn names_the_document_in_errors() {
        let e = read::<RoleMap>("{", "mapping file")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("invalid mapping file: "), "{e}");
    }

    #[test]
    fn the_built_in_rule_packs_read() {
        use relance_engine::collections::compliance::{RulePack, BUILTIN_PACKS_JSON};
        for text in BUILTIN_PACKS_JSON {
            let pack: RulePack = read(text, "rule pack").unwrap();
            pack.validate().unwrap();
            assert!(!pack.rules.is_empty());
        }
    }
}

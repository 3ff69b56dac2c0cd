//! The interface's words in English and French: one Fluent message file per language
//! (`locales/en.ftl`, `locales/fr.ftl`, compiled in), looked up by key.
//!
//! The language follows the browser (`navigator.language`), can be switched in the header, and the
//! choice is kept for the session (`sessionStorage`, which never leaves the browser). The page and the
//! worker each hold the current language: views read it through [`t!`], the worker's charts and detail
//! lines too (the page tells the worker with a `SetLanguage` request). Numbers and dates follow it in
//! [`crate::core::format`].
//!
//! Fluent's Unicode isolation marks are off: the texts go into HTML and SVG, where they would show as
//! stray characters in exports.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use std::cell::{Cell, RefCell};

pub use relance_engine::insights::Language;

const EN: &str = include_str!("../../locales/en.ftl");
const FR: &str = include_str!("../../locales/fr.ftl");

struct Bundles {
    en: FluentBundle<FluentResource>,
    fr: FluentBundle<FluentResource>,
}

fn bundle(lang: &str, source: &str) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut b = FluentBundle::new(vec![id]);
    b.set_use_isolating(false);
    // A message file with a syntax error still loads its good entries (the tests check the files).
    let res = match FluentResource::try_new(source.to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let _ = b.add_resource(res);
    b
}

thread_local! {
    static CURRENT: Cell<Language> = const { Cell::new(Language::En) };
    static BUNDLES: RefCell<Option<Bundles>> = const { RefCell::new(None) };
}

/// The language texts are in now.
pub fn language() -> Language {
    CURRENT.with(|c| c.get())
}

/// Switches the language of later texts.
pub fn set_language(l: Language) {
    CURRENT.with(|c| c.set(l));
}

/// The message `key` with its arguments, in the current language; the English text when French lacks
/// it, and the key itself when both do (a missing message shows, it never panics).
pub fn text(key: &str, args: Option<&FluentArgs>) -> String {
    BUNDLES.with(|b| {
        let mut b = b.borrow_mut();
        let b = b.get_or_insert_with(|| Bundles {
            en: bundle("en", EN),
            fr: bundle("fr", FR),
        });
        let order: [&FluentBundle<FluentResource>; 2] = match language() {
            Language::En => [&b.en, &b.en],
            Language::Fr => [&b.fr, &b.en],
        };
        for bundle in order {
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
            }
        }
        key.to_string()
    })
}

/// Arguments for [`text`] from pairs.
pub fn args<'a>(pairs: &[(&'a str, FluentValue<'a>)]) -> FluentArgs<'a> {
    let mut a = FluentArgs::new();
    for (k, v) in pairs {
        a.set(*k, v.clone());
    }
    a
}

/// `t!("key")` or `t!("key", name = value, ...)`: a message in the current language. Values may be
/// strings or numbers (numbers select plural forms; format them first to show them).
#[macro_export]
macro_rules! t {
    ($key:expr) => {
        $crate::core::i18n::text($key, None)
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::core::i18n::text(
            $key,
            Some(&$crate::core::i18n::args(&[$((stringify!($name), ::fluent_bundle::FluentValue::from($value))),+])),
        )
    };
}

/// The language the browser asks for: French when its first language is French.
pub fn browser_language() -> Language {
    let lang = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| n.language())
        .unwrap_or_default();
    if lang.to_ascii_lowercase().starts_with("fr") {
        Language::Fr
    } else {
        Language::En
    }
}

const STORAGE_KEY: &str = "relance-language";

/// The language chosen earlier in this session, else the browser's.
pub fn initial_language() -> Language {
    let stored = web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    match stored.as_deref() {
        Some("fr") => Language::Fr,
        Some("en") => Language::En,
        _ => browser_language(),
    }
}

/// Keeps the choice for the session.
pub fn remember(l: Language) {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(
            STORAGE_KEY,
            match l {
                Language::En => "en",
                Language::Fr => "fr",
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message of one file is in the other, and both parse without error.
    #[test]
    fn message_files_parse_and_have_the_same_keys() {
        let keys = |src: &str, name: &str| {
            let res = FluentResource::try_new(src.to_string())
                .unwrap_or_else(|(_, e)| panic!("{name}: {e:?}"));
            let mut keys: Vec<String> = res
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect();
            keys.sort();
            keys
        };
        let (en, fr) = (keys(EN, "en.ftl"), keys(FR, "fr.ftl"));
        let missing: Vec<_> = en.iter().filter(|k| !fr.contains(k)).collect();
        let extra: Vec<_> = fr.iter().filter(|k| !en.contains(k)).collect();
        assert!(missing.is_empty(), "missing in fr.ftl: {missing:?}");
        assert!(extra.is_empty(), "only in fr.ftl: {extra:?}");
    }

    #[test]
    fn texts_follow_the_language_with_arguments() {
        set_language(Language::Fr);
        assert_eq!(crate::t!("tab-map"), "Carte des processus");
        assert_eq!(
            crate::t!("map-stats-cases", cases = "5 000"),
            "5 000 dossiers"
        );
        set_language(Language::En);
        assert_eq!(crate::t!("tab-map"), "Process map");
        assert_eq!(crate::t!("no-such-key"), "no-such-key");
    }

    /// Every activity role and column role the engine knows has its name in both languages (a new role
    /// would otherwise show as its key in the roles editor and in "not available" reasons).
    #[test]
    fn every_role_has_a_name() {
        use relance_engine::collections::ActivityRole;
        use relance_engine::import::ColumnRole;
        for lang in [Language::En, Language::Fr] {
            set_language(lang);
            for r in ActivityRole::all() {
                if let ActivityRole::Reminder { .. } = r {
                    continue;
                }
                let key = format!("role-{}", r.key());
                assert_ne!(text(&key, None), key, "{lang:?}");
            }
            for r in ColumnRole::ALL {
                let key = format!("colrole-{}", r.key());
                assert_ne!(text(&key, None), key, "{lang:?}");
            }
        }
        set_language(Language::En);
    }

    #[test]
    fn counts_choose_the_plural_form() {
        set_language(Language::Fr);
        assert_eq!(crate::t!("n-cases", count = 1u64, cases = "1"), "1 dossier");
        assert_eq!(
            crate::t!("n-cases", count = 1234u64, cases = "1 234"),
            "1 234 dossiers"
        );
        assert_eq!(
            crate::t!("na-not-recognised", roles = "paiement reçu"),
            "aucune activité reconnue comme paiement reçu"
        );
        set_language(Language::En);
        assert_eq!(
            crate::t!("save-without", count = 1usize),
            "Save without it (drops 1 filter)"
        );
        assert_eq!(
            crate::t!("save-without", count = 3usize),
            "Save without it (drops 3 filters)"
        );
    }
}

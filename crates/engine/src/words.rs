//! The bottom layer's words: the interface language and numbers worded in it. "63 %", "1,234.5" in
//! English, "1 234,5" in French; amounts in k / M with the log's currency ("4.1 M€"). Every layer that
//! writes a sentence or a chip (filters, collections, insights, forecast, conformance) words its numbers
//! here, so they read the same everywhere.

use serde::{Deserialize, Serialize};

/// Language of the sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl Language {
    /// The language's code (`en`, `fr`), as in the `translations` of rule packs.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }

    /// Parses `en` / `fr`.
    pub fn from_key(key: &str) -> Option<Language> {
        match key.to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Language::En),
            "fr" | "french" | "français" | "francais" => Some(Language::Fr),
            _ => None,
        }
    }
}

/// A number with `decimals` decimals and thousands separators.
pub fn number(x: f64, decimals: usize, lang: Language) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let (sep, dec) = match lang {
        Language::En => (',', '.'),
        Language::Fr => (' ', ','),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(ch);
    }
    let sign = if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{dec}{frac}")
    }
}

/// A rate as a percentage: whole percents from 10 %, one decimal below.
pub fn percent(p: f64, lang: Language) -> String {
    format!("{} %", percent_number(p, lang))
}

/// A rate as a percentage without the sign: whole percents from 10, one decimal below.
pub fn percent_number(p: f64, lang: Language) -> String {
    let x = p * 100.0;
    number(x, if x.abs() < 10.0 { 1 } else { 0 }, lang)
}

/// An amount in k / M with the currency: "4.1 M€", "12 k€", "950 €".
pub fn money(x: f64, currency: Option<&str>, lang: Language) -> String {
    let unit = match currency {
        Some("EUR") | Some("€") => "€".to_string(),
        Some("USD") | Some("$") => "$".to_string(),
        Some("GBP") | Some("£") => "£".to_string(),
        Some(c) => format!(" {c}"),
        None => String::new(),
    };
    let a = x.abs();
    let (v, scale) = if a >= 1e6 {
        (x / 1e6, "M")
    } else if a >= 1e4 {
        (x / 1e3, "k")
    } else {
        (x, "")
    };
    let decimals = if scale == "M" && v.abs() < 100.0 {
        1
    } else {
        0
    };
    let n = number(v, decimals, lang);
    match (scale, unit.starts_with(' '), unit.is_empty()) {
        ("", _, true) => n,
        ("", false, false) => format!("{n} {unit}"),
        (s, _, true) => format!("{n} {s}"),
        (s, false, false) => format!("{n} {s}{unit}"),
        (s, true, _) => format!("{n} {s}{unit}").replace("  ", " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(number(1234.5, 1, Language::En), "1,234.5");
        assert_eq!(number(1234.5, 1, Language::Fr), "1 234,5");
        assert_eq!(number(-1_234_567.0, 0, Language::En), "−1,234,567");
        assert_eq!(number(-0.01, 0, Language::En), "0");
        assert_eq!(percent(0.634, Language::Fr), "63 %");
        assert_eq!(percent(0.0432, Language::Fr), "4,3 %");
        assert_eq!(money(4_123_456.0, Some("EUR"), Language::En), "4.1 M€");
        assert_eq!(money(4_123_456.0, Some("EUR"), Language::Fr), "4,1 M€");
        assert_eq!(money(12_345.0, Some("CHF"), Language::En), "12 k CHF");
        assert_eq!(money(950.0, None, Language::En), "950");
    }
}

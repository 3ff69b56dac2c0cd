//! Text inside XML (SVG) documents: markup characters escaped and characters XML 1.0 forbids removed.
//!
//! XML 1.0 (section 2.2, production `Char`) allows TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and
//! U+10000–U+10FFFF. Anything else (the other C0 controls, U+FFFE, U+FFFF; surrogates cannot occur in a
//! Rust `str`) makes the whole document ill-formed, so an exported SVG would not open and a PNG rendered
//! from it would fail. Such characters reach activity names through CSV cells or XES `&#1;` references.

/// Whether XML 1.0 allows the character.
pub fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}')
}

/// Escapes text for XML content and attribute values (`& < > " '`) and drops the characters XML
/// forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape("A\u{1}B\u{0}C\u{1b}D\u{1f}"), "ABCD");
        assert_eq!(escape("x\u{fffe}y\u{ffff}z"), "xyz");
        // Allowed: TAB, LF, CR, the rest of the BMP outside the specials, and astral characters.
        assert_eq!(
            escape("a\tb\nc\rd é \u{fffd} 😀"),
            "a\tb\nc\rd é \u{fffd} 😀"
        );
        assert_eq!(escape("\u{7f}\u{85}"), "\u{7f}\u{85}");
    }
}

//! Readable (non-JSON) output. Every string that comes from the user's files (activity names, column
//! names, values, notes, rule texts, paths in error messages) goes through [`clean`] first, so a log
//! cannot send escape sequences to the terminal (window titles, OSC 8 links, screen clears).

use crate::lang::{num, pct, t, tf};
use relance_engine::analysis::Summary;
use relance_engine::import::ImportReport;
use std::borrow::Cow;
use std::io::{Result, Write};

/// Whether a character must not reach a terminal as is: C0 controls (TAB, CR and LF included: inside one
/// field they would break the table), DEL, C1 controls (U+0080–U+009F, which some terminals read as
/// escape introducers, e.g. U+009B CSI), and the bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) that reorder what is displayed.
fn unsafe_for_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// User text with every character a terminal would act on written as a visible Rust-style escape:
/// `"\x1b]0;hi"` becomes `\u{1b}]0;hi`.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_for_terminal) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_for_terminal(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn duration(s: f64) -> String {
    if !s.is_finite() {
        return "-".into();
    }
    let d = s / 86_400.0;
    if d >= 1.0 {
        format!("{} {}", num(d, 1), t("unit-day"))
    } else if s >= 3600.0 {
        format!("{} h", num(s / 3600.0, 1))
    } else if s >= 60.0 {
        format!("{} min", num(s / 60.0, 1))
    } else {
        format!("{} s", num(s, 0))
    }
}

/// How the file was read: format, encoding, rows read and skipped, the first problems with their
/// line and column, and the import's notes (unreadable values, time zones). Every command that reads
/// a file prints it (`analyze` in its summary, the others on standard error), so a skipped row is
/// never silent.
pub fn import(out: &mut impl Write, r: &ImportReport) -> Result<()> {
    write!(
        out,
        "{}: {:?}, {}",
        t("import"),
        r.format,
        r.encoding.name()
    )?;
    if let Some(d) = r.delimiter {
        write!(out, ", {} {:?}", t("delimiter"), d)?;
    }
    writeln!(
        out,
        ", {}",
        tf(
            "rows",
            &[
                ("rows", &r.rows),
                ("skipped", &r.skipped_rows),
                ("format", &clean(&r.timestamp_format.to_string())),
            ]
        )
    )?;
    for p in r.problems.iter().take(5) {
        writeln!(
            out,
            "  {}",
            tf(
                "problem",
                &[
                    ("line", &p.line),
                    ("column", &clean(&p.column)),
                    ("message", &clean(&p.message)),
                    ("value", &clean(&p.value)),
                ]
            )
        )?;
    }
    for n in &r.notes {
        writeln!(out, "  {}: {}", t("note"), clean(n))?;
    }
    Ok(())
}

pub fn summary(out: &mut impl Write, s: &Summary, r: &ImportReport) -> Result<()> {
    let l = &s.log;
    writeln!(
        out,
        "{}",
        tf(
            "summary",
            &[
                ("cases", &l.cases),
                ("events", &l.events),
                ("activities", &l.activities),
                ("variants", &l.variants),
                ("first", &clean(l.first_event.as_deref().unwrap_or("-"))),
                ("last", &clean(l.last_event.as_deref().unwrap_or("-"))),
            ]
        )
    )?;
    import(out, r)?;
    let cd = &s.case_duration_s;
    writeln!(
        out,
        "{}",
        tf(
            "case-duration",
            &[
                ("median", &duration(cd.median)),
                ("mean", &duration(cd.mean)),
                ("p90", &duration(cd.p90)),
                ("max", &duration(cd.max)),
            ]
        )
    )?;
    writeln!(out, "\n{}", t("activities-head"))?;
    for a in &s.activities {
        writeln!(out, "  {:>9} {:>9}  {}", a.events, a.cases, clean(&a.name))?;
    }
    writeln!(out, "\n{}", t("paths-head"))?;
    for e in s.dfg.iter().take(15) {
        writeln!(
            out,
            "  {:>9} {:>9}  {} -> {}",
            e.count,
            duration(e.median_s),
            clean(&e.from),
            clean(&e.to)
        )?;
    }
    writeln!(out, "\n{}", t("variants-head"))?;
    for v in s.variants.iter().take(10) {
        writeln!(
            out,
            "  {:>9} {:>6} {:>9}  {}",
            v.cases,
            match crate::lang::current() {
                relance_engine::insights::Language::En => format!("{:.1}%", v.share * 100.0),
                relance_engine::insights::Language::Fr => pct(v.share),
            },
            duration(v.median_duration_s),
            clean(&v.activities.join(" > "))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(clean("Relance envoyée"), "Relance envoyée");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
        assert_eq!(clean("\x1b]0;pwned\x07"), "\\u{1b}]0;pwned\\u{7}");
        assert_eq!(
            clean("\x1b]8;;http://x\x1b\\link"),
            "\\u{1b}]8;;http://x\\u{1b}\\link"
        );
        assert_eq!(clean("a\tb\r\nc\0"), "a\\u{9}b\\u{d}\\u{a}c\\u{0}");
        assert_eq!(clean("\u{9b}2J\u{7f}"), "\\u{9b}2J\\u{7f}");
        assert_eq!(clean("abc\u{202e}fed"), "abc\\u{202e}fed");
    }
}

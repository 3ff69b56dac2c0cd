//! The engine's import sentences (problems, notes, errors) in the interface's language.
//!
//! The engine writes them in English and gives most of them a key and arguments
//! ([`relance_engine::import::Message`]); the message files hold each key (`imp-…`, `err-…`) in both
//! languages. A sentence without a key, or with a key this version does not know, shows in the engine's
//! English rather than as a key.

use crate::core::i18n::text;
use fluent_bundle::{FluentArgs, FluentValue};
use relance_engine::import::{ColumnRole, ImportReport, Problem, ProblemKind};
use relance_engine::Error;

/// The arguments that are counts, written with the language's digit grouping. Others stay as written:
/// a quoted value such as "2024" or a line number is not a quantity.
const COUNTS: &[&str] = &[
    "count",
    "keys",
    "rows",
    "skipped",
    "fields",
    "columns",
    "day_first",
    "month_first",
    "found",
    "expected",
];

/// A message by key with text arguments, or `english` when the key is unknown.
pub fn message(key: &str, args: &[(String, String)], english: &str) -> String {
    if key.is_empty() {
        return english.to_string();
    }
    let mut a = FluentArgs::new();
    for (name, value) in args {
        let shown = match value.parse::<u64>() {
            // A count of one as a number, so that a message's `[one]` variant is chosen ("one value
            // could not be read"); the others as grouped text ("10 895"), which the text variant shows.
            Ok(1) if COUNTS.contains(&name.as_str()) => FluentValue::from(1),
            Ok(n) if COUNTS.contains(&name.as_str()) => {
                FluentValue::from(crate::core::format::count(n))
            }
            _ => FluentValue::from(value.clone()),
        };
        a.set(name.as_str(), shown);
    }
    match text(key, Some(&a)) {
        t if t == key => english.to_string(),
        t => t,
    }
}

/// A note of the report, said in the interface's language when the engine gave it a key.
pub fn note(report: &ImportReport, note: &str) -> String {
    match report.note_messages.iter().find(|m| m.text == note) {
        Some(m) => message(&m.key, &m.args, &m.text),
        None => note.to_string(),
    }
}

/// What was wrong with a row.
pub fn problem(p: &Problem) -> String {
    message(&p.key, &p.args, &p.message)
}

/// A kind of problem, for the counts.
pub fn problem_kind(kind: ProblemKind) -> String {
    let key = match kind {
        ProblemKind::MissingCase => "imp-kind-missing-case",
        ProblemKind::MissingActivity => "imp-kind-missing-activity",
        ProblemKind::MissingTimestamp => "imp-kind-missing-timestamp",
        ProblemKind::UnreadableTimestamp => "imp-kind-unreadable-timestamp",
        ProblemKind::FieldCount => "imp-kind-field-count",
        ProblemKind::Malformed => "imp-kind-malformed",
    };
    message(key, &[], kind.label())
}

/// Column names as a list: the first twelve quoted, then how many more.
fn columns(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(12).map(|c| format!("\"{c}\"")).collect();
    let list = shown.join(", ");
    match names.len().saturating_sub(12) {
        0 => list,
        more => text(
            "err-columns-more",
            Some(&crate::core::i18n::args(&[
                ("list", FluentValue::from(list)),
                (
                    "more",
                    FluentValue::from(crate::core::format::count(more as u64)),
                ),
            ])),
        ),
    }
}

/// An error that stopped an import, in the interface's language.
pub fn error(e: &Error) -> String {
    let english = e.to_string();
    let s = |v: &str| v.to_string();
    let (key, args): (&str, Vec<(String, String)>) = match e {
        Error::Empty => ("err-empty", vec![]),
        Error::MissingRole { role, columns: c } => {
            let role = ColumnRole::ALL
                .iter()
                .find(|r| r.label() == *role)
                .map(|r| text(&format!("colrole-{}", r.key()), None).to_lowercase())
                .unwrap_or_else(|| role.to_lowercase());
            (
                "err-missing-role",
                vec![(s("role"), role), (s("columns"), columns(c))],
            )
        }
        Error::UnknownColumn { name, columns: c } => (
            "err-unknown-column",
            vec![(s("name"), name.clone()), (s("columns"), columns(c))],
        ),
        Error::HeaderMismatch { expected, found } => (
            "err-header-mismatch",
            vec![
                (s("found"), found.len().to_string()),
                (s("found_list"), columns(found)),
                (s("expected"), expected.len().to_string()),
                (s("expected_list"), columns(expected)),
            ],
        ),
        Error::NoEvents { report } => {
            let first = report.problems.iter().find(|p| p.kind.skips_row());
            let mut args = vec![
                (s("rows"), report.rows.to_string()),
                (s("skipped"), report.skipped_rows.to_string()),
            ];
            let key = match first {
                Some(p) => {
                    args.push((s("line"), p.line.to_string()));
                    args.push((s("column"), p.column.clone()));
                    args.push((s("problem"), problem(p)));
                    "err-no-events-first"
                }
                None => "err-no-events",
            };
            (key, args)
        }
        Error::Gzip(m) => ("err-gzip", vec![(s("detail"), m.clone())]),
        Error::Io(m) => ("err-io", vec![(s("detail"), m.clone())]),
        Error::NeedMoreHead => ("err-need-more-head", vec![]),
        Error::OutOfMemory { rows } => (
            "err-out-of-memory",
            vec![(s("rows"), crate::core::format::count(*rows))],
        ),
        // Free-form texts (settings, documents, workbook readers) stay as the engine wrote them.
        _ => return english,
    };
    message(key, &args, &english)
}

/// An error that stopped the import of the file `name`, after its name.
pub fn file_error(name: &str, e: &Error) -> String {
    crate::t!("file-error", name = name, message = error(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::{set_language, Language};
    use relance_engine::import::sources::import_tables;
    use relance_engine::import::tables::Table;
    use relance_engine::import::{import_bytes, ImportOptions};

    /// Imports `bytes` named `name` and returns the report (or the error's report).
    fn report_of(name: &str, bytes: &[u8]) -> ImportReport {
        match import_bytes(bytes, ImportOptions::default()) {
            Ok(imported) => imported.report,
            Err(Error::NoEvents { report }) => *report,
            Err(e) => panic!("{name}: {e}"),
        }
    }

    /// Inputs that make the importers say every keyed sentence at least once.
    fn hostile_reports() -> Vec<ImportReport> {
        let csv = "case;activity;time;start;amount;due\n\
                   1;a;2024-01-03 10:00;2024-01-03 11:00;12;2024-01-05\n\
                   1;b;2024-01-04 10:00;nope;x;later\n\
                   ;c;2024-01-04 10:00;;;\n\
                   2;;2024-01-04 10:00;;;\n\
                   3;c;;;;\n\
                   4;c;yesterday;;;\n\
                   5;c;2024-01-05 10:00;;;;extra\n";
        let orders =
            "case,activity,time\n1,a,03/04/2024\n1,b,13/04/2024\n2,a,04/15/2024\n2,b,05/04/2024\n";
        let ambiguous = "case,activity,time\n1,a,03/04/2024\n1,b,05/06/2024\n";
        let xes = r#"<?xml version="1.0"?><log><global scope="event"><string key="concept:name" value="x"/></global>
<event><string key="concept:name" value="stray"/></event>
<trace><string key="concept:name" value="t1"/>
<event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>
<event><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>
<event><string key="concept:name" value="b"/></event>
<event><string key="concept:name" value="c"/><date key="time:timestamp" value="soon"/></event>
</foo></trace>
<trace><event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event></trace>
<trace><string key="concept:name" value="t2"/><event><string key="concept:name" value="a"/>
"#;
        let unclosed = r#"<log>
<trace><string key="concept:name" value="t1"/><event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></trace>
</>
<trace><string key="concept:name" value="t2"/><event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>
<trace><string key="concept:name" value="t3"/><event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event></trace>
</log><event"#;
        let mut reminders = String::from("invoice,sent\n");
        for day in 10..20 {
            reminders.push_str(&format!("I{},2024-02-{day}\n", day % 2 + 1));
        }
        reminders.push_str("I9,2024-02-06\n,2024-02-07\nI2,le 5\n");
        let tables = [
            Table::from_csv(
                "invoices",
                b"invoice,issued,due\nI1,2024-01-01,2024-02-01\nI2,2024-01-02,2024-02-02\n",
            ),
            Table::from_csv("reminders", reminders.as_bytes()),
            Table::from_csv(
                "customers",
                b"invoice,customer\nI1,ACME\nI1,ACME Europe\nI2,Brico\n",
            ),
        ]
        .map(|t| t.expect("a table"));
        let joined = import_tables(&tables, None, ImportOptions::default())
            .expect("the tables join")
            .0
            .report;
        vec![
            joined,
            report_of("mixed.csv", csv.as_bytes()),
            report_of("orders.csv", orders.as_bytes()),
            report_of("ambiguous.csv", ambiguous.as_bytes()),
            report_of("broken.xes", xes.as_bytes()),
            report_of("mixed-encoding.csv", b"case,activity,time,case:region\n1,caf\xc3\xa9,2024-01-01T00:00:00Z,north\n1,caf\xe9,2024-01-02T00:00:00Z,south\n"),
            report_of("unclosed.xes", unclosed.as_bytes()),
            report_of(
                "repeats.csv",
                b"case,activity,time,note,note\n1,a,2024-01-01T00:00:00Z,x,y\n",
            ),
        ]
    }

    /// Every keyed sentence the engine wrote says the same in the English message file (so the French
    /// file, which has the same keys, translates what the engine means), and the French file has it.
    #[test]
    fn every_keyed_sentence_reads_the_same_in_english_and_exists_in_french() {
        let mut seen = 0;
        for r in hostile_reports() {
            let keyed = r
                .problems
                .iter()
                .map(|p| (p.key.clone(), p.args.clone(), p.message.clone()))
                .chain(
                    r.note_messages
                        .iter()
                        .map(|m| (m.key.clone(), m.args.clone(), m.text.clone())),
                );
            for (key, args, english) in keyed {
                assert!(!key.is_empty(), "a problem without a key: {english}");
                set_language(Language::En);
                // Raw arguments (no digit grouping) so the file's text can be compared with the engine's;
                // a count of one as a number, as `message` gives it, for the `[one]` variants.
                let mut a = FluentArgs::new();
                for (n, v) in &args {
                    match v.as_str() {
                        "1" => a.set(n.as_str(), FluentValue::from(1)),
                        _ => a.set(n.as_str(), FluentValue::from(v.clone())),
                    }
                }
                assert_eq!(text(&key, Some(&a)), english, "en.ftl {key}");
                set_language(Language::Fr);
                let fr = message(&key, &args, &english);
                assert_ne!(fr, english, "fr.ftl lacks {key}");
                seen += 1;
            }
        }
        set_language(Language::En);
        assert!(seen >= 30, "only {seen} sentences were exercised");
    }

    #[test]
    fn notes_and_problems_follow_the_language() {
        let r = report_of(
            "naive.csv",
            b"case,activity,time\n1,a,2024-01-03 10:00\n2,,2024-01-03 10:00\n",
        );
        let naive = r
            .notes
            .iter()
            .find(|n| n.contains("read as UTC"))
            .expect("the naive-time note");
        set_language(Language::Fr);
        assert_eq!(
            note(&r, naive),
            "horodatages sans fuseau horaire, lus en UTC : 1"
        );
        assert_eq!(problem(&r.problems[0]), "pas d'activité");
        assert_eq!(
            problem_kind(ProblemKind::MissingActivity),
            "activité manquante"
        );
        set_language(Language::En);
        assert_eq!(note(&r, naive), *naive);
        // Counts are grouped; quoted values are not numbers to format.
        let args = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        set_language(Language::Fr);
        assert_eq!(
            message("imp-naive-utc", &args(&[("count", "12345")]), ""),
            "horodatages sans fuseau horaire, lus en UTC : 12\u{202f}345"
        );
        assert_eq!(
            message("imp-unreadable-time", &args(&[("value", "2024")]), ""),
            "« 2024 » ne se lit pas comme une date et une heure"
        );
        // One value is said in the singular, more in the plural.
        let bad = |count| {
            message(
                "imp-bad-numbers",
                &args(&[("column", "Montant"), ("count", count), ("value", "douze")]),
                "",
            )
        };
        assert_eq!(
            bad("1"),
            "colonne « Montant » : une valeur ne se lit pas comme un nombre (« douze »), laissée vide"
        );
        assert!(
            bad("2").starts_with("colonne « Montant » : 2 valeurs"),
            "{}",
            bad("2")
        );
        set_language(Language::En);
        // A note without a key shows as written.
        assert_eq!(note(&r, "plain words"), "plain words");
    }

    #[test]
    fn errors_follow_the_language() {
        let Err(e) = import_bytes(b"a,b\n1,2\n", ImportOptions::default()) else {
            panic!("no role can be guessed from \"a\" and \"b\"");
        };
        set_language(Language::En);
        assert_eq!(error(&e), e.to_string());
        set_language(Language::Fr);
        let fr = error(&e);
        assert!(fr.contains("\"a\", \"b\""), "{fr}");
        assert_ne!(fr, e.to_string());
        assert_eq!(error(&Error::Empty), "le fichier est vide");
        set_language(Language::En);
    }
}

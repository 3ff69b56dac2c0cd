//! What an import read, assumed and could not read.
//!
//! A bad row is never an error and never silently dropped: it is counted here, and the first
//! [`MAX_LISTED_PROBLEMS`] are listed with their line, column and raw value. Assumptions (naive times read
//! as UTC, day-first chosen, Windows-1252 fallback) are written down as notes.

use super::text::Encoding;
use super::timestamp::DateOrder;
use super::Format;
use serde::{Deserialize, Serialize};

/// How many problems are listed one by one; the rest are only counted.
pub const MAX_LISTED_PROBLEMS: usize = 200;

/// Longest raw value (in bytes) copied into a problem, a message or a note; longer ones are cut there
/// and end with `…`. A report must stay small whatever a field holds (a 300 MB value would otherwise be
/// copied into every message quoting it).
pub const MAX_VALUE_BYTES: usize = 200;

/// `value` cut to [`MAX_VALUE_BYTES`] at a character boundary, with `…` when cut.
pub fn clip(value: &str) -> std::borrow::Cow<'_, str> {
    if value.len() <= MAX_VALUE_BYTES {
        return std::borrow::Cow::Borrowed(value);
    }
    let cut = (0..=MAX_VALUE_BYTES)
        .rev()
        .find(|&i| value.is_char_boundary(i))
        .unwrap_or(0);
    std::borrow::Cow::Owned(format!("{}…", &value[..cut]))
}

/// Why a row was skipped or flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// No case id.
    MissingCase,
    /// No activity.
    MissingActivity,
    /// No timestamp.
    MissingTimestamp,
    /// A timestamp that could not be read.
    UnreadableTimestamp,
    /// A row with more or fewer fields than the header (kept, read as far as it goes).
    FieldCount,
    /// Broken structure in an XML (XES) file.
    Malformed,
}

impl ProblemKind {
    /// Whether rows with this problem are left out of the log.
    pub fn skips_row(self) -> bool {
        !matches!(self, ProblemKind::FieldCount | ProblemKind::Malformed)
    }

    /// A short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            ProblemKind::MissingCase => "missing case id",
            ProblemKind::MissingActivity => "missing activity",
            ProblemKind::MissingTimestamp => "missing timestamp",
            ProblemKind::UnreadableTimestamp => "unreadable timestamp",
            ProblemKind::FieldCount => "wrong number of fields",
            ProblemKind::Malformed => "malformed XML",
        }
    }
}

/// A sentence of the report as a key and arguments, so that an interface can say it in its own
/// language (the app's `locales/*.ftl` hold a message per key), with the English text beside it for
/// everything else (the CLI, JSON, older interfaces). Arguments are plain text; numbers are written
/// without separators so the interface can format them. A plain string reads as a message without a
/// key (notes saved by older versions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// The message's key (`imp-…`).
    pub key: String,
    /// Its arguments, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, String)>,
    /// The English text.
    pub text: String,
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Text(String),
            Full {
                #[serde(default)]
                key: String,
                #[serde(default)]
                args: Vec<(String, String)>,
                text: String,
            },
        }
        Ok(match Repr::deserialize(d)? {
            Repr::Text(text) => Message::from(text),
            Repr::Full { key, args, text } => Message { key, args, text },
        })
    }
}

impl From<String> for Message {
    /// A message without a key: said as written, in every language.
    fn from(text: String) -> Self {
        Message {
            key: String::new(),
            args: Vec::new(),
            text: cut_text(text),
        }
    }
}

impl Message {
    /// A message with its English text and no arguments yet.
    pub fn new(key: &str, text: String) -> Self {
        Self {
            key: key.into(),
            args: Vec::new(),
            text: cut_text(text),
        }
    }

    /// Adds an argument.
    pub fn arg(mut self, name: &str, value: impl ToString) -> Self {
        self.args.push((name.into(), value.to_string()));
        self
    }
}

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// 1-based line in the file (for CSV, the line where the record starts).
    pub line: u64,
    /// Column name (CSV header or XES key).
    pub column: String,
    /// The raw value, as read.
    pub value: String,
    /// What was wrong, in one sentence.
    pub message: String,
    /// The category.
    pub kind: ProblemKind,
    /// The message's key and arguments ([`Message`]); empty in reports from older versions.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// The message's arguments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, String)>,
}

/// A count of problems of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProblemCount {
    /// The category.
    pub kind: ProblemKind,
    /// Its label.
    pub label: String,
    /// How many rows had it.
    pub count: u64,
}

/// Which file column got which role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnsUsed {
    /// Case id column.
    pub case: String,
    /// Activity column.
    pub activity: String,
    /// Timestamp column.
    pub timestamp: String,
    /// Start timestamp column, if any (`null` when none).
    #[serde(default)]
    pub start_timestamp: Option<String>,
    /// Resource column, if any (`null` when none).
    #[serde(default)]
    pub resource: Option<String>,
    /// Other roles given to columns (amount, customer, due date, ...), as (role, column).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_roles: Vec<(String, String)>,
}

/// The import report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    /// File format.
    pub format: Format,
    /// Character encoding read.
    pub encoding: Encoding,
    /// CSV delimiter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// Data rows (CSV records after the header, or XES events) read.
    pub rows: u64,
    /// Rows left out because of a problem.
    pub skipped_rows: u64,
    /// Rows left out on purpose (the lifecycle option), not problems.
    pub filtered_rows: u64,
    /// Column roles.
    pub columns: ColumnsUsed,
    /// The most common timestamp format.
    pub timestamp_format: String,
    /// The day/month order used.
    pub date_order: DateOrder,
    /// Whether the order could not be told from the data.
    pub date_order_ambiguous: bool,
    /// Timestamps without an offset, read as UTC.
    pub naive_timestamps: u64,
    /// The first problems, located.
    pub problems: Vec<Problem>,
    /// All problems counted by kind.
    pub problem_counts: Vec<ProblemCount>,
    /// Assumptions and other remarks.
    pub notes: Vec<String>,
    /// The notes that have a key and arguments ([`Message`]), to be said in the interface's language;
    /// each one's `text` is one of `notes`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note_messages: Vec<Message>,
}

/// A message or note cut to a few quoted values' worth: callers quote values through [`clip`], and this
/// bounds whatever else a text embeds (column names, several values).
fn cut_text(mut text: String) -> String {
    const MAX_TEXT_BYTES: usize = 8 * MAX_VALUE_BYTES;
    if text.len() > MAX_TEXT_BYTES {
        let cut = (0..=MAX_TEXT_BYTES)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        text.truncate(cut);
        text.push('…');
    }
    text
}

impl ImportReport {
    /// A report for a format.
    pub fn new(format: Format) -> Self {
        Self {
            format,
            ..Default::default()
        }
    }

    /// Records a problem on a row (and the skip, for kinds that skip rows).
    pub fn problem(
        &mut self,
        kind: ProblemKind,
        line: u64,
        column: &str,
        value: &str,
        message: Message,
    ) {
        self.count(kind, 1);
        if self.lists_problems() {
            self.problems.push(Problem {
                line,
                column: clip(column).into_owned(),
                value: clip(value).into_owned(),
                message: message.text,
                kind,
                key: message.key,
                args: message.args,
            });
        }
    }

    /// Whether the next problem will be listed (fewer than [`MAX_LISTED_PROBLEMS`] are): details that
    /// cost something to build can be skipped once it is `false`.
    pub fn lists_problems(&self) -> bool {
        self.problems.len() < MAX_LISTED_PROBLEMS
    }

    /// Counts `n` more skipped rows of a kind whose details are not listed.
    pub fn add_uncounted_skips(&mut self, kind: ProblemKind, n: usize) {
        if n > 0 {
            self.count(kind, n as u64);
        }
    }

    fn count(&mut self, kind: ProblemKind, n: u64) {
        if kind.skips_row() {
            self.skipped_rows += n;
        }
        match self.problem_counts.iter_mut().find(|c| c.kind == kind) {
            Some(c) => c.count += n,
            None => {
                self.problem_counts.push(ProblemCount {
                    kind,
                    label: kind.label().into(),
                    count: n,
                });
                crate::values::order::sort_by_key(&mut self.problem_counts, |c| c.kind);
            }
        }
    }

    /// Takes the rows, problems and notes of the report on the part of the file right after this one's.
    pub fn append(&mut self, other: ImportReport) {
        self.rows += other.rows;
        self.filtered_rows += other.filtered_rows;
        for c in &other.problem_counts {
            self.count(c.kind, c.count);
        }
        let room = MAX_LISTED_PROBLEMS.saturating_sub(self.problems.len());
        self.problems.extend(other.problems.into_iter().take(room));
        for n in other.notes {
            self.note(n);
        }
        for m in other.note_messages {
            self.say(m);
        }
    }

    /// Adds a note (an assumption or remark), once.
    pub fn note(&mut self, text: String) {
        let text = cut_text(text);
        if !self.notes.contains(&text) {
            self.notes.push(text);
        }
    }

    /// Adds a note with its key and arguments ([`Message`]), once.
    pub fn say(&mut self, message: Message) {
        self.note(message.text.clone());
        if !message.key.is_empty() && !self.note_messages.contains(&message) {
            self.note_messages.push(message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_reads_back_and_a_plain_string_reads_as_one_without_a_key() {
        let m = Message::new("imp-naive-utc", "3 timestamps ...".into()).arg("count", 3);
        let back: Message = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);
        // Notes saved by earlier versions (view files, data models) are plain strings.
        let old: Vec<Message> = serde_json::from_str(r#"["a note"]"#).unwrap();
        assert_eq!(old, [Message::from("a note".to_string())]);
        assert!(old[0].key.is_empty());
        // A keyless note is written to the report's notes only.
        let mut r = ImportReport::new(Format::Csv);
        r.say(old[0].clone());
        r.say(m.clone());
        r.say(m);
        assert_eq!(r.notes, ["a note", "3 timestamps ..."]);
        assert_eq!(r.note_messages.len(), 1);
    }

    #[test]
    fn a_report_without_other_roles_reads_back() {
        // The app sends the report to the page as a serialised value: a log with no amount, customer or
        // due-date column must arrive (regression: `other_roles` was skipped when empty, then required).
        let r = ImportReport::new(Format::Csv);
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("other_roles"));
        let back: ImportReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
    }
}

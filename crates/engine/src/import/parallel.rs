//! Reading a CSV file held in memory on several threads (native builds only: the browser has one worker).
//!
//! The file is cut into parts at line breaks. Every part is read by its own [`CsvDecoder`], forked from
//! the one that read the header, and the parts are then appended in file order, so the log, its ids and
//! the import report are the same as a sequential read gives. A cut is only taken where an even number
//! of quote characters precedes it (outside any quoted field); since a stray quote inside an unquoted
//! field could fool that count, every part must also end on a whole record, and a file where one does
//! not is read again sequentially.

use super::budget::{MemoryEstimate, MIN_SAMPLE_BYTES};
use super::csv::{count_breaks, CsvDecoder};
use super::error::Error;
use super::text::Encoding;
use super::{detect, import_bytes, is_gzip, Format, ImportOptions, Imported};

/// Parts smaller than this are not worth a thread.
const MIN_PART_BYTES: usize = 4 << 20;

/// Imports a whole file held in memory, reading a plain CSV on up to `threads` threads; any other
/// file (gzip, XES, UTF-16, or one too small to split) is read as [`import_bytes`] would.
pub fn import_bytes_parallel(
    bytes: &[u8],
    opts: ImportOptions,
    threads: usize,
) -> Result<Imported, Error> {
    split_import(bytes, opts, threads, MIN_PART_BYTES).map(|(imported, _)| imported)
}

fn split_import(
    bytes: &[u8],
    opts: ImportOptions,
    threads: usize,
    min_part: usize,
) -> Result<(Imported, usize), Error> {
    let sequential = |opts| import_bytes(bytes, opts).map(|i| (i, 1));
    let parts = threads.min(bytes.len() / min_part);
    if parts < 2 || is_gzip(bytes) {
        return sequential(opts);
    }
    let Some(sample_end) = detect::sample_end(bytes, &mut 0) else {
        return sequential(opts);
    };
    let sample = &bytes[..sample_end];
    if detect::detect_format(sample) != Format::Csv {
        return sequential(opts);
    }
    let o = opts.csv_options(sample, false)?;
    if matches!(o.encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
        return sequential(opts);
    }
    let cuts = cut_points(bytes, parts, o.quote);
    if cuts.len() < 3 || cuts[1] <= sample_end {
        return sequential(opts);
    }
    let per_part_rows = super::estimate_rows(sample, bytes.len() as u64) / (cuts.len() - 1);

    // The first part's decoder reads the sample (header included); the others are forked from it.
    let mut first = CsvDecoder::new(o)?;
    first.reserve_rows(per_part_rows);
    first.feed(&bytes[..sample_end])?;
    // The first part's first MiB says what the whole file will take, on top of the file itself held
    // in memory.
    let mut probed = sample_end;
    if let Some(budget) = opts.memory_budget {
        probed = cuts[1].min(sample_end.max(MIN_SAMPLE_BYTES as usize));
        first.feed(&bytes[sample_end..probed])?;
        let log = MemoryEstimate::extrapolate(
            first.heap_bytes(),
            first.rows(),
            probed as u64,
            probed as u64,
            Some(bytes.len() as u64),
        );
        let estimate = MemoryEstimate {
            events: log.events,
            peak_bytes: log.peak_bytes.saturating_add(bytes.len() as u64),
        };
        if budget.refuses(&estimate) {
            return Err(Error::TooBig { estimate, budget });
        }
    }
    let Some(template) = first.fork(0) else {
        return sequential(opts);
    };
    let last = cuts.len() - 2;
    let rest: Vec<Option<CsvDecoder>> = std::thread::scope(|scope| {
        let template = &template;
        let handles: Vec<_> = cuts
            .windows(2)
            .enumerate()
            .skip(1)
            .map(|(k, w)| {
                let (start, end) = (w[0], w[1]);
                scope.spawn(move || {
                    let mut d = template.fork(count_breaks(&bytes[..start], &mut false))?;
                    d.reserve_rows(per_part_rows);
                    d.feed(&bytes[start..end]).ok()?;
                    if k == last {
                        d.end_input().ok()?;
                        Some(d)
                    } else {
                        d.at_record_boundary().then_some(d)
                    }
                })
            })
            .collect();
        let mine = first.feed(&bytes[probed..cuts[1]]);
        let others = handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect();
        mine.map(|()| others).unwrap_or_default()
    });
    if rest.len() != last || !first.at_record_boundary() || rest.iter().any(Option::is_none) {
        // A quote the count misread (or an error, which the sequential read will report in context).
        drop((first, rest));
        return sequential(opts);
    }
    let parts = rest.len() + 1;
    for d in rest.into_iter().flatten() {
        first.absorb(d);
    }
    first.finish().map(|i| (i, parts))
}

/// Up to `parts + 1` offsets: 0, the starts of the lines nearest past each even share of the file that
/// sit outside quoted fields, and the length of the file.
fn cut_points(bytes: &[u8], parts: usize, quote: u8) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut quotes = 0usize; // quote characters before `from`
    let mut from = 0;
    for k in 1..parts {
        let mut at = (bytes.len() / parts * k).max(from);
        loop {
            let Some(nl) = memchr::memchr(b'\n', &bytes[at..]) else {
                cuts.push(bytes.len());
                return cuts;
            };
            let cut = at + nl + 1;
            quotes += memchr::memchr_iter(quote, &bytes[from..cut]).count();
            from = cut;
            if quotes.is_multiple_of(2) {
                break;
            }
            at = cut;
        }
        if from >= bytes.len() {
            break;
        }
        cuts.push(from);
    }
    cuts.push(bytes.len());
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CSV with what could trip a split: quoted fields holding line breaks, delimiters and doubled
    /// quotes, a stray quote in an unquoted field, case attributes, rows to skip, dates whose day/month
    /// order only the end of the file settles, unreadable start times, and cases spread over the file.
    fn tricky_csv(rows: usize, crlf: bool, stray_quote: bool, trailing_break: bool) -> Vec<u8> {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut s = format!("case:id,activity,time,start,who,case:segment,note{nl}");
        for i in 0..rows {
            let case = (i * 7919) % (rows / 3 + 1);
            let day = 1 + i % 12;
            let month = 1 + (i / 12) % 12;
            let time = if i == rows - 5 {
                // Only valid day-first: settles the order for every ambiguous date before it.
                "25/01/2024 10:00".to_string()
            } else {
                format!("{day:02}/{month:02}/2024 {:02}:{:02}", i % 24, i % 60)
            };
            let note = match i % 9 {
                0 => "\"two\nlines\"".to_string(),
                1 => "\"a, b and \"\"c\"\"\"".to_string(),
                2 if stray_quote => "5\" screen".to_string(),
                _ => format!("n{i}"),
            };
            let activity = match i % 97 {
                13 => String::new(),
                _ => format!("Step {}", i % 11),
            };
            let time = if i % 101 == 50 {
                "soon".to_string()
            } else {
                time
            };
            let start = if i % 53 == 7 {
                "never".to_string()
            } else {
                String::new()
            };
            s.push_str(&format!(
                "C{case},{activity},{time},{start},R{},S{},{note}{nl}",
                i % 5,
                case % 4
            ));
        }
        if !trailing_break {
            s.truncate(s.len() - nl.len());
        }
        s.into_bytes()
    }

    fn same_as_sequential(bytes: &[u8], threads: usize) -> usize {
        let seq = import_bytes(bytes, ImportOptions::default()).unwrap();
        let (par, parts) =
            split_import(bytes, ImportOptions::default(), threads, 16 << 10).unwrap();
        assert_eq!(format!("{:?}", par.log), format!("{:?}", seq.log));
        assert_eq!(format!("{:?}", par.report), format!("{:?}", seq.report));
        parts
    }

    #[test]
    fn a_split_read_gives_the_sequential_log_and_report() {
        for (crlf, trailing) in [(false, true), (true, true), (false, false), (true, false)] {
            let csv = tricky_csv(6000, crlf, false, trailing);
            assert!(csv.len() > 200 << 10);
            let parts = same_as_sequential(&csv, 4);
            assert_eq!(parts, 4, "crlf {crlf}, trailing break {trailing}");
        }
    }

    #[test]
    fn the_report_keeps_file_order_and_line_numbers() {
        let csv = tricky_csv(6000, false, false, true);
        let (par, parts) = split_import(&csv, ImportOptions::default(), 3, 16 << 10).unwrap();
        assert_eq!(parts, 3);
        let lines: Vec<u64> = par.report.problems.iter().map(|p| p.line).collect();
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
        // Every listed line really holds the value reported (quoted line breaks counted).
        let text = String::from_utf8(csv).unwrap();
        let all: Vec<&str> = text.split('\n').collect();
        for p in &par.report.problems {
            assert!(
                all[p.line as usize - 1].contains(&p.value),
                "line {} does not hold {:?}",
                p.line,
                p.value
            );
        }
    }

    #[test]
    fn a_stray_quote_never_changes_the_result() {
        // The quote count is off by one after each stray quote, so some cuts fall inside what the count
        // takes for a quoted field, or the read falls back: either way the result is the sequential one.
        for threads in [2, 3, 5] {
            let csv = tricky_csv(6000, false, true, true);
            same_as_sequential(&csv, threads);
        }
    }

    #[test]
    fn small_or_other_files_are_read_sequentially() {
        let csv = tricky_csv(50, false, false, true);
        assert_eq!(same_as_sequential(&csv, 4), 1);
    }

    /// Columns that describe the case, as an AR export's customer or amount, read in parts whose
    /// cuts fall inside cases: each event gets exactly the value its row gave, whether the column
    /// fills every event of a case alike (`whole`), only its first ones (`first_two`), changes in a
    /// later part (`broken`), or starts after an empty row (`late`).
    #[test]
    fn case_level_columns_read_in_parts_keep_every_row_s_value() {
        let rows = 8000;
        let cases = rows / 3 + 1;
        let mut seen = vec![0usize; cases];
        let mut s = String::from("case,activity,time,whole,first_two,broken,late\n");
        // Per case, its rows' values in file order: (whole, first_two, broken, late).
        let mut want: Vec<Vec<[String; 4]>> = vec![Vec::new(); cases];
        for i in 0..rows {
            let case = (i * 7919) % cases;
            let nth = seen[case];
            seen[case] += 1;
            let whole = format!("W{}", case % 7);
            let first_two = if nth < 2 {
                format!("F{}", case % 5)
            } else {
                String::new()
            };
            let broken = if i > rows * 3 / 4 && case % 10 == 0 {
                "X".to_string()
            } else {
                whole.clone()
            };
            let late = if nth == 0 {
                String::new()
            } else {
                format!("L{}", case % 3)
            };
            // Times grow with the row, so each case keeps file order.
            let (day, hour, minute) = (1 + i / 1440, i / 60 % 24, i % 60);
            s.push_str(&format!(
                "C{case},Step,2024-01-{day:02}T{hour:02}:{minute:02}:00Z,{whole},{first_two},{broken},{late}\n"
            ));
            want[case].push([whole, first_two, broken, late]);
        }
        let bytes = s.into_bytes();
        assert_eq!(same_as_sequential(&bytes, 4), 4);
        let (par, _) = split_import(&bytes, ImportOptions::default(), 4, 16 << 10).unwrap();
        let log = &par.log;
        let names = ["whole", "first_two", "broken", "late"];
        for c in 0..log.case_count() {
            let case: usize = log.case_id(c)[1..].parse().unwrap();
            for (e, values) in log.case_events(c).zip(&want[case]) {
                for (name, value) in names.iter().zip(values) {
                    let a = log.attribute(name).unwrap();
                    let got = match log.event_value(a, e, c) {
                        crate::log::Value::Text(t) => t.to_string(),
                        crate::log::Value::Missing => String::new(),
                        other => format!("{other:?}"),
                    };
                    assert_eq!(&got, value, "case C{case}, event {e}, column {name}");
                }
            }
        }
    }

    #[test]
    fn cuts_fall_after_line_breaks_outside_quotes() {
        let text = b"h\na\n\"x\ny\"\nb\nc\n";
        let cuts = cut_points(text, 3, b'"');
        assert_eq!(cuts.first(), Some(&0));
        assert_eq!(cuts.last(), Some(&text.len()));
        for &c in &cuts[1..cuts.len() - 1] {
            assert_eq!(text[c - 1], b'\n');
            let quotes = text[..c].iter().filter(|&&b| b == b'"').count();
            assert_eq!(quotes % 2, 0, "cut at {c}");
        }
    }
}

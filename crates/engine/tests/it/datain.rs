//! Data as AR teams export it: the demo log written as XLSX, ODS and Parquet reads back as the CSV log;
//! the demo split into four AR tables joins back into it; hostile workbooks and Parquet files give
//! clear errors or reported partial results.

use relance_engine::demo::{demo_csv, DemoOptions};
use relance_engine::import::tables::{join, propose, Cell, ColumnUse, Shape, Table};
use relance_engine::import::timestamp::{parse_timestamp, DateOrder};
use relance_engine::import::xlsx::Workbook;
use relance_engine::import::{import_bytes, ImportOptions, Imported};
use relance_engine::EventLog;
use std::io::{Cursor, Write};

fn demo(invoices: usize) -> String {
    demo_csv(DemoOptions {
        invoices,
        ..Default::default()
    })
}

fn rows(csv: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let header = rdr.headers().unwrap().iter().map(String::from).collect();
    let rows = rdr
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Case by case: the same ids, activities and instants in the same order; the named event attributes
/// equal on every event; `case_attrs` equal on every case.
fn assert_same_log(a: &EventLog, b: &EventLog, event_attrs: &[&str], case_attrs: &[&str]) {
    assert_eq!(a.case_count(), b.case_count());
    assert_eq!(a.event_count(), b.event_count());
    for c in 0..a.case_count() {
        let id = a.case_id(c);
        let d = b
            .find_case(id)
            .unwrap_or_else(|| panic!("case {id} missing"));
        let (ra, rb) = (a.case_events(c), b.case_events(d));
        let seq = |log: &EventLog, r: std::ops::Range<usize>| -> Vec<(String, i64)> {
            r.map(|e| {
                (
                    log.activity_name(log.activities()[e]).to_string(),
                    log.times()[e],
                )
            })
            .collect()
        };
        assert_eq!(seq(a, ra.clone()), seq(b, rb.clone()), "case {id}");
        for name in event_attrs {
            let value = |log: &EventLog, e: usize| -> String {
                match *name {
                    "resource" => log.resource_name(log.resources()[e]).unwrap_or("").into(),
                    n => log
                        .attribute(n)
                        .map(|at| log.event_value(at, e, log.case_of_event(e)).display())
                        .unwrap_or_default(),
                }
            };
            let va: Vec<String> = ra.clone().map(|e| value(a, e)).collect();
            let vb: Vec<String> = rb.clone().map(|e| value(b, e)).collect();
            assert_eq!(va, vb, "case {id}, {name}");
        }
        for name in case_attrs {
            let (x, y) = (a.attribute(name).unwrap(), b.attribute(name).unwrap());
            assert_eq!(
                a.case_value(x, c).display(),
                b.case_value(y, d).display(),
                "case {id}, {name}"
            );
        }
    }
}

const DEMO_EVENT_ATTRS: [&str; 12] = [
    "resource",
    "customer",
    "segment",
    "amount",
    "currency",
    "due_date",
    "channel",
    "dunning_level",
    "dispute_reason",
    "promise_date",
    "region",
    "payment_terms",
];

/// The demo as an .xlsx workbook: a legend sheet first, then a sheet with two title rows above the
/// table; timestamps as Excel date cells (UTC wall clock: Excel has no zone), dates as date cells,
/// numbers as numbers.
fn demo_xlsx(csv: &str) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook as XlsxBook};
    let (header, rows) = rows(csv);
    let mut book = XlsxBook::new();
    let legend = book.add_worksheet().set_name("Legend").unwrap();
    legend
        .write_string(0, 0, "This workbook holds the demo's invoices.")
        .unwrap();
    legend.write_string(1, 0, "One row per event.").unwrap();
    let sheet = book.add_worksheet().set_name("Events").unwrap();
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let day = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(0, 0, "Demo collections log").unwrap();
    sheet.write_string(1, 0, "Extract of 2026-11-30").unwrap();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(3, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 4;
        for (c, v) in row.iter().enumerate() {
            let c16 = c as u16;
            if v.is_empty() {
                continue;
            }
            match header[c].as_str() {
                "timestamp" => {
                    let ms = parse_timestamp(v, DateOrder::Auto).unwrap().ms;
                    let dt = ExcelDateTime::from_timestamp(ms / 1000).unwrap();
                    sheet
                        .write_datetime_with_format(r, c16, &dt, &stamp)
                        .unwrap();
                }
                "due_date" | "promise_date" => {
                    let dt = ExcelDateTime::parse_from_str(v).unwrap();
                    sheet.write_datetime_with_format(r, c16, &dt, &day).unwrap();
                }
                "amount" | "payment_terms" | "dunning_level" => {
                    sheet
                        .write_number(r, c16, v.parse::<f64>().unwrap())
                        .unwrap();
                }
                _ => {
                    sheet.write_string(r, c16, v).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// A sheet streamed as CSV in small chunks, then imported.
fn import_sheet(bytes: Vec<u8>, sheet: Option<&str>) -> (Imported, Vec<String>) {
    let mut wb = Workbook::open(Cursor::new(bytes)).unwrap();
    let name = match sheet {
        Some(s) => s.to_string(),
        None => {
            let (_, pick) = wb.preselect().unwrap();
            wb.sheets()[pick.unwrap()].name.clone()
        }
    };
    let mut rows = wb.rows(&name).unwrap();
    let mut csv = Vec::new();
    let mut first = true;
    loop {
        let mut chunk = Vec::new();
        let (_, more) = rows.write_csv(&mut chunk, first, 4096).unwrap();
        first = false;
        csv.extend_from_slice(&chunk);
        if !more {
            break;
        }
    }
    let notes = rows.notes().into_iter().map(|m| m.text).collect();
    (import_bytes(&csv, ImportOptions::default()).unwrap(), notes)
}

#[test]
fn the_demo_as_xlsx_reads_back_as_the_csv_log() {
    let csv = demo(300);
    let expected = import_bytes(csv.as_bytes(), ImportOptions::default()).unwrap();
    let bytes = demo_xlsx(&csv);
    // The legend sheet is never the one chosen.
    let mut wb = Workbook::open(Cursor::new(bytes.clone())).unwrap();
    let (glances, pick) = wb.preselect().unwrap();
    assert_eq!(glances.len(), 2);
    assert_eq!(pick, Some(1), "{glances:?}");
    let (got, notes) = import_sheet(bytes, None);
    assert!(notes[0].contains("row 4 (2 title rows"), "{notes:?}");
    assert_eq!(got.report.skipped_rows, 0);
    assert_same_log(&expected.log, &got.log, &DEMO_EVENT_ATTRS, &[]);
    // Excel cells carry no zone: read as UTC, and said so.
    assert!(got
        .report
        .notes
        .iter()
        .any(|n| n.contains("no time-zone offset")));
}

/// The demo as an .ods file written by hand: content.xml with typed cells.
fn demo_ods(csv: &str) -> Vec<u8> {
    let (header, rows) = rows(csv);
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Events">"#,
    );
    let text_cell = |v: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
            esc(v)
        )
    };
    xml.push_str("<table:table-row>");
    for h in &header {
        xml.push_str(&text_cell(h));
    }
    xml.push_str("</table:table-row>");
    for row in &rows {
        xml.push_str("<table:table-row>");
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                xml.push_str("<table:table-cell/>");
                continue;
            }
            match header[c].as_str() {
                "timestamp" => {
                    let ms = parse_timestamp(v, DateOrder::Auto).unwrap().ms;
                    let iso = relance_engine::calendar::format_iso_utc(ms);
                    let iso = iso.trim_end_matches('Z');
                    xml.push_str(&format!(
                        r#"<table:table-cell office:value-type="date" office:date-value="{iso}"><text:p>{iso}</text:p></table:table-cell>"#
                    ));
                }
                "amount" | "payment_terms" | "dunning_level" => xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
                )),
                _ => xml.push_str(&text_cell(v)),
            }
        }
        xml.push_str("</table:table-row>");
    }
    xml.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let mut out = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        z.start_file("mimetype", stored).unwrap();
        z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        z.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(xml.as_bytes()).unwrap();
        z.start_file(
            "META-INF/manifest.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
        z.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn the_demo_as_ods_reads_back_as_the_csv_log() {
    let csv = demo(120);
    let expected = import_bytes(csv.as_bytes(), ImportOptions::default()).unwrap();
    let (got, _) = import_sheet(demo_ods(&csv), Some("Events"));
    assert_eq!(got.report.skipped_rows, 0);
    assert_same_log(&expected.log, &got.log, &DEMO_EVENT_ATTRS, &[]);
}

/// The demo as the four tables an AR team exports (see `split`).
struct Split {
    invoices: Table,
    reminders: Table,
    payments: Table,
    disputes: Table,
}

/// Open items (wide: one row per invoice, its attributes and the dates of its one-off steps), the
/// contact history (long: invoice creation and sending, reminders, calls, promises, with who, channel,
/// level and promised date), payments (wide: received, posted, cleared) and disputes (long: raised,
/// resolved, credit note, with the reason). Events that happen once per invoice go into the wide
/// tables, which keep no resource: an open-items export has none.
fn split(csv: &str) -> Split {
    let (header, rows) = rows(csv);
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let (id, act, ts) = (col("invoice_id"), col("activity"), col("timestamp"));
    let text = |v: &str| {
        if v.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(v.to_string())
        }
    };
    let case_attrs = [
        "customer",
        "segment",
        "amount",
        "currency",
        "due_date",
        "region",
        "payment_terms",
        "sales_rep",
    ];
    let invoice_dates = [
        "Credit check requested",
        "Credit limit approved",
        "Due date passed",
        "Sent to collection agency",
        "Written off",
        "Invoice cancelled",
        "Cease contact requested",
    ];
    let payment_dates = ["Payment received", "Payment posted", "Invoice cleared"];
    let dispute_acts = ["Dispute raised", "Dispute resolved", "Credit note issued"];
    let table = |name: &str, columns: Vec<&str>| Table {
        name: name.into(),
        columns: columns.into_iter().map(String::from).collect(),
        ..Default::default()
    };
    let mut inv_cols = vec!["invoice_id"];
    inv_cols.extend(case_attrs);
    inv_cols.extend(invoice_dates);
    let mut invoices = table("invoices", inv_cols.clone());
    let mut pay_cols = vec!["invoice_id"];
    pay_cols.extend(payment_dates);
    let mut payments = table("payments", pay_cols.clone());
    let rem_cols = vec![
        "invoice_id",
        "activity",
        "date",
        "resource",
        "channel",
        "dunning_level",
        "promise_date",
    ];
    let mut reminders = table("reminders", rem_cols.clone());
    let dis_cols = vec![
        "invoice_id",
        "activity",
        "date",
        "resource",
        "dispute_reason",
    ];
    let mut disputes = table("disputes", dis_cols.clone());
    let mut inv_row: std::collections::HashMap<String, usize> = Default::default();
    let mut pay_row: std::collections::HashMap<String, usize> = Default::default();
    for r in &rows {
        let key = &r[id];
        let i = *inv_row.entry(key.clone()).or_insert_with(|| {
            let mut row = vec![text(key)];
            row.extend(case_attrs.iter().map(|a| text(&r[col(a)])));
            row.resize(inv_cols.len(), Cell::Empty);
            invoices.rows.push(row);
            invoices.row_numbers.push(invoices.rows.len() as u64 + 1);
            invoices.rows.len() - 1
        });
        let a = r[act].as_str();
        if let Some(k) = invoice_dates.iter().position(|d| *d == a) {
            invoices.rows[i][1 + case_attrs.len() + k] = text(&r[ts]);
        } else if let Some(k) = payment_dates.iter().position(|d| *d == a) {
            let p = *pay_row.entry(key.clone()).or_insert_with(|| {
                let mut row = vec![text(key)];
                row.resize(pay_cols.len(), Cell::Empty);
                payments.rows.push(row);
                payments.row_numbers.push(payments.rows.len() as u64 + 1);
                payments.rows.len() - 1
            });
            payments.rows[p][1 + k] = text(&r[ts]);
        } else if dispute_acts.contains(&a) {
            let row = dis_cols
                .iter()
                .map(|c| match *c {
                    "date" => text(&r[ts]),
                    c => text(&r[col(c)]),
                })
                .collect();
            disputes.rows.push(row);
            disputes.row_numbers.push(disputes.rows.len() as u64 + 1);
        } else {
            let row = rem_cols
                .iter()
                .map(|c| match *c {
                    "date" => text(&r[ts]),
                    c => text(&r[col(c)]),
                })
                .collect();
            reminders.rows.push(row);
            reminders.row_numbers.push(reminders.rows.len() as u64 + 1);
        }
    }
    Split {
        invoices,
        reminders,
        payments,
        disputes,
    }
}

#[test]
fn the_demo_split_into_four_ar_tables_joins_back_into_the_demo_log() {
    let csv = demo(1500);
    let expected = import_bytes(csv.as_bytes(), ImportOptions::default()).unwrap();
    let s = split(&csv);
    // Given in another order: the main table is found, not assumed.
    let tables = vec![s.reminders, s.payments, s.invoices, s.disputes];
    let model = propose(&tables).unwrap();
    let names: Vec<(&str, Shape, Option<&str>)> = model
        .tables
        .iter()
        .map(|t| (t.name.as_str(), t.shape, t.key()))
        .collect();
    assert_eq!(
        names,
        [
            ("invoices", Shape::Wide, Some("invoice_id")),
            ("reminders", Shape::Long, Some("invoice_id")),
            ("payments", Shape::Wide, Some("invoice_id")),
            ("disputes", Shape::Long, Some("invoice_id")),
        ]
    );
    let usage = |t: usize, c: &str| {
        model.tables[t]
            .columns
            .iter()
            .find(|x| x.name == c)
            .unwrap()
            .usage
            .clone()
    };
    assert_eq!(
        usage(0, "due_date"),
        ColumnUse::Attribute,
        "{:?}",
        model.notes
    );
    assert_eq!(
        usage(0, "Written off"),
        ColumnUse::Event {
            activity: "Written off".into()
        }
    );
    assert_eq!(usage(1, "activity"), ColumnUse::Activity);
    assert_eq!(
        usage(1, "date"),
        ColumnUse::Event {
            activity: "date".into()
        }
    );
    assert_eq!(usage(1, "promise_date"), ColumnUse::Attribute);
    assert_eq!(usage(3, "dispute_reason"), ColumnUse::Attribute);
    let joined = join(&tables, &model).unwrap();
    assert!(joined.report.orphans.is_empty(), "{:?}", joined.report);
    assert!(joined.report.repeated.is_empty(), "{:?}", joined.report);
    assert_eq!(joined.report.unreadable_dates, 0);
    let got = import_bytes(&joined.csv, joined.options.clone()).unwrap();
    assert_eq!(got.report.skipped_rows, 0);
    // Case attributes on every case; event attributes on the events of the long tables (the wide tables
    // have no resource: those events have none).
    assert_same_log(
        &expected.log,
        &got.log,
        &[],
        &[
            "customer",
            "segment",
            "amount",
            "due_date",
            "region",
            "payment_terms",
            "sales_rep",
        ],
    );
    let long: std::collections::HashSet<&str> = [
        "Invoice created",
        "Invoice sent",
        "Reminder 1 sent",
        "Reminder 2 sent",
        "Reminder 3 sent",
        "Final notice sent",
        "Call attempted",
        "Conversation held",
        "Promise to pay",
        "Promise broken",
        "Dispute raised",
        "Dispute resolved",
        "Credit note issued",
    ]
    .into();
    let mut checked = 0;
    for c in 0..expected.log.case_count() {
        let d = got.log.find_case(expected.log.case_id(c)).unwrap();
        for (e, f) in expected.log.case_events(c).zip(got.log.case_events(d)) {
            let name = expected.log.activity_name(expected.log.activities()[e]);
            if !long.contains(name) {
                assert_eq!(got.log.resource_name(got.log.resources()[f]), None);
                continue;
            }
            checked += 1;
            let res = |l: &EventLog, e: usize| l.resource_name(l.resources()[e]).map(String::from);
            assert_eq!(res(&expected.log, e), res(&got.log, f));
            for a in ["channel", "dunning_level", "promise_date", "dispute_reason"] {
                let v = |l: &EventLog, e: usize| {
                    l.attribute(a)
                        .map(|at| l.event_value(at, e, l.case_of_event(e)).display())
                        .unwrap_or_default()
                };
                assert_eq!(v(&expected.log, e), v(&got.log, f), "{a}");
            }
        }
    }
    assert!(checked > 5000, "{checked} long-table events checked");
}

#[test]
fn orphans_and_tables_without_a_shared_key_are_reported() {
    let s = split(&demo(200));
    let mut reminders = s.reminders.clone();
    reminders.rows.push(vec![
        Cell::Text("INV-999999".into()),
        Cell::Text("Reminder 1 sent".into()),
        Cell::Text("2024-06-01T10:00:00+02:00".into()),
    ]);
    reminders.row_numbers.push(99_999);
    let tables = vec![s.invoices.clone(), reminders];
    let model = propose(&tables).unwrap();
    let j = join(&tables, &model).unwrap();
    assert_eq!(j.report.orphans[0].examples, ["INV-999999"]);
    let got = import_bytes(&j.csv, j.options).unwrap();
    assert!(
        got.report
            .notes
            .iter()
            .any(|n| n.contains("reminders: 1 keys (1 rows) are not in invoices")),
        "{:?}",
        got.report.notes
    );
    let other = Table::from_csv("bank", b"ref,booked\nX-1,2024-01-01\nX-2,2024-01-02\n").unwrap();
    let e = propose(&[s.invoices, other]).unwrap_err().to_string();
    assert!(
        e.contains("invoices shares no key with bank")
            || e.contains("bank shares no key with invoices"),
        "{e}"
    );
}

#[cfg(feature = "parquet")]
mod parquet_files {
    use super::*;
    use parquet::basic::{LogicalType, Repetition, Type as Physical};
    use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::types::Type;
    use relance_engine::import::parquet::ParquetRows;
    use std::sync::Arc;

    fn col(name: &str, p: Physical, logical: Option<LogicalType>) -> Arc<Type> {
        Arc::new(
            Type::primitive_type_builder(name, p)
                .with_repetition(Repetition::OPTIONAL)
                .with_logical_type(logical)
                .build()
                .unwrap(),
        )
    }

    /// The demo as Parquet (snappy): text columns as UTF-8, the timestamp as UTC-adjusted milliseconds,
    /// amount as a double, dunning level as an integer.
    fn demo_parquet(csv: &str, compression: parquet::basic::Compression) -> Vec<u8> {
        let (header, rows) = rows(csv);
        let fields: Vec<Arc<Type>> = header
            .iter()
            .map(|h| match h.as_str() {
                "timestamp" => col(
                    h,
                    Physical::INT64,
                    Some(LogicalType::timestamp(
                        true,
                        parquet::basic::TimeUnit::MILLIS,
                    )),
                ),
                "amount" => col(h, Physical::DOUBLE, None),
                "dunning_level" | "payment_terms" => col(h, Physical::INT64, None),
                _ => col(h, Physical::BYTE_ARRAY, Some(LogicalType::String)),
            })
            .collect();
        let schema = Arc::new(
            Type::group_type_builder("schema")
                .with_fields(fields)
                .build()
                .unwrap(),
        );
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(compression)
                .set_max_row_group_row_count(Some(1000))
                .build(),
        );
        let mut out = Vec::new();
        let mut w = SerializedFileWriter::new(&mut out, schema, props).unwrap();
        for chunk in rows.chunks(1000) {
            let mut rg = w.next_row_group().unwrap();
            for (c, h) in header.iter().enumerate() {
                let mut cw = rg.next_column().unwrap().unwrap();
                let def: Vec<i16> = chunk.iter().map(|r| i16::from(!r[c].is_empty())).collect();
                let present = chunk.iter().filter(|r| !r[c].is_empty());
                match h.as_str() {
                    "timestamp" => {
                        let v: Vec<i64> = present
                            .map(|r| parse_timestamp(&r[c], DateOrder::Auto).unwrap().ms)
                            .collect();
                        cw.typed::<Int64Type>()
                            .write_batch(&v, Some(&def), None)
                            .unwrap();
                    }
                    "amount" => {
                        let v: Vec<f64> = present.map(|r| r[c].parse().unwrap()).collect();
                        cw.typed::<DoubleType>()
                            .write_batch(&v, Some(&def), None)
                            .unwrap();
                    }
                    "dunning_level" | "payment_terms" => {
                        let v: Vec<i64> = present.map(|r| r[c].parse().unwrap()).collect();
                        cw.typed::<Int64Type>()
                            .write_batch(&v, Some(&def), None)
                            .unwrap();
                    }
                    _ => {
                        let v: Vec<ByteArray> =
                            present.map(|r| ByteArray::from(r[c].as_str())).collect();
                        cw.typed::<ByteArrayType>()
                            .write_batch(&v, Some(&def), None)
                            .unwrap();
                    }
                }
                cw.close().unwrap();
            }
            rg.close().unwrap();
        }
        w.close().unwrap();
        out
    }

    fn import_parquet(bytes: Vec<u8>) -> Result<Imported, relance_engine::Error> {
        let mut rows = ParquetRows::from_vec(bytes)?;
        let mut csv = Vec::new();
        let mut first = true;
        loop {
            let limit = csv.len() + 8192;
            let (_, more) = rows.write_csv(&mut csv, first, limit)?;
            first = false;
            if !more {
                break;
            }
        }
        import_bytes(&csv, ImportOptions::default())
    }

    #[test]
    fn the_demo_as_parquet_reads_back_as_the_csv_log() {
        let csv = demo(300);
        let expected = import_bytes(csv.as_bytes(), ImportOptions::default()).unwrap();
        for codec in [
            parquet::basic::Compression::SNAPPY,
            parquet::basic::Compression::GZIP(Default::default()),
            parquet::basic::Compression::ZSTD(Default::default()),
        ] {
            let got = import_parquet(demo_parquet(&csv, codec)).unwrap();
            assert_eq!(got.report.skipped_rows, 0);
            assert_same_log(&expected.log, &got.log, &DEMO_EVENT_ATTRS, &[]);
        }
    }

    #[test]
    fn a_column_chunk_with_a_negative_offset_is_an_error_not_a_panic() {
        // Found by the import_workbook fuzz target: the parquet crate asserts on a negative chunk
        // offset while reading rows, which killed the worker.
        let bytes = include_bytes!("fixtures/parquet_negative_column_offset.parquet").to_vec();
        let result = ParquetRows::from_vec(bytes).and_then(|mut rows| {
            while rows.next_row()?.is_some() {}
            Ok(())
        });
        let err = result.expect_err("a damaged file is refused").to_string();
        assert!(err.contains("damaged"), "{err}");
    }

    #[test]
    fn nested_columns_are_left_out_and_said() {
        let inner = Arc::new(
            Type::group_type_builder("address")
                .with_repetition(Repetition::OPTIONAL)
                .with_fields(vec![col(
                    "city",
                    Physical::BYTE_ARRAY,
                    Some(LogicalType::String),
                )])
                .build()
                .unwrap(),
        );
        let schema = Arc::new(
            Type::group_type_builder("schema")
                .with_fields(vec![
                    col("case", Physical::BYTE_ARRAY, Some(LogicalType::String)),
                    inner,
                ])
                .build()
                .unwrap(),
        );
        let mut out = Vec::new();
        let mut w =
            SerializedFileWriter::new(&mut out, schema, Arc::new(WriterProperties::default()))
                .unwrap();
        let mut rg = w.next_row_group().unwrap();
        let mut cw = rg.next_column().unwrap().unwrap();
        cw.typed::<ByteArrayType>()
            .write_batch(&[ByteArray::from("A")], Some(&[1]), None)
            .unwrap();
        cw.close().unwrap();
        let mut cw = rg.next_column().unwrap().unwrap();
        cw.typed::<ByteArrayType>()
            .write_batch(&[ByteArray::from("Paris")], Some(&[2]), None)
            .unwrap();
        cw.close().unwrap();
        rg.close().unwrap();
        w.close().unwrap();
        let mut rows = ParquetRows::from_vec(out).unwrap();
        assert_eq!(rows.columns(), ["case"]);
        assert!(rows.notes()[0].text.contains("\"address\""));
        assert_eq!(rows.next_row().unwrap(), Some(vec![Cell::Text("A".into())]));
        // Not a Parquet file at all.
        let e = ParquetRows::from_vec(b"PAR1 broken".to_vec())
            .err()
            .unwrap();
        assert!(
            e.to_string().contains("cannot read the Parquet file"),
            "{e}"
        );
    }
}

mod hostile_workbooks {
    use super::*;

    fn rezip(xlsx: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
        let mut z = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
        let mut out = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut out);
            for i in 0..z.len() {
                let mut f = z.by_index(i).unwrap();
                let name = f.name().unwrap().to_string();
                let mut data = Vec::new();
                std::io::Read::read_to_end(&mut f, &mut data).unwrap();
                w.start_file(name.clone(), zip::write::SimpleFileOptions::default())
                    .unwrap();
                w.write_all(&edit(&name, data)).unwrap();
            }
            w.finish().unwrap();
        }
        out.into_inner()
    }

    fn small_book() -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let s = book.add_worksheet();
        s.write_string(0, 0, "case").unwrap();
        s.write_string(0, 1, "activity").unwrap();
        s.write_string(0, 2, "timestamp").unwrap();
        for r in 1..=3u32 {
            s.write_string(r, 0, format!("C{r}")).unwrap();
            s.write_string(r, 1, "Pay").unwrap();
            s.write_string(r, 2, format!("2024-01-0{r} 10:00")).unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn a_used_range_of_a_million_columns_holding_ten_cells_is_read_as_it_is() {
        let bytes = rezip(&small_book(), |name, data| {
            if name.contains("worksheets/sheet1.xml") {
                let text = String::from_utf8(data).unwrap();
                let text = text.replace(
                    "<sheetData>",
                    "<dimension ref=\"A1:XFD1048576\"/><sheetData>",
                );
                // One stray cell at the far right of a data row.
                let text = text.replace(
                    "</row></sheetData>",
                    "<c r=\"XFD4\"><v>1</v></c></row></sheetData>",
                );
                text.into_bytes()
            } else {
                data
            }
        });
        let (got, notes) = import_sheet(bytes, Some("Sheet1"));
        assert_eq!(got.log.event_count(), 3);
        assert!(
            notes
                .iter()
                .any(|n| n.contains("1 cells right of the table's last column")),
            "{notes:?}"
        );
    }

    #[test]
    fn broken_password_protected_and_bomb_workbooks_say_what_they_are() {
        let msg = |bytes: Vec<u8>| {
            Workbook::open(Cursor::new(bytes))
                .err()
                .unwrap()
                .to_string()
        };
        // Truncated zip.
        let book = small_book();
        assert!(msg(book[..book.len() / 2].to_vec()).contains("broken zip"));
        // A zip that is not a workbook.
        let other = {
            let mut out = Cursor::new(Vec::new());
            let mut w = zip::ZipWriter::new(&mut out);
            w.start_file("notes.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(b"hello").unwrap();
            w.finish().unwrap();
            out.into_inner()
        };
        assert!(msg(other).contains("not an Excel or OpenDocument workbook"));
        // A bomb: a sheet that would unpack to 300 MB of spaces from about 300 KB.
        let bomb = rezip(&book, |name, data| {
            if name.contains("worksheets/sheet1.xml") {
                let mut d = data;
                d.extend(std::iter::repeat_n(b' ', 300 << 20));
                d
            } else {
                data
            }
        });
        assert!(bomb.len() < 2 << 20);
        let m = msg(bomb);
        assert!(m.contains("zip bomb"), "{m}");
        // Shared strings claiming a billion strings.
        let sst = rezip(&book, |name, data| {
            if name.ends_with("sharedStrings.xml") {
                String::from_utf8(data)
                    .unwrap()
                    .replace("uniqueCount=\"", "uniqueCount=\"1000000000")
                    .into_bytes()
            } else {
                data
            }
        });
        assert!(msg(sst).contains("shared strings claim"));
        // An encrypted workbook is an OLE file: a compound-file header with an EncryptedPackage
        // stream; a plain OLE file that is not a workbook is refused too.
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.resize(4096, 0);
        let m = msg(ole);
        assert!(m.contains("cannot read the workbook"), "{m}");
        assert!(msg(b"hello world".to_vec()).contains("not an Excel"));
    }

    #[test]
    fn merged_header_cells_and_formula_cells() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let s = book.add_worksheet();
        let f = rust_xlsxwriter::Format::new();
        s.merge_range(0, 0, 0, 1, "Invoice", &f).unwrap();
        s.write_string(0, 2, "activity").unwrap();
        s.write_string(0, 3, "timestamp").unwrap();
        s.write_string(0, 4, "total").unwrap();
        for r in 1..=3u32 {
            s.write_string(r, 0, format!("C{r}")).unwrap();
            s.write_string(r, 1, "EUR").unwrap();
            s.write_string(r, 2, "Pay").unwrap();
            s.write_string(r, 3, format!("2024-01-0{r} 10:00")).unwrap();
            s.write_formula(r, 4, rust_xlsxwriter::Formula::new("=1+1").set_result("2"))
                .unwrap();
        }
        let mut wb = Workbook::open(Cursor::new(book.save_to_buffer().unwrap())).unwrap();
        let t = wb.table("Sheet1", "book").unwrap();
        assert_eq!(
            t.columns,
            ["Invoice", "Column 2", "activity", "timestamp", "total"]
        );
        assert!(
            t.notes
                .iter()
                .any(|n| n.text.contains("1 header cells are empty")),
            "{:?}",
            t.notes
        );
        // The formula's cached value.
        assert_eq!(t.rows[0][4], Cell::Number(2.0));
    }
}

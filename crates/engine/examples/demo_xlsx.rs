//! Writes the demo log as an .xlsx workbook for benchmarks: `demo_xlsx INVOICES OUT.xlsx` (121,000
//! invoices give about 1,000,000 rows). Timestamps and dates are Excel date cells (UTC wall clock),
//! amounts and levels numbers, the rest text; written in rust_xlsxwriter's constant-memory mode.

use relance_engine::demo::{demo_csv, DemoOptions};
use relance_engine::import::timestamp::{parse_timestamp, DateOrder};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A benchmark tool: any failure ends it with the message (`main` returning an error prints it).
type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let invoices: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let out = args.get(2).cloned().unwrap_or_else(|| "demo.xlsx".into());
    let csv = demo_csv(DemoOptions {
        invoices,
        ..Default::default()
    });
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rdr.headers()?.iter().map(String::from).collect();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory()?;
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let day = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h)?;
    }
    let mut rows = 0u32;
    for (r, rec) in rdr.records().enumerate() {
        let rec = rec?;
        let r = r as u32 + 1;
        rows = r;
        for (c, v) in rec.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let c16 = c as u16;
            match header.get(c).map(String::as_str).unwrap_or("") {
                "timestamp" => {
                    let ms = parse_timestamp(v, DateOrder::Auto)
                        .ok_or_else(|| format!("row {r}: unreadable timestamp {v:?}"))?
                        .ms;
                    let dt = ExcelDateTime::from_timestamp(ms / 1000)?;
                    sheet.write_datetime_with_format(r, c16, &dt, &stamp)?;
                }
                "due_date" | "promise_date" => {
                    let dt = ExcelDateTime::parse_from_str(v)?;
                    sheet.write_datetime_with_format(r, c16, &dt, &day)?;
                }
                "amount" | "payment_terms" | "dunning_level" => {
                    sheet.write_number(r, c16, v.parse::<f64>()?)?;
                }
                _ => {
                    sheet.write_string(r, c16, v)?;
                }
            }
        }
    }
    book.save(&out)?;
    eprintln!("{out}: {rows} rows");
    Ok(())
}

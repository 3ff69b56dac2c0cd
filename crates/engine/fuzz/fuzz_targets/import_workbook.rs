//! Arbitrary bytes read as a workbook (xlsx, xlsb, xls, ods, told apart by content), a Parquet file and a
//! zip of tables: opening, the sheet preselection, every sheet streamed as CSV and imported, the
//! Parquet rows and the zip's tables must never panic; a sheet read must not hold more cells than its
//! bytes can describe.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relance_engine::import::parquet::ParquetRows;
use relance_engine::import::sources::tables_from_file;
use relance_engine::import::tables::{join, propose};
use relance_engine::import::xlsx::Workbook;
use relance_engine::import::{import_bytes, ImportOptions};
use std::io::Cursor;

fuzz_target!(|data: &[u8]| {
    if let Ok(mut wb) = Workbook::open(Cursor::new(data)) {
        let _ = wb.preselect();
        for sheet in wb.sheets() {
            let Ok(mut rows) = wb.rows(&sheet.name) else {
                continue;
            };
            let mut csv = Vec::new();
            let mut first = true;
            loop {
                let limit = csv.len() + 4096;
                let Ok((_, more)) = rows.write_csv(&mut csv, first, limit) else {
                    break;
                };
                first = false;
                if !more || csv.len() > 1 << 24 {
                    break;
                }
            }
            let _ = import_bytes(&csv, ImportOptions::default());
        }
    }
    if let Ok(mut rows) = ParquetRows::from_vec(data.to_vec()) {
        let mut n = 0;
        while let Ok(Some(_)) = rows.next_row() {
            n += 1;
            if n > 100_000 {
                break;
            }
        }
    }
    if let Ok(tables) = tables_from_file("fuzz.zip", data.to_vec(), None) {
        if let Ok(model) = propose(&tables) {
            let _ = join(&tables, &model);
        }
    }
});

//! Arbitrary bytes through the importer in two chunks (the first input byte picks the split), then the
//! core analyses. Inputs that read as plain CSV also go straight through `CsvDecoder` split at the same
//! byte, which must give what the importer gave from one piece (a small file reaches the decoder whole).
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use relance_engine::import::detect::{detect_format, sample_end};
use relance_engine::import::{CsvDecoder, Format, ImportOptions, Imported};
use relance_engine::Error;

fn decode_two(bytes: &[u8], at: usize) -> Result<Imported, Error> {
    let (sample, complete) = match sample_end(bytes, &mut 0) {
        Some(n) => (&bytes[..n], false),
        None => (bytes, true),
    };
    let mut d = CsvDecoder::new(ImportOptions::default().csv_options(sample, complete)?)?;
    d.feed(&bytes[..at])?;
    d.feed(&bytes[at..])?;
    d.finish()
}

fuzz_target!(|data: &[u8]| {
    let Some((at, bytes)) = common::split(data) else {
        return;
    };
    let imported = common::import_two(bytes, at);
    if let Ok(i) = &imported {
        common::analyse(i);
    }
    let gzip = bytes.starts_with(&[0x1f, 0x8b]);
    let blank = bytes.iter().all(u8::is_ascii_whitespace);
    if !gzip && !blank && detect_format(bytes) == Format::Csv {
        common::same(&imported, &decode_two(bytes, at));
    }
});

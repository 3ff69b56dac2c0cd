//! Arbitrary bytes read as XES (`<log>` is put in front of inputs that do not start with `<`), through
//! the importer in two chunks (the first input byte picks the split), then the core analyses. The same
//! bytes also go straight through `XesDecoder` split at the same byte, which must agree with the
//! importer (a small file reaches the decoder whole).
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use relance_engine::import::{Imported, XesDecoder, XesOptions};
use relance_engine::Error;

fn decode_two(bytes: &[u8], at: usize) -> Result<Imported, Error> {
    let mut d = XesDecoder::new(XesOptions::default());
    d.feed(&bytes[..at])?;
    d.feed(&bytes[at..])?;
    d.finish()
}

fuzz_target!(|data: &[u8]| {
    let Some((at, rest)) = common::split(data) else {
        return;
    };
    let mut bytes = Vec::with_capacity(rest.len() + 5);
    let mut at = at;
    if rest.first() != Some(&b'<') {
        bytes.extend_from_slice(b"<log>");
        at += 5;
    }
    bytes.extend_from_slice(rest);
    let imported = common::import_two(&bytes, at);
    if let Ok(i) = &imported {
        common::analyse(i);
    }
    common::same(&imported, &decode_two(&bytes, at));
});

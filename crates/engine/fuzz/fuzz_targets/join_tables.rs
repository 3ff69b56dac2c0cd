//! Arbitrary bytes cut into two CSV tables (the first input byte picks the cut): proposing a model and
//! joining must never panic, and a join's CSV must import (or fail with an error, never a panic).
#![no_main]

use libfuzzer_sys::fuzz_target;
use relance_engine::import::tables::{join, propose, Table};
use relance_engine::import::import_bytes;

fuzz_target!(|data: &[u8]| {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    let at = k as usize * rest.len() / 255;
    let (a, b) = rest.split_at(at);
    let (Ok(a), Ok(b)) = (Table::from_csv("a", a), Table::from_csv("b", b)) else {
        return;
    };
    let tables = [a, b];
    if let Ok(model) = propose(&tables) {
        if let Ok(j) = join(&tables, &model) {
            let _ = import_bytes(&j.csv, j.options);
        }
    }
});

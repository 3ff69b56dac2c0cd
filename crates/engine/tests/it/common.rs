//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// `../shared/` beside the checkout (or `$RELANCE_SHARED`), if present. Tests that need it print why they
/// skip when it is absent, since a user's clone has no `../shared/`.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("RELANCE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    dir.join("reference").is_dir().then_some(dir)
}

/// Reads a whole file, inflating `.gz`.
pub fn read_text(path: &std::path::Path) -> String {
    use std::io::Read;
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .unwrap();
        s
    } else {
        String::from_utf8(bytes).unwrap()
    }
}

/// Rows of a CSV file with a header, as maps from column name to value.
pub fn read_csv(path: &std::path::Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = read_text(path);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Equal within 1e-6 relative (absolute below 1), as `independent_check.py` compares.
pub fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-6 * 1f64.max(a.abs()).max(b.abs())
}

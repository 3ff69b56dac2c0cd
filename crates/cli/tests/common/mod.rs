//! What every CLI test file uses: a temp file, the built `relance` run with a clean locale, its JSON,
//! its one-line errors, the demo export. Each test binary uses a part of it.
#![allow(dead_code)]

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A path in the system temp dir, removed on drop; unique per process and call.
pub struct TempFile(pub PathBuf);

impl TempFile {
    /// A path with no file yet (for a command's output).
    pub fn path_for(name: &str) -> TempFile {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        TempFile(std::env::temp_dir().join(format!(
            "relance-cli-test-{}-{n}-{name}",
            std::process::id()
        )))
    }

    /// A file holding `contents`.
    pub fn new(name: &str, contents: &[u8]) -> TempFile {
        let f = TempFile::path_for(name);
        std::fs::write(&f.0, contents).unwrap();
        f
    }

    pub fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `relance ARGS` with the locale variables unset (English text unless `--lang` says otherwise).
pub fn relance(args: &[&str]) -> Output {
    relance_in(args, None)
}

/// `relance` with `LANG` set to `lang` (or unset), and the other locale variables unset: the text
/// output's language comes from there when `--lang` is not given.
pub fn relance_in(args: &[&str], lang: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_relance"));
    cmd.args(args)
        // A panic would print a backtrace with this set; the tests check none appears.
        .env("RUST_BACKTRACE", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    if let Some(l) = lang {
        cmd.env("LANG", l);
    }
    cmd.output().expect("run relance")
}

/// The JSON a successful run printed.
pub fn json(args: &[&str]) -> Value {
    let out = relance(args);
    assert!(
        out.status.success(),
        "relance {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// Asserts the run failed with status 2 and one `relance: ` line on stderr (no panic, no backtrace,
/// nothing on stdout), and returns that line.
pub fn one_line_error(args: &[&str]) -> String {
    let out = relance(args);
    assert_eq!(out.status.code(), Some(2), "relance {args:?}");
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        !err.contains("panicked") && !err.contains("backtrace") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "stderr: {err:?}");
    assert!(lines[0].starts_with("relance: "), "{err}");
    lines[0].to_string()
}

/// `relance demo --invoices N --lang L` written to a temp file.
pub fn demo(invoices: &str, lang: &str) -> TempFile {
    let out = relance(&["demo", "--invoices", invoices, "--lang", lang]);
    assert!(out.status.success());
    TempFile::new(&format!("demo-{lang}.csv"), &out.stdout)
}

/// Asserts that the object `v` (a `what`) has every one of `keys`.
pub fn assert_keys(v: &Value, what: &str, keys: &[&str]) {
    for key in keys {
        assert!(
            v.as_object().is_some_and(|o| o.contains_key(*key)),
            "{what} has no {key}: {v}"
        );
    }
}

//! The panic hook of the page and of the engine worker. A panic message can quote the user's data (a
//! string-slicing panic prints up to 256 characters of the value; serde errors quote values), so the
//! console gets only where the panic happened and a generic sentence, never the message (audit
//! 2026-11-30, §3). The console stays local, but people paste it into bug reports.

use std::panic::PanicHookInfo;

/// The line written to the console for a panic: its source location only.
pub fn describe(info: &PanicHookInfo<'_>) -> String {
    match info.location() {
        Some(l) => format!(
            "Relance: internal error at {}:{}:{} (details withheld: they can contain your data)",
            l.file(),
            l.line(),
            l.column()
        ),
        None => "Relance: internal error (details withheld: they can contain your data)".into(),
    }
}

/// Installs the hook (instead of `console_error_panic_hook`, which prints the message).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&describe(info).into());
    }));
}

#[cfg(test)]
mod tests {
    use super::describe;
    use std::sync::Mutex;

    #[test]
    fn the_console_line_names_the_place_not_the_data() {
        static SEEN: Mutex<Option<String>> = Mutex::new(None);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(|info| {
            if let Ok(mut s) = SEEN.lock() {
                *s = Some(describe(info));
            }
        }));
        let secret = String::from("Dupont SA, IBAN FR76 3000 6000 0112 3456 7890 189");
        let _ = std::panic::catch_unwind(|| {
            let _ = &secret[..secret.len() + 1];
        });
        std::panic::set_hook(previous);
        let line = SEEN.lock().unwrap().take().unwrap();
        assert!(
            line.starts_with("Relance: internal error at src/core/panic_hook.rs:"),
            "{line}"
        );
        assert!(!line.contains("Dupont") && !line.contains("IBAN"), "{line}");
    }
}

//! A scenario in one sentence, in the interface's language, and the words of deviations.

use super::{Frame, Scenario};
use crate::conformance::deviations::DeviationKind;
use crate::insights::text::{money, number};
use crate::insights::Language;

pub(super) fn deviation_words(k: DeviationKind) -> &'static str {
    match k {
        DeviationKind::Skipped => "skipped",
        DeviationKind::Inserted => "done outside the model",
        DeviationKind::OutOfOrder => "done out of order",
        DeviationKind::Repeated => "repeated",
    }
}

pub(super) fn deviation_words_fr(k: DeviationKind) -> &'static str {
    match k {
        DeviationKind::Skipped => "sautée",
        DeviationKind::Inserted => "faite hors du modèle",
        DeviationKind::OutOfOrder => "faite dans le désordre",
        DeviationKind::Repeated => "répétée",
    }
}

/// Donor pools: conformant cases of the same segment when it has enough, else all of them.
pub(super) fn sentence(s: &Scenario, frame: &Frame, lang: Language) -> String {
    let fr = lang == Language::Fr;
    let days = |x: f64| number(x, 1, lang);
    let mut parts: Vec<String> = Vec::new();
    if let (Some(x), Some(lo), Some(hi)) = (s.invoice_to_cash_days, s.ci_low, s.ci_high) {
        parts.push(if fr {
            format!(
                "délai d'encaissement médian {} j (IC 95 % {} à {})",
                signed(x, lang),
                days(lo),
                days(hi)
            )
        } else {
            format!(
                "median invoice to cash {} d (95 % CI {} to {})",
                signed(x, lang),
                days(lo),
                days(hi)
            )
        });
    } else if let (Some(x), Some(lo), Some(hi)) =
        (s.case_duration_days, s.duration_ci_low, s.duration_ci_high)
    {
        parts.push(if fr {
            format!(
                "durée médiane des dossiers {} j (IC 95 % {} à {})",
                signed(x, lang),
                days(lo),
                days(hi)
            )
        } else {
            format!(
                "median case duration {} d (95 % CI {} to {})",
                signed(x, lang),
                days(lo),
                days(hi)
            )
        });
    }
    if let Some(x) = s.dso_days {
        parts.push(format!(
            "DSO {} {}",
            signed(x, lang),
            if fr { "j" } else { "d" }
        ));
    }
    if let Some(x) = s.cash_released {
        parts.push(if fr {
            format!(
                "{} de trésorerie libérée",
                money(x, frame.currency.as_deref(), lang)
            )
        } else {
            format!(
                "{} cash released",
                money(x, frame.currency.as_deref(), lang)
            )
        });
    }
    if let Some(x) = s.late_invoices {
        parts.push(if fr {
            format!("{} factures en retard", signed_count(x, lang))
        } else {
            format!("{} late invoices", signed_count(x, lang))
        });
    }
    if let Some(x) = s.write_offs {
        parts.push(if fr {
            format!("{} passages en perte", signed_count(x, lang))
        } else {
            format!("{} write-offs", signed_count(x, lang))
        });
    }
    let head = if fr { "Si " } else { "If " };
    let body = if parts.is_empty() {
        if fr {
            "pas d'estimation".to_string()
        } else {
            "no estimate".to_string()
        }
    } else {
        parts.join(", ")
    };
    let tail = if fr {
        " (estimation d'après le journal, pas une promesse)."
    } else {
        " (an estimate from the log, not a promise)."
    };
    format!("{head}{}: {body}{tail}", s.name)
}

fn signed(x: f64, lang: Language) -> String {
    let s = number(x, 1, lang);
    if x > 0.0 && !s.starts_with('−') {
        format!("+{s}")
    } else {
        s
    }
}

fn signed_count(x: f64, lang: Language) -> String {
    let s = number(x, 0, lang);
    if x >= 0.5 {
        format!("+{s}")
    } else {
        s
    }
}

//! The report's words, numbers and dates in English or French.
//!
//! Numbers go through the insights' one formatter ([`number`], [`percent`], [`money`]): "1,234.5" and
//! "63 %" in English, "1 234,5" and "63 %" in French. Dates read `31 Mar 2026` or `31/03/2026`, as the
//! app shows them; months `June 2025` or `juin 2025`. Each interface word sits beside its translation
//! ([`t`]), as the filter chips' words do.

use crate::calendar::{civil_from_days, MS_PER_DAY};
use crate::collections::availability::{code, Unavailable};
use crate::collections::ActivityRole;
use crate::import::timestamp::parse_timestamp;
use crate::import::DateOrder;
pub use crate::insights::text::{money, number, percent};
use crate::insights::{
    text::{month_abbrev, month_name},
    Language,
};

/// The English or the French words, by language.
pub fn t(lang: Language, en: &'static str, fr: &'static str) -> &'static str {
    match lang {
        Language::En => en,
        Language::Fr => fr,
    }
}

/// A count: `1,234` / `1 234`.
pub fn count(n: u64, lang: Language) -> String {
    number(n as f64, 0, lang)
}

/// A share with one decimal, as the KPIs show it: `63.5 %` / `63,5 %`; "–" when not finite.
pub fn share(x: f64, lang: Language) -> String {
    if x.is_finite() {
        format!("{}\u{a0}%", number(x * 100.0, 1, lang))
    } else {
        "–".into()
    }
}

/// Days with one decimal: `12.5 d` / `12,5 j`.
pub fn days(x: f64, lang: Language) -> String {
    format!("{}\u{a0}{}", number(x, 1, lang), t(lang, "d", "j"))
}

/// A duration in seconds in the largest sensible unit (`4.2 d`, `3.5 h`, `12 min`, `40 s`), as the
/// map's labels show it.
pub fn duration(s: f64, lang: Language) -> String {
    if !s.is_finite() {
        return "–".into();
    }
    let a = s.abs();
    if a >= 86_400.0 * 365.0 {
        format!(
            "{} {}",
            number(s / (86_400.0 * 365.0), 1, lang),
            t(lang, "y", "an")
        )
    } else if a >= 86_400.0 * 2.0 {
        days(s / 86_400.0, lang)
    } else if a >= 3600.0 {
        format!("{} h", number(s / 3600.0, 1, lang))
    } else if a >= 60.0 {
        format!("{} min", number(s / 60.0, 0, lang))
    } else {
        format!("{} s", number(s, 0, lang))
    }
}

/// The UTC date of an instant: `31 Mar 2026` / `31/03/2026`.
pub fn date(ms: i64, lang: Language) -> String {
    let (y, m, d) = civil_from_days(ms.div_euclid(MS_PER_DAY));
    match lang {
        Language::Fr => format!("{d:02}/{m:02}/{y:04}"),
        Language::En => {
            let month = month_abbrev(m, lang).unwrap_or("?");
            format!("{d} {month} {y}")
        }
    }
}

/// A date or instant as the engine writes it (`2025-07-31`, `2025-07-31T00:00:00Z`), as [`date`];
/// text that is not one is shown as it is.
pub fn date_text(s: &str, lang: Language) -> String {
    match parse_timestamp(s, DateOrder::Auto) {
        Some(p) if !s.is_empty() => date(p.ms, lang),
        _ if s.is_empty() => "–".into(),
        _ => s.to_string(),
    }
}

/// "not available (why)" / "non disponible (pourquoi)".
pub fn not_available(why: Option<String>, lang: Language) -> String {
    match why {
        Some(w) => format!("{} ({w})", t(lang, "not available", "non disponible")),
        None => t(lang, "not available", "non disponible").to_string(),
    }
}

/// A month `YYYY-MM` in words: `June 2025` / `juin 2025`.
pub fn month(ym: &str, lang: Language) -> String {
    let parsed = ym
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i64>().ok()?, m.parse::<u32>().ok()?)));
    match parsed.and_then(|(y, m)| Some((y, month_name(m, lang)?))) {
        Some((y, name)) => format!("{name} {y}"),
        None => ym.to_string(),
    }
}

/// How an activity role is named in a reason ("payment received", "paiement reçu").
pub fn role_words(r: ActivityRole, lang: Language) -> String {
    use ActivityRole::*;
    if lang == Language::En {
        return match r {
            Reminder { .. } => "reminder".into(),
            r => r.key().replace('_', " "),
        };
    }
    match r {
        Reminder { .. } => "relance",
        CreditRequested => "crédit demandé",
        CreditApproved => "crédit accordé",
        CreditRejected => "crédit refusé",
        InvoiceCreated => "facture créée",
        InvoiceSent => "facture envoyée",
        InvoiceCancelled => "facture annulée",
        DueDatePassed => "échéance dépassée",
        FinalNotice => "mise en demeure",
        CallAttempted => "appel tenté",
        ConversationHeld => "entretien avec le client",
        PromiseToPay => "promesse de paiement",
        PromiseBroken => "promesse rompue",
        DisputeRaised => "litige ouvert",
        DisputeResolved => "litige résolu",
        CreditNote => "avoir",
        PaymentReceived => "paiement reçu",
        PaymentPosted => "paiement comptabilisé",
        InvoiceCleared => "facture soldée",
        SentToAgency => "confiée à une agence de recouvrement",
        WrittenOff => "passée en perte",
        CeaseContact => "arrêt des contacts",
        // A role added later: its key, readable.
        _ => return r.key().replace('_', " "),
    }
    .into()
}

/// Why a collections figure is not available, in `lang`: from the engine's code and roles; a reason
/// without a known code is said in English, as the engine wrote it.
pub fn reason(u: &Unavailable, lang: Language) -> String {
    let roles = || {
        u.roles
            .iter()
            .map(|&r| role_words(r, lang))
            .collect::<Vec<_>>()
            .join(t(lang, " or ", " ou "))
    };
    let fr = lang == Language::Fr;
    match (u.code.as_str(), fr) {
        (code::NOT_RECOGNISED, true) => format!("aucune activité reconnue comme {}", roles()),
        (code::NO_DUE_DATE, true) => format!(
            "ni colonne d'échéance ni activité reconnue comme {}",
            roles()
        ),
        (code::NEVER_CLOSES, true) => format!(
            "aucune activité reconnue comme {} : aucune facture ne serait jamais soldée",
            roles()
        ),
        ("no_paid_invoice_with_due_date", true) => {
            "aucune facture payée avec une échéance dans la sélection".into()
        }
        ("no_paid_invoice", true) => "aucune facture payée dans la sélection".into(),
        ("no_invoice_before_as_of", true) => {
            "aucune facture émise avant la date d'arrêté dans la sélection".into()
        }
        ("nothing_collectible", true) => "rien n'était recouvrable sur la période : l'encours de début plus les ventes, moins l'encours non échu de fin, est nul ou négatif".into(),
        ("no_write_off", true) => "aucune facture passée en perte dans la sélection".into(),
        ("no_credit_decision", true) => {
            "aucune demande de crédit tranchée dans la sélection".into()
        }
        ("no_complete_month", true) => {
            "aucun mois complet : chaque fin de mois voit une période partielle".into()
        }
        _ => u.reason.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::days_from_civil;

    #[test]
    fn dates_months_and_durations_follow_the_language() {
        let ms = days_from_civil(2026, 3, 31) * MS_PER_DAY + 5_000;
        assert_eq!(date(ms, Language::En), "31 Mar 2026");
        assert_eq!(date(ms, Language::Fr), "31/03/2026");
        assert_eq!(date_text("2025-07-01", Language::Fr), "01/07/2025");
        assert_eq!(month("2025-06", Language::En), "June 2025");
        assert_eq!(month("2025-06", Language::Fr), "juin 2025");
        assert_eq!(month("garbage", Language::Fr), "garbage");
        assert_eq!(duration(3.5 * 86_400.0, Language::Fr), "3,5\u{a0}j");
        assert_eq!(duration(90.0 * 60.0, Language::En), "1.5 h");
        assert_eq!(share(0.635, Language::Fr), "63,5\u{a0}%");
        assert_eq!(count(12_345, Language::En), "12,345");
    }

    #[test]
    fn reasons_name_the_roles_in_french() {
        let u = Unavailable {
            figure: "kpis.on_time_payment_rate".into(),
            reason: "no due-date column and no activity recognised as due date passed".into(),
            roles: vec![ActivityRole::DueDatePassed],
            code: code::NO_DUE_DATE.into(),
        };
        assert_eq!(
            reason(&u, Language::Fr),
            "ni colonne d'échéance ni activité reconnue comme échéance dépassée"
        );
        assert_eq!(reason(&u, Language::En), u.reason);
    }
}

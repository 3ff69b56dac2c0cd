//! Words: outcome labels and definitions, the findings as sentences, reasons and caveats, in English
//! and French. Every sentence the insights show is built here, so the app's localisation can take
//! them over from one place.
//!
//! Numbers follow the language: "63 %", "1,234.5" in English, "1 234,5" in French; amounts in k / M
//! with the log's currency ("4.1 M€").

use super::drivers::{MONTHS, WEEKDAYS};
use super::outcomes::{OutcomeContext, OutcomeId, OutcomeKind};
use super::{Finding, InsightsOptions};
use serde::{Deserialize, Serialize};

/// Language of the sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl Language {
    /// The language's code (`en`, `fr`), as in the `translations` of rule packs.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }

    /// Parses `en` / `fr`.
    pub fn from_key(key: &str) -> Option<Language> {
        match key.to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Language::En),
            "fr" | "french" | "français" | "francais" => Some(Language::Fr),
            _ => None,
        }
    }
}

/// What a sentence needs to know about the log.
#[derive(Debug, Clone, PartialEq)]
pub struct TextContext {
    /// Language.
    pub language: Language,
    /// Cases are invoices.
    pub receivables: bool,
    /// Currency code of the amounts (`EUR`), if known.
    pub currency: Option<String>,
}

/// A number with `decimals` decimals and thousands separators.
pub fn number(x: f64, decimals: usize, lang: Language) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let (sep, dec) = match lang {
        Language::En => (',', '.'),
        Language::Fr => (' ', ','),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(ch);
    }
    let sign = if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{dec}{frac}")
    }
}

/// A rate as a percentage: whole percents from 10 %, one decimal below.
pub fn percent(p: f64, lang: Language) -> String {
    format!("{} %", percent_number(p, lang))
}

fn percent_number(p: f64, lang: Language) -> String {
    let x = p * 100.0;
    number(x, if x.abs() < 10.0 { 1 } else { 0 }, lang)
}

/// An amount in k / M with the currency: "4.1 M€", "12 k€", "950 €".
pub fn money(x: f64, currency: Option<&str>, lang: Language) -> String {
    let unit = match currency {
        Some("EUR") | Some("€") => "€".to_string(),
        Some("USD") | Some("$") => "$".to_string(),
        Some("GBP") | Some("£") => "£".to_string(),
        Some(c) => format!(" {c}"),
        None => String::new(),
    };
    let a = x.abs();
    let (v, scale) = if a >= 1e6 {
        (x / 1e6, "M")
    } else if a >= 1e4 {
        (x / 1e3, "k")
    } else {
        (x, "")
    };
    let decimals = if scale == "M" && v.abs() < 100.0 {
        1
    } else {
        0
    };
    let n = number(v, decimals, lang);
    match (scale, unit.starts_with(' '), unit.is_empty()) {
        ("", _, true) => n,
        ("", false, false) => format!("{n} {unit}"),
        (s, _, true) => format!("{n} {s}"),
        (s, false, false) => format!("{n} {s}{unit}"),
        (s, true, _) => format!("{n} {s}{unit}").replace("  ", " "),
    }
}

/// The label of an outcome for pickers.
pub fn outcome_label(id: &OutcomeId, lang: Language) -> String {
    use Language::*;
    match (id, lang) {
        (OutcomeId::LatePayment, En) => "Late payment".into(),
        (OutcomeId::LatePayment, Fr) => "Retard de paiement".into(),
        (OutcomeId::Disputed, En) => "Disputed".into(),
        (OutcomeId::Disputed, Fr) => "Litige".into(),
        (OutcomeId::WrittenOff, En) => "Written off".into(),
        (OutcomeId::WrittenOff, Fr) => "Passée en perte".into(),
        (OutcomeId::InvoiceToCashDays, En) => "Invoice to cash (days)".into(),
        (OutcomeId::InvoiceToCashDays, Fr) => "Délai d'encaissement (jours)".into(),
        (OutcomeId::DunningUnanswered, En) => "First reminder unanswered".into(),
        (OutcomeId::DunningUnanswered, Fr) => "Première relance sans effet".into(),
        (OutcomeId::CaseDurationDays, En) => "Case duration (days)".into(),
        (OutcomeId::CaseDurationDays, Fr) => "Durée du dossier (jours)".into(),
        (OutcomeId::PassesThrough(a), En) => format!("Passes through “{a}”"),
        (OutcomeId::PassesThrough(a), Fr) => format!("Passe par « {a} »"),
        (OutcomeId::EndsWith(a), En) => format!("Ends with “{a}”"),
        (OutcomeId::EndsWith(a), Fr) => format!("Se termine par « {a} »"),
        (OutcomeId::InFilter, En) => "In the current filter".into(),
        (OutcomeId::InFilter, Fr) => "Dans le filtre actuel".into(),
        (OutcomeId::InB, En) => "In population B".into(),
        (OutcomeId::InB, Fr) => "Dans la population B".into(),
    }
}

/// The definition of an outcome, with what is left out (English; shown under the picker).
pub fn outcome_definition(id: &OutcomeId, opts: &InsightsOptions) -> String {
    let w = number(opts.window_days, 0, Language::En);
    let m = number(opts.maturity_days, 0, Language::En);
    match id {
        OutcomeId::LatePayment => "Paid after the due date, or still open with the due date passed at the log's end \
            (or written off after it). Invoices not yet due, cancelled, or settled without a payment are left out. \
            Without a due-date column: passed through \"due date passed\"."
            .into(),
        OutcomeId::Disputed => "Has a \"dispute raised\" event by the log's end.".into(),
        OutcomeId::WrittenOff => "Written off, among invoices closed by the log's end (paid, cleared or written off); \
            open and cancelled invoices are left out."
            .into(),
        OutcomeId::InvoiceToCashDays => format!(
            "Days from issue to payment received, over invoices issued at least {m} days before the log's end; \
             unpaid ones (open or written off) count as slower than any paid one, so the median equals the \
             Kaplan–Meier median when it is below {m} days. Cancelled invoices and those settled by a credit \
             note are left out."
        ),
        OutcomeId::DunningUnanswered => format!(
            "The first reminder was not followed by a payment within {w} days; invoices whose window is still \
             running at the log's end are left out."
        ),
        OutcomeId::CaseDurationDays => "Days from the first to the last event; cases still running count as they \
            stand at the log's end."
            .into(),
        OutcomeId::PassesThrough(a) => format!("The case has an event \"{a}\"."),
        OutcomeId::EndsWith(a) => format!("The case's last event is \"{a}\"."),
        OutcomeId::InFilter => "The case is in the current filter; the population is every case.".into(),
        OutcomeId::InB => "The case is in population B; the population is A and B together.".into(),
    }
}

/// Verb phrase and noun of a rate outcome: ("are paid late", "late invoices").
fn rate_words(id: &OutcomeId, tc: &TextContext) -> (String, String) {
    let fr = tc.language == Language::Fr;
    let subject_noun = match (fr, tc.receivables) {
        (false, true) => "invoices",
        (false, false) => "cases",
        (true, true) => "factures",
        (true, false) => "dossiers",
    };
    match (id, fr) {
        (OutcomeId::LatePayment, false) => ("are paid late".into(), "late invoices".into()),
        (OutcomeId::LatePayment, true) => {
            ("sont payées en retard".into(), "factures en retard".into())
        }
        (OutcomeId::Disputed, false) => ("are disputed".into(), "disputed invoices".into()),
        (OutcomeId::Disputed, true) => ("sont contestées".into(), "factures contestées".into()),
        (OutcomeId::WrittenOff, false) => ("are written off".into(), "written-off invoices".into()),
        (OutcomeId::WrittenOff, true) => (
            "sont passées en perte".into(),
            "factures passées en perte".into(),
        ),
        (OutcomeId::DunningUnanswered, false) => (
            "leave their first reminder unanswered".into(),
            "unanswered first reminders".into(),
        ),
        (OutcomeId::DunningUnanswered, true) => (
            "laissent leur première relance sans effet".into(),
            "premières relances sans effet".into(),
        ),
        (OutcomeId::PassesThrough(a), false) => (
            format!("pass through “{a}”"),
            format!("{subject_noun} through “{a}”"),
        ),
        (OutcomeId::PassesThrough(a), true) => (
            format!("passent par « {a} »"),
            format!("{subject_noun} passant par « {a} »"),
        ),
        (OutcomeId::EndsWith(a), false) => (
            format!("end with “{a}”"),
            format!("{subject_noun} ending with “{a}”"),
        ),
        (OutcomeId::EndsWith(a), true) => (
            format!("se terminent par « {a} »"),
            format!("{subject_noun} se terminant par « {a} »"),
        ),
        (OutcomeId::InFilter, false) => (
            "are in the current filter".into(),
            format!("{subject_noun} in the filter"),
        ),
        (OutcomeId::InFilter, true) => (
            "sont dans le filtre actuel".into(),
            format!("{subject_noun} dans le filtre"),
        ),
        (OutcomeId::InB, false) => ("are in B".into(), format!("{subject_noun} in B")),
        (OutcomeId::InB, true) => ("sont dans B".into(), format!("{subject_noun} dans B")),
        (_, false) => ("have the outcome".into(), subject_noun.into()),
        (_, true) => ("présentent le résultat".into(), subject_noun.into()),
    }
}

/// A driver value in the sentence's language (month and day names are stored in English).
fn value_words(value: &str, lang: Language) -> String {
    const MOIS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const JOURS: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    if lang == Language::Fr {
        if let Some(i) = MONTHS.iter().position(|m| *m == value) {
            return MOIS[i].into();
        }
        if let Some(i) = WEEKDAYS.iter().position(|m| *m == value) {
            return JOURS[i].into();
        }
        if value == super::drivers::OTHER {
            return "autre".into();
        }
        if value == super::drivers::MISSING {
            return "(vide)".into();
        }
    }
    value.to_string()
}

/// "Invoices with region Sud-Est and payment_terms 60".
fn subject(f: &Finding, tc: &TextContext) -> String {
    let fr = tc.language == Language::Fr;
    let head = match (fr, tc.receivables) {
        (false, true) => "Invoices with",
        (false, false) => "Cases with",
        (true, true) => "Les factures avec",
        (true, false) => "Les dossiers avec",
    };
    let and = if fr { " et " } else { " and " };
    let parts: Vec<String> = f
        .parts
        .iter()
        .map(|(a, v)| format!("{a} {}", value_words(v, tc.language)))
        .collect();
    format!("{head} {}", parts.join(and))
}

/// The finding as a sentence a consultant can read aloud.
pub fn finding_sentence(f: &Finding, id: &OutcomeId, tc: &TextContext) -> String {
    let lang = tc.language;
    let fr = lang == Language::Fr;
    let mut s = subject(f, tc);
    match id.kind() {
        OutcomeKind::Rate => {
            let (verb, noun) = rate_words(id, tc);
            let excess = number(f.excess_cases.abs(), 0, lang);
            let (more, fewer) = if fr {
                ("de plus", "de moins")
            } else {
                ("more", "fewer")
            };
            let dir = if f.excess_cases >= 0.0 { more } else { fewer };
            let amount = f
                .amount_at_risk
                .filter(|a| a.is_finite() && *a > 0.0)
                .map(|a| {
                    let m = money(a, tc.currency.as_deref(), lang);
                    if fr {
                        format!(" ({m} en jeu)")
                    } else {
                        format!(" ({m} at risk)")
                    }
                })
                .unwrap_or_default();
            if fr {
                let they = if tc.receivables { "elles" } else { "ils" };
                s.push_str(&format!(
                    " {verb} dans {} des cas (IC 95 % {}–{} %) contre {} pour les autres : {excess} {noun} {dir} \
                     que si {they} se comportaient comme le reste{amount}.",
                    percent(f.outcome_value, lang),
                    percent_number(f.value_ci_low, lang),
                    percent_number(f.value_ci_high, lang),
                    percent(f.rest_value, lang),
                ));
            } else {
                s.push_str(&format!(
                    " {verb} {} of the time (95 % CI {}–{} %) against {} for the others: {excess} {dir} {noun} \
                     than if they behaved like the rest{amount}.",
                    percent(f.outcome_value, lang),
                    percent_number(f.value_ci_low, lang),
                    percent_number(f.value_ci_high, lang),
                    percent(f.rest_value, lang),
                ));
            }
        }
        OutcomeKind::Duration => {
            let days = |x: f64| number(x, 1, lang);
            let signed = |x: f64| {
                if x > 0.0 {
                    format!("+{}", number(x, 1, lang))
                } else {
                    days(x)
                }
            };
            // An interval open at infinity (more than half of a resample never paid).
            let upper = |x: f64| match (x.is_finite(), fr) {
                (true, false) => format!(" to {}", signed(x)),
                (true, true) => format!(" à {}", signed(x)),
                (false, false) => " and above".to_string(),
                (false, true) => " et au-delà".to_string(),
            };
            let what = match (id, fr) {
                (OutcomeId::InvoiceToCashDays, false) => "from invoice to cash",
                (OutcomeId::InvoiceToCashDays, true) => "de la facture à l'encaissement",
                (_, false) => "from first to last event",
                (_, true) => "du premier au dernier événement",
            };
            if f.outcome_value.is_infinite() {
                // More than half of the group never turned to cash (still unpaid, or written off).
                if fr {
                    s.push_str(&format!(
                        " ne sont en majorité jamais encaissées (plus de la moitié impayées ou passées en \
                         perte), contre une médiane de {} jours pour les autres.",
                        days(f.rest_value)
                    ));
                } else {
                    s.push_str(&format!(
                        " mostly never turn to cash (more than half unpaid or written off), against a median \
                         of {} days for the others.",
                        days(f.rest_value)
                    ));
                }
            } else if fr {
                s.push_str(&format!(
                    " mettent en médiane {} jours {what}, contre {} jours pour les autres (écart {} jours, \
                     IC 95 % {}{}).",
                    days(f.outcome_value),
                    days(f.rest_value),
                    signed(f.difference),
                    signed(f.ci_low),
                    upper(f.ci_high),
                ));
            } else {
                s.push_str(&format!(
                    " take a median of {} days {what}, against {} days for the others (difference {} days, \
                     95 % CI {}{}).",
                    days(f.outcome_value),
                    days(f.rest_value),
                    signed(f.difference),
                    signed(f.ci_low),
                    upper(f.ci_high),
                ));
            }
        }
    }
    if f.stratified_flip {
        if let Some(by) = &f.stratified_by {
            if fr {
                s.push_str(&format!(
                    " À {by} égal, l'écart s'inverse : à prendre avec prudence."
                ));
            } else {
                s.push_str(&format!(
                    " Within each {by} group the difference reverses: treat it with caution."
                ));
            }
        }
    }
    s
}

/// How to read the findings.
pub fn caveat(lang: Language) -> &'static str {
    match lang {
        Language::En => "These are associations observed in this log, not proof of cause: a value can look bad \
            because of something else that goes with it. Invoices of one customer are not independent, so \
            customer-level attributes look surer than they are.",
        Language::Fr => "Ce sont des associations observées dans ce journal, pas la preuve d'une cause : une valeur \
            peut paraître mauvaise à cause d'autre chose qui l'accompagne. Les factures d'un même client ne sont pas \
            indépendantes : les attributs propres au client paraissent plus sûrs qu'ils ne le sont.",
    }
}

/// The assumptions behind a report (English).
pub fn notes(oc: &OutcomeContext, opts: &InsightsOptions) -> Vec<String> {
    vec![
        "Attribute values are taken as of each case's first event (case attributes as they are); values \
         recorded later could be consequences of the outcome."
            .into(),
        format!(
            "Outcomes are measured as of {} (the last event of the population unless set).",
            crate::calendar::format_iso_utc(oc.as_of())
        ),
        format!(
            "Findings: q ≤ {} (Benjamini–Hochberg over every value tested for the outcome), groups of at least {} \
             cases, ranked by cases × the interval end nearest zero.",
            opts.max_q, opts.min_cases
        ),
    ]
}

/// The log has no collections roles.
pub fn reason_no_collections_roles() -> String {
    "no activity has a collections role (invoice, payment, reminder...): not a receivables log"
        .into()
}

/// No due dates.
pub fn reason_no_due_dates() -> String {
    "the log has no due date (no due-date column and no \"due date passed\" activity)".into()
}

/// No payments.
pub fn reason_no_payments() -> String {
    "no activity records a payment (payment received or invoice cleared)".into()
}

/// No activity with a role.
pub fn reason_no_role(role: &str) -> String {
    format!("no activity has the role {role}")
}

/// No mature invoice.
pub fn reason_not_mature(days: f64) -> String {
    format!(
        "no invoice was issued at least {} days before the log's end",
        number(days, 0, Language::En)
    )
}

/// No such activity.
pub fn reason_no_activity(name: &str) -> String {
    format!("no activity \"{name}\" in the log")
}

/// No target selection.
pub fn reason_no_target() -> String {
    "needs a current filter (a second selection) to compare with".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::stats::Test;
    use crate::insights::IntervalMethod;

    fn finding() -> Finding {
        Finding {
            outcome: "late_payment".into(),
            attribute: "Region".into(),
            value: "Süd".into(),
            cases: 1200,
            outcome_value: 0.63,
            rest_value: 0.32,
            difference: 0.31,
            ci_low: 0.28,
            ci_high: 0.34,
            p_value: 1e-20,
            q_value: 1e-19,
            excess_cases: 760.4,
            amount_at_risk: Some(4_123_456.0),
            text: String::new(),
            rest_cases: 5000,
            value_ci_low: 0.6065,
            value_ci_high: 0.6549,
            interval_method: IntervalMethod::NewcombeHybridScore,
            test: Test::ZTest,
            impact: 336.0,
            stratified_by: None,
            stratified_difference: None,
            stratified_flip: false,
            parts: vec![("Region".into(), "Süd".into())],
        }
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(number(1234.5, 1, Language::En), "1,234.5");
        assert_eq!(number(1234.5, 1, Language::Fr), "1 234,5");
        assert_eq!(number(-1_234_567.0, 0, Language::En), "−1,234,567");
        assert_eq!(number(-0.01, 0, Language::En), "0");
        assert_eq!(percent(0.634, Language::Fr), "63 %");
        assert_eq!(percent(0.0432, Language::Fr), "4,3 %");
        assert_eq!(money(4_123_456.0, Some("EUR"), Language::En), "4.1 M€");
        assert_eq!(money(4_123_456.0, Some("EUR"), Language::Fr), "4,1 M€");
        assert_eq!(money(12_345.0, Some("CHF"), Language::En), "12 k CHF");
        assert_eq!(money(950.0, None, Language::En), "950");
    }

    #[test]
    fn the_issue_s_sentence_in_both_languages() {
        let tc = TextContext {
            language: Language::En,
            receivables: true,
            currency: Some("EUR".into()),
        };
        assert_eq!(
            finding_sentence(&finding(), &OutcomeId::LatePayment, &tc),
            "Invoices with Region Süd are paid late 63 % of the time (95 % CI 61–65 %) against 32 % for the \
             others: 760 more late invoices than if they behaved like the rest (4.1 M€ at risk)."
        );
        let fr = TextContext {
            language: Language::Fr,
            ..tc
        };
        assert_eq!(
            finding_sentence(&finding(), &OutcomeId::LatePayment, &fr),
            "Les factures avec Region Süd sont payées en retard dans 63 % des cas (IC 95 % 61–65 %) contre 32 % \
             pour les autres : 760 factures en retard de plus que si elles se comportaient comme le reste \
             (4,1 M€ en jeu)."
        );
        let mut d = finding();
        d.parts = vec![("due (month)".into(), "March".into())];
        d.outcome_value = 52.0;
        d.rest_value = 40.0;
        d.difference = 12.0;
        d.ci_low = 8.3;
        d.ci_high = 15.0;
        let s = finding_sentence(&d, &OutcomeId::InvoiceToCashDays, &fr);
        assert!(
            s.starts_with("Les factures avec due (month) mars mettent en médiane 52,0 jours"),
            "{s}"
        );
        assert!(
            s.ends_with("(écart +12,0 jours, IC 95 % +8,3 à +15,0)."),
            "{s}"
        );
    }
}

//! Words: outcome labels and definitions, the findings as sentences, reasons and caveats, in English
//! and French. Every sentence the insights show is built here, so the app's localisation can take
//! them over from one place.
//!
//! Numbers follow the language: "63 %", "1,234.5" in English, "1 234,5" in French; amounts in k / M
//! with the log's currency ("4.1 M€").

use super::drivers::{MONTHS, WEEKDAYS};
use super::maturity::{Maturity, MaturityBasis, MaturityFrom};
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

/// Whole days as words: "1 day", "152 days"; "1 jour", "152 jours".
fn days_words(d: f64, lang: Language) -> String {
    let n = number(d, 0, lang);
    match (lang, d == 1.0) {
        (Language::En, true) => format!("{n} day"),
        (Language::En, false) => format!("{n} days"),
        (Language::Fr, true) => format!("{n} jour"),
        (Language::Fr, false) => format!("{n} jours"),
    }
}

/// "invoices due at least 152 days before the log's end": the cases an outcome that takes time is
/// judged on, by what its window counts from.
fn mature_cases(m: &Maturity, receivables: bool, lang: Language) -> String {
    let d = days_words(m.window_days, lang);
    let fr = lang == Language::Fr;
    match (m.from, m.basis, fr) {
        (MaturityFrom::DueDate, MaturityBasis::Definition, false) => {
            "invoices past their due date at the log's end".into()
        }
        (MaturityFrom::DueDate, MaturityBasis::Definition, true) => {
            "factures échues à la fin du journal".into()
        }
        (MaturityFrom::DueDate, _, false) => {
            format!("invoices due at least {d} before the log's end")
        }
        (MaturityFrom::DueDate, _, true) => {
            format!("factures échues depuis au moins {d} à la fin du journal")
        }
        (MaturityFrom::Issue, _, false) => {
            format!("invoices issued at least {d} before the log's end")
        }
        (MaturityFrom::Issue, _, true) => {
            format!("factures émises au moins {d} avant la fin du journal")
        }
        (MaturityFrom::FirstReminder, _, false) => {
            format!("first reminders sent at least {d} before the log's end")
        }
        (MaturityFrom::FirstReminder, _, true) => {
            format!("premières relances envoyées au moins {d} avant la fin du journal")
        }
        (MaturityFrom::CaseStart, _, false) => format!(
            "{} started at least {d} before the log's end",
            if receivables { "invoices" } else { "cases" }
        ),
        (MaturityFrom::CaseStart, _, true) => format!(
            "{} au moins {d} avant la fin du journal",
            if receivables {
                "factures commencées"
            } else {
                "dossiers commencés"
            }
        ),
    }
}

/// "Judged on the 4,210 invoices due at least 152 days before the log's end; 812 more recent ones are
/// left out." (the counts of an outcome that takes time).
fn judged_sentence(m: &Maturity, receivables: bool, lang: Language) -> String {
    let judged = number(m.judged_cases as f64, 0, lang);
    let recent = number(m.too_recent_cases as f64, 0, lang);
    let cases = mature_cases(m, receivables, lang);
    match lang {
        Language::En => format!(
            "Judged on the {judged} {cases}; {recent} more recent ones are left out, as they may not show \
             it yet."
        ),
        Language::Fr => {
            let feminine = receivables || m.from != MaturityFrom::CaseStart;
            let (plus, left) = if feminine {
                ("plus récentes", "écartées")
            } else {
                ("plus récents", "écartés")
            };
            format!("Jugé sur les {judged} {cases} ; {recent} {plus} sont {left}, faute de recul.")
        }
    }
}

/// Where a percentile window comes from: " The 152 days are the 90th percentile of due date to
/// write-off over 96 cases of this log." (empty for a window the definition or a setting fixes).
fn window_source(m: &Maturity, what: (&str, &str), lang: Language) -> String {
    if m.basis != MaturityBasis::Percentile90 {
        return String::new();
    }
    let k = number(m.basis_cases as f64, 0, lang);
    let d = days_words(m.window_days, lang);
    match lang {
        Language::En => format!(
            " The {d} are the 90th percentile of {} over {k} cases of this log.",
            what.0
        ),
        Language::Fr => format!(
            " Ces {d} sont le 90e centile {} sur {k} dossiers de ce journal.",
            what.1
        ),
    }
}

/// The definition of an outcome, with what is left out, in the options' language (shown under the
/// picker). `maturity`: the window an outcome that takes time was judged with.
pub fn outcome_definition(
    id: &OutcomeId,
    maturity: Option<&Maturity>,
    opts: &InsightsOptions,
) -> String {
    let lang = opts.language;
    let fr = lang == Language::Fr;
    let w = days_words(opts.window_days, lang);
    let m_days = days_words(opts.maturity_days, lang);
    let receivables = id.is_collections();
    // The window in words and the sentence on what was judged, when known.
    let win =
        |fallback: &str| maturity.map_or(fallback.to_string(), |m| days_words(m.window_days, lang));
    let judged = maturity
        .map(|m| format!(" {}", judged_sentence(m, receivables, lang)))
        .unwrap_or_default();
    let source = |what: (&str, &str)| {
        maturity
            .map(|m| window_source(m, what, lang))
            .unwrap_or_default()
    };
    let d = win(if fr { "D jours" } else { "D days" });
    match (id, fr) {
        (OutcomeId::LatePayment, false) => format!(
            "Paid after the due date, or still open (or written off) after it; without a due-date column, \
             passed through \"due date passed\".{}{judged} Cancelled invoices and those settled without a \
             payment are left out.",
            source(("issue to \"due date passed\"", ""))
        ),
        (OutcomeId::LatePayment, true) => format!(
            "Payée après l'échéance, ou encore ouverte (ou passée en perte) après elle ; sans colonne \
             d'échéance, passée par « échéance dépassée ».{}{judged} Les factures annulées et celles soldées \
             sans paiement sont écartées.",
            source(("", "de l'émission à « échéance dépassée »"))
        ),
        (OutcomeId::Disputed, false) => format!(
            "Has a \"dispute raised\" event within {d} of issue.{}{judged}",
            source(("issue to first dispute", ""))
        ),
        (OutcomeId::Disputed, true) => format!(
            "A un événement « litige ouvert » dans les {d} suivant l'émission.{}{judged}",
            source(("", "de l'émission au premier litige"))
        ),
        (OutcomeId::WrittenOff, false) => format!(
            "Written off within {d} of the due date.{}{judged} Cancelled invoices are left out.",
            source(("due date to write-off", ""))
        ),
        (OutcomeId::WrittenOff, true) => format!(
            "Passée en perte dans les {d} suivant l'échéance.{}{judged} Les factures annulées sont écartées.",
            source(("", "de l'échéance à la passation en perte"))
        ),
        (OutcomeId::InvoiceToCashDays, false) => format!(
            "Days from issue to payment received, over invoices issued at least {m_days} before the log's end; \
             unpaid ones (open or written off) count as slower than any paid one, so the median equals the \
             Kaplan–Meier median when it is below {m_days}.{judged} Cancelled invoices and those settled by \
             a credit note are left out."
        ),
        (OutcomeId::InvoiceToCashDays, true) => format!(
            "Jours de l'émission au paiement reçu, sur les factures émises au moins {m_days} avant la fin du \
             journal ; les impayées (ouvertes ou passées en perte) comptent comme plus lentes que toute facture \
             payée, si bien que la médiane est celle de Kaplan–Meier quand elle est sous {m_days}.{judged} Les \
             factures annulées et celles soldées par un avoir sont écartées."
        ),
        (OutcomeId::DunningUnanswered, false) => format!(
            "The first reminder was not followed by a payment within {w}.{judged}"
        ),
        (OutcomeId::DunningUnanswered, true) => format!(
            "La première relance n'a pas été suivie d'un paiement dans les {w}.{judged}"
        ),
        (OutcomeId::CaseDurationDays, false) => format!(
            "Days from the first to the last event; cases started at least {d} before the log's end that are \
             still running count as they stand.{}{judged}",
            source(("case durations", ""))
        ),
        (OutcomeId::CaseDurationDays, true) => format!(
            "Jours du premier au dernier événement ; les dossiers commencés au moins {d} avant la fin du \
             journal et encore en cours comptent tels quels.{}{judged}",
            source(("", "des durées de dossier"))
        ),
        (OutcomeId::PassesThrough(a), false) => format!(
            "The case has an event \"{a}\" within {d} of its start.{}{judged}",
            source(("start to first event", ""))
        ),
        (OutcomeId::PassesThrough(a), true) => format!(
            "Le dossier a un événement « {a} » dans les {d} suivant son début.{}{judged}",
            source(("", "du début au premier événement"))
        ),
        (OutcomeId::EndsWith(a), false) => format!(
            "The case's last event is \"{a}\".{}{judged}",
            source(("the duration of the cases ending with it", ""))
        ),
        (OutcomeId::EndsWith(a), true) => format!(
            "Le dernier événement du dossier est « {a} ».{}{judged}",
            source(("", "de la durée des dossiers qui s'y terminent"))
        ),
        (OutcomeId::InFilter, false) => "The case is in the current filter; the population is every case.".into(),
        (OutcomeId::InFilter, true) => {
            "Le dossier est dans le filtre actuel ; la population est l'ensemble des dossiers.".into()
        }
        (OutcomeId::InB, false) => "The case is in population B; the population is A and B together.".into(),
        (OutcomeId::InB, true) => "Le dossier est dans la population B ; la population est A et B ensemble.".into(),
    }
}

/// Verb phrase and noun of a rate outcome: ("are paid late", "late invoices"); an outcome judged
/// within a window says it ("are written off within 152 days of their due date").
fn rate_words(id: &OutcomeId, maturity: Option<&Maturity>, tc: &TextContext) -> (String, String) {
    let fr = tc.language == Language::Fr;
    let within = |en: &str, fr_words: &str| match maturity {
        Some(m) if m.basis != MaturityBasis::Definition => {
            let d = days_words(m.window_days, tc.language);
            if fr {
                format!(" {fr_words}").replace("{d}", &d)
            } else {
                format!(" {en}").replace("{d}", &d)
            }
        }
        _ => String::new(),
    };
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
        (OutcomeId::Disputed, false) => (
            format!("are disputed{}", within("within {d} of issue", "")),
            "disputed invoices".into(),
        ),
        (OutcomeId::Disputed, true) => (
            format!(
                "sont contestées{}",
                within("", "dans les {d} suivant leur émission")
            ),
            "factures contestées".into(),
        ),
        (OutcomeId::WrittenOff, false) => (
            format!(
                "are written off{}",
                within("within {d} of their due date", "")
            ),
            "written-off invoices".into(),
        ),
        (OutcomeId::WrittenOff, true) => (
            format!(
                "sont passées en perte{}",
                within("", "dans les {d} suivant leur échéance")
            ),
            "factures passées en perte".into(),
        ),
        (OutcomeId::DunningUnanswered, false) => (
            format!(
                "leave their first reminder unanswered{}",
                within("for {d}", "")
            ),
            "unanswered first reminders".into(),
        ),
        (OutcomeId::DunningUnanswered, true) => (
            format!(
                "laissent leur première relance sans effet{}",
                within("", "pendant {d}")
            ),
            "premières relances sans effet".into(),
        ),
        (OutcomeId::PassesThrough(a), false) => (
            format!(
                "pass through “{a}”{}",
                within("within {d} of their start", "")
            ),
            format!("{subject_noun} through “{a}”"),
        ),
        (OutcomeId::PassesThrough(a), true) => (
            format!(
                "passent par « {a} »{}",
                within("", "dans les {d} suivant leur début")
            ),
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

/// French month names, January first.
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

/// The name of a month (1 = January) in `lang`: "June", "juin"; `None` outside 1..=12.
pub fn month_name(month: u32, lang: Language) -> Option<&'static str> {
    let i = (month as usize).checked_sub(1)?;
    match lang {
        Language::En => MONTHS.get(i).copied(),
        Language::Fr => MOIS.get(i).copied(),
    }
}

/// A driver value in the sentence's language (month and day names are stored in English).
fn value_words(value: &str, lang: Language) -> String {
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

/// Who a finding is about, and the words for those it is compared with.
struct Subject {
    /// "Invoices with region Sud-Est"; for a subgroup "Within region Süd, invoices with cost centre 121".
    head: String,
    /// "the others"; "the other invoices with region Süd".
    others: String,
    /// "the rest"; "the rest of region Süd".
    rest: String,
}

fn subject(f: &Finding, tc: &TextContext) -> Subject {
    let lang = tc.language;
    let fr = lang == Language::Fr;
    let words = |(a, v): &(String, String)| format!("{a} {}", value_words(v, lang));
    let noun = match (fr, tc.receivables) {
        (false, true) => "invoices",
        (false, false) => "cases",
        (true, true) => "factures",
        (true, false) => "dossiers",
    };
    if let Some(parent) = &f.parent {
        let p = words(&(parent.attribute.clone(), parent.value.clone()));
        let own: Vec<String> = f
            .parts
            .iter()
            .filter(|(a, v)| !(a == &parent.attribute && v == &parent.value))
            .map(words)
            .collect();
        let own = own.join(if fr { " et " } else { " and " });
        return if fr {
            let those = if tc.receivables { "celles" } else { "ceux" };
            Subject {
                head: format!("Parmi les {noun} avec {p}, {those} avec {own}"),
                others: format!("les autres {noun} avec {p}"),
                rest: format!("le reste de {p}"),
            }
        } else {
            Subject {
                head: format!("Within {p}, {noun} with {own}"),
                others: format!("the other {noun} with {p}"),
                rest: format!("the rest of {p}"),
            }
        };
    }
    let parts: Vec<String> = f.parts.iter().map(words).collect();
    if fr {
        Subject {
            head: format!("Les {noun} avec {}", parts.join(" et ")),
            others: "les autres".into(),
            rest: "le reste".into(),
        }
    } else {
        let head = if tc.receivables { "Invoices" } else { "Cases" };
        Subject {
            head: format!("{head} with {}", parts.join(" and ")),
            others: "the others".into(),
            rest: "the rest".into(),
        }
    }
}

/// The finding as a sentence a consultant can read aloud. `maturity`: the window of an outcome that
/// takes time, said at the end ("Judged on invoices due at least 152 days before the log's end.").
pub fn finding_sentence(
    f: &Finding,
    id: &OutcomeId,
    maturity: Option<&Maturity>,
    tc: &TextContext,
) -> String {
    let lang = tc.language;
    let fr = lang == Language::Fr;
    let Subject { head, others, rest } = subject(f, tc);
    let mut s = head;
    match id.kind() {
        OutcomeKind::Rate => {
            let (verb, noun) = rate_words(id, maturity, tc);
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
                    " {verb} dans {} des cas (IC 95 % {}–{} %) contre {} pour {others} : {excess} {noun} {dir} \
                     que si {they} se comportaient comme {rest}{amount}.",
                    percent(f.outcome_value, lang),
                    percent_number(f.value_ci_low, lang),
                    percent_number(f.value_ci_high, lang),
                    percent(f.rest_value, lang),
                ));
            } else {
                s.push_str(&format!(
                    " {verb} {} of the time (95 % CI {}–{} %) against {} for {others}: {excess} {dir} {noun} \
                     than if they behaved like {rest}{amount}.",
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
                         perte), contre une médiane de {} jours pour {others}.",
                        days(f.rest_value)
                    ));
                } else {
                    s.push_str(&format!(
                        " mostly never turn to cash (more than half unpaid or written off), against a median \
                         of {} days for {others}.",
                        days(f.rest_value)
                    ));
                }
            } else if fr {
                s.push_str(&format!(
                    " mettent en médiane {} jours {what}, contre {} jours pour {others} (écart {} jours, \
                     IC 95 % {}{}).",
                    days(f.outcome_value),
                    days(f.rest_value),
                    signed(f.difference),
                    signed(f.ci_low),
                    upper(f.ci_high),
                ));
            } else {
                s.push_str(&format!(
                    " take a median of {} days {what}, against {} days for {others} (difference {} days, \
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
    if let Some(m) = maturity {
        let cases = mature_cases(m, tc.receivables, lang);
        if fr {
            s.push_str(&format!(" Jugé sur les {cases}."));
        } else {
            s.push_str(&format!(" Judged on {cases}."));
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

/// How to read the findings when the log has a customer column (`column`): the intervals allow for
/// invoices of one customer going together.
pub fn caveat_with_customers(lang: Language, column: &str) -> String {
    match lang {
        Language::En => format!(
            "These are associations observed in this log, not proof of cause: a value can look bad because \
             of something else that goes with it. Invoices of one customer go together; the intervals and \
             p-values allow for it (design effect by {column})."
        ),
        Language::Fr => format!(
            "Ce sont des associations observées dans ce journal, pas la preuve d'une cause : une valeur peut \
             paraître mauvaise à cause d'autre chose qui l'accompagne. Les factures d'un même client vont \
             ensemble ; intervalles et p-valeurs en tiennent compte (effet de plan par {column})."
        ),
    }
}

/// The assumptions behind a report (English).
pub fn notes(oc: &OutcomeContext, opts: &InsightsOptions, customers: Option<&str>) -> Vec<String> {
    let mut notes = vec![
        "Attribute values are taken as of each case's first event (case attributes as they are); values \
         recorded later could be consequences of the outcome."
            .into(),
        format!(
            "Outcomes are measured as of {} (the last event of the population unless set). Outcomes that take \
             time are judged only on cases old enough to show them, on what happened within a window taken \
             from the log's own timing (each outcome's definition gives it, with the cases left out).",
            crate::calendar::format_iso_utc(oc.as_of())
        ),
        format!(
            "Findings: q ≤ {} (Benjamini–Hochberg over every value tested for the outcome), groups of at least {} \
             cases, ranked by cases × the interval end nearest zero. A subgroup (A × B) is tested against the \
             other cases of its stronger value alone, its parent, and reported only when it differs from them.",
            opts.max_q, opts.min_cases
        ),
    ];
    notes.push(match customers {
        Some(c) => format!(
            "Cases of one {c} are not independent: every interval and p-value uses each group's design effect \
             (its cluster-robust variance by {c} over the binomial one)."
        ),
        None => "No customer column: cases are treated as independent, so attributes shared by the cases of \
                 one customer may look surer than they are."
            .into(),
    });
    notes
}

/// The sentence over the headline: how many findings it shows, how they are ranked, how many values
/// were tested.
pub fn headline_note(
    lang: Language,
    shown: usize,
    by_amount: bool,
    outcomes: usize,
    tested: u64,
) -> String {
    let n = number(shown as f64, 0, lang);
    let o = number(outcomes as f64, 0, lang);
    let t = number(tested as f64, 0, lang);
    match (lang, by_amount) {
        (Language::En, true) => format!(
            "The {n} findings with the most money at stake (amount at risk) across {o} outcomes; {t} values \
             tested in all, Benjamini–Hochberg within each outcome."
        ),
        (Language::En, false) => format!(
            "The {n} findings with the most excess cases across {o} outcomes (no amounts in the log); {t} \
             values tested in all, Benjamini–Hochberg within each outcome."
        ),
        (Language::Fr, true) => format!(
            "Les {n} constats aux montants en jeu les plus élevés sur {o} résultats ; {t} valeurs testées en \
             tout, Benjamini–Hochberg pour chaque résultat."
        ),
        (Language::Fr, false) => format!(
            "Les {n} constats aux cas en excès les plus nombreux sur {o} résultats (pas de montants dans le \
             journal) ; {t} valeurs testées en tout, Benjamini–Hochberg pour chaque résultat."
        ),
    }
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
            parent: None,
            design_effect: None,
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
            finding_sentence(&finding(), &OutcomeId::LatePayment, None, &tc),
            "Invoices with Region Süd are paid late 63 % of the time (95 % CI 61–65 %) against 32 % for the \
             others: 760 more late invoices than if they behaved like the rest (4.1 M€ at risk)."
        );
        let fr = TextContext {
            language: Language::Fr,
            ..tc
        };
        assert_eq!(
            finding_sentence(&finding(), &OutcomeId::LatePayment, None, &fr),
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
        let s = finding_sentence(&d, &OutcomeId::InvoiceToCashDays, None, &fr);
        assert!(
            s.starts_with("Les factures avec due (month) mars mettent en médiane 52,0 jours"),
            "{s}"
        );
        assert!(
            s.ends_with("(écart +12,0 jours, IC 95 % +8,3 à +15,0)."),
            "{s}"
        );
    }

    #[test]
    fn a_pair_is_said_within_its_parent_and_a_window_is_said() {
        let mut f = finding();
        f.parts = vec![
            ("Region".into(), "Süd".into()),
            ("cost centre".into(), "121".into()),
        ];
        f.parent = Some(crate::insights::Parent {
            attribute: "Region".into(),
            value: "Süd".into(),
        });
        f.amount_at_risk = None;
        let m = Maturity {
            from: MaturityFrom::DueDate,
            window_days: 152.0,
            basis: MaturityBasis::Percentile90,
            basis_cases: 96,
            judged_cases: 4210,
            too_recent_cases: 812,
        };
        let en = TextContext {
            language: Language::En,
            receivables: true,
            currency: Some("EUR".into()),
        };
        assert_eq!(
            finding_sentence(&f, &OutcomeId::WrittenOff, Some(&m), &en),
            "Within Region Süd, invoices with cost centre 121 are written off within 152 days of their due date \
             63 % of the time (95 % CI 61–65 %) against 32 % for the other invoices with Region Süd: 760 more \
             written-off invoices than if they behaved like the rest of Region Süd. Judged on invoices due at \
             least 152 days before the log's end."
        );
        let fr = TextContext {
            language: Language::Fr,
            ..en.clone()
        };
        assert_eq!(
            finding_sentence(&f, &OutcomeId::WrittenOff, Some(&m), &fr),
            "Parmi les factures avec Region Süd, celles avec cost centre 121 sont passées en perte dans les 152 \
             jours suivant leur échéance dans 63 % des cas (IC 95 % 61–65 %) contre 32 % pour les autres \
             factures avec Region Süd : 760 factures passées en perte de plus que si elles se comportaient \
             comme le reste de Region Süd. Jugé sur les factures échues depuis au moins 152 jours à la fin du \
             journal."
        );
        let opts = InsightsOptions::default();
        assert_eq!(
            outcome_definition(&OutcomeId::WrittenOff, Some(&m), &opts),
            "Written off within 152 days of the due date. The 152 days are the 90th percentile of due date to \
             write-off over 96 cases of this log. Judged on the 4,210 invoices due at least 152 days before the \
             log's end; 812 more recent ones are left out, as they may not show it yet. Cancelled invoices are \
             left out."
        );
        let opts_fr = InsightsOptions {
            language: Language::Fr,
            ..opts
        };
        assert_eq!(
            outcome_definition(&OutcomeId::WrittenOff, Some(&m), &opts_fr),
            "Passée en perte dans les 152 jours suivant l'échéance. Ces 152 jours sont le 90e centile de \
             l'échéance à la passation en perte sur 96 dossiers de ce journal. Jugé sur les 4 210 factures échues \
             depuis au moins 152 jours à la fin du journal ; 812 plus récentes sont écartées, faute de recul. Les \
             factures annulées sont écartées."
        );
        // Late payment is decided the day after the due date: no window in the verb.
        let late = Maturity {
            window_days: 1.0,
            basis: MaturityBasis::Definition,
            ..m
        };
        let s = finding_sentence(&finding(), &OutcomeId::LatePayment, Some(&late), &en);
        assert!(
            s.starts_with("Invoices with Region Süd are paid late 63 % of the time"),
            "{s}"
        );
        assert!(
            s.ends_with(
                "(4.1 M€ at risk). Judged on invoices past their due date at the log's end."
            ),
            "{s}"
        );
    }
}

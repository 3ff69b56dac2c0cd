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
use crate::words::percent_number;
pub use crate::words::{money, number, percent, Language};

mod notes;
pub use notes::*;

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
            "Days from the first event to the last one within {d} of it, so that every case judged is seen \
             over the same {d}: a case still running at the log's end and an older one that went on longer \
             both count what they did by then.{}{judged}",
            source(("case durations", ""))
        ),
        (OutcomeId::CaseDurationDays, true) => format!(
            "Jours du premier événement au dernier des {d} qui le suivent, pour que chaque dossier jugé soit \
             vu sur les mêmes {d} : un dossier encore en cours à la fin du journal et un plus ancien qui a \
             duré davantage comptent tous deux ce qu'ils ont fait dans ce délai.{}{judged}",
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
            "The case's last event within {d} of its start is \"{a}\" (reached later, it counts as not yet \
             there, as for a recent case).{}{judged}",
            source(("case durations", ""))
        ),
        (OutcomeId::EndsWith(a), true) => format!(
            "Le dernier événement du dossier dans les {d} suivant son début est « {a} » (atteint plus tard, \
             il compte comme pas encore atteint, comme pour un dossier récent).{}{judged}",
            source(("", "des durées de dossier"))
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
            format!("end with “{a}”{}", within("within {d} of their start", "")),
            format!("{subject_noun} ending with “{a}”"),
        ),
        (OutcomeId::EndsWith(a), true) => (
            format!(
                "se terminent par « {a} »{}",
                within("", "dans les {d} suivant leur début")
            ),
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

/// A month's usual abbreviation, for axes and short dates: `Jan`…`Dec`, `janv.`…`déc.` (the French
/// ones of the Imprimerie nationale; "mars", "mai", "juin", "août" are not shortened).
pub fn month_abbrev(month: u32, lang: Language) -> Option<&'static str> {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const FR: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    let i = (month as usize).checked_sub(1)?;
    match lang {
        Language::En => EN.get(i).copied(),
        Language::Fr => FR.get(i).copied(),
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

#[cfg(test)]
mod tests;

//! Words: every sentence of the forecast, as a key and arguments ([`Message`], as the import report's
//! sentences) with its English text, and the same sentence in French ([`say`]) for the CLI's text output
//! and the app. Arguments are plain text: numbers without separators (`18.5`), dates `YYYY-MM-DD`;
//! [`say`] writes them in the language's format (`18,5`, `48 k€`).
//!
//! Keys start with `fc-`: `fc-na-…` say why something is not available, `fc-note-…` are the
//! assumptions shown under the forecast, the others are reasons and verdicts.

use super::backtest::Baseline;
use crate::import::Message;
use crate::insights::text::{money, number};
use crate::insights::Language;

/// Every key [`say`] knows, for tests and interfaces that list them.
pub const KEYS: &[&str] = &[
    "fc-base",
    "fc-customer",
    "fc-thin-history",
    "fc-no-customer",
    "fc-dispute-open",
    "fc-dispute-resolved",
    "fc-amount",
    "fc-terms",
    "fc-attribute",
    "fc-unpaid",
    "fc-beyond-habit",
    "fc-na-no-due-date",
    "fc-na-beyond-history",
    "fc-na-dispute-beyond",
    "fc-na-not-receivables",
    "fc-na-no-invoice-role",
    "fc-na-no-payment-role",
    "fc-na-no-due-dates",
    "fc-na-no-payments",
    "fc-na-all-open",
    "fc-na-few-payments",
    "fc-na-no-write-off-role",
    "fc-na-few-write-offs",
    "fc-na-backtest",
    "fc-single-customer",
    "fc-no-customer-column",
    "fc-verdict-beats",
    "fc-verdict-loses",
    "fc-note-dates",
    "fc-note-reasons",
    "fc-note-cash",
    "fc-note-cash-left-out",
    "fc-note-counts",
    "fc-note-partial",
    "fc-note-write-off",
];

/// A message with its English text.
pub fn message(key: &str, args: Vec<(String, String)>) -> Message {
    let text = say(key, &args, Language::En);
    let mut m = Message::new(key, text);
    m.args = args;
    m
}

/// The message in a language.
pub fn say_message(m: &Message, lang: Language) -> String {
    if m.key.is_empty() {
        return m.text.clone();
    }
    say(&m.key, &m.args, lang)
}

fn arg<'a>(args: &'a [(String, String)], name: &str) -> Option<&'a str> {
    args.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn num(args: &[(String, String)], name: &str) -> f64 {
    arg(args, name)
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(f64::NAN)
}

/// Whole days in the language, with the unit: "1 day", "18 days", "18 jours".
fn days(n: f64, lang: Language) -> String {
    let n = n.abs().round();
    let unit = match (lang, n <= 1.0) {
        (Language::En, true) if n == 1.0 => "day",
        (Language::En, _) => "days",
        (Language::Fr, true) => "jour",
        (Language::Fr, false) => "jours",
    };
    format!("{} {unit}", number(n, 0, lang))
}

/// "24 invoices", "1 facture".
fn invoices(n: f64, lang: Language) -> String {
    let unit = match (lang, n == 1.0) {
        (Language::En, true) => "invoice",
        (Language::En, false) => "invoices",
        (Language::Fr, true) => "facture",
        (Language::Fr, false) => "factures",
    };
    format!("{} {unit}", number(n, 0, lang))
}

/// The words of a baseline.
pub fn baseline_words(b: Baseline, lang: Language) -> &'static str {
    match (b, lang) {
        (Baseline::DueDate, Language::En) => "the due date",
        (Baseline::DueDate, Language::Fr) => "l'échéance",
        (Baseline::CustomerAverage, Language::En) => {
            "the due date plus the customer's average delay"
        }
        (Baseline::CustomerAverage, Language::Fr) => "l'échéance plus le retard moyen du client",
    }
}

/// The backtest's verdict.
pub fn verdict(
    mae: f64,
    baseline: Baseline,
    baseline_mae: f64,
    cutoffs: usize,
    beats: bool,
) -> Message {
    let key = if beats {
        "fc-verdict-beats"
    } else {
        "fc-verdict-loses"
    };
    let gain = if baseline_mae > 0.0 {
        (1.0 - mae / baseline_mae) * 100.0
    } else {
        0.0
    };
    message(
        key,
        vec![
            ("mae".into(), format!("{mae:.1}")),
            (
                "baseline".into(),
                match baseline {
                    Baseline::DueDate => "due_date".into(),
                    Baseline::CustomerAverage => "customer_average".into(),
                },
            ),
            ("baseline_mae".into(), format!("{baseline_mae:.1}")),
            ("gain".into(), format!("{gain:.0}")),
            ("cutoffs".into(), cutoffs.to_string()),
        ],
    )
}

/// The sentence of `key` with its arguments in `lang`; the key itself when unknown.
pub fn say(key: &str, args: &[(String, String)], lang: Language) -> String {
    use Language::{En, Fr};
    let a = |name: &str| arg(args, name).unwrap_or("").to_string();
    let n = |name: &str| num(args, name);
    let d1 = |x: f64| number(x, 1, lang);
    match key {
        "fc-base" => {
            let x = n("days");
            match (lang, x) {
                (En, x) if x >= 0.5 => format!("typical invoice here: paid {} after its due date", days(x, lang)),
                (En, x) if x <= -0.5 => format!("typical invoice here: paid {} before its due date", days(x, lang)),
                (En, _) => "typical invoice here: paid on its due date".into(),
                (Fr, x) if x >= 0.5 => format!("facture type : payée {} après l'échéance", days(x, lang)),
                (Fr, x) if x <= -0.5 => format!("facture type : payée {} avant l'échéance", days(x, lang)),
                (Fr, _) => "facture type : payée à l'échéance".into(),
            }
        }
        "fc-customer" => {
            let (m, p) = (n("median"), invoices(n("paid"), lang));
            match (lang, m) {
                (En, m) if m >= 0.5 => format!("customer usually pays {} late ({p})", days(m, lang)),
                (En, m) if m <= -0.5 => format!("customer usually pays {} early ({p})", days(m, lang)),
                (En, _) => format!("customer usually pays on the due date ({p})"),
                (Fr, m) if m >= 0.5 => format!("le client paie d'habitude avec {} de retard ({p})", days(m, lang)),
                (Fr, m) if m <= -0.5 => format!("le client paie d'habitude avec {} d'avance ({p})", days(m, lang)),
                (Fr, _) => format!("le client paie d'habitude à l'échéance ({p})"),
            }
        }
        "fc-thin-history" => {
            let p = n("paid");
            match (lang, p > 0.0) {
                (En, false) => "new customer: no paid invoice yet, estimated from similar invoices".into(),
                (En, true) => format!(
                    "history is thin: {} paid, estimated mostly from similar invoices",
                    invoices(p, lang)
                ),
                (Fr, false) => "nouveau client : aucune facture payée, estimé d'après des factures semblables".into(),
                (Fr, true) => format!(
                    "historique mince : {} payée{}, estimé surtout d'après des factures semblables",
                    invoices(p, lang),
                    if p > 1.0 { "s" } else { "" }
                ),
            }
        }
        "fc-no-customer" => match lang {
            En => "no customer on the invoice: estimated from similar invoices".into(),
            Fr => "pas de client sur la facture : estimé d'après des factures semblables".into(),
        },
        "fc-dispute-open" => {
            let age = n("age");
            match (lang, age < 1.0) {
                (En, true) => "dispute opened today, unresolved".into(),
                (En, false) => format!("dispute opened {} ago, unresolved", days(age, lang)),
                (Fr, true) => "litige ouvert aujourd'hui, non résolu".into(),
                (Fr, false) => format!("litige ouvert il y a {}, non résolu", days(age, lang)),
            }
        }
        "fc-dispute-resolved" => {
            let age = n("age");
            match (lang, age < 1.0) {
                (En, true) => "dispute resolved today".into(),
                (En, false) => format!("dispute resolved {} ago", days(age, lang)),
                (Fr, true) => "litige résolu aujourd'hui".into(),
                (Fr, false) => format!("litige résolu il y a {}", days(age, lang)),
            }
        }
        "fc-amount" => {
            let cur = arg(args, "currency");
            let m = |x: f64| money(x, cur, lang);
            let (lo, hi) = (n("low"), n("high"));
            match (lang, lo.is_finite(), hi.is_finite()) {
                (En, true, true) => format!("amount {}–{}", m(lo), m(hi)),
                (En, true, false) => format!("amount over {}", m(lo)),
                (En, false, _) => format!("amount under {}", m(hi)),
                (Fr, true, true) => format!("montant de {} à {}", m(lo), m(hi)),
                (Fr, true, false) => format!("montant supérieur à {}", m(lo)),
                (Fr, false, _) => format!("montant inférieur à {}", m(hi)),
            }
        }
        "fc-terms" => {
            let (lo, hi) = (n("low"), n("high"));
            let k = |x: f64| number(x, 0, lang);
            match (lang, lo > 0.0, hi.is_finite()) {
                (En, false, _) => format!("payment terms up to {} days", k(hi)),
                (En, true, true) => format!("payment terms of {}–{} days", k(lo), k(hi)),
                (En, true, false) => format!("payment terms of {} days or more", k(lo)),
                (Fr, false, _) => format!("délai de paiement jusqu'à {} jours", k(hi)),
                (Fr, true, true) => format!("délai de paiement de {} à {} jours", k(lo), k(hi)),
                (Fr, true, false) => format!("délai de paiement de {} jours ou plus", k(lo)),
            }
        }
        "fc-attribute" => {
            let value = a("value");
            let value = match (lang, value.as_str()) {
                (Fr, crate::insights::drivers::OTHER) => "autre".to_string(),
                (Fr, crate::insights::drivers::MISSING) => "(vide)".to_string(),
                _ => value,
            };
            format!("{} {value}", a("name"))
        }
        "fc-unpaid" => {
            let o = n("overdue");
            let when = o.partial_cmp(&0.0).unwrap_or(std::cmp::Ordering::Equal);
            match (lang, when) {
                (En, std::cmp::Ordering::Greater) => format!("already {} overdue", days(o, lang)),
                (En, std::cmp::Ordering::Equal) => "due today and unpaid".into(),
                (En, std::cmp::Ordering::Less) => format!("unpaid so far, due in {}", days(o, lang)),
                (Fr, std::cmp::Ordering::Greater) => format!("déjà {} de retard", days(o, lang)),
                (Fr, std::cmp::Ordering::Equal) => "échue aujourd'hui, impayée".into(),
                (Fr, std::cmp::Ordering::Less) => {
                    format!("impayée à ce jour, échéance dans {}", days(o, lang))
                }
            }
        }
        "fc-beyond-habit" => match lang {
            En => format!(
                "already {} overdue, beyond the usual range for this invoice: dated from the invoices paid this late",
                days(n("overdue"), lang)
            ),
            Fr => format!(
                "déjà {} de retard, au-delà de l'habituel pour cette facture : datée d'après les factures payées aussi tard",
                days(n("overdue"), lang)
            ),
        },
        "fc-na-no-due-date" => match lang {
            En => "no due date: its payment date cannot be predicted".into(),
            Fr => "pas d'échéance : sa date de paiement ne peut pas être prévue".into(),
        },
        "fc-na-beyond-history" => match lang {
            En => format!(
                "already {} overdue: only {} were ever paid this late, too few to date it",
                days(n("overdue"), lang),
                invoices(n("later"), lang)
            ),
            Fr => format!(
                "déjà {} de retard : seules {} ont été payées aussi tard, trop peu pour la dater",
                days(n("overdue"), lang),
                invoices(n("later"), lang)
            ),
        },
        "fc-na-dispute-beyond" => match lang {
            En => format!(
                "dispute open for {}, longer than any resolved dispute: its resolution cannot be dated",
                days(n("age"), lang)
            ),
            Fr => format!(
                "litige ouvert depuis {}, plus longtemps qu'aucun litige résolu : sa résolution ne peut pas être datée",
                days(n("age"), lang)
            ),
        },
        "fc-na-not-receivables" => match lang {
            En => "no activity has a collections role (invoice, payment, reminder...): not a receivables log".into(),
            Fr => "aucune activité n'a de rôle de recouvrement (facture, paiement, relance...) : ce n'est pas un journal de créances".into(),
        },
        "fc-na-no-invoice-role" => match lang {
            En => "no activity recognised as invoice created or invoice sent".into(),
            Fr => "aucune activité reconnue comme facture créée ou facture envoyée".into(),
        },
        "fc-na-no-payment-role" => match lang {
            En => "no activity recognised as payment received or invoice cleared".into(),
            Fr => "aucune activité reconnue comme paiement reçu ou facture soldée".into(),
        },
        "fc-na-no-due-dates" => match lang {
            En => "no due-date column and no activity recognised as due date passed".into(),
            Fr => "ni colonne d'échéance ni activité reconnue comme échéance dépassée".into(),
        },
        "fc-na-no-payments" => match lang {
            En => format!("no invoice was paid by {}: there are no payment habits to learn from", a("as_of")),
            Fr => format!("aucune facture n'a été payée au {} : pas d'habitudes de paiement dont apprendre", a("as_of")),
        },
        "fc-na-all-open" => match lang {
            En => format!(
                "all {} are still open on {}: there is no payment to learn from",
                invoices(n("n"), lang),
                a("as_of")
            ),
            Fr => format!(
                "les {} sont toutes encore ouvertes au {} : aucun paiement dont apprendre",
                invoices(n("n"), lang),
                a("as_of")
            ),
        },
        "fc-na-few-payments" => match lang {
            En => format!(
                "only {} with a due date were paid by {}; a forecast needs at least {}",
                invoices(n("n"), lang),
                a("as_of"),
                number(n("min"), 0, lang)
            ),
            Fr => format!(
                "seules {} avec échéance ont été payées au {} ; une prévision en demande au moins {}",
                invoices(n("n"), lang),
                a("as_of"),
                number(n("min"), 0, lang)
            ),
        },
        "fc-na-no-write-off-role" => match lang {
            En => "no activity recognised as written off".into(),
            Fr => "aucune activité reconnue comme passée en perte".into(),
        },
        "fc-na-few-write-offs" => match lang {
            En => format!(
                "only {} open at a past date were written off within the {} after it (by {}): too few to estimate write-off probabilities",
                invoices(n("n"), lang),
                days(n("horizon"), lang),
                a("as_of")
            ),
            Fr => format!(
                "seules {} ouvertes à une date passée ont été passées en perte dans les {} suivants (au {}) : trop peu pour estimer une probabilité de perte",
                invoices(n("n"), lang),
                days(n("horizon"), lang),
                a("as_of")
            ),
        },
        "fc-na-backtest" => match lang {
            En => format!(
                "no backtest: no past cut date had {} of outcomes after it, {} paid invoices before it and {} invoices paid since to score",
                days(n("horizon"), lang),
                number(n("min_paid"), 0, lang),
                number(n("min"), 0, lang)
            ),
            Fr => format!(
                "pas de backtest : aucune date passée n'avait {} de recul après elle, {} factures payées avant et {} factures payées depuis à évaluer",
                days(n("horizon"), lang),
                number(n("min_paid"), 0, lang),
                number(n("min"), 0, lang)
            ),
        },
        "fc-single-customer" => match lang {
            En => "a single customer in the log: no customer habits to compare, each invoice is predicted from invoices like it".into(),
            Fr => "un seul client dans le journal : pas d'habitudes à comparer, chaque facture est prévue d'après les factures semblables".into(),
        },
        "fc-no-customer-column" => match lang {
            En => "no customer column: each invoice is predicted from invoices like it, without customer habits".into(),
            Fr => "pas de colonne client : chaque facture est prévue d'après les factures semblables, sans habitudes de client".into(),
        },
        "fc-verdict-beats" | "fc-verdict-loses" => {
            let baseline = match a("baseline").as_str() {
                "due_date" => baseline_words(Baseline::DueDate, lang),
                _ => baseline_words(Baseline::CustomerAverage, lang),
            };
            let (mae, base, gain, cuts) = (n("mae"), n("baseline_mae"), n("gain"), n("cutoffs"));
            match (key, lang) {
                ("fc-verdict-beats", En) => format!(
                    "Over {} past cut dates the forecast's dates were off by {} days on average, against {} for the better baseline ({baseline}): {} % better.",
                    number(cuts, 0, lang), d1(mae), d1(base), number(gain, 0, lang)
                ),
                ("fc-verdict-beats", Fr) => format!(
                    "Sur {} dates passées, les dates prévues s'écartaient en moyenne de {} jours, contre {} pour la meilleure référence ({baseline}) : {} % de mieux.",
                    number(cuts, 0, lang), d1(mae), d1(base), number(gain, 0, lang)
                ),
                (_, En) => format!(
                    "The forecast does not beat {baseline} on this log: its dates were off by {} days on average over {} past cut dates, against {}. Use the baseline's date, shown beside each invoice.",
                    d1(mae), number(cuts, 0, lang), d1(base)
                ),
                (_, Fr) => format!(
                    "La prévision ne fait pas mieux que {baseline} sur ce journal : ses dates s'écartaient en moyenne de {} jours sur {} dates passées, contre {}. Utilisez la date de la référence, affichée pour chaque facture.",
                    d1(mae), number(cuts, 0, lang), d1(base)
                ),
            }
        }
        "fc-note-dates" => match lang {
            En => format!(
                "Each open invoice's expected payment date is the median of its payment day given that it was still unpaid at the end of {}, with the 10th and 90th percentiles as its 80 % interval. Dates assume the invoice is paid; its write-off probability is given apart. Late means paid after the due day, or written off.",
                a("as_of")
            ),
            Fr => format!(
                "La date de paiement attendue d'une facture ouverte est la médiane de son jour de paiement sachant qu'elle était encore impayée à la fin du {}, avec les 10e et 90e centiles comme intervalle à 80 %. Les dates supposent la facture payée ; sa probabilité de perte est donnée à part. En retard : payée après le jour d'échéance, ou passée en perte.",
                a("as_of")
            ),
        },
        "fc-note-reasons" => match lang {
            En => "Each reason is a part of the expected delay in days, and the parts add up to it. They describe associations in this log's history, not causes.".into(),
            Fr => "Chaque raison est une part du retard attendu, en jours, et les parts s'y additionnent. Elles décrivent des associations dans l'historique de ce journal, pas des causes.".into(),
        },
        "fc-note-cash" => match lang {
            En => format!(
                "Cash counts the invoices open now (invoices issued later are not in it): amount × probability of payment in each week. The band runs from the 10th to the 90th percentile of {} simulations that draw each invoice independently, widened by as much as the backtest's weeks needed (invoices of one customer, and the model's errors, move together).",
                number(n("simulations"), 0, lang)
            ),
            Fr => format!(
                "La trésorerie compte les factures ouvertes aujourd'hui (pas celles émises plus tard) : montant × probabilité de paiement dans chaque semaine. La bande va du 10e au 90e centile de {} simulations qui tirent chaque facture indépendamment, élargie d'autant que l'ont demandé les semaines du backtest (les factures d'un même client, et les erreurs du modèle, bougent ensemble).",
                number(n("simulations"), 0, lang)
            ),
        },
        "fc-note-cash-left-out" => match lang {
            En => format!(
                "{} open without a predicted date or an amount are left out of the cash forecast.",
                invoices(n("n"), lang)
            ),
            Fr => format!(
                "{} ouvertes sans date prévue ou sans montant sont laissées hors de la prévision de trésorerie.",
                invoices(n("n"), lang)
            ),
        },
        "fc-note-write-off" => match lang {
            En => format!(
                "The write-off probability is that of a write-off within the next {}, the horizon of the cash forecast; it is learned from the invoices open at past dates and what became of them within as many days.",
                days(n("horizon"), lang)
            ),
            Fr => format!(
                "La probabilité de perte est celle d'un passage en perte dans les {} qui suivent, l'horizon de la prévision de trésorerie ; elle est apprise des factures ouvertes à des dates passées et de ce qu'elles sont devenues dans le même délai.",
                days(n("horizon"), lang)
            ),
        },
        "fc-note-counts" => match lang {
            En => "The log has no amounts: cash is counted in invoices.".into(),
            Fr => "Le journal n'a pas de montants : la trésorerie est comptée en factures.".into(),
        },
        "fc-note-partial" => match lang {
            En => "Partial payments are not told apart: the first payment received is the payment. Reminders and promises to pay do not move the date (they follow from lateness, which being unpaid at the as-of date already accounts for); reminders and agency hand-overs enter the write-off probability.".into(),
            Fr => "Les paiements partiels ne sont pas distingués : le premier paiement reçu est le paiement. Les relances et promesses de paiement ne déplacent pas la date (elles découlent du retard, dont tient déjà compte le fait d'être impayée à la date d'arrêté) ; relances et transmissions au recouvrement entrent dans la probabilité de perte.".into(),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_issue_s_reasons_in_both_languages() {
        let m = message("fc-customer", args(&[("median", "18"), ("paid", "24")]));
        assert_eq!(m.text, "customer usually pays 18 days late (24 invoices)");
        assert_eq!(
            say_message(&m, Language::Fr),
            "le client paie d'habitude avec 18 jours de retard (24 factures)"
        );
        let m = message("fc-dispute-open", args(&[("age", "12")]));
        assert_eq!(m.text, "dispute opened 12 days ago, unresolved");
        let m = message("fc-amount", args(&[("low", "50000"), ("currency", "EUR")]));
        assert_eq!(m.text, "amount over 50 k€");
        assert_eq!(say_message(&m, Language::Fr), "montant supérieur à 50 k€");
        assert_eq!(
            say("fc-unpaid", &args(&[("overdue", "-3")]), Language::En),
            "unpaid so far, due in 3 days"
        );
        assert_eq!(
            say("fc-unpaid", &args(&[("overdue", "1")]), Language::Fr),
            "déjà 1 jour de retard"
        );
    }

    #[test]
    fn every_key_is_worded_in_both_languages() {
        let all = args(&[
            ("days", "3"),
            ("median", "2"),
            ("paid", "3"),
            ("age", "4"),
            ("low", "16"),
            ("high", "35"),
            ("name", "region"),
            ("value", "other"),
            ("overdue", "12"),
            ("later", "4"),
            ("as_of", "2026-03-31"),
            ("n", "7"),
            ("min", "30"),
            ("horizon", "91"),
            ("min_paid", "30"),
            ("mae", "6.5"),
            ("baseline", "due_date"),
            ("baseline_mae", "9.1"),
            ("gain", "29"),
            ("cutoffs", "4"),
            ("simulations", "300"),
        ]);
        for key in KEYS {
            let en = say(key, &all, Language::En);
            let fr = say(key, &all, Language::Fr);
            assert!(!en.is_empty() && en != *key, "{key}");
            assert!(!fr.is_empty() && fr != *key, "{key}");
            assert_ne!(en, fr, "{key}");
        }
        assert_eq!(say("fc-no-such-key", &[], Language::Fr), "fc-no-such-key");
    }
}

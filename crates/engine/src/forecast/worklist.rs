//! The worklist for the collectors as CSV: one row per open invoice, most amount at risk first, the
//! reasons in words, written by the one CSV writer of every export ([`crate::export::csv`]: formulas
//! neutralised, numbers left as numbers so that a spreadsheet sums them).

use super::text::say_message;
use super::Forecast;
use crate::export::csv::CsvWriter;
use crate::import::Message;
use crate::insights::Language;

/// The open invoices of a forecast as CSV, headers and sentences in `lang`.
pub fn worklist_csv(f: &Forecast, lang: Language) -> String {
    let header: &[&str] = match lang {
        Language::En => &[
            "case",
            "customer",
            "amount",
            "due_date",
            "days_past_due",
            "p_late",
            "p_write_off",
            "amount_at_risk",
            "expected_payment_date",
            "payment_date_p10",
            "payment_date_p90",
            "baseline_payment_date",
            "thin_history",
            "reasons",
            "not_available",
        ],
        Language::Fr => &[
            "facture",
            "client",
            "montant",
            "échéance",
            "jours_après_échéance",
            "p_retard",
            "p_perte",
            "montant_exposé",
            "date_de_paiement_attendue",
            "date_p10",
            "date_p90",
            "date_de_référence",
            "historique_mince",
            "raisons",
            "non_disponible",
        ],
    };
    let mut w = CsvWriter::new(header);
    let num =
        |x: Option<f64>, decimals: usize| x.map(|v| format!("{v:.decimals$}")).unwrap_or_default();
    let text = |d: &Option<String>| d.clone().unwrap_or_default();
    let day = match lang {
        Language::En => "d",
        Language::Fr => "j",
    };
    for i in &f.open_invoices {
        let reasons: Vec<String> = i
            .reasons
            .iter()
            .map(|r| {
                let m = Message {
                    key: r.key.clone(),
                    args: r.args.clone(),
                    text: r.text.clone(),
                };
                format!("{} ({:+.1} {day})", say_message(&m, lang), r.days)
            })
            .collect();
        w.row([
            i.case.clone(),
            text(&i.customer),
            num(i.amount, 2),
            text(&i.due_date),
            i.days_past_due.map(|d| d.to_string()).unwrap_or_default(),
            num(i.p_late, 4),
            num(i.p_write_off, 4),
            num(i.amount_at_risk, 2),
            text(&i.expected_payment_date),
            text(&i.payment_date_p10),
            text(&i.payment_date_p90),
            text(&i.baseline_payment_date),
            u8::from(i.thin_history).to_string(),
            reasons.join("; "),
            i.not_available
                .as_ref()
                .map(|m| say_message(m, lang))
                .unwrap_or_default(),
        ]);
    }
    w.finish()
}

//! The worklist for the collectors: the open invoices, most amount at risk first, narrowed by chips
//! ([`Focus`]: past due, likely late, disputed, thin history, not dated), its totals, and the CSV: one
//! row per open invoice, the reasons in words, written by the one CSV writer of every export
//! ([`crate::export::csv`]: formulas neutralised, numbers left as numbers so that a spreadsheet sums
//! them).

use super::text::say_message;
use super::{Forecast, OpenInvoice};
use crate::export::csv::CsvWriter;
use crate::import::Message;
use crate::insights::Language;
use serde::{Deserialize, Serialize};

/// A chip of the worklist: keeps the open invoices that have it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Focus {
    /// Past the due date at the as-of date.
    PastDue,
    /// Probability late at least one half.
    LikelyLate,
    /// A dispute is open.
    DisputeOpen,
    /// The customer has fewer than [`super::THIN_HISTORY`] paid invoices (or none is known).
    ThinHistory,
    /// No date could be predicted (the row says why).
    NotDated,
}

impl Focus {
    /// Every chip, in the order the worklist shows them.
    pub const ALL: [Focus; 5] = [
        Focus::PastDue,
        Focus::LikelyLate,
        Focus::DisputeOpen,
        Focus::ThinHistory,
        Focus::NotDated,
    ];

    /// Whether the chip keeps this invoice.
    pub fn keeps(self, i: &OpenInvoice) -> bool {
        match self {
            Focus::PastDue => i.days_past_due.is_some_and(|d| d > 0),
            Focus::LikelyLate => i.p_late.is_some_and(|p| p >= 0.5),
            Focus::DisputeOpen => i.dispute_open,
            Focus::ThinHistory => i.thin_history,
            Focus::NotDated => i.expected_payment_date.is_none(),
        }
    }
}

/// The open invoices every chip keeps (all of them without a chip), in the forecast's order.
pub fn focused<'a>(f: &'a Forecast, chips: &'a [Focus]) -> impl Iterator<Item = &'a OpenInvoice> {
    f.open_invoices
        .iter()
        .filter(move |i| chips.iter().all(|c| c.keeps(i)))
}

/// Totals of a worklist.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct WorklistTotals {
    /// Open invoices.
    pub invoices: u64,
    /// Of which with an amount.
    pub with_amount: u64,
    /// Their amount.
    pub open_amount: f64,
    /// Σ amount × probability late.
    pub amount_at_risk: f64,
    /// Past due at the as-of date.
    pub past_due: u64,
    /// With an expected payment date.
    pub dated: u64,
}

/// The totals of some open invoices.
pub fn totals<'a>(rows: impl IntoIterator<Item = &'a OpenInvoice>) -> WorklistTotals {
    let mut t = WorklistTotals::default();
    for i in rows {
        t.invoices += 1;
        if let Some(a) = i.amount.filter(|a| a.is_finite()) {
            t.with_amount += 1;
            t.open_amount += a;
        }
        t.amount_at_risk += i.amount_at_risk.filter(|a| a.is_finite()).unwrap_or(0.0);
        t.past_due += u64::from(Focus::PastDue.keeps(i));
        t.dated += u64::from(i.expected_payment_date.is_some());
    }
    t
}

/// The open invoices of a forecast as CSV, headers and sentences in `lang`.
pub fn worklist_csv(f: &Forecast, lang: Language) -> String {
    rows_csv(&f.open_invoices, lang)
}

/// Some open invoices as CSV, in their order, headers and sentences in `lang`.
pub fn rows_csv<'a>(rows: impl IntoIterator<Item = &'a OpenInvoice>, lang: Language) -> String {
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
    for i in rows {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn invoice(
        case: &str,
        amount: Option<f64>,
        p_late: f64,
        overdue: i64,
        dated: bool,
    ) -> OpenInvoice {
        OpenInvoice {
            case: case.into(),
            customer: Some("C1".into()),
            amount,
            due_date: Some("2026-03-01".into()),
            p_late: Some(p_late),
            p_write_off: None,
            expected_payment_date: dated.then(|| "2026-04-02".into()),
            payment_date_p10: None,
            payment_date_p90: None,
            reasons: Vec::new(),
            issued: "2026-01-30".into(),
            days_past_due: Some(overdue),
            amount_at_risk: amount.map(|a| a * p_late),
            expected_days_after_due: None,
            thin_history: false,
            customer_paid_invoices: 5,
            dispute_open: case == "B",
            reminder_level: 0,
            agency: false,
            baseline_payment_date: None,
            source: None,
            not_available: None,
        }
    }

    /// Chips narrow the worklist together (each must hold), and totals count what has no amount as
    /// an invoice but add nothing for it (not 0 at risk: it is left out of the sums).
    #[test]
    fn chips_and_totals() {
        let f = Forecast {
            as_of: "2026-03-31".into(),
            open_invoices: vec![
                invoice("A", Some(1000.0), 1.0, 30, true),
                invoice("B", Some(500.0), 0.4, -5, true),
                invoice("C", None, 0.9, 3, false),
            ],
            cash_by_week: Vec::new(),
            backtest: super::super::backtest::empty(&Default::default()),
            available: true,
            unavailable: Vec::new(),
            currency: None,
            horizon_days: 91,
            cash_unit: super::super::CashUnit::Amount,
            cash_left_out: 0.0,
            model: None,
            notes: Vec::new(),
        };
        let cases = |chips: &[Focus]| -> Vec<String> {
            focused(&f, chips).map(|i| i.case.clone()).collect()
        };
        assert_eq!(cases(&[]), ["A", "B", "C"]);
        assert_eq!(cases(&[Focus::PastDue]), ["A", "C"]);
        assert_eq!(cases(&[Focus::PastDue, Focus::NotDated]), ["C"]);
        assert_eq!(cases(&[Focus::LikelyLate]), ["A", "C"]);
        assert_eq!(cases(&[Focus::DisputeOpen]), ["B"]);
        let t = totals(&f.open_invoices);
        assert_eq!(
            (t.invoices, t.with_amount, t.past_due, t.dated),
            (3, 2, 2, 2)
        );
        assert_eq!(t.open_amount, 1500.0);
        assert_eq!(t.amount_at_risk, 1200.0);
        // The CSV of a chip's rows holds those rows only.
        let csv = rows_csv(focused(&f, &[Focus::DisputeOpen]), Language::En);
        assert_eq!(csv.lines().count(), 2, "{csv}");
        assert!(csv.lines().nth(1).unwrap().starts_with("B,"), "{csv}");
    }
}

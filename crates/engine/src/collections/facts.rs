//! Per-invoice facts read once from the log and the role map: when the invoice was issued, when it was
//! due, paid, posted, cleared, credited, handed to an agency, written off or cancelled, its amount,
//! customer and segment. Every collections measure starts from these.
//!
//! # What is a receivable
//!
//! The definition below is [`RECEIVABLE_DEFINITION`], shown with DSO in the app and in the JSON
//! (`dso_definition`); DSO, BPDSO, ADD, CEI, aging and the "open at month-end" drill-downs all use
//! [`Invoice::open_at`].
//!
//! - **Opens**: an invoice exists only when its case has an "invoice created" or "invoice sent" event;
//!   it is *issued* at the first of them. A case without one (a credit request rejected before any
//!   invoice, a case whose invoice was issued before the extract) is no receivable: it used to count as
//!   open from its first event for ever. A log with no activity recognised as either has no
//!   receivables at all, and the measures that need them say so instead of showing 0.
//! - **Closes**, on the ledger's basis ([`Basis::Ledger`], the default), at the first of: the payment
//!   applied to it ("invoice cleared" or "payment posted": the receivable leaves the ledger when the cash
//!   is applied, not when it arrives); a credit note with no payment received after it (the invoice
//!   was fully credited: the credit note's own amount is not read, as most extracts repeat the
//!   invoice's amount on every row, so a payment after a credit note means the credit was partial and
//!   the payment closes); "written off"; "invoice cancelled" with no invoice created or sent after it.
//!   A log with no clearing event at all (no activity recognised as invoice cleared or payment posted)
//!   has nothing else to go by: the first "payment received" closes, as on the cash basis.
//! - On the cash basis ([`Basis::Cash`]), the first "payment received" closes too (partial payments are
//!   not told apart), whether or not it was applied yet.
//! - **Counted once**: an invoice cancelled and issued again is one case, issued at its first issue.
//! - When the log has no "payment received" at all, clearing stands for payment (unless written off).
//!
//! Its *due* date is the due-date attribute (else the day before "due date passed").

use super::roles::{ActivityRole, RoleMap};
use crate::calendar::MS_PER_DAY;
use crate::filter::Selection;
use crate::import::ColumnRole;
use crate::log::{Attribute, CaseIdx, EventLog, Value};
use serde::{Deserialize, Serialize};

/// What opens and closes a receivable, in words (cash basis): shown next to DSO and written in the
/// collections JSON. [`receivable_definition`] gives the sentence for each basis.
pub const RECEIVABLE_DEFINITION: &str = "A receivable is an invoice: a case with an \"invoice created\" or \"invoice sent\" event, issued at the first of them (a case without one, such as a credit request rejected before any invoice, is none). It is open from its issue until the first of: payment received (the first payment), invoice cleared, a credit note with no payment after it (fully credited), written off, or cancelled with no re-issue after it. An invoice cancelled and issued again counts once, from its first issue. Sales of a month are the amounts of the invoices issued in it (invoice counts when the log has no amounts). Month-ends are local midnight on the 1st, at the UTC offset of the log's event nearest to that instant (UTC when the log has no offsets).";

/// [`RECEIVABLE_DEFINITION`] on the ledger's basis (what closes a receivable is the payment applied).
pub const RECEIVABLE_DEFINITION_LEDGER: &str = "A receivable is an invoice: a case with an \"invoice created\" or \"invoice sent\" event, issued at the first of them (a case without one, such as a credit request rejected before any invoice, is none). On the ledger's basis it is open from its issue until the first of: the payment applied to it (invoice cleared or payment posted; a payment received but not yet applied leaves it open), a credit note with no payment after it (fully credited), written off, or cancelled with no re-issue after it. An invoice cancelled and issued again counts once, from its first issue. Sales of a month are the amounts of the invoices issued in it (invoice counts when the log has no amounts). Month-ends are local midnight on the 1st, at the UTC offset of the log's event nearest to that instant (UTC when the log has no offsets).";

/// [`RECEIVABLE_DEFINITION`] in French.
pub const RECEIVABLE_DEFINITION_FR: &str = "Une créance est une facture : un dossier avec un événement « facture créée » ou « facture envoyée », émise au premier des deux (un dossier sans aucun des deux, comme une demande de crédit refusée avant toute facture, n'en est pas une). Elle est ouverte de son émission jusqu'au premier de ces événements : paiement reçu (le premier paiement), facture soldée, avoir sans paiement ultérieur (avoir total), passage en perte, ou annulation sans réémission ultérieure. Une facture annulée puis réémise compte une fois, depuis sa première émission. Les ventes d'un mois sont les montants des factures émises ce mois-là (le nombre de factures quand le journal n'a pas de montants). Les fins de mois sont minuit, heure locale, le 1er, au décalage UTC de l'événement du journal le plus proche de cet instant (UTC quand le journal n'a pas de décalage).";

/// [`RECEIVABLE_DEFINITION_LEDGER`] in French.
pub const RECEIVABLE_DEFINITION_LEDGER_FR: &str = "Une créance est une facture : un dossier avec un événement « facture créée » ou « facture envoyée », émise au premier des deux (un dossier sans aucun des deux, comme une demande de crédit refusée avant toute facture, n'en est pas une). En vision comptable, elle est ouverte de son émission jusqu'au premier de ces événements : le paiement imputé (facture soldée ou paiement lettré ; un paiement reçu mais pas encore imputé la laisse ouverte), avoir sans paiement ultérieur (avoir total), passage en perte, ou annulation sans réémission ultérieure. Une facture annulée puis réémise compte une fois, depuis sa première émission. Les ventes d'un mois sont les montants des factures émises ce mois-là (le nombre de factures quand le journal n'a pas de montants). Les fins de mois sont minuit, heure locale, le 1er, au décalage UTC de l'événement du journal le plus proche de cet instant (UTC quand le journal n'a pas de décalage).";

/// When a receivable leaves the books: when the payment is applied to it (the ledger's view, what the
/// balance sheet and the ERP's DSO report show), or when the cash arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Open until cleared (payment applied), written off, fully credited or cancelled; a payment
    /// received closes only in a log with no clearing event at all.
    #[default]
    Ledger,
    /// Open until the first payment received (or the other closing events).
    Cash,
}

impl Basis {
    /// `ledger` or `cash`, as in the JSON.
    pub fn key(self) -> &'static str {
        match self {
            Basis::Ledger => "ledger",
            Basis::Cash => "cash",
        }
    }
}

/// The definition of a receivable on `basis`, in English.
pub fn receivable_definition(basis: Basis) -> &'static str {
    match basis {
        Basis::Ledger => RECEIVABLE_DEFINITION_LEDGER,
        Basis::Cash => RECEIVABLE_DEFINITION,
    }
}

/// The facts of one invoice (case).
#[derive(Debug, Clone, PartialEq)]
pub struct Invoice {
    /// The case.
    pub case: CaseIdx,
    /// Whether the case has an "invoice created" or "invoice sent" event, i.e. is a receivable at all.
    pub invoiced: bool,
    /// Issue instant: the first "invoice created", else the first "invoice sent". For a case that is
    /// not [`invoiced`](Self::invoiced), its first event (used only by per-case rules, never as a sale).
    pub issued: i64,
    /// Due instant (start of the due day), if known.
    pub due: Option<i64>,
    /// Amount; `NaN` when the log has none, or this invoice's cell is empty or not a number.
    pub amount: f64,
    /// What the invoice weighs in the amount measures (sales, receivables, aging, write-offs): its
    /// amount; 1 when the log has no amount column (the measures then count invoices); 0 when the log
    /// has one but this invoice's amount is missing (left out of the sums and counted in the report's
    /// notes, never taken as 1).
    pub weight: f64,
    /// Customer.
    pub customer: Option<String>,
    /// Segment.
    pub segment: Option<String>,
    /// First payment received (or clearing when there is no payment event).
    pub paid: Option<i64>,
    /// First payment posted.
    pub posted: Option<i64>,
    /// Cleared.
    pub cleared: Option<i64>,
    /// Fully credited: the last credit note, when no payment is received after it.
    pub credited: Option<i64>,
    /// Handed to a collection agency.
    pub agency: Option<i64>,
    /// Written off.
    pub written_off: Option<i64>,
    /// Cancelled (and not re-issued).
    pub cancelled: Option<i64>,
    /// Cancelled, then created or sent again.
    pub reissued: bool,
    /// First reminder or final notice.
    pub first_reminder: Option<i64>,
    /// The payment that closes it as a receivable, on the basis the facts were read with ([`Basis`]):
    /// the first clearing or posting on the ledger's basis, the first payment received (or clearing)
    /// on the cash basis.
    pub applied: Option<i64>,
}

impl Invoice {
    /// When the invoice stopped being open: its closing payment ([`Invoice::applied`]), full credit,
    /// write-off or cancellation, whichever came first.
    pub fn settled(&self) -> Option<i64> {
        [
            self.applied,
            self.credited,
            self.written_off,
            self.cancelled,
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Whether it was an open receivable at instant `t`: an invoice, issued before `t`, not settled
    /// before `t` (see the module doc).
    pub fn open_at(&self, t: i64) -> bool {
        self.invoiced && self.issued < t && self.settled().is_none_or(|s| s >= t)
    }

    /// Whether it was past due at `t` (due before the start of `t`'s day).
    pub fn past_due_at(&self, t: i64) -> bool {
        self.due.is_some_and(|d| d + MS_PER_DAY <= t)
    }

    /// What the invoice weighs in the amount measures ([`Invoice::weight`]'s field).
    pub fn weight(&self) -> f64 {
        self.weight
    }
}

/// A case's amount from the amount column, when the column exists and the value reads as a finite
/// number.
pub fn read_amount(ctx: &Context, case: CaseIdx) -> Option<f64> {
    ctx.amount
        .map(|a| ctx.log.case_value(a, case))
        .and_then(|v| v.as_number())
        .filter(|x| x.is_finite())
}

/// Resolved role columns and activity roles for a log.
pub struct Context<'a> {
    /// The log.
    pub log: &'a EventLog,
    /// Per activity id, its role.
    pub roles: Vec<ActivityRole>,
    /// Amount column.
    pub amount: Option<&'a Attribute>,
    /// Customer column.
    pub customer: Option<&'a Attribute>,
    /// Segment column.
    pub segment: Option<&'a Attribute>,
    /// Due-date column.
    pub due: Option<&'a Attribute>,
    /// Channel column.
    pub channel: Option<&'a Attribute>,
    /// Dunning-level column.
    pub level: Option<&'a Attribute>,
    /// Dispute-reason column.
    pub reason: Option<&'a Attribute>,
    /// Promise-date column.
    pub promise_date: Option<&'a Attribute>,
    /// When a receivable closes ([`Basis`]); ledger unless set with [`Context::with_basis`].
    pub basis: Basis,
}

impl<'a> Context<'a> {
    /// Resolves the role map against a log.
    pub fn new(log: &'a EventLog, map: &RoleMap) -> Context<'a> {
        let col = |role: ColumnRole| {
            map.column(role)
                .and_then(|name| log.attribute(name))
                .or_else(|| log.attribute_with_role(role))
        };
        Context {
            log,
            roles: map.activity_roles(log),
            amount: col(ColumnRole::Amount),
            customer: col(ColumnRole::Customer),
            segment: col(ColumnRole::Segment),
            due: col(ColumnRole::DueDate),
            channel: col(ColumnRole::Channel),
            level: col(ColumnRole::DunningLevel),
            reason: col(ColumnRole::DisputeReason),
            promise_date: col(ColumnRole::PromiseDate),
            basis: Basis::Ledger,
        }
    }

    /// The same context, closing receivables on `basis`.
    pub fn with_basis(self, basis: Basis) -> Context<'a> {
        Context { basis, ..self }
    }

    /// Whether the log records payments being applied (some activity recognised as invoice cleared or
    /// payment posted): the ledger's basis needs them.
    pub fn has_clearing_events(&self) -> bool {
        self.has_role(|r| {
            matches!(
                r,
                ActivityRole::InvoiceCleared | ActivityRole::PaymentPosted
            )
        })
    }

    /// The basis receivables are actually closed on: the ledger's falls back to cash in a log with no
    /// clearing event ([`Context::has_clearing_events`]).
    pub fn effective_basis(&self) -> Basis {
        match self.basis {
            Basis::Ledger if !self.has_clearing_events() => Basis::Cash,
            b => b,
        }
    }

    /// The role of an event.
    #[inline]
    pub fn role(&self, event: usize) -> ActivityRole {
        self.roles[self.log.activities()[event].index()]
    }

    /// The distinct customers of `cases`, sorted by name. A rule can have hundreds of thousands of
    /// violating cases and a few thousand customers: a text column's dictionary keys are deduplicated
    /// before any name is read, other columns' values borrowed and sorted before any is copied.
    pub fn customer_names(&self, cases: &[CaseIdx]) -> Vec<String> {
        let log = self.log;
        let Some(a) = self.customer else {
            return Vec::new();
        };
        if a.kind() == crate::log::ValueKind::Text {
            let mut keys: Vec<u32> = cases
                .iter()
                .filter_map(|&c| log.case_text_key(a, c))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            let mut names: Vec<&str> = keys.iter().filter_map(|&k| a.text_of_key(k)).collect();
            names.sort_unstable();
            return names.into_iter().map(String::from).collect();
        }
        let mut names: Vec<std::borrow::Cow<str>> = cases
            .iter()
            .map(|&c| log.case_value(a, c))
            .filter_map(|v| match v {
                crate::log::Value::Missing => None,
                crate::log::Value::Text(s) => Some(std::borrow::Cow::Borrowed(s)),
                other => Some(std::borrow::Cow::Owned(other.display())),
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        names.into_iter().map(|n| n.into_owned()).collect()
    }

    /// A case-level text value (first value present in the case).
    pub fn case_text(&self, attr: Option<&Attribute>, case: CaseIdx) -> Option<String> {
        attr.map(|a| self.log.case_value(a, case))
            .filter(|v| !v.is_missing())
            .map(|v| v.display())
    }

    /// An event's text value, falling back to the case's.
    pub fn event_text(
        &self,
        attr: Option<&Attribute>,
        event: usize,
        case: CaseIdx,
    ) -> Option<String> {
        self.event_str(attr, event, case).map(|s| s.into_owned())
    }

    /// [`event_text`](Self::event_text) borrowed from the log where it is text (no copy per event).
    pub fn event_str(
        &self,
        attr: Option<&'a Attribute>,
        event: usize,
        case: CaseIdx,
    ) -> Option<std::borrow::Cow<'a, str>> {
        let a = attr?;
        let v = self.log.event_value(a, event, case);
        let v = if v.is_missing() {
            self.log.case_value(a, case)
        } else {
            v
        };
        match v {
            Value::Missing => None,
            Value::Text(s) => Some(std::borrow::Cow::Borrowed(s)),
            other => Some(std::borrow::Cow::Owned(other.display())),
        }
    }

    /// An event's instant value (promise date), falling back to the case's.
    pub fn event_time(&self, attr: Option<&Attribute>, event: usize, case: CaseIdx) -> Option<i64> {
        let a = attr?;
        match self.log.event_value(a, event, case) {
            Value::Time(t) => Some(t),
            _ => None,
        }
    }

    /// Whether the role map found anything collections-like in the log.
    pub fn has_collections_roles(&self) -> bool {
        self.roles.iter().any(|r| *r != ActivityRole::Other)
    }

    /// Whether some activity of the log (selected or not) has a role matching `f`.
    pub fn has_role(&self, f: impl Fn(ActivityRole) -> bool) -> bool {
        self.roles.iter().any(|&r| f(r))
    }
}

/// The facts of every selected case.
pub fn invoices(ctx: &Context, sel: &Selection) -> Vec<Invoice> {
    let log = ctx.log;
    let times = log.times();
    let log_has_payments = ctx.roles.contains(&ActivityRole::PaymentReceived);
    let ledger = ctx.effective_basis() == Basis::Ledger;
    sel.cases(log)
        .filter(|(_, r)| !r.is_empty())
        .map(|(case, r)| {
            let first = |role: fn(ActivityRole) -> bool| {
                r.clone().find(|&e| role(ctx.role(e))).map(|e| times[e])
            };
            let created = first(|x| x == ActivityRole::InvoiceCreated);
            let sent = first(|x| x == ActivityRole::InvoiceSent);
            let received = first(|x| x == ActivityRole::PaymentReceived);
            let posted = first(|x| x == ActivityRole::PaymentPosted);
            let cleared = first(|x| x == ActivityRole::InvoiceCleared);
            let agency = first(|x| x == ActivityRole::SentToAgency);
            let written_off = first(|x| x == ActivityRole::WrittenOff);
            // Fully credited: the last credit note, unless a payment is received after it.
            let credited = r
                .clone()
                .rev()
                .take_while(|&e| ctx.role(e) != ActivityRole::PaymentReceived)
                .find(|&e| ctx.role(e) == ActivityRole::CreditNote)
                .map(|e| times[e]);
            let first_reminder = first(|x| x.dunning_level().is_some());
            let passed = first(|x| x == ActivityRole::DueDatePassed);
            // Cancelled: the last cancellation, unless an invoice is created or sent after it.
            let last_cancel = r
                .clone()
                .rev()
                .find(|&e| ctx.role(e) == ActivityRole::InvoiceCancelled);
            let reissued = last_cancel.is_some_and(|c| {
                (c + 1..r.end).any(|e| {
                    matches!(
                        ctx.role(e),
                        ActivityRole::InvoiceCreated | ActivityRole::InvoiceSent
                    )
                })
            });
            let cancelled = last_cancel.filter(|_| !reissued).map(|e| times[e]);
            let due = match ctx.due.map(|a| log.case_value(a, case)) {
                Some(Value::Time(t)) => Some(t),
                _ => passed.map(|p| p - MS_PER_DAY),
            };
            let amount = read_amount(ctx, case).unwrap_or(f64::NAN);
            let weight = match ctx.amount {
                None => 1.0,
                Some(_) if amount.is_nan() => 0.0,
                Some(_) => amount,
            };
            let paid = if log_has_payments {
                received
            } else {
                cleared.filter(|_| written_off.is_none())
            };
            // On the ledger's basis the payment closes when it is applied (cleared or posted).
            let applied = if ledger {
                [cleared, posted].into_iter().flatten().min()
            } else {
                paid.into_iter().chain(cleared).min()
            };
            Invoice {
                case,
                invoiced: created.or(sent).is_some(),
                issued: created.or(sent).unwrap_or(times[r.start]),
                due,
                amount,
                weight,
                customer: ctx.case_text(ctx.customer, case),
                segment: ctx.case_text(ctx.segment, case),
                paid,
                posted,
                cleared,
                credited,
                agency,
                written_off,
                cancelled,
                reissued,
                first_reminder,
                applied,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::days_from_civil;
    use crate::collections::kpi;
    use crate::collections::testing::log;

    fn day(y: i64, m: u32, d: u32) -> i64 {
        days_from_civil(y, m, d) * MS_PER_DAY
    }

    /// One case per way a receivable opens or closes (counts, no amounts):
    /// - `r`: credit request rejected before any invoice: never a receivable;
    /// - `p`: paid on 20 Feb; `c`: cleared on 10 Feb; `w`: written off on 25 Feb;
    /// - `k`: fully credited on 5 Feb (no payment after the credit note);
    /// - `q`: credited on 5 Feb, then paid on 10 Mar: the credit was partial, the payment closes it;
    /// - `x`: cancelled on 25 Jan for good; `y`: cancelled and issued again, one invoice from 12 Jan;
    /// - `s`: only sent (25 Jan); `o`: issued 1 Feb, still open.
    ///
    /// The CLI's warehouse tests read the same file.
    const LOG: &str = include_str!("../../tests/it/fixtures/receivables_open_close.csv");

    #[test]
    fn what_opens_and_closes_a_receivable() {
        let (log, map) = log(LOG);
        let ctx = Context::new(&log, &map).with_basis(Basis::Cash);
        let inv = invoices(&ctx, &Selection::all(&log));
        let names = |cases: Vec<CaseIdx>| -> Vec<String> {
            let mut v: Vec<String> = cases
                .into_iter()
                .map(|c| log.case_id(c).to_string())
                .collect();
            v.sort();
            v
        };
        let r = inv.iter().find(|i| log.case_id(i.case) == "r").unwrap();
        assert!(!r.invoiced && !r.open_at(day(2024, 2, 1)));
        let y = inv.iter().find(|i| log.case_id(i.case) == "y").unwrap();
        assert_eq!(
            (y.issued, y.reissued, y.cancelled),
            (day(2024, 1, 12), true, None)
        );
        // Each month-end's open set, as the drill-down shows it.
        let open_at = |t: i64| names(kpi::receivables_cases_at(&inv, t).0);
        assert_eq!(
            open_at(day(2024, 2, 1)),
            ["c", "k", "p", "q", "s", "w", "y"],
            "end of January: x cancelled, o not yet issued, r never"
        );
        assert_eq!(open_at(day(2024, 3, 1)), ["o", "q", "s", "y"]);
        assert_eq!(open_at(day(2024, 3, 31)), ["o", "s", "y"]);
        // The DSO series counts the same invoices: 8 issued in January (y once), 1 in February.
        let months = kpi::dso_monthly(&inv, day(2024, 3, 31));
        let got: Vec<(&str, f64, f64)> = months
            .iter()
            .map(|m| (m.month.as_str(), m.sales, m.receivables))
            .collect();
        assert_eq!(
            got,
            [
                ("2024-01", 8.0, 7.0),
                ("2024-02", 1.0, 4.0),
                ("2024-03", 0.0, 3.0)
            ]
        );
        assert_eq!(months[0].dso_simple, 7.0 / 8.0 * 91.0);
        // On the ledger's basis (the log has a clearing event), the payments received by p (20 Feb)
        // and q (10 Mar, after a partial credit) were never applied: both stay open.
        let ctx = Context::new(&log, &map);
        assert_eq!(ctx.effective_basis(), Basis::Ledger);
        let inv = invoices(&ctx, &Selection::all(&log));
        let open_at = |t: i64| names(kpi::receivables_cases_at(&inv, t).0);
        assert_eq!(open_at(day(2024, 3, 1)), ["o", "p", "q", "s", "y"]);
        assert_eq!(open_at(day(2024, 3, 31)), ["o", "p", "q", "s", "y"]);
    }

    #[test]
    fn the_report_states_the_definition_and_leaves_non_invoices_out() {
        let (log, map) = log(LOG);
        let r =
            crate::collections::report(&log, &Selection::all(&log), &map, &Default::default(), &[]);
        assert_eq!((r.kpis.invoices, r.kpis.cases_without_invoice), (9, 1));
        assert_eq!(r.dso_definition, RECEIVABLE_DEFINITION_LEDGER);
        let json = serde_json::to_value(&r).unwrap();
        assert!(json["dso_definition"]
            .as_str()
            .unwrap()
            .contains("rejected before any invoice"));
        // Every KPI formula is keyed by a field the JSON has: in `kpis`, or in each DSO month.
        let defs = json["kpi_definitions"].as_object().unwrap();
        assert_eq!(defs.len(), kpi::DEFINITIONS.len());
        for (key, text) in defs {
            let has = |v: &serde_json::Value| v.as_object().is_some_and(|o| o.contains_key(key));
            let field = has(&json["kpis"]) || has(&json["kpis"]["dso_monthly"][0]);
            assert!(
                field && text.as_str().is_some_and(|t| t.len() > 20),
                "{key}"
            );
        }
        assert!(defs["dso_simple"].as_str().unwrap().contains("× 91"));
        assert_eq!(r.rework.cancelled_and_reissued_cases, Some(1));
        assert_eq!(r.rework.cancelled_cases, Some(1));
    }
}

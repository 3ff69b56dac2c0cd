//! What is known about each invoice at an instant, read from its events before that instant only.
//!
//! The log is read once into a [`Book`]: per invoice its dated steps (issued, payment, reminder of some
//! level, dispute raised, ...) and its values (due date, amount, customer), each value with the instant
//! it became known (the first event carrying it; a case attribute is known from the case's first
//! event; a due date read from "due date passed" is known when that event happens). Every question the
//! forecast asks about an instant `until` ([`Record::state`]) then looks only at steps and values known
//! before `until`, so an event after it cannot change the answer: this is what keeps the forecast and
//! its backtest free of leakage, and what the property test in `tests/it/forecast.rs` checks.
//!
//! The definitions are the collections facts' ([`crate::collections::facts`]) read as of `until`:
//! - **issued** at the first "invoice created" or "invoice sent"; a case without one is no invoice;
//! - **paid** at the first "payment received" (the cash arrives; partial payments are not told apart),
//!   or, in a log with no payment received before `until`, at the first "invoice cleared" of an
//!   invoice not written off;
//! - **closed without payment** when cleared (a log with payments), written off, cancelled with no
//!   re-issue since, or, in a log that records no clearing, credited with no payment since;
//! - **due day** from the due-date column (its UTC day), else the day before "due date passed".

use crate::calendar::MS_PER_DAY;
use crate::collections::facts::Context;
use crate::collections::ActivityRole;
use crate::filter::Selection;
use crate::log::{Attribute, CaseIdx, EventLog, Scope, Value};

/// "Not known" for [`Known::at`].
pub const NEVER: i64 = i64::MAX;
/// No customer.
pub const NO_CUSTOMER: u32 = u32::MAX;

/// The UTC day number (days since 1970-01-01) of an instant.
pub fn day_of(ms: i64) -> i64 {
    ms.div_euclid(MS_PER_DAY)
}

/// A value and the instant it became known ([`NEVER`] when the log never gives it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Known<T> {
    /// The value.
    pub value: T,
    /// When it became known.
    pub at: i64,
}

impl<T: Copy> Known<T> {
    /// The value if known before `until`.
    pub fn before(&self, until: i64) -> Option<T> {
        (self.at < until).then_some(self.value)
    }
}

/// A dated step of an invoice's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Invoice created or sent (again after a cancellation: a re-issue).
    Issued,
    /// Payment received.
    Payment,
    /// Invoice cleared.
    Cleared,
    /// Written off.
    WrittenOff,
    /// Credit note.
    CreditNote,
    /// Invoice cancelled.
    Cancelled,
    /// Dispute raised.
    DisputeRaised,
    /// Dispute resolved.
    DisputeResolved,
    /// A reminder of this level (final notice: [`FINAL_NOTICE`]).
    Reminder(u8),
    /// Handed to a collection agency.
    Agency,
    /// Promise to pay, with the promised day when the log gives it.
    Promise(Option<i64>),
}

/// The reminder level a final notice counts as.
pub const FINAL_NOTICE: u8 = 99;

/// One dated step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item {
    /// Instant.
    pub t: i64,
    /// What happened.
    pub step: Step,
}

/// How an invoice stopped being open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closure {
    /// The cash arrived (payment received, or clearing in a log without payments).
    Paid,
    /// Written off.
    WrittenOff,
    /// Closed without payment: cleared, fully credited or cancelled.
    Otherwise,
}

/// The state of a dispute at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dispute {
    /// No dispute raised yet.
    None,
    /// Raised at this instant, not resolved.
    Open {
        /// When the (last) dispute was raised.
        raised: i64,
    },
    /// The last dispute was raised and resolved.
    Resolved {
        /// When it was raised.
        raised: i64,
        /// When it was resolved.
        resolved: i64,
    },
}

/// What is known about an invoice before an instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct State {
    /// First issue, if issued before the instant.
    pub issued: Option<i64>,
    /// Due day.
    pub due_day: Option<i64>,
    /// Amount; `NaN` when not known.
    pub amount: f64,
    /// Customer id ([`NO_CUSTOMER`] when not known).
    pub customer: u32,
    /// How and when it closed, if it did.
    pub closed: Option<(Closure, i64)>,
    /// The last dispute.
    pub dispute: Dispute,
    /// When the first dispute was raised.
    pub disputed: Option<i64>,
    /// Highest reminder level reached (0: none; [`FINAL_NOTICE`] for a final notice).
    pub level: u8,
    /// Handed to an agency.
    pub agency: bool,
    /// The last promise to pay: when it was made and the day promised.
    pub promise: Option<(i64, Option<i64>)>,
}

impl State {
    /// Issued and not closed.
    pub fn is_open(&self) -> bool {
        self.issued.is_some() && self.closed.is_none()
    }

    /// The payment instant, if it was paid.
    pub fn paid(&self) -> Option<i64> {
        match self.closed {
            Some((Closure::Paid, t)) => Some(t),
            _ => None,
        }
    }
}

/// Log-wide facts as of an instant: which kinds of closing step the log has recorded so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    /// Some payment received before the instant.
    pub payments: bool,
    /// Some clearing before the instant.
    pub clearings: bool,
}

/// One invoice of the book.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The case.
    pub case: CaseIdx,
    /// Instant of its first (selected) event.
    pub first: i64,
    /// Due day.
    pub due_day: Known<i64>,
    /// Amount (`NaN` unknown).
    pub amount: Known<f64>,
    /// Customer id.
    pub customer: Known<u32>,
    /// Where its steps are in [`Book::items`].
    items: [u32; 2],
}

/// Every invoice of a selection with its dated steps, read once.
#[derive(Debug, Clone, Default)]
pub struct Book {
    /// The invoices, by first event (then case id).
    pub records: Vec<Record>,
    /// The steps of every invoice, each invoice's in time order.
    pub items: Vec<Item>,
    /// Customer names by id, in name order.
    pub customers: Vec<String>,
    /// Selected cases with no "invoice created" or "invoice sent" event.
    pub not_invoices: u64,
    /// First payment received anywhere in the book.
    first_payment: i64,
    /// First clearing anywhere in the book.
    first_clearing: i64,
}

impl Book {
    /// Reads the invoices of the selected cases.
    pub fn read(ctx: &Context, sel: &Selection) -> Book {
        let log = ctx.log;
        let times = log.times();
        let mut book = Book {
            first_payment: NEVER,
            first_clearing: NEVER,
            ..Default::default()
        };
        let mut names = CustomerNames::default();
        for (case, r) in sel.cases(log) {
            if r.is_empty() {
                continue;
            }
            let start = book.items.len();
            let mut passed: Option<i64> = None;
            for e in r.clone() {
                let t = times[e];
                let step = match ctx.role(e) {
                    ActivityRole::InvoiceCreated | ActivityRole::InvoiceSent => Step::Issued,
                    ActivityRole::PaymentReceived => {
                        book.first_payment = book.first_payment.min(t);
                        Step::Payment
                    }
                    ActivityRole::InvoiceCleared => {
                        book.first_clearing = book.first_clearing.min(t);
                        Step::Cleared
                    }
                    ActivityRole::WrittenOff => Step::WrittenOff,
                    ActivityRole::CreditNote => Step::CreditNote,
                    ActivityRole::InvoiceCancelled => Step::Cancelled,
                    ActivityRole::DisputeRaised => Step::DisputeRaised,
                    ActivityRole::DisputeResolved => Step::DisputeResolved,
                    ActivityRole::Reminder { level } => Step::Reminder(level),
                    ActivityRole::FinalNotice => Step::Reminder(FINAL_NOTICE),
                    ActivityRole::SentToAgency => Step::Agency,
                    ActivityRole::PromiseToPay => {
                        Step::Promise(ctx.event_time(ctx.promise_date, e, case).map(day_of))
                    }
                    ActivityRole::DueDatePassed => {
                        passed.get_or_insert(t);
                        continue;
                    }
                    _ => continue,
                };
                book.items.push(Item { t, step });
            }
            if !book.items[start..].iter().any(|i| i.step == Step::Issued) {
                book.items.truncate(start);
                book.not_invoices += 1;
                continue;
            }
            let first = times[r.start];
            let due_day = match ctx.due.map(|a| first_value(log, a, case, r.clone())) {
                Some(Some((Value::Time(t), at))) => Known {
                    value: day_of(t),
                    at,
                },
                _ => match passed {
                    Some(p) => Known {
                        value: day_of(p) - 1,
                        at: p,
                    },
                    None => Known {
                        value: 0,
                        at: NEVER,
                    },
                },
            };
            let amount = match ctx.amount.map(|a| first_value(log, a, case, r.clone())) {
                Some(Some((v, at))) => match v.as_number() {
                    Some(x) => Known { value: x, at },
                    None => Known {
                        value: f64::NAN,
                        at: NEVER,
                    },
                },
                _ => Known {
                    value: f64::NAN,
                    at: NEVER,
                },
            };
            let customer = match ctx.customer.map(|a| first_value(log, a, case, r.clone())) {
                Some(Some((v, at))) => Known {
                    value: names.id(v),
                    at,
                },
                _ => Known {
                    value: NO_CUSTOMER,
                    at: NEVER,
                },
            };
            book.records.push(Record {
                case,
                first,
                due_day,
                amount,
                customer,
                items: [start as u32, book.items.len() as u32],
            });
        }
        // Customer ids in name order and invoices in order of their first event (then case id): neither
        // depends on the file's row order nor on events after any instant, so sums over them are added in
        // the same order whatever happened later.
        let mut order: Vec<u32> = (0..names.names.len() as u32).collect();
        order.sort_by(|&a, &b| names.names[a as usize].cmp(&names.names[b as usize]));
        let mut new_id = vec![0u32; order.len()];
        for (i, &old) in order.iter().enumerate() {
            new_id[old as usize] = i as u32;
        }
        for r in &mut book.records {
            if let Some(&id) = new_id.get(r.customer.value as usize) {
                r.customer.value = id;
            }
        }
        book.customers = order
            .iter()
            .map(|&old| std::mem::take(&mut names.names[old as usize]))
            .collect();
        book.records.sort_by(|a, b| {
            a.first
                .cmp(&b.first)
                .then_with(|| log.case_id(a.case).cmp(log.case_id(b.case)))
        });
        book
    }

    /// The steps of an invoice.
    pub fn steps(&self, r: &Record) -> &[Item] {
        self.items
            .get(r.items[0] as usize..r.items[1] as usize)
            .unwrap_or(&[])
    }

    /// Which closing steps the log has recorded before `until`.
    pub fn recorded(&self, until: i64) -> Recorded {
        Recorded {
            payments: self.first_payment < until,
            clearings: self.first_clearing < until,
        }
    }

    /// The state of an invoice from its steps and values known before `until`.
    pub fn state(&self, r: &Record, until: i64, rec: Recorded) -> State {
        let mut s = State {
            issued: None,
            due_day: r.due_day.before(until),
            amount: r.amount.before(until).unwrap_or(f64::NAN),
            customer: r.customer.before(until).unwrap_or(NO_CUSTOMER),
            closed: None,
            dispute: Dispute::None,
            disputed: None,
            level: 0,
            agency: false,
            promise: None,
        };
        let mut payment = None;
        let mut cleared = None;
        let mut written_off = None;
        let mut cancelled: Option<i64> = None;
        let mut credited: Option<i64> = None;
        for it in self.steps(r).iter().take_while(|i| i.t < until) {
            match it.step {
                Step::Issued => {
                    s.issued.get_or_insert(it.t);
                    cancelled = None;
                }
                Step::Payment => {
                    payment.get_or_insert(it.t);
                    credited = None;
                }
                Step::Cleared => {
                    cleared.get_or_insert(it.t);
                }
                Step::WrittenOff => {
                    written_off.get_or_insert(it.t);
                }
                Step::CreditNote => credited = Some(it.t),
                Step::Cancelled => cancelled = Some(it.t),
                Step::DisputeRaised => {
                    s.dispute = Dispute::Open { raised: it.t };
                    s.disputed.get_or_insert(it.t);
                }
                Step::DisputeResolved => {
                    if let Dispute::Open { raised } = s.dispute {
                        s.dispute = Dispute::Resolved {
                            raised,
                            resolved: it.t,
                        };
                    }
                }
                Step::Reminder(level) => s.level = s.level.max(level),
                Step::Agency => s.agency = true,
                Step::Promise(day) => s.promise = Some((it.t, day)),
            }
        }
        if s.issued.is_none() {
            return s;
        }
        // The cash: payment received, or clearing of an invoice not written off in a log without
        // payments (as the collections facts).
        let paid = if rec.payments {
            payment
        } else {
            cleared.filter(|_| written_off.is_none())
        };
        let mut closes: [(Option<i64>, Closure); 5] = [
            (paid, Closure::Paid),
            (written_off, Closure::WrittenOff),
            (cleared.filter(|_| rec.payments), Closure::Otherwise),
            (cancelled, Closure::Otherwise),
            (credited.filter(|_| !rec.clearings), Closure::Otherwise),
        ];
        // The earliest closing wins; the payment first on a tie (the order above).
        closes.sort_by_key(|(t, _)| t.unwrap_or(NEVER));
        s.closed = closes.iter().find_map(|&(t, how)| t.map(|t| (how, t)));
        s
    }
}

/// The first value of an attribute in a case's (selected) events, with the instant of the event that
/// carries it; a case attribute is known from the case's first event.
fn first_value<'a>(
    log: &'a EventLog,
    attr: &'a Attribute,
    case: CaseIdx,
    events: std::ops::Range<usize>,
) -> Option<(Value<'a>, i64)> {
    let times = log.times();
    match attr.scope {
        Scope::Case => {
            let v = attr.get(case);
            (!v.is_missing()).then(|| (v, times[events.start]))
        }
        Scope::Event => events
            .map(|e| (attr.get(e), times[e]))
            .find(|(v, _)| !v.is_missing()),
    }
}

/// Customer names interned to dense ids, in order of first appearance.
#[derive(Default)]
struct CustomerNames {
    ids: rustc_hash::FxHashMap<String, u32>,
    names: Vec<String>,
}

impl CustomerNames {
    fn id(&mut self, v: Value) -> u32 {
        let name = match v {
            Value::Text(s) => std::borrow::Cow::Borrowed(s),
            other => std::borrow::Cow::Owned(other.display()),
        };
        if let Some(&id) = self.ids.get(name.as_ref()) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.into_owned());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::days_from_civil;
    use crate::collections::testing::log;

    fn until(y: i64, m: u32, d: u32) -> i64 {
        days_from_civil(y, m, d) * MS_PER_DAY
    }

    const LOG: &str = "case,activity,timestamp,due_date,amount,customer\n\
        a,Invoice created,2024-01-10,2024-02-09,100,C1\n\
        a,Dispute raised,2024-01-20,,,\n\
        a,Reminder 1 sent,2024-02-16,,,\n\
        a,Dispute resolved,2024-02-20,,,\n\
        a,Payment received,2024-03-01,,,\n\
        b,Invoice created,2024-01-15,,,\n\
        b,Due date passed,2024-02-15,,250,C2\n\
        b,Written off,2024-06-01,,,\n\
        c,Credit check requested,2024-01-02,,,\n\
        d,Invoice created,2024-01-12,2024-02-11,50,C1\n\
        d,Invoice cancelled,2024-01-20,,,\n\
        d,Invoice created,2024-01-22,,,\n\
        d,Invoice cleared,2024-02-01,,,\n";

    #[test]
    fn states_read_only_what_was_known_before_the_instant() {
        let (log, map) = log(LOG);
        let ctx = Context::new(&log, &map);
        let book = Book::read(&ctx, &Selection::all(&log));
        assert_eq!(book.records.len(), 3, "c is no invoice");
        assert_eq!(book.not_invoices, 1);
        let rec = book.recorded(until(2024, 12, 1));
        assert!(rec.payments && rec.clearings);
        let find = |id: &str| {
            book.records
                .iter()
                .find(|r| log.case_id(r.case) == id)
                .unwrap()
        };
        // In order of their first event.
        let ids: Vec<&str> = book.records.iter().map(|r| log.case_id(r.case)).collect();
        assert_eq!(ids, ["a", "d", "b"]);
        let a = find("a");
        let s = book.state(a, until(2024, 2, 1), rec);
        assert!(s.is_open());
        assert_eq!(s.due_day, Some(days_from_civil(2024, 2, 9)));
        assert_eq!(
            s.dispute,
            Dispute::Open {
                raised: until(2024, 1, 20)
            }
        );
        assert_eq!(s.level, 0);
        assert_eq!(book.customers[s.customer as usize], "C1");
        let s = book.state(a, until(2024, 2, 21), rec);
        assert!(matches!(s.dispute, Dispute::Resolved { .. }));
        assert_eq!(s.level, 1);
        let s = book.state(a, until(2024, 3, 2), rec);
        assert_eq!(s.paid(), Some(until(2024, 3, 1)));
        // b: its due day comes from "due date passed", its amount and customer from that event too: not
        // known before it.
        let b = find("b");
        let s = book.state(b, until(2024, 2, 1), rec);
        assert_eq!((s.due_day, s.customer), (None, NO_CUSTOMER));
        assert!(s.amount.is_nan());
        let s = book.state(b, until(2024, 2, 16), rec);
        assert_eq!(s.due_day, Some(days_from_civil(2024, 2, 14)));
        assert_eq!(s.amount, 250.0);
        let s = book.state(b, until(2024, 7, 1), rec);
        assert_eq!(s.closed, Some((Closure::WrittenOff, until(2024, 6, 1))));
        // d: cancelled, then issued again: open in between; cleared without a payment closes it.
        let d = find("d");
        assert!(!book.state(d, until(2024, 1, 21), rec).is_open());
        assert!(book.state(d, until(2024, 1, 23), rec).is_open());
        assert_eq!(
            book.state(d, until(2024, 2, 2), rec).closed,
            Some((Closure::Otherwise, until(2024, 2, 1)))
        );
        // Before any payment in the log, clearing stands for payment.
        let early = book.recorded(until(2024, 2, 2));
        assert!(!early.payments);
        assert_eq!(
            book.state(d, until(2024, 2, 2), early).paid(),
            Some(until(2024, 2, 1))
        );
    }
}

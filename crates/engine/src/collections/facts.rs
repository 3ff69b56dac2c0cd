//! Per-invoice facts read once from the log and the role map: when the invoice was issued, when it was
//! due, paid, posted, cleared, handed to an agency, written off or cancelled, its amount, customer and
//! segment. Every collections measure starts from these.
//!
//! Definitions: an invoice is *issued* at its first "invoice created" event (else "invoice sent", else
//! its first event); it is *due* on its due-date attribute (else when "due date passed" is recorded);
//! it is *paid* at its first "payment received" (else, when the log only records clearing, at "invoice
//! cleared"); it stops being *open* when paid, cleared, written off, or cancelled without re-issue.

use super::roles::{ActivityRole, RoleMap};
use crate::calendar::MS_PER_DAY;
use crate::filter::Selection;
use crate::import::ColumnRole;
use crate::log::{Attribute, CaseIdx, EventLog, Value};

/// The facts of one invoice (case).
#[derive(Debug, Clone, PartialEq)]
pub struct Invoice {
    /// The case.
    pub case: CaseIdx,
    /// Issue instant.
    pub issued: i64,
    /// Due instant (start of the due day), if known.
    pub due: Option<i64>,
    /// Amount; `NaN` when the log has none.
    pub amount: f64,
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
}

impl Invoice {
    /// When the invoice stopped being open.
    pub fn settled(&self) -> Option<i64> {
        [self.paid, self.cleared, self.written_off, self.cancelled]
            .into_iter()
            .flatten()
            .min()
    }

    /// Whether it was open (issued, not settled) at instant `t`.
    pub fn open_at(&self, t: i64) -> bool {
        self.issued < t && self.settled().is_none_or(|s| s >= t)
    }

    /// Whether it was past due at `t` (due before the start of `t`'s day).
    pub fn past_due_at(&self, t: i64) -> bool {
        self.due.is_some_and(|d| d + MS_PER_DAY <= t)
    }

    /// Amount, or 1 when the log has no amounts (measures then count invoices).
    pub fn weight(&self) -> f64 {
        if self.amount.is_nan() {
            1.0
        } else {
            self.amount
        }
    }
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
        }
    }

    /// The role of an event.
    #[inline]
    pub fn role(&self, event: usize) -> ActivityRole {
        self.roles[self.log.activities()[event].index()]
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
        let a = attr?;
        let v = self.log.event_value(a, event, case);
        let v = if v.is_missing() {
            self.log.case_value(a, case)
        } else {
            v
        };
        (!v.is_missing()).then(|| v.display())
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
}

/// The facts of every selected case.
pub fn invoices(ctx: &Context, sel: &Selection) -> Vec<Invoice> {
    let log = ctx.log;
    let times = log.times();
    let log_has_payments = ctx.roles.contains(&ActivityRole::PaymentReceived);
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
            let amount = ctx
                .amount
                .map(|a| log.case_value(a, case))
                .and_then(|v| v.as_number())
                .unwrap_or(f64::NAN);
            Invoice {
                case,
                issued: created.or(sent).unwrap_or(times[r.start]),
                due,
                amount,
                customer: ctx.case_text(ctx.customer, case),
                segment: ctx.case_text(ctx.segment, case),
                paid: if log_has_payments {
                    received
                } else {
                    cleared.filter(|_| written_off.is_none())
                },
                posted,
                cleared,
                agency,
                written_off,
                cancelled,
                reissued,
                first_reminder,
            }
        })
        .collect()
}

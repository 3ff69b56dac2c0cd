//! Which figures the role map allows, and why the others are not available.
//!
//! A figure needs activities in certain roles, sometimes a column: without them the measure would show
//! 0 or 0 % where the truth is "not recorded" or "not recognised" (a French export whose "Limite de
//! crédit approuvée" is not recognised has no approved credit, not zero approvals). Such a figure is
//! `null` in the JSON (a count becomes `None`, a rate NaN) and is listed in the report's `unavailable`
//! with the reason and the roles that would make it available, which the app links to the roles
//! editor. A figure whose roles are there but whose selection has nothing to measure (no paid invoice
//! with a due date) is listed too, with that reason and no roles.
//!
//! Whether a role is "there" is decided on the whole log's activities, not on the selection: filtering
//! cases must not turn "none of these in the selection" into "not recognised".

use super::facts::Context;
use super::roles::ActivityRole;
use serde::{Deserialize, Serialize};

/// A figure that is not available, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unavailable {
    /// The figure, as its path in the collections JSON (`kpis.credit.approved`, `dunning.rate`) or, in a
    /// DSO month, its field (`dso_simple`).
    pub figure: String,
    /// Why, in words: "no activity recognised as credit approved".
    pub reason: String,
    /// The activity roles that, once some activity is mapped to one of them, make the figure available
    /// (empty when the roles are there and the data is not).
    #[serde(default)]
    pub roles: Vec<ActivityRole>,
    /// The reason as a code, for interfaces that say it in another language: [`code::NOT_RECOGNISED`],
    /// [`code::NO_DUE_DATE`] and [`code::NEVER_CLOSES`] name `roles`; the others (`no_paid_invoice`, ...)
    /// stand for their fixed sentence. Empty when the reason has no code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
}

/// The codes of the reasons that name missing roles ([`Unavailable::code`]).
pub mod code {
    /// "no activity recognised as {roles}".
    pub const NOT_RECOGNISED: &str = "not_recognised";
    /// "no due-date column and no activity recognised as {roles}".
    pub const NO_DUE_DATE: &str = "no_due_date";
    /// "no activity recognised as {roles}: no invoice would ever close".
    pub const NEVER_CLOSES: &str = "never_closes";
}

impl Unavailable {
    /// A figure missing for want of data in the selection.
    pub fn data(figure: &str, reason: &str) -> Unavailable {
        Unavailable {
            figure: figure.to_string(),
            reason: reason.to_string(),
            roles: Vec::new(),
            code: String::new(),
        }
    }

    /// [`Unavailable::data`] with the reason's code.
    pub fn coded(figure: &str, code: &str, reason: &str) -> Unavailable {
        Unavailable {
            code: code.to_string(),
            ..Unavailable::data(figure, reason)
        }
    }
}

/// Why a requirement is not met: the reason and the roles that would meet it.
#[derive(Debug, Clone, PartialEq)]
pub struct Missing {
    /// "no activity recognised as payment received or invoice cleared".
    pub reason: String,
    /// The roles that would meet it.
    pub roles: Vec<ActivityRole>,
    /// The reason's code ([`code`]).
    pub code: &'static str,
}

impl Missing {
    /// The entry for `figure`.
    pub fn of(&self, figure: &str) -> Unavailable {
        Unavailable {
            figure: figure.to_string(),
            reason: self.reason.clone(),
            roles: self.roles.clone(),
            code: self.code.to_string(),
        }
    }
}

/// Why figures that need due dates are missing when the log has none: no due-date column and no
/// activity recognised as "due date passed" ([`Found::due_dates`]; the warehouse's document says the
/// same without a log).
pub fn no_due_dates() -> Missing {
    Missing {
        reason: format!(
            "no due-date column and no activity recognised as {}",
            words(ActivityRole::DueDatePassed)
        ),
        roles: vec![ActivityRole::DueDatePassed],
        code: code::NO_DUE_DATE,
    }
}

/// How a role is named in a reason: its key in words ("credit approved"); any reminder level is "a
/// reminder".
fn words(role: ActivityRole) -> String {
    match role {
        ActivityRole::Reminder { .. } => "reminder".into(),
        r => r.key().replace('_', " "),
    }
}

/// What the log's role map provides; each check returns what is missing, `None` when met.
pub struct Found<'a> {
    ctx: &'a Context<'a>,
}

impl<'a> Found<'a> {
    /// The checks for a log and its role map.
    pub fn new(ctx: &'a Context<'a>) -> Found<'a> {
        Found { ctx }
    }

    /// Some activity has one of `roles` (any reminder level counts for a reminder).
    pub fn any(&self, roles: &[ActivityRole]) -> Option<Missing> {
        let matches = |r: ActivityRole| {
            roles.iter().any(|&want| match (want, r) {
                (ActivityRole::Reminder { .. }, ActivityRole::Reminder { .. }) => true,
                _ => want == r,
            })
        };
        if self.ctx.has_role(matches) {
            return None;
        }
        let names: Vec<String> = roles.iter().map(|&r| words(r)).collect();
        Some(Missing {
            reason: format!("no activity recognised as {}", names.join(" or ")),
            roles: roles.to_vec(),
            code: code::NOT_RECOGNISED,
        })
    }

    /// Invoices: "invoice created" or "invoice sent".
    pub fn invoices(&self) -> Option<Missing> {
        self.any(&[ActivityRole::InvoiceCreated, ActivityRole::InvoiceSent])
    }

    /// Payment dates: "payment received", else "invoice cleared" (see [`super::facts`]).
    pub fn payments(&self) -> Option<Missing> {
        self.any(&[ActivityRole::PaymentReceived, ActivityRole::InvoiceCleared])
    }

    /// Due dates: a due-date column, else "due date passed".
    pub fn due_dates(&self) -> Option<Missing> {
        if self.ctx.due.is_some() {
            return None;
        }
        self.any(&[ActivityRole::DueDatePassed])
            .map(|_| no_due_dates())
    }

    /// Receivables: invoices, and some way for them to close.
    pub fn receivables(&self) -> Option<Missing> {
        self.invoices().or_else(|| {
            self.any(&[
                ActivityRole::PaymentReceived,
                ActivityRole::InvoiceCleared,
                ActivityRole::CreditNote,
                ActivityRole::WrittenOff,
                ActivityRole::InvoiceCancelled,
            ])
            .map(|m| Missing {
                reason: format!("{}: no invoice would ever close", m.reason),
                roles: m.roles,
                code: code::NEVER_CLOSES,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::testing::log;

    #[test]
    fn reasons_name_the_missing_roles() {
        let (log, map) = log("case,activity,timestamp\n\
            a,Invoice created,2024-01-01\na,Reminder 2 sent,2024-02-01\n");
        let ctx = Context::new(&log, &map);
        let found = Found::new(&ctx);
        assert_eq!(found.invoices(), None);
        assert_eq!(found.any(&[ActivityRole::Reminder { level: 1 }]), None);
        let m = found.payments().unwrap();
        assert_eq!(
            m.reason,
            "no activity recognised as payment received or invoice cleared"
        );
        assert_eq!(
            m.roles,
            [ActivityRole::PaymentReceived, ActivityRole::InvoiceCleared]
        );
        assert_eq!(
            found.due_dates().unwrap().reason,
            "no due-date column and no activity recognised as due date passed"
        );
        assert!(found
            .receivables()
            .unwrap()
            .reason
            .ends_with(": no invoice would ever close"));
        let json = serde_json::to_string(&m.of("kpis.on_time_payment_rate")).unwrap();
        assert_eq!(
            json,
            r#"{"figure":"kpis.on_time_payment_rate","reason":"no activity recognised as payment received or invoice cleared","roles":["payment_received","invoice_cleared"],"code":"not_recognised"}"#
        );
    }
}

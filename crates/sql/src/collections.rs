//! The collections measures as plans, with the engine's definitions (`relance_engine::collections`:
//! `facts`, `kpi`, `dunning`, `disputes`, `cash_application`, `promises`).
//!
//! Activities get their role from the mapping (activity name → role, as the app saves it); the columns
//! named in the mapping's `attributes` give amounts, due dates, channels, levels, reasons and promised
//! dates. Every table column is per event: a case's amount, due date, customer and segment are the
//! first value present in the case's events, in case order (the engine's `case_value`); a reminder's
//! channel and a dispute's reason are the event's value, else the case's.
//!
//! # Receivables (the engine's `facts::RECEIVABLE_DEFINITION`)
//!
//! - A receivable is an *invoice*: a case with an "invoice created" or "invoice sent" event, *issued*
//!   at its first "invoice created", else its first "invoice sent". Other cases are no receivables.
//! - It is open from its issue until the first of: the payment that closes it (on the ledger's basis,
//!   [`Settings::basis`], its first "invoice cleared" or "payment posted", in a log that has either;
//!   otherwise, and on the cash basis, its first "payment received" or "invoice cleared", and in a log
//!   with no "payment received" at all "invoice cleared" unless written off); its last credit note
//!   when no "payment received" comes after it (fully credited); "written off"; its last "invoice
//!   cancelled" when no "invoice created"/"sent" comes after it.
//! - *Due* on its due-date value (else the day before "due date passed"); past due at `t` from the
//!   start of the day after. Amounts weigh each invoice (1 when it has none), summed as integer
//!   millionths as the engine sums them, so "nothing left" is exactly 0. The as-of date is the last
//!   event (or [`Settings::as_of_ms`]).
//! - A log without an invoice activity, or without any activity that closes one, has no receivables:
//!   `dso_monthly` is then empty, as the engine's report leaves it.
//!
//! # Month-ends
//!
//! `dso_monthly` follows the engine's `kpi::dso_series` month by month: months run from local midnight
//! on the 1st to the next 1st (the last one ends at the as-of date, `end_ms`), from the month of the
//! first issue; at most the last [`MAX_MONTHS`] are returned (`months_total` says how many there are).
//! Simple DSO = open receivables ÷ sales of the month and the two before × 91; countback walks back
//! whole months of sales (at most 120; a full month counts its calendar days); BPDSO uses current (not
//! past-due) receivables; ADD = DSO − BPDSO; CEI compares the month's collections with what was
//! collectible. A figure the engine leaves `null` (no sales in the window, nothing collectible) is
//! `NULL`.
//!
//! "Local" is the IANA zone of [`Settings::time_zone`] (UTC by default), converted by the engine's own
//! time-zone functions; a table of instants carries no UTC offsets. The Relance engine instead reads
//! the offset of the log's event nearest to each month start: on a log written in one zone's local
//! time (the demo: Paris, `+01:00`/`+02:00`) both agree. They can differ when the nearest event's
//! offset is not the zone's offset at that midnight: a log mixing zones, a daylight-saving change
//! between midnight on the 1st and the nearest event (Europe changes on the last Sunday of the month,
//! so only when the log has no event in the day or more between that change and the 1st), or a zone
//! whose clocks change at midnight. UTC months use integer arithmetic only (Howard Hinnant's
//! `days_from_civil`); the calendar covers 1900 to 2199.

use crate::analyses::{event_order, events_cte, Analysis, Spec};
use crate::plan::build::*;
use crate::plan::{Agg, Expr, From, Op, Order, Query, Select, WindowFn};
use crate::{Error, SqlType};
use relance_engine::collections::facts::Basis;
use relance_engine::collections::{ActivityRole, RoleMap};
use relance_engine::import::ColumnRole;
use relance_engine::validate::{to_ms, Unit};

/// Result columns of `dso_monthly`: the fields of the engine's `DsoMonth` ([`DSO_FIELDS`]), then
/// `months_total` (months from the first issue to the as-of date, before the cap of [`MAX_MONTHS`])
/// and `time_zone` (where month-ends are), which the document turns into notes.
pub const DSO_COLUMNS: &[&str] = &[
    "month",
    "dso_simple",
    "dso_countback",
    "bpdso",
    "add",
    "cei",
    "receivables",
    "past_due",
    "sales",
    "end_ms",
    "months_total",
    "time_zone",
    "start3_ms",
    "next_start_ms",
    "issue_from_ms",
    "issue_to_ms",
    "issue_days",
    "basis",
];
/// The fields of a `dso_monthly` row in the document (the engine's `DsoMonth`).
pub const DSO_FIELDS: &[&str] = &[
    "month",
    "dso_simple",
    "dso_countback",
    "bpdso",
    "add",
    "cei",
    "receivables",
    "past_due",
    "sales",
    "end_ms",
];
/// The most recent months `dso_monthly` returns (the engine's `kpi::MAX_MONTHS`).
pub const MAX_MONTHS: u64 = relance_engine::collections::kpi::MAX_MONTHS as u64;
/// How far back countback DSO walks, in months (the engine's).
const COUNTBACK_MONTHS: i64 = 120;
/// Result columns of `dunning` (the engine's `DunningRow`).
pub const DUNNING_COLUMNS: &[&str] = &[
    "activity",
    "level",
    "channel",
    "sent",
    "paid_within_window",
    "rate",
];
/// Result columns of `disputes` (the engine's `DisputeRow`).
pub const DISPUTES_COLUMNS: &[&str] = &[
    "reason",
    "resolved",
    "open",
    "median_days",
    "p90_days",
    "open_median_age_days",
    "credit_note_share",
];
/// Result columns of `cash_application` (the engine's `CashApplicationRow`).
pub const CASH_APPLICATION_COLUMNS: &[&str] =
    &["resource", "payments", "median_lag_days", "p90_lag_days"];
/// Result columns of `promises` (the engine's `PromiseRow`, by segment).
pub const PROMISES_COLUMNS: &[&str] = &[
    "segment", "promises", "kept", "rate", "broken", "pending", "undated",
];

const DAY_MS: i64 = 86_400_000;

/// Settings of the collections measures (the engine's `CollectionsSettings`, and where month-ends are).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Dunning effectiveness window, days.
    pub window_days: f64,
    /// Grace after a promised date, days.
    pub promise_grace_days: f64,
    /// The "today" of the extract (UTC ms); default: the last event.
    pub as_of_ms: Option<i64>,
    /// The IANA time zone whose local midnight on the 1st ends each month (`Europe/Paris`); `None`:
    /// UTC. Checked by [`time_zone`].
    pub time_zone: Option<String>,
    /// When a receivable closes (the engine's `facts::Basis`): the payment applied (ledger, the
    /// default) or received (cash).
    pub basis: Basis,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_days: 14.0,
            promise_grace_days: 3.0,
            as_of_ms: None,
            time_zone: None,
            basis: Basis::Ledger,
        }
    }
}

impl Settings {
    /// The zone's name as written on the results: `UTC` when none is set.
    pub fn zone_name(&self) -> &str {
        self.time_zone.as_deref().unwrap_or("UTC")
    }
}

/// Checks a `--time-zone` value: an IANA name (`Europe/Paris`, `America/New_York`, `Etc/GMT+5`),
/// `None` for UTC (`UTC`, `Etc/UTC`, in any case). Only the form is checked here, as the SQL is printed
/// for an engine that is not at hand: each engine refuses (or, DuckDB, is asked about) a name it does
/// not know.
pub fn time_zone(name: &str) -> Result<Option<String>, Error> {
    let name = name.trim();
    if ["UTC", "Etc/UTC", "Z"]
        .iter()
        .any(|u| u.eq_ignore_ascii_case(name))
    {
        return Ok(None);
    }
    let well_formed = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'))
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && !name.contains("//")
        && !name.ends_with('/');
    if well_formed {
        Ok(Some(name.to_string()))
    } else {
        Err(Error::TimeZone(name.to_string()))
    }
}

/// The plan of a collections analysis with default settings.
pub fn plan(analysis: Analysis, spec: &Spec, map: &RoleMap) -> Result<Query, Error> {
    plan_with(analysis, spec, map, &Settings::default())
}

/// The plan of a collections analysis.
pub fn plan_with(
    analysis: Analysis,
    spec: &Spec,
    map: &RoleMap,
    settings: &Settings,
) -> Result<Query, Error> {
    let cols = RoleColumns::new(map);
    let mut ctes = vec![
        ("ev".to_string(), events_cte(spec)),
        ("cev".to_string(), role_events(spec, map, &cols)),
        ("bounds".to_string(), bounds(settings)),
    ];
    let body = match analysis {
        Analysis::DsoMonthly => {
            ctes.extend(invoice_ctes(settings.basis));
            ctes.extend(calendar_ctes(settings.time_zone.as_deref()));
            ctes.extend(dso_ctes());
            dso_body(settings)
        }
        Analysis::Dunning => {
            ctes.push(("reminders".into(), reminders(settings)));
            Select::new(
                From::Cte("reminders".into()),
                vec![
                    (col("activity"), "activity"),
                    (col("level"), "level"),
                    (col("channel"), "channel"),
                    (Expr::CountStar, "sent"),
                    (agg(Agg::Sum, col("paid")), "paid_within_window"),
                    // Not available (NULL) when the log has no payment received at all.
                    (
                        when(
                            role_found(&["payment_received"]),
                            bin(double(agg(Agg::Sum, col("paid"))), Op::Div, Expr::CountStar),
                        ),
                        "rate",
                    ),
                ],
            )
            .group_by(vec![col("level"), col("channel"), col("activity")])
            .order_by(vec![
                Order::asc(col("level")),
                Order::asc(col("channel")),
                Order::asc(col("activity")),
            ])
        }
        Analysis::Disputes => {
            ctes.push(("dispute_events".into(), disputes_cte()));
            let days = |x: Expr| bin(double(x), Op::Div, Expr::Float(DAY_MS as f64));
            let resolved_days = when(
                not_null(col("resolved_ms")),
                days(bin(col("resolved_ms"), Op::Sub, col("t_ms"))),
            );
            let open_age = when(
                is_null(col("resolved_ms")),
                days(bin(col("as_of"), Op::Sub, col("t_ms"))),
            );
            Select::new(
                From::Cross(vec![
                    From::Cte("dispute_events".into()),
                    From::Cte("bounds".into()),
                ]),
                vec![
                    (col("reason"), "reason"),
                    (agg(Agg::Count, col("resolved_ms")), "resolved"),
                    (
                        bin(
                            Expr::CountStar,
                            Op::Sub,
                            agg(Agg::Count, col("resolved_ms")),
                        ),
                        "open",
                    ),
                    (
                        Expr::Quantile(Box::new(resolved_days.clone()), 0.5),
                        "median_days",
                    ),
                    (Expr::Quantile(Box::new(resolved_days), 0.9), "p90_days"),
                    (
                        Expr::Quantile(Box::new(open_age), 0.5),
                        "open_median_age_days",
                    ),
                    // Not available (NULL) when the log has no credit note at all.
                    (
                        when(
                            role_found(&["credit_note"]),
                            bin(
                                double(agg(Agg::Sum, col("credit_note"))),
                                Op::Div,
                                Expr::CountStar,
                            ),
                        ),
                        "credit_note_share",
                    ),
                ],
            )
            .group_by(vec![col("reason")])
            .order_by(vec![Order::asc(col("reason"))])
        }
        Analysis::CashApplication => {
            ctes.extend(postings_ctes());
            let lag = bin(
                double(bin(col("posted_ms"), Op::Sub, col("t_ms"))),
                Op::Div,
                Expr::Float(DAY_MS as f64),
            );
            Select::new(
                From::Cte("postings".into()),
                vec![
                    (col("who"), "resource"),
                    (Expr::CountStar, "payments"),
                    (
                        Expr::Quantile(Box::new(lag.clone()), 0.5),
                        "median_lag_days",
                    ),
                    (Expr::Quantile(Box::new(lag.clone()), 0.9), "p90_lag_days"),
                ],
            )
            .group_by(vec![col("who")])
            .order_by(vec![
                Order::desc(Expr::Quantile(Box::new(lag), 0.5)),
                Order::asc(col("who")),
            ])
        }
        Analysis::Promises => {
            ctes.push(("promise_events".into(), promises_cte(settings)));
            let count_of = |o: &str| {
                agg(
                    Agg::Sum,
                    when_else(
                        bin(col("outcome"), Op::Eq, Expr::Str(o.into())),
                        Expr::Int(1),
                        Expr::Int(0),
                    ),
                )
            };
            let decided = bin(count_of("kept"), Op::Add, count_of("broken"));
            Select::new(
                From::Cte("promise_events".into()),
                vec![
                    (col("segment"), "segment"),
                    (decided.clone(), "promises"),
                    (count_of("kept"), "kept"),
                    // Not available (NULL) when the log has no payment received at all.
                    (
                        when(
                            all(vec![
                                bin(decided.clone(), Op::Gt, Expr::Int(0)),
                                role_found(&["payment_received"]),
                            ]),
                            bin(double(count_of("kept")), Op::Div, decided),
                        ),
                        "rate",
                    ),
                    (count_of("broken"), "broken"),
                    (count_of("pending"), "pending"),
                    (count_of("undated"), "undated"),
                ],
            )
            .group_by(vec![col("segment")])
            .order_by(vec![Order::asc(col("segment"))])
        }
        _ => {
            return Err(Error::MissingRole {
                analysis: analysis.name(),
                what: "collections measure of this name".into(),
            })
        }
    };
    let mut notes = vec![
        format!(
            "relance {}: collections measure (definitions: relance_sql::collections).",
            analysis.name()
        ),
        spec.order_note(),
    ];
    if analysis == Analysis::DsoMonthly {
        notes.push(month_end_note(settings));
    }
    Ok(Query { notes, ctes, body })
}

/// Where the months of `dso_monthly` end, in words (printed above the SQL and in the document).
pub fn month_end_note(settings: &Settings) -> String {
    match &settings.time_zone {
        None => "Month-ends are midnight UTC on the 1st (--time-zone UTC); the last month ends at the as-of date.".to_string(),
        Some(z) => format!(
            "Month-ends are local midnight on the 1st in {z} (--time-zone), converted by the engine's time-zone functions; the last month ends at the as-of date."
        ),
    }
}

fn when_else(c: Expr, v: Expr, e: Expr) -> Expr {
    Expr::Case(vec![(c, v)], Some(Box::new(e)))
}

/// The columns the mapping names for each role.
struct RoleColumns {
    amount: Option<String>,
    customer: Option<String>,
    segment: Option<String>,
    due: Option<String>,
    channel: Option<String>,
    level: Option<String>,
    reason: Option<String>,
    promise_date: Option<String>,
}

impl RoleColumns {
    fn new(map: &RoleMap) -> RoleColumns {
        let c = |r| map.column(r).map(str::to_string);
        RoleColumns {
            amount: c(ColumnRole::Amount),
            customer: c(ColumnRole::Customer),
            segment: c(ColumnRole::Segment),
            due: c(ColumnRole::DueDate),
            channel: c(ColumnRole::Channel),
            level: c(ColumnRole::DunningLevel),
            reason: c(ColumnRole::DisputeReason),
            promise_date: c(ColumnRole::PromiseDate),
        }
    }
}

/// The activity names with a role.
fn names_with(map: &RoleMap, keep: impl Fn(ActivityRole) -> bool) -> Vec<Expr> {
    map.activities
        .iter()
        .filter(|(_, r)| keep(**r))
        .map(|(n, _)| Expr::Str(n.clone()))
        .collect()
}

fn is_role(role: &str) -> Expr {
    bin(col("role"), Op::Eq, Expr::Str(role.into()))
}

/// The `cev` step: every event with its role key, its position in the case, its attribute values
/// and, for the case-level ones, the position of the case's first value.
fn role_events(spec: &Spec, map: &RoleMap, cols: &RoleColumns) -> Select {
    // Role keys: `reminder_2`, `payment_received`, ... (ActivityRole::key), `other` for the rest.
    let mut roles: Vec<ActivityRole> = map.activities.values().copied().collect();
    roles.sort();
    roles.dedup();
    let role = Expr::Case(
        roles
            .iter()
            .filter(|r| **r != ActivityRole::Other)
            .map(|r| {
                (
                    Expr::In(Box::new(col("activity")), names_with(map, |x| x == *r)),
                    Expr::Str(r.key()),
                )
            })
            .collect(),
        Some(Box::new(Expr::Str("other".into()))),
    );
    let role = match role {
        Expr::Case(w, e) if w.is_empty() => *e.unwrap_or(Box::new(Expr::Null)),
        r => r,
    };
    let src = |c: &Option<String>, t: SqlType| match c {
        Some(c) => Expr::Cast(Box::new(Expr::Source(c.clone())), t),
        None => Expr::Cast(Box::new(Expr::Null), t),
    };
    let text = |c: &Option<String>| src(c, SqlType::Text);
    let time = |c: &Option<String>| match c {
        Some(c) => Expr::EpochMs(Box::new(Expr::Cast(
            Box::new(Expr::Source(c.clone())),
            SqlType::Timestamp,
        ))),
        None => Expr::Cast(Box::new(Expr::Null), SqlType::BigInt),
    };
    let mut inner = events_cte(spec);
    inner.items.extend([
        (role, "role".to_string()),
        (src(&cols.amount, SqlType::Double), "amount".into()),
        (text(&cols.customer), "customer".into()),
        (text(&cols.segment), "segment".into()),
        (time(&cols.due), "due_ms".into()),
        (text(&cols.channel), "channel".into()),
        (src(&cols.level, SqlType::Double), "level_value".into()),
        (text(&cols.reason), "reason".into()),
        (time(&cols.promise_date), "promise_ms".into()),
        (text(&spec.resource), "resource".into()),
    ]);
    let order: Vec<Order> = event_order(spec).into_iter().map(Order::asc).collect();
    let pos = Expr::Window {
        func: WindowFn::RowNumber,
        partition: vec![col("case_id")],
        order,
    };
    let keep = [
        "case_id",
        "activity",
        "t_ms",
        "role",
        "amount",
        "customer",
        "segment",
        "due_ms",
        "channel",
        "level_value",
        "reason",
        "promise_ms",
        "resource",
    ];
    let mut sel = Select::new(From::Sub(Box::new(inner), "raw".into()), vec![]);
    for k in keep {
        sel.items.push((col(k), k.to_string()));
    }
    sel.items.push((pos, "pos".into()));
    // Case-level values come from the case's first event that has one: positions first, then the
    // position of each attribute's first value.
    let mut outer = Select::new(From::Sub(Box::new(sel), "positioned".into()), vec![]);
    for k in keep.iter().chain(["pos"].iter()) {
        outer.items.push((col(k), k.to_string()));
    }
    for c in [
        "amount", "customer", "segment", "due_ms", "channel", "reason",
    ] {
        outer.items.push((
            Expr::Window {
                func: WindowFn::Agg(Agg::Min, Box::new(when(not_null(col(c)), col("pos")))),
                partition: vec![col("case_id")],
                order: vec![],
            },
            format!("first_{c}_pos"),
        ));
    }
    outer
}

/// The `bounds` step: the as-of instant.
fn bounds(settings: &Settings) -> Select {
    let as_of = match settings.as_of_ms {
        Some(ms) => Expr::Int(ms),
        None => agg(Agg::Max, col("t_ms")),
    };
    Select::new(From::Cte("ev".into()), vec![(as_of, "as_of")])
}

/// The value of a case attribute at its first position.
fn case_value(c: &str) -> Expr {
    agg(
        Agg::Max,
        when(
            bin(col("pos"), Op::Eq, col(&format!("first_{c}_pos"))),
            col(c),
        ),
    )
}

fn first_time(pred: Expr) -> Expr {
    agg(Agg::Min, when(pred, col("t_ms")))
}

fn last_of(pred: Expr, c: &str) -> Expr {
    agg(Agg::Max, when(pred, col(c)))
}

fn role_in(roles: &[&str]) -> Expr {
    Expr::In(
        Box::new(col("role")),
        roles.iter().map(|r| Expr::Str(r.to_string())).collect(),
    )
}

/// Whether some event of the table has one of `roles` (the engine's `availability::Found::any`, which
/// looks at the whole log): a scalar subquery, true or false.
fn role_found(roles: &[&str]) -> Expr {
    let found = Expr::Scalar(Box::new(Select::new(
        From::Cte("cev".into()),
        vec![(
            agg(
                Agg::Max,
                when_else(role_in(roles), Expr::Int(1), Expr::Int(0)),
            ),
            "n",
        )],
    )));
    bin(found, Op::Eq, Expr::Int(1))
}

/// The roles that close a receivable (the engine's `Found::receivables`: without one, no invoice would
/// ever close and the receivables measures are not available).
const CLOSING_ROLES: [&str; 5] = [
    "payment_received",
    "invoice_cleared",
    "credit_note",
    "written_off",
    "invoice_cancelled",
];

/// The earliest of instants that may be `NULL` (`NULL` when all are).
fn earliest(v: Vec<Expr>) -> Expr {
    v.into_iter()
        .reduce(|a, b| {
            Expr::Case(
                vec![
                    (is_null(a.clone()), b.clone()),
                    (is_null(b.clone()), a.clone()),
                    (bin(a.clone(), Op::Lt, b.clone()), a),
                ],
                Some(Box::new(b)),
            )
        })
        .unwrap_or(Expr::Null)
}

/// `(a op b)` on positions where a missing `a` is 0 (before every event).
fn pos_or_zero(c: &str) -> Expr {
    Expr::Coalesce(vec![col(c), Expr::Int(0)])
}

/// An amount as integer millionths, bounded to ±10^15, rounded half away from zero: the engine's
/// `kpi::units`, so sums are exact and the same as the engine's. No amount (or not a finite number):
/// the invoice weighs 1.
fn units(amount: Expr) -> Expr {
    let bound = Expr::Float(1e15);
    let clamped = Expr::Case(
        vec![
            (bin(amount.clone(), Op::Gt, bound.clone()), bound.clone()),
            (
                bin(amount.clone(), Op::Lt, Expr::Float(-1e15)),
                Expr::Float(-1e15),
            ),
        ],
        Some(Box::new(amount.clone())),
    );
    let scaled = bin(clamped, Op::Mul, Expr::Float(1e6));
    let half_up = |x: Expr| {
        Expr::FloorDiv(
            Box::new(bin(x, Op::Add, Expr::Float(0.5))),
            Box::new(Expr::Int(1)),
        )
    };
    let rounded = when_else(
        bin(scaled.clone(), Op::Ge, Expr::Float(0.0)),
        half_up(scaled.clone()),
        bin(
            Expr::Int(0),
            Op::Sub,
            half_up(bin(Expr::Float(0.0), Op::Sub, scaled)),
        ),
    );
    // `x − x = 0` is false for infinities and NaN, which the engine reads as "no amount".
    when_else(
        all(vec![
            not_null(amount.clone()),
            bin(
                bin(amount.clone(), Op::Sub, amount),
                Op::Eq,
                Expr::Float(0.0),
            ),
        ]),
        rounded,
        Expr::Int(1_000_000),
    )
}

/// Integer millionths as an amount (a double), as the engine's `kpi::amount`.
fn amount_of(units: Expr) -> Expr {
    bin(double(units), Op::Div, Expr::Float(1e6))
}

/// The `inv0`, `inv1`, `inv` steps: one row per invoice with the facts of the engine's
/// `facts::invoices` that the receivables measures read (issued, due, when it stopped being open on
/// `basis`, amount in millionths).
fn invoice_ctes(basis: Basis) -> Vec<(String, Select)> {
    let inv0 = Select::new(
        From::Cte("cev".into()),
        vec![
            (col("case_id"), "case_id"),
            (first_time(is_role("invoice_created")), "created"),
            (first_time(is_role("invoice_sent")), "sent"),
            (first_time(is_role("payment_received")), "received"),
            (first_time(is_role("invoice_cleared")), "cleared"),
            (first_time(is_role("payment_posted")), "posted"),
            (first_time(is_role("written_off")), "written_off"),
            (first_time(is_role("due_date_passed")), "passed"),
            (
                last_of(is_role("payment_received"), "pos"),
                "last_payment_pos",
            ),
            (last_of(is_role("credit_note"), "pos"), "last_credit_pos"),
            (last_of(is_role("credit_note"), "t_ms"), "last_credit_t"),
            (
                last_of(is_role("invoice_cancelled"), "pos"),
                "last_cancel_pos",
            ),
            (
                last_of(is_role("invoice_cancelled"), "t_ms"),
                "last_cancel_t",
            ),
            (
                last_of(role_in(&["invoice_created", "invoice_sent"]), "pos"),
                "last_issue_pos",
            ),
            (case_value("amount"), "amount"),
            (case_value("due_ms"), "due_value"),
        ],
    )
    .group_by(vec![col("case_id")]);
    // Paid: the first payment received; in a log with none at all, the clearing (unless written off).
    let paid = when_else(
        role_found(&["payment_received"]),
        col("received"),
        when(is_null(col("written_off")), col("cleared")),
    );
    // Fully credited: the last credit note, when no payment is received after it (by position).
    let credited = when(
        all(vec![
            not_null(col("last_credit_pos")),
            Expr::Not(Box::new(bin(
                pos_or_zero("last_payment_pos"),
                Op::Gt,
                col("last_credit_pos"),
            ))),
        ]),
        col("last_credit_t"),
    );
    // Cancelled: the last cancellation, when no invoice is created or sent after it.
    let cancelled = when(
        all(vec![
            not_null(col("last_cancel_pos")),
            Expr::Not(Box::new(bin(
                pos_or_zero("last_issue_pos"),
                Op::Gt,
                col("last_cancel_pos"),
            ))),
        ]),
        col("last_cancel_t"),
    );
    let inv1 = Select::new(
        From::Cte("inv0".into()),
        vec![
            (col("case_id"), "case_id"),
            (Expr::Coalesce(vec![col("created"), col("sent")]), "issued"),
            (
                Expr::Coalesce(vec![
                    col("due_value"),
                    bin(col("passed"), Op::Sub, Expr::Int(DAY_MS)),
                ]),
                "due",
            ),
            (paid, "paid"),
            (col("cleared"), "cleared"),
            (col("posted"), "posted"),
            (credited, "credited"),
            (col("written_off"), "written_off"),
            (cancelled, "cancelled"),
            (units(col("amount")), "units"),
        ],
    )
    // Only invoices are receivables.
    .filter(Expr::Bin(
        Box::new(not_null(col("created"))),
        Op::Or,
        Box::new(not_null(col("sent"))),
    ));
    // The payment that closes the receivable (the engine's `Invoice::applied`): on the ledger's basis
    // the first clearing or posting, in a log that has either; else the payment received (or clearing).
    let cash = earliest(vec![col("paid"), col("cleared")]);
    let applied = match basis {
        Basis::Cash => cash,
        Basis::Ledger => when_else(
            role_found(&["invoice_cleared", "payment_posted"]),
            earliest(vec![col("cleared"), col("posted")]),
            cash,
        ),
    };
    let inv = Select::new(
        From::Cte("inv1".into()),
        vec![
            (col("case_id"), "case_id"),
            (col("issued"), "issued"),
            (col("due"), "due"),
            (col("units"), "units"),
            (
                earliest(vec![
                    applied,
                    col("credited"),
                    col("written_off"),
                    col("cancelled"),
                ]),
                "settled",
            ),
        ],
    );
    vec![
        ("inv0".into(), inv0),
        ("inv1".into(), inv1),
        ("inv".into(), inv),
    ]
}

/// The `cal*` steps: every month from January 1900 to December 2199 with its number `i`, `y`, `m`,
/// the instant it starts (`start_ms`), the next month's start, the start of the month two before
/// (`start3_ms`, for three months of sales) and its calendar days. UTC midnight on the 1st comes from
/// Howard Hinnant's `days_from_civil` (the engine's `calendar::days_from_civil`) in integer arithmetic;
/// in a time zone, that wall-clock time is converted by the engine's own time-zone functions
/// ([`Expr::ZoneInstantMs`]).
fn calendar_ctes(zone: Option<&str>) -> Vec<(String, Select)> {
    const MONTHS: u64 = 12 * 300;
    let fdiv = |a: Expr, b: i64| Expr::FloorDiv(Box::new(a), Box::new(Expr::Int(b)));
    let cal0 = Select::new(
        From::Integers {
            n: MONTHS,
            col: "i".into(),
        },
        vec![
            (col("i"), "i"),
            (bin(Expr::Int(1900), Op::Add, fdiv(col("i"), 12)), "y"),
            (
                bin(
                    bin(
                        col("i"),
                        Op::Sub,
                        bin(Expr::Int(12), Op::Mul, fdiv(col("i"), 12)),
                    ),
                    Op::Add,
                    Expr::Int(1),
                ),
                "m",
            ),
        ],
    );
    // days_from_civil(y, m, 1): y' = y − (m ≤ 2); era = y' div 400; yoe = y' − 400·era;
    // mp = (m + 9) mod 12; doy = (153·mp + 2) div 5; doe = 365·yoe + yoe div 4 − yoe div 100 + doy;
    // days = 146097·era + doe − 719468.
    let cal1 = Select::new(
        From::Cte("cal0".into()),
        vec![
            (col("i"), "i"),
            (col("y"), "y"),
            (col("m"), "m"),
            (
                bin(
                    col("y"),
                    Op::Sub,
                    when_else(
                        bin(col("m"), Op::Le, Expr::Int(2)),
                        Expr::Int(1),
                        Expr::Int(0),
                    ),
                ),
                "yy",
            ),
            (
                when_else(
                    bin(col("m"), Op::Gt, Expr::Int(2)),
                    bin(col("m"), Op::Sub, Expr::Int(3)),
                    bin(col("m"), Op::Add, Expr::Int(9)),
                ),
                "mp",
            ),
        ],
    );
    let cal2 = Select::new(
        From::Cte("cal1".into()),
        vec![
            (col("i"), "i"),
            (col("y"), "y"),
            (col("m"), "m"),
            (col("mp"), "mp"),
            (fdiv(col("yy"), 400), "era"),
            (
                bin(
                    col("yy"),
                    Op::Sub,
                    bin(Expr::Int(400), Op::Mul, fdiv(col("yy"), 400)),
                ),
                "yoe",
            ),
        ],
    );
    let days = [
        bin(Expr::Int(146_097), Op::Mul, col("era")),
        bin(Expr::Int(365), Op::Mul, col("yoe")),
        fdiv(col("yoe"), 4),
    ]
    .into_iter()
    .reduce(|a, b| bin(a, Op::Add, b))
    .unwrap_or(Expr::Int(0));
    let days = bin(days, Op::Sub, fdiv(col("yoe"), 100));
    let days = bin(
        days,
        Op::Add,
        fdiv(
            bin(
                bin(Expr::Int(153), Op::Mul, col("mp")),
                Op::Add,
                Expr::Int(2),
            ),
            5,
        ),
    );
    let days = bin(days, Op::Sub, Expr::Int(719_468));
    let cal3 = Select::new(
        From::Cte("cal2".into()),
        vec![
            (col("i"), "i"),
            (col("y"), "y"),
            (col("m"), "m"),
            (bin(days, Op::Mul, Expr::Int(DAY_MS)), "wall_ms"),
        ],
    );
    let start = match zone {
        None => col("wall_ms"),
        Some(z) => Expr::ZoneInstantMs(Box::new(col("wall_ms")), z.to_string()),
    };
    let cal4 = Select::new(
        From::Cte("cal3".into()),
        vec![
            (col("i"), "i"),
            (col("y"), "y"),
            (col("m"), "m"),
            (col("wall_ms"), "wall_ms"),
            (start, "start_ms"),
        ],
    );
    let by_i = || vec![Order::asc(col("i"))];
    let lead = |c: &str| Expr::Window {
        func: WindowFn::Lead(Box::new(col(c))),
        partition: vec![],
        order: by_i(),
    };
    let cal = Select::new(
        From::Cte("cal4".into()),
        vec![
            (col("i"), "i"),
            (col("y"), "y"),
            (col("m"), "m"),
            (col("start_ms"), "start_ms"),
            (lead("start_ms"), "next_start_ms"),
            (
                Expr::Window {
                    func: WindowFn::LagBy(Box::new(col("start_ms")), 2),
                    partition: vec![],
                    order: by_i(),
                },
                "start3_ms",
            ),
            // Calendar days (a month with a daylight-saving change still has 31 of them).
            (
                bin(
                    double(bin(lead("wall_ms"), Op::Sub, col("wall_ms"))),
                    Op::Div,
                    Expr::Float(DAY_MS as f64),
                ),
                "month_days",
            ),
        ],
    );
    vec![
        ("cal0".into(), cal0),
        ("cal1".into(), cal1),
        ("cal2".into(), cal2),
        ("cal3".into(), cal3),
        ("cal4".into(), cal4),
        ("cal".into(), cal),
    ]
}

/// The `months`, `dso_base`, countback and `dso_rows` steps.
fn dso_ctes() -> Vec<(String, Select)> {
    let first_issue = Expr::Scalar(Box::new(Select::new(
        From::Cte("inv".into()),
        vec![(agg(Agg::Min, col("issued")), "first_issue")],
    )));
    // Month-ends from the month of the first issue up to the as-of date (the last one ends there and
    // counts the days it ran).
    let end = when_else(
        bin(col("next_start_ms"), Op::Lt, col("as_of")),
        col("next_start_ms"),
        col("as_of"),
    );
    let days = when_else(
        bin(col("next_start_ms"), Op::Gt, col("as_of")),
        bin(
            double(bin(col("as_of"), Op::Sub, col("start_ms"))),
            Op::Div,
            Expr::Float(DAY_MS as f64),
        ),
        col("month_days"),
    );
    let months = Select::new(
        From::Cross(vec![From::Cte("cal".into()), From::Cte("bounds".into())]),
        vec![
            (col("i"), "i"),
            (col("y"), "y"),
            (col("m"), "m"),
            (col("start_ms"), "start_ms"),
            (end, "end_ms"),
            (col("start3_ms"), "start3_ms"),
            (col("next_start_ms"), "next_start_ms"),
            (days, "days"),
        ],
    )
    .filter(all(vec![
        bin(col("start_ms"), Op::Lt, col("as_of")),
        bin(col("next_start_ms"), Op::Gt, first_issue),
        role_found(&CLOSING_ROLES),
    ]));
    let open = all(vec![
        bin(col("issued"), Op::Lt, col("end_ms")),
        Expr::Bin(
            Box::new(is_null(col("settled"))),
            Op::Or,
            Box::new(bin(col("settled"), Op::Ge, col("end_ms"))),
        ),
    ]);
    let past_due = all(vec![
        open.clone(),
        not_null(col("due")),
        bin(
            bin(col("due"), Op::Add, Expr::Int(DAY_MS)),
            Op::Le,
            col("end_ms"),
        ),
    ]);
    let sum_if = |c: Expr| agg(Agg::Sum, when_else(c, col("units"), Expr::Int(0)));
    let dso_base = Select::new(
        From::Cross(vec![From::Cte("months".into()), From::Cte("inv".into())]),
        vec![
            (col("i"), "i"),
            (col("y"), "y"),
            (col("m"), "m"),
            (col("end_ms"), "end_ms"),
            (col("start3_ms"), "start3_ms"),
            (col("next_start_ms"), "next_start_ms"),
            (col("days"), "days"),
            (sum_if(open), "ar"),
            (sum_if(past_due), "past_due"),
            (
                sum_if(all(vec![
                    bin(col("issued"), Op::Ge, col("start3_ms")),
                    bin(col("issued"), Op::Lt, col("end_ms")),
                ])),
                "sales3",
            ),
            (
                sum_if(all(vec![
                    bin(col("issued"), Op::Ge, col("start_ms")),
                    bin(col("issued"), Op::Lt, col("end_ms")),
                ])),
                "sales",
            ),
        ],
    )
    .group_by(vec![
        col("i"),
        col("y"),
        col("m"),
        col("end_ms"),
        col("start3_ms"),
        col("next_start_ms"),
        col("days"),
    ]);
    // Countback: for each month-end, the months walked back (at most 120) with running sums of their
    // sales and days; the first month whose running sales reach the receivables ends the walk (exact:
    // the sums are integers).
    let pairs = Select::new(
        From::Cross(vec![
            From::Sub(
                Box::new(Select::new(
                    From::Cte("dso_base".into()),
                    vec![(col("i"), "mi"), (col("ar"), "ar")],
                )),
                "target".into(),
            ),
            From::Sub(
                Box::new(Select::new(
                    From::Cte("dso_base".into()),
                    vec![(col("i"), "ji"), (col("sales"), "s"), (col("days"), "days")],
                )),
                "walked".into(),
            ),
        ]),
        vec![
            (col("mi"), "mi"),
            (col("ji"), "ji"),
            (col("ar"), "ar"),
            (col("s"), "s"),
            (col("days"), "days"),
        ],
    )
    .filter(all(vec![
        bin(col("ji"), Op::Le, col("mi")),
        bin(
            col("ji"),
            Op::Gt,
            bin(col("mi"), Op::Sub, Expr::Int(COUNTBACK_MONTHS)),
        ),
    ]));
    let running = |x: &str| Expr::Window {
        func: WindowFn::RunningSum(Box::new(col(x))),
        partition: vec![col("mi")],
        order: vec![Order::desc(col("ji"))],
    };
    let walk = Select::new(
        From::Cte("cb_pairs".into()),
        vec![
            (col("mi"), "mi"),
            (col("ji"), "ji"),
            (col("ar"), "ar"),
            (col("s"), "s"),
            (col("days"), "days"),
            (running("s"), "cum_s"),
            (running("days"), "cum_days"),
        ],
    );
    // The days of the months before this one, plus this month's days × the share of its sales
    // still open.
    let remaining = bin(col("ar"), Op::Sub, bin(col("cum_s"), Op::Sub, col("s")));
    let value = bin(
        bin(col("cum_days"), Op::Sub, col("days")),
        Op::Add,
        bin(
            bin(col("days"), Op::Mul, double(remaining)),
            Op::Div,
            double(col("s")),
        ),
    );
    let value = Expr::Case(
        vec![
            (bin(col("ar"), Op::Le, Expr::Int(0)), Expr::Float(0.0)),
            (bin(col("s"), Op::Gt, Expr::Int(0)), value),
        ],
        Some(Box::new(col("cum_days"))),
    );
    let reached_rank = Expr::Window {
        func: WindowFn::RowNumber,
        partition: vec![col("mi")],
        order: vec![Order::desc(col("ji"))],
    };
    let hits = Select::new(
        From::Cte("cb_walk".into()),
        vec![
            (col("mi"), "mi"),
            (value, "dso_countback"),
            (reached_rank, "rank_reached"),
        ],
    )
    .filter(Expr::Bin(
        Box::new(bin(col("cum_s"), Op::Ge, col("ar"))),
        Op::Or,
        Box::new(bin(col("ar"), Op::Le, Expr::Int(0))),
    ));
    let countback = Select::new(
        From::Cte("cb_hits".into()),
        vec![(col("mi"), "mi"), (col("dso_countback"), "dso_countback")],
    )
    .filter(bin(col("rank_reached"), Op::Eq, Expr::Int(1)));
    // Every month with the receivables at the end of the one before (0 before the first), numbered
    // from the last: the cap applies after the previous month's receivables are known.
    let window = |func: WindowFn, order: Vec<Order>| Expr::Window {
        func,
        partition: vec![],
        order,
    };
    let rows = Select::new(
        From::LeftJoin(
            Box::new(From::Cte("dso_base".into())),
            Box::new(From::Cte("countback".into())),
            bin(col("i"), Op::Eq, col("mi")),
        ),
        vec![
            (col("i"), "i"),
            (col("y"), "y"),
            (col("m"), "m"),
            (col("end_ms"), "end_ms"),
            (col("start3_ms"), "start3_ms"),
            (col("next_start_ms"), "next_start_ms"),
            (col("ar"), "ar"),
            (col("past_due"), "past_due"),
            (col("sales"), "sales"),
            (col("sales3"), "sales3"),
            (col("dso_countback"), "dso_countback"),
            (
                Expr::Coalesce(vec![
                    window(
                        WindowFn::Lag(Box::new(col("ar"))),
                        vec![Order::asc(col("i"))],
                    ),
                    Expr::Int(0),
                ]),
                "prev_ar",
            ),
            (
                window(WindowFn::RowNumber, vec![Order::desc(col("i"))]),
                "from_end",
            ),
            (
                window(WindowFn::Agg(Agg::Count, Box::new(Expr::Int(1))), vec![]),
                "months_total",
            ),
        ],
    );
    vec![
        ("months".into(), months),
        ("dso_base".into(), dso_base),
        ("cb_pairs".into(), pairs),
        ("cb_walk".into(), walk),
        ("cb_hits".into(), hits),
        ("countback".into(), countback),
        ("dso_rows".into(), rows),
    ]
}

fn dso_body(settings: &Settings) -> Select {
    // The issuing window (the engine's `kpi::IssuingWindow`): first and last issue, and the number of
    // days with an issue, from which the document marks partial months.
    let issues = |a: Agg, x: Expr| {
        Expr::Scalar(Box::new(Select::new(
            From::Cte("inv".into()),
            vec![(agg(a, x), "v")],
        )))
    };
    // The basis receivables were closed on: the ledger's needs a clearing event in the log, else
    // `ledger_without_clearing` (closed at the payment received, which the document notes).
    let basis = match settings.basis {
        Basis::Cash => Expr::Str("cash".into()),
        Basis::Ledger => when_else(
            role_found(&["invoice_cleared", "payment_posted"]),
            Expr::Str("ledger".into()),
            Expr::Str("ledger_without_clearing".into()),
        ),
    };
    // x ÷ three months of sales × 91, as the engine divides the amounts; NULL without sales.
    let ratio = |x: Expr| {
        when(
            bin(col("sales3"), Op::Gt, Expr::Int(0)),
            bin(
                bin(amount_of(x), Op::Div, amount_of(col("sales3"))),
                Op::Mul,
                Expr::Float(91.0),
            ),
        )
    };
    let current = bin(col("ar"), Op::Sub, col("past_due"));
    let cei_den = bin(
        bin(col("prev_ar"), Op::Add, col("sales")),
        Op::Sub,
        current.clone(),
    );
    let cei = when(
        bin(cei_den.clone(), Op::Gt, Expr::Int(0)),
        bin(
            bin(
                amount_of(bin(
                    bin(col("prev_ar"), Op::Add, col("sales")),
                    Op::Sub,
                    col("ar"),
                )),
                Op::Div,
                amount_of(cei_den),
            ),
            Op::Mul,
            Expr::Float(100.0),
        ),
    );
    let two = |x: Expr| {
        Expr::Concat(vec![
            when_else(
                bin(x.clone(), Op::Lt, Expr::Int(10)),
                Expr::Str("0".into()),
                Expr::Str(String::new()),
            ),
            Expr::Cast(Box::new(x), SqlType::Text),
        ])
    };
    Select::new(
        From::Cte("dso_rows".into()),
        vec![
            (
                Expr::Concat(vec![
                    Expr::Cast(Box::new(col("y")), SqlType::Text),
                    Expr::Str("-".into()),
                    two(col("m")),
                ]),
                "month",
            ),
            (ratio(col("ar")), "dso_simple"),
            (col("dso_countback"), "dso_countback"),
            (ratio(current.clone()), "bpdso"),
            (bin(ratio(col("ar")), Op::Sub, ratio(current)), "add"),
            (cei, "cei"),
            (amount_of(col("ar")), "receivables"),
            (amount_of(col("past_due")), "past_due"),
            (amount_of(col("sales")), "sales"),
            (col("end_ms"), "end_ms"),
            (col("months_total"), "months_total"),
            (Expr::Str(settings.zone_name().to_string()), "time_zone"),
            (col("start3_ms"), "start3_ms"),
            (col("next_start_ms"), "next_start_ms"),
            (issues(Agg::Min, col("issued")), "issue_from_ms"),
            (issues(Agg::Max, col("issued")), "issue_to_ms"),
            (
                issues(
                    Agg::CountDistinct,
                    Expr::FloorDiv(Box::new(col("issued")), Box::new(Expr::Int(DAY_MS))),
                ),
                "issue_days",
            ),
            (basis, "basis"),
        ],
    )
    .filter(bin(col("from_end"), Op::Le, Expr::Int(MAX_MONTHS as i64)))
    .order_by(vec![Order::asc(col("i"))])
}

/// Text of an event's attribute, else the case's first value, else "unspecified".
fn event_or_case_text(c: &str) -> Expr {
    Expr::Coalesce(vec![
        col(c),
        Expr::Window {
            func: WindowFn::Agg(
                Agg::Max,
                Box::new(when(
                    bin(col("pos"), Op::Eq, col(&format!("first_{c}_pos"))),
                    col(c),
                )),
            ),
            partition: vec![col("case_id")],
            order: vec![],
        },
        Expr::Str("unspecified".into()),
    ])
}

/// The `reminders` step: each reminder with level, channel, and whether a payment followed within
/// the window.
fn reminders(settings: &Settings) -> Select {
    let window_ms = to_ms(settings.window_days, Unit::Days);
    let role_level = Expr::Case(
        (1..=20u8)
            .map(|l| {
                (
                    is_role(&ActivityRole::Reminder { level: l }.key()),
                    Expr::Int(l as i64),
                )
            })
            .chain([(is_role("final_notice"), Expr::Int(99))])
            .collect(),
        None,
    );
    let is_reminder = Expr::Bin(
        Box::new(bin(col("role"), Op::Ne, Expr::Str("final_notice".into()))),
        Op::And,
        Box::new(not_null(role_level.clone())),
    );
    // A reminder's level: the level column when it holds a number ≥ 1 (truncated), else the role's.
    let level = when_else(
        all(vec![
            is_reminder,
            not_null(col("level_value")),
            bin(col("level_value"), Op::Ge, Expr::Float(1.0)),
        ]),
        Expr::Cast(
            Box::new(Expr::FloorDiv(
                Box::new(col("level_value")),
                Box::new(Expr::Int(1)),
            )),
            SqlType::BigInt,
        ),
        role_level.clone(),
    );
    let sent = Select::new(
        From::Cte("cev".into()),
        vec![
            (col("case_id"), "case_id"),
            (col("pos"), "pos"),
            (col("t_ms"), "t_ms"),
            (col("activity"), "activity"),
            (level, "level"),
            (event_or_case_text("channel"), "channel"),
            (role_level.clone(), "role_level"),
        ],
    );
    let payments = Select::new(
        From::Cte("cev".into()),
        vec![(col("case_id"), "pay_case"), (col("t_ms"), "pay_ms")],
    )
    .filter(is_role("payment_received"));
    Select::new(
        From::LeftJoin(
            Box::new(From::Sub(Box::new(sent), "sent_events".into())),
            Box::new(From::Sub(Box::new(payments), "payments".into())),
            all(vec![
                bin(col("pay_case"), Op::Eq, col("case_id")),
                bin(col("pay_ms"), Op::Ge, col("t_ms")),
                bin(
                    col("pay_ms"),
                    Op::Le,
                    bin(col("t_ms"), Op::Add, Expr::Int(window_ms)),
                ),
            ]),
        ),
        vec![
            (col("case_id"), "case_id"),
            (col("pos"), "pos"),
            (col("activity"), "activity"),
            (col("level"), "level"),
            (col("channel"), "channel"),
            (
                when_else(
                    bin(agg(Agg::Count, col("pay_ms")), Op::Gt, Expr::Int(0)),
                    Expr::Int(1),
                    Expr::Int(0),
                ),
                "paid",
            ),
        ],
    )
    .filter(not_null(col("role_level")))
    .group_by(vec![
        col("case_id"),
        col("pos"),
        col("activity"),
        col("level"),
        col("channel"),
    ])
}

/// Events of a role later in the same case (position after), as (`later_case`, `later_pos`,
/// `later_ms`, `later_resource`).
fn later(role: &str) -> From {
    From::Sub(
        Box::new(
            Select::new(
                From::Cte("cev".into()),
                vec![
                    (col("case_id"), "later_case"),
                    (col("pos"), "later_pos"),
                    (col("t_ms"), "later_ms"),
                    (col("resource"), "later_resource"),
                ],
            )
            .filter(is_role(role)),
        ),
        format!("later_{role}"),
    )
}

fn after_in_case() -> Expr {
    all(vec![
        bin(col("later_case"), Op::Eq, col("case_id")),
        bin(col("later_pos"), Op::Gt, col("pos")),
    ])
}

/// The `dispute_events` step: each dispute raised with its reason, the next resolution and whether a
/// credit note followed.
fn disputes_cte() -> Select {
    let raised = Select::new(
        From::Cte("cev".into()),
        vec![
            (col("case_id"), "case_id"),
            (col("pos"), "pos"),
            (col("t_ms"), "t_ms"),
            (col("role"), "role"),
            (event_or_case_text("reason"), "reason"),
        ],
    );
    let resolved = Select::new(
        From::LeftJoin(
            Box::new(From::Sub(Box::new(raised), "raised".into())),
            Box::new(later("dispute_resolved")),
            after_in_case(),
        ),
        vec![
            (col("case_id"), "case_id"),
            (col("pos"), "pos"),
            (col("t_ms"), "t_ms"),
            (col("reason"), "reason"),
            (agg(Agg::Min, col("later_ms")), "resolved_ms"),
        ],
    )
    .filter(is_role("dispute_raised"))
    .group_by(vec![col("case_id"), col("pos"), col("t_ms"), col("reason")]);
    Select::new(
        From::LeftJoin(
            Box::new(From::Sub(Box::new(resolved), "disputes".into())),
            Box::new(later("credit_note")),
            after_in_case(),
        ),
        vec![
            (col("reason"), "reason"),
            (col("t_ms"), "t_ms"),
            (agg(Agg::Min, col("resolved_ms")), "resolved_ms"),
            (
                when_else(
                    bin(agg(Agg::Count, col("later_pos")), Op::Gt, Expr::Int(0)),
                    Expr::Int(1),
                    Expr::Int(0),
                ),
                "credit_note",
            ),
        ],
    )
    .group_by(vec![col("case_id"), col("pos"), col("t_ms"), col("reason")])
}

/// The `postings` steps: each payment received with the first posting after it (time and who).
fn postings_ctes() -> Vec<(String, Select)> {
    let received = Select::new(
        From::Cte("cev".into()),
        vec![
            (col("case_id"), "case_id"),
            (col("pos"), "pos"),
            (col("t_ms"), "t_ms"),
        ],
    )
    .filter(is_role("payment_received"));
    let next_post = Select::new(
        From::LeftJoin(
            Box::new(From::Sub(Box::new(received), "received".into())),
            Box::new(later("payment_posted")),
            after_in_case(),
        ),
        vec![
            (col("case_id"), "case_id"),
            (col("t_ms"), "t_ms"),
            (agg(Agg::Min, col("later_pos")), "post_pos"),
        ],
    )
    .group_by(vec![col("case_id"), col("pos"), col("t_ms")]);
    let postings = Select::new(
        From::LeftJoin(
            Box::new(From::Cte("next_post".into())),
            Box::new(From::Sub(
                Box::new(Select::new(
                    From::Cte("cev".into()),
                    vec![
                        (col("case_id"), "p_case"),
                        (col("pos"), "p_pos"),
                        (col("t_ms"), "posted_ms"),
                        (col("resource"), "p_resource"),
                    ],
                )),
                "posted".into(),
            )),
            all(vec![
                bin(col("p_case"), Op::Eq, col("case_id")),
                bin(col("p_pos"), Op::Eq, col("post_pos")),
            ]),
        ),
        vec![
            (col("t_ms"), "t_ms"),
            (col("posted_ms"), "posted_ms"),
            (
                Expr::Coalesce(vec![col("p_resource"), Expr::Str("unspecified".into())]),
                "who",
            ),
        ],
    )
    .filter(not_null(col("post_pos")));
    vec![
        ("next_post".into(), next_post),
        ("postings".into(), postings),
    ]
}

/// The `promise_events` step: each promise to pay with its segment and outcome.
fn promises_cte(settings: &Settings) -> Select {
    let grace_ms = to_ms(settings.promise_grace_days, Unit::Days);
    let segment = Expr::Coalesce(vec![
        Expr::Window {
            func: WindowFn::Agg(
                Agg::Max,
                Box::new(when(
                    bin(col("pos"), Op::Eq, col("first_segment_pos")),
                    col("segment"),
                )),
            ),
            partition: vec![col("case_id")],
            order: vec![],
        },
        Expr::Str("unspecified".into()),
    ]);
    // The promised day, plus grace, to the end of the day.
    let deadline = bin(
        bin(
            bin(
                Expr::FloorDiv(Box::new(col("promise_ms")), Box::new(Expr::Int(DAY_MS))),
                Op::Mul,
                Expr::Int(DAY_MS),
            ),
            Op::Add,
            Expr::Int(DAY_MS),
        ),
        Op::Add,
        Expr::Int(grace_ms),
    );
    let promised = Select::new(
        From::Cte("cev".into()),
        vec![
            (col("case_id"), "case_id"),
            (col("pos"), "pos"),
            (col("role"), "role"),
            (segment, "segment"),
            (col("promise_ms"), "promise_ms"),
            (deadline, "deadline"),
        ],
    );
    let paid_before = Select::new(
        From::LeftJoin(
            Box::new(From::Sub(Box::new(promised), "promised".into())),
            Box::new(later("payment_received")),
            all(vec![
                after_in_case(),
                bin(col("later_ms"), Op::Lt, col("deadline")),
            ]),
        ),
        vec![
            (col("segment"), "segment"),
            (col("promise_ms"), "promise_ms"),
            (col("deadline"), "deadline"),
            (agg(Agg::Count, col("later_pos")), "payments"),
        ],
    )
    .filter(is_role("promise_to_pay"))
    .group_by(vec![
        col("case_id"),
        col("pos"),
        col("segment"),
        col("promise_ms"),
        col("deadline"),
    ]);
    Select::new(
        From::Cross(vec![
            From::Sub(Box::new(paid_before), "promises".into()),
            From::Cte("bounds".into()),
        ]),
        vec![
            (col("segment"), "segment"),
            (
                Expr::Case(
                    vec![
                        (is_null(col("promise_ms")), Expr::Str("undated".into())),
                        (
                            bin(col("payments"), Op::Gt, Expr::Int(0)),
                            Expr::Str("kept".into()),
                        ),
                        (
                            bin(col("deadline"), Op::Gt, col("as_of")),
                            Expr::Str("pending".into()),
                        ),
                    ],
                    Some(Box::new(Expr::Str("broken".into()))),
                ),
                "outcome",
            ),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::DialectName;

    fn map() -> RoleMap {
        RoleMap::from_json(
            r#"{"activities": {"Relance 1": "reminder_1", "Paiement": "payment_received", "Promesse": "promise_to_pay"},
                "attributes": {"canal": "channel", "date promise": "promise_date"}}"#,
        )
        .unwrap()
    }

    #[test]
    fn roles_and_columns_come_from_the_mapping() {
        let spec = Spec::new("t", "c", "a", "ts");
        let q = plan(Analysis::Dunning, &spec, &map()).unwrap();
        let sql = crate::plan::print(&q, DialectName::Postgres.dialect());
        assert!(
            sql.contains("WHEN (activity IN ('Paiement')) THEN 'payment_received'"),
            "{sql}"
        );
        assert!(sql.contains("CAST(\"canal\" AS TEXT) AS channel"), "{sql}");
        // No amount column in the mapping: every invoice weighs 1 (NULL amount).
        assert!(
            sql.contains("CAST(NULL AS DOUBLE PRECISION) AS amount"),
            "{sql}"
        );
    }

    #[test]
    fn settings_reach_the_sql() {
        let spec = Spec::new("t", "c", "a", "ts");
        let s = Settings {
            window_days: 21.0,
            promise_grace_days: 0.5,
            as_of_ms: Some(1_700_000_000_000),
            time_zone: None,
            basis: Basis::Ledger,
        };
        let d = DialectName::DuckDb.dialect();
        let dunning =
            crate::plan::print(&plan_with(Analysis::Dunning, &spec, &map(), &s).unwrap(), d);
        assert!(
            dunning.contains(&format!("(t_ms + {})", 21 * DAY_MS)),
            "{dunning}"
        );
        let promises = crate::plan::print(
            &plan_with(Analysis::Promises, &spec, &map(), &s).unwrap(),
            d,
        );
        assert!(
            promises.contains(&format!("+ {})", DAY_MS / 2)),
            "{promises}"
        );
        assert!(promises.contains("1700000000000 AS as_of"), "{promises}");
    }

    #[test]
    fn time_zones_are_iana_names_and_utc_is_none() {
        assert_eq!(time_zone(" UTC "), Ok(None));
        assert_eq!(time_zone("etc/utc"), Ok(None));
        for ok in [
            "Europe/Paris",
            "America/Argentina/Buenos_Aires",
            "Etc/GMT+5",
            "America/Port-au-Prince",
        ] {
            assert_eq!(time_zone(ok), Ok(Some(ok.to_string())), "{ok}");
        }
        for bad in [
            "",
            "Paris'; DROP TABLE t; --",
            "/etc/passwd",
            "Europe//Paris",
            "Europe/",
        ] {
            assert!(matches!(time_zone(bad), Err(Error::TimeZone(_))), "{bad:?}");
        }
    }

    /// Month-ends: UTC in integer arithmetic only; a zone through each engine's own conversion, named
    /// above the SQL and on every row.
    #[test]
    fn month_ends_are_converted_by_each_engine_in_the_zone() {
        let spec = Spec::new("t", "c", "a", "ts");
        let paris = Settings {
            time_zone: Some("Europe/Paris".into()),
            ..Default::default()
        };
        let utc = Settings::default();
        let conversions = [
            (
                DialectName::DuckDb,
                "timezone('Europe/Paris', make_timestamp(",
            ),
            (
                DialectName::Postgres,
                "AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')",
            ),
            (
                DialectName::Spark,
                "to_utc_timestamp(timestamp_millis(wall_ms), 'Europe/Paris')",
            ),
            (
                DialectName::Snowflake,
                "CONVERT_TIMEZONE('Europe/Paris', 'UTC', TO_TIMESTAMP_NTZ(wall_ms, 3))",
            ),
            (
                DialectName::BigQuery,
                "TIMESTAMP(DATETIME(TIMESTAMP_MILLIS(wall_ms)), 'Europe/Paris')",
            ),
        ];
        for (d, conversion) in conversions {
            let d = d.dialect();
            let print = |s: &Settings| {
                crate::plan::print(
                    &plan_with(Analysis::DsoMonthly, &spec, &map(), s).unwrap(),
                    d,
                )
            };
            let sql = print(&paris);
            assert!(sql.contains(conversion), "{}: {sql}", d.name());
            assert!(
                sql.contains("-- Month-ends are local midnight on the 1st in Europe/Paris"),
                "{sql}"
            );
            assert!(
                sql.contains(&format!("'Europe/Paris' AS {}", d.quote("time_zone"))),
                "{sql}"
            );
            for c in DSO_COLUMNS {
                assert!(sql.contains(&format!(" AS {}", d.quote(c))), "{c} in {sql}");
            }
            let sql = print(&utc);
            assert!(!sql.contains("Europe/Paris"), "{sql}");
            assert!(sql.contains("wall_ms AS start_ms"), "{sql}");
            assert!(sql.contains("-- Month-ends are midnight UTC"), "{sql}");
        }
    }

    /// What opens and closes a receivable reaches the SQL: only invoices, the credit note with no
    /// payment after it, the 600-month cap; unavailable figures are NULL.
    #[test]
    fn receivables_follow_the_engine_s_definition() {
        let spec = Spec::new("t", "c", "a", "ts");
        let d = DialectName::Postgres.dialect();
        let sql = crate::plan::print(&plan(Analysis::DsoMonthly, &spec, &map()).unwrap(), d);
        assert!(
            sql.contains("WHERE ((created IS NOT NULL) OR (sent IS NOT NULL))"),
            "{sql}"
        );
        assert!(
            sql.contains(
                "CASE WHEN ((last_credit_pos IS NOT NULL) AND (NOT (COALESCE(last_payment_pos, 0) > last_credit_pos))) THEN last_credit_t END AS credited"
            ),
            "{sql}"
        );
        assert!(sql.contains("WHERE (from_end <= 600)"), "{sql}");
        assert!(
            sql.contains("role IN ('payment_received', 'invoice_cleared', 'credit_note', 'written_off', 'invoice_cancelled')"),
            "{sql}"
        );
        let dunning = crate::plan::print(&plan(Analysis::Dunning, &spec, &map()).unwrap(), d);
        // The rate is NULL, not 0, when the table has no payment received at all.
        assert!(
            dunning.contains(
                "MAX(CASE WHEN (role IN ('payment_received')) THEN 1 ELSE 0 END) AS n\n  FROM cev\n) = 1) THEN (CAST(SUM(paid) AS DOUBLE PRECISION) / COUNT(*)) END AS \"rate\""
            ),
            "{dunning}"
        );
    }

    #[test]
    fn core_analyses_are_not_collections_plans() {
        let spec = Spec::new("t", "c", "a", "ts");
        assert!(plan(Analysis::Dfg, &spec, &map()).is_err());
    }
}

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
pub use crate::analyses::{
    CASH_APPLICATION_COLUMNS, DISPUTES_COLUMNS, DSO_COLUMNS, DUNNING_COLUMNS, PROMISES_COLUMNS,
};
use crate::plan::build::*;
use crate::plan::SqlType;
use crate::plan::{Agg, Expr, From, Op, Order, Query, Select, WindowFn};
use crate::Error;
use relance_engine::collections::facts::Basis;
use relance_engine::collections::{ActivityRole, RoleMap};
use relance_engine::import::ColumnRole;
use relance_engine::validate::{to_ms, Unit};

mod calendar;
mod dso;
mod measures;
mod receivables;

use calendar::*;
use dso::*;
use measures::*;
use receivables::*;

/// The fields of a `dso_monthly` row in the document (the engine's `DsoMonth`): the first ten result
/// columns, before the ones the document turns into notes.
pub const DSO_FIELDS: &[&str] = DSO_COLUMNS.split_at(10).0;
/// The most recent months `dso_monthly` returns (the engine's `kpi::MAX_MONTHS`).
pub const MAX_MONTHS: u64 = relance_engine::collections::kpi::MAX_MONTHS as u64;
/// How far back countback DSO walks, in months (the engine's).
const COUNTBACK_MONTHS: i64 = 120;
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
            dso_body(settings, cols.due.is_some())
        }
        Analysis::Dunning => {
            ctes.push(("reminders".into(), reminders(settings)));
            Select::new(
                From::Cte("reminders".into()),
                [
                    keep(&["activity", "level", "channel"]),
                    vec![
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
                ]
                .concat(),
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

#[cfg(test)]
mod tests;

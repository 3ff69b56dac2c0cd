//! The collections measures as plans, with the engine's definitions (`relance_engine::collections`:
//! `facts`, `kpi`, `dunning`, `disputes`, `cash_application`, `promises`).
//!
//! Activities get their role from the mapping (activity name → role, as the app saves it); the columns
//! named in the mapping's `attributes` give amounts, due dates, channels, levels, reasons and promised
//! dates. Every table column is per event: a case's amount, due date, customer and segment are the
//! first value present in the case's events, in case order (the engine's `case_value`); a reminder's
//! channel and a dispute's reason are the event's value, else the case's.
//!
//! Per invoice (case): *issued* at its first "invoice created" (else "invoice sent", else its first
//! event); *due* on its due-date value (else the day before "due date passed"); *paid* at its first
//! "payment received" (when the log has none at all: at "invoice cleared" unless written off); it stops
//! being open when paid, cleared, written off, or cancelled without a later "invoice created"/"sent".
//! Amounts weigh each invoice (1 when it has none). The as-of date is the last event (or
//! [`Settings::as_of_ms`]).
//!
//! `dso_monthly` follows `kpi::dso_monthly` month by month in UTC (months from 1900 to 2199): simple
//! DSO = open receivables ÷ sales of the month and the two before × 91; countback walks back whole
//! months of sales (at most 120); BPDSO uses current (not past-due) receivables; ADD = DSO − BPDSO; CEI
//! compares the month's collections with what was collectible.
//!
//! The collections branch is refining the DSO definitions in `facts.rs`/`kpi.rs`; these plans follow
//! main's definitions as of this writing (what counts as issued, open and past due), and must move with
//! them.

use crate::analyses::{event_order, events_cte, Analysis, Spec};
use crate::plan::build::*;
use crate::plan::{Agg, Expr, From, Op, Order, Query, Select, WindowFn};
use crate::{Error, SqlType};
use relance_engine::collections::{ActivityRole, RoleMap};
use relance_engine::import::ColumnRole;

/// Result columns of `dso_monthly` (the fields of the engine's `DsoMonth`).
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
];
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

/// Settings of the collections measures (the engine's `CollectionsSettings`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Dunning effectiveness window, days.
    pub window_days: f64,
    /// Grace after a promised date, days.
    pub promise_grace_days: f64,
    /// The "today" of the extract (UTC ms); default: the last event.
    pub as_of_ms: Option<i64>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_days: 14.0,
            promise_grace_days: 3.0,
            as_of_ms: None,
        }
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
            ctes.extend(invoice_ctes());
            ctes.extend(calendar_ctes());
            ctes.extend(dso_ctes());
            dso_body()
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
                    (
                        bin(double(agg(Agg::Sum, col("paid"))), Op::Div, Expr::CountStar),
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
                    (
                        bin(
                            double(agg(Agg::Sum, col("credit_note"))),
                            Op::Div,
                            Expr::CountStar,
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
                    (
                        when(
                            bin(decided.clone(), Op::Gt, Expr::Int(0)),
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
    Ok(Query {
        notes: vec![
            format!(
                "relance {}: collections measure (definitions: relance_sql::collections).",
                analysis.name()
            ),
            spec.order_note(),
        ],
        ctes,
        body,
    })
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

/// The `inv0`, `inv` steps: one row per invoice with the facts of `facts::invoices`.
fn invoice_ctes() -> Vec<(String, Select)> {
    let reminder = Expr::In(
        Box::new(col("role")),
        (1..=20)
            .map(|l| Expr::Str(ActivityRole::Reminder { level: l }.key()))
            .chain([Expr::Str(ActivityRole::FinalNotice.key())])
            .collect(),
    );
    let inv0 = Select::new(
        From::Cte("cev".into()),
        vec![
            (col("case_id"), "case_id"),
            (first_time(is_role("invoice_created")), "created"),
            (first_time(is_role("invoice_sent")), "sent"),
            (first_time(is_role("payment_received")), "received"),
            (first_time(is_role("invoice_cleared")), "cleared"),
            (first_time(is_role("written_off")), "written_off"),
            (first_time(is_role("due_date_passed")), "passed"),
            (first_time(reminder), "first_reminder"),
            (agg(Agg::Min, col("t_ms")), "first_t"),
            (
                agg(Agg::Max, when(is_role("invoice_cancelled"), col("pos"))),
                "last_cancel_pos",
            ),
            (
                agg(Agg::Max, when(is_role("invoice_cancelled"), col("t_ms"))),
                "last_cancel_t",
            ),
            (
                agg(
                    Agg::Max,
                    when(
                        Expr::In(
                            Box::new(col("role")),
                            vec![
                                Expr::Str("invoice_created".into()),
                                Expr::Str("invoice_sent".into()),
                            ],
                        ),
                        col("pos"),
                    ),
                ),
                "last_issue_pos",
            ),
            (case_value("amount"), "amount"),
            (case_value("due_ms"), "due_value"),
            (case_value("segment"), "segment"),
            (case_value("customer"), "customer"),
        ],
    )
    .group_by(vec![col("case_id")]);
    let has_payments = Expr::Scalar(Box::new(Select::new(
        From::Cte("cev".into()),
        vec![(
            agg(
                Agg::Max,
                when_else(is_role("payment_received"), Expr::Int(1), Expr::Int(0)),
            ),
            "n",
        )],
    )));
    let cancelled = when(
        all(vec![
            not_null(col("last_cancel_pos")),
            Expr::Not(Box::new(Expr::Coalesce(vec![bin(
                col("last_issue_pos"),
                Op::Gt,
                col("last_cancel_pos"),
            )]))),
        ]),
        col("last_cancel_t"),
    );
    // `NOT (issue_pos > cancel_pos)` is NULL when there is no issue after: treat as not re-issued.
    let cancelled = match cancelled {
        Expr::Case(mut w, e) => {
            w[0].0 = all(vec![
                not_null(col("last_cancel_pos")),
                Expr::Not(Box::new(bin(
                    Expr::Coalesce(vec![col("last_issue_pos"), Expr::Int(0)]),
                    Op::Gt,
                    col("last_cancel_pos"),
                ))),
            ]);
            Expr::Case(w, e)
        }
        other => other,
    };
    let paid = when_else(
        bin(has_payments, Op::Eq, Expr::Int(1)),
        col("received"),
        when(is_null(col("written_off")), col("cleared")),
    );
    let inv1 = Select::new(
        From::Cte("inv0".into()),
        vec![
            (col("case_id"), "case_id"),
            (
                Expr::Coalesce(vec![col("created"), col("sent"), col("first_t")]),
                "issued",
            ),
            (
                Expr::Coalesce(vec![
                    col("due_value"),
                    bin(col("passed"), Op::Sub, Expr::Int(DAY_MS)),
                ]),
                "due",
            ),
            (paid, "paid"),
            (col("cleared"), "cleared"),
            (col("written_off"), "written_off"),
            (cancelled, "cancelled"),
            (
                Expr::Coalesce(vec![col("amount"), Expr::Float(1.0)]),
                "weight",
            ),
            (col("segment"), "segment"),
        ],
    );
    // settled = the earliest of paid, cleared, written off, cancelled.
    let min2 = |a: Expr, b: Expr| {
        Expr::Case(
            vec![
                (is_null(a.clone()), b.clone()),
                (is_null(b.clone()), a.clone()),
                (bin(a.clone(), Op::Lt, b.clone()), a),
            ],
            Some(Box::new(b)),
        )
    };
    let inv = Select::new(
        From::Cte("inv1".into()),
        vec![
            (col("case_id"), "case_id"),
            (col("issued"), "issued"),
            (col("due"), "due"),
            (col("weight"), "weight"),
            (
                min2(
                    min2(col("paid"), col("cleared")),
                    min2(col("written_off"), col("cancelled")),
                ),
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

/// The `cal*` steps: the start (UTC ms) of every month from January 1900, from Howard Hinnant's
/// `days_from_civil` (the engine's `calendar::days_from_civil`) in integer arithmetic, so no engine's
/// date functions or session time zone are involved.
fn calendar_ctes() -> Vec<(String, Select)> {
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
            (bin(days, Op::Mul, Expr::Int(DAY_MS)), "start_ms"),
        ],
    );
    let by_i = || vec![Order::asc(col("i"))];
    let cal = Select::new(
        From::Cte("cal3".into()),
        vec![
            (col("i"), "i"),
            (col("y"), "y"),
            (col("m"), "m"),
            (col("start_ms"), "start_ms"),
            (
                Expr::Window {
                    func: WindowFn::Lead(Box::new(col("start_ms"))),
                    partition: vec![],
                    order: by_i(),
                },
                "next_start_ms",
            ),
            (
                Expr::Window {
                    func: WindowFn::LagBy(Box::new(col("start_ms")), 2),
                    partition: vec![],
                    order: by_i(),
                },
                "start3_ms",
            ),
        ],
    );
    vec![
        ("cal0".into(), cal0),
        ("cal1".into(), cal1),
        ("cal2".into(), cal2),
        ("cal3".into(), cal3),
        ("cal".into(), cal),
    ]
}

/// The `months`, `dso_base`, `dso_cei` and countback steps.
fn dso_ctes() -> Vec<(String, Select)> {
    let first_issue = Expr::Scalar(Box::new(Select::new(
        From::Cte("inv".into()),
        vec![(agg(Agg::Min, col("issued")), "first_issue")],
    )));
    // Month-ends from the month of the first issue up to the as-of date (the last one ends there).
    let end = when_else(
        bin(col("next_start_ms"), Op::Lt, col("as_of")),
        col("next_start_ms"),
        col("as_of"),
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
        ],
    )
    .filter(all(vec![
        bin(col("start_ms"), Op::Lt, col("as_of")),
        bin(col("next_start_ms"), Op::Gt, first_issue),
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
    let sum_if = |c: Expr| agg(Agg::Sum, when_else(c, col("weight"), Expr::Float(0.0)));
    let dso_base = Select::new(
        From::Cross(vec![From::Cte("months".into()), From::Cte("inv".into())]),
        vec![
            (col("i"), "i"),
            (col("y"), "y"),
            (col("m"), "m"),
            (col("start_ms"), "start_ms"),
            (col("end_ms"), "end_ms"),
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
        col("start_ms"),
        col("end_ms"),
    ]);
    // Countback: for each month-end, the months walked back (at most 120) with running sums of
    // their sales and days; the first month whose running sales reach the receivables ends the walk.
    // The comparison allows a relative 1e-9 for sums added in another order (the result is
    // continuous there: the month's share of days is then 1 or 0).
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
                    vec![
                        (col("i"), "ji"),
                        (col("sales"), "s"),
                        (
                            bin(
                                double(bin(col("end_ms"), Op::Sub, col("start_ms"))),
                                Op::Div,
                                Expr::Float(DAY_MS as f64),
                            ),
                            "days",
                        ),
                    ],
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
        bin(col("ji"), Op::Gt, bin(col("mi"), Op::Sub, Expr::Int(120))),
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
    let reached = bin(
        col("cum_s"),
        Op::Ge,
        bin(
            col("ar"),
            Op::Sub,
            bin(Expr::Float(1e-9), Op::Mul, col("ar")),
        ),
    );
    // days before this month + this month's days × the share of its sales still open.
    let value = bin(
        bin(col("cum_days"), Op::Sub, col("days")),
        Op::Add,
        bin(
            col("days"),
            Op::Mul,
            bin(
                bin(col("ar"), Op::Sub, bin(col("cum_s"), Op::Sub, col("s"))),
                Op::Div,
                col("s"),
            ),
        ),
    );
    let value = Expr::Case(
        vec![
            (bin(col("ar"), Op::Le, Expr::Float(0.0)), Expr::Float(0.0)),
            (bin(col("s"), Op::Gt, Expr::Float(0.0)), value),
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
        Box::new(reached),
        Op::Or,
        Box::new(bin(col("ar"), Op::Le, Expr::Float(0.0))),
    ));
    let countback = Select::new(
        From::Cte("cb_hits".into()),
        vec![(col("mi"), "mi"), (col("dso_countback"), "dso_countback")],
    )
    .filter(bin(col("rank_reached"), Op::Eq, Expr::Int(1)));
    vec![
        ("months".into(), months),
        ("dso_base".into(), dso_base),
        ("cb_pairs".into(), pairs),
        ("cb_walk".into(), walk),
        ("cb_hits".into(), hits),
        ("countback".into(), countback),
    ]
}

fn dso_body() -> Select {
    let ratio = |x: Expr| {
        when(
            bin(col("sales3"), Op::Gt, Expr::Float(0.0)),
            bin(bin(x, Op::Div, col("sales3")), Op::Mul, Expr::Float(91.0)),
        )
    };
    let current = bin(col("ar"), Op::Sub, col("past_due"));
    let prev_ar = Expr::Coalesce(vec![
        Expr::Window {
            func: WindowFn::Lag(Box::new(col("ar"))),
            partition: vec![],
            order: vec![Order::asc(col("i"))],
        },
        Expr::Float(0.0),
    ]);
    let cei_den = bin(
        bin(prev_ar.clone(), Op::Add, col("sales")),
        Op::Sub,
        current.clone(),
    );
    let cei = when(
        bin(cei_den.clone(), Op::Gt, Expr::Float(0.0)),
        bin(
            bin(
                bin(bin(prev_ar, Op::Add, col("sales")), Op::Sub, col("ar")),
                Op::Div,
                cei_den,
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
        From::LeftJoin(
            Box::new(From::Cte("dso_base".into())),
            Box::new(From::Cte("countback".into())),
            bin(col("i"), Op::Eq, col("mi")),
        ),
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
            (col("ar"), "receivables"),
            (col("past_due"), "past_due"),
            (col("sales"), "sales"),
        ],
    )
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
    let window_ms = (settings.window_days * DAY_MS as f64) as i64;
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
    let grace_ms = (settings.promise_grace_days * DAY_MS as f64) as i64;
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
    fn core_analyses_are_not_collections_plans() {
        let spec = Spec::new("t", "c", "a", "ts");
        assert!(plan(Analysis::Dfg, &spec, &map()).is_err());
    }
}

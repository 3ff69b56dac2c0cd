//! The `dso_monthly` steps: month-ends, receivables and sales per month, countback, and the result.

use super::*;

/// A month's own columns, carried from step to step: its index, year and month, its end, the start of
/// the three months before it and of the next month.
const MONTH_COLUMNS: [&str; 6] = ["i", "y", "m", "end_ms", "start3_ms", "next_start_ms"];

/// The `months`, `dso_base`, countback and `dso_rows` steps.
pub(super) fn dso_ctes() -> Vec<(String, Select)> {
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
        [
            keep(&["i", "y", "m", "start_ms"]),
            vec![
                (end, "end_ms"),
                (col("start3_ms"), "start3_ms"),
                (col("next_start_ms"), "next_start_ms"),
                (days, "days"),
            ],
        ]
        .concat(),
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
        [
            keep(&[MONTH_COLUMNS.as_slice(), &["days"]].concat()),
            vec![
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
        ]
        .concat(),
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
        keep(&["mi", "ji", "ar", "s", "days"]),
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
        [
            keep(&["mi", "ji", "ar", "s", "days"]),
            vec![(running("s"), "cum_s"), (running("days"), "cum_days")],
        ]
        .concat(),
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
        [
            keep(
                &[
                    MONTH_COLUMNS.as_slice(),
                    &["ar", "past_due", "sales", "sales3", "dso_countback"],
                ]
                .concat(),
            ),
            vec![
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
        ]
        .concat(),
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

pub(super) fn dso_body(settings: &Settings, has_due_column: bool) -> Select {
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
    // The engine's `Found::due_dates`: with no due-date column and no "due date passed" event,
    // nothing is known to be past due, so the split into current and past due (and BPDSO, ADD, CEI
    // on it) is NULL, not "all current".
    let known = |x: Expr| {
        if has_due_column {
            x
        } else {
            when(super::role_found(&["due_date_passed"]), x)
        }
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
            (known(ratio(current.clone())), "bpdso"),
            (known(bin(ratio(col("ar")), Op::Sub, ratio(current))), "add"),
            (known(cei), "cei"),
            (amount_of(col("ar")), "receivables"),
            (known(amount_of(col("past_due"))), "past_due"),
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

//! The core analyses as plans: the same definitions as the engine (`relance_engine::analysis`), which
//! follow pm4py.
//!
//! - Events are the rows whose case, activity and timestamp are present (not NULL, case and activity
//!   not empty), as the engine's import keeps them.
//! - Within a case events are ordered by their instant; ties keep the order of the `--order` column
//!   (a row number in file order makes this the engine's stable sort). Without one, ties are ordered by
//!   activity name: deterministic, but not necessarily the file order the engine keeps, and the SQL
//!   says so in a comment.
//! - A directly-follows step joins consecutive events of a case; its duration is the difference of
//!   their instants. Durations are computed in integer milliseconds (the engine's unit) and turned into
//!   seconds at the end, so sums are exact; medians and the 90th percentile interpolate linearly
//!   between the two nearest ranks (numpy's default), never approximate.
//! - A variant is a case's activity sequence; `share` = its cases ÷ all cases; `median_duration_s` the
//!   median duration of its cases; a case's duration runs from its first to its last event.
//! - Variants are capped at [`Spec::variants_cap`] (default [`VARIANTS_CAP`]), the most frequent ones
//!   (then by sequence); every row also carries `variants_total`, the count before the cap, so the
//!   document states how many variants and cases the cap left out.

use crate::plan::build::*;
use crate::plan::{Agg, Expr, From, Op, Order, Query, Select, WindowFn};

/// Variants kept by default: enough for every real log we have (the largest reference log has 11,973)
/// while keeping the document small.
pub const VARIANTS_CAP: u64 = 10_000;

/// The table and its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// The table, printed as given (a name, a qualified name, or a parenthesised query).
    pub table: String,
    /// Case id column.
    pub case: String,
    /// Activity column.
    pub activity: String,
    /// Timestamp column (a timestamp type holding instants).
    pub timestamp: String,
    /// Resource column.
    pub resource: Option<String>,
    /// Tie-break column within a case (a row number in file order).
    pub order: Option<String>,
    /// Most variants returned.
    pub variants_cap: u64,
}

impl Spec {
    /// A spec with the default cap and no resource or order column.
    pub fn new(table: &str, case: &str, activity: &str, timestamp: &str) -> Spec {
        Spec {
            table: table.to_string(),
            case: case.to_string(),
            activity: activity.to_string(),
            timestamp: timestamp.to_string(),
            resource: None,
            order: None,
            variants_cap: VARIANTS_CAP,
        }
    }

    /// What the SQL assumes about ties, for the comment above each query.
    pub fn order_note(&self) -> String {
        match &self.order {
            Some(o) => format!(
                "Events of a case are ordered by time, ties by the column {o:?} (the engine's stable sort when it numbers rows in file order)."
            ),
            None => "Events of a case are ordered by time, ties by activity name: no --order column was given, so events at the same instant may come out in another order than the file's, which the engine keeps.".to_string(),
        }
    }
}

/// The `ev` step: one row per usable event with `case_id`, `activity`, `t_ms` and the tie-break `ord`.
pub(crate) fn events_cte(spec: &Spec) -> Select {
    let case = Expr::Cast(
        Box::new(Expr::Source(spec.case.clone())),
        crate::plan::SqlType::Text,
    );
    let act = Expr::Cast(
        Box::new(Expr::Source(spec.activity.clone())),
        crate::plan::SqlType::Text,
    );
    let ts = Expr::Source(spec.timestamp.clone());
    let mut items = vec![
        (case.clone(), "case_id"),
        (act.clone(), "activity"),
        (Expr::EpochMs(Box::new(ts.clone())), "t_ms"),
    ];
    if let Some(o) = &spec.order {
        items.push((Expr::Source(o.clone()), "ord"));
    }
    Select::new(From::Table(spec.table.clone()), items).filter(all(vec![
        not_null(case.clone()),
        bin(case, Op::Ne, Expr::Str(String::new())),
        not_null(act.clone()),
        bin(act, Op::Ne, Expr::Str(String::new())),
        not_null(ts),
    ]))
}

/// The order of events within a case.
pub(crate) fn event_order(spec: &Spec) -> Vec<Expr> {
    match spec.order {
        Some(_) => vec![col("t_ms"), col("ord")],
        None => vec![col("t_ms"), col("activity")],
    }
}

fn within_case(spec: &Spec, func: WindowFn) -> Expr {
    Expr::Window {
        func,
        partition: vec![col("case_id")],
        order: event_order(spec).into_iter().map(Order::asc).collect(),
    }
}

/// The `steps` step: each event with the next event's activity and instant, and the previous instant.
fn steps_cte(spec: &Spec) -> Select {
    Select::new(
        From::Cte("ev".into()),
        [
            keep(&["case_id", "activity", "t_ms"]),
            vec![
                (
                    within_case(spec, WindowFn::Lead(Box::new(col("activity")))),
                    "next_activity",
                ),
                (
                    within_case(spec, WindowFn::Lead(Box::new(col("t_ms")))),
                    "next_t_ms",
                ),
                (
                    within_case(spec, WindowFn::Lag(Box::new(col("t_ms")))),
                    "prev_t_ms",
                ),
            ],
        ]
        .concat(),
    )
}

/// A case's duration in milliseconds: its last instant minus its first.
fn case_span_ms() -> Expr {
    bin(
        agg(Agg::Max, col("t_ms")),
        Op::Sub,
        agg(Agg::Min, col("t_ms")),
    )
}

/// The `case_spans` step: each case's duration in milliseconds.
fn case_spans_cte() -> Select {
    Select::new(
        From::Cte("ev".into()),
        vec![(col("case_id"), "case_id"), (case_span_ms(), "d_ms")],
    )
    .group_by(vec![col("case_id")])
}

/// The `case_seq` step: each case's activity list, its group key and its duration.
fn case_seq_cte(spec: &Spec) -> Select {
    Select::new(
        From::Cte("ev".into()),
        vec![
            (
                Expr::OrderedList {
                    value: "activity".into(),
                    order: event_order(spec),
                },
                "acts",
            ),
            (case_span_ms(), "d_ms"),
        ],
    )
    .group_by(vec![col("case_id")])
}

/// Each case's list with its group key.
fn keyed_cases() -> From {
    From::Sub(
        Box::new(Select::new(
            From::Cte("case_seq".into()),
            vec![
                (col("acts"), "acts"),
                (Expr::ListKey(Box::new(col("acts"))), "vkey"),
                (col("d_ms"), "d_ms"),
            ],
        )),
        "keyed".into(),
    )
}

/// The `variant_stats` step: every variant's cases and median duration, keyed for grouping.
fn variant_stats_cte() -> Select {
    Select::new(
        keyed_cases(),
        vec![
            (col("vkey"), "vkey"),
            (Expr::AnyValue("acts".into()), "acts"),
            (Expr::CountStar, "n_cases"),
            (Expr::Quantile(Box::new(col("d_ms")), 0.5), "median_ms"),
        ],
    )
    .group_by(vec![col("vkey")])
}

/// One of the analyses `relance sql` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Analysis {
    /// Counts: cases, events, activities, variants, first and last event.
    Log,
    /// Per activity: events and cases.
    Activities,
    /// Cases starting with each activity.
    StartActivities,
    /// Cases ending with each activity.
    EndActivities,
    /// Directly-follows edges with counts and waiting times.
    Dfg,
    /// Variants with cases, share and median duration.
    Variants,
    /// Case duration statistics.
    CaseDurations,
    /// DSO, BPDSO, ADD and CEI by month-end (collections).
    DsoMonthly,
    /// Dunning effectiveness by level and channel (collections).
    Dunning,
    /// Disputes by reason (collections).
    Disputes,
    /// Cash application lag by resource (collections).
    CashApplication,
    /// Promises to pay by segment (collections).
    Promises,
}

impl Analysis {
    /// The analyses of `analyze --json`.
    pub const CORE: [Analysis; 7] = [
        Analysis::Log,
        Analysis::Activities,
        Analysis::StartActivities,
        Analysis::EndActivities,
        Analysis::Dfg,
        Analysis::Variants,
        Analysis::CaseDurations,
    ];

    /// The collections analyses (they need a role mapping).
    pub const COLLECTIONS: [Analysis; 5] = [
        Analysis::DsoMonthly,
        Analysis::Dunning,
        Analysis::Disputes,
        Analysis::CashApplication,
        Analysis::Promises,
    ];

    /// The name: the `analyze --json` field its result fills.
    pub fn name(self) -> &'static str {
        match self {
            Analysis::Log => "log",
            Analysis::Activities => "activities",
            Analysis::StartActivities => "start_activities",
            Analysis::EndActivities => "end_activities",
            Analysis::Dfg => "dfg",
            Analysis::Variants => "variants",
            Analysis::CaseDurations => "case_durations",
            Analysis::DsoMonthly => "dso_monthly",
            Analysis::Dunning => "dunning",
            Analysis::Disputes => "disputes",
            Analysis::CashApplication => "cash_application",
            Analysis::Promises => "promises",
        }
    }

    /// Parses a name.
    pub fn parse(s: &str) -> Option<Analysis> {
        Self::CORE
            .into_iter()
            .chain(Self::COLLECTIONS)
            .find(|a| a.name() == s.trim())
    }

    /// The result columns, in order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Analysis::Log => &[
                "cases",
                "events",
                "activities",
                "first_event_ms",
                "last_event_ms",
            ],
            Analysis::Activities => &["name", "events", "cases"],
            Analysis::StartActivities | Analysis::EndActivities => &["name", "cases"],
            Analysis::Dfg => &[
                "from", "to", "count", "cases", "mean_s", "median_s", "min_s", "max_s", "sum_s",
            ],
            Analysis::Variants => &[
                "activities",
                "cases",
                "share",
                "median_duration_s",
                "variants_total",
            ],
            Analysis::CaseDurations => &["min", "median", "mean", "max", "p90"],
            Analysis::DsoMonthly => DSO_COLUMNS,
            Analysis::Dunning => DUNNING_COLUMNS,
            Analysis::Disputes => DISPUTES_COLUMNS,
            Analysis::CashApplication => CASH_APPLICATION_COLUMNS,
            Analysis::Promises => PROMISES_COLUMNS,
        }
    }
}

// The result columns of the collections measures (planned in the collections module, with the
// engine's definitions), listed here with the others so that the catalogue of analyses is one place.

/// Result columns of `dso_monthly`: the fields of the engine's `DsoMonth` (the collections
/// module's `DSO_FIELDS`), then `months_total` (months from the first issue to the as-of date, before
/// the cap of `MAX_MONTHS`)
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

/// The plan of a core analysis (the collections analyses are planned in the collections module).
pub fn plan(analysis: Analysis, spec: &Spec) -> Option<Query> {
    let ev = ("ev".to_string(), events_cte(spec));
    let mut ctes = vec![ev];
    let body = match analysis {
        Analysis::Log => Select::new(
            From::Cte("ev".into()),
            vec![
                (agg(Agg::CountDistinct, col("case_id")), "cases"),
                (Expr::CountStar, "events"),
                (agg(Agg::CountDistinct, col("activity")), "activities"),
                (agg(Agg::Min, col("t_ms")), "first_event_ms"),
                (agg(Agg::Max, col("t_ms")), "last_event_ms"),
            ],
        ),
        Analysis::Activities => Select::new(
            From::Cte("ev".into()),
            vec![
                (col("activity"), "name"),
                (Expr::CountStar, "events"),
                (agg(Agg::CountDistinct, col("case_id")), "cases"),
            ],
        )
        .group_by(vec![col("activity")])
        .order_by(vec![
            Order::desc(Expr::CountStar),
            Order::asc(col("activity")),
        ]),
        Analysis::StartActivities | Analysis::EndActivities => {
            ctes.push(("steps".into(), steps_cte(spec)));
            let edge = if analysis == Analysis::StartActivities {
                "prev_t_ms"
            } else {
                "next_t_ms"
            };
            Select::new(
                From::Cte("steps".into()),
                vec![(col("activity"), "name"), (Expr::CountStar, "cases")],
            )
            .filter(is_null(col(edge)))
            .group_by(vec![col("activity")])
            .order_by(vec![
                Order::desc(Expr::CountStar),
                Order::asc(col("activity")),
            ])
        }
        Analysis::Dfg => {
            ctes.push(("steps".into(), steps_cte(spec)));
            ctes.push((
                "edges".into(),
                Select::new(
                    From::Cte("steps".into()),
                    vec![
                        (col("activity"), "source"),
                        (col("next_activity"), "target"),
                        (col("case_id"), "case_id"),
                        (bin(col("next_t_ms"), Op::Sub, col("t_ms")), "d_ms"),
                    ],
                )
                .filter(not_null(col("next_t_ms"))),
            ));
            let d = || col("d_ms");
            Select::new(
                From::Cte("edges".into()),
                vec![
                    (col("source"), "from"),
                    (col("target"), "to"),
                    (Expr::CountStar, "count"),
                    (agg(Agg::CountDistinct, col("case_id")), "cases"),
                    (
                        bin(
                            bin(double(agg(Agg::Sum, d())), Op::Div, Expr::CountStar),
                            Op::Div,
                            Expr::Float(1000.0),
                        ),
                        "mean_s",
                    ),
                    (
                        bin(
                            Expr::Quantile(Box::new(d()), 0.5),
                            Op::Div,
                            Expr::Float(1000.0),
                        ),
                        "median_s",
                    ),
                    (seconds(agg(Agg::Min, d())), "min_s"),
                    (seconds(agg(Agg::Max, d())), "max_s"),
                    (seconds(agg(Agg::Sum, d())), "sum_s"),
                ],
            )
            .group_by(vec![col("source"), col("target")])
            .order_by(vec![
                Order::desc(Expr::CountStar),
                Order::asc(col("source")),
                Order::asc(col("target")),
            ])
        }
        Analysis::Variants => {
            ctes.push(("case_seq".into(), case_seq_cte(spec)));
            ctes.push(("variant_stats".into(), variant_stats_cte()));
            ctes.push((
                "total".into(),
                Select::new(
                    From::Cte("case_seq".into()),
                    vec![(Expr::CountStar, "n_all")],
                ),
            ));
            Select::new(
                From::Cross(vec![
                    From::Cte("variant_stats".into()),
                    From::Cte("total".into()),
                ]),
                vec![
                    (col("acts"), "activities"),
                    (col("n_cases"), "cases"),
                    (bin(double(col("n_cases")), Op::Div, col("n_all")), "share"),
                    (
                        bin(double(col("median_ms")), Op::Div, Expr::Float(1000.0)),
                        "median_duration_s",
                    ),
                    // Computed before the cap: how many variants there are in all.
                    (
                        Expr::Window {
                            func: WindowFn::Agg(Agg::Count, Box::new(Expr::Int(1))),
                            partition: vec![],
                            order: vec![],
                        },
                        "variants_total",
                    ),
                ],
            )
            .order_by(vec![Order::desc(col("n_cases")), Order::asc(col("vkey"))])
            .limit(spec.variants_cap)
        }
        Analysis::CaseDurations => {
            ctes.push(("case_spans".into(), case_spans_cte()));
            let d = || col("d_ms");
            Select::new(
                From::Cte("case_spans".into()),
                vec![
                    (seconds(agg(Agg::Min, d())), "min"),
                    (
                        bin(
                            Expr::Quantile(Box::new(d()), 0.5),
                            Op::Div,
                            Expr::Float(1000.0),
                        ),
                        "median",
                    ),
                    (
                        bin(
                            bin(double(agg(Agg::Sum, d())), Op::Div, Expr::CountStar),
                            Op::Div,
                            Expr::Float(1000.0),
                        ),
                        "mean",
                    ),
                    (seconds(agg(Agg::Max, d())), "max"),
                    (
                        bin(
                            Expr::Quantile(Box::new(d()), 0.9),
                            Op::Div,
                            Expr::Float(1000.0),
                        ),
                        "p90",
                    ),
                ],
            )
        }
        _ => return None,
    };
    Some(Query {
        notes: vec![
            format!("relance {}: {}", analysis.name(), describe(analysis)),
            spec.order_note(),
        ],
        ctes,
        body,
    })
}

fn describe(a: Analysis) -> &'static str {
    match a {
        Analysis::Log => "cases, events, distinct activities, first and last event (epoch ms).",
        Analysis::Activities => "events and cases per activity.",
        Analysis::StartActivities => "cases starting with each activity.",
        Analysis::EndActivities => "cases ending with each activity.",
        Analysis::Dfg => "directly-follows edges: count, cases, waiting time in seconds (mean, exact median, min, max, sum).",
        Analysis::Variants => "activity sequences by cases (capped), share of cases, exact median case duration in seconds, and how many variants there are in all (variants_total).",
        Analysis::CaseDurations => "case duration in seconds (min, exact median, mean, max, p90 by linear interpolation).",
        Analysis::DsoMonthly => "DSO, countback DSO, best possible DSO, ADD and CEI at each month-end.",
        Analysis::Dunning => "reminders by level and channel followed by a payment within the window.",
        Analysis::Disputes => "disputes by reason: resolution time, open disputes, credit-note share.",
        Analysis::CashApplication => "posting lag from payment received to payment posted, by who posted.",
        Analysis::Promises => "promises to pay by segment: kept, broken, pending, undated.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::DialectName;

    /// The names after `AS` in the final SELECT (the last one in the text).
    fn output_names(sql: &str, d: &dyn crate::Dialect) -> Vec<String> {
        let body = &sql[sql.rfind("\nSELECT\n").unwrap()..];
        let items = &body[..body.find("\nFROM ").unwrap()];
        items
            .lines()
            .skip(2)
            .filter_map(|l| l.trim_end_matches(',').rsplit(" AS ").next())
            .map(|n| {
                let q = d.quote("x");
                let (open, close) = (&q[..1], &q[q.len() - 1..]);
                n.trim()
                    .trim_start_matches(open)
                    .trim_end_matches(close)
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn every_analysis_returns_analyze_s_field_names_in_every_dialect() {
        let spec = Spec {
            order: Some("row_nr".into()),
            ..Spec::new("events", "case", "activity", "time")
        };
        for d in DialectName::ALL {
            for a in Analysis::CORE {
                let sql = crate::dialect::print(&plan(a, &spec).unwrap(), d.dialect());
                let mut got = output_names(&sql, d.dialect());
                got.sort();
                let mut want: Vec<String> = a.columns().iter().map(|c| c.to_string()).collect();
                want.sort();
                assert_eq!(got, want, "{} in {}", a.name(), d.dialect().name());
            }
        }
    }

    #[test]
    fn ties_follow_the_order_column_or_the_activity_name() {
        let mut spec = Spec::new("t", "c", "a", "ts");
        let sql = crate::dialect::print(
            &plan(Analysis::Dfg, &spec).unwrap(),
            DialectName::DuckDb.dialect(),
        );
        assert!(
            sql.contains("PARTITION BY case_id ORDER BY t_ms, activity"),
            "{sql}"
        );
        assert!(sql.contains("-- Events of a case are ordered by time, ties by activity name"));
        spec.order = Some("n".into());
        let sql = crate::dialect::print(
            &plan(Analysis::Dfg, &spec).unwrap(),
            DialectName::DuckDb.dialect(),
        );
        assert!(
            sql.contains("PARTITION BY case_id ORDER BY t_ms, ord"),
            "{sql}"
        );
        assert!(sql.contains("\"n\" AS ord"), "{sql}");
    }

    #[test]
    fn the_variants_cap_is_in_the_sql() {
        let spec = Spec {
            variants_cap: 250,
            ..Spec::new("t", "c", "a", "ts")
        };
        let sql = crate::dialect::print(
            &plan(Analysis::Variants, &spec).unwrap(),
            DialectName::Spark.dialect(),
        );
        assert!(sql.trim_end().ends_with("LIMIT 250"), "{sql}");
        assert!(
            sql.contains("COUNT(1) OVER () AS `variants_total`"),
            "{sql}"
        );
    }

    #[test]
    fn analysis_names_parse_back() {
        for a in Analysis::CORE.into_iter().chain(Analysis::COLLECTIONS) {
            assert_eq!(Analysis::parse(a.name()), Some(a));
        }
        assert_eq!(Analysis::parse("case_duration"), None);
    }
}

//! The calendar steps: every month from 1900 to 2199 with its start instant, in UTC or an IANA zone.

use super::*;

/// The `cal*` steps: every month from January 1900 to December 2199 with its number `i`, `y`, `m`,
/// the instant it starts (`start_ms`), the next month's start, the start of the month two before
/// (`start3_ms`, for three months of sales) and its calendar days. UTC midnight on the 1st comes from
/// Howard Hinnant's `days_from_civil` (the engine's `calendar::days_from_civil`) in integer arithmetic;
/// in a time zone, that wall-clock time is converted by the engine's own time-zone functions
/// ([`Expr::ZoneInstantMs`]).
pub(super) fn calendar_ctes(zone: Option<&str>) -> Vec<(String, Select)> {
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
        [
            keep(&["i", "y", "m"]),
            vec![
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
        ]
        .concat(),
    );
    let cal2 = Select::new(
        From::Cte("cal1".into()),
        [
            keep(&["i", "y", "m", "mp"]),
            vec![
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
        ]
        .concat(),
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
        [
            keep(&["i", "y", "m"]),
            vec![(bin(days, Op::Mul, Expr::Int(DAY_MS)), "wall_ms")],
        ]
        .concat(),
    );
    let start = match zone {
        None => col("wall_ms"),
        Some(z) => Expr::ZoneInstantMs(Box::new(col("wall_ms")), z.to_string()),
    };
    let cal4 = Select::new(
        From::Cte("cal3".into()),
        [keep(&["i", "y", "m", "wall_ms"]), vec![(start, "start_ms")]].concat(),
    );
    let by_i = || vec![Order::asc(col("i"))];
    let lead = |c: &str| Expr::Window {
        func: WindowFn::Lead(Box::new(col(c))),
        partition: vec![],
        order: by_i(),
    };
    let cal = Select::new(
        From::Cte("cal4".into()),
        [
            keep(&["i", "y", "m", "start_ms"]),
            vec![
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
        ]
        .concat(),
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

//! The steps of the other collections measures: reminders (dunning), disputes, postings (cash
//! application) and promises to pay.

use super::*;

/// Text of an event's attribute, else the case's first value, else "unspecified".
pub(super) fn event_or_case_text(c: &str) -> Expr {
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
pub(super) fn reminders(settings: &Settings) -> Select {
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
        [
            keep(&["case_id", "pos", "t_ms", "activity"]),
            vec![
                (level, "level"),
                (event_or_case_text("channel"), "channel"),
                (role_level.clone(), "role_level"),
            ],
        ]
        .concat(),
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
        [
            keep(&["case_id", "pos", "activity", "level", "channel"]),
            vec![(
                when_else(
                    bin(agg(Agg::Count, col("pay_ms")), Op::Gt, Expr::Int(0)),
                    Expr::Int(1),
                    Expr::Int(0),
                ),
                "paid",
            )],
        ]
        .concat(),
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
pub(super) fn later(role: &str) -> From {
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

pub(super) fn after_in_case() -> Expr {
    all(vec![
        bin(col("later_case"), Op::Eq, col("case_id")),
        bin(col("later_pos"), Op::Gt, col("pos")),
    ])
}

/// The `dispute_events` step: each dispute raised with its reason, the next resolution and whether a
/// credit note followed.
pub(super) fn disputes_cte() -> Select {
    let raised = Select::new(
        From::Cte("cev".into()),
        [
            keep(&["case_id", "pos", "t_ms", "role"]),
            vec![(event_or_case_text("reason"), "reason")],
        ]
        .concat(),
    );
    let resolved = Select::new(
        From::LeftJoin(
            Box::new(From::Sub(Box::new(raised), "raised".into())),
            Box::new(later("dispute_resolved")),
            after_in_case(),
        ),
        [
            keep(&["case_id", "pos", "t_ms", "reason"]),
            vec![(agg(Agg::Min, col("later_ms")), "resolved_ms")],
        ]
        .concat(),
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
pub(super) fn postings_ctes() -> Vec<(String, Select)> {
    let received = Select::new(From::Cte("cev".into()), keep(&["case_id", "pos", "t_ms"]))
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
pub(super) fn promises_cte(settings: &Settings) -> Select {
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
        [
            keep(&["case_id", "pos", "role"]),
            vec![
                (segment, "segment"),
                (col("promise_ms"), "promise_ms"),
                (deadline, "deadline"),
            ],
        ]
        .concat(),
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
        [
            keep(&["segment", "promise_ms", "deadline"]),
            vec![(agg(Agg::Count, col("later_pos")), "payments")],
        ]
        .concat(),
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

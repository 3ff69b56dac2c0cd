//! The receivables steps: one row per invoice with the facts the receivables measures read.

use super::*;

/// The `inv0`, `inv1`, `inv` steps: one row per invoice with the facts of the engine's
/// `facts::invoices` that the receivables measures read (issued, due, when it stopped being open on
/// `basis`, amount in millionths).
pub(super) fn invoice_ctes(basis: Basis) -> Vec<(String, Select)> {
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
        [
            keep(&["case_id", "issued", "due", "units"]),
            vec![(
                earliest(vec![
                    applied,
                    col("credited"),
                    col("written_off"),
                    col("cancelled"),
                ]),
                "settled",
            )],
        ]
        .concat(),
    );
    vec![
        ("inv0".into(), inv0),
        ("inv1".into(), inv1),
        ("inv".into(), inv),
    ]
}

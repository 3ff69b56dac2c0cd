use super::*;

/// The report of a log read from `csv`, with the default settings and no rule packs.
fn default_report(csv: &str) -> CollectionsReport {
    let (log, map) = testing::log(csv);
    report(
        &log,
        &Selection::all(&log),
        &map,
        &CollectionsSettings::default(),
        &[],
    )
}

/// A figure whose roles are missing is null with its reason, never 0: here no credit decision,
/// no agency, no cancellation, no reminder, no promise and no due date are recognised.
#[test]
fn figures_without_their_roles_are_not_available() {
    let r = default_report(
        "case,activity,timestamp,amount\n\
         a,Invoice created,2024-01-10,100\na,Payment received,2024-02-10,100\n\
         b,Credit check requested,2024-01-02,200\nb,Invoice created,2024-01-12,200\nb,Written off,2024-06-01,200\n",
    );
    let reason = |figure: &str| {
        r.unavailable
            .iter()
            .find(|u| u.figure == figure)
            .map(|u| u.reason.as_str())
            .unwrap_or_else(|| panic!("{figure} not listed in {:?}", r.unavailable))
    };
    assert_eq!(
        reason("kpis.credit"),
        "no activity recognised as credit approved or credit rejected"
    );
    assert_eq!(r.kpis.credit.approved, None);
    assert_eq!(
        reason("kpis.write_offs.via_agency_share"),
        "no activity recognised as sent to agency"
    );
    assert!(r.kpis.write_offs.via_agency_share.is_nan());
    assert_eq!(r.kpis.write_offs.invoices, Some(1));
    assert_eq!(r.kpis.write_offs.rate, 0.5);
    assert_eq!(
        reason("kpis.on_time_payment_rate"),
        "no due-date column and no activity recognised as due date passed"
    );
    assert_eq!(
        reason("rework"),
        "no activity recognised as invoice cancelled"
    );
    assert_eq!(r.rework.cancelled_cases, None);
    assert_eq!(
        reason("dunning"),
        "no activity recognised as reminder or final notice"
    );
    assert_eq!(
        reason("promises"),
        "no activity recognised as promise to pay"
    );
    assert!(reason("cash_application").contains("payment posted"));
    // Available figures are not listed.
    for ok in [
        "kpis.dso_monthly",
        "kpis.invoice_to_cash_days",
        "kpis.write_offs",
    ] {
        assert!(r.unavailable.iter().all(|u| u.figure != ok), "{ok}");
    }
    // In the JSON, unavailable values are null and the list names the roles to map.
    let json = serde_json::to_value(&r).unwrap();
    assert!(json["kpis"]["credit"]["approved"].is_null());
    assert!(json["kpis"]["on_time_payment_rate"].is_null());
    assert!(json["rework"]["cancelled_cases"].is_null());
    let credit = json["unavailable"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["figure"] == "kpis.credit")
        .unwrap();
    assert_eq!(
        credit["roles"],
        serde_json::json!(["credit_approved", "credit_rejected"])
    );
}

/// Only one credit decision recognised: the other count, and pending, are not available.
#[test]
fn one_credit_decision_missing() {
    let r = default_report(
        "case,activity,timestamp\n\
             a,Credit check requested,2024-01-01\na,Credit limit approved,2024-01-03\n\
             b,Credit check requested,2024-01-01\n",
    );
    let c = &r.kpis.credit;
    assert_eq!(
        (c.requests, c.approved, c.rejected, c.pending),
        (Some(2), Some(1), None, None)
    );
    assert_eq!(c.median_days, 2.0);
    let figures: Vec<&str> = r.unavailable.iter().map(|u| u.figure.as_str()).collect();
    assert!(figures.contains(&"kpis.credit.rejected") && figures.contains(&"kpis.credit.pending"));
}

/// A log: one invoice a day from `from` for `days` days, amount 100, due 30 days later, paid
/// `pay_after` days after issue and posted `post_lag` days after that (no posting when `None`);
/// plus one late event at `tail` (a follow-up of the last invoice). Events after day `cutoff`
/// (counted from `from`) are not in the extract.
fn daily_invoices(
    from: (i64, u32, u32),
    days: i64,
    pay_after: i64,
    post_lag: Option<i64>,
    tail: Option<&str>,
) -> String {
    extract(from, days, pay_after, post_lag, tail, i64::MAX)
}

fn extract(
    from: (i64, u32, u32),
    days: i64,
    pay_after: i64,
    post_lag: Option<i64>,
    tail: Option<&str>,
    cutoff: i64,
) -> String {
    use crate::calendar::{days_from_civil, format_iso_utc, MS_PER_DAY};
    let d0 = days_from_civil(from.0, from.1, from.2);
    let date = |d: i64| format_iso_utc(d * MS_PER_DAY + 9 * 3_600_000);
    let mut csv = String::from("case,activity,timestamp,amount,due_date\n");
    for k in 0..days {
        let issued = d0 + k;
        let due = date(issued + 30);
        let due = &due[..10];
        csv += &format!("i{k},Invoice created,{},100,{due}\n", date(issued));
        if k + pay_after <= cutoff {
            csv += &format!(
                "i{k},Payment received,{},100,{due}\n",
                date(issued + pay_after)
            );
        }
        if let Some(lag) = post_lag.filter(|lag| k + pay_after + lag <= cutoff) {
            csv += &format!(
                "i{k},Payment posted,{},100,{due}\n",
                date(issued + pay_after + lag)
            );
        }
    }
    if let Some(t) = tail {
        csv += &format!("i{},Reminder 1 sent,{t},100,\n", days - 1);
    }
    csv
}

/// Issue 16 (3): with a cash-application lag, a payment received before a month-end but posted
/// after it leaves the invoice open on the ledger's basis; the cash basis closes it at receipt.
/// Every invoice is paid after 20 days and posted 5 days later: the ledger's receivables hold 25
/// days of sales, the cash basis's 20.
#[test]
fn dso_on_the_ledger_s_basis_counts_payments_until_they_are_applied() {
    let (log, map) = testing::log(&daily_invoices((2024, 1, 1), 366, 20, Some(5), None));
    let sel = Selection::all(&log);
    let ledger = report(&log, &sel, &map, &CollectionsSettings::default(), &[]);
    let cash = report(
        &log,
        &sel,
        &map,
        &CollectionsSettings {
            basis: facts::Basis::Cash,
            ..Default::default()
        },
        &[],
    );
    assert_eq!(ledger.kpis.dso_basis, facts::Basis::Ledger);
    assert_eq!(cash.kpis.dso_basis, facts::Basis::Cash);
    let june = |r: &CollectionsReport| {
        r.kpis
            .dso_monthly
            .iter()
            .find(|m| m.month == "2024-06")
            .map(|m| (m.receivables, m.dso_simple))
            .unwrap()
    };
    assert_eq!(
        june(&ledger).0,
        2500.0,
        "25 days of 100 open at the end of June"
    );
    assert_eq!(june(&cash).0, 2000.0);
    assert!(june(&ledger).1 > june(&cash).1 + 4.0);
    assert!(ledger.dso_definition.contains("applied"));
    let json = serde_json::to_value(&ledger).unwrap();
    assert_eq!(json["kpis"]["dso_basis"], "ledger");
    // Without any clearing event the ledger's basis has nothing to go by: cash, and said so.
    let r = default_report(&daily_invoices((2024, 1, 1), 120, 20, None, None));
    assert_eq!(r.kpis.dso_basis, facts::Basis::Cash);
    assert!(
        r.notes.iter().any(|n| n.contains("no clearing event")),
        "{:?}",
        r.notes
    );
}

/// Issue 16 (2): an extract of the invoices issued in 2025 with their follow-ups to March 2026.
/// The months whose 3 months of sales reach past the last invoice only run off (DSO falls towards
/// 0): they are partial, like the first two (the receivables of earlier invoices are missing), and
/// the headline is December 2025, with CEI and aging at its end.
#[test]
fn a_cut_extract_headlines_its_latest_complete_month() {
    let csv = daily_invoices((2025, 1, 1), 365, 45, Some(0), Some("2026-03-20T10:00:00"));
    let r = default_report(&csv);
    let k = &r.kpis;
    let partial: Vec<(&str, Option<kpi::Partial>)> = k
        .dso_monthly
        .iter()
        .map(|m| (m.month.as_str(), m.partial_reason))
        .collect();
    use kpi::Partial::*;
    assert_eq!(partial[0], ("2025-01", Some(BeforeIssuing)));
    assert_eq!(partial[1], ("2025-02", Some(BeforeIssuing)));
    assert!(
        partial[2..12].iter().all(|(_, p)| p.is_none()),
        "{partial:?}"
    );
    assert_eq!(
        &partial[12..],
        [
            ("2026-01", Some(AfterIssuing)),
            ("2026-02", Some(AfterIssuing)),
            ("2026-03", Some(AfterIssuing))
        ]
    );
    assert!(k
        .dso_monthly
        .iter()
        .all(|m| m.partial == m.partial_reason.is_some()));
    assert_eq!(k.dso_month.as_deref(), Some("2025-12"));
    let w = k.issuing_window.as_ref().unwrap();
    assert!(w.cut && w.from.starts_with("2025-01-01") && w.to.starts_with("2025-12-31"));
    // December: 45 days of sales open (Nov 17 to Dec 31) of 92 days of sales → 44.5 days.
    let dec = k.dso_monthly.iter().find(|m| m.month == "2025-12").unwrap();
    assert!(
        (dec.dso_simple - 4500.0 / 9200.0 * 91.0).abs() < 1e-9,
        "{}",
        dec.dso_simple
    );
    // Aging at the end of December, not in March when only the last follow-up is left.
    assert!(k.aging_as_of.starts_with("2026-01-01"), "{}", k.aging_as_of);
    let open: u64 = k.aging.iter().map(|b| b.invoices).sum();
    assert_eq!(open, 45);
    assert!(
        r.notes.iter().any(|n| n.contains("headlined for 2025-12")),
        "{:?}",
        r.notes
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["kpis"]["dso_month"], "2025-12");
    assert_eq!(json["kpis"]["dso_monthly"][13]["partial"], true);
    assert_eq!(
        json["kpis"]["dso_monthly"][13]["partial_reason"],
        "after_issuing"
    );
}

/// A live log (invoices up to the as-of date, mid-month): the running month is not over, so the
/// headline is the month before; nothing is cut and aging is as of the as-of date.
#[test]
fn a_live_log_headlines_the_last_finished_month() {
    let r = default_report(&extract((2024, 1, 1), 196, 20, Some(1), None, 195));
    let k = &r.kpis;
    let last = k.dso_monthly.last().unwrap();
    assert_eq!(last.month, "2024-07");
    assert_eq!(last.partial_reason, Some(kpi::Partial::MonthNotOver));
    assert_eq!(k.dso_month.as_deref(), Some("2024-06"));
    assert!(!k.issuing_window.as_ref().unwrap().cut);
    assert_eq!(k.aging_as_of, k.as_of);
}

#[test]
fn settings_refuse_absurd_windows_naming_the_setting() {
    assert!(CollectionsSettings::default().validate().is_ok());
    let bad = |s: CollectionsSettings| s.validate().unwrap_err().to_string();
    for v in [f64::INFINITY, f64::NAN, 1e300, -1.0, 3650.5] {
        let e = bad(CollectionsSettings {
            window_days: v,
            ..Default::default()
        });
        assert!(
            e.starts_with("window_days: expected a number of days from 0 to 3650"),
            "{e}"
        );
        let e = bad(CollectionsSettings {
            promise_grace_days: v,
            ..Default::default()
        });
        assert!(e.starts_with("promise_grace_days:"), "{e}");
    }
    let e = bad(CollectionsSettings {
        as_of_ms: Some(i64::MAX),
        ..Default::default()
    });
    assert!(e.starts_with("as_of_ms:"), "{e}");
}

/// With an amount column, an invoice whose amount is empty or unreadable weighs nothing in the amount
/// measures, and the report says how many there are (regression: each counted as 1.00 in sales,
/// receivables and aging, silently).
#[test]
fn invoices_without_a_readable_amount_weigh_nothing_and_are_said() {
    let r = default_report(
        "case,activity,timestamp,amount\n\
         a,Invoice created,2024-01-10,1000\na,Payment received,2024-03-20,1000\n\
         b,Invoice created,2024-01-11,\n\
         c,Invoice created,2024-01-12,douze\n\
         d,Invoice created,2024-01-13,500\nd,Payment received,2024-03-25,500\n\
         z,Other step,2024-03-31,\n",
    );
    let jan = r
        .kpis
        .dso_monthly
        .iter()
        .find(|m| m.month == "2024-01")
        .unwrap();
    assert_eq!((jan.sales, jan.receivables), (1500.0, 1500.0));
    assert_eq!(r.kpis.invoices, 4);
    let note = r.notes.iter().find(|n| n.contains("no readable amount"));
    assert!(
        note.is_some_and(|n| n.starts_with("2 of 4 invoices")),
        "{:?}",
        r.notes
    );
}

/// Without due dates nothing is known to be past due: past due, BPDSO, ADD and CEI are not available
/// with their reason (regression: every receivable counted as current, so CEI was 100 % and ADD 0).
#[test]
fn without_due_dates_the_split_into_current_and_past_due_is_not_available() {
    let r = default_report(
        "case,activity,timestamp,amount\n\
         a,Invoice created,2024-01-10,1000\na,Payment received,2024-04-20,1000\n\
         b,Invoice created,2024-02-11,300\n\
         c,Invoice created,2024-03-12,200\nc,Payment received,2024-03-25,200\n\
         z,Other step,2024-05-31,\n",
    );
    let k = &r.kpis;
    assert!(k.cei.is_nan());
    assert!(r
        .unavailable
        .iter()
        .any(|u| u.figure == "kpis.cei" && u.reason.contains("due")));
    let mar = k.dso_monthly.iter().find(|m| m.month == "2024-03").unwrap();
    assert!(mar.dso_simple.is_finite() && mar.receivables > 0.0);
    for (figure, value) in [
        ("past_due", mar.past_due),
        ("bpdso", mar.bpdso),
        ("add", mar.add),
        ("cei", mar.cei),
    ] {
        assert!(value.is_nan(), "{figure}");
        assert!(
            mar.unavailable
                .iter()
                .any(|u| u.figure == figure && u.reason.contains("due")),
            "{figure}"
        );
    }
    let json = serde_json::to_value(&r).unwrap();
    assert!(json["kpis"]["cei"].is_null());
    // A breakdown's groups say the same.
    let mut csv = String::from("case,activity,timestamp,amount,segment\n");
    for m in 1..=12 {
        csv += &format!(
            "i{m},Invoice created,2024-{m:02}-05,100,SME\ni{m},Payment received,2024-{m:02}-28,100,SME\n"
        );
    }
    let (log, map) = testing::log(&csv);
    let rows = breakdown_by(
        &log,
        &Selection::all(&log),
        &map,
        &Default::default(),
        "segment",
        12,
    );
    let sme = rows.iter().find(|r| r.value == "SME").unwrap();
    assert!(sme.dso_simple.is_finite());
    assert!(sme.bpdso.is_nan() && sme.add.is_nan() && sme.cei.is_nan());
}

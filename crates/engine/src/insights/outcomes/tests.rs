use super::*;
use crate::collections::testing::log;

fn opts() -> InsightsOptions {
    InsightsOptions::default()
}

#[test]
fn late_payment_by_due_date_and_its_unknowns() {
    // a paid on its due day (on time), b paid the day after (late), c open and past due at the
    // end (late), d open and not yet due (unknown), e cancelled (unknown).
    let (log, map) = log("case,activity,timestamp,due_date\n\
            a,Invoice created,2024-01-01,2024-01-31\na,Payment received,2024-01-31T18:00:00Z,2024-01-31\n\
            b,Invoice created,2024-01-01,2024-01-31\nb,Payment received,2024-02-01T08:00:00Z,2024-01-31\n\
            c,Invoice created,2024-01-01,2024-01-31\n\
            d,Invoice created,2024-03-01,2024-03-31\n\
            e,Invoice created,2024-01-01,2024-01-31\ne,Invoice cancelled,2024-01-05,2024-01-31\n\
            z,Other step,2024-03-10,\n");
    let sel = Selection::all(&log);
    let oc = OutcomeContext::new(&log, &sel, &map, &opts());
    let v = oc.compute(&OutcomeId::LatePayment, None, &opts()).unwrap();
    let got: Vec<String> = v.values.iter().map(|x| format!("{x}")).collect();
    assert_eq!(got, ["0", "1", "1", "NaN", "NaN", "NaN"]);
    // The case duration is known for every case.
    let d = oc
        .compute(&OutcomeId::CaseDurationDays, None, &opts())
        .unwrap();
    assert_eq!(d.values[0], 30.75);
    assert_eq!(d.values[2], 0.0);
}

#[test]
fn unsupported_outcomes_say_why() {
    let (log, map) = log(
        "case,activity,timestamp\na,Create,2024-01-01\na,Approve,2024-01-03\n\
            b,Create,2024-01-01\n",
    );
    let sel = Selection::all(&log);
    let oc = OutcomeContext::new(&log, &sel, &map, &opts());
    let err = oc
        .compute(&OutcomeId::LatePayment, None, &opts())
        .unwrap_err();
    assert!(err.contains("collections"), "{err}");
    let err = oc.compute(&OutcomeId::InFilter, None, &opts()).unwrap_err();
    assert!(err.contains("filter"), "{err}");
    assert!(oc
        .compute(&OutcomeId::PassesThrough("Nope".into()), None, &opts())
        .is_err());
    let through = oc
        .compute(&OutcomeId::PassesThrough("Approve".into()), None, &opts())
        .unwrap();
    assert_eq!(through.values, [1.0, 0.0]);
    let ends = oc
        .compute(&OutcomeId::EndsWith("Create".into()), None, &opts())
        .unwrap();
    assert_eq!(ends.values, [0.0, 1.0]);
    // A receivables log with no due dates has no late payments to speak of.
    let (log2, map2) = crate::collections::testing::log(
        "case,activity,timestamp\na,Invoice created,2024-01-01\na,Payment received,2024-01-20\n",
    );
    let sel = Selection::all(&log2);
    let oc = OutcomeContext::new(&log2, &sel, &map2, &opts());
    let err = oc
        .compute(&OutcomeId::LatePayment, None, &opts())
        .unwrap_err();
    assert!(err.contains("due date"), "{err}");
    for key in ["late_payment", "passes_through:A b", "in_b", "ends_with:x"] {
        assert_eq!(OutcomeId::from_key(key).unwrap().key(), key);
    }
    assert!(OutcomeId::from_key("bogus").is_none());
}

#[test]
fn invoice_to_cash_counts_unpaid_mature_invoices_as_slowest() {
    // As of 2024-12-31 with 120 days' maturity: a (paid after 20 days), b (open since January),
    // c (written off), d (issued in December: too recent), e (cleared by a credit note).
    let (log, map) = log("case,activity,timestamp\n\
            a,Invoice created,2024-01-01\na,Payment received,2024-01-21\n\
            b,Invoice created,2024-01-01\n\
            c,Invoice created,2024-01-01\nc,Written off,2024-06-01\n\
            d,Invoice created,2024-12-01\nd,Payment received,2024-12-31\n\
            e,Invoice created,2024-01-01\ne,Invoice cleared,2024-02-01\n");
    let sel = Selection::all(&log);
    let oc = OutcomeContext::new(&log, &sel, &map, &opts());
    let v = oc
        .compute(&OutcomeId::InvoiceToCashDays, None, &opts())
        .unwrap();
    assert_eq!(v.values[0], 20.0);
    assert_eq!(v.values[1], f64::INFINITY);
    assert_eq!(v.values[2], f64::INFINITY);
    assert!(v.values[3].is_nan() && v.values[4].is_nan());
    // Written off within the window, the 90th percentile of issue (no due dates) to write-off:
    // c's 152 days. a, b, c and e were issued 152 days or more before the end: b, still open,
    // was not written off within them (0); d, issued in December, is too recent.
    let w = oc.compute(&OutcomeId::WrittenOff, None, &opts()).unwrap();
    let got: Vec<String> = w.values.iter().map(|x| format!("{x}")).collect();
    assert_eq!(got, ["0", "0", "1", "NaN", "0"]);
    let m = w.maturity.unwrap();
    assert_eq!(
        (m.from, m.window_days, m.basis_cases),
        (MaturityFrom::Issue, 152.0, 1)
    );
    assert_eq!((m.judged_cases, m.too_recent_cases), (4, 1));
}

#[test]
fn young_cases_are_left_out_whatever_they_already_show() {
    // As of 2024-06-30. Late payment: f, paid early but due only in July, waits with its unpaid
    // twin g (both too recent); h, due in May and paid on time, is judged.
    // Disputes: raised 10 and 30 days after issue (window: p90 of 10 and 30 = 28 → 28 days);
    // i, issued 2024-06-10, is too recent though already disputed; j's dispute came after 30 days,
    // outside the window: not disputed within it.
    // Unanswered reminders (14 days): k's reminder of 2024-06-25 was answered the next day, but
    // its unanswered twins would not be known yet: left out.
    let (log, map) = log("case,activity,timestamp,due_date\n\
            f,Invoice created,2024-06-01,2024-07-01\nf,Payment received,2024-06-05,2024-07-01\n\
            g,Invoice created,2024-06-01,2024-07-01\n\
            h,Invoice created,2024-04-01,2024-05-01\nh,Payment received,2024-04-20,2024-05-01\n\
            i,Invoice created,2024-06-10,2024-07-10\ni,Dispute raised,2024-06-20,2024-07-10\n\
            j,Invoice created,2024-01-01,2024-01-31\nj,Dispute raised,2024-01-31,2024-01-31\n\
            j,Payment received,2024-03-01,2024-01-31\n\
            k,Invoice created,2024-05-01,2024-05-31\nk,Reminder 1 sent,2024-06-25,2024-05-31\n\
            k,Payment received,2024-06-26,2024-05-31\n\
            z,Other step,2024-06-30,\n");
    let sel = Selection::all(&log);
    let oc = OutcomeContext::new(&log, &sel, &map, &opts());
    let show = |id: OutcomeId| {
        let v = oc.compute(&id, None, &opts()).unwrap();
        let got: Vec<String> = v.values.iter().map(|x| format!("{x}")).collect();
        (got, v.maturity.unwrap())
    };
    let (late, m) = show(OutcomeId::LatePayment);
    // f, g not yet due; h on time; i not yet due; j late (paid a month after); k late (paid in June).
    assert_eq!(late, ["NaN", "NaN", "0", "NaN", "1", "1", "NaN"]);
    assert_eq!(
        (m.basis, m.judged_cases, m.too_recent_cases),
        (MaturityBasis::Definition, 3, 3)
    );
    let (disputed, m) = show(OutcomeId::Disputed);
    assert_eq!(m.window_days, 28.0);
    // f and g (2024-06-01 + 28 days = 06-29) and h are judged; i and z's case... z is no invoice.
    assert_eq!(disputed, ["0", "0", "0", "NaN", "0", "0", "NaN"]);
    let (unanswered, m) = show(OutcomeId::DunningUnanswered);
    assert_eq!(unanswered.iter().filter(|x| *x != "NaN").count(), 0);
    assert_eq!((m.judged_cases, m.too_recent_cases), (0, 1));
}

#[test]
fn first_reminder_answered_within_the_window() {
    // a: reminder, paid 10 days later (answered); b: reminder, paid 20 days later (unanswered);
    // c: reminder 5 days before the end of the log, nothing yet (unknown); d: no reminder.
    let (log, map) = log("case,activity,timestamp\n\
            a,Invoice created,2024-01-01\na,Reminder 1 sent,2024-02-01\na,Payment received,2024-02-11\n\
            b,Invoice created,2024-01-01\nb,Reminder 1 sent,2024-02-01\nb,Payment received,2024-02-21\n\
            c,Invoice created,2024-01-01\nc,Reminder 1 sent,2024-03-26\n\
            d,Invoice created,2024-01-01\nd,Payment received,2024-03-31\n");
    let sel = Selection::all(&log);
    let oc = OutcomeContext::new(&log, &sel, &map, &opts());
    let v = oc
        .compute(&OutcomeId::DunningUnanswered, None, &opts())
        .unwrap();
    let got: Vec<String> = v.values.iter().map(|x| format!("{x}")).collect();
    assert_eq!(got, ["0", "1", "NaN", "NaN"]);
}

/// An outcome that takes time is judged alike for an old case and a recent one: a case that got to
/// "Clear" only after the window counts as a recent case that has not got there yet, and its duration
/// is what it did within the window (regression: old cases counted their whole life, recent ones only
/// the window, so recent months looked quicker and less often cleared).
#[test]
fn old_and_recent_cases_are_seen_over_the_same_window() {
    let mut csv = String::from("case,activity,timestamp\n");
    for i in 0..10 {
        csv += &format!("n{i},Create,2024-01-01\nn{i},Clear,2024-01-11\n");
    }
    // Cleared after 30 days (a long lag after its payment); a recent case paid, not yet cleared; a
    // case too recent to judge, whose last event is the extract's end.
    csv += "late,Create,2024-01-01\nlate,Pay,2024-01-06\nlate,Clear,2024-01-31\n\
            young,Create,2024-03-01\nyoung,Pay,2024-03-06\n\
            end,Create,2024-03-13\nend,Other,2024-03-13T12:00:00Z\n";
    let (log, map) = log(&csv);
    let sel = Selection::all(&log);
    let oc = OutcomeContext::new(&log, &sel, &map, &opts());
    // Windows: the 90th percentile of the durations is 10 days, as is that of the cases ending with
    // "Clear".
    let ends = oc
        .compute(&OutcomeId::EndsWith("Clear".into()), None, &opts())
        .unwrap();
    assert_eq!(ends.maturity.as_ref().unwrap().window_days, 10.0);
    assert_eq!(&ends.values[..10], &[1.0; 10]);
    assert_eq!(&ends.values[10..12], &[0.0, 0.0], "late and young alike");
    assert!(ends.values[12].is_nan());
    let d = oc
        .compute(&OutcomeId::CaseDurationDays, None, &opts())
        .unwrap();
    assert_eq!(d.maturity.as_ref().unwrap().window_days, 10.0);
    assert_eq!(&d.values[..10], &[10.0; 10]);
    assert_eq!(&d.values[10..12], &[5.0, 5.0], "late and young alike");
    assert!(d.values[12].is_nan());
}

/// An invoice settled by a credit note without a payment is left out of late payment, as a cancelled
/// one is (regression: once its due date had passed it counted as late).
#[test]
fn a_fully_credited_invoice_is_left_out_of_late_payment() {
    let (log, map) = log("case,activity,timestamp,due_date\n\
            a,Invoice created,2024-01-01,2024-01-31\na,Credit note issued,2024-01-10,2024-01-31\n\
            b,Invoice created,2024-01-01,2024-01-31\nb,Payment received,2024-02-05,2024-01-31\n\
            z,Other step,2024-03-10,\n");
    assert_eq!(
        map.activities["Credit note issued"],
        ActivityRole::CreditNote
    );
    let sel = Selection::all(&log);
    let oc = OutcomeContext::new(&log, &sel, &map, &opts());
    let v = oc.compute(&OutcomeId::LatePayment, None, &opts()).unwrap();
    assert!(v.values[0].is_nan(), "{:?}", v.values);
    assert_eq!(v.values[1], 1.0);
}

use super::super::{check, RulePack};
use crate::collections::facts::{invoices, Context};
use crate::collections::RoleMap;
use crate::filter::Selection;
use crate::import::{import_bytes, ImportOptions};

/// Violating case ids (with repeats) of one rule, given as JSON, on a CSV log.
fn violations(csv: &str, rule: &str) -> Vec<String> {
    let log = import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let map = RoleMap::guess(&log);
    let ctx = Context::new(&log, &map);
    let sel = Selection::all(&log);
    let inv = invoices(&ctx, &sel);
    let pack = RulePack::from_json(&format!(r#"{{"name": "t", "rules": [{rule}]}}"#)).unwrap();
    let r = check(&ctx, &sel, &pack, &inv);
    r[0].details.iter().map(|d| d.case.clone()).collect()
}

const HEAD: &str = "case,activity,timestamp,customer,due_date,amount\n";

#[test]
fn not_before_the_end_of_the_due_day() {
    let csv = format!(
            "{HEAD}a,Invoice created,2024-01-01T09:00:00Z,C1,2024-01-31,10\na,Reminder 1 sent,2024-01-31T23:00:00Z,C1,2024-01-31,10\n\
             b,Invoice created,2024-01-01T09:00:00Z,C1,2024-01-31,10\nb,Reminder 1 sent,2024-02-01T00:00:00Z,C1,2024-01-31,10\n"
        );
    let rule = r#"{"id": "r", "title": "t", "source": "s", "kind": "not_before", "activity": "reminder", "date": "due_date"}"#;
    assert_eq!(violations(&csv, rule), ["a"]);
    let grace = r#"{"id": "r", "title": "t", "source": "s", "kind": "not_before", "activity": "reminder", "date": "due_date", "grace_days": 1}"#;
    assert_eq!(violations(&csv, grace), ["a", "b"]);
}

#[test]
fn level_order() {
    let csv = "case,activity,timestamp\n\
            a,Reminder 1 sent,2024-01-01\na,Reminder 2 sent,2024-01-02\na,Final notice sent,2024-01-03\n\
            b,Reminder 2 sent,2024-01-01\nb,Reminder 1 sent,2024-01-02\n\
            c,Final notice sent,2024-01-01\n\
            d,Reminder 1 sent,2024-01-01\nd,Reminder 3 sent,2024-01-02\n";
    let rule = r#"{"id": "r", "title": "t", "source": "s", "kind": "level_order"}"#;
    // b: level 2 first, then a level 1 after a level 2; c: final notice alone; d: skips level 2.
    assert_eq!(violations(csv, rule), ["b", "b", "c", "d"]);
}

#[test]
fn precedence_and_ordering() {
    let csv = "case,activity,timestamp\n\
            a,Reminder 1 sent,2024-01-01\na,Written off,2024-03-01\n\
            b,Written off,2024-03-01\nb,Reminder 1 sent,2024-03-02\n";
    let rule = r#"{"id": "r", "title": "t", "source": "s", "kind": "precedence", "required": "reminder", "activity": "written_off"}"#;
    assert_eq!(violations(csv, rule), ["b"]);
    let order = r#"{"id": "r", "title": "t", "source": "s", "kind": "ordering", "first": "reminder_1", "then": "Written off"}"#;
    assert_eq!(violations(csv, order), ["b"]);
}

#[test]
fn ordering_ties_keep_file_order() {
    // Same instant: file order decides which came first.
    let csv = "case,activity,timestamp\na,Written off,2024-01-01\na,Reminder 1 sent,2024-01-01\nb,Reminder 1 sent,2024-01-01\nb,Written off,2024-01-01\n";
    let order = r#"{"id": "r", "title": "t", "source": "s", "kind": "ordering", "first": "reminder", "then": "written_off"}"#;
    assert_eq!(violations(csv, order), ["a"]);
}

#[test]
fn response_within_a_deadline() {
    let csv = "case,activity,timestamp\n\
            a,Dispute raised,2024-01-01T10:00:00Z\na,Dispute resolved,2024-01-31T10:00:00Z\n\
            b,Dispute raised,2024-01-01T10:00:00Z\nb,Dispute resolved,2024-01-31T10:00:01Z\n\
            c,Dispute raised,2024-03-01T10:00:00Z\n\
            d,Invoice created,2024-03-20T10:00:00Z\n";
    let rule = r#"{"id": "r", "title": "t", "source": "s", "kind": "response", "trigger": "dispute_raised", "response": "dispute_resolved", "within_hours": 720}"#;
    // a: exactly 30 days (ok); b: one second late; c: still within its deadline at the log's end.
    assert_eq!(violations(csv, rule), ["b"]);
}

#[test]
fn absence_after_until_and_within() {
    let csv = "case,activity,timestamp\n\
            a,Dispute raised,2024-01-01\na,Reminder 1 sent,2024-01-05\na,Dispute resolved,2024-01-10\na,Reminder 2 sent,2024-01-20\n";
    let rule = r#"{"id": "r", "title": "t", "source": "s", "kind": "absence_after", "trigger": "dispute_raised", "forbidden": "reminder", "until": "dispute_resolved"}"#;
    assert_eq!(violations(csv, rule), ["a"]);
    let calls = "case,activity,timestamp\n\
            a,Conversation held,2024-01-01T10:00:00Z\na,Call attempted,2024-01-07T10:00:00Z\na,Call attempted,2024-01-09T10:00:00Z\n";
    let quiet = r#"{"id": "r", "title": "t", "source": "s", "kind": "absence_after", "trigger": "conversation_held", "forbidden": "call_attempted", "within_hours": 168}"#;
    assert_eq!(violations(calls, quiet), ["a"]);
}

#[test]
fn cease_contact_per_customer_spans_invoices() {
    let csv = format!(
            "{HEAD}a,Cease contact requested,2024-01-10T10:00:00Z,C1,,\nb,Call attempted,2024-01-12T10:00:00Z,C1,,\n\
             c,Call attempted,2024-01-12T10:00:00Z,C2,,\nb,Reminder 1 sent,2024-01-05T10:00:00Z,C1,,\n"
        );
    let per_customer = r#"{"id": "r", "title": "t", "source": "s", "kind": "absence_after", "trigger": "cease_contact", "forbidden": "contact", "per": "customer"}"#;
    assert_eq!(violations(&csv, per_customer), ["b"]);
    let per_case = r#"{"id": "r", "title": "t", "source": "s", "kind": "absence_after", "trigger": "cease_contact", "forbidden": "contact"}"#;
    assert!(violations(&csv, per_case).is_empty());
}

#[test]
fn time_window_in_file_local_time_and_in_a_zone() {
    let csv = "case,activity,timestamp\n\
            a,Call attempted,2024-07-01T21:30:00+02:00\n\
            b,Call attempted,2024-07-01T20:59:00+02:00\n\
            c,Call attempted,2024-07-01T07:59:59+02:00\n";
    let rule = r#"{"id": "r", "title": "t", "source": "s", "kind": "time_window", "activity": "call_attempted", "from_hour": 8, "to_hour": 21}"#;
    assert_eq!(violations(csv, rule), ["a", "c"]);
    // New York changes to daylight time on 2024-03-10: 12:30 UTC is 08:30 EDT (allowed), while the
    // day before 12:30 UTC is 07:30 EST (too early).
    let ny = "case,activity,timestamp\nd,Call attempted,2024-03-10T12:30:00Z\ne,Call attempted,2024-03-09T12:30:00Z\n";
    let zoned = r#"{"id": "r", "title": "t", "source": "s", "kind": "time_window", "activity": "call_attempted", "from_hour": 8, "to_hour": 21, "time_zone": "America/New_York"}"#;
    assert_eq!(violations(ny, zoned), ["e"]);
    let weekdays = r#"{"id": "r", "title": "t", "source": "s", "kind": "time_window", "activity": "call_attempted", "from_hour": 0, "to_hour": 24, "weekdays": [1,2,3,4,5]}"#;
    // 2024-03-09 is a Saturday, 2024-03-10 a Sunday.
    assert_eq!(violations(ny, weekdays), ["d", "e"]);
}

#[test]
fn max_frequency_rolling_window_edges() {
    let mut csv = String::from(HEAD);
    // Customer C1: 8 calls, one every 20 hours (all within 7 days): the 8th breaks the limit.
    for i in 0..8 {
        csv.push_str(&format!(
            "a{},Call attempted,{},C1,,\n",
            i % 2,
            crate::calendar::format_iso_utc(i * 20 * 3_600_000)
        ));
    }
    // Customer C2: 8 calls exactly 24 hours apart: the 8th is 7 days after the first, outside its window.
    for i in 0..8 {
        csv.push_str(&format!(
            "b,Call attempted,{},C2,,\n",
            crate::calendar::format_iso_utc(i * 24 * 3_600_000)
        ));
    }
    let rule = r#"{"id": "r", "title": "t", "source": "s", "kind": "max_frequency", "activity": "call_attempted", "max": 7, "window_hours": 168, "per": "customer"}"#;
    assert_eq!(violations(&csv, rule), ["a1"]);
    let per_case = r#"{"id": "r", "title": "t", "source": "s", "kind": "max_frequency", "activity": "call_attempted", "max": 3, "window_hours": 168}"#;
    // Per case, at most 3 a week: a0 and a1 (4 calls each within 5 days) once each; b from its 4th
    // call on (4th..8th).
    assert_eq!(
        violations(&csv, per_case),
        ["a0", "a1", "b", "b", "b", "b", "b"]
    );
}

#[test]
fn payment_terms_and_late_fee() {
    let csv = format!(
            "{HEAD}a,Invoice created,2024-01-01T10:00:00Z,C1,2024-03-01,100\na,Payment received,2024-03-01T18:00:00Z,C1,2024-03-01,100\n\
             b,Invoice created,2024-01-01T10:00:00Z,C1,2024-03-05,200\nb,Payment received,2024-03-06T08:00:00Z,C1,2024-03-05,200\n\
             c,Invoice created,2024-02-01T10:00:00Z,C2,2024-03-01,300\nd,Invoice created,2024-03-20T10:00:00Z,C2,2024-04-19,50\n"
        );
    let terms = r#"{"id": "r", "title": "t", "source": "s", "kind": "max_terms", "max_days": 60}"#;
    assert_eq!(violations(&csv, terms), ["b"]);
    // b paid a day late; c unpaid past due at the log's end (2024-03-20); d not yet due.
    let fee = r#"{"id": "r", "title": "t", "source": "s", "kind": "late_payment_fee", "fee": 40}"#;
    assert_eq!(violations(&csv, fee), ["b", "c"]);
}

/// A built-in rule by id, with `edit` applied to its JSON.
fn builtin_rule(id: &str, edit: impl Fn(&mut serde_json::Value)) -> String {
    let rule = super::super::builtin_packs()
        .into_iter()
        .flat_map(|p| p.rules)
        .find(|r| r.id == id)
        .unwrap();
    let mut v = serde_json::to_value(&rule).unwrap();
    edit(&mut v);
    v.to_string()
}

#[test]
fn seven_in_seven_counts_per_debt_unless_told_per_debtor() {
    // One customer, two invoices, 8 calls within 7 days: 4 on each invoice.
    let mut csv = String::from(HEAD);
    for i in 0..8 {
        csv.push_str(&format!(
            "{},Call attempted,2024-03-0{}T{}:00:00Z,C1,,\n",
            if i % 2 == 0 { "inv1" } else { "inv2" },
            4 + i / 2,
            10 + i % 2
        ));
    }
    let per_debt = builtin_rule("regf-7-in-7", |_| {});
    assert!(per_debt.contains(r#""per":"case""#), "{per_debt}");
    assert!(violations(&csv, &per_debt).is_empty());
    let per_debtor = builtin_rule("regf-7-in-7", |v| v["per"] = "debtor".into());
    assert_eq!(violations(&csv, &per_debtor), ["inv2"]);
    // The older key names still read.
    let old = builtin_rule("regf-7-in-7", |v| v["per"] = "customer".into());
    assert_eq!(violations(&csv, &old), ["inv2"]);
}

#[test]
fn seven_consecutive_days_are_calendar_days() {
    // 8 calls on one debt from Monday 4 March 00:30 to Monday 11 March 00:10: fewer than 168 hours
    // apart, but no 7 consecutive days hold all 8 (the 1st is on day 1, the 8th on day 8).
    let mut csv = String::from(HEAD);
    for d in 4..=10 {
        csv.push_str(&format!("a,Call attempted,2024-03-{d:02}T00:30:00Z,C1,,\n"));
    }
    csv.push_str("a,Call attempted,2024-03-11T00:10:00Z,C1,,\n");
    let rule = builtin_rule("regf-7-in-7", |_| {});
    assert!(violations(&csv, &rule).is_empty());
    let hours = builtin_rule("regf-7-in-7", |v| {
        v.as_object_mut().unwrap().remove("window_days");
        v["window_hours"] = 168.into();
    });
    assert_eq!(violations(&csv, &hours), ["a"]);
    // A 9th call late on 10 March makes 8 calls within 4-10 March, and again within 5-11 March.
    csv.push_str("a,Call attempted,2024-03-10T23:00:00Z,C1,,\n");
    assert_eq!(violations(&csv, &rule), ["a", "a"]);
}

#[test]
fn the_conversation_day_is_day_one_of_the_quiet_week() {
    // Conversation on Monday 4 March 10:00: calls until Sunday 10 March are presumed harassment,
    // a call on Monday 11 March 09:00 (167 hours later) is not. Another debt is not affected.
    let csv = format!(
            "{HEAD}a,Call attempted,2024-03-04T09:55:00Z,C1,,\na,Conversation held,2024-03-04T10:00:00Z,C1,,\n\
             a,Call attempted,2024-03-04T15:00:00Z,C1,,\na,Call attempted,2024-03-10T23:00:00Z,C1,,\n\
             a,Call attempted,2024-03-11T09:00:00Z,C1,,\nb,Call attempted,2024-03-05T10:00:00Z,C1,,\n"
        );
    let rule = builtin_rule("regf-7-days-after-conversation", |_| {});
    let log = import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let r = check_one(&log, &rule);
    let times: Vec<&str> = r.details.iter().map(|d| d.time.as_str()).collect();
    assert_eq!(times, ["2024-03-04T15:00:00Z", "2024-03-10T23:00:00Z"]);
    assert!(r.details.iter().all(|d| d.case == "a"));
    assert!(r.notes[0].contains("per debt"), "{:?}", r.notes);
}

/// The result of one rule (JSON) on a log.
fn check_one(log: &crate::log::EventLog, rule: &str) -> super::super::RuleResult {
    let map = RoleMap::guess(log);
    let ctx = Context::new(log, &map);
    let sel = Selection::all(log);
    let inv = invoices(&ctx, &sel);
    let pack = RulePack::from_json(&format!(r#"{{"name": "t", "rules": [{rule}]}}"#)).unwrap();
    check(&ctx, &sel, &pack, &inv).remove(0)
}

#[test]
fn contact_hours_at_the_debtors_location() {
    // 09:30 in New York is 06:30 in Los Angeles; 08:00:00 sharp is not "after 8:00 a.m.".
    let csv = "case,activity,timestamp,time_zone\n\
            ny,Call attempted,2024-07-01T13:30:00Z,America/New_York\n\
            la,Call attempted,2024-07-01T13:30:00Z,America/Los_Angeles\n\
            both,Call attempted,2024-07-01T13:30:00Z,America/New_York; America/Los_Angeles\n\
            sharp,Call attempted,2024-07-01T12:00:00Z,America/New_York\n\
            unknown,Call attempted,2024-07-01T06:30:00-04:00,Mars/Base\n";
    let rule = builtin_rule("fdcpa-contact-hours", |_| {});
    assert_eq!(violations(csv, &rule), ["la", "both", "sharp", "unknown"]);
    let log = import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let r = check_one(&log, &rule);
    assert_eq!(
            r.notes[1],
            "1 of 5 contacts have no known time zone in column \"time_zone\": they were checked in the \
             local time written in the file, not at the debtor's location"
        );
    // Without the column, every call is checked in the file's local time (here UTC offsets).
    let plain = "case,activity,timestamp\na,Call attempted,2024-07-01T13:30:00Z\n";
    let log = import_bytes(plain.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let r = check_one(&log, &rule);
    assert!(r.details.is_empty());
    assert!(r.notes[1].starts_with("1 of 1 contacts have no known time zone"));
}

#[test]
fn forty_five_days_end_of_month() {
    // 2024 is a leap year. Issued 15 Jan: 60 days → 15 Mar; end of January + 45 → 16 Mar; 15 Jan +
    // 45 → 29 Feb, end of month 29 Feb. The latest is 16 Mar. Issued 20 Jan: 20 Jan + 45 = 5 Mar, end
    // of month 31 Mar.
    let csv = format!(
            "{HEAD}a,Invoice created,2024-01-15T10:00:00Z,C1,2024-03-16,1\nb,Invoice created,2024-01-15T10:00:00Z,C1,2024-03-17,1\n\
             c,Invoice created,2024-01-20T10:00:00Z,C1,2024-03-31,1\nd,Invoice created,2024-01-20T10:00:00Z,C1,2024-04-01,1\n"
        );
    let rule = builtin_rule("fr-payment-terms-60-days", |_| {});
    assert_eq!(violations(&csv, &rule), ["b", "d"]);
    let sixty = builtin_rule("fr-payment-terms-60-days", |v| {
        v.as_object_mut().unwrap().remove("end_of_month_days");
    });
    assert_eq!(violations(&csv, &sixty), ["a", "b", "c", "d"]);
}

#[test]
fn huge_reminder_levels_do_not_overflow() {
    let log = import_bytes(
        "case,activity,timestamp\na,Big one,2024-01-01\na,Reminder 1 sent,2024-01-02\n".as_bytes(),
        ImportOptions::default(),
    )
    .unwrap()
    .log;
    let mut map = RoleMap::guess(&log);
    map.activities.insert(
        "Big one".into(),
        crate::collections::ActivityRole::Reminder { level: 255 },
    );
    let ctx = Context::new(&log, &map);
    let sel = Selection::all(&log);
    let pack = RulePack::from_json(
            r#"{"name": "t", "rules": [{"id": "r", "title": "t", "source": "s", "kind": "level_order"}]}"#,
        )
        .unwrap();
    let r = check(&ctx, &sel, &pack, &[]);
    // Level 255 with nothing before it, then a level 1 after it.
    assert_eq!(r[0].violations, 2);
}

#[test]
fn absurd_numbers_are_refused_with_the_field_named() {
    let refused = |rule: &str| {
        RulePack::from_json(&format!(r#"{{"name": "p", "rules": [{rule}]}}"#))
            .unwrap_err()
            .to_string()
    };
    // (the rule, what the error says, whether the error starts with it)
    let cases = [
        (
            r#"{"id": "r1", "title": "t", "source": "s", "kind": "response", "trigger": "dispute_raised", "response": "dispute_resolved", "within_hours": 1e300}"#,
            r#"rule pack "p", rule "r1": "within_hours": expected a number of hours from 0 to 87600, got 1000"#,
            true,
        ),
        (
            r#"{"id": "r2", "title": "t", "source": "s", "kind": "not_before", "activity": "reminder", "date": "due_date", "grace_days": -1e300}"#,
            r#"rule "r2": "grace_days": expected a number of days"#,
            false,
        ),
        (
            r#"{"id": "r3", "title": "t", "source": "s", "kind": "late_payment_fee", "fee": 40, "grace_days": 1e300}"#,
            r#""grace_days""#,
            false,
        ),
        (
            r#"{"id": "r4", "title": "t", "source": "s", "kind": "max_frequency", "activity": "call_attempted", "max": 7, "window_hours": 168, "window_days": 7}"#,
            r#"give "window_hours" or "window_days", not both"#,
            false,
        ),
        (
            r#"{"id": "r5", "title": "t", "source": "s", "kind": "absence_after", "trigger": "conversation_held", "forbidden": "call_attempted", "within_days": 0}"#,
            r#""within_days": expected a number of days from 1"#,
            false,
        ),
        (
            r#"{"id": "r6", "title": "t", "source": "s", "kind": "time_window", "activity": "call_attempted", "from_hour": 21, "to_hour": 8}"#,
            r#""from_hour" (21) must be before "to_hour" (8)"#,
            false,
        ),
        (
            r#"{"id": "r7", "title": "t", "source": "s", "kind": "max_terms", "max_days": -60}"#,
            r#""max_days""#,
            false,
        ),
        // JSON has no infinity; a number too large for f64 is a parse error with its position.
        (
            r#"{"id": "r8", "title": "t", "source": "s", "kind": "response", "trigger": "a", "response": "b", "within_hours": 1e400}"#,
            "invalid rule pack",
            true,
        ),
    ];
    for (rule, says, at_start) in cases {
        let e = refused(rule);
        let found = if at_start {
            e.starts_with(says)
        } else {
            e.contains(says)
        };
        assert!(found, "{e}");
    }
}

#[test]
fn unvalidated_huge_windows_saturate_instead_of_overflowing() {
    // A pack built in code (or sent to the web worker) skips `from_json`'s checks.
    let csv =
        "case,activity,timestamp\na,Dispute raised,2024-01-01\na,Reminder 1 sent,2024-01-05\n";
    let log = import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let map = RoleMap::guess(&log);
    let ctx = Context::new(&log, &map);
    let sel = Selection::all(&log);
    let mut pack = RulePack::from_json(
            r#"{"name": "t", "rules": [{"id": "r", "title": "t", "source": "s", "kind": "response", "trigger": "dispute_raised", "response": "dispute_resolved", "within_hours": 1}]}"#,
        )
        .unwrap();
    if let super::super::RuleKind::Response { within_hours, .. } = &mut pack.rules[0].kind {
        *within_hours = 1e300;
    }
    // Before: `times[e] + i64::MAX` overflowed (a panic here, a wrapped deadline in release, so
    // every dispute was flagged). Now the deadline lies beyond the log's end: nothing is late yet.
    assert_eq!(check(&ctx, &sel, &pack, &[])[0].violations, 0);
}

#[test]
fn packs_parse_and_bad_packs_are_refused() {
    let packs = super::super::builtin_packs();
    assert_eq!(packs.len(), 3);
    assert!(packs
        .iter()
        .all(|p| p.rules.iter().all(|r| !r.source.is_empty())));
    for p in &packs {
        assert_eq!(&RulePack::from_json(&p.to_json()).unwrap(), p);
    }
    let bad_zone = r#"{"name": "x", "rules": [{"id": "r", "title": "t", "source": "s", "kind": "time_window", "activity": "call_attempted", "from_hour": 8, "to_hour": 21, "time_zone": "Mars/Base"}]}"#;
    assert!(RulePack::from_json(bad_zone)
        .unwrap_err()
        .to_string()
        .contains("unknown time zone"));
    let bad_kind =
        r#"{"name": "x", "rules": [{"id": "r", "title": "t", "source": "s", "kind": "teleport"}]}"#;
    assert!(RulePack::from_json(bad_kind)
        .unwrap_err()
        .to_string()
        .starts_with("invalid rule pack"));
}

#[test]
fn customer_groups_come_in_name_order_and_cases_without_one_stand_alone() {
    // Two calls a day apart per group, at most one a week: the second call of each group violates.
    // Cases "x" and "y" have no customer: each is its own group, never merged with the other.
    let mut csv = String::from("case,activity,timestamp,customer\n");
    for (case, customer) in [
        ("z1", "Zeta"),
        ("x", ""),
        ("a1", "Alpha"),
        ("y", ""),
        ("a2", "Alpha"),
        ("m", "Mu"),
        ("z2", "Zeta"),
    ] {
        csv.push_str(&format!(
            "{case},Call attempted,2024-01-01T09:00:00Z,{customer}\n"
        ));
        if !customer.is_empty() || case == "x" {
            csv.push_str(&format!(
                "{case},Call attempted,2024-01-02T09:00:00Z,{customer}\n"
            ));
        }
    }
    let rule = r#"{"id": "r", "title": "t", "source": "s", "kind": "max_frequency", "activity": "call_attempted", "max": 1, "window_hours": 168, "per": "customer"}"#;
    // Groups by name ("\0case 1" for x first), then Alpha, Mu, Zeta; y alone has one call, no
    // violation. Within a group, time order with ties in case order: Alpha's calls are a1, a2 on
    // day 1, then a1, a2 on day 2, so the 2nd to 4th violate.
    assert_eq!(
        violations(&csv, rule),
        ["x", "a2", "a1", "a2", "m", "z2", "z1", "z2"]
    );
}

/// A rule the log cannot answer says so instead of reporting 0 violations: a not-before rule on a log
/// without due dates, contact hours on dates without a time of day (regression: both said 0, and the
/// contact hours would have flagged every midnight).
#[test]
fn a_rule_the_log_cannot_answer_is_not_checked() {
    let no_due = "case,activity,timestamp\n\
            a,Invoice created,2024-01-01T10:00:00Z\na,Reminder 1 sent,2024-01-02T10:00:00Z\n";
    let log = import_bytes(no_due.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let rule = r#"{"id": "r", "title": "t", "source": "s", "kind": "not_before", "activity": "reminder", "date": "due_date"}"#;
    let r = check_one(&log, rule);
    assert!(!r.checked);
    assert_eq!(r.violations, 0);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("not checkable") && n.contains("due date")),
        "{:?}",
        r.notes
    );
    // With the due date on one case of two, the other is said to be unchecked, and the rule checked.
    let half = "case,activity,timestamp,due_date\n\
            a,Invoice created,2024-01-01T10:00:00Z,2024-01-31\na,Reminder 1 sent,2024-01-02T10:00:00Z,2024-01-31\n\
            b,Invoice created,2024-01-01T10:00:00Z,\nb,Reminder 1 sent,2024-01-02T10:00:00Z,\n";
    let log = import_bytes(half.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let r = check_one(&log, rule);
    assert!(r.checked);
    assert_eq!(r.violations, 1);
    assert!(
        r.notes.iter().any(|n| n.starts_with("1 of 2 cases")),
        "{:?}",
        r.notes
    );
    // Contacts dated without a time of day.
    let dates =
        "case,activity,timestamp\na,Call attempted,2024-07-01\nb,Call attempted,2024-07-02\n";
    let log = import_bytes(dates.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let hours = r#"{"id": "r", "title": "t", "source": "s", "kind": "time_window", "activity": "call_attempted", "from_hour": 8, "to_hour": 21}"#;
    let r = check_one(&log, hours);
    assert!(!r.checked && r.violations == 0, "{:?}", r.notes);
    assert!(r.notes.iter().any(|n| n.contains("without a time of day")));
}

/// "Payments are applied within 2 days" takes a clearing as the application, as the ledger's DSO does
/// (regression: a payment cleared the next day was a violation when the log had no "payment posted").
#[test]
fn a_clearing_applies_the_payment() {
    let csv = "case,activity,timestamp\n\
            a,Invoice created,2024-01-01T10:00:00Z\na,Payment received,2024-01-20T10:00:00Z\na,Invoice cleared,2024-01-21T10:00:00Z\n\
            b,Invoice created,2024-01-01T10:00:00Z\nb,Payment received,2024-01-20T10:00:00Z\nb,Invoice cleared,2024-01-25T10:00:00Z\n";
    let rule = builtin_rule("payment-posted-in-2-days", |_| {});
    assert_eq!(violations(csv, &rule), ["b"]);
}

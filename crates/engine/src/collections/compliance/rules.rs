//! Evaluation of each rule kind. Every function returns the violations, each tied to a case and, where
//! the rule is about an event, to that event.

use super::tz::Zone;
use super::{Activities, Per, RuleKind, Violation};
use crate::calendar::MS_PER_DAY;
use crate::collections::facts::{Context, Invoice};
use crate::collections::roles::ActivityRole;
use crate::filter::Selection;
use crate::import::ColumnRole;
use crate::log::{CaseIdx, Value};
use std::collections::BTreeMap;

const HOUR: f64 = 3_600_000.0;

/// Per activity id, whether it is one of `acts` (role keys, `reminder`, `dunning`, `contact`, or names).
fn matcher(ctx: &Context, acts: &Activities) -> Vec<bool> {
    let items = acts.items();
    ctx.log
        .activity_names()
        .zip(&ctx.roles)
        .map(|(name, &role)| {
            items.iter().any(|&it| match it {
                "reminder" => matches!(role, ActivityRole::Reminder { .. }),
                "dunning" => role.dunning_level().is_some(),
                "contact" => role.is_contact(),
                key => {
                    ActivityRole::from_key(key).is_some_and(|r| r == role && key != "reminder")
                        || name == key
                }
            })
        })
        .collect()
}

fn is(m: &[bool], ctx: &Context, e: usize) -> bool {
    m[ctx.log.activities()[e].index()]
}

fn name<'a>(ctx: &Context<'a>, e: usize) -> &'a str {
    ctx.log.activity_name(ctx.log.activities()[e])
}

fn days(ms: i64) -> String {
    format!("{:.1} days", ms as f64 / MS_PER_DAY as f64)
}

/// Evaluates one rule.
pub fn evaluate(
    ctx: &Context,
    sel: &Selection,
    kind: &RuleKind,
    invoices: &[Invoice],
) -> Vec<Violation> {
    let log = ctx.log;
    let times = log.times();
    let as_of = sel
        .cases(log)
        .filter(|(_, r)| !r.is_empty())
        .map(|(_, r)| times[r.end - 1])
        .max()
        .unwrap_or(0);
    let mut out = Vec::new();
    let mut push = |case: CaseIdx, event: Option<usize>, detail: String| {
        out.push(Violation {
            case,
            event,
            detail,
        })
    };
    match kind {
        RuleKind::Ordering { first, then } => {
            let (f, t) = (matcher(ctx, first), matcher(ctx, then));
            for (case, r) in sel.cases(log) {
                let fi = r.clone().find(|&e| is(&f, ctx, e));
                let ti = r.clone().find(|&e| is(&t, ctx, e));
                if let (Some(fi), Some(ti)) = (fi, ti) {
                    if ti < fi {
                        push(
                            case,
                            Some(ti),
                            format!("{} before {}", name(ctx, ti), name(ctx, fi)),
                        );
                    }
                }
            }
        }
        RuleKind::Precedence { required, activity } => {
            let (req, act) = (matcher(ctx, required), matcher(ctx, activity));
            for (case, r) in sel.cases(log) {
                let mut seen = false;
                for e in r {
                    if is(&act, ctx, e) && !seen {
                        push(
                            case,
                            Some(e),
                            format!(
                                "{} with no earlier {}",
                                name(ctx, e),
                                required.items().join(" or ")
                            ),
                        );
                    }
                    seen |= is(&req, ctx, e);
                }
            }
        }
        RuleKind::Response {
            trigger,
            response,
            within_hours,
        } => {
            let (tr, re) = (matcher(ctx, trigger), matcher(ctx, response));
            let within = (within_hours * HOUR) as i64;
            for (case, r) in sel.cases(log) {
                for e in r.clone().filter(|&e| is(&tr, ctx, e)) {
                    let deadline = times[e] + within;
                    let answered = (e + 1..r.end).any(|x| is(&re, ctx, x) && times[x] <= deadline);
                    if !answered && deadline <= as_of {
                        push(
                            case,
                            Some(e),
                            format!(
                                "{} not followed by {} within {within_hours} h",
                                name(ctx, e),
                                response.items().join(" or ")
                            ),
                        );
                    }
                }
            }
        }
        RuleKind::AbsenceAfter {
            trigger,
            forbidden,
            until,
            within_hours,
            per,
        } => {
            let (tr, fb) = (matcher(ctx, trigger), matcher(ctx, forbidden));
            let un = until.as_ref().map(|u| matcher(ctx, u));
            let within = within_hours.map(|h| (h * HOUR) as i64);
            for group in groups(ctx, sel, *per) {
                let mut since: Option<(i64, usize)> = None;
                for &(case, e) in &group {
                    let t = times[e];
                    if is(&fb, ctx, e) {
                        if let Some((s, te)) = since {
                            if within.is_none_or(|w| t - s <= w) && t >= s && e != te {
                                push(
                                    case,
                                    Some(e),
                                    format!(
                                        "{} {} after {}",
                                        name(ctx, e),
                                        days(t - s),
                                        name(ctx, te)
                                    ),
                                );
                            }
                        }
                    }
                    if un.as_ref().is_some_and(|u| is(u, ctx, e)) {
                        since = None;
                    }
                    if is(&tr, ctx, e) {
                        // With a time limit the latest trigger counts; otherwise the first one.
                        if within.is_some() || since.is_none() {
                            since = Some((t, e));
                        }
                    }
                }
            }
        }
        RuleKind::NotBefore {
            activity,
            date,
            grace_days,
        } => {
            let act = matcher(ctx, activity);
            let col = ColumnRole::from_key(date)
                .and_then(|role| match role {
                    ColumnRole::DueDate => ctx.due,
                    ColumnRole::PromiseDate => ctx.promise_date,
                    _ => None,
                })
                .or_else(|| log.attribute(date));
            let grace = (grace_days * MS_PER_DAY as f64) as i64;
            for (case, r) in sel.cases(log) {
                let limit = match col.map(|a| log.case_value(a, case)) {
                    Some(Value::Time(d)) => d + MS_PER_DAY + grace,
                    _ => match invoices.iter().find(|i| i.case == case).and_then(|i| i.due) {
                        Some(d) if date == "due_date" => d + MS_PER_DAY + grace,
                        _ => continue,
                    },
                };
                for e in r.filter(|&e| is(&act, ctx, e) && times[e] < limit) {
                    push(
                        case,
                        Some(e),
                        format!(
                            "{} {} before the end of the {}",
                            name(ctx, e),
                            days(limit - times[e]),
                            date.replace('_', " ")
                        ),
                    );
                }
            }
        }
        RuleKind::TimeWindow {
            activity,
            from_hour,
            to_hour,
            weekdays,
            time_zone,
        } => {
            let act = matcher(ctx, activity);
            let zone = time_zone.as_deref().and_then(Zone::parse);
            for (case, r) in sel.cases(log) {
                for e in r.filter(|&e| is(&act, ctx, e)) {
                    let local = match zone {
                        Some(z) => z.local_ms(times[e]),
                        None => log.local_time(e),
                    };
                    let hour = local.rem_euclid(MS_PER_DAY) as f64 / HOUR;
                    let weekday = (local.div_euclid(MS_PER_DAY) + 3).rem_euclid(7) as u8 + 1;
                    let in_hours = hour >= *from_hour && hour < *to_hour;
                    let on_day = weekdays.as_ref().is_none_or(|w| w.contains(&weekday));
                    if !in_hours || !on_day {
                        let c = crate::calendar::Civil::from_ms(local);
                        push(
                            case,
                            Some(e),
                            format!(
                                "{} at {:02}:{:02} local time{}",
                                name(ctx, e),
                                c.hour,
                                c.minute,
                                if on_day { "" } else { " on a day not allowed" }
                            ),
                        );
                    }
                }
            }
        }
        RuleKind::MaxFrequency {
            activity,
            max,
            window_hours,
            per,
        } => {
            let act = matcher(ctx, activity);
            let window = (window_hours * HOUR) as i64;
            for group in groups(ctx, sel, *per) {
                let hits: Vec<(CaseIdx, usize)> = group
                    .into_iter()
                    .filter(|&(_, e)| is(&act, ctx, e))
                    .collect();
                let mut i = 0;
                for j in 0..hits.len() {
                    while times[hits[j].1] - times[hits[i].1] >= window {
                        i += 1;
                    }
                    let n = j - i + 1;
                    if n > *max as usize {
                        let (case, e) = hits[j];
                        push(
                            case,
                            Some(e),
                            format!(
                                "{n} × {} within {window_hours} h",
                                activity.items().join("/")
                            ),
                        );
                    }
                }
            }
        }
        RuleKind::LevelOrder => {
            for (case, r) in sel.cases(log) {
                let mut highest = 0u8;
                for e in r {
                    match ctx.role(e) {
                        ActivityRole::Reminder { level } => {
                            if level > highest + 1 {
                                push(
                                    case,
                                    Some(e),
                                    format!(
                                        "{} with no level-{} reminder before",
                                        name(ctx, e),
                                        level - 1
                                    ),
                                );
                            } else if level < highest {
                                push(
                                    case,
                                    Some(e),
                                    format!("{} after a level-{highest} reminder", name(ctx, e)),
                                );
                            }
                            highest = highest.max(level);
                        }
                        ActivityRole::FinalNotice if highest == 0 => {
                            push(
                                case,
                                Some(e),
                                format!("{} with no reminder before", name(ctx, e)),
                            );
                        }
                        _ => {}
                    }
                }
            }
        }
        RuleKind::MaxTerms { max_days } => {
            for i in invoices {
                if let Some(d) = i.due {
                    let issue_day = i.issued.div_euclid(MS_PER_DAY) * MS_PER_DAY;
                    let term = (d - issue_day) as f64 / MS_PER_DAY as f64;
                    if term > *max_days {
                        push(i.case, None, format!("payment term of {term:.0} days"));
                    }
                }
            }
        }
        RuleKind::LatePaymentFee { grace_days, .. } => {
            let grace = (grace_days * MS_PER_DAY as f64) as i64;
            for i in invoices {
                let Some(d) = i.due else { continue };
                let late_from = d + MS_PER_DAY + grace;
                match i.paid {
                    Some(p) if p >= late_from => push(
                        i.case,
                        None,
                        format!("paid {} after the due date", days(p - d - MS_PER_DAY)),
                    ),
                    None if i.open_at(as_of) && as_of >= late_from => push(
                        i.case,
                        None,
                        format!("unpaid {} after the due date", days(as_of - d - MS_PER_DAY)),
                    ),
                    _ => {}
                }
            }
        }
    }
    out
}

/// Events grouped per case, or per customer across cases (time order, cases without a customer alone).
fn groups(ctx: &Context, sel: &Selection, per: Per) -> Vec<Vec<(CaseIdx, usize)>> {
    let log = ctx.log;
    match per {
        Per::Case => sel
            .cases(log)
            .map(|(c, r)| r.map(|e| (c, e)).collect())
            .collect(),
        Per::Customer => {
            let mut by: BTreeMap<String, Vec<(CaseIdx, usize)>> = BTreeMap::new();
            for (c, r) in sel.cases(log) {
                let key = ctx
                    .case_text(ctx.customer, c)
                    .unwrap_or_else(|| format!("\u{0}case {c}"));
                by.entry(key).or_default().extend(r.map(|e| (c, e)));
            }
            let times = log.times();
            by.into_values()
                .map(|mut v| {
                    // Stable: ties keep case order, then event order.
                    v.sort_by_key(|&(_, e)| times[e]);
                    v
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
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
        let terms =
            r#"{"id": "r", "title": "t", "source": "s", "kind": "max_terms", "max_days": 60}"#;
        assert_eq!(violations(&csv, terms), ["b"]);
        // b paid a day late; c unpaid past due at the log's end (2024-03-20); d not yet due.
        let fee =
            r#"{"id": "r", "title": "t", "source": "s", "kind": "late_payment_fee", "fee": 40}"#;
        assert_eq!(violations(&csv, fee), ["b", "c"]);
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
        let bad_kind = r#"{"name": "x", "rules": [{"id": "r", "title": "t", "source": "s", "kind": "teleport"}]}"#;
        assert!(RulePack::from_json(bad_kind)
            .unwrap_err()
            .to_string()
            .starts_with("invalid rule pack"));
    }
}

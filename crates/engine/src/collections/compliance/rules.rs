//! Evaluation of each rule kind. Every function returns the violations, each tied to a case and, where
//! the rule is about an event, to that event, and notes what it could not see.
//!
//! Durations from the pack become milliseconds through [`crate::validate::to_ms`] and are added with
//! saturating arithmetic: a pack that skipped [`super::RulePack::validate`] (built in code, or sent to
//! the web worker) gives a wrong window at worst, never an overflow.

use super::tz::Zone;
use super::{Activities, Per, RuleKind, Violation};
use crate::calendar::{start_of_next_month, MS_PER_DAY};
use crate::collections::facts::{Context, Invoice};
use crate::collections::roles::ActivityRole;
use crate::filter::Selection;
use crate::import::ColumnRole;
use crate::log::{Attribute, CaseIdx, Value, ValueKind};
use crate::validate::{to_ms, Unit};
use std::borrow::Cow;
use std::collections::BTreeMap;

const HOUR: f64 = 3_600_000.0;

/// The local wall-clock time of an event, in milliseconds: in `zone` when given, else as written in the
/// file.
fn local(ctx: &Context, zone: Option<Zone>, e: usize) -> i64 {
    match zone {
        Some(z) => z.local_ms(ctx.log.times()[e]),
        None => ctx.log.local_time(e),
    }
}

/// The local calendar day of an event (days since 1970-01-01).
fn local_day(ctx: &Context, zone: Option<Zone>, e: usize) -> i64 {
    local(ctx, zone, e).div_euclid(MS_PER_DAY)
}

/// "in the file's local time" or "in Europe/Paris", for notes.
fn clock_name(zone: Option<&str>) -> String {
    match zone {
        Some(z) => format!("in {z}"),
        None => "in the local time written in the file".into(),
    }
}

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

/// Evaluates one rule: every violation, with the words of the first `max_details` of them.
pub fn evaluate(
    ctx: &Context,
    sel: &Selection,
    kind: &RuleKind,
    invoices: &[Invoice],
    notes: &mut Vec<String>,
    checked: &mut bool,
    max_details: usize,
) -> Vec<Violation> {
    let log = ctx.log;
    let times = log.times();
    let as_of = sel
        .cases(log)
        .filter(|(_, r)| !r.is_empty())
        .map(|(_, r)| times[r.end - 1])
        .max()
        .unwrap_or(0);
    let mut sink = Sink {
        out: Vec::new(),
        max_details,
    };
    let mut push = |case: CaseIdx, event: Option<usize>, detail: &dyn Fn() -> String| {
        sink.push(case, event, detail)
    };
    match kind {
        RuleKind::Ordering { first, then } => {
            let (f, t) = (matcher(ctx, first), matcher(ctx, then));
            for (case, r) in sel.cases(log) {
                let fi = r.clone().find(|&e| is(&f, ctx, e));
                let ti = r.clone().find(|&e| is(&t, ctx, e));
                if let (Some(fi), Some(ti)) = (fi, ti) {
                    if ti < fi {
                        push(case, Some(ti), &|| {
                            format!("{} before {}", name(ctx, ti), name(ctx, fi))
                        });
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
                        push(case, Some(e), &|| {
                            format!(
                                "{} with no earlier {}",
                                name(ctx, e),
                                required.items().join(" or ")
                            )
                        });
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
            let within = to_ms(*within_hours, Unit::Hours);
            for (case, r) in sel.cases(log) {
                for e in r.clone().filter(|&e| is(&tr, ctx, e)) {
                    let deadline = times[e].saturating_add(within);
                    let answered = (e + 1..r.end).any(|x| is(&re, ctx, x) && times[x] <= deadline);
                    if !answered && deadline <= as_of {
                        push(case, Some(e), &|| {
                            format!(
                                "{} not followed by {} within {within_hours} h",
                                name(ctx, e),
                                response.items().join(" or ")
                            )
                        });
                    }
                }
            }
        }
        RuleKind::AbsenceAfter {
            trigger,
            forbidden,
            until,
            within_hours,
            within_days,
            per,
            time_zone,
        } => {
            let (tr, fb) = (matcher(ctx, trigger), matcher(ctx, forbidden));
            let un = until.as_ref().map(|u| matcher(ctx, u));
            let within = within_hours.map(|h| to_ms(h, Unit::Hours));
            let zone = time_zone.as_deref().and_then(Zone::parse);
            // Calendar days: the trigger's day is day 1, so the ban ends with day `within_days`.
            let in_ban = |s: i64, te: usize, t: i64, e: usize| match (within, within_days) {
                (Some(w), _) => t.saturating_sub(s) <= w,
                (None, Some(d)) => {
                    local_day(ctx, zone, e) - local_day(ctx, zone, te) < i64::from(*d)
                }
                (None, None) => true,
            };
            let timed = within.is_some() || within_days.is_some();
            let relevant = |e: usize| {
                is(&fb, ctx, e) || is(&tr, ctx, e) || un.as_ref().is_some_and(|u| is(u, ctx, e))
            };
            for_each_group(ctx, sel, *per, &relevant, |group| {
                let mut since: Option<(i64, usize)> = None;
                for &(case, e) in group {
                    let t = times[e];
                    if is(&fb, ctx, e) {
                        if let Some((s, te)) = since {
                            if t >= s && e != te && in_ban(s, te, t, e) {
                                push(case, Some(e), &|| {
                                    format!(
                                        "{} {} after {}",
                                        name(ctx, e),
                                        days(t - s),
                                        name(ctx, te)
                                    )
                                });
                            }
                        }
                    }
                    if un.as_ref().is_some_and(|u| is(u, ctx, e)) {
                        since = None;
                    }
                    if is(&tr, ctx, e) {
                        // With a time limit the latest trigger counts; otherwise the first one.
                        if timed || since.is_none() {
                            since = Some((t, e));
                        }
                    }
                }
            });
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
            let grace = to_ms(*grace_days, Unit::Days);
            let end_of = |d: i64| d.saturating_add(MS_PER_DAY).saturating_add(grace);
            // The invoices' due dates by case, for cases whose column has none (one pass, not one
            // search per case).
            let mut due_of: Vec<Option<i64>> = Vec::new();
            if date == "due_date" {
                due_of = vec![None; log.case_count()];
                for i in invoices {
                    if let Some(slot) = due_of.get_mut(i.case) {
                        *slot = i.due;
                    }
                }
            }
            // Cases with the activity, and of those the ones with no date to compare it with.
            let (mut concerned, mut undated) = (0u64, 0u64);
            for (case, r) in sel.cases(log) {
                let limit = match col.map(|a| log.case_value(a, case)) {
                    Some(Value::Time(d)) => Some(end_of(d)),
                    _ => due_of.get(case).copied().flatten().map(end_of),
                };
                // One pass over the case's events: whether it is concerned, and its violations.
                let mut seen = false;
                for e in r.filter(|&e| is(&act, ctx, e)) {
                    seen = true;
                    let Some(limit) = limit else { break };
                    if times[e] >= limit {
                        continue;
                    }
                    push(case, Some(e), &|| {
                        format!(
                            "{} {} before the end of the {}",
                            name(ctx, e),
                            days(limit.saturating_sub(times[e])),
                            date.replace('_', " ")
                        )
                    });
                }
                concerned += u64::from(seen);
                undated += u64::from(seen && limit.is_none());
            }
            // A rule that had nothing to compare with was not checked: its 0 would be a guess.
            let what = date.replace('_', " ");
            if concerned > 0 && undated == concerned {
                *checked = false;
                notes.push(format!(
                    "not checkable on this log: none of the {concerned} cases concerned has a {what}"
                ));
            } else if undated > 0 {
                notes.push(format!(
                    "{undated} of {concerned} cases concerned have no {what} and were not checked"
                ));
            }
        }
        RuleKind::TimeWindow {
            activity,
            from_hour,
            from_exclusive,
            to_hour,
            weekdays,
            time_zone,
            time_zone_column,
        } => {
            let act = matcher(ctx, activity);
            let zone = time_zone.as_deref().and_then(Zone::parse);
            let column = time_zone_column.as_deref().map(|c| (c, log.attribute(c)));
            // Zones named in the column, parsed once per distinct text.
            let mut parsed: BTreeMap<Cow<str>, Vec<Zone>> = BTreeMap::new();
            // Dates without a time of day (every contact at local midnight) cannot say when in the
            // day a contact was made: the rule is not checked rather than every contact flagged.
            let mut contacts = sel
                .cases(log)
                .flat_map(|(_, r)| r.filter(|&e| is(&act, ctx, e)))
                .peekable();
            let any = contacts.peek().is_some();
            if any && contacts.all(|e| local(ctx, zone, e).rem_euclid(MS_PER_DAY) == 0) {
                *checked = false;
                notes.push(
                    "not checkable on this log: its contacts have dates without a time of day"
                        .to_string(),
                );
                return sink.out;
            }
            let (mut checked, mut fallback) = (0u64, 0u64);
            for (case, r) in sel.cases(log) {
                for e in r.filter(|&e| is(&act, ctx, e)) {
                    checked += 1;
                    let text = match column {
                        Some((_, Some(a))) => ctx.event_str(Some(a), e, case),
                        _ => None,
                    };
                    if let Some(t) = &text {
                        if !parsed.contains_key(t) {
                            let zones = t
                                .split([';', ',', '|'])
                                .filter_map(|z| Zone::parse(z.trim()))
                                .collect();
                            parsed.insert(t.clone(), zones);
                        }
                    }
                    let own: &[Zone] = text
                        .as_ref()
                        .and_then(|t| parsed.get(t))
                        .map_or(&[], |z| z.as_slice());
                    if column.is_some() && own.is_empty() {
                        fallback += 1;
                    }
                    // Every possible location of the debtor must be within the hours.
                    let clocks: Vec<i64> = if own.is_empty() {
                        vec![local(ctx, zone, e)]
                    } else {
                        own.iter().map(|z| z.local_ms(times[e])).collect()
                    };
                    let bad = clocks.iter().find(|&&local| {
                        let hour = local.rem_euclid(MS_PER_DAY) as f64 / HOUR;
                        let weekday = (local.div_euclid(MS_PER_DAY) + 3).rem_euclid(7) as u8 + 1;
                        let after_start = if *from_exclusive {
                            hour > *from_hour
                        } else {
                            hour >= *from_hour
                        };
                        let in_hours = after_start && hour < *to_hour;
                        let on_day = weekdays.as_ref().is_none_or(|w| w.contains(&weekday));
                        !in_hours || !on_day
                    });
                    if let Some(&local) = bad {
                        let weekday = (local.div_euclid(MS_PER_DAY) + 3).rem_euclid(7) as u8 + 1;
                        let on_day = weekdays.as_ref().is_none_or(|w| w.contains(&weekday));
                        let c = crate::calendar::Civil::from_ms(local);
                        push(case, Some(e), &|| {
                            format!(
                                "{} at {:02}:{:02} local time{}",
                                name(ctx, e),
                                c.hour,
                                c.minute,
                                if on_day { "" } else { " on a day not allowed" }
                            )
                        });
                    }
                }
            }
            if let Some((col, _)) = column {
                if fallback > 0 {
                    notes.push(format!(
                        "{fallback} of {checked} contacts have no known time zone in column \"{col}\": \
                         they were checked {}, not at the debtor's location",
                        clock_name(time_zone.as_deref())
                    ));
                }
            }
        }
        RuleKind::MaxFrequency {
            activity,
            max,
            window_hours,
            window_days,
            per,
            time_zone,
        } => {
            let act = matcher(ctx, activity);
            let zone = time_zone.as_deref().and_then(Zone::parse);
            let what = activity.items().join("/");
            for_each_group(ctx, sel, *per, &|e| is(&act, ctx, e), |group| {
                // Each hit with its position on the window's scale: instants, or local calendar days.
                let mut hits: Vec<(i64, CaseIdx, usize)> = group
                    .iter()
                    .map(|&(c, e)| match window_hours {
                        Some(_) => (times[e], c, e),
                        None => (local_day(ctx, zone, e), c, e),
                    })
                    .collect();
                // Local days follow the instants except when offsets differ between events; a stable
                // sort keeps time order within a day.
                hits.sort_by_key(|h| h.0);
                let (width, unit) = match (window_hours, window_days) {
                    (Some(h), _) => (to_ms(*h, Unit::Hours), format!("{h} h")),
                    (None, Some(d)) => (i64::from(*d), format!("{d} consecutive days")),
                    (None, None) => return,
                };
                let mut i = 0;
                for j in 0..hits.len() {
                    while hits[j].0.saturating_sub(hits[i].0) >= width {
                        i += 1;
                    }
                    let n = j - i + 1;
                    if n > *max as usize {
                        let (_, case, e) = hits[j];
                        push(case, Some(e), &|| format!("{n} × {what} within {unit}"));
                    }
                }
            });
        }
        RuleKind::LevelOrder => {
            for (case, r) in sel.cases(log) {
                let mut highest = 0u8;
                for e in r {
                    match ctx.role(e) {
                        ActivityRole::Reminder { level } => {
                            if level > highest.saturating_add(1) {
                                push(case, Some(e), &|| {
                                    format!(
                                        "{} with no level-{} reminder before",
                                        name(ctx, e),
                                        level - 1
                                    )
                                });
                            } else if level < highest {
                                push(case, Some(e), &|| {
                                    format!("{} after a level-{highest} reminder", name(ctx, e))
                                });
                            }
                            highest = highest.max(level);
                        }
                        ActivityRole::FinalNotice if highest == 0 => {
                            push(case, Some(e), &|| {
                                format!("{} with no reminder before", name(ctx, e))
                            });
                        }
                        _ => {}
                    }
                }
            }
        }
        RuleKind::MaxTerms {
            max_days,
            end_of_month_days,
        } => {
            for i in invoices {
                if let Some(d) = i.due {
                    let issue_day = i.issued.div_euclid(MS_PER_DAY) * MS_PER_DAY;
                    let mut limit = issue_day.saturating_add(to_ms(*max_days, Unit::Days));
                    if let Some(eom) = end_of_month_days {
                        let eom = to_ms(*eom, Unit::Days);
                        let end_of_month = |t: i64| start_of_next_month(t) - MS_PER_DAY;
                        // "45 jours fin de mois": end of the issue month + 45 days, or issue + 45 days
                        // then to the end of that month; either is accepted, so the later one decides.
                        limit = limit
                            .max(end_of_month(issue_day).saturating_add(eom))
                            .max(end_of_month(issue_day.saturating_add(eom)));
                    }
                    if d > limit {
                        let term = (d - issue_day) as f64 / MS_PER_DAY as f64;
                        let allowed = (limit - issue_day) as f64 / MS_PER_DAY as f64;
                        push(i.case, None, &|| {
                            format!("payment term of {term:.0} days (at most {allowed:.0} allowed)")
                        });
                    }
                }
            }
        }
        RuleKind::LatePaymentFee { grace_days, .. } => {
            let grace = to_ms(*grace_days, Unit::Days);
            for i in invoices {
                let Some(d) = i.due else { continue };
                let late_from = d.saturating_add(MS_PER_DAY).saturating_add(grace);
                match i.paid {
                    Some(p) if p >= late_from => push(i.case, None, &|| {
                        format!(
                            "paid {} after the due date",
                            days(p.saturating_sub(d).saturating_sub(MS_PER_DAY))
                        )
                    }),
                    None if i.open_at(as_of) && as_of >= late_from => push(i.case, None, &|| {
                        format!(
                            "unpaid {} after the due date",
                            days(as_of.saturating_sub(d).saturating_sub(MS_PER_DAY))
                        )
                    }),
                    _ => {}
                }
            }
        }
    }
    sink.out
}

/// Where a rule's violations go: each one counted, the words of only the first `max_details` written
/// (on 10 million events a rule can have 700,000 violations; formatting them all took seconds).
struct Sink {
    out: Vec<Violation>,
    max_details: usize,
}

impl Sink {
    fn push(&mut self, case: CaseIdx, event: Option<usize>, detail: &dyn Fn() -> String) {
        let detail = if self.out.len() < self.max_details {
            detail()
        } else {
            String::new()
        };
        self.out.push(Violation {
            case,
            event,
            detail,
        });
    }
}

/// A rule's events of one case or one customer: (case, event), in time order.
type Group = Vec<(CaseIdx, usize)>;

/// Calls `visit` with the events grouped per case, or per customer across cases (time order, cases
/// without a customer alone).
fn for_each_group(
    ctx: &Context,
    sel: &Selection,
    per: Per,
    keep: &dyn Fn(usize) -> bool,
    mut visit: impl FnMut(&[(CaseIdx, usize)]),
) {
    // Only the events a rule looks at (`keep`), and only groups that have some: most events of most
    // cases are irrelevant to any one rule, and 10 million events make a million groups. Per case,
    // one buffer serves every group.
    match per {
        Per::Case => {
            let mut group = Vec::new();
            for (c, r) in sel.cases(ctx.log) {
                group.clear();
                group.extend(r.filter(|&e| keep(e)).map(|e| (c, e)));
                if !group.is_empty() {
                    visit(&group);
                }
            }
        }
        Per::Customer => customer_groups_by_time(ctx, sel, keep)
            .iter()
            .for_each(|g| visit(g)),
    }
}

/// Events grouped per customer across cases, each group in time order.
fn customer_groups_by_time(
    ctx: &Context,
    sel: &Selection,
    keep: &dyn Fn(usize) -> bool,
) -> Vec<Group> {
    let log = ctx.log;
    let times = log.times();
    let by_time = |mut v: Group| {
        // Stable: ties keep case order, then event order.
        v.sort_by_key(|&(_, e)| times[e]);
        v
    };
    if let Some(a) = ctx.customer.filter(|a| a.kind() == ValueKind::Text) {
        return customer_groups(ctx, sel, a, keep)
            .into_iter()
            .map(by_time)
            .collect();
    }
    // Keyed by the customer's value as the log holds it (no copy per case); cases without a
    // customer are groups of their own.
    let mut by: BTreeMap<Cow<str>, Group> = BTreeMap::new();
    for (c, r) in sel.cases(log) {
        let mut events = r.filter(|&e| keep(e)).map(|e| (c, e)).peekable();
        if events.peek().is_none() {
            continue;
        }
        let key = match ctx.customer.map(|a| log.case_value(a, c)) {
            None | Some(Value::Missing) => Cow::Owned(format!("\u{0}case {c}")),
            Some(Value::Text(s)) => Cow::Borrowed(s),
            Some(other) => Cow::Owned(other.display()),
        };
        by.entry(key).or_default().extend(events);
    }
    by.into_values().map(by_time).collect()
}

/// The events `keep` selects, per customer of a text column, in the order of their names (a case
/// without a customer is a group of its own, named `"\0case {c}"`), as a map by name gives them. Keyed by the column's dictionary keys, so a million cases cost a million array
/// look-ups, not a million searches comparing names.
fn customer_groups(
    ctx: &Context,
    sel: &Selection,
    customer: &Attribute,
    keep: &dyn Fn(usize) -> bool,
) -> Vec<Group> {
    let log = ctx.log;
    let mut by_key: Vec<Group> = vec![Vec::new(); customer.distinct_text()];
    let mut alone: Vec<(String, Group)> = Vec::new();
    for (c, r) in sel.cases(log) {
        let mut events = r.filter(|&e| keep(e)).map(|e| (c, e)).peekable();
        if events.peek().is_none() {
            continue;
        }
        match log
            .case_text_key(customer, c)
            .and_then(|k| by_key.get_mut(k as usize))
        {
            Some(group) => group.extend(events),
            None => alone.push((format!("\u{0}case {c}"), events.collect())),
        }
    }
    // One group per name, sorted by it: a few thousand names, not a million.
    let mut named: Vec<(Cow<str>, Group)> = alone
        .into_iter()
        .map(|(name, g)| (Cow::Owned(name), g))
        .collect();
    for (k, g) in by_key.into_iter().enumerate() {
        if let (false, Some(name)) = (g.is_empty(), customer.text_of_key(k as u32)) {
            named.push((Cow::Borrowed(name), g));
        }
    }
    named.sort_by(|x, y| x.0.cmp(&y.0));
    named.into_iter().map(|(_, g)| g).collect()
}

#[cfg(test)]
mod tests;

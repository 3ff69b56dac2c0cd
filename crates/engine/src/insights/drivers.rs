//! Drivers: every attribute turned into a few groups of cases, as known when the case started.
//!
//! - Case attributes give the case's value; event attributes the value on the case's first event (in the
//!   log, whatever a filter trimmed), since a value recorded later may be a consequence of the outcome.
//!   An event attribute first recorded after the first event in most cases (a reminder's channel, a
//!   dispute reason) is skipped, and so are the columns the collections roles mark as the process's own
//!   doing (dunning level, channel, dispute reason, promise date).
//! - Text values are groups as they are; numbers with at most 12 distinct values too, other numbers
//!   fall in quintile bands ([`crate::analysis::bands`]); dates give two drivers, month of year and day
//!   of week (UTC). The resource of the first event is a driver named `resource` (or the file's column
//!   name, when known).
//! - A column with a distinct value for (nearly) every case is an identifier and is skipped; values
//!   with fewer than `max(min_cases, min_share × cases)` cases are pooled into "other"; a column left
//!   with a single group is skipped. Every skip is listed with its reason.

use super::{InsightsOptions, Skipped};
use crate::analysis::bands::Bands;
use crate::collections::RoleMap;
use crate::filter::Selection;
use crate::import::ColumnRole;
use crate::log::columns::{format_number, MISSING_KEY, MISSING_TIME};
use crate::log::{Attribute, CaseIdx, EventLog, Scope, Values};

/// No level: the case is outside the population.
pub const NONE: u32 = u32::MAX;

/// English month names (the values of a "(month)" driver; [`super::text`] translates them).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// English day names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The label of the pooled rare values.
pub const OTHER: &str = "other";
/// The label of cases without a value.
pub const MISSING: &str = "(missing)";

/// One driver: a grouping of the population's cases.
#[derive(Debug, Clone)]
pub struct Driver {
    /// Column name as in the file, with ` (month)` / ` (weekday)` for dates.
    pub attribute: String,
    /// Group labels, indexed by level.
    pub levels: Vec<String>,
    /// Per case of the log, its level ([`NONE`] outside the population).
    pub level: Vec<u32>,
    /// A confounder candidate: the segment column or the amount bands.
    pub segment_like: bool,
}

impl Driver {
    /// The level with this label.
    pub fn find(&self, label: &str) -> Option<u32> {
        self.levels
            .iter()
            .position(|l| l == label)
            .map(|i| i as u32)
    }
}

/// The drivers of a population and what was left out.
#[derive(Debug, Clone, Default)]
pub struct Drivers {
    /// Usable drivers, in column order.
    pub drivers: Vec<Driver>,
    /// Columns skipped or values pooled, with the reason.
    pub skipped: Vec<Skipped>,
}

/// Raw per-case keys of one column before pooling.
struct Raw {
    /// Per log case, a key into `labels` (or [`NONE`]).
    key: Vec<u32>,
    /// Number of keys; `missing` is the key of "no value".
    keys: usize,
    missing: u32,
    /// Whether groups keep their key order (bands, months) rather than size order.
    ordered: bool,
}

/// Builds the drivers of the population's cases.
pub fn drivers(
    log: &EventLog,
    population: &Selection,
    map: &RoleMap,
    opts: &InsightsOptions,
) -> Drivers {
    let cases: Vec<CaseIdx> = population
        .cases(log)
        .filter(|(_, r)| !r.is_empty())
        .map(|(c, _)| c)
        .collect();
    let threshold = opts
        .min_cases
        .max((opts.min_share * cases.len() as f64).ceil() as u64);
    let mut out = Drivers::default();
    let first = |c: CaseIdx| log.case_events(c).start;
    for attr in log.attributes() {
        let role = map.attributes.get(&attr.name).copied().unwrap_or(attr.role);
        if let Some(reason) = role_reason(role) {
            out.skipped.push(Skipped {
                attribute: attr.name.clone(),
                reason,
            });
            continue;
        }
        if attr.scope == Scope::Event {
            let (early, late) = first_recorded(log, attr, &cases, opts.as_of_ms);
            if late > early {
                out.skipped.push(Skipped {
                    attribute: attr.name.clone(),
                    reason: format!(
                        "first recorded after the case's first event in {late} of {} cases: a value \
                         known only later could be a consequence of the outcome",
                        early + late
                    ),
                });
                continue;
            }
        }
        let row = |c: CaseIdx| match attr.scope {
            Scope::Case => c,
            Scope::Event => first(c),
        };
        match &attr.values {
            Values::Text { keys, dict } => {
                let missing = dict.len() as u32;
                let mut key = vec![NONE; log.case_count()];
                for &c in &cases {
                    let k = keys.get(row(c)).copied().unwrap_or(MISSING_KEY);
                    key[c] = if k == MISSING_KEY { missing } else { k };
                }
                let raw = Raw {
                    key,
                    keys: dict.len() + 1,
                    missing,
                    ordered: false,
                };
                let label = |k: u32| dict.get(k).to_string();
                finish(&attr.name, role, raw, &cases, threshold, &label, &mut out);
            }
            Values::Number(v) => {
                let at = |c: CaseIdx| v.get(row(c)).copied().unwrap_or(f64::NAN);
                let mut distinct: Vec<f64> = cases
                    .iter()
                    .map(|&c| at(c))
                    .filter(|x| x.is_finite())
                    .collect();
                let with_value = distinct.len();
                distinct.sort_by(f64::total_cmp);
                let all = distinct.clone();
                distinct.dedup();
                let integers = distinct.iter().all(|x| x.fract() == 0.0);
                if role != ColumnRole::Amount
                    && integers
                    && with_value >= 5
                    && distinct.len() as f64 >= 0.9 * with_value as f64
                {
                    out.skipped
                        .push(identifier(&attr.name, distinct.len(), with_value));
                    continue;
                }
                // Each case's level (`levels` of them, in order), one more for a missing value.
                let ordered = |levels: usize, level: &dyn Fn(f64) -> usize| {
                    let missing = levels as u32;
                    let mut key = vec![NONE; log.case_count()];
                    for &c in &cases {
                        let x = at(c);
                        key[c] = if x.is_finite() {
                            level(x) as u32
                        } else {
                            missing
                        };
                    }
                    Raw {
                        key,
                        keys: levels + 1,
                        missing,
                        ordered: true,
                    }
                };
                if distinct.len() <= 12 {
                    let raw = ordered(distinct.len(), &|x| distinct.partition_point(|&d| d < x));
                    let label = |k: u32| format_number(distinct[k as usize]);
                    finish(&attr.name, role, raw, &cases, threshold, &label, &mut out);
                } else if let Some(bands) = Bands::of(&all) {
                    let raw = ordered(bands.len(), &|x| bands.band(x));
                    // "2. 1 200 – 5 400" → "1 200 – 5 400": the order is kept by the level index.
                    let label = |k: u32| {
                        let l = bands.band_label(k as usize);
                        l.split_once(". ").map(|(_, t)| t.to_string()).unwrap_or(l)
                    };
                    finish(&attr.name, role, raw, &cases, threshold, &label, &mut out);
                } else {
                    out.skipped.push(Skipped {
                        attribute: attr.name.clone(),
                        reason: "a single value for every case".into(),
                    });
                }
            }
            Values::Time(v) => {
                let at = |c: CaseIdx| v.get(row(c)).copied().unwrap_or(MISSING_TIME);
                for (suffix, n, part) in [("month", 12usize, 0u8), ("weekday", 7usize, 1u8)] {
                    let mut key = vec![NONE; log.case_count()];
                    for &c in &cases {
                        let t = at(c);
                        key[c] = if t == MISSING_TIME {
                            n as u32
                        } else if part == 0 {
                            let (_, m, _) = crate::calendar::civil_from_days(
                                t.div_euclid(crate::calendar::MS_PER_DAY),
                            );
                            m - 1
                        } else {
                            crate::calendar::weekday(t)
                        };
                    }
                    let raw = Raw {
                        key,
                        keys: n + 1,
                        missing: n as u32,
                        ordered: true,
                    };
                    let label = |k: u32| {
                        if part == 0 {
                            MONTHS[k as usize % 12].to_string()
                        } else {
                            WEEKDAYS[k as usize % 7].to_string()
                        }
                    };
                    let name = format!("{} ({suffix})", attr.name);
                    finish(&name, role, raw, &cases, threshold, &label, &mut out);
                }
            }
        }
    }
    // The resource of the first event.
    if log.resource_count() > 0 {
        let res = log.resources();
        let missing = log.resource_count() as u32;
        let mut key = vec![NONE; log.case_count()];
        for &c in &cases {
            let r = res[first(c)];
            key[c] = if r.is_some() { r.0 } else { missing };
        }
        let raw = Raw {
            key,
            keys: log.resource_count() + 1,
            missing,
            ordered: false,
        };
        let label = |k: u32| {
            log.resource_name(crate::ResourceId(k))
                .unwrap_or_default()
                .to_string()
        };
        finish(
            &opts.resource_label,
            ColumnRole::Resource,
            raw,
            &cases,
            threshold,
            &label,
            &mut out,
        );
    }
    out
}

/// Why a column with this role is no driver.
fn role_reason(role: ColumnRole) -> Option<String> {
    match role {
        ColumnRole::DunningLevel
        | ColumnRole::Channel
        | ColumnRole::DisputeReason
        | ColumnRole::PromiseDate => Some(format!(
            "recorded by the collections process itself ({}): a consequence of late payment, not a \
             driver of it",
            role.key().replace('_', " ")
        )),
        ColumnRole::Lifecycle => Some("lifecycle transition of each event, not of the case".into()),
        ColumnRole::Case
        | ColumnRole::Activity
        | ColumnRole::Timestamp
        | ColumnRole::StartTimestamp
        | ColumnRole::Resource
        | ColumnRole::Ignore => Some(format!("{} column", role.key().replace('_', " "))),
        _ => None,
    }
}

/// Per population case, whether an event attribute has a value on the first event (`early`) or only on
/// a later one (`late`), looking at events up to `as_of` when set (the forecast asks as of past dates:
/// what was recorded after one must not decide whether a column is a driver then).
fn first_recorded(
    log: &EventLog,
    attr: &Attribute,
    cases: &[CaseIdx],
    as_of: Option<i64>,
) -> (u64, u64) {
    let times = log.times();
    let (mut early, mut late) = (0, 0);
    for &c in cases {
        let mut r = log.case_events(c);
        if r.next().is_some_and(|e| !attr.get(e).is_missing()) {
            early += 1;
        } else if r
            .take_while(|&e| as_of.is_none_or(|t| times[e] <= t))
            .any(|e| !attr.get(e).is_missing())
        {
            late += 1;
        }
    }
    (early, late)
}

fn identifier(name: &str, distinct: usize, cases: usize) -> Skipped {
    Skipped {
        attribute: name.to_string(),
        reason: format!("looks like an identifier ({distinct} distinct values for {cases} cases)"),
    }
}

/// Pools rare keys into "other", orders the levels and adds the driver (or the reason it is skipped).
fn finish(
    name: &str,
    role: ColumnRole,
    raw: Raw,
    cases: &[CaseIdx],
    threshold: u64,
    label: &dyn Fn(u32) -> String,
    out: &mut Drivers,
) {
    let mut counts = vec![0u64; raw.keys];
    for &c in cases {
        counts[raw.key[c] as usize] += 1;
    }
    let with_value = cases.len() as u64 - counts[raw.missing as usize];
    let distinct = counts
        .iter()
        .enumerate()
        .filter(|&(k, &n)| n > 0 && k as u32 != raw.missing)
        .count();
    if !raw.ordered && with_value >= 5 && distinct as f64 >= 0.9 * with_value as f64 {
        out.skipped
            .push(identifier(name, distinct, with_value as usize));
        return;
    }
    let mut kept: Vec<u32> = (0..raw.keys as u32)
        .filter(|&k| counts[k as usize] >= threshold)
        .collect();
    if !raw.ordered {
        // Largest groups first, "(missing)" after the values.
        kept.sort_by(|&a, &b| {
            (a == raw.missing)
                .cmp(&(b == raw.missing))
                .then(counts[b as usize].cmp(&counts[a as usize]))
                .then_with(|| label(a).cmp(&label(b)))
        });
    } else if let Some(p) = kept.iter().position(|&k| k == raw.missing) {
        let m = kept.remove(p);
        kept.push(m);
    }
    let pooled: Vec<u32> = (0..raw.keys as u32)
        .filter(|&k| counts[k as usize] > 0 && counts[k as usize] < threshold)
        .collect();
    let pooled_cases: u64 = pooled.iter().map(|&k| counts[k as usize]).sum();
    let groups = kept.len() + usize::from(pooled_cases > 0);
    if groups < 2 || kept.is_empty() {
        out.skipped.push(Skipped {
            attribute: name.to_string(),
            reason: if distinct <= 1 {
                "a single value for every case".into()
            } else {
                format!("no value has at least {threshold} cases ({distinct} distinct values)")
            },
        });
        return;
    }
    if !pooled.is_empty() {
        out.skipped.push(Skipped {
            attribute: name.to_string(),
            reason: format!(
                "{} value{} with fewer than {threshold} cases pooled into \"{OTHER}\" ({pooled_cases} cases)",
                pooled.len(),
                if pooled.len() == 1 { "" } else { "s" }
            ),
        });
    }
    let mut map = vec![NONE; raw.keys];
    let mut levels: Vec<String> = Vec::with_capacity(kept.len() + 1);
    for (i, &k) in kept.iter().enumerate() {
        map[k as usize] = i as u32;
        levels.push(if k == raw.missing {
            MISSING.to_string()
        } else {
            label(k)
        });
    }
    if pooled_cases > 0 {
        let other = levels.len() as u32;
        for &k in &pooled {
            map[k as usize] = other;
        }
        levels.push(OTHER.to_string());
    }
    let level = raw
        .key
        .iter()
        .map(|&k| if k == NONE { NONE } else { map[k as usize] })
        .collect();
    out.drivers.push(Driver {
        attribute: name.to_string(),
        levels,
        level,
        segment_like: matches!(role, ColumnRole::Segment | ColumnRole::Amount),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::testing::log;

    fn small_opts() -> InsightsOptions {
        InsightsOptions {
            min_cases: 2,
            min_share: 0.0,
            ..Default::default()
        }
    }

    #[test]
    fn values_as_of_the_first_event_and_leaky_columns_skipped() {
        // region on every row but changes in case b (first value wins); channel only on later events;
        // ref is a value per case; the dunning level is the process's own doing.
        let mut csv = String::from(
            "case,activity,timestamp,region,channel,ref,dunning_level,note,resource\n",
        );
        for (i, region) in ["Nord", "Nord", "Sud", "Sud", "Est", "Est", "Ouest"]
            .iter()
            .enumerate()
        {
            csv.push_str(&format!(
                "c{i},Invoice created,2024-01-0{},{region},,R{i},,,Léa\n",
                i + 1
            ));
            let later = if i == 1 { "Sud" } else { region };
            csv.push_str(&format!(
                "c{i},Reminder 1 sent,2024-02-0{},{later},Email,R{i},1,called,System\n",
                i + 1
            ));
        }
        let (log, map) = log(&csv);
        let d = drivers(&log, &Selection::all(&log), &map, &small_opts());
        let names: Vec<&str> = d.drivers.iter().map(|d| d.attribute.as_str()).collect();
        assert_eq!(names, ["region"], "{:?}", d.skipped);
        let region = &d.drivers[0];
        // Nord (2), Sud (2), Est (2) kept, Ouest (1) pooled into "other".
        assert_eq!(region.levels, ["Est", "Nord", "Sud", "other"]);
        assert_eq!(region.level[1], region.find("Nord").unwrap());
        let reasons: Vec<(&str, &str)> = d
            .skipped
            .iter()
            .map(|s| (s.attribute.as_str(), s.reason.as_str()))
            .collect();
        let reason = |a: &str| {
            reasons
                .iter()
                .find(|(x, _)| *x == a)
                .map(|(_, r)| *r)
                .unwrap_or_else(|| panic!("{a} not skipped: {reasons:?}"))
        };
        assert!(reason("note").contains("first recorded after"));
        assert!(reason("channel").contains("channel"));
        assert!(reason("ref").contains("identifier"));
        assert!(reason("dunning_level").contains("dunning level"));
        assert!(reason("region").contains("pooled"));
        // One clerk creates every invoice: no contrast.
        assert!(reason("resource").contains("single value"));
    }

    /// A column first written after the first event is left out, unless that happens only after the
    /// as-of instant: as of then, the column is written on the first event of every case.
    #[test]
    fn recorded_late_is_judged_as_of_the_as_of_instant() {
        let mut csv = String::from("case,activity,timestamp,region\n");
        for i in 0..6 {
            let (region, later) = if i < 2 { ("Nord", "") } else { ("", "Sud") };
            csv.push_str(&format!(
                "c{i},Invoice created,2024-01-0{},{region}\n",
                i + 1
            ));
            csv.push_str(&format!(
                "c{i},Reminder 1 sent,2024-03-0{},{later}\n",
                i + 1
            ));
        }
        let (log, map) = log(&csv);
        let d = drivers(&log, &Selection::all(&log), &map, &small_opts());
        assert!(d.drivers.is_empty(), "{:?}", d.drivers);
        let as_of = crate::calendar::days_from_civil(2024, 2, 1) * crate::calendar::MS_PER_DAY;
        let opts = InsightsOptions {
            as_of_ms: Some(as_of),
            ..small_opts()
        };
        let d = drivers(&log, &Selection::all(&log), &map, &opts);
        assert_eq!(
            d.drivers[0].levels,
            ["Nord", "(missing)"],
            "{:?}",
            d.skipped
        );
    }

    #[test]
    fn numbers_few_values_stay_categories_many_go_to_bands_dates_to_month_and_weekday() {
        let mut csv = String::from("case,activity,timestamp,terms,amount,due\n");
        for i in 0..40 {
            let terms = [30, 45, 60][i % 3];
            // 2024-01-01 is a Monday; dues spread over two months.
            let due = format!("2024-0{}-{:02}", 1 + i / 20, 1 + i % 20);
            csv.push_str(&format!(
                "c{i},Create,2024-01-01,{terms},{}.5,{due}\n",
                100 + i * 7
            ));
        }
        let (log, map) = log(&csv);
        let d = drivers(&log, &Selection::all(&log), &map, &small_opts());
        let find = |n: &str| {
            d.drivers
                .iter()
                .find(|x| x.attribute == n)
                .unwrap_or_else(|| panic!("no {n}: {:?}", d.skipped))
        };
        assert_eq!(find("terms").levels, ["30", "45", "60"]);
        let amount = find("amount");
        assert_eq!(amount.levels.len(), 5);
        assert!(amount.levels[0].starts_with("< "), "{:?}", amount.levels);
        assert!(amount.segment_like);
        assert_eq!(find("due (month)").levels, ["January", "February"]);
        assert_eq!(find("due (weekday)").levels.len(), 7);
        assert_eq!(find("due (weekday)").levels[0], "Monday");
        // Every case has a level.
        assert!(amount.level.iter().all(|&l| l != NONE));
    }
}

//! The worker's side of the collections view: the report for the current filter (KPIs, DSO by month,
//! aging at a date, dunning, disputes, cash application, promises, compliance, a breakdown by an
//! attribute), kept with its case lists so that any figure's cases become a filter chip.

use super::dso_chart::dso_svg;
use super::protocol::{Answer, CollectionsPage, Drill, Request};
use crate::core::worker::protocol::Reply;
use crate::core::worker::session::Session;
use relance_engine::collections::breakdown::{breakdown, BreakdownRow};
use relance_engine::collections::{self, facts, kpi, CollectionsReport, RoleMap};
use relance_engine::EventLog;

/// Violations of a rule listed on the page (the rest are counted, and their cases are one click away).
const PAGE_DETAILS: usize = 25;

/// What the last collections answer found, for its drill-downs.
struct CollectionsCache {
    report: CollectionsReport,
    breakdown: Vec<BreakdownRow>,
    aging: Vec<kpi::AgingBucket>,
    late: Vec<usize>,
    invoices: Vec<facts::Invoice>,
    as_of: i64,
}

/// Answers a collections request.
pub fn answer(session: &mut Session, req: Request) -> Result<Reply<Answer>, String> {
    match req {
        Request::Collections {
            mapping,
            settings,
            packs,
            breakdown: by,
            aging_at_ms: aging_at,
        } => {
            let (log, sel) = session.cases()?;
            let mut map = RoleMap::guess(log);
            if let Some(m) = &mapping {
                map.merge(m);
            }
            let collections::Computed {
                report,
                invoices: inv,
                as_of_ms: as_of,
                aging_at_ms,
            } = collections::compute(log, sel, &map, &settings, &packs);
            let ctx = facts::Context::new(log, &map).with_basis(settings.basis);
            // Aging defaults to the report's own date (in a cut extract, the headline month's end).
            let aging_at = aging_at.unwrap_or(aging_at_ms);
            let aging = if aging_at == aging_at_ms {
                report.kpis.aging.clone()
            } else {
                kpi::aging(&inv, aging_at)
            };
            let rows = by
                .as_deref()
                .map(|a| breakdown(&ctx, &inv, a, as_of, 12, &settings))
                .unwrap_or_default();
            let (_, late) = kpi::on_time(&inv);
            let page = CollectionsPage {
                dso_svg: dso_svg(&report.kpis.dso_monthly, 620, 260),
                breakdown: rows.clone(),
                breakdown_by: by,
                attributes: log.attributes().iter().map(|a| a.name.clone()).collect(),
                aging: aging.clone(),
                aging_at: relance_engine::calendar::format_iso_utc(aging_at),
                report: report.light(PAGE_DETAILS),
            };
            session.keep(CollectionsCache {
                report,
                breakdown: rows,
                aging,
                late,
                invoices: inv,
                as_of,
            });
            Ok(Reply::Feature(Answer::Page(Box::new(page))))
        }
        Request::ViolationsCsv {
            mapping,
            settings,
            packs,
        } => {
            let (log, sel) = session.cases()?;
            let mut map = RoleMap::guess(log);
            if let Some(m) = &mapping {
                map.merge(m);
            }
            let all = collections::all_violations(log, sel, &map, &settings, &packs);
            Ok(Reply::Feature(Answer::ViolationsCsv(
                collections::compliance::violations_csv(&all),
            )))
        }
        Request::Drill { drill } => {
            let (log, _, c) = session.cases_with::<CollectionsCache>()?;
            let c = c.ok_or_else(|| t!("err-open-collections"))?;
            let (label, mut cases) = drill_cases(log, c, &drill);
            cases.sort_unstable();
            cases.dedup();
            let ids = cases.iter().map(|&i| log.case_id(i).to_string()).collect();
            Ok(Reply::cases(label, ids))
        }
    }
}

/// The cases of the first row that `hit` finds (none when no row does).
fn cases_of<T>(
    rows: &[T],
    hit: impl Fn(&T) -> bool,
    cases: impl Fn(&T) -> &Vec<usize>,
) -> Vec<usize> {
    rows.iter()
        .find(|r| hit(r))
        .map(|r| cases(r).clone())
        .unwrap_or_default()
}

/// A figure's label (for its chip) and its cases.
fn drill_cases(log: &EventLog, c: &CollectionsCache, drill: &Drill) -> (String, Vec<usize>) {
    let r = &c.report;
    match drill {
        Drill::WriteOffs => (
            t!("drill-label-written-off"),
            r.kpis.write_offs.cases.clone(),
        ),
        Drill::PaidLate => (t!("drill-label-paid-late"), c.late.clone()),
        Drill::Aging { bucket } => (
            if bucket == "current" {
                t!("drill-label-aging-current")
            } else {
                t!("drill-label-aging", bucket = bucket.clone())
            },
            cases_of(&c.aging, |b| &b.bucket == bucket, |b| &b.cases),
        ),
        Drill::DunningUnpaid {
            activity,
            channel,
            level,
        } => (
            t!(
                "drill-label-dunning",
                activity = activity.clone(),
                channel = channel.clone()
            ),
            cases_of(
                &r.dunning,
                |d| &d.activity == activity && &d.channel == channel && d.level == *level,
                |d| &d.unpaid_cases,
            ),
        ),
        Drill::Disputes { reason } => (
            t!("drill-label-disputes", reason = reason.clone()),
            cases_of(&r.disputes, |d| &d.reason == reason, |d| &d.cases),
        ),
        Drill::Cash { resource } => (
            t!("drill-label-cash", resource = resource.clone()),
            cases_of(
                &r.cash_application,
                |d| &d.resource == resource,
                |d| &d.cases,
            ),
        ),
        Drill::PromisesBroken { group, by_agent } => {
            let rows = if *by_agent {
                &r.promises_by_agent
            } else {
                &r.promises
            };
            (
                t!("drill-label-broken", group = group.clone()),
                cases_of(rows, |p| &p.segment == group, |p| &p.broken_cases),
            )
        }
        Drill::Receivables { month, past_due } => {
            let at = kpi::month_end_in(&r.kpis.dso_monthly, month)
                .or_else(|| kpi::month_end(month, c.as_of))
                .unwrap_or(c.as_of);
            let (open, due) = kpi::receivables_cases_at(&c.invoices, at);
            if *past_due {
                (t!("drill-label-past-due", month = month.clone()), due)
            } else {
                (t!("drill-label-open", month = month.clone()), open)
            }
        }
        Drill::SlowestToCash => {
            let p90 = r.kpis.invoice_to_cash_days.p90;
            (
                t!(
                    "drill-label-slowest",
                    days = crate::core::format::decimal(p90, 0)
                ),
                kpi::slower_to_cash(&c.invoices, p90),
            )
        }
        Drill::Reissued => (
            t!("drill-label-reissued"),
            c.invoices
                .iter()
                .filter(|i| i.reissued)
                .map(|i| i.case)
                .collect(),
        ),
        Drill::Rule { pack, rule, label } => (
            label.clone(),
            r.compliance
                .iter()
                .find(|x| &x.pack == pack && &x.rule == rule)
                .map(|x| x.cases.iter().filter_map(|id| log.find_case(id)).collect())
                .unwrap_or_default(),
        ),
        Drill::Breakdown { value } => (
            value.clone(),
            cases_of(&c.breakdown, |b| &b.value == value, |b| &b.cases),
        ),
    }
}

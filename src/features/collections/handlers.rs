//! The worker's side of the collections view: the report for the current filter (KPIs, DSO by month,
//! aging at a date, dunning, disputes, cash application, promises, compliance, a breakdown by an
//! attribute), kept with its case lists so that any figure's cases become a filter chip.

use super::dso_chart::dso_svg;
use super::protocol::{CollectionsPage, Drill, Request};
use crate::core::worker::protocol::Reply;
use crate::core::worker::session::Session;
use relance_engine::collections::breakdown::{breakdown, BreakdownRow};
use relance_engine::collections::{self, facts, kpi, CollectionsReport, RoleMap};

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
pub fn answer(session: &mut Session, req: Request) -> Result<Reply<CollectionsPage>, String> {
    match req {
        Request::Collections {
            mapping,
            settings,
            packs,
            breakdown: by,
            aging_at_ms,
        } => {
            let (log, sel) = session.cases()?;
            let mut map = RoleMap::guess(log);
            if let Some(m) = &mapping {
                map.merge(m);
            }
            let report = collections::report(log, sel, &map, &settings, &packs);
            let ctx = facts::Context::new(log, &map);
            let inv = facts::invoices(&ctx, sel);
            let as_of = report_as_of(&report);
            let aging_at = aging_at_ms.unwrap_or(as_of);
            let aging = kpi::aging(&inv, aging_at);
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
                report: report.clone(),
            };
            session.keep(CollectionsCache {
                report,
                breakdown: rows,
                aging,
                late,
                invoices: inv,
                as_of,
            });
            Ok(Reply::Feature(page))
        }
        Request::Drill { drill } => {
            let (log, _, c) = session.cases_with::<CollectionsCache>()?;
            let c = c.ok_or_else(|| t!("err-open-collections"))?;
            let (label, mut cases) = drill_cases(c, &drill);
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
fn drill_cases(c: &CollectionsCache, drill: &Drill) -> (String, Vec<usize>) {
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
        Drill::Breakdown { value } => (
            value.clone(),
            cases_of(&c.breakdown, |b| &b.value == value, |b| &b.cases),
        ),
    }
}

/// The report's as-of instant (UTC ms).
fn report_as_of(r: &CollectionsReport) -> i64 {
    relance_engine::import::timestamp::parse_timestamp(
        &r.kpis.as_of,
        relance_engine::import::DateOrder::Auto,
    )
    .map(|p| p.ms)
    .unwrap_or(0)
}

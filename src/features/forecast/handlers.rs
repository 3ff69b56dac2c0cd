//! The worker's side of the forecast view: the engine's forecast of the current filter's invoices,
//! kept for the CSV and the chips, and the page made from it (the top of the worklist, totals, the
//! cash chart, every sentence in the page's language).

use super::cash_chart::cash_svg;
use super::protocol::{Answer, ForecastPage, Request, SHOWN_ROWS};
use crate::core::i18n::Language;
use crate::core::worker::protocol::Reply;
use crate::core::worker::session::Session;
use relance_engine::calendar::format_date;
use relance_engine::collections::RoleMap;
use relance_engine::forecast::text::say_message;
use relance_engine::forecast::worklist::{focused, rows_csv, totals, Focus};
use relance_engine::forecast::{forecast, Forecast, ForecastOptions};
use relance_engine::import::Message;
use relance_engine::{EventLog, Selection};

/// The last forecast, for the CSV and for the chips (dropped when the log or the filters change).
struct ForecastCache {
    as_of_ms: Option<i64>,
    mapping: Option<RoleMap>,
    forecast: Forecast,
    first_day: Option<String>,
    last_day: Option<String>,
}

/// Answers a forecast request.
pub fn answer(session: &mut Session, req: Request) -> Result<Reply<Answer>, String> {
    match req {
        Request::Forecast {
            as_of_ms,
            mapping,
            focus,
            language,
        } => {
            let (log, sel, kept) = session.cases_with::<ForecastCache>()?;
            // The same day and roles on the same cases (a language switch, a chip): no new forecast.
            let reuse = kept.is_some_and(|c| c.as_of_ms == as_of_ms && c.mapping == mapping);
            if !reuse {
                let cache = compute(log, sel, as_of_ms, mapping)?;
                session.keep(cache);
            }
            let cache = session
                .kept::<ForecastCache>()
                .ok_or_else(|| t!("err-no-log"))?;
            Ok(Reply::Feature(Answer::Forecast(Box::new(page(
                cache, &focus, language,
            )))))
        }
        Request::WorklistCsv { focus, language } => {
            let (_, _, kept) = session.cases_with::<ForecastCache>()?;
            let cache = kept.ok_or_else(|| t!("err-open-forecast"))?;
            let rows: Vec<_> = focused(&cache.forecast, &focus).collect();
            Ok(Reply::Feature(Answer::WorklistCsv {
                name: format!("worklist-{}.csv", cache.forecast.as_of),
                text: rows_csv(rows, language),
            }))
        }
    }
}

/// The forecast of the selected cases, and the days the picker offers.
fn compute(
    log: &EventLog,
    sel: &Selection,
    as_of_ms: Option<i64>,
    mapping: Option<RoleMap>,
) -> Result<ForecastCache, String> {
    let opts = ForecastOptions {
        as_of_ms,
        ..ForecastOptions::default()
    };
    opts.validate().map_err(|e| e.to_string())?;
    let mut map = RoleMap::guess(log);
    if let Some(m) = &mapping {
        map.merge(m);
    }
    let f = forecast(log, sel, &map, &opts);
    let times = log.times();
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    for (_, r) in sel.cases(log) {
        if let (Some(&a), Some(&b)) = (
            times.get(r.start),
            r.end.checked_sub(1).and_then(|e| times.get(e)),
        ) {
            first = first.min(a);
            last = last.max(b);
        }
    }
    let day = |t: i64| (t != i64::MAX && t != i64::MIN).then(|| format_date(t));
    Ok(ForecastCache {
        as_of_ms,
        mapping,
        forecast: f,
        first_day: day(first),
        last_day: day(last),
    })
}

/// The page: the top of the worklist the chips keep, the totals, the chart, in `lang`.
fn page(cache: &ForecastCache, focus: &[Focus], lang: Language) -> ForecastPage {
    let f = &cache.forecast;
    let kept: Vec<_> = focused(f, focus).collect();
    // Field by field: the whole worklist (100,000 rows on a large book) is not copied.
    let mut shown = Forecast {
        as_of: f.as_of.clone(),
        open_invoices: kept.iter().take(SHOWN_ROWS).map(|&i| i.clone()).collect(),
        cash_by_week: f.cash_by_week.clone(),
        backtest: f.backtest.clone(),
        available: f.available,
        unavailable: f.unavailable.clone(),
        currency: f.currency.clone(),
        horizon_days: f.horizon_days,
        cash_unit: f.cash_unit,
        cash_left_out: f.cash_left_out,
        model: f.model.clone(),
        notes: f.notes.clone(),
    };
    say_all(&mut shown, lang);
    let cash_svg = cash_svg(&shown, 760, 300);
    ForecastPage {
        totals: totals(kept.iter().copied()),
        all: totals(f.open_invoices.iter()),
        focus_counts: Focus::ALL
            .iter()
            .map(|&c| (c, focused(f, &[c]).count() as u64))
            .collect(),
        focus: focus.to_vec(),
        first_day: cache.first_day.clone(),
        last_day: cache.last_day.clone(),
        forecast: shown,
        cash_svg,
    }
}

/// Every sentence of the forecast in `lang` (the engine writes English and keeps each sentence's key).
fn say_all(f: &mut Forecast, lang: Language) {
    let say = |m: &mut Message| {
        if m.key.starts_with("fc-") {
            m.text = say_message(m, lang);
        }
    };
    for i in &mut f.open_invoices {
        for r in &mut i.reasons {
            let m = Message {
                key: r.key.clone(),
                args: r.args.clone(),
                text: r.text.clone(),
            };
            if m.key.starts_with("fc-") {
                r.text = say_message(&m, lang);
            }
        }
        if let Some(m) = &mut i.not_available {
            say(m);
        }
    }
    for u in &mut f.unavailable {
        say(&mut u.reason);
    }
    f.notes.iter_mut().for_each(say);
    if let Some(m) = &mut f.backtest.verdict {
        say(m);
    }
    if let Some(m) = &mut f.backtest.unavailable {
        say(m);
    }
    if let Some(model) = &mut f.model {
        for a in &mut model.adjustments {
            say(&mut a.label);
        }
    }
}

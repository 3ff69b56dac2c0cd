//! Insights on the demo log: its planted effects come out on top, a finding's chip keeps exactly its
//! cases, and a French export of the same log gives the same findings.

use relance_engine::calendar::{days_from_civil, Civil, MS_PER_DAY};
use relance_engine::collections::RoleMap;
use relance_engine::demo::{demo_csv, DemoOptions};
use relance_engine::filter::apply_one;
use relance_engine::import::{import_bytes, ImportOptions};
use relance_engine::insights::{
    finding_filter, insights, insights_of_selection, Finding, InsightsOptions, InsightsReport,
};
use relance_engine::log::EventLog;
use relance_engine::Selection;

fn demo(invoices: usize) -> (EventLog, RoleMap) {
    let csv = demo_csv(DemoOptions {
        invoices,
        ..Default::default()
    });
    let log = import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let map = RoleMap::guess(&log);
    (log, map)
}

/// The insights of the demo with `invoices` invoices, every outcome, default options.
fn demo_insights(invoices: usize) -> InsightsReport {
    let (log, map) = demo(invoices);
    insights(
        &log,
        &Selection::all(&log),
        &map,
        &InsightsOptions::default(),
    )
}

fn of<'a>(r: &'a InsightsReport, outcome: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.outcome == outcome).collect()
}

#[test]
fn the_demo_s_planted_effects_are_the_top_findings() {
    let r = demo_insights(5000);
    // Every receivables outcome is available on the demo.
    for id in [
        "late_payment",
        "disputed",
        "written_off",
        "invoice_to_cash_days",
        "dunning_unanswered",
        "case_duration_days",
    ] {
        let o = r.outcomes.iter().find(|o| o.id == id).unwrap();
        assert!(o.available, "{id}: {:?}", o.reason);
        assert!(o.cases > 1000, "{id}: {}", o.cases);
    }
    let late = of(&r, "late_payment");
    let top = late[0];
    assert_eq!(
        (top.attribute.as_str(), top.value.as_str()),
        ("region", "Sud-Est"),
        "{late:#?}"
    );
    // Planted: about 85 % against about 60 % (mix of behaviours; see demo::Planted).
    assert!(top.outcome_value > 0.75 && top.rest_value < 0.7, "{top:?}");
    assert!(top.ci_low > 0.1 && top.q_value < 1e-6, "{top:?}");
    assert!(top.amount_at_risk.is_some_and(|a| a > 0.0));
    assert!(
        top.text
            .starts_with("Invoices with region Sud-Est are paid late"),
        "{}",
        top.text
    );
    let written = of(&r, "written_off");
    let top = written[0];
    assert_eq!(
        (top.attribute.as_str(), top.value.as_str()),
        ("payment_terms", "60"),
        "{written:#?}"
    );
    assert!(top.outcome_value > 3.0 * top.rest_value, "{top:?}");
    assert!(!top.stratified_flip, "{top:?}");
    // The sales rep has no planted effect: nothing near the top, and at most a weak false discovery
    // (BH keeps the expected share of false findings at 5 %, not at zero).
    for list in [&late, &written] {
        for (rank, f) in list.iter().enumerate() {
            if f.attribute.contains("sales_rep") {
                assert!(rank >= 3 && f.q_value > 0.01, "rank {rank}: {f:?}");
            }
        }
    }
    // Consequences of the outcome are not drivers.
    for col in ["channel", "dunning_level", "dispute_reason", "promise_date"] {
        assert!(
            r.skipped.iter().any(|s| s.attribute == col),
            "{col} not skipped"
        );
        assert!(r.findings.iter().all(|f| !f.attribute.contains(col)));
    }
    assert!(r
        .skipped
        .iter()
        .any(|s| s.attribute == "customer" && s.reason.contains("cases")));
    // Ranked by impact within each outcome.
    for o in &r.outcomes {
        let f = of(&r, &o.id);
        assert!(f.windows(2).all(|w| w[0].impact >= w[1].impact), "{}", o.id);
        assert!(f.iter().all(|f| f.q_value <= 0.05));
    }
}

#[test]
fn a_finding_s_chip_filters_to_exactly_its_cases() {
    let (log, map) = demo(2000);
    let all = Selection::all(&log);
    let opts = InsightsOptions::default();
    let r = insights(&log, &all, &map, &opts);
    let mut checked = 0;
    for f in r
        .findings
        .iter()
        .take(12)
        .chain(r.findings.iter().filter(|f| f.parts.len() == 2).take(2))
    {
        let chip = finding_filter(&log, &all, None, &map, &opts, f);
        let sel = apply_one(&log, &all, &chip, true);
        assert_eq!(sel.len() as u64, f.cases, "{f:?}");
        checked += 1;
    }
    assert!(checked >= 5);
}

#[test]
fn what_sets_the_current_filter_apart() {
    // Filter: invoices on 60-day terms. The insights of "is in the filter" name that column first.
    let (log, map) = demo(2000);
    let all = Selection::all(&log);
    let filter = relance_engine::filter::Filter::Attribute {
        name: "payment_terms".into(),
        values: vec!["60".into()],
    };
    let selected = apply_one(&log, &all, &filter, true);
    let opts = InsightsOptions {
        outcomes: vec!["in_filter".into()],
        ..Default::default()
    };
    let r = insights_of_selection(&log, &all, &selected, &map, &opts);
    assert_eq!(r.outcomes[0].cases as usize, log.case_count());
    let top = &r.findings[0];
    assert_eq!(
        (top.attribute.as_str(), top.value.as_str()),
        ("payment_terms", "60")
    );
    assert_eq!(top.outcome_value, 1.0);
    assert_eq!(top.rest_value, 0.0);
}

/// The demo written as a French ERP would: `;`, French headers and activity names, dd/mm/yyyy dates
/// (the same UTC instants, without offsets), decimal commas.
fn french(csv: &str) -> String {
    let names = [
        ("Invoice created", "Facture émise"),
        ("Invoice sent", "Facture envoyée"),
        ("Invoice cancelled", "Facture annulée"),
        ("Due date passed", "Échéance dépassée"),
        ("Reminder 1 sent", "Relance 1 envoyée"),
        ("Reminder 2 sent", "Relance 2 envoyée"),
        ("Reminder 3 sent", "Relance 3 envoyée"),
        ("Final notice sent", "Mise en demeure"),
        ("Call attempted", "Appel client"),
        ("Conversation held", "Entretien client"),
        ("Promise to pay", "Promesse de paiement"),
        ("Promise broken", "Promesse non tenue"),
        ("Dispute raised", "Litige ouvert"),
        ("Dispute resolved", "Litige résolu"),
        ("Credit note issued", "Avoir émis"),
        ("Payment received", "Paiement reçu"),
        ("Payment posted", "Paiement imputé"),
        ("Invoice cleared", "Facture soldée"),
        ("Sent to collection agency", "Transmis au contentieux"),
        ("Written off", "Passé en perte"),
        ("Cease contact requested", "Opposition aux relances"),
        ("Credit check requested", "Demande de crédit"),
        ("Credit limit approved", "Crédit accordé"),
    ];
    let header = "N° facture;Étape;Date;Responsable;Client;Segment;Montant;Devise;Échéance;Canal;\
                  Niveau de relance;Motif du litige;Date promise;Région;Délai de paiement;Commercial";
    let mut out = String::from(header);
    out.push('\n');
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let day = |s: &str| -> String {
        let p: Vec<&str> = s.split('-').collect();
        format!("{}/{}/{}", p[2], p[1], p[0])
    };
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let f: Vec<&str> = rec.iter().collect();
        // 2024-03-05T09:14:00+01:00 → the UTC instant, written day first without offset.
        let ts = f[2];
        let (date, rest) = ts.split_once('T').unwrap();
        let d: Vec<i64> = date.split('-').map(|x| x.parse().unwrap()).collect();
        let hms: Vec<i64> = rest[..8].split(':').map(|x| x.parse().unwrap()).collect();
        let off_h: i64 = rest[9..11].parse().unwrap();
        let local = days_from_civil(d[0], d[1] as u32, d[2] as u32) * MS_PER_DAY
            + (hms[0] * 3600 + hms[1] * 60 + hms[2]) * 1000;
        let c = Civil::from_ms(local - off_h * 3_600_000);
        let ts_fr = format!(
            "{:02}/{:02}/{:04} {:02}:{:02}:{:02}",
            c.day, c.month, c.year, c.hour, c.minute, c.second
        );
        let activity = names
            .iter()
            .find(|(en, _)| *en == f[1])
            .map(|(_, fr)| *fr)
            .unwrap_or_else(|| panic!("no French name for {}", f[1]));
        let row = [
            f[0].to_string(),
            activity.to_string(),
            ts_fr,
            f[3].to_string(),
            f[4].to_string(),
            f[5].to_string(),
            f[6].replace('.', ","),
            f[7].to_string(),
            day(f[8]),
            f[9].to_string(),
            f[10].to_string(),
            f[11].to_string(),
            if f[12].is_empty() {
                String::new()
            } else {
                day(f[12])
            },
            f[13].to_string(),
            f[14].to_string(),
            f[15].to_string(),
        ];
        out.push_str(&row.join(";"));
        out.push('\n');
    }
    out
}

#[test]
fn french_and_english_exports_give_the_same_findings() {
    let en = demo_csv(DemoOptions {
        invoices: 3000,
        ..Default::default()
    });
    let fr = french(&en);
    let read = |text: &str| {
        let imported = import_bytes(text.as_bytes(), ImportOptions::default()).unwrap();
        assert_eq!(imported.report.skipped_rows, 0);
        let log = imported.log;
        let map = RoleMap::guess(&log);
        (log, map)
    };
    let (log_en, map_en) = read(&en);
    let (log_fr, map_fr) = read(&fr);
    assert_eq!(log_en.case_count(), log_fr.case_count());
    assert_eq!(log_en.event_count(), log_fr.event_count());
    let opts = InsightsOptions {
        outcomes: [
            "late_payment",
            "disputed",
            "written_off",
            "invoice_to_cash_days",
            "dunning_unanswered",
            "case_duration_days",
        ]
        .map(String::from)
        .to_vec(),
        ..Default::default()
    };
    let r_en = insights(&log_en, &Selection::all(&log_en), &map_en, &opts);
    let opts_fr = InsightsOptions {
        resource_label: "Responsable".into(),
        ..opts.clone()
    };
    let r_fr = insights(&log_fr, &Selection::all(&log_fr), &map_fr, &opts_fr);
    let to_en = [
        ("Responsable", "resource"),
        ("Client", "customer"),
        ("Segment", "segment"),
        ("Montant", "amount"),
        ("Échéance", "due_date"),
        ("Région", "region"),
        ("Délai de paiement", "payment_terms"),
        ("Commercial", "sales_rep"),
    ];
    let rename = |a: &str| {
        let mut s = a.to_string();
        for (fr, en) in to_en {
            s = s.replace(fr, en);
        }
        s
    };
    let key = |f: &Finding, rename: &dyn Fn(&str) -> String| {
        (
            f.outcome.clone(),
            rename(&f.attribute),
            f.value.clone(),
            f.cases,
            format!("{:.9} {:.9} {:.9}", f.outcome_value, f.ci_low, f.q_value),
        )
    };
    let a: Vec<_> = r_en
        .findings
        .iter()
        .map(|f| key(f, &|s| s.to_string()))
        .collect();
    let b: Vec<_> = r_fr.findings.iter().map(|f| key(f, &rename)).collect();
    assert!(a.len() >= 10, "{a:#?}");
    assert_eq!(a, b);
    let outcomes = |r: &InsightsReport| {
        r.outcomes
            .iter()
            .map(|o| (o.id.clone(), o.cases, o.value.map(|v| format!("{v:.9}"))))
            .collect::<Vec<_>>()
    };
    assert_eq!(outcomes(&r_en), outcomes(&r_fr));
}

/// An AR extract cut at its end: 8,000 invoices issued over two years, 30-day terms, and every
/// outcome with a constant probability whatever the invoice (late 45 %: 8 % written off 60–300 days
/// after the due date, 40 % of the others paid after it; 12 % disputed 3–45 days after issue), with a
/// region that changes nothing. Events after the extract's end are not in the file.
fn cut_extract(seed: u64) -> String {
    use relance_engine::calendar::civil_from_days;
    use relance_engine::insights::stats::SplitMix64;
    let start = days_from_civil(2023, 1, 1);
    let end = days_from_civil(2024, 12, 31);
    let date = |d: i64| {
        let (y, m, dd) = civil_from_days(d);
        format!("{y:04}-{m:02}-{dd:02}")
    };
    let mut rng = SplitMix64::new(seed);
    let mut csv = String::from("invoice_id,activity,timestamp,amount,due_date,region\n");
    for i in 0..8000 {
        let issued = start + (rng.uniform() * (end - start) as f64) as i64;
        let due = issued + 30;
        let amount = 100 + rng.next_u64() % 9900;
        let region = ["Nord", "Sud", "Est", "Ouest"][(rng.next_u64() % 4) as usize];
        let mut events = vec![(issued, "Invoice created")];
        if rng.uniform() < 0.12 {
            events.push((issued + 3 + (rng.uniform() * 42.0) as i64, "Dispute raised"));
        }
        let u = rng.uniform();
        if u < 0.08 {
            events.push((due + 60 + (rng.uniform() * 240.0) as i64, "Written off"));
        } else if u < 0.08 + 0.92 * 0.4 {
            let late = 1 + (-25.0 * (1.0 - rng.uniform()).ln()) as i64;
            events.push((due + late, "Payment received"));
        } else {
            events.push((issued + (rng.uniform() * 30.0) as i64, "Payment received"));
        }
        events.sort();
        for (t, a) in events.into_iter().filter(|(t, _)| *t <= end) {
            csv.push_str(&format!(
                "INV{i:05},{a},{},{amount},{},{region}\n",
                date(t),
                date(due)
            ));
        }
    }
    csv
}

#[test]
fn a_cut_extract_does_not_make_the_due_month_a_driver() {
    // Issue 16: invoices due just before the extract's end "are never written off" (nor disputed,
    // nor paid late, yet), so the due date's month came out as a driver of write-offs. Judged on
    // invoices old enough, with a window from the log's own timing, it is not one: over 10 extracts
    // and 6 outcomes, the due month is reported in at most 5 of the 60 runs (what chance alone gives,
    // Benjamini–Hochberg at 5 % per outcome), and every such outcome says how it was judged. Before
    // the fix: 66 reports, mostly case durations, with late payment "down" in January and write-offs
    // "up" in February and March among them.
    let outcomes = [
        "late_payment",
        "disputed",
        "written_off",
        "passes_through:Written off",
        "invoice_to_cash_days",
        "case_duration_days",
    ];
    let opts = InsightsOptions {
        outcomes: outcomes.map(String::from).to_vec(),
        ..Default::default()
    };
    let mut month_found = Vec::new();
    for seed in 0..10 {
        let csv = cut_extract(seed);
        let log = import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log;
        let map = RoleMap::guess(&log);
        let r = insights(&log, &Selection::all(&log), &map, &opts);
        for o in &r.outcomes {
            assert!(o.available, "{}: {:?}", o.id, o.reason);
            let m = o
                .maturity
                .as_ref()
                .unwrap_or_else(|| panic!("{}: no maturity", o.id));
            assert!(
                m.judged_cases > 1000 && m.too_recent_cases > 0,
                "{}: {m:?}",
                o.id
            );
            assert_eq!(m.judged_cases, o.cases, "{}", o.id);
            assert!(
                o.definition.contains("Judged on the"),
                "{}: {}",
                o.id,
                o.definition
            );
        }
        for f in r
            .findings
            .iter()
            .filter(|f| f.attribute.starts_with("due_date (month)"))
        {
            month_found.push(format!(
                "seed {seed}: {} {} {:.3}",
                f.outcome, f.value, f.difference
            ));
        }
        // The window of write-offs is the log's own: between 60 and 300 days after the due date.
        let wo = r.outcomes.iter().find(|o| o.id == "written_off").unwrap();
        let w = wo.maturity.as_ref().unwrap().window_days;
        assert!((200.0..=300.0).contains(&w), "{w}");
        assert!(
            wo.definition
                .contains(&format!("within {w:.0} days of the due date")),
            "{}",
            wo.definition
        );
    }
    assert!(month_found.len() <= 5, "{month_found:#?}");
}

#[test]
fn the_headline_puts_the_most_money_first_with_subgroups_folded() {
    let r = demo_insights(5000);
    assert!(
        !r.headline.is_empty() && r.headline.len() <= 5,
        "{:#?}",
        r.headline
    );
    assert_eq!(
        r.headline_ranked_by,
        relance_engine::insights::HeadlineRank::AmountAtRisk
    );
    // Findings without an amount (durations) come after those with one.
    let money: Vec<f64> = r
        .headline
        .iter()
        .map(|h| h.money_at_stake.unwrap_or(f64::NEG_INFINITY))
        .collect();
    assert!(money.windows(2).all(|w| w[0] >= w[1]), "{money:?}");
    assert!(money[0] > 0.0, "{money:?}");
    for h in &r.headline {
        // Each item is a reported finding that adds cases (and money, for rates) to a receivables
        // outcome.
        assert!(r.findings.contains(&h.finding), "{h:#?}");
        assert!(
            h.finding.excess_cases > 0.0 && h.finding.impact > 0.0,
            "{h:#?}"
        );
        assert!(h.money_at_stake.is_none_or(|a| a > 0.0), "{h:#?}");
        assert!(relance_engine::insights::OutcomeId::from_key(&h.outcome)
            .is_some_and(|o| o.is_collections()));
        let o = r.outcomes.iter().find(|o| o.id == h.outcome).unwrap();
        assert_eq!(h.tested, o.tested);
        // A subgroup whose parent is in the headline rides in the parent's item.
        if let Some(p) = &h.finding.parent {
            assert!(!r.headline.iter().any(|x| x.outcome == h.outcome
                && x.finding.parts == [(p.attribute.clone(), p.value.clone())]));
        }
        for s in &h.subgroups {
            let p = s.parent.as_ref().unwrap();
            assert_eq!(h.finding.parts, [(p.attribute.clone(), p.value.clone())]);
        }
    }
    assert!(r
        .headline
        .iter()
        .any(|h| h.outcome == "late_payment" && h.finding.value == "Sud-Est"));
    // The number of values tested stays stated.
    assert_eq!(r.tested, r.outcomes.iter().map(|o| o.tested).sum::<u64>());
    let tested = relance_engine::insights::text::number(r.tested as f64, 0, Default::default());
    assert!(r.headline_note.contains(&tested), "{}", r.headline_note);
    // The demo has a customer column: intervals allow for it, and the caveat says so.
    assert_eq!(r.clustered_by.as_deref(), Some("customer"));
    assert!(r.caveat.contains("design effect"), "{}", r.caveat);
}

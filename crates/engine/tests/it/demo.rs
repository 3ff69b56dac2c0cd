//! The demo log's planted effects (see `relance_engine::demo::PLANTED`) are found by the collections
//! measures, and the demo reads back with nothing skipped.

use relance_engine::collections::compliance::builtin_packs;
use relance_engine::collections::{report, CollectionsReport, CollectionsSettings, RoleMap};
use relance_engine::demo::{demo_bytes, demo_csv, DemoLanguage, DemoOptions, FRENCH};
use relance_engine::import::{import_bytes, ImportOptions};
use relance_engine::Selection;

fn demo_report() -> CollectionsReport {
    let csv = demo_csv(DemoOptions::default());
    let imported = import_bytes(csv.as_bytes(), ImportOptions::default()).unwrap();
    assert_eq!(imported.report.skipped_rows, 0);
    let log = imported.log;
    assert_eq!(log.case_count(), DemoOptions::default().invoices);
    let map = RoleMap::guess(&log);
    report(
        &log,
        &Selection::all(&log),
        &map,
        &CollectionsSettings::default(),
        &builtin_packs(),
    )
}

fn rule<'a>(
    r: &'a CollectionsReport,
    id: &str,
) -> &'a relance_engine::collections::compliance::RuleResult {
    r.compliance
        .iter()
        .find(|c| c.rule == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

#[test]
fn demo_roles_are_all_recognised() {
    let csv = demo_csv(DemoOptions {
        invoices: 300,
        ..Default::default()
    });
    let log = import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let map = RoleMap::guess(&log);
    let other: Vec<&String> = map
        .activities
        .iter()
        .filter(|(_, r)| r.key() == "other")
        .map(|(k, _)| k)
        .collect();
    assert!(other.is_empty(), "unrecognised demo activities: {other:?}");
    for col in [
        "amount",
        "customer",
        "segment",
        "due_date",
        "channel",
        "dunning_level",
        "dispute_reason",
        "promise_date",
    ] {
        assert!(
            map.attributes.values().any(|r| r.key() == col),
            "no {col} column guessed in {:?}",
            map.attributes
        );
    }
}

#[test]
fn phone_reminders_work_better_than_email() {
    let r = demo_report();
    let level1 = |channel: &str| {
        r.dunning
            .iter()
            .find(|d| d.level == 1 && d.channel == channel)
            .unwrap_or_else(|| panic!("no level-1 {channel} row"))
    };
    let (phone, email) = (level1("Phone"), level1("Email"));
    assert!(
        phone.sent >= 50 && email.sent >= 200,
        "enough reminders: {} phone, {} email",
        phone.sent,
        email.sent
    );
    assert!(
        phone.rate > 2.0 * email.rate,
        "phone {:.2} vs email {:.2}",
        phone.rate,
        email.rate
    );
}

#[test]
fn pricing_disputes_are_slow_and_damaged_goods_end_in_credit_notes() {
    let r = demo_report();
    let pricing = r.disputes.iter().find(|d| d.reason == "Pricing").unwrap();
    let others: Vec<_> = r
        .disputes
        .iter()
        .filter(|d| d.reason != "Pricing")
        .collect();
    assert!(others.len() >= 4);
    for o in &others {
        assert!(
            pricing.median_days > 3.0 * o.median_days,
            "Pricing {:.1} d vs {} {:.1} d",
            pricing.median_days,
            o.reason,
            o.median_days
        );
    }
    let damaged = r
        .disputes
        .iter()
        .find(|d| d.reason == "Damaged goods")
        .unwrap();
    assert!(damaged.credit_note_share > 0.6);
    assert!(others
        .iter()
        .filter(|o| o.reason != "Damaged goods")
        .all(|o| o.credit_note_share < damaged.credit_note_share));
}

#[test]
fn one_clerk_posts_payments_late() {
    let r = demo_report();
    let slowest = &r.cash_application[0];
    assert_eq!(slowest.resource, "Olivier");
    assert!(slowest.median_lag_days > 4.0, "{}", slowest.median_lag_days);
    for c in &r.cash_application[1..] {
        assert!(
            c.median_lag_days < 1.5,
            "{} {}",
            c.resource,
            c.median_lag_days
        );
    }
}

#[test]
fn sme_customers_break_their_promises() {
    let r = demo_report();
    let sme = r.promises.iter().find(|p| p.segment == "SME").unwrap();
    assert!(sme.promises >= 50);
    assert!(sme.rate < 0.5, "SME keep {:.2}", sme.rate);
    for p in r
        .promises
        .iter()
        .filter(|p| p.segment != "SME" && p.promises >= 20)
    {
        assert!(p.rate > 0.7, "{} keep {:.2}", p.segment, p.rate);
    }
}

#[test]
fn planted_policy_and_legal_breaches_are_found() {
    let r = demo_report();
    let invoices = r.kpis.invoices as f64;
    let early = rule(&r, "no-reminder-before-due");
    assert!(
        early.violations > 0 && (early.violations as f64) < 0.03 * invoices,
        "{}",
        early.violations
    );
    assert!(rule(&r, "no-write-off-without-reminder").violations > 0);
    assert!(rule(&r, "reminder-levels-in-order").violations > 0);
    let night = rule(&r, "fdcpa-contact-hours");
    assert!(night.violations > 0);
    assert!(night.details.iter().all(|d| d.detail.contains(" at 2")
        || d.detail.contains(" at 0")
        || d.detail.contains(" at 1")));
    let seven = rule(&r, "regf-7-in-7");
    assert!(seven.violations > 0);
    assert!(
        seven.customers.len() <= 3,
        "the calls concentrate on few customers: {:?}",
        seven.customers
    );
    assert!(rule(&r, "fdcpa-cease-communication").violations > 0);
    let terms = rule(&r, "fr-payment-terms-60-days");
    assert!(terms.violations > 0 && (terms.violations as f64) < 0.03 * invoices);
    let fee = rule(&r, "fr-40-eur-recovery-fee");
    assert_eq!(fee.amount, 40.0 * fee.violations as f64);
}

#[test]
fn receivable_kpis_are_plausible() {
    let r = demo_report();
    let k = &r.kpis;
    assert!(k.has_amounts);
    assert!(
        k.on_time_payment_rate > 0.2 && k.on_time_payment_rate < 0.8,
        "{}",
        k.on_time_payment_rate
    );
    assert!(k.invoice_to_cash_days.median > 20.0 && k.invoice_to_cash_days.median < 80.0);
    assert!(k.dso_monthly.len() >= 18);
    let last = k.dso_monthly.iter().rev().nth(1).unwrap();
    assert!(
        last.dso_simple > 20.0 && last.dso_simple < 150.0,
        "{last:?}"
    );
    assert!(last.bpdso <= last.dso_simple);
    assert!(k.write_offs.invoices.is_some_and(|n| n > 0));
    assert!(r.rework.cancelled_and_reissued_cases.is_some_and(|n| n > 0));
    assert!(k.credit.requests.is_some_and(|n| n > 0) && k.credit.approved.is_some_and(|n| n > 0));
    let open: u64 = k.aging.iter().map(|b| b.invoices).sum();
    assert!(open > 0);
}

/// The collections report of a CSV imported with no options and guessed roles.
fn report_of(csv: &[u8]) -> (CollectionsReport, relance_engine::import::ImportReport) {
    let imported = import_bytes(csv, ImportOptions::default()).unwrap();
    let log = imported.log;
    let map = RoleMap::guess(&log);
    let r = report(
        &log,
        &Selection::all(&log),
        &map,
        &CollectionsSettings::default(),
        &builtin_packs(),
    );
    (r, imported.report)
}

/// The report as JSON with its French names put back into English (whole values, and activity names
/// inside compliance details), the role mapping (keyed by activity name) left out, and every list
/// sorted, since lists sorted by name sort differently in French.
fn figures_in_english(mut v: serde_json::Value) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => {
                if let Some((en, _)) = FRENCH.iter().find(|(_, fr)| fr == s) {
                    *s = en.to_string();
                    return;
                }
                let mut names: Vec<&(&str, &str)> = FRENCH.iter().collect();
                names.sort_by_key(|(_, fr)| std::cmp::Reverse(fr.len()));
                for (en, fr) in names {
                    if s.contains(fr) {
                        *s = s.replace(fr, en);
                    }
                }
            }
            serde_json::Value::Array(items) => {
                items.iter_mut().for_each(walk);
                items.sort_by_key(|x| x.to_string());
            }
            serde_json::Value::Object(map) => map.values_mut().for_each(walk),
            _ => {}
        }
    }
    if let Some(obj) = v.as_object_mut() {
        obj.remove("mapping");
    }
    walk(&mut v);
    v
}

/// The French export of the demo (French headers and activity names, `;`, decimal comma, dd/mm/yyyy)
/// gives exactly the English export's figures: every KPI, DSO month, dunning row, dispute, posting lag,
/// promise, rework count and compliance result. The audit measured `approved 0` credit decisions and
/// 0 % of write-offs via an agency on the French export, where the English gives thousands and 100 %.
#[test]
fn french_and_english_exports_give_the_same_figures() {
    let opts = DemoOptions::default();
    let en_csv = demo_csv(opts);
    let fr_opts = DemoOptions {
        language: DemoLanguage::French,
        ..opts
    };
    let fr_csv = demo_csv(fr_opts);
    assert!(fr_csv.starts_with("N° facture;Activité;Date;"));
    assert!(
        fr_csv.contains(";Limite de crédit approuvée;")
            && fr_csv.contains(";Transmis au recouvrement;")
    );
    let (en, en_import) = report_of(en_csv.as_bytes());
    let (fr, fr_import) = report_of(fr_csv.as_bytes());
    assert_eq!((en_import.skipped_rows, fr_import.skipped_rows), (0, 0));
    assert_eq!(en_import.rows, fr_import.rows);
    let unrecognised: Vec<&String> = fr
        .mapping
        .activities
        .iter()
        .filter(|(_, r)| r.key() == "other")
        .map(|(k, _)| k)
        .collect();
    assert!(unrecognised.is_empty(), "{unrecognised:?}");
    assert_eq!(
        en.mapping.attributes.values().collect::<Vec<_>>().len(),
        fr.mapping.attributes.values().collect::<Vec<_>>().len()
    );
    // The two figures the audit found wrong, then everything.
    assert!(fr.kpis.credit.approved.is_some_and(|a| a > 0));
    assert_eq!(fr.kpis.credit.approved, en.kpis.credit.approved);
    assert_eq!(
        fr.kpis.write_offs.via_agency_share,
        en.kpis.write_offs.via_agency_share
    );
    assert!(en.kpis.write_offs.via_agency_share > 0.5);
    let en_json = figures_in_english(serde_json::to_value(&en).unwrap());
    let fr_json = figures_in_english(serde_json::to_value(&fr).unwrap());
    for (key, value) in en_json.as_object().unwrap() {
        assert_eq!(&fr_json[key], value, "{key} differs");
    }
    assert_eq!(fr_json, en_json);
    // The same export in Windows-1252 bytes, as a French ERP or Excel writes it, reads the same.
    let latin = demo_bytes(DemoOptions {
        windows_1252: true,
        ..fr_opts
    });
    assert_eq!(
        latin.len(),
        fr_csv.len() - fr_csv.chars().filter(|c| !c.is_ascii()).count()
    );
    let (fr_1252, import_1252) = report_of(&latin);
    assert_eq!(import_1252.encoding.name(), "windows-1252");
    // Compared as JSON: NaN (not available) is not equal to itself, `null` is.
    let same = serde_json::to_value(&fr_1252).unwrap() == serde_json::to_value(&fr).unwrap();
    assert!(same, "the Windows-1252 export gives other figures");
}

/// Issue 16, point 6: on a big log a rule can have hundreds of thousands of violations. The report
/// lists the first `MAX_DETAILS` of each rule (saying so) while counting them all, its light copy for
/// a screen counts the cases instead of listing them, and `all_violations` still lists every one.
#[test]
fn violations_are_counted_in_full_and_listed_up_to_the_cap() {
    use relance_engine::collections::compliance::{violations_csv, MAX_DETAILS};
    use relance_engine::collections::{all_violations, compute};
    let csv = demo_csv(DemoOptions {
        invoices: 6_000,
        ..Default::default()
    });
    let log = import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let (map, sel, settings, packs) = (
        RoleMap::guess(&log),
        Selection::all(&log),
        CollectionsSettings::default(),
        builtin_packs(),
    );
    let computed = compute(&log, &sel, &map, &settings, &packs);
    let everything = all_violations(&log, &sel, &map, &settings, &packs);
    let big = computed
        .report
        .compliance
        .iter()
        .find(|r| r.violations as usize > MAX_DETAILS)
        .expect("a rule with more violations than the cap on 6,000 invoices");
    assert!(big.details_truncated);
    assert_eq!(big.details.len(), MAX_DETAILS);
    assert_eq!(big.case_count as usize, big.cases.len());
    assert_eq!(big.customer_count as usize, big.customers.len());
    let full = everything.iter().find(|r| r.rule == big.rule).unwrap();
    assert_eq!(full.details.len() as u64, big.violations);
    assert!(!full.details_truncated);
    // The first violations listed are the same, in the same order.
    assert_eq!(full.details[..MAX_DETAILS], big.details[..]);
    // Every rule: as many CSV rows as violations (plus the header).
    let total: u64 = everything.iter().map(|r| r.violations).sum();
    let rows = violations_csv(&everything).lines().count() as u64;
    assert_eq!(rows, total + 1);
    // The light copy keeps the counts and the first rows only.
    let light = computed.report.light(25);
    let l = light
        .compliance
        .iter()
        .find(|r| r.rule == big.rule)
        .unwrap();
    assert!(l.cases.is_empty() && l.customers.is_empty());
    assert_eq!(
        (l.case_count, l.violations),
        (big.case_count, big.violations)
    );
    assert_eq!(l.details.len(), 25);
    assert!(l.details_truncated);
    assert_eq!(
        serde_json::to_string(&light.kpis).unwrap(),
        serde_json::to_string(&computed.report.kpis).unwrap()
    );
    // The facts kept are those of every selected case.
    assert_eq!(computed.invoices.len(), log.case_count());
}

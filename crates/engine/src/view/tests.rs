//! The view file's tests: round trips, older files, what a view says about the log it was made on.
use super::*;

#[test]
fn round_trips_and_rejects_other_versions() {
    let v = ViewFile {
        relance_view: 1,
        filters: FilterStack {
            items: vec![FilterItem {
                filter: Filter::Activities {
                    names: vec!["Payment".into()],
                },
                keep: false,
            }],
        },
        mapping: None,
        map: Some(MapView {
            activity_pct: 80.0,
            paths_pct: 20.0,
        }),
        columns: Some(ColumnsView {
            roles: vec![("Dossier".into(), ColumnRole::Case)],
            delimiter: Some(';'),
            date_order: DateOrder::DayFirst,
            complete_only: false,
        }),
        ..Default::default()
    };
    let text = v.to_json();
    assert!(text.contains("\"kind\": \"activities\""));
    assert_eq!(ViewFile::from_json(&text).unwrap(), v);
    assert!(ViewFile::from_json(r#"{"relance_view": 2}"#).is_err());
    assert!(ViewFile::from_json("{")
        .unwrap_err()
        .to_string()
        .starts_with("invalid view file"));
    assert_eq!(ViewFile::from_json("{}").unwrap().relance_view, 1);
}

#[test]
fn the_conformance_setup_round_trips_and_its_log_data_is_named_and_dropped() {
    use crate::conformance::DeviationKind;
    let setup = ConformanceView {
        model: Some(ModelView::Mined {
            choice: VariantChoice::Sequences {
                sequences: vec![vec!["Invoice".into(), "Payment".into()]],
            },
            noise_threshold: 0.2,
        }),
        mapping: None,
        scenarios: vec![
            ScenarioSpec::FollowIdealPath {
                deviation: DeviationKind::Skipped,
                activity: "Reminder".into(),
            },
            ScenarioSpec::SegmentLikeRest {
                attribute: "segment".into(),
                value: "SME".into(),
            },
        ],
    };
    let v = ViewFile {
        conformance: Some(setup),
        ..Default::default()
    };
    let text = v.to_json();
    let back = ViewFile::from_json(&text).unwrap();
    assert_eq!(back.conformance, v.conformance);
    assert_eq!(
        back.contains_log_data.len(),
        2,
        "{:?}",
        back.contains_log_data
    );
    assert!(back.contains_log_data[0].contains("1 variant of the ideal process"));
    assert!(back.contains_log_data[1].contains("column \"segment\""));
    let clean = v.without_log_data();
    assert!(clean.contains_log_data().is_empty());
    assert_eq!(clean.log_data_filters_removed, 2);
    let c = clean.conformance.unwrap();
    assert_eq!(c.model, None);
    assert_eq!(c.scenarios.len(), 1);
    // A file saved before the conformance view reads as before.
    assert_eq!(
        ViewFile::from_json(r#"{"relance_view": 1, "filters": {"items": []}}"#)
            .unwrap()
            .conformance,
        None
    );
    // Numbers out of range are refused with the field named.
    let bad = r#"{"conformance": {"model": {"kind": "mined", "choice": {"kind": "top_coverage", "percent": 180}}}}"#;
    let e = ViewFile::from_json(bad).unwrap_err().to_string();
    assert!(e.contains("percent"), "{e}");
    let bad = r#"{"conformance": {"scenarios": [{"kind": "waiting_time", "activity": "Call", "factor": -1}]}}"#;
    assert!(ViewFile::from_json(bad)
        .unwrap_err()
        .to_string()
        .contains("factor"));
}

#[test]
fn a_saved_model_file_and_the_user_s_pairs_are_used_again() {
    let csv = "case,activity,timestamp\n1,Invoice,2024-01-01\n1,Payment,2024-01-20\n\
               2,Invoice,2024-01-02\n2,Reminder,2024-01-15\n2,Payment,2024-01-25\n";
    let log = crate::import::import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let sel = crate::filter::Selection::all(&log);
    let mined = ConformanceView {
        model: Some(ModelView::Mined {
            choice: VariantChoice::TopCoverage { percent: 50.0 },
            noise_threshold: 0.0,
        }),
        ..Default::default()
    }
    .bound_model(&log, &sel, crate::insights::Language::En)
    .unwrap();
    // Written as PNML with a renamed activity, read back, and paired by the user.
    let pnml = mined.to_pnml().replace(">Payment<", ">Cash in<");
    assert!(pnml.contains(">Cash in<"));
    let mut mapping = ActivityMapping::default();
    mapping.set("Cash in", Some("Payment".into()));
    let setup = ConformanceView {
        model: Some(ModelView::File {
            name: "ideal.pnml".into(),
            text: pnml,
        }),
        mapping: Some(mapping),
        scenarios: Vec::new(),
    };
    let model = setup
        .bound_model(&log, &sel, crate::insights::Language::En)
        .unwrap();
    assert_eq!(model.mapping.log_name("Cash in"), "Payment");
    let acts = model.activities();
    assert!(acts.contains(&"Cash in".to_string()) && !acts.contains(&"Payment".to_string()));
    // Without the pair, "Cash in" stands for nothing in the log.
    let unpaired = ConformanceView {
        mapping: None,
        ..setup
    }
    .bound_model(&log, &sel, crate::insights::Language::En)
    .unwrap();
    assert_eq!(unpaired.mapping.unmatched(), vec!["Cash in"]);
}

#[test]
fn columns_come_from_the_report_and_yield_to_flags() {
    let csv =
        "Dossier;Etape;Quand;Note\nD1;Ouverture;03/04/2024 08:00;a\nD1;Fin;25/04/2024 08:00;b\n";
    let imported = crate::import::import_bytes(csv.as_bytes(), ImportOptions::default()).unwrap();
    let cols = ColumnsView::from_report(&imported.report).unwrap();
    assert_eq!(
        cols.roles,
        vec![
            ("Dossier".to_string(), ColumnRole::Case),
            ("Etape".to_string(), ColumnRole::Activity),
            ("Quand".to_string(), ColumnRole::Timestamp),
        ]
    );
    assert_eq!(
        (cols.delimiter, cols.date_order),
        (Some(';'), DateOrder::DayFirst)
    );
    // A flag (here the activity column and the date order) wins; the rest comes from the view.
    let mut opts = ImportOptions {
        roles: vec![("Note".into(), ColumnRole::Activity)],
        date_order: DateOrder::MonthFirst,
        ..Default::default()
    };
    cols.apply_to(&mut opts);
    assert_eq!(
        opts.roles,
        vec![
            ("Note".to_string(), ColumnRole::Activity),
            ("Dossier".to_string(), ColumnRole::Case),
            ("Quand".to_string(), ColumnRole::Timestamp),
        ]
    );
    assert_eq!(
        (opts.delimiter, opts.date_order),
        (Some(b';'), DateOrder::MonthFirst)
    );
}

fn item(filter: Filter) -> FilterItem {
    FilterItem { filter, keep: true }
}

#[test]
fn log_data_is_declared_and_can_be_left_out() {
    let v = ViewFile {
        filters: FilterStack {
            items: vec![
                item(Filter::Activities {
                    names: vec!["Payment".into()],
                }),
                item(Filter::Cases {
                    ids: vec!["INV-1".into(), "INV-2".into()],
                    label: Some("Paid late".into()),
                }),
                item(Filter::Attribute {
                    name: "customer".into(),
                    values: vec!["Dupont SA".into()],
                }),
                item(Filter::Variants {
                    sequences: vec![vec!["Create".into(), "Pay".into()]],
                }),
                item(Filter::Resources {
                    names: vec!["Nadia".into(), "Marc".into()],
                }),
                item(Filter::Step {
                    from: "Create".into(),
                    to: "Pay".into(),
                    group: Some(StepGroup {
                        by: GroupBy::Attribute {
                            name: "segment".into(),
                        },
                        value: "SME".into(),
                    }),
                }),
                item(Filter::TopVariants { k: 5 }),
            ],
        },
        ..Default::default()
    };
    assert_eq!(
        v.contains_log_data(),
        [
            "2 case ids",
            "1 value of column \"customer\"",
            "1 variant (activity sequences)",
            "2 resource names",
            "a value of column \"segment\" (breakdown group)"
        ]
    );
    let text = v.to_json();
    assert!(
        text.contains("\"contains_log_data\": [\n    \"2 case ids\""),
        "{text}"
    );
    // A reader gets the same statement back, whatever the file claimed.
    let read = ViewFile::from_json(&text.replace("2 case ids", "nothing")).unwrap();
    assert_eq!(read.contains_log_data, v.contains_log_data());

    let clean = v.without_log_data();
    assert!(clean.contains_log_data().is_empty());
    assert_eq!(clean.log_data_filters_removed, 5);
    let kinds: Vec<&str> = clean
        .filters
        .items
        .iter()
        .map(|i| i.filter.kind())
        .collect();
    assert_eq!(kinds, ["activities", "top_variants"]);
    let text = clean.to_json();
    for secret in ["INV-1", "Dupont", "Nadia", "SME", "Create"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(text.contains("\"contains_log_data\": []"), "{text}");
    assert!(text.contains("\"log_data_filters_removed\": 5"), "{text}");
    assert_eq!(ViewFile::from_json(&text).unwrap(), clean);
    // A view with no log data says so.
    assert!(ViewFile::default()
        .to_json()
        .contains("\"contains_log_data\": []"));
}

#[test]
fn absurd_numbers_are_refused_with_the_field_named() {
    let refused = |json: &str| ViewFile::from_json(json).unwrap_err().to_string();
    let e = refused(
        r#"{"filters": {"items": [{"filter": {"kind": "follower", "from": "A", "to": "B", "directly": false, "within_s": -1e300, "after_s": null}}]}}"#,
    );
    assert!(
        e.starts_with("view file: filter 1 (follower): \"within_s\": expected a number of seconds"),
        "{e}"
    );
    let e = refused(
        r#"{"filters": {"items": [{"filter": {"kind": "case_duration", "min_s": null, "max_s": 1e300}}]}}"#,
    );
    assert!(e.contains("\"max_s\""), "{e}");
    let e = refused(r#"{"map": {"activity_pct": 1e300, "paths_pct": 20}}"#);
    assert!(
        e.starts_with("view file: map \"activity_pct\": expected a number from 0 to 100"),
        "{e}"
    );
    let e =
        refused(r#"{"mapping": {"activities": {"Relance": "reminder_255"}, "attributes": {}}}"#);
    assert!(
        e.contains(
            "reminder level 255 in \"reminder_255\" is out of range: levels run from 1 to 20"
        ),
        "{e}"
    );
    let e = refused(
        r#"{"filters": {"items": [{"filter": {"kind": "timeframe", "from_ms": -9223372036854775808, "to_ms": 0, "mode": "trim"}}]}}"#,
    );
    assert!(e.contains("\"from_ms\""), "{e}");
}

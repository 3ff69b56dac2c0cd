use super::*;

#[test]
fn lists_arrive_in_every_engine_s_text_form() {
    assert_eq!(
        parse_list_text(r#"["a","b, c"]"#),
        Some(vec!["a".into(), "b, c".into()])
    );
    assert_eq!(
        parse_list_text(r#"{a,"b c","d\"e",""}"#),
        Some(vec!["a".into(), "b c".into(), "d\"e".into(), "".into()])
    );
    assert_eq!(parse_list_text("{}"), Some(vec![]));
    assert_eq!(parse_list_text("a,b"), None);
}

/// A DSO result as the SQL returns it: the engine's fields (end_ms an integer), the `unavailable`
/// list of its NULL figures with the engine's reasons, and notes on the zone and the cap.
#[test]
fn dso_rows_get_the_engine_s_fields_reasons_and_notes() {
    use Cell::*;
    let row = |month: &str, dso: Cell, end: Cell, start3: i64, next: i64| {
        vec![
            Text(month.into()),
            dso.clone(),
            Float(30.0),
            dso,
            Null,
            Float(100.0),
            Float(10.0),
            Float(0.0),
            Float(0.0),
            end,
            Int(700),
            Text("Europe/Paris".into()),
            Int(start3),
            Int(next),
            Int(1_699_574_400_000), // 2023-11-10
            Int(1_709_164_800_000), // 2024-02-29
            Int(100),
            Text("ledger_without_clearing".into()),
        ]
    };
    let mut r = BTreeMap::new();
    r.insert(
        Analysis::DsoMonthly,
        table(
            Analysis::DsoMonthly.columns(),
            vec![
                row(
                    "2024-02",
                    Float(45.5),
                    Text("1709247600000".into()),
                    1_701_385_200_000, // 2023-12-01 Paris
                    1_709_247_600_000,
                ),
                row(
                    "2024-01",
                    Null,
                    Float(1_706_742_000_000.0),
                    1_698_793_200_000, // 2023-11-01 Paris
                    1_706_742_000_000,
                ),
            ],
        ),
    );
    let c = collections(&r).unwrap().unwrap();
    let months = c["dso_monthly"].as_array().unwrap();
    assert_eq!(months[0]["month"], "2024-01");
    assert_eq!(months[0]["end_ms"], serde_json::json!(1_706_742_000_000i64));
    assert_eq!(months[1]["end_ms"], serde_json::json!(1_709_247_600_000i64));
    assert!(months[0].get("time_zone").is_none() && months[0].get("months_total").is_none());
    let figures: Vec<&str> = months[0]["unavailable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["figure"].as_str().unwrap())
        .collect();
    assert_eq!(figures, ["dso_simple", "bpdso", "add"]);
    // January's 3 months of sales begin before the first invoice (10 November): partial;
    // February is complete and headlined. Asked for the ledger's basis without a clearing event:
    // cash, and said so.
    assert_eq!(months[0]["partial_reason"], "before_issuing");
    assert_eq!(months[1]["partial"], false);
    assert!(months[1].get("partial_reason").is_none() && months[0].get("basis").is_none());
    assert_eq!(c["dso_month"], "2024-02");
    assert_eq!(c["dso_basis"], "cash");
    assert!(c["notes"].to_string().contains("no clearing event"));
    assert_eq!(
        months[0]["unavailable"][0]["reason"],
        "no credit sales in the 3 months to this month-end"
    );
    assert_eq!(months[1]["unavailable"][0]["figure"], "add");
    let notes = c["notes"].as_array().unwrap();
    assert!(notes[0].as_str().unwrap().contains("in Europe/Paris"));
    // 700 months in all, 2 shown: the first was issued 698 months before January 2024.
    assert_eq!(
            notes[1],
            "the invoices span 700 months (the first issued in 1965-11): DSO is shown for the last 600, from 2024-01; older invoices still open count in the receivables"
        );
}

#[test]
fn counts_read_from_any_numeric_form() {
    assert_eq!(Cell::Text("12".into()).as_u64(), Some(12));
    assert_eq!(Cell::Text("12.0".into()).as_u64(), Some(12));
    assert_eq!(Cell::Float(12.0).as_u64(), Some(12));
    assert_eq!(Cell::Float(12.5).as_u64(), None);
    assert_eq!(Cell::Int(-1).as_u64(), None);
}

fn table(cols: &[&str], rows: Vec<Vec<Cell>>) -> Table {
    Table {
        columns: cols.iter().map(|c| c.to_string()).collect(),
        rows,
    }
}

#[test]
fn a_document_sorted_as_the_engine_sorts_with_the_cap_counted() {
    use Cell::*;
    let mut r = BTreeMap::new();
    r.insert(
        Analysis::Log,
        table(
            Analysis::Log.columns(),
            vec![vec![Int(3), Int(7), Int(2), Int(0), Int(86_400_000)]],
        ),
    );
    r.insert(
        Analysis::Activities,
        table(
            Analysis::Activities.columns(),
            vec![
                vec![Text("b".into()), Int(3), Int(3)],
                vec![Text("a".into()), Text("4".into()), Float(3.0)],
            ],
        ),
    );
    r.insert(
        Analysis::StartActivities,
        table(&["NAME", "CASES"], vec![vec![Text("a".into()), Int(3)]]),
    );
    r.insert(
        Analysis::EndActivities,
        table(&["name", "cases"], vec![vec![Text("b".into()), Int(3)]]),
    );
    r.insert(
        Analysis::Dfg,
        table(
            Analysis::Dfg.columns(),
            vec![vec![
                Text("a".into()),
                Text("b".into()),
                Int(3),
                Int(3),
                Float(1.0),
                Float(1.0),
                Float(1.0),
                Float(1.0),
                Float(3.0),
            ]],
        ),
    );
    // Two of three variants came back (cap 2).
    r.insert(
        Analysis::Variants,
        table(
            Analysis::Variants.columns(),
            vec![
                vec![
                    Text("{a,b}".into()),
                    Int(1),
                    Float(0.33),
                    Float(5.0),
                    Int(3),
                ],
                vec![
                    List(vec!["a".into(), "a".into(), "b".into()]),
                    Int(1),
                    Float(0.33),
                    Float(9.0),
                    Int(3),
                ],
            ],
        ),
    );
    r.insert(
        Analysis::CaseDurations,
        table(
            Analysis::CaseDurations.columns(),
            vec![vec![Float(1.0), Float(2.0), Float(3.0), Float(4.0), Null]],
        ),
    );
    let origin = Origin {
        import: ImportReport::default(),
        source: SummarySource {
            engine: "test".into(),
            input: "t".into(),
            drill_down: false,
            drill_down_note: String::new(),
        },
    };
    let d = assemble(&r, origin).unwrap();
    let s = &d.summary;
    assert_eq!(s.activities[0].name, "a");
    assert_eq!(s.activities[0].events, 4);
    assert_eq!(s.log.last_event.as_deref(), Some("1970-01-02T00:00:00Z"));
    // Equal counts: by sequence, ["a","a","b"] before ["a","b"].
    assert_eq!(s.variants[0].activities, ["a", "a", "b"]);
    assert!((s.variants[1].cumulative_share - 2.0 / 3.0).abs() < 1e-15);
    assert_eq!(
        d.variants_other,
        Some(OtherVariants {
            variants: 1,
            cases: 1
        })
    );
    assert!(s.case_duration_s.p90.is_nan());
    r.remove(&Analysis::Dfg);
    let origin = Origin {
        import: ImportReport::default(),
        source: d.source.clone().unwrap(),
    };
    assert_eq!(
        assemble(&r, origin).unwrap_err().0,
        "the result of dfg is missing"
    );
}

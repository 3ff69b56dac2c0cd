use super::*;

#[test]
fn sort_keys_put_missing_numbers_last_and_keep_ties_in_order() {
    let columns = vec![Column::number(
        "x",
        |r: &(u64, f64)| r.1,
        |x| x.to_string(),
        |x| x.to_string(),
    )];
    let rows = vec![(0, 2.0), (1, f64::NAN), (2, 1.0), (3, 2.0)];
    let t = Grid::new(columns, rows, &[], None);
    assert_eq!(t.order(None), [0, 1, 2, 3]);
    assert_eq!(t.order(Some((0, false))), [2, 0, 3, 1]);
    // Descending: the reverse order of keys, ties still in their first order.
    assert_eq!(t.order(Some((0, true))), [1, 0, 3, 2]);
}

#[test]
fn csv_has_raw_numbers_stable_headers_and_the_shown_order() {
    let t = Grid::new(
        vec![
            Column::text("Name", |r: &(String, u64, f64)| r.0.clone()),
            Column::count("Cases", |r: &(String, u64, f64)| r.1),
            Column::number(
                "Rate",
                |r: &(String, u64, f64)| r.2,
                crate::core::format::percent,
                crate::core::format::raw::percent,
            )
            .csv("Rate (%)"),
        ],
        vec![
            ("=b".to_string(), 1234, 0.5),
            ("a".to_string(), 5, f64::NAN),
        ],
        &[],
        None,
    );
    assert_eq!(
        t.csv(None),
        "\u{feff}Name,Cases,Rate (%)\n'=b,1234,50.00\na,5,\n"
    );
    // Sorted by cases, smallest first.
    assert_eq!(
        t.csv(Some((1, false))),
        "\u{feff}Name,Cases,Rate (%)\na,5,\n'=b,1234,50.00\n"
    );
}

#[test]
fn shown_counts_become_numbers_in_csv() {
    assert_eq!(plain("150\u{202f}370"), "150370");
    assert_eq!(plain(" 12 "), "12");
    assert_eq!(plain("1\u{202f}23"), "1 23");
    assert_eq!(plain("12\u{a0}%"), "12 %");
}

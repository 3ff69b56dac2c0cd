use super::*;

#[test]
fn a_reservation_stays_within_its_memory_budget() {
    let mut b = LogBuilder::new();
    for i in 0..100 {
        b.add_attribute(&format!("a{i}"), Scope::Event, ColumnRole::Attribute);
    }
    // What `estimate_rows` may ask for on a 2 GB file of short first lines.
    b.reserve(1 << 28);
    let bytes = b.row_case.capacity() * 4
        + b.row_activity.capacity() * 4
        + b.row_time.capacity() * 8
        + b.row_offset.capacity() * 2
        + b.row_resource.capacity() * 4
        + b.attrs
            .iter()
            .map(AttrBuilder::capacity_bytes)
            .sum::<usize>();
    assert!(
        bytes <= RESERVE_BUDGET_BYTES + (1 << 20),
        "{bytes} bytes reserved"
    );
    assert!(b.row_case.capacity() > 0);
}

/// A typed column keeps its readable cells, leaves the others empty, and says how many it could not
/// read with the first one in the file as the example, for amounts and for due dates alike.
#[test]
fn unreadable_typed_cells_are_counted_with_the_file_s_first() {
    let csv = "case,activity,timestamp,amount,due_date\n\
        a,Invoice created,2024-01-01,100.5,2024-02-01\n\
        a,Invoice sent,2024-01-02,100.5,2024-02-01\n\
        b,Invoice created,2024-01-03,n/a,soon\n\
        c,Invoice created,2024-01-04,lots,2024-02-04\n\
        d,Invoice created,2024-01-05,n/a,later\n";
    let imported =
        crate::import::import_bytes(csv.as_bytes(), crate::import::ImportOptions::default())
            .unwrap();
    let said = |key: &str| {
        imported
            .report
            .note_messages
            .iter()
            .find(|m| m.key == key)
            .map(|m| m.text.clone())
            .unwrap_or_default()
    };
    let numbers = said("imp-bad-numbers");
    assert!(
        numbers.contains("3 values") && numbers.contains("\"n/a\""),
        "{numbers}"
    );
    let dates = said("imp-bad-dates");
    assert!(
        dates.contains("2 values") && dates.contains("\"soon\""),
        "{dates}"
    );
    let log = &imported.log;
    let amount = log.attributes.iter().find(|a| a.name == "amount").unwrap();
    match &amount.values {
        Values::Number(v) => {
            assert_eq!(v[0], 100.5);
            assert!(v[2].is_nan() && v[3].is_nan() && v[4].is_nan());
        }
        other => panic!("amount is not numbers: {other:?}"),
    }
}

/// One unreadable value is said in the singular ("one value could not be read as a number").
#[test]
fn one_unreadable_value_is_said_in_the_singular() {
    let one = super::finish::unreadable_values("imp-bad-numbers", "numbers", "amount", 1, "douze");
    assert_eq!(
        one.text,
        "column \"amount\": one value could not be read as a number (\"douze\") and is left empty"
    );
    let two = super::finish::unreadable_values("imp-bad-dates", "dates", "due", 2, "31/13");
    assert!(
        two.text
            .starts_with("column \"due\": 2 values could not be read as dates"),
        "{}",
        two.text
    );
}

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

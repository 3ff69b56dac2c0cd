use super::*;

fn text(s: &str) -> Cell {
    Cell::Text(s.into())
}

#[test]
fn the_header_is_found_under_title_rows() {
    let rows = [
        vec![text("Open items report")],
        vec![text("as of"), Cell::Time(0)],
        vec![],
        vec![
            text("Invoice"),
            text("Customer"),
            text("Date"),
            text("Amount"),
        ],
        vec![text("I1"), text("A"), Cell::Time(0), Cell::Number(1.0)],
    ];
    let refs: Vec<&Vec<Cell>> = rows.iter().collect();
    assert_eq!(find_header(&refs), Some(3));
    // Data only: no header.
    let rows = [
        vec![text("I1"), Cell::Number(1.0)],
        vec![text("I2"), Cell::Number(2.0)],
    ];
    let refs: Vec<&Vec<Cell>> = rows.iter().collect();
    assert_eq!(find_header(&refs), None);
}

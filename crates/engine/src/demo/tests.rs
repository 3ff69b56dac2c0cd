use super::*;

#[test]
fn paris_offsets_follow_the_eu_rule() {
    let t = |y, m, d, h: i64| days_from_civil(y, m, d) * MS_PER_DAY + h * 3_600_000;
    assert_eq!(paris_offset_min(t(2024, 1, 15, 12)), 60);
    assert_eq!(paris_offset_min(t(2024, 7, 15, 12)), 120);
    // 2024-03-31 is the last Sunday of March: summer time from 01:00 UTC.
    assert_eq!(paris_offset_min(t(2024, 3, 31, 0)), 60);
    assert_eq!(paris_offset_min(t(2024, 3, 31, 1)), 120);
    // 2024-10-27: back to winter time at 01:00 UTC.
    assert_eq!(paris_offset_min(t(2024, 10, 27, 0)), 120);
    assert_eq!(paris_offset_min(t(2024, 10, 27, 1)), 60);
    assert_eq!(paris_iso(t(2024, 7, 15, 12)), "2024-07-15T14:00:00+02:00");
}

#[test]
fn deterministic_for_a_seed() {
    let a = demo_csv(DemoOptions {
        invoices: 200,
        ..Default::default()
    });
    let b = demo_csv(DemoOptions {
        invoices: 200,
        ..Default::default()
    });
    let c = demo_csv(DemoOptions {
        invoices: 200,
        seed: 8,
        ..Default::default()
    });
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert!(a.starts_with(HEADER));
}

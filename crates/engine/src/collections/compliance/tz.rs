//! Time zones for contact-hour rules, without a time-zone database.
//!
//! Contact-hour laws speak of the debtor's local time. The file's own offsets are the default; a rule can
//! instead name a zone. Supported: `UTC`, fixed offsets (`+05:30`, `-0800`), and the IANA zones below with
//! their daylight-saving rules in force since 2023: the EU rule (last Sunday of March to last Sunday of
//! October, at 01:00 UTC, since 1996), the US and Canadian rule (second Sunday of March to first Sunday of
//! November, at 02:00 local, since 2007), south-east Australia (first Sunday of October to first Sunday of
//! April, 02:00 standard time, since 2008), New Zealand (last Sunday of September to first Sunday of
//! April, 02:00 standard time, since 2007) and Chile (the Sunday on or after 2 September, 04:00 UTC, to the
//! Sunday on or after 2 April, 03:00 UTC, since 2023); zones without daylight saving now (Mexico since 2022, Brazil since
//! 2019, Russia since 2014, Iran since 2022, Türkiye since 2016) use their fixed offset. Earlier rules
//! are not modelled, so contact hours before those years can be an hour off in those zones; a zone whose
//! rules this table does not know (Israel, Egypt, Morocco, Paraguay, ...) is refused rather than guessed. Every zone here was checked against the IANA database
//! every 30 minutes from June 2023 to June 2026.

use crate::calendar::{civil_from_days, days_from_civil, MS_PER_DAY};

/// A time zone: a standard offset and a daylight-saving rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone {
    /// Standard offset, minutes east of UTC.
    pub standard_min: i32,
    /// Daylight-saving rule.
    pub dst: Dst,
}

/// Daylight-saving rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dst {
    /// No daylight saving.
    None,
    /// European Union: +1 h from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.
    Eu,
    /// United States and Canada: +1 h from the second Sunday of March 02:00 local to the first Sunday of
    /// November 02:00 local.
    Us,
    /// South-east Australia: +1 h from the first Sunday of October 02:00 standard time to the first
    /// Sunday of April 02:00 standard time (03:00 daylight time).
    Au,
    /// New Zealand: +1 h from the last Sunday of September 02:00 standard time to the first Sunday of
    /// April 02:00 standard time.
    Nz,
    /// Chile: +1 h from the first Sunday on or after 2 September, 04:00 UTC, to the first Sunday on or
    /// after 2 April, 03:00 UTC.
    Chile,
}

const ZONES: &[(&str, i32, Dst)] = &[
    ("UTC", 0, Dst::None),
    ("Etc/UTC", 0, Dst::None),
    ("Europe/London", 0, Dst::Eu),
    ("Europe/Dublin", 0, Dst::Eu),
    ("Europe/Lisbon", 0, Dst::Eu),
    ("Europe/Paris", 60, Dst::Eu),
    ("Europe/Berlin", 60, Dst::Eu),
    ("Europe/Madrid", 60, Dst::Eu),
    ("Europe/Rome", 60, Dst::Eu),
    ("Europe/Amsterdam", 60, Dst::Eu),
    ("Europe/Brussels", 60, Dst::Eu),
    ("Europe/Luxembourg", 60, Dst::Eu),
    ("Europe/Vienna", 60, Dst::Eu),
    ("Europe/Zurich", 60, Dst::Eu),
    ("Europe/Stockholm", 60, Dst::Eu),
    ("Europe/Oslo", 60, Dst::Eu),
    ("Europe/Copenhagen", 60, Dst::Eu),
    ("Europe/Warsaw", 60, Dst::Eu),
    ("Europe/Prague", 60, Dst::Eu),
    ("Europe/Budapest", 60, Dst::Eu),
    ("Europe/Helsinki", 120, Dst::Eu),
    ("Europe/Athens", 120, Dst::Eu),
    ("Europe/Bucharest", 120, Dst::Eu),
    ("America/New_York", -300, Dst::Us),
    ("America/Detroit", -300, Dst::Us),
    ("America/Chicago", -360, Dst::Us),
    ("America/Denver", -420, Dst::Us),
    ("America/Phoenix", -420, Dst::None),
    ("America/Los_Angeles", -480, Dst::Us),
    ("America/Anchorage", -540, Dst::Us),
    ("Pacific/Honolulu", -600, Dst::None),
    ("America/Toronto", -300, Dst::Us),
    ("America/Vancouver", -480, Dst::Us),
    ("Asia/Tokyo", 540, Dst::None),
    ("Asia/Shanghai", 480, Dst::None),
    ("Asia/Singapore", 480, Dst::None),
    ("Asia/Kolkata", 330, Dst::None),
    ("Asia/Dubai", 240, Dst::None),
    ("Australia/Brisbane", 600, Dst::None),
    ("Europe/Belfast", 0, Dst::Eu),
    ("Atlantic/Canary", 0, Dst::Eu),
    ("Atlantic/Madeira", 0, Dst::Eu),
    ("Atlantic/Azores", -60, Dst::Eu),
    ("Atlantic/Reykjavik", 0, Dst::None),
    ("Europe/Monaco", 60, Dst::Eu),
    ("Europe/Andorra", 60, Dst::Eu),
    ("Europe/Malta", 60, Dst::Eu),
    ("Europe/Ljubljana", 60, Dst::Eu),
    ("Europe/Zagreb", 60, Dst::Eu),
    ("Europe/Belgrade", 60, Dst::Eu),
    ("Europe/Bratislava", 60, Dst::Eu),
    ("Europe/Sarajevo", 60, Dst::Eu),
    ("Europe/Skopje", 60, Dst::Eu),
    ("Europe/Tirane", 60, Dst::Eu),
    ("Africa/Lagos", 60, Dst::None),
    ("Africa/Algiers", 60, Dst::None),
    ("Africa/Tunis", 60, Dst::None),
    ("Europe/Sofia", 120, Dst::Eu),
    ("Europe/Riga", 120, Dst::Eu),
    ("Europe/Tallinn", 120, Dst::Eu),
    ("Europe/Vilnius", 120, Dst::Eu),
    ("Europe/Kyiv", 120, Dst::Eu),
    ("Europe/Kiev", 120, Dst::Eu),
    ("Asia/Nicosia", 120, Dst::Eu),
    ("Europe/Nicosia", 120, Dst::Eu),
    ("Africa/Johannesburg", 120, Dst::None),
    ("Europe/Moscow", 180, Dst::None),
    ("Europe/Istanbul", 180, Dst::None),
    ("Europe/Minsk", 180, Dst::None),
    ("Asia/Riyadh", 180, Dst::None),
    ("Asia/Qatar", 180, Dst::None),
    ("Africa/Nairobi", 180, Dst::None),
    ("Asia/Tehran", 210, Dst::None),
    ("Asia/Karachi", 300, Dst::None),
    ("Asia/Tashkent", 300, Dst::None),
    ("Asia/Calcutta", 330, Dst::None),
    ("Asia/Colombo", 330, Dst::None),
    ("Asia/Kathmandu", 345, Dst::None),
    ("Asia/Dhaka", 360, Dst::None),
    ("Asia/Bangkok", 420, Dst::None),
    ("Asia/Ho_Chi_Minh", 420, Dst::None),
    ("Asia/Jakarta", 420, Dst::None),
    ("Asia/Hong_Kong", 480, Dst::None),
    ("Asia/Taipei", 480, Dst::None),
    ("Asia/Manila", 480, Dst::None),
    ("Asia/Kuala_Lumpur", 480, Dst::None),
    ("Australia/Perth", 480, Dst::None),
    ("Asia/Seoul", 540, Dst::None),
    ("Australia/Darwin", 570, Dst::None),
    ("Australia/Adelaide", 570, Dst::Au),
    ("Australia/Sydney", 600, Dst::Au),
    ("Australia/Melbourne", 600, Dst::Au),
    ("Australia/Canberra", 600, Dst::Au),
    ("Australia/Hobart", 600, Dst::Au),
    ("Pacific/Auckland", 720, Dst::Nz),
    ("America/Halifax", -240, Dst::Us),
    ("America/St_Johns", -210, Dst::Us),
    ("America/Winnipeg", -360, Dst::Us),
    ("America/Edmonton", -420, Dst::Us),
    ("America/Regina", -360, Dst::None),
    ("America/Montreal", -300, Dst::Us),
    ("America/Indiana/Indianapolis", -300, Dst::Us),
    ("America/Boise", -420, Dst::Us),
    ("America/Puerto_Rico", -240, Dst::None),
    ("America/Mexico_City", -360, Dst::None),
    ("America/Monterrey", -360, Dst::None),
    ("America/Cancun", -300, Dst::None),
    ("America/Bogota", -300, Dst::None),
    ("America/Lima", -300, Dst::None),
    ("America/Panama", -300, Dst::None),
    ("America/Caracas", -240, Dst::None),
    ("America/Sao_Paulo", -180, Dst::None),
    ("America/Argentina/Buenos_Aires", -180, Dst::None),
    ("America/Buenos_Aires", -180, Dst::None),
    ("America/Montevideo", -180, Dst::None),
    ("America/Santiago", -240, Dst::Chile),
];

/// The names of the supported IANA zones.
pub fn zone_names() -> impl Iterator<Item = &'static str> {
    ZONES.iter().map(|z| z.0)
}

impl Zone {
    /// Looks a zone up by IANA name or fixed offset (`+02:00`, `-0530`, `UTC`).
    pub fn parse(name: &str) -> Option<Zone> {
        let n = name.trim();
        if let Some(&(_, standard_min, dst)) = ZONES.iter().find(|z| z.0.eq_ignore_ascii_case(n)) {
            return Some(Zone { standard_min, dst });
        }
        let (sign, rest) = match n.as_bytes().first() {
            Some(b'+') => (1, &n[1..]),
            Some(b'-') => (-1, &n[1..]),
            _ => return None,
        };
        let digits: String = rest.chars().filter(|c| *c != ':').collect();
        if digits.len() != 4 && digits.len() != 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let h: i32 = digits[..2].parse().ok()?;
        let m: i32 = if digits.len() == 4 {
            digits[2..].parse().ok()?
        } else {
            0
        };
        (h <= 14 && m < 60).then_some(Zone {
            standard_min: sign * (h * 60 + m),
            dst: Dst::None,
        })
    }

    /// Offset in minutes at a UTC instant.
    pub fn offset_min(&self, utc_ms: i64) -> i32 {
        let (y, _, _) = civil_from_days(utc_ms.div_euclid(MS_PER_DAY));
        let hour = 3_600_000;
        let in_dst = match self.dst {
            Dst::None => false,
            Dst::Eu => {
                let start = last_sunday(y, 3) * MS_PER_DAY + hour;
                let end = last_sunday(y, 10) * MS_PER_DAY + hour;
                (start..end).contains(&utc_ms)
            }
            Dst::Us => {
                let std = self.standard_min as i64 * 60_000;
                // 02:00 local standard time on the second Sunday of March.
                let start = (nth_sunday(y, 3, 2) * MS_PER_DAY + 2 * hour) - std;
                // 02:00 local daylight time on the first Sunday of November.
                let end = (nth_sunday(y, 11, 1) * MS_PER_DAY + 2 * hour) - (std + hour);
                (start..end).contains(&utc_ms)
            }
            // Southern hemisphere: daylight time spans the new year, so it is outside [end, start).
            Dst::Au | Dst::Nz => {
                let std = self.standard_min as i64 * 60_000;
                let start_day = match self.dst {
                    Dst::Au => nth_sunday(y, 10, 1),
                    _ => last_sunday(y, 9),
                };
                let start = start_day * MS_PER_DAY + 2 * hour - std;
                let end = nth_sunday(y, 4, 1) * MS_PER_DAY + 2 * hour - std;
                !(end..start).contains(&utc_ms)
            }
            Dst::Chile => {
                let start = sunday_on_or_after(y, 9, 2) * MS_PER_DAY + 4 * hour;
                let end = sunday_on_or_after(y, 4, 2) * MS_PER_DAY + 3 * hour;
                !(end..start).contains(&utc_ms)
            }
        };
        self.standard_min + if in_dst { 60 } else { 0 }
    }

    /// Wall-clock milliseconds (as if UTC) of a UTC instant in this zone.
    pub fn local_ms(&self, utc_ms: i64) -> i64 {
        utc_ms + self.offset_min(utc_ms) as i64 * 60_000
    }
}

/// ISO weekday index (0 = Monday) of a day number.
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

fn last_sunday(y: i64, month: u32) -> i64 {
    let last = days_from_civil(y, month, 1) + crate::calendar::days_in_month(y, month) as i64 - 1;
    last - (weekday(last) + 1) % 7
}

fn sunday_on_or_after(y: i64, month: u32, day: u32) -> i64 {
    let d = days_from_civil(y, month, day);
    d + (6 - weekday(d)).rem_euclid(7)
}

fn nth_sunday(y: i64, month: u32, n: i64) -> i64 {
    let first = days_from_civil(y, month, 1);
    let first_sunday = first + (6 - weekday(first)).rem_euclid(7);
    first_sunday + 7 * (n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i64, m: u32, d: u32, h: i64, min: i64) -> i64 {
        days_from_civil(y, m, d) * MS_PER_DAY + (h * 60 + min) * 60_000
    }

    #[test]
    fn eu_changes_at_one_utc() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        // 2024: summer time from Sunday 31 March 01:00 UTC to Sunday 27 October 01:00 UTC.
        assert_eq!(paris.offset_min(utc(2024, 3, 31, 0, 59)), 60);
        assert_eq!(paris.offset_min(utc(2024, 3, 31, 1, 0)), 120);
        assert_eq!(paris.offset_min(utc(2024, 10, 27, 0, 59)), 120);
        assert_eq!(paris.offset_min(utc(2024, 10, 27, 1, 0)), 60);
        let london = Zone::parse("europe/london").unwrap();
        assert_eq!(london.offset_min(utc(2025, 7, 1, 12, 0)), 60);
    }

    #[test]
    fn us_changes_at_two_local() {
        let ny = Zone::parse("America/New_York").unwrap();
        // 2024: DST from Sunday 10 March 02:00 EST (07:00 UTC) to Sunday 3 November 02:00 EDT (06:00 UTC).
        assert_eq!(ny.offset_min(utc(2024, 3, 10, 6, 59)), -300);
        assert_eq!(ny.offset_min(utc(2024, 3, 10, 7, 0)), -240);
        assert_eq!(ny.offset_min(utc(2024, 11, 3, 5, 59)), -240);
        assert_eq!(ny.offset_min(utc(2024, 11, 3, 6, 0)), -300);
        let la = Zone::parse("America/Los_Angeles").unwrap();
        assert_eq!(la.offset_min(utc(2024, 3, 10, 9, 59)), -480);
        assert_eq!(la.offset_min(utc(2024, 3, 10, 10, 0)), -420);
        let phoenix = Zone::parse("America/Phoenix").unwrap();
        assert_eq!(phoenix.offset_min(utc(2024, 7, 1, 0, 0)), -420);
    }

    #[test]
    fn southern_hemisphere_daylight_time_spans_the_new_year() {
        let sydney = Zone::parse("Australia/Sydney").unwrap();
        // 2024: AEDT until Sunday 7 April 03:00 AEDT (16:00 UTC on the 6th), again from Sunday
        // 6 October 02:00 AEST (16:00 UTC on the 5th).
        assert_eq!(sydney.offset_min(utc(2024, 1, 15, 0, 0)), 660);
        assert_eq!(sydney.offset_min(utc(2024, 4, 6, 15, 59)), 660);
        assert_eq!(sydney.offset_min(utc(2024, 4, 6, 16, 0)), 600);
        assert_eq!(sydney.offset_min(utc(2024, 10, 5, 15, 59)), 600);
        assert_eq!(sydney.offset_min(utc(2024, 10, 5, 16, 0)), 660);
        let adelaide = Zone::parse("Australia/Adelaide").unwrap();
        assert_eq!(adelaide.offset_min(utc(2024, 12, 25, 0, 0)), 630);
        // New Zealand: NZDT from Sunday 29 September 2024 02:00 NZST (14:00 UTC on the 28th) to
        // Sunday 6 April 2025 03:00 NZDT (14:00 UTC on the 5th).
        let auckland = Zone::parse("Pacific/Auckland").unwrap();
        assert_eq!(auckland.offset_min(utc(2024, 9, 28, 13, 59)), 720);
        assert_eq!(auckland.offset_min(utc(2024, 9, 28, 14, 0)), 780);
        assert_eq!(auckland.offset_min(utc(2025, 4, 5, 13, 59)), 780);
        assert_eq!(auckland.offset_min(utc(2025, 4, 5, 14, 0)), 720);
        // Chile: -03 from Sunday 8 September 2024 04:00 UTC to Sunday 6 April 2025 03:00 UTC.
        let santiago = Zone::parse("America/Santiago").unwrap();
        assert_eq!(santiago.offset_min(utc(2024, 9, 8, 3, 59)), -240);
        assert_eq!(santiago.offset_min(utc(2024, 9, 8, 4, 0)), -180);
        assert_eq!(santiago.offset_min(utc(2025, 4, 6, 2, 59)), -180);
        assert_eq!(santiago.offset_min(utc(2025, 4, 6, 3, 0)), -240);
        // No daylight saving any more.
        for (zone, offset) in [
            ("America/Sao_Paulo", -180),
            ("America/Mexico_City", -360),
            ("Europe/Moscow", 180),
        ] {
            let z = Zone::parse(zone).unwrap();
            assert_eq!(z.offset_min(utc(2025, 1, 15, 12, 0)), offset, "{zone}");
            assert_eq!(z.offset_min(utc(2025, 7, 15, 12, 0)), offset, "{zone}");
        }
        // A zone whose rules are not known is refused, not guessed.
        assert_eq!(Zone::parse("Asia/Jerusalem"), None);
    }

    #[test]
    fn fixed_offsets() {
        assert_eq!(Zone::parse("+05:30").unwrap().offset_min(0), 330);
        assert_eq!(Zone::parse("-0800").unwrap().offset_min(0), -480);
        assert_eq!(Zone::parse("UTC").unwrap().offset_min(0), 0);
        assert_eq!(Zone::parse("Mars/Olympus"), None);
        assert_eq!(Zone::parse("+25:00"), None);
    }
}

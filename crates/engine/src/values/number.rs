//! Reading amounts as European and American spreadsheets write them.
//!
//! `1234.56`, `1,234.56`, `1 234,56` (with a space, no-break space or narrow no-break space), `1.234,56`,
//! `1'234.56` (Swiss), `-12,5`, `(12.50)` and SAP's trailing minus `12.50-`, with an optional currency
//! symbol or ISO code before or after (`€ 1 234,56`, `1234.56 EUR`), and exponents (`4.248252E8`).
//!
//! Whether `1,234` is one thousand two hundred thirty-four or one point two three four depends on the
//! file, so the decimal separator is decided per column from values that settle it ([`evidence`]), the
//! same way day/month order is decided for dates.

/// The decimal separator of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecimalSep {
    /// `1,234.56`
    #[default]
    Point,
    /// `1.234,56`
    Comma,
}

const CURRENCY_CODES: [&str; 8] = ["EUR", "USD", "GBP", "CHF", "JPY", "CAD", "SEK", "PLN"];

fn strip_currency(s: &str) -> &str {
    let s = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '€' | '$' | '£' | '¥'));
    for code in CURRENCY_CODES {
        if let Some(rest) = s.strip_prefix(code).or_else(|| s.strip_suffix(code)) {
            return rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, '€' | '$' | '£'));
        }
    }
    s
}

/// What a value says about the decimal separator, if anything.
pub fn evidence(value: &str) -> Option<DecimalSep> {
    let s = strip_currency(value);
    let last_comma = s.rfind(',');
    let last_point = s.rfind('.');
    match (last_comma, last_point) {
        (Some(c), Some(p)) => Some(if c > p {
            DecimalSep::Comma
        } else {
            DecimalSep::Point
        }),
        (Some(c), None) => {
            let after = s[c + 1..].bytes().take_while(u8::is_ascii_digit).count();
            if s.matches(',').count() > 1 {
                Some(DecimalSep::Point)
            } else if after != 3 {
                Some(DecimalSep::Comma)
            } else {
                None
            }
        }
        (None, Some(p)) => {
            let after = s[p + 1..].bytes().take_while(u8::is_ascii_digit).count();
            if s.matches('.').count() > 1 {
                Some(DecimalSep::Comma)
            } else if after != 3 || s[p + 1..].contains(['e', 'E']) {
                Some(DecimalSep::Point)
            } else {
                None
            }
        }
        (None, None) => None,
    }
}

/// Parses a number written with the given decimal separator. `None` when the value is not a number.
pub fn parse_number(value: &str, dec: DecimalSep) -> Option<f64> {
    let mut s = strip_currency(value);
    if s.is_empty() {
        return None;
    }
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = strip_currency(inner);
    }
    if let Some(rest) = s.strip_suffix('-') {
        negative = !negative;
        s = rest.trim_end();
    }
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = strip_currency(rest);
    } else if let Some(rest) = s.strip_prefix('+') {
        s = strip_currency(rest);
    }
    let (decimal, group) = match dec {
        DecimalSep::Point => ('.', ','),
        DecimalSep::Comma => (',', '.'),
    };
    let mut out = String::with_capacity(s.len() + 1);
    if negative {
        out.push('-');
    }
    let mut seen_digit = false;
    let mut seen_decimal = false;
    let mut seen_exp = false;
    let mut prev_digit = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' => {
                out.push(c);
                seen_digit = true;
                prev_digit = true;
                continue;
            }
            c if c == decimal && !seen_decimal && !seen_exp => {
                out.push('.');
                seen_decimal = true;
            }
            c if (c == group || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
                && prev_digit
                && !seen_decimal
                && !seen_exp
                && chars.clone().take_while(char::is_ascii_digit).count() == 3 => {}
            'e' | 'E' if seen_digit && !seen_exp => {
                out.push('e');
                seen_exp = true;
                if let Some(&sign @ ('-' | '+')) = chars.peek() {
                    out.push(sign);
                    chars.next();
                }
            }
            _ => return None,
        }
        prev_digit = false;
    }
    if !seen_digit {
        return None;
    }
    out.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Shortest text for a number: integers without `.0`.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecimalSep::*;

    #[test]
    fn european_and_american_forms() {
        assert_eq!(parse_number("1 234,56", Comma), Some(1234.56));
        assert_eq!(parse_number("1.234,56", Comma), Some(1234.56));
        assert_eq!(parse_number("1\u{a0}234,56 €", Comma), Some(1234.56));
        assert_eq!(parse_number("1\u{202f}234,5", Comma), Some(1234.5));
        assert_eq!(parse_number("1,234.56", Point), Some(1234.56));
        assert_eq!(parse_number("1'234.56", Point), Some(1234.56));
        assert_eq!(parse_number("-12,5", Comma), Some(-12.5));
        assert_eq!(parse_number("(12.50)", Point), Some(-12.5));
        assert_eq!(parse_number("12.50-", Point), Some(-12.5));
        assert_eq!(parse_number("EUR 40", Point), Some(40.0));
        assert_eq!(parse_number("$1,000", Point), Some(1000.0));
        assert_eq!(parse_number("4.248252E8", Point), Some(424_825_200.0));
        assert_eq!(parse_number("35.0", Point), Some(35.0));
        assert_eq!(parse_number("0070100018", Point), Some(70_100_018.0));
    }

    #[test]
    fn rejects_non_numbers() {
        for s in [
            "",
            "-",
            "abc",
            "1.2.3",
            "12 apples",
            "1,2,3",
            ",",
            "e5",
            "1e",
            "NIL",
        ] {
            assert_eq!(parse_number(s, Point), None, "{s}");
        }
        assert_eq!(parse_number("1,234.56", Comma), None);
    }

    #[test]
    fn evidence_settles_only_clear_cases() {
        assert_eq!(evidence("1234,56"), Some(Comma));
        assert_eq!(evidence("1.234,56"), Some(Comma));
        assert_eq!(evidence("1.234.567"), Some(Comma));
        assert_eq!(evidence("1,234.56"), Some(Point));
        assert_eq!(evidence("1,234,567"), Some(Point));
        assert_eq!(evidence("12.5"), Some(Point));
        assert_eq!(evidence("1,234"), None);
        assert_eq!(evidence("1.234"), None);
        assert_eq!(evidence("1234"), None);
    }
}

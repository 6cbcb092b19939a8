//! Report values as German readers expect them: `1.234,50 €`, `12,5 %`, `31.12.2026`, and
//! "–" where there is no value. The page and the PDF show these; CSV and XLSX keep numbers
//! as numbers (see `csv.rs`, `xlsx.rs`).

use quartier_documents::report::Format;
use serde_json::Value;

/// What a cell or key figure shows for "no value".
pub const NONE: &str = "–";

/// `value` shown as `format` says.
pub fn display(value: &Value, format: Format) -> String {
    match value {
        Value::Null => NONE.to_owned(),
        Value::Bool(true) => "ja".to_owned(),
        Value::Bool(false) => "nein".to_owned(),
        Value::Number(n) => match n.as_f64() {
            Some(x) => number(x, format),
            None => n.to_string(),
        },
        Value::String(text) if format == Format::Date => date(text).unwrap_or_else(|| text.clone()),
        Value::String(text) => text.clone(),
        // The report schema allows no arrays or objects in cells; show them as JSON if a
        // document slips one through rather than lose it.
        other => other.to_string(),
    }
}

/// A number shown as `format` says.
pub fn number(x: f64, format: Format) -> String {
    match format {
        Format::Count => grouped(x, 0),
        // A no-break space keeps the unit with its number in narrow columns.
        Format::Euro => format!("{}\u{a0}€", grouped(x, 2)),
        Format::Percent => format!("{}\u{a0}%", decimal(x * 100.0, 1)),
        Format::Days => decimal(x, 1),
        // Plain numbers are often years: four digits stay ungrouped (as DIN 5008 allows).
        Format::Number | Format::Date | Format::Text if x.abs() < 10_000.0 => {
            decimal(x, 2).replace('.', "")
        }
        Format::Number | Format::Date | Format::Text => decimal(x, 2),
    }
}

/// `2026-12-31` as `31.12.2026`; `None` unless it is an ISO date.
pub fn date(iso: &str) -> Option<String> {
    let day = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
    Some(day.format("%d.%m.%Y").to_string())
}

/// `x` with `places` decimals, a decimal comma and points between thousands.
pub fn grouped(x: f64, places: usize) -> String {
    if !x.is_finite() {
        return NONE.to_owned();
    }
    let text = format!("{:.*}", places, x.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if x < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(',');
        out.push_str(fraction);
    }
    out
}

/// `x` with at most `places` decimals (trailing zeros dropped) and a decimal comma.
pub fn decimal(x: f64, places: usize) -> String {
    let text = grouped(x, places);
    if text.contains(',') {
        text.trim_end_matches('0').trim_end_matches(',').to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_read_the_german_way() {
        assert_eq!(display(&json!(1234.5), Format::Euro), "1.234,50\u{a0}€");
        assert_eq!(display(&json!(-0.001), Format::Euro), "0,00\u{a0}€");
        assert_eq!(display(&json!(-1500), Format::Euro), "-1.500,00\u{a0}€");
        assert_eq!(display(&json!(1234567), Format::Count), "1.234.567");
        assert_eq!(display(&json!(0.125), Format::Percent), "12,5\u{a0}%");
        assert_eq!(display(&json!(1.0), Format::Percent), "100\u{a0}%");
        assert_eq!(display(&json!(12.26), Format::Days), "12,3");
        assert_eq!(display(&json!(7), Format::Days), "7");
        assert_eq!(display(&json!(2.5), Format::Number), "2,5");
        assert_eq!(display(&json!(2026), Format::Number), "2026");
        assert_eq!(display(&json!(12345.5), Format::Number), "12.345,5");
        assert_eq!(display(&json!("2026-12-31"), Format::Date), "31.12.2026");
        assert_eq!(display(&json!("bald"), Format::Date), "bald");
        assert_eq!(display(&json!(null), Format::Euro), NONE);
        assert_eq!(display(&json!(true), Format::Text), "ja");
    }
}

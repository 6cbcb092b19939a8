//! Calendar dates as stored in text columns (`YYYY-MM-DD`), checked strictly, because only
//! that exact form sorts chronologically. Shared with `contracts`.

use chrono::NaiveDate;

use crate::api::validate::Check;
use crate::messages::Code;

/// A calendar date in exactly the form `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    shaped
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

/// Checks an optional date field, recording an error when it is set but not a date.
pub fn optional_date(c: &mut Check, pointer: &str, value: Option<&str>) -> Option<NaiveDate> {
    let value = value?;
    let parsed = parse_date(value);
    c.that(parsed.is_some(), pointer, Code::InvalidDate);
    parsed
}

/// Checks a start/end pair: both dates, and the end not before the start.
pub fn span(c: &mut Check, pointer: &str, starts: Option<&str>, ends: Option<&str>) {
    let from = optional_date(c, &format!("{pointer}starts_on"), starts);
    let to = optional_date(c, &format!("{pointer}ends_on"), ends);
    if let (Some(from), Some(to)) = (from, to) {
        c.that(to >= from, &format!("{pointer}ends_on"), Code::OutOfRange);
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn only_real_dates_in_iso_form_are_accepted() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2026-02-29").is_none());
        assert!(parse_date("2026-2-28").is_none());
        assert!(parse_date("28.02.2026").is_none());
    }
}

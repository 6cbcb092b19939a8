//! The dates a membership runs between (`starts_on`, `ends_on`): text columns holding
//! `YYYY-MM-DD`, checked strictly, because only that exact form sorts chronologically.

use chrono::NaiveDate;

use crate::api::validate::Check;
use crate::messages::Code;

/// Checks an optional date field, recording an error when it is set but not a date.
pub(super) fn date(c: &mut Check, pointer: &str, value: Option<&str>) -> Option<NaiveDate> {
    let value = value?;
    let parsed = parse_date(value);
    c.that(parsed.is_some(), pointer, Code::InvalidDate);
    parsed
}

/// A calendar date in exactly the form `YYYY-MM-DD`. The fixed form matters: the columns
/// are text, and only this form compares chronologically as text.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    shaped
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn only_real_dates_in_iso_form_are_accepted() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2026-02-29").is_none());
        assert!(parse_date("2026-2-28").is_none());
        assert!(parse_date("28.02.2026").is_none());
        assert!(parse_date("+026-02-28").is_none());
        assert!(parse_date("2026-02-28T00:00").is_none());
    }
}

//! The query filter of the meeting list, and the date bounds (`from`, `to`) it accepts: a
//! calendar day or an RFC 3339 instant, turned into the instants the query compares with.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::api::page::PageParams;
use crate::db::{Date, Id, Timestamp};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::network::kinds::MeetingState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MeetingFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only meetings of this body.
    pub body_id: Option<Id>,
    /// Only meetings in this state.
    pub state: Option<MeetingState>,
    /// Starting at or after: a date (`2026-11-21`, from its start) or an RFC 3339 instant.
    pub from: Option<String>,
    /// Starting before: an RFC 3339 instant (exclusive) or a date (including that whole day).
    pub to: Option<String>,
}

/// A bound of the date filter, parsed from the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bound {
    Day(Date),
    Instant(Timestamp),
}

impl Bound {
    /// Parses the query parameter `name`; 400 `invalid_query` naming it if it is neither form.
    pub(super) fn parse(name: &str, raw: &str) -> Result<Bound> {
        let raw = raw.trim();
        // An unencoded `+` of an offset arrives as a space; a date-time has no other spaces.
        let text = if raw.as_bytes().get(10) == Some(&b'T') {
            raw.replace(' ', "+")
        } else {
            raw.to_owned()
        };
        if let Ok(day) = Date::parse(&text) {
            return Ok(Bound::Day(day));
        }
        Timestamp::parse(&text).map(Bound::Instant).map_err(|_| {
            Error::client_with(
                Code::InvalidQuery,
                format!(
                    "{} (Parameter „{name}“: erwartet wird ein Datum wie 2026-11-21 oder \
                         ein Zeitpunkt nach RFC 3339 wie 2026-11-21T18:00:00Z.)",
                    Code::InvalidQuery.de()
                ),
            )
        })
    }

    /// The first instant at or after which a meeting counts as "from" this bound.
    pub(super) fn lower(self) -> Timestamp {
        match self {
            Bound::Day(day) => day.start(),
            Bound::Instant(t) => t,
        }
    }

    /// The first instant a meeting must start before to count as "to" this bound.
    pub(super) fn upper(self) -> Timestamp {
        match self {
            Bound::Day(day) => day
                .naive()
                .succ_opt()
                .map_or(Timestamp(DateTime::<Utc>::MAX_UTC), |next| {
                    Date::from_naive(next).start()
                }),
            Bound::Instant(t) => t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: Timestamp) -> String {
        t.to_db()
    }

    #[test]
    fn a_whole_day_reaches_up_to_the_next_midnight() {
        let day = Bound::parse("to", "2026-11-21").expect("a date");
        assert_eq!(text(day.lower()), "2026-11-21T00:00:00.000000Z");
        assert_eq!(text(day.upper()), "2026-11-22T00:00:00.000000Z");
    }

    #[test]
    fn an_instant_keeps_its_offset_even_when_the_plus_arrived_as_a_space() {
        let bound = Bound::parse("from", "2026-11-21T00:30:00 01:00").expect("an instant");
        assert_eq!(text(bound.lower()), "2026-11-20T23:30:00.000000Z");
        assert_eq!(bound.upper(), bound.lower());
    }

    #[test]
    fn other_formats_are_refused() {
        assert!(Bound::parse("from", "21.11.2026").is_err());
        assert!(Bound::parse("from", "2026-11-21 18:00").is_err());
        assert!(Bound::parse("from", "2200-01-01").is_err());
        assert!(Bound::parse("to", "+10000-01-01T00:00:00Z").is_err());
    }
}

//! Column types that read and write the same on SQLite and PostgreSQL through sqlx's Any
//! driver, which only knows integers, floats, text and blobs.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sqlx::any::{Any, AnyTypeInfo};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Encode, Type};

/// Implements Type/Encode/Decode for a newtype by going through a representation type.
macro_rules! via_repr {
    ($ty:ty, $repr:ty, |$v:ident| $to:expr, |$r:ident| $from:expr) => {
        impl Type<Any> for $ty {
            fn type_info() -> AnyTypeInfo {
                <$repr as Type<Any>>::type_info()
            }
            fn compatible(ty: &AnyTypeInfo) -> bool {
                <$repr as Type<Any>>::compatible(ty) || <i64 as Type<Any>>::compatible(ty)
            }
        }
        impl<'q> Encode<'q, Any> for $ty {
            fn encode_by_ref(
                &self,
                buf: &mut <Any as Database>::ArgumentBuffer,
            ) -> Result<IsNull, BoxDynError> {
                let $v = self;
                let repr: $repr = $to;
                <$repr as Encode<'q, Any>>::encode(repr, buf)
            }
        }
        impl<'r> Decode<'r, Any> for $ty {
            fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                let $r = <$repr as Decode<'r, Any>>::decode(value)?;
                $from
            }
        }
    };
}

/// A UUIDv7 identifier: time-ordered, so sorting by id sorts by creation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub uuid::Uuid);

impl Id {
    pub fn new() -> Id {
        Id(uuid::Uuid::now_v7())
    }
}

impl Default for Id {
    fn default() -> Self {
        Id::new()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl std::str::FromStr for Id {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        uuid::Uuid::parse_str(s).map(Id)
    }
}

via_repr!(Id, String, |v| v.to_string(), |r| Ok(Id(
    uuid::Uuid::parse_str(&r)?
)));

impl utoipa::PartialSchema for Id {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::Uuid,
            )))
            .into()
    }
}
impl utoipa::ToSchema for Id {}

/// The years a [`Date`] or [`Timestamp`] from input may lie in. Every such year has four
/// digits, so the stored text keeps its fixed width and compares chronologically; the span
/// covers any founding year or deadline of neighbourhood work. Outside it, parsing fails.
pub const YEARS: RangeInclusive<i32> = 1900..=2199;

/// Why a date or an instant from input was refused. The texts start with `invalid date` or
/// `date out of range`, which the JSON extractor turns into `invalid_date` and
/// `out_of_range` at the field's pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("invalid date: expected {0}")]
    Malformed(&'static str),
    #[error("date out of range: years 1900 to 2199")]
    OutOfRange,
}

fn in_years(year: i32) -> Result<(), DateError> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(DateError::OutOfRange)
    }
}

/// A UTC instant stored as fixed-width RFC 3339 text (microseconds, `Z`), so that string
/// comparison in SQL is chronological on both backends. From input it is read by
/// [`Timestamp::parse`], limited to [`YEARS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    pub fn now() -> Timestamp {
        Timestamp(Utc::now())
    }
    /// The stored text form.
    pub fn to_db(self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::Micros, true)
    }
    /// An instant from input: RFC 3339 with any offset (`2026-11-21T18:00:00+01:00`), in
    /// [`YEARS`] once in UTC. The one parse of instants from clients.
    pub fn parse(text: &str) -> Result<Timestamp, DateError> {
        let at = text
            .parse::<DateTime<FixedOffset>>()
            .map_err(|_| DateError::Malformed("an RFC 3339 instant like 2026-11-21T18:00:00Z"))?
            .with_timezone(&Utc);
        in_years(at.year())?;
        Ok(Timestamp(at))
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

via_repr!(Timestamp, String, |v| v.to_db(), |r| Ok(Timestamp(
    DateTime::parse_from_rfc3339(&r)?.with_timezone(&Utc)
)));

impl utoipa::PartialSchema for Timestamp {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::DateTime,
            )))
            .into()
    }
}
impl utoipa::ToSchema for Timestamp {}

/// A calendar date stored and sent as `YYYY-MM-DD`: only this exact form compares
/// chronologically as text. From input it is read by [`Date::parse`], limited to [`YEARS`];
/// the database's own values are read as they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(NaiveDate);

impl Date {
    /// A date from input, in exactly the form `YYYY-MM-DD` and within [`YEARS`].
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let date = Date::read(text)?;
        in_years(date.0.year())?;
        Ok(date)
    }

    /// The form check alone, for values the database holds.
    fn read(text: &str) -> Result<Date, DateError> {
        let shaped = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        shaped
            .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
            .flatten()
            .map(Date)
            .ok_or(DateError::Malformed("a date like 2026-11-21"))
    }

    /// Today in UTC, the day the stored dates are compared with.
    pub fn today() -> Date {
        Date(Utc::now().date_naive())
    }

    /// The date in chrono's terms, for calendar arithmetic.
    pub fn naive(self) -> NaiveDate {
        self.0
    }

    /// A date computed by the host (not input).
    pub fn from_naive(date: NaiveDate) -> Date {
        Date(date)
    }

    /// The first instant of the day (midnight UTC).
    pub fn start(self) -> Timestamp {
        Timestamp(self.0.and_time(NaiveTime::MIN).and_utc())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(text: &str) -> Result<Date, DateError> {
        Date::parse(text)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

via_repr!(Date, String, |v| v.to_string(), |r| Ok(Date::read(&r)?));

impl utoipa::PartialSchema for Date {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::Date,
            )))
            .description(Some("Kalenderdatum YYYY-MM-DD (Jahre 1900–2199)"))
            .into()
    }
}
impl utoipa::ToSchema for Date {}

/// A boolean stored as 0/1 (`INTEGER` on SQLite, `SMALLINT` on PostgreSQL): the Any driver
/// cannot decode SQLite's integers as `bool`. Use with `#[sqlx(try_from = "Flag")]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag(pub bool);

via_repr!(Flag, i16, |v| i16::from(v.0), |r| Ok(Flag(r != 0)));

impl From<Flag> for bool {
    fn from(f: Flag) -> bool {
        f.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_sort_as_text_in_chronological_order() {
        let a = Timestamp("2026-01-02T03:04:05Z".parse().unwrap());
        let b = Timestamp("2026-01-02T03:04:05.5Z".parse().unwrap());
        let c = Timestamp("2026-10-02T00:00:00Z".parse().unwrap());
        assert!(a.to_db() < b.to_db() && b.to_db() < c.to_db());
        assert_eq!(a.to_db(), "2026-01-02T03:04:05.000000Z");
    }

    #[test]
    fn only_real_dates_in_iso_form_are_accepted() {
        assert_eq!(
            Date::parse("2026-02-28").map(|d| d.to_string()),
            Ok("2026-02-28".to_owned())
        );
        assert!(Date::parse("2024-02-29").is_ok());
        for bad in [
            "2026-02-29",
            "2026-2-28",
            "28.02.2026",
            "+026-02-28",
            "2026-02-28T00:00",
            "",
        ] {
            assert!(
                matches!(Date::parse(bad), Err(DateError::Malformed(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_outside_the_years_1900_to_2199_are_refused() {
        assert!(Date::parse("1900-01-01").is_ok());
        assert!(Date::parse("2199-12-31").is_ok());
        assert_eq!(Date::parse("1899-12-31"), Err(DateError::OutOfRange));
        assert_eq!(Date::parse("2200-01-01"), Err(DateError::OutOfRange));
        assert_eq!(Date::parse("0000-01-01"), Err(DateError::OutOfRange));
        // What the database holds is read as it is.
        assert!(Date::read("1850-06-01").is_ok());
    }

    #[test]
    fn dates_are_sent_as_their_text_and_sort_like_it() {
        let (a, b) = (
            Date::parse("2026-01-31").unwrap(),
            Date::parse("2026-02-01").unwrap(),
        );
        assert!(a < b && a.to_string() < b.to_string());
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"2026-01-31\"");
        let back: Date = serde_json::from_str("\"2026-01-31\"").unwrap();
        assert_eq!(back, a);
        assert!(serde_json::from_str::<Date>("\"2200-01-01\"").is_err());
        assert_eq!(a.start().to_db(), "2026-01-31T00:00:00.000000Z");
    }

    #[test]
    fn instants_from_input_are_rfc_3339_within_the_years_1900_to_2199() {
        let t = Timestamp::parse("2026-11-21T18:00:00+01:00").unwrap();
        assert_eq!(t.to_db(), "2026-11-21T17:00:00.000000Z");
        assert!(Timestamp::parse("2199-12-31T23:59:59Z").is_ok());
        for far in [
            "+10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z",
            "1899-12-31T23:59:59Z",
        ] {
            assert!(Timestamp::parse(far).is_err(), "{far}");
        }
        // Two hours before 2200 in UTC, but already 2200 where it was written.
        assert!(Timestamp::parse("2200-01-01T01:00:00+02:00").is_ok());
        assert_eq!(
            Timestamp::parse("2200-01-01T00:00:00Z"),
            Err(DateError::OutOfRange)
        );
        assert!(matches!(
            Timestamp::parse("morgen"),
            Err(DateError::Malformed(_))
        ));
        assert!(serde_json::from_str::<Timestamp>("\"+10000-01-01T00:00:00Z\"").is_err());
    }

    #[test]
    fn ids_created_later_sort_later() {
        let a = Id::new();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let b = Id::new();
        assert!(a.to_string() < b.to_string());
    }
}

//! Column types that read and write the same on SQLite and PostgreSQL through sqlx's Any
//! driver, which only knows integers, floats, text and blobs.

use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
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

/// A UTC instant stored as fixed-width RFC 3339 text (microseconds, `Z`), so that string
/// comparison in SQL is chronological on both backends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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
    fn ids_created_later_sort_later() {
        let a = Id::new();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let b = Id::new();
        assert!(a.to_string() < b.to_string());
    }
}

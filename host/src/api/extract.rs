//! Extractors that reject bad input in our problem format: JSON bodies (with JSON pointers
//! to the offending field), path ids, query strings and `If-Match` versions.
//!
//! Text with NUL or another C0 control character (tab, line feed and carriage return
//! excepted) is refused everywhere with 422 `control_character`: PostgreSQL cannot store
//! NUL at all, SQLite would store what the other backend refuses, and no person types it.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{HeaderValue, header, request::Parts};
use serde::de::DeserializeOwned;

use crate::error::{Error, FieldError};
use crate::messages::Code;

/// A JSON body. Unlike axum's, every rejection is a problem document: 415 for a wrong
/// content type, 413 over the body limit, 400 for broken JSON and 422 with the field's
/// pointer for a wrong type, a missing or an unknown field.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Error> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| {
                let mime = mime.trim();
                mime == "application/json" || mime.ends_with("+json")
            });
        if !is_json {
            return Err(Error::client(Code::UnsupportedMediaType));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| match e {
            BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                Error::client(Code::BodyTooLarge)
            }
            // The body stopped arriving (its read deadline) or the client went away.
            BytesRejection::FailedToBufferBody(_) => Error::client(Code::RequestTimeout),
            _ => Error::client(Code::MalformedJson),
        })?;
        parse_json(&bytes).map(Json)
    }
}

/// Deserialises JSON, turning serde's error into a located field error.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    if has_escaped_control(bytes) {
        return Err(control_character_at(bytes));
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let mut pointer = pointer_of(err.path());
        let inner = err.into_inner();
        if !inner.is_data() {
            return Error::client(Code::MalformedJson);
        }
        let message = inner.to_string();
        let code = if message.starts_with("unknown field") {
            Code::UnknownField
        } else if let Some(field) = message.strip_prefix("missing field `") {
            let name = field.split('`').next().unwrap_or_default();
            pointer = format!("{}/{}", pointer.trim_end_matches('/'), escape_pointer(name));
            Code::Required
        } else if message.starts_with("invalid type") {
            Code::WrongType
        } else if message.starts_with("unknown variant") {
            Code::InvalidEnum
        } else if message.starts_with("invalid date") {
            Code::InvalidDate
        } else if message.starts_with("date out of range") {
            Code::OutOfRange
        } else {
            Code::Invalid
        };
        Error::Invalid(vec![FieldError {
            pointer,
            code: code.as_str().into(),
            detail: code.de().to_owned(),
        }])
    })
}

/// Whether a JSON text escapes a forbidden control character (`\u0000`, `\b`, …). Raw
/// control characters inside strings are invalid JSON already; outside strings a
/// backslash cannot occur, so every backslash starts an escape.
fn has_escaped_control(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'b' | b'f') => return true,
            Some(b'u') => {
                let code = bytes
                    .get(i + 2..i + 6)
                    .and_then(|hex| std::str::from_utf8(hex).ok())
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok());
                if code.is_some_and(|c| forbidden_control(char::from_u32(c).unwrap_or('x'))) {
                    return true;
                }
                i += 6;
            }
            _ => i += 2,
        }
    }
    false
}

/// C0 controls but tab, line feed and carriage return.
pub fn forbidden_control(c: char) -> bool {
    c.is_ascii_control() && c != '\t' && c != '\n' && c != '\r' && c != '\u{7f}'
}

/// The 422 for a body with a control character, located at the first string that has one.
fn control_character_at(bytes: &[u8]) -> Error {
    let pointer = serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|value| find_control(&value, String::new()))
        .unwrap_or_default();
    Error::field(&pointer, Code::ControlCharacter)
}

fn find_control(value: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    let bad = |s: &str| s.chars().any(forbidden_control);
    match value {
        Value::String(s) if bad(s) => Some(at),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| find_control(v, format!("{at}/{i}"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let here = format!("{at}/{}", escape_pointer(k));
            if bad(k) {
                Some(here)
            } else {
                find_control(v, here)
            }
        }),
        _ => None,
    }
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out.push_str(&format!("/{}", escape_pointer(key))),
            Segment::Enum { variant } => out.push_str(&format!("/{}", escape_pointer(variant))),
            Segment::Unknown => {}
        }
    }
    out
}

fn escape_pointer(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Path parameters; a malformed id is a 400 `invalid_id`, not axum's plain-text rejection.
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Path(p.0))
            .map_err(|_| Error::client(Code::InvalidId))
    }
}

/// A query string; a wrong parameter is a 400 `invalid_query` naming the problem.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Error> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded_from_str(query).map(Query)
    }
}

fn serde_urlencoded_from_str<T: DeserializeOwned>(query: &str) -> Result<T, Error> {
    axum::extract::Query::<T>::try_from_uri(
        &format!("/?{query}")
            .parse()
            .map_err(|_| Error::client(Code::InvalidQuery))?,
    )
    .map(|q| q.0)
    .map_err(|e| {
        Error::client_with(
            Code::InvalidQuery,
            format!("{} ({})", Code::InvalidQuery.de(), e.body_text()),
        )
    })
}

/// The `If-Match` precondition, required on every change of a versioned object so that a
/// stale write is refused with 412 instead of silently overwriting someone else's change
/// (missing: 428). `"7"` (also `W/"7"`) names the version the client read; `*` matches any
/// current representation (RFC 9110, 13.1.1): the change proceeds whatever the version, as
/// long as the object exists (404 when it does not).
///
/// Routes never match on the variants: SQL binds [`IfMatch::version`] in the one form
/// `version = COALESCE($n, version)`, and a version read earlier in the request goes
/// through [`IfMatch::check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMatch {
    /// `If-Match: *`.
    Any,
    /// `If-Match: "7"`.
    Version(i64),
}

impl IfMatch {
    /// The value to bind in `… AND version = COALESCE($n, version)`: the client's version,
    /// or NULL for `*`, which makes the condition hold for the row's current version. Either
    /// way an UPDATE that touches no row means "changed meanwhile" (412) or "not there"
    /// (404), which `auth::stale_or_missing` tells apart.
    pub fn version(self) -> Option<i64> {
        match self {
            IfMatch::Any => None,
            IfMatch::Version(version) => Some(version),
        }
    }

    /// 412 unless `current`, a version read earlier in this request, is the one asked for
    /// (`*` admits every version): for checks before the work and for telling a stale
    /// write from other reasons why a conditional UPDATE missed.
    pub fn check(self, current: i64) -> Result<(), Error> {
        match self.version() {
            Some(version) if version != current => Err(Error::client(Code::PreconditionFailed)),
            _ => Ok(()),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Error> {
        let value = parts
            .headers
            .get(header::IF_MATCH)
            .ok_or(Error::client(Code::PreconditionRequired))?;
        Ok(parse_if_match(value.to_str().unwrap_or_default()))
    }
}

/// Versions start at 1, so this one matches none.
const NO_VERSION: i64 = 0;

/// One entity tag or `*`. Anything else (a list, a tag that is no version of ours) matches
/// no current version, so the change ends in 412 — but only after the request's content was
/// checked: RFC 9110 (13.2.1) has a server ignore preconditions when the request would fail
/// without them, so a malformed body gets its 400/422 first.
fn parse_if_match(text: &str) -> IfMatch {
    let text = text.trim();
    if text == "*" {
        return IfMatch::Any;
    }
    let text = text.strip_prefix("W/").unwrap_or(text);
    IfMatch::Version(text.trim_matches('"').parse().unwrap_or(NO_VERSION))
}

/// The `ETag` for a row version.
pub fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_reads_a_version_a_weak_version_or_the_star() {
        assert_eq!(parse_if_match("\"7\""), IfMatch::Version(7));
        assert_eq!(parse_if_match(" W/\"7\" "), IfMatch::Version(7));
        assert_eq!(parse_if_match("*"), IfMatch::Any);
        for unusable in ["\"7\", \"8\"", "\"abc\"", "", "**"] {
            assert_eq!(
                parse_if_match(unusable),
                IfMatch::Version(NO_VERSION),
                "{unusable}"
            );
        }
    }

    #[test]
    fn the_star_admits_every_version_and_a_version_only_itself() {
        assert_eq!(IfMatch::Any.version(), None);
        assert!(IfMatch::Any.check(41).is_ok());
        assert_eq!(IfMatch::Version(7).version(), Some(7));
        assert!(IfMatch::Version(7).check(7).is_ok());
        assert!(IfMatch::Version(7).check(8).is_err());
    }
}

//! Reading a site's public meetings over OParl 1.1, as any OParl client would: the `System`
//! names the list of `Body` objects; each body names its `organization` list (for the
//! bodies' names) and its `meeting` list; lists are followed page by page through
//! `links.next`.
//!
//! A site is not trusted with the centre's resources: only addresses on the origin the
//! operator registered are followed (no redirects, no other host), each answer is read up
//! to [`MAX_ANSWER_BYTES`] within [`TIMEOUT`], a refresh makes at most [`MAX_REQUESTS`]
//! requests and keeps at most [`MAX_MEETINGS`] meetings, and every text kept is cut to
//! [`MAX_TEXT`] characters. Only meetings from a month ago to a year ahead are kept.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::Url;
use serde_json::Value;

use crate::db::Timestamp;

/// The longest answer read.
pub const MAX_ANSWER_BYTES: usize = 2 * 1024 * 1024;
/// How long one request may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// Requests per site and refresh.
pub const MAX_REQUESTS: usize = 100;
/// Meetings kept per site.
pub const MAX_MEETINGS: usize = 2_000;
/// Characters kept of a name, a place or a link.
pub const MAX_TEXT: usize = 500;

/// One public meeting of a site, as the calendar shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    /// Its OParl id (a URL on the site).
    pub url: String,
    /// The OParl body's name: the municipality.
    pub municipality: String,
    /// The organisation's name: the body (*Gremium*) that meets.
    pub body: Option<String>,
    pub name: String,
    pub starts_at: Timestamp,
    pub ends_at: Option<Timestamp>,
    pub location: Option<String>,
    /// Its page on the site, `http(s)` only.
    pub web: Option<String>,
    pub cancelled: bool,
}

/// Why a site's calendar could not be read (German, shown to the centre's operator).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("„{0}“ ist keine http(s)-Adresse.")]
    Address(String),
    #[error("{url} verweist auf eine andere Adresse als die eingetragene: {to}")]
    OffOrigin { url: String, to: String },
    #[error("{url} ist nicht erreichbar: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("{url} antwortet mit {status}.")]
    Status { url: String, status: u16 },
    #[error("{url} antwortet mit mehr als {} MiB.", MAX_ANSWER_BYTES / 1024 / 1024)]
    TooLarge { url: String },
    #[error("{url} antwortet nicht mit OParl-JSON: {reason}")]
    NotOparl { url: String, reason: String },
    #[error("Mehr als {MAX_REQUESTS} Anfragen für einen Kalender; abgebrochen.")]
    TooManyRequests,
}

/// The site's public meetings from `from` to `until`, read from its OParl `System` at
/// `system_url`.
pub async fn read(
    system_url: &str,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<Meeting>, ReadError> {
    let mut client = Client::new(system_url)?;
    let system = client.get(system_url).await?;
    let bodies = client.link(&system, "body", system_url)?;
    let mut meetings = Vec::new();
    for body in client.list(&bodies).await? {
        let municipality = text(&body, "name").unwrap_or_default();
        let mut names = HashMap::new();
        if let Some(organisations) = body["organization"].as_str() {
            let organisations = client.check(organisations)?;
            for organisation in client.list(&organisations).await? {
                if let (Some(id), Some(name)) =
                    (text(&organisation, "id"), text(&organisation, "name"))
                {
                    names.insert(id, name);
                }
            }
        }
        let list = client.link(&body, "meeting", &bodies)?;
        for item in client.list(&list).await? {
            let Some(meeting) = meeting(&item, &municipality, &names) else {
                continue;
            };
            if meeting.starts_at.0 >= from && meeting.starts_at.0 <= until {
                meetings.push(meeting);
            }
            if meetings.len() >= MAX_MEETINGS {
                return Ok(meetings);
            }
        }
    }
    Ok(meetings)
}

/// Refuses an address that is no http(s) URL with a host, before it is stored.
pub fn check_address(system_url: &str) -> Result<(), ReadError> {
    Client::new(system_url).map(|_| ())
}

/// The calendar's window around `now`: a month back, a year ahead.
pub fn window(now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    (now - TimeDelta::days(31), now + TimeDelta::days(366))
}

/// A meeting of an OParl list, or `None` for an entry that is not a readable meeting.
fn meeting(item: &Value, municipality: &str, bodies: &HashMap<String, String>) -> Option<Meeting> {
    let instant = |field: &str| {
        item[field]
            .as_str()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| Timestamp(t.with_timezone(&Utc)))
    };
    let body = item["organization"]
        .as_array()
        .and_then(|urls| {
            urls.iter()
                .find_map(|u| u.as_str().and_then(|u| bodies.get(u)))
        })
        .cloned();
    let location = match &item["location"] {
        Value::Object(_) => text(&item["location"], "description")
            .or_else(|| text(&item["location"], "streetAddress")),
        _ => None,
    };
    Some(Meeting {
        url: text(item, "id")?,
        municipality: cut(municipality),
        body,
        name: text(item, "name")?,
        starts_at: instant("start")?,
        ends_at: instant("end"),
        location,
        web: text(item, "web").filter(|w| is_http(w)),
        cancelled: item["cancelled"].as_bool().unwrap_or(false),
    })
}

/// A text field, cut to [`MAX_TEXT`]; `None` when missing or empty.
fn text(item: &Value, field: &str) -> Option<String> {
    item[field]
        .as_str()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(cut)
}

fn cut(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(MAX_TEXT)
        .collect()
}

fn is_http(address: &str) -> bool {
    Url::parse(address).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// An HTTP client held to one origin and a request budget.
struct Client {
    http: reqwest::Client,
    origin: reqwest::Url,
    requests: usize,
}

impl Client {
    fn new(system_url: &str) -> Result<Client, ReadError> {
        let origin = Url::parse(system_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .ok_or_else(|| ReadError::Address(cut(system_url)))?;
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ReadError::Unreachable {
                url: cut(system_url),
                reason: e.to_string(),
            })?;
        Ok(Client {
            http,
            origin,
            requests: 0,
        })
    }

    /// `address` if it lies on the registered origin.
    fn check(&self, address: &str) -> Result<String, ReadError> {
        match Url::parse(address) {
            Ok(url) if url.origin() == self.origin.origin() => Ok(url.into()),
            _ => Err(ReadError::OffOrigin {
                url: cut(self.origin.as_str()),
                to: cut(address),
            }),
        }
    }

    /// The address in `object[field]`, on the origin.
    fn link(&self, object: &Value, field: &str, from: &str) -> Result<String, ReadError> {
        let address = object[field].as_str().ok_or_else(|| ReadError::NotOparl {
            url: cut(from),
            reason: format!("„{field}“ fehlt"),
        })?;
        self.check(address)
    }

    /// The JSON at `url` (on the origin, within the budget and the size limit).
    async fn get(&mut self, url: &str) -> Result<Value, ReadError> {
        let url = self.check(url)?;
        self.requests += 1;
        if self.requests > MAX_REQUESTS {
            return Err(ReadError::TooManyRequests);
        }
        let unreachable = |e: reqwest::Error| ReadError::Unreachable {
            url: cut(&url),
            reason: e.without_url().to_string(),
        };
        let mut response = self
            .http
            .get(&url)
            .header("accept", "application/json")
            .send()
            .await
            .map_err(unreachable)?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(ReadError::Status {
                url: cut(&url),
                status,
            });
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(unreachable)? {
            if bytes.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(ReadError::TooLarge { url: cut(&url) });
            }
            bytes.extend_from_slice(&chunk);
        }
        serde_json::from_slice(&bytes).map_err(|e| ReadError::NotOparl {
            url: cut(&url),
            reason: e.to_string(),
        })
    }

    /// Every entry of the OParl list at `url`, page by page.
    async fn list(&mut self, url: &str) -> Result<Vec<Value>, ReadError> {
        let mut entries = Vec::new();
        let mut next = Some(url.to_owned());
        while let Some(page_url) = next.take() {
            let page = self.get(&page_url).await?;
            let Some(data) = page["data"].as_array() else {
                return Err(ReadError::NotOparl {
                    url: cut(&page_url),
                    reason: "keine Liste („data“ fehlt)".into(),
                });
            };
            entries.extend(data.iter().cloned());
            if entries.len() > MAX_MEETINGS * 2 {
                break;
            }
            next = match page["links"]["next"].as_str() {
                Some(link) if link != page_url => Some(self.check(link)?),
                _ => None,
            };
        }
        Ok(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_meeting_is_read_with_its_body_and_place_and_only_http_links() {
        let bodies = HashMap::from([(
            "https://s.example/o/1".to_owned(),
            "Stadtteilkonferenz".to_owned(),
        )]);
        let item = json!({
            "id": "https://s.example/m/1", "name": "Sitzung\u{7}",
            "start": "2026-03-04T18:00:00+01:00", "end": "2026-03-04T20:00:00+01:00",
            "organization": ["https://s.example/o/1"],
            "location": {"description": "Bürgerhaus"},
            "web": "javascript:alert(1)", "cancelled": true
        });
        let m = meeting(&item, "Stadt Aachen", &bodies).unwrap();
        assert_eq!(m.name, "Sitzung");
        assert_eq!(m.body.as_deref(), Some("Stadtteilkonferenz"));
        assert_eq!(m.location.as_deref(), Some("Bürgerhaus"));
        assert_eq!(m.starts_at.to_db(), "2026-03-04T17:00:00.000000Z");
        assert_eq!(m.web, None);
        assert!(m.cancelled);
        assert!(meeting(&json!({"id": "x", "name": "ohne Beginn"}), "", &bodies).is_none());
        let long = "x".repeat(MAX_TEXT * 2);
        assert_eq!(cut(&long).len(), MAX_TEXT);
    }

    #[test]
    fn only_the_registered_origin_is_followed() {
        let client = Client::new("https://site.example/oparl/v1/system").unwrap();
        assert!(client.check("https://site.example/oparl/v1/bodies").is_ok());
        for elsewhere in [
            "https://other.example/oparl/v1/bodies",
            "http://site.example/oparl/v1/bodies",
            "https://site.example:8443/oparl/v1/bodies",
            "file:///etc/passwd",
            "nicht einmal eine Adresse",
        ] {
            assert!(client.check(elsewhere).is_err(), "{elsewhere}");
        }
        assert!(Client::new("ftp://site.example/").is_err());
    }
}

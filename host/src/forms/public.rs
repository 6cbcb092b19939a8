//! Public intake: what a form anyone may submit without an account needs besides the form
//! check — a rate limit per client address and municipality, a size limit, a honeypot
//! field, a reference people can read out on the phone, and a private status token.
//!
//! The spam resistance is simple and honest: no captcha and no fingerprinting. A script
//! that fills in the hidden `website` field is told so; one that submits too often is told
//! when to come back. The rate limit lives in this process's memory (`crate::rate_limit`, kept
//! in `AppState`); with several processes each allows its own share, which is acceptable
//! for a limit that only has to stop floods.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use std::time::Instant;

use base64::Engine;
use rand::{Rng, RngCore};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::messages;
use crate::db::Id;
use crate::error::Error;
use crate::messages::Code;
use crate::rate_limit::{client_address, client_key};
use crate::state::AppState;

/// What a resident gets back from a public form (a concern or a fund application).
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = PublicReceipt)]
pub struct Receipt {
    /// The reference to quote, e.g. `AN-7K3F-Q9P2`.
    pub reference: String,
    /// The private token of the status page; shown only now.
    pub status_token: String,
    /// Where the resident follows the submission.
    pub status_url: String,
    /// True when the municipality's rules could not check the submission and a person will.
    pub manual_review: bool,
    /// A German confirmation for the resident.
    pub message: String,
}

impl Receipt {
    /// The 201 answer; `status_route` is the public status route, to which the token is added.
    pub fn created(
        reference: String,
        status_route: &str,
        status_token: String,
        manual_review: bool,
        message: &str,
    ) -> Response {
        let receipt = Receipt {
            reference,
            status_url: format!("{status_route}/{status_token}"),
            status_token,
            manual_review,
            message: message.to_owned(),
        };
        (StatusCode::CREATED, axum::Json(receipt)).into_response()
    }
}

/// The honeypot field: hidden from people by the form, so only scripts fill it in.
pub const HONEYPOT: &str = "website";

/// Characters of a reference: no 0/O, 1/I/L or U/V that people confuse when reading aloud.
const REFERENCE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";

/// The client a public submission comes from, as the rate limit counts it (see
/// `crate::rate_limit::client_address`: `X-Forwarded-For` only from trusted proxies).
#[derive(Clone, Copy, Debug)]
pub struct ClientAddr(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let ConnectInfo(peer) = ConnectInfo::<SocketAddr>::from_request_parts(parts, state)
            .await
            .map_err(|e| Error::Internal(anyhow::anyhow!("no peer address: {e}")))?;
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let trusted = &state.settings.public_intake.trusted_proxies;
        Ok(ClientAddr(client_address(peer.ip(), &forwarded, trusted)))
    }
}

/// Who a public submission comes from, as its rate limit counts it.
#[derive(Clone, Copy, Debug)]
pub enum Sender {
    /// A person at a client address (the web form, the JSON API, Open311 without a key).
    Address(IpAddr),
    /// An app with its Open311 key (`crate::open311`): it posts for many people from one
    /// address, so it is counted by its key instead, at [`APP_FACTOR`] times the limit.
    App(Id),
}

impl From<IpAddr> for Sender {
    fn from(ip: IpAddr) -> Sender {
        Sender::Address(ip)
    }
}

/// How many times one address's limit an app with a key may submit.
pub const APP_FACTOR: u32 = 100;

impl Sender {
    /// The app, when an app sends.
    pub fn app(self) -> Option<Id> {
        match self {
            Sender::App(id) => Some(id),
            Sender::Address(_) => None,
        }
    }
}

/// Admits one public submission from `sender` to the municipality: counts it against the
/// rate limit (429 with a German hint when over it), refuses one over the size limit (413)
/// and one with the honeypot field filled in (422, `form_invalid`). Call
/// [`strip_honeypot`] afterwards, before the schema check.
pub async fn admit(
    state: &AppState,
    municipality_id: Id,
    sender: Sender,
    json: &Value,
) -> Result<(), Error> {
    let settings = &state.settings.public_intake;
    let (limit, counted) = match sender {
        Sender::Address(ip) => (
            settings.submissions_per_window,
            state.public_intake.admit(
                (municipality_id, client_key(ip, settings.ipv6_prefix)),
                Instant::now(),
                settings.submissions_per_window,
                settings.window,
            ),
        ),
        Sender::App(app) => {
            let limit = settings.submissions_per_window.saturating_mul(APP_FACTOR);
            let counted = state
                .app_intake
                .admit(app, Instant::now(), limit, settings.window);
            (limit, counted)
        }
    };
    counted.map_err(|retry_after| Error::RateLimited {
        detail: messages::rate_limited(limit, settings.window, retry_after),
        retry_after,
    })?;
    let size = serde_json::to_vec(json).map_or(usize::MAX, |bytes| bytes.len());
    if size > settings.max_bytes {
        return Err(Error::client_with(
            Code::BodyTooLarge,
            messages::too_large(settings.max_bytes),
        ));
    }
    let filled = match json.get(HONEYPOT) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(_) => true,
    };
    if filled {
        return Err(Error::FormInvalid(vec![messages::honeypot(&format!(
            "/{HONEYPOT}"
        ))]));
    }
    Ok(())
}

/// Removes the (empty) honeypot field, which no form schema knows.
pub fn strip_honeypot(json: &mut Value) {
    if let Some(object) = json.as_object_mut() {
        object.remove(HONEYPOT);
    }
}

/// A reference like `AN-7K3F-Q9P2`: the prefix and eight random characters from an
/// alphabet without look-alikes (29⁸ ≈ 5·10¹¹ values; store it under a unique constraint).
pub fn new_reference(prefix: &str) -> String {
    reference_from(prefix, &mut rand::thread_rng())
}

/// A reference like [`new_reference`]'s drawn from `rng` (the demo's seeded generator).
pub fn reference_from(prefix: &str, rng: &mut impl Rng) -> String {
    let mut pick = || REFERENCE_ALPHABET[rng.gen_range(0..REFERENCE_ALPHABET.len())] as char;
    let first: String = (0..4).map(|_| pick()).collect();
    let second: String = (0..4).map(|_| pick()).collect();
    format!("{prefix}-{first}-{second}")
}

/// A concern or fund application taken in from the public, before it is answered in JSON
/// or HTML.
#[derive(Debug)]
pub struct PublicSubmission {
    pub reference: String,
    /// The private status token; shown to the resident only now.
    pub status_token: String,
    /// True when the municipality's rules could not check it and a person will.
    pub manual_review: bool,
}

/// A new status token: 32 random bytes, base64url. Returns the token for the resident and
/// its SHA-256 (hex) to store; the token itself is never stored.
pub fn new_status_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

/// The stored form of a status token. A 256-bit random secret needs no slow hash.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_have_prefix_and_two_groups_of_unambiguous_characters() {
        let reference = new_reference("AN");
        let parts: Vec<&str> = reference.split('-').collect();
        assert_eq!(parts.len(), 3, "{reference}");
        assert_eq!(parts[0], "AN");
        for group in &parts[1..] {
            assert_eq!(group.len(), 4);
            assert!(group.bytes().all(|c| REFERENCE_ALPHABET.contains(&c)));
        }
        assert_ne!(new_reference("AN"), new_reference("AN"));
    }

    #[test]
    fn a_status_token_is_random_base64url_and_stored_only_as_its_hash() {
        let (token, hash) = new_status_token();
        assert_eq!(token.len(), 43);
        assert!(
            token
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
        assert_eq!(hash, token_hash(&token));
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains(&token));
        assert_ne!(new_status_token().0, token);
    }

    #[test]
    fn stripping_removes_only_the_honeypot() {
        let mut json = serde_json::json!({"website": "", "text": "Hallo"});
        strip_honeypot(&mut json);
        assert_eq!(json, serde_json::json!({"text": "Hallo"}));
    }
}

//! `POST /federation/v1/keys`: an accepted site announces its next key, signed with its
//! current one (RFC 9421, as a delivery). The former key vouches for the new one, so nobody
//! compares fingerprints again. Verified like a delivery ([`super::signed`]: 401 for every
//! signature problem and every key not accepted), then decided in one transaction
//! ([`super::rotation`]): 201 `rotated`; 200 `unchanged` when the key is current already
//! (a rerun after a lost answer); 401 `retired_site_key` when a replaced key vouches for
//! another key; 409 `site_key_taken` when the key is or was any site's; 401
//! `nonce_replayed` for a nonce seen before.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::enrolments::not_a_key;
use super::refusal::Refusal;
use super::rotation::{self, Announcement, KeyChange};
use super::signed;
use crate::db::Timestamp;
use crate::error::Error;
use crate::federation::site_key::SitePublicKey;
use crate::messages::Code;
use crate::state::AppState;

/// A base64 key is 44 bytes; 4 KiB leave room and nothing more, as for an enrolment.
pub const MAX_ANNOUNCEMENT_BYTES: usize = 4 * 1024;

/// What a site sends.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyAnnouncement {
    /// The next ed25519 public key, base64 of the 32 bytes.
    pub public_key: String,
}

/// What the centre answers.
#[derive(Debug, Serialize, Deserialize)]
pub struct KeyAnswer {
    pub status: KeyChange,
    /// The site's current key's fingerprint now (`sha256:…`): the announced one.
    pub fingerprint: String,
    /// The site's previous keys still taken, the most recently replaced first.
    pub previous: Vec<OverlapKey>,
}

/// A previous key and the end of its overlap.
#[derive(Debug, Serialize, Deserialize)]
pub struct OverlapKey {
    pub fingerprint: String,
    pub valid_until: Timestamp,
}

pub async fn announce(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, Refusal> {
    let signed = signed::read(&state, request, MAX_ANNOUNCEMENT_BYTES).await?;
    let announcement: KeyAnnouncement = serde_json::from_slice(signed.request.body())
        .map_err(|_| Error::client(Code::MalformedJson))?;
    let next = SitePublicKey::from_base64(&announcement.public_key)
        .ok_or_else(|| Error::Invalid(vec![not_a_key()]))?;
    let announcement = Announcement {
        signer: &signed.signer,
        next,
        nonce: &signed.verified.nonce,
        expires: signed.expires,
    };
    let (change, previous) = rotation::rotate(&state.db, announcement).await?;
    let site = &signed.signer.site.name;
    let fingerprint = next.fingerprint().to_string();
    tracing::info!(%site, %fingerprint, change = change.as_str(), "site key announced");
    let status = match change {
        KeyChange::Rotated => StatusCode::CREATED,
        KeyChange::Unchanged => StatusCode::OK,
    };
    let answer = KeyAnswer {
        status: change,
        fingerprint,
        previous: previous
            .into_iter()
            .map(|key| OverlapKey {
                fingerprint: key.fingerprint,
                valid_until: key.valid_until,
            })
            .collect(),
    };
    Ok((status, axum::Json(answer)).into_response())
}

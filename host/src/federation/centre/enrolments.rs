//! `POST /federation/v1/enrolments`: a site announces its name and public key. Anyone may
//! call it — nothing is trusted by it: the site is stored as pending and its deliveries are
//! refused until the centre's operator has compared the fingerprint on a second channel and
//! accepted it (`quartier federation accept`). The answer carries the centre's own public
//! key and fingerprint, which the site pins and shows its operator to compare.
//!
//! Limits, as the call needs no account: a body of [`MAX_ENROLMENT_BYTES`], and at most
//! [`MAX_PENDING`] pending sites at a time, so a script can fill neither the table nor the
//! operator's list.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::sites::{self, RegistryError, SiteState};
use crate::error::{Error, FieldError};
use crate::federation::bundle::SiteId;
use crate::federation::site_key::SitePublicKey;
use crate::messages::Code;
use crate::state::AppState;

/// A name and a base64 key are under 200 bytes; 4 KiB leave room and nothing more.
pub const MAX_ENROLMENT_BYTES: usize = 4 * 1024;

/// Pending sites at most: a region has tens of sites, each enrols once and waits for the
/// operator; more pending ones than this are a script, not sites.
pub const MAX_PENDING: i64 = 50;

/// What a site sends.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enrolment {
    /// The site's name at the centre, a stable key (`aachen`).
    pub name: String,
    /// Its ed25519 public key, base64 of the 32 bytes.
    pub public_key: String,
}

/// What the centre answers.
#[derive(Debug, Serialize, Deserialize)]
pub struct Enrolled {
    /// Always `pending`: the operator accepts later.
    pub state: SiteState,
    /// The site key's fingerprint as the centre computed it (`sha256:…`).
    pub site_fingerprint: String,
    /// The centre's public key, base64, for the site to pin.
    pub centre_public_key: String,
    /// Its fingerprint (`sha256:…`).
    pub centre_fingerprint: String,
}

pub async fn enrol(State(state): State<AppState>, request: Request) -> Result<Response, Error> {
    let centre = state.settings.centre.as_ref().ok_or(Error::NotFound)?;
    let centre_key = SitePublicKey::from_base64(&centre.public_key)
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("the centre's public key is unreadable")))?;
    let body = axum::body::to_bytes(request.into_body(), MAX_ENROLMENT_BYTES)
        .await
        .map_err(|_| Error::client(Code::BodyTooLarge))?;
    let enrolment: Enrolment =
        serde_json::from_slice(&body).map_err(|_| Error::client(Code::MalformedJson))?;
    let mut errors = Vec::new();
    let name = SiteId::try_from(enrolment.name.clone())
        .map_err(|e| errors.push(field("/name", e.to_string())))
        .ok();
    let key = SitePublicKey::from_base64(&enrolment.public_key);
    if key.is_none() {
        errors.push(not_a_key());
    }
    let (Some(name), Some(key)) = (name, key) else {
        return Err(Error::Invalid(errors));
    };
    if sites::pending_count(&state.db).await? >= MAX_PENDING {
        return Err(Error::RateLimited {
            detail: "Zu viele Anmeldungen warten auf Bestätigung. Bitte wenden Sie sich an \
                     die Servicestelle."
                .to_owned(),
            retry_after: std::time::Duration::from_secs(3600),
        });
    }
    let site = sites::enrol(&state.db, &name, key)
        .await
        .map_err(|e| match e {
            RegistryError::AlreadyEnrolled(_) => Error::client(Code::AlreadyExists),
            RegistryError::Database(e) => Error::Database(e),
            RegistryError::NoPendingSite(f) => Error::Internal(anyhow::anyhow!("{f}")),
        })?;
    tracing::info!(site = %site.name, fingerprint = %site.fingerprint, "site enrolled, pending");
    let answer = Enrolled {
        state: site.state,
        site_fingerprint: site.fingerprint,
        centre_public_key: centre_key.to_base64(),
        centre_fingerprint: centre_key.fingerprint().to_string(),
    };
    Ok((StatusCode::CREATED, axum::Json(answer)).into_response())
}

fn field(pointer: &str, detail: String) -> FieldError {
    FieldError {
        detail,
        ..FieldError::new(pointer, Code::Invalid)
    }
}

/// The field error of a `public_key` that is no ed25519 key.
pub(super) fn not_a_key() -> FieldError {
    field(
        "/public_key",
        "Kein Ed25519-Schlüssel (32 Bytes, Base64).".to_owned(),
    )
}

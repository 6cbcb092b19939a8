//! `POST /federation/v1/bundles`: a site delivers a signed exchange bundle. The body is read
//! up to [`MAX_BUNDLE_BYTES`], the signature verified against the accepted site its `keyid`
//! names, the bundle checked against the schema and applied once ([`super::apply`]).

use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

use axum::Extension;
use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::apply::{Delivery, Outcome, apply};
use super::refusal::Refusal;
use super::sites;
use crate::error::Error;
use crate::federation::bundle::Bundle;
use crate::federation::schema::BundleSchema;
use crate::federation::signature::{self, Rejection};
use crate::messages::Code;
use crate::state::AppState;

/// The largest bundle taken. A bundle is a few kilobytes (counts by catalogue key); 64 KiB
/// leave room for long catalogues and keep the signature and schema checks cheap.
pub const MAX_BUNDLE_BYTES: usize = 64 * 1024;

/// The compiled schema, once per router (compiling it takes longer than checking a bundle).
#[derive(Debug, Default)]
pub struct Inbox {
    schema: OnceLock<Result<BundleSchema, String>>,
}

impl Inbox {
    fn schema(&self) -> Result<&BundleSchema, Error> {
        self.schema
            .get_or_init(|| BundleSchema::new().map_err(|e| format!("{e:#}")))
            .as_ref()
            .map_err(|e| Error::Internal(anyhow::anyhow!("exchange-bundle schema: {e}")))
    }
}

pub async fn receive(
    State(state): State<AppState>,
    Extension(inbox): Extension<Arc<Inbox>>,
    request: Request,
) -> Result<Response, Refusal> {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, MAX_BUNDLE_BYTES)
        .await
        .map_err(|_| Error::client(Code::BodyTooLarge))?;
    let request = axum::http::Request::from_parts(parts, body.to_vec());
    let target = target(&state, request.uri())?;
    let keyid = signature::keyid(&request).ok_or(Refusal::Signature(Rejection::Unsigned))?;
    let site = sites::accepted(&state.db, &keyid)
        .await?
        .ok_or(Refusal::Code(Code::UnknownSiteKey))?;
    let key = site.key().ok_or_else(|| {
        Error::Internal(anyhow::anyhow!("stored key of site {} unreadable", site.id))
    })?;
    let verified =
        signature::verify(&request, key, &target, SystemTime::now()).map_err(Refusal::Signature)?;
    let document: Value = serde_json::from_slice(request.body())
        .map_err(|e| Refusal::Invalid(format!("kein JSON: {e}")))?;
    if let Some(violation) = inbox.schema()?.violation(&document) {
        return Err(Refusal::Invalid(violation));
    }
    let bundle: Bundle =
        serde_json::from_value(document).map_err(|e| Refusal::Invalid(e.to_string()))?;
    if bundle.site.as_str() != site.name {
        return Err(Refusal::Code(Code::BundleForeignSite));
    }
    let sequence = i64::try_from(bundle.sequence.get())
        .map_err(|_| Refusal::Invalid("laufende Nummer zu groß".to_owned()))?;
    let message_id = hex::encode(Sha256::digest(request.body()));
    let json = String::from_utf8_lossy(request.body());
    let expires =
        chrono::DateTime::from_timestamp(i64::try_from(verified.expires).unwrap_or(i64::MAX), 0)
            .map(crate::db::Timestamp)
            .ok_or(Refusal::Signature(Rejection::Incomplete))?;
    let delivery = Delivery {
        message_id: &message_id,
        sequence,
        period: bundle.period.to_string(),
        municipality: &bundle.municipality,
        json: &json,
        nonce: &verified.nonce,
        expires,
    };
    let (status, word) = match apply(&state.db, &site, delivery).await? {
        Outcome::Applied => (StatusCode::CREATED, "applied"),
        Outcome::Duplicate => (StatusCode::OK, "duplicate"),
    };
    let answer = json!({"status": word, "message_id": message_id, "sequence": sequence});
    Ok((status, axum::Json(answer)).into_response())
}

/// The absolute address the request was sent to, as the site signed it: the centre's
/// public address and the request's path.
fn target(state: &AppState, uri: &Uri) -> Result<Uri, Error> {
    let base = state.settings.public_url.as_deref().ok_or_else(|| {
        Error::Internal(anyhow::anyhow!(
            "centre mode needs the public address (--public-url)"
        ))
    })?;
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    format!("{}{path}", base.trim_end_matches('/'))
        .parse()
        .map_err(|e| Error::Internal(anyhow::anyhow!("public address {base}: {e}")))
}

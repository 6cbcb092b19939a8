//! `POST /federation/v1/bundles`: a site delivers a signed exchange bundle. The body is read
//! up to [`MAX_BUNDLE_BYTES`], the signature verified against the accepted site's key its
//! `keyid` names — the current one, or a previous one within its overlap period
//! ([`super::signed`]) — the bundle checked against the schema and applied once
//! ([`super::apply`]).

use std::sync::{Arc, OnceLock};

use axum::Extension;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::apply::{Delivery, Outcome, apply};
use super::refusal::Refusal;
use super::signed;
use crate::error::Error;
use crate::federation::bundle::Bundle;
use crate::federation::schema::BundleSchema;
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
    let signed = signed::read(&state, request, MAX_BUNDLE_BYTES).await?;
    let (request, site) = (signed.request, signed.signer.site);
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
    let delivery = Delivery {
        message_id: &message_id,
        sequence,
        period: bundle.period.to_string(),
        municipality: &bundle.municipality,
        json: &json,
        nonce: &signed.verified.nonce,
        expires: signed.expires,
    };
    let (status, word) = match apply(&state.db, &site, delivery).await? {
        Outcome::Applied => (StatusCode::CREATED, "applied"),
        Outcome::Duplicate => (StatusCode::OK, "duplicate"),
    };
    let answer = json!({"status": word, "message_id": message_id, "sequence": sequence});
    Ok((status, axum::Json(answer)).into_response())
}

//! A signed request of a site, read and verified the one way every signed endpoint of the
//! centre needs it: the body up to the endpoint's limit, the signature's `keyid` looked up
//! among the accepted sites' current keys and previous keys within their overlap
//! ([`super::signers`]), and the signature verified against that key for the centre's
//! public address and the request's path. Every failure is a refusal with 401, except a
//! body over the limit (413).

use std::time::SystemTime;

use axum::extract::Request;
use axum::http::Uri;

use super::refusal::Refusal;
use super::signers::{self, Signer};
use crate::db::Timestamp;
use crate::error::Error;
use crate::federation::signature::{self, Rejection, Verified};
use crate::messages::Code;
use crate::state::AppState;

/// A request whose signature an accepted site's key made.
#[derive(Debug)]
pub struct Signed {
    /// The request with its body as received.
    pub request: axum::http::Request<Vec<u8>>,
    pub signer: Signer,
    pub verified: Verified,
    /// When the signature expires: its nonce is remembered until then.
    pub expires: Timestamp,
}

/// Reads `request` with a body of at most `limit` bytes and verifies its signature.
pub async fn read(state: &AppState, request: Request, limit: usize) -> Result<Signed, Refusal> {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| Error::client(Code::BodyTooLarge))?;
    let request = axum::http::Request::from_parts(parts, body.to_vec());
    let target = target(state, request.uri())?;
    let keyid = signature::keyid(&request).ok_or(Refusal::Signature(Rejection::Unsigned))?;
    let signer = signers::signer(&state.db, &keyid, Timestamp::now())
        .await?
        .ok_or(Refusal::Code(Code::UnknownSiteKey))?;
    let verified = signature::verify(&request, signer.key, &target, SystemTime::now())
        .map_err(Refusal::Signature)?;
    let expires =
        chrono::DateTime::from_timestamp(i64::try_from(verified.expires).unwrap_or(i64::MAX), 0)
            .map(Timestamp)
            .ok_or(Refusal::Signature(Rejection::Incomplete))?;
    Ok(Signed {
        request,
        signer,
        verified,
        expires,
    })
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

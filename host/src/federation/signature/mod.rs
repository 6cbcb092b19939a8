//! HTTP message signatures (RFC 9421) over a delivery between a site and the centre, with
//! the site key. The signature (label [`LABEL`], algorithm ed25519) covers `@method`,
//! `@target-uri` and `content-digest` (RFC 9530, SHA-256 of the body), and its parameters
//! `created`, `expires` (at most [`MAX_LIFETIME`] later), a random `nonce` and `keyid` (the
//! key's fingerprint). The signature base and the `Signature`/`Signature-Input` headers are
//! the `httpsig` crate's; which components must be covered, the clock and the pinned key
//! are ours.
//!
//! [`verify`] checks a request against the one key pinned for its sender and tells each
//! failure apart ([`Rejection`]; the inbox answers all with 401). It does not remember
//! nonces: replay detection needs storage and belongs to the inbox, which gets the nonce in
//! [`Verified`].

mod digest;
#[cfg(test)]
mod tests;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::{HeaderValue, Request, Uri};
use base64::Engine as _;
use httpsig::prelude::message_component::{HttpMessageComponent, HttpMessageComponentId};
use httpsig::prelude::{
    AlgorithmName, HttpSigError, HttpSigResult, HttpSignatureBase, HttpSignatureHeaders,
    HttpSignatureParams, SigningKey, VerifyingKey,
};
use rand::RngCore;

use super::site_key::{SiteKey, SitePublicKey};

/// The signature's label in `Signature` and `Signature-Input`.
pub const LABEL: &str = "quartier";

/// How long a signature is valid: long enough for a slow upload, short enough that a
/// captured request is soon worthless (and the inbox's nonce memory small).
pub const MAX_LIFETIME: Duration = Duration::from_secs(300);

/// How far a sender's clock may run ahead of ours.
pub const CLOCK_SKEW: Duration = Duration::from_secs(30);

/// The components every signature must cover, in this order.
const COVERED: [&str; 3] = ["@method", "@target-uri", digest::HEADER];

/// Why a request was not signed.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("the request's target is not an absolute URI: {0}")]
    RelativeTarget(Uri),
    #[error("the signature could not be built: {0}")]
    Build(#[from] HttpSigError),
}

/// Why a request's signature was refused. The texts are German for the centre's log and
/// the site's operator; [`Rejection::code`] is for machines.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("Die Anfrage trägt keine lesbare Signatur „{LABEL}“.")]
    Unsigned,
    #[error(
        "Die Signatur deckt nicht @method, @target-uri und content-digest ab, oder ihr fehlt \
         created, expires, nonce oder keyid."
    )]
    Incomplete,
    #[error("Die Signatur ist mit einem anderen Schlüssel gemacht ({keyid}).")]
    ForeignKey { keyid: String },
    #[error("Die Signatur gilt länger als fünf Minuten.")]
    TooLong,
    #[error("Die Signatur ist in der Zukunft erstellt (Uhr des Absenders prüfen).")]
    NotYetValid,
    #[error("Die Signatur ist abgelaufen.")]
    Expired,
    #[error("Die Anfrage ging an eine andere Adresse als die, für die sie signiert ist.")]
    WrongTarget,
    #[error("Der Inhalt passt nicht zu seinem Content-Digest; er wurde unterwegs verändert.")]
    DigestMismatch,
    #[error("Die Signatur passt nicht zur Anfrage oder zum Schlüssel.")]
    BadSignature,
}

impl Rejection {
    /// A stable code for machines.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::Unsigned => "unsigned",
            Rejection::Incomplete => "incomplete_signature",
            Rejection::ForeignKey { .. } => "foreign_key",
            Rejection::TooLong => "signature_lifetime_too_long",
            Rejection::NotYetValid => "signature_not_yet_valid",
            Rejection::Expired => "signature_expired",
            Rejection::WrongTarget => "wrong_target",
            Rejection::DigestMismatch => "digest_mismatch",
            Rejection::BadSignature => "bad_signature",
        }
    }
}

/// What a valid signature said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The sender's nonce: the inbox refuses one it has seen before `expires`.
    pub nonce: String,
    /// Seconds since the Unix epoch.
    pub created: u64,
    /// Seconds since the Unix epoch.
    pub expires: u64,
}

/// Signs `request` with `key` as of `now`: sets `Content-Digest`, `Signature-Input` and
/// `Signature`. Its URI must be absolute (`https://zentrale.example/…`).
pub fn sign(
    request: &mut Request<Vec<u8>>,
    key: &SiteKey,
    now: SystemTime,
) -> Result<(), SignError> {
    let mut nonce = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let nonce = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(nonce);
    sign_with(request, key, seconds(now), MAX_LIFETIME.as_secs(), &nonce)
}

/// [`sign`] as of `created` with a given `nonce`: for tests of the inbox, which need an
/// expired signature or a nonce used twice. A site always signs with [`sign`].
pub fn sign_at(
    request: &mut Request<Vec<u8>>,
    key: &SiteKey,
    created: SystemTime,
    nonce: &str,
) -> Result<(), SignError> {
    sign_with(
        request,
        key,
        seconds(created),
        MAX_LIFETIME.as_secs(),
        nonce,
    )
}

/// The `keyid` the request's signature names, unchecked: which pinned key to verify it
/// with (the centre looks the sender up by it).
pub fn keyid<B>(request: &Request<B>) -> Option<String> {
    let text = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    let mut parsed =
        HttpSignatureHeaders::try_parse(text("signature")?, text("signature-input")?).ok()?;
    parsed.shift_remove(LABEL)?.signature_params().keyid.clone()
}

/// [`sign`] with every parameter given (tests make invalid signatures with it).
fn sign_with(
    request: &mut Request<Vec<u8>>,
    key: &SiteKey,
    created: u64,
    lifetime: u64,
    nonce: &str,
) -> Result<(), SignError> {
    if request.uri().scheme().is_none() || request.uri().authority().is_none() {
        return Err(SignError::RelativeTarget(request.uri().clone()));
    }
    let digest = digest::of(request.body());
    let target = request.uri().to_string();
    let signer = Signer(key);
    let mut params = HttpSignatureParams::try_new(&covered()?)?;
    params
        .set_created(created)
        .set_expires(created.saturating_add(lifetime))
        .set_nonce(nonce)
        .set_key_info(&signer);
    let components = components(request.method().as_str(), &target, &digest)?;
    let headers = HttpSignatureBase::try_new(&components, &params)?
        .build_signature_headers(&signer, Some(LABEL))?;
    let map = request.headers_mut();
    map.insert(digest::HEADER, header(digest)?);
    map.insert(
        "signature-input",
        header(headers.signature_input_header_value())?,
    );
    map.insert("signature", header(headers.signature_header_value())?);
    Ok(())
}

/// Checks the signature of `request` as the one sender whose key is `key` would have made
/// it, for `target` — the absolute URI this host is reached at for the request, as the
/// sender names it (a reverse proxy hides it from the request itself).
pub fn verify(
    request: &Request<Vec<u8>>,
    key: SitePublicKey,
    target: &Uri,
    now: SystemTime,
) -> Result<Verified, Rejection> {
    let text = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    let (Some(signature), Some(input)) = (text("signature"), text("signature-input")) else {
        return Err(Rejection::Unsigned);
    };
    let mut parsed =
        HttpSignatureHeaders::try_parse(signature, input).map_err(|_| Rejection::Unsigned)?;
    let headers = parsed.shift_remove(LABEL).ok_or(Rejection::Unsigned)?;
    let params = headers.signature_params();
    let expected = covered().map_err(|_| Rejection::Incomplete)?;
    let (Some(created), Some(expires), Some(nonce), Some(keyid)) = (
        params.created,
        params.expires,
        params.nonce.clone(),
        params.keyid.as_deref(),
    ) else {
        return Err(Rejection::Incomplete);
    };
    if params.covered_components != expected {
        return Err(Rejection::Incomplete);
    }
    if keyid != key.fingerprint().to_string() {
        return Err(Rejection::ForeignKey {
            keyid: keyid.to_owned(),
        });
    }
    let now = seconds(now);
    if expires.saturating_sub(created) > MAX_LIFETIME.as_secs() {
        return Err(Rejection::TooLong);
    }
    if created > now.saturating_add(CLOCK_SKEW.as_secs()) {
        return Err(Rejection::NotYetValid);
    }
    if expires < now {
        return Err(Rejection::Expired);
    }
    if !same_target(request.uri(), target) {
        return Err(Rejection::WrongTarget);
    }
    let digest = text(digest::HEADER).ok_or(Rejection::Incomplete)?;
    if !digest::matches(digest, request.body()) {
        return Err(Rejection::DigestMismatch);
    }
    let components = components(request.method().as_str(), &target.to_string(), digest)
        .map_err(|_| Rejection::BadSignature)?;
    HttpSignatureBase::try_new(&components, params)
        .and_then(|base| base.verify_signature_headers(&Pinned(key), &headers))
        .map_err(|e| match e {
            HttpSigError::ExpiredSignatureParams(_) => Rejection::Expired,
            _ => Rejection::BadSignature,
        })?;
    Ok(Verified {
        nonce,
        created,
        expires,
    })
}

/// Whether the request went to `target`: the same path and query, and the same scheme and
/// authority where the request names them (behind a proxy it names only the path).
fn same_target(request: &Uri, target: &Uri) -> bool {
    let path = |uri: &Uri| uri.path_and_query().map(|p| p.as_str().to_owned());
    path(request) == path(target)
        && request.scheme().is_none_or(|s| Some(s) == target.scheme())
        && request
            .authority()
            .is_none_or(|a| Some(a) == target.authority())
}

fn covered() -> HttpSigResult<Vec<HttpMessageComponentId>> {
    COVERED
        .iter()
        .map(|name| HttpMessageComponentId::try_from(*name))
        .collect()
}

/// The covered components' lines of the signature base, in [`COVERED`]'s order.
fn components(
    method: &str,
    target: &str,
    digest: &str,
) -> HttpSigResult<Vec<HttpMessageComponent>> {
    covered()?
        .iter()
        .zip([method, target, digest])
        .map(|(id, value)| HttpMessageComponent::try_from((id, &[value.to_owned()][..])))
        .collect()
}

fn header(value: String) -> Result<HeaderValue, SignError> {
    HeaderValue::try_from(value)
        .map_err(|e| SignError::Build(HttpSigError::BuildSignatureHeaderError(e.to_string())))
}

fn seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The site key as `httpsig` signs with it.
struct Signer<'a>(&'a SiteKey);

impl SigningKey for Signer<'_> {
    fn sign(&self, data: &[u8]) -> HttpSigResult<Vec<u8>> {
        Ok(self.0.sign(data).to_bytes().to_vec())
    }
    fn key_id(&self) -> String {
        self.0.public().fingerprint().to_string()
    }
    fn alg(&self) -> AlgorithmName {
        AlgorithmName::Ed25519
    }
}

/// A pinned public key as `httpsig` verifies with it.
struct Pinned(SitePublicKey);

impl VerifyingKey for Pinned {
    fn verify(&self, data: &[u8], signature: &[u8]) -> HttpSigResult<()> {
        let signature = ed25519_dalek::Signature::from_slice(signature)
            .map_err(|e| HttpSigError::ParseSignatureError(e.to_string()))?;
        if self.0.verifies(data, &signature) {
            Ok(())
        } else {
            Err(HttpSigError::InvalidSignature("ed25519".into()))
        }
    }
    fn key_id(&self) -> String {
        self.0.fingerprint().to_string()
    }
    fn alg(&self) -> AlgorithmName {
        AlgorithmName::Ed25519
    }
}

//! The site's side of enrolment (`quartier federation enrol`): sends the site's name and
//! public key to a centre, checks the answer and pins the centre's public key in the data
//! directory (`<data>/federation/centre.json`). Nothing is discovered: the centre's address
//! is given by a person, and both fingerprints are shown for people to compare on a second
//! channel before the centre's operator accepts the site.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::bundle::SiteId;
use super::centre::ENROLMENTS_PATH;
use super::centre::enrolments::{Enrolled, Enrolment};
use super::signature;
use super::site_key::{SiteKey, SitePublicKey};

/// The pinned centre, inside the data directory.
pub const CENTRE_FILE: &str = "federation/centre.json";

/// How long a request to the centre may take (an enrolment, a delivery, an announcement).
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The centre this site delivers to, as pinned at enrolment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinnedCentre {
    /// Its address, as the person enrolling gave it (`https://zentrale.example`).
    pub url: String,
    /// Its ed25519 public key, base64.
    pub public_key: String,
    /// `sha256:…` of that key.
    pub fingerprint: String,
    /// This site's name at the centre, as enrolled: the `site` of every bundle it sends.
    pub site: SiteId,
}

impl PinnedCentre {
    /// Signs the JSON `body` with `key` and posts it to `path` at this centre. The outer
    /// error is a request that could not be built or signed; the inner one is the
    /// transport's, for the caller to judge (the outbox counts it, a rotation reports it).
    pub async fn post_signed(
        &self,
        path: &str,
        body: Vec<u8>,
        key: &SiteKey,
    ) -> anyhow::Result<reqwest::Result<reqwest::Response>> {
        self.post_signed_within(path, body, key, TIMEOUT).await
    }

    /// [`PinnedCentre::post_signed`] that gives up after `timeout`: a person waits for
    /// the catalogue's answers, a background delivery does not.
    pub async fn post_signed_within(
        &self,
        path: &str,
        body: Vec<u8>,
        key: &SiteKey,
        timeout: std::time::Duration,
    ) -> anyhow::Result<reqwest::Result<reqwest::Response>> {
        let url = format!("{}{path}", self.url.trim_end_matches('/'));
        let mut request = axum::http::Request::post(url.as_str())
            .header("content-type", "application/json")
            .body(body)?;
        signature::sign(&mut request, key, SystemTime::now())?;
        let client = reqwest::Client::builder().timeout(timeout).build()?;
        Ok(client
            .post(url.as_str())
            .headers(request.headers().clone())
            .body(request.into_body())
            .send()
            .await)
    }
}

/// What an enrolment came to.
#[derive(Debug)]
pub struct Outcome {
    pub site: SitePublicKey,
    pub centre: SitePublicKey,
    pub pinned: PinnedCentre,
    /// Where the centre is pinned.
    pub path: PathBuf,
}

/// Enrols the site `name` with `key` at the centre at `url`, and pins the centre's key in
/// `data_dir`. Refuses a centre that answers with another key than one pinned before.
pub async fn enrol(
    url: &str,
    name: &SiteId,
    key: &SiteKey,
    data_dir: &Path,
) -> anyhow::Result<Outcome> {
    let url = url.trim_end_matches('/');
    let site = key.public();
    let client = reqwest::Client::builder().timeout(TIMEOUT).build()?;
    let response = client
        .post(format!("{url}{ENROLMENTS_PATH}"))
        .json(&Enrolment {
            name: name.as_str().to_owned(),
            public_key: site.to_base64(),
        })
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("Die Servicestelle unter {url} ist nicht erreichbar: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        let problem: serde_json::Value = response.json().await.unwrap_or_default();
        let detail = problem["detail"].as_str().unwrap_or("keine Begründung");
        anyhow::bail!("Die Servicestelle lehnt die Anmeldung ab ({status}): {detail}");
    }
    let answer: Enrolled = response.json().await.map_err(|e| {
        anyhow::anyhow!("Die Antwort der Servicestelle ist keine Anmeldebestätigung: {e}")
    })?;
    if answer.site_fingerprint != site.fingerprint().to_string() {
        anyhow::bail!(
            "Die Servicestelle hat einen anderen Schlüssel erhalten, als dieser Standort gesendet \
             hat ({}). Die Verbindung ist nicht vertrauenswürdig.",
            answer.site_fingerprint
        );
    }
    let centre = SitePublicKey::from_base64(&answer.centre_public_key)
        .filter(|k| k.fingerprint().to_string() == answer.centre_fingerprint)
        .ok_or_else(|| {
            anyhow::anyhow!("Der Schlüssel der Servicestelle passt nicht zu ihrem Fingerabdruck.")
        })?;
    let pinned = PinnedCentre {
        url: url.to_owned(),
        public_key: centre.to_base64(),
        fingerprint: centre.fingerprint().to_string(),
        site: name.clone(),
    };
    let path = pin(data_dir, &pinned)?;
    Ok(Outcome {
        site,
        centre,
        pinned,
        path,
    })
}

/// The centre pinned in `data_dir`, if any.
pub fn pinned(data_dir: &Path) -> anyhow::Result<Option<PinnedCentre>> {
    let path = data_dir.join(CENTRE_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(serde_json::from_str(&text)?)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Writes the pin; an existing pin of another key is never replaced silently.
fn pin(data_dir: &Path, centre: &PinnedCentre) -> anyhow::Result<PathBuf> {
    let path = data_dir.join(CENTRE_FILE);
    if let Some(before) = pinned(data_dir)?
        && before.public_key != centre.public_key
    {
        anyhow::bail!(
            "In {} ist schon eine Servicestelle mit einem anderen Schlüssel ({}) hinterlegt. \
             Wenn der Wechsel gewollt ist, die Datei nach Rücksprache entfernen.",
            path.display(),
            before.fingerprint
        );
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temporary = path.with_extension("json.tmp");
    std::fs::write(&temporary, serde_json::to_vec_pretty(centre)?)?;
    std::fs::rename(&temporary, &path)?;
    Ok(path)
}

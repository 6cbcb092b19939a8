//! The site's side of a key rotation (`quartier federation rotate-key`): takes the next key
//! ([`site_key::rotation`]: a new one, or the pending one of an earlier run), announces it
//! to the pinned centre in a request signed with the current key (`POST
//! /federation/v1/keys`, [`super::centre::keys`]), and makes it current once the centre
//! confirmed it. The former key is kept until the centre's overlap ends.
//!
//! Every step may be repeated: a rerun after a lost answer announces the same pending key
//! again, and the centre answers `unchanged`; a rerun after a finished rotation has the
//! centre confirm the current key once more, signed with the retired one. If the former
//! key's overlap ended before a rerun (the centre refuses it as unknown), the next key asks
//! for itself: the centre confirms it only if it took it before.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::centre::KEYS_PATH;
use super::centre::keys::{KeyAnnouncement, KeyAnswer};
use super::enrolment::{self, CENTRE_FILE, PinnedCentre};
use super::site_key::rotation::{self, Plan};
use super::site_key::{SiteKey, SitePublicKey};

/// What a rotation came to.
#[derive(Debug)]
pub struct Outcome {
    /// The centre's address.
    pub centre: String,
    pub former: SitePublicKey,
    pub current: SitePublicKey,
    /// Where the current key is kept.
    pub path: PathBuf,
    /// Until when the centre takes the former key, and the site keeps its file.
    pub former_until: DateTime<Utc>,
    /// Whether the rotation was finished before and the centre only confirmed it again.
    pub confirmed_again: bool,
}

/// The centre's refusal of an announcement.
#[derive(Debug, thiserror::Error)]
#[error("Die Servicestelle lehnt den neuen Schlüssel ab ({status}): {detail}")]
pub struct Refused {
    pub status: u16,
    pub code: String,
    pub detail: String,
}

/// Rotates the site key in `data_dir` at the pinned centre; `again` starts a further
/// rotation although one finished within its overlap.
pub async fn rotate_key(data_dir: &Path, again: bool) -> anyhow::Result<Outcome> {
    let centre = enrolment::pinned(data_dir)?.ok_or_else(|| {
        anyhow::anyhow!(
            "Dieser Standort ist bei keiner Servicestelle angemeldet ({} fehlt). Erst \
             quartier federation enrol, dann kann der Schlüssel gewechselt werden.",
            data_dir.join(CENTRE_FILE).display()
        )
    })?;
    let now = Utc::now();
    match rotation::plan(data_dir, again, now)? {
        Plan::Announce(rotation) => {
            let answer = announce(&centre, &rotation.current, &rotation.next).await?;
            let former = rotation.current.public();
            // Not among the answer's previous keys: its overlap has ended already.
            let former_until = answer
                .previous
                .iter()
                .find(|key| key.fingerprint == former.fingerprint().to_string())
                .map_or(now, |key| key.valid_until.0);
            let current = rotation.confirm(former_until, Utc::now())?;
            Ok(Outcome {
                centre: centre.url,
                former,
                current: current.public(),
                path: current.path().to_owned(),
                former_until,
                confirmed_again: false,
            })
        }
        Plan::Confirm {
            retired,
            current,
            until,
        } => {
            announce(&centre, &retired, &current).await?;
            Ok(Outcome {
                centre: centre.url,
                former: retired.public(),
                current: current.public(),
                path: current.path().to_owned(),
                former_until: until,
                confirmed_again: true,
            })
        }
    }
}

/// Announces `next` signed with `signer`, and once more signed with `next` itself if the
/// centre no longer knows `signer`; checks that the centre took `next`.
async fn announce(
    centre: &PinnedCentre,
    signer: &SiteKey,
    next: &SiteKey,
) -> anyhow::Result<KeyAnswer> {
    let answer = match post(centre, signer, next).await? {
        Err(refused) if refused.code == "unknown_site_key" && signer.public() != next.public() => {
            post(centre, next, next).await?.map_err(|_| refused)
        }
        answer => answer,
    }?;
    if answer.fingerprint != next.public().fingerprint().to_string() {
        anyhow::bail!(
            "Die Servicestelle nennt einen anderen Schlüssel ({}) als den angekündigten. Die \
             Verbindung ist nicht vertrauenswürdig; der Standort signiert weiter mit dem \
             bisherigen Schlüssel.",
            answer.fingerprint
        );
    }
    Ok(answer)
}

/// One announcement: the centre's answer, or its refusal.
async fn post(
    centre: &PinnedCentre,
    signer: &SiteKey,
    next: &SiteKey,
) -> anyhow::Result<Result<KeyAnswer, Refused>> {
    let body = serde_json::to_vec(&KeyAnnouncement {
        public_key: next.public().to_base64(),
    })?;
    let response = centre
        .post_signed(KEYS_PATH, body, signer)
        .await?
        .map_err(|e| {
            anyhow::anyhow!(
                "Die Servicestelle unter {} ist nicht erreichbar: {e}",
                centre.url
            )
        })?;
    let status = response.status();
    if status.is_success() {
        let answer = response.json().await.map_err(|e| {
            anyhow::anyhow!(
                "Die Antwort der Servicestelle ist keine Bestätigung des Schlüssels: {e}"
            )
        })?;
        return Ok(Ok(answer));
    }
    let problem: Value = response.json().await.unwrap_or_default();
    let text = |name: &str| problem[name].as_str().unwrap_or_default().to_owned();
    Ok(Err(Refused {
        status: status.as_u16(),
        code: text("code"),
        detail: problem["detail"]
            .as_str()
            .unwrap_or("keine Begründung")
            .to_owned(),
    }))
}

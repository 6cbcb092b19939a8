//! Whose signature a key makes: the accepted site whose current key it is, or whose
//! previous key it was until the end of that key's overlap period
//! ([`super::rotation::OVERLAP`]). A pending site's key, an expired previous key and an
//! unknown key sign for nobody — the centre refuses them alike (401 `unknown_site_key`).

use sqlx::AnyConnection;

use crate::db::{Db, Id, Timestamp};
use crate::federation::site_key::SitePublicKey;

use super::sites::{self, Site, SiteState};

/// Which of a site's keys made a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRole {
    /// The key the site signs with now.
    Current,
    /// A key the site replaced, taken for its deliveries until `valid_until`.
    Previous { valid_until: Timestamp },
}

/// An accepted site and the key of its that a signature names.
#[derive(Debug, Clone)]
pub struct Signer {
    pub site: Site,
    pub key: SitePublicKey,
    pub role: KeyRole,
}

/// A site's previous key within its overlap period.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PreviousKey {
    pub site_id: Id,
    pub public_key: String,
    /// `sha256:` and hex.
    pub fingerprint: String,
    pub valid_until: Timestamp,
}

/// The accepted site that signs with the key of this fingerprint as of `now`, if any.
pub async fn signer(
    db: &Db,
    fingerprint: &str,
    now: Timestamp,
) -> Result<Option<Signer>, sqlx::Error> {
    if let Some(site) = sites::by_fingerprint(db, fingerprint).await? {
        if site.state != SiteState::Accepted {
            return Ok(None);
        }
        let key = readable(&site.public_key)?;
        return Ok(Some(Signer {
            site,
            key,
            role: KeyRole::Current,
        }));
    }
    let previous: Option<PreviousKey> = sqlx::query_as(
        "SELECT site_id, public_key, fingerprint, valid_until FROM federation_previous_keys
         WHERE fingerprint = $1 AND valid_until > $2",
    )
    .bind(fingerprint)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    let Some(previous) = previous else {
        return Ok(None);
    };
    let site = sites::by_id(db, previous.site_id)
        .await?
        .filter(|site| site.state == SiteState::Accepted);
    let Some(site) = site else {
        return Ok(None);
    };
    Ok(Some(Signer {
        site,
        key: readable(&previous.public_key)?,
        role: KeyRole::Previous {
            valid_until: previous.valid_until,
        },
    }))
}

/// The site's previous keys still taken as of `now`, the most recently replaced first.
pub async fn in_overlap(
    conn: &mut AnyConnection,
    site: Id,
    now: Timestamp,
) -> Result<Vec<PreviousKey>, sqlx::Error> {
    sqlx::query_as(
        "SELECT site_id, public_key, fingerprint, valid_until FROM federation_previous_keys
         WHERE site_id = $1 AND valid_until > $2 ORDER BY replaced_at DESC, fingerprint",
    )
    .bind(site)
    .bind(now)
    .fetch_all(conn)
    .await
}

/// A stored key; damaged text is a decoding error of the row, not a refusal.
fn readable(text: &str) -> Result<SitePublicKey, sqlx::Error> {
    SitePublicKey::from_base64(text)
        .ok_or_else(|| sqlx::Error::Decode("a stored site key is no ed25519 key".into()))
}

//! Key rotation at the centre: an accepted site's current key vouches for its next one
//! (`POST /federation/v1/keys`, [`super::keys`]). In one transaction, with the site's row
//! locked: the nonce is checked and remembered like a delivery's, the next key becomes the
//! site's current one, and the former key is kept in `federation_previous_keys`, still
//! taken for the site's deliveries for [`OVERLAP`] — bundles signed before the switch, or
//! by a delivery process of the site that still holds the former key, are not lost. After
//! that it is refused like an unknown key. A key that is or was any site's is never taken
//! as a next key.
//!
//! Announcing the key that is already current changes nothing ([`KeyChange::Unchanged`]):
//! that is how a site whose answer was lost learns that the centre took its key, signing
//! with the former key (within the overlap) or with the new one.

use chrono::TimeDelta;

use super::nonces;
use super::refusal::Refusal;
use super::signers::{self, PreviousKey, Signer};
use super::sites;
use crate::db::{Db, Id, Timestamp, Tx};
use crate::federation::site_key::SitePublicKey;
use crate::messages::Code;

/// How long a replaced key is still taken for the site's deliveries: a week covers bundles
/// in flight and in the site's outbox, a delivery process restarted only after a weekend,
/// and an operator rerunning `rotate-key` after a lost answer; a key the site gave up is
/// worth nothing to a thief soon after.
pub const OVERLAP: TimeDelta = TimeDelta::days(7);

crate::text_enum! {
    /// What an announcement of a next key did.
    pub enum KeyChange {
        /// The announced key is the site's current key now; the former one is in overlap.
        Rotated = ("rotated", "gewechselt"),
        /// The announced key was the current key already: nothing changed.
        Unchanged = ("unchanged", "bereits gewechselt"),
    }
}

/// An announcement whose signature was verified.
#[derive(Debug)]
pub struct Announcement<'a> {
    pub signer: &'a Signer,
    pub next: SitePublicKey,
    /// The signature's nonce and when the signature expires.
    pub nonce: &'a str,
    pub expires: Timestamp,
}

/// Makes `announcement.next` the signer's site's current key, once; answers what changed
/// and the site's previous keys still within their overlap.
#[tracing::instrument(skip_all, fields(site = %announcement.signer.site.name), err(level = "warn"))]
pub async fn rotate(
    db: &Db,
    announcement: Announcement<'_>,
) -> Result<(KeyChange, Vec<PreviousKey>), Refusal> {
    let site = announcement.signer.site.id;
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    nonces::lock_site(&mut tx, site).await?;
    nonces::refuse_seen(&mut tx, site, announcement.nonce).await?;
    // Read under the lock: another announcement may have rotated the key meanwhile.
    let (current_key, current): (String, String) =
        sqlx::query_as("SELECT public_key, fingerprint FROM federation_sites WHERE id = $1")
            .bind(site)
            .fetch_one(&mut *tx)
            .await?;
    let next = announcement.next.fingerprint().to_string();
    let change = if next == current {
        KeyChange::Unchanged
    } else if announcement.signer.key.fingerprint().to_string() != current {
        // A replaced key still signs deliveries, but vouches for no key.
        return Err(Refusal::Code(Code::RetiredSiteKey));
    } else {
        replace(
            &mut tx,
            site,
            (&current_key, &current),
            announcement.next,
            now,
        )
        .await?;
        KeyChange::Rotated
    };
    nonces::remember(&mut tx, site, announcement.nonce, announcement.expires).await?;
    let previous = signers::in_overlap(&mut tx, site, now).await?;
    tx.commit().await?;
    Ok((change, previous))
}

/// Keeps the current key (`public_key`, `fingerprint`) as a previous one until the overlap
/// ends and makes `next` current.
async fn replace(
    tx: &mut Tx,
    site: Id,
    (public_key, fingerprint): (&str, &str),
    next: SitePublicKey,
    now: Timestamp,
) -> Result<(), Refusal> {
    let taken = |e: sqlx::Error| match e.as_database_error() {
        // Another site took the key at the same moment.
        Some(d) if d.is_unique_violation() => Refusal::Code(Code::SiteKeyTaken),
        _ => e.into(),
    };
    let fingerprint_next = next.fingerprint().to_string();
    if sites::key_known(tx, &fingerprint_next).await? {
        return Err(Refusal::Code(Code::SiteKeyTaken));
    }
    sqlx::query(
        "INSERT INTO federation_previous_keys
             (fingerprint, site_id, public_key, replaced_at, valid_until)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(fingerprint)
    .bind(site)
    .bind(public_key)
    .bind(now)
    .bind(Timestamp(now.0 + OVERLAP))
    .execute(&mut **tx)
    .await
    .map_err(taken)?;
    sqlx::query("UPDATE federation_sites SET public_key = $1, fingerprint = $2 WHERE id = $3")
        .bind(next.to_base64())
        .bind(&fingerprint_next)
        .bind(site)
        .execute(&mut **tx)
        .await
        .map_err(taken)?;
    Ok(())
}

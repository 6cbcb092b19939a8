//! The nonce memory of the centre's signed endpoints (`federation_nonces`): a signature's
//! nonce is taken once until the signature expires. Used inside the transaction that acts
//! on the request, after [`lock_site`], so two requests of a site with one nonce are decided
//! one after the other.

use crate::db::{Db, Id, Timestamp, Tx};
use crate::messages::Code;

use super::refusal::Refusal;

/// Locks the site's row for the rest of the transaction: a write to it is a row lock on
/// PostgreSQL (SQLite's `BEGIN IMMEDIATE` already serialises writers).
pub async fn lock_site(tx: &mut Tx, site: Id) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE federation_sites SET state = state WHERE id = $1")
        .bind(site)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Refuses a nonce the site used before (401 `nonce_replayed`). Nonces of expired
/// signatures are forgotten first: the signature check refuses those anyway, so a site's
/// nonce memory stays at five minutes of requests.
pub async fn refuse_seen(tx: &mut Tx, site: Id, nonce: &str) -> Result<(), Refusal> {
    sqlx::query("DELETE FROM federation_nonces WHERE site_id = $1 AND expires_at < $2")
        .bind(site)
        .bind(Timestamp::now())
        .execute(&mut **tx)
        .await?;
    let seen: Option<String> =
        sqlx::query_scalar("SELECT nonce FROM federation_nonces WHERE site_id = $1 AND nonce = $2")
            .bind(site)
            .bind(nonce)
            .fetch_optional(&mut **tx)
            .await?;
    match seen {
        Some(_) => Err(Refusal::Code(Code::NonceReplayed)),
        None => Ok(()),
    }
}

/// Remembers the nonce until its signature `expires`.
pub async fn remember(
    tx: &mut Tx,
    site: Id,
    nonce: &str,
    expires: Timestamp,
) -> Result<(), Refusal> {
    sqlx::query("INSERT INTO federation_nonces (nonce, site_id, expires_at) VALUES ($1, $2, $3)")
        .bind(nonce)
        .bind(site)
        .bind(expires)
        .execute(&mut **tx)
        .await
        .map_err(|e| match e.as_database_error() {
            // The same nonce under another site: a replay all the same.
            Some(d) if d.is_unique_violation() => Refusal::Code(Code::NonceReplayed),
            _ => e.into(),
        })?;
    Ok(())
}

/// Takes the nonce of a request that changes nothing else (a search, a download) in a
/// transaction of its own: refused when seen, remembered otherwise.
pub async fn spend(db: &Db, site: Id, nonce: &str, expires: Timestamp) -> Result<(), Refusal> {
    let mut tx = db.begin().await?;
    lock_site(&mut tx, site).await?;
    refuse_seen(&mut tx, site, nonce).await?;
    remember(&mut tx, site, nonce, expires).await?;
    tx.commit().await?;
    Ok(())
}

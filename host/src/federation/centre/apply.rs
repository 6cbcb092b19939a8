//! Applying a verified delivery: in one transaction, with the site's row locked, the
//! bundle's row and the delivery's nonce are written — or nothing is. Sequence numbers
//! run from 1 without gaps per site: the next one is applied, an applied one again is a
//! duplicate (the same message id) or a conflict (another), one further ahead is a gap.

use crate::db::{Db, Timestamp};
use crate::messages::Code;

use super::nonces;
use super::refusal::Refusal;
use super::sites::Site;

/// A delivery whose signature was verified and whose bundle passed the schema.
#[derive(Debug)]
pub struct Delivery<'a> {
    /// SHA-256 of the delivered bytes, hex: the same bundle sent again has the same id.
    pub message_id: &'a str,
    pub sequence: i64,
    pub period: String,
    pub municipality: &'a str,
    /// The bundle as delivered.
    pub json: &'a str,
    /// The signature's nonce and when the signature expires.
    pub nonce: &'a str,
    pub expires: Timestamp,
}

/// What became of a delivery that was not refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Its sequence number was the next: stored now.
    Applied,
    /// Stored before, under the same message id: nothing changed.
    Duplicate,
}

/// Applies `delivery` from `site` at most once.
#[tracing::instrument(skip_all, fields(site = %site.name, sequence = delivery.sequence), err(level = "warn"))]
pub async fn apply(db: &Db, site: &Site, delivery: Delivery<'_>) -> Result<Outcome, Refusal> {
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    nonces::lock_site(&mut tx, site.id).await?;
    nonces::refuse_seen(&mut tx, site.id, delivery.nonce).await?;
    let applied: Option<String> = sqlx::query_scalar(
        "SELECT message_id FROM federation_bundles WHERE site_id = $1 AND sequence = $2",
    )
    .bind(site.id)
    .bind(delivery.sequence)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(message_id) = applied {
        return if message_id == delivery.message_id {
            Ok(Outcome::Duplicate)
        } else {
            Err(Refusal::Code(Code::SequenceTaken))
        };
    }
    let last: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(sequence), 0) FROM federation_bundles WHERE site_id = $1",
    )
    .bind(site.id)
    .fetch_one(&mut *tx)
    .await?;
    let expected = last.saturating_add(1);
    if delivery.sequence != expected {
        return Err(Refusal::Gap {
            expected: u64::try_from(expected).unwrap_or(1),
        });
    }
    sqlx::query(
        "INSERT INTO federation_bundles
             (message_id, site_id, sequence, period, municipality, bundle, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(delivery.message_id)
    .bind(site.id)
    .bind(delivery.sequence)
    .bind(&delivery.period)
    .bind(delivery.municipality)
    .bind(delivery.json)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    nonces::remember(&mut tx, site.id, delivery.nonce, delivery.expires).await?;
    pause_before_commit().await;
    tx.commit().await?;
    Ok(Outcome::Applied)
}

/// The seam of the crash test (`tests/processes/federation.rs`): in a debug build with
/// `QUARTIER_FAULT_PAUSE_BEFORE_APPLY_MS` set, the bundle waits written but uncommitted for
/// that long, so the test can kill the centre in the middle of applying it. Release builds
/// have no such seam.
#[cfg(debug_assertions)]
async fn pause_before_commit() {
    let pause = std::env::var("QUARTIER_FAULT_PAUSE_BEFORE_APPLY_MS")
        .ok()
        .and_then(|ms| ms.parse().ok());
    if let Some(ms) = pause {
        tracing::warn!(ms, "fault injection: pausing before the bundle's commit");
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
}

#[cfg(not(debug_assertions))]
async fn pause_before_commit() {}

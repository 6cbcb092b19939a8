//! The site's outbox (*Postausgang*): exchange bundles waiting for the centre, one per
//! sequence number, delivered in order by [`deliver_once`] — signed ([`super::signature`])
//! and posted to the pinned centre ([`super::enrolment::PinnedCentre`]). The stored bytes
//! are what is signed and sent, so a resend is the same message to the centre.
//!
//! Acknowledged (201 `applied`, or 200 `duplicate` after a lost answer) → sent. A gap
//! (409 `sequence_gap`, `expected` N: the centre lacks N) → every bundle from N on is
//! pending again and goes out in order. Anything else → the attempt and its reason are
//! counted and the bundle stays pending for the next round, which [`super::delivery`]
//! schedules with backoff. Bundles are enqueued by [`super::closing`], in the transaction
//! that records the period's closing.

use std::num::NonZeroU64;

use super::bundle::Bundle;
use super::centre::BUNDLES_PATH;
use super::enrolment::PinnedCentre;
use super::site_key::SiteKey;
use crate::db::{Db, Timestamp};

crate::text_enum! {
    /// Where a bundle of the outbox stands.
    pub enum OutboxState {
        /// Waiting for the centre's acknowledgement.
        Pending = ("pending", "wartet auf Zustellung"),
        /// Acknowledged by the centre.
        Sent = ("sent", "zugestellt"),
    }
}

/// A bundle of the outbox as the site's operator sees it (not its contents).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub sequence: i64,
    pub municipality: String,
    pub period: String,
    #[sqlx(try_from = "String")]
    pub state: OutboxState,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub sent_at: Option<Timestamp>,
}

/// Every bundle of the outbox, the newest first.
pub async fn list(db: &Db) -> sqlx::Result<Vec<Row>> {
    sqlx::query_as(
        "SELECT sequence, municipality, period, state, attempts, last_error, sent_at
         FROM federation_outbox ORDER BY sequence DESC",
    )
    .fetch_all(&db.pool)
    .await
}

/// What one round of delivery did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// Nothing was pending.
    Idle,
    /// The bundle with this number was acknowledged (`duplicate`: the centre had it).
    Sent { sequence: i64, duplicate: bool },
    /// The centre lacks bundles from this number on: they are pending again.
    Requeued { from: i64 },
    /// The centre refused or could not be reached; the bundle stays pending.
    Failed { sequence: i64, reason: String },
}

/// Puts `bundle` into the outbox under its sequence number, pending — inside the caller's
/// transaction, which records what the bundle is about ([`super::closing`]).
pub async fn enqueue(conn: &mut sqlx::AnyConnection, bundle: &Bundle) -> sqlx::Result<()> {
    let json = serde_json::to_string(bundle).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO federation_outbox (sequence, municipality, period, bundle, state, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(sequence_number(bundle))
    .bind(&bundle.municipality)
    .bind(bundle.period.to_string())
    .bind(json)
    .bind(OutboxState::Pending.as_str())
    .bind(Timestamp::now())
    .execute(conn)
    .await?;
    Ok(())
}

/// The bundle's sequence number as the database keeps it.
pub fn sequence_number(bundle: &Bundle) -> i64 {
    // Numbers come from `next_sequence`, one past a stored i64.
    i64::try_from(bundle.sequence.get()).unwrap_or(i64::MAX)
}

/// The sequence number the next bundle gets (read in the transaction that enqueues it).
pub async fn next_sequence(conn: &mut sqlx::AnyConnection) -> sqlx::Result<NonZeroU64> {
    let last: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(sequence), 0) FROM federation_outbox")
        .fetch_one(conn)
        .await?;
    let next = u64::try_from(last).unwrap_or(0).saturating_add(1);
    Ok(NonZeroU64::new(next).unwrap_or(NonZeroU64::MIN))
}

/// Delivers the pending bundle with the lowest sequence number to `centre`, once.
#[tracing::instrument(skip_all, fields(centre = %centre.url), err(level = "warn"))]
pub async fn deliver_once(
    db: &Db,
    centre: &PinnedCentre,
    key: &SiteKey,
) -> anyhow::Result<Delivered> {
    let next: Option<(i64, String)> = sqlx::query_as(
        "SELECT sequence, bundle FROM federation_outbox WHERE state = $1
         ORDER BY sequence LIMIT 1",
    )
    .bind(OutboxState::Pending.as_str())
    .fetch_optional(&db.pool)
    .await?;
    let Some((sequence, body)) = next else {
        return Ok(Delivered::Idle);
    };
    let sent = centre
        .post_signed(BUNDLES_PATH, body.into_bytes(), key)
        .await?;
    let response = match sent {
        Ok(response) => response,
        Err(e) => return failed(db, sequence, format!("nicht erreichbar: {e}")).await,
    };
    let status = response.status().as_u16();
    // `{"status": "applied" | "duplicate"}`, or a problem with `code`, `detail` and, for a
    // gap, `expected`.
    let answer: serde_json::Value = response.json().await.unwrap_or_default();
    let text = |name: &str| answer[name].as_str().unwrap_or_default().to_owned();
    match (status, text("code").as_str(), answer["expected"].as_i64()) {
        (200 | 201, _, _) => {
            sqlx::query(
                "UPDATE federation_outbox SET state = $1, sent_at = $2, attempts = attempts + 1,
                     last_error = NULL
                 WHERE sequence = $3",
            )
            .bind(OutboxState::Sent.as_str())
            .bind(Timestamp::now())
            .bind(sequence)
            .execute(&db.pool)
            .await?;
            let duplicate = text("status") == "duplicate";
            Ok(Delivered::Sent {
                sequence,
                duplicate,
            })
        }
        (409, "sequence_gap", Some(from)) if from >= 1 => {
            sqlx::query(
                "UPDATE federation_outbox SET state = $1, sent_at = NULL WHERE sequence >= $2",
            )
            .bind(OutboxState::Pending.as_str())
            .bind(from)
            .execute(&db.pool)
            .await?;
            Ok(Delivered::Requeued { from })
        }
        _ => failed(db, sequence, refusal(status, &answer)).await,
    }
}

/// Why the centre did not take a message, as the outboxes record it: the status with the
/// problem's `code` and `detail`.
pub fn refusal(status: u16, answer: &serde_json::Value) -> String {
    let text = |name: &str| answer[name].as_str().unwrap_or_default();
    format!("{status} {}: {}", text("code"), text("detail"))
}

/// Counts a failed attempt with its reason; the bundle stays pending.
async fn failed(db: &Db, sequence: i64, reason: String) -> anyhow::Result<Delivered> {
    sqlx::query(
        "UPDATE federation_outbox SET attempts = attempts + 1, last_error = $1 WHERE sequence = $2",
    )
    .bind(&reason)
    .bind(sequence)
    .execute(&db.pool)
    .await?;
    Ok(Delivered::Failed { sequence, reason })
}

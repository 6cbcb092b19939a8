//! The outbox of shared items: each revision's message as it is signed and sent, pending
//! until the centre acknowledged it. Unlike bundles, items need no order: the centre keeps
//! each item's highest revision, so a withdrawal that overtakes its release still wins.
//! Delivered by the same rounds as the bundles ([`crate::federation::delivery`]), after
//! them.

use super::item::ItemMessage;
use crate::db::{Db, Id, Timestamp};
use crate::federation::centre::ITEMS_PATH;
use crate::federation::enrolment::PinnedCentre;
use crate::federation::outbox::{OutboxState, refusal};
use crate::federation::site_key::SiteKey;

/// What one round of item delivery did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// Nothing was pending.
    Idle,
    /// The centre acknowledged this revision of the item.
    Sent { item: Id, revision: i64 },
    /// The centre refused or could not be reached; the message stays pending.
    Failed {
        item: Id,
        revision: i64,
        reason: String,
    },
}

/// Puts `message` into the outbox, pending — inside the caller's transaction, which stores
/// the revision it carries ([`super::store`]).
pub async fn enqueue(conn: &mut sqlx::AnyConnection, message: &ItemMessage) -> sqlx::Result<()> {
    let json = serde_json::to_string(message).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO federation_item_outbox (item_id, revision, message, state, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(message.id)
    .bind(i64::from(message.revision.get()))
    .bind(json)
    .bind(OutboxState::Pending.as_str())
    .bind(Timestamp::now())
    .execute(conn)
    .await?;
    Ok(())
}

/// Delivers one pending message to `centre`, once: the oldest of those tried least, so a
/// message the centre keeps refusing does not hold up the others.
#[tracing::instrument(skip_all, fields(centre = %centre.url), err(level = "warn"))]
pub async fn deliver_once(
    db: &Db,
    centre: &PinnedCentre,
    key: &SiteKey,
) -> anyhow::Result<Delivered> {
    let next: Option<(Id, i64, String)> = sqlx::query_as(
        "SELECT item_id, revision, message FROM federation_item_outbox WHERE state = $1
         ORDER BY attempts, created_at, item_id, revision LIMIT 1",
    )
    .bind(OutboxState::Pending.as_str())
    .fetch_optional(&db.pool)
    .await?;
    let Some((item, revision, body)) = next else {
        return Ok(Delivered::Idle);
    };
    let reason = match centre
        .post_signed(ITEMS_PATH, body.into_bytes(), key)
        .await?
    {
        Err(e) => format!("nicht erreichbar: {e}"),
        Ok(response) if response.status().is_success() => {
            sqlx::query(
                "UPDATE federation_item_outbox
                 SET state = $1, sent_at = $2, attempts = attempts + 1, last_error = NULL
                 WHERE item_id = $3 AND revision = $4",
            )
            .bind(OutboxState::Sent.as_str())
            .bind(Timestamp::now())
            .bind(item)
            .bind(revision)
            .execute(&db.pool)
            .await?;
            return Ok(Delivered::Sent { item, revision });
        }
        Ok(response) => {
            let status = response.status().as_u16();
            let answer: serde_json::Value = response.json().await.unwrap_or_default();
            refusal(status, &answer)
        }
    };
    sqlx::query(
        "UPDATE federation_item_outbox SET attempts = attempts + 1, last_error = $1
         WHERE item_id = $2 AND revision = $3",
    )
    .bind(&reason)
    .bind(item)
    .bind(revision)
    .execute(&db.pool)
    .await?;
    Ok(Delivered::Failed {
        item,
        revision,
        reason,
    })
}

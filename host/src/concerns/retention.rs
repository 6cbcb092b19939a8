//! Erasing reporters' contacts a configurable time after their concern was closed
//! (DSGVO Art. 5 (1) e: kept no longer than needed to report back). The concern itself stays,
//! without personal data, for the statistics. Run periodically by `serve` and on demand by
//! `quartier erase-expired` (for cron).

use std::time::Duration;

use chrono::TimeDelta;

use crate::audit::{Action, Actor, NewEntry, ObjectKind};
use crate::db::{Db, Id, Timestamp};

/// How often the serving process looks for expired contacts. Hourly is far finer than a
/// retention period counted in days.
const EVERY: Duration = Duration::from_secs(60 * 60);

/// How the audit log names the job.
const ACTOR: &str = "system:aufbewahrungsfrist";

#[derive(sqlx::FromRow)]
struct Expired {
    id: Id,
    municipality_id: Id,
    reference: String,
}

/// Erases the contacts of concerns closed at least `retention` before `now` and returns the
/// references of the concerns whose contact it erased (so its length is the count). Each
/// erasure is one transaction with its audit entry (`erase`, object `concern_reporter`).
pub async fn run(
    db: &Db,
    now: Timestamp,
    retention: TimeDelta,
) -> Result<Vec<String>, sqlx::Error> {
    let deadline = Timestamp(now.0 - retention);
    let expired = sqlx::query_as::<_, Expired>(
        "SELECT c.id, c.municipality_id, c.reference
         FROM concerns c JOIN concern_reporters r ON r.concern_id = c.id
         WHERE r.erased_at IS NULL AND c.closed_at IS NOT NULL AND c.closed_at <= $1
         ORDER BY c.closed_at",
    )
    .bind(deadline)
    .fetch_all(&db.pool)
    .await?;
    let mut erased = Vec::new();
    for concern in expired {
        let mut tx = db.begin().await?;
        let done = sqlx::query(
            "UPDATE concern_reporters SET name = NULL, email = NULL, phone = NULL,
                    may_contact = 0, erased_at = $2
             WHERE concern_id = $1 AND erased_at IS NULL",
        )
        .bind(concern.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            continue;
        }
        let job = Actor {
            id: None,
            label: ACTOR.to_owned(),
        };
        let entry = NewEntry {
            detail: Some(format!(
                "Kontaktdaten nach Ablauf der Aufbewahrungsfrist von {} Tagen gelöscht.",
                retention.num_days()
            )),
            at: now,
            ..NewEntry::new(job, Action::Erase, ObjectKind::ConcernReporter, concern.id)
                .in_municipality(concern.municipality_id)
        };
        entry.write(&mut *tx).await?;
        tx.commit().await?;
        erased.push(concern.reference);
    }
    Ok(erased)
}

/// Starts the periodic job on the current runtime.
pub fn spawn(db: Db, retention_days: u32) {
    let retention = TimeDelta::days(i64::from(retention_days));
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match run(&db, Timestamp::now(), retention).await {
                Ok(erased) if !erased.is_empty() => {
                    tracing::info!(count = erased.len(), "erased expired concern contacts");
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "erasing expired concern contacts failed"),
            }
        }
    });
}

//! Erasing personal data a configurable time after the object it belongs to was closed
//! (DSGVO Art. 5 (1) e: kept no longer than needed): reporters' contacts of concerns and
//! applicants' contacts of fund applications. The objects themselves stay, without personal
//! data, for the statistics. Run periodically by `serve` and on demand by
//! `quartier erase-expired` (for cron).

use std::time::Duration;

use chrono::TimeDelta;

use crate::audit::{Action, Actor, NewEntry, ObjectKind};
use crate::db::{Db, Id, Timestamp};

/// How often the serving process looks for expired data. Hourly is far finer than a
/// retention period counted in days.
const EVERY: Duration = Duration::from_secs(60 * 60);

/// How the audit log names the job.
const ACTOR: &str = "system:aufbewahrungsfrist";

/// One kind of personal data with a retention period.
#[derive(Debug)]
pub struct Expiry {
    /// `SELECT id, municipality_id, reference …`: the objects whose data is not yet erased
    /// and that were closed at or before `$1`, oldest first.
    pub due: String,
    /// `UPDATE …`: erases the data of object `$1` at `$2` unless already erased.
    pub erase: &'static str,
    /// How the audit log names the erased data.
    pub kind: ObjectKind,
}

#[derive(sqlx::FromRow)]
struct Due {
    id: Id,
    municipality_id: Id,
    reference: String,
}

/// Erases the data `expiry` describes of objects closed at least `retention` before `now`;
/// returns the references of the objects whose data it erased. Each erasure is one
/// transaction with its audit entry (`erase`).
pub async fn run(
    db: &Db,
    expiry: &Expiry,
    now: Timestamp,
    retention: TimeDelta,
) -> Result<Vec<String>, sqlx::Error> {
    let deadline = Timestamp(now.0 - retention);
    let due = sqlx::query_as::<_, Due>(crate::db::sql::trusted(expiry.due.clone()))
        .bind(deadline)
        .fetch_all(&db.pool)
        .await?;
    let mut erased = Vec::new();
    for object in due {
        let mut tx = db.begin().await?;
        let done = sqlx::query(expiry.erase)
            .bind(object.id)
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
            ..NewEntry::new(job, Action::Erase, expiry.kind, object.id)
                .in_municipality(object.municipality_id)
        };
        entry.write(&mut *tx).await?;
        tx.commit().await?;
        erased.push(object.reference);
    }
    Ok(erased)
}

/// Starts the periodic job on the current runtime, for each kind of data with its period.
pub fn spawn(db: Db, jobs: Vec<(Expiry, TimeDelta)>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            for (expiry, retention) in &jobs {
                match run(&db, expiry, Timestamp::now(), *retention).await {
                    Ok(erased) if !erased.is_empty() => {
                        tracing::info!(
                            kind = expiry.kind.as_str(),
                            count = erased.len(),
                            "erased expired personal data"
                        );
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(kind = expiry.kind.as_str(), error = %e,
                        "erasing expired personal data failed"),
                }
            }
        }
    });
}

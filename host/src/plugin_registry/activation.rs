//! Switching the active version: activate, roll back, deactivate.
//!
//! Every switch is decided inside one transaction: it ends the current activation (only if it
//! is still current) and inserts the new one; the partial unique index
//! `plugin_activations_one_active` refuses a second active row. When a concurrent switch got
//! there first (on PostgreSQL the current row was ended meanwhile, or the index refused the
//! insert), the whole transaction is retried on the new state, so concurrent switches apply
//! one after the other and exactly one version stays active.

use super::Actor;
use super::store::audit;
use crate::audit::Action;
use crate::db::{Db, Id, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;

/// What to do with a municipality's active plugin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Make this version (of the municipality) the active one.
    Activate(Id),
    /// Go back to the version that was active before the current one.
    RollBack,
    /// No plugin: every feature applies its base behaviour.
    Deactivate,
}

/// Attempts before a switch that keeps losing races gives up (each loss means another switch
/// succeeded, so this is never reached in practice).
const ATTEMPTS: usize = 8;

/// Applies a change and returns the version active afterwards.
#[tracing::instrument(skip_all, fields(municipality = %municipality_id, change = ?change), err(level = "info"))]
pub async fn change(
    db: &Db,
    municipality_id: Id,
    change: Change,
    actor: &Actor,
) -> Result<Option<Id>> {
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            tracing::debug!(attempt, "a concurrent plugin switch came first; retrying");
        }
        let mut tx = db.begin().await?;
        match apply(&mut tx, municipality_id, change, actor).await {
            Ok(Step::Done(active)) => match tx.commit().await {
                Ok(()) => return Ok(active),
                Err(e) if lost_race(&e) => continue,
                Err(e) => return Err(e.into()),
            },
            Ok(Step::Retry) => continue,
            Err(Error::Database(e)) if lost_race(&e) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(Error::client(Code::PreconditionFailed))
}

enum Step {
    Done(Option<Id>),
    Retry,
}

fn lost_race(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|db| db.is_unique_violation())
}

/// One activation row.
#[derive(Clone, Copy, sqlx::FromRow)]
struct Activation {
    id: Id,
    plugin_version_id: Id,
    previous_id: Option<Id>,
}

async fn apply(tx: &mut Tx, municipality_id: Id, change: Change, actor: &Actor) -> Result<Step> {
    let current = current(tx, municipality_id).await?;
    let (target, previous, action) = match change {
        Change::Activate(version) => {
            let known: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM plugin_versions WHERE id = $1 AND municipality_id = $2",
            )
            .bind(version)
            .bind(municipality_id)
            .fetch_one(&mut **tx)
            .await?;
            if known == 0 {
                return Err(Error::NotFound);
            }
            if current.is_some_and(|c| c.plugin_version_id == version) {
                return Ok(Step::Done(Some(version)));
            }
            // Rollback from the new activation returns to the one that was current (or last):
            // never to one of the same version, so the chain holds no no-op steps.
            let previous = match current.or(last(tx, municipality_id).await?) {
                Some(last) if last.plugin_version_id == version => last.previous_id,
                Some(last) => Some(last.id),
                None => None,
            };
            (version, previous, Action::Activate)
        }
        Change::RollBack => {
            let back_to = match current {
                Some(c) => match c.previous_id {
                    Some(id) => by_id(tx, id).await?,
                    None => None,
                },
                // Nothing active (deactivated): back to the version active last.
                None => last(tx, municipality_id).await?,
            };
            let back_to = back_to.ok_or(Error::client(Code::NothingToRollBack))?;
            (
                back_to.plugin_version_id,
                back_to.previous_id,
                Action::RollBack,
            )
        }
        Change::Deactivate => {
            let Some(c) = current else {
                return Ok(Step::Done(None));
            };
            if !end(tx, c, actor).await? {
                return Ok(Step::Retry);
            }
            audit(
                tx,
                municipality_id,
                actor,
                Action::Deactivate,
                c.plugin_version_id,
            )
            .await?;
            return Ok(Step::Done(None));
        }
    };
    if let Some(c) = current
        && !end(tx, c, actor).await?
    {
        return Ok(Step::Retry);
    }
    sqlx::query(
        "INSERT INTO plugin_activations (id, municipality_id, plugin_version_id, previous_id,
                                         activated_at, activated_by)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Id::new())
    .bind(municipality_id)
    .bind(target)
    .bind(previous)
    .bind(Timestamp::now())
    .bind(&actor.label)
    .execute(&mut **tx)
    .await?;
    audit(tx, municipality_id, actor, action, target).await?;
    Ok(Step::Done(Some(target)))
}

async fn current(tx: &mut Tx, municipality_id: Id) -> Result<Option<Activation>> {
    Ok(sqlx::query_as(
        "SELECT id, plugin_version_id, previous_id FROM plugin_activations
         WHERE municipality_id = $1 AND ended_at IS NULL",
    )
    .bind(municipality_id)
    .fetch_optional(&mut **tx)
    .await?)
}

/// The most recent activation, current or ended.
async fn last(tx: &mut Tx, municipality_id: Id) -> Result<Option<Activation>> {
    Ok(sqlx::query_as(
        "SELECT id, plugin_version_id, previous_id FROM plugin_activations
         WHERE municipality_id = $1 ORDER BY activated_at DESC, id DESC LIMIT 1",
    )
    .bind(municipality_id)
    .fetch_optional(&mut **tx)
    .await?)
}

async fn by_id(tx: &mut Tx, id: Id) -> Result<Option<Activation>> {
    Ok(sqlx::query_as(
        "SELECT id, plugin_version_id, previous_id FROM plugin_activations WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Ends an activation if it is still current; false when a concurrent switch ended it first.
async fn end(tx: &mut Tx, activation: Activation, actor: &Actor) -> Result<bool> {
    let ended = sqlx::query(
        "UPDATE plugin_activations SET ended_at = $2, ended_by = $3
         WHERE id = $1 AND ended_at IS NULL",
    )
    .bind(activation.id)
    .bind(Timestamp::now())
    .bind(&actor.label)
    .execute(&mut **tx)
    .await?;
    Ok(ended.rows_affected() == 1)
}

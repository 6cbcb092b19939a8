//! Writing the history of an application: one row per move, in the transaction of the move.

use super::kinds::{ApplicationState, Recommendation};
use crate::auth::Caller;
use crate::db::{Id, Timestamp, Tx};
use crate::error::Result;

/// Votes of a body on an advice or a decision.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Votes {
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
}

/// One move to record.
#[derive(Debug, Default)]
pub struct NewEvent<'a> {
    pub municipality_id: Id,
    pub application_id: Id,
    pub fund_id: Id,
    pub from: Option<ApplicationState>,
    pub to: Option<ApplicationState>,
    pub reason: Option<&'a str>,
    pub amount_cents: Option<i64>,
    pub approved_delta_cents: i64,
    pub paid_delta_cents: i64,
    pub recommendation: Option<Recommendation>,
    pub votes: Option<Votes>,
    pub meeting_id: Option<Id>,
}

pub async fn insert(tx: &mut Tx, caller: &Caller, at: Timestamp, e: NewEvent<'_>) -> Result<()> {
    let to = e.to.unwrap_or(ApplicationState::Eingereicht);
    sqlx::query(
        "INSERT INTO fund_application_events (id, municipality_id, application_id, fund_id,
                actor_id, actor, at, from_state, to_state, reason, amount_cents,
                approved_delta_cents, paid_delta_cents, recommendation, votes_yes, votes_no,
                votes_abstain, meeting_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
    )
    .bind(Id::new())
    .bind(e.municipality_id)
    .bind(e.application_id)
    .bind(e.fund_id)
    .bind(caller.id())
    .bind(caller.label())
    .bind(at)
    .bind(e.from.map(ApplicationState::as_str))
    .bind(to.as_str())
    .bind(e.reason)
    .bind(e.amount_cents)
    .bind(e.approved_delta_cents)
    .bind(e.paid_delta_cents)
    .bind(e.recommendation.map(Recommendation::as_str))
    .bind(e.votes.map(|v| v.yes))
    .bind(e.votes.map(|v| v.no))
    .bind(e.votes.map(|v| v.abstain))
    .bind(e.meeting_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

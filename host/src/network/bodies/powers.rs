//! A body's powers over funds ("decides Aktionsfonds up to 1,500 €"): their shape, their
//! checks, and how they are read and replaced as one ordered list with the body.

use serde::{Deserialize, Serialize};
use sqlx::AnyPool;

use crate::api::validate::Check;
use crate::db::{Id, Tx};
use crate::error::Result;
use crate::messages::Code;
use crate::network::kinds::Power;

/// More powers than this on one body is a mistake, not a mandate.
const POWERS_MAX: usize = 20;
/// The largest limit we accept: 100 million €, in cents.
const AMOUNT_MAX: i64 = 10_000_000_000;

/// A body's power over one kind of fund, e.g. "decides Aktionsfonds up to 1,500 €".
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BodyPower {
    pub power: Power,
    /// The fund kind, e.g. `aktionsfonds`, `verfuegungsfonds`, `stadtteilfonds`.
    pub fund_kind: String,
    /// Up to which amount (in cents); none means without limit.
    pub max_amount_cents: Option<i64>,
}

/// Records a field error for each power that is malformed, and one if there are too many.
pub(super) fn check(c: &mut Check, powers: &[BodyPower]) {
    c.that(powers.len() <= POWERS_MAX, "/powers", Code::OutOfRange);
    for (i, p) in powers.iter().enumerate() {
        c.name(&format!("/powers/{i}/fund_kind"), &p.fund_kind);
        c.range(
            &format!("/powers/{i}/max_amount_cents"),
            p.max_amount_cents,
            0,
            AMOUNT_MAX,
        );
    }
}

/// The body's powers in the order they were given.
pub(super) async fn load(pool: &AnyPool, body_id: Id) -> Result<Vec<BodyPower>> {
    let powers = sqlx::query_as::<_, (String, String, Option<i64>)>(
        "SELECT power, fund_kind, max_amount_cents FROM body_powers WHERE body_id = $1 ORDER BY position",
    )
    .bind(body_id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .filter_map(|(power, fund_kind, max_amount_cents)| {
        Some(BodyPower { power: power.parse().ok()?, fund_kind, max_amount_cents })
    })
    .collect();
    Ok(powers)
}

/// Replaces the body's powers with `powers`, inside the caller's transaction.
pub(super) async fn write(tx: &mut Tx, body_id: Id, powers: &[BodyPower]) -> Result<()> {
    sqlx::query("DELETE FROM body_powers WHERE body_id = $1")
        .bind(body_id)
        .execute(&mut **tx)
        .await?;
    for (position, p) in (0_i64..).zip(powers) {
        sqlx::query(
            "INSERT INTO body_powers (body_id, position, power, fund_kind, max_amount_cents)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(body_id)
        .bind(position)
        .bind(p.power.as_str())
        .bind(p.fund_kind.trim())
        .bind(p.max_amount_cents)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

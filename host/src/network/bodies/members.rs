//! The current members of a body as shown with it: who sits there, in which role. Editing
//! memberships is `memberships`' business; this is the read-only view a body carries.

use serde::Serialize;

use crate::auth::Scope;
use crate::db::{Date, Flag, Id};
use crate::error::Result;
use crate::network::kinds::MemberRole;
use crate::state::AppState;

/// A membership as listed with its body: who, in which role.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Member {
    pub membership_id: Id,
    pub organisation_id: Option<Id>,
    pub organisation_name: Option<String>,
    pub person_id: Option<Id>,
    /// Shown only to staff, or when the person agreed to be listed publicly.
    pub person_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub role: MemberRole,
    #[sqlx(try_from = "Flag")]
    pub voting_right: bool,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
}

/// The body's memberships that have not ended, with person names only where the caller may
/// see them.
pub(super) async fn current(state: &AppState, scope: &Scope, body_id: Id) -> Result<Vec<Member>> {
    let members = sqlx::query_as::<_, Member>(
        "SELECT ms.id AS membership_id, ms.organisation_id, o.name AS organisation_name, ms.person_id,
                CASE WHEN $2 = $4 OR p.listed_publicly = $4 THEN p.name END AS person_name,
                ms.role, ms.voting_right, ms.starts_on, ms.ends_on
         FROM memberships ms
         LEFT JOIN organisations o ON o.id = ms.organisation_id
         LEFT JOIN persons p ON p.id = ms.person_id AND p.erased_at IS NULL
         WHERE ms.body_id = $1 AND (ms.ends_on IS NULL OR ms.ends_on >= $3)
         ORDER BY ms.role, o.name, ms.id",
    )
    .bind(body_id)
    .bind(Flag(scope.is_staff()))
    .bind(Date::today())
    .bind(Flag(true))
    .fetch_all(&state.db.pool)
    .await?;
    Ok(members)
}

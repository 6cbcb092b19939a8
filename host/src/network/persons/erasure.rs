//! Erasure on request (GDPR Art. 17): the personal columns are blanked, the row stays, so
//! memberships and attendance keep their shape; open memberships end today.

use axum::extract::State;
use axum::response::Response;

use super::view::Person;
use super::{load_visible, why_unchanged};
use crate::api::extract::{IfMatch, Path};
use crate::api::respond::ok_with_etag;
use crate::audit::{self, Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::db::{Date, Flag, Id, Timestamp, Tx};
use crate::error::Result;
use crate::state::AppState;

/// Stored in place of an erased person's name (the column is NOT NULL); never shown.
const ERASED_NAME: &str = "Gelöschte Person";

/// Erases a person's personal data on request (GDPR Art. 17): the name is replaced, email
/// and phone removed, both consents withdrawn. Open memberships end today; memberships and
/// attendance stay, so meeting history keeps its shape. Staff only, with the `ETag` they read
/// as `If-Match` (or `*`: erase whatever was changed meanwhile); a second erasure gets 409
/// `person_erased`, a person changed since it was read 412.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/persons/{id}/erasure", tag = "Personen",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    responses((status = 200, body = Person, headers(("ETag" = String))),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
              (status = 428, body = crate::error::Problem)))]
pub(super) async fn erase_person(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
) -> Result<Response> {
    let person = erase(&state, &scope, id, &if_match).await?;
    Ok(ok_with_etag(person.version, person))
}

/// Erases person `id` if `if_match` names the version stored: staff only, audited.
pub async fn erase(state: &AppState, scope: &Scope, id: Id, if_match: &IfMatch) -> Result<Person> {
    load_visible(state, scope, id).await?;
    scope.require_staff()?;
    let mut tx = state.db.begin().await?;
    let now = Timestamp::now();
    let erased = sqlx::query(
        "UPDATE persons SET name = $3, email = NULL, phone = NULL, listed_publicly = $4,
                may_contact = $4, erased_at = $5, version = version + 1, updated_at = $5
         WHERE id = $1 AND municipality_id = $2 AND version = COALESCE($6, version)
           AND erased_at IS NULL",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(ERASED_NAME)
    .bind(Flag(false))
    .bind(now)
    .bind(if_match.version())
    .execute(&mut *tx)
    .await?;
    if erased.rows_affected() == 0 {
        return Err(why_unchanged(&mut tx, scope, id).await);
    }
    end_memberships(&mut tx, scope, id, now).await?;
    record_change(&mut tx, scope, Action::Erase, ObjectKind::Person, id).await?;
    tx.commit().await?;
    Ok(Person::from(load_visible(state, scope, id).await?))
}

/// Ends the person's open memberships today, each with its own audit entry. One that had
/// not started yet starts and ends today, so `ends_on ≥ starts_on` still holds.
async fn end_memberships(tx: &mut Tx, scope: &Scope, person: Id, now: Timestamp) -> Result<()> {
    let today = Date::today();
    let open: Vec<Id> = sqlx::query_scalar(
        "SELECT id FROM memberships
         WHERE person_id = $1 AND municipality_id = $2 AND (ends_on IS NULL OR ends_on > $3)",
    )
    .bind(person)
    .bind(scope.municipality_id)
    .bind(today)
    .fetch_all(&mut **tx)
    .await?;
    for membership in open {
        sqlx::query(
            "UPDATE memberships SET ends_on = $2,
                    starts_on = CASE WHEN starts_on > $2 THEN $2 ELSE starts_on END,
                    version = version + 1, updated_at = $3
             WHERE id = $1",
        )
        .bind(membership)
        .bind(today)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        audit::record_change(
            tx,
            scope,
            Action::Update,
            ObjectKind::Membership,
            membership,
        )
        .await?;
    }
    Ok(())
}

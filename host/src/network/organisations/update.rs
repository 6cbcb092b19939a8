//! Changing an organisation: its master data (host admin and staff of an involved
//! municipality, `rights`) and its areas of activity (each municipality its own, `activity`),
//! in one versioned transaction with its audit entries.

use axum::extract::State;
use axum::response::Response;

use super::input::OrganisationInput;
use super::rights::{self, Editor};
use super::{EDITORS, activity, bind_fields, load, summary};
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::ok_with_etag;
use crate::audit::Action;
use crate::auth::{Caller, check_organisation, touched_or_stale};
use crate::db::{Id, Timestamp};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::network::areas::{Tree, closes_loop, tree_conflict};
use crate::state::AppState;

/// Replaces an organisation's fields and the caller's part of its areas. Send the `ETag` you
/// read as `If-Match`; a stale version gets 412. Changing the master data (anything but the
/// areas) needs the host admin or staff of a municipality involved with it (403
/// `organisation_not_involved`); staff of any municipality may set their own municipality's
/// areas. An organisation cannot be placed below itself.
#[utoipa::path(put, path = "/api/v1/organisations/{id}", tag = "Organisationen",
    params(("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = OrganisationInput,
    responses((status = 200, body = super::Organisation, headers(("ETag" = String))),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
pub(super) async fn update_organisation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Id>,
    if_match: IfMatch,
    Json(input): Json<OrganisationInput>,
) -> Result<Response> {
    let editor = Editor::of(&caller, EDITORS)?;
    // The content first: a request that fails without its precondition ignores it (RFC 9110).
    input.check()?;
    let mut tx = state.db.begin().await?;
    let current = summary(&mut *tx, id).await?;
    if_match.check(current.version)?;
    let before = rights::involved(&mut tx, id).await?;
    if input.changes_master_data(&current) {
        editor.may_change_master_data(&before)?;
    }
    check_organisation(&mut tx, input.parent_id, "/parent_id").await?;
    let areas = activity::resulting(&mut tx, editor, Some(id), &input.area_ids).await?;
    let update = sqlx::query(
        "UPDATE organisations SET name = $3, kind = $4, parent_id = $5, email = $6, phone = $7,
                website = $8, address = $9, version = version + 1, updated_at = $10
         WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(current.version);
    let updated = bind_fields(update, &input)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await
        .map_err(tree_conflict)?;
    // Read at this version above, in this transaction: a miss is someone else's change.
    touched_or_stale(&updated)?;
    if let Some(parent) = input.parent_id
        && closes_loop(&mut tx, Tree::Organisations, id, parent).await?
    {
        return Err(Error::field("/parent_id", Code::Invalid));
    }
    activity::write(&mut tx, id, &areas).await?;
    let after = rights::involved(&mut tx, id).await?;
    rights::record(&mut tx, &caller, Action::Update, id, &before, &after).await?;
    tx.commit().await?;
    let organisation = load(&state, id).await?;
    Ok(ok_with_etag(
        organisation.organisation.version,
        organisation,
    ))
}

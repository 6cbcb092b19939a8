//! Re-running the municipality's rules on a stored concern, once a failing plugin is fixed:
//! the form check again and, when the concern has no proposal yet, the routing.

use axum::extract::State;
use axum::response::Response;

use super::model::{self, Concern};
use super::routing::{self, ProposalKind};
use crate::api::extract::Path;
use crate::api::respond::ok_with_etag;
use crate::audit::{self, Action, ObjectKind};
use crate::auth::{Scope, touched_or_stale};
use crate::db::{Id, Timestamp};
use crate::error::Result;
use crate::forms;
use crate::plugins::FormKind;
use crate::state::AppState;

/// Checks the concern again (without the reporter's contact, which is kept apart) and
/// stores the new review state, warnings and, if there was none, the proposal. Staff only.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/concerns/{id}/recheck", tag = "Anliegen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = Concern, headers(("ETag" = String))),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
pub async fn recheck(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    let concern = Concern::from(model::load_visible(&state, &scope, id).await?);
    scope.require_staff()?;
    let checked = forms::check_submission(
        &state,
        scope.municipality_id,
        &scope.slug,
        FormKind::Concern,
        &concern.form_data,
    )
    .await?;
    let proposal = match concern.proposal {
        Some(_) => None,
        None => Some(
            routing::route(
                &state,
                scope.municipality_id,
                &scope.slug,
                &concern.category,
                concern.area.as_deref(),
                &concern.form_data,
            )
            .await,
        ),
    };
    let review = checked
        .review
        .and(proposal.as_ref().and_then(|p| p.failure.as_ref()));
    let warnings = serde_json::to_string(&checked.warnings).map_err(anyhow::Error::from)?;
    let mut tx = state.db.begin().await?;
    let proposal = proposal.filter(|p| p.route.is_some());
    let organisation = match proposal.as_ref().and_then(|p| p.department()) {
        Some(name) => routing::organisation_named(&mut *tx, scope.municipality_id, name).await?,
        None => None,
    };
    let done = sqlx::query(
        "UPDATE concerns SET review_state = $3, review_reason = $4, warnings = $5,
                proposal_kind = COALESCE($6, proposal_kind),
                proposed_department = COALESCE($7, proposed_department),
                proposed_organisation_id = COALESCE($8, proposed_organisation_id),
                proposal_reason = COALESCE($9, proposal_reason),
                version = version + 1, updated_at = $10
         WHERE id = $1 AND municipality_id = $2",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(review.state().as_str())
    .bind(review.reason())
    .bind(warnings)
    .bind(
        proposal
            .as_ref()
            .and_then(|p| p.kind())
            .map(ProposalKind::as_str),
    )
    .bind(proposal.as_ref().and_then(|p| p.department()))
    .bind(organisation)
    .bind(proposal.as_ref().and_then(|p| p.reason()))
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    touched_or_stale(&done)?;
    audit::record_change(&mut tx, &scope, Action::Update, ObjectKind::Concern, id).await?;
    tx.commit().await?;
    let row = model::load_visible(&state, &scope, id).await?;
    Ok(ok_with_etag(row.version, Concern::from(row)))
}

//! The reporter's contact: kept apart from the concern, shown only to staff and only here,
//! and every showing is written to the audit log (`read_personal`).

use axum::extract::State;
use serde::Serialize;

use super::model;
use crate::api::extract::Path;
use crate::audit::{self, ObjectKind};
use crate::auth::Scope;
use crate::db::{Flag, Id, Timestamp};
use crate::error::Result;
use crate::state::AppState;

/// The contact of the person who reported a concern.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReporterContact {
    /// False when nobody left a contact.
    pub present: bool,
    /// Set once the contact was erased after the retention period.
    pub erased_at: Option<Timestamp>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Consent to be contacted about this concern.
    pub may_contact: bool,
}

#[derive(sqlx::FromRow)]
struct Row {
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    #[sqlx(try_from = "Flag")]
    may_contact: bool,
    erased_at: Option<Timestamp>,
}

/// The reporter's contact. Staff only; each read is audit-logged.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/concerns/{id}/reporter", tag = "Anliegen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = ReporterContact), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn get_reporter(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<axum::Json<ReporterContact>> {
    Ok(axum::Json(contact(&state, &scope, id).await?))
}

/// The reporter's contact of concern `id`: `NotFound` unless the caller sees the concern,
/// 403 unless staff; a contact shown is written to the audit log first. The API's and the
/// pages' one way to it.
pub async fn contact(state: &AppState, scope: &Scope, id: Id) -> Result<ReporterContact> {
    model::load_visible(state, scope, id).await?;
    scope.require_staff()?;
    let row = sqlx::query_as::<_, Row>(
        "SELECT name, email, phone, may_contact, erased_at FROM concern_reporters
         WHERE concern_id = $1 AND municipality_id = $2",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(ReporterContact {
            present: false,
            erased_at: None,
            name: None,
            email: None,
            phone: None,
            may_contact: false,
        });
    };
    if row.erased_at.is_none() {
        audit::record_read(&state.db.pool, scope, ObjectKind::ConcernReporter, id).await?;
    }
    Ok(ReporterContact {
        present: row.erased_at.is_none(),
        erased_at: row.erased_at,
        name: row.name,
        email: row.email,
        phone: row.phone,
        may_contact: row.may_contact,
    })
}

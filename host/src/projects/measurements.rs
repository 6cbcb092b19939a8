//! Measurements of a project's targets: the actual value on a date, with a note. Together
//! they show progress over time; the project view shows each target's latest one.
//!
//! Staff and the users acting for the project's lead or partner organisations record them
//! (those doing the work report what they reached). Measurements are appended, never
//! edited, and do not change the project's version: recording one needs no `If-Match`.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::goals::in_range;
use super::load_visible;
use crate::api::extract::{Json, Path, Query};
use crate::api::page::{Page, PageParams};
use crate::api::validate::{Check, TEXT_MAX, blank_to_none};
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::db::{Date, Id, Sql, Timestamp};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

/// A new measurement.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasurementInput {
    /// A target of this project.
    pub target_id: Id,
    /// The date the value was reached or counted.
    pub measured_on: Date,
    pub actual_value: f64,
    #[serde(default)]
    pub note: Option<String>,
}

/// A recorded measurement.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Measurement {
    pub id: Id,
    pub target_id: Id,
    pub measured_on: Date,
    pub actual_value: f64,
    pub note: Option<String>,
    /// Who recorded it.
    pub actor: String,
    pub created_at: Timestamp,
}

/// Filter of the measurement list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MeasurementFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only the measurements of this target.
    pub target_id: Option<Id>,
}

/// The measurements of a project, oldest first: its progress over time.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/projects/{id}/measurements",
    tag = "Maßnahmen",
    params(("municipality" = String, Path), ("id" = Id, Path), MeasurementFilter,
        PageParams),
    responses((status = 200, body = Page<Measurement>), (status = 404, body = crate::error::Problem)))]
pub(super) async fn list_measurements(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    Query(filter): Query<MeasurementFilter>,
) -> Result<axum::Json<Page<Measurement>>> {
    Ok(axum::Json(measurements(&state, &scope, id, filter).await?))
}

/// A page of the measurements of project `id` the caller may see, oldest first: the API's
/// list and the pages'.
pub async fn measurements(
    state: &AppState,
    scope: &Scope,
    id: Id,
    filter: MeasurementFilter,
) -> Result<Page<Measurement>> {
    load_visible(state, scope, id).await?;
    let mut sql = Sql::new("");
    let (p, m) = (sql.bind(id), sql.bind(scope.municipality_id));
    let mut condition = format!("project_id = {p} AND municipality_id = {m}");
    if let Some(target) = filter.target_id {
        condition += &format!(" AND target_id = {}", sql.bind(target));
    }
    sql.push(&format!(
        "SELECT id, target_id, measured_on, actual_value, note, actor, created_at, \
         COUNT(*) OVER () AS total FROM project_measurements WHERE {condition} \
         ORDER BY measured_on, created_at, id"
    ));
    Ok(Page::fetch(sql, filter.page, &state.db.pool).await?)
}

/// Records a measurement (staff, or a user of the lead or a partner organisation).
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/projects/{id}/measurements",
    tag = "Maßnahmen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    request_body = MeasurementInput,
    responses((status = 201, body = Measurement), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub(super) async fn add_measurement(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    Json(input): Json<MeasurementInput>,
) -> Result<(StatusCode, axum::Json<Measurement>)> {
    let measurement = record(&state, &scope, id, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(measurement)))
}

/// Records a measurement of project `id` as the caller, if they may: the API's way and the
/// pages'.
pub async fn record(
    state: &AppState,
    scope: &Scope,
    id: Id,
    input: &MeasurementInput,
) -> Result<Measurement> {
    // Seeing the project already means staff or a lead/partner organisation's user.
    load_visible(state, scope, id).await?;
    let mut c = Check::new();
    c.that(
        in_range(Some(input.actual_value)),
        "/actual_value",
        Code::OutOfRange,
    );
    c.optional_text("/note", input.note.as_deref(), TEXT_MAX);
    c.finish()?;
    let mut tx = state.db.begin().await?;
    let found: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM project_targets WHERE id = $1 AND project_id = $2 \
         AND municipality_id = $3",
    )
    .bind(input.target_id)
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_one(&mut *tx)
    .await?;
    if found == 0 {
        return Err(Error::field("/target_id", Code::ReferenceMissing));
    }
    let measurement = Measurement {
        id: Id::new(),
        target_id: input.target_id,
        measured_on: input.measured_on,
        actual_value: input.actual_value,
        note: blank_to_none(&input.note).map(str::to_owned),
        actor: scope.caller.label(),
        created_at: Timestamp::now(),
    };
    sqlx::query(
        "INSERT INTO project_measurements (id, municipality_id, project_id, target_id, \
         measured_on, actual_value, note, actor_id, actor, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(measurement.id)
    .bind(scope.municipality_id)
    .bind(id)
    .bind(measurement.target_id)
    .bind(measurement.measured_on)
    .bind(measurement.actual_value)
    .bind(measurement.note.as_deref())
    .bind(scope.caller.id())
    .bind(&measurement.actor)
    .bind(measurement.created_at)
    .execute(&mut *tx)
    .await?;
    record_change(
        &mut tx,
        scope,
        Action::Create,
        ObjectKind::ProjectMeasurement,
        measurement.id,
    )
    .await?;
    tx.commit().await?;
    Ok(measurement)
}

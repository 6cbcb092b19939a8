//! Self-evaluations (*Selbstevaluation*): the QM's periodic assessment of its work together
//! with the neighbourhood's actors — criteria with a rating and a comment, strengths and
//! next steps — filled in on the municipality's form (`schemas/forms/self-evaluation.schema.json`
//! as its plugin adapted it) and checked like every form: the schema, then the plugin's
//! `validate`; a failing plugin sends it to manual review instead of refusing it. The
//! reports' dataset carries the answers of the evaluated years (`reports::dataset`), which
//! the report kind `selbstevaluation` shows.
//!
//! Staff only: they record, read and delete self-evaluations of their municipality. Lists
//! refuse everyone else with 401/403; a self-evaluation answers 404 to them, exactly like a
//! missing one.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::delete::Deletion;
use crate::api::extract::{Json, Path, Query};
use crate::api::page::{Page, PageParams};
use crate::api::respond::{created, ok_with_etag};
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::{Scope, Table, check_reference};
use crate::db::{Id, Sql, Timestamp};
use crate::error::{Error, Result};
use crate::forms::{self, ReviewState};
use crate::messages::Code;
use crate::plugins::FormKind;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_self_evaluations, create_self_evaluation))
        .routes(routes!(get_self_evaluation, delete_self_evaluation))
}

/// A recorded self-evaluation.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SelfEvaluation {
    pub id: Id,
    /// The area evaluated; none for the whole municipality.
    pub area_id: Option<Id>,
    /// The year evaluated (the answers' `year`).
    pub year: i64,
    /// The answers as submitted.
    #[schema(value_type = Object)]
    pub answers: Value,
    pub review_state: ReviewState,
    /// Why a person must check the answers (the plugin's error code).
    pub review_reason: Option<String>,
    /// The plugin's warnings (`forms::Finding`).
    #[schema(value_type = Vec<Object>)]
    pub warnings: Value,
    pub submitted_by: Option<Id>,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Id,
    area_id: Option<Id>,
    year: i64,
    answers: String,
    #[sqlx(try_from = "String")]
    review_state: ReviewState,
    review_reason: Option<String>,
    warnings: String,
    submitted_by: Option<Id>,
    version: i64,
    created_at: Timestamp,
    updated_at: Timestamp,
}

impl Row {
    fn into_view(self) -> Result<SelfEvaluation> {
        let parse = |text: &str| -> Result<Value> {
            serde_json::from_str(text).map_err(|e| Error::Internal(e.into()))
        };
        Ok(SelfEvaluation {
            id: self.id,
            area_id: self.area_id,
            year: self.year,
            answers: parse(&self.answers)?,
            review_state: self.review_state,
            review_reason: self.review_reason,
            warnings: parse(&self.warnings)?,
            submitted_by: self.submitted_by,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

const COLUMNS: &str = "id, area_id, year, answers, review_state, review_reason, warnings, \
     submitted_by, version, created_at, updated_at";

/// A self-evaluation to record.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfEvaluationInput {
    /// The area evaluated; leave out for the whole municipality.
    #[serde(default)]
    pub area_id: Option<Id>,
    /// The filled-in form (`GET …/forms/self-evaluation`); its `year` is the year evaluated.
    #[schema(value_type = Object)]
    pub answers: Value,
}

/// Records a self-evaluation. Staff only.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/self-evaluations", tag = "Selbstevaluationen",
    params(("municipality" = String, Path, description = "Kürzel der Kommune")),
    request_body = SelfEvaluationInput,
    responses((status = 201, body = SelfEvaluation, headers(("ETag" = String))),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
async fn create_self_evaluation(
    State(state): State<AppState>,
    scope: Scope,
    Json(input): Json<SelfEvaluationInput>,
) -> Result<Response> {
    let evaluation = record(&state, &scope, input).await?;
    Ok(created(evaluation.version, evaluation))
}

/// Records a self-evaluation for staff: the form's check (the effective schema, then the
/// plugin's `validate`; errors under `/answers`), the year required. The API's and the
/// pages' way in.
pub async fn record(
    state: &AppState,
    scope: &Scope,
    input: SelfEvaluationInput,
) -> Result<SelfEvaluation> {
    scope.require_staff()?;
    let checked = forms::check_submission(
        state,
        scope.municipality_id,
        &scope.slug,
        FormKind::SelfEvaluation,
        &input.answers,
    )
    .await
    .map_err(|e| e.under("/answers"))?;
    // A plugin may adapt the form; the year is what the reports need, whatever else changed.
    let year = input
        .answers
        .get("year")
        .and_then(Value::as_i64)
        .filter(|y| (1900..=2199).contains(y))
        .ok_or_else(|| Error::field("/answers/year", Code::Required))?;
    let warnings =
        serde_json::to_string(&checked.warnings).map_err(|e| Error::Internal(e.into()))?;
    let id = Id::new();
    let mut tx = state.db.begin().await?;
    check_reference(&mut tx, scope, Table::Areas, input.area_id, "/area_id").await?;
    sqlx::query(
        "INSERT INTO self_evaluations (id, municipality_id, area_id, year, answers, review_state,
                review_reason, warnings, submitted_by, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(input.area_id)
    .bind(year)
    .bind(input.answers.to_string())
    .bind(checked.review.state().as_str())
    .bind(checked.review.reason())
    .bind(warnings)
    .bind(scope.caller.id())
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    record_change(
        &mut tx,
        scope,
        Action::Create,
        ObjectKind::SelfEvaluation,
        id,
    )
    .await?;
    tx.commit().await?;
    load(state, scope, id).await
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SelfEvaluationFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only evaluations of this year.
    pub year: Option<i64>,
    /// Only evaluations of this area.
    pub area_id: Option<Id>,
}

/// Lists the municipality's self-evaluations, latest year first. Staff only.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/self-evaluations", tag = "Selbstevaluationen",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"),
        SelfEvaluationFilter, PageParams),
    responses((status = 200, body = Page<SelfEvaluation>), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
async fn list_self_evaluations(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<SelfEvaluationFilter>,
) -> Result<axum::Json<Page<SelfEvaluation>>> {
    Ok(axum::Json(listed(&state, &scope, filter).await?))
}

/// A page of the municipality's self-evaluations, latest year first, for staff.
pub async fn listed(
    state: &AppState,
    scope: &Scope,
    filter: SelfEvaluationFilter,
) -> Result<Page<SelfEvaluation>> {
    scope.require_staff()?;
    let mut sql = Sql::new("");
    let m = sql.bind(scope.municipality_id);
    let mut condition = format!("municipality_id = {m}");
    if let Some(year) = filter.year {
        condition += &format!(" AND year = {}", sql.bind(year));
    }
    if let Some(area) = filter.area_id {
        condition += &format!(" AND area_id = {}", sql.bind(area));
    }
    sql.push(&format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM self_evaluations WHERE {condition}
         ORDER BY year DESC, created_at DESC, id"
    ));
    let page = Page::<Row>::fetch(sql, filter.page, &state.db.pool).await?;
    page.try_map(Row::into_view)
}

/// One self-evaluation. Staff only; for others it does not exist.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/self-evaluations/{id}", tag = "Selbstevaluationen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = SelfEvaluation, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem)))]
async fn get_self_evaluation(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    let evaluation = load(&state, &scope, id).await?;
    Ok(ok_with_etag(evaluation.version, evaluation))
}

const DELETION: Deletion = Deletion {
    table: "self_evaluations",
    kind: ObjectKind::SelfEvaluation,
    uses: None,
    parts: &[],
};

/// Deletes a self-evaluation (recorded by mistake, say). Staff only.
#[utoipa::path(delete, path = "/api/v1/municipalities/{municipality}/self-evaluations/{id}", tag = "Selbstevaluationen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem)))]
async fn delete_self_evaluation(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<StatusCode> {
    DELETION
        .run(&state.db, &scope, id, load(&state, &scope, id))
        .await
}

/// Self-evaluation `id` of the scope's municipality for staff; 404 for anyone else.
async fn load(state: &AppState, scope: &Scope, id: Id) -> Result<SelfEvaluation> {
    if !scope.is_staff() {
        return Err(Error::NotFound);
    }
    let sql =
        format!("SELECT {COLUMNS} FROM self_evaluations WHERE id = $1 AND municipality_id = $2");
    sqlx::query_as::<_, Row>(crate::db::sql::trusted(sql))
        .bind(id)
        .bind(scope.municipality_id)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(Error::NotFound)?
        .into_view()
}

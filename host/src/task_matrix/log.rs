//! The yearly log: one entry per thing done for a task of the municipality's matrix.
//! Entries are records of the past: they are added and, when wrong, deleted — not edited.
//! The API and the staff's task log page go through [`entries`], [`record`] and
//! [`delete_entry_of`].

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::{MatrixColumn, YEARS, effective, require_member};
use crate::api::delete::Deletion;
use crate::api::extract::{Json, Path, Query};
use crate::api::page::{Page, PageParams};
use crate::api::respond::{created, ok_with_etag};
use crate::api::validate::Check;
use crate::audit::{self, Action, ObjectKind};
use crate::auth::{Level, Scope};
use crate::db::{Id, Sql, Timestamp};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

/// Longest description of what was done.
const ACTIVITY_MAX: usize = 2000;

/// One entry of the yearly log.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct LogEntry {
    pub id: Id,
    pub year: i64,
    /// The task's key in the municipality's matrix.
    pub task_key: String,
    /// The column of the task; none for the task as a whole.
    pub column_key: Option<MatrixColumn>,
    /// What was done (German free text).
    pub activity: String,
    /// Who recorded it.
    pub recorded_by: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogInput {
    /// 2000–2100.
    pub year: i64,
    /// A task key of the municipality's current matrix.
    pub task_key: String,
    #[serde(default)]
    pub column_key: Option<MatrixColumn>,
    pub activity: String,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LogFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    pub year: Option<i64>,
    pub task_key: Option<String>,
}

const SELECT: &str = "SELECT id, year, task_key, column_key, activity, recorded_by, created_at \
                      FROM task_log";

/// The log, newest first; filter by year and task. Signed-in users of the municipality.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/task-log", tag = "Aufgabenmatrix",
    params(("municipality" = String, Path), LogFilter, PageParams),
    responses((status = 200, body = Page<LogEntry>), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem)))]
pub(super) async fn list_log(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<LogFilter>,
) -> Result<axum::Json<Page<LogEntry>>> {
    Ok(axum::Json(entries(&state, &scope, &filter).await?))
}

/// A page of the log under `filter`, newest first; signed-in users of the municipality.
pub async fn entries(
    state: &AppState,
    scope: &Scope,
    filter: &LogFilter,
) -> Result<Page<LogEntry>> {
    require_member(scope)?;
    let mut sql = Sql::new("");
    let mut condition = format!("municipality_id = {}", sql.bind(scope.municipality_id));
    if let Some(year) = filter.year {
        condition += &format!(" AND year = {}", sql.bind(year));
    }
    if let Some(task) = &filter.task_key {
        condition += &format!(" AND task_key = {}", sql.bind(task.clone()));
    }
    sql.push(&format!(
        "SELECT id, year, task_key, column_key, activity, recorded_by, created_at, \
         COUNT(*) OVER () AS total FROM task_log WHERE {condition} \
         ORDER BY created_at DESC, id DESC"
    ));
    Ok(Page::fetch(sql, filter.page, &state.db.pool).await?)
}

/// Entries of `year` per task key.
pub(super) async fn counts(
    state: &AppState,
    scope: &Scope,
    year: i64,
) -> Result<BTreeMap<String, i64>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT task_key, COUNT(*) FROM task_log WHERE municipality_id = $1 AND year = $2
         GROUP BY task_key",
    )
    .bind(scope.municipality_id)
    .bind(year)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows.into_iter().collect())
}

async fn load(state: &AppState, scope: &Scope, id: Id) -> Result<LogEntry> {
    sqlx::query_as::<_, LogEntry>(crate::db::sql::trusted(format!(
        "{SELECT} WHERE id = $1 AND municipality_id = $2"
    )))
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(Error::NotFound)
}

/// One entry. Signed-in users of the municipality.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/task-log/{id}", tag = "Aufgabenmatrix",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = LogEntry, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)))]
pub(super) async fn get_entry(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    hide_from_outsiders(&scope)?;
    let entry = load(&state, &scope, id).await?;
    // Entries are never edited: their version stays 1.
    Ok(ok_with_etag(1, entry))
}

/// To anyone outside the municipality the log does not exist: an entry looks missing.
fn hide_from_outsiders(scope: &Scope) -> Result<()> {
    match scope.level {
        Level::Public => Err(Error::NotFound),
        Level::Member { .. } | Level::Staff => Ok(()),
    }
}

/// Records what was done for a task in a year. Staff only; the task must be in the
/// municipality's current matrix.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/task-log", tag = "Aufgabenmatrix",
    params(("municipality" = String, Path)), request_body = LogInput,
    responses((status = 201, body = LogEntry), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub(super) async fn create_entry(
    State(state): State<AppState>,
    scope: Scope,
    Json(input): Json<LogInput>,
) -> Result<Response> {
    let entry = record(&state, &scope, &input).await?;
    Ok(created(1, entry))
}

/// Records what was done for a task in a year: staff only; the task must be in the
/// municipality's current matrix. Audited with the entry.
pub async fn record(state: &AppState, scope: &Scope, input: &LogInput) -> Result<LogEntry> {
    scope.require_staff()?;
    let mut c = Check::new();
    c.range("/year", Some(input.year), *YEARS.start(), *YEARS.end());
    c.name("/task_key", &input.task_key);
    if input.activity.trim().is_empty() {
        c.fail("/activity", Code::Required);
    }
    c.optional_text("/activity", Some(&input.activity), ACTIVITY_MAX);
    c.finish()?;
    let matrix = effective(state, scope).await?;
    if !matrix.task_keys().contains(&input.task_key) {
        return Err(Error::field("/task_key", Code::UnknownTask));
    }
    let id = Id::new();
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO task_log (id, municipality_id, year, task_key, column_key, activity,
                               recorded_by, recorded_by_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(input.year)
    .bind(&input.task_key)
    .bind(input.column_key.map(MatrixColumn::as_str))
    .bind(input.activity.trim())
    .bind(scope.caller.label())
    .bind(scope.caller.id())
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    audit::record_change(&mut tx, scope, Action::Create, ObjectKind::TaskLog, id).await?;
    tx.commit().await?;
    load(state, scope, id).await
}

/// Entries are records of the past: nothing refers to them.
const DELETION: Deletion = Deletion {
    table: "task_log",
    kind: ObjectKind::TaskLog,
    uses: None,
    parts: &[],
};

/// Deletes a wrong entry. Staff only.
#[utoipa::path(delete, path = "/api/v1/municipalities/{municipality}/task-log/{id}", tag = "Aufgabenmatrix",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem)))]
pub(super) async fn delete_entry(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<StatusCode> {
    delete_entry_of(&state, &scope, id).await
}

/// Deletes entry `id`: staff only; 404 for anyone outside the municipality.
pub async fn delete_entry_of(state: &AppState, scope: &Scope, id: Id) -> Result<StatusCode> {
    hide_from_outsiders(scope)?;
    DELETION
        .run(&state.db, scope, id, load(state, scope, id))
        .await
}

//! The task matrix (*Aufgabenmatrix*) of a municipality and the yearly log of what its staff
//! did per task (docs/architecture.md, "Domain model").
//!
//! Reading needs a signed-in user of the municipality (staff, members, jury): the matrix
//! says who does what inside the network, which is not public. Only staff write the log.

mod actors;
mod log;
mod matrix;

use std::collections::BTreeMap;

use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::extract::Query;
use crate::auth::{Level, Scope};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

pub use actors::Actor;
pub use log::{LogEntry, LogFilter, LogInput, delete_entry_of, entries, record};
pub use matrix::{MatrixColumn, TaskMatrix, base, effective};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_task_matrix))
        .routes(routes!(actors::list_actors))
        .routes(routes!(actors::put_actor, actors::delete_actor))
        .routes(routes!(log::list_log, log::create_entry))
        .routes(routes!(log::get_entry, log::delete_entry))
}

/// Years a log entry may belong to.
pub const YEARS: std::ops::RangeInclusive<i64> = 2000..=2100;

/// Refuses anonymous callers (401) and users of other municipalities (403).
fn require_member(scope: &Scope) -> Result<()> {
    match (scope.level, &scope.caller.0) {
        (Level::Staff | Level::Member { .. }, _) => Ok(()),
        (Level::Public, None) => Err(Error::client(Code::Unauthenticated)),
        (Level::Public, Some(_)) => Err(Error::client(Code::Forbidden)),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MatrixQuery {
    /// Adds, per task, how many log entries the year has.
    pub year: Option<i64>,
}

/// The matrix with who its actors are and, when a year was asked for, the number of log
/// entries per task key.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MatrixWithLog {
    #[serde(flatten)]
    pub matrix: TaskMatrix,
    /// Who holds each actor key of the cells in this municipality, as far as recorded.
    pub actors: BTreeMap<String, Actor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i64>,
    /// Log entries of `year` per task key (tasks without entries are left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logged: Option<BTreeMap<String, i64>>,
}

/// The municipality's task matrix: the guideline's complete catalogue, assigned by the
/// active plugin under the municipality's QM model. Signed-in users of the municipality.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/task-matrix", tag = "Aufgabenmatrix",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"), MatrixQuery),
    responses((status = 200, body = MatrixWithLog), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
async fn get_task_matrix(
    State(state): State<AppState>,
    scope: Scope,
    Query(query): Query<MatrixQuery>,
) -> Result<axum::Json<MatrixWithLog>> {
    Ok(axum::Json(
        matrix_with_log(&state, &scope, query.year).await?,
    ))
}

/// The matrix, its actors and, for `year`, the log entries per task; signed-in users of the
/// municipality (401/403 for the rest). The API and the staff's task page read through it.
pub async fn matrix_with_log(
    state: &AppState,
    scope: &Scope,
    year: Option<i64>,
) -> Result<MatrixWithLog> {
    require_member(scope)?;
    if year.is_some_and(|y| !YEARS.contains(&y)) {
        return Err(Error::field("/year", Code::OutOfRange));
    }
    let matrix = effective(state, scope).await?;
    let logged = match year {
        Some(year) => Some(log::counts(state, scope, year).await?),
        None => None,
    };
    Ok(MatrixWithLog {
        matrix,
        actors: actors::all(state, scope).await?,
        year,
        logged,
    })
}

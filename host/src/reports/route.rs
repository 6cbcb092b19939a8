//! `GET …/reports/{kind}/dataset`: the dataset a report of that kind is made from, as JSON
//! (`schemas/plugin/report-dataset.schema.json`). Staff only: it is the municipality's
//! internal view, before any suppression of small counts.

use axum::extract::State;
use quartier_documents::Dataset;

use super::dataset;
use super::request::{self, ReportKindKey, ReportQuery};
use crate::api::extract::{Path, Query};
use crate::auth::Scope;
use crate::error::Result;
use crate::state::AppState;

/// The dataset of a report: the municipality's (or one area's, with its sub-areas) figures
/// for a year (`year`) or the days from `from` to `to`. The task log's actors are those of
/// the municipality's task matrix as its plugin adapts it. Staff only.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/reports/{kind}/dataset", tag = "Berichte",
    params(("municipality" = String, Path), ("kind" = inline(ReportKindKey), Path), ReportQuery),
    responses((status = 200, body = Object,
               description = "Der Datensatz des Berichts (schemas/plugin/report-dataset.schema.json)"),
              (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[tracing::instrument(skip_all, fields(municipality = %scope.slug, kind = %kind), err(level = "info"))]
pub(super) async fn get_dataset(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, kind)): Path<(String, String)>,
    Query(query): Query<ReportQuery>,
) -> Result<axum::Json<Dataset>> {
    scope.require_staff()?;
    let report = request::resolve(&state.db, &scope, &kind, &query).await?;
    let matrix = crate::task_matrix::effective(&state, &scope).await?.matrix;
    let dataset = dataset::assemble_with_matrix(&state.db, &report, &matrix).await?;
    Ok(axum::Json(dataset))
}

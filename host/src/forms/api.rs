//! `GET /api/v1/municipalities/{municipality}/forms/{kind}`: the effective form schema.
//!
//! Public: a form is no secret, and residents without an account need it to fill one in.

use axum::extract::State;
use serde_json::Value;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::extract::Path;
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::plugins::FormKind;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_form))
}

/// The municipality's form of one kind as a JSON Schema (draft 2020-12): the base form
/// adapted by the municipality's rules. When the rules fail, the base form is served.
/// Public.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/forms/{kind}",
    tag = "Formulare",
    params(
        ("municipality" = String, Path, description = "Kürzel der Kommune"),
        ("kind" = String, Path, description = "Formularart: fund-application, concern, \
            project-dossier, contract, meeting-minutes oder self-evaluation"),
    ),
    responses(
        (status = 200, description = "Das JSON-Schema des Formulars", body = Object),
        (status = 404, body = crate::error::Problem),
    ))]
async fn get_form(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, kind)): Path<(String, String)>,
) -> Result<axum::Json<Value>> {
    let kind = FormKind::parse(&kind).ok_or(Error::NotFound)?;
    let form = state
        .rules
        .form(scope.municipality_id, &scope.slug, kind)
        .await?;
    Ok(axum::Json(form.form.schema.clone()))
}

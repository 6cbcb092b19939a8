//! Discovery, the service list (the municipality's concern categories) and the GET of the
//! top-level documents (`discovery`, `services`, `requests`).

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde_json::{Value, json};

use super::query::{checked, origin, parameters};
use super::{Failure, Format, definition, requests};
use crate::auth::Scope;
use crate::concerns::categories;
use crate::error::Error;
use crate::oparl::Base;
use crate::state::AppState;

/// When this host's list of Open311 endpoints last changed (discovery's `changeset`).
const ENDPOINTS_CHANGED: &str = "2026-12-05T00:00:00Z";

/// `GET /open311/v2/{municipality}/{discovery|services|requests}.{format}`
pub async fn top_level(
    State(state): State<AppState>,
    scope: Result<Scope, Error>,
    Path((_, file)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    base: Base,
) -> Response {
    let Some((name, format)) = Format::split(&file) else {
        return Failure::not_found().reply(None);
    };
    let (root, item) = match name {
        "discovery" => ("discovery", "discovery"),
        "services" => ("services", "service"),
        "requests" => ("service_requests", "request"),
        _ => return Failure::not_found().reply(Some(format)),
    };
    let result = async {
        let scope = checked(scope?, query.as_deref())?;
        match name {
            "discovery" => discovery(&state, &scope, &base).await,
            "services" => services(&state, &scope).await,
            _ => requests::list(&state, &scope, &parameters(query.as_deref())?).await,
        }
    }
    .await;
    format.answer(root, item, result)
}

/// The categories as services. `metadata` is true for all of them when the municipality's
/// form asks for more than Open311 carries: the form is one for every category.
async fn services(state: &AppState, scope: &Scope) -> Result<Value, Failure> {
    let metadata = !definition::current(state, scope).await?.is_empty();
    let list: Vec<Value> = categories(state, scope.municipality_id, &scope.slug)
        .await
        .into_iter()
        .map(|c| {
            json!({
                "service_code": c.key,
                "service_name": c.label,
                "description": null,
                "metadata": metadata,
                // The reference is known at once: a request's id comes with the answer.
                "type": "realtime",
                "keywords": null,
                "group": null,
            })
        })
        .collect();
    Ok(Value::Array(list))
}

/// Where this municipality's endpoint is and what it speaks.
async fn discovery(state: &AppState, scope: &Scope, base: &Base) -> Result<Value, Failure> {
    let name: String = sqlx::query_scalar("SELECT name FROM municipalities WHERE id = $1")
        .bind(scope.municipality_id)
        .fetch_one(&state.db.pool)
        .await
        .map_err(Error::from)?;
    Ok(json!({
        "changeset": ENDPOINTS_CHANGED,
        "contact": format!("Quartiersmanagement, {name}"),
        "key_service": "API-Schlüssel für Apps vergibt der Betrieb von Quartier für die \
                        Kommune; ohne Schlüssel gilt die Begrenzung des öffentlichen Formulars.",
        "endpoints": [{
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": format!("{}/open311/v2/{}", origin(state, base), scope.slug),
            "changeset": ENDPOINTS_CHANGED,
            "type": "production",
            "formats": ["application/json", "text/xml"],
        }],
    }))
}

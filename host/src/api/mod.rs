//! The JSON API under `/api/v1`: assembles the feature routers and serves the OpenAPI
//! document generated from the same handlers, so every route is documented by construction.

pub mod extract;
pub mod page;
pub mod respond;
pub mod validate;

use axum::Router;
use axum::routing::get;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;
use crate::error::Error;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Quartier API",
        description = "Netzwerkdaten des Quartiersmanagements: Gremien, Mitgliedschaften, Sitzungen. \
                       Fehler als application/problem+json mit stabilem `code`.",
        version = "1"
    ),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The API router with `/api/v1/openapi.json`.
pub fn routes() -> Router<AppState> {
    let (router, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(crate::network::router())
        .merge(crate::task_matrix::router())
        .merge(crate::concerns::router())
        .merge(crate::audit_api::router())
        .merge(crate::plugin_registry::router())
        .merge(crate::forms::router())
        .merge(crate::funds::router())
        .merge(crate::projects::router())
        .merge(crate::contracts::router())
        .split_for_parts();
    let document = openapi.to_pretty_json().unwrap_or_default();
    router
        .route(
            "/api/v1/openapi.json",
            get(move || async move { ([("content-type", "application/json")], document.clone()) }),
        )
        .route("/api/v1", axum::routing::any(|| async { Error::NotFound }))
        .route(
            "/api/v1/{*rest}",
            axum::routing::any(|| async { Error::NotFound }),
        )
}

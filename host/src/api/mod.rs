//! The JSON API's shared pieces: extractors, pagination, responses, input validation, and
//! the OpenAPI document that `app.rs` fills with the features' routes. Knows no feature.

pub mod delete;
pub mod extract;
pub mod page;
pub mod respond;
pub mod validate;

use axum::Router;
use axum::routing::get;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::error::Error;
use crate::state::AppState;

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

/// The OpenAPI document's frame (title, security scheme) that the features' routes fill.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The features' routes plus `/api/v1/openapi.json` and a problem+json 404 for every other
/// path under `/api/v1`.
pub fn with_document(features: OpenApiRouter<AppState>) -> Router<AppState> {
    let (router, openapi) = features.split_for_parts();
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

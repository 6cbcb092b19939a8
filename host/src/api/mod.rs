//! The JSON API's shared pieces: extractors, pagination, responses, input validation, and
//! the OpenAPI document that `app.rs` fills with the features' routes. Knows no feature.

pub mod delete;
pub mod extract;
mod openapi;
pub mod page;
pub mod public_reads;
pub mod respond;
pub mod validate;

use axum::Router;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;

use crate::error::Error;
use crate::messages::Code;
use crate::state::AppState;

pub use openapi::document;

/// The features' routes plus `/api/v1/openapi.json` and a problem+json 404 for every other
/// path under `/api/v1`.
pub fn with_document(features: OpenApiRouter<AppState>) -> Router<AppState> {
    let (router, mut openapi) = features.split_for_parts();
    openapi::finish(&mut openapi);
    let document = openapi.to_pretty_json().unwrap_or_default();
    router
        .route(
            "/api/v1/openapi.json",
            get(move || async move { ([("content-type", "application/json")], document.clone()) }),
        )
        .route("/api/v1", axum::routing::any(|| async { Error::NotFound }))
        .route("/api/v1/", axum::routing::any(|| async { Error::NotFound }))
        .route(
            "/api/v1/{*rest}",
            axum::routing::any(|| async { Error::NotFound }),
        )
        // Last: it applies to the routes registered before it.
        .method_not_allowed_fallback(|| async { Error::client(Code::MethodNotAllowed) })
}

//! The OParl interface's errors: JSON like every other answer of it (OParl defines no error
//! object), with a stable code and a German message. Database errors are logged here and
//! shown only as an opaque 500.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum OparlError {
    /// Missing, not public, unlisted, erased or of another municipality: all look the same.
    #[error("not found")]
    NotFound,
    /// A list parameter that cannot be read; the text names it (German).
    #[error("invalid query: {0}")]
    BadQuery(String),
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

impl IntoResponse for OparlError {
    fn into_response(self) -> Response {
        let (status, code, message) = match self {
            OparlError::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "Dieses Objekt gibt es nicht oder es ist nicht öffentlich.".to_owned(),
            ),
            OparlError::BadQuery(text) => (StatusCode::BAD_REQUEST, "invalid_query", text),
            OparlError::Database(e) => {
                tracing::error!(error = %e, "database error in the OParl interface");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Interner Fehler.".to_owned(),
                )
            }
        };
        (
            status,
            Json(json!({"code": code, "message": message, "status": status.as_u16()})),
        )
            .into_response()
    }
}

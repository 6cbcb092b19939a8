//! Success responses that carry the row version as `ETag`.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::extract::etag;

pub fn ok_with_etag<T: Serialize>(version: i64, body: T) -> Response {
    (
        StatusCode::OK,
        [(header::ETAG, etag(version))],
        axum::Json(body),
    )
        .into_response()
}

pub fn created<T: Serialize>(version: i64, body: T) -> Response {
    (
        StatusCode::CREATED,
        [(header::ETAG, etag(version))],
        axum::Json(body),
    )
        .into_response()
}

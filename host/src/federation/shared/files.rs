//! The API of shared items' PDFs: attaching one (`PUT …/exchange/items/{id}/attachment`,
//! coordination) and fetching a catalogue item's from the centre (`GET
//! …/exchange/catalogue/{site}/{id}/attachment`, staff), with the download response the
//! staff page gives too ([`pdf_response`]).

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::item::{ATTACHMENT_MAX, Attachment, AttachmentError};
use super::route::{attach, fetch_attachment};
use super::search::AttachmentWanted;
use super::store::{self, SharedItem};
use crate::api::extract::{Path, Query};
use crate::auth::Scope;
use crate::db::Id;
use crate::error::{Error, Result};
use crate::federation::bundle::SiteId;
use crate::messages::Code;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(put_attachment))
        .routes(routes!(get_attachment))
}

/// The PDF as the whole request body (documented as binary).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
struct Pdf(Vec<u8>);

/// The file name of an uploaded attachment.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AttachmentName {
    /// `ausschreibung-nordstadt.pdf`; `unterlagen.pdf` when none is given.
    pub name: Option<String>,
}

/// Attaches a PDF (at most 2 MiB) to a released item, replacing one attached before; the
/// centre gets it with the next delivery. Coordination only.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/exchange/items/{id}/attachment",
    tag = "Austausch",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"),
        ("id" = Id, Path, description = "Der geteilte Beitrag"), AttachmentName),
    request_body(content = Pdf, content_type = "application/pdf", description = "Das PDF"),
    responses((status = 200, body = SharedItem), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 413, body = crate::error::Problem), (status = 415, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
async fn put_attachment(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    Query(named): Query<AttachmentName>,
    headers: HeaderMap,
    body: Body,
) -> Result<axum::Json<SharedItem>> {
    // Another municipality's item is missing, whatever was sent for it.
    store::get(&state.db, &scope, id).await?;
    scope.require_coordinator()?;
    let pdf = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim() == "application/pdf");
    if !pdf {
        return Err(Error::client_with(
            Code::UnsupportedMediaType,
            "Bitte senden Sie die Datei als application/pdf.",
        ));
    }
    let content = axum::body::to_bytes(body, ATTACHMENT_MAX)
        .await
        .map_err(|_| {
            Error::client_with(Code::BodyTooLarge, AttachmentError::TooLarge.to_string())
        })?;
    let name = named.name.as_deref().unwrap_or("unterlagen.pdf");
    let attachment = Attachment::new(name, content.to_vec())
        .map_err(|e| Error::client_with(Code::AttachmentInvalid, e.to_string()))?;
    Ok(axum::Json(attach(&state, &scope, id, attachment).await?))
}

/// The PDF of an item in the service centre's catalogue. Staff only.
#[utoipa::path(get,
    path = "/api/v1/municipalities/{municipality}/exchange/catalogue/{site}/{id}/attachment",
    tag = "Austausch",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"),
        ("site" = String, Path, description = "Der Standort, der den Beitrag geteilt hat"),
        ("id" = Id, Path, description = "Der Beitrag")),
    responses((status = 200, body = Pdf, content_type = "application/pdf"),
        (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 502, body = crate::error::Problem)))]
async fn get_attachment(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, site, id)): Path<(String, String, Id)>,
) -> Result<Response> {
    scope.require_staff()?;
    let site = SiteId::try_from(site).map_err(|_| Error::NotFound)?;
    let attachment = fetch_attachment(&state, &AttachmentWanted { site, id }).await?;
    Ok(pdf_response(attachment))
}

/// An attachment as a download: `application/pdf`, its name in `Content-Disposition`
/// (quoted, checked to hold no quote or control character; RFC 6266 `filename*` for
/// names beyond ASCII).
pub fn pdf_response(attachment: Attachment) -> Response {
    let ascii: String = attachment
        .name
        .chars()
        .map(|c| if c.is_ascii() { c } else { '_' })
        .collect();
    let encoded: String = attachment
        .name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut response = attachment.content.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

//! The site's API of the exchange: its coordination releases and withdraws shared items,
//! its staff list them and search the centre's catalogue, which this host asks on their
//! behalf with the site's key ([`search_catalogue`]).
//!
//! - `GET  …/exchange/items` — the municipality's items (staff);
//! - `POST …/exchange/items` — release one (coordination; 409 `exchange_not_enrolled` on a
//!   host enrolled at no centre);
//! - `POST …/exchange/items/{id}/withdraw` — take one out of the catalogue (coordination);
//! - `PUT  …/exchange/items/{id}/attachment?name=…` — attach a PDF (coordination);
//! - `GET  …/exchange/catalogue?q=&kind=&page=` — search the catalogue (staff; 502
//!   `exchange_centre_unavailable` when the centre cannot be asked);
//! - `GET  …/exchange/catalogue/{site}/{id}/attachment` — a listed item's PDF (staff).

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::item::{ATTACHMENT_MAX, Attachment, AttachmentError, Item, ItemKind};
use super::search::{AttachmentWanted, Found, Search};
use super::store::{self, SharedItem};
use crate::api::extract::{Json, Path, Query};
use crate::api::page::{Page, PageParams};
use crate::api::validate::Check;
use crate::auth::Scope;
use crate::db::Id;
use crate::error::{Error, Result};
use crate::federation::bundle::SiteId;
use crate::federation::centre::{ATTACHMENT_PATH, CATALOGUE_PATH};
use crate::federation::enrolment::{self, PinnedCentre};
use crate::federation::site_key::SiteKey;
use crate::messages::Code;
use crate::state::AppState;

/// The longest answer of the centre to a search: twenty items of a few kilobytes.
const MAX_ANSWER_BYTES: usize = 1 << 20;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_items, release_item))
        .routes(routes!(withdraw_item))
        .routes(routes!(put_attachment))
        .routes(routes!(search))
        .routes(routes!(get_attachment))
}

/// The municipality's shared items, the latest released first. Staff only.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/exchange/items", tag = "Austausch",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"), PageParams),
    responses((status = 200, body = Page<SharedItem>), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
async fn list_items(
    State(state): State<AppState>,
    scope: Scope,
    Query(page): Query<PageParams>,
) -> Result<axum::Json<Page<SharedItem>>> {
    scope.require_staff()?;
    Ok(axum::Json(store::list(&state.db, &scope, page).await?))
}

/// Releases an item for the service centre's catalogue. Coordination only; no contact
/// details in the texts (422 `personal_data`).
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/exchange/items", tag = "Austausch",
    params(("municipality" = String, Path, description = "Kürzel der Kommune")),
    request_body = Item,
    responses((status = 201, body = SharedItem), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 413, body = crate::error::Problem), (status = 415, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
async fn release_item(
    State(state): State<AppState>,
    scope: Scope,
    Json(item): Json<Item>,
) -> Result<(StatusCode, axum::Json<SharedItem>)> {
    let released = release(&state, &scope, item).await?;
    Ok((StatusCode::CREATED, axum::Json(released)))
}

/// Releases `item` for `scope`'s coordination (the API and the staff page): 403 for
/// anyone else, 422 with every problem of the item, 409 on a host enrolled nowhere.
pub async fn release(state: &AppState, scope: &Scope, item: Item) -> Result<SharedItem> {
    scope.require_coordinator()?;
    let mut check = Check::new();
    item.check(&mut check, "");
    check.finish()?;
    let (centre, _) = enrolled(state)?;
    store::release(&state.db, scope, &centre.site, item).await
}

/// Attaches `attachment` to item `id` for `scope`'s coordination (the API and the staff
/// page).
pub async fn attach(
    state: &AppState,
    scope: &Scope,
    id: Id,
    attachment: Attachment,
) -> Result<SharedItem> {
    scope.require_coordinator()?;
    let (centre, _) = enrolled(state)?;
    store::attach(&state.db, scope, &centre.site, id, attachment).await
}

/// Withdraws item `id` for `scope`'s coordination (the API and the staff page).
pub async fn withdraw(state: &AppState, scope: &Scope, id: Id) -> Result<SharedItem> {
    scope.require_coordinator()?;
    let (centre, _) = enrolled(state)?;
    store::withdraw(&state.db, scope, &centre.site, id).await
}

/// Takes an item out of the catalogue; the centre learns it with the next delivery.
/// Coordination only; an item withdrawn before is answered as it is.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/exchange/items/{id}/withdraw",
    tag = "Austausch",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"),
        ("id" = Id, Path, description = "Der geteilte Beitrag")),
    responses((status = 200, body = SharedItem), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
async fn withdraw_item(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<axum::Json<SharedItem>> {
    Ok(axum::Json(withdraw(&state, &scope, id).await?))
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
    /// `ausschreibung-nordstadt.pdf`
    pub name: String,
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
    let attachment = Attachment::new(&named.name, content.to_vec())
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

/// A search of the catalogue in the query string.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CatalogueQuery {
    /// Words that must all occur in an item's title or summary.
    pub q: Option<String>,
    pub kind: Option<ItemKind>,
    /// From 1 to 50 (20 items each).
    pub page: Option<u32>,
}

/// Searches the service centre's catalogue of all sites' shared items. Staff only.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/exchange/catalogue", tag = "Austausch",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"), CatalogueQuery),
    responses((status = 200, body = Found), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 502, body = crate::error::Problem)))]
async fn search(
    State(state): State<AppState>,
    scope: Scope,
    Query(query): Query<CatalogueQuery>,
) -> Result<axum::Json<Found>> {
    scope.require_staff()?;
    let search = Search {
        q: query.q,
        kind: query.kind,
        page: query.page.unwrap_or(1),
    };
    Ok(axum::Json(search_catalogue(&state, &search).await?))
}

/// Asks the pinned centre's catalogue `search`, signed with the site key: 422 for a search
/// over the limits, 409 on a host enrolled nowhere, 502 when the centre cannot be reached
/// or does not answer with a page.
pub async fn search_catalogue(state: &AppState, search: &Search) -> Result<Found> {
    search
        .words()
        .map_err(|e| Error::client_with(Code::CatalogueSearchInvalid, e.to_string()))?;
    let answer = ask_centre(state, CATALOGUE_PATH, search, MAX_ANSWER_BYTES).await?;
    serde_json::from_slice(&answer).map_err(|e| unavailable(e.to_string()))
}

/// The attachment of item `id` of site `site` from the centre's catalogue: 404 when the
/// item is not listed or has none, else as [`search_catalogue`].
pub async fn fetch_attachment(state: &AppState, wanted: &AttachmentWanted) -> Result<Attachment> {
    // Base64 makes four bytes of three, and the JSON around it is small.
    let limit = ATTACHMENT_MAX / 3 * 4 + 4096;
    let answer = ask_centre(state, ATTACHMENT_PATH, wanted, limit).await?;
    let attachment: Attachment =
        serde_json::from_slice(&answer).map_err(|e| unavailable(e.to_string()))?;
    attachment.check().map_err(|e| unavailable(e.to_string()))?;
    Ok(attachment)
}

/// Posts `body` signed to the pinned centre's `path` and reads the answer up to `limit`
/// bytes: 404 when the centre answers 404, 502 for any other failure.
async fn ask_centre(
    state: &AppState,
    path: &str,
    body: &impl serde::Serialize,
    limit: usize,
) -> Result<Vec<u8>> {
    let (centre, key) = enrolled(state)?;
    let body = serde_json::to_vec(body).map_err(|e| Error::Internal(e.into()))?;
    let mut response = centre
        .post_signed(path, body, &key)
        .await
        .map_err(Error::Internal)?
        .map_err(|e| unavailable(format!("{}: {e}", centre.url)))?;
    match response.status() {
        status if status.is_success() => {}
        reqwest::StatusCode::NOT_FOUND => return Err(Error::NotFound),
        status => return Err(unavailable(format!("{} answered {status}", centre.url))),
    }
    let mut answer = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| unavailable(e.to_string()))?
    {
        if answer.len() + chunk.len() > limit {
            return Err(unavailable("answer too large".to_owned()));
        }
        answer.extend_from_slice(&chunk);
    }
    Ok(answer)
}

/// 502 `exchange_centre_unavailable`, with the reason in the log.
fn unavailable(why: String) -> Error {
    tracing::warn!(%why, "request to the centre failed");
    Error::client(Code::ExchangeCentreUnavailable)
}

/// The pinned centre and the site key; 409 `exchange_not_enrolled` without a pin.
fn enrolled(state: &AppState) -> Result<(PinnedCentre, SiteKey)> {
    let not_enrolled = || Error::client(Code::ExchangeNotEnrolled);
    let dir = state
        .settings
        .data_dir
        .as_deref()
        .ok_or_else(not_enrolled)?;
    let centre = enrolment::pinned(dir)
        .map_err(Error::Internal)?
        .ok_or_else(not_enrolled)?;
    let (key, _) = SiteKey::load_or_create(dir).map_err(|e| Error::Internal(e.into()))?;
    Ok((centre, key))
}

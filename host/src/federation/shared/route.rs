//! The site's API of the exchange: its coordination releases and withdraws shared items,
//! its staff list them and search the centre's catalogue, which this host asks on their
//! behalf with the site's key ([`search_catalogue`]).
//!
//! - `GET  …/exchange/items` — the municipality's items (staff);
//! - `POST …/exchange/items` — release one (coordination; 409 `exchange_not_enrolled` on a
//!   host enrolled at no centre);
//! - `POST …/exchange/items/{id}/withdraw` — take one out of the catalogue (coordination);
//! - `GET  …/exchange/catalogue?q=&kind=&page=` — search the catalogue (staff; 502
//!   `exchange_centre_unavailable` when the centre cannot be asked);
//! - the PDFs' routes, in `files.rs`, through [`attach`] and [`fetch_attachment`].

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::item::{ATTACHMENT_MAX, Attachment, Item, ItemKind};
use super::search::{AttachmentWanted, Found, Search};
use super::store::{self, SharedItem};
use crate::api::extract::{Json, Path, Query};
use crate::api::page::{Page, PageParams};
use crate::api::validate::Check;
use crate::auth::Scope;
use crate::db::Id;
use crate::error::{Error, Result};
use crate::federation::centre::{ATTACHMENT_PATH, CATALOGUE_PATH};
use crate::federation::enrolment::{self, PinnedCentre};
use crate::federation::site_key::SiteKey;
use crate::messages::Code;
use crate::state::AppState;

/// The longest answer of the centre to a search: twenty items of a few kilobytes.
const MAX_ANSWER_BYTES: usize = 1 << 20;

/// How long a person waits for the centre before the page says it is not reachable.
const WAIT_FOR_CENTRE: std::time::Duration = std::time::Duration::from_secs(10);

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_items, release_item))
        .routes(routes!(withdraw_item))
        .routes(routes!(search))
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
    // Another municipality's item is missing before anything else is said about it.
    store::get(&state.db, scope, id).await?;
    scope.require_coordinator()?;
    let (centre, _) = enrolled(state)?;
    store::attach(&state.db, scope, &centre.site, id, attachment).await
}

/// Withdraws item `id` for `scope`'s coordination (the API and the staff page).
pub async fn withdraw(state: &AppState, scope: &Scope, id: Id) -> Result<SharedItem> {
    store::get(&state.db, scope, id).await?;
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
        .post_signed_within(path, body, &key, WAIT_FOR_CENTRE)
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

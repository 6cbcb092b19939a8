//! The coordination's steps on the exchange page (`exchange_page.rs`): releasing an item
//! (`POST …/austausch/beitraege`) and withdrawing one (`POST …/beitraege/{id}/zurueckziehen`),
//! each handed to the feature's own function (`federation::shared::route::release`,
//! `withdraw`: permission, checks, audit entry, outbox) and then back to the page with a
//! German notice. A refused release shows the page again with the errors at their fields
//! and what was entered. The release form is sent as `multipart/form-data` for its PDF
//! (`attach` after the release); a catalogue item's PDF is fetched from the centre for the
//! download link (`GET …/austausch/katalog/{site}/{id}/datei`).

use axum::Router;
use axum::body::to_bytes;
use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::PageError;
use super::exchange_page::{CATALOGUE, FILE, RELEASE, WITHDRAW, Wanted, exchange_path, render};
use super::frame::EXCHANGE;
use super::multipart;
use super::page_form::{date, invalid, join, posted, refused};
use super::reports::staff_scope;
use super::session::{START, SignedIn};
use crate::auth::Scope;
use crate::db::Id;
use crate::error::Error;
use crate::federation::bundle::SiteId;
use crate::federation::shared::item::{ATTACHMENT_MAX, Attachment, Item, ItemKind};
use crate::federation::shared::search::AttachmentWanted;
use crate::federation::shared::{files, route};
use crate::messages::Code;
use crate::state::AppState;

/// A form as sent: every field by name (the `csrf` field was checked before).
type Sent = Vec<(String, String)>;

pub fn routes() -> Router<AppState> {
    let base = format!("{START}/{{municipality}}/{EXCHANGE}/{RELEASE}");
    let file = format!("{START}/{{municipality}}/{EXCHANGE}/{CATALOGUE}/{{site}}/{{id}}/{FILE}");
    Router::new()
        .route(&base, post(release))
        .route(&format!("{base}/{{id}}/{WITHDRAW}"), post(withdraw))
        .route(&file, get(download))
}

fn back(slug: &str, notice: &str) -> Response {
    Redirect::to(&format!("{}?hinweis={notice}", exchange_path(slug))).into_response()
}

/// The field of the form an API pointer names.
fn field_of(pointer: &str) -> Option<String> {
    let name = match pointer {
        "/kind" => "art",
        "/title" => "thema",
        "/summary" => "zusammenfassung",
        "/field_of_action" => "handlungsfeld",
        "/date" => "datum",
        "/place" => "ort",
        "/attachment" => "datei",
        _ => return None,
    };
    Some(name.to_owned())
}

/// The item the form describes, or the fields the page itself cannot read.
fn item(sent: &Sent) -> Result<Item, Error> {
    let field = |name: &str| posted(sent, name).unwrap_or_default().trim().to_owned();
    let optional = |name: &str| Some(field(name)).filter(|v| !v.is_empty());
    let kind = field("art")
        .parse::<ItemKind>()
        .map_err(|_| invalid("/kind", Code::InvalidEnum.de()));
    let day = optional("datum").map(|d| date(&d, "/date")).transpose();
    match (kind, day) {
        (Ok(kind), Ok(date)) => Ok(Item {
            kind,
            title: field("thema"),
            summary: field("zusammenfassung"),
            field_of_action: optional("handlungsfeld"),
            date,
            place: optional("ort"),
        }),
        (kind, day) => {
            let unread = [kind.err(), day.err()].into_iter().flatten().collect();
            Err(join(unread).unwrap_or(Error::Invalid(Vec::new())))
        }
    }
}

/// The page again after a refusal, with `attempt` in the release form or, for a withdrawal,
/// the reason above it; a step the person may not take looks like a missing page.
async fn again(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    form: &str,
    sent: Sent,
    error: Error,
) -> Result<Response, PageError> {
    if matches!(error, Error::NotFound) {
        return Err(PageError::NotFound);
    }
    let (status, attempt) = refused(form, sent, error, "", field_of)?;
    if status == StatusCode::FORBIDDEN {
        return Err(PageError::NotFound);
    }
    render(
        state,
        signed_in,
        scope,
        status,
        Wanted::default(),
        Some(attempt),
    )
    .await
}

/// The release form as sent — URL-encoded, or multipart with its PDF — and the PDF (name
/// and bytes) when one was chosen.
async fn read_form(request: Request) -> (Sent, Option<(String, Vec<u8>)>) {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    // The CSRF layer has read the body within its limit already; a PDF and a few fields.
    let body = to_bytes(request.into_body(), 2 * ATTACHMENT_MAX)
        .await
        .unwrap_or_default();
    if !multipart::is_multipart(&content_type) {
        return (
            serde_urlencoded::from_bytes(&body).unwrap_or_default(),
            None,
        );
    }
    let mut sent = Vec::new();
    let mut file = None;
    for field in multipart::fields(&content_type, &body)
        .await
        .unwrap_or_default()
    {
        match field.file_name {
            Some(name) if field.name == "datei" => {
                file = Some((name, field.bytes)).filter(|(_, bytes)| !bytes.is_empty());
            }
            _ => sent.push((
                field.name,
                String::from_utf8_lossy(&field.bytes).into_owned(),
            )),
        }
    }
    (sent, file)
}

/// `POST …/austausch/beitraege`: releases (with its PDF), then back to the page.
async fn release(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    request: Request,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let (sent, file) = read_form(request).await;
    // The PDF is checked first, so a refused one leaves nothing released.
    let attachment = file
        .map(|(name, bytes)| Attachment::new(&name, bytes))
        .transpose()
        .map_err(|e| invalid("/attachment", &e.to_string()));
    let outcome = match (item(&sent), attachment) {
        (Ok(item), Ok(attachment)) => match route::release(&state, &scope, item).await {
            Ok(released) => match attachment {
                Some(a) => route::attach(&state, &scope, released.id, a)
                    .await
                    .map(|_| ()),
                None => Ok(()),
            },
            Err(e) => Err(e),
        },
        (item, attachment) => {
            let unread = [item.err(), attachment.err()]
                .into_iter()
                .flatten()
                .collect();
            Err(join(unread).unwrap_or(Error::Invalid(Vec::new())))
        }
    };
    match outcome {
        Ok(()) => Ok(back(&slug, "freigegeben")),
        Err(e) => again(&state, &signed_in, &scope, RELEASE, sent, e).await,
    }
}

/// `GET …/austausch/katalog/{site}/{id}/datei`: a catalogue item's PDF, from the centre.
async fn download(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, site, id)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let site = SiteId::try_from(site).map_err(|_| PageError::NotFound)?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    match route::fetch_attachment(&state, &AttachmentWanted { site, id }).await {
        Ok(attachment) => Ok(files::pdf_response(attachment)),
        Err(e) => again(&state, &signed_in, &scope, CATALOGUE, Vec::new(), e).await,
    }
}

/// `POST …/austausch/beitraege/{id}/zurueckziehen`: withdraws, then back to the page.
async fn withdraw(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    match route::withdraw(&state, &scope, id).await {
        Ok(_) => Ok(back(&slug, "zurueckgezogen")),
        Err(e) => again(&state, &signed_in, &scope, WITHDRAW, Vec::new(), e).await,
    }
}

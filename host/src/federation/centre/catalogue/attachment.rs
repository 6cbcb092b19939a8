//! `POST /federation/v1/catalogue/attachment`: an accepted site fetches the PDF of a listed
//! item for its staff — `{"site", "id"}` in, the attachment (`{"name", "content"}`, base64)
//! out; 404 for an item that is not listed or has none.

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};

use crate::db::Id;
use crate::error::Error;
use crate::federation::centre::nonces;
use crate::federation::centre::refusal::Refusal;
use crate::federation::centre::signed;
use crate::federation::centre::sites::SiteState;
use crate::federation::shared::item::Attachment;
use crate::federation::shared::search::AttachmentWanted;
use crate::messages::Code;
use crate::state::AppState;

/// Which attachment is wanted is a few bytes.
const MAX_REQUEST_BYTES: usize = 1024;

pub async fn fetch(State(state): State<AppState>, request: Request) -> Result<Response, Refusal> {
    let signed = signed::read(&state, request, MAX_REQUEST_BYTES).await?;
    let wanted: AttachmentWanted = serde_json::from_slice(signed.request.body())
        .map_err(|e| Refusal::Detailed(Code::CatalogueSearchInvalid, e.to_string()))?;
    let site = signed.signer.site.id;
    nonces::spend(&state.db, site, &signed.verified.nonce, signed.expires).await?;
    let found: Option<(String, Vec<u8>)> = sqlx::query_as(
        "SELECT c.attachment_name, c.attachment
         FROM federation_catalogue c JOIN federation_sites s ON s.id = c.site_id
         WHERE s.name = $1 AND s.state = $2 AND c.item_id = $3
           AND c.withdrawn_at IS NULL AND c.attachment IS NOT NULL",
    )
    .bind(wanted.site.as_str())
    .bind(SiteState::Accepted.as_str())
    .bind::<Id>(wanted.id)
    .fetch_optional(&state.db.pool)
    .await?;
    let (name, content) = found.ok_or(Refusal::Error(Error::NotFound))?;
    Ok(axum::Json(Attachment { name, content }).into_response())
}

//! `POST /federation/v1/items`: one revision of one shared item from an accepted site,
//! kept if it is newer than what the centre has.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::api::validate::Check;
use crate::db::Timestamp;
use crate::error::Error;
use crate::federation::centre::nonces;
use crate::federation::centre::refusal::Refusal;
use crate::federation::centre::signed;
use crate::federation::centre::sites::Site;
use crate::federation::shared::item::{FORMAT, ItemMessage};
use crate::messages::Code;
use crate::state::AppState;

/// The largest message taken: an attachment of at most 2 MiB is 2.7 MiB in base64, and a
/// summary of 4,000 characters at most 16 KB of UTF-8, escaped perhaps twice that.
pub const MAX_MESSAGE_BYTES: usize = 3 * 1024 * 1024;

/// The most items one site may have listed at once: far more than any site shares, few
/// enough that a hostile site cannot fill the centre's disk with releases.
pub const MAX_LISTED_PER_SITE: i64 = 2_000;

/// What became of a message that was not refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// Newer than what the centre had: applied.
    Applied,
    /// This revision was applied before.
    Duplicate,
    /// The centre has a newer revision of the item already.
    Superseded,
}

impl Kept {
    fn answer(self) -> (StatusCode, &'static str) {
        match self {
            Kept::Applied => (StatusCode::CREATED, "applied"),
            Kept::Duplicate => (StatusCode::OK, "duplicate"),
            Kept::Superseded => (StatusCode::OK, "superseded"),
        }
    }
}

pub async fn receive(State(state): State<AppState>, request: Request) -> Result<Response, Refusal> {
    let signed = signed::read(&state, request, MAX_MESSAGE_BYTES).await?;
    let message: ItemMessage = serde_json::from_slice(signed.request.body())
        .map_err(|e| Refusal::Detailed(Code::SharedItemInvalid, e.to_string()))?;
    if message.format != FORMAT {
        return Err(Refusal::Detailed(
            Code::SharedItemInvalid,
            format!("Format {} unbekannt", message.format),
        ));
    }
    if message.site.as_str() != signed.signer.site.name {
        return Err(Refusal::Code(Code::BundleForeignSite));
    }
    if let Some(release) = &message.release {
        if let Some(attachment) = &release.attachment {
            attachment
                .check()
                .map_err(|e| Refusal::Detailed(Code::SharedItemInvalid, e.to_string()))?;
        }
        let mut check = Check::new();
        release.item.check(&mut check, "/release/item");
        if let Err(Error::Invalid(errors)) = check.finish() {
            let found: Vec<String> = errors
                .iter()
                .map(|e| format!("{}: {}", e.pointer, e.code))
                .collect();
            return Err(Refusal::Detailed(Code::SharedItemInvalid, found.join(", ")));
        }
    }
    let kept = keep(&state, &signed.signer.site, &message, &signed).await?;
    let (status, word) = kept.answer();
    let answer = json!({"status": word, "id": message.id, "revision": message.revision});
    Ok((status, axum::Json(answer)).into_response())
}

/// Stores `message` unless the centre has its revision or a newer one, and remembers the
/// signature's nonce — in one transaction with the site's row locked.
async fn keep(
    state: &AppState,
    site: &Site,
    message: &ItemMessage,
    signed: &signed::Signed,
) -> Result<Kept, Refusal> {
    let revision = i64::from(message.revision.get());
    let mut tx = state.db.begin().await?;
    nonces::lock_site(&mut tx, site.id).await?;
    nonces::refuse_seen(&mut tx, site.id, &signed.verified.nonce).await?;
    let held: Option<i64> = sqlx::query_scalar(
        "SELECT revision FROM federation_catalogue WHERE site_id = $1 AND item_id = $2",
    )
    .bind(site.id)
    .bind(message.id)
    .fetch_optional(&mut *tx)
    .await?;
    let kept = match held {
        Some(held) if held == revision => Kept::Duplicate,
        Some(held) if held > revision => Kept::Superseded,
        _ => Kept::Applied,
    };
    if kept == Kept::Applied && message.release.is_some() {
        let listed: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM federation_catalogue
             WHERE site_id = $1 AND item_id <> $2 AND withdrawn_at IS NULL",
        )
        .bind(site.id)
        .bind(message.id)
        .fetch_one(&mut *tx)
        .await?;
        if listed >= MAX_LISTED_PER_SITE {
            return Err(Refusal::Code(Code::CatalogueFull));
        }
    }
    if kept == Kept::Applied {
        let now = Timestamp::now();
        let item = message.release.as_ref().map(|r| &r.item);
        let attachment = message.release.as_ref().and_then(|r| r.attachment.as_ref());
        sqlx::query("DELETE FROM federation_catalogue WHERE site_id = $1 AND item_id = $2")
            .bind(site.id)
            .bind(message.id)
            .execute(&mut *tx)
            .await?;
        // A withdrawal keeps the row for its revision, with its texts emptied.
        sqlx::query(
            "INSERT INTO federation_catalogue (site_id, item_id, revision, municipality, kind,
                 title, summary, field_of_action, item_date, place, released_on, search_text,
                 withdrawn_at, received_at, attachment_name, attachment_bytes, attachment)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
        )
        .bind(site.id)
        .bind(message.id)
        .bind(revision)
        .bind(&message.municipality)
        .bind(item.map(|i| i.kind.as_str()))
        .bind(item.map_or("", |i| i.title.as_str()))
        .bind(item.map_or("", |i| i.summary.as_str()))
        .bind(item.and_then(|i| i.field_of_action.clone()))
        .bind(item.and_then(|i| i.date))
        .bind(item.and_then(|i| i.place.clone()))
        .bind(message.release.as_ref().map(|r| r.released_on))
        .bind(item.map(|i| i.search_text()).unwrap_or_default())
        .bind(message.release.is_none().then_some(now))
        .bind(now)
        .bind(attachment.map(|a| a.name.as_str()))
        .bind(attachment.map(|a| i64::try_from(a.content.len()).unwrap_or(i64::MAX)))
        .bind(attachment.map(|a| a.content.as_slice()))
        .execute(&mut *tx)
        .await?;
    }
    nonces::remember(&mut tx, site.id, &signed.verified.nonce, signed.expires).await?;
    tx.commit().await?;
    Ok(kept)
}

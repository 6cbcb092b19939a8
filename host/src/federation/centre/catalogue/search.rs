//! `POST /federation/v1/catalogue`: an accepted site searches the catalogue for its staff.

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};

use crate::db::{Date, Id, Sql};
use crate::federation::bundle::SiteId;
use crate::federation::centre::nonces;
use crate::federation::centre::refusal::Refusal;
use crate::federation::centre::signed;
use crate::federation::centre::sites::SiteState;
use crate::federation::shared::item::{Item, ItemKind};
use crate::federation::shared::search::{AttachmentInfo, Found, Listed, PER_PAGE, Search};
use crate::messages::Code;
use crate::state::AppState;

/// A search is a few words.
const MAX_SEARCH_BYTES: usize = 4 * 1024;

pub async fn search(State(state): State<AppState>, request: Request) -> Result<Response, Refusal> {
    let signed = signed::read(&state, request, MAX_SEARCH_BYTES).await?;
    let search: Search = serde_json::from_slice(signed.request.body())
        .map_err(|e| Refusal::Detailed(Code::CatalogueSearchInvalid, e.to_string()))?;
    let words = search
        .words()
        .map_err(|e| Refusal::Detailed(Code::CatalogueSearchInvalid, e.to_string()))?;
    // Searches change nothing, but their nonces are remembered like every signed request's:
    // a captured search cannot be replayed to read the catalogue without the site's key.
    let site = signed.signer.site.id;
    nonces::spend(&state.db, site, &signed.verified.nonce, signed.expires).await?;
    let found = find(&state, &search, &words).await?;
    Ok(axum::Json(found).into_response())
}

#[derive(Debug, sqlx::FromRow)]
struct Row {
    site: String,
    municipality: String,
    item_id: Id,
    #[sqlx(try_from = "String")]
    kind: ItemKind,
    title: String,
    summary: String,
    field_of_action: Option<String>,
    item_date: Option<Date>,
    place: Option<String>,
    released_on: Date,
    attachment_name: Option<String>,
    attachment_bytes: Option<i64>,
    total: i64,
}

/// The page of listed items (not withdrawn, of accepted sites) with every word, newest
/// release first.
async fn find(state: &AppState, search: &Search, words: &[String]) -> Result<Found, Refusal> {
    let mut sql = Sql::new("");
    let accepted = sql.bind(SiteState::Accepted.as_str());
    let mut conditions = vec![
        "c.withdrawn_at IS NULL".to_owned(),
        format!("s.state = {accepted}"),
    ];
    for word in words {
        let pattern = sql.bind(format!("%{}%", escape_like(word)));
        conditions.push(format!("c.search_text LIKE {pattern} ESCAPE '\\'"));
    }
    if let Some(kind) = search.kind {
        conditions.push(format!("c.kind = {}", sql.bind(kind.as_str())));
    }
    let limit = sql.bind(i64::from(PER_PAGE));
    let offset = sql.bind(i64::from((search.page - 1) * PER_PAGE));
    sql.push(&format!(
        "SELECT s.name AS site, c.municipality, c.item_id, c.kind, c.title, c.summary,
             c.field_of_action, c.item_date, c.place, c.released_on, c.attachment_name,
             c.attachment_bytes, COUNT(*) OVER () AS total
         FROM federation_catalogue c JOIN federation_sites s ON s.id = c.site_id
         WHERE {}
         ORDER BY c.released_on DESC, c.received_at DESC, c.item_id
         LIMIT {limit} OFFSET {offset}",
        conditions.join(" AND ")
    ));
    let rows: Vec<Row> = sql.query_as().fetch_all(&state.db.pool).await?;
    let total = rows
        .first()
        .map_or(0, |r| u64::try_from(r.total).unwrap_or(0));
    let items = rows
        .into_iter()
        .filter_map(|r| {
            let attachment = r.attachment_name.map(|name| AttachmentInfo {
                name,
                bytes: r
                    .attachment_bytes
                    .and_then(|b| u64::try_from(b).ok())
                    .unwrap_or(0),
            });
            Some(Listed {
                site: SiteId::try_from(r.site).ok()?,
                municipality: r.municipality,
                id: r.item_id,
                released_on: r.released_on,
                item: Item {
                    kind: r.kind,
                    title: r.title,
                    summary: r.summary,
                    field_of_action: r.field_of_action,
                    date: r.item_date,
                    place: r.place,
                },
                attachment,
            })
        })
        .collect();
    Ok(Found {
        items,
        total,
        page: search.page,
        per_page: PER_PAGE,
    })
}

/// `word` with LIKE's wildcards and its escape character taken literally.
fn escape_like(word: &str) -> String {
    let mut escaped = String::with_capacity(word.len());
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_in_a_word_are_taken_literally() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
        assert_eq!(escape_like("gärten"), "gärten");
    }
}

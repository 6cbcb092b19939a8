//! Meetings of public bodies as OParl `Meeting`s, with their public agenda items embedded
//! and answering at their own URL as `AgendaItem`s. Non-public items do not exist here.
//! Items have no timestamps of their own; they carry their meeting's. The place is embedded
//! as a `Location` (`location.rs`), approved minutes as the `resultsProtocol` (`file.rs`);
//! which meetings are visible is `meeting_rows.rs`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::base::{Base, body_url, meeting_url, organization_url};
use super::body::Listing;
use super::list::compact;
use super::meeting_rows::{COLUMNS, Row, from_where, load};
use super::{ObjectId, OparlError, file, home_scope, location, oparl_type};
use crate::auth::Scope;
use crate::db::{Flag, Id, Sql};
use crate::network::kinds::MeetingState;
use crate::state::AppState;

fn object(base: &Base, scope: &Scope, row: &Row, agenda: Vec<Value>) -> Value {
    compact(json!({
        "id": meeting_url(base, row.id),
        "type": oparl_type("Meeting"),
        "name": row.title,
        "meetingState": row.state.label_de(),
        "cancelled": row.state == MeetingState::Abgesagt,
        "start": row.starts_at.to_db(),
        "end": row.ends_at.map(|e| e.to_db()),
        "location": location::embedded(base, row),
        "organization": [organization_url(base, row.body_id)],
        "resultsProtocol": file::results_protocol(base, scope, row),
        "agendaItem": agenda,
        "web": base.page(&format!("/kommunen/{}/gremien/{}#sitzung-{}", scope.slug, row.body_id, row.id)),
        "created": row.created_at.to_db(),
        "modified": row.updated_at.to_db(),
    }))
}

/// `GET /oparl/v1/meetings/{id}`
pub async fn one(
    State(state): State<AppState>,
    base: Base,
    ObjectId(id): ObjectId,
) -> Result<Json<Value>, OparlError> {
    let scope = home_scope(&state, "meetings", id).await?;
    let row = load(&state, &scope, id).await?;
    let rows = [row];
    let mut items = items_of(&state, &base, &rows).await?;
    let [row] = rows;
    let agenda = items.remove(&row.id).unwrap_or_default();
    Ok(Json(object(&base, &scope, &row, agenda)))
}

/// `GET /oparl/v1/bodies/{slug}/meetings`, earliest first.
pub async fn list(
    State(state): State<AppState>,
    base: Base,
    listing: Listing,
) -> Result<Json<Value>, OparlError> {
    let url = format!("{}/meetings", body_url(&base, &listing.municipality.slug));
    let (rows, total): (Vec<Row>, i64) = listing
        .fetch(&state, COLUMNS, "m.starts_at, m.id", from_where)
        .await?;
    let mut items = items_of(&state, &base, &rows).await?;
    let data = rows
        .iter()
        .map(|r| {
            object(
                &base,
                &listing.scope,
                r,
                items.remove(&r.id).unwrap_or_default(),
            )
        })
        .collect();
    Ok(listing.window.document(&url, data, total))
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: Id,
    meeting_id: Id,
    position: i64,
    number: String,
    title: String,
    result: Option<String>,
    resolution: Option<String>,
}

const ITEM_COLUMNS: &str = "id, meeting_id, position, number, title, result, resolution";

fn item_object(base: &Base, meeting: &Row, row: &ItemRow) -> Value {
    compact(json!({
        "id": base.url(&format!("/agendaitems/{}", row.id)),
        "type": oparl_type("AgendaItem"),
        "meeting": meeting_url(base, row.meeting_id),
        "number": row.number,
        "order": row.position,
        "name": row.title,
        "public": true,
        "result": row.result,
        "resolutionText": row.resolution,
        "created": meeting.created_at.to_db(),
        "modified": meeting.updated_at.to_db(),
    }))
}

/// The public agenda items of already visible meetings, by meeting, in agenda order.
async fn items_of(
    state: &AppState,
    base: &Base,
    meetings: &[Row],
) -> Result<HashMap<Id, Vec<Value>>, OparlError> {
    if meetings.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = Sql::new("");
    let ids: Vec<String> = meetings.iter().map(|m| sql.bind(m.id)).collect();
    let public = sql.bind(Flag(true));
    sql.push(&format!(
        "SELECT {ITEM_COLUMNS} FROM agenda_items WHERE public = {public} AND meeting_id IN ({})
         ORDER BY meeting_id, position",
        ids.join(", ")
    ));
    let rows: Vec<ItemRow> = sql.query_as().fetch_all(&state.db.pool).await?;
    let by_id: HashMap<Id, &Row> = meetings.iter().map(|m| (m.id, m)).collect();
    let mut items: HashMap<Id, Vec<Value>> = HashMap::new();
    for row in rows {
        if let Some(m) = by_id.get(&row.meeting_id) {
            items
                .entry(row.meeting_id)
                .or_default()
                .push(item_object(base, m, &row));
        }
    }
    Ok(items)
}

/// `GET /oparl/v1/agendaitems/{id}`: a public item of a visible meeting, or 404.
pub async fn agenda_item(
    State(state): State<AppState>,
    base: Base,
    ObjectId(id): ObjectId,
) -> Result<Json<Value>, OparlError> {
    let row: ItemRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ITEM_COLUMNS} FROM agenda_items WHERE id = $1 AND public = $2"
    )))
    .bind(id)
    .bind(Flag(true))
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(OparlError::NotFound)?;
    let scope = home_scope(&state, "meetings", row.meeting_id).await?;
    let m = load(&state, &scope, row.meeting_id).await?;
    Ok(Json(item_object(&base, &m, &row)))
}

//! Public agenda items as OParl `AgendaItem`s, embedded in their meeting and answering at
//! their own URL. Non-public items do not exist here. Items have no timestamps of their
//! own; they carry their meeting's.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::base::Base;
use super::list::compact;
use super::meeting::{self, meeting_url};
use super::{ObjectId, OparlError, home_scope, oparl_type};
use crate::db::{Flag, Id, Sql};
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Row {
    id: Id,
    meeting_id: Id,
    position: i64,
    number: String,
    title: String,
    result: Option<String>,
    resolution: Option<String>,
}

const COLUMNS: &str = "id, meeting_id, position, number, title, result, resolution";

fn object(base: &Base, meeting: &meeting::Row, row: &Row) -> Value {
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
pub async fn of_meetings(
    state: &AppState,
    base: &Base,
    meetings: &[meeting::Row],
) -> Result<HashMap<Id, Vec<Value>>, OparlError> {
    if meetings.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = Sql::new("");
    let ids: Vec<String> = meetings.iter().map(|m| sql.bind(m.id)).collect();
    let public = sql.bind(Flag(true));
    sql.push(&format!(
        "SELECT {COLUMNS} FROM agenda_items WHERE public = {public} AND meeting_id IN ({})
         ORDER BY meeting_id, position",
        ids.join(", ")
    ));
    let rows: Vec<Row> = sql.query_as().fetch_all(&state.db.pool).await?;
    let by_id: HashMap<Id, &meeting::Row> = meetings.iter().map(|m| (m.id, m)).collect();
    let mut items: HashMap<Id, Vec<Value>> = HashMap::new();
    for row in rows {
        if let Some(m) = by_id.get(&row.meeting_id) {
            items
                .entry(row.meeting_id)
                .or_default()
                .push(object(base, m, &row));
        }
    }
    Ok(items)
}

/// `GET /oparl/v1/agendaitems/{id}`: a public item of a visible meeting, or 404.
pub async fn one(
    State(state): State<AppState>,
    base: Base,
    ObjectId(id): ObjectId,
) -> Result<Json<Value>, OparlError> {
    let row: Row = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM agenda_items WHERE id = $1 AND public = $2"
    )))
    .bind(id)
    .bind(Flag(true))
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(OparlError::NotFound)?;
    let scope = home_scope(&state, "meetings", row.meeting_id).await?;
    let m = meeting::load(&state, &scope, row.meeting_id).await?;
    Ok(Json(object(&base, &m, &row)))
}

//! Meetings of public bodies as OParl `Meeting`s, with their public agenda items embedded.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use serde_json::{Value, json};

use super::agenda;
use super::base::Base;
use super::body::{body_url, by_slug};
use super::list::{ListQuery, Window, compact};
use super::organization::organization_url;
use super::{OparlError, home_scope, oparl_type, parse_id, public_scope};
use crate::auth::Scope;
use crate::db::{Id, Sql, Timestamp};
use crate::network::kinds::MeetingState;
use crate::network::visible_body;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
pub struct Row {
    pub id: Id,
    body_id: Id,
    title: String,
    starts_at: Timestamp,
    ends_at: Option<Timestamp>,
    #[sqlx(try_from = "String")]
    state: MeetingState,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

const COLUMNS: &str =
    "m.id, m.body_id, m.title, m.starts_at, m.ends_at, m.state, m.created_at, m.updated_at";

pub fn meeting_url(base: &Base, id: Id) -> String {
    base.url(&format!("/meetings/{id}"))
}

fn object(base: &Base, scope: &Scope, row: &Row, agenda: Vec<Value>) -> Value {
    compact(json!({
        "id": meeting_url(base, row.id),
        "type": oparl_type("Meeting"),
        "name": row.title,
        "meetingState": row.state.label_de(),
        "cancelled": row.state == MeetingState::Abgesagt,
        "start": row.starts_at.to_db(),
        "end": row.ends_at.map(|e| e.to_db()),
        "organization": [organization_url(base, row.body_id)],
        "agendaItem": agenda,
        "web": base.page(&format!("/kommunen/{}/gremien/{}#sitzung-{}", scope.slug, row.body_id, row.id)),
        "created": row.created_at.to_db(),
        "modified": row.updated_at.to_db(),
    }))
}

/// `FROM … WHERE …` for the meetings of public bodies of the scope's municipality.
fn from_where(sql: &mut Sql, scope: &Scope, only: Option<Id>, window: Option<&Window>) -> String {
    let mid = sql.bind(scope.municipality_id);
    let visible = visible_body(scope, sql, "b");
    let only = only.map_or(String::new(), |id| format!(" AND m.id = {}", sql.bind(id)));
    let filters = window.map_or("1 = 1".to_owned(), |w| {
        w.conditions(sql, "m.created_at", "m.updated_at")
    });
    format!(
        "FROM meetings m JOIN bodies b ON b.id = m.body_id
         WHERE m.municipality_id = {mid} AND {visible}{only} AND {filters}"
    )
}

/// The meeting if it is of a public body of the scope's municipality, or 404.
pub async fn load(state: &AppState, scope: &Scope, id: Id) -> Result<Row, OparlError> {
    let mut sql = Sql::new("");
    let from = from_where(&mut sql, scope, Some(id), None);
    sql.push(&format!("SELECT {COLUMNS} {from}"));
    sql.query_as()
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(OparlError::NotFound)
}

/// `GET /oparl/v1/bodies/{slug}/meetings`, earliest first.
pub async fn list(
    State(state): State<AppState>,
    base: Base,
    Path(slug): Path<String>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Value>, OparlError> {
    let window = Window::read(query)?;
    let m = by_slug(&state, &slug).await?;
    let scope = public_scope(m.id, &m.slug);
    let mut count = Sql::new("");
    let from = from_where(&mut count, &scope, None, Some(&window));
    count.push(&format!("SELECT COUNT(*) {from}"));
    let (total,): (i64,) = count.query_as().fetch_one(&state.db.pool).await?;
    let mut sql = Sql::new("");
    let from = from_where(&mut sql, &scope, None, Some(&window));
    let page = window.limit_offset(&mut sql);
    sql.push(&format!(
        "SELECT {COLUMNS} {from} ORDER BY m.starts_at, m.id {page}"
    ));
    let rows: Vec<Row> = sql.query_as().fetch_all(&state.db.pool).await?;
    let mut items = agenda::of_meetings(&state, &base, &rows).await?;
    let data = rows
        .iter()
        .map(|r| object(&base, &scope, r, items.remove(&r.id).unwrap_or_default()))
        .collect();
    let url = format!("{}/meetings", body_url(&base, &m.slug));
    Ok(window.document(&url, data, total))
}

/// `GET /oparl/v1/meetings/{id}`
pub async fn one(
    State(state): State<AppState>,
    base: Base,
    Path(id): Path<String>,
) -> Result<Json<Value>, OparlError> {
    let id = parse_id(&id)?;
    let scope = home_scope(&state, "meetings", id).await?;
    let row = load(&state, &scope, id).await?;
    let rows = [row];
    let mut items = agenda::of_meetings(&state, &base, &rows).await?;
    let [row] = rows;
    let agenda = items.remove(&row.id).unwrap_or_default();
    Ok(Json(object(&base, &scope, &row, agenda)))
}

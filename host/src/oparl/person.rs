//! Persons who consented to be listed publicly, never erased ones, as OParl `Person`s: their
//! name only — no e-mail, no phone — with their memberships in public bodies embedded.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::base::{Base, body_url, person_url};
use super::body::Listing;
use super::list::{Window, compact, one_row};
use super::membership;
use super::{ObjectId, OparlError, home_scope, oparl_type};
use crate::auth::Scope;
use crate::db::{Flag, Id, Sql, Timestamp};
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Row {
    id: Id,
    name: String,
    created_at: Timestamp,
    updated_at: Timestamp,
}

const COLUMNS: &str = "p.id, p.name, p.created_at, p.updated_at";

fn object(base: &Base, scope: &Scope, row: &Row, memberships: Vec<Value>) -> Value {
    compact(json!({
        "id": person_url(base, row.id),
        "type": oparl_type("Person"),
        "body": body_url(base, &scope.slug),
        "name": row.name,
        "membership": memberships,
        "created": row.created_at.to_db(),
        "modified": row.updated_at.to_db(),
    }))
}

/// `FROM … WHERE …` for the listed, not erased persons of the scope's municipality.
fn from_where(sql: &mut Sql, scope: &Scope, only: Option<Id>, window: Option<&Window>) -> String {
    let mid = sql.bind(scope.municipality_id);
    let listed = sql.bind(Flag(true));
    let only = only.map_or(String::new(), |id| format!(" AND p.id = {}", sql.bind(id)));
    let filters = window.map_or("1 = 1".to_owned(), |w| {
        w.conditions(sql, "p.created_at", "p.updated_at")
    });
    format!(
        "FROM persons p WHERE p.municipality_id = {mid} AND p.listed_publicly = {listed}
         AND p.erased_at IS NULL{only} AND {filters}"
    )
}

/// `GET /oparl/v1/people/{id}`
pub async fn one(
    State(state): State<AppState>,
    base: Base,
    ObjectId(id): ObjectId,
) -> Result<Json<Value>, OparlError> {
    let scope = home_scope(&state, "persons", id).await?;
    let mut sql = Sql::new("");
    let from = from_where(&mut sql, &scope, Some(id), None);
    sql.push(&format!("SELECT {COLUMNS} {from}"));
    let row: Row = one_row(&state, sql).await?;
    let mut memberships = membership::of_persons(&state, &base, &scope, &[id]).await?;
    let of_person = memberships.remove(&id).unwrap_or_default();
    Ok(Json(object(&base, &scope, &row, of_person)))
}

/// `GET /oparl/v1/bodies/{slug}/people`, by name.
pub async fn list(
    State(state): State<AppState>,
    base: Base,
    listing: Listing,
) -> Result<Json<Value>, OparlError> {
    let url = format!("{}/people", body_url(&base, &listing.municipality.slug));
    let (rows, total): (Vec<Row>, i64) = listing
        .fetch(&state, COLUMNS, "p.name, p.id", from_where)
        .await?;
    let ids: Vec<Id> = rows.iter().map(|r| r.id).collect();
    let mut memberships = membership::of_persons(&state, &base, &listing.scope, &ids).await?;
    let data = rows
        .iter()
        .map(|r| {
            let of_person = memberships.remove(&r.id).unwrap_or_default();
            object(&base, &listing.scope, r, of_person)
        })
        .collect();
    Ok(listing.window.document(&url, data, total))
}

//! Memberships of publicly listed, not erased persons in public bodies as OParl
//! `Membership`s: embedded in the person and answering at their own URL. Memberships of
//! organisations without a person have no OParl counterpart and are left out.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::base::{Base, organization_url, person_url};
use super::list::{compact, one_row};
use super::{ObjectId, OparlError, home_scope, oparl_type};
use crate::auth::Scope;
use crate::db::{Date, Flag, Id, Sql, Timestamp};
use crate::network::kinds::MemberRole;
use crate::network::visible_body;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Row {
    id: Id,
    person_id: Id,
    body_id: Id,
    #[sqlx(try_from = "String")]
    role: MemberRole,
    #[sqlx(try_from = "Flag")]
    voting_right: bool,
    starts_on: Option<Date>,
    ends_on: Option<Date>,
    created_at: Timestamp,
    updated_at: Timestamp,
}

const COLUMNS: &str = "ms.id, ms.person_id, ms.body_id, ms.role, ms.voting_right, ms.starts_on, \
     ms.ends_on, ms.created_at, ms.updated_at";

fn object(base: &Base, row: &Row) -> Value {
    compact(json!({
        "id": base.url(&format!("/memberships/{}", row.id)),
        "type": oparl_type("Membership"),
        "person": person_url(base, row.person_id),
        "organization": organization_url(base, row.body_id),
        "role": row.role.label_de(),
        "votingRight": row.voting_right,
        "startDate": row.starts_on.map(|d| d.to_string()),
        "endDate": row.ends_on.map(|d| d.to_string()),
        "created": row.created_at.to_db(),
        "modified": row.updated_at.to_db(),
    }))
}

/// `FROM … WHERE …` for memberships in public bodies of listed, not erased persons.
fn from_where(sql: &mut Sql, scope: &Scope) -> String {
    let mid = sql.bind(scope.municipality_id);
    let listed = sql.bind(Flag(true));
    let visible = visible_body(scope, sql, "b");
    format!(
        "FROM memberships ms JOIN bodies b ON b.id = ms.body_id
         JOIN persons p ON p.id = ms.person_id
         WHERE ms.municipality_id = {mid} AND {visible}
           AND p.listed_publicly = {listed} AND p.erased_at IS NULL"
    )
}

/// The visible memberships of the given (visible) persons, by person.
pub async fn of_persons(
    state: &AppState,
    base: &Base,
    scope: &Scope,
    persons: &[Id],
) -> Result<HashMap<Id, Vec<Value>>, OparlError> {
    if persons.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = Sql::new("");
    let from = from_where(&mut sql, scope);
    let ids: Vec<String> = persons.iter().map(|id| sql.bind(*id)).collect();
    sql.push(&format!(
        "SELECT {COLUMNS} {from} AND ms.person_id IN ({}) ORDER BY b.name, ms.id",
        ids.join(", ")
    ));
    let rows: Vec<Row> = sql.query_as().fetch_all(&state.db.pool).await?;
    let mut by_person: HashMap<Id, Vec<Value>> = HashMap::new();
    for row in rows {
        by_person
            .entry(row.person_id)
            .or_default()
            .push(object(base, &row));
    }
    Ok(by_person)
}

/// `GET /oparl/v1/memberships/{id}`
pub async fn one(
    State(state): State<AppState>,
    base: Base,
    ObjectId(id): ObjectId,
) -> Result<Json<Value>, OparlError> {
    let scope = home_scope(&state, "memberships", id).await?;
    let mut sql = Sql::new("");
    let from = from_where(&mut sql, &scope);
    let only = sql.bind(id);
    sql.push(&format!("SELECT {COLUMNS} {from} AND ms.id = {only}"));
    let row: Row = one_row(&state, sql).await?;
    Ok(Json(object(&base, &row)))
}

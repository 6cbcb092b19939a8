//! Public bodies (*Gremien*) as OParl `Organization`s: organizationType „Gremium“, the
//! classification the kind's German name, a working group `subOrganizationOf` its public
//! parent body.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::base::{Base, body_url, organization_url};
use super::body::Listing;
use super::list::{Window, compact, one_row};
use super::{ObjectId, OparlError, home_scope, oparl_type};
use crate::auth::Scope;
use crate::db::{Id, Sql, Timestamp};
use crate::network::kinds::BodyKind;
use crate::network::visible_body;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Row {
    id: Id,
    #[sqlx(try_from = "String")]
    kind: BodyKind,
    name: String,
    parent_id: Option<Id>,
    created_at: Timestamp,
    updated_at: Timestamp,
}

fn object(base: &Base, scope: &Scope, row: &Row) -> Value {
    compact(json!({
        "id": organization_url(base, row.id),
        "type": oparl_type("Organization"),
        "body": body_url(base, &scope.slug),
        "name": row.name,
        "organizationType": "Gremium",
        "classification": row.kind.label_de(),
        "subOrganizationOf": row.parent_id.map(|p| organization_url(base, p)),
        "web": base.page(&format!("/kommunen/{}/gremien/{}", scope.slug, row.id)),
        "created": row.created_at.to_db(),
        "modified": row.updated_at.to_db(),
    }))
}

/// `FROM … WHERE …` for the public bodies of the scope's municipality, or the one `only`.
fn from_where(sql: &mut Sql, scope: &Scope, only: Option<Id>, window: Option<&Window>) -> String {
    let mid = sql.bind(scope.municipality_id);
    let visible = visible_body(scope, sql, "b");
    let parent_visible = visible_body(scope, sql, "p");
    let only = only.map_or(String::new(), |id| format!(" AND b.id = {}", sql.bind(id)));
    let filters = window.map_or("1 = 1".to_owned(), |w| {
        w.conditions(sql, "b.created_at", "b.updated_at")
    });
    format!(
        "FROM bodies b LEFT JOIN bodies p ON p.id = b.parent_id AND {parent_visible}
         WHERE b.municipality_id = {mid} AND {visible}{only} AND {filters}"
    )
}

const COLUMNS: &str = "b.id, b.kind, b.name, p.id AS parent_id, b.created_at, b.updated_at";

/// `GET /oparl/v1/organizations/{id}`
pub async fn one(
    State(state): State<AppState>,
    base: Base,
    ObjectId(id): ObjectId,
) -> Result<Json<Value>, OparlError> {
    let scope = home_scope(&state, "bodies", id).await?;
    let mut sql = Sql::new("");
    let from = from_where(&mut sql, &scope, Some(id), None);
    sql.push(&format!("SELECT {COLUMNS} {from}"));
    let row: Row = one_row(&state, sql).await?;
    Ok(Json(object(&base, &scope, &row)))
}

/// `GET /oparl/v1/bodies/{slug}/organizations`
pub async fn list(
    State(state): State<AppState>,
    base: Base,
    listing: Listing,
) -> Result<Json<Value>, OparlError> {
    let url = format!(
        "{}/organizations",
        body_url(&base, &listing.municipality.slug)
    );
    let (rows, total): (Vec<Row>, i64) = listing
        .fetch(&state, COLUMNS, "b.name, b.id", from_where)
        .await?;
    let data = rows
        .iter()
        .map(|r| object(&base, &listing.scope, r))
        .collect();
    Ok(listing.window.document(&url, data, total))
}

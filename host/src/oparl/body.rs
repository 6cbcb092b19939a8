//! The OParl `Body`: one per municipality, with the URLs of its lists. Quartier has no
//! papers and no legislative terms; the paper list answers empty and `legislativeTerm` is
//! the empty array the schema allows. A municipality keeps no address, so the Body has no
//! `location`; its `locationList` holds its meetings' places.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Path, Query, State};
use serde_json::{Value, json};

use super::base::{Base, body_url};
use super::list::{ListQuery, Window, compact};
use super::{OparlError, oparl_type};
use crate::auth::Scope;
use crate::db::{Id, Sql, Timestamp};
use crate::state::AppState;

#[derive(sqlx::FromRow)]
pub struct Municipality {
    pub id: Id,
    pub slug: String,
    name: String,
    created_at: Timestamp,
    updated_at: Timestamp,
}

const COLUMNS: &str = "id, slug, name, created_at, updated_at";

/// The municipality of an OParl body URL, or 404.
pub async fn by_slug(state: &AppState, slug: &str) -> Result<Municipality, OparlError> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM municipalities WHERE slug = $1"
    )))
    .bind(slug)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(OparlError::NotFound)
}

fn object(base: &Base, m: &Municipality) -> Value {
    let url = body_url(base, &m.slug);
    compact(json!({
        "id": url,
        "type": oparl_type("Body"),
        "system": base.url("/system"),
        "name": m.name,
        "shortName": m.slug,
        "organization": format!("{url}/organizations"),
        "person": format!("{url}/people"),
        "meeting": format!("{url}/meetings"),
        "paper": format!("{url}/papers"),
        "file": format!("{url}/files"),
        "locationList": format!("{url}/locations"),
        "legislativeTerm": [],
        "classification": "Kommune",
        "web": base.page(&format!("/kommunen/{}", m.slug)),
        "created": m.created_at.to_db(),
        "modified": m.updated_at.to_db(),
    }))
}

/// `GET /oparl/v1/bodies`
pub async fn list(
    State(state): State<AppState>,
    base: Base,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Value>, OparlError> {
    let window = Window::read(query)?;
    let mut count = Sql::new("");
    let condition = window.conditions(&mut count, "created_at", "updated_at");
    count.push(&format!(
        "SELECT COUNT(*) FROM municipalities WHERE {condition}"
    ));
    let (total,): (i64,) = count.query_as().fetch_one(&state.db.pool).await?;
    let mut sql = Sql::new("");
    let condition = window.conditions(&mut sql, "created_at", "updated_at");
    let page = window.limit_offset(&mut sql);
    sql.push(&format!(
        "SELECT {COLUMNS} FROM municipalities WHERE {condition} ORDER BY slug {page}"
    ));
    let rows: Vec<Municipality> = sql.query_as().fetch_all(&state.db.pool).await?;
    let data = rows.iter().map(|m| object(&base, m)).collect();
    Ok(window.document(&base.url("/bodies"), data, total))
}

/// `GET /oparl/v1/bodies/{slug}`
pub async fn one(
    State(state): State<AppState>,
    base: Base,
    Path(slug): Path<String>,
) -> Result<Json<Value>, OparlError> {
    let m = by_slug(&state, &slug).await?;
    Ok(Json(object(&base, &m)))
}

/// `GET /oparl/v1/bodies/{slug}/papers`: always empty, Quartier keeps no papers.
pub async fn papers(
    State(_state): State<AppState>,
    base: Base,
    Listing {
        window,
        municipality: m,
        ..
    }: Listing,
) -> Result<Json<Value>, OparlError> {
    let url = format!("{}/papers", body_url(&base, &m.slug));
    Ok(window.document(&url, vec![], 0))
}

/// What every list of one municipality's objects starts from: the page asked for, the
/// municipality of the path's `{slug}` (404 if there is none) and its public view.
pub struct Listing {
    pub window: Window,
    pub municipality: Municipality,
    pub scope: Scope,
}

/// How a list writes its `FROM … WHERE …`: for the scope's municipality, one object or all,
/// with a window's filters or without.
pub type FromWhere = fn(&mut Sql, &Scope, Option<crate::db::Id>, Option<&Window>) -> String;

impl Listing {
    /// This page of the list and its total (see [`Window::fetch`]).
    pub async fn fetch<R>(
        &self,
        state: &AppState,
        columns: &str,
        order: &str,
        from_where: FromWhere,
    ) -> Result<(Vec<R>, i64), OparlError>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        let scope = &self.scope;
        self.window
            .fetch(state, columns, order, |sql, w| {
                from_where(sql, scope, None, Some(w))
            })
            .await
    }
}

impl FromRequestParts<AppState> for Listing {
    type Rejection = OparlError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, OparlError> {
        let query = Query::<ListQuery>::from_request_parts(parts, state).await;
        let window = Window::read(query)?;
        let axum::extract::Path(slug) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| OparlError::NotFound)?;
        let municipality = by_slug(state, &slug).await?;
        let scope = super::public_scope(municipality.id, &municipality.slug);
        Ok(Listing {
            window,
            municipality,
            scope,
        })
    }
}

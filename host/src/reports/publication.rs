//! Reports the municipality's coordination publishes on its public page
//! (`/kommunen/{slug}/berichte/{id}`): the report as made at that moment, with counts below
//! five suppressed, also secondarily (`publish.rs`), stored as its cover and sections so the
//! public page shows exactly what was released — later data changes do not alter it.
//!
//! `POST …/reports/{kind}/publications?year=…` publishes (coordination only, 201);
//! `DELETE …/report-publications/{id}` withdraws (204). Both are audit-logged. The public
//! page and the municipality page read them through [`listed`] and [`load`].

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use quartier_documents::Section;
use serde::{Deserialize, Serialize};

use super::produce;
use super::render::Cover;
use super::request::{self, ReportKindKey, ReportQuery};
use crate::api::extract::{Path, Query};
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::db::{Db, Id, Timestamp};
use crate::error::{Error, Result};
use crate::state::AppState;

/// What is stored of a published report.
#[derive(Debug, Serialize, Deserialize)]
pub struct Published {
    pub cover: Cover,
    pub sections: Vec<Section>,
}

/// A published report as the API answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Publication {
    pub id: Id,
    pub kind: String,
    pub title: String,
    /// Its public page.
    pub url: String,
    pub published_at: Timestamp,
}

/// Publishes the report on the municipality's public page, with counts below five
/// suppressed (also where they could be recovered from totals). Coordination only.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/reports/{kind}/publications", tag = "Berichte",
    params(("municipality" = String, Path), ("kind" = inline(ReportKindKey), Path), ReportQuery),
    responses((status = 201, body = Publication),
              (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[tracing::instrument(skip_all, fields(municipality = %scope.slug, kind = %kind), err(level = "info"))]
pub(super) async fn publish(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, kind)): Path<(String, String)>,
    Query(query): Query<ReportQuery>,
) -> Result<(StatusCode, Json<Publication>)> {
    let publication = publish_report(&state, &scope, &kind, &query).await?;
    Ok((StatusCode::CREATED, Json(publication)))
}

/// Publishes report `kind` for `query`'s period and area as the coordination of `scope`
/// (the API's and the staff page's one way).
pub async fn publish_report(
    state: &AppState,
    scope: &Scope,
    kind: &str,
    query: &ReportQuery,
) -> Result<Publication> {
    scope.require_coordinator()?;
    let report = request::resolve(&state.db, scope, kind, query).await?;
    let made = produce::make(state, scope, report).await?.for_publication();
    let published = Published {
        cover: made.cover(),
        sections: made.shaped.sections.clone(),
    };
    let document = serde_json::to_string(&published).map_err(|e| Error::Internal(e.into()))?;
    let id = Id::new();
    let now = Timestamp::now();
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO report_publications (id, municipality_id, kind, title, document, published_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(made.scope.kind.key())
    .bind(&published.cover.title)
    .bind(&document)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    record_change(
        &mut tx,
        scope,
        Action::Create,
        ObjectKind::ReportPublication,
        id,
    )
    .await?;
    tx.commit().await?;
    Ok(Publication {
        id,
        kind: made.scope.kind.key().to_owned(),
        title: published.cover.title,
        url: public_url(&scope.slug, id),
        published_at: now,
    })
}

/// Withdraws a published report from the public page. Coordination only.
#[utoipa::path(delete, path = "/api/v1/municipalities/{municipality}/report-publications/{id}", tag = "Berichte",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 204), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub(super) async fn withdraw(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<StatusCode> {
    withdraw_report(&state, &scope, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Withdraws publication `id` as the coordination of `scope`.
pub async fn withdraw_report(state: &AppState, scope: &Scope, id: Id) -> Result<()> {
    // Publications are public: whether one exists is no secret, so a missing one is 404
    // for everyone, and only then are rights checked (as for the public areas).
    let exists: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM report_publications WHERE id = $1 AND municipality_id = $2",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_one(&state.db.pool)
    .await?;
    if exists == 0 {
        return Err(Error::NotFound);
    }
    scope.require_coordinator()?;
    let mut tx = state.db.begin().await?;
    let deleted =
        sqlx::query("DELETE FROM report_publications WHERE id = $1 AND municipality_id = $2")
            .bind(id)
            .bind(scope.municipality_id)
            .execute(&mut *tx)
            .await?;
    if deleted.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    record_change(
        &mut tx,
        scope,
        Action::Delete,
        ObjectKind::ReportPublication,
        id,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The public page of publication `id` of municipality `slug`.
pub fn public_url(slug: &str, id: Id) -> String {
    format!("/kommunen/{slug}/berichte/{id}")
}

/// One of the municipality's published reports, as lists show it.
#[derive(Debug, sqlx::FromRow)]
pub struct Listed {
    pub id: Id,
    pub title: String,
    pub published_at: Timestamp,
}

/// The municipality's latest 100 published reports, newest first.
pub async fn listed(db: &Db, municipality: Id) -> sqlx::Result<Vec<Listed>> {
    sqlx::query_as(
        "SELECT id, title, published_at FROM report_publications WHERE municipality_id = $1
         ORDER BY published_at DESC, id LIMIT 100",
    )
    .bind(municipality)
    .fetch_all(&db.pool)
    .await
}

/// Publication `id` of `municipality`; `None` when there is none (or it is another's).
pub async fn load(db: &Db, municipality: Id, id: Id) -> anyhow::Result<Option<Published>> {
    let document: Option<String> = sqlx::query_scalar(
        "SELECT document FROM report_publications WHERE id = $1 AND municipality_id = $2",
    )
    .bind(id)
    .bind(municipality)
    .fetch_optional(&db.pool)
    .await?;
    Ok(match document {
        Some(text) => Some(serde_json::from_str(&text)?),
        None => None,
    })
}

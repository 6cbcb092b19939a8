//! One project as read: its fields, partners, goal hierarchy with progress, and history.

use axum::extract::State;
use axum::response::Response;
use serde::Serialize;

use super::goals::{Leitziel, load_goals};
use super::{ProjectState, ProjectSummary, load_visible};
use crate::api::extract::Path;
use crate::api::respond::ok_with_etag;
use crate::auth::Scope;
use crate::db::{Id, Timestamp};
use crate::error::Result;
use crate::state::AppState;

/// A project with partners, goals and its state history.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Project {
    #[serde(flatten)]
    pub project: ProjectSummary,
    /// German label of the state.
    pub state_label: &'static str,
    /// The lead organisation's name (organisations are public).
    pub lead_organisation_name: Option<String>,
    /// The area's name (areas are public).
    pub area_name: Option<String>,
    pub partner_organisation_ids: Vec<Id>,
    /// The partners with their names, in the same order as `partner_organisation_ids`.
    pub partners: Vec<Partner>,
    /// Leitziele → Handlungsziele → targets with their latest actual value and progress.
    pub goals: Vec<Leitziel>,
    /// Every state change, oldest first (the first entry is the creation).
    pub history: Vec<ProjectEvent>,
}

/// A partner organisation of a project.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[schema(as = ProjectPartner)]
pub struct Partner {
    pub organisation_id: Id,
    pub organisation_name: String,
}

/// One state change: who, when, from, to, why.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ProjectEvent {
    pub from_state: Option<String>,
    pub to_state: String,
    pub actor: String,
    pub note: Option<String>,
    pub at: Timestamp,
}

/// Loads the project as the caller may see it, or 404: the API's view and the pages'.
pub async fn reload(state: &AppState, scope: &Scope, id: Id) -> Result<Project> {
    let project = load_visible(state, scope, id).await?;
    let partners = sqlx::query_as::<_, Partner>(
        "SELECT p.organisation_id, o.name AS organisation_name FROM project_partners p \
         JOIN organisations o ON o.id = p.organisation_id WHERE p.project_id = $1 \
         ORDER BY p.position",
    )
    .bind(id)
    .fetch_all(&state.db.pool)
    .await?;
    let name = |sql: &'static str, of: Option<Id>| async move {
        match of {
            Some(of) => {
                sqlx::query_scalar::<_, String>(sql)
                    .bind(of)
                    .fetch_optional(&state.db.pool)
                    .await
            }
            None => Ok(None),
        }
    };
    let lead_organisation_name = name(
        "SELECT name FROM organisations WHERE id = $1",
        project.lead_organisation_id,
    )
    .await?;
    let area_name = name("SELECT name FROM areas WHERE id = $1", project.area_id).await?;
    let history = sqlx::query_as::<_, ProjectEvent>(
        "SELECT from_state, to_state, actor, note, at FROM project_events \
         WHERE project_id = $1 AND municipality_id = $2 ORDER BY at, id",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_all(&state.db.pool)
    .await?;
    let goals = load_goals(&state.db.pool, id).await?;
    Ok(Project {
        state_label: ProjectState::label_de(project.state),
        project,
        lead_organisation_name,
        area_name,
        partner_organisation_ids: partners.iter().map(|p| p.organisation_id).collect(),
        partners,
        goals,
        history,
    })
}

/// One project with partners, goals, progress and history.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/projects/{id}", tag = "Maßnahmen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = Project, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem)))]
pub(super) async fn get_project(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    let project = reload(&state, &scope, id).await?;
    Ok(ok_with_etag(project.project.version, project))
}

//! Creating, editing and deleting a project's own fields and partners. The state changes
//! only through `transitions`; goals through `goals`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::catalogue::fields_of_action;
use super::view::reload;
use super::{ProjectState, load_visible};
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::{created, ok_with_etag};
use crate::api::validate::{Check, TEXT_MAX, blank_to_none};
use crate::audit::{Action, History, ObjectKind, record_change, record_state_change};
use crate::auth::Scope;
use crate::auth::{Table, check_organisation, check_reference, claim_version};
use crate::db::sql::Statement;
use crate::db::{Date, Id, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::keys::is_stable_key;
use crate::messages::Code;
use crate::state::AppState;

/// Most partner organisations one project lists.
const PARTNERS_MAX: usize = 50;
/// Largest budget we accept: ten billion euros, far above any neighbourhood project.
const BUDGET_MAX_CENTS: i64 = 1_000_000_000_000;

/// A project's editable fields (for creating and for replacing them).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectInput {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Key from the municipality's catalogue of fields of action (plugin `describe`).
    pub field_of_action: String,
    #[serde(default)]
    pub area_id: Option<Id>,
    #[serde(default)]
    pub lead_organisation_id: Option<Id>,
    #[serde(default)]
    pub partner_organisation_ids: Vec<Id>,
    #[serde(default)]
    pub budget_cents: Option<i64>,
    #[serde(default)]
    pub starts_on: Option<Date>,
    /// Not before `starts_on`.
    #[serde(default)]
    pub ends_on: Option<Date>,
}

/// Checks everything that needs no database, then the field of action against the
/// municipality's catalogue.
async fn check_input(state: &AppState, scope: &Scope, input: &ProjectInput) -> Result<()> {
    let mut c = Check::new();
    c.name("/title", &input.title);
    c.optional_text("/description", input.description.as_deref(), TEXT_MAX);
    let key = input.field_of_action.as_str();
    c.that(is_stable_key(key), "/field_of_action", Code::Invalid);
    c.range("/budget_cents", input.budget_cents, 0, BUDGET_MAX_CENTS);
    let partners = &input.partner_organisation_ids;
    c.that(
        partners.len() <= PARTNERS_MAX,
        "/partner_organisation_ids",
        Code::OutOfRange,
    );
    let mut unique = partners.clone();
    unique.sort_by_key(|id| id.0);
    unique.dedup();
    let lead_is_partner = input
        .lead_organisation_id
        .is_some_and(|lead| partners.contains(&lead));
    c.that(
        unique.len() == partners.len() && !lead_is_partner,
        "/partner_organisation_ids",
        Code::Invalid,
    );
    if let (Some(starts), Some(ends)) = (input.starts_on, input.ends_on) {
        c.that(ends >= starts, "/ends_on", Code::OutOfRange);
    }
    c.finish()?;
    if let Some(catalogue) = fields_of_action(state, scope).await
        && !catalogue.iter().any(|k| k == key)
    {
        return Err(Error::field("/field_of_action", Code::UnknownFieldOfAction));
    }
    Ok(())
}

async fn check_references(tx: &mut Tx, scope: &Scope, input: &ProjectInput) -> Result<()> {
    check_reference(tx, scope, Table::Areas, input.area_id, "/area_id").await?;
    check_organisation(tx, input.lead_organisation_id, "/lead_organisation_id").await?;
    for (i, org) in input.partner_organisation_ids.iter().enumerate() {
        check_organisation(tx, Some(*org), &format!("/partner_organisation_ids/{i}")).await?;
    }
    Ok(())
}

async fn write_partners(tx: &mut Tx, id: Id, partners: &[Id]) -> Result<()> {
    sqlx::query("DELETE FROM project_partners WHERE project_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for (position, org) in partners.iter().enumerate() {
        sqlx::query(
            "INSERT INTO project_partners (project_id, position, organisation_id) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(*org)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Records a state change (or the creation, `from` = `None`) in the project's history.
pub(super) async fn event(
    tx: &mut Tx,
    scope: &Scope,
    id: Id,
    from: Option<ProjectState>,
    to: ProjectState,
    note: Option<&str>,
) -> Result<()> {
    let from = from.map(ProjectState::as_str);
    record_state_change(tx, scope, History::Project, id, from, to.as_str(), note).await?;
    Ok(())
}

/// Creates a project in state `idee` (staff only).
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/projects", tag = "Maßnahmen",
    params(("municipality" = String, Path, description = "Kürzel der Kommune")),
    request_body = ProjectInput,
    responses((status = 201, body = super::view::Project, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub(super) async fn create_project(
    State(state): State<AppState>,
    scope: Scope,
    Json(input): Json<ProjectInput>,
) -> Result<Response> {
    scope.require_staff()?;
    check_input(&state, &scope, &input).await?;
    let id = Id::new();
    let now = Timestamp::now();
    let mut tx = state.db.begin().await?;
    check_references(&mut tx, &scope, &input).await?;
    let insert = sqlx::query(
        "INSERT INTO projects (id, municipality_id, title, description, field_of_action, area_id, \
         lead_organisation_id, budget_cents, starts_on, ends_on, state, version, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)",
    )
    .bind(id)
    .bind(scope.municipality_id);
    bind_fields(insert, &input)
        .bind(ProjectState::Idee.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    write_partners(&mut tx, id, &input.partner_organisation_ids).await?;
    event(&mut tx, &scope, id, None, ProjectState::Idee, None).await?;
    record_change(&mut tx, &scope, Action::Create, ObjectKind::Project, id).await?;
    tx.commit().await?;
    let project = reload(&state, &scope, id).await?;
    Ok(created(project.project.version, project))
}

/// Binds the input's columns (`title` … `ends_on`), in the order that both the INSERT and
/// the UPDATE list them, so the two cannot drift apart.
fn bind_fields<'q>(statement: Statement<'q>, input: &'q ProjectInput) -> Statement<'q> {
    statement
        .bind(input.title.trim())
        .bind(blank_to_none(&input.description))
        .bind(&input.field_of_action)
        .bind(input.area_id)
        .bind(input.lead_organisation_id)
        .bind(input.budget_cents)
        .bind(input.starts_on)
        .bind(input.ends_on)
}

/// Replaces a project's fields and partners (staff only; `If-Match` required).
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/projects/{id}", tag = "Maßnahmen",
    params(("municipality" = String, Path), ("id" = Id, Path),
        ("If-Match" = String, Header, description = "ETag der bearbeiteten Fassung")),
    request_body = ProjectInput,
    responses((status = 200, body = super::view::Project, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub(super) async fn update_project(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<ProjectInput>,
) -> Result<Response> {
    load_visible(&state, &scope, id).await?;
    scope.require_staff()?;
    check_input(&state, &scope, &input).await?;
    let mut tx = state.db.begin().await?;
    check_references(&mut tx, &scope, &input).await?;
    claim_version(&mut tx, &scope, Table::Projects, id, if_match).await?;
    let update = sqlx::query(
        "UPDATE projects SET title = $3, description = $4, field_of_action = $5, area_id = $6, \
         lead_organisation_id = $7, budget_cents = $8, starts_on = $9, ends_on = $10 \
         WHERE id = $1 AND municipality_id = $2",
    )
    .bind(id)
    .bind(scope.municipality_id);
    bind_fields(update, &input).execute(&mut *tx).await?;
    write_partners(&mut tx, id, &input.partner_organisation_ids).await?;
    record_change(&mut tx, &scope, Action::Update, ObjectKind::Project, id).await?;
    tx.commit().await?;
    let project = reload(&state, &scope, id).await?;
    Ok(ok_with_etag(project.project.version, project))
}

/// Deletes a project with its goals, measurements and history (staff only). Only an idea or
/// a discarded project may go: once work started, its record stays.
#[utoipa::path(delete, path = "/api/v1/municipalities/{municipality}/projects/{id}", tag = "Maßnahmen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub(super) async fn delete_project(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<StatusCode> {
    let project = load_visible(&state, &scope, id).await?;
    scope.require_staff()?;
    if !matches!(project.state, ProjectState::Idee | ProjectState::Verworfen) {
        return Err(Error::client(Code::ProjectWrongState));
    }
    let mut tx = state.db.begin().await?;
    for statement in [
        "DELETE FROM project_measurements WHERE project_id = $1",
        "DELETE FROM project_targets WHERE project_id = $1",
        "DELETE FROM project_goals WHERE project_id = $1 AND parent_id IS NOT NULL",
        "DELETE FROM project_goals WHERE project_id = $1",
        "DELETE FROM project_events WHERE project_id = $1",
        "DELETE FROM project_partners WHERE project_id = $1",
    ] {
        sqlx::query(statement).bind(id).execute(&mut *tx).await?;
    }
    let deleted = sqlx::query(
        "DELETE FROM projects WHERE id = $1 AND municipality_id = $2 AND state IN ('idee', 'verworfen')",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .execute(&mut *tx)
    .await?;
    if deleted.rows_affected() == 0 {
        return Err(Error::client(Code::ProjectWrongState));
    }
    record_change(&mut tx, &scope, Action::Delete, ObjectKind::Project, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

//! Replacing the goal hierarchy of a project, as a whole (like a meeting's agenda) under
//! the project's version. Leitziele and Handlungsziele get new ids on every replacement;
//! targets keep theirs when the client sends them back (`id`), because measurements hang on
//! them. A target that already has measurements cannot be removed (409 `in_use`).

use std::collections::HashSet;

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::goals::in_range;
use super::load_visible;
use super::view::{Project, reload};
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::ok_with_etag;
use crate::api::validate::{Check, TEXT_MAX, blank_to_none};
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::{Scope, Table, claim_version};
use crate::db::{Date, Id, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

/// Most entries per level: a project's concept fits on a page or two.
const ENTRIES_MAX: usize = 20;
/// Longest unit ("Teilnehmende", "%", "m²").
const UNIT_MAX: usize = 50;

/// A Leitziel as sent.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeitzielInput {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub handlungsziele: Vec<HandlungszielInput>,
}

/// A Handlungsziel as sent.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandlungszielInput {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub targets: Vec<TargetInput>,
}

/// A measurable target as sent; `id` keeps an existing target (and its measurements).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ProjectTargetInput)]
pub struct TargetInput {
    #[serde(default)]
    pub id: Option<Id>,
    pub indicator: String,
    pub unit: String,
    #[serde(default)]
    pub baseline: Option<f64>,
    pub target_value: f64,
    pub deadline: Date,
}

fn check_structure(input: &[LeitzielInput]) -> Result<()> {
    let mut c = Check::new();
    c.that(input.len() <= ENTRIES_MAX, "", Code::OutOfRange);
    let mut ids = HashSet::new();
    for (i, l) in input.iter().enumerate() {
        let p = format!("/{i}");
        c.name(&format!("{p}/title"), &l.title);
        c.optional_text(
            &format!("{p}/description"),
            l.description.as_deref(),
            TEXT_MAX,
        );
        c.that(
            l.handlungsziele.len() <= ENTRIES_MAX,
            &format!("{p}/handlungsziele"),
            Code::OutOfRange,
        );
        for (j, h) in l.handlungsziele.iter().enumerate() {
            let p = format!("{p}/handlungsziele/{j}");
            c.name(&format!("{p}/title"), &h.title);
            c.optional_text(
                &format!("{p}/description"),
                h.description.as_deref(),
                TEXT_MAX,
            );
            c.that(
                h.targets.len() <= ENTRIES_MAX,
                &format!("{p}/targets"),
                Code::OutOfRange,
            );
            for (k, t) in h.targets.iter().enumerate() {
                let p = format!("{p}/targets/{k}");
                c.name(&format!("{p}/indicator"), &t.indicator);
                c.that(
                    !t.unit.trim().is_empty(),
                    &format!("{p}/unit"),
                    Code::Required,
                );
                c.optional_text(&format!("{p}/unit"), Some(&t.unit), UNIT_MAX);
                c.that(
                    in_range(t.baseline),
                    &format!("{p}/baseline"),
                    Code::OutOfRange,
                );
                c.that(
                    in_range(Some(t.target_value)),
                    &format!("{p}/target_value"),
                    Code::OutOfRange,
                );
                if let Some(id) = t.id {
                    c.that(ids.insert(id), &format!("{p}/id"), Code::Invalid);
                }
            }
        }
    }
    c.finish()
}

/// Replaces the project's goal hierarchy (staff only; `If-Match` required).
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/projects/{id}/goals", tag = "Maßnahmen",
    params(("municipality" = String, Path), ("id" = Id, Path),
        ("If-Match" = String, Header, description = "ETag der bearbeiteten Fassung")),
    request_body = Vec<LeitzielInput>,
    responses((status = 200, body = super::view::Project, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub(super) async fn replace_goals(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<Vec<LeitzielInput>>,
) -> Result<Response> {
    let project = replace(&state, &scope, id, if_match, &input).await?;
    Ok(ok_with_etag(project.project.version, project))
}

/// Replaces the goal hierarchy of project `id` as the caller, if they may: the API's way
/// and the pages'. Answers the project as it now stands.
pub async fn replace(
    state: &AppState,
    scope: &Scope,
    id: Id,
    if_match: IfMatch,
    input: &[LeitzielInput],
) -> Result<Project> {
    load_visible(state, scope, id).await?;
    scope.require_staff()?;
    check_structure(input)?;
    let mut tx = state.db.begin().await?;
    claim_version(&mut tx, scope, Table::Projects, id, if_match).await?;
    write_goals(&mut tx, scope, id, input).await?;
    record_change(&mut tx, scope, Action::Update, ObjectKind::ProjectGoals, id).await?;
    tx.commit().await?;
    reload(state, scope, id).await
}

#[derive(sqlx::FromRow)]
struct Existing {
    id: Id,
    indicator: String,
    measured: i64,
}

async fn write_goals(tx: &mut Tx, scope: &Scope, id: Id, input: &[LeitzielInput]) -> Result<()> {
    let existing = sqlx::query_as::<_, Existing>(
        "SELECT t.id, t.indicator, (SELECT COUNT(*) FROM project_measurements m \
         WHERE m.target_id = t.id) AS measured FROM project_targets t WHERE t.project_id = $1",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let kept: HashSet<Id> = input
        .iter()
        .flat_map(|l| &l.handlungsziele)
        .flat_map(|h| &h.targets)
        .filter_map(|t| t.id)
        .collect();
    let mut c = Check::new();
    for (i, l) in input.iter().enumerate() {
        for (j, h) in l.handlungsziele.iter().enumerate() {
            for (k, t) in h.targets.iter().enumerate() {
                let known = t.id.is_none_or(|tid| existing.iter().any(|e| e.id == tid));
                let p = format!("/{i}/handlungsziele/{j}/targets/{k}/id");
                c.that(known, &p, Code::ReferenceMissing);
            }
        }
    }
    c.finish()?;
    let removed: Vec<&Existing> = existing.iter().filter(|e| !kept.contains(&e.id)).collect();
    if let Some(used) = removed.iter().find(|e| e.measured > 0) {
        return Err(Error::client_with(
            Code::InUse,
            format!(
                "Für den Zielindikator „{}“ sind bereits Messwerte erfasst; er kann nicht \
                 entfernt werden.",
                used.indicator
            ),
        ));
    }
    let old_goals = sqlx::query_as::<_, (Id, Option<Id>)>(
        "SELECT id, parent_id FROM project_goals WHERE project_id = $1",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    for (i, l) in input.iter().enumerate() {
        let leitziel = insert_goal(tx, scope, id, None, i, &l.title, &l.description).await?;
        for (j, h) in l.handlungsziele.iter().enumerate() {
            let goal =
                insert_goal(tx, scope, id, Some(leitziel), j, &h.title, &h.description).await?;
            for (k, t) in h.targets.iter().enumerate() {
                write_target(tx, scope, id, goal, k, t).await?;
            }
        }
    }
    for e in removed {
        sqlx::query("DELETE FROM project_targets WHERE id = $1 AND project_id = $2")
            .bind(e.id)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    // Handlungsziele before their Leitziele, so no row points to a deleted one.
    let (children, parents): (Vec<_>, Vec<_>) = old_goals.into_iter().partition(|g| g.1.is_some());
    for (goal, _) in children.into_iter().chain(parents) {
        sqlx::query("DELETE FROM project_goals WHERE id = $1 AND project_id = $2")
            .bind(goal)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn insert_goal(
    tx: &mut Tx,
    scope: &Scope,
    project: Id,
    parent: Option<Id>,
    position: usize,
    title: &str,
    description: &Option<String>,
) -> Result<Id> {
    let id = Id::new();
    sqlx::query(
        "INSERT INTO project_goals (id, municipality_id, project_id, parent_id, position, title, \
         description) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(project)
    .bind(parent)
    .bind(position as i64)
    .bind(title.trim())
    .bind(blank_to_none(description))
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

async fn write_target(
    tx: &mut Tx,
    scope: &Scope,
    project: Id,
    goal: Id,
    position: usize,
    t: &TargetInput,
) -> Result<()> {
    let statement = if t.id.is_some() {
        "UPDATE project_targets SET goal_id = $4, position = $5, indicator = $6, unit = $7, \
         baseline = $8, target_value = $9, deadline = $10 \
         WHERE id = $1 AND municipality_id = $2 AND project_id = $3"
    } else {
        "INSERT INTO project_targets (id, municipality_id, project_id, goal_id, position, \
         indicator, unit, baseline, target_value, deadline) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    };
    sqlx::query(statement)
        .bind(t.id.unwrap_or_default())
        .bind(scope.municipality_id)
        .bind(project)
        .bind(goal)
        .bind(position as i64)
        .bind(t.indicator.trim())
        .bind(t.unit.trim())
        .bind(t.baseline)
        .bind(t.target_value)
        .bind(t.deadline)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

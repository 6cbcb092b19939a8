//! The goal hierarchy of a project: Leitziele, their Handlungsziele and the measurable
//! targets (*Zielindikatoren*) under those, with each target's latest actual value and its
//! progress share.
//!
//! The hierarchy is replaced as a whole (like a meeting's agenda) under the project's
//! version. Leitziele and Handlungsziele get new ids on every replacement; targets keep
//! theirs when the client sends them back (`id`), because measurements hang on them. A
//! target that already has measurements cannot be removed (409 `in_use`).

use std::collections::HashSet;

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::view::reload;
use super::{bump_version, load_visible};
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::ok_with_etag;
use crate::api::validate::{Check, TEXT_MAX, blank_to_none};
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::db::{Date, Id, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

/// Most entries per level: a project's concept fits on a page or two.
const ENTRIES_MAX: usize = 20;
/// Longest unit ("Teilnehmende", "%", "m²").
const UNIT_MAX: usize = 50;
/// Largest magnitude of an indicator value.
pub const VALUE_MAX: f64 = 1e12;

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

/// A Leitziel as read.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Leitziel {
    pub id: Id,
    pub title: String,
    pub description: Option<String>,
    pub handlungsziele: Vec<Handlungsziel>,
}

/// A Handlungsziel as read.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Handlungsziel {
    pub id: Id,
    pub title: String,
    pub description: Option<String>,
    pub targets: Vec<Target>,
}

/// A measurable target with its latest measurement.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Target {
    pub id: Id,
    #[serde(skip)]
    pub goal_id: Id,
    pub indicator: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub target_value: f64,
    pub deadline: Date,
    /// The most recent actual value (by date of measurement).
    pub latest_value: Option<f64>,
    pub latest_measured_on: Option<Date>,
    /// Share of the way from baseline (0 when absent) to the target value that the latest
    /// value has covered, between 0 and 1; absent without a measurement.
    #[sqlx(skip)]
    pub progress: Option<f64>,
}

/// (latest − baseline) / (target − baseline), clamped to 0…1.
pub fn progress(baseline: Option<f64>, target: f64, latest: Option<f64>) -> Option<f64> {
    let latest = latest?;
    let base = baseline.unwrap_or(0.0);
    let span = target - base;
    if span.abs() < f64::EPSILON {
        return Some(if (latest - target).abs() < f64::EPSILON {
            1.0
        } else {
            0.0
        });
    }
    Some(((latest - base) / span).clamp(0.0, 1.0))
}

#[derive(sqlx::FromRow)]
struct GoalRow {
    id: Id,
    parent_id: Option<Id>,
    title: String,
    description: Option<String>,
}

/// The hierarchy of project `id`, in order, with progress per target.
pub(super) async fn load_goals(pool: &sqlx::AnyPool, id: Id) -> Result<Vec<Leitziel>> {
    let goals = sqlx::query_as::<_, GoalRow>(
        "SELECT id, parent_id, title, description FROM project_goals WHERE project_id = $1 \
         ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let latest = "FROM project_measurements m WHERE m.target_id = t.id \
                  ORDER BY m.measured_on DESC, m.created_at DESC, m.id DESC LIMIT 1";
    let mut targets = sqlx::query_as::<_, Target>(crate::db::sql::trusted(format!(
        "SELECT t.id, t.goal_id, t.indicator, t.unit, t.baseline, t.target_value, t.deadline, \
         (SELECT m.actual_value {latest}) AS latest_value, \
         (SELECT m.measured_on {latest}) AS latest_measured_on \
         FROM project_targets t WHERE t.project_id = $1 ORDER BY t.position, t.id"
    )))
    .bind(id)
    .fetch_all(pool)
    .await?;
    for t in &mut targets {
        t.progress = progress(t.baseline, t.target_value, t.latest_value);
    }
    let mut leitziele: Vec<Leitziel> = goals
        .iter()
        .filter(|g| g.parent_id.is_none())
        .map(|g| Leitziel {
            id: g.id,
            title: g.title.clone(),
            description: g.description.clone(),
            handlungsziele: Vec::new(),
        })
        .collect();
    for g in goals.into_iter().filter(|g| g.parent_id.is_some()) {
        let mine: Vec<Target> = targets.extract_if(.., |t| t.goal_id == g.id).collect();
        if let Some(parent) = leitziele.iter_mut().find(|l| Some(l.id) == g.parent_id) {
            parent.handlungsziele.push(Handlungsziel {
                id: g.id,
                title: g.title,
                description: g.description,
                targets: mine,
            });
        }
    }
    Ok(leitziele)
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

/// A finite value within ±[`VALUE_MAX`] (or none).
pub fn in_range(value: Option<f64>) -> bool {
    value.is_none_or(|v| v.is_finite() && v.abs() <= VALUE_MAX)
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
    IfMatch(version): IfMatch,
    Json(input): Json<Vec<LeitzielInput>>,
) -> Result<Response> {
    load_visible(&state, &scope, id).await?;
    scope.require_staff()?;
    check_structure(&input)?;
    let mut tx = state.db.begin().await?;
    bump_version(&mut tx, &scope, id, version).await?;
    write_goals(&mut tx, &scope, id, &input).await?;
    record_change(
        &mut tx,
        &scope,
        Action::Update,
        ObjectKind::ProjectGoals,
        id,
    )
    .await?;
    tx.commit().await?;
    let project = reload(&state, &scope, id).await?;
    Ok(ok_with_etag(project.project.version, project))
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

#[cfg(test)]
mod tests {
    use super::progress;

    #[test]
    fn progress_is_the_share_of_the_way_from_baseline_to_target() {
        assert_eq!(progress(None, 100.0, None), None);
        assert_eq!(progress(None, 100.0, Some(25.0)), Some(0.25));
        assert_eq!(progress(Some(10.0), 30.0, Some(20.0)), Some(0.5));
        assert_eq!(progress(Some(10.0), 30.0, Some(50.0)), Some(1.0));
        assert_eq!(progress(Some(10.0), 30.0, Some(5.0)), Some(0.0));
        // Falling targets (fewer vacant shops) work the same way.
        assert_eq!(progress(Some(20.0), 10.0, Some(15.0)), Some(0.5));
    }
}

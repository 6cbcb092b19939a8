//! Projects (*Maßnahmen*) of the integrated action concept (docs/architecture.md, "Domain model"): field of action
//! from the plugin's catalogue, lead and partner organisations, budget, schedule, state,
//! the goal hierarchy (Leitziel → Handlungsziel → measurable target) and the measurements
//! that show progress over time.
//!
//! Who may do what:
//! - staff (coordinator, qm) see every project of their municipality, create, edit, delete
//!   (while `idee` or `verworfen`), change the state and replace the goals;
//! - member users see the projects their organisation leads or partners in, and may record
//!   measurements for them (the people doing the work report the actual values);
//! - anyone else, including anonymous callers, sees nothing: lists answer 401/403, a
//!   project answers 404 exactly like a missing one.
//!
//! Not here: contracts (`contracts`), funding (`funds`).

mod catalogue;
mod edit;
mod goals;
mod kinds;
mod list;
mod measurements;
mod transitions;
mod view;

use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

use crate::auth::{Level, Scope, Table, stale_or_missing};
use crate::db::{Date, Id, Sql, Timestamp, Tx};
use crate::error::{Error, Result};

pub use kinds::ProjectState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_projects, edit::create_project))
        .routes(routes!(
            view::get_project,
            edit::update_project,
            edit::delete_project
        ))
        .routes(routes!(transitions::change_state))
        .routes(routes!(goals::replace_goals))
        .routes(routes!(
            measurements::list_measurements,
            measurements::add_measurement
        ))
}

/// A project as stored, without partners and goals.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ProjectSummary {
    pub id: Id,
    pub title: String,
    pub description: Option<String>,
    /// Key of the field of action (*Handlungsfeld*) in the municipality's catalogue.
    pub field_of_action: String,
    pub area_id: Option<Id>,
    pub lead_organisation_id: Option<Id>,
    pub budget_cents: Option<i64>,
    #[sqlx(try_from = "String")]
    pub state: ProjectState,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

const COLUMNS: &str = "p.id, p.title, p.description, p.field_of_action, p.area_id, \
     p.lead_organisation_id, p.budget_cents, p.state, p.starts_on, p.ends_on, p.version, \
     p.created_at, p.updated_at";

/// The SQL condition under which the caller sees project `p`, or `None` when the caller
/// sees no project at all.
fn visible(scope: &Scope, sql: &mut Sql) -> Option<String> {
    match scope.level {
        Level::Staff => Some("1 = 1".to_owned()),
        Level::Member {
            organisation_id: Some(org),
        } => {
            let (lead, partner) = (sql.bind(org), sql.bind(org));
            Some(format!(
                "(p.lead_organisation_id = {lead} OR p.id IN (SELECT project_id FROM \
                 project_partners WHERE organisation_id = {partner}))"
            ))
        }
        _ => None,
    }
}

/// Loads a project the caller may see, or 404 (also for another municipality's).
async fn load_visible(state: &AppState, scope: &Scope, id: Id) -> Result<ProjectSummary> {
    let mut sql = Sql::new("");
    let (pid, m) = (sql.bind(id), sql.bind(scope.municipality_id));
    let condition = visible(scope, &mut sql).ok_or(Error::NotFound)?;
    sql.push(&format!(
        "SELECT {COLUMNS} FROM projects p WHERE p.id = {pid} AND p.municipality_id = {m} \
         AND {condition}"
    ));
    sql.query_as::<ProjectSummary>()
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(Error::NotFound)
}

/// Claims the project's next version inside `tx`, or fails with 412/404.
async fn bump_version(tx: &mut Tx, scope: &Scope, id: Id, version: i64) -> Result<()> {
    let updated = sqlx::query(
        "UPDATE projects SET version = version + 1, updated_at = $4
         WHERE id = $1 AND municipality_id = $2 AND version = $3",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(version)
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(stale_or_missing(tx, Table::Projects, id, scope).await);
    }
    Ok(())
}

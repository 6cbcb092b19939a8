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
//! The API's handlers and the signed-in pages (`web::project_*`) call the same functions
//! (`visible_projects`, `project`, `take_transition`, `replace_goals`, `record_measurement`),
//! so both apply these rules alike.
//!
//! Not here: contracts (`contracts`), funding (`funds`).

mod catalogue;
mod edit;
mod goal_edits;
mod goals;
mod kinds;
mod list;
mod measurements;
mod transitions;
mod view;

use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

use crate::auth::{Level, Scope};
use crate::db::{Date, Id, Sql, Timestamp};
use crate::error::{Error, Result};

pub use catalogue::catalogue;
pub use goal_edits::{HandlungszielInput, LeitzielInput, TargetInput, replace as replace_goals};
pub use goals::{Handlungsziel, Leitziel, Target};
pub use kinds::ProjectState;
pub use list::{ProjectFilter, visible_projects};
pub use measurements::{
    Measurement, MeasurementFilter, MeasurementInput, measurements, record as record_measurement,
};
pub use transitions::{TransitionInput, take as take_transition};
pub use view::{Partner, Project, ProjectEvent, reload as project};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_projects, edit::create_project))
        .routes(routes!(
            view::get_project,
            edit::update_project,
            edit::delete_project
        ))
        .routes(routes!(transitions::change_state))
        .routes(routes!(goal_edits::replace_goals))
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
    sql.fetch_found::<ProjectSummary, _>(&state.db.pool).await
}

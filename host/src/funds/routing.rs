//! Who advises on and who decides an application: the municipality's rules
//! (`Rules::route_fund_application`), or the base rule when no plugin is active or it
//! leaves the decision to the host.
//!
//! Base rule: the fund's advising body advises (if it has one); the fund's deciding body
//! decides, or the QM when there is none. A failing plugin (trap, timeout, refusal, an
//! answer we cannot read) never loses the application: the base rule applies and the
//! application is marked for manual review with the plugin's error code.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::fund::Fund;
use super::kinds::StepAction;
use crate::db::Id;
use crate::error::Result;
use crate::rules::{self, Failure, RouteRequest, Ruling};
use crate::state::AppState;

/// Who decides when the fund names no deciding body.
pub const QM: &str = "qm";

/// One step: a body kind or role advises or decides. `body_id` is the body of the
/// municipality that holds the step, when one matches.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Step {
    pub action: StepAction,
    /// A body kind (`aktionsfondsjury`, `stadtteilkonferenz` …) or a role (`qm`, `verwaltung`).
    pub by: String,
    pub body_id: Option<Id>,
}

crate::text_enum! {
    /// Who set an application's route.
    pub enum RoutingSource {
        Plugin = ("plugin", "die Regeln der Kommune"),
        Host = ("host", "die Grundregel des Fonds"),
    }
}

/// The routing of one application.
#[derive(Debug, Clone)]
pub struct Routing {
    pub steps: Vec<Step>,
    pub source: RoutingSource,
    /// Why the rules failed, when they did: the application goes to manual review.
    pub failure: Option<Failure>,
}

impl Routing {
    pub fn has_advise_step(steps: &[Step]) -> bool {
        steps.iter().any(|s| s.action == StepAction::Advise)
    }
}

/// Asks the municipality's rules, falling back to the base rule.
pub async fn route(
    state: &AppState,
    municipality: Id,
    slug: &str,
    fund: &Fund,
    amount_cents: i64,
    application: &Value,
) -> Result<Routing> {
    let request = RouteRequest::FundApplication {
        fund_kind: fund.kind.as_str().to_owned(),
        amount_cents,
        area: fund.area_name.clone(),
        application: application.clone(),
    };
    let failure = match state
        .rules
        .route_fund_application(municipality, slug, &request)
        .await
    {
        Ruling::Answered { answer, .. } => {
            let steps = answer
                .into_iter()
                .map(|step| (action(step.action), step.by))
                .collect();
            return Ok(Routing {
                steps: resolve(state, municipality, fund, steps).await?,
                source: RoutingSource::Plugin,
                failure: None,
            });
        }
        Ruling::Base => None,
        Ruling::Failed(failure) => Some(failure),
    };
    Ok(Routing {
        steps: base_steps(state, fund).await?,
        source: RoutingSource::Host,
        failure,
    })
}

fn action(action: rules::StepAction) -> StepAction {
    match action {
        rules::StepAction::Advise => StepAction::Advise,
        rules::StepAction::Decide => StepAction::Decide,
    }
}

/// Finds the body behind each step: the fund's own advising or deciding body when its kind
/// matches, otherwise the municipality's first body of that kind. Roles have no body.
async fn resolve(
    state: &AppState,
    municipality: Id,
    fund: &Fund,
    steps: Vec<(StepAction, String)>,
) -> Result<Vec<Step>> {
    let mut resolved = Vec::with_capacity(steps.len());
    for (action, by) in steps {
        let preferred = match action {
            StepAction::Advise => fund.advising_body_id,
            StepAction::Decide => fund.deciding_body_id,
        };
        let body_id: Option<Id> = sqlx::query_scalar(
            "SELECT id FROM bodies WHERE municipality_id = $1 AND kind = $2
             ORDER BY CASE WHEN id = $3 THEN 0 ELSE 1 END, id LIMIT 1",
        )
        .bind(municipality)
        .bind(&by)
        .bind(preferred)
        .fetch_optional(&state.db.pool)
        .await?;
        resolved.push(Step {
            action,
            by,
            body_id,
        });
    }
    Ok(resolved)
}

/// The base rule: advise by the fund's advising body, decide by its deciding body or the QM.
pub async fn base_steps(state: &AppState, fund: &Fund) -> Result<Vec<Step>> {
    let mut steps = Vec::new();
    if let Some(body) = fund.advising_body_id {
        steps.push(Step {
            action: StepAction::Advise,
            by: body_kind(state, body).await?,
            body_id: Some(body),
        });
    }
    steps.push(match fund.deciding_body_id {
        Some(body) => Step {
            action: StepAction::Decide,
            by: body_kind(state, body).await?,
            body_id: Some(body),
        },
        None => Step {
            action: StepAction::Decide,
            by: QM.to_owned(),
            body_id: None,
        },
    });
    Ok(steps)
}

async fn body_kind(state: &AppState, body: Id) -> Result<String> {
    Ok(sqlx::query_scalar("SELECT kind FROM bodies WHERE id = $1")
        .bind(body)
        .fetch_one(&state.db.pool)
        .await?)
}

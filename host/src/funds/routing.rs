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
    /// A body kind (`aktionsfondsjury`, `bezirksvertretung` …) or a role (`qm`, `verwaltung`).
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

/// How many areas above the fund's area are searched for a body of a step's kind; the
/// municipal tree is a handful of levels deep (Stadt → Stadtbezirk → … → Quartier).
const AREA_LEVELS: usize = 8;

/// Finds the body behind each step. For a body kind, among the municipality's bodies of that
/// kind: the fund's own advising or deciding body; else, when the fund has an area, the body
/// of that area or of the nearest area above it (a Bezirksvertretung of the Stadtbezirk
/// around the QM-Gebiet), then a body without an area; else (a fund without an area) the
/// first body of the kind. A body of another area never holds the step.
///
/// When nothing matches — a role such as `qm` or `verwaltung`, a kind the municipality has no
/// body of, or only bodies of other areas — the step is stored with its `by` and without
/// `body_id`: the application is accepted and not marked for manual review, staff move it
/// through the workflow as usual, and no jury user sees or moves it because of that step.
/// Once staff enter the body, a recheck (`intake::recheck_application`) resolves it again.
async fn resolve(
    state: &AppState,
    municipality: Id,
    fund: &Fund,
    steps: Vec<(StepAction, String)>,
) -> Result<Vec<Step>> {
    let areas = area_and_ancestors(state, fund.area_id).await?;
    let mut resolved = Vec::with_capacity(steps.len());
    for (action, by) in steps {
        let preferred = match action {
            StepAction::Advise => fund.advising_body_id,
            StepAction::Decide => fund.deciding_body_id,
        };
        let candidates: Vec<(Id, Option<Id>)> = sqlx::query_as(
            "SELECT id, area_id FROM bodies WHERE municipality_id = $1 AND kind = $2 ORDER BY id",
        )
        .bind(municipality)
        .bind(&by)
        .fetch_all(&state.db.pool)
        .await?;
        let body_id = pick(&candidates, preferred, &areas);
        if body_id.is_none() && !candidates.is_empty() {
            tracing::info!(%by, "no body of this kind in the fund's area; the step stays without a body");
        }
        resolved.push(Step {
            action,
            by,
            body_id,
        });
    }
    Ok(resolved)
}

/// The fund's area first, then its parents, nearest first (empty for a fund without area).
async fn area_and_ancestors(state: &AppState, area: Option<Id>) -> Result<Vec<Id>> {
    let mut chain = Vec::new();
    let mut next = area;
    while let Some(id) = next {
        if chain.len() == AREA_LEVELS || chain.contains(&id) {
            break;
        }
        chain.push(id);
        next = sqlx::query_scalar::<_, Option<Id>>("SELECT parent_id FROM areas WHERE id = $1")
            .bind(id)
            .fetch_optional(&state.db.pool)
            .await?
            .flatten();
    }
    Ok(chain)
}

/// The ranking described at [`resolve`]: `candidates` are (body, area) in a stable order,
/// `areas` the fund's area and its ancestors, nearest first.
fn pick(candidates: &[(Id, Option<Id>)], preferred: Option<Id>, areas: &[Id]) -> Option<Id> {
    if let Some(own) = candidates.iter().find(|(id, _)| Some(*id) == preferred) {
        return Some(own.0);
    }
    if areas.is_empty() {
        return candidates.first().map(|(id, _)| *id);
    }
    let rank = |area: &Option<Id>| match area {
        Some(area) => areas.iter().position(|a| a == area),
        None => Some(areas.len()),
    };
    candidates
        .iter()
        .filter_map(|(id, area)| rank(area).map(|r| (r, *id)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, id)| id)
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

//! Who advises on and who decides an application: the plugin's `route` hook, or the base
//! rule when no plugin is active or it leaves the decision to the host.
//!
//! Base rule: the fund's advising body advises (if it has one); the fund's deciding body
//! decides, or the QM when there is none. A failing plugin (trap, timeout, refusal, an
//! answer we cannot read) never loses the application: the base rule applies and the
//! application is marked for manual review with the plugin's error code.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::fund::Fund;
use super::kinds::StepAction;
use crate::app::AppState;
use crate::db::Id;
use crate::error::Result;
use crate::plugin_registry::{HostError, OwnedRequest};
use crate::plugins::Answer;

/// At most this many steps are kept (the route-decision schema's limit).
const STEPS_MAX: usize = 20;
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

/// The routing of one application.
#[derive(Debug, Clone)]
pub struct Routing {
    pub steps: Vec<Step>,
    /// `plugin` or `host`.
    pub source: &'static str,
    /// The plugin's error code and German message when it failed.
    pub failure: Option<(String, String)>,
}

impl Routing {
    pub fn has_advise_step(steps: &[Step]) -> bool {
        steps.iter().any(|s| s.action == StepAction::Advise)
    }
}

/// Asks the municipality's plugin, falling back to the base rule.
pub async fn route(
    state: &AppState,
    municipality: Id,
    slug: &str,
    fund: &Fund,
    amount_cents: i64,
    application: &Value,
) -> Result<Routing> {
    let mut request = json!({
        "subject": "fund_application",
        "fund_kind": fund.kind.as_str(),
        "amount_cents": amount_cents,
        "application": application,
    });
    if let Some(area) = &fund.area_name {
        request["area"] = json!(area);
    }
    let answer = state
        .plugins
        .call(municipality, slug, OwnedRequest::Route(request.to_string()))
        .await;
    let failure = match answer {
        Ok(outcome) => match outcome.answer {
            Answer::Json(value) => match plugin_steps(&value) {
                Ok(Some(steps)) => {
                    return Ok(Routing {
                        steps: resolve(state, municipality, fund, steps).await?,
                        source: "plugin",
                        failure: None,
                    });
                }
                Ok(None) => None,
                Err(()) => Some((
                    "plugin_invalid_answer".to_owned(),
                    "Die Regeln der Kommune gaben keine lesbare Zuständigkeit zurück.".to_owned(),
                )),
            },
            Answer::Findings(_) | Answer::NotImplemented => None,
        },
        Err(HostError::NotInstalled) => None,
        Err(HostError::Plugin { error, .. }) => Some((error.code().to_owned(), error.message_de())),
        Err(HostError::Load { error, .. }) => Some((error.code().to_owned(), error.message_de())),
        Err(HostError::Internal(e)) => {
            tracing::warn!(error = format!("{e:#}"), "routing plugin call failed");
            Some((
                "plugin_unavailable".to_owned(),
                "Die Regeln der Kommune waren nicht erreichbar.".to_owned(),
            ))
        }
    };
    Ok(Routing {
        steps: base_steps(state, fund).await?,
        source: "host",
        failure,
    })
}

/// The plugin's steps; `None` for `host_default` (and decisions that do not fit a fund).
fn plugin_steps(value: &Value) -> Result<Option<Vec<(StepAction, String)>>, ()> {
    match value.get("decision").and_then(Value::as_str) {
        Some("steps") => {}
        Some(_) => return Ok(None),
        None => return Err(()),
    }
    let steps = value.get("steps").and_then(Value::as_array).ok_or(())?;
    if steps.is_empty() || steps.len() > STEPS_MAX {
        return Err(());
    }
    steps
        .iter()
        .map(|step| {
            let action = step
                .get("action")
                .and_then(Value::as_str)
                .and_then(|a| a.parse::<StepAction>().ok())
                .ok_or(())?;
            let by = step.get("by").and_then(Value::as_str).ok_or(())?;
            if !stable_key(by) {
                return Err(());
            }
            Ok((action, by.to_owned()))
        })
        .collect::<Result<Vec<_>, ()>>()
        .map(Some)
}

/// `^[a-z0-9][a-z0-9_-]*$`, at most 64 characters.
fn stable_key(key: &str) -> bool {
    key.len() <= 64
        && key
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plugin_steps_are_read_and_host_default_leaves_the_base_rule() {
        let steps = json!({"decision": "steps", "steps": [
            {"action": "advise", "by": "stadtteilkonferenz"},
            {"action": "decide", "by": "aktionsfondsjury"}]});
        assert_eq!(
            plugin_steps(&steps),
            Ok(Some(vec![
                (StepAction::Advise, "stadtteilkonferenz".to_owned()),
                (StepAction::Decide, "aktionsfondsjury".to_owned())
            ]))
        );
        assert_eq!(plugin_steps(&json!({"decision": "host_default"})), Ok(None));
        for broken in [
            json!({}),
            json!({"decision": "steps", "steps": []}),
            json!({"decision": "steps", "steps": [{"action": "vote", "by": "qm"}]}),
            json!({"decision": "steps", "steps": [{"action": "decide", "by": "Bürgerjury"}]}),
        ] {
            assert_eq!(plugin_steps(&broken), Err(()), "{broken}");
        }
    }
}

//! Asking the municipality's plugin: its concern categories (`describe`) and the department a
//! concern goes to (`route`). Without a plugin, or when it fails, the host's base behaviour
//! applies: the default category list, and no proposal (a failure also asks for a person).

use serde::Serialize;
use serde_json::{Value, json};

use crate::app::AppState;
use crate::db::{Id, Tx};
use crate::plugin_registry::{HostError, OwnedRequest};
use crate::plugins::Answer;

/// One category of the catalogue residents choose from.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Category {
    /// Stable key, e.g. `wilder_muell`.
    pub key: String,
    /// German label.
    pub label: String,
}

/// The host's catalogue when no plugin offers one.
const DEFAULT_CATEGORIES: &[(&str, &str)] = &[
    ("wilder_muell", "Wilder Müll"),
    ("schlagloch", "Schlaglöcher und Straßenschäden"),
    ("spielplatz", "Spielplätze"),
    ("sicherheit", "Sicherheit und Sauberkeit"),
    ("verkehr", "Verkehr und Mobilität"),
    ("beratung", "Beratung und Hilfe"),
    ("sonstiges", "Sonstiges"),
];

/// A catalogue holds a few dozen entries; more is a broken plugin, not a catalogue.
const MAX_CATEGORIES: usize = 200;

/// The municipality's concern categories: the plugin's catalogue, else the host's.
pub async fn categories(state: &AppState, municipality: Id, slug: &str) -> Vec<Category> {
    let from_plugin = match state
        .plugins
        .call(municipality, slug, OwnedRequest::Describe)
        .await
    {
        Ok(outcome) => match outcome.answer {
            Answer::Json(v) => parse_categories(&v),
            _ => Vec::new(),
        },
        Err(HostError::NotInstalled) => Vec::new(),
        Err(e) => {
            tracing::warn!(error = %e, "describe failed; using the host's concern categories");
            Vec::new()
        }
    };
    if from_plugin.is_empty() {
        DEFAULT_CATEGORIES
            .iter()
            .map(|(key, label)| Category {
                key: (*key).to_owned(),
                label: (*label).to_owned(),
            })
            .collect()
    } else {
        from_plugin
    }
}

fn parse_categories(description: &Value) -> Vec<Category> {
    description["concern_categories"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| {
            Some(Category {
                key: c["key"].as_str()?.to_owned(),
                label: c["label"].as_str()?.to_owned(),
            })
        })
        .take(MAX_CATEGORIES)
        .collect()
}

/// What routing proposed for a concern.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Proposal {
    /// `department` or `not_responsible`; `None` when there is no proposal.
    pub kind: Option<&'static str>,
    pub department: Option<String>,
    pub reason: Option<String>,
    /// Set when the plugin failed: the stable error code, for manual review.
    pub failure: Option<String>,
}

/// Asks the plugin where the concern goes. `concern` is the form without the reporter.
pub async fn route(
    state: &AppState,
    municipality: Id,
    slug: &str,
    category: &str,
    area: Option<&str>,
    concern: &Value,
) -> Proposal {
    let mut request = json!({"subject": "concern", "category": category, "concern": concern});
    if let Some(area) = area {
        request["area"] = json!(area);
    }
    let call = OwnedRequest::Route(request.to_string());
    match state.plugins.call(municipality, slug, call).await {
        Ok(outcome) => match outcome.answer {
            Answer::Json(decision) => parse_decision(&decision),
            _ => Proposal::default(),
        },
        Err(HostError::NotInstalled) => Proposal::default(),
        Err(HostError::Plugin { error, .. }) => failed(error.code()),
        Err(HostError::Load { .. }) => failed("plugin_load"),
        Err(HostError::Internal(e)) => {
            tracing::warn!(error = format!("{e:#}"), "routing a concern failed");
            failed("plugin_internal")
        }
    }
}

fn failed(code: &str) -> Proposal {
    Proposal {
        failure: Some(code.to_owned()),
        ..Proposal::default()
    }
}

/// Longest department name or reason kept (as the route-decision schema allows).
const DEPARTMENT_MAX: usize = 200;
const REASON_MAX: usize = 1000;

fn parse_decision(decision: &Value) -> Proposal {
    let text = |key: &str, max: usize| {
        decision[key]
            .as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty() && s.chars().count() <= max)
            .map(str::to_owned)
    };
    match decision["decision"].as_str() {
        Some("department") => match text("department", DEPARTMENT_MAX) {
            Some(department) => Proposal {
                kind: Some("department"),
                department: Some(department),
                ..Proposal::default()
            },
            None => failed("plugin_bad_decision"),
        },
        Some("not_responsible") => match text("reason", REASON_MAX) {
            Some(reason) => Proposal {
                kind: Some("not_responsible"),
                reason: Some(reason),
                ..Proposal::default()
            },
            None => failed("plugin_bad_decision"),
        },
        Some("host_default") => Proposal::default(),
        _ => failed("plugin_bad_decision"),
    }
}

/// The organisation of the municipality called `name`, if there is exactly such a one:
/// organisations are host-wide, so it must work in one of the municipality's areas or hold
/// a membership in one of its bodies.
pub async fn organisation_named(
    tx: &mut Tx,
    municipality: Id,
    name: &str,
) -> Result<Option<Id>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT o.id FROM organisations o
         WHERE o.name = $1 AND (
             EXISTS (SELECT 1 FROM organisation_areas oa JOIN areas a ON a.id = oa.area_id
                     WHERE oa.organisation_id = o.id AND a.municipality_id = $2)
             OR EXISTS (SELECT 1 FROM memberships m
                        WHERE m.organisation_id = o.id AND m.municipality_id = $2))
         ORDER BY o.id LIMIT 1",
    )
    .bind(name)
    .bind(municipality)
    .fetch_optional(&mut **tx)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_become_proposals() {
        let d = parse_decision(&json!({"decision": "department", "department": "Stadtbetrieb"}));
        assert_eq!(d.kind, Some("department"));
        assert_eq!(d.department.as_deref(), Some("Stadtbetrieb"));
        let n = parse_decision(&json!({"decision": "not_responsible", "reason": "Polizei"}));
        assert_eq!(n.reason.as_deref(), Some("Polizei"));
        assert_eq!(
            parse_decision(&json!({"decision": "host_default"})),
            Proposal::default()
        );
        let bad = parse_decision(&json!({"decision": "steps", "steps": []}));
        assert_eq!(bad.failure.as_deref(), Some("plugin_bad_decision"));
    }

    #[test]
    fn categories_come_from_the_description() {
        let c = parse_categories(&json!({"concern_categories": [
            {"key": "wilder_muell", "label": "Wilder Müll"}, {"key": 3}]}));
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].key, "wilder_muell");
    }
}

//! Asking the municipality's rules: its concern categories (`describe`) and the department
//! a concern goes to (`route`). Without a plugin, or when it fails, the host's base
//! behaviour applies: the default category list, and no proposal (a failure also asks for
//! a person).

use serde::Serialize;
use serde_json::Value;

use crate::db::Id;
use crate::rules::{ConcernRoute, Failure, RouteRequest, Ruling};
use crate::state::AppState;

/// One category of the catalogue residents choose from.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Category {
    /// Stable key, e.g. `wilder_muell`.
    pub key: String,
    /// German label.
    pub label: String,
}

crate::text_enum! {
    /// What routing proposed for a concern.
    pub enum ProposalKind {
        Department = ("department", "an ein Amt"),
        NotResponsible = ("not_responsible", "nicht zuständig"),
    }
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

/// The municipality's concern categories: its rules' catalogue, else the host's. The
/// catalogue is checked when the rules answer (`Rules::describe`): unique stable keys,
/// labels without markup.
pub async fn categories(state: &AppState, municipality: Id, slug: &str) -> Vec<Category> {
    if let Ruling::Answered { answer, .. } = state.rules.describe(municipality, slug).await
        && !answer.concern_categories.is_empty()
    {
        return answer
            .concern_categories
            .iter()
            .map(|c| Category {
                key: c.key.clone(),
                label: c.label.clone(),
            })
            .collect();
    }
    DEFAULT_CATEGORIES
        .iter()
        .map(|(key, label)| Category {
            key: (*key).to_owned(),
            label: (*label).to_owned(),
        })
        .collect()
}

/// What routing proposed for a concern.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Proposal {
    /// The plugin's decision; `None` when there is no proposal.
    pub route: Option<ConcernRoute>,
    /// Set when the plugin failed: the concern goes to manual review.
    pub failure: Option<Failure>,
}

impl Proposal {
    pub fn kind(&self) -> Option<ProposalKind> {
        self.route.as_ref().map(|route| match route {
            ConcernRoute::Department(_) => ProposalKind::Department,
            ConcernRoute::NotResponsible(_) => ProposalKind::NotResponsible,
        })
    }

    pub fn department(&self) -> Option<&str> {
        match &self.route {
            Some(ConcernRoute::Department(name)) => Some(name),
            _ => None,
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match &self.route {
            Some(ConcernRoute::NotResponsible(reason)) => Some(reason),
            _ => None,
        }
    }
}

/// Asks the rules where the concern goes. `concern` is the form without the reporter.
pub async fn route(
    state: &AppState,
    municipality: Id,
    slug: &str,
    category: &str,
    area: Option<&str>,
    concern: &Value,
) -> Proposal {
    let request = RouteRequest::Concern {
        category: category.to_owned(),
        area: area.map(str::to_owned),
        concern: concern.clone(),
    };
    match state
        .rules
        .route_concern(municipality, slug, &request)
        .await
    {
        Ruling::Answered { answer, .. } => Proposal {
            route: Some(answer),
            failure: None,
        },
        Ruling::Base => Proposal::default(),
        Ruling::Failed(failure) => Proposal {
            route: None,
            failure: Some(failure),
        },
    }
}

/// The organisation of the municipality called `name`, if there is exactly such a one:
/// organisations are host-wide, so it must work in one of the municipality's areas or hold
/// a membership in one of its bodies.
pub async fn organisation_named<'c>(
    executor: impl sqlx::Executor<'c, Database = sqlx::Any>,
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
    .fetch_optional(executor)
    .await
}

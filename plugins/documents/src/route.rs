//! What the host asks `route` (`schemas/plugin/route-request.schema.json`) and what it
//! decides (`schemas/plugin/route-decision.schema.json`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What the host asks `route` to decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "subject", rename_all = "snake_case")]
pub enum RouteRequest {
    /// Who advises on and who decides a fund application.
    FundApplication {
        /// The fund kind, e.g. `aktionsfonds`.
        fund_kind: String,
        /// The amount applied for, in cents.
        amount_cents: i64,
        /// The area's name, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        area: Option<String>,
        /// The whole application as submitted.
        #[serde(default)]
        application: Value,
    },
    /// Which department a resident's concern goes to.
    Concern {
        /// The category key, e.g. `wilder_muell`.
        category: String,
        /// The area's name, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        area: Option<String>,
        /// The whole concern as submitted (without the reporter's personal data).
        #[serde(default)]
        concern: Value,
    },
}

/// One step of a fund application's way: a body or role advises or decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// `advise` or `decide`.
    pub action: StepAction,
    /// Who: a body kind (`stadtteilkonferenz`, `aktionsfondsjury`, `quartiersrat`, the
    /// political `bezirksvertretung`, `stadtbezirksrat`, `ortsbeirat`,
    /// `bezirksverordnetenversammlung`, `ratsausschuss`, `rat` …; the full list is in
    /// `schemas/plugin/route-decision.schema.json`) or a role (`qm`, `verwaltung`). The host
    /// resolves a kind to the municipality's body of that kind in the fund's area.
    pub by: String,
}

/// What a step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepAction {
    /// Recommends (*berät, empfiehlt*).
    Advise,
    /// Decides (*entscheidet*).
    Decide,
}

impl Step {
    /// `by` advises.
    pub fn advise(by: &str) -> Step {
        Step {
            action: StepAction::Advise,
            by: by.into(),
        }
    }
    /// `by` decides.
    pub fn decide(by: &str) -> Step {
        Step {
            action: StepAction::Decide,
            by: by.into(),
        }
    }
}

/// What `route` decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum RouteDecision {
    /// No municipal rule: the host's default routing applies.
    HostDefault,
    /// The ordered steps of a fund application (advice first, the decision last).
    Steps {
        /// The steps in order.
        steps: Vec<Step>,
    },
    /// A concern goes to this department.
    Department {
        /// The department's name as the municipality writes it.
        department: String,
    },
    /// Nobody in the municipality is responsible (*nicht zuständig*); the reason is shown.
    NotResponsible {
        /// Why, for people.
        reason: String,
    },
}

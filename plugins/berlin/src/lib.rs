//! The rule plugin for Berlin's neighbourhood management (seed `004_…`, "Quartiersmanagement
//! in der Praxis").
//!
//! - `describe`: the nine strategic goals as fields of action; the Aktionsfonds (10.000 € per
//!   area and year) and the Quartiersfonds ([`catalogue`]);
//! - `adapt-form` / `validate`: one application form for both funds, with the Aktionsfonds's
//!   annual amount as the cap of one application ([`forms`], [`rules`]);
//! - `route`: the Aktionsfondsjury decides the Aktionsfonds, the Quartiersrat the
//!   Quartiersfonds ([`funds`]);
//! - `build-report`: the year's balance with the progress on the nine strategic goals, as
//!   the basis of the yearly revision of the integrated action concept, and the Aktionsfonds
//!   statement per QM-Gebiet ([`report`]).
//!
//! Concerns and the task matrix keep the host's defaults: the seed says nothing about them.

pub mod catalogue;
pub mod forms;
pub mod funds;
mod report;
pub mod rules;

use quartier_plugin_sdk::{
    Context, Description, Error, Finding, FormKind, Plugin, Report, RouteDecision, RouteRequest,
    Submission, Value, dataset, export,
};

/// Berlin.
pub struct Berlin;

/// The plugin's own version (semver).
pub const VERSION: &str = "1.0.0";

impl Plugin for Berlin {
    fn describe(_ctx: &Context) -> Description {
        let mut description = Description::new("berlin", VERSION)
            .title("Berlin – Quartiersmanagement im Programm Sozialer Zusammenhalt")
            .fund(
                catalogue::AKTIONSFONDS,
                "Aktionsfonds",
                Some(catalogue::AKTIONSFONDS_PER_YEAR_CENTS),
            )
            .fund(catalogue::QUARTIERSFONDS, "Quartiersfonds", None);
        for (key, label) in catalogue::STRATEGIC_GOALS {
            description = description.field_of_action(key, label);
        }
        description
    }

    fn adapt_form(_ctx: &Context, kind: FormKind, base: Value) -> Result<Value, Error> {
        match kind {
            FormKind::FundApplication => forms::fund_application(base),
            _ => Ok(base),
        }
    }

    fn validate(_ctx: &Context, kind: FormKind, form: &Submission) -> Vec<Finding> {
        match kind {
            FormKind::FundApplication => rules::fund_application(form),
            _ => Vec::new(),
        }
    }

    fn route(_ctx: &Context, request: &RouteRequest) -> Result<RouteDecision, Error> {
        match request {
            RouteRequest::FundApplication {
                fund_kind,
                amount_cents,
                ..
            } => funds::route(fund_kind, *amount_cents),
            RouteRequest::Concern { .. } => Ok(RouteDecision::HostDefault),
        }
    }

    fn build_report(_ctx: &Context, dataset: Value) -> Result<Report, Error> {
        Ok(report::build(&dataset::parse(dataset)?))
    }
}

export!(Berlin);

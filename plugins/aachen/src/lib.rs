//! The rule plugin of the Stadt Aachen, encoding its *Konzept Quartiersmanagement* (Vorlage
//! FB 56/0111/WP17, seed `001_…`).
//!
//! - `describe`: fields of action, the concern categories of the Lotsenfunktion and the
//!   Stadtteilfonds ([`catalogue`]);
//! - `adapt-form` / `validate`: the Stadtteilfonds application and the concern form, both
//!   placed in Aachen's Sozialräume and Lebensräume ([`forms`], [`rules`]);
//! - `route`: Stadtteilfonds applications are discussed by the Stadtteilkonferenz before the
//!   administration processes them ([`funds`]); concerns go to the department the concept
//!   names, or are "nicht zuständig" ([`lotse`]);
//! - `build-report`: the report along the six core tasks of the QM, the Stadtteilfonds
//!   report for the committee with the Stadtteilkonferenzen's advice, and the QM's
//!   indicators across years ([`report`]).
//!
//! The task matrix is the Hessian guideline's instrument; Aachen keeps the host's base.

pub mod catalogue;
pub mod forms;
pub mod funds;
pub mod lotse;
mod report;
pub mod rules;

use quartier_plugin_sdk::{
    Context, Description, Error, Finding, FormKind, Plugin, Report, RouteDecision, RouteRequest,
    Submission, Value, dataset, export,
};

/// The Stadt Aachen.
pub struct Aachen;

/// The plugin's own version (semver).
pub const VERSION: &str = "1.0.0";

impl Plugin for Aachen {
    fn describe(_ctx: &Context) -> Description {
        let mut description = Description::new("aachen", VERSION)
            .title("Stadt Aachen – Quartiersmanagement")
            .qm_model(catalogue::QM_MODEL)
            .fund("stadtteilfonds", "Stadtteilfonds", None);
        for (key, label) in catalogue::FIELDS_OF_ACTION {
            description = description.field_of_action(key, label);
        }
        for category in &catalogue::CONCERN_CATEGORIES {
            description = description.concern_category(category.key, category.label);
        }
        description
    }

    fn adapt_form(_ctx: &Context, kind: FormKind, base: Value) -> Result<Value, Error> {
        match kind {
            FormKind::FundApplication => forms::fund_application(base),
            FormKind::Concern => forms::concern(base),
            _ => Ok(base),
        }
    }

    fn validate(_ctx: &Context, kind: FormKind, form: &Submission) -> Vec<Finding> {
        match kind {
            FormKind::FundApplication => rules::fund_application(form),
            FormKind::Concern => rules::concern(form),
            _ => Vec::new(),
        }
    }

    fn route(_ctx: &Context, request: &RouteRequest) -> Result<RouteDecision, Error> {
        match request {
            RouteRequest::FundApplication { fund_kind, .. } => funds::route(fund_kind),
            RouteRequest::Concern { category, .. } => lotse::route(category),
        }
    }

    fn build_report(_ctx: &Context, dataset: Value) -> Result<Report, Error> {
        Ok(report::build(&dataset::parse(dataset)?))
    }
}

export!(Aachen);

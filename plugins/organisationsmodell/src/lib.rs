//! The rule plugin for a municipality that organises its neighbourhood management after the
//! *idealtypisches Organisationsmodell für das Quartiermanagement* (seed `002_…`): a normative,
//! a strategic and an operative level, joined by the integrated action concept; the
//! Quartierbeirat and the Bürgerjury as fixed bodies; contracts (*Kontrakte*) with
//! quantitative and qualitative targets and deadlines, reviewed by the Lenkungsgremium; and
//! goals that must be measurable.
//!
//! - `describe`: the fields of action and the Quartiersfonds ([`catalogue`]);
//! - `adapt-task-matrix`: the columns of the matrix given to the levels, every cell QM in the
//!   model's wide sense, plus its own tasks ([`matrix`]);
//! - `adapt-form` / `validate`: the project dossier refuses a target without indicator,
//!   target value or deadline ([`goals`], [`rules`]); the contract needs both kinds of target,
//!   verifiable, and reviews during and after its term ([`contracts`]); the Quartiersfonds
//!   application names a measurable target ([`forms`]);
//! - `route`: the Quartierbeirat advises and the Bürgerjury decides the Quartiersfonds;
//!   concerns go to the Geschäftsstelle Koordination Quartiermanagement ([`routes`]);
//! - `build-report`: all four kinds, along the levels and the targets ([`report`]).

pub mod catalogue;
pub mod contracts;
pub mod forms;
pub mod goals;
pub mod matrix;
mod report;
pub mod routes;
pub mod rules;

use quartier_plugin_sdk::{
    Context, Description, Error, Finding, FormKind, Plugin, Report, RouteDecision, RouteRequest,
    Submission, Value, dataset, export,
};

/// A municipality working with the organisation model.
pub struct Organisationsmodell;

/// The plugin's own version (semver).
pub const VERSION: &str = "1.0.0";

impl Plugin for Organisationsmodell {
    fn describe(_ctx: &Context) -> Description {
        let mut description = Description::new("organisationsmodell", VERSION)
            .title("Quartiermanagement nach dem Organisationsmodell (normative, strategische und operative Ebene)")
            .qm_model(catalogue::QM_MODEL)
            .fund(catalogue::QUARTIERSFONDS, "Quartiersfonds", None);
        for (key, label) in catalogue::FIELDS_OF_ACTION {
            description = description.field_of_action(key, label);
        }
        description
    }

    fn adapt_task_matrix(_ctx: &Context, base: Value) -> Result<Value, Error> {
        matrix::adapt(base)
    }

    fn adapt_form(_ctx: &Context, kind: FormKind, base: Value) -> Result<Value, Error> {
        match kind {
            FormKind::ProjectDossier => forms::project_dossier(base),
            FormKind::Contract => forms::contract(base),
            FormKind::FundApplication => forms::fund_application(base),
            _ => Ok(base),
        }
    }

    fn validate(_ctx: &Context, kind: FormKind, form: &Submission) -> Vec<Finding> {
        match kind {
            FormKind::ProjectDossier => rules::project_dossier(form),
            FormKind::Contract => contracts::validate(form),
            FormKind::FundApplication => rules::fund_application(form),
            _ => Vec::new(),
        }
    }

    fn route(_ctx: &Context, request: &RouteRequest) -> Result<RouteDecision, Error> {
        match request {
            RouteRequest::FundApplication { fund_kind, .. } => routes::fund_application(fund_kind),
            RouteRequest::Concern { .. } => Ok(routes::concern()),
        }
    }

    fn build_report(_ctx: &Context, dataset: Value) -> Result<Report, Error> {
        Ok(report::build(&dataset::parse(dataset)?))
    }
}

export!(Organisationsmodell);

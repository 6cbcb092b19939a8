//! The rule plugin of the Quartiersmanagement Nürnberg-Hasenbuck (seed `003_…`, "Quartiers-
//! management – worum es geht").
//!
//! - `describe`: the nine tasks "für den Hasenbuck" as fields of action, the concern
//!   categories ([`catalogue`], offices in [`config`]);
//! - `adapt-task-matrix`: the QM as coordinating function — the city keeps Steuerung and
//!   Planung, the QM holds the Gemeinwesenarbeit, plus "Ansprechpartner vor Ort" ([`matrix`]);
//! - `adapt-form` / `validate`: projects and fund applications filed under one of the nine
//!   tasks, with residents taking part and partners named; the concern form ([`forms`],
//!   [`rules`]);
//! - `route`: concerns to the city's office responsible; fund applications by the host's base
//!   rule, as the seed names no deciding body ([`routes`]);
//! - `build-report`: the annual report along the nine tasks and the monitoring across years
//!   ([`report`]); the fund statement and the self-evaluation are the host's.

pub mod catalogue;
pub mod config;
pub mod forms;
pub mod matrix;
mod report;
pub mod routes;
pub mod rules;

use quartier_plugin_sdk::{
    Context, Description, Error, Finding, FormKind, Plugin, Report, RouteDecision, RouteRequest,
    Submission, Value, dataset, export,
};

/// The Quartiersmanagement Nürnberg-Hasenbuck.
pub struct Nuernberg;

impl Plugin for Nuernberg {
    fn describe(_ctx: &Context) -> Description {
        let mut description = Description::new("nuernberg", config::VERSION)
            .title(config::TITLE)
            .qm_model(catalogue::QM_MODEL);
        for (key, label) in catalogue::TASKS {
            description = description.field_of_action(key, label);
        }
        for category in catalogue::categories() {
            description = description.concern_category(category.key, category.label);
        }
        description
    }

    fn adapt_task_matrix(_ctx: &Context, base: Value) -> Result<Value, Error> {
        matrix::adapt(base)
    }

    fn adapt_form(_ctx: &Context, kind: FormKind, base: Value) -> Result<Value, Error> {
        match kind {
            FormKind::ProjectDossier => forms::project_dossier(base),
            FormKind::FundApplication => forms::fund_application(base),
            FormKind::Concern => forms::concern(base),
            _ => Ok(base),
        }
    }

    fn validate(_ctx: &Context, kind: FormKind, form: &Submission) -> Vec<Finding> {
        match kind {
            FormKind::ProjectDossier => rules::project_dossier(form),
            FormKind::FundApplication => rules::fund_application(form),
            FormKind::Concern => rules::concern(form),
            _ => Vec::new(),
        }
    }

    fn route(_ctx: &Context, request: &RouteRequest) -> Result<RouteDecision, Error> {
        match request {
            RouteRequest::FundApplication { .. } => Ok(RouteDecision::HostDefault),
            RouteRequest::Concern { category, .. } => routes::concern(category),
        }
    }

    fn build_report(_ctx: &Context, dataset: Value) -> Result<Report, Error> {
        Ok(report::build(&dataset::parse(dataset)?))
    }
}

export!(Nuernberg);

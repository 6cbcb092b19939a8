//! The rule plugin for a Hessian municipality in the programme "Soziale Stadt", encoding the
//! *Leitfaden zum Quartiersmanagement in der Sozialen Stadt* of the Servicestelle HEGISS
//! (seed `000_…`).
//!
//! - `describe`: the fields of action (*Handlungsfelder*) and the Verfügungsfonds;
//! - `adapt-task-matrix`: the guideline's five QM models applied to the task matrix of its
//!   appendix — who holds Steuerung, Planung and Gemeinwesenarbeit and which cells count as QM
//!   ([`model`], [`matrix`]);
//! - `adapt-form` / `validate`: the Verfügungsfonds application ([`forms`], [`rules`]) and the
//!   nine GWA quality standards as a self-evaluation ([`evaluation`]);
//! - `build-report`: the annual report with the task matrix as lived (the task log), the
//!   Verfügungsfonds, the self-evaluation and the items of the Verstetigungs-/
//!   Nachhaltigkeitskonzept; the Sozialraummonitoring across years; the Verfügungsfonds
//!   statement; the self-evaluation report ([`report`]).
//!
//! `route` is left to the host: the guideline names no fixed advising or deciding body for
//! the Verfügungsfonds, only a "transparentes Vergabeverfahren" each site sets up itself.
//! A municipality adapts [`config`] (its model) and, if it wishes, the catalogues.

pub mod catalogue;
pub mod config;
pub mod evaluation;
pub mod forms;
pub mod matrix;
pub mod model;
mod report;
pub mod rules;

use quartier_plugin_sdk::{
    Context, Description, Error, Finding, FormKind, Plugin, Report, Submission, Value, comparison,
    dataset, export,
};

/// The Hessian municipality.
pub struct Hessen;

impl Plugin for Hessen {
    fn describe(_ctx: &Context) -> Description {
        let mut description = Description::new("hessen", config::VERSION)
            .title(config::TITLE)
            .qm_model(config::QM_MODEL.key())
            .fund(
                "verfuegungsfonds",
                "Verfügungsfonds",
                config::VERFUEGUNGSFONDS_CAP_CENTS,
            );
        for (key, label) in catalogue::FIELDS_OF_ACTION {
            description = description.field_of_action(key, label);
        }
        description
    }

    fn adapt_task_matrix(_ctx: &Context, base: Value) -> Result<Value, Error> {
        matrix::adapt(base, config::QM_MODEL)
    }

    fn adapt_form(_ctx: &Context, kind: FormKind, base: Value) -> Result<Value, Error> {
        match kind {
            FormKind::FundApplication => forms::fund_application(base),
            FormKind::SelfEvaluation => forms::self_evaluation(base),
            _ => Ok(base),
        }
    }

    fn validate(ctx: &Context, kind: FormKind, form: &Submission) -> Vec<Finding> {
        match kind {
            FormKind::FundApplication => rules::fund_application(ctx, form),
            FormKind::SelfEvaluation => evaluation::validate(form),
            _ => Vec::new(),
        }
    }

    fn build_report(_ctx: &Context, document: Value) -> Result<Report, Error> {
        if comparison::is_comparison(&document) {
            return Ok(report::comparison::build(&comparison::parse(document)?));
        }
        Ok(report::build(&dataset::parse(document)?))
    }
}

export!(Hessen);

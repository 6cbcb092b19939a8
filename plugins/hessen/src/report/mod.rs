//! The reports the guideline asks of a site: the annual report to the funders (Land and Bund)
//! with the task matrix and the Verfügungsfonds ([`annual`]), the Sozialraummonitoring across
//! years ([`monitoring`]), the Verfügungsfonds statement of a transparent award
//! ([`statement`]) and the self-evaluation along the GWA quality standards ([`evaluation`]).
//! Every kind is shaped here; none is left to the host. On HEGISS, the service centre, the
//! comparison across sites as well ([`comparison`]).

mod annual;
pub mod comparison;
mod evaluation;
mod monitoring;
mod statement;
mod tasks;

use quartier_plugin_sdk::dataset::{Dataset, ReportKind};
use quartier_plugin_sdk::report::{Report, Section, text};

use crate::config::QM_MODEL;
use crate::model::QmModel;

/// The report of the dataset's kind.
pub fn build(data: &Dataset) -> Report {
    match data.kind {
        ReportKind::Jahresbericht => annual::build(data),
        ReportKind::Monitoring => monitoring::build(data),
        ReportKind::Fondsabrechnung => statement::build(data),
        ReportKind::Selbstevaluation => evaluation::build(data),
    }
}

/// The municipality's model: the one its record names, if the guideline has it, else the
/// plugin's configured one.
fn model(data: &Dataset) -> QmModel {
    data.qm_model
        .as_deref()
        .and_then(|key| QmModel::from_key(key).ok())
        .unwrap_or(QM_MODEL)
}

/// The first section of every report: who, where, when, under which model.
fn overview(data: &Dataset) -> Section {
    let model = model(data);
    Section::new(
        "Berichtszeitraum und Gebiet",
        vec![model.description().to_owned()],
        vec![
            text(
                "Kommune",
                Some(
                    data.municipality_name
                        .as_deref()
                        .unwrap_or(&data.municipality),
                ),
            ),
            text("Gebiet", data.area.as_deref()),
            text("Berichtszeitraum", Some(&data.period_de())),
            text("QM-Modell", Some(&format!("Modell {}", model.number()))),
        ],
    )
}

//! The model's reports. "Alle Evaluationsverfahren orientieren sich an den im Rahmen des
//! Handlungskonzepts enthaltenen Zielen und messen daran den Erfolg des Quartiermanagements":
//! the annual report follows the three levels down to the measurable targets ([`levels`]),
//! the self-evaluation is the evaluation of target attainment — contracts and project
//! targets — that leads into the continuation of the action concept, the monitoring shows the
//! years side by side ([`monitoring`]), and the fund statement accounts for the Quartiersfonds
//! the Bürgerjury awards ([`statement`]).

mod contracts;
mod levels;
mod monitoring;
mod statement;

use quartier_plugin_sdk::dataset::{Dataset, ReportKind};
use quartier_plugin_sdk::report::{Report, Section, text};

use crate::catalogue::LEVELS;

/// The report of the dataset's kind.
pub fn build(data: &Dataset) -> Report {
    match data.kind {
        ReportKind::Jahresbericht => Report::Document {
            title: format!(
                "Jahresbericht Quartiermanagement – {} ({})",
                data.place(),
                data.period_de()
            ),
            sections: vec![
                overview(data),
                levels::normative(data),
                contracts::strategic(data),
                levels::operative(data),
                levels::bodies(data),
                levels::concerns(data),
                levels::tasks(data),
                levels::continuation(data),
            ],
        },
        ReportKind::Selbstevaluation => Report::Document {
            title: format!(
                "Evaluation der Zielerreichung – {} ({})",
                data.place(),
                data.period_de()
            ),
            sections: vec![
                overview(data),
                contracts::strategic(data),
                levels::operative(data),
                levels::continuation(data),
            ],
        },
        ReportKind::Monitoring => monitoring::build(data),
        ReportKind::Fondsabrechnung => statement::build(data),
    }
}

/// The first section of every report: where and when, and the three levels.
fn overview(data: &Dataset) -> Section {
    let mut paragraphs = vec![
        "Das integrierte Handlungskonzept bildet den roten Faden zwischen normativer, \
         strategischer und operativer Ebene; mit zunehmender Konkretisierung werden die Ziele \
         messbar."
            .to_owned(),
    ];
    paragraphs.extend(
        LEVELS
            .iter()
            .map(|(level, task)| format!("{level}: {task}")),
    );
    Section::new(
        "Gebiet, Zeitraum und Organisationsmodell",
        paragraphs,
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
        ],
    )
}

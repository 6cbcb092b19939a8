//! Hasenbuck's reports: the annual report along the nine tasks ([`annual`]) and the quarter's
//! development across years ([`monitoring`]), the basis for "Aufwertung, Verbesserung und
//! Stabilisierung der Lebensbedingungen vor Ort". The seed names no fund and no
//! self-evaluation: those kinds are the host's.

mod annual;
mod monitoring;

use quartier_plugin_sdk::dataset::{Dataset, ReportKind};
use quartier_plugin_sdk::report::{Report, Section, text};

/// The report of the dataset's kind.
pub fn build(data: &Dataset) -> Report {
    match data.kind {
        ReportKind::Jahresbericht => annual::build(data),
        ReportKind::Monitoring => monitoring::build(data),
        ReportKind::Fondsabrechnung | ReportKind::Selbstevaluation => Report::HostDefault,
    }
}

/// Where the report is about: the area, else the Hasenbuck this plugin is for.
fn place(data: &Dataset) -> &str {
    data.area.as_deref().unwrap_or("Hasenbuck")
}

/// The first section of every report.
fn overview(data: &Dataset) -> Section {
    Section::new(
        "Gebiet und Berichtszeitraum",
        vec![],
        vec![
            text("Gebiet", Some(place(data))),
            text("Berichtszeitraum", Some(&data.period_de())),
        ],
    )
}

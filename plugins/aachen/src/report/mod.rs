//! Aachen's reports: the report along the six core tasks of the QM ([`annual`]), the
//! Stadtteilfonds report for the committee with the Stadtteilkonferenzen's advice
//! ([`statement`]) and the QM's own indicators across years ([`monitoring`]). Aachen's concept
//! knows no self-evaluation form: that kind is the host's.

mod annual;
mod monitoring;
mod statement;

use quartier_plugin_sdk::dataset::{Dataset, ReportKind};
use quartier_plugin_sdk::report::{Report, Section, text};

/// The report of the dataset's kind.
pub fn build(data: &Dataset) -> Report {
    match data.kind {
        ReportKind::Jahresbericht => annual::build(data),
        ReportKind::Monitoring => monitoring::build(data),
        ReportKind::Fondsabrechnung => statement::build(data),
        ReportKind::Selbstevaluation => Report::HostDefault,
    }
}

/// The first section of every report.
fn overview(data: &Dataset) -> Section {
    Section::new(
        "Gebiet und Berichtszeitraum",
        vec![
            "Die Stadt Aachen gliedert sich in 14 Sozialräume und 60 Lebensräume. Das \
             städtische Quartiersmanagement setzt sich das Ziel, gemeinsam mit den Menschen \
             und Institutionen vor Ort positive Impulse für die gesellschaftliche Entwicklung \
             im Quartier zu geben."
                .into(),
        ],
        vec![
            text("Gebiet", data.area.as_deref()),
            text("Berichtszeitraum", Some(&data.period_de())),
        ],
    )
}

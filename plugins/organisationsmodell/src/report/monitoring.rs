//! The monitoring across years: the model measures the QM against its targets, and the
//! continuation of the action concept needs to see how the quarter moves year by year —
//! participation in the bodies, the flow of concerns, the fund and the projects.

use quartier_plugin_sdk::dataset::Dataset;
use quartier_plugin_sdk::report::years::{Indicator, chart, table};
use quartier_plugin_sdk::report::{ChartKind, Report, Section};

use super::overview;

const INDICATORS: [Indicator; 9] = [
    Indicator::MeetingsHeld,
    Indicator::AttendanceRate,
    Indicator::Organisations,
    Indicator::ConcernsReceived,
    Indicator::FeedbackShare,
    Indicator::MedianDaysToFeedback,
    Indicator::FundApplications,
    Indicator::FundDecided,
    Indicator::Projects,
];

/// The monitoring report.
pub fn build(data: &Dataset) -> Report {
    let years = &data.years;
    let mut section = Section::new(
        "Entwicklung im Zeitverlauf",
        vec![
            "Die Kennzahlen je Jahr begleiten die Evaluation an den Zielen des \
             Handlungskonzepts und seine Fortschreibung."
                .into(),
        ],
        vec![],
    );
    if years.is_empty() {
        section
            .paragraphs
            .push("Für den Zeitraum liegen keine Jahreswerte vor.".into());
    } else {
        section = section.with_table(table("Kennzahlen je Jahr", &INDICATORS, years));
        let charts = [
            chart(
                "Gremienarbeit",
                "Durchgeführte Sitzungen und beteiligte Organisationen je Jahr.",
                ChartKind::Line,
                &[Indicator::MeetingsHeld, Indicator::Organisations],
                years,
            ),
            chart(
                "Projekte",
                "Laufende Projekte je Jahr.",
                ChartKind::Bar,
                &[Indicator::Projects],
                years,
            ),
        ];
        for chart in charts.into_iter().flatten() {
            section = section.with_chart(chart);
        }
    }
    Report::Document {
        title: format!(
            "Monitoring Quartiermanagement – {} ({})",
            data.place(),
            data.period_de()
        ),
        sections: vec![overview(data), section],
    }
}

//! The quarter's development across years: the first task is the "Aufwertung, Verbesserung und
//! Stabilisierung der Lebensbedingungen vor Ort", and whether activation and the contact on
//! site reach people shows year by year.

use quartier_plugin_sdk::dataset::Dataset;
use quartier_plugin_sdk::report::years::{Indicator, chart, table};
use quartier_plugin_sdk::report::{ChartKind, Report, Section};

use super::{overview, place};

const INDICATORS: [Indicator; 9] = [
    Indicator::MeetingsHeld,
    Indicator::AttendanceRate,
    Indicator::Organisations,
    Indicator::Projects,
    Indicator::ConcernsReceived,
    Indicator::ConcernsAnswered,
    Indicator::MedianDaysToFeedback,
    Indicator::FundApplications,
    Indicator::FundDecided,
];

/// The monitoring report.
pub fn build(data: &Dataset) -> Report {
    let years = &data.years;
    let mut section = Section::new("Entwicklung im Zeitverlauf", vec![], vec![]);
    if years.is_empty() {
        section
            .paragraphs
            .push("Für den Zeitraum liegen keine Jahreswerte vor.".into());
    } else {
        section = section.with_table(table("Kennzahlen je Jahr", &INDICATORS, years));
        let charts = [
            chart(
                "Aktivierung und Vernetzung",
                "Durchgeführte Sitzungen und Treffen, Organisationen im Netzwerk und laufende \
                 Projekte je Jahr.",
                ChartKind::Line,
                &[
                    Indicator::MeetingsHeld,
                    Indicator::Organisations,
                    Indicator::Projects,
                ],
                years,
            ),
            chart(
                "Ansprechpartner vor Ort",
                "Eingegangene Anliegen und Anliegen mit Rückmeldung je Jahr.",
                ChartKind::Line,
                &[Indicator::ConcernsReceived, Indicator::ConcernsAnswered],
                years,
            ),
        ];
        for chart in charts.into_iter().flatten() {
            section = section.with_chart(chart);
        }
    }
    Report::Document {
        title: format!(
            "Entwicklung des Quartiers {} ({})",
            place(data),
            data.period_de()
        ),
        sections: vec![overview(data), section],
    }
}

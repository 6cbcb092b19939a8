//! The QM's indicators across years. Aachen's concept warns that evaluating the QM "über
//! sozio-ökonomische Indikatoren (z.B. Arbeitslosenquote) führt zu falschen Schlüssen": the
//! QM works on soft factors — Beteiligungskultur, the Lotsenfunktion, projects — so these are
//! the indicators here; the structural data stay with the Sozialentwicklungsplan.

use quartier_plugin_sdk::dataset::Dataset;
use quartier_plugin_sdk::report::years::{Indicator, chart, table};
use quartier_plugin_sdk::report::{ChartKind, Report, Section};

use super::overview;

const INDICATORS: [Indicator; 10] = [
    Indicator::MeetingsHeld,
    Indicator::AttendanceRate,
    Indicator::Organisations,
    Indicator::ConcernsReceived,
    Indicator::ConcernsAnswered,
    Indicator::FeedbackShare,
    Indicator::MedianDaysToFeedback,
    Indicator::Projects,
    Indicator::FundApplications,
    Indicator::FundDecided,
];

/// The monitoring report.
pub fn build(data: &Dataset) -> Report {
    let title = format!(
        "Quartiersentwicklung im Zeitverlauf – {} ({})",
        data.place(),
        data.period_de()
    );
    let years = &data.years;
    let mut section = Section::new(
        "Stellschrauben des Quartiersmanagements",
        vec![
            "Quartiersmanagement kann die sozio-strukturellen Bedingungen vor Ort nicht oder \
             nur sehr eingeschränkt beeinflussen; es arbeitet an weichen Faktoren: \
             Wohnzufriedenheit, Beteiligungskultur, Lotsenfunktion und die öffentliche \
             Wahrnehmung des Quartiers. Die Strukturdaten der Quartiere enthält der \
             Sozialentwicklungsplan."
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
                "Beteiligungskultur",
                "Durchgeführte Sitzungen und beteiligte Organisationen je Jahr.",
                ChartKind::Line,
                &[Indicator::MeetingsHeld, Indicator::Organisations],
                years,
            ),
            chart(
                "Lotsenfunktion",
                "Eingegangene Anliegen und Anliegen mit Rückmeldung an die Meldenden je Jahr.",
                ChartKind::Line,
                &[Indicator::ConcernsReceived, Indicator::ConcernsAnswered],
                years,
            ),
            chart(
                "Tage bis zur Rückmeldung",
                "Median der Tage vom Eingang eines Anliegens bis zur Rückmeldung je Jahr.",
                ChartKind::Line,
                &[Indicator::MedianDaysToFeedback],
                years,
            ),
        ];
        for chart in charts.into_iter().flatten() {
            section = section.with_chart(chart);
        }
    }
    Report::Document {
        title,
        sections: vec![overview(data), section],
    }
}

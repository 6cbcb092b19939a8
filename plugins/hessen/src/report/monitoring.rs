//! The Sozialraummonitoring: the guideline asks to involve the QM "in die Umsetzung oder
//! Erarbeitung eines (städtischen oder stadtteilbezogenen) Monitorings" and lists it among
//! the tasks "Monitoring, Evaluation, Berichte". The indicators are those the QM's own work
//! moves — participation, the concerns it passes on, the Verfügungsfonds, projects and the
//! network — year by year.

use quartier_plugin_sdk::dataset::Dataset;
use quartier_plugin_sdk::report::years::{Indicator, chart, table};
use quartier_plugin_sdk::report::{ChartKind, Report, Section};

use super::overview;

const INDICATORS: [Indicator; 11] = [
    Indicator::MeetingsHeld,
    Indicator::AttendanceRate,
    Indicator::Organisations,
    Indicator::ConcernsReceived,
    Indicator::ConcernsAnswered,
    Indicator::FeedbackShare,
    Indicator::MedianDaysToFeedback,
    Indicator::FundApplications,
    Indicator::FundDecided,
    Indicator::FundPaid,
    Indicator::Projects,
];

/// The monitoring report.
pub fn build(data: &Dataset) -> Report {
    let title = format!(
        "Sozialraummonitoring – {} ({})",
        data.place(),
        data.period_de()
    );
    let mut sections = vec![overview(data)];
    let years = &data.years;
    if years.is_empty() {
        sections.push(Section::new(
            "Kennzahlen im Zeitverlauf",
            vec!["Für den Zeitraum liegen keine Jahreswerte vor.".into()],
            vec![],
        ));
        return Report::Document { title, sections };
    }
    let mut indicators = Section::new(
        "Kennzahlen im Zeitverlauf",
        vec![
            "Die Kennzahlen je Kalenderjahr zeigen, wie sich Beteiligung, Anliegen, \
             Verfügungsfonds und Projekte im Gebiet entwickeln; sie sind Grundlage für die \
             Fortschreibung der Entwicklungsziele und für das Nachhaltigkeitskonzept."
                .into(),
        ],
        vec![],
    )
    .with_table(table("Kennzahlen je Jahr", &INDICATORS, years));
    let charts = [
        chart(
            "Beteiligung: Sitzungen und Netzwerk",
            "Durchgeführte Sitzungen und Organisationen im Netzwerk je Jahr.",
            ChartKind::Line,
            &[Indicator::MeetingsHeld, Indicator::Organisations],
            years,
        ),
        chart(
            "Teilnahmequote",
            "Anteil der Anwesenden an allen Einträgen der Anwesenheitslisten je Jahr.",
            ChartKind::Line,
            &[Indicator::AttendanceRate],
            years,
        ),
        chart(
            "Anliegen aus dem Stadtteil",
            "Eingegangene Anliegen und Anliegen mit Rückmeldung je Jahr.",
            ChartKind::Line,
            &[Indicator::ConcernsReceived, Indicator::ConcernsAnswered],
            years,
        ),
        chart(
            "Fondsmittel",
            "Bewilligte und ausgezahlte Fondsmittel je Jahr in Euro.",
            ChartKind::Bar,
            &[Indicator::FundDecided, Indicator::FundPaid],
            years,
        ),
    ];
    for chart in charts.into_iter().flatten() {
        indicators = indicators.with_chart(chart);
    }
    sections.push(indicators);
    Report::Document { title, sections }
}

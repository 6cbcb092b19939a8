//! The base monitoring (*Sozialraummonitoring*): the key indicators of the municipality or
//! area per year of the period, as a table and as lines.

use quartier_documents::dataset::{Dataset, YearFigures};
use quartier_documents::{Chart, ChartKind, Column, Format, Section, Series, Table};

use super::parts::{self, euro, maybe};

pub fn sections(data: &Dataset) -> Vec<Section> {
    let years = &data.years;
    let table = years.iter().fold(
        Table::new(
            "Kennzahlen je Jahr",
            vec![
                Column::new("Jahr", Format::Text),
                Column::new("Sitzungen", Format::Count),
                Column::new("Teilnahmequote", Format::Percent),
                Column::new("Anliegen", Format::Count),
                Column::new("beantwortet", Format::Count),
                Column::new("Tage bis zur Rückmeldung (Median)", Format::Days),
                Column::new("Fondsanträge", Format::Count),
                Column::new("Bewilligt", Format::Euro),
                Column::new("Ausgezahlt", Format::Euro),
                Column::new("Projekte", Format::Count),
                Column::new("Organisationen", Format::Count),
            ],
        ),
        |table, y| {
            table.row(vec![
                y.year.to_string().into(),
                y.meetings_held.into(),
                maybe(y.attendance_rate),
                y.concerns_received.into(),
                y.concerns_answered.into(),
                maybe(y.median_days_to_feedback),
                y.fund_applications.into(),
                euro(y.fund_decided_cents),
                euro(y.fund_paid_cents),
                y.projects.into(),
                y.organisations.into(),
            ])
        },
    );
    let mut series = Section::new(
        "Entwicklung über die Jahre",
        if years.is_empty() {
            vec!["Für den Zeitraum liegen keine Kennzahlen vor.".to_owned()]
        } else {
            vec![]
        },
        vec![],
    )
    .with_table(table);
    if !years.is_empty() {
        series = series
            .with_chart(lines(
                years,
                "Anliegen je Jahr",
                "Linien: eingegangene und beantwortete Anliegen je Jahr.",
                Format::Count,
                &[
                    ("Eingegangen", &|y| y.concerns_received as f64),
                    ("Beantwortet", &|y| y.concerns_answered as f64),
                ],
            ))
            .with_chart(lines(
                years,
                "Fondsmittel je Jahr",
                "Linien: bewilligte und ausgezahlte Fondsmittel je Jahr in Euro.",
                Format::Euro,
                &[
                    ("Bewilligt", &|y| y.fund_decided_cents as f64 / 100.0),
                    ("Ausgezahlt", &|y| y.fund_paid_cents as f64 / 100.0),
                ],
            ))
            .with_chart(lines(
                years,
                "Netzwerk je Jahr",
                "Linien: durchgeführte Sitzungen, laufende Projekte und beteiligte \
                 Organisationen je Jahr.",
                Format::Count,
                &[
                    ("Sitzungen", &|y| y.meetings_held as f64),
                    ("Projekte", &|y| y.projects as f64),
                    ("Organisationen", &|y| y.organisations as f64),
                ],
            ));
    }
    vec![parts::overview(data), series]
}

type Pick<'a> = &'a dyn Fn(&YearFigures) -> f64;

fn lines(
    years: &[YearFigures],
    title: &str,
    description: &str,
    format: Format,
    picks: &[(&str, Pick<'_>)],
) -> Chart {
    Chart {
        title: title.into(),
        description: description.into(),
        kind: ChartKind::Line,
        format,
        labels: years.iter().map(|y| y.year.to_string()).collect(),
        series: picks
            .iter()
            .map(|(name, pick)| Series {
                name: (*name).into(),
                values: years.iter().map(|y| Some(pick(y))).collect(),
            })
            .collect(),
    }
}

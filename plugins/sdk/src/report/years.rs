//! The yearly indicators of the dataset (`years`, oldest first) as a table and as charts —
//! the monitoring of an area across several years. A plugin picks the [`Indicator`]s its
//! model watches and their order.

use quartier_documents::dataset::YearFigures;

use super::{Chart, ChartKind, Column, Format, Series, Table, ratio};
use crate::Value;

/// One indicator of [`YearFigures`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indicator {
    /// Meetings held.
    MeetingsHeld,
    /// Share present of the attendance entries.
    AttendanceRate,
    /// Concerns received.
    ConcernsReceived,
    /// Concerns answered.
    ConcernsAnswered,
    /// Share of concerns received that were answered.
    FeedbackShare,
    /// Median days to feedback.
    MedianDaysToFeedback,
    /// Fund applications received.
    FundApplications,
    /// Fund sums approved.
    FundDecided,
    /// Fund sums paid.
    FundPaid,
    /// Projects running.
    Projects,
    /// Organisations in the network at the year's end.
    Organisations,
}

impl Indicator {
    /// The column heading and series name.
    pub fn label(self) -> &'static str {
        match self {
            Indicator::MeetingsHeld => "Sitzungen",
            Indicator::AttendanceRate => "Teilnahmequote",
            Indicator::ConcernsReceived => "Anliegen eingegangen",
            Indicator::ConcernsAnswered => "Anliegen mit Rückmeldung",
            Indicator::FeedbackShare => "Anteil mit Rückmeldung",
            Indicator::MedianDaysToFeedback => "Median Tage bis Rückmeldung",
            Indicator::FundApplications => "Fondsanträge",
            Indicator::FundDecided => "Bewilligt (€)",
            Indicator::FundPaid => "Ausgezahlt (€)",
            Indicator::Projects => "Laufende Projekte",
            Indicator::Organisations => "Organisationen im Netzwerk",
        }
    }

    /// How its values are meant.
    pub fn format(self) -> Format {
        match self {
            Indicator::MeetingsHeld
            | Indicator::ConcernsReceived
            | Indicator::ConcernsAnswered
            | Indicator::FundApplications
            | Indicator::Projects
            | Indicator::Organisations => Format::Count,
            Indicator::AttendanceRate | Indicator::FeedbackShare => Format::Percent,
            Indicator::MedianDaysToFeedback => Format::Days,
            Indicator::FundDecided | Indicator::FundPaid => Format::Euro,
        }
    }

    /// Its value in `year`; `None` where nothing was measured.
    pub fn value(self, year: &YearFigures) -> Option<f64> {
        match self {
            Indicator::MeetingsHeld => Some(year.meetings_held as f64),
            Indicator::AttendanceRate => year.attendance_rate,
            Indicator::ConcernsReceived => Some(year.concerns_received as f64),
            Indicator::ConcernsAnswered => Some(year.concerns_answered as f64),
            Indicator::FeedbackShare => ratio(year.concerns_answered, year.concerns_received),
            Indicator::MedianDaysToFeedback => year.median_days_to_feedback,
            Indicator::FundApplications => Some(year.fund_applications as f64),
            Indicator::FundDecided => Some(year.fund_decided_cents as f64 / 100.0),
            Indicator::FundPaid => Some(year.fund_paid_cents as f64 / 100.0),
            Indicator::Projects => Some(year.projects as f64),
            Indicator::Organisations => Some(year.organisations as f64),
        }
    }

    /// Its value in `year` as a table cell: counts stay whole numbers.
    fn cell(self, year: &YearFigures) -> Value {
        match (self.format(), self.value(year)) {
            (_, None) => Value::Null,
            (Format::Count, Some(v)) => Value::from(v as u64),
            (_, Some(v)) => Value::from(v),
        }
    }
}

/// One row per year (the year as text, so it is never summed or grouped like a number), one
/// column per indicator.
pub fn table(title: &str, indicators: &[Indicator], years: &[YearFigures]) -> Table {
    let mut columns = vec![Column::new("Jahr", Format::Text)];
    columns.extend(
        indicators
            .iter()
            .map(|i| Column::new(i.label(), i.format())),
    );
    let mut table = Table::new(title, columns);
    for year in years {
        let mut row = vec![Value::from(year.year.to_string())];
        row.extend(indicators.iter().map(|i| i.cell(year)));
        table = table.row(row);
    }
    table
}

/// A chart of `indicators` across the years, one series each; its format is the first
/// indicator's, so give indicators of one format. `None` without years or indicators.
pub fn chart(
    title: &str,
    description: &str,
    kind: ChartKind,
    indicators: &[Indicator],
    years: &[YearFigures],
) -> Option<Chart> {
    let first = indicators.first()?;
    if years.is_empty() {
        return None;
    }
    Some(Chart {
        title: title.to_owned(),
        description: description.to_owned(),
        kind,
        format: first.format(),
        labels: years.iter().map(|y| y.year.to_string()).collect(),
        series: indicators
            .iter()
            .map(|i| Series {
                name: i.label().to_owned(),
                values: years.iter().map(|y| i.value(y)).collect(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years() -> Vec<YearFigures> {
        vec![
            YearFigures {
                year: 2025,
                concerns_received: 40,
                concerns_answered: 30,
                fund_decided_cents: 123_456,
                ..YearFigures::default()
            },
            YearFigures {
                year: 2026,
                concerns_received: 0,
                ..YearFigures::default()
            },
        ]
    }

    #[test]
    fn the_table_has_a_row_per_year_and_a_formatted_column_per_indicator() {
        let t = table(
            "Kennzahlen",
            &[
                Indicator::ConcernsReceived,
                Indicator::FeedbackShare,
                Indicator::FundDecided,
            ],
            &years(),
        );
        assert_eq!(t.columns[1].format, Format::Count);
        assert_eq!(t.columns[2].format, Format::Percent);
        assert_eq!(
            t.rows[0],
            [
                Value::from("2025"),
                Value::from(40),
                Value::from(0.75),
                Value::from(1234.56)
            ]
        );
        assert_eq!(t.rows[1][2], Value::Null, "no share without concerns");
    }

    #[test]
    fn a_chart_needs_years_and_indicators() {
        let c = chart(
            "Anliegen",
            "Anliegen je Jahr",
            ChartKind::Line,
            &[Indicator::ConcernsReceived, Indicator::ConcernsAnswered],
            &years(),
        )
        .unwrap();
        assert_eq!(c.labels, ["2025", "2026"]);
        assert_eq!(c.series[1].values, [Some(30.0), Some(0.0)]);
        assert!(chart("A", "B", ChartKind::Line, &[], &years()).is_none());
        assert!(chart("A", "B", ChartKind::Line, &[Indicator::Projects], &[]).is_none());
    }
}

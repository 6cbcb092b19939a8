//! A report's sections as the page and the PDF show them: every value formatted
//! (`number.rs`), every chart drawn (`chart.rs`) with its numbers as a table, and the
//! report's tables numbered in document order (the `table` of a CSV download).

use quartier_documents::report::{Chart, Format, Table};
use quartier_documents::{Figure, Section};
use serde::Serialize;
use serde_json::Value;

use super::{DE, chart, number};

/// The sections, ready to show.
#[derive(Debug, Serialize)]
pub struct View {
    pub sections: Vec<SectionView>,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    /// The heading's id on the page ("abschnitt-3").
    pub id: String,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub figures: Vec<FigureView>,
    pub tables: Vec<TableView>,
    pub charts: Vec<ChartView>,
}

#[derive(Debug, Serialize)]
pub struct FigureView {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct TableView {
    /// The caption's id on the page ("tabelle-2").
    pub id: String,
    /// The table's number among the report's tables (from 1), `None` for a chart's numbers.
    pub number: Option<usize>,
    pub title: String,
    pub columns: Vec<ColumnView>,
    /// Body rows; the first cell of each is its row heading.
    pub rows: Vec<Vec<String>>,
    /// The sum row, shown apart.
    pub total: Option<Vec<String>>,
    /// Where its CSV is downloaded, when the page offers downloads.
    pub csv: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ColumnView {
    pub label: String,
    /// Right-aligned (numbers).
    pub numeric: bool,
}

#[derive(Debug, Serialize)]
pub struct ChartView {
    /// The drawing's id on the page ("diagramm-1"), unique per page.
    pub id: String,
    pub title: String,
    pub description: String,
    /// The drawing, a standalone SVG document.
    pub svg: String,
    /// Its numbers.
    pub table: TableView,
}

impl View {
    /// The view of `sections`; `csv_href(n)` is the download address of table `n`, if any.
    pub fn new(sections: &[Section], csv_href: &dyn Fn(usize) -> Option<String>) -> View {
        let mut tables = 0;
        let mut charts = 0;
        let sections = sections
            .iter()
            .enumerate()
            .map(|(i, section)| SectionView {
                id: format!("abschnitt-{}", i + 1),
                heading: section.heading.clone(),
                paragraphs: section.paragraphs.clone(),
                figures: section.figures.iter().map(figure).collect(),
                tables: section
                    .tables
                    .iter()
                    .map(|t| {
                        tables += 1;
                        table(
                            t,
                            format!("tabelle-{tables}"),
                            Some(tables),
                            csv_href(tables),
                        )
                    })
                    .collect(),
                charts: section
                    .charts
                    .iter()
                    .map(|c| {
                        charts += 1;
                        chart_view(c, charts)
                    })
                    .collect(),
            })
            .collect();
        View { sections }
    }
}

fn figure(figure: &Figure) -> FigureView {
    FigureView {
        label: figure.label.clone(),
        value: number::display(&figure.value, figure.format),
    }
}

fn numeric(format: Format) -> bool {
    !matches!(format, Format::Text | Format::Date)
}

fn table(table: &Table, id: String, number: Option<usize>, csv: Option<String>) -> TableView {
    let cells = |row: &Vec<Value>| -> Vec<String> {
        table
            .columns
            .iter()
            .enumerate()
            .map(|(i, column)| number::display(row.get(i).unwrap_or(&Value::Null), column.format))
            .collect()
    };
    let mut rows: Vec<Vec<String>> = table.rows.iter().map(cells).collect();
    let total = if table.total_row { rows.pop() } else { None };
    TableView {
        id,
        number,
        title: table.title.clone(),
        columns: table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| ColumnView {
                label: c.label.clone(),
                numeric: i > 0 && numeric(c.format),
            })
            .collect(),
        rows,
        total,
        csv,
    }
}

/// A chart's numbers: one row per label, one column per series.
fn chart_view(chart: &Chart, n: usize) -> ChartView {
    let id = format!("diagramm-{n}");
    let columns = std::iter::once(ColumnView {
        label: DE.chart_category.to_owned(),
        numeric: false,
    })
    .chain(chart.series.iter().map(|s| ColumnView {
        label: s.name.clone(),
        numeric: true,
    }))
    .collect();
    let rows = chart
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            std::iter::once(label.clone())
                .chain(chart.series.iter().map(|s| match s.values.get(i) {
                    Some(Some(v)) if v.is_finite() => number::number(*v, chart.format),
                    _ => number::NONE.to_owned(),
                }))
                .collect()
        })
        .collect();
    ChartView {
        svg: chart::svg(chart, &id),
        table: TableView {
            id: format!("{id}-zahlen"),
            number: None,
            title: format!("{} – {}", chart.title, DE.chart_numbers),
            columns,
            rows,
            total: None,
            csv: None,
        },
        id,
        title: chart.title.clone(),
        description: chart.description.clone(),
    }
}

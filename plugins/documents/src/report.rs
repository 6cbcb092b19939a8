//! What `build_report` returns (`schemas/plugin/report.schema.json`): the host's standard
//! report, or a title and sections — paragraphs, key figures, tables and charts — for the
//! host to render as a page, CSV, XLSX, PDF and JSON.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What `build_report` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "report", rename_all = "snake_case")]
pub enum Report {
    /// The host renders its standard report.
    HostDefault,
    /// A report shaped by the plugin.
    Document {
        /// The report's title.
        title: String,
        /// Its sections in order.
        sections: Vec<Section>,
    },
}

/// A section of a report: its parts are shown in this order — paragraphs, figures, tables,
/// charts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The heading.
    pub heading: String,
    /// Paragraphs of text.
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// Key figures: label and value, taken from the dataset.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
    /// Charts, each with the numbers it draws.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charts: Vec<Chart>,
}

impl Section {
    /// A section with a heading, paragraphs and figures.
    pub fn new(heading: impl Into<String>, paragraphs: Vec<String>, figures: Vec<Figure>) -> Self {
        Section {
            heading: heading.into(),
            paragraphs,
            figures,
            tables: Vec::new(),
            charts: Vec::new(),
        }
    }

    /// The section with `table` added after its tables.
    pub fn with_table(mut self, table: Table) -> Self {
        self.tables.push(table);
        self
    }

    /// The section with `chart` added after its charts.
    pub fn with_chart(mut self, chart: Chart) -> Self {
        self.charts.push(chart);
        self
    }
}

/// How a number is meant, so every format shows it right (`1.234,50 €`, `12,5 %`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A count of things or cases; counts below the threshold are suppressed when a report
    /// is published.
    Count,
    /// Any other number.
    #[default]
    Number,
    /// A sum of money in euros (`1234.5` is 1.234,50 €).
    Euro,
    /// A share from 0 to 1 (`0.125` is 12,5 %).
    Percent,
    /// A number of days.
    Days,
    /// An ISO date (`2026-12-31`).
    Date,
    /// Text.
    Text,
}

/// One key figure of a report section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// What is counted.
    pub label: String,
    /// The value: a number, text, true/false, or `null` for no data.
    pub value: Value,
    /// How the value is meant.
    #[serde(default, skip_serializing_if = "Format::is_number")]
    pub format: Format,
}

impl Format {
    fn is_number(&self) -> bool {
        *self == Format::Number
    }
}

impl Figure {
    /// A figure: `Figure::new("Haushaltsjahr", 2026)`. A `None` becomes `null`.
    pub fn new(label: impl Into<String>, value: impl Into<Value>) -> Self {
        Figure {
            label: label.into(),
            value: value.into(),
            format: Format::Number,
        }
    }

    /// A count: `Figure::count("Durchgeführte Sitzungen", 31)`.
    pub fn count(label: impl Into<String>, value: u64) -> Self {
        Figure::new(label, value).formatted(Format::Count)
    }

    /// A sum of money given in cents, shown in euros.
    pub fn euro_cents(label: impl Into<String>, cents: i64) -> Self {
        Figure::new(label, cents as f64 / 100.0).formatted(Format::Euro)
    }

    /// The figure with `format`.
    pub fn formatted(mut self, format: Format) -> Self {
        self.format = format;
        self
    }
}

/// A table: column headings with their formats, and rows of cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The table's title (also the CSV file's and the XLSX sheet's name).
    pub title: String,
    /// The columns in order.
    pub columns: Vec<Column>,
    /// The rows; each has one cell per column (a number, text, true/false or `null`).
    pub rows: Vec<Vec<Value>>,
    /// Whether the last row holds the sums of the rows above in its count columns (so a
    /// published report suppresses enough cells that none can be recovered from it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub total_row: bool,
}

fn is_false(b: &bool) -> bool {
    !b
}

impl Table {
    /// A table with `columns` and no rows.
    pub fn new(title: impl Into<String>, columns: Vec<Column>) -> Self {
        Table {
            title: title.into(),
            columns,
            rows: Vec::new(),
            total_row: false,
        }
    }

    /// The table with `row` added.
    pub fn row(mut self, row: Vec<Value>) -> Self {
        self.rows.push(row);
        self
    }

    /// The table with a last row `label` that sums each count, number and euro column.
    pub fn with_total(mut self, label: &str) -> Self {
        let mut total: Vec<Value> = Vec::with_capacity(self.columns.len());
        for (i, column) in self.columns.iter().enumerate() {
            let summed = matches!(column.format, Format::Count | Format::Euro | Format::Number);
            total.push(if i == 0 {
                Value::from(label)
            } else if summed {
                let values = self.rows.iter().filter_map(|r| r.get(i)?.as_f64());
                let sum: f64 = values.sum();
                if column.format == Format::Count {
                    Value::from(sum as u64)
                } else {
                    Value::from(sum)
                }
            } else {
                Value::Null
            });
        }
        self.rows.push(total);
        self.total_row = true;
        self
    }
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// The heading.
    pub label: String,
    /// How its cells are meant.
    #[serde(default)]
    pub format: Format,
}

impl Column {
    /// A column `label` of `format`.
    pub fn new(label: impl Into<String>, format: Format) -> Self {
        Column {
            label: label.into(),
            format,
        }
    }
}

/// How a chart draws its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Bars, one group per label.
    #[default]
    Bar,
    /// Lines across the labels (e.g. years).
    Line,
}

/// A chart with its data: the host draws it and shows the numbers beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// The chart's title.
    pub title: String,
    /// What it shows, in a sentence (the text alternative).
    pub description: String,
    /// Bars or lines.
    #[serde(default)]
    pub kind: ChartKind,
    /// How the values are meant.
    #[serde(default)]
    pub format: Format,
    /// The categories along the axis (e.g. years or fund kinds).
    pub labels: Vec<String>,
    /// The series, each with one value per label (`null` for none).
    pub series: Vec<Series>,
}

/// One series of a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// The series' name (the legend).
    pub name: String,
    /// One value per label of the chart.
    pub values: Vec<Option<f64>>,
}

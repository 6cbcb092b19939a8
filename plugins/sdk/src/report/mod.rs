//! Building blocks for `build_report`: the report document's types and small helpers that
//! give every number its format — counts as [`Format::Count`] (a published report suppresses
//! small counts, so a count must say it is one), money as [`Format::Euro`], shares as
//! [`Format::Percent`], days as [`Format::Days`] — plus tables of counts, a fund's statement
//! ([`funds`]) and the yearly indicators ([`years`]).
//!
//! ```
//! use std::collections::BTreeMap;
//! use quartier_plugin_sdk::report::{Listing, Section, counts_table, share};
//!
//! let by_category = BTreeMap::from([("wilder_muell".to_owned(), 27)]);
//! let table = counts_table(
//!     "Anliegen nach Kategorie",
//!     ("Kategorie", "Anliegen"),
//!     &by_category,
//!     &[("wilder_muell", "Wilder Müll"), ("schlagloch", "Schlaglöcher")],
//!     Listing::Catalogue,
//!     str::to_owned,
//! );
//! assert_eq!(table.rows.len(), 3, "two categories and the total");
//! let section = Section::new("Anliegen", vec![], vec![share("Mit Rückmeldung", Some(0.8))])
//!     .with_table(table);
//! assert_eq!(section.tables[0].rows[2][1], 27);
//! ```
//!
//! Helpers only build documents; what a report says is the plugin's.

pub mod funds;
pub mod projects;
pub mod tasks;
pub mod years;

use std::collections::BTreeMap;

pub use quartier_documents::report::{
    Chart, ChartKind, Column, Figure, Format, Report, Section, Series, Table,
};

use crate::Value;

/// A share from 0 to 1 shown as a percentage; `null` without data.
pub fn share(label: impl Into<String>, value: Option<f64>) -> Figure {
    Figure::new(label, value).formatted(Format::Percent)
}

/// A number of days; `null` without data.
pub fn days(label: impl Into<String>, value: Option<f64>) -> Figure {
    Figure::new(label, value).formatted(Format::Days)
}

/// A text; `null` without one.
pub fn text(label: impl Into<String>, value: Option<&str>) -> Figure {
    Figure::new(label, value).formatted(Format::Text)
}

/// `text` cut to at most `max` characters (the last one an ellipsis when cut): the report
/// schema caps titles and labels at 300 characters, chart labels at 200, cells at 1,000 and
/// paragraphs at 20,000, while some dataset texts are longer.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The longest text of a table cell.
pub const CELL_CHARS: usize = 1000;
/// The longest paragraph.
pub const PARAGRAPH_CHARS: usize = 20_000;

/// The most labels a chart may have (`report.schema.json`).
pub const CHART_LABELS_MAX: usize = 100;
/// The longest chart label.
pub const CHART_LABEL_CHARS: usize = 200;

/// `part` of `whole` as a share from 0 to 1; `None` when `whole` is 0.
pub fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Which rows [`counts_table`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Every catalogue entry, 0 included (a field of action without a project says something).
    Catalogue,
    /// Only the entries with a count.
    Present,
}

/// A table of counts by key: the catalogue's entries (key, label) in its order, then the keys
/// it lacks as `unlisted` names them (`str::to_owned` keeps the key), then the total.
/// `headings` are the two column headings.
pub fn counts_table(
    title: &str,
    headings: (&str, &str),
    counts: &BTreeMap<String, u64>,
    catalogue: &[(&str, &str)],
    listing: Listing,
    unlisted: impl Fn(&str) -> String,
) -> Table {
    let mut table = Table::new(
        title,
        vec![
            Column::new(headings.0, Format::Text),
            Column::new(headings.1, Format::Count),
        ],
    );
    for (key, label) in catalogue {
        let count = counts.get(*key).copied().unwrap_or(0);
        if count > 0 || listing == Listing::Catalogue {
            table = table.row(vec![Value::from(*label), Value::from(count)]);
        }
    }
    for (key, count) in counts {
        if !catalogue.iter().any(|(k, _)| k == key) {
            table = table.row(vec![Value::from(unlisted(key)), Value::from(*count)]);
        }
    }
    table.with_total("Summe")
}

/// A table of counts by name (e.g. departments), alphabetically, with the total.
pub fn named_counts_table(
    title: &str,
    headings: (&str, &str),
    counts: &BTreeMap<String, u64>,
) -> Table {
    counts_table(
        title,
        headings,
        counts,
        &[],
        Listing::Present,
        str::to_owned,
    )
}

/// The rows of `table` without its total row.
fn body(table: &Table) -> &[Vec<Value>] {
    if table.total_row {
        &table.rows[..table.rows.len().saturating_sub(1)]
    } else {
        &table.rows[..]
    }
}

/// The chart labels of `rows`: their first cells, clipped; `None` when there are none or
/// more than a chart may have.
fn chart_labels(rows: &[Vec<Value>]) -> Option<Vec<String>> {
    if rows.is_empty() || rows.len() > CHART_LABELS_MAX {
        return None;
    }
    Some(
        rows.iter()
            .map(|row| {
                clip(
                    row.first().and_then(Value::as_str).unwrap_or(""),
                    CHART_LABEL_CHARS,
                )
            })
            .collect(),
    )
}

/// A bar chart of one series from the body rows of a two-column table such as
/// [`counts_table`] makes (the total row left out); `None` for a table without rows or with
/// more than a chart can show.
pub fn bar_chart_of(table: &Table, title: &str, description: &str) -> Option<Chart> {
    let body = body(table);
    let labels = chart_labels(body)?;
    let values = body
        .iter()
        .map(|row| row.get(1).and_then(Value::as_f64))
        .collect();
    let column = table.columns.get(1);
    Some(Chart {
        title: title.to_owned(),
        description: description.to_owned(),
        kind: ChartKind::Bar,
        format: column.map_or(Format::Number, |c| c.format),
        labels,
        series: vec![Series {
            name: column.map_or_else(|| title.to_owned(), |c| c.label.clone()),
            values,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts() -> BTreeMap<String, u64> {
        BTreeMap::from([("b".to_owned(), 2), ("x".to_owned(), 1)])
    }

    #[test]
    fn a_catalogue_listing_keeps_zeros_and_names_unknown_keys() {
        let table = counts_table(
            "T",
            ("Art", "Anzahl"),
            &counts(),
            &[("a", "A"), ("b", "B")],
            Listing::Catalogue,
            |key| format!("Sonstiges ({key})"),
        );
        let rows: Vec<Vec<Value>> = table.rows;
        assert_eq!(
            rows,
            [
                vec![Value::from("A"), Value::from(0)],
                vec![Value::from("B"), Value::from(2)],
                vec![Value::from("Sonstiges (x)"), Value::from(1)],
                vec![Value::from("Summe"), Value::from(3)],
            ]
        );
        assert!(table.total_row);
    }

    #[test]
    fn a_present_listing_leaves_out_zeros() {
        let table = counts_table(
            "T",
            ("Art", "Anzahl"),
            &counts(),
            &[("a", "A"), ("b", "B")],
            Listing::Present,
            str::to_owned,
        );
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.columns[1].format, Format::Count);
    }

    #[test]
    fn the_chart_of_a_table_leaves_out_the_total() {
        let table = named_counts_table("T", ("Stelle", "Anliegen"), &counts());
        let chart = bar_chart_of(&table, "Anliegen", "Anliegen je Stelle").unwrap();
        assert_eq!(chart.labels, ["b", "x"]);
        assert_eq!(chart.series[0].values, [Some(2.0), Some(1.0)]);
        assert_eq!(chart.format, Format::Count);
        let empty = named_counts_table("T", ("Stelle", "Anliegen"), &BTreeMap::new());
        assert!(bar_chart_of(&empty, "Anliegen", "leer").is_none());
    }

    #[test]
    fn a_long_text_is_clipped_with_an_ellipsis() {
        assert_eq!(clip("Stadtteilfonds", 20), "Stadtteilfonds");
        assert_eq!(clip("Stadtteilfonds", 6), "Stadt…");
        assert_eq!(clip("Stadtteilfonds", 6).chars().count(), 6);
    }

    #[test]
    fn a_share_needs_a_whole() {
        assert_eq!(ratio(1, 4), Some(0.25));
        assert_eq!(ratio(1, 0), None);
        assert_eq!(share("Anteil", None).value, Value::Null);
    }
}

//! Sections and tables more than one base report shows.

use std::collections::BTreeMap;

use quartier_documents::dataset::Fund;
use quartier_documents::{Column, Dataset, Figure, Format, Section, Table};
use serde_json::Value;

use crate::funds::kinds::{ApplicationState, FundKind};
use crate::network::QmModel;

/// The label of the row that sums a table.
pub const TOTAL: &str = "Summe";

/// "Berichtszeitraum und Gebiet": municipality, area, period and QM model.
pub fn overview(data: &Dataset) -> Section {
    let model = data
        .qm_model
        .as_deref()
        .and_then(|key| key.parse::<QmModel>().ok())
        .map_or(Value::Null, |model| Value::from(model.label_de()));
    Section::new(
        "Berichtszeitraum und Gebiet",
        vec![],
        vec![
            Figure::new(
                "Kommune",
                data.municipality_name
                    .as_deref()
                    .unwrap_or(&data.municipality),
            )
            .formatted(Format::Text),
            Figure::new("Gebiet", data.area.as_deref().unwrap_or("gesamte Kommune"))
                .formatted(Format::Text),
            Figure::new("Berichtszeitraum", data.period_de()).formatted(Format::Text),
            Figure::new("QM-Modell", model).formatted(Format::Text),
        ],
    )
}

/// A table of counts per key, labelled by `label`, in key order, with a total row.
pub fn counts(
    title: &str,
    heading: &str,
    counts: &BTreeMap<String, u64>,
    label: impl Fn(&str) -> String,
) -> Table {
    let columns = vec![
        Column::new(heading, Format::Text),
        Column::new("Anzahl", Format::Count),
    ];
    counts
        .iter()
        .fold(Table::new(title, columns), |table, (key, n)| {
            table.row(vec![Value::from(label(key)), Value::from(*n)])
        })
        .with_total(TOTAL)
}

/// The label of a text enum's `key`, or the key itself when the vocabulary does not know it.
pub fn label_of<T: std::str::FromStr>(key: &str, label: impl Fn(T) -> &'static str) -> String {
    key.parse::<T>()
        .map_or_else(|_| key.to_owned(), |v| label(v).to_owned())
}

/// A fund's name for people: its name, or else its kind.
pub fn fund_name(fund: &Fund) -> String {
    fund.name
        .clone()
        .unwrap_or_else(|| label_of::<FundKind>(&fund.fund_kind, FundKind::label_de))
}

/// The label of a fund application state key.
pub fn application_state(key: &str) -> String {
    label_of::<ApplicationState>(key, ApplicationState::label_de)
}

/// Euros of an amount in cents, as a table cell.
pub fn euro(cents: i64) -> Value {
    Value::from(cents as f64 / 100.0)
}

/// An optional number as a cell (`null` for none).
pub fn maybe(value: Option<f64>) -> Value {
    value.map_or(Value::Null, Value::from)
}

/// An optional text as a cell (`null` for none).
pub fn maybe_text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, Value::from)
}

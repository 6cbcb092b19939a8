//! `Report`, `Section` and `Figure` against `report.schema.json`.

use quartier_documents::{Figure, Report, Section};
use serde_json::{Value, json};

use super::{assert_deserializes_valid, assert_refused, assert_serializes_valid};

const SCHEMA: &str = "report";

fn document() -> Report {
    Report::Document {
        title: "Jahresbericht Ostviertel (01.01.2026–31.12.2026)".into(),
        sections: vec![
            Section::new(
                "Lotsenfunktion",
                vec!["Anliegen werden an die zuständigen Stellen weitergeleitet.".into()],
                vec![
                    Figure::new("Anliegen eingegangen", 64),
                    Figure::new("Bewilligt (€)", 8420.0),
                    Figure::new("Gebiet", Some("Ostviertel")),
                    Figure::new("Median der Tage bis zur Rückmeldung", None::<f64>),
                    Figure::new("Verstetigt", true),
                ],
            ),
            Section::new("Öffentlichkeitsarbeit", vec![], vec![]),
        ],
    }
}

#[test]
fn both_kinds_of_report_match_the_schema() {
    assert_serializes_valid(SCHEMA, &Report::HostDefault);
    let json = assert_serializes_valid(SCHEMA, &document());
    assert_eq!(json["sections"][0]["figures"][3]["value"], Value::Null);
}

#[test]
fn a_sample_report_reads_into_the_type() {
    let report: Report = assert_deserializes_valid(
        SCHEMA,
        json!({
            "report": "document",
            "title": "Jahresbericht Ostviertel (01.01.2026–31.12.2026)",
            "sections": [
                {"heading": "Lotsenfunktion",
                 "paragraphs": ["Anliegen werden an die zuständigen Stellen weitergeleitet."],
                 "figures": [
                    {"label": "Anliegen eingegangen", "value": 64},
                    {"label": "Bewilligt (€)", "value": 8420.0},
                    {"label": "Gebiet", "value": "Ostviertel"},
                    {"label": "Median der Tage bis zur Rückmeldung", "value": null},
                    {"label": "Verstetigt", "value": true}
                 ]},
                {"heading": "Öffentlichkeitsarbeit"}
            ]
        }),
    );
    assert_eq!(report, document());
}

#[test]
fn a_figure_is_a_number_text_truth_value_or_nothing() {
    let with_value = |value: Value| {
        json!({"report": "document", "title": "Bericht", "sections": [
            {"heading": "Zahlen", "figures": [{"label": "Wert", "value": value}]}
        ]})
    };
    assert_refused(SCHEMA, &with_value(json!([1, 2])));
    assert_refused(SCHEMA, &with_value(json!({"n": 1})));
    assert_refused(
        SCHEMA,
        &json!({"report": "document", "title": "", "sections": []}),
    );
}

#[test]
fn tables_and_charts_match_the_schema_and_survive_a_round_trip() {
    use quartier_documents::{Chart, ChartKind, Column, Format, Series, Table};
    let table = Table::new(
        "Anträge je Fonds",
        vec![
            Column::new("Fonds", Format::Text),
            Column::new("Anträge", Format::Count),
            Column::new("Bewilligt", Format::Euro),
        ],
    )
    .row(vec![json!("Verfügungsfonds"), json!(12), json!(8420.5)])
    .row(vec![json!("Aktionsfonds"), json!(3), json!(500.0)])
    .with_total("Summe");
    assert_eq!(
        table.rows[2],
        vec![json!("Summe"), json!(15), json!(8920.5)]
    );
    let chart = Chart {
        title: "Anliegen je Jahr".into(),
        description: "Eingegangene und beantwortete Anliegen 2024 bis 2026.".into(),
        kind: ChartKind::Line,
        format: Format::Count,
        labels: vec!["2024".into(), "2025".into(), "2026".into()],
        series: vec![Series {
            name: "Eingegangen".into(),
            values: vec![Some(40.0), None, Some(64.0)],
        }],
    };
    let report = Report::Document {
        title: "Monitoring".into(),
        sections: vec![
            Section::new(
                "Fonds",
                vec![],
                vec![
                    Figure::count("Anträge", 15),
                    Figure::euro_cents("Bewilligt", 892_050),
                ],
            )
            .with_table(table)
            .with_chart(chart),
        ],
    };
    let json = assert_serializes_valid(SCHEMA, &report);
    assert_eq!(json["sections"][0]["figures"][1]["value"], json!(8920.5));
    assert_eq!(json["sections"][0]["tables"][0]["total_row"], json!(true));
    let again: Report = assert_deserializes_valid(SCHEMA, json);
    assert_eq!(again, report);
}

#[test]
fn the_schema_refuses_a_chart_without_a_description() {
    let mut json = serde_json::to_value(document()).unwrap();
    json["sections"][0]["charts"] =
        json!([{"title": "T", "labels": ["a"], "series": [{"name": "n", "values": [1]}]}]);
    assert_refused(SCHEMA, &json);
}

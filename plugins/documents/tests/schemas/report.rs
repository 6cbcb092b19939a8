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

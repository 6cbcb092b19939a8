//! `Dataset` against `report-dataset.schema.json`.

use std::collections::BTreeMap;

use quartier_documents::Dataset;
use quartier_documents::dataset::{Attendance, Concerns, Fund, Network, Period};
use serde_json::json;

use super::{
    assert_deserializes_valid, assert_refused, assert_serializes_valid, plugins_dir, read_json,
};

const SCHEMA: &str = "report-dataset";

fn bare() -> Dataset {
    Dataset {
        municipality: "musterstadt".into(),
        area: None,
        period: Period {
            from: "2026-01-01".into(),
            to: "2026-12-31".into(),
        },
        bodies_by_kind: BTreeMap::new(),
        meetings_held: 0,
        attendance: Attendance {
            present: 0,
            excused: 0,
            absent: 0,
        },
        funds: vec![],
        concerns: Concerns {
            received: 0,
            answered: 0,
            median_days_to_feedback: None,
            by_category: BTreeMap::new(),
        },
        projects_by_field_of_action: BTreeMap::new(),
        network: Network {
            organisations: 0,
            bodies: 0,
            memberships: 0,
        },
    }
}

fn full() -> Dataset {
    let mut data = bare();
    data.area = Some("Ostviertel".into());
    data.bodies_by_kind.insert("stadtteilkonferenz".into(), 1);
    data.meetings_held = 31;
    data.funds = vec![
        Fund {
            fund_kind: "verfuegungsfonds".into(),
            budget_cents: Some(1_000_000),
            applications_received: 17,
            applications_approved: 12,
            applications_rejected: 3,
            decided_cents: 842_000,
            paid_cents: 655_000,
        },
        Fund {
            fund_kind: "aktionsfonds".into(),
            budget_cents: None,
            applications_received: 2,
            applications_approved: 1,
            applications_rejected: 1,
            decided_cents: 50_000,
            paid_cents: 0,
        },
    ];
    data.concerns.median_days_to_feedback = Some(9.5);
    data.concerns.by_category.insert("wilder_muell".into(), 27);
    data.projects_by_field_of_action
        .insert("nachbarschaft".into(), 6);
    data
}

#[test]
fn a_full_and_a_bare_dataset_match_the_schema() {
    let document = assert_serializes_valid(SCHEMA, &full());
    assert!(document["funds"][1].get("budget_cents").is_none());
    let document = assert_serializes_valid(SCHEMA, &bare());
    assert!(
        document.get("area").is_none(),
        "no area is left out, not null"
    );
    assert_eq!(document["concerns"]["median_days_to_feedback"], json!(null));
}

#[test]
fn a_dataset_survives_a_round_trip() {
    for data in [full(), bare()] {
        let again: Dataset =
            assert_deserializes_valid(SCHEMA, serde_json::to_value(&data).unwrap());
        assert_eq!(again, data);
    }
}

#[test]
fn the_sample_dataset_reads_into_the_type() {
    let call = read_json(&plugins_dir().join("fixtures/inputs/build-report.json"));
    let data: Dataset = assert_deserializes_valid(SCHEMA, call["input"].clone());
    assert_eq!(data.place(), "Ostviertel");
    assert_eq!(data.period_de(), "01.01.2026–31.12.2026");
    assert_eq!(
        data.fund("verfuegungsfonds").map(|f| f.decided_cents),
        Some(842_000)
    );
    assert_eq!(data.projects_in("bildung"), 4);
    assert_eq!(data.projects_in("kein_feld"), 0);
}

#[test]
fn optional_parts_may_be_missing_from_a_dataset() {
    let mut document = serde_json::to_value(bare()).unwrap();
    document["concerns"]
        .as_object_mut()
        .unwrap()
        .remove("by_category");
    let data: Dataset = assert_deserializes_valid(SCHEMA, document);
    assert_eq!(data.place(), "musterstadt");
    assert!(data.concerns.by_category.is_empty());
}

#[test]
fn project_figures_follow_the_catalogue_then_name_unknown_fields() {
    let mut data = bare();
    data.projects_by_field_of_action.insert("bildung".into(), 4);
    data.projects_by_field_of_action.insert("zzz".into(), 1);
    let figures = data.project_figures(
        &[("nachbarschaft", "Nachbarschaft"), ("bildung", "Bildung")],
        |key| format!("Sonstiges ({key})"),
    );
    let shown: Vec<(String, serde_json::Value)> =
        figures.into_iter().map(|f| (f.label, f.value)).collect();
    assert_eq!(
        shown,
        [
            ("Nachbarschaft".to_owned(), json!(0)),
            ("Bildung".to_owned(), json!(4)),
            ("Sonstiges (zzz)".to_owned(), json!(1)),
        ]
    );
}

#[test]
fn the_schema_refuses_a_negative_count_and_a_foreign_key() {
    let mut document = serde_json::to_value(full()).unwrap();
    document["meetings_held"] = json!(-1);
    assert_refused(SCHEMA, &document);
    let mut document = serde_json::to_value(full()).unwrap();
    document["projects_by_field_of_action"] = json!({"Nachbarschaft!": 1});
    assert_refused(SCHEMA, &document);
}

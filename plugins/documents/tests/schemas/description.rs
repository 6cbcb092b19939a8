//! `Description` against `description.schema.json`, including the limits a lying `describe`
//! breaks (keys, labels, catalogue sizes, name and version).

use quartier_documents::Description;
use serde_json::{Value, json};

use super::{assert_deserializes_valid, assert_refused, assert_serializes_valid};

const SCHEMA: &str = "description";

fn aachen() -> Description {
    Description::new("aachen", "1.0.0")
        .title("Stadt Aachen – Quartiersmanagement")
        .qm_model("staedtisches_qm")
        .field_of_action("nachbarschaft_begegnung", "Nachbarschaft und Begegnung")
        .concern_category("wilder_muell", "Wilder Müll")
        .concern_category("schlagloch", "Schlaglöcher und Straßenschäden")
        .fund("stadtteilfonds", "Stadtteilfonds", None)
        .fund("aktionsfonds", "Aktionsfonds", Some(1_000_000))
}

/// `aachen()` as JSON with one change at a JSON pointer.
fn aachen_with(pointer: &str, value: Value) -> Value {
    let mut document = serde_json::to_value(aachen()).unwrap();
    *document.pointer_mut(pointer).expect("pointer exists") = value;
    document
}

#[test]
fn a_full_and_a_bare_description_match_the_schema() {
    let full = assert_serializes_valid(SCHEMA, &aachen());
    assert_eq!(full["funds"][1]["max_amount_cents"], 1_000_000);
    assert!(full["funds"][0].get("max_amount_cents").is_none());
    let bare = assert_serializes_valid(SCHEMA, &Description::new("musterstadt", "0.1.0"));
    assert!(bare.get("title").is_none());
}

#[test]
fn a_description_without_catalogues_reads_as_empty_catalogues() {
    let description: Description = assert_deserializes_valid(
        SCHEMA,
        json!({"name": "musterstadt", "version": "0.2.0-beta.1", "title": "Musterstadt"}),
    );
    assert_eq!(
        description,
        Description::new("musterstadt", "0.2.0-beta.1").title("Musterstadt")
    );
}

#[test]
fn a_sample_description_reads_into_the_type() {
    let description: Description = assert_deserializes_valid(
        SCHEMA,
        json!({
            "name": "aachen", "version": "1.0.0",
            "title": "Stadt Aachen – Quartiersmanagement", "qm_model": "staedtisches_qm",
            "fields_of_action": [
                {"key": "nachbarschaft_begegnung", "label": "Nachbarschaft und Begegnung"}
            ],
            "concern_categories": [
                {"key": "wilder_muell", "label": "Wilder Müll"},
                {"key": "schlagloch", "label": "Schlaglöcher und Straßenschäden"}
            ],
            "funds": [
                {"kind": "stadtteilfonds", "label": "Stadtteilfonds"},
                {"kind": "aktionsfonds", "label": "Aktionsfonds", "max_amount_cents": 1000000}
            ]
        }),
    );
    assert_eq!(description, aachen());
}

#[test]
fn keys_are_lower_case_words_of_at_most_64_characters() {
    for key in ["Böser Schlüssel!", "", "_fuehrender_strich", "Gross", "a b"] {
        assert_refused(
            SCHEMA,
            &aachen_with("/concern_categories/0/key", json!(key)),
        );
    }
    assert_refused(
        SCHEMA,
        &aachen_with("/fields_of_action/0/key", json!("a".repeat(65))),
    );
    assert_refused(SCHEMA, &aachen_with("/funds/0/kind", json!("Fonds!")));
    let longest = aachen_with("/fields_of_action/0/key", json!("a".repeat(64)));
    assert!(super::errors(SCHEMA, &longest).is_empty());
}

#[test]
fn labels_are_one_to_200_characters_without_angle_brackets() {
    for label in ["<b>fett</b>", "a > b", "", &"ä".repeat(201)] {
        assert_refused(
            SCHEMA,
            &aachen_with("/concern_categories/0/label", json!(label)),
        );
    }
    assert_refused(SCHEMA, &aachen_with("/title", json!("<script>")));
    let longest = aachen_with("/concern_categories/0/label", json!("ä".repeat(200)));
    assert!(super::errors(SCHEMA, &longest).is_empty());
}

#[test]
fn a_catalogue_holds_at_most_200_entries() {
    let entries = |n: usize| -> Vec<Value> {
        (0..n)
            .map(|i| json!({"key": format!("k{i}"), "label": format!("Eintrag {i}")}))
            .collect()
    };
    let at_cap = aachen_with("/concern_categories", json!(entries(200)));
    assert!(super::errors(SCHEMA, &at_cap).is_empty());
    assert_refused(
        SCHEMA,
        &aachen_with("/concern_categories", json!(entries(201))),
    );
    assert_refused(
        SCHEMA,
        &aachen_with("/fields_of_action", json!(entries(201))),
    );
}

#[test]
fn name_and_version_are_not_empty() {
    assert_refused(SCHEMA, &aachen_with("/name", json!("")));
    assert_refused(SCHEMA, &aachen_with("/version", json!("")));
    assert_refused(SCHEMA, &aachen_with("/version", json!("eins")));
    assert_refused(SCHEMA, &json!({"name": "aachen"}));
}

//! Nürnberg-Hasenbuck's plugin (`quartier_plugin_nuernberg`) through the runtime.

use std::collections::BTreeSet;

use quartier::plugins::{Answer, Request};
use serde_json::{Value, json};

use super::cases::{self, find, run_with};
use super::schemas;
use crate::support::{load, runtime};

const PLUGIN: &str = "quartier_plugin_nuernberg";
const NAME: &str = "nuernberg";

#[test]
fn nuernberg_every_fixture_case_gives_its_expected_answer() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let hooks = cases::run_all(&runtime, &plugin, NAME);
    let expected: BTreeSet<_> = [
        "describe",
        "adapt-task-matrix",
        "adapt-form",
        "validate",
        "route",
        "build-report",
    ]
    .into();
    assert_eq!(hooks, expected, "every hook has a case");
}

#[test]
fn nuernberg_describes_the_nine_tasks_as_fields_of_action() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let description = find(NAME, "describe").run(&runtime, &plugin);
    let fields = description["fields_of_action"].as_array().unwrap();
    assert_eq!(fields.len(), 9);
    assert_eq!(
        fields[8],
        json!({"key": "ansprechpartner", "label": "Ansprechpartner vor Ort"})
    );
    assert_eq!(description["qm_model"], "koordinierendes_qm");
}

#[test]
fn nuernberg_every_described_concern_category_goes_to_an_office() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let context = find(NAME, "describe").context;
    let Ok(Answer::Json(description)) = runtime.call(&plugin, context, Request::Describe).result
    else {
        panic!("describe failed")
    };
    let case = find(NAME, "route-wilder-muell");
    for category in description["concern_categories"].as_array().unwrap() {
        let mut request = case.input.clone();
        request["category"] = category["key"].clone();
        request["concern"]["category"] = category["key"].clone();
        let decision = run_with(&case, request, &runtime, &plugin);
        assert_eq!(decision["decision"], "department", "{category}: {decision}");
    }
    let unknown = find(NAME, "route-unbekannte-kategorie").run(&runtime, &plugin);
    assert_eq!(unknown["refused"]["code"], "kategorie-unbekannt");
    // Fund applications keep the host's base routing: the seed names no deciding body.
    assert_eq!(
        find(NAME, "route-fondsantrag").run(&runtime, &plugin),
        json!({"decision": "host_default"})
    );
}

#[test]
fn nuernberg_the_qm_coordinates_in_the_matrix_and_the_city_steers() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let matrix = find(NAME, "adapt-task-matrix-basis").run(&runtime, &plugin);
    for group in matrix["groups"].as_array().unwrap() {
        for task in group["tasks"].as_array().unwrap() {
            for (column, cell) in task["cells"].as_object().unwrap() {
                let qm = column == "gemeinwesenarbeit";
                assert_eq!(cell["counts_as_qm"], qm, "{}/{column}", task["key"]);
                let actor = if qm {
                    "quartiersmanagement"
                } else {
                    "stadt_nuernberg"
                };
                assert_eq!(cell["actor"], actor, "{}/{column}", task["key"]);
            }
        }
    }
    let added: Vec<&Value> = matrix["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["tasks"].as_array().unwrap())
        .filter(|t| t["origin"] == "kommune")
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["key"], "ansprechpartner_vor_ort");
}

#[test]
fn nuernberg_a_project_names_its_task_involves_residents_and_partners() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let form = find(NAME, "adapt-form-projektsteckbrief").run(&runtime, &plugin);
    let valid = find(NAME, "validate-projekt-in-ordnung");
    assert_eq!(
        schemas::errors_against(&form, &valid.input),
        Vec::<String>::new()
    );
    assert_eq!(valid.run(&runtime, &plugin), json!([]));
    let findings = find(NAME, "validate-projekt-ohne-aufgabe-und-partner").run(&runtime, &plugin);
    let codes: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "aufgabe-unbekannt",
            "beteiligung-unklar",
            "keine-kooperation"
        ]
    );
}

#[test]
fn nuernberg_the_annual_report_follows_the_nine_tasks() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let report = find(NAME, "build-report-jahresbericht").run(&runtime, &plugin);
    let sections = report["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 2 + 9);
    assert_eq!(
        sections[2]["heading"],
        "1. Aufwertung, Verbesserung und Stabilisierung der Lebensbedingungen vor Ort"
    );
    assert_eq!(sections[10]["heading"], "9. Ansprechpartner vor Ort");
    // Wilder Müll 16, Schlaglöcher 5, Spielplätze 6, Sicherheit 4, Verkehr 7.
    assert_eq!(
        sections[2]["figures"][1],
        json!({"label": "Anliegen zu Wohnumfeld, Verkehr und Sicherheit", "value": 38, "format": "count"})
    );
    let by_task = &sections[1]["tables"][0];
    assert_eq!(by_task["rows"].as_array().unwrap().len(), 9 + 1);
    assert_eq!(by_task["rows"][9], json!(["Summe", 17]));
    // The fund statement and the self-evaluation stay the host's.
    assert_eq!(
        find(NAME, "build-report-fondsabrechnung").run(&runtime, &plugin),
        json!({"report": "host_default"})
    );
}

//! The organisation model's plugin (`quartier_plugin_organisationsmodell`) through the runtime.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::cases::{self, find, run_with};
use super::schemas;
use crate::support::{load, runtime};

const PLUGIN: &str = "quartier_plugin_organisationsmodell";
const NAME: &str = "organisationsmodell";

fn codes(findings: &Value) -> Vec<(String, String, String)> {
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["pointer"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn organisationsmodell_every_fixture_case_gives_its_expected_answer() {
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
fn organisationsmodell_refuses_a_project_target_without_indicator_value_and_deadline() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let case = find(NAME, "validate-projekt-in-ordnung");
    let mut form = case.input.clone();
    form["goals"][0]["action_goals"][0]["targets"][0] = json!({"unit": "Patenschaften"});
    let findings = run_with(&case, form, &runtime, &plugin);
    let at = "/goals/0/action_goals/0/targets/0";
    assert_eq!(
        codes(&findings),
        [
            (
                format!("{at}/indicator"),
                "error".into(),
                "indikator-fehlt".into()
            ),
            (
                format!("{at}/target_value"),
                "error".into(),
                "zielwert-fehlt".into()
            ),
            (
                format!("{at}/deadline"),
                "error".into(),
                "termin-fehlt".into()
            ),
        ]
    );
    for finding in findings.as_array().unwrap() {
        let message = finding["message"].as_str().unwrap();
        assert!(
            message.starts_with("Bitte"),
            "a German request to the person: {message}"
        );
    }
    // The complete dossier passes its own form and rules.
    let adapted = find(NAME, "adapt-form-projektsteckbrief").run(&runtime, &plugin);
    assert_eq!(
        schemas::errors_against(&adapted, &case.input),
        Vec::<String>::new()
    );
    assert_eq!(case.run(&runtime, &plugin), json!([]));
}

#[test]
fn organisationsmodell_a_target_due_before_the_project_starts_or_keeping_the_baseline_is_named() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let case = find(NAME, "validate-projekt-in-ordnung");
    let mut form = case.input.clone();
    let target = &mut form["goals"][0]["action_goals"][0]["targets"][0];
    target["deadline"] = json!("2027-01-15");
    target["baseline_value"] = json!(15);
    let findings = codes(&run_with(&case, form, &runtime, &plugin));
    let at = "/goals/0/action_goals/0/targets/0";
    assert_eq!(
        findings,
        [
            (
                format!("{at}/deadline"),
                "error".into(),
                "termin-vor-beginn".into()
            ),
            (
                format!("{at}/target_value"),
                "warning".into(),
                "ziel-trivial".into()
            ),
        ]
    );
}

#[test]
fn organisationsmodell_a_contract_needs_verifiable_targets_a_steering_body_and_reviews() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    assert_eq!(
        find(NAME, "validate-kontrakt-in-ordnung").run(&runtime, &plugin),
        json!([])
    );
    let findings = find(NAME, "validate-kontrakt-mit-maengeln").run(&runtime, &plugin);
    let found: BTreeSet<String> = codes(&findings).into_iter().map(|(_, _, c)| c).collect();
    for code in [
        "indikator-fehlt",
        "zielwert-fehlt",
        "ueberpruefung-unklar",
        "lenkungsgremium-fehlt",
        "termin-nach-laufzeit",
        "ueberpruefung-waehrend-fehlt",
    ] {
        assert!(found.contains(code), "{code} missing in {findings}");
    }
}

#[test]
fn organisationsmodell_the_quartierbeirat_advises_and_the_buergerjury_decides() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    assert_eq!(
        find(NAME, "route-quartiersfonds").run(&runtime, &plugin),
        json!({"decision": "steps", "steps": [
            {"action": "advise", "by": "quartiersbeirat"},
            {"action": "decide", "by": "buergerjury"},
        ]})
    );
    let refused = find(NAME, "route-fremder-fonds").run(&runtime, &plugin);
    assert_eq!(refused["refused"]["code"], "fonds-unbekannt");
    assert_eq!(
        find(NAME, "route-anliegen").run(&runtime, &plugin),
        json!({"decision": "department",
               "department": "Geschäftsstelle Koordination Quartiermanagement"})
    );
}

#[test]
fn organisationsmodell_the_matrix_gives_the_columns_to_the_levels_and_adapts_to_itself() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let case = find(NAME, "adapt-task-matrix-basis");
    let once = case.run(&runtime, &plugin);
    let twice = run_with(&case, once.clone(), &runtime, &plugin);
    assert_eq!(once, twice);
    let tasks: Vec<&Value> = once["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["tasks"].as_array().unwrap())
        .collect();
    let contract = tasks
        .iter()
        .find(|t| t["key"] == "kontraktmanagement")
        .unwrap();
    assert_eq!(contract["cells"]["steuerung"]["actor"], "lenkungsgremium");
    let community_work = tasks
        .iter()
        .filter_map(|t| t["cells"].get("gemeinwesenarbeit"))
        .all(|cell| cell["actor"] == "quartiermanagement" && cell["counts_as_qm"] == true);
    assert!(community_work);
}

#[test]
fn organisationsmodell_the_evaluation_measures_the_qm_against_its_targets() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let report = find(NAME, "build-report-selbstevaluation").run(&runtime, &plugin);
    assert_eq!(
        report["title"],
        "Evaluation der Zielerreichung – Weststadt (01.01.2026–31.12.2026)"
    );
    let sections = report["sections"].as_array().unwrap();
    let strategic = &sections[1];
    let contracts = &strategic["tables"][0];
    // Two contracts: 3 targets (2 fulfilled, 1 partly) and 2 targets (1 not fulfilled, 1 open).
    assert_eq!(
        contracts["rows"][2],
        json!(["Summe", 3, 5, 2, 1, 1, 1]),
        "{contracts}"
    );
    assert!(
        contracts["columns"].as_array().unwrap()[1..]
            .iter()
            .all(|c| c["format"] == "count")
    );
    let continuation = sections.last().unwrap()["paragraphs"].to_string();
    assert!(
        continuation.contains("Stadtteilwerkstatt: Vermittelte Praktika"),
        "{continuation}"
    );
    assert!(continuation.contains("Kontrakt Jugendtreff Weststadt 2026"));
}

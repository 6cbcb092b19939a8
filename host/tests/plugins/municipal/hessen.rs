//! The Hessian guideline's plugin (`quartier_plugin_hessen`) through the runtime.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::cases::{self, find, run_with};
use super::schemas;
use crate::support::{load, runtime};

const PLUGIN: &str = "quartier_plugin_hessen";

/// Every cell of a matrix as (task key, column, cell).
fn cells(matrix: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for group in matrix["groups"].as_array().unwrap() {
        for task in group["tasks"].as_array().unwrap() {
            for (column, cell) in task["cells"].as_object().unwrap() {
                out.push((
                    task["key"].as_str().unwrap().to_owned(),
                    column.clone(),
                    cell.clone(),
                ));
            }
        }
    }
    out
}

/// The appendix matrix adapted under the model its `source` names.
fn appendix_under(source: Option<&str>) -> Value {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let case = find("hessen", "adapt-task-matrix-anhang");
    let mut input = case.input.clone();
    if let Some(source) = source {
        input["source"] = json!(source);
    }
    run_with(&case, input, &runtime, &plugin)
}

#[test]
fn hessen_every_fixture_case_gives_its_expected_answer() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let hooks = cases::run_all(&runtime, &plugin, "hessen");
    let expected: BTreeSet<_> = [
        "describe",
        "adapt-task-matrix",
        "adapt-form",
        "validate",
        "build-report",
    ]
    .into();
    assert_eq!(hooks, expected, "every implemented hook has a case");
}

#[test]
fn hessen_model_4_gives_the_tandem_planning_and_community_work() {
    let matrix = appendix_under(Some("Beschluss: Quartiersmanagement nach Modell 4."));
    let all = cells(&matrix);
    assert!(all.len() > 100, "the whole appendix: {} cells", all.len());
    for (task, column, cell) in all {
        let holder = (
            cell["actor"].as_str().unwrap(),
            cell["counts_as_qm"].as_bool().unwrap(),
        );
        let expected = match column.as_str() {
            "planung" => ("planungsbuero", true),
            "gemeinwesenarbeit" => ("traeger_stadtteilbuero", true),
            _ => ("kommune", false),
        };
        assert_eq!(holder, expected, "{task}/{column}");
    }
    assert!(matrix["source"].as_str().unwrap().contains("Modell 4"));
}

#[test]
fn hessen_model_1_counts_only_community_work_as_qm() {
    // No model named: the plugin's configured model 1.
    let matrix = appendix_under(None);
    for (task, column, cell) in cells(&matrix) {
        let qm = cell["counts_as_qm"].as_bool().unwrap();
        assert_eq!(qm, column == "gemeinwesenarbeit", "{task}/{column}");
        if column != "gemeinwesenarbeit" {
            assert_eq!(cell["actor"], "kommune", "{task}/{column}");
        }
    }
    assert_eq!(
        matrix["title"],
        "Aufgabenmatrix Quartiersmanagement – Modell 1"
    );
}

#[test]
fn hessen_models_2_and_3_hand_steering_and_planning_to_others_outside_the_qm() {
    for (model, actor) in [
        (2, "staedtische_gesellschaft"),
        (3, "externer_beauftragter"),
    ] {
        let matrix = appendix_under(Some(&format!("Modell {model}")));
        for (task, column, cell) in cells(&matrix) {
            if column == "gemeinwesenarbeit" || task == "staedtische_koordination" {
                continue;
            }
            assert_eq!(cell["actor"], actor, "model {model}: {task}/{column}");
            assert_eq!(
                cell["counts_as_qm"], false,
                "model {model}: {task}/{column}"
            );
        }
    }
}

#[test]
fn hessen_model_5_gives_one_contractor_every_cell_but_the_municipal_coordination() {
    let matrix = appendix_under(Some("Modell 5"));
    for (task, column, cell) in cells(&matrix) {
        let expected = if task == "staedtische_koordination" {
            json!({"actor": "kommune", "counts_as_qm": false})
        } else {
            json!({"actor": "traeger_quartiersmanagement", "counts_as_qm": true})
        };
        assert_eq!(
            json!({"actor": cell["actor"], "counts_as_qm": cell["counts_as_qm"]}),
            expected,
            "{task}/{column}"
        );
    }
}

#[test]
fn hessen_an_adapted_matrix_adapts_to_itself() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let case = find("hessen", "adapt-task-matrix-modell-4-mit-steuerung");
    let once = case.run(&runtime, &plugin);
    let twice = run_with(&case, once.clone(), &runtime, &plugin);
    assert_eq!(once, twice);
}

#[test]
fn hessen_refuses_a_matrix_naming_a_model_the_guideline_does_not_have() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let answer = find("hessen", "adapt-task-matrix-modell-unbekannt").run(&runtime, &plugin);
    assert_eq!(answer["refused"]["code"], "qm-modell-unbekannt");
}

#[test]
fn hessen_refuses_a_verfuegungsfonds_application_outside_the_programme_area() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let case = find("hessen", "validate-verfuegungsfonds-in-ordnung");
    let mut form = case.input.clone();
    form["in_programme_area"] = json!(false);
    let findings = run_with(&case, form, &runtime, &plugin);
    assert_eq!(
        findings,
        json!([{
            "pointer": "/in_programme_area",
            "severity": "error",
            "code": "ausserhalb-foerdergebiet",
            "message": "Mittel aus dem Verfügungsfonds gibt es nur für Vorhaben im Fördergebiet \
                        der Sozialen Stadt.",
        }])
    );
}

#[test]
fn hessen_a_valid_application_passes_its_own_form_and_rules() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let form = find("hessen", "adapt-form-verfuegungsfonds").run(&runtime, &plugin);
    let case = find("hessen", "validate-verfuegungsfonds-in-ordnung");
    assert_eq!(
        schemas::errors_against(&form, &case.input),
        Vec::<String>::new()
    );
    assert_eq!(case.run(&runtime, &plugin), json!([]));
}

#[test]
fn hessen_the_self_evaluation_form_asks_for_all_nine_gwa_standards() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let form = find("hessen", "adapt-form-selbstevaluation").run(&runtime, &plugin);
    let standards = &form["properties"]["gwa_standards"];
    assert_eq!(standards["required"].as_array().unwrap().len(), 9);
    assert!(
        standards["properties"]["standard_2"]["title"]
            .as_str()
            .unwrap()
            .contains("Bewohner_innen ins Zentrum"),
    );
    let complete = find("hessen", "validate-selbstevaluation-vollstaendig");
    assert_eq!(
        schemas::errors_against(&form, &complete.input),
        Vec::<String>::new()
    );
    assert_eq!(complete.run(&runtime, &plugin), json!([]));
    let gaps = find("hessen", "validate-selbstevaluation-luecken").run(&runtime, &plugin);
    let codes: Vec<_> = gaps
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].clone())
        .collect();
    assert_eq!(
        codes,
        [
            json!("standard-nicht-bewertet"),
            json!("schritte-fehlen"),
            json!("beteiligte-fehlen")
        ]
    );
}

#[test]
fn hessen_the_annual_report_covers_self_evaluation_and_verstetigung() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let report = find("hessen", "build-report").run(&runtime, &plugin);
    let headings: Vec<&str> = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["heading"].as_str().unwrap())
        .collect();
    assert!(
        headings.contains(&"Selbstevaluation nach den Qualitätsstandards der Gemeinwesenarbeit")
    );
    assert!(headings.contains(&"Verstetigung und Nachhaltigkeitskonzept"));
    let verstetigung = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["heading"] == "Verstetigung und Nachhaltigkeitskonzept")
        .unwrap();
    let text = verstetigung["paragraphs"].to_string();
    for item in ["Stadtteilverein", "Beschlussfassung", "kommunalen Haushalt"] {
        assert!(text.contains(item), "{item} missing in {text}");
    }
}

/// The section of `report` headed `heading`.
fn section<'a>(report: &'a Value, heading: &str) -> &'a Value {
    report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["heading"] == heading)
        .unwrap_or_else(|| panic!("no section {heading}"))
}

#[test]
fn hessen_the_annual_report_shows_the_task_matrix_as_lived_under_the_model() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let report = find("hessen", "build-report-jahresbericht").run(&runtime, &plugin);
    let tasks = section(&report, "Aufgaben nach der Aufgabenmatrix");
    // Model 4 (tandem): Planung and Gemeinwesenarbeit count as QM, Steuerung does not;
    // 92 of the 109 entries are in QM cells, 3 name no column.
    assert!(tasks["figures"].as_array().unwrap().contains(&json!({
        "label": "Anteil in Zellen, die als Quartiersmanagement zählen",
        "value": 92.0 / 109.0,
        "format": "percent",
    })));
    let groups = &tasks["tables"][0];
    assert_eq!(groups["rows"].as_array().unwrap().len(), 8 + 1);
    assert_eq!(
        groups["rows"][7],
        json!([
            "Aktivierung und Beteiligung von Institutionen und Bewohner_innen",
            0,
            4,
            31,
            0,
            35
        ])
    );
    assert_eq!(groups["rows"][8], json!(["Summe", 14, 17, 75, 3, 109]));
    assert_eq!(tasks["charts"][0]["series"].as_array().unwrap().len(), 3);
    let fund = section(&report, "Aktivierung und Beteiligung: Verfügungsfonds");
    let figures = fund["figures"].as_array().unwrap();
    assert!(figures.contains(&json!({"label": "Budget", "value": 10000.0, "format": "euro"})));
    assert!(
        figures.contains(&json!({"label": "Anträge bewilligt", "value": 12, "format": "count"}))
    );
    assert!(figures.contains(
        &json!({"label": "Bewilligungsquote", "value": 12.0 / 17.0, "format": "percent"})
    ));
}

#[test]
fn hessen_the_monitoring_compares_the_years_and_the_self_evaluation_the_standards() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let monitoring = find("hessen", "build-report-monitoring").run(&runtime, &plugin);
    assert!(
        monitoring["title"]
            .as_str()
            .unwrap()
            .starts_with("Sozialraummonitoring")
    );
    let years = section(&monitoring, "Kennzahlen im Zeitverlauf");
    let rows = years["tables"][0]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0][0], "2023");
    assert!(
        years["charts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "line")
    );

    let evaluation = find("hessen", "build-report-selbstevaluation").run(&runtime, &plugin);
    let ratings = &section(
        &evaluation,
        "Selbstevaluation nach den Qualitätsstandards der Gemeinwesenarbeit",
    )["tables"][0];
    assert_eq!(ratings["columns"][1]["label"], "Einschätzung 2025");
    assert_eq!(ratings["columns"][2]["label"], "Einschätzung 2026");
    assert_eq!(ratings["rows"][3][2], "trifft eher nicht zu");
    let steps = section(&evaluation, "Belege und nächste Schritte")["paragraphs"].to_string();
    assert!(steps.contains("Moderiertes Gespräch"), "{steps}");
}

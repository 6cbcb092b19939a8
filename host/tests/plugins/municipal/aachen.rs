//! Aachen's plugin (`quartier_plugin_aachen`) through the runtime.

use std::collections::BTreeSet;

use quartier::plugins::{Answer, Request};
use serde_json::{Value, json};

use super::cases::{self, find, run_with};
use super::schemas;
use crate::support::{load, runtime};

const PLUGIN: &str = "quartier_plugin_aachen";

fn route_concern(category: &str) -> Value {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let case = find("aachen", "route-schlagloch");
    let mut request = case.input.clone();
    request["category"] = json!(category);
    request["concern"]["category"] = json!(category);
    run_with(&case, request, &runtime, &plugin)
}

#[test]
fn aachen_every_fixture_case_gives_its_expected_answer() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let hooks = cases::run_all(&runtime, &plugin, "aachen");
    let expected: BTreeSet<_> = [
        "describe",
        "adapt-form",
        "validate",
        "route",
        "build-report",
    ]
    .into();
    assert_eq!(hooks, expected, "every implemented hook has a case");
}

#[test]
fn aachen_routes_wild_rubbish_to_the_stadtbetrieb() {
    assert_eq!(
        route_concern("wilder_muell"),
        json!({"decision": "department", "department": "Aachener Stadtbetrieb"})
    );
}

#[test]
fn aachen_routes_potholes_to_stadtentwicklung_und_verkehrsanlagen() {
    assert_eq!(
        route_concern("schlagloch"),
        json!({
            "decision": "department",
            "department": "Fachbereich Stadtentwicklung und Verkehrsanlagen",
        })
    );
}

#[test]
fn aachen_answers_crime_as_not_the_citys_remit() {
    let decision = route_concern("kriminalitaet");
    assert_eq!(decision["decision"], "not_responsible");
    assert!(decision["reason"].as_str().unwrap().contains("Polizei"));
}

#[test]
fn aachen_every_described_concern_category_has_a_route() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let context = find("aachen", "describe").context;
    let Ok(Answer::Json(description)) = runtime.call(&plugin, context, Request::Describe).result
    else {
        panic!("describe failed")
    };
    let categories = description["concern_categories"].as_array().unwrap();
    assert!(categories.len() >= 10);
    for category in categories {
        let key = category["key"].as_str().unwrap();
        let decision = route_concern(key);
        assert!(
            ["department", "not_responsible"].contains(&decision["decision"].as_str().unwrap()),
            "{key}: {decision}"
        );
    }
    let unknown = route_concern("ufo");
    assert_eq!(unknown["refused"]["code"], "kategorie-unbekannt");
}

#[test]
fn aachen_the_stadtteilkonferenz_advises_before_the_administration_decides() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let decision = find("aachen", "route-stadtteilfonds").run(&runtime, &plugin);
    assert_eq!(
        decision,
        json!({"decision": "steps", "steps": [
            {"action": "advise", "by": "stadtteilkonferenz"},
            {"action": "decide", "by": "verwaltung"},
        ]})
    );
}

#[test]
fn aachen_a_valid_application_passes_its_own_form_and_rules() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let form = find("aachen", "adapt-form-stadtteilfonds").run(&runtime, &plugin);
    let case = find("aachen", "validate-stadtteilfonds-in-ordnung");
    assert_eq!(
        schemas::errors_against(&form, &case.input),
        Vec::<String>::new()
    );
    assert_eq!(case.run(&runtime, &plugin), json!([]));
}

#[test]
fn aachen_the_report_follows_the_six_core_tasks() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let report = find("aachen", "build-report").run(&runtime, &plugin);
    let headings: Vec<&str> = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["heading"].as_str().unwrap())
        .collect();
    assert_eq!(
        headings[1..],
        [
            "1. Erfassung von Themen und Bedarfen im Quartier",
            "2. Lotsenfunktion (Bindeglied zwischen Quartier und Verwaltung)",
            "3. Vernetzungsfunktion zwischen Akteuren",
            "4. Unterstützung der Stadtteilkonferenzen und sonstiger lokaler Arbeitskreise",
            "5. Projektinitiierung und -begleitung",
            "6. Öffentlichkeitsarbeit",
        ]
    );
    // Wilder Müll (27) and Spielplatz (9) both go to the Stadtbetrieb.
    let lotse = &report["sections"][2]["tables"][0];
    assert!(
        lotse["rows"]
            .as_array()
            .unwrap()
            .contains(&json!(["Aachener Stadtbetrieb", 36])),
        "{lotse}"
    );
    assert_eq!(lotse["columns"][1]["format"], "count");
}

#[test]
fn aachen_the_stadtteilfonds_report_shows_the_stadtteilkonferenzen_advice_beside_each_grant() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let report = find("aachen", "build-report-fondsabrechnung").run(&runtime, &plugin);
    assert!(
        report["title"]
            .as_str()
            .unwrap()
            .contains("Ausschuss für Soziales, Integration und Demographie")
    );
    let advice = &report["sections"][1];
    assert_eq!(advice["heading"], "Beratung in den Stadtteilkonferenzen");
    let figures = advice["figures"].as_array().unwrap();
    assert!(figures.contains(
        &json!({"label": "davon in der Stadtteilkonferenz beraten", "value": 13, "format": "count"})
    ));
    assert!(figures.contains(
        &json!({"label": "Bewilligt trotz fehlender Empfehlung", "value": 1, "format": "count"})
    ));
    let fund = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["heading"] == "Stadtteilfonds Ost/Rothe Erde 2026")
        .unwrap();
    let actions = fund["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| {
            t["title"]
                .as_str()
                .unwrap()
                .ends_with("bewilligte Maßnahmen")
        })
        .unwrap();
    assert_eq!(
        actions["columns"][2],
        json!({"label": "Empfehlung", "format": "text"})
    );
    // Nine actions and the sums: 7.350 € approved, 5.900 € paid.
    let rows = actions["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[9][4], json!(7350.0));
    assert_eq!(rows[9][5], json!(5900.0));
    assert_eq!(rows[6][2], "nicht empfohlen");
    assert_eq!(
        rows[7][7], "überfällig",
        "due 01.12.2026, not in by the period's end"
    );
    // Aachen knows no self-evaluation form: the host's report.
    assert_eq!(
        find("aachen", "build-report-selbstevaluation").run(&runtime, &plugin),
        json!({"report": "host_default"})
    );
}

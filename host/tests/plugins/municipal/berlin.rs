//! Berlin's plugin (`quartier_plugin_berlin`) through the runtime.

use std::collections::BTreeSet;

use serde_json::json;

use super::cases::{self, find, run_with};
use super::schemas;
use crate::support::{load, runtime};

const PLUGIN: &str = "quartier_plugin_berlin";

#[test]
fn berlin_every_fixture_case_gives_its_expected_answer() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let hooks = cases::run_all(&runtime, &plugin, "berlin");
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
fn berlin_refuses_an_aktionsfonds_application_over_the_cap() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let case = find("berlin", "validate-aktionsfonds-in-ordnung");
    let codes = |amount: i64| {
        let mut form = case.input.clone();
        form["amount_cents"] = json!(amount);
        let findings = run_with(&case, form, &runtime, &plugin);
        findings
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(1_000_001), ["aktionsfonds-ueber-jahresbetrag"]);
    assert!(
        codes(1_000_000).is_empty(),
        "10.000 € is the whole annual amount, still allowed"
    );

    let route = find("berlin", "route-aktionsfonds-ueber-obergrenze").run(&runtime, &plugin);
    assert_eq!(route["refused"]["code"], "aktionsfonds-ueber-jahresbetrag");
    assert!(
        route["refused"]["message"]
            .as_str()
            .unwrap()
            .contains("10.000 €")
    );
}

#[test]
fn berlin_the_aktionsfondsjury_decides_the_aktionsfonds_and_the_quartiersrat_the_quartiersfonds() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let steps = |case: &str| find("berlin", case).run(&runtime, &plugin)["steps"].clone();
    assert_eq!(
        steps("route-aktionsfonds"),
        json!([{"action": "decide", "by": "aktionsfondsjury"}])
    );
    assert_eq!(
        steps("route-quartiersfonds"),
        json!([{"action": "decide", "by": "quartiersrat"}])
    );
}

#[test]
fn berlin_describes_the_nine_strategic_goals_and_the_aktionsfonds_cap() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let description = find("berlin", "describe").run(&runtime, &plugin);
    let goals = description["fields_of_action"].as_array().unwrap();
    assert_eq!(goals.len(), 9);
    assert_eq!(
        goals[8]["label"],
        "Mehr Partizipation der Bewohner und Akteure"
    );
    assert_eq!(
        description["funds"][0],
        json!({"kind": "aktionsfonds", "label": "Aktionsfonds", "max_amount_cents": 1_000_000})
    );
}

#[test]
fn berlin_the_adapted_form_leaves_the_yearly_cap_to_validate() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let form = find("berlin", "adapt-form").run(&runtime, &plugin);
    let valid = find("berlin", "validate-aktionsfonds-in-ordnung").input;
    assert_eq!(schemas::errors_against(&form, &valid), Vec::<String>::new());
    // Over the cap the schema stays silent, so `validate` can give Berlin's reason.
    let over = find("berlin", "validate-aktionsfonds-ueber-obergrenze").input;
    assert_eq!(schemas::errors_against(&form, &over), Vec::<String>::new());
    let findings = find("berlin", "validate-aktionsfonds-ueber-obergrenze").run(&runtime, &plugin);
    assert_eq!(
        findings[0]["code"], "aktionsfonds-ueber-jahresbetrag",
        "{findings}"
    );
    // The Quartiersfonds needs its strategic goal instead.
    let mut quartiersfonds = over.clone();
    quartiersfonds["fund_kind"] = json!("quartiersfonds");
    quartiersfonds
        .as_object_mut()
        .unwrap()
        .remove("field_of_action");
    assert!(!schemas::errors_against(&form, &quartiersfonds).is_empty());
}

#[test]
fn berlin_a_valid_application_passes_its_own_rules() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let findings = find("berlin", "validate-aktionsfonds-in-ordnung").run(&runtime, &plugin);
    assert_eq!(findings, json!([]));
}

#[test]
fn berlin_the_report_prepares_the_yearly_revision_of_the_action_concept() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let report = find("berlin", "build-report").run(&runtime, &plugin);
    assert_eq!(
        report["title"],
        "Integriertes Handlungskonzept Soldiner Straße: Bilanz 01.01.2026–31.12.2026 und \
         Fortschreibung 2027"
    );
    let sections = report["sections"].as_array().unwrap();
    let revision = sections.last().unwrap();
    assert_eq!(
        revision["heading"],
        "Fortschreibung des Integrierten Handlungskonzepts"
    );
    let text = revision["paragraphs"].to_string();
    assert!(text.contains("Mehr Chancen auf dem Arbeitsmarkt"), "{text}");
    assert!(text.contains("Bewohneradäquate (nachfragegerechte) soziale Infrastruktur"));
    assert!(
        revision["figures"]
            .as_array()
            .unwrap()
            .contains(&json!({"label": "Handlungsziele ohne Projekte", "value": 3}))
    );
    // The Aktionsfonds's 10.000 € apply even where the host recorded no budget.
    let aktionsfonds = sections
        .iter()
        .find(|s| s["heading"].as_str().unwrap().starts_with("Aktionsfonds"))
        .unwrap();
    assert!(
        aktionsfonds["figures"]
            .as_array()
            .unwrap()
            .contains(&json!({"label": "Noch verfügbar (€)", "value": 880.0}))
    );
}

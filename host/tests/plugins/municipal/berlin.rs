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
            .contains(&json!({"label": "Verbleibendes Budget", "value": 880.0, "format": "euro"}))
    );
}

#[test]
fn berlin_the_year_shows_the_progress_on_each_strategic_goal() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let report = find("berlin", "build-report-jahresbericht").run(&runtime, &plugin);
    let progress = &report["sections"][1]["tables"][0];
    let rows = progress["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 9 + 1, "the nine goals and the total");
    // Wohnumfeld: 4 projects, one target, reached (44 of 40 Baumscheiben).
    assert_eq!(
        rows[2],
        json!([
            "Bessere Qualität des Wohn- und Handlungsraums",
            4,
            1,
            1,
            0,
            1.0
        ])
    );
    // Integration: the Elterncafé reached 22 of 30 by 30.06.2026.
    assert_eq!(
        rows[7],
        json!([
            "Mehr soziale und interkulturelle Integration",
            4,
            1,
            0,
            1,
            0.0
        ])
    );
    assert_eq!(rows[9], json!(["Summe", 19, 5, 2, 1, null]));
}

#[test]
fn berlin_the_aktionsfonds_statement_accounts_per_area_for_its_10000_euro() {
    let runtime = runtime();
    let plugin = load(&runtime, PLUGIN);
    let report = find("berlin", "build-report-fondsabrechnung").run(&runtime, &plugin);
    let sections = report["sections"].as_array().unwrap();
    let summary = &sections[1];
    assert_eq!(summary["heading"], "Aktionsfonds je QM-Gebiet");
    let overview = &summary["tables"][0];
    // Soldiner Straße has no budget recorded: the 10.000 € a year, 3.300 € approved.
    assert_eq!(
        overview["rows"][0],
        json!([
            "Aktionsfonds Soldiner Straße 2026",
            10000.0,
            8,
            6,
            1,
            3300.0,
            3300.0,
            6700.0
        ])
    );
    assert!(
        summary["paragraphs"]
            .to_string()
            .contains("Mehr bewilligt als der Jahresbetrag: Aktionsfonds Brunnenstraße 2026")
    );
    let soldiner = sections
        .iter()
        .find(|s| s["heading"] == "Aktionsfonds Soldiner Straße 2026")
        .unwrap();
    let actions = soldiner["tables"][1]["rows"].as_array().unwrap();
    assert_eq!(actions.len(), 6 + 1);
    assert_eq!(actions[4][6], "überfällig");
    assert_eq!(actions[5][6], "ausstehend");
    // Berlin's seed names no monitoring across years: the host's report.
    assert_eq!(
        find("berlin", "build-report-monitoring").run(&runtime, &plugin),
        json!({"report": "host_default"})
    );
}

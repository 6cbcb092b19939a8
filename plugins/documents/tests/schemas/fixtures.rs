//! The recorded answers of the municipal plugins (`plugins/fixtures/expected/`): every
//! document output matches its schema, reads into its type and comes back unchanged, so the
//! host can decode what the plugins answer today without loss. Their route and dataset inputs
//! read into the request and dataset types.

use std::path::PathBuf;

use quartier_documents::{Dataset, Description, Report, RouteDecision, RouteRequest};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{assert_deserializes_valid, plugins_dir, read_json};

/// Every `<case>.<suffix>` file below `fixtures/expected/` whose case starts with `hook`.
fn files(hook: &str, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let root = plugins_dir().join("fixtures/expected");
    for plugin in std::fs::read_dir(&root).unwrap() {
        for file in std::fs::read_dir(plugin.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let Some(case) = name.strip_suffix(suffix) else {
                continue;
            };
            if case == hook || case.starts_with(&format!("{hook}-")) {
                found.push(path);
            }
        }
    }
    found.sort();
    assert!(
        !found.is_empty(),
        "no {hook} cases found in {}",
        root.display()
    );
    found
}

/// Checks every recorded answer of `hook` against the schema and the type, and that the type
/// keeps all of it; the plugin's own refusals (`{"refused": …}`) carry no document.
fn assert_answers<T: Serialize + DeserializeOwned>(hook: &str, schema: &str, at_least: usize) {
    let mut checked = 0;
    for file in files(hook, ".expected.json") {
        let answer = read_json(&file);
        if answer.get("refused").is_none() {
            let typed: T = assert_deserializes_valid(schema, answer.clone());
            assert_eq!(
                serde_json::to_value(&typed).unwrap(),
                answer,
                "{}",
                file.display()
            );
            checked += 1;
        }
    }
    assert!(
        checked >= at_least,
        "only {checked} {hook} answers, {at_least} when written"
    );
}

#[test]
fn every_recorded_description_reads_into_the_type_unchanged() {
    assert_answers::<Description>("describe", "description", 3);
}

#[test]
fn every_recorded_route_decision_reads_into_the_type_unchanged() {
    assert_answers::<RouteDecision>("route", "route-decision", 9);
}

#[test]
fn every_recorded_report_reads_into_the_type_unchanged() {
    assert_answers::<Report>("build-report", "report", 4);
}

#[test]
fn every_recorded_route_request_and_dataset_reads_into_its_type() {
    for file in files("route", ".input.json") {
        let _: RouteRequest =
            assert_deserializes_valid("route-request", read_json(&file)["input"].clone());
    }
    for file in files("build-report", ".input.json") {
        let _: Dataset =
            assert_deserializes_valid("report-dataset", read_json(&file)["input"].clone());
    }
}

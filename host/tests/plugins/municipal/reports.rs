//! Every municipal plugin's `build-report` on the sample datasets of `plugins/fixtures/inputs/`
//! (a version 1 dataset without a kind, and a version 2 dataset of each kind): each answer is
//! a report the host can render — its own document or `host_default` — within the report
//! call's limits, and the same dataset gives the same report.

use std::path::PathBuf;

use quartier::plugins::{Answer, Request};
use serde_json::{Value, json};

use super::{PLUGINS, schemas};
use crate::support::{context, load, runtime};

fn input(file: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../plugins/fixtures/inputs")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let call: Value = serde_json::from_str(&text).unwrap();
    call["input"].clone()
}

const KINDS: [&str; 4] = [
    "jahresbericht",
    "monitoring",
    "fondsabrechnung",
    "selbstevaluation",
];

#[test]
fn every_plugin_answers_every_sample_dataset_with_a_valid_report() {
    let runtime = runtime();
    let mut shaped = 0;
    for name in PLUGINS {
        let plugin = load(&runtime, name);
        for kind in KINDS {
            let dataset = input(&format!("build-report-{kind}.json"));
            assert_eq!(dataset["kind"], kind);
            schemas::assert_valid("report-dataset", &dataset, kind);
            let text = dataset.to_string();
            let answer = |n: u8| match runtime
                .call(&plugin, context(), Request::BuildReport(&text))
                .result
            {
                Ok(Answer::Json(report)) => report,
                other => panic!("{name} {kind} (call {n}): {other:?}"),
            };
            let report = answer(1);
            schemas::assert_valid("report", &report, &format!("{name} {kind}"));
            assert_eq!(
                report,
                answer(2),
                "{name} {kind}: the same dataset, the same report"
            );
            if report["report"] == "document" {
                shaped += 1;
                assert!(!report["sections"].as_array().unwrap().is_empty());
            }
        }
    }
    // Hessen and the organisation model shape all four kinds, Aachen three, Berlin and
    // Nürnberg two each.
    assert_eq!(shaped, 4 + 3 + 2 + 4 + 2);
}

#[test]
fn a_version_1_dataset_without_a_kind_is_a_jahresbericht_for_every_plugin() {
    let runtime = runtime();
    let dataset = input("build-report.json");
    assert!(dataset.get("kind").is_none() && dataset.get("version").is_none());
    let text = dataset.to_string();
    for name in PLUGINS {
        let plugin = load(&runtime, name);
        let Ok(Answer::Json(report)) = runtime
            .call(&plugin, context(), Request::BuildReport(&text))
            .result
        else {
            panic!("{name}: no report")
        };
        schemas::assert_valid("report", &report, name);
        assert_eq!(report["report"], "document", "{name}");
        let title = report["title"].as_str().unwrap();
        assert!(
            !title.starts_with("Abrechnung") && !title.contains("Monitoring"),
            "{name}: {title}"
        );
    }
}

/// A municipality-wide statement with thousands of small grants and long titles.
fn large_statement() -> Value {
    let mut dataset = input("build-report-fondsabrechnung.json");
    let mut funds = Vec::new();
    for area in 0..30 {
        let actions: Vec<Value> = (0..60)
            .map(|i| {
                json!({
                    "reference": format!("AF-2026-{area:02}-{i:03}"),
                    "title": format!("Nachbarschaftsaktion {i} im Gebiet {area}: {}", "Hoffest mit Flohmarkt, Musik und Kuchen ".repeat(4)),
                    "state": "abgeschlossen",
                    "approved_on": "2026-05-04",
                    "approved_cents": 12_500,
                    "paid_cents": 12_500,
                    "proof_due_on": "2026-09-30",
                    "proof_received": i % 7 != 0,
                })
            })
            .collect();
        funds.push(json!({
            "fund_kind": "aktionsfonds",
            "name": format!("Aktionsfonds Gebiet {area} 2026"),
            "year": 2026,
            "applications_received": 60,
            "applications_approved": 60,
            "applications_rejected": 0,
            "decided_cents": 750_000,
            "paid_cents": 750_000,
            "actions": actions,
        }));
    }
    dataset["funds"] = Value::Array(funds);
    dataset
}

#[test]
fn a_statement_of_thousands_of_grants_stays_within_the_output_cap_and_says_what_it_left_out() {
    let runtime = runtime();
    let dataset = large_statement();
    schemas::assert_valid("report-dataset", &dataset, "large statement");
    let text = dataset.to_string();
    assert!(
        text.len() > 1_000_000 / 2,
        "a large input: {} bytes",
        text.len()
    );
    for name in PLUGINS {
        let plugin = load(&runtime, name);
        let measured = runtime.call(&plugin, context(), Request::BuildReport(&text));
        let report = match measured.result {
            Ok(Answer::Json(report)) => report,
            other => panic!("{name}: {other:?}"),
        };
        if report["report"] == "host_default" {
            continue;
        }
        schemas::assert_valid("report", &report, name);
        let paragraphs = report["sections"].to_string();
        assert!(
            paragraphs.contains("Die Einzelaufstellung fehlt für"),
            "{name}: lists left out are named"
        );
        let listed = report["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["tables"].as_array().cloned().unwrap_or_default())
            .filter(|t| {
                t["title"]
                    .as_str()
                    .unwrap()
                    .ends_with("bewilligte Maßnahmen")
            })
            .count();
        assert!(listed > 0, "{name}: as many lists as fit");
        assert!(
            measured.output_bytes < 256 * 1024,
            "{name}: {} bytes",
            measured.output_bytes
        );
    }
}

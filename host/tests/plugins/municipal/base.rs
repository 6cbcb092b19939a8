//! The host's base documents — the forms of `schemas/forms/` and the complete task matrix of
//! `schemas/task-matrix/base.json` — are valid, and every municipal plugin adapts each of
//! them into a valid document of the same kind.

use std::path::PathBuf;

use quartier::plugins::{Answer, FormKind, Request};
use serde_json::Value;

use super::{PLUGINS, schemas};
use crate::support::{context, load, runtime};

const FORMS: [(&str, FormKind); 6] = [
    ("fund-application", FormKind::FundApplication),
    ("concern", FormKind::Concern),
    ("project-dossier", FormKind::ProjectDossier),
    ("contract", FormKind::Contract),
    ("meeting-minutes", FormKind::MeetingMinutes),
    ("self-evaluation", FormKind::SelfEvaluation),
];

fn read(relative: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas")
        .join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

#[test]
fn every_base_form_is_a_valid_schema_that_accepts_its_example() {
    for (kind, _) in FORMS {
        let schema = read(&format!("forms/{kind}.schema.json"));
        schemas::assert_json_schema(&schema, kind);
        let example = read(&format!("forms/examples/{kind}.json"));
        let errors = schemas::errors_against(&schema, &example);
        assert!(errors.is_empty(), "example {kind}: {errors:#?}");
    }
}

#[test]
fn every_municipal_plugin_adapts_every_base_form_into_a_valid_schema() {
    let runtime = runtime();
    for name in PLUGINS {
        let plugin = load(&runtime, name);
        for (kind, form_kind) in FORMS {
            let base = read(&format!("forms/{kind}.schema.json")).to_string();
            let answer = runtime
                .call(&plugin, context(), Request::AdaptForm(form_kind, &base))
                .result
                .unwrap_or_else(|e| panic!("{name} {kind}: {e}"));
            match answer {
                Answer::Json(adapted) => {
                    schemas::assert_json_schema(&adapted, &format!("{name} {kind}"));
                }
                Answer::NotImplemented => {}
                other => panic!("{name} {kind}: {other:?}"),
            }
        }
    }
}

#[test]
fn the_complete_task_matrix_is_valid_and_every_plugin_keeps_every_task() {
    let base = read("task-matrix/base.json");
    schemas::assert_valid("task-matrix", &base, "base.json");
    let keys = |matrix: &Value| -> Vec<String> {
        matrix["groups"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|g| g["tasks"].as_array().unwrap())
            .map(|t| t["key"].as_str().unwrap().to_owned())
            .collect()
    };
    let tasks = keys(&base);
    assert!(
        tasks.len() >= 70,
        "the whole appendix: {} tasks",
        tasks.len()
    );
    let runtime = runtime();
    let input = base.to_string();
    for name in PLUGINS {
        let plugin = load(&runtime, name);
        let answer = runtime
            .call(&plugin, context(), Request::AdaptTaskMatrix(&input))
            .result
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let Answer::Json(adapted) = answer else {
            continue;
        };
        schemas::assert_valid("task-matrix", &adapted, name);
        let kept = keys(&adapted);
        for key in &tasks {
            assert!(kept.contains(key), "{name} dropped {key}");
        }
    }
}

//! Every document type against its JSON Schema in `schemas/plugin/`: representative values
//! serialize into documents the schema accepts, documents the schema accepts deserialize into
//! the type, and the schema refuses what the host must never take from a plugin. One test
//! binary; a module per schema.

// Tests state their expectations with unwrap: a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod comparison;
mod dataset;
mod description;
mod fixtures;
mod report;
mod route;

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// `plugins/` of this checkout.
fn plugins_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// The errors of `instance` against `schemas/plugin/<schema>.schema.json`, one line each.
fn errors(schema: &str, instance: &Value) -> Vec<String> {
    let path = plugins_dir().join(format!("../schemas/plugin/{schema}.schema.json"));
    let validator = jsonschema::validator_for(&read_json(&path))
        .unwrap_or_else(|e| panic!("{schema}.schema.json does not compile: {e}"));
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Panics with every error unless `instance` matches the schema.
fn assert_valid(schema: &str, instance: &Value) {
    let errors = errors(schema, instance);
    assert!(
        errors.is_empty(),
        "{instance} does not match {schema}.schema.json:\n  {}",
        errors.join("\n  ")
    );
}

/// Panics unless the schema refuses `instance`.
fn assert_refused(schema: &str, instance: &Value) {
    assert!(
        !errors(schema, instance).is_empty(),
        "{schema}.schema.json accepts {instance}, which it must refuse"
    );
}

/// Serializes `value` and checks the document against the schema; returns the document.
fn assert_serializes_valid<T: Serialize>(schema: &str, value: &T) -> Value {
    let document = serde_json::to_value(value).expect("serializes");
    assert_valid(schema, &document);
    document
}

/// Checks `document` against the schema and deserializes it into `T`.
fn assert_deserializes_valid<T: DeserializeOwned>(schema: &str, document: Value) -> T {
    assert_valid(schema, &document);
    serde_json::from_value(document.clone())
        .unwrap_or_else(|e| panic!("{document} matches {schema}.schema.json but not the type: {e}"))
}

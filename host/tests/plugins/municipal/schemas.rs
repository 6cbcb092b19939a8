//! The plugin documents' JSON Schemas (`schemas/plugin/`), compiled with `jsonschema`
//! without remote resolution: every `$ref` in them is local.

use std::path::PathBuf;

use serde_json::Value;

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas/plugin")
        .join(format!("{name}.schema.json"))
}

/// The errors of `instance` against `schemas/plugin/<name>.schema.json`, one line each.
pub fn errors(name: &str, instance: &Value) -> Vec<String> {
    let text = std::fs::read_to_string(path(name)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Panics with every error when `instance` does not match the schema `name`.
pub fn assert_valid(name: &str, instance: &Value, what: &str) {
    let errors = errors(name, instance);
    assert!(
        errors.is_empty(),
        "{what} does not match {name}.schema.json:\n  {}",
        errors.join("\n  ")
    );
}

/// Panics when `schema` is not a valid JSON Schema (draft 2020-12 meta-schema).
pub fn assert_json_schema(schema: &Value, what: &str) {
    if let Err(e) = jsonschema::meta::validate(schema) {
        panic!("{what} is not a valid JSON Schema: {e}");
    }
    if let Err(e) = jsonschema::validator_for(schema) {
        panic!("{what} does not compile as a JSON Schema: {e}");
    }
}

/// The errors of `instance` against an arbitrary schema document.
pub fn errors_against(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).unwrap();
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

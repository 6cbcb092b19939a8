//! `schemas/exchange-bundle.schema.json`, compiled: the check every bundle passes before it
//! leaves the site (and, later, when it arrives at the centre).

use jsonschema::Validator;
use serde_json::Value;

/// The schema's text, as shipped with the host.
pub const SCHEMA: &str = include_str!("../../../schemas/exchange-bundle.schema.json");

/// The compiled schema of the exchange bundle.
pub struct BundleSchema(Validator);

impl std::fmt::Debug for BundleSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BundleSchema")
    }
}

impl BundleSchema {
    /// Compiles the shipped schema.
    pub fn new() -> anyhow::Result<BundleSchema> {
        let schema: Value = serde_json::from_str(SCHEMA)?;
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&schema)
            .map_err(|e| anyhow::anyhow!("exchange-bundle schema: {e}"))?;
        Ok(BundleSchema(validator))
    }

    /// The first way `bundle` breaks the schema, with where (a JSON pointer), or `None`.
    pub fn violation(&self, bundle: &Value) -> Option<String> {
        self.0
            .iter_errors(bundle)
            .next()
            .map(|e| format!("{e} at {}", e.instance_path().as_str()))
    }
}

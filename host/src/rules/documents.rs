//! The JSON Schemas of `schemas/plugin/` that every plugin answer is checked against before
//! it is decoded, compiled once per [`super::Rules`] on first use. They ship with the binary
//! and are tested to compile, so compiling them cannot fail in a release.

use std::sync::OnceLock;

use jsonschema::Validator;
use serde_json::Value;

/// The kinds of document a plugin answers with.
#[derive(Clone, Copy, Debug)]
pub enum Document {
    Description,
    RouteDecision,
    TaskMatrix,
    Report,
}

impl Document {
    const ALL: [Document; 4] = [
        Document::Description,
        Document::RouteDecision,
        Document::TaskMatrix,
        Document::Report,
    ];

    fn schema(self) -> &'static str {
        match self {
            Document::Description => {
                include_str!("../../../schemas/plugin/description.schema.json")
            }
            Document::RouteDecision => {
                include_str!("../../../schemas/plugin/route-decision.schema.json")
            }
            Document::TaskMatrix => include_str!("../../../schemas/plugin/task-matrix.schema.json"),
            Document::Report => include_str!("../../../schemas/plugin/report.schema.json"),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The compiled schemas.
#[derive(Default)]
pub struct Checks {
    validators: [OnceLock<Option<Validator>>; Document::ALL.len()],
}

impl Checks {
    /// Why `value` is no valid `document`, if it is not: the first violation, for the log.
    pub fn violation(&self, document: Document, value: &Value) -> Option<String> {
        let validator = self.validators[document.index()].get_or_init(|| compile(document));
        match validator {
            Some(validator) => validator
                .iter_errors(value)
                .next()
                .map(|e| format!("{} at {}", e, e.instance_path().as_str())),
            None => Some(format!(
                "the host's schema of {document:?} does not compile"
            )),
        }
    }
}

fn compile(document: Document) -> Option<Validator> {
    let schema: Value = serde_json::from_str(document.schema())
        .inspect_err(|e| tracing::error!(?document, error = %e, "a plugin schema is no JSON"))
        .ok()?;
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .inspect_err(|e| tracing::error!(?document, error = %e, "a plugin schema does not compile"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_plugin_schema_compiles() {
        for document in Document::ALL {
            assert!(compile(document).is_some(), "{document:?}");
        }
    }

    #[test]
    fn the_base_task_matrix_is_a_valid_matrix() {
        let base: Value =
            serde_json::from_str(include_str!("../../../schemas/task-matrix/base.json"))
                .unwrap_or_default();
        assert_eq!(
            Checks::default().violation(Document::TaskMatrix, &base),
            None
        );
    }

    #[test]
    fn a_document_of_another_shape_is_refused_with_its_reason() {
        let checks = Checks::default();
        assert_eq!(
            checks.violation(
                Document::RouteDecision,
                &serde_json::json!({"decision": "host_default"})
            ),
            None
        );
        let reason = checks.violation(
            Document::RouteDecision,
            &serde_json::json!({"decision": "teleport"}),
        );
        assert!(reason.is_some());
    }
}

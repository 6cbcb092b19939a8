//! The municipality's *Aufgabenmatrix*: the complete task catalogue of the Hessian
//! guideline's appendix (`schemas/task-matrix/base.json`) handed with the municipality's QM
//! model to its plugin's `adapt-task-matrix`, which assigns the cells under its model.
//!
//! The plugin's answer is checked against `schemas/plugin/task-matrix.schema.json`. Without
//! a plugin, or when it fails or answers something else, the base applies and the view says
//! why — the matrix is never unavailable because of a plugin.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use serde::Serialize;
use serde_json::Value;

use crate::app::AppState;
use crate::auth::Scope;
use crate::db::Id;
use crate::error::Result;
use crate::plugin_registry::{HostError, OwnedRequest};
use crate::plugins::Answer;

const BASE: &str = include_str!("../../../schemas/task-matrix/base.json");
const SCHEMA: &str = include_str!("../../../schemas/plugin/task-matrix.schema.json");

static BASE_MATRIX: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(BASE).expect("schemas/task-matrix/base.json is JSON"));

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(SCHEMA).expect("task-matrix schema is JSON");
    jsonschema::validator_for(&schema).expect("task-matrix schema compiles")
});

/// The matrix as the municipality works with it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TaskMatrix {
    /// The matrix (`schemas/plugin/task-matrix.schema.json`).
    #[schema(value_type = Object)]
    pub matrix: Value,
    /// The municipality's QM model as recorded with it, if any.
    pub qm_model: Option<String>,
    /// The plugin version that adapted the base; none when the base applies.
    pub adapted_by: Option<Id>,
    /// Why the base applies although a plugin is active (German), e.g. after a plugin error.
    pub notice: Option<String>,
}

impl TaskMatrix {
    /// Every task key of the matrix.
    pub fn task_keys(&self) -> BTreeSet<String> {
        self.matrix["groups"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|g| g["tasks"].as_array().into_iter().flatten())
            .filter_map(|t| t["key"].as_str().map(str::to_owned))
            .collect()
    }
}

/// The municipality's matrix: the base adapted by its active plugin.
pub async fn effective(state: &AppState, scope: &Scope) -> Result<TaskMatrix> {
    let qm_model: Option<String> =
        sqlx::query_scalar("SELECT qm_model FROM municipalities WHERE id = $1")
            .bind(scope.municipality_id)
            .fetch_one(&state.db.pool)
            .await?;
    let mut base = BASE_MATRIX.clone();
    // A model recorded in another form than a key is not passed on.
    if let Some(model) = qm_model.as_deref().filter(|m| super::actors::valid_key(m)) {
        base["qm_model"] = Value::from(model);
    }
    let request = OwnedRequest::AdaptTaskMatrix(base.to_string());
    let outcome = state
        .plugins
        .call(scope.municipality_id, &scope.slug, request)
        .await;
    let fallback = |notice: Option<&str>| TaskMatrix {
        matrix: base.clone(),
        qm_model: qm_model.clone(),
        adapted_by: None,
        notice: notice.map(str::to_owned),
    };
    Ok(match outcome {
        Err(HostError::NotInstalled) => fallback(None),
        Ok(outcome) => match outcome.answer {
            Answer::Json(adapted) if VALIDATOR.is_valid(&adapted) => TaskMatrix {
                matrix: adapted,
                qm_model: qm_model.clone(),
                adapted_by: Some(outcome.version_id),
                notice: None,
            },
            Answer::NotImplemented => fallback(None),
            _ => {
                tracing::warn!(version = %outcome.version_id, "task matrix of the plugin does not match the schema");
                fallback(Some(crate::messages::TASK_MATRIX_INVALID))
            }
        },
        Err(HostError::Plugin { version_id, error }) => {
            tracing::warn!(version = %version_id, code = error.code(), "adapt-task-matrix failed");
            fallback(Some(crate::messages::TASK_MATRIX_PLUGIN_FAILED))
        }
        Err(HostError::Load { version_id, error }) => {
            tracing::warn!(version = %version_id, code = error.code(), "plugin does not load");
            fallback(Some(crate::messages::TASK_MATRIX_PLUGIN_FAILED))
        }
        Err(HostError::Internal(e)) => return Err(e.into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_matrix_matches_its_schema_and_holds_the_whole_appendix() {
        assert!(VALIDATOR.is_valid(&BASE_MATRIX));
        let groups = BASE_MATRIX["groups"].as_array().map_or(0, Vec::len);
        assert_eq!(groups, 8);
        assert!(!VALIDATOR.is_valid(&serde_json::json!({"groups": "keine"})));
    }

    #[test]
    fn only_schema_keys_are_passed_as_qm_model() {
        use super::super::actors::valid_key;
        assert!(valid_key("tandem_mit_steuerung"));
        assert!(!valid_key("Modell 4"));
        assert!(!valid_key(""));
    }
}

//! The municipality's *Aufgabenmatrix*: the complete task catalogue of the Hessian
//! guideline's appendix (`schemas/task-matrix/base.json`) handed with the municipality's QM
//! model to its plugin's `adapt-task-matrix`, which assigns the cells under its model.
//!
//! The plugin's answer is checked against `schemas/plugin/task-matrix.schema.json`. Without
//! a plugin, or when it fails or answers something else, the base applies and the view says
//! why — the matrix is never unavailable because of a plugin.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;

use crate::auth::Scope;
use crate::db::Id;
use crate::error::Result;
use crate::keys::is_stable_key;
use crate::rules::Ruling;
use crate::state::AppState;

crate::text_enum! {
    /// A column of the matrix: who steers, who plans, who does the community work
    /// (*Gemeinwesenarbeit*) — the guideline's three kinds of QM work per task.
    pub enum MatrixColumn {
        Steuerung = ("steuerung", "Steuerung"),
        Planung = ("planung", "Planung"),
        Gemeinwesenarbeit = ("gemeinwesenarbeit", "Gemeinwesenarbeit"),
    }
}

/// The appendix's catalogue, parsed per request: the matrix is read rarely, and a parsed
/// copy would be state kept outside `AppState`.
const BASE: &str = include_str!("../../../schemas/task-matrix/base.json");

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

/// The host's base matrix (the appendix, its cells assigned as in the guideline's first
/// model) with the municipality's QM model noted, as it goes to the plugin.
pub fn base(qm_model: Option<&str>) -> Result<Value> {
    let mut base: Value =
        serde_json::from_str(BASE).map_err(|e| anyhow::anyhow!("base task matrix: {e}"))?;
    // A model recorded in another form than a key is not passed on.
    if let Some(model) = qm_model.filter(|m| is_stable_key(m)) {
        base["qm_model"] = Value::from(model);
    }
    Ok(base)
}

/// The municipality's matrix: the base adapted by its rules (the failure policy's
/// `adapt-task-matrix` row: on failure the base, with a German notice).
pub async fn effective(state: &AppState, scope: &Scope) -> Result<TaskMatrix> {
    let qm_model: Option<String> =
        sqlx::query_scalar("SELECT qm_model FROM municipalities WHERE id = $1")
            .bind(scope.municipality_id)
            .fetch_one(&state.db.pool)
            .await?;
    let base = base(qm_model.as_deref())?;
    let ruling = state
        .rules
        .task_matrix(scope.municipality_id, &scope.slug, &base)
        .await;
    let (matrix, adapted_by, notice) = match ruling {
        Ruling::Answered { version, answer } => (answer, Some(version), None),
        Ruling::Base => (base, None, None),
        Ruling::Failed(failure) => (base, None, Some(failure.notice_de())),
    };
    Ok(TaskMatrix {
        matrix,
        qm_model,
        adapted_by,
        notice,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_matrix_holds_the_whole_appendix() {
        let base: Value = serde_json::from_str(BASE).unwrap_or_default();
        let groups = base["groups"].as_array().map_or(0, Vec::len);
        assert_eq!(groups, 8);
    }
}

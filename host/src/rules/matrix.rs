//! `adapt-task-matrix`: the municipality's *Aufgabenmatrix* under its QM model, checked
//! against `schemas/plugin/task-matrix.schema.json`.

use serde_json::Value;

use super::documents::Document;
use super::{OwnedRequest, Question, Rules, Ruling};
use crate::db::Id;

impl Rules {
    /// The base matrix as the municipality's plugin adapts it.
    pub async fn task_matrix(&self, municipality: Id, slug: &str, base: &Value) -> Ruling<Value> {
        let request = OwnedRequest::AdaptTaskMatrix(base.to_string());
        self.ask_document(
            Question::TaskMatrix,
            Document::TaskMatrix,
            municipality,
            slug,
            request,
        )
        .await
    }
}

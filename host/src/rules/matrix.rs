//! `adapt-task-matrix`: the municipality's *Aufgabenmatrix* under its QM model, checked
//! against `schemas/plugin/task-matrix.schema.json`.

use serde_json::Value;

use super::documents::Document;
use super::{OwnedRequest, Question, Rules, Ruling, invalid};
use crate::db::Id;
use crate::plugins::Answer;

impl Rules {
    /// The base matrix as the municipality's plugin adapts it.
    pub async fn task_matrix(&self, municipality: Id, slug: &str, base: &Value) -> Ruling<Value> {
        let question = Question::TaskMatrix;
        let request = OwnedRequest::AdaptTaskMatrix(base.to_string());
        match self.ask(question, municipality, slug, request).await {
            Ok(None) => Ruling::Base,
            Ok(Some((version, Answer::Json(matrix)))) => {
                match self.documents.violation(Document::TaskMatrix, &matrix) {
                    None => Ruling::Answered {
                        version,
                        answer: matrix,
                    },
                    Some(violation) => Ruling::Failed(invalid(question, version, &violation)),
                }
            }
            Ok(Some((version, _))) => {
                Ruling::Failed(invalid(question, version, "no JSON document"))
            }
            Err(failure) => Ruling::Failed(failure),
        }
    }
}

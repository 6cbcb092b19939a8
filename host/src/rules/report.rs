//! `build-report`: the report document a plugin shapes from the host's dataset, checked
//! against `schemas/plugin/report.schema.json` and decoded. `host_default` leaves the
//! report to the host's base version.

use serde_json::Value;

pub use quartier_documents::Report;

use super::documents::Document;
use super::{OwnedRequest, Question, Rules, Ruling};
use crate::db::Id;

impl Rules {
    /// The report the plugin shapes from `dataset` (`schemas/plugin/report-dataset.schema.json`).
    pub async fn build_report(
        &self,
        municipality: Id,
        slug: &str,
        dataset: &Value,
    ) -> Ruling<Report> {
        let question = Question::Report;
        let request = OwnedRequest::BuildReport(dataset.to_string());
        match self
            .ask_document(question, Document::Report, municipality, slug, request)
            .await
        {
            Ruling::Answered {
                answer: Report::HostDefault,
                ..
            } => Ruling::Base,
            ruling => ruling,
        }
    }
}

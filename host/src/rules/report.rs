//! `build-report`: the report document a plugin shapes from the host's dataset, checked
//! against `schemas/plugin/report.schema.json` and decoded. `host_default` leaves the
//! report to the host's base version.

use serde_json::Value;

pub use quartier_documents::Report;

use super::documents::Document;
use super::{OwnedRequest, Question, Rules, Ruling, invalid};
use crate::db::Id;
use crate::plugins::Answer;

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
        let (version, json) = match self.ask(question, municipality, slug, request).await {
            Ok(None) => return Ruling::Base,
            Ok(Some((version, Answer::Json(json)))) => (version, json),
            Ok(Some((version, _))) => {
                return Ruling::Failed(invalid(question, version, "no JSON document"));
            }
            Err(failure) => return Ruling::Failed(failure),
        };
        if let Some(violation) = self.documents.violation(Document::Report, &json) {
            return Ruling::Failed(invalid(question, version, &violation));
        }
        match serde_json::from_value(json) {
            Ok(Report::HostDefault) => Ruling::Base,
            Ok(report) => Ruling::Answered {
                version,
                answer: report,
            },
            Err(e) => Ruling::Failed(invalid(question, version, &e.to_string())),
        }
    }
}

//! Who shapes a report: the municipality's plugin (`build-report`), or the host's base
//! report when there is no plugin, the plugin leaves the kind to the host, or it fails —
//! then with the German notice of the failure policy (`rules/policy.rs`), never an error.

use quartier_documents::{Dataset, Report, Section};

use super::ReportScope;
use super::base::{self, Labels};
use crate::rules::{Rules, Ruling};

/// A report ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    /// The title.
    pub title: String,
    /// The sections in order.
    pub sections: Vec<Section>,
    /// Who shaped it.
    pub source: Source,
    /// Why the base report is shown instead of the plugin's, in German.
    pub notice: Option<String>,
}

/// Who shaped a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The municipality's plugin.
    Plugin,
    /// The host's base report.
    Host,
}

/// The report of `dataset`, shaped by the municipality's rules.
pub async fn shape(rules: &Rules, scope: &ReportScope, dataset: &Dataset) -> Shaped {
    let document = match serde_json::to_value(dataset) {
        Ok(document) => document,
        // A dataset is plain data and always serialises; the base report needs no plugin.
        Err(_) => return base_report(rules, scope, dataset, None).await,
    };
    match rules
        .build_report(scope.municipality, &scope.slug, &document)
        .await
    {
        Ruling::Answered {
            answer: Report::Document { title, sections },
            ..
        } => Shaped {
            title,
            sections,
            source: Source::Plugin,
            notice: None,
        },
        Ruling::Answered { .. } | Ruling::Base => base_report(rules, scope, dataset, None).await,
        Ruling::Failed(failure) => {
            let notice = failure.notice_de();
            base_report(rules, scope, dataset, Some(notice)).await
        }
    }
}

/// The host's base report of `dataset`, with `notice` saying why it stands in.
pub async fn base_report(
    rules: &Rules,
    scope: &ReportScope,
    dataset: &Dataset,
    notice: Option<String>,
) -> Shaped {
    let description = match rules.describe(scope.municipality, &scope.slug).await {
        Ruling::Answered { answer, .. } => Some(answer),
        Ruling::Base | Ruling::Failed(_) => None,
    };
    let base = base::build(dataset, &Labels::from_description(description.as_deref()));
    Shaped {
        title: base.title,
        sections: base.sections,
        source: Source::Host,
        notice,
    }
}

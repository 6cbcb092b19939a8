//! Who shapes a report: the municipality's plugin (`build-report`), or the host's base
//! report when there is no plugin, the plugin leaves the kind to the host, or it fails —
//! then with the German notice of the failure policy (`rules/policy.rs`), never an error.

use quartier_documents::{Dataset, Report, Section};
use serde_json::Value;

use super::ReportScope;
use super::base::{self, Labels};
use crate::db::Id;
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
    // A dataset is plain data and always serialises; the base report needs no plugin.
    let document = serde_json::to_value(dataset).ok();
    match ask(rules, scope.municipality, &scope.slug, document).await {
        Ok(shaped) => shaped,
        Err(notice) => base_report(rules, scope, dataset, notice).await,
    }
}

/// The plugin's report of `document` (a dataset or a comparison), or — when there is none,
/// it leaves the report to the host, or it fails — `Err` with the notice the base report
/// shows (the failure's, or none). `None` for a document that did not serialise.
pub async fn ask(
    rules: &Rules,
    municipality: Id,
    slug: &str,
    document: Option<Value>,
) -> Result<Shaped, Option<String>> {
    let Some(document) = document else {
        return Err(None);
    };
    match rules.build_report(municipality, slug, &document).await {
        Ruling::Answered {
            answer: Report::Document { title, sections },
            ..
        } => Ok(Shaped {
            title,
            sections,
            source: Source::Plugin,
            notice: None,
        }),
        Ruling::Answered { .. } | Ruling::Base => Err(None),
        Ruling::Failed(failure) => Err(Some(failure.notice_de())),
    }
}

/// The labels of the municipality's catalogues, from its plugin's `describe` (none when it
/// has no plugin or `describe` fails).
pub async fn labels(rules: &Rules, municipality: Id, slug: &str) -> Labels {
    let description = match rules.describe(municipality, slug).await {
        Ruling::Answered { answer, .. } => Some(answer),
        Ruling::Base | Ruling::Failed(_) => None,
    };
    Labels::from_description(description.as_deref())
}

/// The host's base report of `dataset`, with `notice` saying why it stands in.
pub async fn base_report(
    rules: &Rules,
    scope: &ReportScope,
    dataset: &Dataset,
    notice: Option<String>,
) -> Shaped {
    let labels = labels(rules, scope.municipality, &scope.slug).await;
    let base = base::build(dataset, &labels);
    Shaped {
        title: base.title,
        sections: base.sections,
        source: Source::Host,
        notice,
    }
}

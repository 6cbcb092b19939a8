//! The host's base reports: what a municipality gets for a report kind its plugin does not
//! shape (no plugin, `host_default`, or a failed `build-report`). They show the whole
//! dataset in the order of the Hessian guideline's annual report; the German words live in
//! these files, which are the report templates.

mod fondsabrechnung;
mod jahresbericht;
mod monitoring;
mod parts;
mod selbstevaluation;
pub mod standortvergleich;

use std::collections::BTreeMap;

use quartier_documents::dataset::ReportKind;
use quartier_documents::{Dataset, Description, Section};

/// A base report's title and sections.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseReport {
    /// The title.
    pub title: String,
    /// The sections in order.
    pub sections: Vec<Section>,
}

/// German labels for the keys of the municipality's catalogues (concern categories, fields
/// of action), from its plugin's `describe`; a key without a label is shown as it is.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    categories: BTreeMap<String, String>,
    fields_of_action: BTreeMap<String, String>,
}

impl Labels {
    /// The labels of a plugin's description; none without one.
    pub fn from_description(description: Option<&Description>) -> Labels {
        let Some(description) = description else {
            return Labels::default();
        };
        let map = |entries: &[quartier_documents::Entry]| {
            entries
                .iter()
                .map(|e| (e.key.clone(), e.label.clone()))
                .collect()
        };
        Labels {
            categories: map(&description.concern_categories),
            fields_of_action: map(&description.fields_of_action),
        }
    }

    /// The label of concern category `key`.
    pub fn category(&self, key: &str) -> String {
        self.categories
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    /// The label of field of action `key`.
    pub fn field_of_action(&self, key: &str) -> String {
        self.fields_of_action
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }
}

/// The base report of the dataset's kind.
pub fn build(data: &Dataset, labels: &Labels) -> BaseReport {
    let sections = match data.kind {
        ReportKind::Jahresbericht => jahresbericht::sections(data, labels),
        ReportKind::Monitoring => monitoring::sections(data),
        ReportKind::Fondsabrechnung => fondsabrechnung::sections(data),
        ReportKind::Selbstevaluation => selbstevaluation::sections(data),
    };
    BaseReport {
        title: format!(
            "{} – {} ({})",
            data.kind.label_de(),
            data.area
                .as_deref()
                .or(data.municipality_name.as_deref())
                .unwrap_or(&data.municipality),
            data.period_de()
        ),
        sections,
    }
}

#[cfg(test)]
mod tests;

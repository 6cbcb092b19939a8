//! What `build_report` returns (`schemas/plugin/report.schema.json`): the host's standard
//! report, or a title and sections of paragraphs and figures for the host to render.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What `build_report` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "report", rename_all = "snake_case")]
pub enum Report {
    /// The host renders its standard report.
    HostDefault,
    /// A report shaped by the plugin.
    Document {
        /// The report's title.
        title: String,
        /// Its sections in order.
        sections: Vec<Section>,
    },
}

/// A section of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The heading.
    pub heading: String,
    /// Paragraphs of text.
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// Figures: label and value, taken from the dataset.
    #[serde(default)]
    pub figures: Vec<Figure>,
}

impl Section {
    /// A section with a heading, paragraphs and figures.
    pub fn new(heading: impl Into<String>, paragraphs: Vec<String>, figures: Vec<Figure>) -> Self {
        Section {
            heading: heading.into(),
            paragraphs,
            figures,
        }
    }
}

/// One figure of a report section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// What is counted.
    pub label: String,
    /// The value: a number, text, true/false, or `null` for no data.
    pub value: Value,
}

impl Figure {
    /// A figure: `Figure::new("Durchgeführte Sitzungen", 31)`. A `None` becomes `null`.
    pub fn new(label: impl Into<String>, value: impl Into<Value>) -> Self {
        Figure {
            label: label.into(),
            value: value.into(),
        }
    }
}

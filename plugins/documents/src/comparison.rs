//! The comparison across sites (*Standortvergleich*, `schemas/plugin/comparison.schema.json`):
//! what a service centre's plugin receives through `build_report` instead of a
//! [`crate::Dataset`]. One row per accepted site — its latest exchange bundle of the period —
//! and the totals over the sites. Tell the two documents apart by `kind`
//! ([`Comparison::is_comparison`]); a site's plugin never receives a comparison.
//!
//! Every count a site suppressed stays `null` here ([`crate::exchange::Published`]): the
//! centre never had it. A total over the sites is shown only when no site's cell of it is
//! suppressed, so no total minus the shown cells gives back a hidden one; a median has no
//! total.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::dataset::Period;
use crate::exchange::Figures;

/// The comparison's layout version.
pub const VERSION: u32 = 1;

/// The report kind's key on the wire and in URLs: `…/reports/standortvergleich`.
pub const KIND: &str = "standortvergleich";

/// The German name of the report kind.
pub const LABEL_DE: &str = "Standortvergleich";

/// The sites' figures of one period side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// [`VERSION`].
    pub version: u32,
    /// Always [`ComparisonKind::Standortvergleich`]; what tells this document from a dataset.
    pub kind: ComparisonKind,
    /// The centre's own municipality (its tenant), whose staff asked for the report.
    pub centre: String,
    /// Its name as people read it.
    pub centre_name: String,
    /// The exchange period: a calendar year (`2026`) or half-year (`2026-H1`).
    pub exchange_period: String,
    /// The same period as days, both included.
    pub period: Period,
    /// One row per accepted site with a bundle of the period, by site name.
    pub sites: Vec<SiteFigures>,
    /// The sums over the sites; a sum with a suppressed part is `null`, and so is every
    /// median.
    pub totals: Figures,
}

/// The kind of a comparison document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonKind {
    /// The comparison across sites.
    #[default]
    Standortvergleich,
}

/// One site's latest bundle of the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFigures {
    /// The site's name at the centre (a stable key).
    pub site: String,
    /// The municipality the bundle is about (its slug at the site).
    pub municipality: String,
    /// The area, when the bundle is about one area with its sub-areas.
    pub area: Option<String>,
    /// The bundle's sequence number (the latest applied for the period).
    pub sequence: u64,
    /// Counts from 1 to one less than this were suppressed at the site.
    pub threshold: u64,
    /// The bundle's figures.
    pub figures: Figures,
}

impl Comparison {
    /// Whether the document `build_report` received is a comparison (else a dataset).
    pub fn is_comparison(document: &Value) -> bool {
        document.get("kind").and_then(Value::as_str) == Some(KIND)
    }
}

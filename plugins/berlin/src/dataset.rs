//! The host's report dataset (`schemas/plugin/report-dataset.schema.json`), typed.

use std::collections::BTreeMap;

use quartier_plugin_sdk::{Error, Value};
use serde::Deserialize;

/// A period's aggregates for the municipality or one area.
#[derive(Debug, Deserialize)]
pub struct Dataset {
    pub municipality: String,
    #[serde(default)]
    pub area: Option<String>,
    pub period: Period,
    pub bodies_by_kind: BTreeMap<String, u64>,
    pub meetings_held: u64,
    pub attendance: Attendance,
    pub funds: Vec<Fund>,
    pub concerns: Concerns,
    pub projects_by_field_of_action: BTreeMap<String, u64>,
    pub network: Network,
}

#[derive(Debug, Deserialize)]
pub struct Period {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Deserialize)]
pub struct Attendance {
    pub present: u64,
    pub excused: u64,
    pub absent: u64,
}

#[derive(Debug, Deserialize)]
pub struct Fund {
    pub fund_kind: String,
    #[serde(default)]
    pub budget_cents: Option<i64>,
    pub applications_received: u64,
    pub applications_approved: u64,
    pub applications_rejected: u64,
    pub decided_cents: i64,
    pub paid_cents: i64,
}

#[derive(Debug, Deserialize)]
pub struct Concerns {
    pub received: u64,
    pub answered: u64,
    pub median_days_to_feedback: Option<f64>,
}

#[derive(Debug, Deserialize)]
pub struct Network {
    pub organisations: u64,
    pub bodies: u64,
    pub memberships: u64,
}

/// Reads the dataset; a document of another shape is refused with a German message.
pub fn parse(dataset: Value) -> Result<Dataset, Error> {
    serde_json::from_value(dataset).map_err(|e| {
        Error::new(
            "datensatz-ungueltig",
            format!("Der Berichtsdatensatz hat nicht die erwartete Form: {e}"),
        )
    })
}

impl Dataset {
    /// Where the report is about: the area, or else the municipality.
    pub fn place(&self) -> &str {
        self.area.as_deref().unwrap_or(&self.municipality)
    }

    /// The period as people read it: `01.01.2026–31.12.2026`.
    pub fn period_de(&self) -> String {
        format!(
            "{}–{}",
            date_de(&self.period.from),
            date_de(&self.period.to)
        )
    }

    /// The fund of this kind, if the dataset has one.
    pub fn fund(&self, kind: &str) -> Option<&Fund> {
        self.funds.iter().find(|f| f.fund_kind == kind)
    }
}

/// `2026-12-31` as `31.12.2026`; anything else unchanged.
pub fn date_de(iso: &str) -> String {
    match (iso.get(..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) if iso.len() == 10 => format!("{d}.{m}.{y}"),
        _ => iso.to_owned(),
    }
}

/// Cents as a euro amount for a figure (`842000` → `8420.0`).
pub fn euros(cents: i64) -> f64 {
    cents as f64 / 100.0
}

//! The host's report dataset (`schemas/plugin/report-dataset.schema.json`): the aggregates of
//! a period that `build_report` shapes into a report. Only sums, never personal data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Figure;

/// A period's aggregates for the municipality or one area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// The municipality's slug, e.g. `aachen`.
    pub municipality: String,
    /// The area's name when the report is about one area; `None` for the whole municipality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// The period reported on, both days included.
    pub period: Period,
    /// Bodies per body kind (`stadtteilkonferenz`, `runder_tisch` …).
    pub bodies_by_kind: BTreeMap<String, u64>,
    /// Meetings held in the period.
    pub meetings_held: u64,
    /// Attendance at the meetings held.
    pub attendance: Attendance,
    /// Each fund's applications and amounts in the period.
    pub funds: Vec<Fund>,
    /// Residents' concerns in the period.
    pub concerns: Concerns,
    /// Projects per field of action (keys of the plugin's catalogue).
    pub projects_by_field_of_action: BTreeMap<String, u64>,
    /// The network's size at the end of the period.
    pub network: Network,
}

/// A period, both days included, as ISO dates (`2026-01-01`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// The first day.
    pub from: String,
    /// The last day.
    pub to: String,
}

/// Attendance at meetings, counted as entries of the attendance lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    /// Present.
    pub present: u64,
    /// Excused.
    pub excused: u64,
    /// Absent without excuse.
    pub absent: u64,
}

/// One fund's applications and amounts in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fund {
    /// The fund kind, e.g. `verfuegungsfonds`.
    pub fund_kind: String,
    /// The fund's budget for the period in cents, if one is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_cents: Option<i64>,
    /// Applications received.
    pub applications_received: u64,
    /// Applications approved.
    pub applications_approved: u64,
    /// Applications rejected.
    pub applications_rejected: u64,
    /// The sum approved, in cents.
    pub decided_cents: i64,
    /// The sum paid out, in cents.
    pub paid_cents: i64,
}

/// Residents' concerns in the period (the Lotsenfunktion).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Concerns {
    /// Concerns received.
    pub received: u64,
    /// Concerns whose reporter got an answer.
    pub answered: u64,
    /// Median days from receipt to the answer; `None` (`null`) when none was answered.
    pub median_days_to_feedback: Option<f64>,
    /// Concerns received per category (keys of the plugin's catalogue).
    #[serde(default)]
    pub by_category: BTreeMap<String, u64>,
}

/// The network's size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    /// Organisations taking part.
    pub organisations: u64,
    /// Bodies.
    pub bodies: u64,
    /// Active memberships in bodies.
    pub memberships: u64,
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

    /// The projects in the field of action `key` (0 where the dataset names none).
    pub fn projects_in(&self, key: &str) -> u64 {
        self.projects_by_field_of_action
            .get(key)
            .copied()
            .unwrap_or(0)
    }

    /// One figure per field of action of `catalogue` (key, label) in its order, 0 included,
    /// then one per field the catalogue does not know, labelled by `unlisted(key)`.
    pub fn project_figures(
        &self,
        catalogue: &[(&str, &str)],
        unlisted: impl Fn(&str) -> String,
    ) -> Vec<Figure> {
        let listed = catalogue
            .iter()
            .map(|(key, label)| Figure::new(*label, self.projects_in(key)));
        let others = self
            .projects_by_field_of_action
            .iter()
            .filter(|(key, _)| !catalogue.iter().any(|(k, _)| k == key))
            .map(|(key, n)| Figure::new(unlisted(key), *n));
        listed.chain(others).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iso_date_reads_the_german_way_and_anything_else_stays() {
        assert_eq!(date_de("2026-12-31"), "31.12.2026");
        assert_eq!(date_de("Ende 2026"), "Ende 2026");
    }

    #[test]
    fn cents_become_euros() {
        assert_eq!(euros(842_000), 8420.0);
    }
}

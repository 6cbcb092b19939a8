//! The host's report dataset (`schemas/plugin/report-dataset.schema.json`): the aggregates of
//! a period that `build_report` shapes into a report. Only sums, never personal data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Figure;

/// The dataset's version: 2 added the report kind, the municipality's name and QM model,
/// meetings cancelled, resolutions, fund details, concern spreads, projects' targets,
/// contracts, the task log, self-evaluations and the yearly series. Version 1 datasets still
/// decode (every addition has a default).
pub const VERSION: u32 = 2;

/// A period's aggregates for the municipality or one area.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Dataset {
    /// The dataset's version: [`VERSION`] for a new one, 1 when absent from the JSON.
    #[serde(default = "DatasetVersion::first")]
    pub version: DatasetVersion,
    /// Which report the dataset is for; a plugin shapes each kind its own way.
    #[serde(default)]
    pub kind: ReportKind,
    /// The municipality's slug, e.g. `aachen`.
    pub municipality: String,
    /// The municipality's name as people read it, e.g. `Stadt Aachen`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality_name: Option<String>,
    /// The municipality's QM model key (`kommune`, `tandem` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qm_model: Option<String>,
    /// The area's name when the report is about one area (with its sub-areas); `None` for
    /// the whole municipality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// The period reported on, both days included.
    pub period: Period,
    /// Bodies per body kind (`stadtteilkonferenz`, `runder_tisch` …).
    pub bodies_by_kind: BTreeMap<String, u64>,
    /// Bodies per area name.
    #[serde(default)]
    pub bodies_by_area: BTreeMap<String, u64>,
    /// Meetings held in the period.
    pub meetings_held: u64,
    /// Meetings cancelled in the period.
    #[serde(default)]
    pub meetings_cancelled: u64,
    /// Attendance at the meetings held.
    pub attendance: Attendance,
    /// Agenda items of the meetings held that record a resolution.
    #[serde(default)]
    pub resolutions: u64,
    /// Each fund's applications and amounts in the period.
    pub funds: Vec<Fund>,
    /// Residents' concerns in the period.
    pub concerns: Concerns,
    /// Projects per field of action (keys of the plugin's catalogue).
    pub projects_by_field_of_action: BTreeMap<String, u64>,
    /// Projects by state and their targets.
    #[serde(default)]
    pub projects: Projects,
    /// Contracts in force in the period with their targets and latest review results.
    #[serde(default)]
    pub contracts: Vec<Contract>,
    /// Task-log entries of the period per task group, column and actor.
    #[serde(default)]
    pub task_log: Vec<TaskLogCount>,
    /// Self-evaluations filled in for the period.
    #[serde(default)]
    pub self_evaluations: Vec<SelfEvaluation>,
    /// Key indicators per calendar year of the period, oldest first (the monitoring).
    #[serde(default)]
    pub years: Vec<YearFigures>,
    /// The network's size at the end of the period.
    pub network: Network,
}

/// The version of a dataset's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DatasetVersion(pub u32);

impl DatasetVersion {
    /// Version 1, which had no `version` field.
    fn first() -> Self {
        DatasetVersion(1)
    }
}

impl Default for DatasetVersion {
    /// A new dataset has the current version.
    fn default() -> Self {
        DatasetVersion(VERSION)
    }
}

/// The report kinds (*Berichtsarten*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// The annual report to the funders (Land and Bund).
    #[default]
    Jahresbericht,
    /// Indicators of an area across several years (*Sozialraummonitoring*).
    Monitoring,
    /// A fund's year: every approved action with amount, payout and proof of use.
    Fondsabrechnung,
    /// The self-evaluation of the neighbourhood management.
    Selbstevaluation,
}

impl ReportKind {
    /// Every kind, in the order people choose them.
    pub const ALL: [ReportKind; 4] = [
        ReportKind::Jahresbericht,
        ReportKind::Monitoring,
        ReportKind::Fondsabrechnung,
        ReportKind::Selbstevaluation,
    ];

    /// The key on the wire and in URLs.
    pub fn key(self) -> &'static str {
        match self {
            ReportKind::Jahresbericht => "jahresbericht",
            ReportKind::Monitoring => "monitoring",
            ReportKind::Fondsabrechnung => "fondsabrechnung",
            ReportKind::Selbstevaluation => "selbstevaluation",
        }
    }

    /// The kind of `key`, if there is one.
    pub fn from_key(key: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The German name.
    pub fn label_de(self) -> &'static str {
        match self {
            ReportKind::Jahresbericht => "Jahresbericht",
            ReportKind::Monitoring => "Monitoring",
            ReportKind::Fondsabrechnung => "Fondsabrechnung",
            ReportKind::Selbstevaluation => "Selbstevaluation",
        }
    }
}

/// A period, both days included, as ISO dates (`2026-01-01`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Period {
    /// The first day.
    pub from: String,
    /// The last day.
    pub to: String,
}

/// Attendance at meetings, counted as entries of the attendance lists.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attendance {
    /// Present.
    pub present: u64,
    /// Excused.
    pub excused: u64,
    /// Absent without excuse.
    pub absent: u64,
}

impl Attendance {
    /// The share present of all entries (0–1); `None` without entries.
    pub fn rate(&self) -> Option<f64> {
        let all = self.present + self.excused + self.absent;
        (all > 0).then(|| self.present as f64 / all as f64)
    }
}

/// Median and 90th percentile of a number of days; `None` when nothing was measured.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Spread {
    /// The median.
    pub median: Option<f64>,
    /// The 90th percentile (nearest rank).
    pub p90: Option<f64>,
}

/// One fund's applications and amounts in the period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Fund {
    /// The fund kind, e.g. `verfuegungsfonds`.
    pub fund_kind: String,
    /// The fund's name, e.g. `Verfügungsfonds Nordstadt 2026`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The fund's year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The fund's budget for the period in cents, if one is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_cents: Option<i64>,
    /// Applications received.
    pub applications_received: u64,
    /// Applications approved.
    pub applications_approved: u64,
    /// Applications rejected.
    pub applications_rejected: u64,
    /// Applications received in the period by their state today (keys of the workflow:
    /// `eingereicht`, `bewilligt`, `abgeschlossen` …).
    #[serde(default)]
    pub applications_by_state: BTreeMap<String, u64>,
    /// Applications received in the period by the advising body's recommendation
    /// (`empfohlen`, `nicht_empfohlen`); those nobody advised on are not counted.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub recommendations: BTreeMap<String, u64>,
    /// The sum requested, in cents.
    #[serde(default)]
    pub requested_cents: i64,
    /// The sum approved, in cents.
    pub decided_cents: i64,
    /// The sum paid out, in cents.
    pub paid_cents: i64,
    /// What remains of the budget (budget − approved), in cents, if a budget is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_cents: Option<i64>,
    /// Whole days from submission to the decision (approved or rejected).
    #[serde(default)]
    pub days_to_decision: Spread,
    /// Proofs of use (*Verwendungsnachweise*) due by the end of the period and not yet in.
    #[serde(default)]
    pub proofs_due: u64,
    /// Of those, overdue at the end of the period.
    #[serde(default)]
    pub proofs_overdue: u64,
    /// Every approved action (only in the `fondsabrechnung` dataset).
    #[serde(default)]
    pub actions: Vec<FundAction>,
}

/// One approved action of a fund (for the fund statement). Never the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FundAction {
    /// The application's reference, e.g. `FA-7K2M-Q9XD`.
    pub reference: String,
    /// The action's title.
    pub title: String,
    /// The application's state key.
    pub state: String,
    /// The advising body's recommendation key (`empfohlen`, `nicht_empfohlen`), if a body
    /// advised on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<String>,
    /// The day of approval (ISO date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_on: Option<String>,
    /// The sum approved, in cents.
    pub approved_cents: i64,
    /// The sum paid out, in cents.
    pub paid_cents: i64,
    /// When the proof of use is due (ISO date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_due_on: Option<String>,
    /// Whether the proof of use is in (states `verwendungsnachweis_eingereicht`, `abgeschlossen`).
    pub proof_received: bool,
}

/// Residents' concerns in the period (the Lotsenfunktion).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Concerns {
    /// Concerns received.
    pub received: u64,
    /// Concerns forwarded to a department.
    #[serde(default)]
    pub forwarded: u64,
    /// Concerns whose reporter got an answer.
    pub answered: u64,
    /// Concerns closed.
    #[serde(default)]
    pub closed: u64,
    /// Median days from receipt to the answer; `None` (`null`) when none was answered.
    pub median_days_to_feedback: Option<f64>,
    /// 90th percentile of the days from receipt to the answer.
    #[serde(default)]
    pub p90_days_to_feedback: Option<f64>,
    /// Concerns received per category (keys of the plugin's catalogue).
    #[serde(default)]
    pub by_category: BTreeMap<String, u64>,
    /// Concerns forwarded per department (the department's name as the plugin named it).
    #[serde(default)]
    pub by_department: BTreeMap<String, u64>,
}

impl Concerns {
    /// The share of concerns received whose reporter got an answer (0–1); `None` without any.
    pub fn feedback_share(&self) -> Option<f64> {
        (self.received > 0).then(|| self.answered as f64 / self.received as f64)
    }
}

/// Projects (*Maßnahmen*) of the period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Projects {
    /// Projects per state key (`geplant`, `laufend`, `abgeschlossen` …).
    #[serde(default)]
    pub by_state: BTreeMap<String, u64>,
    /// Targets of the projects with their latest measurement.
    #[serde(default)]
    pub targets: Vec<ProjectTarget>,
}

/// A project target with its target value and the latest value measured.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ProjectTarget {
    /// The project's title.
    pub project: String,
    /// The project's field of action key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_of_action: Option<String>,
    /// What is measured.
    pub indicator: String,
    /// The unit, e.g. `Teilnehmende`.
    pub unit: String,
    /// The value at the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    /// The value to reach.
    pub target_value: f64,
    /// The latest value measured up to the period's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<f64>,
    /// The deadline (ISO date).
    pub deadline: String,
}

/// A contract (*Kontrakt*) with its targets.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Contract {
    /// The contract's title.
    pub title: String,
    /// Reviews held in the period.
    pub reviews: u64,
    /// Its targets in order.
    pub targets: Vec<ContractTarget>,
}

/// A contract target and the result of its latest review.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ContractTarget {
    /// `quantitativ` or `qualitativ`.
    pub kind: String,
    /// What is agreed.
    pub description: String,
    /// The value to reach, for a quantitative target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_value: Option<f64>,
    /// The unit of the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The deadline (ISO date).
    pub deadline: String,
    /// The latest review's result key up to the period's end, if reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// Task-log entries of one task group and column.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaskLogCount {
    /// The task group's key in the task matrix.
    pub task_key: String,
    /// `steuerung`, `planung` or `gemeinwesenarbeit`; `None` for the whole task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_key: Option<String>,
    /// The actor key the municipality's QM model gives that cell, when the matrix names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Entries recorded.
    pub entries: u64,
}

/// A self-evaluation filled in for the period: the form's answers as submitted.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SelfEvaluation {
    /// The year it evaluates.
    pub year: i32,
    /// The answers (`schemas/forms/self-evaluation.schema.json`, as the plugin adapted it).
    pub answers: serde_json::Value,
}

/// Key indicators of one calendar year (for the monitoring across years).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct YearFigures {
    /// The year.
    pub year: i32,
    /// Meetings held.
    pub meetings_held: u64,
    /// Attendance rate at the meetings held (0–1).
    pub attendance_rate: Option<f64>,
    /// Concerns received.
    pub concerns_received: u64,
    /// Concerns answered.
    pub concerns_answered: u64,
    /// Median days to feedback.
    pub median_days_to_feedback: Option<f64>,
    /// Fund applications received.
    pub fund_applications: u64,
    /// Fund sums approved, in cents.
    pub fund_decided_cents: i64,
    /// Fund sums paid, in cents.
    pub fund_paid_cents: i64,
    /// Projects running in the year.
    pub projects: u64,
    /// Organisations active in the network at the year's end.
    pub organisations: u64,
}

/// The network's size.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Network {
    /// Organisations taking part.
    pub organisations: u64,
    /// Bodies.
    pub bodies: u64,
    /// Active memberships in bodies.
    pub memberships: u64,
    /// Organisations taking part per organisation kind.
    #[serde(default)]
    pub organisations_by_kind: BTreeMap<String, u64>,
    /// Persons who are active members of a body.
    #[serde(default)]
    pub persons: u64,
}

impl Dataset {
    /// Where the report is about: the area, or else the municipality (its name when the
    /// dataset has one, else its slug).
    pub fn place(&self) -> &str {
        self.area
            .as_deref()
            .or(self.municipality_name.as_deref())
            .unwrap_or(&self.municipality)
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

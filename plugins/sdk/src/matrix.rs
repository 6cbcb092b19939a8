//! The task matrix (`schemas/plugin/task-matrix.schema.json`), typed, for `adapt_task_matrix`:
//! read the base the host sends with [`TaskMatrix::parse`], give cells their actor and QM
//! membership, add tasks of the municipality, and answer with [`TaskMatrix::into_value`].
//!
//! ```
//! use quartier_plugin_sdk::json;
//! use quartier_plugin_sdk::matrix::{Cell, Column, Task, TaskMatrix};
//!
//! let base = json!({"groups": [{"key": "vernetzung", "label": "Vernetzung", "tasks": [
//!     {"key": "fachaustausch", "label": "Fachaustausch", "cells": {
//!         "planung": {"activity": "Austausch", "actor": "kommune", "counts_as_qm": false}}}]}]});
//! let mut matrix = TaskMatrix::parse(base).unwrap();
//! for (_task, column, cell) in matrix.cells_mut() {
//!     if column == Column::Planung {
//!         cell.actor = "planungsbuero".into();
//!         cell.counts_as_qm = true;
//!     }
//! }
//! matrix.add_task("vernetzung", Task::added("runder_tisch", "Runder Tisch")
//!     .cell(Column::Gemeinwesenarbeit, Cell::new("Runden Tisch leiten", "quartiersmanagement", true)));
//! let adapted = matrix.into_value().unwrap();
//! assert_eq!(adapted["groups"][0]["tasks"][0]["cells"]["planung"]["actor"], "planungsbuero");
//! assert_eq!(adapted["groups"][0]["tasks"][1]["origin"], "kommune");
//! ```
//!
//! [`BASE_GROUPS`] names the groups of the host's base matrix (the Hessian guideline's
//! appendix) and their tasks, so a report can sum a task log by group.

use serde::{Deserialize, Serialize};

use crate::{Error, Value};

/// The whole matrix.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TaskMatrix {
    /// The title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where the matrix comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The municipality's QM model key, when the host knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qm_model: Option<String>,
    /// The task groups in order.
    pub groups: Vec<Group>,
}

/// A task group (a row of the appendix's first column).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Stable key.
    pub key: String,
    /// Label.
    pub label: String,
    /// Its tasks in order.
    pub tasks: Vec<Task>,
}

/// A task with a cell per column that has something to do.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Stable key, unique in the matrix.
    pub key: String,
    /// Label.
    pub label: String,
    /// `kommune` for a task the municipality added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The cells.
    pub cells: Cells,
}

/// The cells of a task; a missing cell means nothing is to be done in that column.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cells {
    /// *Steuerung*.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steuerung: Option<Cell>,
    /// *Planung*.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planung: Option<Cell>,
    /// *Gemeinwesenarbeit im QM*.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gemeinwesenarbeit: Option<Cell>,
}

/// What is to be done in one column, by whom, and whether it counts as QM.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// What is to be done.
    pub activity: String,
    /// Who does it (an actor key).
    pub actor: String,
    /// Whether it counts as Quartiersmanagement.
    pub counts_as_qm: bool,
}

impl Cell {
    /// A cell.
    pub fn new(activity: &str, actor: &str, counts_as_qm: bool) -> Cell {
        Cell {
            activity: activity.to_owned(),
            actor: actor.to_owned(),
            counts_as_qm,
        }
    }
}

/// A column of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    /// *Steuerung* (Prozesssteuerung).
    Steuerung,
    /// *Planung*.
    Planung,
    /// *Gemeinwesenarbeit im QM*.
    Gemeinwesenarbeit,
}

impl Column {
    /// The columns in order.
    pub const ALL: [Column; 3] = [
        Column::Steuerung,
        Column::Planung,
        Column::Gemeinwesenarbeit,
    ];

    /// The key (`steuerung` …), as in the task log's `column_key`.
    pub fn key(self) -> &'static str {
        match self {
            Column::Steuerung => "steuerung",
            Column::Planung => "planung",
            Column::Gemeinwesenarbeit => "gemeinwesenarbeit",
        }
    }

    /// The column of `key`.
    pub fn from_key(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The heading.
    pub fn label(self) -> &'static str {
        match self {
            Column::Steuerung => "Steuerung",
            Column::Planung => "Planung",
            Column::Gemeinwesenarbeit => "Gemeinwesenarbeit im QM",
        }
    }
}

impl Cells {
    /// The cell of `column`.
    pub fn get_mut(&mut self, column: Column) -> Option<&mut Cell> {
        match column {
            Column::Steuerung => self.steuerung.as_mut(),
            Column::Planung => self.planung.as_mut(),
            Column::Gemeinwesenarbeit => self.gemeinwesenarbeit.as_mut(),
        }
    }

    fn slot(&mut self, column: Column) -> &mut Option<Cell> {
        match column {
            Column::Steuerung => &mut self.steuerung,
            Column::Planung => &mut self.planung,
            Column::Gemeinwesenarbeit => &mut self.gemeinwesenarbeit,
        }
    }
}

impl Task {
    /// A task the municipality adds (`origin: kommune`), without cells yet.
    pub fn added(key: &str, label: &str) -> Task {
        Task {
            key: key.to_owned(),
            label: label.to_owned(),
            origin: Some("kommune".to_owned()),
            cells: Cells::default(),
        }
    }

    /// The task with `cell` in `column`.
    pub fn cell(mut self, column: Column, cell: Cell) -> Task {
        *self.cells.slot(column) = Some(cell);
        self
    }
}

impl TaskMatrix {
    /// Reads a matrix; one of another shape is refused with a German message.
    pub fn parse(base: Value) -> Result<TaskMatrix, Error> {
        serde_json::from_value(base).map_err(|e| {
            Error::new(
                "aufgabenmatrix-ungueltig",
                format!("Die Aufgabenmatrix hat nicht die erwartete Form: {e}"),
            )
        })
    }

    /// The matrix as the answer of `adapt_task_matrix`.
    pub fn into_value(self) -> Result<Value, Error> {
        serde_json::to_value(&self).map_err(|e| {
            Error::new(
                "ausgabe-fehler",
                format!("Aufgabenmatrix nicht darstellbar: {e}"),
            )
        })
    }

    /// Every cell with its task's key and its column.
    pub fn cells_mut(&mut self) -> impl Iterator<Item = (&str, Column, &mut Cell)> {
        self.groups
            .iter_mut()
            .flat_map(|g| g.tasks.iter_mut())
            .flat_map(|task| {
                let key = task.key.as_str();
                let cells = &mut task.cells;
                [
                    (Column::Steuerung, cells.steuerung.as_mut()),
                    (Column::Planung, cells.planung.as_mut()),
                    (Column::Gemeinwesenarbeit, cells.gemeinwesenarbeit.as_mut()),
                ]
                .into_iter()
                .filter_map(move |(column, cell)| cell.map(|c| (key, column, c)))
            })
    }

    /// Adds `task` at the end of the group `group_key`, unless a task of its key exists
    /// (so adapting an adapted matrix changes nothing); `false` when there is no such group.
    pub fn add_task(&mut self, group_key: &str, task: Task) -> bool {
        let exists = self
            .groups
            .iter()
            .flat_map(|g| &g.tasks)
            .any(|t| t.key == task.key);
        match self.groups.iter_mut().find(|g| g.key == group_key) {
            Some(_) if exists => true,
            Some(group) => {
                group.tasks.push(task);
                true
            }
            None => false,
        }
    }
}

/// The groups of the host's base matrix (key, label, task keys) in order.
pub const BASE_GROUPS: [(&str, &str, &[&str]); 8] = [
    (
        "umsetzung_gesamtmassnahme",
        "Umsetzung der Gesamtmaßnahme",
        &[
            "management_koordination",
            "steuerungsstrukturen",
            "isek",
            "isek_umsetzung",
            "isek_fortschreibung",
            "ablaufplaene",
            "akteure_koordination",
            "sitzungen",
            "gremien",
            "gremien_information",
            "buergerbeteiligung",
            "vermittlung",
            "schluesselpersonen",
            "stadtteilentwicklungsagenda",
        ],
    ),
    (
        "projektentwicklung",
        "Projektentwicklung",
        &[
            "foerdermittelakquise",
            "vergabe_dritte",
            "planungen_begleiten",
            "mitwirkungsbereitschaft",
            "nachbarschaftliches_zusammenleben",
            "projekte_entwickeln",
            "projektideen_buendeln",
            "befaehigung",
            "projekthilfe",
            "umsetzungsbegleitung",
        ],
    ),
    (
        "staedtebau",
        "Städtebauliche/stadtplanerische Aufgaben",
        &[
            "bau_ordnungsmassnahmen",
            "bauleistungen",
            "grunderwerb",
            "vertraege",
            "baugb",
            "bilanzplaene",
            "bauherren",
            "plaene_dritter",
        ],
    ),
    (
        "finanzierungsmanagement",
        "Finanzierungsmanagement",
        &[
            "finanzierungskonzepte",
            "foerdermittel",
            "pruefung_abrechnungen",
            "mittelabrufe",
            "abstimmung_foerdergeber",
            "mitteldisposition",
            "abrechnungen",
            "finanzcontrolling",
        ],
    ),
    (
        "oeffentlichkeitsarbeit",
        "Öffentlichkeitsarbeit",
        &[
            "image",
            "veranstaltungen",
            "informationsplattform",
            "beteiligungsoeffentlichkeit",
            "pressearbeit",
            "medien",
            "stadtteilzeitung",
        ],
    ),
    (
        "monitoring_evaluation_berichte",
        "Monitoring, Evaluation, Berichte",
        &[
            "berichterstattung",
            "evaluationsfragebogen",
            "sozialraummonitoring",
            "selbstevaluation",
            "nachhaltigkeitskonzept",
        ],
    ),
    (
        "vernetzung",
        "Vernetzung",
        &[
            "vernetzung_akteure",
            "austausch_projekte",
            "abstimmung_veranstaltungen",
            "abstimmung_beteiligungsformate",
            "lokale_oekonomie",
            "fachaustausch",
        ],
    ),
    (
        "aktivierung_beteiligung",
        "Aktivierung und Beteiligung von Institutionen und Bewohner_innen",
        &[
            "staedtische_koordination",
            "aktivierung_zielgruppen",
            "bewohnergruppen",
            "rahmenbedingungen_beteiligung",
            "aemterkoordination",
            "lokales_netzwerk",
            "versammlungen",
            "initiativen_begleiten",
            "beteiligungsstrukturen",
            "konfliktmanagement",
            "verfuegungsfonds",
            "stadtteilvereine",
            "beratung",
            "beratungsbedarfe",
            "kultur_bildung",
            "beschaeftigung",
            "wuerdigung",
        ],
    ),
];

/// The base group (key, label) of `key`: the group itself when `key` names one, else the
/// group of the base task `key`; `None` for a key the base does not have.
pub fn base_group(key: &str) -> Option<(&'static str, &'static str)> {
    BASE_GROUPS
        .iter()
        .find(|(group, _, tasks)| *group == key || tasks.contains(&key))
        .map(|(group, label, _)| (*group, *label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_or_a_group_key_finds_its_group() {
        assert_eq!(
            base_group("verfuegungsfonds"),
            Some((
                "aktivierung_beteiligung",
                "Aktivierung und Beteiligung von Institutionen und Bewohner_innen"
            ))
        );
        assert_eq!(base_group("vernetzung").map(|g| g.0), Some("vernetzung"));
        assert_eq!(base_group("runder_tisch"), None);
    }

    #[test]
    fn a_matrix_of_another_shape_is_refused() {
        let refused = TaskMatrix::parse(serde_json::json!({"gruppen": []}));
        assert_eq!(
            refused.map_err(|e| e.code),
            Err("aufgabenmatrix-ungueltig".into())
        );
    }
}

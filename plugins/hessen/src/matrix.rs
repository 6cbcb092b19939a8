//! The task matrix (`schemas/plugin/task-matrix.schema.json`) under a QM model: every cell
//! the base has gets the actor and QM membership the model gives its column. Cells the base
//! leaves out stay out — "in dieser Spalte ist für die Aufgabe nichts zu tun".
//!
//! One exception holds in every model: the guideline asks for a named counterpart in the
//! administration ("städtische Koordinatorin / städtischer Koordinator", "verantwortliche und
//! koordinierende Ansprechperson für den Stadtteil in der Kommunalverwaltung"). That Steuerung
//! cell — task key [`STAEDTISCHE_KOORDINATION`] — stays with the Kommune and never counts as
//! QM, whoever else steers.

use quartier_plugin_sdk::{Error, Value};
use serde::{Deserialize, Serialize};

use crate::model::{Column, QmModel, actor};

/// The task whose Steuerung cell always stays with the Kommune.
pub const STAEDTISCHE_KOORDINATION: &str = "staedtische_koordination";

/// Where the assignment comes from, written into the adapted matrix's `source`.
const GUIDELINE: &str = "Leitfaden zum Quartiersmanagement in der Sozialen Stadt (Servicestelle \
    HEGISS), Anhang: Aufgaben Steuerung, Planung, Gemeinwesenarbeit im QM.";

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Matrix {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    qm_model: Option<String>,
    groups: Vec<Group>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Group {
    key: String,
    label: String,
    tasks: Vec<Task>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Task {
    key: String,
    label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    origin: Option<String>,
    cells: Cells,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Cells {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    steuerung: Option<Cell>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    planung: Option<Cell>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gemeinwesenarbeit: Option<Cell>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Cell {
    activity: String,
    actor: String,
    counts_as_qm: bool,
}

/// Applies the model the base names — its `qm_model`, else a `Modell N` in its `source`, else
/// `configured` — to every cell of the base matrix.
pub fn adapt(base: Value, configured: QmModel) -> Result<Value, Error> {
    let mut matrix: Matrix = serde_json::from_value(base).map_err(|e| {
        Error::new(
            "aufgabenmatrix-ungueltig",
            format!("Die Aufgabenmatrix hat nicht die erwartete Form: {e}"),
        )
    })?;
    let model = match (&matrix.qm_model, matrix.source.as_deref()) {
        (Some(key), _) => QmModel::from_key(key)?,
        (None, Some(source)) => QmModel::from_source(source).unwrap_or(Ok(configured))?,
        (None, None) => configured,
    };
    matrix.qm_model = Some(model.key().to_owned());
    for task in matrix.groups.iter_mut().flat_map(|g| g.tasks.iter_mut()) {
        assign(task, model);
    }
    matrix.title = Some(format!(
        "Aufgabenmatrix Quartiersmanagement – Modell {}",
        model.number()
    ));
    matrix.source = Some(format!(
        "{GUIDELINE} Zuordnung nach {} – {}",
        model.marker(),
        model.description()
    ));
    serde_json::to_value(&matrix).map_err(|e| {
        Error::new(
            "ausgabe-fehler",
            format!("Aufgabenmatrix nicht darstellbar: {e}"),
        )
    })
}

fn assign(task: &mut Task, model: QmModel) {
    let cells = &mut task.cells;
    for (column, cell) in [
        (Column::Steuerung, cells.steuerung.as_mut()),
        (Column::Planung, cells.planung.as_mut()),
        (Column::Gemeinwesenarbeit, cells.gemeinwesenarbeit.as_mut()),
    ] {
        let Some(cell) = cell else { continue };
        let (actor, counts_as_qm) =
            if column == Column::Steuerung && task.key == STAEDTISCHE_KOORDINATION {
                (actor::KOMMUNE, false)
            } else {
                model.holder(column)
            };
        cell.actor = actor.to_owned();
        cell.counts_as_qm = counts_as_qm;
    }
}

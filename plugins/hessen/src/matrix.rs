//! The task matrix (`schemas/plugin/task-matrix.schema.json`) under a QM model: every cell
//! the base has gets the actor and QM membership the model gives its column. Cells the base
//! leaves out stay out — "in dieser Spalte ist für die Aufgabe nichts zu tun".
//!
//! One exception holds in every model: the guideline asks for a named counterpart in the
//! administration ("städtische Koordinatorin / städtischer Koordinator", "verantwortliche und
//! koordinierende Ansprechperson für den Stadtteil in der Kommunalverwaltung"). That Steuerung
//! cell — task key [`STAEDTISCHE_KOORDINATION`] — stays with the Kommune and never counts as
//! QM, whoever else steers.

use quartier_plugin_sdk::matrix::{Column, TaskMatrix};
use quartier_plugin_sdk::{Error, Value};

use crate::model::{QmModel, actor};

/// The task whose Steuerung cell always stays with the Kommune.
pub const STAEDTISCHE_KOORDINATION: &str = "staedtische_koordination";

/// Where the assignment comes from, written into the adapted matrix's `source`.
const GUIDELINE: &str = "Leitfaden zum Quartiersmanagement in der Sozialen Stadt (Servicestelle \
    HEGISS), Anhang: Aufgaben Steuerung, Planung, Gemeinwesenarbeit im QM.";

/// Applies the model the base names — its `qm_model`, else a `Modell N` in its `source`, else
/// `configured` — to every cell of the base matrix.
pub fn adapt(base: Value, configured: QmModel) -> Result<Value, Error> {
    let mut matrix = TaskMatrix::parse(base)?;
    let model = match (&matrix.qm_model, matrix.source.as_deref()) {
        (Some(key), _) => QmModel::from_key(key)?,
        (None, Some(source)) => QmModel::from_source(source).unwrap_or(Ok(configured))?,
        (None, None) => configured,
    };
    matrix.qm_model = Some(model.key().to_owned());
    for (task, column, cell) in matrix.cells_mut() {
        let (actor, counts_as_qm) =
            if column == Column::Steuerung && task == STAEDTISCHE_KOORDINATION {
                (actor::KOMMUNE, false)
            } else {
                model.holder(column)
            };
        cell.actor = actor.to_owned();
        cell.counts_as_qm = counts_as_qm;
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
    matrix.into_value()
}

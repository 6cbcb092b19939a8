//! The task matrix with the QM as coordinating function: the Stadt Nürnberg keeps Steuerung
//! and Planung, the QM holds the Gemeinwesenarbeit — coordinating, organising, networking,
//! activating — and only that counts as QM. The seed's ninth task, "Ansprechpartner vor Ort",
//! is added as a task of its own.

use quartier_plugin_sdk::matrix::{Cell, Column, Task, TaskMatrix};
use quartier_plugin_sdk::{Error, Value};

use crate::catalogue::QM_MODEL;

/// The Stadt Nürnberg's administration.
pub const STADT: &str = "stadt_nuernberg";
/// The QM team in its office on site.
pub const QUARTIERSMANAGEMENT: &str = "quartiersmanagement";

/// Actor labels for reports.
pub const ACTORS: [(&str, &str); 2] = [
    (STADT, "Stadt Nürnberg"),
    (QUARTIERSMANAGEMENT, "Quartiersmanagement Hasenbuck"),
];

const SOURCE: &str = "Quartiersmanagement Hasenbuck: koordinierende und organisierende \
    Funktion des QM auf der Basis der Aufgabenmatrix des hessischen Leitfadens.";

fn ansprechpartner() -> Task {
    Task::added("ansprechpartner_vor_ort", "Ansprechpartner vor Ort").cell(
        Column::Gemeinwesenarbeit,
        Cell::new(
            "Anlaufstelle im Stadtteil: Anliegen, Ideen und Fragen aufnehmen, an die \
             zuständigen Stellen weitergeben und Rückmeldung geben",
            QUARTIERSMANAGEMENT,
            true,
        ),
    )
}

/// The base matrix with the QM as coordinating function.
pub fn adapt(base: Value) -> Result<Value, Error> {
    let mut matrix = TaskMatrix::parse(base)?;
    for (_, column, cell) in matrix.cells_mut() {
        let qm = column == Column::Gemeinwesenarbeit;
        cell.actor = if qm { QUARTIERSMANAGEMENT } else { STADT }.to_owned();
        cell.counts_as_qm = qm;
    }
    matrix.add_task("aktivierung_beteiligung", ansprechpartner());
    matrix.qm_model = Some(QM_MODEL.to_owned());
    matrix.title = Some("Aufgabenmatrix Quartiersmanagement Hasenbuck".to_owned());
    matrix.source = Some(SOURCE.to_owned());
    matrix.into_value()
}

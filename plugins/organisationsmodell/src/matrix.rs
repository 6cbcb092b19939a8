//! The task matrix under the organisation model. The model takes QM in the wide sense — "auf
//! den gesamten Prozess des Integrierens programmatischer Aktivitäten" — not as one actor's
//! job, so every cell counts as QM; the columns go to its levels: Steuerung to the
//! Geschäftsstelle Koordination Quartiermanagement and Planung to the departments (strategic
//! level), Gemeinwesenarbeit to the neighbourhood manager on site (operative level). Three
//! tasks of the model are added: contract management, the Quartierbeirat and the Bürgerjury,
//! and the review of the measurable targets.

use quartier_plugin_sdk::matrix::{Cell, Column, Task, TaskMatrix};
use quartier_plugin_sdk::{Error, Value};

use crate::catalogue::{QM_MODEL, actor};

/// Where the assignment comes from, written into the adapted matrix's `source`.
const SOURCE: &str = "Idealtypisches Organisationsmodell für das Quartiermanagement (normative, \
    strategische und operative Ebene) auf der Basis der Aufgabenmatrix des hessischen \
    Leitfadens.";

/// Who holds a column.
fn holder(column: Column) -> &'static str {
    match column {
        Column::Steuerung => actor::GESCHAEFTSSTELLE,
        Column::Planung => actor::FACHBEREICHE,
        Column::Gemeinwesenarbeit => actor::QUARTIERMANAGEMENT,
    }
}

/// The model's own tasks: (group key, task).
fn added() -> [(&'static str, Task); 3] {
    [
        (
            "umsetzung_gesamtmassnahme",
            Task::added("kontraktmanagement", "Kontraktmanagement")
                .cell(
                    Column::Steuerung,
                    Cell::new(
                        "Kontrakte mit den Trägern des Quartiermanagements über Aufgaben, \
                         Leistungen und Mittel; Bewertung ihrer Einhaltung während und nach \
                         Abschluss der Maßnahmen durch das Lenkungsgremium",
                        actor::LENKUNGSGREMIUM,
                        true,
                    ),
                )
                .cell(
                    Column::Gemeinwesenarbeit,
                    Cell::new(
                        "Kontrakte mit lokalen Akteuren im Quartier mit quantitativen und \
                         qualitativen Zielen und Terminen; Dokumentation der Ergebnisse",
                        actor::QUARTIERMANAGEMENT,
                        true,
                    ),
                ),
        ),
        (
            "aktivierung_beteiligung",
            Task::added(
                "quartierbeirat_buergerjury",
                "Quartierbeirat und Bürgerjury",
            )
            .cell(
                Column::Gemeinwesenarbeit,
                Cell::new(
                    "Quartierbeirat und Bürgerjury als feste Gremien einrichten und begleiten; \
                     mit ihnen Projektideen entwickeln und ihre Realisierbarkeit prüfen",
                    actor::QUARTIERMANAGEMENT,
                    true,
                ),
            ),
        ),
        (
            "monitoring_evaluation_berichte",
            Task::added("zielerreichung", "Überprüfung der messbaren Ziele")
                .cell(
                    Column::Steuerung,
                    Cell::new(
                        "Messbare Umsetzungsziele, Prioritäten und Handlungsschritte mit den \
                         lokalen Akteuren vereinbaren",
                        actor::GESCHAEFTSSTELLE,
                        true,
                    ),
                )
                .cell(
                    Column::Gemeinwesenarbeit,
                    Cell::new(
                        "Indikatoren erheben und die Erreichung der Ziele dokumentieren",
                        actor::QUARTIERMANAGEMENT,
                        true,
                    ),
                ),
        ),
    ]
}

/// The base matrix under the model.
pub fn adapt(base: Value) -> Result<Value, Error> {
    let mut matrix = TaskMatrix::parse(base)?;
    let own = added();
    for (task, column, cell) in matrix.cells_mut() {
        // The model's own tasks (already there when an adapted matrix comes back) keep
        // their actors.
        if own.iter().any(|(_, t)| t.key == task) {
            continue;
        }
        cell.actor = holder(column).to_owned();
        cell.counts_as_qm = true;
    }
    for (group, task) in own {
        // A base without the group keeps the task out; the matrix stays the base's.
        matrix.add_task(group, task);
    }
    matrix.qm_model = Some(QM_MODEL.to_owned());
    matrix.title = Some("Aufgabenmatrix nach dem Organisationsmodell".to_owned());
    matrix.source = Some(SOURCE.to_owned());
    matrix.into_value()
}

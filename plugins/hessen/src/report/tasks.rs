//! The task matrix in the annual report: what was done per task group and column (the task
//! log), who did it under the municipality's model, and how much of it counts as QM.

use quartier_plugin_sdk::base::label;
use quartier_plugin_sdk::dataset::Dataset;
use quartier_plugin_sdk::matrix::{Column, base_group};
use quartier_plugin_sdk::report::tasks::{by_actor_table, by_group_chart, by_group_table};
use quartier_plugin_sdk::report::{Figure, Section, ratio, share};

use crate::catalogue::ACTORS;
use crate::model::QmModel;

/// The section; without log entries it says so.
pub fn section(data: &Dataset, model: QmModel) -> Section {
    let heading = "Aufgaben nach der Aufgabenmatrix";
    let holders: Vec<String> = Column::ALL
        .iter()
        .map(|column| {
            let (actor, qm) = model.holder(*column);
            let qm = if qm { "als QM" } else { "nicht als QM" };
            format!("{}: {} ({qm})", column.label(), label(&ACTORS, actor))
        })
        .collect();
    let mut paragraphs = vec![format!(
        "Zuordnung nach Modell {} des Leitfadens – {}.",
        model.number(),
        holders.join("; ")
    )];
    if data.task_log.is_empty() {
        paragraphs.push("Im Berichtszeitraum wurde im Aufgabenprotokoll nichts erfasst.".into());
        return Section::new(heading, paragraphs, vec![]);
    }
    let entries: u64 = data.task_log.iter().map(|e| e.entries).sum();
    let as_qm: u64 = data
        .task_log
        .iter()
        .filter(|e| {
            e.column_key
                .as_deref()
                .and_then(Column::from_key)
                .is_some_and(|c| model.holder(c).1)
        })
        .map(|e| e.entries)
        .sum();
    let groups = by_group_table(
        "Einträge im Aufgabenprotokoll nach Aufgabengruppe",
        &data.task_log,
        base_group,
    );
    let chart = by_group_chart(
        &groups,
        "Tätigkeiten nach Aufgabengruppe und Spalte",
        "Einträge im Aufgabenprotokoll je Aufgabengruppe, getrennt nach Steuerung, Planung und \
         Gemeinwesenarbeit.",
    );
    let mut section = Section::new(
        heading,
        paragraphs,
        vec![
            Figure::count("Einträge im Aufgabenprotokoll", entries),
            share(
                "Anteil in Zellen, die als Quartiersmanagement zählen",
                ratio(as_qm, entries),
            ),
        ],
    )
    .with_table(groups)
    .with_table(by_actor_table(
        "Einträge im Aufgabenprotokoll nach Akteur",
        &data.task_log,
        |actor| label(&ACTORS, actor).to_owned(),
    ));
    if let Some(chart) = chart {
        section = section.with_chart(chart);
    }
    section
}

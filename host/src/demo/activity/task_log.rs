//! The yearly task log: what the neighbourhood management and the coordination did for
//! which task of the matrix (`schemas/task-matrix/base.json`, which Aachen keeps) — every
//! held meeting they prepared, and the everyday work of the other task groups.

use chrono::{DateTime, Datelike, Duration, Utc};

use super::batch::Batch;
use super::calendar::{Year, office_time};
use super::rng::{Dice, derived_id};
use crate::db::{Id, Timestamp, Tx};
use crate::task_matrix::MatrixColumn;

/// (task key, column, what was done).
type Entry = (&'static str, Option<MatrixColumn>, &'static str);

const GWA: Option<MatrixColumn> = Some(MatrixColumn::Gemeinwesenarbeit);
const PLANUNG: Option<MatrixColumn> = Some(MatrixColumn::Planung);
const STEUERUNG: Option<MatrixColumn> = Some(MatrixColumn::Steuerung);

#[rustfmt::skip]
const WORK: &[Entry] = &[
    ("verfuegungsfonds", GWA, "Antragstellende zum Stadtteilfonds beraten"),
    ("verfuegungsfonds", PLANUNG, "Anträge zum Stadtteilfonds für die Jury aufbereitet"),
    ("vermittlung", GWA, "Anliegen aus der Sprechstunde an die Fachbereiche weitergeleitet"),
    ("beratung", GWA, "Offene Sprechstunde im Stadtteilbüro"),
    ("schluesselpersonen", GWA, "Gespräch mit der Schulleitung über die Zusammenarbeit im Quartier"),
    ("vernetzung_akteure", GWA, "Treffen der Einrichtungen im Quartier koordiniert"),
    ("veranstaltungen", GWA, "Stadtteilfest mit Vereinen und Einrichtungen organisiert"),
    ("medien", GWA, "Veranstaltungshinweise auf der Seite der Stadtteilkonferenz veröffentlicht"),
    ("pressearbeit", GWA, "Pressemitteilung zum Nachbarschaftsfest geschrieben"),
    ("stadtteilzeitung", GWA, "Redaktionssitzung der Stadtteilzeitung begleitet"),
    ("aktivierung_zielgruppen", GWA, "Aktivierende Befragung älterer Menschen im Quartier"),
    ("bewohnergruppen", GWA, "Bewohnergruppe Mittagstisch begleitet"),
    ("konfliktmanagement", GWA, "Gespräch zwischen Nachbarn und Hausverwaltung moderiert"),
    ("projekte_entwickeln", GWA, "Projektidee mit Bewohnerinnen und Bewohnern entwickelt"),
    ("umsetzungsbegleitung", GWA, "Projektpartner zum Stand der Umsetzung beraten"),
    ("berichterstattung", PLANUNG, "Sachbericht für die Lenkungsgruppe erstellt"),
    ("sozialraummonitoring", PLANUNG, "Daten des Sozialraummonitorings ausgewertet"),
    ("selbstevaluation", GWA, "Selbstevaluation des Quartiersmanagements vorbereitet"),
    ("wuerdigung", GWA, "Ehrenamtsabend ausgerichtet"),
    ("management_koordination", STEUERUNG, "Jour fixe der Quartiersmanagerinnen und -manager geleitet"),
    ("aemterkoordination", STEUERUNG, "Abstimmung mit den Fachbereichen zu Anliegen aus den Quartieren"),
    ("foerdermittel", STEUERUNG, "Mittelabruf für den Stadtteilfonds"),
    ("mitteldisposition", STEUERUNG, "Jährliche Mitteldisposition des Stadtteilfonds vorbereitet"),
    ("fachaustausch", STEUERUNG, "Teilnahme am Fachaustausch Quartiersmanagement"),
    ("gremien", None, "Bericht im Sozialausschuss"),
];

/// The task of preparing and chairing meetings.
const MEETINGS: (&str, Option<MatrixColumn>) = ("sitzungen", GWA);

/// Who records: the QM for its own work, the coordination for the steering column.
#[derive(Debug, Clone, Copy)]
pub struct Recorders {
    pub qm: &'static str,
    pub coordination: &'static str,
}

/// Writes `per_year` entries of everyday work in the report year (fewer before) and one
/// entry for every held meeting in `held` (title, start).
pub async fn seed(
    tx: &mut Tx,
    municipality: Id,
    years: &[Year],
    per_year: u32,
    held: &[(String, DateTime<Utc>)],
    seed: u64,
    who: Recorders,
) -> anyhow::Result<usize> {
    let mut rows = Batch::new(
        "task_log",
        &[
            "id",
            "municipality_id",
            "year",
            "task_key",
            "column_key",
            "activity",
            "recorded_by",
            "created_at",
        ],
    );
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return Ok(0);
    };
    for (n, (title, start)) in (0_u64..).zip(held) {
        if *start < first.from {
            continue;
        }
        let at = office_time(*start, 1.0, 120);
        if at > last.until {
            continue;
        }
        let (task, column) = MEETINGS;
        rows.row()
            .id(derived_id(municipality, at, n))
            .id(municipality)
            .int(i64::from(start.year()))
            .text(task)
            .opt_text(column.map(MatrixColumn::as_str))
            .text(format!("Vorbereitet, moderiert und protokolliert: {title}"))
            .text(who.qm)
            .at(Timestamp(at));
    }
    for year in years {
        let mut dice = Dice::new(seed, &format!("task-log/{}", year.year));
        let span = year.span(year.until).max(1);
        for _ in 0..year.count(per_year, year.until) {
            let (task, column, activity) = *dice.pick(WORK, &WORK[0]);
            let day = year.from + Duration::seconds(dice.range(0..=span - 1));
            let at =
                office_time(day, 0.0, dice.range(0..=480)).min(year.until - Duration::minutes(1));
            let recorder = if column == STEUERUNG {
                who.coordination
            } else {
                who.qm
            };
            rows.row()
                .id(dice.id(at))
                .id(municipality)
                .int(i64::from(year.year))
                .text(task)
                .opt_text(column.map(MatrixColumn::as_str))
                .text(activity)
                .text(recorder)
                .at(Timestamp(at));
        }
    }
    let count = rows.len();
    rows.write(tx).await?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = include_str!("../../../../schemas/task-matrix/base.json");

    #[test]
    fn every_entry_names_a_cell_of_the_base_matrix() {
        let base: serde_json::Value = serde_json::from_str(BASE).unwrap();
        let cell = |task: &str, column: Option<MatrixColumn>| {
            base["groups"].as_array().unwrap().iter().any(|g| {
                g["tasks"].as_array().unwrap().iter().any(|t| {
                    t["key"] == task && column.is_none_or(|c| t["cells"].get(c.as_str()).is_some())
                })
            })
        };
        let (task, column) = MEETINGS;
        assert!(cell(task, column));
        for (task, column, _) in WORK {
            assert!(cell(task, *column), "{task} {column:?}");
        }
    }
}

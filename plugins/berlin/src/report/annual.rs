//! The year's balance of an area as the basis for the yearly revision of its integrated
//! action concept: the measures "werden jährlich in enger Abstimmung mit den Gremien des
//! Quartiersmanagements und den Bewohnerinnen und Bewohnern analysiert, überarbeitet und
//! angepasst". It shows the progress on each of the nine strategic goals — projects, their
//! measurable targets and how many are reached — then the two funds and the bodies; the last
//! section names the goals without a project, the first candidates for that revision.

use std::collections::BTreeMap;

use quartier_plugin_sdk::dataset::Dataset;
use quartier_plugin_sdk::report::funds::{figures, overview_table};
use quartier_plugin_sdk::report::projects::{Standing, standing, targets_table};
use quartier_plugin_sdk::report::{
    Column, Figure, Format, Report, Section, Table, bar_chart_of, days, ratio, share,
};
use quartier_plugin_sdk::{Value, json};

use super::{budget, funds, overview};
use crate::catalogue::{
    AKTIONSFONDS, AKTIONSFONDSJURY, QUARTIERSFONDS, QUARTIERSRAT, STRATEGIC_GOALS, goal,
};

/// The report document for one period.
pub fn build(data: &Dataset) -> Report {
    let next_year = data
        .period
        .to
        .get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .map(|y| y + 1);
    let revision = next_year.map_or_else(String::new, |y| format!(" und Fortschreibung {y}"));
    Report::Document {
        title: format!(
            "Integriertes Handlungskonzept {}: Bilanz {}{revision}",
            data.place(),
            data.period_de()
        ),
        sections: vec![
            overview(data),
            goals(data),
            fund_section(
                data,
                AKTIONSFONDS,
                "Aktionsfonds (Entscheidung: Aktionsfondsjury)",
            ),
            fund_section(
                data,
                QUARTIERSFONDS,
                "Quartiersfonds (Entscheidung: Quartiersrat)",
            ),
            bodies(data),
            revision_section(data, next_year),
        ],
    }
}

/// A goal's label, or the key with a note for one outside the nine.
fn goal_label(key: &str) -> String {
    goal(key).map_or_else(
        || format!("Ohne strategisches Handlungsziel ({key})"),
        str::to_owned,
    )
}

/// Per strategic goal: projects, measurable targets, reached, missed, and the share reached.
fn progress_table(data: &Dataset) -> Table {
    // (targets, reached, missed) per goal key.
    let mut targets: BTreeMap<&str, [u64; 3]> = BTreeMap::new();
    for target in &data.projects.targets {
        let key = target.field_of_action.as_deref().unwrap_or("");
        let counts = targets.entry(key).or_default();
        counts[0] += 1;
        match standing(target, &data.period.to) {
            Standing::Reached => counts[1] += 1,
            Standing::Missed => counts[2] += 1,
            Standing::Open | Standing::Unmeasured => {}
        }
    }
    let mut keys: Vec<&str> = STRATEGIC_GOALS.iter().map(|(k, _)| *k).collect();
    let others = data
        .projects_by_field_of_action
        .keys()
        .map(String::as_str)
        .chain(targets.keys().copied())
        .filter(|k| !k.is_empty() && goal(k).is_none());
    for key in others {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let mut table = Table::new(
        "Fortschritt je strategischem Handlungsziel",
        vec![
            Column::new("Strategisches Handlungsziel", Format::Text),
            Column::new("Projekte", Format::Count),
            Column::new("Messbare Ziele", Format::Count),
            Column::new("erreicht", Format::Count),
            Column::new("nicht erreicht", Format::Count),
            Column::new("Anteil erreicht", Format::Percent),
        ],
    );
    for key in keys {
        let [all, reached, missed] = targets.get(key).copied().unwrap_or_default();
        table = table.row(vec![
            Value::from(goal_label(key)),
            Value::from(data.projects_in(key)),
            Value::from(all),
            Value::from(reached),
            Value::from(missed),
            Value::from(ratio(reached, all)),
        ]);
    }
    table.with_total("Summe")
}

fn goals(data: &Dataset) -> Section {
    let table = progress_table(data);
    let chart = bar_chart_of(
        &table,
        "Projekte je strategischem Handlungsziel",
        "Anzahl der Projekte im Berichtszeitraum zu jedem der neun strategischen \
         Handlungsziele.",
    );
    let mut section = Section::new(
        "Fortschritt bei den strategischen Handlungszielen",
        vec![
            "Die Arbeit in den Quartieren orientiert sich an neun strategischen \
             Handlungszielen. Je Ziel: die Projekte des Zeitraums und ihre messbaren Ziele \
             mit dem zuletzt gemessenen Stand."
                .into(),
        ],
        vec![],
    )
    .with_table(table);
    if !data.projects.targets.is_empty() {
        section = section.with_table(targets_table(
            "Messbare Ziele der Projekte",
            &data.projects.targets,
            &data.period.to,
            goal_label,
        ));
    }
    match chart {
        Some(chart) => section.with_chart(chart),
        None => section,
    }
}

fn fund_section(data: &Dataset, kind: &str, heading: &str) -> Section {
    match funds(data, kind).as_slice() {
        [] => Section::new(
            heading,
            vec!["Keine Anträge im Berichtszeitraum.".into()],
            vec![],
        ),
        [fund] => Section::new(heading, vec![], figures(fund, budget(fund))),
        many => {
            Section::new(heading, vec![], vec![]).with_table(overview_table(heading, many, budget))
        }
    }
}

fn bodies(data: &Dataset) -> Section {
    let count = |kind: &str| data.bodies_by_kind.get(kind).copied().unwrap_or(0);
    Section::new(
        "Beteiligung und Vernetzung",
        vec![],
        vec![
            Figure::count("Quartiersräte", count(QUARTIERSRAT)),
            Figure::count("Aktionsfondsjurys", count(AKTIONSFONDSJURY)),
            Figure::count("Steuerungsrunden", count("steuerungsrunde")),
            Figure::count("Durchgeführte Sitzungen", data.meetings_held),
            share("Teilnahmequote", data.attendance.rate()),
            Figure::count("Gremien insgesamt", data.network.bodies),
            Figure::count("Beteiligte Organisationen", data.network.organisations),
            Figure::count("Mitgliedschaften in Gremien", data.network.memberships),
            Figure::count("Anliegen eingegangen", data.concerns.received),
            Figure::count("Anliegen mit Rückmeldung", data.concerns.answered),
            days(
                "Median der Tage bis zur Rückmeldung",
                data.concerns.median_days_to_feedback,
            ),
        ],
    )
}

fn revision_section(data: &Dataset, next_year: Option<i32>) -> Section {
    let without: Vec<&str> = STRATEGIC_GOALS
        .iter()
        .filter(|(key, _)| data.projects_in(key) == 0)
        .map(|(_, label)| *label)
        .collect();
    let mut paragraphs = vec![
        "Die Maßnahmen des Integrierten Handlungskonzepts werden jährlich in enger Abstimmung \
         mit den Gremien des Quartiersmanagements (Quartiersrat, Aktionsfondsjury) und den \
         Bewohnerinnen und Bewohnern analysiert, überarbeitet und angepasst."
            .to_owned(),
    ];
    paragraphs.push(if without.is_empty() {
        "Zu jedem der neun strategischen Handlungsziele gab es im Berichtszeitraum Projekte."
            .to_owned()
    } else {
        format!(
            "Ohne Projekt im Berichtszeitraum: {}. Zu prüfen ist, ob diese Ziele mit neuen \
             Maßnahmen unterlegt, anders angegangen oder für das Gebiet zurückgestellt werden.",
            without.join("; ")
        )
    });
    let covered = STRATEGIC_GOALS.len() - without.len();
    Section::new(
        "Fortschreibung des Integrierten Handlungskonzepts",
        paragraphs,
        vec![
            // How many of the nine goals, not cases: plain numbers, never suppressed.
            Figure::new("Handlungsziele mit Projekten", covered as u64),
            Figure::new("Handlungsziele ohne Projekte", without.len() as u64),
            Figure::new(
                "Fortschreibung für das Jahr",
                next_year.map_or(Value::Null, |y| json!(y.to_string())),
            )
            .formatted(Format::Text),
        ],
    )
}

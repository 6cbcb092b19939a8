//! The year's balance of an area as the basis for the yearly revision of its integrated
//! action concept: the measures "werden jährlich in enger Abstimmung mit den Gremien des
//! Quartiersmanagements und den Bewohnerinnen und Bewohnern analysiert, überarbeitet und
//! angepasst". The last section names the strategic goals without a project, the first
//! candidates for that revision.

use quartier_plugin_sdk::{Figure, Report, Section, Value, json};

use crate::catalogue::{
    AKTIONSFONDS, AKTIONSFONDS_PER_YEAR_CENTS, AKTIONSFONDSJURY, QUARTIERSFONDS, QUARTIERSRAT,
    STRATEGIC_GOALS,
};
use crate::dataset::{Dataset, Fund, euros};

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

fn figure(label: impl Into<String>, value: impl Into<Value>) -> Figure {
    Figure {
        label: label.into(),
        value: value.into(),
    }
}

fn section(heading: &str, paragraphs: Vec<String>, figures: Vec<Figure>) -> Section {
    Section {
        heading: heading.to_owned(),
        paragraphs,
        figures,
    }
}

fn overview(data: &Dataset) -> Section {
    section(
        "QM-Gebiet und Berichtszeitraum",
        vec![],
        vec![
            figure(
                "QM-Gebiet",
                data.area.as_deref().map_or(Value::Null, |a| json!(a)),
            ),
            figure("Berichtszeitraum", data.period_de()),
        ],
    )
}

fn goals(data: &Dataset) -> Section {
    let mut figures: Vec<Figure> = STRATEGIC_GOALS
        .iter()
        .map(|(key, label)| {
            figure(
                *label,
                data.projects_by_field_of_action
                    .get(*key)
                    .copied()
                    .unwrap_or(0),
            )
        })
        .collect();
    for (key, n) in &data.projects_by_field_of_action {
        if !STRATEGIC_GOALS.iter().any(|(k, _)| k == key) {
            figures.push(figure(
                format!("Ohne strategisches Handlungsziel ({key})"),
                *n,
            ));
        }
    }
    section(
        "Projekte nach strategischen Handlungszielen",
        vec![],
        figures,
    )
}

fn fund_figures(fund: &Fund, budget: Option<(&str, i64)>) -> Vec<Figure> {
    let mut figures = Vec::new();
    if let Some((label, budget)) = budget {
        figures.push(figure(label, euros(budget)));
    }
    figures.extend([
        figure("Anträge eingegangen", fund.applications_received),
        figure("Anträge bewilligt", fund.applications_approved),
        figure("Anträge abgelehnt", fund.applications_rejected),
        figure("Bewilligt (€)", euros(fund.decided_cents)),
        figure("Ausgezahlt (€)", euros(fund.paid_cents)),
    ]);
    if let Some((_, budget)) = budget {
        figures.push(figure(
            "Noch verfügbar (€)",
            euros(budget - fund.decided_cents),
        ));
    }
    figures
}

fn fund_section(data: &Dataset, kind: &str, heading: &str) -> Section {
    let Some(fund) = data.fund(kind) else {
        return section(
            heading,
            vec!["Keine Anträge im Berichtszeitraum.".into()],
            vec![],
        );
    };
    // The Aktionsfonds has its fixed annual amount even where the host records no budget.
    let budget = if kind == AKTIONSFONDS {
        Some((
            "Jahresbetrag des Gebiets (€)",
            fund.budget_cents.unwrap_or(AKTIONSFONDS_PER_YEAR_CENTS),
        ))
    } else {
        fund.budget_cents.map(|b| ("Budget (€)", b))
    };
    section(heading, vec![], fund_figures(fund, budget))
}

fn bodies(data: &Dataset) -> Section {
    let count = |kind: &str| data.bodies_by_kind.get(kind).copied().unwrap_or(0);
    section(
        "Beteiligung und Vernetzung",
        vec![],
        vec![
            figure("Quartiersräte", count(QUARTIERSRAT)),
            figure("Aktionsfondsjurys", count(AKTIONSFONDSJURY)),
            figure("Steuerungsrunden", count("steuerungsrunde")),
            figure("Durchgeführte Sitzungen", data.meetings_held),
            figure("Teilnahmen: anwesend", data.attendance.present),
            figure("Teilnahmen: entschuldigt", data.attendance.excused),
            figure("Teilnahmen: abwesend", data.attendance.absent),
            figure("Gremien insgesamt", data.network.bodies),
            figure("Beteiligte Organisationen", data.network.organisations),
            figure("Mitgliedschaften in Gremien", data.network.memberships),
            figure("Anliegen eingegangen", data.concerns.received),
            figure("Anliegen mit Rückmeldung", data.concerns.answered),
            figure(
                "Median der Tage bis zur Rückmeldung",
                data.concerns
                    .median_days_to_feedback
                    .map_or(Value::Null, |d| json!(d)),
            ),
        ],
    )
}

fn revision_section(data: &Dataset, next_year: Option<i32>) -> Section {
    let without: Vec<&str> = STRATEGIC_GOALS
        .iter()
        .filter(|(key, _)| {
            data.projects_by_field_of_action
                .get(*key)
                .copied()
                .unwrap_or(0)
                == 0
        })
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
    section(
        "Fortschreibung des Integrierten Handlungskonzepts",
        paragraphs,
        vec![
            figure("Handlungsziele mit Projekten", covered as u64),
            figure("Handlungsziele ohne Projekte", without.len() as u64),
            figure(
                "Fortschreibung für das Jahr",
                next_year.map_or(Value::Null, |y| json!(y)),
            ),
        ],
    )
}

//! The year's balance of an area as the basis for the yearly revision of its integrated
//! action concept: the measures "werden jährlich in enger Abstimmung mit den Gremien des
//! Quartiersmanagements und den Bewohnerinnen und Bewohnern analysiert, überarbeitet und
//! angepasst". The last section names the strategic goals without a project, the first
//! candidates for that revision.

use quartier_plugin_sdk::dataset::{Dataset, Fund, euros};
use quartier_plugin_sdk::{Figure, Report, Section, Value, json};

use crate::catalogue::{
    AKTIONSFONDS, AKTIONSFONDS_PER_YEAR_CENTS, AKTIONSFONDSJURY, QUARTIERSFONDS, QUARTIERSRAT,
    STRATEGIC_GOALS,
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

fn overview(data: &Dataset) -> Section {
    Section::new(
        "QM-Gebiet und Berichtszeitraum",
        vec![],
        vec![
            Figure::new(
                "QM-Gebiet",
                data.area.as_deref().map_or(Value::Null, |a| json!(a)),
            ),
            Figure::new("Berichtszeitraum", data.period_de()),
        ],
    )
}

fn goals(data: &Dataset) -> Section {
    let figures = data.project_figures(&STRATEGIC_GOALS, |key| {
        format!("Ohne strategisches Handlungsziel ({key})")
    });
    Section::new(
        "Projekte nach strategischen Handlungszielen",
        vec![],
        figures,
    )
}

fn fund_figures(fund: &Fund, budget: Option<(&str, i64)>) -> Vec<Figure> {
    let mut figures = Vec::new();
    if let Some((label, budget)) = budget {
        figures.push(Figure::new(label, euros(budget)));
    }
    figures.extend([
        Figure::new("Anträge eingegangen", fund.applications_received),
        Figure::new("Anträge bewilligt", fund.applications_approved),
        Figure::new("Anträge abgelehnt", fund.applications_rejected),
        Figure::new("Bewilligt (€)", euros(fund.decided_cents)),
        Figure::new("Ausgezahlt (€)", euros(fund.paid_cents)),
    ]);
    if let Some((_, budget)) = budget {
        figures.push(Figure::new(
            "Noch verfügbar (€)",
            euros(budget - fund.decided_cents),
        ));
    }
    figures
}

fn fund_section(data: &Dataset, kind: &str, heading: &str) -> Section {
    let Some(fund) = data.fund(kind) else {
        return Section::new(
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
    Section::new(heading, vec![], fund_figures(fund, budget))
}

fn bodies(data: &Dataset) -> Section {
    let count = |kind: &str| data.bodies_by_kind.get(kind).copied().unwrap_or(0);
    Section::new(
        "Beteiligung und Vernetzung",
        vec![],
        vec![
            Figure::new("Quartiersräte", count(QUARTIERSRAT)),
            Figure::new("Aktionsfondsjurys", count(AKTIONSFONDSJURY)),
            Figure::new("Steuerungsrunden", count("steuerungsrunde")),
            Figure::new("Durchgeführte Sitzungen", data.meetings_held),
            Figure::new("Teilnahmen: anwesend", data.attendance.present),
            Figure::new("Teilnahmen: entschuldigt", data.attendance.excused),
            Figure::new("Teilnahmen: abwesend", data.attendance.absent),
            Figure::new("Gremien insgesamt", data.network.bodies),
            Figure::new("Beteiligte Organisationen", data.network.organisations),
            Figure::new("Mitgliedschaften in Gremien", data.network.memberships),
            Figure::new("Anliegen eingegangen", data.concerns.received),
            Figure::new("Anliegen mit Rückmeldung", data.concerns.answered),
            Figure::new(
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
            Figure::new("Handlungsziele mit Projekten", covered as u64),
            Figure::new("Handlungsziele ohne Projekte", without.len() as u64),
            Figure::new(
                "Fortschreibung für das Jahr",
                next_year.map_or(Value::Null, |y| json!(y)),
            ),
        ],
    )
}

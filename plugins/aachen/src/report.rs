//! The report along the six core tasks (*Kernaufgaben*) of Aachen's QM, after an overview.
//! The figures come from the host's dataset; the Lotsenfunktion also counts the concerns per
//! department they were passed on to.

use std::collections::BTreeMap;

use quartier_plugin_sdk::dataset::{Dataset, euros};
use quartier_plugin_sdk::{Figure, Report, Section, Value, json};

use crate::catalogue::{
    BODY_KINDS, CONCERN_CATEGORIES, CORE_TASKS, Destination, FIELDS_OF_ACTION, category,
};

/// The report document for one period.
pub fn build(data: &Dataset) -> Report {
    let tasks = [
        needs(data),
        lotse(data),
        networking(data),
        conferences(data),
        projects(data),
        publicity(),
    ];
    let mut sections = vec![overview(data)];
    for (number, ((heading, paragraphs), figures)) in (1..).zip(tasks) {
        sections.push(Section::new(
            format!("{number}. {heading}"),
            paragraphs,
            figures,
        ));
    }
    Report::Document {
        title: format!(
            "Bericht des Quartiersmanagements – {} ({})",
            data.place(),
            data.period_de()
        ),
        sections,
    }
}

type Part = ((&'static str, Vec<String>), Vec<Figure>);

fn overview(data: &Dataset) -> Section {
    Section::new(
        "Gebiet und Berichtszeitraum",
        vec![
            "Die Stadt Aachen gliedert sich in 14 Sozialräume und 60 Lebensräume. Das \
             städtische Quartiersmanagement setzt sich das Ziel, gemeinsam mit den Menschen \
             und Institutionen vor Ort positive Impulse für die gesellschaftliche Entwicklung \
             im Quartier zu geben."
                .into(),
        ],
        vec![
            Figure::new(
                "Gebiet",
                data.area.as_deref().map_or(Value::Null, |a| json!(a)),
            ),
            Figure::new("Berichtszeitraum", data.period_de()),
        ],
    )
}

fn needs(data: &Dataset) -> Part {
    let c = &data.concerns;
    let mut figures = vec![Figure::new("Anliegen und Ideen eingegangen", c.received)];
    // In the catalogue's order, then keys the catalogue does not know.
    let known = CONCERN_CATEGORIES.iter().filter_map(|cat| {
        c.by_category
            .get(cat.key)
            .map(|n| (cat.label.to_owned(), *n))
    });
    let unknown = c
        .by_category
        .iter()
        .filter(|(key, _)| category(key).is_none())
        .map(|(key, n)| (key.clone(), *n));
    figures.extend(
        known
            .chain(unknown)
            .map(|(label, n)| Figure::new(format!("Thema: {label}"), n)),
    );
    (
        (
            CORE_TASKS[0],
            vec![
                "Themen und Bedarfe aus Arbeitskreisen, Stadtteilkonferenzen und Gesprächen mit \
                 Bürgerinnen, Bürgern und Institutionen fließen als quartiersbezogener \
                 Wissenspool in den Fachbereich und die Verwaltung."
                    .into(),
            ],
        ),
        figures,
    )
}

fn lotse(data: &Dataset) -> Part {
    let c = &data.concerns;
    let mut figures = vec![
        Figure::new("Anliegen mit Rückmeldung an die Meldenden", c.answered),
        Figure::new(
            "Anteil mit Rückmeldung (%)",
            if c.received == 0 {
                Value::Null
            } else {
                json!((c.answered as f64 * 1000.0 / c.received as f64).round() / 10.0)
            },
        ),
        Figure::new(
            "Median der Tage bis zur Rückmeldung",
            c.median_days_to_feedback.map_or(Value::Null, |d| json!(d)),
        ),
    ];
    let mut per_destination: BTreeMap<String, u64> = BTreeMap::new();
    for (key, n) in &c.by_category {
        let label = match category(key).map(|c| c.destination) {
            Some(Destination::Department(department)) => format!("Weitergeleitet an: {department}"),
            Some(Destination::NotResponsible(_)) => {
                "Nicht zuständig (an andere Stellen verwiesen)".to_owned()
            }
            None => "Ohne Zuordnung zu einer Stelle".to_owned(),
        };
        *per_destination.entry(label).or_default() += n;
    }
    figures.extend(
        per_destination
            .into_iter()
            .map(|(label, n)| Figure::new(label, n)),
    );
    (
        (
            CORE_TASKS[1],
            vec![
                "Das Quartiersmanagement leitet Anliegen an die zuständigen Stellen der \
                 Verwaltung weiter und gewährleistet den Informationsfluss bei erfolgter \
                 Rückmeldung."
                    .into(),
            ],
        ),
        figures,
    )
}

fn networking(data: &Dataset) -> Part {
    let n = &data.network;
    (
        (CORE_TASKS[2], vec![]),
        vec![
            Figure::new("Beteiligte Organisationen", n.organisations),
            Figure::new("Gremien und Arbeitskreise", n.bodies),
            Figure::new("Mitgliedschaften", n.memberships),
        ],
    )
}

fn conferences(data: &Dataset) -> Part {
    let mut figures: Vec<Figure> = BODY_KINDS
        .iter()
        .filter_map(|(kind, label)| {
            data.bodies_by_kind
                .get(*kind)
                .map(|n| Figure::new(*label, *n))
        })
        .collect();
    figures.extend([
        Figure::new("Durchgeführte Sitzungen", data.meetings_held),
        Figure::new("Teilnahmen: anwesend", data.attendance.present),
        Figure::new("Teilnahmen: entschuldigt", data.attendance.excused),
        Figure::new("Teilnahmen: abwesend", data.attendance.absent),
    ]);
    let mut paragraphs = vec![
        "Anträge zum Stadtteilfonds berät die Stadtteilkonferenz, bevor die Verwaltung sie \
         bearbeitet; das Quartiersmanagement berät die Antragstellenden."
            .to_owned(),
    ];
    match data.fund("stadtteilfonds") {
        Some(fund) => {
            if let Some(budget) = fund.budget_cents {
                figures.push(Figure::new("Stadtteilfonds: Budget (€)", euros(budget)));
            }
            figures.extend([
                Figure::new("Stadtteilfonds: Anträge", fund.applications_received),
                Figure::new("Stadtteilfonds: bewilligt", fund.applications_approved),
                Figure::new("Stadtteilfonds: abgelehnt", fund.applications_rejected),
                Figure::new("Stadtteilfonds: bewilligt (€)", euros(fund.decided_cents)),
                Figure::new("Stadtteilfonds: ausgezahlt (€)", euros(fund.paid_cents)),
            ]);
        }
        None => {
            paragraphs.push("Im Berichtszeitraum gab es keine Anträge zum Stadtteilfonds.".into())
        }
    }
    ((CORE_TASKS[3], paragraphs), figures)
}

fn projects(data: &Dataset) -> Part {
    let figures = data.project_figures(&FIELDS_OF_ACTION, |key| {
        format!("Sonstiges Handlungsfeld ({key})")
    });
    (
        (
            CORE_TASKS[4],
            vec![
                "Projekte werden stets mit dem Ziel begleitet, die Bürgerschaft bei Planung und \
                 Umsetzung zu aktivieren und einzubeziehen."
                    .into(),
            ],
        ),
        figures,
    )
}

fn publicity() -> Part {
    (
        (
            CORE_TASKS[5],
            vec![
                "Querschnittsaufgabe: Aktivitäten, Veranstaltungen und Projekte positiv in \
                 Medien und Öffentlichkeit darstellen und so das Image des Quartiers stärken. \
                 Zu ergänzen: Veröffentlichungen in der Presse, Flyer, Internetauftritte der \
                 Stadtteilkonferenzen."
                    .into(),
            ],
        ),
        vec![],
    )
}

//! The report along the six core tasks (*Kernaufgaben*) of Aachen's QM, after an overview.
//! The figures come from the host's dataset; the Lotsenfunktion also counts the concerns per
//! department they were passed on to.

use std::collections::BTreeMap;

use quartier_plugin_sdk::{Figure, Report, Section, Value, json};

use crate::catalogue::{
    BODY_KINDS, CONCERN_CATEGORIES, CORE_TASKS, Destination, FIELDS_OF_ACTION, category,
};
use crate::dataset::{Dataset, euros};

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
        sections.push(Section {
            heading: format!("{number}. {heading}"),
            paragraphs,
            figures,
        });
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

fn figure(label: impl Into<String>, value: impl Into<Value>) -> Figure {
    Figure {
        label: label.into(),
        value: value.into(),
    }
}

fn overview(data: &Dataset) -> Section {
    Section {
        heading: "Gebiet und Berichtszeitraum".into(),
        paragraphs: vec![
            "Die Stadt Aachen gliedert sich in 14 Sozialräume und 60 Lebensräume. Das \
             städtische Quartiersmanagement setzt sich das Ziel, gemeinsam mit den Menschen \
             und Institutionen vor Ort positive Impulse für die gesellschaftliche Entwicklung \
             im Quartier zu geben."
                .into(),
        ],
        figures: vec![
            figure(
                "Gebiet",
                data.area.as_deref().map_or(Value::Null, |a| json!(a)),
            ),
            figure("Berichtszeitraum", data.period_de()),
        ],
    }
}

fn needs(data: &Dataset) -> Part {
    let c = &data.concerns;
    let mut figures = vec![figure("Anliegen und Ideen eingegangen", c.received)];
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
            .map(|(label, n)| figure(format!("Thema: {label}"), n)),
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
        figure("Anliegen mit Rückmeldung an die Meldenden", c.answered),
        figure(
            "Anteil mit Rückmeldung (%)",
            if c.received == 0 {
                Value::Null
            } else {
                json!((c.answered as f64 * 1000.0 / c.received as f64).round() / 10.0)
            },
        ),
        figure(
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
            .map(|(label, n)| figure(label, n)),
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
            figure("Beteiligte Organisationen", n.organisations),
            figure("Gremien und Arbeitskreise", n.bodies),
            figure("Mitgliedschaften", n.memberships),
        ],
    )
}

fn conferences(data: &Dataset) -> Part {
    let mut figures: Vec<Figure> = BODY_KINDS
        .iter()
        .filter_map(|(kind, label)| data.bodies_by_kind.get(*kind).map(|n| figure(*label, *n)))
        .collect();
    figures.extend([
        figure("Durchgeführte Sitzungen", data.meetings_held),
        figure("Teilnahmen: anwesend", data.attendance.present),
        figure("Teilnahmen: entschuldigt", data.attendance.excused),
        figure("Teilnahmen: abwesend", data.attendance.absent),
    ]);
    let mut paragraphs = vec![
        "Anträge zum Stadtteilfonds berät die Stadtteilkonferenz, bevor die Verwaltung sie \
         bearbeitet; das Quartiersmanagement berät die Antragstellenden."
            .to_owned(),
    ];
    match data.fund("stadtteilfonds") {
        Some(fund) => {
            if let Some(budget) = fund.budget_cents {
                figures.push(figure("Stadtteilfonds: Budget (€)", euros(budget)));
            }
            figures.extend([
                figure("Stadtteilfonds: Anträge", fund.applications_received),
                figure("Stadtteilfonds: bewilligt", fund.applications_approved),
                figure("Stadtteilfonds: abgelehnt", fund.applications_rejected),
                figure("Stadtteilfonds: bewilligt (€)", euros(fund.decided_cents)),
                figure("Stadtteilfonds: ausgezahlt (€)", euros(fund.paid_cents)),
            ]);
        }
        None => {
            paragraphs.push("Im Berichtszeitraum gab es keine Anträge zum Stadtteilfonds.".into())
        }
    }
    ((CORE_TASKS[3], paragraphs), figures)
}

fn projects(data: &Dataset) -> Part {
    let mut figures: Vec<Figure> = FIELDS_OF_ACTION
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
        if !FIELDS_OF_ACTION.iter().any(|(k, _)| k == key) {
            figures.push(figure(format!("Sonstiges Handlungsfeld ({key})"), *n));
        }
    }
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

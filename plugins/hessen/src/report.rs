//! The annual report (*jährliche Berichterstattung gegenüber den Fördergebern*) in the order
//! of the guideline's task groups: the period and the QM model, projects by field of action,
//! networking, activation through the Verfügungsfonds, concerns from the neighbourhood, then
//! the three items the guideline asks of every site beyond figures — monitoring, the
//! self-evaluation along the GWA quality standards, and the Verstetigungs-/
//! Nachhaltigkeitskonzept.

use quartier_plugin_sdk::{Error, Figure, Report, Section, Value, json};

use crate::catalogue::{
    BODY_KINDS, FIELDS_OF_ACTION, GWA_STANDARDS, MONITORING_ITEMS, VERSTETIGUNG_ITEMS,
};
use crate::config::QM_MODEL;
use crate::dataset::{Dataset, euros};

/// The report document for one period.
pub fn build(data: Dataset) -> Result<Report, Error> {
    Ok(Report::Document {
        title: format!(
            "Jahresbericht Quartiersmanagement Soziale Stadt – {} ({})",
            data.place(),
            data.period_de()
        ),
        sections: vec![
            overview(&data),
            projects(&data),
            networking(&data),
            verfuegungsfonds(&data),
            concerns(&data),
            checklist(
                "Monitoring, Evaluation, Berichte",
                "Stand der Aufgaben, die der Leitfaden dem Quartiersmanagement hierzu zuordnet:",
                &MONITORING_ITEMS,
            ),
            self_evaluation(),
            checklist(
                "Verstetigung und Nachhaltigkeitskonzept",
                "Das Land fordert mit der letzten Antragstellung ein Konzept zur Verstetigung. \
                 Stand der Punkte, die es klären muss:",
                &VERSTETIGUNG_ITEMS,
            ),
        ],
    })
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
        "Berichtszeitraum und Gebiet",
        vec![QM_MODEL.description().to_owned()],
        vec![
            figure("Kommune", data.municipality.as_str()),
            figure(
                "Gebiet",
                data.area.as_deref().map_or(Value::Null, |a| json!(a)),
            ),
            figure("Berichtszeitraum", data.period_de()),
            figure("QM-Modell", format!("Modell {}", QM_MODEL.number())),
        ],
    )
}

fn projects(data: &Dataset) -> Section {
    let mut figures: Vec<Figure> = FIELDS_OF_ACTION
        .iter()
        .map(|(key, label)| {
            let count = data.projects_by_field_of_action.get(*key).copied();
            figure(*label, count.unwrap_or(0))
        })
        .collect();
    for (key, count) in &data.projects_by_field_of_action {
        if !FIELDS_OF_ACTION.iter().any(|(k, _)| k == key) {
            figures.push(figure(format!("Sonstiges Handlungsfeld ({key})"), *count));
        }
    }
    section(
        "Umsetzung der Gesamtmaßnahme: Projekte nach Handlungsfeldern",
        vec![],
        figures,
    )
}

fn networking(data: &Dataset) -> Section {
    let mut figures = vec![
        figure("Organisationen im Netzwerk", data.network.organisations),
        figure("Gremien", data.network.bodies),
        figure("Mitgliedschaften in Gremien", data.network.memberships),
        figure("Durchgeführte Sitzungen", data.meetings_held),
        figure("Teilnahmen: anwesend", data.attendance.present),
        figure("Teilnahmen: entschuldigt", data.attendance.excused),
        figure("Teilnahmen: abwesend", data.attendance.absent),
    ];
    for (kind, count) in &data.bodies_by_kind {
        let label = BODY_KINDS
            .iter()
            .find(|(k, _)| k == kind)
            .map_or_else(|| kind.clone(), |(_, label)| (*label).to_owned());
        figures.push(figure(format!("Gremien: {label}"), *count));
    }
    section("Vernetzung und Gremien", vec![], figures)
}

fn verfuegungsfonds(data: &Dataset) -> Section {
    let heading = "Aktivierung und Beteiligung: Verfügungsfonds";
    let Some(fund) = data.fund("verfuegungsfonds") else {
        return section(
            heading,
            vec![
                "Im Berichtszeitraum wurden keine Anträge an den Verfügungsfonds gestellt.".into(),
            ],
            vec![],
        );
    };
    let mut figures = vec![
        figure("Anträge eingegangen", fund.applications_received),
        figure("Anträge bewilligt", fund.applications_approved),
        figure("Anträge abgelehnt", fund.applications_rejected),
        figure("Bewilligt (€)", euros(fund.decided_cents)),
        figure("Ausgezahlt (€)", euros(fund.paid_cents)),
    ];
    if let Some(budget) = fund.budget_cents {
        figures.insert(0, figure("Budget (€)", euros(budget)));
        figures.push(figure(
            "Noch nicht bewilligt (€)",
            euros(budget - fund.decided_cents),
        ));
    }
    section(heading, vec![], figures)
}

fn concerns(data: &Dataset) -> Section {
    let c = &data.concerns;
    let mut figures = vec![
        figure("Anliegen eingegangen", c.received),
        figure("Anliegen mit Rückmeldung", c.answered),
        figure(
            "Median der Tage bis zur Rückmeldung",
            c.median_days_to_feedback.map_or(Value::Null, |d| json!(d)),
        ),
    ];
    for (category, count) in &c.by_category {
        figures.push(figure(
            format!("Anliegen der Kategorie „{category}“"),
            *count,
        ));
    }
    section(
        "Anliegen aus dem Stadtteil",
        vec![
            "Als „Seismograph“ gibt das Quartiersmanagement Bedarfe, Probleme und Stimmungen \
             aus dem Stadtteil an Verwaltung und Politik weiter."
                .into(),
        ],
        figures,
    )
}

fn self_evaluation() -> Section {
    let mut paragraphs = vec![
        "Selbstevaluation mit den für den Stadtteil engagierten Akteuren nach den \
         Qualitätsstandards der Gemeinwesenarbeit in Hessen; die Einschätzungen stehen im \
         Formular „Selbstevaluation“ des Berichtsjahres."
            .to_owned(),
    ];
    paragraphs.extend(
        GWA_STANDARDS
            .iter()
            .enumerate()
            .map(|(i, standard)| format!("{}. {standard}", i + 1)),
    );
    section(
        "Selbstevaluation nach den Qualitätsstandards der Gemeinwesenarbeit",
        paragraphs,
        vec![],
    )
}

fn checklist(heading: &str, intro: &str, items: &[&str]) -> Section {
    let mut paragraphs = vec![intro.to_owned()];
    paragraphs.extend(items.iter().map(|item| format!("– {item}")));
    section(heading, paragraphs, vec![])
}

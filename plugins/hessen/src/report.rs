//! The annual report (*jährliche Berichterstattung gegenüber den Fördergebern*) in the order
//! of the guideline's task groups: the period and the QM model, projects by field of action,
//! networking, activation through the Verfügungsfonds, concerns from the neighbourhood, then
//! the three items the guideline asks of every site beyond figures — monitoring, the
//! self-evaluation along the GWA quality standards, and the Verstetigungs-/
//! Nachhaltigkeitskonzept.

use quartier_plugin_sdk::dataset::{Dataset, euros};
use quartier_plugin_sdk::{Error, Figure, Report, Section, Value, json};

use crate::catalogue::{
    BODY_KINDS, FIELDS_OF_ACTION, GWA_STANDARDS, MONITORING_ITEMS, VERSTETIGUNG_ITEMS,
};
use crate::config::QM_MODEL;

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

fn overview(data: &Dataset) -> Section {
    Section::new(
        "Berichtszeitraum und Gebiet",
        vec![QM_MODEL.description().to_owned()],
        vec![
            Figure::new("Kommune", data.municipality.as_str()),
            Figure::new(
                "Gebiet",
                data.area.as_deref().map_or(Value::Null, |a| json!(a)),
            ),
            Figure::new("Berichtszeitraum", data.period_de()),
            Figure::new("QM-Modell", format!("Modell {}", QM_MODEL.number())),
        ],
    )
}

fn projects(data: &Dataset) -> Section {
    let figures = data.project_figures(&FIELDS_OF_ACTION, |key| {
        format!("Sonstiges Handlungsfeld ({key})")
    });
    Section::new(
        "Umsetzung der Gesamtmaßnahme: Projekte nach Handlungsfeldern",
        vec![],
        figures,
    )
}

fn networking(data: &Dataset) -> Section {
    let mut figures = vec![
        Figure::new("Organisationen im Netzwerk", data.network.organisations),
        Figure::new("Gremien", data.network.bodies),
        Figure::new("Mitgliedschaften in Gremien", data.network.memberships),
        Figure::new("Durchgeführte Sitzungen", data.meetings_held),
        Figure::new("Teilnahmen: anwesend", data.attendance.present),
        Figure::new("Teilnahmen: entschuldigt", data.attendance.excused),
        Figure::new("Teilnahmen: abwesend", data.attendance.absent),
    ];
    for (kind, count) in &data.bodies_by_kind {
        let label = BODY_KINDS
            .iter()
            .find(|(k, _)| k == kind)
            .map_or_else(|| kind.clone(), |(_, label)| (*label).to_owned());
        figures.push(Figure::new(format!("Gremien: {label}"), *count));
    }
    Section::new("Vernetzung und Gremien", vec![], figures)
}

fn verfuegungsfonds(data: &Dataset) -> Section {
    let heading = "Aktivierung und Beteiligung: Verfügungsfonds";
    let Some(fund) = data.fund("verfuegungsfonds") else {
        return Section::new(
            heading,
            vec![
                "Im Berichtszeitraum wurden keine Anträge an den Verfügungsfonds gestellt.".into(),
            ],
            vec![],
        );
    };
    let mut figures = vec![
        Figure::new("Anträge eingegangen", fund.applications_received),
        Figure::new("Anträge bewilligt", fund.applications_approved),
        Figure::new("Anträge abgelehnt", fund.applications_rejected),
        Figure::new("Bewilligt (€)", euros(fund.decided_cents)),
        Figure::new("Ausgezahlt (€)", euros(fund.paid_cents)),
    ];
    if let Some(budget) = fund.budget_cents {
        figures.insert(0, Figure::new("Budget (€)", euros(budget)));
        figures.push(Figure::new(
            "Noch nicht bewilligt (€)",
            euros(budget - fund.decided_cents),
        ));
    }
    Section::new(heading, vec![], figures)
}

fn concerns(data: &Dataset) -> Section {
    let c = &data.concerns;
    let mut figures = vec![
        Figure::new("Anliegen eingegangen", c.received),
        Figure::new("Anliegen mit Rückmeldung", c.answered),
        Figure::new(
            "Median der Tage bis zur Rückmeldung",
            c.median_days_to_feedback.map_or(Value::Null, |d| json!(d)),
        ),
    ];
    for (category, count) in &c.by_category {
        figures.push(Figure::new(
            format!("Anliegen der Kategorie „{category}“"),
            *count,
        ));
    }
    Section::new(
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
    Section::new(
        "Selbstevaluation nach den Qualitätsstandards der Gemeinwesenarbeit",
        paragraphs,
        vec![],
    )
}

fn checklist(heading: &str, intro: &str, items: &[&str]) -> Section {
    let mut paragraphs = vec![intro.to_owned()];
    paragraphs.extend(items.iter().map(|item| format!("– {item}")));
    Section::new(heading, paragraphs, vec![])
}

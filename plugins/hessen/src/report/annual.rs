//! The annual report (*jährliche Berichterstattung gegenüber den Fördergebern*, Land and Bund)
//! in the order of the guideline's task groups: the period and the QM model, projects by field
//! of action with their targets, the task matrix as lived (the task log), networking,
//! activation through the Verfügungsfonds, concerns from the neighbourhood, then the three
//! items the guideline asks of every site beyond figures — monitoring, the self-evaluation
//! along the GWA quality standards, and the Verstetigungs-/Nachhaltigkeitskonzept.

use quartier_plugin_sdk::base::{CONCERN_CATEGORIES, PROJECT_STATES, body_kind};
use quartier_plugin_sdk::dataset::{Dataset, Fund};
use quartier_plugin_sdk::report::funds::{overview_table, states_table};
use quartier_plugin_sdk::report::projects::{summary, targets_table};
use quartier_plugin_sdk::report::{
    Figure, Listing, Report, Section, bar_chart_of, counts_table, days, named_counts_table, ratio,
    share,
};

use super::{evaluation, model, overview, tasks};
use crate::catalogue::{BODY_KINDS, FIELDS_OF_ACTION, MONITORING_ITEMS, VERSTETIGUNG_ITEMS};

/// The Verfügungsfonds's kind key.
const VERFUEGUNGSFONDS: &str = "verfuegungsfonds";

/// The report document for one period.
pub fn build(data: &Dataset) -> Report {
    Report::Document {
        title: format!(
            "Jahresbericht Quartiersmanagement Soziale Stadt – {} ({})",
            data.place(),
            data.period_de()
        ),
        sections: vec![
            overview(data),
            projects(data),
            tasks::section(data, model(data)),
            networking(data),
            verfuegungsfonds(data),
            concerns(data),
            checklist(
                "Monitoring, Evaluation, Berichte",
                "Stand der Aufgaben, die der Leitfaden dem Quartiersmanagement hierzu zuordnet:",
                &MONITORING_ITEMS,
            ),
            evaluation::summary_section(data),
            checklist(
                "Verstetigung und Nachhaltigkeitskonzept",
                "Das Land fordert mit der letzten Antragstellung ein Konzept zur Verstetigung. \
                 Stand der Punkte, die es klären muss:",
                &VERSTETIGUNG_ITEMS,
            ),
        ],
    }
}

/// The field of action's label, or the key with a note for one outside the catalogue.
pub fn field_label(key: &str) -> String {
    match FIELDS_OF_ACTION.iter().find(|(k, _)| *k == key) {
        Some((_, label)) => (*label).to_owned(),
        None => format!("Sonstiges Handlungsfeld ({key})"),
    }
}

fn projects(data: &Dataset) -> Section {
    let fields = counts_table(
        "Projekte nach Handlungsfeld",
        ("Handlungsfeld", "Projekte"),
        &data.projects_by_field_of_action,
        &FIELDS_OF_ACTION,
        Listing::Catalogue,
        field_label,
    );
    let chart = bar_chart_of(
        &fields,
        "Projekte nach Handlungsfeld",
        "Anzahl der Projekte je Handlungsfeld des Integrierten Entwicklungskonzepts.",
    );
    let targets = summary(&data.projects.targets, &data.period.to);
    let mut section = Section::new(
        "Umsetzung der Gesamtmaßnahme: Projekte nach Handlungsfeldern",
        vec![],
        vec![
            Figure::count("Projekte", data.projects_by_field_of_action.values().sum()),
            Figure::count("Messbare Ziele", targets.targets),
            Figure::count("davon erreicht", targets.reached),
        ],
    )
    .with_table(fields);
    if !data.projects.by_state.is_empty() {
        section = section.with_table(counts_table(
            "Projekte nach Stand",
            ("Stand", "Projekte"),
            &data.projects.by_state,
            &PROJECT_STATES,
            Listing::Present,
            str::to_owned,
        ));
    }
    if !data.projects.targets.is_empty() {
        section = section.with_table(targets_table(
            "Messbare Ziele der Projekte",
            &data.projects.targets,
            &data.period.to,
            field_label,
        ));
    }
    match chart {
        Some(chart) => section.with_chart(chart),
        None => section,
    }
}

fn networking(data: &Dataset) -> Section {
    let figures = vec![
        Figure::count("Organisationen im Netzwerk", data.network.organisations),
        Figure::count("Gremien", data.network.bodies),
        Figure::count("Mitgliedschaften in Gremien", data.network.memberships),
        Figure::count("Durchgeführte Sitzungen", data.meetings_held),
        Figure::count("Abgesagte Sitzungen", data.meetings_cancelled),
        Figure::count("Beschlüsse", data.resolutions),
        Figure::count("Teilnahmen: anwesend", data.attendance.present),
        Figure::count("Teilnahmen: entschuldigt", data.attendance.excused),
        Figure::count("Teilnahmen: abwesend", data.attendance.absent),
        share("Teilnahmequote", data.attendance.rate()),
    ];
    Section::new("Vernetzung und Gremien", vec![], figures).with_table(counts_table(
        "Gremien nach Art",
        ("Gremium", "Anzahl"),
        &data.bodies_by_kind,
        &BODY_KINDS,
        Listing::Present,
        body_kind,
    ))
}

fn verfuegungsfonds(data: &Dataset) -> Section {
    let heading = "Aktivierung und Beteiligung: Verfügungsfonds";
    let funds: Vec<&Fund> = data
        .funds
        .iter()
        .filter(|f| f.fund_kind == VERFUEGUNGSFONDS)
        .collect();
    if funds.is_empty() {
        return Section::new(
            heading,
            vec![
                "Im Berichtszeitraum wurden keine Anträge an den Verfügungsfonds gestellt.".into(),
            ],
            vec![],
        );
    }
    let sum = |f: fn(&Fund) -> u64| funds.iter().map(|fund| f(fund)).sum::<u64>();
    let cents = |f: fn(&Fund) -> i64| funds.iter().map(|fund| f(fund)).sum::<i64>();
    let received = sum(|f| f.applications_received);
    let approved = sum(|f| f.applications_approved);
    let mut figures = vec![
        Figure::count("Anträge eingegangen", received),
        Figure::count("Anträge bewilligt", approved),
        Figure::count("Anträge abgelehnt", sum(|f| f.applications_rejected)),
        share("Bewilligungsquote", ratio(approved, received)),
        Figure::euro_cents("Bewilligt", cents(|f| f.decided_cents)),
        Figure::euro_cents("Ausgezahlt", cents(|f| f.paid_cents)),
        Figure::count("Verwendungsnachweise ausstehend", sum(|f| f.proofs_due)),
        Figure::count("davon überfällig", sum(|f| f.proofs_overdue)),
    ];
    let budgets: Vec<i64> = funds.iter().filter_map(|f| f.budget_cents).collect();
    if budgets.len() == funds.len() {
        let budget: i64 = budgets.iter().sum();
        figures.insert(0, Figure::euro_cents("Budget", budget));
        figures.push(Figure::euro_cents(
            "Noch nicht bewilligt",
            budget - cents(|f| f.decided_cents),
        ));
    }
    if let [fund] = funds.as_slice() {
        figures.push(days(
            "Median der Tage bis zur Entscheidung",
            fund.days_to_decision.median,
        ));
    }
    let mut section = Section::new(
        heading,
        vec![
            "Vergabe, Verwaltung und Umsetzung des Verfügungsfonds mit Prüfung auf \
             Förderfähigkeit in einem transparenten Vergabeverfahren; die Einzelaufstellung \
             enthält die Fondsabrechnung."
                .into(),
        ],
        figures,
    );
    if funds.len() > 1 {
        section = section.with_table(overview_table(
            "Verfügungsfonds im Überblick",
            &funds,
            |f| f.budget_cents,
        ));
    }
    if funds.iter().any(|f| !f.applications_by_state.is_empty()) {
        section = section.with_table(states_table("Anträge nach Stand", &funds));
    }
    section
}

fn concerns(data: &Dataset) -> Section {
    let c = &data.concerns;
    let figures = vec![
        Figure::count("Anliegen eingegangen", c.received),
        Figure::count("An Fachstellen weitergeleitet", c.forwarded),
        Figure::count("Anliegen mit Rückmeldung", c.answered),
        share("Anteil mit Rückmeldung", c.feedback_share()),
        days(
            "Median der Tage bis zur Rückmeldung",
            c.median_days_to_feedback,
        ),
        days(
            "90. Perzentil der Tage bis zur Rückmeldung",
            c.p90_days_to_feedback,
        ),
    ];
    let categories = counts_table(
        "Anliegen nach Kategorie",
        ("Kategorie", "Anliegen"),
        &c.by_category,
        &CONCERN_CATEGORIES,
        Listing::Present,
        str::to_owned,
    );
    let mut section = Section::new(
        "Anliegen aus dem Stadtteil",
        vec![
            "Als „Seismograph“ gibt das Quartiersmanagement Bedarfe, Probleme und Stimmungen \
             aus dem Stadtteil an Verwaltung und Politik weiter."
                .into(),
        ],
        figures,
    )
    .with_table(categories);
    if !c.by_department.is_empty() {
        section = section.with_table(named_counts_table(
            "Weitergeleitete Anliegen nach Fachstelle",
            ("Fachstelle", "Anliegen"),
            &c.by_department,
        ));
    }
    section
}

fn checklist(heading: &str, intro: &str, items: &[&str]) -> Section {
    let mut paragraphs = vec![intro.to_owned()];
    paragraphs.extend(items.iter().map(|item| format!("– {item}")));
    Section::new(heading, paragraphs, vec![])
}

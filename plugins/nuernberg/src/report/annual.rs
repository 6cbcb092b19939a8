//! The annual report along the nine tasks "für den Hasenbuck": an overview of the projects per
//! task, then one chapter per task with its projects and the figures of the dataset that show
//! the task — the Lebensbedingungen by the concerns about the living environment, activation
//! by the meetings and their attendance, networking by the network, cooperation by the
//! contracts, projects by their state and targets, the Stadtteilleben by the funds, the
//! contact on site by the concerns and the QM's answers.

use quartier_plugin_sdk::base::{PROJECT_STATES, body_kind};
use quartier_plugin_sdk::dataset::Dataset;
use quartier_plugin_sdk::report::projects::targets_table;
use quartier_plugin_sdk::report::{
    Figure, Listing, Report, Section, bar_chart_of, counts_table, days, named_counts_table, share,
};

use super::{overview, place};
use crate::catalogue::{BODY_KINDS, TASKS, categories, task};

/// Categories of concerns about the living environment (task 1).
const LIVING_ENVIRONMENT: [&str; 5] = [
    "wilder_muell",
    "schlagloch",
    "spielplatz",
    "sicherheit",
    "verkehr",
];

/// The report document.
pub fn build(data: &Dataset) -> Report {
    let chapters = [
        living_conditions(data),
        social_structures(data),
        activation(data),
        networking(data),
        cooperation(data),
        projects(data),
        neighbourhood_life(data),
        publicity(),
        contact(data),
    ];
    let mut sections = vec![overview(data), by_task(data)];
    for (number, ((key, label), mut section)) in (1..).zip(TASKS.iter().zip(chapters)) {
        section.heading = format!("{number}. {label}");
        section.figures.insert(
            0,
            Figure::count("Projekte zu dieser Aufgabe", data.projects_in(key)),
        );
        sections.push(section);
    }
    Report::Document {
        title: format!(
            "Jahresbericht Quartiersmanagement {} ({})",
            place(data),
            data.period_de()
        ),
        sections,
    }
}

fn task_label(key: &str) -> String {
    task(key).map_or_else(|| format!("Sonstige Aufgabe ({key})"), str::to_owned)
}

fn by_task(data: &Dataset) -> Section {
    let table = counts_table(
        "Projekte nach Aufgabe",
        ("Aufgabe", "Projekte"),
        &data.projects_by_field_of_action,
        &TASKS,
        Listing::Catalogue,
        task_label,
    );
    let chart = bar_chart_of(
        &table,
        "Projekte nach Aufgabe",
        "Anzahl der Projekte je Aufgabe des Quartiersmanagements Hasenbuck.",
    );
    let section = Section::new(
        "Projekte nach den neun Aufgaben",
        vec![
            "Das Quartiersmanagement hat eine koordinierende und organisierende Funktion und \
             baut auf den vielfältigen Netzwerken und Aktivitäten der im Gebiet beheimateten \
             Einrichtungen und Initiativen auf."
                .into(),
        ],
        vec![],
    )
    .with_table(table);
    match chart {
        Some(chart) => section.with_chart(chart),
        None => section,
    }
}

fn living_conditions(data: &Dataset) -> Section {
    let about: u64 = LIVING_ENVIRONMENT
        .iter()
        .filter_map(|key| data.concerns.by_category.get(*key))
        .sum();
    Section::new(
        "",
        vec![],
        vec![Figure::count(
            "Anliegen zu Wohnumfeld, Verkehr und Sicherheit",
            about,
        )],
    )
}

fn social_structures(data: &Dataset) -> Section {
    Section::new(
        "",
        vec![],
        vec![
            Figure::count(
                "Personen mit aktiver Mitwirkung in Gremien",
                data.network.persons,
            ),
            Figure::count("Organisationen im Netzwerk", data.network.organisations),
        ],
    )
}

fn activation(data: &Dataset) -> Section {
    Section::new(
        "",
        vec![],
        vec![
            Figure::count("Durchgeführte Sitzungen und Treffen", data.meetings_held),
            Figure::count("Teilnahmen", data.attendance.present),
            share("Teilnahmequote", data.attendance.rate()),
        ],
    )
}

fn networking(data: &Dataset) -> Section {
    Section::new(
        "",
        vec![],
        vec![
            Figure::count("Gremien und Netzwerke", data.network.bodies),
            Figure::count("Mitgliedschaften", data.network.memberships),
        ],
    )
    .with_table(counts_table(
        "Gremien nach Art",
        ("Gremium", "Anzahl"),
        &data.bodies_by_kind,
        &BODY_KINDS,
        Listing::Present,
        body_kind,
    ))
}

fn cooperation(data: &Dataset) -> Section {
    Section::new(
        "",
        vec![],
        vec![
            Figure::count(
                "Geltende Kooperationsvereinbarungen",
                data.contracts.len() as u64,
            ),
            Figure::count(
                "Vereinbarte Ziele",
                data.contracts.iter().map(|c| c.targets.len() as u64).sum(),
            ),
        ],
    )
}

fn projects(data: &Dataset) -> Section {
    let mut section = Section::new("", vec![], vec![]);
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
            "Ziele der Projekte",
            &data.projects.targets,
            &data.period.to,
            task_label,
        ));
    }
    section
}

fn neighbourhood_life(data: &Dataset) -> Section {
    let funds = &data.funds;
    Section::new(
        "",
        vec![],
        vec![
            Figure::count(
                "Anträge auf Fondsmittel",
                funds.iter().map(|f| f.applications_received).sum(),
            ),
            Figure::count(
                "Bewilligte Vorhaben",
                funds.iter().map(|f| f.applications_approved).sum(),
            ),
            Figure::euro_cents("Bewilligt", funds.iter().map(|f| f.decided_cents).sum()),
        ],
    )
}

fn publicity() -> Section {
    Section::new(
        "",
        vec![
            "Öffentlichkeitsarbeit nach innen und außen – Veranstaltungen, Stadtteilzeitung, \
             Presse und Internet – verbessert das Image des Hasenbucks und macht die Angebote \
             im Stadtteil bekannt."
                .into(),
        ],
        vec![],
    )
}

fn contact(data: &Dataset) -> Section {
    let c = &data.concerns;
    let entries: Vec<(&str, &str)> = categories().map(|c| (c.key, c.label)).collect();
    let mut section = Section::new(
        "",
        vec![
            "Das Quartiersmanagement nimmt Anliegen auf, gibt sie an die zuständige Stelle der \
             Stadt weiter und meldet die Antwort zurück."
                .into(),
        ],
        vec![
            Figure::count("Anliegen eingegangen", c.received),
            Figure::count("Anliegen mit Rückmeldung", c.answered),
            share("Anteil mit Rückmeldung", c.feedback_share()),
            days(
                "Median der Tage bis zur Rückmeldung",
                c.median_days_to_feedback,
            ),
        ],
    )
    .with_table(counts_table(
        "Anliegen nach Thema",
        ("Thema", "Anliegen"),
        &c.by_category,
        &entries,
        Listing::Present,
        str::to_owned,
    ));
    if !c.by_department.is_empty() {
        section = section.with_table(named_counts_table(
            "Anliegen nach zuständiger Stelle",
            ("Stelle", "Anliegen"),
            &c.by_department,
        ));
    }
    section
}

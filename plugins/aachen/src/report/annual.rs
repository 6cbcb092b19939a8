//! The report along the six core tasks (*Kernaufgaben*) of Aachen's QM, after an overview.
//! The Lotsenfunktion counts the concerns per department they were passed on to — as the
//! host recorded them, or, in a dataset without that, as the categories' routes say.

use std::collections::BTreeMap;

use quartier_plugin_sdk::base::{RECOMMENDATIONS, body_kind};
use quartier_plugin_sdk::dataset::{Dataset, Fund};
use quartier_plugin_sdk::report::funds::figures as fund_figures;
use quartier_plugin_sdk::report::projects::targets_table;
use quartier_plugin_sdk::report::{
    Figure, Listing, Report, Section, Table, bar_chart_of, counts_table, days, named_counts_table,
    share,
};

use super::overview;
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
        publicity(data),
    ];
    let mut sections = vec![overview(data)];
    for (number, (task, mut section)) in (1..).zip(CORE_TASKS.iter().zip(tasks)) {
        section.heading = format!("{number}. {task}");
        sections.push(section);
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

/// The categories (key, label) of Aachen's catalogue.
fn categories() -> Vec<(&'static str, &'static str)> {
    CONCERN_CATEGORIES
        .iter()
        .map(|c| (c.key, c.label))
        .collect()
}

fn needs(data: &Dataset) -> Section {
    let c = &data.concerns;
    let table = counts_table(
        "Anliegen und Ideen nach Thema",
        ("Thema", "Anliegen"),
        &c.by_category,
        &categories(),
        Listing::Present,
        str::to_owned,
    );
    let chart = bar_chart_of(
        &table,
        "Anliegen und Ideen nach Thema",
        "Eingegangene Anliegen und Ideen je Thema.",
    );
    let section = Section::new(
        "",
        vec![
            "Themen und Bedarfe aus Arbeitskreisen, Stadtteilkonferenzen und Gesprächen mit \
             Bürgerinnen, Bürgern und Institutionen fließen als quartiersbezogener Wissenspool \
             in den Fachbereich und die Verwaltung."
                .into(),
        ],
        vec![Figure::count("Anliegen und Ideen eingegangen", c.received)],
    )
    .with_table(table);
    match chart {
        Some(chart) => section.with_chart(chart),
        None => section,
    }
}

/// Concerns per destination as the categories' routes give them (for a dataset that does not
/// record where concerns went).
fn by_route(data: &Dataset) -> BTreeMap<String, u64> {
    let mut per_destination: BTreeMap<String, u64> = BTreeMap::new();
    for (key, n) in &data.concerns.by_category {
        let label = match category(key).map(|c| c.destination) {
            Some(Destination::Department(department)) => department.to_owned(),
            Some(Destination::NotResponsible(_)) => {
                "Nicht zuständig (an andere Stellen verwiesen)".to_owned()
            }
            None => "Ohne Zuordnung zu einer Stelle".to_owned(),
        };
        *per_destination.entry(label).or_default() += n;
    }
    per_destination
}

fn lotse(data: &Dataset) -> Section {
    let c = &data.concerns;
    let figures = vec![
        Figure::count("An Fachstellen weitergeleitet", c.forwarded),
        Figure::count("Anliegen mit Rückmeldung an die Meldenden", c.answered),
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
    let table = if c.by_department.is_empty() {
        named_counts_table(
            "Anliegen nach zuständiger Stelle (laut Thema)",
            ("Stelle", "Anliegen"),
            &by_route(data),
        )
    } else {
        named_counts_table(
            "Weitergeleitete Anliegen nach Fachstelle",
            ("Fachstelle", "Anliegen"),
            &c.by_department,
        )
    };
    Section::new(
        "",
        vec![
            "Das Quartiersmanagement leitet Anliegen an die zuständigen Stellen der Verwaltung \
             weiter und gewährleistet den Informationsfluss bei erfolgter Rückmeldung – auch \
             wenn den Anliegen nicht immer entsprochen werden kann."
                .into(),
        ],
        figures,
    )
    .with_table(table)
}

fn networking(data: &Dataset) -> Section {
    let n = &data.network;
    Section::new(
        "",
        vec![],
        vec![
            Figure::count("Beteiligte Organisationen", n.organisations),
            Figure::count("Gremien und Arbeitskreise", n.bodies),
            Figure::count("Mitgliedschaften", n.memberships),
            Figure::count("Aktive Personen in Gremien", n.persons),
        ],
    )
}

/// The Stadtteilfonds funds of the dataset.
fn stadtteilfonds(data: &Dataset) -> Vec<&Fund> {
    data.funds
        .iter()
        .filter(|f| f.fund_kind == "stadtteilfonds")
        .collect()
}

fn conferences(data: &Dataset) -> Section {
    let mut figures = vec![
        Figure::count("Durchgeführte Sitzungen", data.meetings_held),
        Figure::count("Abgesagte Sitzungen", data.meetings_cancelled),
        share("Teilnahmequote", data.attendance.rate()),
    ];
    let mut paragraphs = vec![
        "Anträge zum Stadtteilfonds berät die Stadtteilkonferenz, bevor die Verwaltung sie \
         bearbeitet; das Quartiersmanagement berät die Antragstellenden."
            .to_owned(),
    ];
    let funds = stadtteilfonds(data);
    match funds.as_slice() {
        [] => {
            paragraphs.push("Im Berichtszeitraum gab es keine Anträge zum Stadtteilfonds.".into())
        }
        [fund] => {
            figures.extend(
                fund_figures(fund, fund.budget_cents)
                    .into_iter()
                    .map(|f| Figure {
                        label: format!("Stadtteilfonds: {}", f.label),
                        ..f
                    }),
            )
        }
        many => paragraphs.push(format!(
            "{} Stadtteilfonds; die Einzelheiten enthält der Stadtteilfonds-Bericht.",
            many.len()
        )),
    }
    let mut section = Section::new("", paragraphs, figures).with_table(counts_table(
        "Gremien nach Art",
        ("Gremium", "Anzahl"),
        &data.bodies_by_kind,
        &BODY_KINDS,
        Listing::Present,
        body_kind,
    ));
    if let Some(advice) = advice_table(&funds) {
        section = section.with_table(advice);
    }
    section
}

/// The Stadtteilkonferenzen's recommendations on the Stadtteilfonds applications; `None`
/// when the dataset records none.
pub fn advice_table(funds: &[&Fund]) -> Option<Table> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for fund in funds {
        for (key, n) in &fund.recommendations {
            *counts.entry(key.clone()).or_default() += n;
        }
    }
    (!counts.is_empty()).then(|| {
        counts_table(
            "Empfehlungen der Stadtteilkonferenzen zu Stadtteilfonds-Anträgen",
            ("Empfehlung", "Anträge"),
            &counts,
            &RECOMMENDATIONS,
            Listing::Catalogue,
            str::to_owned,
        )
    })
}

fn field_label(key: &str) -> String {
    match FIELDS_OF_ACTION.iter().find(|(k, _)| *k == key) {
        Some((_, label)) => (*label).to_owned(),
        None => format!("Sonstiges Handlungsfeld ({key})"),
    }
}

fn projects(data: &Dataset) -> Section {
    let table = counts_table(
        "Projekte nach Handlungsfeld",
        ("Handlungsfeld", "Projekte"),
        &data.projects_by_field_of_action,
        &FIELDS_OF_ACTION,
        Listing::Catalogue,
        field_label,
    );
    let chart = bar_chart_of(
        &table,
        "Projekte nach Handlungsfeld",
        "Anzahl der begleiteten Projekte je Handlungsfeld.",
    );
    let mut section = Section::new(
        "",
        vec![
            "Projekte werden stets mit dem Ziel begleitet, die Bürgerschaft bei Planung und \
             Umsetzung zu aktivieren und einzubeziehen."
                .into(),
        ],
        vec![],
    )
    .with_table(table);
    if !data.projects.targets.is_empty() {
        section = section.with_table(targets_table(
            "Ziele der Projekte",
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

fn publicity(data: &Dataset) -> Section {
    Section::new(
        "",
        vec![
            "Querschnittsaufgabe: Aktivitäten, Veranstaltungen und Projekte positiv in Medien \
             und Öffentlichkeit darstellen und so das Image des Quartiers stärken. Zu ergänzen: \
             Veröffentlichungen in der Presse, Flyer, Internetauftritte der \
             Stadtteilkonferenzen."
                .into(),
        ],
        vec![Figure::count(
            "Projekte im Handlungsfeld „Image und Identität des Quartiers“",
            data.projects_in("image_quartier"),
        )],
    )
}

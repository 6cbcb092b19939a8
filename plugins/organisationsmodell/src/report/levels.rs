//! The normative and operative levels, the two bodies, the flow of concerns, the task log and
//! the continuation of the action concept — the parts of the annual report besides the
//! contracts.

use quartier_plugin_sdk::base::{CONCERN_CATEGORIES, PROJECT_STATES, body_kind, label};
use quartier_plugin_sdk::dataset::{Dataset, Fund};
use quartier_plugin_sdk::report::projects::{Standing, standing, summary, targets_table};
use quartier_plugin_sdk::report::tasks::by_actor_table;
use quartier_plugin_sdk::report::{
    Figure, Listing, PARAGRAPH_CHARS, Section, bar_chart_of, clip, counts_table, days,
    named_counts_table, ratio, share,
};

use crate::catalogue::{BODY_KINDS, FIELDS_OF_ACTION, QUARTIERSFONDS, actor};

/// The name of a field of action outside the catalogue.
fn unlisted_field(key: &str) -> String {
    format!("Sonstiges Handlungsfeld ({key})")
}

fn field_label(key: &str) -> String {
    FIELDS_OF_ACTION
        .iter()
        .find(|(k, _)| *k == key)
        .map_or_else(|| unlisted_field(key), |(_, l)| (*l).to_owned())
}

/// The normative level: the resources the council provided, as far as the funds show them.
pub fn normative(data: &Dataset) -> Section {
    let budgets: i64 = data.funds.iter().filter_map(|f| f.budget_cents).sum();
    let decided: i64 = data.funds.iter().map(|f| f.decided_cents).sum();
    let paid: i64 = data.funds.iter().map(|f| f.paid_cents).sum();
    Section::new(
        "Normative Ebene: Orientierungsziele und Ressourcen",
        vec![
            "Der Gemeinderat formuliert die Orientierungsziele und stellt die Ressourcen im \
             Haushalt bereit. Die Fonds des Quartiers im Berichtszeitraum:"
                .into(),
        ],
        vec![
            Figure::euro_cents("Budget der Fonds", budgets),
            Figure::euro_cents("Bewilligt", decided),
            Figure::euro_cents("Ausgezahlt", paid),
        ],
    )
}

/// The operative level: projects by field of action and state, their measurable targets.
pub fn operative(data: &Dataset) -> Section {
    let end = &data.period.to;
    let s = summary(&data.projects.targets, end);
    let fields = counts_table(
        "Projekte nach Handlungsfeld",
        ("Handlungsfeld", "Projekte"),
        &data.projects_by_field_of_action,
        &FIELDS_OF_ACTION,
        Listing::Catalogue,
        unlisted_field,
    );
    let chart = bar_chart_of(
        &fields,
        "Projekte nach Handlungsfeld",
        "Anzahl der Projekte je Handlungsfeld des integrierten Handlungskonzepts.",
    );
    let mut section = Section::new(
        "Operative Ebene: Projekte und messbare Ziele",
        vec![
            "Auf der operativen Ebene wird der Zielkatalog in konkrete Maßnahmen umgesetzt. Für \
             die Ergebniskontrolle sind die Ziele messbar: Indikator, Zielwert und Termin."
                .into(),
        ],
        vec![
            Figure::count("Messbare Ziele", s.targets),
            Figure::count("erreicht", s.reached),
            Figure::count("nicht erreicht (Termin verstrichen)", s.missed),
            Figure::count("offen", s.open),
            Figure::count("ohne Messung", s.unmeasured),
            share("Anteil erreicht", ratio(s.reached, s.targets)),
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
            end,
            field_label,
        ));
    }
    match chart {
        Some(chart) => section.with_chart(chart),
        None => section,
    }
}

/// The Quartierbeirat and the Bürgerjury: the bodies, their meetings, the Quartiersfonds.
pub fn bodies(data: &Dataset) -> Section {
    let funds: Vec<&Fund> = data
        .funds
        .iter()
        .filter(|f| f.fund_kind == QUARTIERSFONDS)
        .collect();
    let mut figures = vec![
        Figure::count("Durchgeführte Sitzungen", data.meetings_held),
        Figure::count("Beschlüsse", data.resolutions),
        share("Teilnahmequote", data.attendance.rate()),
        Figure::count(
            "Quartiersfonds: Anträge",
            funds.iter().map(|f| f.applications_received).sum(),
        ),
        Figure::count(
            "Quartiersfonds: von der Bürgerjury bewilligt",
            funds.iter().map(|f| f.applications_approved).sum(),
        ),
        Figure::euro_cents(
            "Quartiersfonds: bewilligt",
            funds.iter().map(|f| f.decided_cents).sum(),
        ),
    ];
    if let [fund] = funds.as_slice() {
        figures.push(days(
            "Quartiersfonds: Median der Tage bis zur Entscheidung",
            fund.days_to_decision.median,
        ));
    }
    Section::new(
        "Quartierbeirat und Bürgerjury",
        vec![
            "Für die Netzwerkarbeit bestehen zwei feste Gremien: Der Quartierbeirat leitet \
             Informationen weiter und entwickelt gemeinsame Projekte; die Bürgerjury \
             entscheidet über den Quartiersfonds."
                .into(),
        ],
        figures,
    )
    .with_table(counts_table(
        "Gremien nach Art",
        ("Gremium", "Anzahl"),
        &data.bodies_by_kind,
        &BODY_KINDS,
        Listing::Catalogue,
        body_kind,
    ))
}

/// Concerns: bottom up from the quarter, top down the answers.
pub fn concerns(data: &Dataset) -> Section {
    let c = &data.concerns;
    let mut section = Section::new(
        "Informationsfluss: Anliegen aus dem Quartier",
        vec![
            "„Top down“ fließen Informationen von der strategischen Ebene der Stadtverwaltung \
             in das Quartier, „bottom up“ kommen Anliegen und Projekte aus dem Quartier. Das \
             Quartiermanagement gibt Anliegen an die Geschäftsstelle Koordination \
             Quartiermanagement, die sie mit den Fachbereichen klärt."
                .into(),
        ],
        vec![
            Figure::count("Anliegen eingegangen", c.received),
            Figure::count("Weitergeleitet", c.forwarded),
            Figure::count("Mit Rückmeldung", c.answered),
            share("Anteil mit Rückmeldung", c.feedback_share()),
            days(
                "Median der Tage bis zur Rückmeldung",
                c.median_days_to_feedback,
            ),
        ],
    )
    .with_table(counts_table(
        "Anliegen nach Kategorie",
        ("Kategorie", "Anliegen"),
        &c.by_category,
        &CONCERN_CATEGORIES,
        Listing::Present,
        str::to_owned,
    ));
    if !c.by_department.is_empty() {
        section = section.with_table(named_counts_table(
            "Anliegen nach Stelle",
            ("Stelle", "Anliegen"),
            &c.by_department,
        ));
    }
    section
}

/// The task log by the model's actors (one per level).
pub fn tasks(data: &Dataset) -> Section {
    let heading = "Aufgaben nach Ebenen";
    if data.task_log.is_empty() {
        return Section::new(
            heading,
            vec!["Im Berichtszeitraum wurde im Aufgabenprotokoll nichts erfasst.".into()],
            vec![],
        );
    }
    Section::new(
        heading,
        vec![
            "Steuerung liegt bei der Geschäftsstelle Koordination Quartiermanagement, Planung \
             bei den Fachbereichen (strategische Ebene), Gemeinwesenarbeit beim \
             Quartiermanagement vor Ort (operative Ebene)."
                .into(),
        ],
        vec![],
    )
    .with_table(by_actor_table(
        "Einträge im Aufgabenprotokoll nach Akteur",
        &data.task_log,
        |key| label(&actor::LABELS, key).to_owned(),
    ))
}

/// What the continuation of the action concept has to take up: targets missed, contract
/// targets not fulfilled.
pub fn continuation(data: &Dataset) -> Section {
    let end = &data.period.to;
    let missed: Vec<String> = data
        .projects
        .targets
        .iter()
        .filter(|t| standing(t, end) == Standing::Missed)
        .map(|t| format!("{}: {}", t.project, t.indicator))
        .collect();
    let unfulfilled: Vec<String> = data
        .contracts
        .iter()
        .flat_map(|c| c.targets.iter().map(move |t| (c, t)))
        .filter(|(_, t)| t.status.as_deref() == Some("nicht_erfuellt"))
        .map(|(c, t)| format!("{}: {}", c.title, t.description))
        .collect();
    let mut paragraphs = vec![
        "Im Programmverlauf ergeben sich Veränderungen; die kontinuierliche Fortschreibung des \
         integrierten Handlungsprogramms ist Bestandteil der Evaluierung."
            .to_owned(),
    ];
    let listed = |intro: &str, items: &[String]| {
        clip(&format!("{intro}: {}.", items.join("; ")), PARAGRAPH_CHARS)
    };
    paragraphs.push(if missed.is_empty() {
        "Kein messbares Ziel eines Projekts hat seinen Termin ohne Erreichung überschritten."
            .to_owned()
    } else {
        listed("Termin verstrichen, Ziel nicht erreicht", &missed)
    });
    if !unfulfilled.is_empty() {
        paragraphs.push(listed(
            "Vom Lenkungsgremium als nicht erfüllt bewertet",
            &unfulfilled,
        ));
    }
    Section::new(
        "Fortschreibung des integrierten Handlungskonzepts",
        paragraphs,
        vec![
            Figure::count("Nicht erreichte Projektziele", missed.len() as u64),
            Figure::count("Nicht erfüllte Kontraktziele", unfulfilled.len() as u64),
        ],
    )
}

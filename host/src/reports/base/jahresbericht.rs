//! The base annual report to the funders (*Jahresbericht*): the period and area, the network,
//! its meetings, the funds, the residents' concerns, projects, contracts and the task log.

use quartier_documents::dataset::Dataset;
use quartier_documents::{Chart, ChartKind, Column, Figure, Format, Section, Series, Table};
use serde_json::Value;

use super::Labels;
use super::parts::{self, TOTAL, euro, fund_name, label_of, maybe, maybe_text};
use crate::contracts::{Fulfilment, TargetKind};
use crate::network::kinds::{BodyKind, OrganisationKind};
use crate::projects::ProjectState;

pub fn sections(data: &Dataset, labels: &Labels) -> Vec<Section> {
    vec![
        parts::overview(data),
        network(data),
        meetings(data),
        funds(data),
        concerns(data, labels),
        projects(data, labels),
        contracts(data),
        task_log(data),
    ]
}

fn network(data: &Dataset) -> Section {
    let net = &data.network;
    Section::new(
        "Netzwerk und Gremien",
        vec![],
        vec![
            Figure::count("Beteiligte Organisationen", net.organisations),
            Figure::count("Gremien", net.bodies),
            Figure::count("Aktive Mitgliedschaften", net.memberships),
            Figure::count("Personen in Gremien", net.persons),
        ],
    )
    .with_table(parts::counts(
        "Gremien nach Art",
        "Gremienart",
        &data.bodies_by_kind,
        |k| label_of::<BodyKind>(k, BodyKind::label_de),
    ))
    .with_table(parts::counts(
        "Gremien nach Gebiet",
        "Gebiet",
        &data.bodies_by_area,
        str::to_owned,
    ))
    .with_table(parts::counts(
        "Organisationen nach Art",
        "Organisationsart",
        &data.network.organisations_by_kind,
        |k| label_of::<OrganisationKind>(k, OrganisationKind::label_de),
    ))
}

fn meetings(data: &Dataset) -> Section {
    let a = &data.attendance;
    let attendance = Table::new(
        "Teilnahme an den durchgeführten Sitzungen",
        vec![
            Column::new("Teilnahme", Format::Text),
            Column::new("Einträge", Format::Count),
        ],
    )
    .row(vec!["anwesend".into(), a.present.into()])
    .row(vec!["entschuldigt".into(), a.excused.into()])
    .row(vec!["abwesend".into(), a.absent.into()])
    .with_total(TOTAL);
    Section::new(
        "Sitzungen und Beschlüsse",
        vec![],
        vec![
            Figure::count("Durchgeführte Sitzungen", data.meetings_held),
            Figure::count("Abgesagte Sitzungen", data.meetings_cancelled),
            Figure::count("Beschlüsse", data.resolutions),
            Figure::new("Teilnahmequote", maybe(a.rate())).formatted(Format::Percent),
        ],
    )
    .with_table(attendance)
}

fn funds(data: &Dataset) -> Section {
    let volumes = data.funds.iter().fold(
        Table::new(
            "Anträge und Mittel je Fonds",
            vec![
                Column::new("Fonds", Format::Text),
                Column::new("Anträge", Format::Count),
                Column::new("bewilligt", Format::Count),
                Column::new("abgelehnt", Format::Count),
                Column::new("Beantragt", Format::Euro),
                Column::new("Bewilligt", Format::Euro),
                Column::new("Ausgezahlt", Format::Euro),
                Column::new("Budget", Format::Euro),
            ],
        ),
        |table, f| {
            table.row(vec![
                fund_name(f).into(),
                f.applications_received.into(),
                f.applications_approved.into(),
                f.applications_rejected.into(),
                euro(f.requested_cents),
                euro(f.decided_cents),
                euro(f.paid_cents),
                f.budget_cents.map_or(Value::Null, euro),
            ])
        },
    );
    let durations = data.funds.iter().fold(
        Table::new(
            "Bearbeitung der Anträge",
            vec![
                Column::new("Fonds", Format::Text),
                Column::new("Restbudget", Format::Euro),
                Column::new("Tage bis zur Entscheidung (Median)", Format::Days),
                Column::new("Tage bis zur Entscheidung (90. Perzentil)", Format::Days),
                Column::new("Verwendungsnachweise fällig", Format::Count),
                Column::new("davon überfällig", Format::Count),
            ],
        ),
        |table, f| {
            table.row(vec![
                fund_name(f).into(),
                f.remaining_cents.map_or(Value::Null, euro),
                maybe(f.days_to_decision.median),
                maybe(f.days_to_decision.p90),
                f.proofs_due.into(),
                f.proofs_overdue.into(),
            ])
        },
    );
    let mut section = Section::new(
        "Fonds",
        if data.funds.is_empty() {
            vec!["Im Berichtszeitraum gab es keinen Fonds.".to_owned()]
        } else {
            vec![]
        },
        vec![
            Figure::euro_cents(
                "Bewilligt insgesamt",
                data.funds.iter().map(|f| f.decided_cents).sum(),
            ),
            Figure::euro_cents(
                "Ausgezahlt insgesamt",
                data.funds.iter().map(|f| f.paid_cents).sum(),
            ),
        ],
    );
    if !data.funds.is_empty() {
        section = section
            .with_table(volumes.with_total(TOTAL))
            .with_table(durations)
            .with_chart(Chart {
                title: "Bewilligte und ausgezahlte Mittel je Fonds".into(),
                description: "Balken je Fonds: bewilligte und ausgezahlte Summe in Euro.".into(),
                kind: ChartKind::Bar,
                format: Format::Euro,
                labels: data.funds.iter().map(fund_name).collect(),
                series: vec![
                    Series {
                        name: "Bewilligt".into(),
                        values: data
                            .funds
                            .iter()
                            .map(|f| Some(f.decided_cents as f64 / 100.0))
                            .collect(),
                    },
                    Series {
                        name: "Ausgezahlt".into(),
                        values: data
                            .funds
                            .iter()
                            .map(|f| Some(f.paid_cents as f64 / 100.0))
                            .collect(),
                    },
                ],
            });
    }
    section
}

fn concerns(data: &Dataset, labels: &Labels) -> Section {
    let c = &data.concerns;
    let mut section = Section::new(
        "Anliegen aus dem Quartier (Lotsenfunktion)",
        vec![
            "Das Quartiersmanagement leitet Anliegen von Bewohnerinnen und Bewohnern an die \
             zuständigen Stellen weiter und meldet die Antwort zurück."
                .to_owned(),
        ],
        vec![
            Figure::count("Eingegangen", c.received),
            Figure::count("Weitergeleitet", c.forwarded),
            Figure::count("Mit Rückmeldung an die Meldenden", c.answered),
            Figure::count("Abgeschlossen", c.closed),
            Figure::new("Anteil mit Rückmeldung", maybe(c.feedback_share()))
                .formatted(Format::Percent),
            Figure::new(
                "Tage bis zur Rückmeldung (Median)",
                maybe(c.median_days_to_feedback),
            )
            .formatted(Format::Days),
            Figure::new(
                "Tage bis zur Rückmeldung (90. Perzentil)",
                maybe(c.p90_days_to_feedback),
            )
            .formatted(Format::Days),
        ],
    )
    .with_table(parts::counts(
        "Anliegen nach Thema",
        "Thema",
        &c.by_category,
        |k| labels.category(k),
    ))
    .with_table(parts::counts(
        "Weitergeleitete Anliegen nach Stelle",
        "Stelle",
        &c.by_department,
        str::to_owned,
    ));
    if !c.by_category.is_empty() {
        section = section.with_chart(Chart {
            title: "Anliegen nach Thema".into(),
            description: "Balken je Thema: Zahl der eingegangenen Anliegen.".into(),
            kind: ChartKind::Bar,
            format: Format::Count,
            labels: c.by_category.keys().map(|k| labels.category(k)).collect(),
            series: vec![Series {
                name: "Eingegangen".into(),
                values: c.by_category.values().map(|n| Some(*n as f64)).collect(),
            }],
        });
    }
    section
}

fn projects(data: &Dataset, labels: &Labels) -> Section {
    let targets = data.projects.targets.iter().fold(
        Table::new(
            "Ziele der Projekte",
            vec![
                Column::new("Projekt", Format::Text),
                Column::new("Indikator", Format::Text),
                Column::new("Einheit", Format::Text),
                Column::new("Ausgangswert", Format::Number),
                Column::new("Zielwert", Format::Number),
                Column::new("Istwert", Format::Number),
                Column::new("Frist", Format::Date),
            ],
        ),
        |table, t| {
            table.row(vec![
                t.project.as_str().into(),
                t.indicator.as_str().into(),
                t.unit.as_str().into(),
                maybe(t.baseline),
                t.target_value.into(),
                maybe(t.actual),
                t.deadline.as_str().into(),
            ])
        },
    );
    Section::new("Projekte (Maßnahmen)", vec![], vec![])
        .with_table(parts::counts(
            "Projekte nach Handlungsfeld",
            "Handlungsfeld",
            &data.projects_by_field_of_action,
            |k| labels.field_of_action(k),
        ))
        .with_table(parts::counts(
            "Projekte nach Stand",
            "Stand",
            &data.projects.by_state,
            |k| label_of::<ProjectState>(k, ProjectState::label_de),
        ))
        .with_table(targets)
}

fn contracts(data: &Dataset) -> Section {
    let mut table = Table::new(
        "Ziele der Kontrakte",
        vec![
            Column::new("Kontrakt", Format::Text),
            Column::new("Ziel", Format::Text),
            Column::new("Art", Format::Text),
            Column::new("Zielwert", Format::Number),
            Column::new("Frist", Format::Date),
            Column::new("Ergebnis der letzten Überprüfung", Format::Text),
        ],
    );
    for contract in &data.contracts {
        for t in &contract.targets {
            table = table.row(vec![
                contract.title.as_str().into(),
                t.description.as_str().into(),
                label_of::<TargetKind>(&t.kind, TargetKind::label_de).into(),
                maybe(t.target_value),
                t.deadline.as_str().into(),
                maybe_text(
                    t.status
                        .as_deref()
                        .map(|s| label_of::<Fulfilment>(s, Fulfilment::label_de))
                        .as_deref(),
                ),
            ]);
        }
    }
    Section::new(
        "Kontrakte",
        vec![],
        vec![
            Figure::count("Kontrakte", data.contracts.len() as u64),
            Figure::count(
                "Überprüfungen im Berichtszeitraum",
                data.contracts.iter().map(|c| c.reviews).sum(),
            ),
        ],
    )
    .with_table(table)
}

fn task_log(data: &Dataset) -> Section {
    let table = data
        .task_log
        .iter()
        .fold(
            Table::new(
                "Einträge im Aufgabenprotokoll",
                vec![
                    Column::new("Aufgabe", Format::Text),
                    Column::new("Spalte", Format::Text),
                    Column::new("Akteur", Format::Text),
                    Column::new("Einträge", Format::Count),
                ],
            ),
            |table, t| {
                table.row(vec![
                    t.task_key.as_str().into(),
                    maybe_text(t.column_key.as_deref()),
                    maybe_text(t.actor.as_deref()),
                    t.entries.into(),
                ])
            },
        )
        .with_total(TOTAL);
    Section::new(
        "Aufgabenprotokoll",
        vec!["Was im Berichtszeitraum nach der Aufgabenmatrix erledigt wurde.".to_owned()],
        vec![],
    )
    .with_table(table)
}

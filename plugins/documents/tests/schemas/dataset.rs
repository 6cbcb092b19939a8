//! `Dataset` against `report-dataset.schema.json`.

use std::collections::BTreeMap;

use quartier_documents::Dataset;
use quartier_documents::dataset::{
    Attendance, Concerns, Contract, ContractTarget, Fund, FundAction, Network, Period,
    ProjectTarget, ReportKind, SelfEvaluation, Spread, TaskLogCount, YearFigures,
};
use serde_json::json;

use super::{
    assert_deserializes_valid, assert_refused, assert_serializes_valid, plugins_dir, read_json,
};

const SCHEMA: &str = "report-dataset";

fn bare() -> Dataset {
    Dataset {
        municipality: "musterstadt".into(),
        area: None,
        period: Period {
            from: "2026-01-01".into(),
            to: "2026-12-31".into(),
        },
        bodies_by_kind: BTreeMap::new(),
        meetings_held: 0,
        attendance: Attendance {
            present: 0,
            excused: 0,
            absent: 0,
        },
        funds: vec![],
        concerns: Concerns {
            received: 0,
            answered: 0,
            median_days_to_feedback: None,
            by_category: BTreeMap::new(),
            ..Concerns::default()
        },
        projects_by_field_of_action: BTreeMap::new(),
        network: Network {
            organisations: 0,
            bodies: 0,
            memberships: 0,
            ..Network::default()
        },
        ..Dataset::default()
    }
}

fn full() -> Dataset {
    let mut data = bare();
    data.area = Some("Ostviertel".into());
    data.bodies_by_kind.insert("stadtteilkonferenz".into(), 1);
    data.meetings_held = 31;
    data.funds = vec![
        Fund {
            fund_kind: "verfuegungsfonds".into(),
            budget_cents: Some(1_000_000),
            applications_received: 17,
            applications_approved: 12,
            applications_rejected: 3,
            decided_cents: 842_000,
            paid_cents: 655_000,
            ..Fund::default()
        },
        Fund {
            fund_kind: "aktionsfonds".into(),
            budget_cents: None,
            applications_received: 2,
            applications_approved: 1,
            applications_rejected: 1,
            decided_cents: 50_000,
            paid_cents: 0,
            ..Fund::default()
        },
    ];
    data.kind = ReportKind::Fondsabrechnung;
    data.municipality_name = Some("Musterstadt".into());
    data.qm_model = Some("tandem".into());
    data.bodies_by_area.insert("Ostviertel".into(), 3);
    data.meetings_cancelled = 2;
    data.resolutions = 14;
    data.funds[0].name = Some("Verfügungsfonds Ostviertel 2026".into());
    data.funds[0].year = Some(2026);
    data.funds[0]
        .applications_by_state
        .insert("abgeschlossen".into(), 9);
    data.funds[0].recommendations.insert("empfohlen".into(), 11);
    data.funds[0].requested_cents = 1_200_000;
    data.funds[0].remaining_cents = Some(158_000);
    data.funds[0].days_to_decision = Spread {
        median: Some(21.0),
        p90: Some(40.0),
    };
    data.funds[0].proofs_due = 3;
    data.funds[0].proofs_overdue = 1;
    data.funds[0].actions.push(FundAction {
        reference: "FA-7K2M-Q9XD".into(),
        title: "Nachbarschaftsfest".into(),
        state: "abgeschlossen".into(),
        recommendation: Some("empfohlen".into()),
        approved_on: Some("2026-03-02".into()),
        approved_cents: 80_000,
        paid_cents: 80_000,
        proof_due_on: Some("2026-09-30".into()),
        proof_received: true,
    });
    data.concerns.forwarded = 40;
    data.concerns.closed = 30;
    data.concerns.p90_days_to_feedback = Some(31.0);
    data.concerns
        .by_department
        .insert("Stadtbetrieb".into(), 12);
    data.projects.by_state.insert("laufend".into(), 5);
    data.projects.targets.push(ProjectTarget {
        project: "Lernpaten".into(),
        field_of_action: Some("bildung".into()),
        indicator: "Betreute Kinder".into(),
        unit: "Kinder".into(),
        baseline: Some(0.0),
        target_value: 40.0,
        actual: Some(32.0),
        deadline: "2026-12-31".into(),
    });
    data.contracts.push(Contract {
        title: "Kontrakt Stadtteilbüro".into(),
        reviews: 1,
        targets: vec![ContractTarget {
            kind: "quantitativ".into(),
            description: "Sprechstunden je Woche".into(),
            target_value: Some(3.0),
            unit: Some("Sprechstunden".into()),
            deadline: "2026-12-31".into(),
            status: Some("erreicht".into()),
        }],
    });
    data.task_log.push(TaskLogCount {
        task_key: "vernetzung".into(),
        column_key: Some("gemeinwesenarbeit".into()),
        actor: Some("traeger_stadtteilbuero".into()),
        entries: 12,
    });
    data.self_evaluations.push(SelfEvaluation {
        year: 2026,
        answers: json!({"standards": {"ressourcenorientierung": 3}}),
    });
    data.years.push(YearFigures {
        year: 2026,
        meetings_held: 31,
        attendance_rate: Some(0.8),
        concerns_received: 64,
        concerns_answered: 50,
        median_days_to_feedback: Some(9.5),
        fund_applications: 19,
        fund_decided_cents: 892_000,
        fund_paid_cents: 655_000,
        projects: 11,
        organisations: 42,
    });
    data.network
        .organisations_by_kind
        .insert("verein".into(), 12);
    data.network.persons = 57;
    data.concerns.median_days_to_feedback = Some(9.5);
    data.concerns.by_category.insert("wilder_muell".into(), 27);
    data.projects_by_field_of_action
        .insert("nachbarschaft".into(), 6);
    data
}

#[test]
fn a_full_and_a_bare_dataset_match_the_schema() {
    let document = assert_serializes_valid(SCHEMA, &full());
    assert!(document["funds"][1].get("budget_cents").is_none());
    let document = assert_serializes_valid(SCHEMA, &bare());
    assert!(
        document.get("area").is_none(),
        "no area is left out, not null"
    );
    assert_eq!(document["concerns"]["median_days_to_feedback"], json!(null));
}

#[test]
fn a_dataset_survives_a_round_trip() {
    for data in [full(), bare()] {
        let again: Dataset =
            assert_deserializes_valid(SCHEMA, serde_json::to_value(&data).unwrap());
        assert_eq!(again, data);
    }
}

#[test]
fn the_sample_dataset_reads_into_the_type() {
    let call = read_json(&plugins_dir().join("fixtures/inputs/build-report.json"));
    let data: Dataset = assert_deserializes_valid(SCHEMA, call["input"].clone());
    assert_eq!(data.place(), "Ostviertel");
    assert_eq!(
        data.version.0, 1,
        "a dataset without a version is version 1"
    );
    assert_eq!(data.kind, ReportKind::Jahresbericht);
    assert_eq!(data.period_de(), "01.01.2026–31.12.2026");
    assert_eq!(
        data.fund("verfuegungsfonds").map(|f| f.decided_cents),
        Some(842_000)
    );
    assert_eq!(data.projects_in("bildung"), 4);
    assert_eq!(data.projects_in("kein_feld"), 0);
}

#[test]
fn optional_parts_may_be_missing_from_a_dataset() {
    let mut document = serde_json::to_value(bare()).unwrap();
    document["concerns"]
        .as_object_mut()
        .unwrap()
        .remove("by_category");
    let data: Dataset = assert_deserializes_valid(SCHEMA, document);
    assert_eq!(data.place(), "musterstadt");
    assert!(data.concerns.by_category.is_empty());
}

#[test]
fn project_figures_follow_the_catalogue_then_name_unknown_fields() {
    let mut data = bare();
    data.projects_by_field_of_action.insert("bildung".into(), 4);
    data.projects_by_field_of_action.insert("zzz".into(), 1);
    let figures = data.project_figures(
        &[("nachbarschaft", "Nachbarschaft"), ("bildung", "Bildung")],
        |key| format!("Sonstiges ({key})"),
    );
    let shown: Vec<(String, serde_json::Value)> =
        figures.into_iter().map(|f| (f.label, f.value)).collect();
    assert_eq!(
        shown,
        [
            ("Nachbarschaft".to_owned(), json!(0)),
            ("Bildung".to_owned(), json!(4)),
            ("Sonstiges (zzz)".to_owned(), json!(1)),
        ]
    );
}

#[test]
fn the_schema_refuses_a_negative_count_and_a_foreign_key() {
    let mut document = serde_json::to_value(full()).unwrap();
    document["meetings_held"] = json!(-1);
    assert_refused(SCHEMA, &document);
    let mut document = serde_json::to_value(full()).unwrap();
    document["projects_by_field_of_action"] = json!({"Nachbarschaft!": 1});
    assert_refused(SCHEMA, &document);
}

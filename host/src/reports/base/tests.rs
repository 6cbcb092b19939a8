use std::collections::BTreeMap;

use quartier_documents::dataset::{
    Attendance, Concerns, Dataset, Fund, FundAction, Network, Period, ReportKind, SelfEvaluation,
    YearFigures,
};
use quartier_documents::{Format, Report, Section};
use serde_json::{Value, json};

use super::{Labels, build};

fn dataset(kind: ReportKind) -> Dataset {
    let mut by_category = BTreeMap::new();
    by_category.insert("wilder_muell".to_owned(), 27);
    by_category.insert("spielplatz".to_owned(), 3);
    Dataset {
        kind,
        municipality: "musterstadt".into(),
        municipality_name: Some("Musterstadt".into()),
        qm_model: Some("tandem".into()),
        period: Period {
            from: "2026-01-01".into(),
            to: "2026-12-31".into(),
        },
        meetings_held: 31,
        attendance: Attendance {
            present: 80,
            excused: 15,
            absent: 5,
        },
        funds: vec![Fund {
            fund_kind: "verfuegungsfonds".into(),
            budget_cents: Some(1_000_000),
            applications_received: 17,
            applications_approved: 12,
            applications_rejected: 3,
            decided_cents: 842_000,
            paid_cents: 655_000,
            remaining_cents: Some(158_000),
            actions: vec![
                action("FA-AAAA-AAAA", 80_000, true),
                action("FA-BBBB-BBBB", 45_050, false),
            ],
            ..Fund::default()
        }],
        concerns: Concerns {
            received: 30,
            answered: 24,
            median_days_to_feedback: Some(9.5),
            by_category,
            ..Concerns::default()
        },
        network: Network {
            organisations: 48,
            bodies: 7,
            memberships: 136,
            ..Network::default()
        },
        years: (2022..=2026)
            .map(|year| YearFigures {
                year,
                concerns_received: (year - 2000) as u64,
                ..YearFigures::default()
            })
            .collect(),
        self_evaluations: vec![SelfEvaluation {
            year: 2026,
            answers: json!({"standards": {"ressourcenorientierung": 3}, "freitext": "gut"}),
        }],
        ..Dataset::default()
    }
}

fn action(reference: &str, cents: i64, proof: bool) -> FundAction {
    FundAction {
        reference: reference.into(),
        title: "Nachbarschaftsfest".into(),
        state: "ausgezahlt".into(),
        approved_cents: cents,
        paid_cents: cents,
        proof_received: proof,
        ..FundAction::default()
    }
}

fn figure(sections: &[Section], label: &str) -> Value {
    sections
        .iter()
        .flat_map(|s| &s.figures)
        .find(|f| f.label == label)
        .unwrap_or_else(|| panic!("no figure {label:?}"))
        .value
        .clone()
}

/// Every base report is a document plugins could have sent: it passes the same schema.
fn assert_valid(title: String, sections: Vec<Section>) {
    let schema: Value = serde_json::from_str(include_str!(
        "../../../../schemas/plugin/report.schema.json"
    ))
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let document = serde_json::to_value(Report::Document { title, sections }).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&document)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn every_kind_has_a_base_report_that_passes_the_report_schema() {
    for kind in ReportKind::ALL {
        let shaped = build(&dataset(kind), &Labels::default());
        assert!(
            shaped.title.starts_with(kind.label_de()),
            "{}",
            shaped.title
        );
        assert!(shaped.title.contains("Musterstadt (01.01.2026–31.12.2026)"));
        assert_valid(shaped.title, shaped.sections);
    }
}

#[test]
fn the_annual_report_counts_and_sums_from_the_dataset() {
    let shaped = build(&dataset(ReportKind::Jahresbericht), &Labels::default());
    assert_eq!(
        figure(&shaped.sections, "Durchgeführte Sitzungen"),
        json!(31)
    );
    assert_eq!(figure(&shaped.sections, "Teilnahmequote"), json!(0.8));
    assert_eq!(
        figure(&shaped.sections, "Bewilligt insgesamt"),
        json!(8420.0)
    );
    assert_eq!(
        figure(&shaped.sections, "Anteil mit Rückmeldung"),
        json!(0.8)
    );
    assert_eq!(
        figure(&shaped.sections, "QM-Modell"),
        json!("Modell 4: Quartiersmanagement als Tandem")
    );
    let topics = shaped
        .sections
        .iter()
        .flat_map(|s| &s.tables)
        .find(|t| t.title == "Anliegen nach Thema")
        .unwrap();
    assert!(topics.total_row);
    assert_eq!(
        topics.rows.last().unwrap(),
        &vec![json!("Summe"), json!(30)]
    );
}

#[test]
fn catalogue_labels_replace_keys() {
    let description = quartier_documents::Description::new("m", "1")
        .concern_category("wilder_muell", "Wilder Müll");
    let labels = Labels::from_description(Some(&description));
    let shaped = build(&dataset(ReportKind::Jahresbericht), &labels);
    let topics = shaped
        .sections
        .iter()
        .flat_map(|s| &s.tables)
        .find(|t| t.title == "Anliegen nach Thema")
        .unwrap();
    assert_eq!(topics.rows[0][0], json!("spielplatz"), "unknown keys stay");
    assert_eq!(topics.rows[1][0], json!("Wilder Müll"));
}

#[test]
fn the_fund_statement_lists_every_action_with_its_sum() {
    let shaped = build(&dataset(ReportKind::Fondsabrechnung), &Labels::default());
    let table = &shaped.sections[1].tables[0];
    assert_eq!(table.rows.len(), 3);
    assert_eq!(
        table.rows[2][4],
        json!(1250.5),
        "the total of the approved sums"
    );
    assert_eq!(table.rows[1][7], json!("nein"));
}

#[test]
fn the_monitoring_draws_each_year() {
    let shaped = build(&dataset(ReportKind::Monitoring), &Labels::default());
    let series = &shaped.sections[1];
    assert_eq!(series.tables[0].rows.len(), 5);
    let concerns = &series.charts[0];
    assert_eq!(concerns.labels, ["2022", "2023", "2024", "2025", "2026"]);
    assert_eq!(concerns.series[0].values[4], Some(26.0));
    assert_eq!(concerns.format, Format::Count);
}

#[test]
fn the_self_evaluation_lists_its_answers_by_path() {
    let shaped = build(&dataset(ReportKind::Selbstevaluation), &Labels::default());
    let answers = &shaped.sections.last().unwrap().tables[0];
    assert_eq!(answers.rows[0], vec![json!("freitext"), json!("gut")]);
    assert_eq!(
        answers.rows[1],
        vec![json!("standards.ressourcenorientierung"), json!(3)]
    );
}

//! The base self-evaluation (*Selbstevaluation*): the answers of each self-evaluation filled
//! in for the period, beside the figures a self-evaluation looks at.

use quartier_documents::dataset::{Dataset, SelfEvaluation};
use quartier_documents::{Column, Figure, Format, Section, Table};
use serde_json::Value;

use super::parts::{self, maybe};

/// How deep nested answers are listed; deeper ones are shown as JSON text.
const MAX_DEPTH: usize = 4;

pub fn sections(data: &Dataset) -> Vec<Section> {
    let context = Section::new(
        "Kennzahlen zur Selbstevaluation",
        vec![],
        vec![
            Figure::count("Durchgeführte Sitzungen", data.meetings_held),
            Figure::new("Teilnahmequote", maybe(data.attendance.rate())).formatted(Format::Percent),
            Figure::new(
                "Anteil der Anliegen mit Rückmeldung",
                maybe(data.concerns.feedback_share()),
            )
            .formatted(Format::Percent),
            Figure::count("Beteiligte Organisationen", data.network.organisations),
        ],
    );
    let mut sections = vec![parts::overview(data), context];
    if data.self_evaluations.is_empty() {
        sections.push(Section::new(
            "Antworten",
            vec!["Für diesen Zeitraum wurde keine Selbstevaluation ausgefüllt.".to_owned()],
            vec![],
        ));
    }
    sections.extend(data.self_evaluations.iter().map(answers));
    sections
}

fn answers(evaluation: &SelfEvaluation) -> Section {
    let mut rows = Vec::new();
    flatten("", &evaluation.answers, 0, &mut rows);
    let table = rows.into_iter().fold(
        Table::new(
            format!("Antworten {}", evaluation.year),
            vec![
                Column::new("Frage", Format::Text),
                Column::new("Antwort", Format::Text),
            ],
        ),
        |table, (question, answer)| table.row(vec![question.into(), answer]),
    );
    Section::new(
        format!("Selbstevaluation {}", evaluation.year),
        vec![],
        vec![],
    )
    .with_table(table)
}

/// Lists the answers as (path, value) rows: `standards.ressourcenorientierung` → 3.
fn flatten(path: &str, value: &Value, depth: usize, rows: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) if depth < MAX_DEPTH => {
            for (key, inner) in map {
                let path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                flatten(&path, inner, depth + 1, rows);
            }
        }
        Value::Array(_) | Value::Object(_) => {
            rows.push((path.to_owned(), value.to_string().into()))
        }
        scalar => rows.push((path.to_owned(), scalar.clone())),
    }
}

//! The self-evaluation along the nine GWA quality standards: the guideline recommends them
//! "als eine Art Checkliste zur fachlichen Orientierung" and regular self-evaluations with
//! the actors engaged in the neighbourhood "als Grundlage zur Fortschreibung der
//! Entwicklungsziele". The answers are those of the form `forms::self_evaluation`.

use std::collections::BTreeMap;

use quartier_plugin_sdk::dataset::{Dataset, SelfEvaluation};
use quartier_plugin_sdk::report::{
    Column, Format, Listing, PARAGRAPH_CHARS, Report, Section, Table, bar_chart_of, clip,
    counts_table,
};
use quartier_plugin_sdk::{Figure, Value};

use super::overview;
use crate::catalogue::{GWA_STANDARDS, RATINGS};
use crate::forms::standard_key;

const HEADING: &str = "Selbstevaluation nach den Qualitätsstandards der Gemeinwesenarbeit";

/// The answer `field` (`rating`, `evidence`, `next_steps`) on the standard at `index`.
fn answer<'a>(evaluation: &'a SelfEvaluation, index: usize, field: &str) -> Option<&'a str> {
    evaluation.answers["gwa_standards"][standard_key(index)][field]
        .as_str()
        .filter(|s| !s.trim().is_empty())
}

fn rating_label(key: &str) -> &str {
    RATINGS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, label)| *label)
}

/// One row per standard, one column per evaluation: the rating.
fn ratings_table(evaluations: &[SelfEvaluation]) -> Table {
    let mut columns = vec![Column::new("Qualitätsstandard", Format::Text)];
    columns.extend(
        evaluations
            .iter()
            .map(|e| Column::new(format!("Einschätzung {}", e.year), Format::Text)),
    );
    let mut table = Table::new("Einschätzung je Qualitätsstandard", columns);
    for (index, standard) in GWA_STANDARDS.iter().enumerate() {
        let mut row = vec![Value::from(format!("{}. {standard}", index + 1))];
        row.extend(
            evaluations
                .iter()
                .map(|e| Value::from(answer(e, index, "rating").map(rating_label))),
        );
        table = table.row(row);
    }
    table
}

/// How often each rating was given across `evaluations`.
fn distribution(evaluations: &[SelfEvaluation]) -> Table {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for evaluation in evaluations {
        for index in 0..GWA_STANDARDS.len() {
            if let Some(rating) = answer(evaluation, index, "rating") {
                *counts.entry(rating.to_owned()).or_default() += 1;
            }
        }
    }
    counts_table(
        "Verteilung der Einschätzungen",
        ("Einschätzung", "Standards"),
        &counts,
        &RATINGS,
        Listing::Catalogue,
        str::to_owned,
    )
}

fn standards_list() -> Vec<String> {
    GWA_STANDARDS
        .iter()
        .enumerate()
        .map(|(i, standard)| format!("{}. {standard}", i + 1))
        .collect()
}

/// The section of the annual report: the latest evaluation's ratings, or the standards to
/// evaluate against when none was filled in.
pub fn summary_section(data: &Dataset) -> Section {
    let Some(latest) = data.self_evaluations.last() else {
        let mut paragraphs = vec![
            "Für den Berichtszeitraum liegt keine Selbstevaluation vor. Sie wird mit den für den \
             Stadtteil engagierten Akteuren im Formular „Selbstevaluation“ nach diesen \
             Qualitätsstandards der Gemeinwesenarbeit in Hessen durchgeführt:"
                .to_owned(),
        ];
        paragraphs.extend(standards_list());
        return Section::new(HEADING, paragraphs, vec![]);
    };
    let latest = std::slice::from_ref(latest);
    Section::new(
        HEADING,
        vec![format!(
            "Selbstevaluation {} mit den für den Stadtteil engagierten Akteuren nach den \
             Qualitätsstandards der Gemeinwesenarbeit in Hessen.",
            latest[0].year
        )],
        vec![],
    )
    .with_table(ratings_table(latest))
    .with_table(distribution(latest))
}

/// The self-evaluation report.
pub fn build(data: &Dataset) -> Report {
    let evaluations = &data.self_evaluations;
    let title = format!(
        "Selbstevaluation nach den Qualitätsstandards der Gemeinwesenarbeit – {} ({})",
        data.place(),
        data.period_de()
    );
    let mut sections = vec![overview(data)];
    if evaluations.is_empty() {
        let mut paragraphs = vec![
            "Für den Berichtszeitraum wurde keine Selbstevaluation ausgefüllt. Der Leitfaden \
             empfiehlt regelmäßige Selbstevaluierungen mit den für den Stadtteil engagierten \
             Akteuren nach diesen Standards:"
                .to_owned(),
        ];
        paragraphs.extend(standards_list());
        sections.push(Section::new(HEADING, paragraphs, vec![]));
        return Report::Document { title, sections };
    }
    let table = distribution(evaluations);
    let chart = bar_chart_of(
        &table,
        "Verteilung der Einschätzungen",
        "Wie oft jede Einschätzung über alle Qualitätsstandards und Selbstevaluationen des \
         Zeitraums gegeben wurde.",
    );
    let mut ratings = Section::new(
        HEADING,
        vec![
            "Bestandsaufnahme und Reflexion der bisherigen Wirkung der Arbeit als Grundlage zur \
             Fortschreibung der Entwicklungsziele."
                .into(),
        ],
        vec![Figure::count(
            "Selbstevaluationen im Zeitraum",
            evaluations.len() as u64,
        )],
    )
    .with_table(ratings_table(evaluations))
    .with_table(table);
    if let Some(chart) = chart {
        ratings = ratings.with_chart(chart);
    }
    sections.push(ratings);
    sections.push(steps(evaluations));
    Report::Document { title, sections }
}

/// The latest evaluation's evidence and next steps per standard, and who took part.
fn steps(evaluations: &[SelfEvaluation]) -> Section {
    let mut paragraphs = Vec::new();
    if let Some(latest) = evaluations.last() {
        if let Some(participants) = latest.answers["participants"].as_str() {
            paragraphs.push(clip(&format!("Beteiligt: {participants}"), PARAGRAPH_CHARS));
        }
        for index in 0..GWA_STANDARDS.len() {
            let evidence = answer(latest, index, "evidence");
            let next = answer(latest, index, "next_steps");
            if evidence.is_none() && next.is_none() {
                continue;
            }
            let mut text = format!("Standard {}:", index + 1);
            if let Some(evidence) = evidence {
                text.push_str(&format!(" Woran es sich zeigt: {evidence}"));
            }
            if let Some(next) = next {
                text.push_str(&format!(" Was wir uns vornehmen: {next}"));
            }
            paragraphs.push(clip(&text, PARAGRAPH_CHARS));
        }
    }
    if paragraphs.is_empty() {
        paragraphs.push("Zu den Standards wurden keine Belege oder Schritte notiert.".into());
    }
    Section::new("Belege und nächste Schritte", paragraphs, vec![])
}

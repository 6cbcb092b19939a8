//! The Aktionsfonds statement per QM-Gebiet: "stehen jedem Team 10.000 € jährlich in einem
//! Aktionsfonds für das Gebiet zur Verfügung … Darüber entscheidet eine Aktionsfondsjury."
//! Every area's fund of the year with what its jury approved, what was paid out, the proofs
//! of use and what remains of the 10.000 €; then the Quartiersfonds the Quartiersräte decide.

use quartier_plugin_sdk::dataset::{Dataset, Fund};
use quartier_plugin_sdk::report::funds::{
    ActionColumns, RowBudget, left_out_note, name, overview_table, remaining_cents,
    statement_sections,
};
use quartier_plugin_sdk::report::{Figure, Report, Section};

use super::{budget, funds, overview};
use crate::catalogue::AKTIONSFONDS;

/// The statement of the period's funds.
pub fn build(data: &Dataset) -> Report {
    let aktionsfonds = funds(data, AKTIONSFONDS);
    let others: Vec<&Fund> = data
        .funds
        .iter()
        .filter(|f| f.fund_kind != AKTIONSFONDS)
        .collect();
    let mut rows = RowBudget::default();
    let mut left_out = Vec::new();
    let mut sections = vec![overview(data)];
    let mut summary = aktionsfonds_summary(&aktionsfonds);
    let (per_area, missing) = statement_sections(
        &aktionsfonds,
        &data.period.to,
        ActionColumns::default(),
        budget,
        &mut rows,
    );
    left_out.extend(missing);
    let mut rest = Vec::new();
    if !others.is_empty() {
        rest.push(
            Section::new(
                "Quartiersfonds (Entscheidung: Quartiersrat)",
                vec![
                    "Über größere Projekte aus dem Quartiersfonds entscheidet der Quartiersrat, \
                     der überwiegend aus Bewohnerinnen und Bewohnern und Vertretern von \
                     Einrichtungen und Vereinen im Gebiet besteht."
                        .into(),
                ],
                vec![],
            )
            .with_table(overview_table(
                "Weitere Fonds im Überblick",
                &others,
                budget,
            )),
        );
        let (sections, missing) = statement_sections(
            &others,
            &data.period.to,
            ActionColumns::default(),
            budget,
            &mut rows,
        );
        rest.extend(sections);
        left_out.extend(missing);
    }
    if let Some(note) = left_out_note(&left_out) {
        summary.paragraphs.push(note);
    }
    sections.push(summary);
    sections.extend(per_area);
    sections.extend(rest);
    Report::Document {
        title: format!(
            "Abrechnung Aktionsfonds – {} ({})",
            data.place(),
            data.period_de()
        ),
        sections,
    }
}

/// Every area's Aktionsfonds in one table, and the funds that approved more than their
/// annual amount.
fn aktionsfonds_summary(funds: &[&Fund]) -> Section {
    let heading = "Aktionsfonds je QM-Gebiet";
    let mut paragraphs = vec![
        "Jedem QM-Gebiet stehen jährlich 10.000 € im Aktionsfonds für kleine Projekte wie \
         Straßen- und Hoffeste oder Platzbepflanzungen zur Verfügung; darüber entscheidet die \
         Aktionsfondsjury. Die Abrechnung nennt jede bewilligte Maßnahme mit Betrag, \
         Auszahlung und Verwendungsnachweis."
            .to_owned(),
    ];
    if funds.is_empty() {
        paragraphs.push("Im Berichtszeitraum gab es keine Anträge an einen Aktionsfonds.".into());
        return Section::new(heading, paragraphs, vec![]);
    }
    let over: Vec<String> = funds
        .iter()
        .filter(|f| remaining_cents(f, budget(f)).is_some_and(|r| r < 0))
        .map(|f| name(f))
        .collect();
    if !over.is_empty() {
        paragraphs.push(format!(
            "Mehr bewilligt als der Jahresbetrag: {}. Bitte klären Sie die Deckung mit der \
             Gebietskoordination.",
            over.join("; ")
        ));
    }
    let approved: i64 = funds.iter().map(|f| f.decided_cents).sum();
    let paid: i64 = funds.iter().map(|f| f.paid_cents).sum();
    Section::new(
        heading,
        paragraphs,
        vec![
            Figure::new("QM-Gebiete mit Aktionsfonds", funds.len() as u64),
            Figure::euro_cents("Bewilligt", approved),
            Figure::euro_cents("Ausgezahlt", paid),
        ],
    )
    .with_table(overview_table("Aktionsfonds im Überblick", funds, budget))
}

//! The strategic level in a report: the contracts (*Kontrakte*) with their quantitative and
//! qualitative targets and what the Lenkungsgremium found at their latest review.

use quartier_plugin_sdk::Value;
use quartier_plugin_sdk::base::{FULFILMENT, TARGET_KINDS, label};
use quartier_plugin_sdk::dataset::{Contract, Dataset};
use quartier_plugin_sdk::report::{
    CELL_CHARS, Column, Figure, Format, Section, Table, clip, ratio, share,
};

use crate::catalogue::LENKUNGSGREMIUM;

const HEADING: &str = "Strategische Ebene: Kontrakte und Lenkungsgremium";

/// The review result of a target, `offen` when it was not reviewed.
fn status(target: &quartier_plugin_sdk::dataset::ContractTarget) -> &str {
    target.status.as_deref().unwrap_or("offen")
}

/// Per contract: reviews, targets and their results, with the total.
fn overview(contracts: &[Contract]) -> Table {
    let mut columns = vec![
        Column::new("Kontrakt", Format::Text),
        Column::new("Überprüfungen", Format::Count),
        Column::new("Ziele", Format::Count),
    ];
    columns.extend(
        FULFILMENT
            .iter()
            .map(|(_, label)| Column::new(*label, Format::Count)),
    );
    let mut table = Table::new("Kontrakte und Bewertung ihrer Ziele", columns);
    for contract in contracts {
        let mut row = vec![
            Value::from(contract.title.as_str()),
            Value::from(contract.reviews),
            Value::from(contract.targets.len() as u64),
        ];
        row.extend(FULFILMENT.iter().map(|(key, _)| {
            Value::from(
                contract
                    .targets
                    .iter()
                    .filter(|t| status(t) == *key)
                    .count() as u64,
            )
        }));
        table = table.row(row);
    }
    table.with_total("Summe")
}

/// Every target of every contract.
fn targets(contracts: &[Contract]) -> Table {
    let mut table = Table::new(
        "Ziele der Kontrakte",
        vec![
            Column::new("Kontrakt", Format::Text),
            Column::new("Art", Format::Text),
            Column::new("Ziel", Format::Text),
            Column::new("Zielwert", Format::Number),
            Column::new("Einheit", Format::Text),
            Column::new("Termin", Format::Date),
            Column::new("Bewertung", Format::Text),
        ],
    );
    for contract in contracts {
        for target in &contract.targets {
            table = table.row(vec![
                Value::from(contract.title.as_str()),
                Value::from(label(&TARGET_KINDS, &target.kind)),
                Value::from(clip(&target.description, CELL_CHARS)),
                Value::from(target.target_value),
                Value::from(target.unit.as_deref().map(|u| clip(u, CELL_CHARS))),
                Value::from(target.deadline.as_str()),
                Value::from(label(&FULFILMENT, status(target))),
            ]);
        }
    }
    table
}

/// The section; without contracts it says what the model expects.
pub fn strategic(data: &Dataset) -> Section {
    let contracts = &data.contracts;
    let intro = "Für die Umsetzung des integrierten Handlungskonzepts hat sich das \
                 Kontraktmanagement bewährt. Die Kontrakte enthalten quantitative und \
                 qualitative Ziele mit Terminen; das Lenkungsgremium bewertet ihre Einhaltung \
                 während und nach Abschluss der Maßnahmen."
        .to_owned();
    let steering = Figure::count(
        "Lenkungsgremien",
        data.bodies_by_kind
            .get(LENKUNGSGREMIUM)
            .copied()
            .unwrap_or(0),
    );
    if contracts.is_empty() {
        return Section::new(
            HEADING,
            vec![intro, "Im Berichtszeitraum galt kein Kontrakt.".into()],
            vec![steering],
        );
    }
    let all: Vec<_> = contracts.iter().flat_map(|c| &c.targets).collect();
    let fulfilled = all.iter().filter(|t| status(t) == "erfuellt").count() as u64;
    let reviewed = all.iter().filter(|t| status(t) != "offen").count() as u64;
    // Due by the period's end and never judged: the reviews the Lenkungsgremium still owes.
    let overdue = all
        .iter()
        .filter(|t| status(t) == "offen" && t.deadline.as_str() <= data.period.to.as_str())
        .count() as u64;
    let count_kind = |kind: &str| all.iter().filter(|t| t.kind == kind).count() as u64;
    Section::new(
        HEADING,
        vec![intro],
        vec![
            steering,
            Figure::count("Kontrakte", contracts.len() as u64),
            Figure::count(
                "Überprüfungen im Zeitraum",
                contracts.iter().map(|c| c.reviews).sum(),
            ),
            Figure::count("Quantitative Ziele", count_kind("quantitativ")),
            Figure::count("Qualitative Ziele", count_kind("qualitativ")),
            share("Anteil bewerteter Ziele", ratio(reviewed, all.len() as u64)),
            share("Anteil erfüllter Ziele", ratio(fulfilled, all.len() as u64)),
            Figure::count("Fällige Ziele ohne Bewertung", overdue),
        ],
    )
    .with_table(overview(contracts))
    .with_table(targets(contracts))
}

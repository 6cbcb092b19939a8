//! The base fund statement (*Fondsabrechnung*): per fund its budget, what was approved and
//! paid, and every approved action with amount, payout and proof of use.

use quartier_documents::dataset::{Dataset, Fund};
use quartier_documents::{Column, Figure, Format, Section, Table};
use serde_json::Value;

use super::parts::{self, TOTAL, application_state, euro, fund_name, maybe_text};

pub fn sections(data: &Dataset) -> Vec<Section> {
    let mut sections = vec![parts::overview(data)];
    if data.funds.is_empty() {
        sections.push(Section::new(
            "Fonds",
            vec!["Im Berichtszeitraum gab es keinen Fonds.".to_owned()],
            vec![],
        ));
    }
    sections.extend(data.funds.iter().map(fund));
    sections
}

fn fund(fund: &Fund) -> Section {
    let actions = fund
        .actions
        .iter()
        .fold(
            Table::new(
                format!("Bewilligte Maßnahmen – {}", fund_name(fund)),
                vec![
                    Column::new("Aktenzeichen", Format::Text),
                    Column::new("Maßnahme", Format::Text),
                    Column::new("Stand", Format::Text),
                    Column::new("Bewilligt am", Format::Date),
                    Column::new("Bewilligt", Format::Euro),
                    Column::new("Ausgezahlt", Format::Euro),
                    Column::new("Verwendungsnachweis fällig", Format::Date),
                    Column::new("Verwendungsnachweis liegt vor", Format::Text),
                ],
            ),
            |table, a| {
                table.row(vec![
                    a.reference.as_str().into(),
                    a.title.as_str().into(),
                    application_state(&a.state).into(),
                    maybe_text(a.approved_on.as_deref()),
                    euro(a.approved_cents),
                    euro(a.paid_cents),
                    maybe_text(a.proof_due_on.as_deref()),
                    if a.proof_received { "ja" } else { "nein" }.into(),
                ])
            },
        )
        .with_total(TOTAL);
    Section::new(
        fund_name(fund),
        vec![],
        vec![
            Figure::new("Budget", fund.budget_cents.map_or(Value::Null, euro))
                .formatted(Format::Euro),
            Figure::count("Anträge", fund.applications_received),
            Figure::count("Bewilligte Anträge", fund.applications_approved),
            Figure::count("Abgelehnte Anträge", fund.applications_rejected),
            Figure::euro_cents("Bewilligt", fund.decided_cents),
            Figure::euro_cents("Ausgezahlt", fund.paid_cents),
            Figure::new("Restbudget", fund.remaining_cents.map_or(Value::Null, euro))
                .formatted(Format::Euro),
            Figure::count("Verwendungsnachweise fällig", fund.proofs_due),
            Figure::count("davon überfällig", fund.proofs_overdue),
        ],
    )
    .with_table(actions)
}

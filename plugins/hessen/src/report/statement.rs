//! The Verfügungsfonds statement: the guideline gives the QM the "Vergabe, Verwaltung und
//! Umsetzung eines Verfügungsfonds, inkl. Prüfung auf Förderfähigkeit – Entwicklung eines
//! transparenten Vergabeverfahrens". The statement shows every approved action with amount,
//! payout and proof of use, per fund; other funds of the dataset follow.

use quartier_plugin_sdk::dataset::{Dataset, Fund};
use quartier_plugin_sdk::report::funds::{
    ActionColumns, RowBudget, left_out_note, overview_table, statement_sections,
};
use quartier_plugin_sdk::report::{Report, Section};

use super::overview;

/// The statement of the period's funds, the Verfügungsfonds first.
pub fn build(data: &Dataset) -> Report {
    let mut funds: Vec<&Fund> = data.funds.iter().collect();
    funds.sort_by_key(|f| f.fund_kind != "verfuegungsfonds");
    let title = format!(
        "Fondsabrechnung Verfügungsfonds – {} ({})",
        data.place(),
        data.period_de()
    );
    let mut sections = vec![overview(data)];
    if funds.is_empty() {
        sections.push(Section::new(
            "Verfügungsfonds",
            vec!["Im Berichtszeitraum gab es keine Anträge an einen Fonds.".into()],
            vec![],
        ));
        return Report::Document { title, sections };
    }
    let mut summary = Section::new(
        "Vergabe im Überblick",
        vec![
            "Für ein transparentes Vergabeverfahren werden alle bewilligten Vorhaben mit \
             bewilligtem und ausgezahltem Betrag und dem Stand des Verwendungsnachweises \
             aufgeführt; Angaben zu den Antragstellenden enthält die Abrechnung nicht."
                .into(),
        ],
        vec![],
    );
    if funds.len() > 1 {
        summary = summary.with_table(overview_table("Fonds im Überblick", &funds, |f| {
            f.budget_cents
        }));
    }
    let (per_fund, left_out) = statement_sections(
        &funds,
        &data.period.to,
        ActionColumns::default(),
        |f| f.budget_cents,
        &mut RowBudget::default(),
    );
    if let Some(note) = left_out_note(&left_out) {
        summary.paragraphs.push(note);
    }
    sections.push(summary);
    sections.extend(per_fund);
    Report::Document { title, sections }
}

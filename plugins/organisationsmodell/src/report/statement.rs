//! The Quartiersfonds statement: the award lies with the Bürgerjury, so the citizens' body
//! and the public see every approved action with amount, payout and proof of use.

use quartier_plugin_sdk::dataset::{Dataset, Fund};
use quartier_plugin_sdk::report::funds::{
    ActionColumns, RowBudget, left_out_note, overview_table, statement_sections,
};
use quartier_plugin_sdk::report::{Report, Section};

use super::overview;
use crate::catalogue::QUARTIERSFONDS;

/// The statement of the period's funds, the Quartiersfonds first.
pub fn build(data: &Dataset) -> Report {
    let mut funds: Vec<&Fund> = data.funds.iter().collect();
    funds.sort_by_key(|f| f.fund_kind != QUARTIERSFONDS);
    let mut summary = Section::new(
        "Vergabe durch die Bürgerjury",
        vec![
            "Über den Quartiersfonds entscheidet die Bürgerjury, nachdem der Quartierbeirat das \
             Vorhaben beraten hat. Die Abrechnung nennt jede bewilligte Maßnahme mit Betrag, \
             Auszahlung und Verwendungsnachweis, nicht die Antragstellenden."
                .into(),
        ],
        vec![],
    );
    let mut sections = vec![overview(data)];
    if funds.is_empty() {
        summary
            .paragraphs
            .push("Im Berichtszeitraum gab es keine Anträge an einen Fonds.".into());
        sections.push(summary);
    } else {
        if funds.len() > 1 {
            summary = summary.with_table(overview_table("Fonds im Überblick", &funds, |f| {
                f.budget_cents
            }));
        }
        let (per_fund, left_out) = statement_sections(
            &funds,
            &data.period.to,
            ActionColumns {
                recommendation: true,
            },
            |f| f.budget_cents,
            &mut RowBudget::default(),
        );
        if let Some(note) = left_out_note(&left_out) {
            summary.paragraphs.push(note);
        }
        sections.push(summary);
        sections.extend(per_fund);
    }
    Report::Document {
        title: format!(
            "Abrechnung Quartiersfonds – {} ({})",
            data.place(),
            data.period_de()
        ),
        sections,
    }
}

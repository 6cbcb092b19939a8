//! The Stadtteilfonds report for the Ausschuss für Soziales, Integration und Demographie
//! (the committee that adopted the concept, Vorlage FB 56/0111/WP17): "in diesem Gremium [der
//! Stadtteilkonferenz] werden die Anträge zum Stadtteilfonds diskutiert … Erst dann werden die
//! Anträge bei der Verwaltung bearbeitet." So the report shows the Stadtteilkonferenzen's
//! advice beside the administration's decisions, and every approved action with its
//! recommendation, amount, payout and proof of use.

use quartier_plugin_sdk::dataset::{Dataset, Fund};
use quartier_plugin_sdk::report::funds::{
    ActionColumns, RowBudget, left_out_note, overview_table, statement_sections,
};
use quartier_plugin_sdk::report::{Figure, Report, Section, ratio, share};

use super::annual::advice_table;
use super::overview;

const NOT_RECOMMENDED: &str = "nicht_empfohlen";
const RECOMMENDED: &str = "empfohlen";

/// The Stadtteilfonds report.
pub fn build(data: &Dataset) -> Report {
    let mut funds: Vec<&Fund> = data.funds.iter().collect();
    funds.sort_by_key(|f| f.fund_kind != "stadtteilfonds");
    let title = format!(
        "Stadtteilfonds {} ({}): Bericht für den Ausschuss für Soziales, Integration und \
         Demographie",
        data.place(),
        data.period_de()
    );
    let mut sections = vec![overview(data), advice(&funds)];
    if funds.is_empty() {
        return Report::Document { title, sections };
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
    // One fund is its own overview; several get a table side by side.
    if funds.len() > 1 || !left_out.is_empty() {
        let mut summary = Section::new("Vergabe im Überblick", vec![], vec![]);
        if funds.len() > 1 {
            summary = summary.with_table(overview_table(
                "Stadtteilfonds im Überblick",
                &funds,
                |f| f.budget_cents,
            ));
        }
        summary.paragraphs.extend(left_out_note(&left_out));
        sections.push(summary);
    }
    sections.extend(per_fund);
    Report::Document { title, sections }
}

/// The procedure and the advice: how many applications each recommendation got, and how the
/// approved actions relate to it.
fn advice(funds: &[&Fund]) -> Section {
    let heading = "Beratung in den Stadtteilkonferenzen";
    let procedure = "Jeder Antrag wird zuerst in der Stadtteilkonferenz beraten: ob er ein \
        sinnvolles quartiersbezogenes Projekt mit partizipativem Charakter enthält. Danach \
        entscheidet die Verwaltung (Fachbereich Wohnen, Soziales und Integration)."
        .to_owned();
    if funds.is_empty() {
        return Section::new(
            heading,
            vec![
                procedure,
                "Im Berichtszeitraum gab es keine Anträge zum Stadtteilfonds.".into(),
            ],
            vec![],
        );
    }
    let received: u64 = funds.iter().map(|f| f.applications_received).sum();
    let count = |key: &str| -> u64 {
        funds
            .iter()
            .map(|f| f.recommendations.get(key).copied().unwrap_or(0))
            .sum()
    };
    let (recommended, not_recommended) = (count(RECOMMENDED), count(NOT_RECOMMENDED));
    let advised = recommended + not_recommended;
    let approved = |key: &str| -> u64 {
        funds
            .iter()
            .flat_map(|f| &f.actions)
            .filter(|a| a.recommendation.as_deref() == Some(key))
            .count() as u64
    };
    let mut section = Section::new(
        heading,
        vec![procedure],
        vec![
            Figure::count("Anträge eingegangen", received),
            Figure::count("davon in der Stadtteilkonferenz beraten", advised),
            share(
                "Anteil empfohlen (der beratenen)",
                ratio(recommended, advised),
            ),
            Figure::count("Bewilligt nach Empfehlung", approved(RECOMMENDED)),
            Figure::count(
                "Bewilligt trotz fehlender Empfehlung",
                approved(NOT_RECOMMENDED),
            ),
        ],
    );
    if let Some(table) = advice_table(funds) {
        section = section.with_table(table);
    }
    section
}

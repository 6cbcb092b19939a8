//! Berlin's reports: the year's balance of an area with the progress on the nine strategic
//! goals, as the basis of the yearly revision of its integrated action concept ([`annual`]),
//! and the Aktionsfonds statement per QM-Gebiet ([`statement`]). The seed names no
//! monitoring across years and no self-evaluation: those kinds are the host's.

mod annual;
mod statement;

use quartier_plugin_sdk::dataset::{Dataset, Fund, ReportKind};
use quartier_plugin_sdk::report::{Report, Section, text};

use crate::catalogue::{AKTIONSFONDS, AKTIONSFONDS_PER_YEAR_CENTS};

/// The report of the dataset's kind.
pub fn build(data: &Dataset) -> Report {
    match data.kind {
        ReportKind::Jahresbericht => annual::build(data),
        ReportKind::Fondsabrechnung => statement::build(data),
        ReportKind::Monitoring | ReportKind::Selbstevaluation => Report::HostDefault,
    }
}

/// The budget to account for: the fund's own, and for an Aktionsfonds without one the area's
/// fixed 10.000 € a year.
fn budget(fund: &Fund) -> Option<i64> {
    match fund.budget_cents {
        Some(budget) => Some(budget),
        None if fund.fund_kind == AKTIONSFONDS => Some(AKTIONSFONDS_PER_YEAR_CENTS),
        None => None,
    }
}

/// The funds of `kind`.
fn funds<'a>(data: &'a Dataset, kind: &str) -> Vec<&'a Fund> {
    data.funds.iter().filter(|f| f.fund_kind == kind).collect()
}

/// The first section of every report.
fn overview(data: &Dataset) -> Section {
    Section::new(
        "QM-Gebiet und Berichtszeitraum",
        vec![],
        vec![
            text("QM-Gebiet", data.area.as_deref()),
            text("Berichtszeitraum", Some(&data.period_de())),
        ],
    )
}

//! A fund's year as report parts: its key figures, an overview of several funds, the
//! applications by state, and the statement of every approved action (*Fondsabrechnung*)
//! with amount, payout and proof of use.
//!
//! The statement can be long — a municipality with thousands of small grants — while a
//! plugin's answer is capped (256 KiB by default). [`RowBudget`] keeps the action lists of
//! one report within a size, so a plugin can say which lists it left out instead of failing.

use quartier_documents::dataset::{Fund, FundAction};

use super::{Column, Figure, Format, Section, Table, clip, days};

use crate::Value;
use crate::base::{APPLICATION_STATES, FUND_KINDS, RECOMMENDATIONS, label};

/// The longest title of a table or section (`report.schema.json`).
const TITLE_CHARS: usize = 300;

/// The fund's name, else its kind's label and year (`Aktionsfonds 2026`).
pub fn name(fund: &Fund) -> String {
    match (&fund.name, fund.year) {
        (Some(name), _) => name.clone(),
        (None, Some(year)) => format!("{} {year}", label(&FUND_KINDS, &fund.fund_kind)),
        (None, None) => label(&FUND_KINDS, &fund.fund_kind).to_owned(),
    }
}

/// What remains of `budget`: the host's figure when it has one, else budget − approved.
pub fn remaining_cents(fund: &Fund, budget: Option<i64>) -> Option<i64> {
    fund.remaining_cents
        .or_else(|| budget.map(|b| b - fund.decided_cents))
}

/// The key figures of one fund; `budget` is the budget to show (the fund's own, or a fixed
/// annual amount the plugin knows).
pub fn figures(fund: &Fund, budget: Option<i64>) -> Vec<Figure> {
    let mut figures = Vec::new();
    if let Some(budget) = budget {
        figures.push(Figure::euro_cents("Budget", budget));
    }
    figures.extend([
        Figure::count("Anträge eingegangen", fund.applications_received),
        Figure::count("Anträge bewilligt", fund.applications_approved),
        Figure::count("Anträge abgelehnt", fund.applications_rejected),
    ]);
    // A version 1 dataset has no requested sum; 0 there means "not known", not "nothing".
    if fund.requested_cents > 0 {
        figures.push(Figure::euro_cents("Beantragt", fund.requested_cents));
    }
    figures.extend([
        Figure::euro_cents("Bewilligt", fund.decided_cents),
        Figure::euro_cents("Ausgezahlt", fund.paid_cents),
    ]);
    if let Some(remaining) = remaining_cents(fund, budget) {
        figures.push(Figure::euro_cents("Verbleibendes Budget", remaining));
    }
    figures.extend([
        days(
            "Median der Tage bis zur Entscheidung",
            fund.days_to_decision.median,
        ),
        Figure::count("Verwendungsnachweise ausstehend", fund.proofs_due),
        Figure::count("davon überfällig", fund.proofs_overdue),
    ]);
    figures
}

/// One row per fund — budget, applications, approved, paid, remaining — with the total.
/// `budget_of` gives each fund's budget (see [`figures`]).
pub fn overview_table(
    title: &str,
    funds: &[&Fund],
    budget_of: impl Fn(&Fund) -> Option<i64>,
) -> Table {
    let euro = |cents: Option<i64>| cents.map_or(Value::Null, |c| Value::from(c as f64 / 100.0));
    let mut table = Table::new(
        title,
        vec![
            Column::new("Fonds", Format::Text),
            Column::new("Budget", Format::Euro),
            Column::new("Anträge", Format::Count),
            Column::new("bewilligt", Format::Count),
            Column::new("abgelehnt", Format::Count),
            Column::new("Bewilligt (€)", Format::Euro),
            Column::new("Ausgezahlt (€)", Format::Euro),
            Column::new("Verbleibend (€)", Format::Euro),
        ],
    );
    for fund in funds {
        let budget = budget_of(fund);
        table = table.row(vec![
            Value::from(name(fund)),
            euro(budget),
            Value::from(fund.applications_received),
            Value::from(fund.applications_approved),
            Value::from(fund.applications_rejected),
            euro(Some(fund.decided_cents)),
            euro(Some(fund.paid_cents)),
            euro(remaining_cents(fund, budget)),
        ]);
    }
    table.with_total("Summe")
}

/// The applications of `funds` by their state today, in the workflow's order, with the total.
pub fn states_table(title: &str, funds: &[&Fund]) -> Table {
    let mut counts = std::collections::BTreeMap::new();
    for fund in funds {
        for (state, n) in &fund.applications_by_state {
            *counts.entry(state.clone()).or_insert(0) += n;
        }
    }
    super::counts_table(
        title,
        ("Stand", "Anträge"),
        &counts,
        &APPLICATION_STATES,
        super::Listing::Present,
        str::to_owned,
    )
}

/// Which columns an action list has beyond the fixed ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ActionColumns {
    /// The advising body's recommendation (e.g. the Stadtteilkonferenz's).
    pub recommendation: bool,
}

/// Every approved action of `fund`: reference, title, day of approval, approved, paid, when
/// the proof of use is due and whether it is in (`überfällig` when due before `period_end`,
/// an ISO date) — with the sums.
pub fn actions_table(title: &str, fund: &Fund, period_end: &str, columns: ActionColumns) -> Table {
    let mut headings = vec![
        Column::new("Aktenzeichen", Format::Text),
        Column::new("Maßnahme", Format::Text),
    ];
    if columns.recommendation {
        headings.push(Column::new("Empfehlung", Format::Text));
    }
    headings.extend([
        Column::new("Bewilligt am", Format::Date),
        Column::new("Bewilligt (€)", Format::Euro),
        Column::new("Ausgezahlt (€)", Format::Euro),
        Column::new("Nachweis fällig", Format::Date),
        Column::new("Verwendungsnachweis", Format::Text),
    ]);
    let mut table = Table::new(title, headings);
    for action in &fund.actions {
        let mut row = vec![
            Value::from(action.reference.as_str()),
            Value::from(action.title.as_str()),
        ];
        if columns.recommendation {
            row.push(
                action
                    .recommendation
                    .as_deref()
                    .map_or(Value::Null, |r| Value::from(label(&RECOMMENDATIONS, r))),
            );
        }
        row.extend([
            Value::from(action.approved_on.as_deref()),
            Value::from(action.approved_cents as f64 / 100.0),
            Value::from(action.paid_cents as f64 / 100.0),
            Value::from(action.proof_due_on.as_deref()),
            Value::from(proof_state(action, period_end)),
        ]);
        table = table.row(row);
    }
    table.with_total("Summe")
}

/// A section per fund, headed by its name: its key figures (with `budget_of` the budget to
/// show), its applications by state and — while `rows` allows — every approved action. The
/// second value names the funds whose action list did not fit (see [`left_out_note`]).
pub fn statement_sections(
    funds: &[&Fund],
    period_end: &str,
    columns: ActionColumns,
    budget_of: impl Fn(&Fund) -> Option<i64>,
    rows: &mut RowBudget,
) -> (Vec<Section>, Vec<String>) {
    let mut sections = Vec::new();
    let mut left_out = Vec::new();
    for fund in funds {
        let name = name(fund);
        let mut section = Section::new(name.clone(), vec![], figures(fund, budget_of(fund)));
        if !fund.applications_by_state.is_empty() {
            section = section.with_table(states_table(
                &clip(&format!("{name}: Anträge nach Stand"), TITLE_CHARS),
                std::slice::from_ref(fund),
            ));
        }
        if fund.actions.is_empty() {
            section
                .paragraphs
                .push("Im Zeitraum wurde keine Maßnahme bewilligt.".to_owned());
        } else if rows.admit(fund) {
            section = section.with_table(actions_table(
                &clip(&format!("{name}: bewilligte Maßnahmen"), TITLE_CHARS),
                fund,
                period_end,
                columns,
            ));
        } else {
            left_out.push(name);
        }
        sections.push(section);
    }
    (sections, left_out)
}

/// Where an action's proof of use stands at `period_end`.
pub fn proof_state(action: &FundAction, period_end: &str) -> &'static str {
    match (&action.proof_due_on, action.proof_received) {
        (_, true) => "liegt vor",
        // ISO dates compare as text.
        (Some(due), false) if due.as_str() < period_end => "überfällig",
        (Some(_), false) => "ausstehend",
        (None, false) => "nicht angefordert",
    }
}

/// A size budget for the action lists of one report, in bytes of JSON (estimated).
#[derive(Debug, Clone, Copy)]
pub struct RowBudget(usize);

impl RowBudget {
    /// What the action lists of one report may take by default: well inside the host's
    /// 256 KiB output cap, with room for the rest of the report.
    pub const DEFAULT_BYTES: usize = 160 * 1024;

    /// A budget of `bytes`.
    pub fn new(bytes: usize) -> RowBudget {
        RowBudget(bytes)
    }

    /// Whether `fund`'s action list still fits; if so, its size is taken from the budget.
    pub fn admit(&mut self, fund: &Fund) -> bool {
        // Each row: the reference and title as given, plus about 120 bytes of dates,
        // amounts, state and JSON punctuation.
        let size: usize = fund
            .actions
            .iter()
            .map(|a| a.reference.len() + a.title.len() + 120)
            .sum();
        if size > self.0 {
            return false;
        }
        self.0 -= size;
        true
    }
}

impl Default for RowBudget {
    fn default() -> Self {
        RowBudget::new(RowBudget::DEFAULT_BYTES)
    }
}

/// The sentence for action lists left out for size, `None` when none was.
pub fn left_out_note(left_out: &[String]) -> Option<String> {
    (!left_out.is_empty()).then(|| {
        format!(
            "Die Einzelaufstellung fehlt für: {}. Der Bericht würde sonst zu groß; bitte \
             erstellen Sie ihn dafür je Gebiet.",
            left_out.join("; ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fund() -> Fund {
        Fund {
            fund_kind: "aktionsfonds".into(),
            year: Some(2026),
            decided_cents: 120_000,
            paid_cents: 80_000,
            actions: vec![
                FundAction {
                    reference: "FA-1".into(),
                    title: "Hoffest".into(),
                    state: "abgeschlossen".into(),
                    recommendation: Some("empfohlen".into()),
                    approved_on: Some("2026-03-01".into()),
                    approved_cents: 80_000,
                    paid_cents: 80_000,
                    proof_due_on: Some("2026-06-30".into()),
                    proof_received: true,
                },
                FundAction {
                    reference: "FA-2".into(),
                    title: "Beete".into(),
                    state: "bewilligt".into(),
                    recommendation: None,
                    approved_on: Some("2026-11-01".into()),
                    approved_cents: 40_000,
                    paid_cents: 0,
                    proof_due_on: Some("2026-12-01".into()),
                    proof_received: false,
                },
            ],
            ..Fund::default()
        }
    }

    #[test]
    fn a_fund_without_name_is_named_by_kind_and_year() {
        assert_eq!(name(&fund()), "Aktionsfonds 2026");
    }

    #[test]
    fn the_remaining_budget_is_budget_minus_approved_unless_the_host_says() {
        let mut f = fund();
        assert_eq!(remaining_cents(&f, Some(1_000_000)), Some(880_000));
        assert_eq!(remaining_cents(&f, None), None);
        f.remaining_cents = Some(5);
        assert_eq!(remaining_cents(&f, Some(1_000_000)), Some(5));
    }

    #[test]
    fn the_statement_lists_every_action_with_its_proof_and_the_sums() {
        let table = actions_table(
            "Maßnahmen",
            &fund(),
            "2026-12-31",
            ActionColumns {
                recommendation: true,
            },
        );
        assert_eq!(table.columns.len(), 8);
        assert_eq!(table.rows[0][2], "empfohlen");
        assert_eq!(table.rows[0][7], "liegt vor");
        assert_eq!(table.rows[1][2], Value::Null);
        assert_eq!(table.rows[1][7], "überfällig");
        let total = table.rows.last().unwrap();
        assert_eq!(total[4], 1200.0);
        assert_eq!(total[5], 800.0);
    }

    #[test]
    fn the_budget_admits_lists_until_it_is_spent() {
        let mut budget = RowBudget::new(300);
        assert!(budget.admit(&fund()));
        assert!(!budget.admit(&fund()));
        assert!(left_out_note(&[]).is_none());
        assert!(left_out_note(&["Aktionsfonds 2026".into()]).is_some());
    }
}

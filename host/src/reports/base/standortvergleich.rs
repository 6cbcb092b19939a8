//! The base report of the comparison across sites (*Standortvergleich*): a row per site in
//! every table, and as the last row the sums over the sites as the comparison gives them —
//! never summed again here. A cell a site suppressed reads [`SUPPRESSED`], in every format,
//! and never 0; a sum with a suppressed part reads the same.

use quartier_documents::comparison::{LABEL_DE, SiteFigures};
use quartier_documents::exchange::{Count, Entry, Figures, Published, count_of};
use quartier_documents::{Column, Comparison, Figure, Format, Section, Table};
use serde_json::Value;

use super::parts::{TOTAL, label_of};
use super::{BaseReport, Labels};
use crate::network::kinds::{BodyKind, OrganisationKind};

/// What a suppressed cell shows.
pub const SUPPRESSED: &str = "geschützt";

/// What the report says about [`SUPPRESSED`] and its sums.
const ABOUT_SUPPRESSION: &str = "„geschützt“: Der Standort hat die Zahl nicht übermittelt – \
     weniger als 5 Fälle, oder zurückgehalten, damit keine kleine Zahl aus Summen \
     errechnet werden kann. Eine Summe über die Standorte steht nur da, wo kein Standort \
     einen Teil davon geschützt hat; sonst ist auch sie „geschützt“.";

/// The base report of `comparison`.
pub fn build(comparison: &Comparison, labels: &Labels) -> BaseReport {
    let period = period_de(&comparison.exchange_period);
    BaseReport {
        title: format!("{LABEL_DE} – {} ({period})", comparison.centre_name),
        sections: vec![
            overview(comparison, &period),
            bodies(comparison),
            funds(comparison),
            concerns(comparison),
            projects(comparison, labels),
            network(comparison),
        ],
    }
}

/// An exchange period for people: `2026` → "2026", `2026-H1` → "1. Halbjahr 2026".
fn period_de(key: &str) -> String {
    match key.split_once("-H") {
        Some((year, half)) => format!("{half}. Halbjahr {year}"),
        None => key.to_owned(),
    }
}

fn overview(comparison: &Comparison, period: &str) -> Section {
    let sites: Vec<&str> = comparison.sites.iter().map(|s| s.site.as_str()).collect();
    let named = if sites.is_empty() {
        "Für diesen Zeitraum liegt von keinem bestätigten Standort ein Austauschpaket vor."
            .to_owned()
    } else {
        format!("Standorte: {}.", sites.join(", "))
    };
    Section::new(
        "Zeitraum und Standorte",
        vec![named, ABOUT_SUPPRESSION.to_owned()],
        vec![
            Figure::new("Servicestelle", comparison.centre_name.as_str()).formatted(Format::Text),
            Figure::new("Zeitraum", period).formatted(Format::Text),
            Figure::new("Standorte", comparison.sites.len() as u64),
        ],
    )
}

/// A count as a cell: the number, or [`SUPPRESSED`].
fn count(cell: Count) -> Value {
    cell.shown().map_or(Value::from(SUPPRESSED), Value::from)
}

/// Cents as a euro cell, or [`SUPPRESSED`].
fn euros(cell: Published<i64>) -> Value {
    cell.shown()
        .map_or(Value::from(SUPPRESSED), |c| Value::from(c as f64 / 100.0))
}

/// A table of the sites' rows and the sums' row, each made by `cells` from the figures
/// (told whether they are the sums).
fn table(
    title: &str,
    columns: Vec<Column>,
    comparison: &Comparison,
    cells: impl Fn(&Figures, bool) -> Vec<Value>,
) -> Table {
    let mut all = vec![Column::new("Standort", Format::Text)];
    all.extend(columns);
    let row = |name: Value, figures: &Figures, sums: bool| {
        let mut row = vec![name];
        row.extend(cells(figures, sums));
        row
    };
    let mut table = comparison
        .sites
        .iter()
        .fold(Table::new(title, all), |table, site| {
            table.row(row(Value::from(place(site)), &site.figures, false))
        })
        .row(row(Value::from(TOTAL), &comparison.totals, true));
    table.total_row = true;
    table
}

/// A site's name, with the municipality and area its bundle is about.
fn place(site: &SiteFigures) -> String {
    match &site.area {
        Some(area) => format!("{} ({}, {area})", site.site, site.municipality),
        None if site.municipality != site.site => format!("{} ({})", site.site, site.municipality),
        None => site.site.clone(),
    }
}

/// Columns of counts, one per key listed in the sums (every key of any site) and the total.
fn keyed(
    title: &str,
    comparison: &Comparison,
    list: impl Fn(&Figures) -> (&[Entry], Count),
    label: impl Fn(&str) -> String,
) -> Table {
    let keys: Vec<String> = list(&comparison.totals)
        .0
        .iter()
        .map(|e| e.key.clone())
        .collect();
    let mut columns: Vec<Column> = keys
        .iter()
        .map(|k| Column::new(label(k), Format::Count))
        .collect();
    columns.push(Column::new("Insgesamt", Format::Count));
    table(title, columns, comparison, |f, _| {
        let (entries, total) = list(f);
        let mut cells: Vec<Value> = keys.iter().map(|k| count(count_of(entries, k))).collect();
        cells.push(count(total));
        cells
    })
}

fn bodies(comparison: &Comparison) -> Section {
    let by_kind = keyed(
        "Gremien nach Art",
        comparison,
        |f| (&f.bodies.by_kind[..], f.bodies.total),
        |k| label_of::<BodyKind>(k, BodyKind::label_de),
    );
    let meetings = table(
        "Sitzungen und Anwesenheit",
        vec![
            Column::new("Durchgeführte Sitzungen", Format::Count),
            Column::new("Anwesend", Format::Count),
            Column::new("Entschuldigt", Format::Count),
            Column::new("Unentschuldigt", Format::Count),
            Column::new("Einträge insgesamt", Format::Count),
        ],
        comparison,
        |f, _| {
            let a = &f.attendance;
            vec![
                count(f.meetings_held),
                count(a.present),
                count(a.excused),
                count(a.absent),
                count(a.total),
            ]
        },
    );
    Section::new("Gremien und Sitzungen", vec![], vec![])
        .with_table(by_kind)
        .with_table(meetings)
}

fn funds(comparison: &Comparison) -> Section {
    let table = table(
        "Fonds",
        vec![
            Column::new("Anträge eingegangen", Format::Count),
            Column::new("Anträge bewilligt", Format::Count),
            Column::new("Bewilligte Summe", Format::Euro),
            Column::new("Auszahlungen", Format::Count),
            Column::new("Ausgezahlte Summe", Format::Euro),
        ],
        comparison,
        |f, _| {
            let funds = &f.funds;
            vec![
                count(funds.applications_received),
                count(funds.applications_approved),
                euros(funds.decided_cents),
                count(funds.payouts),
                euros(funds.paid_cents),
            ]
        },
    );
    Section::new("Fondsvolumen", vec![], vec![]).with_table(table)
}

fn concerns(comparison: &Comparison) -> Section {
    let table = table(
        "Anliegen",
        vec![
            Column::new("Eingegangen", Format::Count),
            Column::new("Beantwortet", Format::Count),
            Column::new("Median Tage bis zur Rückmeldung", Format::Days),
        ],
        comparison,
        |f, sums| {
            let c = &f.concerns;
            let median = if sums { Value::Null } else { median(c) };
            vec![count(c.received), count(c.answered), median]
        },
    );
    Section::new(
        "Anliegen und Rückmeldung",
        vec![
            "Ein Median lässt sich nicht über Standorte summieren; die Summenzeile lässt ihn \
              leer."
                .to_owned(),
        ],
        vec![],
    )
    .with_table(table)
}

/// A site's median days to feedback: the value; "–" (no value) where nothing was
/// answered; else [`SUPPRESSED`].
fn median(concerns: &quartier_documents::exchange::Concerns) -> Value {
    match (concerns.median_days_to_feedback, concerns.answered) {
        (Published::Shown(days), _) => Value::from(days),
        (Published::Suppressed, Published::Shown(0)) => Value::Null,
        (Published::Suppressed, _) => Value::from(SUPPRESSED),
    }
}

fn projects(comparison: &Comparison, labels: &Labels) -> Section {
    let table = keyed(
        "Maßnahmen nach Handlungsfeld",
        comparison,
        |f| (&f.projects.by_field_of_action[..], f.projects.total),
        |k| labels.field_of_action(k),
    );
    Section::new("Maßnahmen", vec![], vec![]).with_table(table)
}

fn network(comparison: &Comparison) -> Section {
    let kinds = keyed(
        "Organisationen nach Art",
        comparison,
        |f| {
            let o = &f.network.organisations;
            (&o.by_kind[..], o.total)
        },
        |k| label_of::<OrganisationKind>(k, OrganisationKind::label_de),
    );
    let size = table(
        "Netzwerkgröße",
        vec![
            Column::new("Organisationen", Format::Count),
            Column::new("Mitgliedschaften", Format::Count),
            Column::new("Personen", Format::Count),
        ],
        comparison,
        |f, _| {
            let n = &f.network;
            vec![
                count(n.organisations.total),
                count(n.memberships),
                count(n.persons),
            ]
        },
    );
    Section::new("Netzwerk am Ende des Zeitraums", vec![], vec![])
        .with_table(size)
        .with_table(kinds)
}

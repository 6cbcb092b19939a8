//! The comparison across sites as HEGISS, Hessen's service centre, reads it: for each site
//! the money of the Verfügungsfonds and the answers to residents' concerns — what the
//! twice-yearly exchange of the neighbourhood managers talks about — with the centre's sums.
//! A count a site suppressed is shown as suppressed, never as 0; the sums are the
//! comparison's own (`null` where a part is suppressed), never added up here.

use quartier_plugin_sdk::comparison::{Comparison, Count, Figures, Published};
use quartier_plugin_sdk::report::{Column, Format, Report, Section, Table};
use quartier_plugin_sdk::{Value, json};

/// What a suppressed cell reads.
const SUPPRESSED: &str = "geschützt";

/// The report of `data`.
pub fn build(data: &Comparison) -> Report {
    let columns = vec![
        Column::new("Standort", Format::Text),
        Column::new("Bewilligte Anträge", Format::Count),
        Column::new("Bewilligte Summe", Format::Euro),
        Column::new("Beantwortete Anliegen", Format::Count),
        Column::new("Median Tage bis zur Rückmeldung", Format::Days),
    ];
    let mut table = data.sites.iter().fold(
        Table::new("Fonds und Anliegen je Standort", columns),
        |table, site| table.row(row(json!(site.site), &site.figures, false)),
    );
    table = table.row(row(json!("Summe"), &data.totals, true));
    table.total_row = true;
    Report::Document {
        title: format!(
            "HEGISS-Standortvergleich {} – {} Standorte",
            data.exchange_period,
            data.sites.len()
        ),
        sections: vec![
            Section::new(
                "Verfügungsfonds und Anliegen",
                vec![format!(
                    "„{SUPPRESSED}“: vom Standort zum Schutz kleiner Zahlen nicht übermittelt."
                )],
                vec![],
            )
            .with_table(table),
        ],
    }
}

fn row(name: Value, f: &Figures, sums: bool) -> Vec<Value> {
    let count = |c: Count| c.shown().map_or(json!(SUPPRESSED), |n| json!(n));
    let euros = match f.funds.decided_cents {
        Published::Shown(cents) => json!(cents as f64 / 100.0),
        Published::Suppressed => json!(SUPPRESSED),
    };
    let median = match f.concerns.median_days_to_feedback {
        _ if sums => Value::Null,
        Published::Shown(days) => json!(days),
        Published::Suppressed => json!(SUPPRESSED),
    };
    vec![
        name,
        count(f.funds.applications_approved),
        euros,
        count(f.concerns.answered),
        median,
    ]
}

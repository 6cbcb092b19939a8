//! The task log (what was done per task and column of the matrix, `dataset.task_log`) as
//! tables: per task group and column, and per actor of the municipality's QM model.

use std::collections::BTreeMap;

use quartier_documents::dataset::TaskLogCount;

use super::{Chart, ChartKind, Column, Format, Series, Table};
use crate::Value;
use crate::matrix::{BASE_GROUPS, Column as MatrixColumn};

/// The heading of entries that name no column (the task as a whole).
const WHOLE_TASK: &str = "Aufgabe insgesamt";

/// Per group (in the base matrix's order, then groups `group_of` finds outside it, then
/// keys it does not know under their own name): the entries per column, for the whole task,
/// and all together — with the total. `group_of` maps a log's key (a group's or a task's) to
/// its group (key, label); [`crate::matrix::base_group`] does it for the base matrix.
pub fn by_group_table(
    title: &str,
    log: &[TaskLogCount],
    group_of: impl Fn(&str) -> Option<(&'static str, &'static str)>,
) -> Table {
    // (column index 0–3) per group key; labels kept apart so the base order can lead.
    let mut counts: BTreeMap<String, [u64; 4]> = BTreeMap::new();
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    for entry in log {
        let (key, label) = match group_of(&entry.task_key) {
            Some((key, label)) => (key.to_owned(), label.to_owned()),
            None => (entry.task_key.clone(), entry.task_key.clone()),
        };
        let column = entry
            .column_key
            .as_deref()
            .and_then(MatrixColumn::from_key)
            .map_or(3, |c| c as usize);
        counts.entry(key.clone()).or_default()[column] += entry.entries;
        labels.insert(key, label);
    }
    let mut columns = vec![Column::new("Aufgabengruppe", Format::Text)];
    columns.extend(
        MatrixColumn::ALL
            .iter()
            .map(|c| Column::new(c.label(), Format::Count)),
    );
    columns.extend([
        Column::new(WHOLE_TASK, Format::Count),
        Column::new("Einträge", Format::Count),
    ]);
    let mut table = Table::new(title, columns);
    let base_order = BASE_GROUPS.iter().map(|(key, _, _)| *key);
    let mut order: Vec<String> = base_order.map(str::to_owned).collect();
    let others: Vec<String> = counts
        .keys()
        .filter(|k| !order.contains(k))
        .cloned()
        .collect();
    order.extend(others);
    for key in order {
        let row = counts.get(&key).copied().unwrap_or_default();
        let label = labels.get(&key).cloned().or_else(|| {
            BASE_GROUPS
                .iter()
                .find(|(k, _, _)| *k == key)
                .map(|(_, label, _)| (*label).to_owned())
        });
        let mut cells = vec![Value::from(label.unwrap_or(key))];
        cells.extend(row.iter().map(|n| Value::from(*n)));
        cells.push(Value::from(row.iter().sum::<u64>()));
        table = table.row(cells);
    }
    table.with_total("Summe")
}

/// A bar chart of [`by_group_table`]: per group, one series per column of the matrix.
pub fn by_group_chart(table: &Table, title: &str, description: &str) -> Option<Chart> {
    let body = super::body(table);
    let labels = super::chart_labels(body)?;
    let series = MatrixColumn::ALL
        .iter()
        .enumerate()
        .map(|(i, column)| Series {
            name: column.label().to_owned(),
            values: body
                .iter()
                .map(|row| row.get(i + 1).and_then(Value::as_f64))
                .collect(),
        })
        .collect();
    Some(Chart {
        title: title.to_owned(),
        description: description.to_owned(),
        kind: ChartKind::Bar,
        format: Format::Count,
        labels,
        series,
    })
}

/// Per actor (as `actor_label` names it; entries without actor under „ohne Zuordnung“):
/// the entries, with the total.
pub fn by_actor_table(
    title: &str,
    log: &[TaskLogCount],
    actor_label: impl Fn(&str) -> String,
) -> Table {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for entry in log {
        let label = entry
            .actor
            .as_deref()
            .map_or_else(|| "ohne Zuordnung".to_owned(), &actor_label);
        *counts.entry(label).or_default() += entry.entries;
    }
    super::named_counts_table(title, ("Akteur", "Einträge"), &counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::base_group;

    fn entry(task: &str, column: Option<&str>, actor: Option<&str>, n: u64) -> TaskLogCount {
        TaskLogCount {
            task_key: task.into(),
            column_key: column.map(Into::into),
            actor: actor.map(Into::into),
            entries: n,
        }
    }

    fn log() -> Vec<TaskLogCount> {
        vec![
            entry("vernetzung", Some("gemeinwesenarbeit"), Some("traeger"), 5),
            entry("verfuegungsfonds", Some("planung"), Some("kommune"), 2),
            entry("verfuegungsfonds", None, None, 1),
            entry("eigene_aufgabe", Some("steuerung"), Some("kommune"), 4),
        ]
    }

    #[test]
    fn the_log_is_summed_per_group_in_the_base_order_with_unknown_keys_last() {
        let table = by_group_table("Aufgaben", &log(), base_group);
        assert_eq!(table.rows.len(), 8 + 1 + 1);
        let vernetzung = &table.rows[6];
        assert_eq!(vernetzung[0], "Vernetzung");
        assert_eq!(vernetzung[3], 5);
        let aktivierung = &table.rows[7];
        assert_eq!(&aktivierung[1..], [0, 2, 0, 1, 3].map(Value::from));
        assert_eq!(table.rows[8][0], "eigene_aufgabe");
        assert_eq!(table.rows[9][5], 12, "every entry in the total");
        let chart = by_group_chart(&table, "Aufgaben", "je Gruppe").unwrap();
        assert_eq!(chart.series.len(), 3);
        assert_eq!(chart.labels.len(), 9);
    }

    #[test]
    fn the_log_is_summed_per_actor() {
        let table = by_actor_table("Akteure", &log(), |a| a.to_uppercase());
        let rows: Vec<_> = table
            .rows
            .iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();
        assert_eq!(
            rows,
            [
                (Value::from("KOMMUNE"), Value::from(6)),
                (Value::from("TRAEGER"), Value::from(5)),
                (Value::from("ohne Zuordnung"), Value::from(1)),
                (Value::from("Summe"), Value::from(12)),
            ]
        );
    }
}

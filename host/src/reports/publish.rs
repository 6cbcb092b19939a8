//! A report made public (on the municipality's public page) shows no count below
//! [`THRESHOLD`], and none that could be recovered from what it does show:
//!
//! - a key figure meant as a count (`Format::Count`) from 1 to 4 becomes „keine Angabe“
//!   (`null`); 0 stays, since it says nothing about a person;
//! - in a table, every count cell from 1 to 4 is suppressed; where the table has a total row
//!   and a column would then hide exactly one cell, the next smallest cell of that column is
//!   suppressed too (secondary suppression), or the total when there is no other cell — so no
//!   hidden cell equals the total minus the visible ones;
//! - a count chart hides its values from 1 to 4, and a section whose tables needed secondary
//!   suppression loses its count charts, because the chart would show the secondary cells.
//!
//! Paragraphs are published as written: they are the municipality's own words.

use quartier_documents::{Format, Section, Table};
use serde_json::Value;

/// The smallest count a published report shows (counts from 1 to `THRESHOLD - 1` are hidden).
pub const THRESHOLD: u64 = 5;

/// Whether `value` is a count a published report must hide.
fn too_small(value: &Value) -> bool {
    value
        .as_f64()
        .is_some_and(|n| n > 0.0 && n < THRESHOLD as f64)
}

/// `sections` as they may be published.
pub fn for_publication(mut sections: Vec<Section>) -> Vec<Section> {
    for section in &mut sections {
        for figure in &mut section.figures {
            if figure.format == Format::Count && too_small(&figure.value) {
                figure.value = Value::Null;
            }
        }
        let mut secondary = false;
        for table in &mut section.tables {
            secondary |= suppress(table);
        }
        if secondary {
            section.charts.retain(|chart| chart.format != Format::Count);
        }
        for chart in &mut section.charts {
            if chart.format != Format::Count {
                continue;
            }
            for series in &mut chart.series {
                for value in &mut series.values {
                    if value.is_some_and(|n| n > 0.0 && n < THRESHOLD as f64) {
                        *value = None;
                    }
                }
            }
        }
    }
    sections
}

/// Suppresses the table's small counts; true when a secondary cell had to go as well.
fn suppress(table: &mut Table) -> bool {
    let mut secondary = false;
    let body = if table.total_row {
        table.rows.len().saturating_sub(1)
    } else {
        table.rows.len()
    };
    for (column, meta) in table.columns.iter().enumerate() {
        if meta.format != Format::Count {
            continue;
        }
        for row in table.rows.iter_mut() {
            if let Some(cell) = row.get_mut(column)
                && too_small(cell)
            {
                *cell = Value::Null;
            }
        }
        if !table.total_row {
            continue;
        }
        let total_visible = table.rows[body].get(column).is_some_and(|c| !c.is_null());
        let hidden = (0..body)
            .filter(|&r| table.rows[r].get(column).is_some_and(Value::is_null))
            .count();
        if total_visible && hidden == 1 {
            secondary = true;
            let next = (0..body)
                .filter_map(|r| Some((r, table.rows[r].get(column)?.as_f64()?)))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(r, _)| r);
            let row = next.unwrap_or(body);
            if let Some(cell) = table.rows[row].get_mut(column) {
                *cell = Value::Null;
            }
        }
    }
    secondary
}

#[cfg(test)]
mod tests {
    use quartier_documents::{Chart, ChartKind, Column, Figure, Series};
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    use serde_json::json;

    use super::*;

    fn table(columns: usize, rows: &[Vec<u64>]) -> Table {
        let mut all = vec![Column::new("Schlüssel", Format::Text)];
        all.extend((0..columns).map(|i| Column::new(format!("Spalte {i}"), Format::Count)));
        rows.iter()
            .enumerate()
            .fold(Table::new("T", all), |t, (i, row)| {
                let mut cells = vec![Value::from(format!("Zeile {i}"))];
                cells.extend(row.iter().map(|n| Value::from(*n)));
                t.row(cells)
            })
            .with_total("Summe")
    }

    /// What an attacker knows of a column: the visible total minus the visible cells, and
    /// how many cells that difference hides.
    fn recoverable(original: &Table, published: &Table) -> Option<(usize, usize, u64)> {
        let body = published.rows.len() - 1;
        for column in 1..published.columns.len() {
            let total = published.rows[body][column].as_u64();
            let hidden: Vec<usize> = (0..body)
                .filter(|&r| published.rows[r][column].is_null())
                .collect();
            if let (Some(total), [row]) = (total, hidden.as_slice()) {
                let visible: u64 = (0..body)
                    .filter_map(|r| published.rows[r][column].as_u64())
                    .sum();
                let value = total - visible;
                assert_eq!(Some(value), original.rows[*row][column].as_u64());
                return Some((*row, column, value));
            }
        }
        None
    }

    #[test]
    fn no_suppressed_cell_can_be_recovered_from_the_totals() {
        let mut rng = StdRng::seed_from_u64(20_261_204);
        let mut suppressed_somewhere = 0;
        for _ in 0..5_000 {
            let columns = rng.gen_range(1..=3);
            let rows: Vec<Vec<u64>> = (0..rng.gen_range(1..=7))
                .map(|_| {
                    (0..columns)
                        .map(|_| match rng.gen_range(0..3) {
                            0 => rng.gen_range(0..5),
                            1 => rng.gen_range(5..15),
                            _ => rng.gen_range(0..40),
                        })
                        .collect()
                })
                .collect();
            let original = table(columns, &rows);
            let section = Section::new("S", vec![], vec![]).with_table(original.clone());
            let published = &for_publication(vec![section])[0].tables[0];
            for (r, row) in original.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate().skip(1) {
                    if too_small(cell) {
                        assert!(published.rows[r][c].is_null(), "{cell} shown at {r},{c}");
                        suppressed_somewhere += 1;
                    } else if !published.rows[r][c].is_null() {
                        assert_eq!(&published.rows[r][c], cell, "a shown cell is unchanged");
                    }
                }
            }
            assert_eq!(
                recoverable(&original, published),
                None,
                "recovered from {original:?} → {published:?}"
            );
        }
        assert!(
            suppressed_somewhere > 1_000,
            "the cases exercise suppression"
        );
    }

    #[test]
    fn small_count_figures_are_hidden_and_other_figures_stay() {
        let section = Section::new(
            "S",
            vec![],
            vec![
                Figure::count("Anliegen", 4),
                Figure::count("Sitzungen", 5),
                Figure::count("Abgesagt", 0),
                Figure::new("Tage (Median)", 3).formatted(Format::Days),
            ],
        );
        let published = &for_publication(vec![section])[0].figures;
        let values: Vec<&Value> = published.iter().map(|f| &f.value).collect();
        assert_eq!(values, [&Value::Null, &json!(5), &json!(0), &json!(3)]);
    }

    #[test]
    fn a_lone_small_cell_takes_the_total_with_it() {
        let published = &for_publication(vec![
            Section::new("S", vec![], vec![]).with_table(table(1, &[vec![3]])),
        ])[0]
            .tables[0];
        assert!(published.rows[0][1].is_null());
        assert!(
            published.rows[1][1].is_null(),
            "else the total tells the cell"
        );
    }

    #[test]
    fn count_charts_hide_small_values_and_go_where_tables_needed_more() {
        let chart = Chart {
            title: "C".into(),
            description: "D".into(),
            kind: ChartKind::Bar,
            format: Format::Count,
            labels: vec!["a".into(), "b".into()],
            series: vec![Series {
                name: "n".into(),
                values: vec![Some(2.0), Some(30.0)],
            }],
        };
        let alone = Section::new("S", vec![], vec![]).with_chart(chart.clone());
        let published = for_publication(vec![alone]);
        assert_eq!(published[0].charts[0].series[0].values, [None, Some(30.0)]);

        let beside = Section::new("S", vec![], vec![])
            .with_table(table(1, &[vec![2], vec![30]]))
            .with_chart(chart);
        let published = for_publication(vec![beside]);
        assert!(published[0].charts.is_empty());
        assert!(
            published[0].tables[0].rows[1][1].is_null(),
            "the secondary cell"
        );
    }
}

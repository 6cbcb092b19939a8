//! Projects' measurable targets (`dataset.projects.targets`): how far each is reached, as a
//! table and as a summary for key figures.

use quartier_documents::dataset::ProjectTarget;

use super::{CELL_CHARS, Column, Format, Table, clip};
use crate::Value;

/// Where a target stands at the end of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The latest measurement reaches the target value.
    Reached,
    /// Not reached, and the deadline has passed.
    Missed,
    /// Not reached yet; the deadline is still ahead.
    Open,
    /// Nothing measured yet.
    Unmeasured,
}

impl Standing {
    /// The German word for a table cell.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Reached => "erreicht",
            Standing::Missed => "nicht erreicht",
            Standing::Open => "offen",
            Standing::Unmeasured => "ohne Messung",
        }
    }
}

/// How far `target` is reached: the way from the baseline (0 when none was recorded) to the
/// target value covered by the latest measurement (1 = reached; more is more). `None` without
/// a measurement or when the target value is the baseline.
pub fn progress(target: &ProjectTarget) -> Option<f64> {
    let start = target.baseline.unwrap_or(0.0);
    let way = target.target_value - start;
    let actual = target.actual?;
    (way != 0.0).then(|| (actual - start) / way)
}

/// Where `target` stands at `period_end` (ISO date).
pub fn standing(target: &ProjectTarget, period_end: &str) -> Standing {
    match progress(target) {
        Some(p) if p >= 1.0 => Standing::Reached,
        // A target value equal to the baseline is reached by keeping it.
        None if target.actual.is_some() && target.actual == Some(target.target_value) => {
            Standing::Reached
        }
        None if target.actual.is_none() => Standing::Unmeasured,
        // ISO dates compare as text.
        _ if target.deadline.as_str() < period_end => Standing::Missed,
        _ => Standing::Open,
    }
}

/// The targets counted by standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// All targets.
    pub targets: u64,
    /// Reached.
    pub reached: u64,
    /// Missed (deadline passed).
    pub missed: u64,
    /// Open (deadline ahead).
    pub open: u64,
    /// Without a measurement.
    pub unmeasured: u64,
}

/// Counts `targets` by their standing at `period_end`.
pub fn summary<'a>(
    targets: impl IntoIterator<Item = &'a ProjectTarget>,
    period_end: &str,
) -> Summary {
    let mut s = Summary::default();
    for target in targets {
        s.targets += 1;
        match standing(target, period_end) {
            Standing::Reached => s.reached += 1,
            Standing::Missed => s.missed += 1,
            Standing::Open => s.open += 1,
            Standing::Unmeasured => s.unmeasured += 1,
        }
    }
    s
}

/// One row per target: project, field of action (as `field_label` names the key), indicator,
/// unit, baseline, target value, latest value, progress, deadline and standing.
pub fn targets_table<'a>(
    title: &str,
    targets: impl IntoIterator<Item = &'a ProjectTarget>,
    period_end: &str,
    field_label: impl Fn(&str) -> String,
) -> Table {
    let mut table = Table::new(
        title,
        vec![
            Column::new("Projekt", Format::Text),
            Column::new("Handlungsfeld", Format::Text),
            Column::new("Indikator", Format::Text),
            Column::new("Einheit", Format::Text),
            Column::new("Ausgangswert", Format::Number),
            Column::new("Zielwert", Format::Number),
            Column::new("Istwert", Format::Number),
            Column::new("Zielerreichung", Format::Percent),
            Column::new("Termin", Format::Date),
            Column::new("Stand", Format::Text),
        ],
    );
    for target in targets {
        table = table.row(vec![
            Value::from(target.project.as_str()),
            target
                .field_of_action
                .as_deref()
                .map_or(Value::Null, |key| Value::from(field_label(key))),
            Value::from(clip(&target.indicator, CELL_CHARS)),
            Value::from(clip(&target.unit, CELL_CHARS)),
            Value::from(target.baseline),
            Value::from(target.target_value),
            Value::from(target.actual),
            Value::from(progress(target)),
            Value::from(target.deadline.as_str()),
            Value::from(standing(target, period_end).label()),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(
        baseline: Option<f64>,
        value: f64,
        actual: Option<f64>,
        deadline: &str,
    ) -> ProjectTarget {
        ProjectTarget {
            project: "Lernpaten".into(),
            field_of_action: Some("bildung".into()),
            indicator: "Betreute Kinder".into(),
            unit: "Kinder".into(),
            baseline,
            target_value: value,
            actual,
            deadline: deadline.into(),
        }
    }

    #[test]
    fn progress_is_the_way_from_baseline_to_target_covered() {
        assert_eq!(
            progress(&target(Some(10.0), 50.0, Some(30.0), "2026-12-31")),
            Some(0.5)
        );
        assert_eq!(
            progress(&target(None, 40.0, Some(40.0), "2026-12-31")),
            Some(1.0)
        );
        // Fewer is better: from 20 down to 10, now 15.
        assert_eq!(
            progress(&target(Some(20.0), 10.0, Some(15.0), "2026-12-31")),
            Some(0.5)
        );
        assert_eq!(progress(&target(None, 40.0, None, "2026-12-31")), None);
    }

    #[test]
    fn the_standing_depends_on_the_deadline_when_not_reached() {
        let end = "2026-12-31";
        assert_eq!(
            standing(&target(None, 40.0, Some(41.0), "2026-06-30"), end),
            Standing::Reached
        );
        assert_eq!(
            standing(&target(None, 40.0, Some(20.0), "2026-06-30"), end),
            Standing::Missed
        );
        assert_eq!(
            standing(&target(None, 40.0, Some(20.0), "2027-06-30"), end),
            Standing::Open
        );
        assert_eq!(
            standing(&target(None, 40.0, None, "2026-06-30"), end),
            Standing::Unmeasured
        );
        let all = [
            target(None, 40.0, Some(41.0), "2026-06-30"),
            target(None, 40.0, None, "2026-06-30"),
        ];
        let s = summary(&all, end);
        assert_eq!((s.targets, s.reached, s.unmeasured), (2, 1, 1));
        let table = targets_table("Ziele", &all, end, |k| k.to_uppercase());
        assert_eq!(table.rows[0][1], "BILDUNG");
        assert_eq!(table.rows[0][9], "erreicht");
        assert_eq!(table.rows[1][7], Value::Null);
    }
}

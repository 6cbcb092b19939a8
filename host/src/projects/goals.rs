//! The goal hierarchy of a project as read: Leitziele, their Handlungsziele and the
//! measurable targets (*Zielindikatoren*) under those, with each target's latest actual value
//! and its progress share. `goal_edits` replaces the hierarchy.

use serde::Serialize;

use crate::db::{Date, Id};
use crate::error::Result;

/// Largest magnitude of an indicator value.
pub const VALUE_MAX: f64 = 1e12;

/// A Leitziel as read.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Leitziel {
    pub id: Id,
    pub title: String,
    pub description: Option<String>,
    pub handlungsziele: Vec<Handlungsziel>,
}

/// A Handlungsziel as read.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Handlungsziel {
    pub id: Id,
    pub title: String,
    pub description: Option<String>,
    pub targets: Vec<Target>,
}

/// A measurable target with its latest measurement.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Target {
    pub id: Id,
    #[serde(skip)]
    pub goal_id: Id,
    pub indicator: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub target_value: f64,
    pub deadline: Date,
    /// The most recent actual value (by date of measurement).
    pub latest_value: Option<f64>,
    pub latest_measured_on: Option<Date>,
    /// Share of the way from baseline (0 when absent) to the target value that the latest
    /// value has covered, between 0 and 1; absent without a measurement.
    #[sqlx(skip)]
    pub progress: Option<f64>,
}

/// (latest − baseline) / (target − baseline), clamped to 0…1.
pub fn progress(baseline: Option<f64>, target: f64, latest: Option<f64>) -> Option<f64> {
    let latest = latest?;
    let base = baseline.unwrap_or(0.0);
    let span = target - base;
    if span.abs() < f64::EPSILON {
        return Some(if (latest - target).abs() < f64::EPSILON {
            1.0
        } else {
            0.0
        });
    }
    Some(((latest - base) / span).clamp(0.0, 1.0))
}

#[derive(sqlx::FromRow)]
struct GoalRow {
    id: Id,
    parent_id: Option<Id>,
    title: String,
    description: Option<String>,
}

/// The hierarchy of project `id`, in order, with progress per target.
pub(super) async fn load_goals(pool: &sqlx::AnyPool, id: Id) -> Result<Vec<Leitziel>> {
    let goals = sqlx::query_as::<_, GoalRow>(
        "SELECT id, parent_id, title, description FROM project_goals WHERE project_id = $1 \
         ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let latest = "FROM project_measurements m WHERE m.target_id = t.id \
                  ORDER BY m.measured_on DESC, m.created_at DESC, m.id DESC LIMIT 1";
    let mut targets = sqlx::query_as::<_, Target>(crate::db::sql::trusted(format!(
        "SELECT t.id, t.goal_id, t.indicator, t.unit, t.baseline, t.target_value, t.deadline, \
         (SELECT m.actual_value {latest}) AS latest_value, \
         (SELECT m.measured_on {latest}) AS latest_measured_on \
         FROM project_targets t WHERE t.project_id = $1 ORDER BY t.position, t.id"
    )))
    .bind(id)
    .fetch_all(pool)
    .await?;
    for t in &mut targets {
        t.progress = progress(t.baseline, t.target_value, t.latest_value);
    }
    let mut leitziele: Vec<Leitziel> = goals
        .iter()
        .filter(|g| g.parent_id.is_none())
        .map(|g| Leitziel {
            id: g.id,
            title: g.title.clone(),
            description: g.description.clone(),
            handlungsziele: Vec::new(),
        })
        .collect();
    for g in goals.into_iter().filter(|g| g.parent_id.is_some()) {
        let mine: Vec<Target> = targets.extract_if(.., |t| t.goal_id == g.id).collect();
        if let Some(parent) = leitziele.iter_mut().find(|l| Some(l.id) == g.parent_id) {
            parent.handlungsziele.push(Handlungsziel {
                id: g.id,
                title: g.title,
                description: g.description,
                targets: mine,
            });
        }
    }
    Ok(leitziele)
}

/// A finite value within ±[`VALUE_MAX`] (or none).
pub fn in_range(value: Option<f64>) -> bool {
    value.is_none_or(|v| v.is_finite() && v.abs() <= VALUE_MAX)
}

#[cfg(test)]
mod tests {
    use super::progress;

    #[test]
    fn progress_is_the_share_of_the_way_from_baseline_to_target() {
        assert_eq!(progress(None, 100.0, None), None);
        assert_eq!(progress(None, 100.0, Some(25.0)), Some(0.25));
        assert_eq!(progress(Some(10.0), 30.0, Some(20.0)), Some(0.5));
        assert_eq!(progress(Some(10.0), 30.0, Some(50.0)), Some(1.0));
        assert_eq!(progress(Some(10.0), 30.0, Some(5.0)), Some(0.0));
        // Falling targets (fewer vacant shops) work the same way.
        assert_eq!(progress(Some(20.0), 10.0, Some(15.0)), Some(0.5));
    }
}

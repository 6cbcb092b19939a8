//! How quickly departments answer: per department the concerns forwarded to it, how many
//! still wait for feedback, and the median and mean days from forwarding to feedback.

use std::collections::BTreeMap;

use axum::extract::State;
use serde::{Deserialize, Serialize};

use super::model::days_between;
use crate::api::extract::Query;
use crate::auth::Scope;
use crate::db::{Date, Timestamp};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct StatisticsFilter {
    /// Only concerns forwarded on or after this day.
    pub from: Option<Date>,
    /// Only concerns forwarded on or before this day.
    pub to: Option<Date>,
}

/// The figures of one department.
#[derive(Debug, Serialize, utoipa::ToSchema, PartialEq)]
pub struct DepartmentFigures {
    pub department: String,
    /// Concerns forwarded to the department.
    pub count: i64,
    /// Of those, still without feedback.
    pub open: i64,
    /// Median days from forwarding to feedback (absent without any feedback).
    pub median_days_to_feedback: Option<f64>,
    /// Mean days from forwarding to feedback.
    pub mean_days_to_feedback: Option<f64>,
}

#[derive(sqlx::FromRow)]
struct Row {
    department: String,
    forwarded_at: Timestamp,
    feedback_at: Option<Timestamp>,
}

/// Figures per department, ordered by name. Staff only.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/concerns/statistics", tag = "Anliegen",
    params(("municipality" = String, Path), StatisticsFilter),
    responses((status = 200, body = Vec<DepartmentFigures>), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem)))]
pub async fn statistics(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<StatisticsFilter>,
) -> Result<axum::Json<Vec<DepartmentFigures>>> {
    scope.require_staff()?;
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && from > to
    {
        return Err(Error::client(Code::InvalidQuery));
    }
    // Timestamps are fixed-width text: a day's bounds compare as text.
    let from = filter.from.map_or_else(String::new, |d| d.to_string());
    let to = filter
        .to
        .map_or_else(|| "9999".to_owned(), |d| format!("{d}T99"));
    let rows = sqlx::query_as::<_, Row>(
        "SELECT department, forwarded_at, feedback_at FROM concerns
         WHERE municipality_id = $1 AND department IS NOT NULL AND forwarded_at IS NOT NULL
           AND forwarded_at >= $2 AND forwarded_at <= $3",
    )
    .bind(scope.municipality_id)
    .bind(from)
    .bind(to)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(axum::Json(figures(rows)))
}

fn figures(rows: Vec<Row>) -> Vec<DepartmentFigures> {
    let mut by_department: BTreeMap<String, (i64, Vec<f64>)> = BTreeMap::new();
    for row in rows {
        let entry = by_department.entry(row.department).or_default();
        entry.0 += 1;
        if let Some(feedback) = row.feedback_at {
            entry.1.push(days_between(row.forwarded_at, feedback));
        }
    }
    by_department
        .into_iter()
        .map(|(department, (count, mut days))| {
            days.sort_by(f64::total_cmp);
            DepartmentFigures {
                department,
                count,
                open: count - days.len() as i64,
                median_days_to_feedback: median(&days),
                mean_days_to_feedback: (!days.is_empty())
                    .then(|| round(days.iter().sum::<f64>() / days.len() as f64)),
            }
        })
        .collect()
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The median of sorted values.
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(round((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        Timestamp(s.parse().unwrap())
    }

    #[test]
    fn median_and_mean_count_only_answered_concerns() {
        let row = |d: &str, f: &str, b: Option<&str>| Row {
            department: d.to_owned(),
            forwarded_at: at(f),
            feedback_at: b.map(at),
        };
        let figures = figures(vec![
            row(
                "Stadtbetrieb",
                "2026-01-01T00:00:00Z",
                Some("2026-01-02T00:00:00Z"),
            ),
            row(
                "Stadtbetrieb",
                "2026-01-01T00:00:00Z",
                Some("2026-01-05T00:00:00Z"),
            ),
            row(
                "Stadtbetrieb",
                "2026-01-01T00:00:00Z",
                Some("2026-01-11T00:00:00Z"),
            ),
            row("Stadtbetrieb", "2026-01-01T00:00:00Z", None),
        ]);
        assert_eq!(
            figures,
            vec![DepartmentFigures {
                department: "Stadtbetrieb".into(),
                count: 4,
                open: 1,
                median_days_to_feedback: Some(4.0),
                mean_days_to_feedback: Some(5.0),
            }]
        );
    }

    #[test]
    fn an_even_count_takes_the_middle_two() {
        assert_eq!(median(&[1.0, 2.0, 4.0, 9.0]), Some(3.0));
        assert_eq!(median(&[]), None);
    }
}

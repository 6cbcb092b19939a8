//! Projects running in each window, by field of action and state, and the targets of the
//! period's projects with the latest value measured by its last day.

use quartier_documents::Dataset;
use quartier_documents::dataset::ProjectTarget;
use sqlx::AnyConnection;

use super::count;
use super::frame::{Frame, PERIOD};
use super::years::Years;
use crate::db::Date;
use crate::error::Result;

pub async fn load(
    conn: &mut AnyConnection,
    frame: &Frame,
    dataset: &mut Dataset,
    years: &mut Years,
) -> Result<()> {
    by_field_and_state(conn, frame, dataset, years).await?;
    dataset.projects.targets = targets(conn, frame).await?;
    Ok(())
}

/// `p` runs in the window `w`: started by its last day (without a start date: recorded by
/// then) and not ended before its first day.
fn running(frame: &Frame, m: &str) -> String {
    let area = frame.in_area("p.area_id");
    format!(
        "JOIN projects p ON p.municipality_id = {m}{area}
           AND COALESCE(p.starts_on, SUBSTR(p.created_at, 1, 10)) <= w.last_day
           AND (p.ends_on IS NULL OR p.ends_on >= w.first_day)"
    )
}

async fn by_field_and_state(
    conn: &mut AnyConnection,
    frame: &Frame,
    dataset: &mut Dataset,
    years: &mut Years,
) -> Result<()> {
    let (mut sql, m) = frame.statement();
    sql.push(&format!(
        "SELECT w.w, p.field_of_action, p.state, COUNT(*)
         FROM windows w {}
         GROUP BY w.w, p.field_of_action, p.state",
        running(frame, &m)
    ));
    let rows: Vec<(i64, String, String, i64)> = sql.query_as().fetch_all(&mut *conn).await?;
    for (w, field, state, n) in rows {
        if w == PERIOD {
            *dataset
                .projects_by_field_of_action
                .entry(field)
                .or_default() += count(n);
            *dataset.projects.by_state.entry(state).or_default() += count(n);
        } else if let Some(year) = years.get(w) {
            year.projects += count(n);
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct TargetRow {
    project: String,
    field_of_action: String,
    indicator: String,
    unit: String,
    baseline: Option<f64>,
    target_value: f64,
    deadline: Date,
    actual: Option<f64>,
}

/// The targets of the period's projects in the order of project, goal and target.
async fn targets(conn: &mut AnyConnection, frame: &Frame) -> Result<Vec<ProjectTarget>> {
    let (mut sql, m) = frame.statement();
    let period = sql.bind(PERIOD);
    sql.push(&format!(
        "SELECT p.title AS project, p.field_of_action, t.indicator, t.unit, t.baseline,
                t.target_value, t.deadline,
                (SELECT pm.actual_value FROM project_measurements pm
                 WHERE pm.target_id = t.id AND pm.measured_on <= w.last_day
                 ORDER BY pm.measured_on DESC, pm.created_at DESC, pm.id DESC LIMIT 1) AS actual
         FROM windows w {}
         JOIN project_targets t ON t.project_id = p.id AND t.municipality_id = {m}
         JOIN project_goals g ON g.id = t.goal_id
         LEFT JOIN project_goals lg ON lg.id = g.parent_id
         WHERE w.w = {period}
         ORDER BY p.title, p.id, COALESCE(lg.position, g.position), g.position, t.position",
        running(frame, &m)
    ));
    let rows: Vec<TargetRow> = sql.query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|r| ProjectTarget {
            project: r.project,
            field_of_action: Some(r.field_of_action),
            indicator: r.indicator,
            unit: r.unit,
            baseline: r.baseline,
            target_value: r.target_value,
            actual: r.actual,
            deadline: r.deadline.to_string(),
        })
        .collect())
}

//! Concerns: per window the concerns received, forwarded, answered and closed in it (each
//! by its own event), by category and department, and the days from receipt to the answer.

use quartier_documents::Dataset;
use sqlx::AnyConnection;

use super::frame::{Frame, PERIOD};
use super::years::Years;
use super::{count, spread};
use crate::error::Result;

pub async fn load(
    conn: &mut AnyConnection,
    frame: &Frame,
    dataset: &mut Dataset,
    years: &mut Years,
) -> Result<()> {
    counts(conn, frame, dataset, years).await?;
    feedback_days(conn, frame, dataset, years).await
}

#[derive(sqlx::FromRow)]
struct Counts {
    w: i64,
    category: String,
    department: Option<String>,
    received: i64,
    forwarded: i64,
    answered: i64,
    closed: i64,
}

/// `column` falls into the window `w`.
fn within(column: &str) -> String {
    format!("{column} >= w.starts AND {column} < w.ends")
}

async fn counts(
    conn: &mut AnyConnection,
    frame: &Frame,
    dataset: &mut Dataset,
    years: &mut Years,
) -> Result<()> {
    let (mut sql, m) = frame.statement();
    let area = frame.in_area_names("c.area");
    sql.push(&format!(
        "SELECT w.w AS w, c.category AS category, c.department AS department,
                COUNT(CASE WHEN c.received_at >= w.starts THEN 1 END) AS received,
                COUNT(CASE WHEN {} THEN 1 END) AS forwarded,
                COUNT(CASE WHEN {} THEN 1 END) AS answered,
                COUNT(CASE WHEN {} THEN 1 END) AS closed
         FROM windows w
         JOIN concerns c ON c.municipality_id = {m} AND c.received_at < w.ends
         WHERE c.municipality_id = {m}{area}
         GROUP BY w.w, c.category, c.department",
        within("c.forwarded_at"),
        within("c.reported_at"),
        within("c.closed_at"),
    ));
    let rows: Vec<Counts> = sql.query_as().fetch_all(&mut *conn).await?;
    let concerns = &mut dataset.concerns;
    for row in rows {
        if row.w == PERIOD {
            concerns.received += count(row.received);
            concerns.forwarded += count(row.forwarded);
            concerns.answered += count(row.answered);
            concerns.closed += count(row.closed);
            if row.received > 0 {
                *concerns.by_category.entry(row.category).or_default() += count(row.received);
            }
            if let (Some(department), true) = (row.department, row.forwarded > 0) {
                *concerns.by_department.entry(department).or_default() += count(row.forwarded);
            }
        } else if let Some(year) = years.get(row.w) {
            year.concerns_received += count(row.received);
            year.concerns_answered += count(row.answered);
        }
    }
    Ok(())
}

/// Days from receipt to the report back, of the concerns answered in each window.
async fn feedback_days(
    conn: &mut AnyConnection,
    frame: &Frame,
    dataset: &mut Dataset,
    years: &mut Years,
) -> Result<()> {
    let (mut sql, m) = frame.statement();
    let area = frame.in_area_names("c.area");
    let days = frame.days("c.received_at", "c.reported_at");
    let rows = format!(
        "SELECT w.w AS g, {days} AS d
         FROM windows w
         JOIN concerns c ON c.municipality_id = {m} AND c.received_at < w.ends AND {}
         WHERE c.municipality_id = {m}{area}",
        within("c.reported_at")
    );
    sql.push(&spread::per_group(&rows));
    let rows: Vec<(i64, Option<i64>, Option<i64>)> = sql.query_as().fetch_all(&mut *conn).await?;
    for (w, median, p90) in rows {
        let spread = spread::of(median, p90);
        if w == PERIOD {
            dataset.concerns.median_days_to_feedback = spread.median;
            dataset.concerns.p90_days_to_feedback = spread.p90;
        } else if let Some(year) = years.get(w) {
            year.median_days_to_feedback = spread.median;
        }
    }
    Ok(())
}

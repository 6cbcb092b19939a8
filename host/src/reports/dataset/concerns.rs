//! Concerns: per tile the concerns received, forwarded, answered and closed in it (each by
//! its own event), by category and department, and the days from receipt to the answer; the
//! period's figures are the sums of its tiles'.

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

/// The concerns received by the period's end that have an event in it, with the tile of
/// each event (`rt`, `ft`, `at`, `ct`: received, forwarded, answered, closed; NULL when the
/// event is not in the period) and the rank of the receipt (`rr`), as the columns `cols`.
fn events(frame: &Frame, m: &str, cols: &str) -> String {
    let area = frame.in_area_names("c.area");
    format!(
        "SELECT {cols}
         FROM (SELECT c.category, c.department, c.received_at, c.reported_at,
                      {rt} AS rt, {ft} AS ft, {at} AS at, {ct} AS ct, {rr} AS rr
               FROM windows p
               JOIN concerns c ON c.municipality_id = {m} AND c.received_at < p.ends
               WHERE p.w = {period} AND c.municipality_id = {m}{area}) AS c
         WHERE c.rt IS NOT NULL OR c.ft IS NOT NULL OR c.at IS NOT NULL OR c.ct IS NOT NULL",
        rt = frame.tile_of("c.received_at"),
        ft = frame.tile_of("c.forwarded_at"),
        at = frame.tile_of("c.reported_at"),
        ct = frame.tile_of("c.closed_at"),
        rr = frame.tile_rank("c.received_at"),
        period = super::frame::PERIOD,
    )
}

async fn counts(
    conn: &mut AnyConnection,
    frame: &Frame,
    dataset: &mut Dataset,
    years: &mut Years,
) -> Result<()> {
    let (mut sql, m) = frame.statement();
    // One pass over the concerns groups them by the tiles of their four events; each group
    // then counts once under each event's tile (an event counts for a concern received by
    // the end of its tile).
    let grouped = events(
        frame,
        &m,
        "c.category, c.department, c.rt, c.ft, c.at, c.ct, c.rr, COUNT(*) AS n",
    );
    let by_event = |tile: &str, column: &str| {
        let mut counts = ["0"; 4];
        counts[match column {
            "received" => 0,
            "forwarded" => 1,
            "answered" => 2,
            _ => 3,
        }] = "n";
        format!(
            "SELECT {tile} AS w, category, department, {} AS received, {} AS forwarded,
                    {} AS answered, {} AS closed
             FROM grouped WHERE {tile} IS NOT NULL AND rr <= {tile}",
            counts[0], counts[1], counts[2], counts[3]
        )
    };
    sql.push(&format!(
        "SELECT w, category, department,
                CAST(SUM(received) AS BIGINT) AS received, CAST(SUM(forwarded) AS BIGINT) AS forwarded,
                CAST(SUM(answered) AS BIGINT) AS answered, CAST(SUM(closed) AS BIGINT) AS closed
         FROM (WITH grouped AS ({grouped} GROUP BY c.category, c.department, c.rt, c.ft, c.at, c.ct, c.rr)
               {} UNION ALL {} UNION ALL {} UNION ALL {}) AS per_event
         GROUP BY w, category, department",
        by_event("rt", "received"),
        by_event("ft", "forwarded"),
        by_event("at", "answered"),
        by_event("ct", "closed"),
    ));
    let rows: Vec<Counts> = sql.query_as().fetch_all(&mut *conn).await?;
    let concerns = &mut dataset.concerns;
    for row in rows {
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
        if let Some(year) = years.get(row.w) {
            year.concerns_received += count(row.received);
            year.concerns_answered += count(row.answered);
        }
    }
    Ok(())
}

/// Days from receipt to the report back, of the concerns answered in each tile and, when the
/// tiles are years, in the whole period.
async fn feedback_days(
    conn: &mut AnyConnection,
    frame: &Frame,
    dataset: &mut Dataset,
    years: &mut Years,
) -> Result<()> {
    let (mut sql, m) = frame.statement();
    let days = frame.days("c.received_at", "c.reported_at");
    let rows = format!(
        "SELECT g, d FROM ({}) AS answered WHERE g IS NOT NULL AND rr <= g",
        events(frame, &m, &format!("c.at AS g, c.rr AS rr, {days} AS d"))
    );
    let period = frame.tiled().then(|| sql.bind(PERIOD));
    sql.push(&spread::per_group(&rows, period.as_deref()));
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

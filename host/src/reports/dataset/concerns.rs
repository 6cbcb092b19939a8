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
    for row in read(conn, frame).await? {
        match row.part {
            COUNTS => add_counts(&row, dataset, years),
            _ => add_days(&row, dataset, years),
        }
    }
    Ok(())
}

/// The rows of [`read`]: per tile, category and department the counts (`part` [`COUNTS`]),
/// and per tile (and the period) the spread of the days to feedback (`part` [`DAYS`]).
#[derive(sqlx::FromRow)]
struct Row {
    part: i64,
    w: i64,
    category: Option<String>,
    department: Option<String>,
    received: i64,
    forwarded: i64,
    answered: i64,
    closed: i64,
    median: Option<i64>,
    p90: Option<i64>,
}

const COUNTS: i64 = 0;
const DAYS: i64 = 1;

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

/// One pass over the concerns groups them by the tiles of their four events and by the
/// days from receipt to feedback; each group then counts once under each event's tile (an
/// event counts for a concern received by the end of its tile), and the answered ones give
/// the histograms of the days to feedback.
async fn read(conn: &mut AnyConnection, frame: &Frame) -> Result<Vec<Row>> {
    let (mut sql, m) = frame.statement();
    let days = frame.days("c.received_at", "c.reported_at");
    let keys = format!("c.category, c.department, c.rt, c.ft, c.at, c.ct, c.rr, {days}");
    let grouped = events(frame, &m, &format!("{keys} AS d, COUNT(*) AS n"));
    let by_event = |tile: &str, column: usize| {
        let mut counts = ["0"; 4];
        counts[column] = "n";
        format!(
            "SELECT {tile} AS w, category, department, {} AS received, {} AS forwarded,
                    {} AS answered, {} AS closed
             FROM grouped WHERE {tile} IS NOT NULL AND rr <= {tile}",
            counts[0], counts[1], counts[2], counts[3]
        )
    };
    let histogram = "SELECT at AS g, d, SUM(n) AS k FROM grouped
                     WHERE at IS NOT NULL AND rr <= at GROUP BY at, d";
    let total = frame.tiled().then(|| sql.bind(PERIOD));
    let spread = spread::per_histogram(histogram, total.as_deref());
    sql.push(&format!(
        "SELECT * FROM (
           WITH grouped AS ({grouped} GROUP BY {keys}),
           counted AS (
             SELECT w, category, department,
                    CAST(SUM(received) AS BIGINT) AS received,
                    CAST(SUM(forwarded) AS BIGINT) AS forwarded,
                    CAST(SUM(answered) AS BIGINT) AS answered,
                    CAST(SUM(closed) AS BIGINT) AS closed
             FROM ({} UNION ALL {} UNION ALL {} UNION ALL {}) AS per_event
             GROUP BY w, category, department),
           spread AS ({spread})
           SELECT CAST({COUNTS} AS BIGINT) AS part, w, category, department,
                  received, forwarded, answered, closed,
                  CAST(NULL AS BIGINT) AS median, CAST(NULL AS BIGINT) AS p90
           FROM counted
           UNION ALL
           SELECT CAST({DAYS} AS BIGINT), g, CAST(NULL AS TEXT), CAST(NULL AS TEXT),
                  CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT),
                  median, p90
           FROM spread) AS concerns_read",
        by_event("rt", 0),
        by_event("ft", 1),
        by_event("at", 2),
        by_event("ct", 3),
    ));
    Ok(sql.query_as().fetch_all(&mut *conn).await?)
}

fn add_counts(row: &Row, dataset: &mut Dataset, years: &mut Years) {
    let concerns = &mut dataset.concerns;
    concerns.received += count(row.received);
    concerns.forwarded += count(row.forwarded);
    concerns.answered += count(row.answered);
    concerns.closed += count(row.closed);
    if let (Some(category), true) = (&row.category, row.received > 0) {
        *concerns.by_category.entry(category.clone()).or_default() += count(row.received);
    }
    if let (Some(department), true) = (&row.department, row.forwarded > 0) {
        *concerns
            .by_department
            .entry(department.clone())
            .or_default() += count(row.forwarded);
    }
    if let Some(year) = years.get(row.w) {
        year.concerns_received += count(row.received);
        year.concerns_answered += count(row.answered);
    }
}

/// Days from receipt to the report back, of the concerns answered in a tile or, when the
/// tiles are years, in the whole period.
fn add_days(row: &Row, dataset: &mut Dataset, years: &mut Years) {
    let spread = spread::of(row.median, row.p90);
    if row.w == PERIOD {
        dataset.concerns.median_days_to_feedback = spread.median;
        dataset.concerns.p90_days_to_feedback = spread.p90;
    } else if let Some(year) = years.get(row.w) {
        year.median_days_to_feedback = spread.median;
    }
}

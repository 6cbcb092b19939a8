//! The self-evaluations of the years the period touches, oldest first: with an area, those
//! of the area and the areas below it; for the whole municipality, all of them. At most
//! [`LIMIT`] — the dataset goes to the plugin, whose input is capped.

use quartier_documents::dataset::SelfEvaluation;
use sqlx::AnyConnection;

use super::frame::Frame;
use crate::error::{Error, Result};

/// The most self-evaluations one dataset carries (the latest are kept).
pub const LIMIT: i64 = 50;

pub async fn load(conn: &mut AnyConnection, frame: &Frame) -> Result<Vec<SelfEvaluation>> {
    let (mut sql, m) = frame.statement();
    let (first, last) = frame.years();
    let (first, last, limit) = (sql.bind(first), sql.bind(last), sql.bind(LIMIT));
    let area = frame.in_area("e.area_id");
    sql.push(&format!(
        "SELECT e.year, e.answers FROM self_evaluations e
         WHERE e.municipality_id = {m} AND e.year >= {first} AND e.year <= {last}{area}
         ORDER BY e.year DESC, e.created_at DESC, e.id LIMIT {limit}"
    ));
    let rows: Vec<(i64, String)> = sql.query_as().fetch_all(&mut *conn).await?;
    let mut evaluations = rows
        .into_iter()
        .map(|(year, answers)| {
            Ok(SelfEvaluation {
                year: i32::try_from(year).map_err(|e| Error::Internal(e.into()))?,
                answers: serde_json::from_str(&answers).map_err(|e| Error::Internal(e.into()))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    evaluations.reverse();
    Ok(evaluations)
}

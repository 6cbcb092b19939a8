//! Contracts in force in the period: the reviews held in it and each target with the result
//! of its latest review up to the period's last day.

use std::collections::HashMap;

use quartier_documents::dataset::{Contract, ContractTarget};
use sqlx::AnyConnection;

use super::count;
use super::frame::{Frame, PERIOD};
use crate::db::{Date, Id};
use crate::error::Result;

pub async fn load(conn: &mut AnyConnection, frame: &Frame) -> Result<Vec<Contract>> {
    let contracts = in_force(conn, frame).await?;
    let mut targets = targets(conn, frame).await?;
    Ok(contracts
        .into_iter()
        .map(|(id, title, reviews)| Contract {
            title,
            reviews: count(reviews),
            targets: targets.remove(&id).unwrap_or_default(),
        })
        .collect())
}

/// `k` is in force in the window `w`, and its steering body belongs to the area.
fn in_force_clause(frame: &Frame, m: &str) -> String {
    let area = frame.in_area("b.area_id");
    format!(
        "JOIN contracts k ON k.municipality_id = {m}
           AND k.starts_on <= w.last_day AND (k.ends_on IS NULL OR k.ends_on >= w.first_day)
         JOIN bodies b ON b.id = k.steering_body_id AND b.municipality_id = {m}{area}"
    )
}

/// The contracts with the number of reviews in the period, in order of start and title.
async fn in_force(conn: &mut AnyConnection, frame: &Frame) -> Result<Vec<(Id, String, i64)>> {
    let (mut sql, m) = frame.statement();
    let period = sql.bind(PERIOD);
    sql.push(&format!(
        "SELECT k.id, k.title,
                (SELECT COUNT(*) FROM contract_reviews r
                 WHERE r.contract_id = k.id AND r.municipality_id = {m}
                   AND r.reviewed_on >= w.first_day AND r.reviewed_on <= w.last_day)
         FROM windows w {}
         WHERE w.w = {period}
         ORDER BY k.starts_on, k.title, k.id",
        in_force_clause(frame, &m)
    ));
    Ok(sql.query_as().fetch_all(&mut *conn).await?)
}

#[derive(sqlx::FromRow)]
struct TargetRow {
    contract: Id,
    kind: String,
    description: Option<String>,
    indicator: Option<String>,
    target_value: Option<f64>,
    unit: Option<String>,
    deadline: Date,
    status: Option<String>,
}

/// The targets of those contracts per contract, in their order, with their latest status.
async fn targets(
    conn: &mut AnyConnection,
    frame: &Frame,
) -> Result<HashMap<Id, Vec<ContractTarget>>> {
    let (mut sql, m) = frame.statement();
    let period = sql.bind(PERIOD);
    sql.push(&format!(
        "SELECT t.contract_id AS contract, t.kind, t.description, t.indicator, t.target_value,
                t.unit, t.deadline,
                (SELECT rr.status FROM contract_review_results rr
                 JOIN contract_reviews r ON r.id = rr.review_id
                 WHERE rr.target_id = t.id AND r.reviewed_on <= w.last_day
                 ORDER BY r.reviewed_on DESC, r.created_at DESC, r.id DESC LIMIT 1) AS status
         FROM windows w {}
         JOIN contract_targets t ON t.contract_id = k.id AND t.municipality_id = {m}
         WHERE w.w = {period}
         ORDER BY t.contract_id, t.position",
        in_force_clause(frame, &m)
    ));
    let rows: Vec<TargetRow> = sql.query_as().fetch_all(&mut *conn).await?;
    let mut targets: HashMap<Id, Vec<ContractTarget>> = HashMap::new();
    for r in rows {
        // A qualitative target says what is agreed; a quantitative one names its indicator.
        let description = r.description.or(r.indicator).unwrap_or_default();
        targets.entry(r.contract).or_default().push(ContractTarget {
            kind: r.kind,
            description,
            target_value: r.target_value,
            unit: r.unit,
            deadline: r.deadline.to_string(),
            status: r.status,
        });
    }
    Ok(targets)
}

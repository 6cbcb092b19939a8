//! Funds: per fund of the period its applications, decisions, payouts, remaining budget,
//! days to decision and proofs of use; the approved actions for the fund statement; and per
//! tile the sums the monitoring follows (see the module above for what counts when).

use std::collections::HashMap;

use quartier_documents::Dataset;
use quartier_documents::dataset::{Fund, FundAction};
use sqlx::AnyConnection;

use super::frame::{Frame, PERIOD};
use super::years::Years;
use super::{count, spread};
use crate::db::{Date, Id, Sql};
use crate::error::Result;
use crate::funds::kinds::ApplicationState;
use crate::funds::workflow::counts_as_approved;

pub async fn load(
    conn: &mut AnyConnection,
    frame: &Frame,
    actions: bool,
    dataset: &mut Dataset,
    years: &mut Years,
) -> Result<()> {
    let listed = list(conn, frame).await?;
    let order: Vec<Id> = listed.iter().map(|(id, _)| *id).collect();
    let mut funds: HashMap<Id, Fund> = listed.into_iter().collect();
    for row in received(conn, frame).await? {
        if let Some(fund) = funds.get_mut(&row.fund) {
            fund.applications_received += count(row.applications);
            fund.requested_cents += row.requested_cents;
            *fund.applications_by_state.entry(row.state).or_default() += count(row.applications);
            if let Some(recommendation) = row.recommendation {
                *fund.recommendations.entry(recommendation).or_default() += count(row.applications);
            }
        }
        if let Some(year) = years.get(row.w) {
            year.fund_applications += count(row.applications);
        }
    }
    for row in moves(conn, frame).await? {
        if let Some(fund) = funds.get_mut(&row.fund) {
            fund.applications_approved += count(row.approvals);
            fund.applications_rejected += count(row.rejections);
            fund.decided_cents += row.approved_cents;
            fund.paid_cents += row.paid_cents;
        }
        if let Some(year) = years.get(row.w) {
            year.fund_decided_cents += row.approved_cents;
            year.fund_paid_cents += row.paid_cents;
        }
    }
    for (id, median, p90) in days_to_decision(conn, frame).await? {
        if let Some(fund) = funds.get_mut(&id) {
            fund.days_to_decision = spread::of(median, p90);
        }
    }
    for (id, due, overdue) in proofs(conn, frame).await? {
        if let Some(fund) = funds.get_mut(&id) {
            fund.proofs_due = count(due);
            fund.proofs_overdue = count(overdue);
        }
    }
    if actions {
        for (id, action) in approved_actions(conn, frame).await? {
            if let Some(fund) = funds.get_mut(&id) {
                fund.actions.push(action);
            }
        }
    }
    dataset.funds = order.iter().filter_map(|id| funds.remove(id)).collect();
    Ok(())
}

/// `f` is a fund of the dataset: of the municipality (the area), its year in the period or
/// a move of one of its applications in the period.
fn selected(frame: &Frame, sql: &mut Sql, m: &str) -> String {
    let (first, last) = frame.years();
    let (first, last, period) = (sql.bind(first), sql.bind(last), sql.bind(PERIOD));
    let area = frame.in_area("f.area_id");
    format!(
        "f.municipality_id = {m}{area}
         AND (f.year BETWEEN {first} AND {last}
              OR EXISTS (SELECT 1 FROM fund_application_events e JOIN windows p ON p.w = {period}
                         WHERE e.fund_id = f.id AND e.at >= p.starts AND e.at < p.ends))"
    )
}

/// The funds of the dataset with their fields, in order of year, kind and name; the
/// remaining budget is the budget less what was approved and not given back by the period's
/// end.
async fn list(conn: &mut AnyConnection, frame: &Frame) -> Result<Vec<(Id, Fund)>> {
    let (mut sql, m) = frame.statement();
    let selected = selected(frame, &mut sql, &m);
    let period = sql.bind(PERIOD);
    sql.push(&format!(
        "SELECT f.id, f.kind, f.name, f.year, f.budget_cents,
                CAST(COALESCE((SELECT SUM(e.approved_delta_cents)
                               FROM fund_application_events e JOIN windows p ON p.w = {period}
                               WHERE e.fund_id = f.id AND e.at < p.ends), 0) AS BIGINT)
         FROM funds f
         WHERE {selected}
         ORDER BY f.year, f.kind, f.name, f.id"
    ));
    type Row = (Id, String, String, i64, i64, i64);
    let rows: Vec<Row> = sql.query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, name, year, budget, approved_by_end)| {
            let fund = Fund {
                fund_kind: kind,
                name: Some(name),
                year: i32::try_from(year).ok(),
                budget_cents: Some(budget),
                remaining_cents: Some(budget - approved_by_end),
                ..Fund::default()
            };
            (id, fund)
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct Received {
    w: i64,
    fund: Id,
    state: String,
    /// The advising body's, if it advised.
    recommendation: Option<String>,
    applications: i64,
    requested_cents: i64,
}

/// Applications submitted in each tile, per fund, state (now) and recommendation.
async fn received(conn: &mut AnyConnection, frame: &Frame) -> Result<Vec<Received>> {
    let (mut sql, m) = frame.statement();
    let selected = selected(frame, &mut sql, &m);
    let period = sql.bind(PERIOD);
    let tile = frame.tile_of("a.created_at");
    sql.push(&format!(
        "SELECT {tile} AS w, a.fund_id AS fund, a.state AS state,
                a.recommendation AS recommendation, COUNT(*) AS applications,
                CAST(COALESCE(SUM(a.requested_cents), 0) AS BIGINT) AS requested_cents
         FROM funds f
         JOIN fund_applications a ON a.fund_id = f.id AND a.municipality_id = {m}
         JOIN windows p ON p.w = {period} AND a.created_at >= p.starts AND a.created_at < p.ends
         WHERE {selected}
         GROUP BY {tile}, a.fund_id, a.state, a.recommendation"
    ));
    Ok(sql.query_as().fetch_all(&mut *conn).await?)
}

#[derive(sqlx::FromRow)]
struct Moves {
    w: i64,
    fund: Id,
    approvals: i64,
    rejections: i64,
    approved_cents: i64,
    paid_cents: i64,
}

/// Decisions and payouts in each tile per fund, from the applications' events.
async fn moves(conn: &mut AnyConnection, frame: &Frame) -> Result<Vec<Moves>> {
    let (mut sql, m) = frame.statement();
    let selected = selected(frame, &mut sql, &m);
    let approved = sql.bind(ApplicationState::Bewilligt.as_str());
    let rejected = sql.bind(ApplicationState::Abgelehnt.as_str());
    let period = sql.bind(PERIOD);
    let tile = frame.tile_of("e.at");
    sql.push(&format!(
        "SELECT {tile} AS w, e.fund_id AS fund,
                COUNT(CASE WHEN e.to_state = {approved} THEN 1 END) AS approvals,
                COUNT(CASE WHEN e.to_state = {rejected} THEN 1 END) AS rejections,
                CAST(COALESCE(SUM(CASE WHEN e.to_state = {approved} THEN e.amount_cents END), 0)
                     AS BIGINT) AS approved_cents,
                CAST(COALESCE(SUM(e.paid_delta_cents), 0) AS BIGINT) AS paid_cents
         FROM funds f
         JOIN fund_application_events e ON e.fund_id = f.id AND e.municipality_id = {m}
         JOIN windows p ON p.w = {period} AND e.at >= p.starts AND e.at < p.ends
         WHERE {selected}
         GROUP BY {tile}, e.fund_id"
    ));
    Ok(sql.query_as().fetch_all(&mut *conn).await?)
}

/// Median and 90th percentile of the days from submission to decision, per fund, of the
/// applications decided in the period.
async fn days_to_decision(
    conn: &mut AnyConnection,
    frame: &Frame,
) -> Result<Vec<(Id, Option<i64>, Option<i64>)>> {
    let (mut sql, m) = frame.statement();
    let selected = selected(frame, &mut sql, &m);
    let period = sql.bind(PERIOD);
    let days = frame.days("a.created_at", "a.decided_at");
    let rows = format!(
        "SELECT a.fund_id AS g, {days} AS d
         FROM funds f
         JOIN fund_applications a ON a.fund_id = f.id AND a.municipality_id = {m}
         JOIN windows w ON w.w = {period} AND a.decided_at >= w.starts AND a.decided_at < w.ends
         WHERE {selected}"
    );
    sql.push(&spread::per_group(&rows, None));
    Ok(sql.query_as().fetch_all(&mut *conn).await?)
}

/// Whether an approved application's proof of use is still to come.
fn proof_outstanding(state: ApplicationState) -> bool {
    use ApplicationState::*;
    match state {
        Bewilligt | Ausgezahlt => true,
        VerwendungsnachweisEingereicht | Abgeschlossen => false,
        Eingereicht | InPruefung | Rueckfrage | Beraten | Abgelehnt | Zurueckgezogen => false,
    }
}

/// `column IN (…)` with the keys of the states `which` admits, each bound.
fn states_in(sql: &mut Sql, column: &str, which: fn(ApplicationState) -> bool) -> String {
    let keys: Vec<String> = ApplicationState::ALL
        .iter()
        .filter(|s| which(**s))
        .map(|s| sql.bind(s.as_str()))
        .collect();
    format!("{column} IN ({})", keys.join(", "))
}

/// Proofs of use due by the period's last day and not in, and of those the overdue ones.
async fn proofs(conn: &mut AnyConnection, frame: &Frame) -> Result<Vec<(Id, i64, i64)>> {
    let (mut sql, m) = frame.statement();
    let selected = selected(frame, &mut sql, &m);
    let outstanding = states_in(&mut sql, "a.state", proof_outstanding);
    let last = sql.bind(frame.last_day());
    let reference = sql.bind(frame.last_day().min(Date::today()));
    sql.push(&format!(
        "SELECT a.fund_id, COUNT(*), COUNT(CASE WHEN a.proof_due_on < {reference} THEN 1 END)
         FROM funds f
         JOIN fund_applications a ON a.fund_id = f.id AND a.municipality_id = {m}
         WHERE {selected} AND {outstanding} AND a.proof_due_on <= {last}
         GROUP BY a.fund_id"
    ));
    Ok(sql.query_as().fetch_all(&mut *conn).await?)
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    fund: Id,
    reference: String,
    title: String,
    state: String,
    recommendation: Option<String>,
    approved_on: Option<String>,
    approved_cents: Option<i64>,
    paid_cents: Option<i64>,
    proof_due_on: Option<Date>,
}

/// The applications decided in the period that count as approved now, in order of decision.
async fn approved_actions(
    conn: &mut AnyConnection,
    frame: &Frame,
) -> Result<Vec<(Id, FundAction)>> {
    let (mut sql, m) = frame.statement();
    let selected = selected(frame, &mut sql, &m);
    let approved = states_in(&mut sql, "a.state", counts_as_approved);
    let period = sql.bind(PERIOD);
    sql.push(&format!(
        "SELECT a.fund_id AS fund, a.reference, a.title, a.state, a.recommendation,
                SUBSTR(a.decided_at, 1, 10) AS approved_on, a.approved_cents, a.paid_cents,
                a.proof_due_on
         FROM funds f
         JOIN fund_applications a ON a.fund_id = f.id AND a.municipality_id = {m}
         JOIN windows w ON w.w = {period} AND a.decided_at >= w.starts AND a.decided_at < w.ends
         WHERE {selected} AND {approved}
         ORDER BY a.decided_at, a.reference"
    ));
    let rows: Vec<ActionRow> = sql.query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let proof_received = r
                .state
                .parse::<ApplicationState>()
                .is_ok_and(|s| counts_as_approved(s) && !proof_outstanding(s));
            let action = FundAction {
                reference: r.reference,
                title: r.title,
                state: r.state,
                approved_on: r.approved_on,
                approved_cents: r.approved_cents.unwrap_or(0),
                paid_cents: r.paid_cents.unwrap_or(0),
                proof_due_on: r.proof_due_on.map(|d| d.to_string()),
                proof_received,
                recommendation: r.recommendation,
            };
            (r.fund, action)
        })
        .collect())
}

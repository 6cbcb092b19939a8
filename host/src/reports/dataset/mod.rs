//! The report dataset (`quartier_documents::Dataset`, version 2) of a municipality,
//! optionally one area with every area below it, and a period of whole UTC days (both
//! included), assembled by SQL aggregates: no query returns more rows than the dataset
//! itself lists. Every query is bound to the municipality (`municipality_id = $1`), and all
//! run in one read transaction, so the figures agree with each other.
//!
//! Which rows count for the period — an instant is *in* the period when it falls on one of
//! its days; a date when it is one of them:
//!
//! - **Network.** Bodies: every body of the municipality (of the area); the register keeps no
//!   founding date. Bodies without an area count by kind but not by area. Meetings held
//!   (`durchgefuehrt`) and cancelled (`abgesagt`): by their start, in the period; their state
//!   as it is now. Attendance: the entries (present, excused, absent) of the meetings held.
//!   Resolutions: agenda items of the meetings held with a non-blank resolution. Memberships,
//!   the persons and the organisations (by kind) in them: those active on the period's last
//!   day (started by then or without start, not ended before it), in bodies of the area.
//! - **Funds.** The funds of the municipality (of the area) whose year lies in the period or
//!   that saw any move in it. Per fund: applications *received* — submitted in the period —
//!   by their state now and by the advising body's recommendation, with the sum requested; applications *approved* and *rejected*:
//!   decisions (`bewilligt`, `abgelehnt`) taken in the period, and the sum of those
//!   approvals; *paid*: payouts in the period; *remaining*: the budget less what was approved
//!   and not given back by the period's end (as the fund's balance at that time). Days to
//!   decision: from submission to the decision, of the applications decided in the period.
//!   Proofs of use *due*: approved applications whose proof is not in now (`bewilligt`,
//!   `ausgezahlt`) and was due by the period's last day; *overdue*: of those, due before the
//!   period's last day or before today, whichever is earlier. Actions (`fondsabrechnung`
//!   only): the applications decided in the period that count as approved now, with their
//!   recommendation.
//! - **Concerns**, each counted in the period its event falls in: *received* by the receipt
//!   (`received_at`), *forwarded* by the forwarding to a department, *answered* by the report
//!   back to the reporter (`reported_at`, the Lotsenfunktion's feedback), *closed* by the
//!   closing (also as not responsible or duplicate). Only concerns received by the period's
//!   end are looked at: nothing happens to a concern before it is received. So answers in a
//!   period may include concerns received earlier, and the share answered
//!   (`Concerns::feedback_share`) can pass 1 when a backlog is worked off. By category: the
//!   concerns received; by department: those forwarded. Days to feedback: from receipt to
//!   the report back, of the concerns answered in the period. With an area, concerns whose
//!   area name is the area's or one below it (concerns name their area, not its id).
//! - **Projects** running in the period: started by its last day (without a start date:
//!   recorded by then) and not ended before its first day, in every state. Targets: those of
//!   these projects, with the latest value measured up to the period's last day.
//! - **Contracts** in force in the period (started by its last day, not ended before its
//!   first); with an area, those whose steering body belongs to it. Reviews: held in the
//!   period; each target's status: the result of its latest review up to the last day.
//! - **Task log**: the entries recorded for a year the period touches (the log is kept per
//!   year), per task and column, with the actor the matrix gives that cell. The log has no
//!   area: an area's dataset has the municipality's log.
//! - **Years** (`monitoring` only): the same rules applied to each calendar year of the
//!   period (the first and last year cut to the period).
//! - **Self-evaluations**: those recorded for a year the period touches (`self_evaluations`),
//!   with an area those of the area and below it; the latest 50, oldest first.
//!
//! Days between two instants are whole calendar days between their UTC dates, computed in
//! SQL per backend ([`frame::Frame::days`]); medians and 90th percentiles by nearest rank
//! ([`spread`]).

mod concerns;
mod contracts;
mod frame;
mod funds;
mod network;
mod projects;
mod self_evaluations;
mod spread;
mod task_log;
mod years;

use quartier_documents::Dataset;
use quartier_documents::dataset::DatasetVersion;
use serde_json::Value;
use sqlx::{AnyConnection, Transaction};

use super::{ReportKind, ReportScope};
use crate::db::{Backend, Db};
use crate::error::Result;

/// The dataset of `scope`, the task log's actors as the host's base matrix assigns them (the
/// guideline's first model). Only the municipality's plugin knows the actors of another
/// model: a caller that can ask it passes its matrix to [`assemble_with_matrix`].
pub async fn assemble(db: &Db, scope: &ReportScope) -> Result<Dataset> {
    let matrix = crate::task_matrix::base(scope.qm_model.as_deref())?;
    assemble_with_matrix(db, scope, &matrix).await
}

/// The dataset of `scope`, the task log's actors taken from `matrix` (the municipality's
/// effective task matrix, `schemas/plugin/task-matrix.schema.json`).
#[tracing::instrument(skip_all, fields(municipality = %scope.slug, kind = scope.kind.key()), err(level = "warn"))]
pub async fn assemble_with_matrix(db: &Db, scope: &ReportScope, matrix: &Value) -> Result<Dataset> {
    let monitoring = scope.kind == ReportKind::Monitoring;
    let frame = frame::Frame::new(scope, db.backend, monitoring);
    let mut dataset = Dataset {
        version: DatasetVersion::default(),
        kind: scope.kind,
        municipality: scope.slug.clone(),
        municipality_name: Some(scope.name.clone()),
        qm_model: scope.qm_model.clone(),
        area: scope.area.as_ref().map(|a| a.name.clone()),
        period: scope.period.document(),
        ..Dataset::default()
    };
    let mut years = years::Years::new(&frame, monitoring);
    let mut tx = snapshot(db).await?;
    let conn: &mut AnyConnection = &mut tx;
    network::load(conn, &frame, &mut dataset, &mut years).await?;
    let actions = scope.kind == ReportKind::Fondsabrechnung;
    funds::load(conn, &frame, actions, &mut dataset, &mut years).await?;
    concerns::load(conn, &frame, &mut dataset, &mut years).await?;
    projects::load(conn, &frame, &mut dataset, &mut years).await?;
    dataset.contracts = contracts::load(conn, &frame).await?;
    dataset.task_log = task_log::load(conn, &frame, matrix).await?;
    dataset.self_evaluations = self_evaluations::load(conn, &frame).await?;
    tx.rollback().await?;
    dataset.years = years.into_list();
    Ok(dataset)
}

/// A read-only transaction, so that every query sees the same data: on SQLite a deferred
/// `BEGIN` (a read snapshot of the WAL, without the writers' turn), on PostgreSQL repeatable
/// read.
async fn snapshot(db: &Db) -> Result<Transaction<'static, sqlx::Any>> {
    let begin = match db.backend {
        Backend::Sqlite => "BEGIN",
        Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    };
    Ok(db.pool.begin_with(begin).await?)
}

/// A count from SQL (never negative) as the dataset's number.
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

//! Tenancy checks shared by every feature: an id taken from input or a path must belong to
//! the caller's municipality, and a lost optimistic-concurrency race must be told apart from
//! a missing object — without ever telling another tenant's object from a missing one.

use super::Scope;
use crate::api::extract::IfMatch;
use crate::db::sql::Statement;
use crate::db::{Id, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;

/// Municipal tables an id can point into; the name is never taken from input.
#[derive(Clone, Copy, Debug)]
pub enum Table {
    Areas,
    Bodies,
    Persons,
    Meetings,
    Memberships,
    Projects,
    Contracts,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Areas => "areas",
            Table::Bodies => "bodies",
            Table::Persons => "persons",
            Table::Meetings => "meetings",
            Table::Memberships => "memberships",
            Table::Projects => "projects",
            Table::Contracts => "contracts",
        }
    }
}

/// Whether `id` is an object of this municipality in `table`.
async fn exists(tx: &mut Tx, scope: &Scope, table: Table, id: Id) -> sqlx::Result<bool> {
    let sql = format!(
        "SELECT COUNT(*) FROM {} WHERE id = $1 AND municipality_id = $2",
        table.name()
    );
    let found: i64 = sqlx::query_scalar(crate::db::sql::trusted(sql))
        .bind(id)
        .bind(scope.municipality_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(found > 0)
}

/// Refuses with a field error when `id` is set but not an object of this municipality.
pub async fn check_reference(
    tx: &mut Tx,
    scope: &Scope,
    table: Table,
    id: Option<Id>,
    pointer: &str,
) -> Result<()> {
    let Some(id) = id else { return Ok(()) };
    if !exists(tx, scope, table, id).await? {
        return Err(Error::field(pointer, Code::ReferenceMissing));
    }
    Ok(())
}

/// Refuses with a field error when an organisation id is set but unknown to the host
/// (organisations are host-wide).
pub async fn check_organisation(tx: &mut Tx, id: Option<Id>, pointer: &str) -> Result<()> {
    let Some(id) = id else { return Ok(()) };
    let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    if found == 0 {
        return Err(Error::field(pointer, Code::ReferenceMissing));
    }
    Ok(())
}

/// After an `UPDATE … WHERE version = COALESCE($n, version)` touched no row: 412 if the row
/// is there (someone else changed it first), 404 if it is not (or belongs to another
/// municipality).
pub async fn stale_or_missing(tx: &mut Tx, table: Table, id: Id, scope: &Scope) -> Error {
    match exists(tx, scope, table, id).await {
        Ok(false) => Error::NotFound,
        Ok(true) => Error::client(Code::PreconditionFailed),
        Err(e) => e.into(),
    }
}

/// Updates object `id` of the scope's municipality in `table` if `if_match` matches its version:
/// `set` assigns its columns from `$5` on, which `bind` binds in order; the version and
/// `updated_at` move on in the same statement. 412 if someone changed it first, 404 if it is
/// gone (or another municipality's).
pub async fn update_versioned<'q>(
    tx: &mut Tx,
    scope: &Scope,
    table: Table,
    (id, if_match): (Id, IfMatch),
    set: &str,
    bind: impl FnOnce(Statement<'q>) -> Statement<'q>,
) -> Result<()> {
    let sql = format!(
        "UPDATE {} SET version = version + 1, updated_at = $4, {set}
         WHERE id = $1 AND municipality_id = $2 AND version = COALESCE($3, version)",
        table.name()
    );
    let statement = sqlx::query(crate::db::sql::trusted(sql))
        .bind(id)
        .bind(scope.municipality_id)
        .bind(if_match.version())
        .bind(Timestamp::now());
    let updated = bind(statement).execute(&mut **tx).await?;
    if updated.rows_affected() == 0 {
        return Err(stale_or_missing(tx, table, id, scope).await);
    }
    Ok(())
}

/// 412 unless a conditional UPDATE touched its row: for an object the caller has just
/// loaded and that is never deleted meanwhile, a miss can only mean someone changed it first.
pub fn touched_or_stale(done: &sqlx::any::AnyQueryResult) -> Result<()> {
    if done.rows_affected() == 0 {
        return Err(Error::client(Code::PreconditionFailed));
    }
    Ok(())
}

/// Claims the object's next version inside `tx`, or fails with 412/404: for edits of parts
/// without a version of their own (agenda, attendance, goals), so that bumping the owner's
/// version serialises every edit of the whole.
pub async fn claim_version(
    tx: &mut Tx,
    scope: &Scope,
    table: Table,
    id: Id,
    if_match: IfMatch,
) -> Result<()> {
    let sql = format!(
        "UPDATE {} SET version = version + 1, updated_at = $4
         WHERE id = $1 AND municipality_id = $2 AND version = COALESCE($3, version)",
        table.name()
    );
    let updated = sqlx::query(crate::db::sql::trusted(sql))
        .bind(id)
        .bind(scope.municipality_id)
        .bind(if_match.version())
        .bind(Timestamp::now())
        .execute(&mut **tx)
        .await?;
    if updated.rows_affected() == 0 {
        return Err(stale_or_missing(tx, table, id, scope).await);
    }
    Ok(())
}

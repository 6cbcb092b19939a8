//! The network registry (DESIGN.md §2): municipalities, areas, organisations, persons,
//! bodies (*Gremien*), memberships, join requests and meetings with agenda and minutes.
//!
//! Each submodule owns its types, SQL and routes. This module holds what they share: the
//! visibility rule for bodies and checks that a referenced object lives in the same
//! municipality. It does not render pages (see `web`).

mod areas;
mod bodies;
mod join_requests;
mod meetings;
mod memberships;
mod municipalities;
mod organisations;
mod persons;

pub mod kinds;

use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;
use crate::auth::{Level, Scope};
use crate::db::{Id, Sql, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;

pub use bodies::{Body, BodySummary};
pub use meetings::MeetingSummary;
pub use municipalities::create_municipality;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(municipalities::router())
        .merge(areas::router())
        .merge(organisations::router())
        .merge(persons::router())
        .merge(bodies::router())
        .merge(memberships::router())
        .merge(join_requests::router())
        .merge(meetings::router())
}

/// The SQL condition under which the caller sees the body aliased `alias`: staff see all of
/// their municipality, members also the bodies their organisation belongs to, everyone the
/// public ones. Membership counts while it has not ended.
pub fn visible_body(scope: &Scope, sql: &mut Sql, alias: &str) -> String {
    match scope.level {
        Level::Staff => "1 = 1".to_owned(),
        Level::Member {
            organisation_id: Some(org),
        } => {
            let org = sql.bind(org);
            let today = sql.bind(today());
            format!(
                "({alias}.public = 1 OR {alias}.id IN (SELECT body_id FROM memberships \
                 WHERE organisation_id = {org} AND (ends_on IS NULL OR ends_on >= {today})))"
            )
        }
        Level::Member {
            organisation_id: None,
        }
        | Level::Public => format!("{alias}.public = 1"),
    }
}

/// Today's date as stored in `starts_on`/`ends_on` columns (ISO 8601, UTC).
pub fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// Municipal tables an id can point into; the name is never taken from input.
#[derive(Clone, Copy)]
pub enum Table {
    Areas,
    Bodies,
    Persons,
    Meetings,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Areas => "areas",
            Table::Bodies => "bodies",
            Table::Persons => "persons",
            Table::Meetings => "meetings",
        }
    }
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
    let sql = format!(
        "SELECT COUNT(*) FROM {} WHERE id = $1 AND municipality_id = $2",
        table.name()
    );
    let found: i64 = sqlx::query_scalar(crate::db::sql::trusted(sql))
        .bind(id)
        .bind(scope.municipality_id)
        .fetch_one(&mut **tx)
        .await?;
    if found == 0 {
        return Err(Error::field(pointer, Code::ReferenceMissing));
    }
    Ok(())
}

/// Refuses with a field error when an organisation id is set but unknown to the host.
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

/// After an `UPDATE … WHERE version = $n` touched no row: 412 if the row is there (someone
/// else changed it first), 404 if it is not (or belongs to another municipality).
pub async fn stale_or_missing(tx: &mut Tx, table: Table, id: Id, scope: &Scope) -> Error {
    let sql = format!(
        "SELECT COUNT(*) FROM {} WHERE id = $1 AND municipality_id = $2",
        table.name()
    );
    match sqlx::query_scalar::<_, i64>(crate::db::sql::trusted(sql))
        .bind(id)
        .bind(scope.municipality_id)
        .fetch_one(&mut **tx)
        .await
    {
        Ok(0) => Error::NotFound,
        Ok(_) => Error::client(Code::PreconditionFailed),
        Err(e) => e.into(),
    }
}

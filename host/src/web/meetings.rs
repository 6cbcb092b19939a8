//! The meetings the public pages list — of a municipality's bodies the caller may see, or of
//! one body — upcoming (one still running counts) or past, in the order a reader expects.

use super::PageError;
use crate::auth::Scope;
use crate::db::{Id, Sql, Timestamp};
use crate::network::{MEETING_COLUMNS, MeetingSummary, visible_body};
use crate::state::AppState;

pub enum When {
    Upcoming,
    Past,
}

/// At most `limit` meetings of the bodies `scope` may see, or of body `body` only; the next
/// first when upcoming, the latest first when past.
pub async fn meetings(
    state: &AppState,
    scope: &Scope,
    body: Option<Id>,
    when: When,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<MeetingSummary>, PageError> {
    let mut sql = Sql::new("");
    let m = sql.bind(scope.municipality_id);
    let visible = visible_body(scope, &mut sql, "b");
    let now = sql.bind(now);
    let (condition, order) = match when {
        When::Upcoming => (
            format!("(m.starts_at >= {now} OR m.ends_at >= {now})"),
            "m.starts_at, m.id",
        ),
        When::Past => (
            format!("m.starts_at < {now} AND (m.ends_at IS NULL OR m.ends_at < {now})"),
            "m.starts_at DESC, m.id DESC",
        ),
    };
    let of_body = match body {
        Some(id) => format!(" AND m.body_id = {}", sql.bind(id)),
        None => String::new(),
    };
    let limit = sql.bind(limit);
    sql.push(&format!(
        "SELECT {MEETING_COLUMNS} FROM meetings m JOIN bodies b ON b.id = m.body_id
         WHERE m.municipality_id = {m} AND {visible} AND {condition}{of_body}
         ORDER BY {order} LIMIT {limit}"
    ));
    Ok(sql.query_as().fetch_all(&state.db.pool).await?)
}

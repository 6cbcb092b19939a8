//! The meetings the OParl interface shows — those of public bodies of one municipality —
//! read once for the three classes built from them: `Meeting`, its `Location` and its
//! minutes as a `File`. One `FROM … WHERE …`, so the three can never disagree on what is
//! visible.

use super::OparlError;
use super::list::{Window, one_row};
use crate::auth::Scope;
use crate::db::{Flag, Id, Sql, Timestamp};
use crate::network::kinds::MeetingState;
use crate::network::visible_body;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
pub struct Row {
    pub id: Id,
    pub body_id: Id,
    pub title: String,
    pub starts_at: Timestamp,
    pub ends_at: Option<Timestamp>,
    /// The place as staff typed it: one line, no address parts.
    pub location: Option<String>,
    #[sqlx(try_from = "String")]
    pub state: MeetingState,
    #[sqlx(try_from = "Flag")]
    pub minutes_approved: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Row {
    /// The place, if one is given (blank text counts as none). Trims spaces only, as SQL's
    /// `TRIM` in [`HAS_PLACE`] does, so a list's count and its elements agree.
    pub fn place(&self) -> Option<&str> {
        self.location
            .as_deref()
            .map(|l| l.trim_matches(' '))
            .filter(|l| !l.is_empty())
    }
}

pub const COLUMNS: &str = "m.id, m.body_id, m.title, m.starts_at, m.ends_at, m.location, \
     m.state, m.minutes_approved, m.created_at, m.updated_at";

/// The SQL twin of [`Row::place`].
pub const HAS_PLACE: &str = "m.location IS NOT NULL AND TRIM(m.location) <> ''";

/// `FROM … WHERE …` for the meetings of public bodies of the scope's municipality, or the
/// one `only`, with a window's filters on the meeting's timestamps.
pub fn from_where(
    sql: &mut Sql,
    scope: &Scope,
    only: Option<Id>,
    window: Option<&Window>,
) -> String {
    let mid = sql.bind(scope.municipality_id);
    let visible = visible_body(scope, sql, "b");
    let only = only.map_or(String::new(), |id| format!(" AND m.id = {}", sql.bind(id)));
    let filters = window.map_or("1 = 1".to_owned(), |w| {
        w.conditions(sql, "m.created_at", "m.updated_at")
    });
    format!(
        "FROM meetings m JOIN bodies b ON b.id = m.body_id
         WHERE m.municipality_id = {mid} AND {visible}{only} AND {filters}"
    )
}

/// The meeting if it is of a public body of the scope's municipality, or 404.
pub async fn load(state: &AppState, scope: &Scope, id: Id) -> Result<Row, OparlError> {
    let mut sql = Sql::new("");
    let from = from_where(&mut sql, scope, Some(id), None);
    sql.push(&format!("SELECT {COLUMNS} {from}"));
    one_row(state, sql).await
}

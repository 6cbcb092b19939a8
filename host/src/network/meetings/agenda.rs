//! A meeting's agenda (*Tagesordnung*): the ordered items with their results and votes,
//! read with the meeting and replaced as one whole list under the meeting's version.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::{Meeting, edited, finish_edit, load_visible, require_editor};
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::validate::{Check, NAME_MAX, TEXT_MAX, yes};
use crate::audit::ObjectKind;
use crate::auth::{Scope, Table, claim_version};
use crate::db::{Flag, Id};
use crate::error::Result;
use crate::messages::Code;
use crate::state::AppState;

/// A meeting has at most this many agenda items; real agendas have a dozen or two.
pub const AGENDA_MAX: usize = 200;
/// Vote counts are head counts of one body; anything larger is a typing error.
pub const VOTES_MAX: i64 = 10_000;

/// One item of the agenda (*Tagesordnungspunkt*).
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AgendaItem {
    pub id: Id,
    /// As printed on the invitation, e.g. `TOP 3` or `3.1`.
    pub number: String,
    pub title: String,
    #[sqlx(try_from = "Flag")]
    pub public: bool,
    /// E.g. "angenommen", "vertagt", "zur Kenntnis genommen".
    pub result: Option<String>,
    /// The wording of the resolution (*Beschluss*).
    pub resolution: Option<String>,
    pub votes_yes: Option<i64>,
    pub votes_no: Option<i64>,
    pub votes_abstain: Option<i64>,
}

/// One agenda item as sent; the list order is the agenda order.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemInput {
    pub number: String,
    pub title: String,
    #[serde(default = "yes")]
    pub public: bool,
    #[serde(default)]
    pub result: Option<String>,
    #[serde(default)]
    pub resolution: Option<String>,
    #[serde(default)]
    pub votes_yes: Option<i64>,
    #[serde(default)]
    pub votes_no: Option<i64>,
    #[serde(default)]
    pub votes_abstain: Option<i64>,
}

fn check(items: &[AgendaItemInput]) -> Result<()> {
    let mut c = Check::new();
    c.that(items.len() <= AGENDA_MAX, "", Code::OutOfRange);
    for (i, item) in items.iter().enumerate() {
        c.name(&format!("/{i}/number"), &item.number);
        c.name(&format!("/{i}/title"), &item.title);
        c.optional_text(&format!("/{i}/result"), item.result.as_deref(), NAME_MAX);
        c.optional_text(
            &format!("/{i}/resolution"),
            item.resolution.as_deref(),
            TEXT_MAX,
        );
        for (field, votes) in [
            ("votes_yes", item.votes_yes),
            ("votes_no", item.votes_no),
            ("votes_abstain", item.votes_abstain),
        ] {
            c.range(&format!("/{i}/{field}"), votes, 0, VOTES_MAX);
        }
        let number = item.number.trim();
        let repeated = items[..i]
            .iter()
            .any(|earlier| earlier.number.trim() == number);
        c.that(!repeated, &format!("/{i}/number"), Code::AlreadyExists);
    }
    c.finish()
}

/// The meeting's agenda in order: every item for staff, the public ones for everyone else.
pub(super) async fn load(state: &AppState, meeting_id: Id, staff: bool) -> Result<Vec<AgendaItem>> {
    let items = sqlx::query_as::<_, AgendaItem>(
        "SELECT id, number, title, public, result, resolution, votes_yes, votes_no, votes_abstain
         FROM agenda_items WHERE meeting_id = $1 AND ($2 = 1 OR public = 1) ORDER BY position",
    )
    .bind(meeting_id)
    .bind(Flag(staff))
    .fetch_all(&state.db.pool)
    .await?;
    Ok(items)
}

/// Replaces the whole agenda, in the order given. `If-Match` carries the meeting's `ETag`.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/meetings/{id}/agenda", tag = "Sitzungen",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = Vec<AgendaItemInput>,
    responses((status = 200, body = Meeting), (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub(super) async fn replace_agenda(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(items): Json<Vec<AgendaItemInput>>,
) -> Result<Response> {
    Ok(edited(
        set_agenda(&state, &scope, id, if_match, &items).await?,
    ))
}

/// Replaces the whole agenda of meeting `id` with `items`, in their order, if `if_match`
/// is still its version (412 otherwise): the API's `PUT …/agenda` and the signed-in
/// pages' agenda and minutes forms. Results and votes are part of the items.
pub async fn set_agenda(
    state: &AppState,
    scope: &Scope,
    id: Id,
    if_match: IfMatch,
    items: &[AgendaItemInput],
) -> Result<Meeting> {
    load_visible(state, scope, id).await?;
    require_editor(scope)?;
    check(items)?;
    let mut tx = state.db.begin().await?;
    claim_version(&mut tx, scope, Table::Meetings, id, if_match).await?;
    sqlx::query("DELETE FROM agenda_items WHERE meeting_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for (position, item) in (0_i64..).zip(items) {
        sqlx::query(
            "INSERT INTO agenda_items (id, meeting_id, position, number, title, public, result,
                                       resolution, votes_yes, votes_no, votes_abstain)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(Id::new())
        .bind(id)
        .bind(position)
        .bind(item.number.trim())
        .bind(item.title.trim())
        .bind(Flag(item.public))
        .bind(&item.result)
        .bind(&item.resolution)
        .bind(item.votes_yes)
        .bind(item.votes_no)
        .bind(item.votes_abstain)
        .execute(&mut *tx)
        .await?;
    }
    finish_edit(tx, state, scope, ObjectKind::MeetingAgenda, id).await
}

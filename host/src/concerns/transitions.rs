//! Moving a concern along the Lotsenfunktion ([`ConcernState::may_become`]).
//!
//! Who may: staff (coordinator, QM, admin) take every transition. The department's feedback
//! (`rueckmeldung_erhalten`) may also be entered by a member user whose organisation is the
//! department organisation the concern was forwarded to. Each transition is one conditional
//! UPDATE on the version the client read and the state it came from, with an event row and
//! an audit entry in the same transaction.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::model::{self, Concern};
use super::workflow::{ConcernState, ReportChannel};
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::ok_with_etag;
use crate::api::validate::{Check, NAME_MAX};
use crate::audit::{self, Action, History, ObjectKind};
use crate::auth::{Scope, check_organisation, touched_or_stale};
use crate::db::{Id, Sql, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

/// A feedback or note is a letter, not a document.
const LETTER_MAX: usize = 10_000;

/// A transition and what it needs. Which fields are required depends on `to`:
/// `weitergeleitet` a `department` (default: the proposed one) and optionally its
/// `organisation_id`; `rueckmeldung_erhalten` the `feedback`; `zurueckgemeldet` the `channel`
/// (and `reported_at`, default now; `released_feedback`, default the feedback);
/// `nicht_zustaendig` a `note` saying why (shown to the resident); `duplikat` the
/// `duplicate_of` concern of the same municipality.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ConcernTransitionInput)]
pub struct TransitionInput {
    pub to: ConcernState,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub organisation_id: Option<Id>,
    #[serde(default)]
    pub feedback: Option<String>,
    #[serde(default)]
    pub channel: Option<ReportChannel>,
    #[serde(default)]
    pub reported_at: Option<Timestamp>,
    /// The text the resident sees on the status page.
    #[serde(default)]
    pub released_feedback: Option<String>,
    #[serde(default)]
    pub duplicate_of: Option<Id>,
    /// Why (kept in the concern's history).
    #[serde(default)]
    pub note: Option<String>,
}

fn trimmed(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Takes a transition. 409 `concern_wrong_state` when the concern is not in a state the
/// transition starts from; 412 when it changed since the client read it.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/concerns/{id}/transitions", tag = "Anliegen",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = TransitionInput,
    responses((status = 200, body = Concern, headers(("ETag" = String))),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
pub async fn transition(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<TransitionInput>,
) -> Result<Response> {
    let concern = take(&state, &scope, id, if_match, &input).await?;
    Ok(ok_with_etag(concern.version, concern))
}

/// Whether the caller may move a concern forwarded to `department_organisation` into state
/// `to` (whether the state machine allows the move is [`ConcernState::may_become`]'s
/// question): staff always; a member user only to enter the feedback of their own
/// organisation.
pub fn may_take(
    scope: &Scope,
    department_organisation: Option<Id>,
    to: ConcernState,
) -> Result<()> {
    let department_user = to == ConcernState::RueckmeldungErhalten
        && scope.member_organisation().is_some()
        && scope.member_organisation() == department_organisation;
    if department_user {
        return Ok(());
    }
    scope.require_staff()
}

/// The steps the caller may take from where `concern` stands now, in the workflow's order.
pub fn next_steps(scope: &Scope, concern: &Concern) -> Vec<ConcernState> {
    ConcernState::ALL
        .iter()
        .copied()
        .filter(|&to| concern.state.may_become(to))
        .filter(|&to| may_take(scope, concern.department_organisation_id, to).is_ok())
        .collect()
}

/// Takes a transition of concern `id` on the version `if_match` names, as the caller: the
/// API's and the pages' one way to move a concern. Answers the concern as it is afterwards.
#[tracing::instrument(skip_all, fields(municipality = %scope.slug, concern = %id, to = input.to.as_str()), err(level = "info"))]
pub async fn take(
    state: &AppState,
    scope: &Scope,
    id: Id,
    if_match: IfMatch,
    input: &TransitionInput,
) -> Result<Concern> {
    let current = model::load_visible(state, scope, id).await?;
    may_take(scope, current.department_organisation_id, input.to)?;
    if_match.check(current.version)?;
    let from = current.state;
    if !from.may_become(input.to) {
        return Err(Error::client_with(
            Code::ConcernWrongState,
            format!(
                "Ein Anliegen im Zustand „{}“ kann nicht in den Zustand „{}“ wechseln.",
                from.label_de(),
                input.to.label_de()
            ),
        ));
    }
    let concern = Concern::from(current);
    let mut tx = state.db.begin().await?;
    let mut sql = Sql::new("");
    let sets = changes(&mut tx, scope, &concern, input, &mut sql).await?;
    let now = Timestamp::now();
    let head = format!(
        "UPDATE concerns SET state = {}, version = version + 1, updated_at = {}{sets}",
        sql.bind(input.to.as_str()),
        sql.bind(now)
    );
    let tail = format!(
        " WHERE id = {} AND municipality_id = {} AND version = COALESCE({}, version) AND state = {}",
        sql.bind(id),
        sql.bind(scope.municipality_id),
        sql.bind(if_match.version()),
        sql.bind(from.as_str())
    );
    sql.text = head + &tail;
    let done = sqlx::query_with(sqlx::AssertSqlSafe(sql.text), sql.args)
        .execute(&mut *tx)
        .await?;
    touched_or_stale(&done)?;
    record_event(
        &mut tx,
        scope,
        id,
        Some(from),
        input.to,
        trimmed(&input.note),
    )
    .await?;
    audit::record_change(&mut tx, scope, Action::Update, ObjectKind::Concern, id).await?;
    tx.commit().await?;
    let row = model::load_visible(state, scope, id).await?;
    Ok(Concern::from(row))
}

/// Validates the input for its target and returns the extra `, column = $n` assignments.
async fn changes(
    tx: &mut Tx,
    scope: &Scope,
    concern: &Concern,
    input: &TransitionInput,
    sql: &mut Sql,
) -> Result<String> {
    let mut c = Check::new();
    c.optional_text("/note", input.note.as_deref(), LETTER_MAX);
    c.optional_text(
        "/released_feedback",
        input.released_feedback.as_deref(),
        LETTER_MAX,
    );
    let now = Timestamp::now();
    let set = |sql: &mut Sql, column: &str, value: Option<String>| {
        format!(", {column} = {}", sql.bind(value))
    };
    let sets = match input.to {
        ConcernState::Weitergeleitet => {
            let proposed = concern
                .proposal
                .as_ref()
                .and_then(|p| p.department.clone().map(|d| (d, p.organisation_id)));
            let department =
                trimmed(&input.department).or_else(|| proposed.as_ref().map(|(d, _)| d.clone()));
            c.that(department.is_some(), "/department", Code::Required);
            c.optional_text("/department", department.as_deref(), NAME_MAX);
            c.finish()?;
            check_organisation(tx, input.organisation_id, "/organisation_id").await?;
            let organisation = input.organisation_id.or_else(|| {
                proposed
                    .filter(|(d, _)| Some(d) == department.as_ref())
                    .and_then(|(_, o)| o)
            });
            set(sql, "department", department)
                + &format!(
                    ", department_organisation_id = {}, forwarded_at = {}",
                    sql.bind(organisation),
                    sql.bind(now)
                )
        }
        ConcernState::RueckmeldungErhalten => {
            let feedback = trimmed(&input.feedback);
            c.that(feedback.is_some(), "/feedback", Code::Required);
            c.optional_text("/feedback", feedback.as_deref(), LETTER_MAX);
            c.finish()?;
            set(sql, "feedback", feedback) + &format!(", feedback_at = {}", sql.bind(now))
        }
        ConcernState::Zurueckgemeldet => {
            c.that(input.channel.is_some(), "/channel", Code::Required);
            c.that(
                input.reported_at.is_none_or(|t| t <= now),
                "/reported_at",
                Code::OutOfRange,
            );
            c.finish()?;
            let released = trimmed(&input.released_feedback).or(concern.feedback.clone());
            set(sql, "released_feedback", released)
                + &set(
                    sql,
                    "report_channel",
                    input.channel.map(|c| c.as_str().to_owned()),
                )
                + &format!(
                    ", reported_at = {}",
                    sql.bind(input.reported_at.unwrap_or(now))
                )
        }
        ConcernState::NichtZustaendig => {
            let reason = trimmed(&input.released_feedback).or(trimmed(&input.note));
            c.that(reason.is_some(), "/note", Code::Required);
            c.finish()?;
            set(sql, "released_feedback", reason) + &format!(", closed_at = {}", sql.bind(now))
        }
        ConcernState::Duplikat => {
            c.that(
                input.duplicate_of.is_some(),
                "/duplicate_of",
                Code::Required,
            );
            c.that(
                input.duplicate_of != Some(concern.id),
                "/duplicate_of",
                Code::Invalid,
            );
            c.finish()?;
            let original: Option<String> = sqlx::query_scalar(
                "SELECT reference FROM concerns WHERE id = $1 AND municipality_id = $2",
            )
            .bind(input.duplicate_of)
            .bind(scope.municipality_id)
            .fetch_optional(&mut **tx)
            .await?;
            let Some(reference) = original else {
                return Err(Error::field("/duplicate_of", Code::ReferenceMissing));
            };
            let text = format!(
                "Dieses Anliegen wurde bereits gemeldet und wird unter der Referenz {reference} \
                 bearbeitet."
            );
            format!(
                ", duplicate_of = {}, closed_at = {}",
                sql.bind(input.duplicate_of),
                sql.bind(now)
            ) + &set(sql, "released_feedback", Some(text))
        }
        ConcernState::Geschlossen => {
            c.finish()?;
            format!(", closed_at = {}", sql.bind(now))
        }
        ConcernState::Eingegangen => {
            c.finish()?;
            String::new()
        }
    };
    Ok(sets)
}

/// One row of a concern's history.
pub async fn record_event(
    conn: &mut sqlx::AnyConnection,
    scope: &Scope,
    concern: Id,
    from: Option<ConcernState>,
    to: ConcernState,
    note: Option<String>,
) -> Result<(), sqlx::Error> {
    let from = from.map(ConcernState::as_str);
    let note = note.as_deref();
    audit::record_state_change(
        conn,
        scope,
        History::Concern,
        concern,
        from,
        to.as_str(),
        note,
    )
    .await
}

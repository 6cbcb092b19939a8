//! A public body's page: what it is, its powers over funds, its current members and its
//! meetings with their public agenda items.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::format::{MeetingTime, euros, meeting_time, votes};
use super::meetings::When;
use super::public_minutes::public_minutes_path;
use super::texts::{DE, Texts};
use super::{Layout, Link, Municipality, PageError, home_link, html};
use crate::auth::Scope;
use crate::db::{Date, Flag, Id, Sql, Timestamp};
use crate::network::kinds::{BodyKind, MeetingState, MemberRole, Power};
use crate::network::visible_body;
use crate::state::AppState;

/// How many upcoming and how many past meetings the page shows.
const MEETINGS: i64 = 20;

#[derive(Template)]
#[template(path = "body.html")]
struct BodyPage {
    layout: Layout,
    t: &'static Texts,
    body: BodyRow,
    kind: &'static str,
    parent: Option<Link>,
    working_groups: Vec<Link>,
    powers: Vec<String>,
    members: Vec<MemberLine>,
    upcoming: Vec<MeetingBlock>,
    past: Vec<MeetingBlock>,
}

#[derive(sqlx::FromRow)]
struct BodyRow {
    #[sqlx(try_from = "String")]
    kind: BodyKind,
    name: String,
    description: Option<String>,
    rhythm: Option<String>,
    area_name: Option<String>,
    parent_id: Option<Id>,
    parent_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    organisation_name: Option<String>,
    person_name: Option<String>,
    on_behalf_of: Option<String>,
    #[sqlx(try_from = "String")]
    role: MemberRole,
    #[sqlx(try_from = "Flag")]
    voting_right: bool,
}

struct MemberLine {
    organisation: Option<String>,
    person: Option<String>,
    on_behalf_of: Option<String>,
    role: &'static str,
    voting_right: bool,
}

/// A meeting with its public agenda.
struct MeetingBlock {
    /// The fragment id, so a meeting can be linked to.
    anchor: String,
    when: MeetingTime,
    datetime: String,
    title: String,
    location: Option<String>,
    state: &'static str,
    cancelled: bool,
    /// The public minutes' address, once they are approved.
    minutes: Option<String>,
    agenda: Vec<AgendaItem>,
}

#[derive(sqlx::FromRow)]
struct AgendaRow {
    meeting_id: Id,
    #[sqlx(flatten)]
    item: AgendaItem,
}

#[derive(sqlx::FromRow)]
struct AgendaItem {
    number: String,
    title: String,
    result: Option<String>,
    resolution: Option<String>,
    votes_yes: Option<i64>,
    votes_no: Option<i64>,
    votes_abstain: Option<i64>,
}

impl AgendaItem {
    /// "7 ja, 1 nein, 2 Enthaltungen", or nothing when no vote was recorded.
    fn votes(&self) -> Option<String> {
        votes(&DE, self.votes_yes, self.votes_no, self.votes_abstain)
    }
}

/// `/kommunen/{slug}/gremien/{id}`
pub async fn page(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let scope = municipality.public_scope();
    let body = load(&state, &scope, id).await?;
    let base = municipality.href();
    let href = |id: Id| format!("{base}/gremien/{id}");
    let parent = body
        .parent_id
        .zip(body.parent_name.clone())
        .map(|(id, name)| Link {
            href: href(id),
            text: name,
        });
    let now = Timestamp::now();
    // Independent reads; running them side by side keeps the page's latency at one query's.
    let (working_groups, powers, members, upcoming, past) = tokio::try_join!(
        working_groups(&state, &scope, id),
        powers(&state, id),
        members(&state, &scope, id),
        meetings(&state, &scope, id, When::Upcoming, now),
        meetings(&state, &scope, id, When::Past, now),
    )?;
    let working_groups = working_groups
        .into_iter()
        .map(|(id, name)| Link {
            href: href(id),
            text: name,
        })
        .collect();
    let breadcrumbs = vec![
        home_link(),
        Link {
            href: base.clone(),
            text: municipality.name.clone(),
        },
    ];
    let page = BodyPage {
        layout: Layout::new(
            format!("{} – {}", body.name, municipality.name),
            breadcrumbs,
        ),
        t: &DE,
        kind: body.kind.label_de(),
        parent,
        working_groups,
        powers,
        members,
        upcoming,
        past,
        body,
    };
    Ok(html(StatusCode::OK, &page))
}

/// The body if the visitor may see it; 404 when missing, not public or of another municipality.
async fn load(state: &AppState, scope: &Scope, id: Id) -> Result<BodyRow, PageError> {
    let mut sql = Sql::new("");
    let (bid, mid) = (sql.bind(id), sql.bind(scope.municipality_id));
    let visible = visible_body(scope, &mut sql, "b");
    let parent_visible = visible_body(scope, &mut sql, "p");
    sql.push(&format!(
        "SELECT b.kind, b.name, b.description, b.rhythm, a.name AS area_name,
                p.id AS parent_id, p.name AS parent_name
         FROM bodies b
         LEFT JOIN areas a ON a.id = b.area_id
         LEFT JOIN bodies p ON p.id = b.parent_id AND {parent_visible}
         WHERE b.id = {bid} AND b.municipality_id = {mid} AND {visible}"
    ));
    sql.query_as()
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(PageError::NotFound)
}

async fn working_groups(
    state: &AppState,
    scope: &Scope,
    id: Id,
) -> Result<Vec<(Id, String)>, PageError> {
    let mut sql = Sql::new("");
    let (bid, mid) = (sql.bind(id), sql.bind(scope.municipality_id));
    let visible = visible_body(scope, &mut sql, "b");
    sql.push(&format!(
        "SELECT b.id, b.name FROM bodies b
         WHERE b.parent_id = {bid} AND b.municipality_id = {mid} AND {visible}
         ORDER BY b.name, b.id"
    ));
    Ok(sql.query_as().fetch_all(&state.db.pool).await?)
}

/// "entscheidet über Aktionsfonds bis 1.500 €", one line per power.
async fn powers(state: &AppState, id: Id) -> Result<Vec<String>, PageError> {
    let rows: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT power, fund_kind, max_amount_cents FROM body_powers
         WHERE body_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(power, fund, max)| {
            let power: Power = power.parse().ok()?;
            let limit = max.map_or_else(
                || DE.without_limit.to_owned(),
                |c| format!("{} {}", DE.up_to, euros(c)),
            );
            Some(format!(
                "{} {} {} {limit}",
                power.label_de(),
                DE.power_over,
                DE.fund_kind(&fund)
            ))
        })
        .collect())
}

/// Current members. A person is named only with their consent and never after erasure;
/// a membership with nothing left to show is left out.
async fn members(state: &AppState, scope: &Scope, id: Id) -> Result<Vec<MemberLine>, PageError> {
    let rows: Vec<MemberRow> = sqlx::query_as(
        "SELECT o.name AS organisation_name, ob.name AS on_behalf_of,
                CASE WHEN p.listed_publicly = $4 THEN p.name END AS person_name,
                ms.role, ms.voting_right
         FROM memberships ms
         LEFT JOIN organisations o ON o.id = ms.organisation_id
         LEFT JOIN organisations ob ON ob.id = ms.on_behalf_of_id
         LEFT JOIN persons p ON p.id = ms.person_id AND p.erased_at IS NULL
         WHERE ms.body_id = $1 AND ms.municipality_id = $2
           AND (ms.ends_on IS NULL OR ms.ends_on >= $3)
           AND (ms.starts_on IS NULL OR ms.starts_on <= $3)
         ORDER BY o.name, ms.id",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(Date::today())
    .bind(Flag(true))
    .fetch_all(&state.db.pool)
    .await?;
    let mut lines: Vec<MemberLine> = rows
        .into_iter()
        .filter(|r| r.organisation_name.is_some() || r.person_name.is_some())
        .map(|r| MemberLine {
            organisation: r.organisation_name,
            person: r.person_name,
            on_behalf_of: r.on_behalf_of,
            role: r.role.label_de(),
            voting_right: r.voting_right,
        })
        .collect();
    // Spokespersons first, in the vocabulary's order; the query already sorted by name.
    let rank = |role: &str| MemberRole::ALL.iter().position(|r| r.label_de() == role);
    lines.sort_by_key(|l| rank(l.role));
    Ok(lines)
}

/// The next (`upcoming`) or the latest meetings of the body, each with its public agenda.
async fn meetings(
    state: &AppState,
    scope: &Scope,
    id: Id,
    when: When,
    now: Timestamp,
) -> Result<Vec<MeetingBlock>, PageError> {
    let rows = super::meetings::meetings(state, scope, Some(id), when, now, MEETINGS).await?;
    let mut agenda = agenda(state, rows.iter().map(|r| r.id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| MeetingBlock {
            anchor: format!("sitzung-{}", r.id),
            when: meeting_time(&DE, r.starts_at.0, r.ends_at.map(|e| e.0)),
            datetime: r.starts_at.to_db(),
            title: r.title,
            location: r.location,
            state: r.state.label_de(),
            cancelled: r.state == MeetingState::Abgesagt,
            minutes: r
                .minutes_approved
                .then(|| public_minutes_path(&scope.slug, r.id)),
            agenda: agenda.remove(&r.id).unwrap_or_default(),
        })
        .collect())
}

/// The public agenda items of the given meetings, in agenda order.
async fn agenda(
    state: &AppState,
    meetings: impl Iterator<Item = Id>,
) -> Result<HashMap<Id, Vec<AgendaItem>>, PageError> {
    let mut sql = Sql::new("");
    let ids: Vec<String> = meetings.map(|id| sql.bind(id)).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let public = sql.bind(Flag(true));
    sql.push(&format!(
        "SELECT meeting_id, number, title, result, resolution, votes_yes, votes_no, votes_abstain
         FROM agenda_items WHERE public = {public} AND meeting_id IN ({})
         ORDER BY meeting_id, position",
        ids.join(", ")
    ));
    let rows: Vec<AgendaRow> = sql.query_as().fetch_all(&state.db.pool).await?;
    let mut by_meeting: HashMap<Id, Vec<AgendaItem>> = HashMap::new();
    for row in rows {
        by_meeting.entry(row.meeting_id).or_default().push(row.item);
    }
    Ok(by_meeting)
}

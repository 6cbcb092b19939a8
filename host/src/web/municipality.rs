//! The start page (the list of municipalities, or the only one) and a municipality's page:
//! its public bodies grouped by kind, its next and its recent meetings.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::format::{MeetingTime, meeting_time};
use super::meetings::{When, meetings};
use super::texts::{DE, Texts};
use super::{Layout, Link, Municipality, PageError, home_link, html};
use crate::db::{Id, Sql, Timestamp};
use crate::network::MeetingSummary;
use crate::network::kinds::{BodyKind, MeetingState};
use crate::network::visible_body;
use crate::state::AppState;

/// How many upcoming meetings the page lists.
const UPCOMING: i64 = 20;
/// How many past meetings the page lists; older ones are on the bodies' pages.
const RECENT: i64 = 10;
/// A bound on the start page and the body list, far above any real site, so that a page
/// never grows without limit.
const LIST_MAX: i64 = 1000;

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    layout: Layout,
    t: &'static Texts,
    municipalities: Vec<Municipality>,
}

#[derive(Template)]
#[template(path = "municipality.html")]
struct MunicipalityPage {
    layout: Layout,
    t: &'static Texts,
    municipality: Municipality,
    groups: Vec<KindGroup>,
    upcoming: Vec<MeetingLine>,
    past: Vec<MeetingLine>,
    /// Reports the coordination published, newest first.
    reports: Vec<Link>,
}

/// The bodies of one kind, under the kind's German name.
struct KindGroup {
    label: &'static str,
    bodies: Vec<BodyLine>,
}

#[derive(sqlx::FromRow)]
struct BodyLine {
    id: Id,
    #[sqlx(try_from = "String")]
    kind: BodyKind,
    name: String,
    rhythm: Option<String>,
    area_name: Option<String>,
    parent_name: Option<String>,
}

/// A meeting in a table row.
pub struct MeetingLine {
    pub when: MeetingTime,
    /// Machine-readable start for `<time datetime>`.
    pub datetime: String,
    pub body_href: String,
    pub body_name: String,
    pub title: String,
    pub location: Option<String>,
    pub state: &'static str,
    pub cancelled: bool,
}

/// `/`: the only municipality's page, or the list to choose from.
pub async fn index(State(state): State<AppState>) -> Result<Response, PageError> {
    let mut municipalities: Vec<Municipality> =
        sqlx::query_as("SELECT id, slug, name FROM municipalities ORDER BY name, slug LIMIT $1")
            .bind(LIST_MAX)
            .fetch_all(&state.db.pool)
            .await?;
    if municipalities.len() == 1 {
        let only = municipalities.remove(0);
        return render(&state, only, vec![]).await;
    }
    let page = IndexPage {
        layout: Layout::new(DE.municipalities_title, vec![]),
        t: &DE,
        municipalities,
    };
    Ok(html(StatusCode::OK, &page))
}

/// `/kommunen/{slug}`
pub async fn page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let municipality = Municipality::by_slug(&state, &slug).await?;
    render(&state, municipality, vec![home_link()]).await
}

async fn render(
    state: &AppState,
    municipality: Municipality,
    breadcrumbs: Vec<Link>,
) -> Result<Response, PageError> {
    let now = Timestamp::now();
    let scope = municipality.public_scope();
    let (bodies, upcoming, past) = tokio::try_join!(
        bodies(state, &municipality),
        meetings(state, &scope, None, When::Upcoming, now, UPCOMING),
        meetings(state, &scope, None, When::Past, now, RECENT),
    )?;
    let reports = crate::reports::publication::listed(&state.db, municipality.id)
        .await?
        .into_iter()
        .map(|p| Link {
            href: crate::reports::publication::public_url(&municipality.slug, p.id),
            text: p.title,
        })
        .collect();
    let page = MunicipalityPage {
        reports,
        layout: Layout::new(municipality.name.clone(), breadcrumbs),
        t: &DE,
        groups: group_by_kind(bodies),
        upcoming: upcoming
            .into_iter()
            .map(|m| line(&municipality, m))
            .collect(),
        past: past.into_iter().map(|m| line(&municipality, m)).collect(),
        municipality,
    };
    Ok(html(StatusCode::OK, &page))
}

async fn bodies(state: &AppState, m: &Municipality) -> Result<Vec<BodyLine>, PageError> {
    let scope = m.public_scope();
    let mut sql = Sql::new("");
    let mid = sql.bind(m.id);
    let visible = visible_body(&scope, &mut sql, "b");
    let parent_visible = visible_body(&scope, &mut sql, "p");
    let limit = sql.bind(LIST_MAX);
    sql.push(&format!(
        "SELECT b.id, b.kind, b.name, b.rhythm, a.name AS area_name, p.name AS parent_name
         FROM bodies b
         LEFT JOIN areas a ON a.id = b.area_id
         LEFT JOIN bodies p ON p.id = b.parent_id AND {parent_visible}
         WHERE b.municipality_id = {mid} AND {visible}
         ORDER BY b.name, b.id LIMIT {limit}"
    ));
    Ok(sql.query_as().fetch_all(&state.db.pool).await?)
}

/// In the order of the vocabulary, which runs from the big conferences to the small groups.
fn group_by_kind(bodies: Vec<BodyLine>) -> Vec<KindGroup> {
    let mut groups: Vec<KindGroup> = BodyKind::ALL
        .iter()
        .map(|kind| KindGroup {
            label: kind.label_de(),
            bodies: vec![],
        })
        .collect();
    for body in bodies {
        if let Some(i) = BodyKind::ALL.iter().position(|k| *k == body.kind) {
            groups[i].bodies.push(body);
        }
    }
    groups.retain(|g| !g.bodies.is_empty());
    groups
}

fn line(m: &Municipality, row: MeetingSummary) -> MeetingLine {
    MeetingLine {
        when: meeting_time(&DE, row.starts_at.0, row.ends_at.map(|e| e.0)),
        datetime: row.starts_at.to_db(),
        body_href: format!("{}/gremien/{}", m.href(), row.body_id),
        body_name: row.body_name,
        title: row.title,
        location: row.location,
        state: row.state.label_de(),
        cancelled: row.state == MeetingState::Abgesagt,
    }
}

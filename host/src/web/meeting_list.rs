//! One body's meetings (`GET /arbeit/{municipality}/gremien/{id}`): the next ones, the
//! latest past ones, and for those who may edit meetings the form to plan one, posted to the
//! same address and handed to `network::plan_meeting` — the function behind the API's
//! `POST …/meetings`, with its permission check, validation and audit entry. A planned
//! meeting opens on its own page, ready for its agenda.
//!
//! For those the API lets decide, the page also lists the body's open join requests with
//! their decision forms (`body_requests.rs`, posted to `body_decision.rs`), and for everyone its current members.
//!
//! The body is read with `network::body` and its meetings with `network::visible_meetings`,
//! both with the person's `Scope`: a body hidden from them is a 404 like an unknown one.

use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use super::body_requests::{
    APPROVED, Decided, MemberLine, REFUSED, RequestForm, member_lines, open_requests, summary_lines,
};
use super::format::{MeetingTime, meeting_time};
use super::frame::{BODIES, Frame};
use super::meeting_bodies::{bodies_path, body_path};
use super::meeting_details::{meeting_fields, read_meeting_fields};
use super::meeting_fields::{Attempt, Field, Posted, SummaryLine, summary};
use super::meeting_forms::Part;
use super::meeting_page::{PLANNED, meeting_path};
use super::meeting_posts::refusal;
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Link, PageError, html, page_error};
use crate::api::page::PageParams;
use crate::auth::Scope;
use crate::db::{Id, Timestamp};
use crate::network::{self, BodySummary, MeetingFilter, MeetingInput, MeetingSummary};
use crate::state::AppState;

/// Upcoming meetings shown: a year or more of a monthly body.
const UPCOMING: i64 = 50;
/// Past meetings shown, the latest first.
const PAST: i64 = 20;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{BODIES}/{{id}}"),
        get(page).post(plan),
    )
}

/// A meeting in a table.
#[derive(Debug)]
struct Line {
    href: String,
    when: MeetingTime,
    datetime: String,
    title: String,
    location: String,
    state: &'static str,
}

#[derive(Template)]
#[template(path = "meeting_list.html")]
struct ListPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    body: BodySummary,
    facts: Vec<(&'static str, String)>,
    public_href: Option<String>,
    upcoming: Vec<Line>,
    past: Vec<Line>,
    older: Option<String>,
    editable: bool,
    action: String,
    fields: Vec<Field>,
    summary: Vec<SummaryLine>,
    members: Vec<MemberLine>,
    /// `None` for those who may not decide join requests.
    requests: Option<Vec<RequestForm>>,
    notice: Option<&'static str>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    hinweis: Option<String>,
}

/// `GET …/gremien/{id}`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let notice = match wanted.hinweis.as_deref() {
        Some(APPROVED) => Some(DE.network.approved_notice),
        Some(REFUSED) => Some(DE.network.refused_notice),
        _ => None,
    };
    let outcome = Decided {
        notice,
        refused: None,
    };
    render(
        &state,
        &signed_in,
        &scope,
        id,
        StatusCode::OK,
        None,
        outcome,
    )
    .await
}

/// `POST …/gremien/{id}`: plans a meeting of the body, then on to its page.
async fn plan(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    network::body(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let posted = Posted(fields);
    let (status, attempt) = match read_meeting_fields(&posted) {
        Err(errors) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Attempt {
                posted,
                errors,
                problems: Vec::new(),
            },
        ),
        Ok(f) => {
            let input = MeetingInput {
                body_id: id,
                title: f.title,
                starts_at: f.starts_at,
                ends_at: f.ends_at,
                location: f.location,
                state: f.state,
            };
            match network::plan_meeting(&state, &scope, &input).await {
                Ok(meeting) => {
                    let to = format!(
                        "{}?hinweis={PLANNED}",
                        meeting_path(&slug, meeting.meeting.id)
                    );
                    return Ok(Redirect::to(&to).into_response());
                }
                Err(error) => {
                    let refused = refusal(Part::Details, error, posted, &[])?;
                    (refused.status, refused.attempt)
                }
            }
        }
    };
    let outcome = Decided::default();
    render(
        &state,
        &signed_in,
        &scope,
        id,
        status,
        Some(attempt),
        outcome,
    )
    .await
}

pub(super) async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    id: Id,
    status: StatusCode,
    attempt: Option<Attempt>,
    decided: Decided,
) -> Result<Response, PageError> {
    let t = DE.meetings;
    let slug = &scope.slug;
    let found = network::body(state, scope, id).await.map_err(page_error)?;
    let members = member_lines(&found.members);
    let body = found.body;
    let requests = open_requests(state, scope, id, decided.refused.as_ref()).await?;
    let now = Timestamp::now().to_db();
    let filter = |limit: i64, offset: i64, from: Option<&str>, to: Option<&str>| MeetingFilter {
        page: PageParams {
            limit: Some(limit),
            offset: Some(offset),
        },
        body_id: Some(id),
        state: None,
        from: from.map(str::to_owned),
        to: to.map(str::to_owned),
    };
    let upcoming = network::visible_meetings(state, scope, filter(UPCOMING, 0, Some(&now), None))
        .await
        .map_err(page_error)?;
    // The list runs earliest first: count the past ones, then read the latest of them.
    let counted = network::visible_meetings(state, scope, filter(1, 0, None, Some(&now)))
        .await
        .map_err(page_error)?;
    let skip = (counted.total - PAST).max(0);
    let past = network::visible_meetings(state, scope, filter(PAST, skip, None, Some(&now)))
        .await
        .map_err(page_error)?;
    let line = |m: &MeetingSummary| Line {
        href: meeting_path(slug, m.id),
        when: meeting_time(&DE, m.starts_at.0, m.ends_at.map(|e| e.0)),
        datetime: m.starts_at.to_db(),
        title: m.title.clone(),
        location: m.location.clone().unwrap_or_default(),
        state: m.state.label_de(),
    };
    let editable = network::may_edit_meetings(scope);
    let fields = if editable {
        meeting_fields(None, attempt.as_ref())
    } else {
        Vec::new()
    };
    let problems = attempt
        .as_ref()
        .map(|a| a.problems.as_slice())
        .unwrap_or_default();
    let mut summary = summary(problems, fields.iter());
    summary.extend(summary_lines(decided.refused.as_ref(), requests.as_deref()));
    let mut facts = vec![(t.fact_kind, body.kind.label_de().to_owned())];
    if let Some(rhythm) = &body.rhythm {
        facts.push((t.fact_rhythm, rhythm.clone()));
    }
    facts.push((
        t.fact_public,
        if body.public { t.yes } else { t.no }.to_owned(),
    ));
    let title = if summary.is_empty() {
        body.name.clone()
    } else {
        format!("{}: {}", DE.error_prefix, body.name)
    };
    let page = ListPage {
        layout: Layout::new(
            title,
            vec![Link {
                href: bodies_path(slug),
                text: t.bodies_title.to_owned(),
            }],
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(slug), &bodies_path(slug)),
        facts,
        public_href: body
            .public
            .then(|| format!("/kommunen/{slug}/gremien/{}", body.id)),
        upcoming: upcoming.items.iter().map(line).collect(),
        past: past.items.iter().rev().map(line).collect(),
        older: (skip > 0).then(|| t.older(usize::try_from(skip).unwrap_or_default())),
        editable,
        action: body_path(slug, id),
        fields,
        summary,
        members,
        requests,
        notice: decided.notice,
        body,
    };
    Ok(html(status, &page))
}

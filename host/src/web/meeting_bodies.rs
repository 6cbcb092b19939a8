//! The bodies (*Gremien*) a signed-in person sees (`GET /arbeit/{municipality}/gremien`),
//! each with its next meeting and a link to its meetings (`meeting_list.rs`). Read through
//! the API's own lists (`network::visible_bodies`, `network::visible_meetings`) with the
//! person's `Scope`: staff see every body, member and jury users the public ones and those
//! their organisation belongs to.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::format::meeting_time;
use super::frame::{BODIES, Frame};
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::{MAX_LIMIT, PageParams};
use crate::db::{Id, Timestamp};
use crate::network::{self, BodyFilter, MeetingFilter};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(&format!("{START}/{{municipality}}/{BODIES}"), get(page))
}

/// `…/gremien` of municipality `slug`.
pub(super) fn bodies_path(slug: &str) -> String {
    format!("{START}/{slug}/{BODIES}")
}

/// The meetings page of body `id`.
pub(super) fn body_path(slug: &str, id: Id) -> String {
    format!("{}/{id}", bodies_path(slug))
}

/// A body in the table.
#[derive(Debug)]
struct Line {
    href: String,
    name: String,
    kind: &'static str,
    public: &'static str,
    next: String,
}

#[derive(Template)]
#[template(path = "meeting_bodies.html")]
struct BodiesPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    intro: &'static str,
    lines: Vec<Line>,
    more: Option<String>,
}

/// `GET …/gremien`: the bodies by name, with their next meeting.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let t = DE.meetings;
    let all = PageParams {
        limit: Some(MAX_LIMIT),
        offset: None,
    };
    let bodies = network::visible_bodies(
        &state,
        &scope,
        BodyFilter {
            page: all,
            kind: None,
            area_id: None,
        },
    )
    .await
    .map_err(page_error)?;
    // The next meetings of all bodies at once; the earliest of each body is its next.
    let upcoming = network::visible_meetings(
        &state,
        &scope,
        MeetingFilter {
            page: all,
            body_id: None,
            state: None,
            from: Some(Timestamp::now().to_db()),
            to: None,
        },
    )
    .await
    .map_err(page_error)?;
    let mut next: HashMap<Id, String> = HashMap::new();
    for m in &upcoming.items {
        next.entry(m.body_id).or_insert_with(|| {
            let when = meeting_time(&DE, m.starts_at.0, m.ends_at.map(|e| e.0));
            format!("{when}: {}", m.title)
        });
    }
    let lines: Vec<Line> = bodies
        .items
        .iter()
        .map(|b| Line {
            href: body_path(&slug, b.id),
            name: b.name.clone(),
            kind: b.kind.label_de(),
            public: if b.public { t.yes } else { t.no },
            next: next
                .remove(&b.id)
                .unwrap_or_else(|| t.none_planned.to_owned()),
        })
        .collect();
    let hidden = usize::try_from(bodies.total)
        .unwrap_or_default()
        .saturating_sub(lines.len());
    let path = bodies_path(&slug);
    let page = BodiesPage {
        layout: Layout::new(
            format!("{} – {}", t.bodies_title, municipality.name),
            vec![],
        ),
        t: &DE,
        frame: Frame::new(&signed_in, Some(&slug), &path),
        municipality,
        intro: if network::may_edit_meetings(&scope) {
            t.bodies_intro_staff
        } else {
            t.bodies_intro_member
        },
        lines,
        more: (hidden > 0).then(|| t.more(hidden)),
    };
    Ok(html(StatusCode::OK, &page))
}

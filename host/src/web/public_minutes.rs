//! The public part of a meeting's minutes (`GET /kommunen/{slug}/sitzungen/{id}/niederschrift`):
//! once the minutes are approved, the meeting's facts and its public agenda items with
//! result, resolution and votes — what the body's public page shows, on one page to print
//! or cite. Non-public items, the attendance and the minutes' notes are left out: the notes
//! are free text the public pages never show. OParl offers this page as the meeting's
//! `resultsProtocol` (`oparl::file`). A hidden, foreign or missing meeting, or one whose
//! minutes are not approved, is the same 404.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::format::{day_and_clock, meeting_facts, meeting_time};
use super::minutes::{Item, minutes_items};
use super::texts::{DE, Texts};
use super::{Layout, Link, Municipality, PageError, home_link, html, page_error};
use crate::db::Id;
use crate::network;
use crate::state::AppState;

/// Where the public minutes of `meeting` are, relative to the host.
pub fn public_minutes_path(slug: &str, meeting: Id) -> String {
    format!("/kommunen/{slug}/sitzungen/{meeting}/niederschrift")
}

#[derive(Template)]
#[template(path = "public_minutes.html")]
struct PublicMinutesPage {
    layout: Layout,
    t: &'static Texts,
    title: String,
    facts: Vec<(&'static str, String)>,
    items: Vec<Item>,
    as_of: String,
}

/// `/kommunen/{slug}/sitzungen/{id}/niederschrift`
pub async fn page(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let municipality = Municipality::by_slug(&state, &slug).await?;
    // The anonymous view: public bodies only, public items only, no attendance.
    let scope = municipality.public_scope();
    let meeting = network::meeting(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let m = &meeting.meeting;
    if !m.minutes_approved {
        return Err(PageError::NotFound);
    }
    let when = meeting_time(&DE, m.starts_at.0, m.ends_at.map(|e| e.0));
    let breadcrumbs = vec![
        home_link(),
        Link {
            href: municipality.href(),
            text: municipality.name.clone(),
        },
        Link {
            href: format!("{}/gremien/{}", municipality.href(), m.body_id),
            text: m.body_name.clone(),
        },
    ];
    let page = PublicMinutesPage {
        layout: Layout::new(
            format!("{} – {} – {}", DE.public_minutes_title, m.title, when.day),
            breadcrumbs,
        ),
        t: &DE,
        title: format!("{}: {}", DE.public_minutes_title, m.title),
        facts: meeting_facts(m, &when),
        items: minutes_items(&meeting.agenda),
        as_of: DE.meetings.print_as_of(&day_and_clock(&DE, m.updated_at)),
    };
    Ok(html(StatusCode::OK, &page))
}

//! The printable minutes (*Niederschrift*) of a meeting
//! (`GET /arbeit/{municipality}/sitzungen/{id}/niederschrift`): body, date, place,
//! attendance and, per agenda item, result, resolution and votes, then the notes — a plain
//! page whose print stylesheet leaves out the frame.
//!
//! It shows the meeting exactly as `network::meeting` gives it to the person: staff see every
//! item, the attendance and the notes; member users the public items, and the notes only
//! once approved. The facts and items are built here for the public minutes too
//! (`public_minutes.rs`).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::format::{day_and_clock, meeting_facts, meeting_time, votes};
use super::frame::{Frame, MEETINGS};
use super::meeting_bodies::{bodies_path, body_path};
use super::meeting_page::meeting_path;
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Link, PageError, html, page_error};
use crate::db::Id;
use crate::network::kinds::AttendanceStatus;
use crate::network::{self, AgendaItem, Attendance};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{MEETINGS}/{{id}}/niederschrift"),
        get(page),
    )
}

/// An agenda item as the minutes record it (`_minutes_items.html`).
#[derive(Debug)]
pub(super) struct Item {
    pub(super) number: String,
    pub(super) title: String,
    pub(super) public: bool,
    pub(super) facts: Vec<(&'static str, String)>,
}

/// The items as the minutes record them: result, resolution and votes where there are any.
pub(super) fn minutes_items(agenda: &[AgendaItem]) -> Vec<Item> {
    let t = DE.meetings;
    agenda
        .iter()
        .map(|i| {
            let mut facts = Vec::new();
            if let Some(result) = &i.result {
                facts.push((t.col_result, result.clone()));
            }
            if let Some(resolution) = &i.resolution {
                facts.push((t.print_resolution, resolution.clone()));
            }
            if let Some(votes) = votes(&DE, i.votes_yes, i.votes_no, i.votes_abstain) {
                facts.push((t.print_votes, votes));
            }
            Item {
                number: i.number.clone(),
                title: i.title.clone(),
                public: i.public,
                facts,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "minutes.html")]
struct MinutesPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    title: String,
    facts: Vec<(&'static str, String)>,
    draft: bool,
    /// None: the person does not see the attendance; else the names per state.
    attendance: Option<Vec<(&'static str, String)>>,
    items: Vec<Item>,
    notes: Option<String>,
    as_of: String,
    back: String,
}

/// `GET …/sitzungen/{id}/niederschrift`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let meeting = network::meeting(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let t = DE.meetings;
    let m = &meeting.meeting;
    let when = meeting_time(&DE, m.starts_at.0, m.ends_at.map(|e| e.0));
    let facts = meeting_facts(m, &when);
    let items = minutes_items(&meeting.agenda);
    let page = MinutesPage {
        layout: Layout::new(
            format!("{} – {} – {}", t.print_title, m.title, when.day),
            vec![
                Link {
                    href: bodies_path(&slug),
                    text: t.bodies_title.to_owned(),
                },
                Link {
                    href: body_path(&slug, m.body_id),
                    text: m.body_name.clone(),
                },
            ],
        ),
        t: &DE,
        frame: Frame::new(&signed_in, Some(&slug), &bodies_path(&slug)),
        title: format!("{}: {}", t.print_title, m.title),
        facts,
        draft: !m.minutes_approved,
        attendance: meeting.attendance.as_deref().map(by_status),
        items,
        notes: meeting.minutes.clone().filter(|n| !n.trim().is_empty()),
        as_of: t.print_as_of(&day_and_clock(&DE, m.updated_at)),
        back: meeting_path(&slug, m.id),
    };
    Ok(html(StatusCode::OK, &page))
}

/// "anwesend: AWO, Caritas", one line per state that anyone has.
fn by_status(entries: &[Attendance]) -> Vec<(&'static str, String)> {
    AttendanceStatus::ALL
        .iter()
        .filter_map(|status| {
            let names: Vec<String> = entries
                .iter()
                .filter(|a| a.status == *status)
                .map(|a| match (&a.organisation_name, &a.person_name) {
                    (Some(o), Some(p)) => format!("{p} ({o})"),
                    (Some(one), None) | (None, Some(one)) => one.clone(),
                    (None, None) => DE.not_stated.to_owned(),
                })
                .collect();
            (!names.is_empty()).then(|| (status.label_de(), names.join(", ")))
        })
        .collect()
}

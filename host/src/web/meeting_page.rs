//! A meeting's page (`GET /arbeit/{municipality}/sitzungen/{id}`): when and where, and for
//! those who may edit meetings the forms of its details, agenda, attendance, results per
//! item and minutes' notes (`meeting_forms.rs`, `meeting_agenda.rs`; they post to
//! `meeting_posts.rs`). Everyone else reads the meeting as the API shows it to them — the
//! public items only, no attendance.
//!
//! The meeting is read through `network::meeting` with the person's `Scope` (404 for a body
//! hidden from them, another municipality's meeting or an unknown one — all alike); whether
//! forms are offered is `network::may_edit_meetings`, the rule the edits check again.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::format::{meeting_facts, meeting_time, votes};
use super::frame::{Frame, MEETINGS};
use super::meeting_agenda::{AgendaRow, agenda_rows};
use super::meeting_bodies::{bodies_path, body_path};
use super::meeting_fields::{Attempt, Field, SummaryLine, summary};
use super::meeting_forms::{AttendanceRow, Part, attendance_rows, details_fields, protocol_fields};
use super::meeting_results::{ResultForm, result_forms};
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Link, PageError, html, page_error};
use crate::auth::Scope;
use crate::db::Id;
use crate::network::kinds::AttendanceStatus;
use crate::network::{self, Meeting};
use crate::state::AppState;

/// The notice after planning a meeting (`?hinweis=`).
pub(super) const PLANNED: &str = "geplant";

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{MEETINGS}/{{id}}"),
        get(page),
    )
}

/// The page of meeting `id`.
pub(super) fn meeting_path(slug: &str, id: Id) -> String {
    format!("{START}/{slug}/{MEETINGS}/{id}")
}

/// A sending of one of the page's forms that was refused.
#[derive(Debug)]
pub(super) struct Refused {
    pub part: Part,
    pub status: StatusCode,
    pub attempt: Attempt,
    /// Whether the form shows what was sent; not when the meeting changed meanwhile (it is
    /// then shown as it is now).
    pub refill: bool,
}

/// How the page is shown besides the meeting.
#[derive(Debug, Default)]
pub(super) struct View {
    /// The section of the form just saved (empty: the top) and what to say.
    notice: Option<(&'static str, &'static str)>,
    refused: Option<Refused>,
}

impl View {
    pub fn refused(refused: Refused) -> View {
        View {
            notice: None,
            refused: Some(refused),
        }
    }
}

/// A choice of the attendance form.
#[derive(Debug)]
struct StatusChoice {
    value: &'static str,
    label: &'static str,
    /// Its radio button's id after the row's prefix: the first is the row's field.
    suffix: String,
}

/// An item as those who may not edit read it.
#[derive(Debug)]
struct ItemLine {
    number: String,
    title: String,
    result: Option<String>,
    resolution: Option<String>,
    votes: Option<String>,
}

#[derive(Template)]
#[template(path = "meeting_page.html")]
struct MeetingPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    heading: String,
    facts: Vec<(&'static str, String)>,
    summary: Vec<SummaryLine>,
    notice: Option<&'static str>,
    notice_at: &'static str,
    minutes_href: String,
    action: String,
    version: i64,
    /// A refill's form keeps the version it was made from, so that sending it again cannot
    /// pair its rows with a changed agenda: (form, version).
    sent_version: Option<(&'static str, String)>,
    editable: bool,
    sections: Vec<(&'static str, &'static str)>,
    details: Vec<Field>,
    agenda: Vec<AgendaRow>,
    attendance: Vec<AttendanceRow>,
    statuses: Vec<StatusChoice>,
    results: Vec<ResultForm>,
    protocol: Vec<Field>,
    items: Vec<ItemLine>,
}

impl MeetingPage {
    /// The version form `part` sends.
    fn version_of(&self, part: &str) -> String {
        match &self.sent_version {
            Some((key, version)) if *key == part => version.clone(),
            _ => self.version.to_string(),
        }
    }
}

#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    hinweis: Option<String>,
}

/// `GET …/sitzungen/{id}`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let meeting = network::meeting(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let notice = match wanted.hinweis.as_deref() {
        Some(PLANNED) => Some(("", DE.meetings.planned_notice)),
        Some(key) => Part::from_key(key).map(|p| (p.key(), p.notice())),
        None => None,
    };
    let view = View {
        notice,
        refused: None,
    };
    render(&state, &signed_in, &scope, meeting, view).await
}

/// Renders the page of `meeting`, with the status of a refused sending if there was one.
pub(super) async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    meeting: Meeting,
    view: View,
) -> Result<Response, PageError> {
    let t = DE.meetings;
    let slug = &scope.slug;
    let m = &meeting.meeting;
    let editable = network::may_edit_meetings(scope);
    let refused = view.refused.as_ref();
    let sent = |part: Part| {
        refused
            .filter(|r| r.refill && r.part == part)
            .map(|r| &r.attempt)
    };
    let (details, agenda, results, protocol, attendance) = if editable {
        let body = network::body(state, scope, m.body_id)
            .await
            .map_err(page_error)?;
        (
            details_fields(&meeting, sent(Part::Details)),
            agenda_rows(&meeting.agenda, sent(Part::Agenda)),
            result_forms(&meeting.agenda, sent(Part::Results)),
            protocol_fields(&meeting, sent(Part::Protocol)),
            attendance_rows(&meeting, &body, sent(Part::Attendance)),
        )
    } else {
        Default::default()
    };
    let problems = refused
        .map(|r| r.attempt.problems.as_slice())
        .unwrap_or_default();
    let fields = details
        .iter()
        .chain(agenda.iter().flat_map(|r| r.fields.iter()))
        .chain(
            results
                .iter()
                .flat_map(|r| r.texts.iter().chain(r.votes.iter())),
        )
        .chain(protocol.iter());
    let mut summary = summary(problems, fields);
    summary.extend(attendance.iter().filter_map(|a| {
        a.error.as_ref().map(|e| SummaryLine {
            href: Some(format!("#{}-status", a.prefix)),
            text: format!("{}: {e}", a.who),
        })
    }));
    let when = meeting_time(&DE, m.starts_at.0, m.ends_at.map(|e| e.0));
    let minutes = match (&meeting.minutes, m.minutes_approved) {
        (_, true) => t.minutes_approved,
        (Some(text), false) if !text.trim().is_empty() => t.minutes_draft,
        _ => t.minutes_none,
    };
    let mut facts = meeting_facts(m, &when);
    facts.push((t.fact_minutes, minutes.to_owned()));
    let heading = format!("{} – {}", m.title, when.day);
    let title = if summary.is_empty() {
        format!("{heading} – {}", m.body_name)
    } else {
        format!("{}: {heading}", DE.error_prefix)
    };
    let items = meeting
        .agenda
        .iter()
        .map(|i| ItemLine {
            number: i.number.clone(),
            title: i.title.clone(),
            result: i.result.clone(),
            resolution: i.resolution.clone(),
            votes: votes(&DE, i.votes_yes, i.votes_no, i.votes_abstain),
        })
        .collect();
    let (notice_at, notice) = match view.notice {
        Some((at, text)) => (at, Some(text)),
        None => ("", None),
    };
    let statuses = AttendanceStatus::ALL
        .iter()
        .map(|s| (s.as_str(), s.label_de()))
        .chain([("", t.attendance_unrecorded)])
        .enumerate()
        .map(|(i, (value, label))| StatusChoice {
            value,
            label,
            suffix: match (i, value) {
                (0, _) => "-status".to_owned(),
                (_, "") => "-status-keine".to_owned(),
                (_, v) => format!("-status-{v}"),
            },
        })
        .collect();
    let path = meeting_path(slug, m.id);
    let page = MeetingPage {
        layout: Layout::new(
            title,
            vec![
                Link {
                    href: bodies_path(slug),
                    text: t.bodies_title.to_owned(),
                },
                Link {
                    href: body_path(slug, m.body_id),
                    text: m.body_name.clone(),
                },
            ],
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(slug), &bodies_path(slug)),
        heading,
        facts,
        summary,
        notice,
        notice_at,
        minutes_href: format!("{path}/niederschrift"),
        action: path,
        version: m.version,
        sent_version: refused
            .filter(|r| r.refill)
            .map(|r| (r.part.key(), r.attempt.posted.get("version").to_owned())),
        editable,
        sections: Part::ALL.iter().map(|p| (p.key(), p.heading())).collect(),
        details,
        agenda,
        attendance,
        statuses,
        results,
        protocol,
        items,
    };
    let status = view.refused.map_or(StatusCode::OK, |r| r.status);
    Ok(html(status, &page))
}

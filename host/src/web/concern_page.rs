//! One concern's page (`GET /arbeit/{municipality}/anliegen/{id}`): what the resident wrote,
//! where it stands, the department the municipality's rules proposed, the answers, the
//! history, and the forms of the steps the person may take now (`concern_forms.rs`, posted
//! to `concern_steps.rs`).
//!
//! Everything is read through the concerns feature with the person's `Scope`: the concern
//! (`concerns::concern`, 404 for one they may not see, of another municipality or unknown —
//! all alike), its history, and the steps (`concerns::next_steps`, the state machine and the
//! transitions' own permission rule). The reporter's contact is shown only when asked for
//! (`?kontakt=anzeigen`) and only through `concerns::reporter_contact`, which refuses all but
//! staff and writes every showing to the audit log.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde_json::Value;

use super::concern_forms::{Attempt, StepForm, step_forms, step_notice, steps_path};
use super::concern_inbox::{category_label, concern_path, inbox_path};
use super::format::day_and_age;
use super::format::day_and_clock;
use super::frame::{CONCERNS, Frame};
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Link, PageError, html, page_error};
use crate::auth::Scope;
use crate::concerns::{self, Concern, ConcernState, ReporterContact};
use crate::db::{Id, Timestamp};
use crate::error::Error;
use crate::forms::ReviewState;
use crate::messages::Code;
use crate::state::AppState;

/// `?kontakt=` asking for the reporter's contact.
pub(super) const SHOW_CONTACT: &str = "anzeigen";

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{CONCERNS}/{{id}}"),
        get(page),
    )
}

/// What the address may ask: the notice of the step just taken, the reporter's contact.
#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    hinweis: Option<String>,
    kontakt: Option<String>,
}

/// `GET …/anliegen/{id}`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let concern = concerns::concern(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let view = View {
        notice: wanted
            .hinweis
            .as_deref()
            .and_then(|k| k.parse::<ConcernState>().ok())
            .map(step_notice),
        show_contact: wanted.kontakt.as_deref() == Some(SHOW_CONTACT),
        attempt: None,
    };
    render(&state, &signed_in, &scope, concern, StatusCode::OK, view).await
}

/// How the page is shown besides the concern.
#[derive(Debug, Default)]
pub(super) struct View {
    pub notice: Option<&'static str>,
    pub show_contact: bool,
    pub attempt: Option<Attempt>,
}

/// An entry of the error summary, linking to its field when it has one.
#[derive(Debug)]
struct SummaryEntry {
    href: Option<String>,
    text: String,
}

/// The reporter's contact section.
#[derive(Debug, Default)]
struct ContactView {
    /// The link that shows the contact (staff, a contact kept, not shown yet).
    offer: Option<String>,
    /// Name, e-mail, phone, consent — once shown.
    facts: Vec<(&'static str, String)>,
    message: Option<&'static str>,
}

/// A line of the history.
#[derive(Debug)]
struct HistoryLine {
    at: String,
    step: &'static str,
    actor: String,
    note: String,
}

#[derive(Template)]
#[template(path = "concern_page.html")]
struct ConcernPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    heading: String,
    notice: Option<&'static str>,
    summary: Vec<SummaryEntry>,
    facts: Vec<(&'static str, String)>,
    flag: Option<String>,
    text: Option<String>,
    proposal: String,
    /// None: the person is no staff and sees nothing of the contact.
    contact: Option<ContactView>,
    feedback: Option<String>,
    released: Option<String>,
    history: Vec<HistoryLine>,
    action: String,
    version: i64,
    forms: Vec<StepForm>,
}

/// Renders the page of `concern` with `status` (a refused step keeps the API's status).
pub(super) async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    concern: Concern,
    status: StatusCode,
    view: View,
) -> Result<Response, PageError> {
    let t = &DE.staff;
    let slug = &scope.slug;
    let history = concerns::history(state, scope, concern.id)
        .await
        .map_err(page_error)?;
    let contact = if scope.is_staff() {
        Some(contact(state, scope, &concern, view.show_contact).await?)
    } else {
        None
    };
    let forms = step_forms(state, scope, &concern, view.attempt.as_ref()).await?;
    let summary = view.attempt.as_ref().map(summary).unwrap_or_default();
    let heading = t.concern_title.replace("{}", &concern.reference);
    let title = if summary.is_empty() {
        heading.clone()
    } else {
        format!("{} – {heading}", t.step_errors_heading)
    };
    let form = |key: &str| concern.form_data.get(key).cloned().unwrap_or(Value::Null);
    let text = form("text").as_str().map(str::to_owned);
    let page = ConcernPage {
        layout: Layout::new(
            title,
            vec![Link {
                href: inbox_path(slug),
                text: t.inbox_title.to_owned(),
            }],
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(slug), &inbox_path(slug)),
        heading,
        notice: view.notice,
        summary,
        facts: facts(state, scope, &concern, &form("location")).await?,
        flag: (concern.review_state == ReviewState::ManuellePruefung).then(|| {
            let reason = concern.review_reason.as_deref().unwrap_or_default();
            format!("{} {reason}", t.manual_review).trim().to_owned()
        }),
        text,
        proposal: proposal(&concern),
        contact,
        feedback: concern.feedback.clone(),
        released: concern.released_feedback.clone(),
        history: history
            .into_iter()
            .map(|e| HistoryLine {
                at: when(e.at),
                step: e.to_state.label_de(),
                actor: e.actor,
                note: e.note.unwrap_or_default(),
            })
            .collect(),
        action: steps_path(slug, concern.id),
        version: concern.version,
        forms,
    };
    Ok(html(status, &page))
}

/// "04.12.2026, 15:10 Uhr"
fn when(at: Timestamp) -> String {
    day_and_clock(&DE, at)
}

fn summary(attempt: &Attempt) -> Vec<SummaryEntry> {
    let problem = attempt.problem.iter().map(|text| SummaryEntry {
        href: None,
        text: text.clone(),
    });
    let fields = attempt.errors.iter().map(|(name, text)| SummaryEntry {
        href: Some(format!("#{}-{name}", attempt.to.as_str())),
        text: text.clone(),
    });
    problem.chain(fields).collect()
}

async fn facts(
    state: &AppState,
    scope: &Scope,
    c: &Concern,
    location: &Value,
) -> Result<Vec<(&'static str, String)>, PageError> {
    let t = &DE.staff;
    let categories = concerns::categories(state, scope.municipality_id, &scope.slug).await;
    let mut facts = vec![
        (t.fact_state, c.state.label_de().to_owned()),
        (t.fact_category, category_label(&categories, &c.category)),
    ];
    if let Some(area) = &c.area {
        facts.push((t.fact_area, area.clone()));
    }
    let place = location
        .as_str()
        .or_else(|| location.get("description").and_then(Value::as_str));
    if let Some(place) = place {
        facts.push((t.fact_location, place.to_owned()));
    }
    let received = day_and_age(t, c.received_at, Timestamp::now());
    facts.push((
        t.fact_source,
        format!("{received}, {}", c.source.label_de()),
    ));
    if let Some(department) = &c.department {
        facts.push((t.fact_department, department.clone()));
    }
    let dates = [
        (t.fact_forwarded, c.forwarded_at),
        (t.fact_feedback_at, c.feedback_at),
        (t.fact_reported, c.reported_at),
        (t.fact_closed, c.closed_at),
    ];
    for (label, at) in dates {
        if let Some(at) = at {
            facts.push((label, when(at)));
        }
    }
    if let Some(channel) = c.report_channel {
        facts.push((t.fact_channel, channel.label_de().to_owned()));
    }
    if let Some(original) = c.duplicate_of {
        let reference = match concerns::concern(state, scope, original).await {
            Ok(o) => o.reference,
            Err(Error::NotFound) => String::new(),
            Err(e) => return Err(page_error(e)),
        };
        facts.push((t.fact_duplicate_of, reference));
    }
    Ok(facts)
}

fn proposal(c: &Concern) -> String {
    let t = &DE.staff;
    let Some(p) = &c.proposal else {
        return t.proposal_none.to_owned();
    };
    match (&p.department, &p.reason) {
        (Some(department), _) => t.proposal_department.replace("{}", department),
        (None, Some(reason)) => t.proposal_not_responsible.replace("{}", reason),
        (None, None) => t.proposal_none.to_owned(),
    }
}

/// The contact section of a staff person: the offer to show it, or — asked for — the
/// contact as `concerns::reporter_contact` gives it (and logs).
async fn contact(
    state: &AppState,
    scope: &Scope,
    c: &Concern,
    show: bool,
) -> Result<ContactView, PageError> {
    let t = &DE.staff;
    if c.contact_erased {
        return Ok(message(t.contact_erased));
    }
    if !c.has_contact {
        return Ok(message(t.contact_none));
    }
    if !show {
        return Ok(ContactView {
            offer: Some(format!(
                "{}?kontakt={SHOW_CONTACT}#kontakt",
                concern_path(&scope.slug, c.id)
            )),
            ..ContactView::default()
        });
    }
    match concerns::reporter_contact(state, scope, c.id).await {
        Ok(contact) => Ok(shown(contact)),
        Err(Error::Client(Code::Forbidden | Code::Unauthenticated, _)) => {
            Ok(message(t.contact_refused))
        }
        Err(e) => Err(page_error(e)),
    }
}

fn message(text: &'static str) -> ContactView {
    ContactView {
        message: Some(text),
        ..ContactView::default()
    }
}

fn shown(contact: ReporterContact) -> ContactView {
    let t = &DE.staff;
    if !contact.present {
        return message(if contact.erased_at.is_some() {
            t.contact_erased
        } else {
            t.contact_none
        });
    }
    let mut facts = Vec::new();
    for (label, value) in [
        (t.contact_name, contact.name),
        (t.contact_email, contact.email),
        (t.contact_phone, contact.phone),
    ] {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            facts.push((label, value));
        }
    }
    let consent = if contact.may_contact { t.yes } else { t.no };
    facts.push((t.contact_may_contact, consent.to_owned()));
    ContactView {
        facts,
        ..ContactView::default()
    }
}

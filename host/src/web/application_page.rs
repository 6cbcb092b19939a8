//! One fund application's page (`GET /arbeit/{municipality}/foerderantraege/{id}`): where it
//! stands, the project as the applicant described it (the fields of the municipality's
//! effective schema, choices by their labels), the route the municipality's rules chose, the
//! history with the bodies' votes, and the forms of the moves the person may make now
//! (`application_forms.rs`, posted to `application_steps.rs`).
//!
//! Everything is read through the funds feature with the person's `Scope`: the application
//! (`funds::load_visible`, 404 for one they may not see, of another municipality or unknown
//! — all alike), its history, the moves (`funds::worklist::next_steps`). The applicant's
//! contact is offered only to whom `funds::applicant::may_read` admits, and shown only when
//! asked for (`?kontakt=anzeigen`) through `funds::applicant::contact`, which logs it.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde_json::Value;

use super::application_forms::{Attempt, StepForm, balance, step_forms, step_notice, steps_path};
use super::application_history::{HistoryLine, RouteStep, history, route};
use super::application_list::{application_path, list_path};
use super::format::{day_and_age, euros};
use super::frame::{APPLICATIONS, Frame};
use super::schema_form::{AnswerBlock, Order, Presentation, answers};
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Link, PageError, html, page_error};
use crate::auth::Scope;
use crate::db::{Id, Timestamp};
use crate::error::Error;
use crate::forms::ReviewState;
use crate::funds::applicant::{self, ApplicantContact};
use crate::funds::kinds::ApplicationState;
use crate::funds::{self, Application, worklist};
use crate::messages::Code;
use crate::plugins::FormKind;
use crate::state::AppState;

/// `?kontakt=` asking for the applicant's contact.
const SHOW_CONTACT: &str = "anzeigen";

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{APPLICATIONS}/{{id}}"),
        get(page),
    )
}

/// What the address may ask: the notice of the move just made, the applicant's contact.
#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    hinweis: Option<String>,
    kontakt: Option<String>,
}

/// `GET …/foerderantraege/{id}`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let application = funds::load_visible(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let view = View {
        notice: wanted
            .hinweis
            .as_deref()
            .and_then(|k| k.parse::<ApplicationState>().ok())
            .map(step_notice),
        show_contact: wanted.kontakt.as_deref() == Some(SHOW_CONTACT),
        attempt: None,
    };
    render(
        &state,
        &signed_in,
        &scope,
        application,
        StatusCode::OK,
        view,
    )
    .await
}

/// How the page is shown besides the application.
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

/// The applicant's contact section of a person who may read it.
#[derive(Debug, Default)]
struct ContactView {
    /// The link that shows the contact (not shown yet).
    offer: Option<String>,
    facts: Vec<(&'static str, String)>,
    message: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "application_page.html")]
struct ApplicationPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    heading: &'static str,
    reference: String,
    title: String,
    notice: Option<&'static str>,
    summary: Vec<SummaryEntry>,
    flag: Option<String>,
    warnings: Vec<String>,
    facts: Vec<(&'static str, String)>,
    answers: Vec<AnswerBlock>,
    route: Vec<RouteStep>,
    route_source: String,
    contact: Option<ContactView>,
    history: Vec<HistoryLine>,
    action: String,
    version: i64,
    forms: Vec<StepForm>,
}

/// Renders the page of `application` with `status` (a refused move keeps the API's status).
pub(super) async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    application: Application,
    status: StatusCode,
    view: View,
) -> Result<Response, PageError> {
    let t = &DE.funds;
    let slug = &scope.slug;
    // The fund as it is now: its balance is what an approval has left to draw on.
    let fund = funds::load_fund(&state.db.pool, scope, application.fund_id)
        .await
        .map_err(page_error)?;
    let steps = worklist::next_steps(state, scope, &application)
        .await
        .map_err(page_error)?;
    let forms = step_forms(&application, &fund, &steps, view.attempt.as_ref());
    let events = funds::history(state, scope, application.id)
        .await
        .map_err(page_error)?;
    let contact = contact(state, scope, &application, view.show_contact).await?;
    let summary = view
        .attempt
        .as_ref()
        .map(|a| summary(a, &forms))
        .unwrap_or_default();
    let heading = format!("{} {}", t.application_heading, application.reference);
    let title = if summary.is_empty() {
        heading
    } else {
        format!("{} – {heading}", DE.staff.step_errors_heading)
    };
    let effective = state
        .rules
        .form(scope.municipality_id, slug, FormKind::FundApplication)
        .await
        .map_err(page_error)?;
    let order = Presentation::ordered(Order::from_text(crate::rules::forms::base_text(
        FormKind::FundApplication,
    )));
    let page = ApplicationPage {
        layout: Layout::new(
            title,
            vec![Link {
                href: list_path(slug),
                text: t.applications_title.to_owned(),
            }],
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(slug), &list_path(slug)),
        heading: t.application_heading,
        reference: application.reference.clone(),
        title: application.title.clone(),
        notice: view.notice,
        summary,
        flag: (application.review_state == ReviewState::ManuellePruefung).then(|| {
            let reason = application.review_reason.as_deref().unwrap_or_default();
            format!("{} {reason}", DE.staff.manual_review)
                .trim()
                .to_owned()
        }),
        warnings: warnings(&application.warnings),
        facts: facts(&application, &fund),
        answers: answers(&effective.form.schema, &order, &application.form_data, &DE),
        route: route(state, scope, &application).await?,
        route_source: t
            .route_source
            .replace("{}", application.routing_source.label_de()),
        contact,
        history: history(&events),
        action: steps_path(slug, application.id),
        version: application.version,
        forms,
    };
    Ok(html(status, &page))
}

/// The refused move's problem, then its fields' errors, each named by its label and
/// linking to its field (an error of a field the form no longer has stays unlinked).
fn summary(attempt: &Attempt, forms: &[StepForm]) -> Vec<SummaryEntry> {
    let problem = attempt.problem.iter().map(|text| SummaryEntry {
        href: None,
        text: text.clone(),
    });
    let form = forms.iter().find(|f| f.to == attempt.to.as_str());
    let fields = attempt.errors.iter().map(|(name, text)| {
        let field = form.and_then(|f| f.fields.iter().chain(&f.votes).find(|x| x.name == name));
        match field {
            Some(field) => SummaryEntry {
                href: Some(format!("#{}", field.id)),
                text: format!("{}: {text}", field.label),
            },
            None => SummaryEntry {
                href: None,
                text: text.clone(),
            },
        }
    });
    problem.chain(fields).collect()
}

/// The plugin's warnings (`forms::Finding`s) by their German message.
fn warnings(found: &Value) -> Vec<String> {
    found
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|f| f.get("message").and_then(Value::as_str))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn facts(a: &Application, fund: &funds::Fund) -> Vec<(&'static str, String)> {
    let t = &DE.funds;
    let s = &DE.staff;
    let mut facts = vec![
        (s.fact_state, a.state.label_de().to_owned()),
        (
            t.fact_fund,
            format!("{} ({})", fund.name, fund.kind.label_de()),
        ),
        (t.fact_requested, euros(a.requested_cents)),
    ];
    for (label, cents) in [
        (t.fact_approved, a.approved_cents),
        (t.fact_paid, a.paid_cents),
    ] {
        if let Some(cents) = cents {
            facts.push((label, euros(cents)));
        }
    }
    facts.push((t.fact_available, balance(fund)));
    facts.push((
        s.fact_received,
        format!(
            "{}, {}",
            day_and_age(s, a.created_at, Timestamp::now()),
            a.channel.label_de()
        ),
    ));
    if let Some(r) = a.recommendation {
        facts.push((t.fact_recommendation, r.label_de().to_owned()));
    }
    if let Some(at) = a.decided_at {
        facts.push((t.fact_decided, day_and_age(s, at, Timestamp::now())));
    }
    if let Some(reason) = &a.decision_reason {
        facts.push((t.fact_decision_reason, reason.clone()));
    }
    if let Some(due) = a.proof_due_on {
        facts.push((t.fact_proof_due, due.naive().format("%d.%m.%Y").to_string()));
    }
    facts
}

/// The contact section for a person `funds::applicant::may_read` admits (else none): the
/// offer to show it, or — asked for — the contact as `funds::applicant::contact` gives it
/// (and logs).
async fn contact(
    state: &AppState,
    scope: &Scope,
    a: &Application,
    show: bool,
) -> Result<Option<ContactView>, PageError> {
    let t = &DE.staff;
    if !applicant::may_read(state, scope, a.id)
        .await
        .map_err(page_error)?
    {
        return Ok(None);
    }
    if !show {
        return Ok(Some(ContactView {
            offer: Some(format!(
                "{}?kontakt={SHOW_CONTACT}#kontakt",
                application_path(&scope.slug, a.id)
            )),
            ..ContactView::default()
        }));
    }
    let message = |text| ContactView {
        message: Some(text),
        ..ContactView::default()
    };
    let shown: ApplicantContact = match applicant::contact(state, scope, a.id).await {
        Ok(contact) => contact,
        Err(Error::Client(Code::Forbidden, _)) => return Ok(Some(message(t.contact_refused))),
        Err(e) => return Err(page_error(e)),
    };
    let mut facts = Vec::new();
    for (label, value) in [
        (t.contact_name, shown.name),
        (t.contact_email, shown.email),
        (t.contact_phone, shown.phone),
    ] {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            facts.push((label, value));
        }
    }
    Ok(Some(if !facts.is_empty() {
        ContactView {
            facts,
            ..ContactView::default()
        }
    } else if shown.erased_at.is_some() {
        message(t.contact_erased)
    } else {
        message(t.contact_none)
    }))
}

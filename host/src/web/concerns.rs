//! The resident's pages: the concern form (*Anliegen melden*) and the private status pages of
//! a concern and of a fund application.
//!
//! The form posts to its own address and goes through exactly the intake of the public API
//! ([`crate::concerns::submit_public`]): same rate limit, honeypot, schema and plugin rules.
//! Field errors come back as JSON pointers and are shown next to their fields and in a
//! summary at the top.
//!
//! There is no CSRF token: the form needs no session and no sign-in, so a forged submission
//! changes nothing on behalf of a signed-in user — it is the same as any anonymous one and
//! counts against the same rate limit.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::format::{berlin, euros};
use super::texts::{DE, Texts};
use super::{Layout, Link, Municipality, PageError, home_link, html};
use crate::concerns::{self, Category, PublicStatus};
use crate::db::Timestamp;
use crate::error::{Error, FieldError};
use crate::forms::public::ClientAddr;
use crate::messages::Code;
use crate::state::AppState;

/// The concern form and the status pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/kommunen/{slug}/anliegen",
            axum::routing::get(form).post(submit),
        )
        .route(
            "/status/anliegen/{token}",
            axum::routing::get(concern_status),
        )
        .route(
            "/status/antrag/{token}",
            axum::routing::get(application_status),
        )
}

/// The form's fields as the browser sends them. Every field defaults to empty, so a
/// tampered or partial form is a list of field errors, not a rejection.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConcernInput {
    category: String,
    text: String,
    location: String,
    name: String,
    email: String,
    phone: String,
    /// Present ("ja") when the consent box is ticked.
    may_contact: Option<String>,
    /// The honeypot: hidden from people, so only scripts fill it in.
    website: String,
}

/// The errors of one submission: next to a field, or for the form as a whole.
#[derive(Debug, Default)]
struct FieldErrors {
    category: Option<String>,
    text: Option<String>,
    location: Option<String>,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    may_contact: Option<String>,
    /// The summary at the top, in the order of the form.
    summary: Vec<SummaryLine>,
}

#[derive(Debug)]
struct SummaryLine {
    /// `#feld-…`, or empty for an error of the whole form.
    href: String,
    label: &'static str,
    text: String,
}

/// The form fields in their order: id suffix, label, and the JSON pointers they answer for.
const FIELDS: &[(&str, &str, &[&str])] = &[
    ("category", "field_category", &["/category"]),
    ("text", "field_text", &["/text"]),
    (
        "location",
        "field_location",
        &["/location", "/location/description"],
    ),
    ("name", "field_name", &["/reporter/name"]),
    ("email", "field_email", &["/reporter/email"]),
    ("phone", "field_phone", &["/reporter/phone"]),
    (
        "may_contact",
        "field_may_contact",
        &["/reporter", "/reporter/may_contact"],
    ),
];

fn label(t: &'static Texts, key: &str) -> &'static str {
    match key {
        "field_category" => t.field_category,
        "field_text" => t.field_text,
        "field_location" => t.field_location,
        "field_name" => t.field_name,
        "field_email" => t.field_email,
        "field_phone" => t.field_phone,
        _ => t.field_may_contact,
    }
}

impl FieldErrors {
    /// Places each error by its pointer; the first error of a field wins.
    fn from_problem(t: &'static Texts, errors: &[FieldError]) -> FieldErrors {
        let mut shown = FieldErrors::default();
        let mut general = Vec::new();
        for (field, label_key, pointers) in FIELDS {
            let Some(e) = errors
                .iter()
                .find(|e| pointers.contains(&e.pointer.as_str()))
            else {
                continue;
            };
            let slot = match *field {
                "category" => &mut shown.category,
                "text" => &mut shown.text,
                "location" => &mut shown.location,
                "name" => &mut shown.name,
                "email" => &mut shown.email,
                "phone" => &mut shown.phone,
                _ => &mut shown.may_contact,
            };
            *slot = Some(e.detail.clone());
            shown.summary.push(SummaryLine {
                href: format!("#feld-{}", field.replace('_', "-")),
                label: label(t, label_key),
                text: e.detail.clone(),
            });
        }
        for e in errors {
            let placed = FIELDS
                .iter()
                .any(|(_, _, pointers)| pointers.contains(&e.pointer.as_str()));
            if !placed && !general.contains(&e.detail) {
                general.push(e.detail.clone());
            }
        }
        shown
            .summary
            .extend(general.into_iter().map(|text| SummaryLine {
                href: String::new(),
                label: "",
                text,
            }));
        shown
    }

    /// One error of the whole form.
    fn general(text: impl Into<String>) -> FieldErrors {
        FieldErrors {
            summary: vec![SummaryLine {
                href: String::new(),
                label: "",
                text: text.into(),
            }],
            ..FieldErrors::default()
        }
    }
}

#[derive(Template)]
#[template(path = "concern_form.html")]
struct FormPage {
    layout: Layout,
    t: &'static Texts,
    municipality: Municipality,
    categories: Vec<Category>,
    input: ConcernInput,
    may_contact: bool,
    errors: FieldErrors,
}

fn breadcrumbs(m: &Municipality) -> Vec<Link> {
    vec![
        home_link(),
        Link {
            href: m.href(),
            text: m.name.clone(),
        },
    ]
}

async fn render_form(
    state: &AppState,
    municipality: Municipality,
    input: ConcernInput,
    errors: FieldErrors,
    status: StatusCode,
) -> Response {
    let categories = concerns::categories(state, municipality.id, &municipality.slug).await;
    let title = if errors.summary.is_empty() {
        DE.concern_title.to_owned()
    } else {
        format!("{}: {}", DE.error_prefix, DE.concern_title)
    };
    let page = FormPage {
        layout: Layout::new(title, breadcrumbs(&municipality)),
        t: &DE,
        may_contact: input.may_contact.is_some(),
        municipality,
        categories,
        input,
        errors,
    };
    html(status, &page)
}

/// `GET /kommunen/{slug}/anliegen`: the empty form.
async fn form(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let municipality = Municipality::by_slug(&state, &slug).await?;
    Ok(render_form(
        &state,
        municipality,
        ConcernInput::default(),
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await)
}

/// `POST /kommunen/{slug}/anliegen`: takes the concern in and sends the resident to its
/// status page (303), or shows the form again with the errors (422).
async fn submit(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ClientAddr(client): ClientAddr,
    input: Result<Form<ConcernInput>, FormRejection>,
) -> Result<Response, PageError> {
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let input = match input {
        Ok(Form(input)) => input,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Ok(notice(
                &municipality,
                StatusCode::PAYLOAD_TOO_LARGE,
                DE.too_large_title,
                DE.too_large_text.to_owned(),
            ));
        }
        Err(_) => {
            return Ok(render_form(
                &state,
                municipality,
                ConcernInput::default(),
                FieldErrors::general(DE.form_unreadable),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await);
        }
    };
    let scope = municipality.public_scope();
    let outcome = concerns::submit_public(&state, &scope, client, submission(&input)).await;
    let errors = match outcome {
        Ok(submitted) => {
            return Ok(
                Redirect::to(&format!("/status/anliegen/{}?neu", submitted.status_token))
                    .into_response(),
            );
        }
        Err(Error::Invalid(errors) | Error::FormInvalid(errors)) => {
            if errors.iter().any(|e| e.pointer == "/website") {
                return Ok(notice(
                    &municipality,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    DE.refused_title,
                    DE.refused_text.to_owned(),
                ));
            }
            FieldErrors::from_problem(&DE, &errors)
        }
        Err(Error::RateLimited { detail, .. }) => {
            return Ok(notice(
                &municipality,
                StatusCode::TOO_MANY_REQUESTS,
                DE.rate_limited_title,
                detail,
            ));
        }
        Err(Error::Client(Code::BodyTooLarge, _)) => {
            return Ok(notice(
                &municipality,
                StatusCode::PAYLOAD_TOO_LARGE,
                DE.too_large_title,
                DE.too_large_text.to_owned(),
            ));
        }
        Err(Error::Client(code, detail)) => {
            FieldErrors::general(detail.unwrap_or_else(|| code.de().to_owned()))
        }
        Err(Error::NotFound) => return Err(PageError::NotFound),
        Err(Error::Database(e)) => return Err(PageError::Database(e)),
        Err(Error::Internal(e)) => return Err(PageError::Internal(e)),
    };
    Ok(render_form(
        &state,
        municipality,
        input,
        errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await)
}

fn notice(m: &Municipality, status: StatusCode, heading: &'static str, text: String) -> Response {
    let back = Link {
        href: format!("{}/anliegen", m.href()),
        text: DE.back_to_form.to_owned(),
    };
    super::notice(status, heading, text, back, breadcrumbs(m))
}

/// The concern as the public API takes it (`schemas/forms/concern.schema.json`). Empty
/// fields are left out, so a missing required one is reported as missing.
fn submission(input: &ConcernInput) -> Value {
    fn put(object: &mut Map<String, Value>, key: &str, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            object.insert(key.to_owned(), Value::String(value.to_owned()));
        }
    }
    let mut data = Map::new();
    put(&mut data, "category", &input.category);
    put(&mut data, "text", &input.text);
    if !input.location.trim().is_empty() {
        data.insert(
            "location".to_owned(),
            json!({"description": input.location.trim()}),
        );
    }
    let may_contact = input.may_contact.is_some();
    let mut reporter = Map::new();
    put(&mut reporter, "name", &input.name);
    put(&mut reporter, "email", &input.email);
    put(&mut reporter, "phone", &input.phone);
    if may_contact || !reporter.is_empty() {
        reporter.insert("may_contact".to_owned(), Value::Bool(may_contact));
        data.insert("reporter".to_owned(), Value::Object(reporter));
    }
    // Passed on as sent: the shared intake refuses a filled-in honeypot.
    data.insert("website".to_owned(), Value::String(input.website.clone()));
    Value::Object(data)
}

/// A line of the facts list of a status page.
struct Fact {
    label: &'static str,
    value: String,
    /// Machine-readable value for `<time datetime>`, when it is a point in time.
    datetime: Option<String>,
}

fn when(label: &'static str, t: Option<Timestamp>) -> Option<Fact> {
    t.map(|t| {
        let local = berlin(t.0);
        Fact {
            label,
            value: format!(
                "{}, {} {}",
                local.format("%d.%m.%Y"),
                local.format("%H:%M"),
                DE.oclock
            ),
            datetime: Some(t.to_db()),
        }
    })
}

fn amount(label: &'static str, cents: Option<i64>) -> Option<Fact> {
    cents.map(|c| Fact {
        label,
        value: euros(c),
        datetime: None,
    })
}

#[derive(Template)]
#[template(path = "status.html")]
struct StatusPage {
    layout: Layout,
    t: &'static Texts,
    heading: &'static str,
    /// Shown once, right after the form was sent.
    received: Option<&'static str>,
    reference: String,
    state: &'static str,
    facts: Vec<Fact>,
    /// (heading, text, shown when the text is missing)
    sections: Vec<(&'static str, Option<String>, &'static str)>,
}

/// `GET /status/anliegen/{token}`: the concern as the resident may see it.
async fn concern_status(
    State(state): State<AppState>,
    Path(token): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let status: PublicStatus = match concerns::status_by_token(&state, &token).await {
        Ok(status) => status,
        Err(Error::Database(e)) => return Err(PageError::Database(e)),
        Err(_) => return Err(PageError::NotFound),
    };
    let facts = [
        when(DE.received_at, Some(status.received_at)),
        when(DE.forwarded_at, status.forwarded_at),
        when(DE.reported_at, status.reported_at),
        when(DE.closed_at, status.closed_at),
        when(DE.updated_at, Some(status.updated_at)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let page = StatusPage {
        layout: Layout::new(DE.concern_status_title, vec![home_link()]),
        t: &DE,
        heading: DE.concern_status_title,
        received: (query.as_deref() == Some("neu")).then_some(DE.concern_received),
        reference: status.reference,
        state: status.state.label_de(),
        facts,
        sections: vec![(DE.feedback_heading, status.feedback, DE.no_feedback)],
    };
    Ok(html(StatusCode::OK, &page))
}

/// `GET /status/antrag/{token}`: a fund application as its applicant may see it — the same
/// fields as `GET /api/v1/public/fund-applications/{token}`.
async fn application_status(
    State(state): State<AppState>,
    Path(token): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let row = crate::funds::public::status_by_token(&state.db, &token)
        .await
        .map_err(|e| match e {
            crate::error::Error::Database(e) => PageError::Database(e),
            _ => PageError::NotFound,
        })?
        .ok_or(PageError::NotFound)?;
    let proof_due = row.proof_due_on.map(|date| Fact {
        label: DE.proof_due,
        value: date.naive().format("%d.%m.%Y").to_string(),
        datetime: Some(date.to_string()),
    });
    let facts = [
        when(DE.submitted_at, Some(row.submitted_at)),
        when(DE.decided_at, row.decided_at),
        when(DE.updated_at, Some(row.updated_at)),
        amount(DE.requested_amount, Some(row.requested_cents)),
        amount(DE.approved_amount, row.approved_cents),
        amount(DE.paid_amount, row.paid_cents),
        proof_due,
    ]
    .into_iter()
    .flatten()
    .collect();
    let sections = row
        .decision_reason
        .map(|reason| (DE.decision_reason, Some(reason), ""))
        .into_iter()
        .collect();
    let page = StatusPage {
        layout: Layout::new(DE.application_status_title, vec![home_link()]),
        t: &DE,
        heading: DE.application_status_title,
        received: (query.as_deref() == Some("neu")).then_some(DE.forms.fund_received),
        reference: row.reference,
        state: row.state.label_de(),
        facts,
        sections,
    };
    Ok(html(StatusCode::OK, &page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_are_left_out_and_consent_alone_makes_a_reporter() {
        let input = ConcernInput {
            category: "schlagloch".to_owned(),
            text: "  ".to_owned(),
            may_contact: Some("ja".to_owned()),
            ..ConcernInput::default()
        };
        assert_eq!(
            submission(&input),
            json!({"category": "schlagloch", "reporter": {"may_contact": true}, "website": ""})
        );
    }

    #[test]
    fn errors_are_placed_by_pointer_and_unknown_ones_go_to_the_summary() {
        let errors = [
            FieldError::new("/text", Code::Required),
            FieldError::new("/reporter", Code::Invalid),
            FieldError::new("/area", Code::Invalid),
        ];
        let shown = FieldErrors::from_problem(&DE, &errors);
        assert!(shown.text.is_some());
        assert!(shown.may_contact.is_some());
        assert!(shown.category.is_none());
        let hrefs: Vec<&str> = shown.summary.iter().map(|s| s.href.as_str()).collect();
        assert_eq!(hrefs, ["#feld-text", "#feld-may-contact", ""]);
    }
}

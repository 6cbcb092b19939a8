//! The resident's pages: the concern form (*Anliegen melden*) and the private status pages of
//! a concern and of a fund application.
//!
//! The form's fields are the municipality's effective concern schema rendered through
//! [`super::schema_form`] (with the names and words the form always had, [`presentation`]),
//! so a field the plugin adds appears here too. It posts to its own address and goes
//! through exactly the intake of the public API ([`crate::concerns::submit_public`]): same
//! rate limit, honeypot, schema and plugin rules. Field errors come back as JSON pointers
//! and are shown next to their fields and in a summary at the top.
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
use serde_json::{Value, json};

use super::format::{berlin, euros};
use super::refusal::{Refusal, refusal};
use super::schema_form::{Item, Look, Order, Posted, Presentation, Raw, SchemaForm};
use super::texts::{DE, Texts};
use super::{Layout, Link, Municipality, PageError, home_link, html, page_error};
use crate::concerns::{self, PublicStatus};
use crate::db::Timestamp;
use crate::error::{Error, FieldError};
use crate::forms::public::{ClientAddr, HONEYPOT};
use crate::messages::Code;
use crate::plugins::FormKind;
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

/// How the concern form presents the effective concern schema: the names, ids and words the
/// form has always had, without what residents do not enter (coordinates, the date staff may
/// set). Fields a plugin adds appear with the schema's words.
fn presentation() -> Presentation {
    let look = |pointer, name, id, label| Look {
        pointer,
        name: Some(name),
        id: Some(id),
        label: Some(label),
        ..Look::default()
    };
    Presentation {
        order: Order::from_text(crate::rules::forms::base_text(FormKind::Concern)),
        hidden: vec!["/submitted_at", "/location/lat", "/location/lon"],
        flat: vec!["/location"],
        fields: vec![
            look("/category", "category", "feld-category", DE.field_category),
            Look {
                hint: Some(DE.hint_text),
                ..look("/text", "text", "feld-text", DE.field_text)
            },
            Look {
                hint: Some(DE.hint_location),
                autocomplete: Some("street-address"),
                errors_from: vec!["/location"],
                ..look(
                    "/location/description",
                    "location",
                    "feld-location",
                    DE.field_location,
                )
            },
            Look {
                pointer: "/reporter",
                label: Some(DE.contact_legend),
                hint: Some(DE.contact_hint),
                ..Look::default()
            },
            Look {
                autocomplete: Some("name"),
                ..look("/reporter/name", "name", "feld-name", DE.field_name)
            },
            look("/reporter/email", "email", "feld-email", DE.field_email),
            look("/reporter/phone", "phone", "feld-phone", DE.field_phone),
            Look {
                hint: Some(DE.hint_may_contact),
                errors_from: vec!["/reporter"],
                ..look(
                    "/reporter/may_contact",
                    "may_contact",
                    "feld-may-contact",
                    DE.field_may_contact,
                )
            },
        ],
    }
}

/// The effective concern schema, its categories offered as choices: the plugin's own, or
/// else the catalogue (`concerns::categories`: the plugin's `describe` or the host's).
async fn schema(state: &AppState, m: &Municipality) -> Result<Value, PageError> {
    let effective = state
        .rules
        .form(m.id, &m.slug, FormKind::Concern)
        .await
        .map_err(page_error)?;
    let mut schema = effective.form.schema.clone();
    if let Some(category) = schema.pointer_mut("/properties/category")
        && category.get("oneOf").is_none()
        && category.get("enum").is_none()
    {
        let choices: Vec<Value> = concerns::categories(state, m.id, &m.slug)
            .await
            .into_iter()
            .map(|c| json!({"const": c.key, "title": c.label}))
            .collect();
        category["oneOf"] = Value::Array(choices);
    }
    Ok(schema)
}

#[derive(Template)]
#[template(path = "concern_form.html")]
struct FormPage {
    layout: Layout,
    t: &'static Texts,
    municipality: Municipality,
    form: SchemaForm,
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

fn render_form(
    municipality: Municipality,
    schema: &Value,
    raw: &Raw,
    errors: &[FieldError],
    status: StatusCode,
) -> Response {
    let form = SchemaForm::new(schema, &presentation(), raw, errors, DE.forms);
    let title = if form.summary.is_empty() {
        DE.concern_title.to_owned()
    } else {
        format!("{}: {}", DE.error_prefix, DE.concern_title)
    };
    let page = FormPage {
        layout: Layout::new(title, breadcrumbs(&municipality)),
        t: &DE,
        municipality,
        form,
    };
    html(status, &page)
}

/// `GET /kommunen/{slug}/anliegen`: the empty form.
async fn form(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let schema = schema(&state, &municipality).await?;
    Ok(render_form(
        municipality,
        &schema,
        &Raw::new(),
        &[],
        StatusCode::OK,
    ))
}

/// `POST /kommunen/{slug}/anliegen`: takes the concern in and sends the resident to its
/// status page (303), or shows the form again with the errors (422).
async fn submit(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ClientAddr(client): ClientAddr,
    input: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, PageError> {
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let schema = schema(&state, &municipality).await?;
    let pairs = match input {
        Ok(Form(pairs)) => pairs,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Ok(notice(
                &municipality,
                StatusCode::PAYLOAD_TOO_LARGE,
                DE.too_large_title,
                DE.too_large_text.to_owned(),
            ));
        }
        Err(_) => Vec::new(),
    };
    let unreadable = pairs.is_empty();
    let posted = Posted::new(pairs);
    let parsed = SchemaForm::parse(&schema, &presentation(), &posted, DE.forms);
    let show_again = |errors: &[FieldError]| {
        render_form(
            municipality.clone(),
            &schema,
            &parsed.raw,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    if unreadable {
        return Ok(show_again(&[FieldError {
            pointer: String::new(),
            code: Code::Invalid.as_str().into(),
            detail: DE.form_unreadable.to_owned(),
        }]));
    }
    let honeypot = posted.first(HONEYPOT).unwrap_or_default().to_owned();
    // A filled-in honeypot goes on to the intake, which refuses it, whatever else is wrong.
    if !parsed.errors.is_empty() && honeypot.trim().is_empty() {
        return Ok(show_again(&parsed.errors));
    }
    let mut data = parsed.value.clone();
    // Passed on as sent: the shared intake refuses a filled-in honeypot.
    data[HONEYPOT] = Value::String(honeypot);
    let scope = municipality.public_scope();
    let errors = match concerns::submit_public(&state, &scope, client.into(), data).await {
        Ok(submitted) => {
            return Ok(
                Redirect::to(&format!("/status/anliegen/{}?neu", submitted.status_token))
                    .into_response(),
            );
        }
        Err(error) => match refusal(error)? {
            Refusal::Fields(errors) => errors,
            Refusal::Notice(status, heading, text) => {
                return Ok(notice(&municipality, status, heading, text));
            }
        },
    };
    Ok(show_again(&errors))
}

fn notice(m: &Municipality, status: StatusCode, heading: &'static str, text: String) -> Response {
    let back = Link {
        href: format!("{}/anliegen", m.href()),
        text: DE.back_to_form.to_owned(),
    };
    super::notice(status, heading, text, back, breadcrumbs(m))
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

    fn posted(pairs: &[(&str, &str)]) -> Posted {
        Posted::new(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    fn base() -> Value {
        crate::rules::forms::base(FormKind::Concern)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .schema
    }

    #[test]
    fn empty_fields_are_left_out_and_consent_alone_makes_a_reporter() {
        let input = posted(&[
            ("category", "schlagloch"),
            ("text", "  "),
            ("location", ""),
            ("may_contact", "ja"),
            ("submitted_at", "2020-01-01T00:00:00Z"),
        ]);
        let parsed = SchemaForm::parse(&base(), &presentation(), &input, DE.forms);
        assert_eq!(
            parsed.value,
            json!({"category": "schlagloch", "reporter": {"may_contact": true}})
        );
    }

    #[test]
    fn errors_are_placed_by_pointer_and_unknown_ones_go_to_the_summary() {
        let errors = [
            FieldError::new("/text", Code::Required),
            FieldError::new("/reporter", Code::Invalid),
            FieldError::new("/location", Code::Invalid),
            FieldError::new("/gibt_es_nicht", Code::Invalid),
        ];
        let form = SchemaForm::new(&base(), &presentation(), &Raw::new(), &errors, DE.forms);
        let hrefs: Vec<&str> = form.summary.iter().map(|s| s.href.as_str()).collect();
        assert_eq!(
            hrefs,
            ["#feld-text", "#feld-location", "#feld-may-contact", ""]
        );
    }
}

//! The resident's fund application (*Fördergeld beantragen*): `GET`/`POST
//! /kommunen/{slug}/foerderantrag`. The fields are the municipality's effective
//! fund-application schema (`Rules::form`, adapted by its plugin) rendered through
//! [`super::schema_form`]; the resident picks one of the funds open to applications (the
//! municipality's funds of this year and later) on the same page.
//!
//! The form goes through exactly the intake of the public API
//! ([`crate::funds::public::submit_public`]): rate limit, size limit, honeypot, schema and
//! plugin rules, routing. Field errors come back as JSON pointers into `/application` and
//! are shown next to their fields and in a summary at the top; a number that cannot be read
//! is reported the same way before anything is sent on. Like the concern form it needs no
//! CSRF token: there is no session, and a forged submission is an anonymous one.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router};
use chrono::Datelike;
use serde_json::{Value, json};

use super::format::{berlin, euros};
use super::refusal::{Refusal, refusal};
use super::schema_form::{Item, Order, Posted, Presentation, Raw, SchemaForm, SummaryLine};
use super::texts::{DE, Texts};
use super::{Layout, Link, Municipality, PageError, home_link, html, page_error};
use crate::db::Timestamp;
use crate::error::FieldError;
use crate::forms::public::{ClientAddr, HONEYPOT};
use crate::funds::public::{OpenFund, open_funds, submit_public};
use crate::messages::Code;
use crate::plugins::FormKind;
use crate::state::AppState;

/// The posted name of the fund choice (the schema's fields are named by JSON pointers).
const FUND: &str = "fund";

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/kommunen/{slug}/foerderantrag",
        axum::routing::get(form).post(submit),
    )
}

/// A fund as the choice shows it.
struct FundChoice {
    id: String,
    label: String,
    chosen: bool,
}

#[derive(Template)]
#[template(path = "fund_application.html")]
struct FormPage {
    layout: Layout,
    t: &'static Texts,
    municipality: Municipality,
    heading: String,
    funds: Vec<FundChoice>,
    fund_error: Option<String>,
    form: SchemaForm,
    /// The fund's line first, then the form's.
    summary: Vec<SummaryLine>,
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

fn fund_label(t: &Texts, fund: &OpenFund) -> String {
    let mut label = format!("{} ({}", fund.name, fund.kind.label_de());
    if let Some(area) = &fund.area_name {
        label.push_str(", ");
        label.push_str(area);
    }
    label.push(')');
    if let Some(cap) = fund.cap_cents {
        label.push_str(" – ");
        label.push_str(&t.forms.fund_cap.replace("{}", &euros(cap)));
    }
    label
}

/// The order of the fields: the base form's, with a plugin's fields after it.
fn order() -> Presentation {
    Presentation::ordered(Order::from_text(crate::rules::forms::base_text(
        FormKind::FundApplication,
    )))
}

/// What the page needs besides the entered values: the funds and the effective schema.
/// The base schema's own description speaks to plugin authors; only an adapted one (the
/// municipality's words) introduces the page.
async fn load(state: &AppState, m: &Municipality) -> Result<(Vec<OpenFund>, Value), PageError> {
    let year = i64::from(berlin(Timestamp::now().0).year());
    let funds = open_funds(&state.db, m.id, year)
        .await
        .map_err(page_error)?;
    let effective = state
        .rules
        .form(m.id, &m.slug, FormKind::FundApplication)
        .await
        .map_err(page_error)?;
    let mut schema = effective.form.schema.clone();
    if effective.adapted_by.is_none()
        && let Some(object) = schema.as_object_mut()
    {
        object.remove("description");
    }
    leave_out_free_keys(&mut schema);
    Ok((funds, schema))
}

/// Optional fields that take a key of a catalogue the schema does not list (the base form's
/// `field_of_action`, "a key of the municipality's catalogue") are nothing a resident can
/// fill in: left out of the page. A plugin that offers the catalogue as choices, or requires
/// the field, keeps it.
fn leave_out_free_keys(schema: &mut Value) {
    const KEYS: [&str; 1] = ["field_of_action"];
    let required: Vec<String> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for key in KEYS {
        let free = properties.get(key).is_some_and(|p| {
            ["enum", "oneOf", "anyOf"]
                .iter()
                .all(|k| p.get(*k).is_none())
        });
        if free && !required.iter().any(|r| r == key) {
            properties.remove(key);
        }
    }
}

struct Shown<'a> {
    fund: &'a str,
    raw: &'a Raw,
    errors: &'a [FieldError],
}

fn render(
    municipality: Municipality,
    funds: &[OpenFund],
    schema: &Value,
    shown: Shown<'_>,
    status: StatusCode,
) -> Response {
    let t = &DE;
    let form = SchemaForm::new(schema, &order(), shown.raw, shown.errors, t.forms);
    let fund_error = shown
        .errors
        .iter()
        .find(|e| e.pointer == "/fund")
        .map(|e| e.detail.clone());
    let mut summary: Vec<SummaryLine> = fund_error
        .iter()
        .map(|text| SummaryLine {
            href: "#feld-fund".to_owned(),
            label: t.forms.fund_field.to_owned(),
            text: text.clone(),
        })
        .collect();
    let only = funds.len() == 1;
    let choices = funds
        .iter()
        .map(|f| {
            let id = f.id.to_string();
            FundChoice {
                chosen: only || id == shown.fund,
                label: fund_label(t, f),
                id,
            }
        })
        .collect();
    summary.extend(form.summary.iter().map(|l| SummaryLine {
        href: l.href.clone(),
        label: l.label.clone(),
        text: l.text.clone(),
    }));
    let heading = form
        .title
        .clone()
        .unwrap_or_else(|| t.forms.fund_title.to_owned());
    let title = if summary.is_empty() {
        heading.clone()
    } else {
        format!("{}: {heading}", t.error_prefix)
    };
    let page = FormPage {
        layout: Layout::new(title, breadcrumbs(&municipality)),
        t,
        municipality,
        heading,
        funds: choices,
        fund_error,
        form,
        summary,
    };
    html(status, &page)
}

/// `GET /kommunen/{slug}/foerderantrag`: the empty form.
async fn form(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let (funds, schema) = load(&state, &municipality).await?;
    let shown = Shown {
        fund: "",
        raw: &Raw::new(),
        errors: &[],
    };
    Ok(render(municipality, &funds, &schema, shown, StatusCode::OK))
}

/// `POST /kommunen/{slug}/foerderantrag`: takes the application in and sends the resident
/// to its status page (303), or shows the form again with the errors (422).
async fn submit(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ClientAddr(client): ClientAddr,
    input: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, PageError> {
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let (funds, schema) = load(&state, &municipality).await?;
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
    let parsed = SchemaForm::parse(&schema, &order(), &posted, DE.forms);
    let fund = posted.first(FUND).unwrap_or_default().trim().to_owned();
    let show_again = |errors: Vec<FieldError>| {
        let shown = Shown {
            fund: &fund,
            raw: &parsed.raw,
            errors: &errors,
        };
        render(
            municipality.clone(),
            &funds,
            &schema,
            shown,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    if unreadable {
        return Ok(show_again(vec![FieldError {
            pointer: String::new(),
            code: Code::Invalid.as_str().into(),
            detail: DE.form_unreadable.to_owned(),
        }]));
    }
    let honeypot = posted.first(HONEYPOT).unwrap_or_default().to_owned();
    // A filled-in honeypot goes on to the intake, which refuses it, whatever else is wrong.
    if !parsed.errors.is_empty() && honeypot.trim().is_empty() {
        return Ok(show_again(parsed.errors.clone()));
    }
    let mut body = json!({"application": parsed.value});
    if !fund.is_empty() {
        body[FUND] = Value::String(fund.clone());
    }
    // Passed on as sent: the shared intake refuses a filled-in honeypot.
    body[HONEYPOT] = Value::String(honeypot);
    let scope = municipality.public_scope();
    let errors = match submit_public(&state, &scope, client, body).await {
        Ok(submitted) => {
            return Ok(
                Redirect::to(&format!("/status/antrag/{}?neu", submitted.status_token))
                    .into_response(),
            );
        }
        Err(error) => match refusal(error)? {
            Refusal::Fields(errors) => errors.into_iter().map(into_form).collect(),
            Refusal::Notice(status, heading, text) => {
                return Ok(notice(&municipality, status, heading, text));
            }
        },
    };
    Ok(show_again(errors))
}

/// An intake error as the form places it: `/application/x` is the form's `/x`; `/fund` stays.
fn into_form(mut error: FieldError) -> FieldError {
    if let Some(rest) = error.pointer.strip_prefix("/application")
        && (rest.is_empty() || rest.starts_with('/'))
    {
        error.pointer = rest.to_owned();
    }
    error
}

fn notice(m: &Municipality, status: StatusCode, heading: &'static str, text: String) -> Response {
    let back = Link {
        href: format!("{}/foerderantrag", m.href()),
        text: DE.back_to_form.to_owned(),
    };
    super::notice(status, heading, text, back, breadcrumbs(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_of_the_application_lose_their_prefix_and_others_keep_it() {
        let moved = into_form(FieldError::new(
            "/application/applicant/name",
            Code::Required,
        ));
        assert_eq!(moved.pointer, "/applicant/name");
        assert_eq!(
            into_form(FieldError::new("/application", Code::Required)).pointer,
            ""
        );
        assert_eq!(
            into_form(FieldError::new("/fund", Code::Required)).pointer,
            "/fund"
        );
        assert_eq!(
            into_form(FieldError::new("/applications", Code::Required)).pointer,
            "/applications"
        );
    }
}

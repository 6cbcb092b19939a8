//! The persons of the network for staff (`GET /arbeit/{municipality}/personen?q=…`): the
//! API's list (`persons::list`: by name, erased ones last, no contact data, so not a logged
//! read), searched by name, a page at a time, with each person's consents; and the form
//! that creates one (`POST …/personen` → `persons::create`). One person: `person_page.rs`.

use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use super::frame::{Frame, PERSONS};
use super::page_form::SummaryEntry;
use super::person_form::{PersonForm, PersonPosted};
use super::reports::staff_scope;
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::PageParams;
use crate::auth::Scope;
use crate::network::persons::{self, PersonFilter};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{PERSONS}"),
        get(page).post(create),
    )
}

/// `…/personen` of municipality `slug`.
pub(super) fn persons_path(slug: &str) -> String {
    format!("{START}/{slug}/{PERSONS}")
}

#[derive(Debug)]
struct Row {
    href: String,
    name: String,
    listed: &'static str,
    contact: &'static str,
    erased: bool,
}

#[derive(Template)]
#[template(path = "persons.html")]
struct PersonsPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    action: String,
    q: String,
    rows: Vec<Row>,
    range: String,
    previous: Option<String>,
    next: Option<String>,
    form: PersonForm,
    summary: Vec<SummaryEntry>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    q: Option<String>,
    offset: Option<String>,
}

/// `GET …/personen`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    render(
        &state,
        &signed_in,
        &scope,
        wanted,
        StatusCode::OK,
        PersonForm::default(),
    )
    .await
}

async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    wanted: Wanted,
    status: StatusCode,
    form: PersonForm,
) -> Result<Response, PageError> {
    let t = &DE.network;
    let q = wanted
        .q
        .unwrap_or_default()
        .chars()
        .take(crate::api::validate::NAME_MAX)
        .collect::<String>();
    let offset = wanted
        .offset
        .as_deref()
        .and_then(|o| o.parse::<i64>().ok())
        .unwrap_or(0)
        .max(0);
    let filter = PersonFilter {
        page: PageParams {
            limit: None,
            offset: Some(offset),
        },
        organisation_id: None,
        q: Some(q.clone()),
    };
    let page = persons::list(state, scope, &filter)
        .await
        .map_err(page_error)?;
    let base = persons_path(&scope.slug);
    let href = |offset: i64| {
        let query = serde_urlencoded::to_string([("q", q.clone()), ("offset", offset.to_string())])
            .unwrap_or_default();
        format!("{base}?{query}")
    };
    let yes_no = |b: Option<bool>| if b == Some(true) { t.yes } else { t.no };
    let shown_to = page.offset + i64::try_from(page.items.len()).unwrap_or_default();
    let rows = page
        .items
        .iter()
        .map(|p| Row {
            href: format!("{base}/{}", p.id),
            name: p.name.clone().unwrap_or_else(|| t.erased.to_owned()),
            listed: yes_no(p.listed_publicly),
            contact: yes_no(p.may_contact),
            erased: p.erased == Some(true),
        })
        .collect();
    let municipality = Municipality::by_slug(state, &scope.slug).await?;
    let persons = PersonsPage {
        layout: Layout::new(
            format!("{} – {}", t.persons_title, municipality.name),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(&scope.slug), &base),
        municipality,
        action: base.clone(),
        q: q.clone(),
        rows,
        range: t.range((page.offset + 1).min(shown_to), shown_to, page.total),
        previous: (page.offset > 0).then(|| href((page.offset - page.limit).max(0))),
        next: (shown_to < page.total).then(|| href(shown_to)),
        summary: form.summary(None),
        form,
    };
    Ok(html(status, &persons))
}

/// `POST …/personen`: creates the person and opens its page.
async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Form(posted): Form<PersonPosted>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    match persons::create(&state, &scope, &posted.input()).await {
        Ok(person) => {
            let to = format!("{}/{}?hinweis=angelegt", persons_path(&slug), person.id);
            Ok(Redirect::to(&to).into_response())
        }
        Err(e) => match PersonForm::refused(&posted, &e) {
            Some(form) => {
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                render(&state, &signed_in, &scope, Wanted::default(), status, form).await
            }
            None => Err(page_error(e)),
        },
    }
}

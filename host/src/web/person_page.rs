//! One person for staff (`GET /arbeit/{municipality}/personen/{id}`): the contact details
//! through `persons::read_for_staff`, which logs the read as the API does; the form that
//! changes the fields (`POST …/personen/{id}` → `persons::update`, with the version the form
//! was made from) and the erasure on request (`POST …/personen/{id}/loeschen` →
//! `persons::erase`, only with the confirmation that the person asked for it).

use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::format::berlin;
use super::frame::{Frame, PERSONS};
use super::person_form::{PersonForm, PersonPosted};
use super::person_list::persons_path;
use super::reports::staff_scope;
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Link, Municipality, PageError, html, page_error};
use crate::api::extract::IfMatch;
use crate::auth::Scope;
use crate::db::Id;
use crate::error::Error;
use crate::network::persons::{self, Person};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    let one = format!("{START}/{{municipality}}/{PERSONS}/{{id}}");
    Router::new()
        .route(&one, get(page).post(update))
        .route(&format!("{one}/loeschen"), post(erase))
}

#[derive(Template)]
#[template(path = "person_page.html")]
struct PersonPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    person: Person,
    name: String,
    erased_on: Option<String>,
    action: String,
    back: Link,
    form: PersonForm,
    notice: Option<&'static str>,
    /// A refusal that belongs to no field (a stale version, a missing confirmation).
    problem: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    hinweis: Option<String>,
}

/// What a page shows besides the person.
#[derive(Default)]
struct View {
    form: Option<PersonForm>,
    notice: Option<&'static str>,
    problem: Option<String>,
}

/// `GET …/personen/{id}`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let t = &DE.network;
    let notice = match wanted.hinweis.as_deref() {
        Some("angelegt") => Some(t.created_notice),
        Some("gespeichert") => Some(t.saved_notice),
        Some("geloescht") => Some(t.erased_notice),
        _ => None,
    };
    let view = View {
        notice,
        ..View::default()
    };
    render(&state, &signed_in, &scope, id, StatusCode::OK, view).await
}

async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    id: Id,
    status: StatusCode,
    view: View,
) -> Result<Response, PageError> {
    let t = &DE.network;
    let person = persons::read_for_staff(state, scope, id)
        .await
        .map_err(page_error)?;
    let municipality = Municipality::by_slug(state, &scope.slug).await?;
    let name = person.name.clone().unwrap_or_else(|| t.erased.to_owned());
    let list = persons_path(&scope.slug);
    let page = PersonPage {
        layout: Layout::new(
            format!("{name} – {} – {}", t.persons_title, municipality.name),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(&scope.slug), &list),
        municipality,
        erased_on: person
            .erased_at
            .map(|at| berlin(at.0).format("%d.%m.%Y").to_string()),
        form: view.form.unwrap_or_else(|| PersonForm::of(&person)),
        action: format!("{list}/{id}"),
        back: Link {
            href: list,
            text: t.back_to_persons.to_owned(),
        },
        name,
        person,
        notice: view.notice,
        problem: view.problem,
    };
    Ok(html(status, &page))
}

/// `POST …/personen/{id}`: saves the fields, then back to the page.
async fn update(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Form(posted): Form<PersonPosted>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let outcome = persons::update(&state, &scope, id, &version(&posted), &posted.input()).await;
    done(
        &state,
        &signed_in,
        &scope,
        id,
        outcome,
        &posted,
        "gespeichert",
    )
    .await
}

/// `POST …/personen/{id}/loeschen`: erases the personal data, if confirmed.
async fn erase(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Form(posted): Form<PersonPosted>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    if posted.confirm.is_none() {
        let view = View {
            problem: Some(DE.network.erase_unconfirmed.to_owned()),
            ..View::default()
        };
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return render(&state, &signed_in, &scope, id, status, view).await;
    }
    let outcome = persons::erase(&state, &scope, id, &version(&posted)).await;
    done(
        &state,
        &signed_in,
        &scope,
        id,
        outcome,
        &posted,
        "geloescht",
    )
    .await
}

/// The form's version as `If-Match`; one that is no number matches none (refused as stale).
fn version(posted: &PersonPosted) -> IfMatch {
    IfMatch::Version(posted.version.trim().parse::<i64>().unwrap_or(0))
}

/// After a step: back to the page with a notice, or the page with the refusal.
async fn done(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    id: Id,
    outcome: Result<Person, Error>,
    posted: &PersonPosted,
    notice: &str,
) -> Result<Response, PageError> {
    let e = match outcome {
        Ok(_) => {
            let to = format!("{}/{id}?hinweis={notice}", persons_path(&scope.slug));
            return Ok(Redirect::to(&to).into_response());
        }
        Err(e) => e,
    };
    let view = match (&e, PersonForm::refused(posted, &e)) {
        (_, Some(form)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            View {
                form: Some(form),
                ..View::default()
            },
        ),
        (Error::Client(code, detail), None) => (
            code.status(),
            View {
                problem: Some(detail.clone().unwrap_or_else(|| code.de().to_owned())),
                ..View::default()
            },
        ),
        (_, None) => return Err(page_error(e)),
    };
    render(state, signed_in, scope, id, view.0, view.1).await
}

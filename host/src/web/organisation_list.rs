//! The organisations of the network for staff (`GET /arbeit/{municipality}/organisationen`):
//! the API's list (`network::list_organisations`, by name) searched by name a page at a
//! time, and the form that creates one (`POST …/organisationen` →
//! `network::create_organisation`, the API's function with its rule, checks and audit
//! entries). Organisations belong to no municipality, so the search comes before creating.

use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use super::frame::{Frame, ORGANISATIONS};
use super::page_form::{
    Attempt, Choice, Field, Group, PageForm, SummaryEntry, invalid, posted, refused, summary,
};
use super::reports::staff_scope;
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::PageParams;
use crate::api::validate::NAME_MAX;
use crate::auth::Scope;
use crate::error::Error;
use crate::messages::Code;
use crate::network::kinds::OrganisationKind;
use crate::network::{self, OrganisationFilter, OrganisationInput};
use crate::state::AppState;

/// The form's id.
const NEW: &str = "organisation";
/// The `hinweis` after creating an organisation.
const CREATED: &str = "angelegt";
/// The form's fields besides the kind, as the API names them.
const TEXTS: [&str; 5] = ["name", "email", "phone", "website", "address"];

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{ORGANISATIONS}"),
        get(page).post(create),
    )
}

fn organisations_path(slug: &str) -> String {
    format!("{START}/{slug}/{ORGANISATIONS}")
}

#[derive(Debug)]
struct Row {
    name: String,
    kind: &'static str,
    email: String,
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct OrganisationsPage {
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
    notice: Option<&'static str>,
    form: PageForm,
    summary: Vec<SummaryEntry>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    q: Option<String>,
    offset: Option<String>,
    hinweis: Option<String>,
}

/// `GET …/organisationen`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    render(&state, &signed_in, &scope, wanted, StatusCode::OK, None).await
}

fn form(slug: &str, attempt: Option<&Attempt>) -> PageForm {
    let t = &DE.network;
    let kinds = OrganisationKind::ALL
        .iter()
        .map(|k| Choice::new(k.as_str(), k.label_de()))
        .collect();
    let mut form = PageForm {
        id: NEW,
        heading: t.organisation_heading,
        hint: None,
        action: organisations_path(slug),
        version: None,
        groups: vec![Group {
            legend: None,
            fields: vec![
                Field::new(NEW, "name", t.field_organisation_name).required(),
                Field::new(NEW, "kind", t.field_kind)
                    .choices(kinds)
                    .required(),
                Field::new(NEW, "email", t.field_email),
                Field::new(NEW, "phone", t.field_phone),
                Field::new(NEW, "website", t.field_website).hint(t.website_hint),
                Field::new(NEW, "address", t.field_address).kind("text"),
            ],
        }],
        button: t.organisation_button,
    };
    form.refill(attempt);
    form
}

async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    wanted: Wanted,
    status: StatusCode,
    attempt: Option<Attempt>,
) -> Result<Response, PageError> {
    let t = &DE.network;
    let q: String = wanted
        .q
        .unwrap_or_default()
        .chars()
        .take(NAME_MAX)
        .collect();
    let offset = wanted
        .offset
        .as_deref()
        .and_then(|o| o.parse::<i64>().ok())
        .unwrap_or(0)
        .max(0);
    let filter = OrganisationFilter {
        page: PageParams {
            limit: None,
            offset: Some(offset),
        },
        kind: None,
        q: Some(q.clone()),
        area_id: None,
    };
    let page = network::list_organisations(state, &filter)
        .await
        .map_err(page_error)?;
    let rows = page
        .items
        .iter()
        .map(|o| Row {
            name: o.name.clone(),
            kind: o.kind.label_de(),
            email: o.email.clone().unwrap_or_default(),
        })
        .collect();
    let base = organisations_path(&scope.slug);
    let href = |offset: i64| {
        let query = serde_urlencoded::to_string([("q", q.clone()), ("offset", offset.to_string())])
            .unwrap_or_default();
        format!("{base}?{query}")
    };
    let shown_to = page.offset + i64::try_from(page.items.len()).unwrap_or_default();
    let notice =
        (wanted.hinweis.as_deref() == Some(CREATED)).then_some(t.organisation_created_notice);
    let municipality = Municipality::by_slug(state, &scope.slug).await?;
    let organisations = OrganisationsPage {
        layout: Layout::new(
            format!("{} – {}", t.organisations_title, municipality.name),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(&scope.slug), &base),
        municipality,
        action: base.clone(),
        rows,
        range: t.organisations_range((page.offset + 1).min(shown_to), shown_to, page.total),
        previous: (page.offset > 0).then(|| href((page.offset - page.limit).max(0))),
        next: (shown_to < page.total).then(|| href(shown_to)),
        q,
        notice,
        summary: summary(attempt.as_ref()),
        form: form(&scope.slug, attempt.as_ref()),
    };
    Ok(html(status, &organisations))
}

/// The API's input from the form; a kind not offered is refused at its field.
fn input(sent: &[(String, String)]) -> Result<OrganisationInput, Error> {
    let value = |name: &str| posted(sent, name).unwrap_or_default().trim().to_owned();
    let optional = |name: &str| Some(value(name)).filter(|v| !v.is_empty());
    let kind = value("kind")
        .parse::<OrganisationKind>()
        .map_err(|_| invalid("/kind", DE.projects.unknown_choice))?;
    Ok(OrganisationInput {
        name: value("name"),
        kind,
        parent_id: None,
        email: optional("email"),
        phone: optional("phone"),
        website: optional("website"),
        address: optional("address"),
        area_ids: Vec::new(),
    })
}

/// `POST …/organisationen`: creates the organisation, then its name in the search.
async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Form(sent): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let outcome = match input(&sent) {
        Ok(input) => network::create_organisation(&state, &scope.caller, &input).await,
        Err(e) => Err(e),
    };
    let error = match outcome {
        Ok(created) => {
            let query = serde_urlencoded::to_string([
                ("q", created.organisation.name.as_str()),
                ("hinweis", CREATED),
            ])
            .unwrap_or_default();
            let to = format!("{}?{query}", organisations_path(&slug));
            return Ok(Redirect::to(&to).into_response());
        }
        Err(e) => e,
    };
    let stale = Code::PreconditionFailed.de();
    let (status, attempt) = refused(NEW, sent, error, stale, |p| {
        let name = p.trim_start_matches('/');
        (name == "kind" || TEXTS.contains(&name)).then(|| name.to_owned())
    })?;
    let wanted = Wanted::default();
    render(&state, &signed_in, &scope, wanted, status, Some(attempt)).await
}

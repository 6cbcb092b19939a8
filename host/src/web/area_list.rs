//! The municipality's areas for staff (`GET /arbeit/{municipality}/gebiete`): the API's list
//! (`network::list_areas`, by name) a page at a time, and the form that creates one
//! (`POST …/gebiete` → `network::create_area`, the API's own function with its permission
//! check — staff —, validation and audit entry).

use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use super::format::value;
use super::frame::{AREAS, Frame};
use super::page_form::{
    Attempt, Choice, Field, Group, PageForm, SummaryEntry, invalid, join, posted, refused, summary,
};
use super::reports::staff_scope;
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::{MAX_LIMIT, PageParams};
use crate::auth::Scope;
use crate::db::Id;
use crate::error::Error;
use crate::messages::Code;
use crate::network::kinds::AreaKind;
use crate::network::{self, Area, AreaFilter, AreaInput};
use crate::state::AppState;

/// The form's id.
const NEW: &str = "gebiet";
/// The `hinweis` after creating an area.
const CREATED: &str = "angelegt";

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{AREAS}"),
        get(page).post(create),
    )
}

fn areas_path(slug: &str) -> String {
    format!("{START}/{slug}/{AREAS}")
}

#[derive(Debug)]
struct Row {
    name: String,
    kind: &'static str,
    parent: String,
    population: String,
}

#[derive(Template)]
#[template(path = "areas.html")]
struct AreasPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
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
    offset: Option<String>,
    hinweis: Option<String>,
}

/// `GET …/gebiete`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    render(&state, &signed_in, &scope, wanted, StatusCode::OK, None).await
}

/// All areas (up to the API's page size), the choices of the parent field and the names
/// of the parents in the list.
async fn all_areas(state: &AppState, scope: &Scope) -> Result<Vec<Area>, PageError> {
    let filter = AreaFilter {
        page: PageParams {
            limit: Some(MAX_LIMIT),
            offset: None,
        },
        parent_id: None,
        kind: None,
    };
    let page = network::list_areas(state, scope, filter)
        .await
        .map_err(page_error)?;
    Ok(page.items)
}

fn form(slug: &str, areas: &[Area], attempt: Option<&Attempt>) -> PageForm {
    let t = &DE.network;
    let kinds = AreaKind::ALL
        .iter()
        .map(|k| Choice::new(k.as_str(), k.label_de()))
        .collect();
    let mut parents = vec![Choice::new("", t.no_parent)];
    parents.extend(areas.iter().map(|a| Choice::new(a.id.to_string(), &a.name)));
    let mut form = PageForm {
        id: NEW,
        heading: t.area_heading,
        hint: Some(t.area_hint),
        action: areas_path(slug),
        version: None,
        groups: vec![Group {
            legend: None,
            fields: vec![
                Field::new(NEW, "name", t.field_area_name).required(),
                Field::new(NEW, "kind", t.field_kind)
                    .choices(kinds)
                    .required(),
                Field::new(NEW, "parent_id", t.field_parent).choices(parents),
                Field::new(NEW, "population", t.field_population)
                    .kind("number")
                    .hint(t.population_hint),
            ],
        }],
        button: t.area_button,
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
    let offset = wanted
        .offset
        .as_deref()
        .and_then(|o| o.parse::<i64>().ok())
        .unwrap_or(0)
        .max(0);
    let filter = AreaFilter {
        page: PageParams {
            limit: None,
            offset: Some(offset),
        },
        parent_id: None,
        kind: None,
    };
    let page = network::list_areas(state, scope, filter)
        .await
        .map_err(page_error)?;
    let all = all_areas(state, scope).await?;
    let name_of = |id: Option<Id>| {
        id.and_then(|id| all.iter().find(|a| a.id == id))
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let rows = page
        .items
        .iter()
        .map(|a| Row {
            name: a.name.clone(),
            kind: a.kind.label_de(),
            parent: name_of(a.parent_id),
            // Counts of people, far below 2^53: exact as a float.
            population: a.population.map(|p| value(p as f64)).unwrap_or_default(),
        })
        .collect();
    let base = areas_path(&scope.slug);
    let shown_to = page.offset + i64::try_from(page.items.len()).unwrap_or_default();
    let notice = (wanted.hinweis.as_deref() == Some(CREATED)).then_some(t.area_created_notice);
    let form = form(&scope.slug, &all, attempt.as_ref());
    let municipality = Municipality::by_slug(state, &scope.slug).await?;
    let areas = AreasPage {
        layout: Layout::new(
            format!("{} – {}", t.areas_title, municipality.name),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(&scope.slug), &base),
        municipality,
        rows,
        range: t.areas_range((page.offset + 1).min(shown_to), shown_to, page.total),
        previous: (page.offset > 0)
            .then(|| format!("{base}?offset={}", (page.offset - page.limit).max(0))),
        next: (shown_to < page.total).then(|| format!("{base}?offset={shown_to}")),
        notice,
        summary: summary(attempt.as_ref()),
        form,
    };
    Ok(html(status, &areas))
}

/// The API's input from the form; what cannot be read is refused at its field.
fn input(sent: &[(String, String)]) -> Result<AreaInput, Error> {
    let value = |name: &str| posted(sent, name).unwrap_or_default().trim().to_owned();
    let mut errors = Vec::new();
    let kind = value("kind")
        .parse::<AreaKind>()
        .map_err(|_| errors.push(invalid("/kind", DE.projects.unknown_choice)));
    let parent = value("parent_id");
    let parent_id = (!parent.is_empty())
        .then(|| parent.parse::<Id>())
        .transpose()
        .map_err(|_| errors.push(invalid("/parent_id", DE.projects.unknown_choice)));
    let population = value("population");
    let population = (!population.is_empty())
        .then(|| population.parse::<i64>())
        .transpose()
        .map_err(|_| errors.push(invalid("/population", DE.network.not_a_count)));
    if let Some(refusal) = join(errors) {
        return Err(refusal);
    }
    match (kind, parent_id, population) {
        (Ok(kind), Ok(parent_id), Ok(population)) => Ok(AreaInput {
            kind,
            name: value("name"),
            parent_id,
            population,
        }),
        _ => Err(invalid("/kind", DE.projects.unknown_choice)),
    }
}

/// `POST …/gebiete`: creates the area, then back to the list with a notice.
async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Form(sent): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let outcome = match input(&sent) {
        Ok(input) => network::create_area(&state, &scope, &input).await.map(drop),
        Err(e) => Err(e),
    };
    let error = match outcome {
        Ok(()) => {
            let to = format!("{}?hinweis={CREATED}", areas_path(&slug));
            return Ok(Redirect::to(&to).into_response());
        }
        Err(e) => e,
    };
    let stale = Code::PreconditionFailed.de();
    let (status, attempt) = refused(NEW, sent, error, stale, |p| {
        let name = p.trim_start_matches('/');
        matches!(name, "name" | "kind" | "parent_id" | "population").then(|| name.to_owned())
    })?;
    let wanted = Wanted::default();
    render(&state, &signed_in, &scope, wanted, status, Some(attempt)).await
}

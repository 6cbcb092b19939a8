//! One project's page (`GET /arbeit/{municipality}/massnahmen/{id}`): its facts (field of
//! action by the catalogue's label, lead and partners, budget, schedule, state), the goal
//! hierarchy Leitziel → Handlungsziel → target with each target's measurements over time and
//! its progress, the history, and the forms of the steps the person may take
//! (`project_forms.rs`, posted to `project_steps.rs`).
//!
//! Everything is read through the projects feature with the person's `Scope`
//! (`projects::project`, `projects::measurements`): a project they may not see, of another
//! municipality or unknown is the same 404.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::format::{day, day_and_time, euros, value};
use super::frame::{Frame, PROJECTS};
use super::page_form::{Attempt, PageForm, SummaryEntry, summary};
use super::project_forms::{MEASURE, forms, notice};
use super::project_list::{field_label, list_path, period, project_path};
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Link, PageError, html, page_error};
use crate::api::page::{MAX_LIMIT, PageParams};
use crate::auth::Scope;
use crate::db::Id;
use crate::projects::{self, Measurement, MeasurementFilter, Project, ProjectState, Target};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{PROJECTS}/{{id}}"),
        get(page),
    )
}

/// What the address may ask: the notice of the form just sent, the target to measure.
#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    hinweis: Option<String>,
    messen: Option<String>,
}

/// `GET …/massnahmen/{id}`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let project = projects::project(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let view = View {
        notice: wanted.hinweis.as_deref().and_then(notice),
        measure: wanted.messen.as_deref().and_then(|m| m.parse().ok()),
        attempt: None,
    };
    render(&state, &signed_in, &scope, project, StatusCode::OK, view).await
}

/// How the page is shown besides the project.
#[derive(Debug, Default)]
pub(super) struct View {
    pub notice: Option<&'static str>,
    /// The target the measurement form offers first.
    pub measure: Option<Id>,
    pub attempt: Option<Attempt>,
}

#[derive(Debug)]
struct LeitzielView {
    title: String,
    description: Option<String>,
    handlungsziele: Vec<HandlungszielView>,
}

#[derive(Debug)]
struct HandlungszielView {
    title: String,
    description: Option<String>,
    targets: Vec<TargetView>,
}

#[derive(Debug)]
struct TargetView {
    /// The anchor of the target on the page.
    anchor: String,
    indicator: String,
    baseline: String,
    target_value: String,
    deadline: String,
    latest: Option<String>,
    /// Progress in whole percent, 0–100.
    percent: Option<u32>,
    progress: String,
    measurements: Vec<MeasurementRow>,
    record: String,
}

#[derive(Debug)]
struct MeasurementRow {
    on: String,
    value: String,
    actor: String,
    note: String,
}

#[derive(Debug)]
struct HistoryLine {
    at: String,
    change: String,
    actor: String,
    note: String,
}

#[derive(Template)]
#[template(path = "project_page.html")]
struct ProjectPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    heading: String,
    notice: Option<&'static str>,
    summary: Vec<SummaryEntry>,
    facts: Vec<(&'static str, String)>,
    description: Option<String>,
    goals: Vec<LeitzielView>,
    truncated: Option<String>,
    history: Vec<HistoryLine>,
    forms: Vec<PageForm>,
}

/// Renders the page of `project` with `status` (a refused step keeps the API's status).
pub(super) async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    project: Project,
    status: StatusCode,
    view: View,
) -> Result<Response, PageError> {
    let slug = &scope.slug;
    let (measured, truncated) = measurements(state, scope, project.project.id).await?;
    let catalogue = projects::catalogue(state, scope).await.unwrap_or_default();
    let summary = summary(view.attempt.as_ref());
    let heading = project.project.title.clone();
    let title = if summary.is_empty() {
        heading.clone()
    } else {
        format!("{} – {heading}", DE.projects.errors_heading)
    };
    let page_path = project_path(slug, project.project.id);
    let page = ProjectPage {
        layout: Layout::new(
            title,
            vec![Link {
                href: list_path(slug),
                text: DE.projects.list_title.to_owned(),
            }],
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(slug), &list_path(slug)),
        heading,
        notice: view.notice,
        summary,
        facts: facts(
            &project,
            &field_label(&catalogue, &project.project.field_of_action),
        ),
        description: project.project.description.clone(),
        goals: goals(&project, &measured, &page_path),
        truncated: truncated.then(|| {
            DE.projects
                .measurements_truncated
                .replace("{}", &MAX_LIMIT.to_string())
        }),
        history: history(&project),
        forms: forms(scope, &project, view.attempt.as_ref(), view.measure),
    };
    Ok(html(status, &page))
}

/// The project's measurements by target, oldest first: all of them, or the latest
/// [`MAX_LIMIT`] (then `true`).
async fn measurements(
    state: &AppState,
    scope: &Scope,
    id: Id,
) -> Result<(HashMap<Id, Vec<Measurement>>, bool), PageError> {
    let ask = |offset: i64| MeasurementFilter {
        page: PageParams {
            limit: Some(MAX_LIMIT),
            offset: Some(offset),
        },
        target_id: None,
    };
    let mut page = projects::measurements(state, scope, id, ask(0))
        .await
        .map_err(page_error)?;
    let truncated = page.total > MAX_LIMIT;
    if truncated {
        page = projects::measurements(state, scope, id, ask(page.total - MAX_LIMIT))
            .await
            .map_err(page_error)?;
    }
    let mut by_target: HashMap<Id, Vec<Measurement>> = HashMap::new();
    for m in page.items {
        by_target.entry(m.target_id).or_default().push(m);
    }
    Ok((by_target, truncated))
}

fn facts(project: &Project, field: &str) -> Vec<(&'static str, String)> {
    let t = &DE.projects;
    let p = &project.project;
    let or_none = |v: Option<String>| v.unwrap_or_else(|| t.not_stated.to_owned());
    let partners: Vec<&str> = project
        .partners
        .iter()
        .map(|p| p.organisation_name.as_str())
        .collect();
    let period = Some(period(p.starts_on, p.ends_on)).filter(|s| !s.is_empty());
    vec![
        (t.fact_state, project.state_label.to_owned()),
        (t.fact_field, field.to_owned()),
        (t.fact_area, or_none(project.area_name.clone())),
        (t.fact_lead, or_none(project.lead_organisation_name.clone())),
        (
            t.fact_partners,
            or_none(Some(partners.join(", ")).filter(|s| !s.is_empty())),
        ),
        (t.fact_budget, or_none(p.budget_cents.map(euros))),
        (t.fact_period, or_none(period)),
    ]
}

fn with_unit(x: f64, unit: &str) -> String {
    format!("{} {unit}", value(x))
}

fn target(t: &Target, measured: &HashMap<Id, Vec<Measurement>>, page: &str) -> TargetView {
    let words = &DE.projects;
    let latest = t.latest_value.zip(t.latest_measured_on).map(|(v, on)| {
        words
            .latest_line
            .replace("{value}", &with_unit(v, &t.unit))
            .replace("{day}", &day(on))
    });
    // Rounded down: 99.6 % is not yet the target.
    let percent = t
        .progress
        .map(|p| (p * 100.0).floor().clamp(0.0, 100.0) as u32);
    TargetView {
        anchor: format!("ziel-{}", t.id),
        indicator: t.indicator.clone(),
        baseline: t
            .baseline
            .map_or_else(|| words.not_stated.to_owned(), |b| with_unit(b, &t.unit)),
        target_value: with_unit(t.target_value, &t.unit),
        deadline: day(t.deadline),
        latest,
        percent,
        progress: percent.map_or_else(
            || words.no_measurement.to_owned(),
            |p| words.progress_line.replace("{percent}", &p.to_string()),
        ),
        measurements: measured
            .get(&t.id)
            .map(|all| {
                all.iter()
                    .map(|m| MeasurementRow {
                        on: day(m.measured_on),
                        value: with_unit(m.actual_value, &t.unit),
                        actor: m.actor.clone(),
                        note: m.note.clone().unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        record: format!("{page}?messen={}#{MEASURE}", t.id),
    }
}

fn goals(
    project: &Project,
    measured: &HashMap<Id, Vec<Measurement>>,
    page: &str,
) -> Vec<LeitzielView> {
    project
        .goals
        .iter()
        .map(|l| LeitzielView {
            title: l.title.clone(),
            description: l.description.clone(),
            handlungsziele: l
                .handlungsziele
                .iter()
                .map(|h| HandlungszielView {
                    title: h.title.clone(),
                    description: h.description.clone(),
                    targets: h
                        .targets
                        .iter()
                        .map(|t| target(t, measured, page))
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

fn history(project: &Project) -> Vec<HistoryLine> {
    let label = |key: &str| {
        key.parse::<ProjectState>()
            .map_or_else(|_| key.to_owned(), |s| s.label_de().to_owned())
    };
    project
        .history
        .iter()
        .map(|e| HistoryLine {
            at: day_and_time(&DE, e.at),
            change: match &e.from_state {
                Some(from) => format!("{} → {}", label(from), label(&e.to_state)),
                None => format!("{}: {}", label(&e.to_state), DE.projects.created),
            },
            actor: e.actor.clone(),
            note: e.note.clone().unwrap_or_default(),
        })
        .collect()
}

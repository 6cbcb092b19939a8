//! The municipality's task matrix (`GET /arbeit/{municipality}/aufgaben?jahr=…`): per group
//! of the guideline's appendix a table of its tasks, each with who steers, plans and does
//! the community work under the municipality's QM model (as its plugin assigned them, and
//! who holds each actor here), and how many log entries the year has. Read through
//! `task_matrix::matrix_with_log` with the person's scope, so every signed-in user of the
//! municipality sees it, as in the API. The log itself: `task_log_page.rs`.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use chrono::Datelike;
use serde_json::Value;

use super::frame::{Frame, TASKS};
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::state::AppState;
use crate::task_matrix::{self, MatrixColumn, MatrixWithLog, YEARS};

pub fn routes() -> Router<AppState> {
    Router::new().route(&format!("{START}/{{municipality}}/{TASKS}"), get(page))
}

/// `…/aufgaben` of municipality `slug`.
pub(super) fn matrix_path(slug: &str) -> String {
    format!("{START}/{slug}/{TASKS}")
}

/// The year asked for in `jahr`, if it is one the log may hold; else this year.
pub(super) fn year_or_this(asked: Option<&str>) -> i64 {
    asked
        .and_then(|y| y.trim().parse::<i64>().ok())
        .filter(|y| YEARS.contains(y))
        .unwrap_or_else(|| i64::from(chrono::Utc::now().year()))
}

/// A task of the matrix by its key and label, under its group's label.
pub(super) struct TaskName {
    pub key: String,
    pub label: String,
    pub group: String,
}

/// Every task of the matrix, in its order.
pub(super) fn task_names(matrix: &Value) -> Vec<TaskName> {
    let groups = matrix["groups"].as_array().into_iter().flatten();
    groups
        .flat_map(|g| {
            let group = g["label"].as_str().unwrap_or_default().to_owned();
            g["tasks"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(move |t| {
                    Some(TaskName {
                        key: t["key"].as_str()?.to_owned(),
                        label: t["label"].as_str().unwrap_or_default().to_owned(),
                        group: group.clone(),
                    })
                })
        })
        .collect()
}

#[derive(Debug)]
struct Cell {
    activity: Option<String>,
    actor: Option<String>,
    counts_as_qm: bool,
}

#[derive(Debug)]
struct TaskRow {
    label: String,
    cells: Vec<Cell>,
    logged: i64,
    log_href: String,
}

#[derive(Debug)]
struct Group {
    id: String,
    label: String,
    tasks: Vec<TaskRow>,
}

#[derive(Template)]
#[template(path = "task_matrix_page.html")]
struct MatrixPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    action: String,
    year: i64,
    logged_heading: String,
    model: Option<String>,
    source: &'static str,
    notice: Option<String>,
    columns: Vec<&'static str>,
    groups: Vec<Group>,
    log_href: String,
}

#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    jahr: Option<String>,
}

/// `GET …/aufgaben`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let year = year_or_this(wanted.jahr.as_deref());
    let read = task_matrix::matrix_with_log(&state, &scope, Some(year))
        .await
        .map_err(page_error)?;
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let t = &DE.tasks;
    let base = matrix_path(&slug);
    let log_href = format!("{base}/protokoll?jahr={year}");
    let page = MatrixPage {
        layout: Layout::new(
            format!("{} – {}", t.matrix_title, municipality.name),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(&signed_in, Some(&slug), &base),
        municipality,
        action: base,
        year,
        logged_heading: t.logged(year),
        model: read
            .matrix
            .qm_model
            .as_deref()
            .map(|m| t.qm_model.replace("{}", m)),
        source: if read.matrix.adapted_by.is_some() {
            t.adapted
        } else {
            t.base_applies
        },
        notice: read.matrix.notice.clone(),
        columns: MatrixColumn::ALL.iter().map(|c| c.label_de()).collect(),
        groups: groups(&read, &log_href),
        log_href,
    };
    Ok(html(StatusCode::OK, &page))
}

fn groups(read: &MatrixWithLog, log_href: &str) -> Vec<Group> {
    let logged = read.logged.as_ref();
    let groups = read.matrix.matrix["groups"]
        .as_array()
        .into_iter()
        .flatten();
    groups
        .enumerate()
        .map(|(n, g)| Group {
            id: format!("gruppe-{}", n + 1),
            label: g["label"].as_str().unwrap_or_default().to_owned(),
            tasks: g["tasks"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|task| {
                    let key = task["key"].as_str().unwrap_or_default();
                    let query = serde_urlencoded::to_string([("aufgabe", key)]).unwrap_or_default();
                    TaskRow {
                        label: task["label"].as_str().unwrap_or_default().to_owned(),
                        cells: MatrixColumn::ALL
                            .iter()
                            .map(|c| cell(read, &task["cells"][c.as_str()]))
                            .collect(),
                        logged: logged.and_then(|l| l.get(key)).copied().unwrap_or(0),
                        log_href: format!("{log_href}&{query}"),
                    }
                })
                .collect(),
        })
        .collect()
}

/// A cell: what is done and by whom — the holder recorded for its actor key, else the key.
fn cell(read: &MatrixWithLog, cell: &Value) -> Cell {
    let actor = cell["actor"].as_str().map(|key| {
        read.actors
            .get(key)
            .and_then(|a| a.organisation_name.clone().or_else(|| a.label.clone()))
            .unwrap_or_else(|| key.to_owned())
    });
    Cell {
        activity: cell["activity"].as_str().map(str::to_owned),
        actor,
        counts_as_qm: cell["counts_as_qm"].as_bool().unwrap_or(false),
    }
}

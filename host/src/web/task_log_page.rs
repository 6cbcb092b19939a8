//! The task log (`GET /arbeit/{municipality}/aufgaben/protokoll?jahr=…&aufgabe=…`): what
//! was done for which task of the matrix, newest first, a page at a time; for staff the
//! form that records an entry (`POST …/protokoll`) and a button that deletes a wrong one
//! (`POST …/protokoll/{id}/loeschen`). Reads and writes go through the log's own functions
//! (`task_matrix::entries`, `record`, `delete_entry_of`: their permission checks,
//! validation and audit entries); a refused entry shows the form again with the errors at
//! their fields and what was entered.

use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::format::berlin;
use super::frame::{Frame, TASKS};
use super::page_form::SummaryEntry;
use super::session::{START, SignedIn};
use super::task_log_form::{
    Choice, FieldProblem, LogForm, Posted, field_of, problem, task_choices,
};
use super::task_matrix_page::{matrix_path, task_names, year_or_this};
use super::texts::{DE, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::PageParams;
use crate::auth::Scope;
use crate::db::Id;
use crate::error::Error;
use crate::messages::Code;
use crate::state::AppState;
use crate::task_matrix::{self, LogFilter, LogInput, MatrixColumn};

/// The log's path below the matrix.
const LOG: &str = "protokoll";

pub fn routes() -> Router<AppState> {
    let base = format!("{START}/{{municipality}}/{TASKS}/{LOG}");
    Router::new()
        .route(&base, get(page).post(add))
        .route(&format!("{base}/{{id}}/loeschen"), post(delete))
}

fn log_path(slug: &str) -> String {
    format!("{}/{LOG}", matrix_path(slug))
}

#[derive(Debug)]
struct Row {
    year: i64,
    task: String,
    column: &'static str,
    activity: String,
    recorded: String,
    delete: String,
}

#[derive(Template)]
#[template(path = "task_log_page.html")]
struct LogPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    action: String,
    matrix_href: String,
    year: i64,
    tasks: Vec<Choice>,
    rows: Vec<Row>,
    range: String,
    previous: Option<String>,
    next: Option<String>,
    /// The form for staff, with what was entered and its errors.
    form: Option<LogForm>,
    /// The refused form's errors, each linking to its field.
    summary: Vec<SummaryEntry>,
    notice: Option<&'static str>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    jahr: Option<String>,
    aufgabe: Option<String>,
    offset: Option<String>,
    hinweis: Option<String>,
}

/// `GET …/aufgaben/protokoll`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let notice = match wanted.hinweis.as_deref() {
        Some("gespeichert") => Some(DE.tasks.recorded_notice),
        Some("geloescht") => Some(DE.tasks.deleted_notice),
        _ => None,
    };
    let view = View {
        wanted,
        posted: None,
        errors: Vec::new(),
        notice,
    };
    render(&state, &signed_in, &scope, StatusCode::OK, view).await
}

/// What to show besides the log: the address's choices, a refused form, a notice.
struct View {
    wanted: Wanted,
    posted: Option<Posted>,
    errors: Vec<FieldProblem>,
    notice: Option<&'static str>,
}

async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    status: StatusCode,
    view: View,
) -> Result<Response, PageError> {
    let t = &DE.tasks;
    let year = year_or_this(view.wanted.jahr.as_deref());
    let matrix = task_matrix::effective(state, scope)
        .await
        .map_err(page_error)?;
    let names = task_names(&matrix.matrix);
    let task = view
        .wanted
        .aufgabe
        .filter(|k| names.iter().any(|n| &n.key == k));
    let offset = view
        .wanted
        .offset
        .as_deref()
        .and_then(|o| o.parse::<i64>().ok())
        .unwrap_or(0)
        .max(0);
    let filter = LogFilter {
        page: PageParams {
            limit: None,
            offset: Some(offset),
        },
        year: Some(year),
        task_key: task.clone(),
    };
    let page = task_matrix::entries(state, scope, &filter)
        .await
        .map_err(page_error)?;
    let base = log_path(&scope.slug);
    let href = |offset: i64| {
        let mut query = vec![("jahr", year.to_string()), ("offset", offset.to_string())];
        if let Some(task) = &task {
            query.push(("aufgabe", task.clone()));
        }
        format!(
            "{base}?{}",
            serde_urlencoded::to_string(query).unwrap_or_default()
        )
    };
    let shown_to = page.offset + i64::try_from(page.items.len()).unwrap_or_default();
    let staff = scope.is_staff();
    let label_of = |key: &str| {
        names
            .iter()
            .find(|n| n.key == key)
            .map_or_else(|| key.to_owned(), |n| n.label.clone())
    };
    let rows = page
        .items
        .iter()
        .map(|e| Row {
            year: e.year,
            task: label_of(&e.task_key),
            column: e.column_key.map_or(t.whole_task, MatrixColumn::label_de),
            activity: e.activity.clone(),
            recorded: format!(
                "{}, {}",
                berlin(e.created_at.0).format("%d.%m.%Y"),
                e.recorded_by
            ),
            delete: format!("{base}/{}/loeschen", e.id),
        })
        .collect();
    let summary = view
        .errors
        .iter()
        .map(|e| SummaryEntry {
            href: Some(format!("#{}", e.field)),
            text: e.text.clone(),
        })
        .collect();
    let form = staff.then(|| {
        let posted = view.posted.unwrap_or_else(|| Posted {
            jahr: year.to_string(),
            aufgabe: task.clone().unwrap_or_default(),
            ..Posted::default()
        });
        LogForm::new(posted, &names, view.errors)
    });
    let municipality = Municipality::by_slug(state, &scope.slug).await?;
    let log = LogPage {
        layout: Layout::new(
            format!("{} {year} – {}", t.log_title, municipality.name),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(&scope.slug), &matrix_path(&scope.slug)),
        municipality,
        action: base.clone(),
        matrix_href: format!("{}?jahr={year}", matrix_path(&scope.slug)),
        year,
        tasks: task_choices(&names, task.as_deref(), Some(t.any_task)),
        rows,
        range: t.range((page.offset + 1).min(shown_to), shown_to, page.total),
        previous: (page.offset > 0).then(|| href((page.offset - page.limit).max(0))),
        next: (shown_to < page.total).then(|| href(shown_to)),
        form,
        summary,
        notice: view.notice,
    };
    Ok(html(status, &log))
}

/// `POST …/aufgaben/protokoll`: records the entry, then back to the log of its year.
async fn add(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Form(posted): Form<Posted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let year = posted.jahr.trim().parse::<i64>();
    let column = match posted.bereich.as_str() {
        "" => Ok(None),
        key => key.parse::<MatrixColumn>().map(Some),
    };
    let mut errors = Vec::new();
    if year.is_err() {
        errors.push(problem("jahr", Code::WrongType));
    }
    if column.is_err() {
        errors.push(problem("bereich", Code::InvalidEnum));
    }
    let (status, errors) = match (year, column) {
        (Ok(year), Ok(column_key)) => {
            let input = LogInput {
                year,
                task_key: posted.aufgabe.clone(),
                column_key,
                activity: posted.taetigkeit.clone(),
            };
            match task_matrix::record(&state, &scope, &input).await {
                Ok(_) => {
                    let to = format!("{}?jahr={year}&hinweis=gespeichert", log_path(&slug));
                    return Ok(Redirect::to(&to).into_response());
                }
                Err(Error::Invalid(found)) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    found
                        .into_iter()
                        .map(|e| FieldProblem {
                            field: field_of(&e.pointer),
                            text: e.detail,
                        })
                        .collect(),
                ),
                Err(Error::Client(code, _)) if code.status() == StatusCode::FORBIDDEN => {
                    return Err(PageError::NotFound);
                }
                Err(e) => return Err(page_error(e)),
            }
        }
        _ => (StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    let view = View {
        wanted: Wanted {
            jahr: Some(posted.jahr.clone()),
            ..Wanted::default()
        },
        posted: Some(posted),
        errors,
        notice: None,
    };
    render(&state, &signed_in, &scope, status, view).await
}

/// The delete button's form: the year shown, to go back to it.
#[derive(Debug, Default, serde::Deserialize)]
struct Deleting {
    #[serde(default)]
    jahr: String,
}

/// `POST …/aufgaben/protokoll/{id}/loeschen`: deletes a wrong entry (staff).
async fn delete(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Form(deleting): Form<Deleting>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let year = year_or_this(Some(&deleting.jahr));
    match task_matrix::delete_entry_of(&state, &scope, id).await {
        Ok(_) => {
            let to = format!("{}?jahr={year}&hinweis=geloescht", log_path(&slug));
            Ok(Redirect::to(&to).into_response())
        }
        Err(Error::Client(code, _)) if code.status() == StatusCode::FORBIDDEN => {
            Err(PageError::NotFound)
        }
        Err(e) => Err(page_error(e)),
    }
}

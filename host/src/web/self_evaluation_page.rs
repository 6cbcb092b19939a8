//! The staff's self-evaluation page (`/arbeit/{municipality}/selbstevaluation`): the
//! self-evaluations recorded, the latest year first, and the form to record one — the
//! municipality's effective self-evaluation schema (`Rules::form`, as its plugin adapted it)
//! rendered through [`super::schema_form`], with the area it covers chosen beside it.
//!
//! A sending goes through `self_evaluations::record`, the API's own way in (the schema,
//! the plugin's `validate`, the year required); its errors are shown next to their fields,
//! what was entered kept. Staff only: for anyone else the page does not exist.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router};
use serde_json::Value;

use super::format::berlin;
use super::frame::{Frame, SELF_EVALUATIONS};
use super::refusal::{Refusal, refusal};
use super::reports::staff_scope;
use super::schema_form::{Item, Order, Posted, Presentation, Raw, SchemaForm, SummaryLine};
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::PageParams;
use crate::auth::Scope;
use crate::db::Id;
use crate::error::FieldError;
use crate::messages::Code;
use crate::plugins::FormKind;
use crate::self_evaluations::{self, SelfEvaluationFilter, SelfEvaluationInput};
use crate::state::AppState;

/// The posted name of the area select (not a pointer into the answers).
const AREA: &str = "area";
/// The pointer the API gives an area error.
const AREA_POINTER: &str = "/area_id";
/// Recorded self-evaluations listed (one or two a year per area: years of them).
const LISTED: i64 = 20;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{SELF_EVALUATIONS}"),
        axum::routing::get(page).post(save),
    )
}

fn path(slug: &str) -> String {
    format!("{START}/{slug}/{SELF_EVALUATIONS}")
}

/// A recorded self-evaluation in the list.
struct Line {
    year: i64,
    area: String,
    recorded: String,
    review: &'static str,
}

struct AreaChoice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "self_evaluation_page.html")]
struct EvaluationPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    action: String,
    notice: Option<&'static str>,
    lines: Vec<Line>,
    more: Option<String>,
    areas: Vec<AreaChoice>,
    area_error: Option<String>,
    form: SchemaForm,
    summary: Vec<SummaryLine>,
}

/// What the page shows in its form: what was entered and the errors to place.
struct Entered<'a> {
    area: &'a str,
    raw: &'a Raw,
    errors: &'a [FieldError],
}

fn order() -> Presentation {
    Presentation::ordered(Order::from_text(crate::rules::forms::base_text(
        FormKind::SelfEvaluation,
    )))
}

async fn schema(state: &AppState, scope: &Scope) -> Result<Value, PageError> {
    let effective = state
        .rules
        .form(scope.municipality_id, &scope.slug, FormKind::SelfEvaluation)
        .await
        .map_err(page_error)?;
    Ok(effective.form.schema.clone())
}

async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    entered: Entered<'_>,
    notice: Option<&'static str>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let t = &DE;
    let municipality = Municipality::by_slug(state, &scope.slug).await?;
    let schema = schema(state, scope).await?;
    let areas: Vec<(Id, String)> =
        sqlx::query_as("SELECT id, name FROM areas WHERE municipality_id = $1 ORDER BY name, id")
            .bind(scope.municipality_id)
            .fetch_all(&state.db.pool)
            .await?;
    let filter = SelfEvaluationFilter {
        page: PageParams {
            limit: Some(LISTED),
            offset: None,
        },
        year: None,
        area_id: None,
    };
    let recorded = self_evaluations::listed(state, scope, filter)
        .await
        .map_err(page_error)?;
    let area_name = |id: Option<Id>| {
        id.and_then(|id| areas.iter().find(|(a, _)| *a == id))
            .map_or_else(|| t.forms.whole_municipality.to_owned(), |(_, n)| n.clone())
    };
    let lines: Vec<Line> = recorded
        .items
        .iter()
        .map(|e| Line {
            year: e.year,
            area: area_name(e.area_id),
            recorded: berlin(e.created_at.0).format("%d.%m.%Y").to_string(),
            review: e.review_state.label_de(),
        })
        .collect();
    let hidden = usize::try_from(recorded.total)
        .unwrap_or(0)
        .saturating_sub(lines.len());
    let more = (hidden > 0).then(|| t.forms.evaluations_more.replace("{}", &hidden.to_string()));
    let form = SchemaForm::new(&schema, &order(), entered.raw, entered.errors, t.forms);
    let area_error = entered
        .errors
        .iter()
        .find(|e| e.pointer == AREA_POINTER)
        .map(|e| e.detail.clone());
    let mut summary: Vec<SummaryLine> = area_error
        .iter()
        .map(|text| SummaryLine {
            href: "#feld-area".to_owned(),
            label: t.forms.evaluation_area.to_owned(),
            text: text.clone(),
        })
        .collect();
    summary.extend(form.summary.iter().map(|l| SummaryLine {
        href: l.href.clone(),
        label: l.label.clone(),
        text: l.text.clone(),
    }));
    let areas = std::iter::once(AreaChoice {
        value: String::new(),
        label: t.forms.whole_municipality.to_owned(),
        selected: entered.area.is_empty(),
    })
    .chain(areas.iter().map(|(id, name)| AreaChoice {
        value: id.to_string(),
        label: name.clone(),
        selected: id.to_string() == entered.area,
    }))
    .collect();
    let title = if summary.is_empty() {
        format!("{} – {}", t.forms.evaluation_title, municipality.name)
    } else {
        format!("{}: {}", t.error_prefix, t.forms.evaluation_title)
    };
    let action = path(&scope.slug);
    let page = EvaluationPage {
        layout: Layout::new(title, Vec::new()),
        t,
        frame: Frame::new(signed_in, Some(&scope.slug), &action),
        municipality,
        action,
        notice,
        lines,
        more,
        areas,
        area_error,
        form,
        summary,
    };
    Ok(html(status, &page))
}

#[derive(Debug, Default, serde::Deserialize)]
struct Shown {
    #[serde(default)]
    hinweis: Option<String>,
}

/// The notice after a redirect: the key in the address.
const SAVED: &str = "gespeichert";

/// `GET …/selbstevaluation`: the list and an empty form.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(shown): Query<Shown>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let notice = (shown.hinweis.as_deref() == Some(SAVED)).then_some(DE.forms.evaluation_saved);
    let entered = Entered {
        area: "",
        raw: &Raw::new(),
        errors: &[],
    };
    render(&state, &signed_in, &scope, entered, notice, StatusCode::OK).await
}

/// `POST …/selbstevaluation`: records the self-evaluation, then back to the list; errors
/// next to their fields (the form token is checked before, by `csrf::guard`).
async fn save(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    input: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let schema = schema(&state, &scope).await?;
    let posted = Posted::new(input.map(|Form(pairs)| pairs).unwrap_or_default());
    let parsed = SchemaForm::parse(&schema, &order(), &posted, DE.forms);
    let area = posted.first(AREA).unwrap_or_default().trim().to_owned();
    let errors = if !parsed.errors.is_empty() {
        parsed.errors.clone()
    } else {
        match area_id(&area) {
            Err(error) => vec![error],
            Ok(area_id) => {
                let input = SelfEvaluationInput {
                    area_id,
                    answers: parsed.value.clone(),
                };
                match self_evaluations::record(&state, &scope, input).await {
                    Ok(_) => {
                        let to = format!("{}?hinweis={SAVED}", path(&slug));
                        return Ok(Redirect::to(&to).into_response());
                    }
                    Err(error) => match refusal(error)? {
                        Refusal::Fields(errors) => errors.into_iter().map(into_form).collect(),
                        // Staff's sendings are neither rate limited nor honeypotted; a
                        // refusal of its own is said above the form.
                        Refusal::Notice(_, _, text) => vec![FieldError {
                            pointer: String::new(),
                            code: Code::Invalid.as_str().into(),
                            detail: text,
                        }],
                    },
                }
            }
        }
    };
    let entered = Entered {
        area: &area,
        raw: &parsed.raw,
        errors: &errors,
    };
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    render(&state, &signed_in, &scope, entered, None, status).await
}

/// The area chosen: none for the whole municipality; not an id is the API's error.
fn area_id(value: &str) -> Result<Option<Id>, FieldError> {
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse()
        .map(Some)
        .map_err(|_| FieldError::new(AREA_POINTER, Code::Invalid))
}

/// An error of the API as the form places it: `/answers/x` is the form's `/x`; others stay.
fn into_form(mut error: FieldError) -> FieldError {
    if let Some(rest) = error.pointer.strip_prefix("/answers")
        && (rest.is_empty() || rest.starts_with('/'))
    {
        error.pointer = rest.to_owned();
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_of_the_answers_lose_their_prefix_and_the_areas_keep_it() {
        let moved = into_form(FieldError::new("/answers/year", Code::Required));
        assert_eq!(moved.pointer, "/year");
        assert_eq!(
            into_form(FieldError::new(AREA_POINTER, Code::Invalid)).pointer,
            AREA_POINTER
        );
        assert_eq!(area_id("").unwrap(), None);
        assert!(area_id("kein-gebiet").is_err());
    }
}

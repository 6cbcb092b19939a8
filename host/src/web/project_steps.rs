//! The steps on a project's page (their forms: `project_forms.rs`): each form posts to
//! `POST /arbeit/{municipality}/massnahmen/{id}/{form}` and is handed to the projects
//! feature's own function — `take_transition`, `replace_goals`, `record_measurement`, the
//! ones the API's handlers call, with their permission checks, validation, history and audit
//! entries — then back to the page with a German notice. A refused step shows the page again
//! with the API's status, an error summary and what was entered.
//!
//! The state and goal forms send the version of the project they were made from (as
//! `If-Match`), so a step on a project someone else changed meanwhile is refused (412)
//! instead of taken on a state not seen. Measurements are appended and need no version.

use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;

use super::frame::PROJECTS;
use super::page_form::{date, invalid, join, number, posted, refused};
use super::project_forms::{GOAL, MEASURE, NEW, STATE, TARGET, as_input};
use super::project_list::project_path;
use super::project_page::{View, render};
use super::session::{START, SignedIn};
use super::texts::DE;
use super::{PageError, page_error};
use crate::api::extract::IfMatch;
use crate::auth::Scope;
use crate::db::Id;
use crate::error::Error;
use crate::projects::{
    self, HandlungszielInput, Leitziel, LeitzielInput, MeasurementInput, ProjectState, TargetInput,
    TransitionInput,
};
use crate::state::AppState;

/// A form as sent: every field by name (the `csrf` field was checked before).
type Sent = Vec<(String, String)>;

pub fn routes() -> Router<AppState> {
    let at = |form: &str| format!("{START}/{{municipality}}/{PROJECTS}/{{id}}/{form}");
    Router::new()
        .route(&at(STATE), post(change_state))
        .route(&at(MEASURE), post(record_measurement))
        .route(&at(TARGET), post(add_target))
        .route(&at(GOAL), post(add_goal))
}

/// The person's scope and the project's id from the address, or the page's 404.
async fn open(
    state: &AppState,
    signed_in: &SignedIn,
    slug: &str,
    id: &str,
) -> Result<(Scope, Id), PageError> {
    let scope = signed_in.scope(state, slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    Ok((scope, id))
}

fn field(sent: &Sent, name: &str) -> String {
    posted(sent, name).unwrap_or_default().trim().to_owned()
}

/// Blank is absent; anything else is the text as entered (the feature checks its length).
fn text(sent: &Sent, name: &str) -> Option<String> {
    Some(field(sent, name)).filter(|s| !s.is_empty())
}

/// The version the form was made from; one that is no number matches none (stale).
fn version(sent: &Sent) -> IfMatch {
    IfMatch::Version(field(sent, "version").parse::<i64>().unwrap_or(0))
}

/// `POST …/stand`.
async fn change_state(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Form(sent): Form<Sent>,
) -> Result<Response, PageError> {
    let (scope, id) = open(&state, &signed_in, &slug, &id).await?;
    let outcome = match field(&sent, "to").parse::<ProjectState>() {
        Ok(to) => {
            let input = TransitionInput {
                to,
                reason: text(&sent, "reason"),
            };
            projects::take_transition(&state, &scope, id, version(&sent), &input)
                .await
                .map(drop)
        }
        Err(_) => Err(invalid("/to", DE.projects.unknown_choice)),
    };
    finish(&state, &signed_in, &scope, id, STATE, sent, outcome).await
}

/// `POST …/messwert`.
async fn record_measurement(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Form(sent): Form<Sent>,
) -> Result<Response, PageError> {
    let (scope, id) = open(&state, &signed_in, &slug, &id).await?;
    let target = field(&sent, "target_id")
        .parse::<Id>()
        .map_err(|_| invalid("/target_id", DE.projects.unknown_choice));
    let on = date(&field(&sent, "measured_on"), "/measured_on");
    let value = number(&field(&sent, "actual_value"), "/actual_value");
    let outcome = match (target, on, value) {
        (Ok(target_id), Ok(measured_on), Ok(actual_value)) => {
            let input = MeasurementInput {
                target_id,
                measured_on,
                actual_value,
                note: text(&sent, "note"),
            };
            projects::record_measurement(&state, &scope, id, &input)
                .await
                .map(drop)
        }
        (target, on, value) => Err(own_errors([target.err(), on.err(), value.err()])),
    };
    finish(&state, &signed_in, &scope, id, MEASURE, sent, outcome).await
}

/// `POST …/indikator`: a new target under a Handlungsziel, the rest of the goals as they are.
async fn add_target(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Form(sent): Form<Sent>,
) -> Result<Response, PageError> {
    let (scope, id) = open(&state, &signed_in, &slug, &id).await?;
    let baseline = match text(&sent, "baseline") {
        Some(b) => number(&b, "/baseline").map(Some),
        None => Ok(None),
    };
    let value = number(&field(&sent, "target_value"), "/target_value");
    let deadline = date(&field(&sent, "deadline"), "/deadline");
    let outcome = match (baseline, value, deadline) {
        (Ok(baseline), Ok(target_value), Ok(deadline)) => {
            let target = TargetInput {
                id: None,
                indicator: field(&sent, "indicator"),
                unit: field(&sent, "unit"),
                baseline,
                target_value,
                deadline,
            };
            let goal = field(&sent, "goal");
            change_goals(&state, &scope, id, version(&sent), |input, goals| {
                let (i, j) = goals
                    .iter()
                    .enumerate()
                    .flat_map(|(i, l)| {
                        let at = l
                            .handlungsziele
                            .iter()
                            .position(|h| h.id.to_string() == goal);
                        at.map(|j| (i, j))
                    })
                    .next()
                    .ok_or_else(|| invalid("/goal", DE.projects.unknown_choice))?;
                input[i].handlungsziele[j].targets.push(target);
                Ok(())
            })
            .await
        }
        (b, v, d) => Err(own_errors([b.err(), v.err(), d.err()])),
    };
    finish(&state, &signed_in, &scope, id, TARGET, sent, outcome).await
}

/// `POST …/handlungsziel`: a new Handlungsziel under a new or an existing Leitziel.
async fn add_goal(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Form(sent): Form<Sent>,
) -> Result<Response, PageError> {
    let (scope, id) = open(&state, &signed_in, &slug, &id).await?;
    let leitziel = field(&sent, "leitziel");
    let goal = HandlungszielInput {
        title: field(&sent, "title"),
        description: None,
        targets: Vec::new(),
    };
    let new_title = field(&sent, "new_leitziel");
    let outcome = change_goals(&state, &scope, id, version(&sent), |input, goals| {
        if leitziel == NEW {
            input.push(LeitzielInput {
                title: new_title,
                description: None,
                handlungsziele: vec![goal],
            });
            return Ok(());
        }
        let i = goals
            .iter()
            .position(|l| l.id.to_string() == leitziel)
            .ok_or_else(|| invalid("/leitziel", DE.projects.unknown_choice))?;
        input[i].handlungsziele.push(goal);
        Ok(())
    })
    .await;
    finish(&state, &signed_in, &scope, id, GOAL, sent, outcome).await
}

/// Replaces the goals by the hierarchy as it is now with `change` applied, through the
/// feature's own replacement under the form's version. A choice `change` cannot find on a
/// project changed meanwhile is refused as stale, not as a wrong choice.
async fn change_goals(
    state: &AppState,
    scope: &Scope,
    id: Id,
    if_match: IfMatch,
    change: impl FnOnce(&mut Vec<LeitzielInput>, &[Leitziel]) -> Result<(), Error>,
) -> Result<(), Error> {
    let project = projects::project(state, scope, id).await?;
    let mut input = as_input(&project.goals);
    if let Err(e) = change(&mut input, &project.goals) {
        if_match.check(project.project.version)?;
        return Err(e);
    }
    projects::replace_goals(state, scope, id, if_match, &input)
        .await
        .map(drop)
}

/// The page's own refusals of a form's fields as one error.
fn own_errors<const N: usize>(errors: [Option<Error>; N]) -> Error {
    join(errors.into_iter().flatten().collect())
        .unwrap_or_else(|| invalid("", DE.projects.form_unknown))
}

/// The field of form `form` an error's pointer names: the API's fields by their last part
/// (a new target's `/0/handlungsziele/1/targets/2/unit` is the form's `unit`), a new
/// Leitziel's `/{i}/title` the goal form's `new_leitziel`. Others go above the form.
fn field_of(form: &str, pointer: &str) -> Option<String> {
    let segments: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let last = *segments.last()?;
    let name = match (form, last) {
        (GOAL, "title") if segments.len() == 2 => "new_leitziel",
        (GOAL, "title" | "leitziel")
        | (STATE, "to" | "reason")
        | (MEASURE, "target_id" | "measured_on" | "actual_value" | "note")
        | (TARGET, "goal" | "indicator" | "unit" | "baseline" | "target_value" | "deadline") => {
            last
        }
        _ => return None,
    };
    Some(name.to_owned())
}

/// After a step: back to the page with its notice, or the page again with the refusal.
async fn finish(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    id: Id,
    form: &'static str,
    sent: Sent,
    outcome: Result<(), Error>,
) -> Result<Response, PageError> {
    let error = match outcome {
        Ok(()) => {
            let page = format!("{}?hinweis={form}", project_path(&scope.slug, id));
            return Ok(Redirect::to(&page).into_response());
        }
        Err(e) => e,
    };
    let stale = DE.projects.stale_project;
    let (status, attempt) = refused(form, sent, error, stale, |p| field_of(form, p))?;
    // Shown as it is now: a refusal may be due to a change by someone else.
    let project = projects::project(state, scope, id)
        .await
        .map_err(page_error)?;
    let view = View {
        attempt: Some(attempt),
        ..View::default()
    };
    render(state, signed_in, scope, project, status, view).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apis_pointers_find_the_fields_of_their_form() {
        let at = |form, pointer| field_of(form, pointer);
        assert_eq!(
            at(TARGET, "/0/handlungsziele/1/targets/2/unit").as_deref(),
            Some("unit")
        );
        assert_eq!(at(TARGET, "/0/handlungsziele/1/targets"), None);
        assert_eq!(at(GOAL, "/3/title").as_deref(), Some("new_leitziel"));
        assert_eq!(
            at(GOAL, "/0/handlungsziele/4/title").as_deref(),
            Some("title")
        );
        assert_eq!(
            at(MEASURE, "/actual_value").as_deref(),
            Some("actual_value")
        );
        assert_eq!(at(STATE, "/actual_value"), None);
        assert_eq!(at(STATE, ""), None);
    }
}

//! Where the forms of a meeting's page post (`POST /arbeit/{municipality}/sitzungen/{id}`,
//! the form named by `teil`): each sending is read into the API's input and handed to the
//! function the API's handler calls — `network::change_meeting`, `set_agenda`,
//! `set_attendance` — with the form's version as `If-Match`, so permission, validation,
//! version check and audit entry are the API's. Saved, the browser goes back to the page
//! with a notice at the form's section; refused, the page comes again with the API's status,
//! an error summary and what was entered — or, when someone changed the meeting meanwhile
//! (412), as it is now, with a message saying so.

use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;

use super::frame::MEETINGS;
use super::meeting_agenda::read_agenda;
use super::meeting_fields::{Attempt, FieldErrors, Posted};
use super::meeting_forms::{Part, place, read_attendance, read_details, read_protocol};
use super::meeting_page::{Refused, View, meeting_path, render};
use super::meeting_results::read_results;
use super::session::{START, SignedIn};
use super::texts::DE;
use super::{PageError, page_error};
use crate::api::extract::IfMatch;
use crate::db::Id;
use crate::error::Error;
use crate::messages::Code;
use crate::network::{self, Meeting};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{MEETINGS}/{{id}}"),
        post(save),
    )
}

/// `POST …/sitzungen/{id}`: saves the form `teil`, then back to the page.
async fn save(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let meeting = network::meeting(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let posted = Posted(fields);
    let Some(part) = Part::from_key(posted.get("teil")) else {
        let refused = Refused {
            part: Part::Details,
            status: StatusCode::UNPROCESSABLE_ENTITY,
            attempt: Attempt {
                problems: vec![DE.meetings.unknown_form.to_owned()],
                ..Attempt::default()
            },
            refill: false,
        };
        let view = View::refused(refused);
        return render(&state, &signed_in, &scope, meeting, view).await;
    };
    // A version that is no number matches none: the sending is refused as stale.
    let if_match = IfMatch::Version(posted.get("version").trim().parse().unwrap_or(0));
    let outcome = match part {
        Part::Details => match read_details(&posted, &meeting) {
            Ok(update) => {
                let saved = network::change_meeting(&state, &scope, id, if_match, &update).await;
                Outcome::of(saved, Vec::new())
            }
            Err(errors) => Outcome::Unread(errors),
        },
        Part::Protocol => {
            let update = read_protocol(&posted, &meeting);
            let saved = network::change_meeting(&state, &scope, id, if_match, &update).await;
            Outcome::of(saved, Vec::new())
        }
        Part::Agenda => match read_agenda(&posted, &meeting.agenda) {
            Ok(sent) => {
                let saved = network::set_agenda(&state, &scope, id, if_match, &sent.items).await;
                Outcome::of(saved, sent.rows)
            }
            Err(errors) => Outcome::Unread(errors),
        },
        Part::Results => match read_results(&posted, &meeting.agenda) {
            Ok(items) => {
                let saved = network::set_agenda(&state, &scope, id, if_match, &items).await;
                Outcome::of(saved, Vec::new())
            }
            Err(errors) => Outcome::Unread(errors),
        },
        Part::Attendance => match read_attendance(&posted) {
            Ok((entries, rows)) => {
                let saved = network::set_attendance(&state, &scope, id, if_match, &entries).await;
                Outcome::of(saved, rows)
            }
            Err(errors) => Outcome::Unread(errors),
        },
    };
    let refused = match outcome {
        Outcome::Saved => {
            let key = part.key();
            let to = format!("{}?hinweis={key}#{key}", meeting_path(&slug, id));
            return Ok(Redirect::to(&to).into_response());
        }
        Outcome::Unread(errors) => Refused {
            part,
            status: StatusCode::UNPROCESSABLE_ENTITY,
            attempt: Attempt {
                posted,
                errors,
                problems: Vec::new(),
            },
            refill: true,
        },
        Outcome::Refused(error, rows) => refusal(part, error, posted, &rows)?,
    };
    // Shown as it is now: a refusal may be due to a change by someone else.
    let meeting = network::meeting(&state, &scope, id)
        .await
        .map_err(page_error)?;
    render(&state, &signed_in, &scope, meeting, View::refused(refused)).await
}

/// What became of a sending.
enum Outcome {
    Saved,
    /// The page could not read it (a date, a count): errors by field id.
    Unread(FieldErrors),
    /// The API refused it; the rows map its list indexes to the form's rows.
    Refused(Error, Vec<usize>),
}

impl Outcome {
    fn of(saved: Result<Meeting, Error>, rows: Vec<usize>) -> Outcome {
        match saved {
            Ok(_) => Outcome::Saved,
            Err(e) => Outcome::Refused(e, rows),
        }
    }
}

/// A sending of form `part` the API refused, as the page shows it: its fields' errors where
/// they belong (`rows` maps the API's list index to the form's row), or one sentence above
/// the forms. What is missing — or became so meanwhile — stays a 404, failures page errors.
pub(super) fn refusal(
    part: Part,
    error: Error,
    posted: Posted,
    rows: &[usize],
) -> Result<Refused, PageError> {
    let t = DE.meetings;
    let (status, errors, problems, refill) = match error {
        Error::Client(Code::PreconditionFailed, _) => (
            StatusCode::PRECONDITION_FAILED,
            Vec::new(),
            vec![t.stale.to_owned()],
            false,
        ),
        Error::Client(code @ (Code::Forbidden | Code::Unauthenticated), _) => (
            code.status(),
            Vec::new(),
            vec![t.forbidden.to_owned()],
            false,
        ),
        Error::Client(code, detail) => (
            code.status(),
            Vec::new(),
            vec![detail.unwrap_or_else(|| code.de().to_owned())],
            true,
        ),
        Error::Invalid(found) | Error::FormInvalid(found) => {
            let mut errors = Vec::new();
            let mut problems = Vec::new();
            for e in &found {
                match place(part, e, rows) {
                    (Some(field), text) => errors.push((field, text)),
                    (None, text) => problems.push(text),
                }
            }
            (StatusCode::UNPROCESSABLE_ENTITY, errors, problems, true)
        }
        Error::NotFound => return Err(PageError::NotFound),
        other => return Err(page_error(other)),
    };
    Ok(Refused {
        part,
        status,
        attempt: Attempt {
            posted,
            errors,
            problems,
        },
        refill,
    })
}

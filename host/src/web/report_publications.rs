//! The coordination's forms to publish the report it reads on the municipality's public
//! page and to withdraw a publication — the API's `reports::publication` behind a form and a
//! redirect back to the reports page, which then says what happened. Errors (a period that
//! is not valid, a role that may not publish) are answered on the reports page in German.

use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;

use super::frame::REPORTS;
use super::reports::{Notice, PUBLICATIONS, WITHDRAW, refused, reports_path, staff_scope};
use super::session::{START, SignedIn};
use super::{PageError, page_error};
use crate::db::Id;
use crate::error::Error;
use crate::messages::Code;
use crate::reports::publication;
use crate::reports::request::ReportQuery;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    let base = format!("{START}/{{municipality}}/{REPORTS}/{PUBLICATIONS}");
    Router::new()
        .route(&base, post(publish))
        .route(&format!("{base}/{{id}}/{WITHDRAW}"), post(withdraw))
}

fn back(slug: &str, notice: Notice) -> Response {
    Redirect::to(&format!("{}?hinweis={}", reports_path(slug), notice.key())).into_response()
}

/// The publish form's fields: the report shown (the `csrf` field is checked before).
#[derive(Debug, serde::Deserialize)]
struct Publish {
    kind: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    area: String,
}

impl Publish {
    /// The report's query; an area that is no id is refused like the API refuses it.
    fn query(&self) -> Result<ReportQuery, Error> {
        let text = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
        let area = match self.area.as_str() {
            "" => None,
            id => Some(
                id.parse::<Id>()
                    .map_err(|_| Error::client(Code::ReportPeriodInvalid))?,
            ),
        };
        Ok(ReportQuery {
            year: text(&self.year),
            from: text(&self.from),
            to: text(&self.to),
            area,
        })
    }
}

/// `POST …/berichte/veroeffentlichungen`: publishes, then back to the reports page.
async fn publish(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Form(form): Form<Publish>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let outcome = async {
        let query = form.query()?;
        publication::publish_report(&state, &scope, &form.kind, &query).await
    }
    .await;
    match outcome {
        Ok(_) => Ok(back(&slug, Notice::Published)),
        Err(Error::Client(code, detail)) => {
            let query = form.query().unwrap_or_default();
            refused(&state, &signed_in, &scope, &form.kind, &query, code, detail).await
        }
        Err(e) => Err(page_error(e)),
    }
}

/// `POST …/berichte/veroeffentlichungen/{id}/zurueckziehen`: withdraws, then back.
async fn withdraw(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    match publication::withdraw_report(&state, &scope, id).await {
        Ok(()) => Ok(back(&slug, Notice::Withdrawn)),
        Err(Error::Client(code, detail)) => {
            let query = ReportQuery::default();
            refused(&state, &signed_in, &scope, "", &query, code, detail).await
        }
        Err(e) => Err(page_error(e)),
    }
}

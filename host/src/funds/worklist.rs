//! What waits for the caller among the fund applications, for the start page of the
//! signed-in pages: the applications on which the caller may take the next step now, and
//! the proofs of use that are overdue; and for an application's page, every move the caller
//! may make on it now. Read-only. Who sees what and who may take a step are
//! decided by the same code as in the API: the applications' visibility
//! ([`super::applications`]), the workflow ([`super::workflow`]) and the transitions' own
//! permission check.

use super::applications::{self, Application, ApplicationFilter, Row};
use super::kinds::ApplicationState::{self, *};
use super::routing::Routing;
use super::{transitions, workflow};
use crate::api::page::{MAX_LIMIT, Page, PageParams};
use crate::auth::Scope;
use crate::db::{Date, Sql};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

/// An application and the step that waits for the caller.
#[derive(Debug)]
pub struct Waiting {
    pub application: Application,
    /// The next state the caller may move it to: `in_pruefung` (to check), `beraten` (to
    /// advise on) or `bewilligt` (to decide; refusing is the same step).
    pub next: ApplicationState,
}

/// The states in which an application waits for a person of the municipality (in
/// `rueckfrage` it waits for the applicant, from `bewilligt` on for payment and proof).
const OPEN: [ApplicationState; 3] = [Eingereicht, InPruefung, Beraten];

/// The first step of the application's route the workflow allows from its state: check,
/// then advise (only where the route has an advise step), then decide.
fn next_step(application: &Application) -> Option<ApplicationState> {
    let advise_step = Routing::has_advise_step(&application.steps);
    let route: &[ApplicationState] = if advise_step {
        &[InPruefung, Beraten, Bewilligt]
    } else {
        &[InPruefung, Bewilligt]
    };
    route
        .iter()
        .copied()
        .find(|to| workflow::check(application.state, *to, advise_step).is_ok())
}

/// The applications waiting for a step the caller may take, longest waiting first: the
/// first `limit` of them, and how many there are. Staff may take every step; a jury user
/// those of the bodies their organisation belongs to. Looks at the newest [`MAX_LIMIT`]
/// applications per open state (more are not open at once in any municipality we know).
pub async fn waiting(
    state: &AppState,
    scope: &Scope,
    limit: usize,
) -> Result<(Vec<Waiting>, usize)> {
    let mut found = Vec::new();
    for open in OPEN {
        let filter = ApplicationFilter {
            page: PageParams {
                limit: Some(MAX_LIMIT),
                offset: None,
            },
            state: Some(open),
            ..ApplicationFilter::default()
        };
        for application in applications::list(state, scope, None, filter).await?.items {
            let Some(next) = next_step(&application) else {
                continue;
            };
            match transitions::may(state, scope, &application, next).await {
                Ok(()) => found.push(Waiting { application, next }),
                Err(Error::Client(Code::Forbidden, _)) => {}
                Err(e) => return Err(e),
            }
        }
    }
    found.sort_by_key(|w| (w.application.created_at, w.application.id));
    let total = found.len();
    found.truncate(limit);
    Ok((found, total))
}

/// The moves the caller may make on `application` now, in the workflow's order: those the
/// workflow allows from its state (with its route) and the transitions' own permission check
/// grants. What an application's page offers as forms.
pub async fn next_steps(
    state: &AppState,
    scope: &Scope,
    application: &Application,
) -> Result<Vec<ApplicationState>> {
    let advise_step = Routing::has_advise_step(&application.steps);
    let mut steps = Vec::new();
    for to in ApplicationState::ALL.iter().copied() {
        if workflow::check(application.state, to, advise_step).is_err() {
            continue;
        }
        match transitions::may(state, scope, application, to).await {
            Ok(()) => steps.push(to),
            Err(Error::Client(Code::Forbidden, _)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(steps)
}

/// Applications paid out whose proof of use was due before `today`, the longest overdue
/// first. Chasing proofs is the staff's work: anyone else gets an empty page.
pub async fn overdue_proofs(
    state: &AppState,
    scope: &Scope,
    today: Date,
    limit: i64,
) -> Result<Page<Application>> {
    let params = PageParams {
        limit: Some(limit),
        offset: None,
    };
    if !scope.is_staff() {
        return Ok(Page::from_rows(Vec::new(), params));
    }
    let mut sql = Sql::new("");
    let head = applications::select_visible(scope, &mut sql, ", COUNT(*) OVER () AS total");
    let (paid, today) = (sql.bind(Ausgezahlt.as_str()), sql.bind(today));
    sql.push(&format!(
        "{head} AND x.state = {paid} AND x.proof_due_on < {today} \
         ORDER BY x.proof_due_on, x.id"
    ));
    Page::<Row>::fetch(sql, params, &state.db.pool)
        .await?
        .try_map(Row::into_application)
}

//! A body's current members and its open join requests with their decision forms, as the
//! staff body page (`meeting_list.rs`) shows them; the decision is posted to
//! `body_decision.rs`. The requests and forms are shown only to those the API lets decide
//! (`network::may_decide_join_requests`), a refused decision's error above its form.

use super::format::{berlin, day};
use super::meeting_bodies::body_path;
use super::meeting_fields::SummaryLine;
use super::page_form::{Attempt, summary};
use super::texts::DE;
use super::{PageError, page_error};
use crate::api::page::{MAX_LIMIT, PageParams};
use crate::auth::Scope;
use crate::db::{Date, Id};
use crate::network::kinds::JoinState;
use crate::network::{self, JoinRequestFilter, Member};
use crate::state::AppState;

/// The last part of a decision's address.
pub(super) const JOINS: &str = "beitritte";
/// The `hinweis` after an approval and after a refusal.
pub(super) const APPROVED: &str = "aufgenommen";
pub(super) const REFUSED: &str = "abgelehnt";

/// What became of a join request's decision: done (a notice), or refused (its attempt).
#[derive(Debug, Default)]
pub(super) struct Decided {
    pub notice: Option<&'static str>,
    pub refused: Option<Attempt>,
}

/// A current member in the members' table.
#[derive(Debug)]
pub(super) struct MemberLine {
    pub name: String,
    pub role: &'static str,
    pub vote: &'static str,
}

/// The body's members as the page lists them: an organisation, a person (named where the
/// person may be seen), or both.
pub(super) fn member_lines(members: &[Member]) -> Vec<MemberLine> {
    let t = &DE.network;
    members
        .iter()
        .map(|m| {
            let names: Vec<&str> = [m.organisation_name.as_deref(), m.person_name.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            MemberLine {
                name: names.join(" – "),
                role: m.role.label_de(),
                vote: if m.voting_right { t.yes } else { t.no },
            }
        })
        .collect()
}

/// An open request with its decision form, refilled after a refusal.
#[derive(Debug)]
pub(super) struct RequestForm {
    /// The form's id, its anchor and the prefix of its fields' ids.
    pub id: String,
    pub action: String,
    pub organisation: String,
    pub message: String,
    pub received: String,
    pub datetime: String,
    pub version: i64,
    pub note: String,
    pub note_error: Option<String>,
    pub problem: Option<String>,
}

/// The open requests the person may decide, or `None` when they may not decide any.
pub(super) async fn open_requests(
    state: &AppState,
    scope: &Scope,
    body_id: Id,
    attempt: Option<&Attempt>,
) -> Result<Option<Vec<RequestForm>>, PageError> {
    if !network::may_decide_join_requests(state, scope, body_id)
        .await
        .map_err(page_error)?
    {
        return Ok(None);
    }
    let filter = JoinRequestFilter {
        page: PageParams {
            limit: Some(MAX_LIMIT),
            offset: None,
        },
        state: Some(JoinState::Offen),
    };
    let page = network::join_requests(state, scope, body_id, filter)
        .await
        .map_err(page_error)?;
    let forms = page.items.into_iter().map(|r| {
        let id = form_id(r.id);
        let mut form = RequestForm {
            action: format!("{}/{JOINS}/{}", body_path(&scope.slug, body_id), r.id),
            organisation: r.organisation_name,
            message: r.message.unwrap_or_default(),
            received: day(Date::from_naive(berlin(r.created_at.0).date())),
            datetime: r.created_at.to_db(),
            version: r.version,
            note: String::new(),
            note_error: None,
            problem: None,
            id,
        };
        if let Some(a) = attempt.filter(|a| a.form == form.id) {
            form.note = a.value("note").unwrap_or_default().to_owned();
            form.note_error = a.errors.first().map(|(_, e)| e.clone());
            form.problem = a.problem.clone();
        }
        form
    });
    Ok(Some(forms.collect()))
}

/// The error summary's lines for a refused decision; they link to its form while it is
/// shown (a request decided meanwhile has none left).
pub(super) fn summary_lines(
    attempt: Option<&Attempt>,
    shown: Option<&[RequestForm]>,
) -> Vec<SummaryLine> {
    let linked = attempt.is_some_and(|a| shown.unwrap_or_default().iter().any(|r| r.id == a.form));
    summary(attempt)
        .into_iter()
        .map(|e| SummaryLine {
            href: e.href.filter(|_| linked),
            text: e.text,
        })
        .collect()
}

pub(super) fn form_id(request: Id) -> String {
    format!("anfrage-{request}")
}

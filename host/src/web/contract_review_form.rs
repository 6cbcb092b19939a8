//! The review form of a contract's page, apart from its sending (`contract_review.rs`) so
//! the page (`contract_pages.rs`) and the sending both build on it without needing each
//! other: the form's fields, the steering body's meetings it offers, and what a target
//! asks for in one line.

use super::PageError;
use super::contract_list::contract_path;
use super::format::{day, value};
use super::page_error;
use super::page_form::{Attempt, Choice, Field, Group, PageForm};
use super::texts::DE;
use crate::api::page::{MAX_LIMIT, PageParams};
use crate::auth::Scope;
use crate::contracts::{Contract, ContractTarget, Fulfilment};
use crate::db::{Date, Id};
use crate::network::{self, MeetingFilter, MeetingSummary};
use crate::state::AppState;

/// The form's id, also the last part of the address it posts to.
pub(super) const REVIEW: &str = "ueberpruefung";

/// The meetings of the steering body the person may see (none when they may not see the
/// body), earliest first: the choices of the form and the names in the reviews.
pub(super) async fn meetings(
    state: &AppState,
    scope: &Scope,
    body: Id,
) -> Result<Vec<MeetingSummary>, PageError> {
    let filter = MeetingFilter {
        page: PageParams {
            limit: Some(MAX_LIMIT),
            offset: None,
        },
        body_id: Some(body),
        state: None,
        from: None,
        to: None,
    };
    let page = network::visible_meetings(state, scope, filter)
        .await
        .map_err(page_error)?;
    Ok(page.items)
}

pub(super) fn status_name(target: Id) -> String {
    format!("status-{target}")
}

pub(super) fn comment_name(target: Id) -> String {
    format!("comment-{target}")
}

/// The review form of `contract`, refilled from a refused `attempt`.
pub(super) fn form(
    slug: &str,
    contract: &Contract,
    meetings: &[MeetingSummary],
    attempt: Option<&Attempt>,
) -> PageForm {
    let t = &DE.projects;
    let mut choices = vec![Choice::new("", t.review_no_meeting)];
    choices.extend(meetings.iter().map(|m| {
        let on = super::format::berlin(m.starts_at.0).date();
        let label = format!("{} – {}", day(Date::from_naive(on)), m.title);
        Choice::new(m.id.to_string(), label)
    }));
    let mut groups = vec![Group {
        legend: None,
        fields: vec![
            Field::new(REVIEW, "reviewed_on", t.review_on)
                .kind("date")
                .hint(t.date_hint)
                .value(Date::today().to_string())
                .required(),
            Field::new(REVIEW, "meeting_id", t.review_meeting_field).choices(choices),
            Field::new(REVIEW, "note", t.review_note_field).kind("text"),
        ],
    }];
    let fulfilment: Vec<Choice> = Fulfilment::ALL
        .iter()
        .map(|f| Choice::new(f.as_str(), f.label_de()))
        .collect();
    for target in &contract.targets {
        let now = target.status.unwrap_or(Fulfilment::Offen);
        let statuses = fulfilment
            .iter()
            .map(|c| Choice::new(c.value.clone(), c.label.clone()))
            .collect();
        groups.push(Group {
            legend: Some(target_label(target)),
            fields: vec![
                Field::new(REVIEW, status_name(target.id), t.review_status)
                    .choices(statuses)
                    .value(now.as_str())
                    .required(),
                Field::new(REVIEW, comment_name(target.id), t.review_comment).kind("text"),
            ],
        });
    }
    let mut form = PageForm {
        id: REVIEW,
        heading: t.review_heading,
        hint: Some(t.review_hint),
        action: format!("{}/{REVIEW}", contract_path(slug, contract.contract.id)),
        version: None,
        groups,
        button: t.review_button,
    };
    form.refill(attempt);
    form
}

/// What a target asks for, in one line: "Sitzungen der Stadtteilkonferenz: 4 Sitzungen".
pub(super) fn target_label(t: &ContractTarget) -> String {
    let measured = t.indicator.as_ref().map(|indicator| match t.target_value {
        Some(v) => format!(
            "{indicator}: {} {}",
            value(v),
            t.unit.as_deref().unwrap_or("")
        ),
        None => indicator.clone(),
    });
    let parts: Vec<String> = measured.into_iter().chain(t.description.clone()).collect();
    parts.join(" – ").trim().to_owned()
}

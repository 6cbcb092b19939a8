//! One contract's page (`GET /arbeit/{municipality}/kontrakte/{id}`, *Kontrakt*): its
//! parties, targets with their status, the steering body's reviews and — for staff — the
//! form to record a review (`contract_review.rs`). The list: `contract_list.rs`.
//!
//! Read through the contracts feature with the person's `Scope` (`contracts::contract`):
//! staff see every contract, users of an organisation those it is a party to; another
//! municipality's contract, or one the person may not see, is the same 404 as an unknown
//! one.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::contract_list::list_path;
use super::contract_review_form::{REVIEW, form as review_form, meetings, target_label};
use super::format::day;
use super::frame::{CONTRACTS, Frame};
use super::page_form::{Attempt, PageForm, SummaryEntry, summary};
use super::project_list::period;
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Link, Municipality, PageError, html, page_error};
use crate::auth::Scope;
use crate::contracts::{self, Contract};
use crate::db::Id;
use crate::error::Error;
use crate::network::{self, MeetingSummary};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{CONTRACTS}/{{id}}"),
        get(page),
    )
}

/// `GET …/kontrakte/{id}`; `?hinweis=ueberpruefung` after a review was recorded.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Query(wanted): Query<PageWanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let contract = contracts::contract(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let recorded = wanted.hinweis.as_deref() == Some(REVIEW);
    let notice = recorded.then_some(DE.projects.review_notice);
    render(
        &state,
        &signed_in,
        &scope,
        contract,
        StatusCode::OK,
        notice,
        None,
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
struct PageWanted {
    hinweis: Option<String>,
}

#[derive(Debug)]
struct ReviewView {
    heading: String,
    facts: Vec<(&'static str, String)>,
    /// (target, fulfilment, comment)
    results: Vec<(String, &'static str, String)>,
}

#[derive(Debug)]
struct TargetRow {
    kind: &'static str,
    target: String,
    deadline: String,
    status: &'static str,
}

#[derive(Template)]
#[template(path = "contract_page.html")]
struct ContractPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    heading: String,
    notice: Option<&'static str>,
    summary: Vec<SummaryEntry>,
    facts: Vec<(&'static str, String)>,
    /// (party, role)
    parties: Vec<(String, &'static str)>,
    targets: Vec<TargetRow>,
    reviews: Vec<ReviewView>,
    forms: Vec<PageForm>,
}

/// Renders the page of `contract` with `status` (a refused review keeps the API's status).
pub(super) async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    contract: Contract,
    status: StatusCode,
    notice: Option<&'static str>,
    attempt: Option<Attempt>,
) -> Result<Response, PageError> {
    let t = &DE.projects;
    let slug = &scope.slug;
    let c = &contract.contract;
    let steering = match network::load_visible_body(state, scope, c.steering_body_id).await {
        Ok(body) => body.name,
        Err(Error::NotFound) => t.steering_not_visible.to_owned(),
        Err(e) => return Err(page_error(e)),
    };
    let meetings = meetings(state, scope, c.steering_body_id).await?;
    let municipality = Municipality::by_slug(state, slug).await?;
    let summary = summary(attempt.as_ref());
    let heading = c.title.clone();
    let title = if summary.is_empty() {
        heading.clone()
    } else {
        format!("{} – {heading}", DE.errors_heading)
    };
    let facts = vec![
        (
            t.fact_subject,
            c.subject.clone().unwrap_or_else(|| t.not_stated.to_owned()),
        ),
        (t.fact_term, period(Some(c.starts_on), c.ends_on)),
        (t.fact_steering, steering),
        (t.fact_fulfilment, contract.fulfilment_label.to_owned()),
    ];
    let parties = contract
        .parties
        .iter()
        .map(|p| {
            let name = p.organisation_name.clone();
            (
                name.unwrap_or_else(|| municipality.name.clone()),
                p.role.label_de(),
            )
        })
        .collect();
    let targets = contract
        .targets
        .iter()
        .map(|g| TargetRow {
            kind: g.kind.label_de(),
            target: target_label(g),
            deadline: day(g.deadline),
            status: g.status.map_or("", |s| s.label_de()),
        })
        .collect();
    let forms = if scope.is_staff() {
        vec![review_form(slug, &contract, &meetings, attempt.as_ref())]
    } else {
        Vec::new()
    };
    let page = ContractPage {
        layout: Layout::new(
            title,
            vec![Link {
                href: list_path(slug),
                text: t.contracts_title.to_owned(),
            }],
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(slug), &list_path(slug)),
        heading,
        notice,
        summary,
        facts,
        parties,
        targets,
        reviews: reviews(&contract, &meetings),
        forms,
    };
    Ok(html(status, &page))
}

fn reviews(contract: &Contract, meetings: &[MeetingSummary]) -> Vec<ReviewView> {
    let t = &DE.projects;
    contract
        .reviews
        .iter()
        .map(|r| {
            let mut facts = Vec::new();
            let meeting = r
                .meeting_id
                .and_then(|m| meetings.iter().find(|x| x.id == m));
            if let Some(m) = meeting {
                facts.push((t.review_meeting, m.title.clone()));
            }
            facts.push((t.review_by, r.actor.clone()));
            if let Some(note) = &r.note {
                facts.push((t.review_note, note.clone()));
            }
            let results = r
                .results
                .iter()
                .map(|x| {
                    let target = contract.targets.iter().find(|g| g.id == x.target_id);
                    (
                        target.map(target_label).unwrap_or_default(),
                        x.status.label_de(),
                        x.comment.clone().unwrap_or_default(),
                    )
                })
                .collect();
            ReviewView {
                heading: t.review_of.replace("{}", &day(r.reviewed_on)),
                facts,
                results,
            }
        })
        .collect()
}

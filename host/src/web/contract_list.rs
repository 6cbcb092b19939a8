//! The contracts' list (`GET /arbeit/{municipality}/kontrakte`): the contracts the person
//! may see — the running ones (the term covers today) or all, newest term first, a page at
//! a time — through the API's list (`contracts::visible_contracts`) with the person's
//! `Scope`: staff see every contract, users of an organisation those it is a party to. One
//! contract's page: `contract_pages.rs`.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::frame::{CONTRACTS, Frame};
use super::project_list::{Pager, TabLink, offset, period};
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Link, Municipality, PageError, html, notice, page_error};
use crate::api::page::PageParams;
use crate::contracts::{self, ContractFilter, ContractSummary};
use crate::db::{Date, Id};
use crate::error::Error;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(&format!("{START}/{{municipality}}/{CONTRACTS}"), get(list))
}

/// `…/kontrakte` of municipality `slug`.
pub(super) fn list_path(slug: &str) -> String {
    format!("{START}/{slug}/{CONTRACTS}")
}

/// The page of contract `id`.
pub(super) fn contract_path(slug: &str, id: Id) -> String {
    format!("{}/{id}", list_path(slug))
}

#[derive(Debug)]
struct Row {
    href: String,
    title: String,
    term: String,
    subject: String,
}

#[derive(Template)]
#[template(path = "contract_list.html")]
struct ListPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    intro: &'static str,
    tabs: Vec<TabLink>,
    tab: &'static str,
    rows: Vec<Row>,
    range: String,
    previous: Option<String>,
    next: Option<String>,
}

/// What the list's address may ask: `stand=alle` for every contract, and a page.
#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    stand: Option<String>,
    offset: Option<String>,
}

/// `GET …/kontrakte`: the running contracts (the term covers today), or all.
async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let t = &DE.projects;
    let all = wanted.stand.as_deref() == Some("alle");
    let filter = ContractFilter {
        page: PageParams {
            limit: None,
            offset: Some(offset(wanted.offset.as_deref())),
        },
        active_on: (!all).then(Date::today),
        ..ContractFilter::default()
    };
    let base = list_path(&slug);
    let page = match contracts::visible_contracts(&state, &scope, filter).await {
        Ok(page) => page,
        // A user acting for no organisation: the API's refusal, in German.
        Err(Error::Client(code, detail)) => {
            let back = Link {
                href: format!("{START}/{slug}"),
                text: DE.staff.back_to_start.to_owned(),
            };
            let text = detail.unwrap_or_else(|| code.de().to_owned());
            return Ok(notice(
                code.status(),
                t.refused_title,
                text,
                back,
                Vec::new(),
            ));
        }
        Err(e) => return Err(page_error(e)),
    };
    let href = |all: bool, offset: i64| {
        let key = if all { "alle" } else { "laufend" };
        format!("{base}?stand={key}&offset={offset}")
    };
    let pager = Pager::of(&page, t.contracts_range);
    let tabs = [(false, t.contracts_current), (true, t.contracts_all)]
        .into_iter()
        .map(|(a, text)| TabLink {
            href: href(a, 0),
            text,
            current: a == all,
        })
        .collect();
    let tab = if all {
        t.contracts_all
    } else {
        t.contracts_current
    };
    let page = ListPage {
        layout: Layout::new(
            format!("{tab} – {} – {}", t.contracts_title, municipality.name),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(&signed_in, Some(&slug), &base),
        municipality,
        intro: if scope.is_staff() {
            t.contracts_intro_staff
        } else {
            t.contracts_intro_member
        },
        tabs,
        tab,
        rows: rows(&slug, &page.items),
        range: pager.range,
        previous: pager.previous.map(|o| href(all, o)),
        next: pager.next.map(|o| href(all, o)),
    };
    Ok(html(StatusCode::OK, &page))
}

fn rows(slug: &str, items: &[ContractSummary]) -> Vec<Row> {
    items
        .iter()
        .map(|c| Row {
            href: contract_path(slug, c.id),
            title: c.title.clone(),
            term: period(Some(c.starts_on), c.ends_on),
            subject: c.subject.clone().unwrap_or_default(),
        })
        .collect()
}

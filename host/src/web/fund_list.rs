//! The funds of a municipality (`GET /arbeit/{municipality}/fonds`): each with its budget,
//! what is approved and paid, and the balance still to be given out — the API's list
//! (`funds::list_funds`) with the person's `Scope`, so everyone of the municipality reads it
//! and nobody else. Each fund links to its applications (`application_list.rs`).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::application_list::list_path;
use super::format::euros;
use super::frame::{FUNDS, Frame, funds_path};
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::PageParams;
use crate::funds::{self, Fund, FundFilter};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(&format!("{START}/{{municipality}}/{FUNDS}"), get(page))
}

/// One fund as the table shows it.
#[derive(Debug)]
struct Row {
    name: String,
    /// Kind, and area where it has one.
    about: String,
    applications: String,
    year: i64,
    budget: String,
    approved: String,
    paid: String,
    available: String,
    /// Nothing left to give out.
    exhausted: bool,
}

#[derive(Template)]
#[template(path = "fund_list.html")]
struct FundsPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    rows: Vec<Row>,
    range: String,
    previous: Option<String>,
    next: Option<String>,
}

/// What the address may ask: a page (the API's `offset`; its default `limit`).
#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    offset: Option<String>,
}

/// `GET …/fonds`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let offset = wanted
        .offset
        .as_deref()
        .and_then(|o| o.parse::<i64>().ok())
        .unwrap_or(0)
        .max(0);
    let filter = FundFilter {
        page: PageParams {
            limit: None,
            offset: Some(offset),
        },
        ..FundFilter::default()
    };
    let page = funds::list_funds(&state, &scope, filter)
        .await
        .map_err(page_error)?;
    let t = &DE.funds;
    let base = funds_path(&slug);
    let shown_to = page.offset + i64::try_from(page.items.len()).unwrap_or_default();
    let range = t.funds_range(shown_to, page.total);
    let previous =
        (page.offset > 0).then(|| format!("{base}?offset={}", (page.offset - page.limit).max(0)));
    let next = (shown_to < page.total).then(|| format!("{base}?offset={shown_to}"));
    let rows = page.items.iter().map(|f| row(&slug, f)).collect();
    let page = FundsPage {
        layout: Layout::new(format!("{} – {}", t.funds_title, municipality.name), vec![]),
        t: &DE,
        frame: Frame::new(&signed_in, Some(&slug), &base),
        municipality,
        rows,
        range,
        previous,
        next,
    };
    Ok(html(StatusCode::OK, &page))
}

fn row(slug: &str, f: &Fund) -> Row {
    let mut about = f.kind.label_de().to_owned();
    if let Some(area) = &f.area_name {
        about = format!("{about}, {area}");
    }
    Row {
        name: f.name.clone(),
        about,
        applications: format!("{}?fonds={}", list_path(slug), f.id),
        year: f.year,
        budget: euros(f.budget_cents),
        approved: euros(f.approved_cents),
        paid: euros(f.paid_cents),
        available: euros(f.available_cents),
        exhausted: f.available_cents <= 0,
    }
}

//! The fund applications (`GET /arbeit/{municipality}/foerderantraege`): by state, newest or
//! oldest first, a page at a time, optionally of one fund — the API's list
//! (`funds::visible_applications`) with the person's `Scope`, so staff see every application
//! of the municipality and member and jury users those routed to their bodies. Filter and
//! order are links, so they work without JavaScript. One application: `application_page.rs`.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::format::{day_and_age, euros};
use super::frame::{APPLICATIONS, Frame, funds_path};
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Link, Municipality, PageError, html, page_error};
use crate::api::page::PageParams;
use crate::db::{Id, Timestamp};
use crate::error::Error;
use crate::forms::ReviewState;
use crate::funds::kinds::ApplicationState;
use crate::funds::{self, ApplicationFilter, ApplicationOrder};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{APPLICATIONS}"),
        get(list),
    )
}

/// `…/foerderantraege` of municipality `slug`.
pub(super) fn list_path(slug: &str) -> String {
    format!("{START}/{slug}/{APPLICATIONS}")
}

/// The page of application `id`.
pub(super) fn application_path(slug: &str, id: Id) -> String {
    format!("{}/{id}", list_path(slug))
}

/// `stand=` of the tab that shows every state.
const ALL: &str = "alle";

/// The order as the address names it (`reihenfolge=`).
fn order_key(order: ApplicationOrder) -> &'static str {
    match order {
        ApplicationOrder::Newest => "neueste",
        ApplicationOrder::Oldest => "aelteste",
    }
}

/// A link of the filter, of the order or of the page navigation.
#[derive(Debug)]
struct TabLink {
    href: String,
    text: &'static str,
    current: bool,
}

/// One row of the table.
#[derive(Debug)]
struct Row {
    href: String,
    reference: String,
    title: String,
    fund: String,
    requested: String,
    state: &'static str,
    received: String,
    flag: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "application_list.html")]
struct ListPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    intro: &'static str,
    /// The fund the list is limited to (its name), linking back to all funds' applications.
    fund: Option<Link>,
    tabs: Vec<TabLink>,
    orders: Vec<TabLink>,
    /// The current tab's label, for the heading.
    tab: &'static str,
    rows: Vec<Row>,
    range: String,
    previous: Option<String>,
    next: Option<String>,
}

/// What the address may ask; unknown values show the default (all, newest first).
#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    stand: Option<String>,
    reihenfolge: Option<String>,
    fonds: Option<String>,
    offset: Option<String>,
}

/// `GET …/foerderantraege`.
async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let t = &DE.funds;
    let chosen = wanted
        .stand
        .as_deref()
        .and_then(|s| s.parse::<ApplicationState>().ok());
    let order = ApplicationOrder::ALL
        .iter()
        .copied()
        .find(|o| wanted.reihenfolge.as_deref() == Some(order_key(*o)))
        .unwrap_or(ApplicationOrder::Newest);
    // A fund of another municipality or none at all is no filter, as the API's fund is 404.
    let fund = match wanted.fonds.as_deref().and_then(|f| f.parse::<Id>().ok()) {
        Some(id) => match funds::load_fund(&state.db.pool, &scope, id).await {
            Ok(fund) => Some(fund),
            Err(Error::NotFound) => None,
            Err(e) => return Err(page_error(e)),
        },
        None => None,
    };
    let offset = wanted
        .offset
        .as_deref()
        .and_then(|o| o.parse::<i64>().ok())
        .unwrap_or(0)
        .max(0);
    let filter = ApplicationFilter {
        page: PageParams {
            limit: None,
            offset: Some(offset),
        },
        state: chosen,
        fund_id: fund.as_ref().map(|f| f.id),
        order: Some(order),
        ..ApplicationFilter::default()
    };
    let page = funds::visible_applications(&state, &scope, None, filter)
        .await
        .map_err(page_error)?;
    let base = list_path(&slug);
    let href = |stand: Option<ApplicationState>, order: ApplicationOrder, offset: i64| {
        let mut query = vec![
            (
                "stand",
                stand.map_or(ALL, ApplicationState::as_str).to_owned(),
            ),
            ("reihenfolge", order_key(order).to_owned()),
        ];
        if let Some(f) = &fund {
            query.push(("fonds", f.id.to_string()));
        }
        query.push(("offset", offset.to_string()));
        format!(
            "{base}?{}",
            serde_urlencoded::to_string(query).unwrap_or_default()
        )
    };
    let shown_to = page.offset + i64::try_from(page.items.len()).unwrap_or_default();
    let range = t.applications_range((page.offset + 1).min(shown_to), shown_to, page.total, order);
    let previous =
        (page.offset > 0).then(|| href(chosen, order, (page.offset - page.limit).max(0)));
    let next = (shown_to < page.total).then(|| href(chosen, order, shown_to));
    let states = std::iter::once(None).chain(ApplicationState::ALL.iter().copied().map(Some));
    let tabs = states
        .map(|s| TabLink {
            href: href(s, order, 0),
            text: s.map_or(t.tab_all, ApplicationState::label_de),
            current: s == chosen,
        })
        .collect();
    let orders = ApplicationOrder::ALL
        .iter()
        .map(|o| TabLink {
            href: href(chosen, *o, 0),
            text: t.order_label(*o),
            current: *o == order,
        })
        .collect();
    let now = Timestamp::now();
    let rows = page
        .items
        .iter()
        .map(|a| Row {
            href: application_path(&slug, a.id),
            reference: a.reference.clone(),
            title: a.title.clone(),
            fund: a.fund_name.clone(),
            requested: euros(a.requested_cents),
            state: a.state.label_de(),
            received: day_and_age(DE.staff, a.created_at, now),
            flag: (a.review_state == ReviewState::ManuellePruefung)
                .then_some(DE.staff.manual_review),
        })
        .collect();
    let tab = chosen.map_or(t.tab_all, ApplicationState::label_de);
    let mut breadcrumbs = Vec::new();
    if fund.is_some() {
        breadcrumbs.push(Link {
            href: funds_path(&slug),
            text: t.funds_title.to_owned(),
        });
    }
    let page = ListPage {
        layout: Layout::new(
            format!("{tab} – {} – {}", t.applications_title, municipality.name),
            breadcrumbs,
        ),
        t: &DE,
        frame: Frame::new(&signed_in, Some(&slug), &base),
        municipality,
        intro: if scope.is_staff() {
            t.applications_intro_staff
        } else {
            t.applications_intro_member
        },
        fund: fund.map(|f| Link {
            href: base.clone(),
            text: f.name,
        }),
        tabs,
        orders,
        tab,
        rows,
        range,
        previous,
        next,
    };
    Ok(html(StatusCode::OK, &page))
}

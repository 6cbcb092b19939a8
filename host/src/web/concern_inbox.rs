//! The concerns' inbox (`GET /arbeit/{municipality}/anliegen`): the concerns the person may
//! see, by state, the longest waiting first, a page at a time — the API's list
//! (`concerns::visible_concerns`) with the person's `Scope`, so staff see every concern of
//! the municipality and member and jury users those forwarded to their organisation. The
//! state filter is a row of links, so it works without JavaScript. One concern's page and
//! its steps are in `concern_page.rs` and `concern_steps.rs`.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::format::day_and_age;
use super::frame::{CONCERNS, Frame};
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::PageParams;
use crate::auth::Scope;
use crate::concerns::{
    self, Category, Concern, ConcernFilter, ConcernOrder, ConcernStage, ConcernState,
};
use crate::db::{Id, Timestamp};
use crate::forms::ReviewState;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(&format!("{START}/{{municipality}}/{CONCERNS}"), get(inbox))
}

/// `…/anliegen` of municipality `slug`.
pub(super) fn inbox_path(slug: &str) -> String {
    format!("{START}/{slug}/{CONCERNS}")
}

/// The page of concern `id`.
pub(super) fn concern_path(slug: &str, id: Id) -> String {
    format!("{}/{id}", inbox_path(slug))
}

/// The German label of category `key` in the municipality's catalogue, else the key.
pub(super) fn category_label(categories: &[Category], key: &str) -> String {
    categories
        .iter()
        .find(|k| k.key == key)
        .map_or_else(|| key.to_owned(), |k| k.label.clone())
}

/// A tab of the state filter: `stand=` in the address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Open,
    State(ConcernState),
    Final,
    All,
}

impl Tab {
    fn all() -> Vec<Tab> {
        let states = ConcernState::ALL.iter().map(|s| Tab::State(*s));
        std::iter::once(Tab::Open)
            .chain(states)
            .chain([Tab::Final, Tab::All])
            .collect()
    }

    fn key(self) -> &'static str {
        match self {
            Tab::Open => "offen",
            Tab::State(s) => s.as_str(),
            Tab::Final => "erledigt",
            Tab::All => "alle",
        }
    }

    /// The tab of `stand=`; an unknown value shows the open concerns.
    fn from_key(key: Option<&str>) -> Tab {
        Tab::all()
            .into_iter()
            .find(|t| Some(t.key()) == key)
            .unwrap_or(Tab::Open)
    }

    fn label(self) -> &'static str {
        let t = &DE.staff;
        match self {
            Tab::Open => t.inbox_open,
            Tab::State(s) => s.label_de(),
            Tab::Final => t.inbox_final,
            Tab::All => t.inbox_all,
        }
    }

    fn filter(self, page: PageParams) -> ConcernFilter {
        let (state, stage) = match self {
            Tab::Open => (None, Some(ConcernStage::Open)),
            Tab::State(s) => (Some(s), None),
            Tab::Final => (None, Some(ConcernStage::Final)),
            Tab::All => (None, None),
        };
        ConcernFilter {
            page,
            state,
            stage,
            order: Some(ConcernOrder::Oldest),
            category: None,
            department: None,
            review_state: None,
        }
    }
}

/// A link of the filter or of the page navigation.
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
    category: String,
    area: String,
    state: &'static str,
    received: String,
    department: String,
    flag: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "concern_inbox.html")]
struct InboxPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    intro: &'static str,
    tabs: Vec<TabLink>,
    /// The current tab's label, for the table's caption.
    tab: &'static str,
    rows: Vec<Row>,
    range: String,
    previous: Option<String>,
    next: Option<String>,
}

/// What the address may ask: a tab and a page (the API's `offset`; its default `limit`).
#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    stand: Option<String>,
    offset: Option<String>,
}

/// `GET …/anliegen`: the concerns of the chosen tab, the longest waiting first.
async fn inbox(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let tab = Tab::from_key(wanted.stand.as_deref());
    let offset = wanted
        .offset
        .as_deref()
        .and_then(|o| o.parse::<i64>().ok())
        .unwrap_or(0)
        .max(0);
    let params = PageParams {
        limit: None,
        offset: Some(offset),
    };
    let page = concerns::visible_concerns(&state, &scope, tab.filter(params))
        .await
        .map_err(page_error)?;
    let rows = rows(&state, &scope, &page.items).await;
    let base = inbox_path(&slug);
    let href = |tab: Tab, offset: i64| {
        let query = serde_urlencoded::to_string([
            ("stand", tab.key().to_owned()),
            ("offset", offset.to_string()),
        ])
        .unwrap_or_default();
        format!("{base}?{query}")
    };
    let t = &DE.staff;
    let shown_to = page.offset + i64::try_from(page.items.len()).unwrap_or_default();
    let range = t.inbox_range((page.offset + 1).min(shown_to), shown_to, page.total);
    let previous = (page.offset > 0).then(|| href(tab, (page.offset - page.limit).max(0)));
    let next = (shown_to < page.total).then(|| href(tab, shown_to));
    let tabs = Tab::all()
        .into_iter()
        .map(|t| TabLink {
            href: href(t, 0),
            text: t.label(),
            current: t == tab,
        })
        .collect();
    let page = InboxPage {
        layout: Layout::new(
            format!(
                "{} – {} – {}",
                tab.label(),
                t.inbox_title,
                municipality.name
            ),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(&signed_in, Some(&slug), &base),
        municipality,
        intro: if scope.is_staff() {
            t.inbox_intro_staff
        } else {
            t.inbox_intro_member
        },
        tabs,
        tab: tab.label(),
        rows,
        range,
        previous,
        next,
    };
    Ok(html(StatusCode::OK, &page))
}

async fn rows(state: &AppState, scope: &Scope, items: &[Concern]) -> Vec<Row> {
    let t = &DE.staff;
    let categories = concerns::categories(state, scope.municipality_id, &scope.slug).await;
    let now = Timestamp::now();
    items
        .iter()
        .map(|c| Row {
            href: concern_path(&scope.slug, c.id),
            reference: c.reference.clone(),
            category: category_label(&categories, &c.category),
            area: c.area.clone().unwrap_or_default(),
            state: c.state.label_de(),
            received: day_and_age(t, c.received_at, now),
            department: c.department.clone().unwrap_or_default(),
            flag: (c.review_state == ReviewState::ManuellePruefung).then_some(t.manual_review),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tab_reads_back_from_its_key_and_unknown_keys_show_the_open_ones() {
        for tab in Tab::all() {
            assert_eq!(Tab::from_key(Some(tab.key())), tab);
        }
        assert_eq!(Tab::from_key(Some("<script>")), Tab::Open);
        assert_eq!(Tab::from_key(None), Tab::Open);
    }
}

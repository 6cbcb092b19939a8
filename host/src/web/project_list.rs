//! The projects' list (`GET /arbeit/{municipality}/massnahmen`): the projects (*Maßnahmen*)
//! the person may see, by title, a page at a time — the API's list
//! (`projects::visible_projects`) with the person's `Scope`, so staff see every project of
//! the municipality and member and jury users those their organisation leads or partners
//! in. The state filter is a row of links and the field of action a small GET form, so both
//! work without JavaScript. One project's page: `project_page.rs`.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use quartier_documents::Entry;

use super::format::{day, euros};
use super::frame::{Frame, PROJECTS};
use super::session::{START, SignedIn};
use super::texts::{DE, ProjectTexts, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::{Page, PageParams};
use crate::db::{Date, Id};
use crate::projects::{self, ProjectFilter, ProjectState, ProjectSummary};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(&format!("{START}/{{municipality}}/{PROJECTS}"), get(list))
}

/// `…/massnahmen` of municipality `slug`.
pub(super) fn list_path(slug: &str) -> String {
    format!("{START}/{slug}/{PROJECTS}")
}

/// The page of project `id`.
pub(super) fn project_path(slug: &str, id: Id) -> String {
    format!("{}/{id}", list_path(slug))
}

/// The German label of field of action `key` in the municipality's catalogue, else the key.
pub(super) fn field_label(catalogue: &[Entry], key: &str) -> String {
    catalogue
        .iter()
        .find(|e| e.key == key)
        .map_or_else(|| key.to_owned(), |e| e.label.clone())
}

/// "01.01.2026 bis 31.12.2027", "ab …", "bis …", or nothing.
pub(super) fn period(from: Option<Date>, to: Option<Date>) -> String {
    let t = &DE.projects;
    match (from, to) {
        (Some(f), Some(e)) => t.period.replace("{from}", &day(f)).replace("{to}", &day(e)),
        (Some(f), None) => t.period_from.replace("{from}", &day(f)),
        (None, Some(e)) => t.period_to.replace("{to}", &day(e)),
        (None, None) => String::new(),
    }
}

/// The highest `offset=` read: far beyond any list, and safe to count on from.
const OFFSET_MAX: i64 = 1_000_000_000;

/// `offset=` as the address gives it: a number of items to skip, else none.
pub(super) fn offset(raw: Option<&str>) -> i64 {
    raw.and_then(|o| o.trim().parse::<i64>().ok())
        .unwrap_or(0)
        .clamp(0, OFFSET_MAX)
}

/// A link of the filter or of the page navigation.
#[derive(Debug)]
pub(super) struct TabLink {
    pub href: String,
    pub text: &'static str,
    pub current: bool,
}

/// Where a page of a list stands: "… 1–50 von 120", and the neighbouring pages' offsets.
#[derive(Debug)]
pub(super) struct Pager {
    pub range: String,
    pub previous: Option<i64>,
    pub next: Option<i64>,
}

impl Pager {
    pub fn of<T>(page: &Page<T>, pattern: &str) -> Pager {
        let shown_to = page
            .offset
            .saturating_add(i64::try_from(page.items.len()).unwrap_or_default());
        let from = page.offset.saturating_add(1).min(shown_to);
        Pager {
            range: ProjectTexts::range(pattern, from, shown_to, page.total),
            previous: (page.offset > 0).then(|| (page.offset - page.limit).max(0)),
            next: (shown_to < page.total).then_some(shown_to),
        }
    }
}

/// One row of the table.
#[derive(Debug)]
struct Row {
    href: String,
    title: String,
    field: String,
    state: &'static str,
    period: String,
    budget: String,
}

#[derive(Template)]
#[template(path = "project_list.html")]
struct ListPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    intro: &'static str,
    tabs: Vec<TabLink>,
    tab: &'static str,
    /// The catalogue's fields of action for the filter (empty: no catalogue, no filter).
    fields: Vec<Entry>,
    field: String,
    /// The state tab's key, kept by the filter form.
    stand: &'static str,
    action: String,
    rows: Vec<Row>,
    range: String,
    previous: Option<String>,
    next: Option<String>,
}

/// What the address may ask: a state, a field of action, a page.
#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    stand: Option<String>,
    handlungsfeld: Option<String>,
    offset: Option<String>,
}

/// The tab of `stand=`: a state, or none for all (also for an unknown value).
fn tab_state(key: Option<&str>) -> Option<ProjectState> {
    key.and_then(|k| k.parse::<ProjectState>().ok())
}

fn tab_key(state: Option<ProjectState>) -> &'static str {
    state.map_or("alle", ProjectState::as_str)
}

/// `GET …/massnahmen`.
async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let t = &DE.projects;
    let chosen = tab_state(wanted.stand.as_deref());
    let field = wanted
        .handlungsfeld
        .map(|f| f.trim().to_owned())
        .filter(|f| !f.is_empty());
    let filter = ProjectFilter {
        page: PageParams {
            limit: None,
            offset: Some(offset(wanted.offset.as_deref())),
        },
        state: chosen,
        field_of_action: field.clone(),
        ..ProjectFilter::default()
    };
    let page = projects::visible_projects(&state, &scope, filter)
        .await
        .map_err(page_error)?;
    let catalogue = projects::catalogue(&state, &scope)
        .await
        .unwrap_or_default();
    let base = list_path(&slug);
    let href = |s: Option<ProjectState>, offset: i64| {
        let mut query = vec![("stand", tab_key(s).to_owned())];
        query.extend(field.clone().map(|f| ("handlungsfeld", f)));
        query.push(("offset", offset.to_string()));
        format!(
            "{base}?{}",
            serde_urlencoded::to_string(query).unwrap_or_default()
        )
    };
    let pager = Pager::of(&page, t.list_range);
    let states = std::iter::once(None).chain(ProjectState::ALL.iter().copied().map(Some));
    let tabs = states
        .map(|s| TabLink {
            href: href(s, 0),
            text: s.map_or(t.tab_all, ProjectState::label_de),
            current: s == chosen,
        })
        .collect();
    let tab = chosen.map_or(t.tab_all, ProjectState::label_de);
    let page = ListPage {
        layout: Layout::new(
            format!("{tab} – {} – {}", t.list_title, municipality.name),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(&signed_in, Some(&slug), &base),
        municipality,
        intro: if scope.is_staff() {
            t.list_intro_staff
        } else {
            t.list_intro_member
        },
        tabs,
        tab,
        rows: rows(&slug, &catalogue, &page.items),
        fields: catalogue,
        field: field.clone().unwrap_or_default(),
        stand: tab_key(chosen),
        action: base.clone(),
        range: pager.range,
        previous: pager.previous.map(|o| href(chosen, o)),
        next: pager.next.map(|o| href(chosen, o)),
    };
    Ok(html(StatusCode::OK, &page))
}

fn rows(slug: &str, catalogue: &[Entry], items: &[ProjectSummary]) -> Vec<Row> {
    items
        .iter()
        .map(|p| Row {
            href: project_path(slug, p.id),
            title: p.title.clone(),
            field: field_label(catalogue, &p.field_of_action),
            state: p.state.label_de(),
            period: period(p.starts_on, p.ends_on),
            budget: p.budget_cents.map(euros).unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_tab_reads_back_from_its_key_and_unknown_keys_show_all() {
        for s in ProjectState::ALL {
            assert_eq!(tab_state(Some(tab_key(Some(*s)))), Some(*s));
        }
        assert_eq!(tab_state(Some("<script>")), None);
        assert_eq!(tab_state(Some("alle")), None);
    }

    #[test]
    fn an_offset_from_the_address_is_a_bounded_count() {
        assert_eq!(offset(Some("50")), 50);
        assert_eq!(offset(Some("-3")), 0);
        assert_eq!(offset(Some("9223372036854775807")), OFFSET_MAX);
        assert_eq!(offset(Some("viele")), 0);
        assert_eq!(offset(None), 0);
    }
}

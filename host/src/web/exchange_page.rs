//! The exchange page (`GET /arbeit/{municipality}/austausch`, staff): the service centre's
//! catalogue — searched through this host with the site's key
//! (`federation::shared::route::search_catalogue`), a page at a time — and the
//! municipality's own shared items; for the coordination the form that releases one and a
//! button that withdraws one (`exchange_steps.rs`). A host enrolled nowhere, or a centre
//! that cannot be reached, is said on the page in German instead of the results.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::format::{berlin, day};
use super::frame::{EXCHANGE, Frame};
use super::page_form::{Attempt, Choice, Field, Group, PageForm, SummaryEntry, summary};
use super::reports::staff_scope;
use super::session::{START, SignedIn};
use super::texts::{DE, ExchangeTexts, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::PageParams;
use crate::auth::{Role, Scope};
use crate::error::Error;
use crate::federation::outbox::OutboxState;
use crate::federation::shared::item::ItemKind;
use crate::federation::shared::route::search_catalogue;
use crate::federation::shared::search::{Found, Search};
use crate::federation::shared::store;
use crate::messages::Code;
use crate::state::AppState;

/// The release form's id, and the path it posts to below the page.
pub(super) const RELEASE: &str = "beitraege";
/// The withdraw button's path below an item.
pub(super) const WITHDRAW: &str = "zurueckziehen";
/// The catalogue's items' path below the page, and an attachment's below an item.
pub(super) const CATALOGUE: &str = "katalog";
pub(super) const FILE: &str = "datei";

pub fn routes() -> Router<AppState> {
    Router::new().route(&format!("{START}/{{municipality}}/{EXCHANGE}"), get(page))
}

/// `…/austausch` of municipality `slug`.
pub(super) fn exchange_path(slug: &str) -> String {
    format!("{START}/{slug}/{EXCHANGE}")
}

/// A found item of the catalogue.
#[derive(Debug)]
struct Hit {
    title: String,
    kind: &'static str,
    from: String,
    date: Option<String>,
    place: Option<String>,
    summary: String,
    /// The attachment's download address and its label.
    attachment: Option<(String, String)>,
}

/// One of the municipality's own items.
#[derive(Debug)]
struct Mine {
    title: String,
    kind: &'static str,
    released: String,
    state: String,
    /// The withdraw button's address, for the coordination while the item is listed.
    withdraw: Option<String>,
}

#[derive(Template)]
#[template(path = "exchange.html")]
struct ExchangePage {
    layout: Layout,
    t: &'static Texts,
    x: &'static ExchangeTexts,
    frame: Frame,
    municipality: Municipality,
    action: String,
    q: String,
    kind: String,
    kinds: Vec<Choice>,
    /// The catalogue's page, or why there is none.
    hits: Result<Vec<Hit>, String>,
    found: String,
    previous: Option<String>,
    next: Option<String>,
    mine: Vec<Mine>,
    form: Option<PageForm>,
    summary: Vec<SummaryEntry>,
    notice: Option<&'static str>,
}

/// What the address may ask: a search, a page, a notice after a step.
#[derive(Debug, Default, serde::Deserialize)]
pub(super) struct Wanted {
    pub q: Option<String>,
    pub art: Option<String>,
    pub seite: Option<String>,
    pub hinweis: Option<String>,
}

/// `GET …/austausch`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    render(&state, &signed_in, &scope, StatusCode::OK, wanted, None).await
}

/// The page with `wanted`'s search, and a refused release `attempt` put back in its form.
pub(super) async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    status: StatusCode,
    wanted: Wanted,
    attempt: Option<Attempt>,
) -> Result<Response, PageError> {
    let x = &DE.exchange;
    let kind = wanted
        .art
        .as_deref()
        .and_then(|k| k.parse::<ItemKind>().ok());
    let search = Search {
        q: wanted.q.clone().filter(|q| !q.trim().is_empty()),
        kind,
        page: wanted
            .seite
            .as_deref()
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(1),
    };
    let base = exchange_path(&scope.slug);
    let href = |page: u32| {
        let mut query = vec![("seite", page.to_string())];
        query.extend(search.q.clone().map(|q| ("q", q)));
        query.extend(kind.map(|k| ("art", k.as_str().to_owned())));
        format!(
            "{base}?{}",
            serde_urlencoded::to_string(query).unwrap_or_default()
        )
    };
    let (hits, found, previous, next) = match search_catalogue(state, &search).await {
        Ok(page) => {
            let shown = u64::from(search.page) * u64::from(page.per_page);
            let next = (shown < page.total).then(|| href(search.page + 1));
            let previous = (search.page > 1).then(|| href(search.page - 1));
            let found = match page.total {
                0 => x.found_none.to_owned(),
                1 => x.found_one.to_owned(),
                n => x.found.replace("{}", &n.to_string()),
            };
            (Ok(hits(&scope.slug, &page)), found, previous, next)
        }
        Err(Error::Client(Code::ExchangeNotEnrolled, _)) => {
            (Err(x.not_enrolled.to_owned()), String::new(), None, None)
        }
        Err(Error::Client(code, detail)) => {
            let why = detail.unwrap_or_else(|| code.de().to_owned());
            (Err(why), String::new(), None, None)
        }
        Err(e) => return Err(page_error(e)),
    };
    let coordinator = matches!(signed_in.user.role, Role::Admin | Role::Coordinator);
    let items = store::list(&state.db, scope, PageParams::default())
        .await
        .map_err(page_error)?;
    let mine = items
        .items
        .iter()
        .map(|i| Mine {
            title: i.title.clone(),
            kind: i.kind.label_de(),
            released: berlin(i.released_at.0).format("%d.%m.%Y").to_string(),
            state: item_state(i.withdrawn_at.is_some(), i.delivery),
            withdraw: (coordinator && i.withdrawn_at.is_none())
                .then(|| format!("{base}/{RELEASE}/{}/{WITHDRAW}", i.id.0)),
        })
        .collect();
    let mut form = if coordinator {
        Some(release_form(state, scope, &base).await)
    } else {
        None
    };
    if let Some(form) = form.as_mut() {
        form.refill(attempt.as_ref());
    }
    let notice = match wanted.hinweis.as_deref() {
        Some("freigegeben") => Some(x.released_notice),
        Some("zurueckgezogen") => Some(x.withdrawn_notice),
        _ => None,
    };
    let municipality = Municipality::by_slug(state, &scope.slug).await?;
    let page = ExchangePage {
        layout: Layout::new(format!("{} – {}", x.title, municipality.name), Vec::new()),
        t: &DE,
        x,
        frame: Frame::new(signed_in, Some(&scope.slug), &base),
        municipality,
        action: base.clone(),
        q: search.q.clone().unwrap_or_default(),
        kind: kind.map_or("", ItemKind::as_str).to_owned(),
        kinds: kind_choices(x.search_kind_all),
        hits,
        found,
        previous,
        next,
        mine,
        summary: summary(attempt.as_ref()),
        form,
        notice,
    };
    Ok(html(status, &page))
}

fn hits(slug: &str, page: &Found) -> Vec<Hit> {
    let x = &DE.exchange;
    page.items
        .iter()
        .map(|l| Hit {
            title: l.item.title.clone(),
            kind: l.item.kind.label_de(),
            from: x
                .from_site
                .replace("{site}", l.site.as_str())
                .replace("{municipality}", &l.municipality)
                .replace("{day}", &day(l.released_on)),
            date: l.item.date.map(|d| x.on_day.replace("{}", &day(d))),
            place: l.item.place.clone(),
            summary: l.item.summary.clone(),
            attachment: l.attachment.as_ref().map(|a| {
                let href = format!(
                    "{}/{CATALOGUE}/{}/{}/{FILE}",
                    exchange_path(slug),
                    l.site.as_str(),
                    l.id.0
                );
                let size = (a.bytes / 1024).max(1).to_string();
                let label = x
                    .attachment
                    .replace("{name}", &a.name)
                    .replace("{kb}", &size);
                (href, label)
            }),
        })
        .collect()
}

/// "im Katalog, bei der Servicestelle", "zurückgezogen, wird zugestellt" …
fn item_state(withdrawn: bool, delivery: OutboxState) -> String {
    let x = &DE.exchange;
    let listed = if withdrawn { x.withdrawn } else { x.listed };
    let delivered = match delivery {
        OutboxState::Sent => x.delivered,
        OutboxState::Pending => x.waiting,
    };
    format!("{listed}, {delivered}")
}

/// The kinds as options, `any` first (an empty value) when given.
fn kind_choices(any: &str) -> Vec<Choice> {
    std::iter::once(Choice::new("", any))
        .chain(
            ItemKind::ALL
                .iter()
                .map(|k| Choice::new(k.as_str(), k.label_de())),
        )
        .collect()
}

/// The coordination's release form; the fields of action from the municipality's plugin.
async fn release_form(state: &AppState, scope: &Scope, base: &str) -> PageForm {
    let x = &DE.exchange;
    let fields = crate::projects::catalogue(state, scope)
        .await
        .unwrap_or_default();
    let field_choices = std::iter::once(Choice::new("", x.field_field_none))
        .chain(
            fields
                .iter()
                .map(|e| Choice::new(e.key.clone(), e.label.clone())),
        )
        .collect();
    let kinds: Vec<Choice> = ItemKind::ALL
        .iter()
        .map(|k| Choice::new(k.as_str(), k.label_de()))
        .collect();
    let at = |name: &str, label: &str| Field::new(RELEASE, name, label);
    PageForm {
        id: RELEASE,
        heading: x.release_heading,
        hint: Some(x.release_hint),
        action: format!("{base}/{RELEASE}"),
        version: None,
        groups: vec![Group {
            legend: None,
            fields: vec![
                at("art", x.field_kind).choices(kinds).required(),
                at("thema", x.field_title).required(),
                at("zusammenfassung", x.field_summary)
                    .kind("text")
                    .hint(x.field_summary_hint)
                    .required(),
                at("handlungsfeld", x.field_field).choices(field_choices),
                at("datum", x.field_date)
                    .kind("date")
                    .hint(x.field_date_hint),
                at("ort", x.field_place),
                at("datei", x.field_file)
                    .kind("file")
                    .hint(x.field_file_hint),
            ],
        }],
        button: x.release_button,
    }
}

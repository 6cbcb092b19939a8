//! The audit log for the coordination (`GET /arbeit/{municipality}/protokoll`): the API's
//! list (`audit_api::entries`, its permission check included), newest first, a page at a
//! time, narrowed by action and kind of object with a plain GET form. Everyone else gets
//! the 404 page, as for a page that is not there.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::format::berlin;
use super::frame::{AUDIT, Frame};
use super::reports::staff_scope;
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::PageParams;
use crate::audit::{Action, ObjectKind};
use crate::audit_api::{self, AuditFilter};
use crate::error::Error;
use crate::messages::Code;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(&format!("{START}/{{municipality}}/{AUDIT}"), get(page))
}

/// An option of a filter's select.
#[derive(Debug)]
struct Choice {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Debug)]
struct Row {
    at: String,
    datetime: String,
    actor: String,
    action: &'static str,
    object: &'static str,
    object_id: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "audit_page.html")]
struct AuditPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    action: String,
    actions: Vec<Choice>,
    kinds: Vec<Choice>,
    rows: Vec<Row>,
    range: String,
    previous: Option<String>,
    next: Option<String>,
}

/// What the address may ask; unknown values are ignored rather than refused.
#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    aktion: Option<String>,
    objekt: Option<String>,
    offset: Option<String>,
}

/// `GET …/protokoll`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let action = wanted
        .aktion
        .as_deref()
        .and_then(|a| a.parse::<Action>().ok());
    let kind = wanted
        .objekt
        .as_deref()
        .and_then(|k| k.parse::<ObjectKind>().ok());
    let offset = wanted
        .offset
        .as_deref()
        .and_then(|o| o.parse::<i64>().ok())
        .unwrap_or(0)
        .max(0);
    let filter = AuditFilter {
        page: PageParams {
            limit: None,
            offset: Some(offset),
        },
        action,
        object_kind: kind,
    };
    let page = match audit_api::entries(&state, &scope, &filter).await {
        Ok(page) => page,
        Err(Error::Client(Code::Forbidden | Code::Unauthenticated, _)) => {
            return Err(PageError::NotFound);
        }
        Err(e) => return Err(page_error(e)),
    };
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let t = &DE.coordination;
    let base = format!("{START}/{slug}/{AUDIT}");
    let href = |offset: i64| {
        let mut query = vec![("offset", offset.to_string())];
        if let Some(a) = action {
            query.push(("aktion", a.as_str().to_owned()));
        }
        if let Some(k) = kind {
            query.push(("objekt", k.as_str().to_owned()));
        }
        format!(
            "{base}?{}",
            serde_urlencoded::to_string(query).unwrap_or_default()
        )
    };
    let shown_to = page.offset + i64::try_from(page.items.len()).unwrap_or_default();
    let rows = page
        .items
        .into_iter()
        .map(|e| {
            let local = berlin(e.at.0);
            Row {
                at: local.format("%d.%m.%Y %H:%M").to_string(),
                datetime: e.at.0.to_rfc3339(),
                actor: e.actor,
                action: e.action.label_de(),
                object: e.object_kind.label_de(),
                object_id: e.object_id,
                detail: e.detail.unwrap_or_default(),
            }
        })
        .collect();
    let audit = AuditPage {
        layout: Layout::new(
            format!("{} – {}", t.audit_title, municipality.name),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(&signed_in, Some(&slug), &base),
        municipality,
        action: base.clone(),
        actions: choices(Action::ALL, action, |a| (a.as_str(), a.label_de())),
        kinds: choices(ObjectKind::ALL, kind, |k| (k.as_str(), k.label_de())),
        rows,
        range: t.range((page.offset + 1).min(shown_to), shown_to, page.total),
        previous: (page.offset > 0).then(|| href((page.offset - page.limit).max(0))),
        next: (shown_to < page.total).then(|| href(shown_to)),
    };
    Ok(html(StatusCode::OK, &audit))
}

/// The options of a select: "alle", then every value with its German label.
fn choices<T: Copy + PartialEq>(
    all: &[T],
    chosen: Option<T>,
    named: impl Fn(T) -> (&'static str, &'static str),
) -> Vec<Choice> {
    let any = Choice {
        value: "",
        label: DE.coordination.audit_any,
        selected: chosen.is_none(),
    };
    std::iter::once(any)
        .chain(all.iter().map(|v| {
            let (value, label) = named(*v);
            Choice {
                value,
                label,
                selected: chosen == Some(*v),
            }
        }))
        .collect()
}

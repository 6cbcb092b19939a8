//! The municipality's plugins (`GET /arbeit/{municipality}/plugins`): the active version,
//! every uploaded version with how its calls went in this process (count, median, p99,
//! errors by code, the latest failures), and for the coordination the upload form and the
//! switches (posted to `plugin_steps.rs`). Staff read; the registry's own functions decide, so the
//! page shows and allows what the API would.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::format::{berlin, day_and_age};
use super::frame::{Frame, PLUGINS};
use super::page_form::SummaryEntry;
use super::reports::staff_scope;
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::{MAX_LIMIT, PageParams};
use crate::auth::Scope;
use crate::db::Timestamp;
use crate::plugin_registry::{self, PluginVersion};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(&format!("{START}/{{municipality}}/{PLUGINS}"), get(page))
}

/// `…/plugins` of municipality `slug`.
pub(super) fn plugins_path(slug: &str) -> String {
    format!("{START}/{slug}/{PLUGINS}")
}

/// What the page says after a redirect (`?hinweis=…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Notice {
    Uploaded,
    Activated,
    RolledBack,
    Deactivated,
}

impl Notice {
    const ALL: [Notice; 4] = [
        Notice::Uploaded,
        Notice::Activated,
        Notice::RolledBack,
        Notice::Deactivated,
    ];

    pub(super) fn key(self) -> &'static str {
        match self {
            Notice::Uploaded => "hochgeladen",
            Notice::Activated => "aktiviert",
            Notice::RolledBack => "zurueckgesetzt",
            Notice::Deactivated => "deaktiviert",
        }
    }

    fn text(self) -> &'static str {
        let t = &DE.coordination;
        match self {
            Notice::Uploaded => t.uploaded_notice,
            Notice::Activated => t.activated_notice,
            Notice::RolledBack => t.rolled_back_notice,
            Notice::Deactivated => t.deactivated_notice,
        }
    }
}

/// One version's row.
#[derive(Debug)]
struct VersionRow {
    id: String,
    name: String,
    version: String,
    uploaded: String,
    size: String,
    active: bool,
    calls: String,
    errors: Vec<String>,
    failures: Vec<FailureRow>,
}

#[derive(Debug)]
struct FailureRow {
    at: String,
    hook: String,
    code: String,
}

#[derive(Template)]
#[template(path = "plugins_page.html")]
struct PluginsPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    action: String,
    coordinator: bool,
    active: Option<String>,
    versions: Vec<VersionRow>,
    notice: Option<&'static str>,
    /// A refused step's reason.
    summary: Vec<SummaryEntry>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct Wanted {
    hinweis: Option<String>,
}

/// `GET …/plugins`.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let notice = Notice::ALL
        .into_iter()
        .find(|n| wanted.hinweis.as_deref() == Some(n.key()));
    render(
        &state,
        &signed_in,
        &scope,
        StatusCode::OK,
        notice.map(Notice::text),
        None,
    )
    .await
}

/// The page as it is now, with a notice after a step or the problem of a refused one.
pub(super) async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    status: StatusCode,
    notice: Option<&'static str>,
    problem: Option<String>,
) -> Result<Response, PageError> {
    let t = &DE.coordination;
    let municipality = Municipality::by_slug(state, &scope.slug).await?;
    let everything = PageParams {
        limit: Some(MAX_LIMIT),
        offset: None,
    };
    let listed = plugin_registry::list(&state.db, scope.municipality_id, everything)
        .await
        .map_err(page_error)?;
    let now = Timestamp::now();
    let active = listed.items.iter().find(|v| v.active).map(|v| {
        t.active_line
            .replace("{name}", &v.name)
            .replace("{version}", &v.version)
            .replace(
                "{day}",
                &v.active_since
                    .map(|at| day_and_age(DE.staff, at, now))
                    .unwrap_or_default(),
            )
    });
    let versions = listed.items.iter().map(|v| row(state, v, now)).collect();
    let base = plugins_path(&scope.slug);
    let page = PluginsPage {
        layout: Layout::new(
            format!("{} – {}", t.plugins_title, municipality.name),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(&scope.slug), &base),
        municipality,
        action: base,
        coordinator: scope.require_coordinator().is_ok(),
        active,
        versions,
        notice,
        summary: problem
            .into_iter()
            .map(|text| SummaryEntry { href: None, text })
            .collect(),
    };
    Ok(html(status, &page))
}

fn row(state: &AppState, v: &PluginVersion, now: Timestamp) -> VersionRow {
    let t = &DE.coordination;
    let stats = state.rules.plugins().stats(v.id);
    VersionRow {
        id: v.id.to_string(),
        name: v.name.clone(),
        version: v.version.clone(),
        uploaded: format!(
            "{}, {}",
            day_and_age(DE.staff, v.created_at, now),
            v.uploaded_by
        ),
        size: kibibytes(v.size_bytes),
        active: v.active,
        calls: t.calls(stats.count, stats.p50_ms, stats.p99_ms),
        errors: stats
            .errors
            .iter()
            .map(|(code, n)| format!("{code}: {n}"))
            .collect(),
        failures: stats
            .recent_failures
            .into_iter()
            .map(|f| FailureRow {
                at: berlin(f.at.0).format("%d.%m.%Y %H:%M:%S").to_string(),
                hook: f.hook,
                code: f.code,
            })
            .collect(),
    }
}

/// "312 KiB"
fn kibibytes(bytes: i64) -> String {
    format!("{} KiB", (bytes + 1023) / 1024)
}

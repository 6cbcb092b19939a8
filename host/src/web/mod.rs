//! Server-rendered pages, German first. Templates (`host/templates/`), the stylesheet and the
//! signed-in pages' one small script (`staff.js`) are compiled into the binary; pages work
//! without JavaScript and load nothing from elsewhere.
//!
//! - Public pages show what an anonymous visitor may see of a municipality's network (its
//!   bodies and meetings, and the public part of approved minutes: `public_minutes.rs`).
//!   Residents report a concern through a form (`concerns.rs`) or apply to a fund
//!   (`fund_application.rs`, fields rendered from the municipality's schema by
//!   `schema_form/`) and follow either on a private status page (`concerns.rs`).
//! - Signed-in pages, for the people who do the work: signing in and out (`sign_in.rs`)
//!   with a server-side session (`session.rs`, `auth::sessions`), every state-changing
//!   request checked for its form token by one layer (`csrf.rs`; the one multipart form,
//!   the plugin upload, read by `multipart.rs`), the start page per role (`work.rs`) in a
//!   frame with navigation (`frame.rs`), and a page set per feature:
//!   - concerns: `concern_inbox.rs`, `concern_page.rs`, `concern_forms.rs`,
//!     `concern_steps.rs`;
//!   - bodies, meetings and minutes: `meeting_bodies.rs`, `meeting_list.rs` (with the
//!     body's members and join requests, `body_requests.rs`, decided in
//!     `body_decision.rs`), `meeting_page.rs` with `meeting_fields.rs`, `meeting_details.rs`, `meeting_forms.rs`,
//!     `meeting_agenda.rs`, `meeting_results.rs`, posted to `meeting_posts.rs`; `minutes.rs`;
//!   - funds and applications: `fund_list.rs`, `application_list.rs`, `application_page.rs`,
//!     `application_history.rs`, `application_forms.rs`, `application_steps.rs`
//!     (`step_field.rs`);
//!   - projects and contracts: `project_list.rs`, `project_page.rs`, `project_forms.rs`,
//!     `project_steps.rs`, `contract_list.rs`, `contract_pages.rs`,
//!     `contract_review_form.rs`, `contract_review.rs` (forms as data: `page_form.rs`);
//!   - the task matrix and its log: `task_matrix_page.rs`, `task_log_page.rs`,
//!     `task_log_form.rs`;
//!   - the network: `person_list.rs`, `person_page.rs`, `person_form.rs`,
//!     `organisation_list.rs`, `area_list.rs`;
//!   - reports, self-evaluations: `reports.rs`, `report_publications.rs`,
//!     `self_evaluation_page.rs`;
//!   - the exchange with other sites (the service centre's catalogue, the municipality's
//!     shared items): `exchange_page.rs` with `exchange_steps.rs`;
//!   - for the coordination: `plugins_page.rs` with `plugin_steps.rs`, `audit_page.rs`.
//!
//!   Pages get the person's `Scope` from the API's own rule and read and write through the
//!   features' own functions, so they show and allow what the API would for the same person.
//!
//! Every unknown path outside the API gets the German 404 page.

mod application_forms;
mod application_history;
mod application_list;
mod application_page;
mod application_steps;
mod area_list;
mod audit_page;
mod body;
mod body_decision;
mod body_requests;
mod comparison_offer;
mod comparison_page;
mod concern_forms;
mod concern_inbox;
mod concern_page;
mod concern_steps;
mod concerns;
mod contract_list;
mod contract_pages;
mod contract_review;
mod contract_review_form;
mod csrf;
mod exchange_page;
mod exchange_steps;
mod format;
mod frame;
mod fund_application;
mod fund_list;
mod joint_calendar;
mod meeting_agenda;
mod meeting_bodies;
mod meeting_details;
mod meeting_fields;
mod meeting_forms;
mod meeting_list;
mod meeting_page;
mod meeting_posts;
mod meeting_results;
mod meetings;
mod minutes;
mod multipart;
mod municipality;
mod organisation_list;
mod page_form;
mod person_form;
mod person_list;
mod person_page;
mod plugin_steps;
mod plugins_page;
mod project_forms;
mod project_list;
mod project_page;
mod project_steps;
mod public_minutes;
mod published;
mod refusal;
mod report_publications;
mod reports;
pub mod schema_form;
mod self_evaluation_page;
pub mod session;
mod sign_in;
mod sso;
mod step_field;
mod task_log_form;
mod task_log_page;
mod task_matrix_page;
pub mod texts;
mod work;

use askama::Template;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::assets;
use crate::auth::{Caller, Level, Scope};
use crate::db::Id;
use crate::error::Error;
use crate::state::AppState;
use texts::{DE, Texts};

// For the OParl interface: its File's day is the meeting's German day, and its `accessUrl`
// is the public minutes page.
pub use format::berlin;
pub use public_minutes::public_minutes_path;

/// The public pages, the signed-in pages behind their form-token check, the stylesheet,
/// and the German 404 page for every path no other router claims.
pub fn router(state: &AppState) -> Router<AppState> {
    let signed_in = Router::new()
        .merge(sign_in::routes())
        .merge(sso::routes())
        .merge(work::routes())
        .merge(concern_inbox::routes())
        .merge(concern_page::routes())
        .merge(concern_steps::routes())
        .merge(fund_list::routes())
        .merge(application_list::routes())
        .merge(application_page::routes())
        .merge(application_steps::routes())
        .merge(reports::routes())
        .merge(if state.settings.centre.is_some() {
            comparison_page::routes()
        } else {
            Router::new()
        })
        .merge(report_publications::routes())
        .merge(self_evaluation_page::routes())
        .merge(exchange_page::routes())
        .merge(exchange_steps::routes())
        .merge(plugins_page::routes())
        .merge(plugin_steps::routes())
        .merge(audit_page::routes())
        .merge(task_matrix_page::routes())
        .merge(task_log_page::routes())
        .merge(person_list::routes())
        .merge(person_page::routes())
        .merge(area_list::routes())
        .merge(organisation_list::routes())
        .merge(project_list::routes())
        .merge(project_page::routes())
        .merge(project_steps::routes())
        .merge(contract_list::routes())
        .merge(contract_pages::routes())
        .merge(contract_review::routes())
        .merge(meeting_bodies::routes())
        .merge(meeting_list::routes())
        .merge(body_decision::routes())
        .merge(meeting_page::routes())
        .merge(meeting_posts::routes())
        .merge(minutes::routes())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::guard,
        ));
    // The centre's joint calendar exists in centre mode only; elsewhere it is a 404.
    let centre = match state.settings.centre {
        Some(_) => Router::new().route(joint_calendar::PATH, get(joint_calendar::page)),
        None => Router::new(),
    };
    Router::new()
        .merge(centre)
        .route("/", get(municipality::index))
        .route("/kommunen/{slug}", get(municipality::page))
        .route("/kommunen/{slug}/gremien/{id}", get(body::page))
        .route("/kommunen/{slug}/berichte/{id}", get(published::page))
        .route(
            "/kommunen/{slug}/sitzungen/{id}/niederschrift",
            get(public_minutes::page),
        )
        .merge(concerns::routes())
        .merge(fund_application::routes())
        .merge(signed_in)
        .route("/static/style.css", get(style))
        .route("/static/staff.js", get(staff_script))
        .fallback(not_found)
}

/// What every page passes to `base.html`, next to its `t: &Texts`.
#[derive(Debug)]
pub struct Layout {
    /// The `<title>`, most specific part first.
    pub title: String,
    /// Links above the heading, from the start page down to the parent of this page.
    pub breadcrumbs: Vec<Link>,
    /// The stylesheet URL, versioned by content so it can be cached for good.
    pub style: String,
}

impl Layout {
    fn new(title: impl Into<String>, breadcrumbs: Vec<Link>) -> Layout {
        let title = title.into();
        Layout {
            title: format!("{title} – {}", DE.site_name),
            breadcrumbs,
            style: assets::style_url(),
        }
    }
}

/// A link with its visible text.
#[derive(Debug)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// An embedded asset. Its URL changes with its content, so browsers may keep it for a year.
fn asset(content_type: &'static str, content: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        content,
    )
        .into_response()
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", assets::STYLE)
}

async fn staff_script() -> Response {
    asset("text/javascript; charset=utf-8", assets::STAFF_SCRIPT)
}

/// Renders a template as an HTML response with headers that keep the page self-contained:
/// the policy forbids inline scripts and anything not served by this host.
fn html(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(text) => {
            let mut response = (status, Html(text)).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(assets::PAGE_POLICY),
            );
            headers.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            headers.insert(
                header::REFERRER_POLICY,
                HeaderValue::from_static("same-origin"),
            );
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "rendering a page failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "Interner Fehler").into_response()
        }
    }
}

/// Why a page could not be shown.
#[derive(Debug)]
pub enum PageError {
    /// Missing, not public, or of another municipality: all look the same.
    NotFound,
    /// Logged here, shown to the visitor only as a German apology.
    Database(sqlx::Error),
    /// Any other failure: logged here, shown as the same apology.
    Internal(anyhow::Error),
}

impl From<sqlx::Error> for PageError {
    fn from(e: sqlx::Error) -> PageError {
        PageError::Database(e)
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    layout: Layout,
    t: &'static Texts,
    heading: &'static str,
    text: &'static str,
}

/// A message with a text of its own and a way back.
#[derive(Template)]
#[template(path = "notice.html")]
struct NoticePage {
    layout: Layout,
    t: &'static Texts,
    heading: &'static str,
    text: String,
    back: Link,
}

/// A page that says what happened and links back.
fn notice(
    status: StatusCode,
    heading: &'static str,
    text: String,
    back: Link,
    breadcrumbs: Vec<Link>,
) -> Response {
    let page = NoticePage {
        layout: Layout::new(heading, breadcrumbs),
        t: &DE,
        heading,
        text,
        back,
    };
    html(status, &page)
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, heading, text) = match self {
            PageError::NotFound => (StatusCode::NOT_FOUND, DE.not_found_title, DE.not_found_text),
            PageError::Database(e) => {
                tracing::error!(error = %e, "database error on a page");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    DE.error_title,
                    DE.error_text,
                )
            }
            PageError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error on a page");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    DE.error_title,
                    DE.error_text,
                )
            }
        };
        let page = MessagePage {
            layout: Layout::new(heading, vec![]),
            t: &DE,
            heading,
            text,
        };
        html(status, &page)
    }
}

/// A feature's error as a page error: what is missing looks missing, the rest is logged.
fn page_error(e: Error) -> PageError {
    match e {
        Error::Database(e) => PageError::Database(e),
        Error::NotFound => PageError::NotFound,
        other => PageError::Internal(anyhow::anyhow!("{other}")),
    }
}

async fn not_found() -> PageError {
    PageError::NotFound
}

fn home_link() -> Link {
    Link {
        href: "/".to_owned(),
        text: DE.home.to_owned(),
    }
}

/// A municipality as the pages name and link it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Municipality {
    pub id: Id,
    pub slug: String,
    pub name: String,
}

impl Municipality {
    pub fn href(&self) -> String {
        format!("/kommunen/{}", self.slug)
    }

    /// Looks a municipality up by its slug, or 404.
    async fn by_slug(state: &AppState, slug: &str) -> Result<Municipality, PageError> {
        sqlx::query_as("SELECT id, slug, name FROM municipalities WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&state.db.pool)
            .await?
            .ok_or(PageError::NotFound)
    }

    /// The anonymous view of this municipality, for the shared visibility rules.
    fn public_scope(&self) -> Scope {
        Scope {
            municipality_id: self.id,
            slug: self.slug.clone(),
            caller: Caller::default(),
            level: Level::Public,
        }
    }
}

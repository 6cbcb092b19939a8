//! The reports pages of the staff: choose kind, year and area (`…/berichte`), then read the
//! report in the page (`…/berichte/{kind}?year=…&area=…`) with links to its PDF, XLSX, JSON
//! and every table's CSV — the same report as the API's `GET …/reports/{kind}`, made and
//! rendered by `reports::produce`. Staff only (the API's rule); others get the 404 page.
//! The coordination also publishes the report shown and withdraws publications
//! (`report_publications.rs`, which this module serves with its paths and notices); the
//! form page lists what is published.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Datelike;

use super::format::berlin;
use super::frame::Frame;
use super::frame::REPORTS;
use super::session::{START, SignedIn};
use super::texts::{DE, Texts};
use super::{Layout, Link, Municipality, PageError, html, page_error};
use crate::auth::Scope;
use crate::db::Id;
use crate::error::Error;
use crate::reports::format::ReportFormat;
use crate::reports::produce;
use crate::reports::request::{self, ReportQuery};
use crate::reports::{ReportKind, publication, rendered};
use crate::state::AppState;

/// The reports' path below a municipality's start page.
const PATH: &str = REPORTS;

/// `…/berichte` of municipality `slug`.
pub(super) fn reports_path(slug: &str) -> String {
    format!("{START}/{slug}/{PATH}")
}

/// Below a municipality's reports: the publications (`report_publications.rs`).
pub(super) const PUBLICATIONS: &str = "veroeffentlichungen";
/// Below a publication: its withdrawal.
pub(super) const WITHDRAW: &str = "zurueckziehen";

/// Where the publish form posts.
fn publish_path(slug: &str) -> String {
    format!("{}/{PUBLICATIONS}", reports_path(slug))
}

/// Where publication `id`'s withdraw form posts.
fn withdraw_path(slug: &str, id: Id) -> String {
    format!("{}/{PUBLICATIONS}/{id}/{WITHDRAW}", reports_path(slug))
}

/// What the reports page says after a redirect (`?hinweis=…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Notice {
    Published,
    Withdrawn,
}

impl Notice {
    pub(super) fn key(self) -> &'static str {
        match self {
            Notice::Published => "veroeffentlicht",
            Notice::Withdrawn => "zurueckgezogen",
        }
    }

    fn from_key(key: &str) -> Option<Notice> {
        [Notice::Published, Notice::Withdrawn]
            .into_iter()
            .find(|n| n.key() == key)
    }

    fn text(self) -> &'static str {
        match self {
            Notice::Published => DE.staff.published_notice,
            Notice::Withdrawn => DE.staff.withdrawn_notice,
        }
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{START}/{{municipality}}/{PATH}"), get(choose))
        .route(
            &format!("{START}/{{municipality}}/{PATH}/{{kind}}"),
            get(report),
        )
}

/// A choice of the form's lists.
#[derive(Debug)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "reports_choose.html")]
struct ChoosePage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    action: String,
    kinds: Vec<Choice>,
    year: String,
    areas: Vec<Choice>,
    /// Why the report asked for could not be made, in German.
    error: Option<String>,
    /// What the last action did (after a redirect), in German.
    notice: Option<&'static str>,
    /// Only the coordination publishes and withdraws.
    coordinator: bool,
    published: Vec<PublishedLine>,
    /// The form of the comparison across sites: at a centre, for its own municipality.
    comparison: Option<ComparisonForm>,
}

/// Where the comparison's form goes, and the period it proposes.
#[derive(Debug)]
struct ComparisonForm {
    action: String,
    period: String,
}

/// A published report in the form page's list.
#[derive(Debug)]
struct PublishedLine {
    title: String,
    href: String,
    /// "04.12.2026, 15:10 Uhr"
    at: String,
    /// Where its withdraw form posts.
    withdraw: String,
}

#[derive(Template)]
#[template(path = "report_page.html")]
struct ReportPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    article: String,
    /// The coordination's form to publish this report.
    publish: Option<PublishForm>,
}

/// The hidden fields of the publish form: the report shown.
#[derive(Debug)]
pub(super) struct PublishForm {
    action: String,
    kind: String,
    year: String,
    from: String,
    to: String,
    area: String,
}

/// The staff scope of `slug`, or the 404 page.
pub(super) async fn staff_scope(
    state: &AppState,
    signed_in: &SignedIn,
    slug: &str,
) -> Result<Scope, PageError> {
    let scope = signed_in.scope(state, slug).await?;
    if !scope.is_staff() {
        return Err(PageError::NotFound);
    }
    Ok(scope)
}

/// What the form sends.
#[derive(Debug, Default, serde::Deserialize)]
struct Chosen {
    kind: Option<String>,
    year: Option<String>,
    area: Option<String>,
    hinweis: Option<String>,
}

/// `GET …/berichte`: the form; sent, on to the report's own address (the kind is part of
/// its path, which a form without script cannot write).
async fn choose(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(chosen): Query<Chosen>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    if let Some(kind) = chosen.kind.as_deref().and_then(ReportKind::from_key) {
        let mut pairs = vec![("year", chosen.year.unwrap_or_default())];
        if let Some(area) = chosen.area.filter(|a| !a.is_empty()) {
            pairs.push(("area", area));
        }
        let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
        let to = format!("{START}/{slug}/{PATH}/{}?{query}", kind.key());
        return Ok(axum::response::Redirect::to(&to).into_response());
    }
    let year = (chrono::Utc::now().year() - 1).to_string();
    let mut page = choose_page(&state, &signed_in, &scope, None, &year, None, None).await?;
    page.notice = chosen
        .hinweis
        .as_deref()
        .and_then(Notice::from_key)
        .map(Notice::text);
    Ok(html(StatusCode::OK, &page))
}

/// The form page again, saying why `code` refused what was asked (a report, or publishing
/// it), with the status the API would give.
pub(super) async fn refused(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    kind: &str,
    query: &ReportQuery,
    code: crate::messages::Code,
    detail: Option<String>,
) -> Result<Response, PageError> {
    let year = query.year.clone().unwrap_or_default();
    let mut page = choose_page(
        state,
        signed_in,
        scope,
        ReportKind::from_key(kind),
        &year,
        query.area,
        Some(detail.unwrap_or_else(|| code.de().to_owned())),
    )
    .await?;
    page.layout.title = format!("{} – {}", DE.staff.report_error_heading, page.layout.title);
    Ok(html(code.status(), &page))
}

async fn choose_page(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    kind: Option<ReportKind>,
    year: &str,
    area: Option<Id>,
    error: Option<String>,
) -> Result<ChoosePage, PageError> {
    let t = &DE.staff;
    let municipality = Municipality::by_slug(state, &scope.slug).await?;
    let published = publication::listed(&state.db, scope.municipality_id)
        .await?
        .into_iter()
        .map(|p| PublishedLine {
            href: publication::public_url(&scope.slug, p.id),
            at: berlin(p.published_at.0)
                .format("%d.%m.%Y, %H:%M Uhr")
                .to_string(),
            withdraw: withdraw_path(&scope.slug, p.id),
            title: p.title,
        })
        .collect();
    let areas: Vec<(Id, String)> =
        sqlx::query_as("SELECT id, name FROM areas WHERE municipality_id = $1 ORDER BY name, id")
            .bind(scope.municipality_id)
            .fetch_all(&state.db.pool)
            .await?;
    let current = reports_path(&scope.slug);
    let kinds = ReportKind::ALL
        .iter()
        .map(|k| Choice {
            value: k.key().to_owned(),
            label: k.label_de().to_owned(),
            selected: *k == kind.unwrap_or(ReportKind::Jahresbericht),
        })
        .collect();
    let areas = std::iter::once(Choice {
        value: String::new(),
        label: t.report_whole_municipality.to_owned(),
        selected: area.is_none(),
    })
    .chain(areas.into_iter().map(|(id, name)| Choice {
        value: id.to_string(),
        label: name,
        selected: Some(id) == area,
    }))
    .collect();
    let comparison = super::comparison_offer::offered(state, scope)
        .await?
        .then(|| ComparisonForm {
            action: super::comparison_offer::path(&scope.slug),
            period: year.to_owned(),
        });
    Ok(ChoosePage {
        comparison,
        layout: Layout::new(
            format!("{} – {}", t.reports_title, municipality.name),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(&scope.slug), &current),
        action: current.clone(),
        municipality,
        kinds,
        year: year.to_owned(),
        areas,
        error,
        notice: None,
        coordinator: scope.require_coordinator().is_ok(),
        published,
    })
}

/// The form sends the kind as a query parameter; the report's own address carries it in
/// the path.
#[derive(Debug, serde::Deserialize)]
struct RenderParams {
    format: Option<String>,
    table: Option<String>,
}

/// `GET …/berichte/{kind}`: the report in the page, or a download in another format.
async fn report(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, kind)): Path<(String, String)>,
    Query(query): Query<ReportQuery>,
    Query(params): Query<RenderParams>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let render = rendered::RenderQuery {
        format: params.format.or_else(|| Some("html".into())),
        table: params.table,
    };
    let outcome = async {
        let format = render.format(&headers)?;
        let table = render.table()?;
        let resolved = request::resolve(&state.db, &scope, &kind, &query).await?;
        let made = produce::make(&state, &scope, resolved).await?;
        Ok::<_, Error>((format, table, made))
    }
    .await;
    let (format, table, made) = match outcome {
        Ok(ok) => ok,
        Err(Error::Client(code, detail)) => {
            return refused(&state, &signed_in, &scope, &kind, &query, code, detail).await;
        }
        Err(e) => return Err(page_error(e)),
    };
    let base = format!(
        "{START}/{slug}/{PATH}/{kind}?{}",
        rendered::period_query(&query)
    );
    let report_kind = made.scope.kind;
    let rendered = match made.render(&state.rules, format, table, Some(&base)).await {
        Ok(rendered) => rendered,
        Err(Error::Client(code, detail)) => {
            return refused(&state, &signed_in, &scope, &kind, &query, code, detail).await;
        }
        Err(e) => return Err(page_error(e)),
    };
    if format != ReportFormat::Html {
        return Ok(rendered::response(rendered));
    }
    let publish = scope.require_coordinator().is_ok().then(|| PublishForm {
        action: publish_path(&slug),
        kind: report_kind.key().to_owned(),
        year: query.year.clone().unwrap_or_default(),
        from: query.from.clone().unwrap_or_default(),
        to: query.to.clone().unwrap_or_default(),
        area: query.area.map(|a| a.to_string()).unwrap_or_default(),
    });
    let title = format!("{} – {}", rendered.title, report_kind.label_de());
    Ok(report_page(
        &signed_in,
        &slug,
        title,
        &rendered.bytes,
        publish,
    ))
}

/// The staff page of a rendered report: its `article` in the frame under `title`, below
/// the reports' page, with the coordination's publish form where there is one.
pub(super) fn report_page(
    signed_in: &SignedIn,
    slug: &str,
    title: String,
    article: &[u8],
    publish: Option<PublishForm>,
) -> Response {
    let reports = reports_path(slug);
    let page = ReportPage {
        layout: Layout::new(
            title,
            vec![Link {
                href: reports.clone(),
                text: DE.staff.reports_title.to_owned(),
            }],
        ),
        t: &DE,
        frame: Frame::new(signed_in, Some(slug), &reports),
        article: String::from_utf8_lossy(article).into_owned(),
        publish,
    };
    html(StatusCode::OK, &page).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_read_back_from_their_keys() {
        for notice in [Notice::Published, Notice::Withdrawn] {
            assert_eq!(Notice::from_key(notice.key()), Some(notice));
        }
        assert_eq!(Notice::from_key("<script>"), None);
    }
}

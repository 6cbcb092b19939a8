//! `/kommunen/{slug}/berichte/{id}`: a report the municipality's coordination published
//! (`reports::publication`), shown to anyone as it was released — small counts suppressed.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::texts::{DE, Texts};
use super::{Layout, Link, Municipality, PageError, home_link, html};
use crate::db::Id;
use crate::reports::publication;
use crate::reports::render::{html as report_html, view::View};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "published_report.html")]
struct PublishedPage {
    layout: Layout,
    t: &'static Texts,
    article: String,
}

pub async fn page(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let published = publication::load(&state.db, municipality.id, id)
        .await
        .map_err(PageError::Internal)?
        .ok_or(PageError::NotFound)?;
    let view = View::new(&published.sections, &|_| None);
    let article = report_html::article(&published.cover, &view, &[])
        .map_err(|e| PageError::Internal(e.into()))?;
    let breadcrumbs = vec![
        home_link(),
        Link {
            href: municipality.href(),
            text: municipality.name.clone(),
        },
    ];
    let page = PublishedPage {
        layout: Layout::new(published.cover.title.clone(), breadcrumbs),
        t: &DE,
        article,
    };
    Ok(html(StatusCode::OK, &page))
}

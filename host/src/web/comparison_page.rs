//! The comparison across sites on the staff pages (`…/berichte/standortvergleich?period=…`):
//! at a centre, for the staff of its own municipality, the same report as the API's
//! `…/reports/standortvergleich`, assembled by `federation::centre::comparison` and made
//! and rendered by `reports::comparison`. Routed in centre mode only; on a site the path
//! falls to the reports' page of a kind, which refuses it with the API's 404 and words.
//! The reports' form page offers it where [`offered`] says so.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;

use super::frame::REPORTS;
use super::reports::{refused, report_page, staff_scope};
use super::session::{START, SignedIn};
use super::{PageError, page_error};
use crate::error::Error;
use crate::federation::centre::comparison::route::{ComparisonQuery, made};
use crate::reports::format::ReportFormat;
use crate::reports::produce::Asked;
use crate::reports::rendered::{self, RenderQuery};
use crate::reports::request::ReportQuery;
use crate::state::AppState;
use quartier_documents::comparison::{KIND, LABEL_DE};

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{REPORTS}/{KIND}"),
        get(page),
    )
}

/// The format a link asks for, beside the period.
#[derive(Debug, Default, serde::Deserialize)]
struct Params {
    format: Option<String>,
    table: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Query(query): Query<ComparisonQuery>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let render = RenderQuery {
        format: params.format.or_else(|| Some("html".into())),
        table: params.table,
    };
    let outcome = async {
        let (compared, period) = made(&state, &scope, &query).await?;
        let links = format!("{}?period={period}", super::comparison_offer::path(&slug));
        let asked = Asked {
            format: render.format(&headers)?,
            table: render.table()?,
            links: Some(&links),
        };
        compared.render(&state.rules, asked).await
    }
    .await;
    let rendered = match outcome {
        Ok(rendered) => rendered,
        Err(Error::Client(code, detail)) => {
            let query = ReportQuery::default();
            return refused(&state, &signed_in, &scope, KIND, &query, code, detail).await;
        }
        Err(e) => return Err(page_error(e)),
    };
    if rendered.format != ReportFormat::Html {
        return Ok(rendered::response(rendered));
    }
    let title = format!("{} – {LABEL_DE}", rendered.title);
    Ok(report_page(&signed_in, &slug, title, &rendered.bytes, None))
}

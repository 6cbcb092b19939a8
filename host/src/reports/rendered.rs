//! `GET …/reports/{kind}`: the report itself, shaped by the municipality's plugin (or the
//! host's base report), as a page, JSON, CSV (one table), XLSX or PDF — chosen by
//! `?format=` or else by `Accept`. Staff only, like its dataset.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::format::ReportFormat;
use super::produce::{self, Rendered};
use super::request::{self, ReportKindKey, ReportQuery};
use crate::api::extract::{Path, Query};
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

/// The format and, for CSV, the table, beside the period and area of [`ReportQuery`].
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RenderQuery {
    /// `html`, `json`, `csv`, `xlsx` or `pdf`; without it, `Accept` decides.
    pub format: Option<String>,
    /// For CSV: the table's number in the report, from 1 (optional when it has one table).
    pub table: Option<String>,
}

impl RenderQuery {
    /// The format asked for: `format` first, else `Accept`.
    pub fn format(&self, headers: &HeaderMap) -> Result<ReportFormat> {
        match self
            .format
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            Some(key) => key
                .to_ascii_lowercase()
                .parse()
                .map_err(|_| Error::client(Code::ReportFormatUnknown)),
            None => {
                let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
                ReportFormat::from_accept(accept).ok_or(Error::client(Code::ReportNotAcceptable))
            }
        }
    }

    /// The table asked for, if any; a number that names none is 404.
    pub fn table(&self) -> Result<Option<usize>> {
        match self
            .table
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            None => Ok(None),
            Some(text) => match text.parse::<usize>() {
                Ok(n) if n >= 1 => Ok(Some(n)),
                _ => Err(Error::client(Code::ReportTableUnknown)),
            },
        }
    }
}

/// A report of the municipality (or of one area with its sub-areas) for a year (`year`) or
/// the days from `from` to `to`, in the format of `format` or `Accept`: `text/html`,
/// `application/json` (the report document), `text/csv` (one table, `table`), XLSX or
/// `application/pdf`. When the municipality's plugin fails, or its document cannot be
/// shown in the format, the host's base report comes with a German notice. Staff only.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/reports/{kind}", tag = "Berichte",
    params(("municipality" = String, Path), ("kind" = inline(ReportKindKey), Path), ReportQuery, RenderQuery),
    responses((status = 200, description = "Der Bericht im gewählten Format",
               content((Object = "application/json"), (String = "text/html"), (String = "text/csv"),
                       (Vec<u8> = "application/pdf"),
                       (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
              (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 406, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[tracing::instrument(skip_all, fields(municipality = %scope.slug, kind = %kind), err(level = "info"))]
pub(super) async fn get_report(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, kind)): Path<(String, String)>,
    Query(query): Query<ReportQuery>,
    Query(render): Query<RenderQuery>,
    headers: HeaderMap,
) -> Result<Response> {
    scope.require_staff()?;
    let format = render.format(&headers)?;
    let table = render.table()?;
    let report = request::resolve(&state.db, &scope, &kind, &query).await?;
    let made = produce::make(&state, &scope, report).await?;
    let base = format!(
        "/api/v1/municipalities/{}/reports/{}?{}",
        scope.slug,
        kind,
        period_query(&query)
    );
    let rendered = made
        .render(&state.rules, format, table, Some(&base))
        .await?
        .as_document()
        .map_err(|e| Error::Internal(e.into()))?;
    Ok(response(rendered))
}

/// The period and area of `query` as a query string, for links to the same report.
pub fn period_query(query: &ReportQuery) -> String {
    let pairs = [
        ("year", query.year.clone()),
        ("from", query.from.clone()),
        ("to", query.to.clone()),
        ("area", query.area.map(|a| a.to_string())),
    ];
    let present: Vec<(&str, String)> = pairs
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect();
    serde_urlencoded::to_string(present).unwrap_or_default()
}

/// The response: its media type, a file name, shown in the browser (page, JSON, PDF) or
/// saved (CSV, XLSX), never kept in a shared cache, and a page under the pages' policy.
pub fn response(rendered: Rendered) -> Response {
    let format = rendered.format;
    let disposition = match format {
        ReportFormat::Csv | ReportFormat::Xlsx => "attachment",
        ReportFormat::Html | ReportFormat::Json | ReportFormat::Pdf => "inline",
    };
    let mut response = rendered.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(value) = HeaderValue::from_str(&format!(
        "{disposition}; filename=\"{}\"",
        rendered.file_name
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::VARY, HeaderValue::from_static("Accept"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if format == ReportFormat::Html {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(crate::assets::PAGE_POLICY),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

//! `GET /api/v1/municipalities/{municipality}/reports/standortvergleich?period=2026-H1`:
//! the comparison across sites as a report, in the formats of every report (`format=` or
//! `Accept`; CSV one table with `table=`). Routed in centre mode only, beside the report
//! API's `…/reports/{kind}` (a fixed segment wins over the parameter). Staff of the
//! centre's own tenant only: others' staff 403 `report_centre_tenant_only`, everyone else
//! as for every report (401/403).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

use super::{assemble, tenant};
use crate::api::extract::Query;
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::federation::period::ExchangePeriod;
use crate::messages::Code;
use crate::reports::comparison::{self, Compared, Comparing};
use crate::reports::produce::Asked;
use crate::reports::rendered::{self, RenderQuery};
use crate::state::AppState;

/// Where the comparison is, below a municipality.
pub const PATH: &str = "/api/v1/municipalities/{municipality}/reports/standortvergleich";

/// The period of the comparison: `period=2026` or `period=2026-H1` (or `year=2026`).
#[derive(Debug, Default, Deserialize)]
pub struct ComparisonQuery {
    pub period: Option<String>,
    pub year: Option<String>,
}

impl ComparisonQuery {
    /// The exchange period asked for; 422 `comparison_period_invalid` without one or for
    /// a malformed one.
    pub fn period(&self) -> Result<ExchangePeriod> {
        let text = self
            .period
            .as_deref()
            .or(self.year.as_deref())
            .map(str::trim);
        text.and_then(|t| t.parse().ok())
            .ok_or(Error::client(Code::ComparisonPeriodInvalid))
    }
}

/// The comparison of the sites' latest bundles of one period, shaped by the plugin of the
/// centre's tenant or the base report.
#[tracing::instrument(skip_all, fields(municipality = %scope.slug), err(level = "info"))]
pub async fn get_comparison(
    State(state): State<AppState>,
    scope: Scope,
    Query(query): Query<ComparisonQuery>,
    Query(render): Query<RenderQuery>,
    headers: HeaderMap,
) -> Result<Response> {
    scope.require_staff()?;
    let (compared, period) = made(&state, &scope, &query).await?;
    let links = format!(
        "{}?period={period}",
        PATH.replace("{municipality}", &scope.slug)
    );
    let asked = Asked {
        format: render.format(&headers)?,
        table: render.table()?,
        links: Some(&links),
    };
    let rendered = compared
        .render(&state.rules, asked)
        .await?
        .as_document()
        .map_err(|e| Error::Internal(e.into()))?;
    Ok(rendered::response(rendered))
}

/// The comparison `query` asks for, shaped, for `scope`'s municipality, and its period:
/// 403 `report_centre_tenant_only` unless that is the centre's own tenant, 422
/// `comparison_period_invalid` without a period of the exchange. Checks no other rights.
pub async fn made(
    state: &AppState,
    scope: &Scope,
    query: &ComparisonQuery,
) -> Result<(Compared, ExchangePeriod)> {
    let tenant = tenant::get(&state.db)
        .await?
        .filter(|t| t.id == scope.municipality_id)
        .ok_or(Error::client(Code::ReportCentreTenantOnly))?;
    let period = query.period()?;
    let comparison = assemble(&state.db, &tenant, period).await?;
    let material = Comparing {
        municipality: tenant.id,
        slug: tenant.slug,
        comparison,
    };
    Ok((comparison::make(&state.rules, material).await, period))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(period: Option<&str>, year: Option<&str>) -> ComparisonQuery {
        ComparisonQuery {
            period: period.map(str::to_owned),
            year: year.map(str::to_owned),
        }
    }

    #[test]
    fn the_period_is_a_year_or_a_half_year() {
        assert_eq!(
            query(Some("2026-H1"), None).period().unwrap().to_string(),
            "2026-H1"
        );
        assert_eq!(
            query(None, Some(" 2025 ")).period().unwrap().to_string(),
            "2025"
        );
        for bad in [
            query(None, None),
            query(Some("2026-H3"), None),
            query(Some("x"), None),
        ] {
            match bad.period() {
                Err(Error::Client(code, _)) => assert_eq!(code, Code::ComparisonPeriodInvalid),
                other => panic!("{bad:?}: {other:?}"),
            }
        }
    }
}

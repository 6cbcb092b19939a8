//! The comparison across sites (*Standortvergleich*): the centre's report of one exchange
//! period, a row per accepted site from its latest bundle of that period, and the sums over
//! the sites ([`totals`]). Shaped by the centre's own plugin (`build-report` receives the
//! [`Comparison`] instead of a dataset) or the host's base report, and rendered by the
//! reports' renderers (`reports::comparison`).
//!
//! Who gets it: the staff of the centre's own tenant ([`tenant`]), in centre mode only
//! (`route.rs`, merged with the centre's routes). On a site the report API refuses the kind
//! with 404 `report_centre_only`; at the centre, another municipality's staff get 403
//! `report_centre_tenant_only`.
//!
//! What it reads: only bundles of sites the operator accepted — a pending site's deliveries
//! are refused at the inbox, and the query asks for the accepted state as well. Counts a
//! site suppressed stay `null`; the centre never had them.

pub mod route;
pub mod tenant;
pub mod totals;

use quartier_documents::Comparison;
use quartier_documents::comparison::{ComparisonKind, SiteFigures, VERSION};

pub use route::{PATH, get_comparison};
pub use tenant::CentreTenant;

use super::sites::SiteState;
use crate::db::Db;
use crate::federation::bundle::Bundle;
use crate::federation::period::ExchangePeriod;

/// One stored bundle: the accepted site's name and the bundle as delivered.
#[derive(sqlx::FromRow)]
struct Row {
    name: String,
    bundle: String,
}

/// The comparison of `period` for the centre's `tenant`: each accepted site's bundle with
/// the highest sequence number among its bundles of the period, by site name.
#[tracing::instrument(skip_all, fields(municipality = %tenant.slug, period = %period), err(level = "warn"))]
pub async fn assemble(
    db: &Db,
    tenant: &CentreTenant,
    period: ExchangePeriod,
) -> Result<Comparison, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.name, b.bundle FROM federation_bundles b
         JOIN federation_sites s ON s.id = b.site_id
         WHERE b.period = $1 AND s.state = $2
           AND b.sequence = (SELECT MAX(l.sequence) FROM federation_bundles l
                             WHERE l.period = b.period AND l.site_id = b.site_id)
         ORDER BY s.name",
    )
    .bind(period.to_string())
    .bind(SiteState::Accepted.as_str())
    .fetch_all(&db.pool)
    .await?;
    Ok(compare(tenant, period, rows))
}

/// The document of `rows`. A stored bundle that no longer reads as this host's format is
/// left out and logged (it passed the schema when it arrived).
fn compare(tenant: &CentreTenant, period: ExchangePeriod, rows: Vec<Row>) -> Comparison {
    let sites: Vec<SiteFigures> = rows
        .into_iter()
        .filter_map(|row| match serde_json::from_str::<Bundle>(&row.bundle) {
            Ok(bundle) => Some(SiteFigures {
                site: row.name,
                municipality: bundle.municipality,
                area: bundle.area,
                sequence: bundle.sequence.get(),
                threshold: bundle.threshold.get(),
                figures: bundle.figures,
            }),
            Err(e) => {
                tracing::warn!(site = %row.name, error = %e, "a stored bundle does not read; left out");
                None
            }
        })
        .collect();
    let figures: Vec<_> = sites.iter().map(|s| &s.figures).collect();
    let totals = totals::totals(&figures);
    let days = period.days().map(|p| p.document()).unwrap_or_default();
    Comparison {
        version: VERSION,
        kind: ComparisonKind::Standortvergleich,
        centre: tenant.slug.clone(),
        centre_name: tenant.name.clone(),
        exchange_period: period.to_string(),
        period: days,
        sites,
        totals,
    }
}

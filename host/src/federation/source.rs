//! What a bundle is built from, read from the database: the reports dataset of the period
//! (`reports::dataset::assemble`) and the one count the dataset lacks — the applications
//! paid out to in the period, which the sum paid goes with.
//!
//! The two reads are separate transactions. Bundles are for periods that are over, in which
//! no event lands any more, so they agree; for a running period a payout between the reads
//! could make the count and the sum differ by one.

use quartier_documents::Dataset;

use super::build::Source;
use crate::db::{Db, Sql};
use crate::error::Result;
use crate::reports::ReportScope;
use crate::reports::dataset;

/// A dataset with its payouts, owned.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub dataset: Dataset,
    pub payouts: u64,
}

impl Loaded {
    /// The source a bundle is built from.
    pub fn source(&self) -> Source<'_> {
        Source {
            dataset: &self.dataset,
            payouts: self.payouts,
        }
    }
}

/// The dataset and payouts of `scope` (its period, its area with the areas below).
#[tracing::instrument(skip_all, fields(municipality = %scope.slug), err(level = "warn"))]
pub async fn load(db: &Db, scope: &ReportScope) -> Result<Loaded> {
    let dataset = dataset::assemble(db, scope).await?;
    let payouts = payouts(db, scope).await?;
    Ok(Loaded { dataset, payouts })
}

/// Applications of the municipality's funds (of the area's) with a payout — an event that
/// changed the sum paid — in the period: the same events the dataset's `paid_cents` adds.
async fn payouts(db: &Db, scope: &ReportScope) -> Result<u64> {
    let mut sql = Sql::new("");
    let m = sql.bind(scope.municipality);
    let starts = sql.bind(scope.period.from().start());
    let ends = sql.bind(next_day(scope.period.to()).start());
    let mut area_filter = String::new();
    if let Some(area) = &scope.area {
        let area = sql.bind(area.id);
        sql.push(&format!(
            "WITH RECURSIVE scope_areas(id) AS (
               SELECT id FROM areas WHERE id = {area} AND municipality_id = {m}
               UNION
               SELECT c.id FROM areas c JOIN scope_areas s ON c.parent_id = s.id
               WHERE c.municipality_id = {m})\n"
        ));
        area_filter = " AND f.area_id IN (SELECT id FROM scope_areas)".into();
    }
    sql.push(&format!(
        "SELECT COUNT(DISTINCT e.application_id)
         FROM fund_application_events e JOIN funds f ON f.id = e.fund_id
         WHERE e.municipality_id = {m} AND f.municipality_id = {m}{area_filter}
           AND e.paid_delta_cents <> 0 AND e.at >= {starts} AND e.at < {ends}"
    ));
    let (n,): (i64,) = sql.query_as().fetch_one(&db.pool).await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The day after `day` (the period's end is exclusive as an instant).
fn next_day(day: crate::db::Date) -> crate::db::Date {
    day.naive()
        .succ_opt()
        .map_or(day, crate::db::Date::from_naive)
}

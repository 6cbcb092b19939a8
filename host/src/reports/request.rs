//! What a report request asks for, read from its path and query string and resolved into a
//! [`ReportScope`]: the kind from the path (`…/reports/{kind}`), the period from
//! `year=YYYY` or `from=YYYY-MM-DD&to=YYYY-MM-DD` (one of the two; the monitoring without
//! `from`/`to` covers [`MONITORING_YEARS`] years ending with `year`), and optionally
//! `area=<area id>`. Shared by every report route; it checks no rights — the route does,
//! before it resolves.
//!
//! Answers: an unknown kind, and an area that is unknown or another municipality's, are 404
//! alike; the comparison across sites (`standortvergleich`), which only a centre's own route
//! serves, is 404 `report_centre_only`; a missing period is 422 `report_period_missing`, a
//! malformed or reversed one 422 `report_period_invalid`, one over
//! [`super::scope::MAX_YEARS`] 422 `report_period_too_long`.

use serde::Deserialize;

use super::scope::{Period, PeriodError, ReportArea};
use super::{ReportKind, ReportScope};
use crate::auth::Scope;
use crate::db::{Date, Db, Id};
use crate::error::{Error, Result};
use crate::messages::Code;

/// How many years the monitoring compares when only `year` is given.
pub const MONITORING_YEARS: i32 = 5;

/// The period and area of a report as the query string gives them. Values are read as text
/// so that a bad period is a 422 with its own code rather than a generic 400. Unknown
/// parameters are left alone: the rendered report's route reads its own (`format`) from the
/// same query string.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// A calendar year, e.g. `2026` (the monitoring: the last of its years).
    pub year: Option<String>,
    /// The first day (`YYYY-MM-DD`), together with `to`.
    pub from: Option<String>,
    /// The last day (`YYYY-MM-DD`), included, together with `from`.
    pub to: Option<String>,
    /// Only this area of the municipality and its sub-areas.
    pub area: Option<Id>,
}

/// The report kind in a path, as the OpenAPI document lists it (the keys of [`ReportKind`]).
pub struct ReportKindKey;

impl utoipa::PartialSchema for ReportKindKey {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use quartier_documents::comparison::{KIND, LABEL_DE};
        let labels: Vec<String> = ReportKind::ALL
            .iter()
            .map(|k| format!("`{}`: {}", k.key(), k.label_de()))
            .chain([format!(
                "`{KIND}`: {LABEL_DE} (nur auf einer Servicestelle, für deren eigene Kommune, \
                 mit period=JJJJ oder JJJJ-H1/H2; sonst 404 report_centre_only)"
            )])
            .collect();
        let keys = ReportKind::ALL.iter().map(|k| k.key()).chain([KIND]);
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(keys))
            .description(Some(labels.join("; ")))
            .into()
    }
}

impl utoipa::ToSchema for ReportKindKey {}

/// The report `kind` (a path segment) of `query` for the municipality of `scope`: its name
/// and QM model and the area's name are loaded. 404 for an unknown kind or area, 422 for a
/// missing or bad period.
pub async fn resolve(
    db: &Db,
    scope: &Scope,
    kind: &str,
    query: &ReportQuery,
) -> Result<ReportScope> {
    if kind == quartier_documents::comparison::KIND {
        // Served by the centre's own route in centre mode; here it is a site, or the
        // comparison's dataset or publication, which do not exist.
        return Err(Error::client(Code::ReportCentreOnly));
    }
    let kind = ReportKind::from_key(kind).ok_or(Error::NotFound)?;
    let period = period(kind, query)?;
    let (name, qm_model): (String, Option<String>) =
        sqlx::query_as("SELECT name, qm_model FROM municipalities WHERE id = $1")
            .bind(scope.municipality_id)
            .fetch_optional(&db.pool)
            .await?
            .ok_or(Error::NotFound)?;
    let area = match query.area {
        None => None,
        Some(id) => {
            let name: String =
                sqlx::query_scalar("SELECT name FROM areas WHERE id = $1 AND municipality_id = $2")
                    .bind(id)
                    .bind(scope.municipality_id)
                    .fetch_optional(&db.pool)
                    .await?
                    .ok_or(Error::NotFound)?;
            Some(ReportArea { id, name })
        }
    };
    Ok(ReportScope {
        municipality: scope.municipality_id,
        slug: scope.slug.clone(),
        name,
        qm_model,
        kind,
        period,
        area,
    })
}

/// The period the query asks for (see the module's doc).
fn period(kind: ReportKind, query: &ReportQuery) -> Result<Period> {
    let text = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let invalid = || Error::client(Code::ReportPeriodInvalid);
    match (text(&query.year), text(&query.from), text(&query.to)) {
        (None, None, None) => Err(Error::client(Code::ReportPeriodMissing)),
        (Some(year), None, None) => {
            let year: i32 = year.parse().map_err(|_| invalid())?;
            let period = match kind {
                ReportKind::Monitoring => Period::years_ending(year, MONITORING_YEARS),
                _ => Period::year(year),
            };
            period.ok_or_else(invalid)
        }
        (None, Some(from), Some(to)) => {
            let from = Date::parse(&from).map_err(|_| invalid())?;
            let to = Date::parse(&to).map_err(|_| invalid())?;
            Period::new(from, to).map_err(|e| match e {
                PeriodError::Reversed => invalid(),
                PeriodError::TooLong => Error::client(Code::ReportPeriodTooLong),
            })
        }
        // `from` without `to` (or the reverse), or a year together with days.
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::scope::MAX_YEARS;

    fn query(year: Option<&str>, from: Option<&str>, to: Option<&str>) -> ReportQuery {
        ReportQuery {
            year: year.map(str::to_owned),
            from: from.map(str::to_owned),
            to: to.map(str::to_owned),
            area: None,
        }
    }

    fn code(result: Result<Period>) -> Option<&'static str> {
        match result {
            Err(Error::Client(code, _)) => Some(code.as_str()),
            _ => None,
        }
    }

    #[test]
    fn a_year_or_two_days_make_the_period() {
        let year = period(ReportKind::Jahresbericht, &query(Some("2026"), None, None)).unwrap();
        assert_eq!(year, Period::year(2026).unwrap());
        let days = period(
            ReportKind::Fondsabrechnung,
            &query(None, Some("2026-03-01"), Some("2026-05-31")),
        )
        .unwrap();
        assert_eq!(days.from().to_string(), "2026-03-01");
        assert_eq!(days.to().to_string(), "2026-05-31");
    }

    #[test]
    fn the_monitoring_of_a_year_covers_the_five_years_ending_with_it() {
        let monitoring = period(ReportKind::Monitoring, &query(Some("2026"), None, None)).unwrap();
        assert_eq!(monitoring.from().to_string(), "2022-01-01");
        assert_eq!(monitoring.to().to_string(), "2026-12-31");
        let days = period(
            ReportKind::Monitoring,
            &query(None, Some("2025-01-01"), Some("2026-12-31")),
        )
        .unwrap();
        assert_eq!(days.calendar_years().count(), 2);
    }

    #[test]
    fn a_missing_half_or_malformed_period_is_refused_with_its_code() {
        let kind = ReportKind::Jahresbericht;
        assert_eq!(
            code(period(kind, &query(None, None, None))),
            Some("report_period_missing")
        );
        assert_eq!(
            code(period(kind, &query(Some(" "), None, None))),
            Some("report_period_missing")
        );
        for bad in [
            query(Some("zwanzig"), None, None),
            query(Some("1800"), None, None),
            query(None, Some("2026-01-01"), None),
            query(Some("2026"), Some("2026-01-01"), Some("2026-12-31")),
            query(None, Some("2026-13-01"), Some("2026-12-31")),
            query(None, Some("2026-12-31"), Some("2026-01-01")),
        ] {
            assert_eq!(
                code(period(kind, &bad)),
                Some("report_period_invalid"),
                "{bad:?}"
            );
        }
        assert_eq!(
            code(period(
                kind,
                &query(None, Some("2010-01-01"), Some("2026-12-31"))
            )),
            Some("report_period_too_long")
        );
    }

    #[test]
    fn the_message_names_the_longest_period() {
        assert_eq!(MAX_YEARS, 10);
        assert!(Code::ReportPeriodTooLong.de().contains("zehn Jahre"));
    }
}

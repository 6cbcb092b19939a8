//! Closing an exchange period (*Abschluss eines Austauschzeitraums*): the site's bundle of a
//! municipality's year or half-year is built from the reports dataset and put into the
//! outbox in the same transaction as the closing is recorded — so a closed period always
//! has its bundle waiting, and a bundle is never queued for a period left open.
//!
//! A period is closed once, only after its last day, and never beside an overlapping one
//! (a year and one of its halves): the difference of two such bundles would show the
//! counts suppression hid in each.

use quartier_documents::dataset::ReportKind;

use super::build::{self, BuildError, Header};
use super::bundle::{Bundle, SiteId};
use super::outbox;
use super::period::ExchangePeriod;
use super::source;
use super::suppression::Threshold;
use crate::db::{Date, Db, Id, Timestamp};
use crate::reports::ReportScope;

/// What to close.
#[derive(Debug, Clone)]
pub struct Closing {
    /// The municipality's slug.
    pub municipality: String,
    pub period: ExchangePeriod,
    /// This site's name at the centre, as pinned at enrolment.
    pub site: SiteId,
    pub threshold: Threshold,
}

/// Why a period was not closed (German, for the person closing it).
#[derive(Debug, thiserror::Error)]
pub enum ClosingError {
    #[error("Keine Kommune mit dem Kürzel „{0}“.")]
    UnknownMunicipality(String),
    #[error(
        "Der Zeitraum {period} endet erst am {}; abschließen lässt er sich ab dem Tag danach.",
        last.naive().format("%d.%m.%Y")
    )]
    NotOver { period: ExchangePeriod, last: Date },
    #[error(
        "Der Zeitraum {period} ist für diese Kommune bereits abgeschlossen (Paket Nr. {sequence})."
    )]
    AlreadyClosed {
        period: ExchangePeriod,
        sequence: i64,
    },
    #[error(
        "Der Zeitraum {period} überschneidet sich mit dem schon abgeschlossenen Zeitraum {closed}. \
         Aus zwei solchen Paketen ließen sich unterdrückte kleine Zahlen errechnen; ein Jahr \
         wird entweder als Ganzes oder in Halbjahren ausgetauscht."
    )]
    Overlaps {
        period: ExchangePeriod,
        closed: ExchangePeriod,
    },
    #[error("Der Zeitraum {0} hat keine gültigen Tage.")]
    NoDays(ExchangePeriod),
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error("Der Datensatz ließ sich nicht lesen: {0}")]
    Dataset(crate::error::Error),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// A closed period and the bundle now waiting in the outbox.
#[derive(Debug, Clone)]
pub struct Closed {
    pub bundle: Bundle,
}

/// Closes `closing.period` for the municipality on `today`, queueing its bundle.
#[tracing::instrument(skip_all, fields(municipality = %closing.municipality, period = %closing.period), err(level = "warn"))]
pub async fn close(db: &Db, closing: &Closing, today: Date) -> Result<Closed, ClosingError> {
    let period = closing.period;
    let days = period.days().ok_or(ClosingError::NoDays(period))?;
    if days.to() >= today {
        return Err(ClosingError::NotOver {
            period,
            last: days.to(),
        });
    }
    let (municipality, name, qm_model): (Id, String, Option<String>) =
        sqlx::query_as("SELECT id, name, qm_model FROM municipalities WHERE slug = $1")
            .bind(&closing.municipality)
            .fetch_optional(&db.pool)
            .await?
            .ok_or_else(|| ClosingError::UnknownMunicipality(closing.municipality.clone()))?;
    let scope = ReportScope {
        municipality,
        slug: closing.municipality.clone(),
        name,
        qm_model,
        kind: ReportKind::Jahresbericht,
        period: days,
        area: None,
    };
    // Read before the write transaction: nothing lands in a period that is over.
    let loaded = source::load(db, &scope)
        .await
        .map_err(ClosingError::Dataset)?;

    let mut tx = db.begin().await?;
    let closed: Vec<(String, i64)> = sqlx::query_as(
        "SELECT period, sequence FROM federation_closings
         WHERE municipality_id = $1 AND year = $2",
    )
    .bind(municipality)
    .bind(i64::from(period.year()))
    .fetch_all(&mut *tx)
    .await?;
    for (text, sequence) in closed {
        let Ok(other) = text.parse::<ExchangePeriod>() else {
            continue;
        };
        if other == period {
            return Err(ClosingError::AlreadyClosed { period, sequence });
        }
        if overlap(other, period) {
            return Err(ClosingError::Overlaps {
                period,
                closed: other,
            });
        }
    }
    let sequence = outbox::next_sequence(&mut tx).await?;
    let header = Header {
        site: closing.site.clone(),
        period,
        sequence,
    };
    let bundle = build::build(header, &loaded.source(), closing.threshold)?;
    outbox::enqueue(&mut tx, &bundle).await?;
    sqlx::query(
        "INSERT INTO federation_closings (municipality_id, period, year, sequence, closed_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(municipality)
    .bind(period.to_string())
    .bind(i64::from(period.year()))
    .bind(outbox::sequence_number(&bundle))
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Closed { bundle })
}

/// Whether two periods share a day: a year overlaps each of its halves; two halves only
/// when they are the same.
fn overlap(a: ExchangePeriod, b: ExchangePeriod) -> bool {
    match (a, b) {
        (ExchangePeriod::HalfYear(y, h), ExchangePeriod::HalfYear(z, i)) => y == z && h == i,
        _ => a.year() == b.year(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_overlaps_its_halves_and_the_halves_not_each_other() {
        let p = |text: &str| text.parse::<ExchangePeriod>().unwrap();
        assert!(overlap(p("2026"), p("2026-H1")));
        assert!(overlap(p("2026-H2"), p("2026")));
        assert!(!overlap(p("2026-H1"), p("2026-H2")));
        assert!(!overlap(p("2025"), p("2026")));
        assert!(!overlap(p("2025-H2"), p("2026-H1")));
    }
}

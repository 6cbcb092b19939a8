//! The joint calendar's tables: where each site's OParl is read from, and the meetings read,
//! replaced as a whole per site so that a meeting the site dropped disappears too.

use super::read::Meeting;
use crate::db::{Db, Id, Timestamp};

crate::text_enum! {
    /// Whether a meeting of the calendar takes place.
    pub enum CalendarState {
        Planned = ("planned", "findet statt"),
        Cancelled = ("cancelled", "abgesagt"),
    }
}

/// A site's calendar source as the centre's operator sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Source {
    pub site_id: Id,
    pub site: String,
    pub system_url: String,
    pub refreshed_at: Option<Timestamp>,
    pub last_error: Option<String>,
}

/// A meeting of the joint calendar with the site it comes from.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Entry {
    pub site: String,
    pub municipality: String,
    pub body: Option<String>,
    pub name: String,
    pub starts_at: Timestamp,
    pub ends_at: Option<Timestamp>,
    pub location: Option<String>,
    pub web: Option<String>,
    #[sqlx(try_from = "String")]
    pub state: CalendarState,
}

/// Why a source was not set (German, for the centre's operator).
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("Kein bestätigter Standort heißt „{0}“ (siehe quartier federation sites).")]
    NoAcceptedSite(String),
    #[error(transparent)]
    Read(#[from] super::read::ReadError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Reads the calendar of the accepted site `site` from `system_url` from now on.
pub async fn set_source(db: &Db, site: &str, system_url: &str) -> Result<Source, SourceError> {
    super::read::check_address(system_url)?;
    let id: Id = sqlx::query_scalar(
        "SELECT id FROM federation_sites WHERE name = $1 AND state = 'accepted'
         ORDER BY accepted_at DESC LIMIT 1",
    )
    .bind(site)
    .fetch_optional(&db.pool)
    .await?
    .ok_or_else(|| SourceError::NoAcceptedSite(site.to_owned()))?;
    sqlx::query(
        "INSERT INTO federation_calendar_sources (site_id, system_url) VALUES ($1, $2)
         ON CONFLICT (site_id) DO UPDATE SET system_url = excluded.system_url,
             refreshed_at = NULL, last_error = NULL",
    )
    .bind(id)
    .bind(system_url)
    .execute(&db.pool)
    .await?;
    Ok(sources(db)
        .await?
        .into_iter()
        .find(|s| s.site_id == id)
        .ok_or(sqlx::Error::RowNotFound)?)
}

/// Every source, by site name.
pub async fn sources(db: &Db) -> sqlx::Result<Vec<Source>> {
    sqlx::query_as(
        "SELECT c.site_id, s.name AS site, c.system_url, c.refreshed_at, c.last_error
         FROM federation_calendar_sources c JOIN federation_sites s ON s.id = c.site_id
         WHERE s.state = 'accepted' ORDER BY s.name",
    )
    .fetch_all(&db.pool)
    .await
}

/// Replaces the site's meetings by `meetings`, read at `at`.
pub async fn replace(db: &Db, site: Id, meetings: &[Meeting], at: Timestamp) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM federation_calendar WHERE site_id = $1")
        .bind(site)
        .execute(&mut *tx)
        .await?;
    for m in meetings {
        let state = if m.cancelled {
            CalendarState::Cancelled
        } else {
            CalendarState::Planned
        };
        sqlx::query(
            "INSERT INTO federation_calendar (site_id, url, municipality, body, name,
                 starts_at, ends_at, location, web, state)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (site_id, url) DO NOTHING",
        )
        .bind(site)
        .bind(&m.url)
        .bind(&m.municipality)
        .bind(&m.body)
        .bind(&m.name)
        .bind(m.starts_at)
        .bind(m.ends_at)
        .bind(&m.location)
        .bind(&m.web)
        .bind(state.as_str())
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "UPDATE federation_calendar_sources SET refreshed_at = $1, last_error = NULL
         WHERE site_id = $2",
    )
    .bind(at)
    .bind(site)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Notes why the site's calendar could not be read; its meetings read before stay.
pub async fn failed(db: &Db, site: Id, error: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE federation_calendar_sources SET last_error = $1 WHERE site_id = $2")
        .bind(error)
        .bind(site)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// At most `limit` meetings starting from `from` on, in order, of accepted sites.
pub async fn upcoming(db: &Db, from: Timestamp, limit: i64) -> sqlx::Result<Vec<Entry>> {
    sqlx::query_as(
        "SELECT s.name AS site, c.municipality, c.body, c.name, c.starts_at, c.ends_at,
                c.location, c.web, c.state
         FROM federation_calendar c JOIN federation_sites s ON s.id = c.site_id
         WHERE s.state = 'accepted' AND c.starts_at >= $1
         ORDER BY c.starts_at, s.name, c.name LIMIT $2",
    )
    .bind(from)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

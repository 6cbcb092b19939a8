//! The joint calendar (*gemeinsamer Kalender*) of the centre: the public meetings of the
//! enrolled sites, read from each site's OParl endpoint ([`read`]) — the same public API any
//! council-information client reads — and shown on one page at the centre
//! (`/servicestelle/kalender`, `web::joint_calendar`). The centre's operator names a site's
//! OParl address (`quartier federation calendar-source`), as learnt from the site's
//! operator: nothing is discovered. `serve --centre` refreshes every [`EVERY`];
//! `quartier federation calendar-refresh` does it at once. Above them, the centre's own
//! exchange meetings ([`exchange`]).

pub mod exchange;
pub mod read;
pub mod store;

use std::time::Duration;

use chrono::Utc;

use crate::db::{Db, Timestamp};

/// How often `serve --centre` reads the sites' calendars.
pub const EVERY: Duration = Duration::from_secs(15 * 60);

/// What one refresh of one site came to.
#[derive(Debug)]
pub struct Refreshed {
    pub site: String,
    /// The meetings now in the calendar, or why the site could not be read (its meetings
    /// read before stay).
    pub outcome: Result<usize, read::ReadError>,
}

/// Reads every source once, one site after the other.
#[tracing::instrument(skip_all)]
pub async fn refresh(db: &Db) -> sqlx::Result<Vec<Refreshed>> {
    let mut refreshed = Vec::new();
    for source in store::sources(db).await? {
        let now = Utc::now();
        let (from, until) = read::window(now);
        let outcome = match read::read(&source.system_url, from, until).await {
            Ok(meetings) => {
                store::replace(db, source.site_id, &meetings, Timestamp(now)).await?;
                Ok(meetings.len())
            }
            Err(e) => {
                tracing::warn!(site = %source.site, error = %e, "site calendar not read");
                store::failed(db, source.site_id, &e.to_string()).await?;
                Err(e)
            }
        };
        refreshed.push(Refreshed {
            site: source.site,
            outcome,
        });
    }
    Ok(refreshed)
}

/// Refreshes every [`EVERY`] for as long as the process lives (centre mode).
pub fn spawn(db: Db) {
    tokio::spawn(async move {
        loop {
            if let Err(e) = refresh(&db).await {
                tracing::warn!(error = %e, "joint calendar refresh failed");
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}

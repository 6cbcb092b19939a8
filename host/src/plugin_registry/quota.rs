//! What one municipality may store: at most `PluginSettings::max_versions` versions and
//! `PluginSettings::max_stored_bytes` of components (versions are never deleted, so without a
//! cap a script could fill the host's database). Checked before compiling — a budget checked
//! before the work starts (CONVENTIONS 20) — and decided inside the insert's transaction
//! under the municipality's row lock (CONVENTIONS 11).

use sqlx::AnyConnection;

use super::InstallError;
use crate::config::PluginSettings;
use crate::db::{Id, Tx};

/// The caps of one municipality.
#[derive(Clone, Copy, Debug)]
pub struct Quota {
    pub versions: u32,
    pub bytes: u64,
}

/// What a municipality stores now.
#[derive(Clone, Copy, Debug, sqlx::FromRow)]
pub struct Usage {
    versions: i64,
    bytes: i64,
}

impl Quota {
    pub fn of(settings: &PluginSettings) -> Quota {
        Quota {
            versions: settings.max_versions,
            bytes: settings.max_stored_bytes,
        }
    }

    /// Whether one more component of `new_bytes` fits.
    pub fn check(&self, usage: Usage, new_bytes: usize) -> Result<(), InstallError> {
        if usage.versions >= i64::from(self.versions) {
            return Err(InstallError::TooManyVersions {
                limit: self.versions,
            });
        }
        let used = u64::try_from(usage.bytes).unwrap_or(0);
        if used.saturating_add(new_bytes as u64) > self.bytes {
            return Err(InstallError::StorageFull {
                used,
                new: new_bytes as u64,
                limit: self.bytes,
            });
        }
        Ok(())
    }
}

/// The municipality's stored versions and their bytes.
pub async fn usage(conn: &mut AnyConnection, municipality_id: Id) -> Result<Usage, sqlx::Error> {
    // The cast: PostgreSQL sums a BIGINT as NUMERIC.
    sqlx::query_as(
        "SELECT COUNT(*) AS versions, CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) AS bytes
         FROM plugin_versions WHERE municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_one(conn)
    .await
}

/// Serialises the uploads of one municipality until commit, so two transactions cannot both
/// find room for one more. On PostgreSQL this no-op UPDATE holds the municipality's row
/// lock; on SQLite `BEGIN IMMEDIATE` already holds the write lock.
pub async fn lock_municipality(tx: &mut Tx, municipality_id: Id) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE municipalities SET version = version WHERE id = $1")
        .bind(municipality_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

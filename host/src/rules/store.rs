//! The read side of the plugin registry that running plugins needs: which version is
//! active, its stored component, and the digest of its compiled artifact. The registry
//! (`plugin_registry`) owns the write side.

use crate::db::{Db, Id, Timestamp};

/// What a host needs to load a version.
#[derive(sqlx::FromRow)]
pub struct Stored {
    pub component: Vec<u8>,
    pub name: String,
    pub version: String,
    pub slug: String,
}

pub async fn stored(db: &Db, id: Id) -> Result<Option<Stored>, sqlx::Error> {
    sqlx::query_as(
        "SELECT v.component, v.name, v.version, m.slug
         FROM plugin_versions v JOIN municipalities m ON m.id = v.municipality_id
         WHERE v.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// The active version of a municipality, straight from the database.
pub async fn active_version(db: &Db, municipality_id: Id) -> Result<Option<Id>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT plugin_version_id FROM plugin_activations
         WHERE municipality_id = $1 AND ended_at IS NULL",
    )
    .bind(municipality_id)
    .fetch_optional(&db.pool)
    .await
}

/// The digest this host recorded for the compiled artifact of a component.
pub async fn artifact_digest(db: &Db, sha256: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT artifact_sha256 FROM plugin_artifacts WHERE component_sha256 = $1")
        .bind(sha256)
        .fetch_optional(&db.pool)
        .await
}

/// Records (or replaces) the digest of a freshly written artifact.
pub async fn record_artifact(db: &Db, sha256: &str, digest: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO plugin_artifacts (component_sha256, artifact_sha256, created_at)
         VALUES ($1, $2, $3)
         ON CONFLICT (component_sha256)
         DO UPDATE SET artifact_sha256 = excluded.artifact_sha256, created_at = excluded.created_at",
    )
    .bind(sha256)
    .bind(digest)
    .bind(Timestamp::now())
    .execute(&db.pool)
    .await?;
    Ok(())
}

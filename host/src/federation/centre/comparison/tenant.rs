//! The centre's own tenant: the municipality the centre's operator created for the service
//! centre itself, with its staff and its plugin (`quartier federation tenant SLUG`). Its
//! staff — and only its staff — get the comparison across sites, shaped by its plugin.
//! At most one; naming another replaces it.

use crate::db::{Db, Id};

/// The centre's tenant as the comparison needs it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CentreTenant {
    pub id: Id,
    pub slug: String,
    pub name: String,
}

/// Why a municipality could not be made the centre's tenant (German, for the operator).
#[derive(Debug, thiserror::Error)]
pub enum TenantError {
    #[error(
        "Keine Kommune hat den Kurznamen „{0}“ (zuerst anlegen: quartier create-municipality)."
    )]
    UnknownMunicipality(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Makes the municipality `slug` the centre's tenant, replacing the one before.
pub async fn set(db: &Db, slug: &str) -> Result<CentreTenant, TenantError> {
    let tenant: CentreTenant =
        sqlx::query_as("SELECT id, slug, name FROM municipalities WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&db.pool)
            .await?
            .ok_or_else(|| TenantError::UnknownMunicipality(slug.to_owned()))?;
    sqlx::query(
        "INSERT INTO federation_centre_tenant (singleton, municipality_id) VALUES (1, $1)
         ON CONFLICT (singleton) DO UPDATE SET municipality_id = excluded.municipality_id",
    )
    .bind(tenant.id)
    .execute(&db.pool)
    .await?;
    Ok(tenant)
}

/// The centre's tenant, if the operator named one.
pub async fn get(db: &Db) -> Result<Option<CentreTenant>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.id, m.slug, m.name FROM federation_centre_tenant t
         JOIN municipalities m ON m.id = t.municipality_id",
    )
    .fetch_optional(&db.pool)
    .await
}

//! An organisation's areas of activity: area ids of any municipality, read with the
//! organisation and replaced as a whole set when it is written.

use sqlx::AnyPool;

use crate::db::{Id, Tx};
use crate::error::{Error, FieldError, Result};
use crate::messages::Code;

/// The organisation's areas, ordered by id.
pub(super) async fn load(pool: &AnyPool, id: Id) -> Result<Vec<Id>> {
    let area_ids = sqlx::query_scalar(
        "SELECT area_id FROM organisation_areas WHERE organisation_id = $1 ORDER BY area_id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(area_ids)
}

/// Refuses with one field error per area id that does not exist.
pub(super) async fn check(tx: &mut Tx, area_ids: &[Id]) -> Result<()> {
    let mut errors = Vec::new();
    for (i, area) in area_ids.iter().enumerate() {
        let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM areas WHERE id = $1")
            .bind(*area)
            .fetch_one(&mut **tx)
            .await?;
        if found == 0 {
            errors.push(FieldError::new(
                format!("/area_ids/{i}"),
                Code::ReferenceMissing,
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

/// Replaces the organisation's areas with `areas`; an empty slice removes them all.
pub(super) async fn write(tx: &mut Tx, id: Id, areas: &[Id]) -> Result<()> {
    sqlx::query("DELETE FROM organisation_areas WHERE organisation_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for area in areas {
        sqlx::query("INSERT INTO organisation_areas (organisation_id, area_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*area)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

//! An organisation's areas of activity: areas of any municipality, read with the organisation.
//!
//! The set is host-wide, but each part of it is a municipality's own relation: staff replace
//! only the areas of their municipality — the other municipalities' areas stay as they are,
//! whether the request names them or not, and naming one the organisation does not have yet
//! is refused (422 `foreign_area`). The host admin replaces the whole set.

use std::collections::HashSet;

use sqlx::AnyPool;

use super::rights::Editor;
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

/// The areas organisation `id` (`None`: a new one) has after `editor` asked for `requested`
/// (see the module), without repetitions. Refuses with one field error per area id that does
/// not exist or that the editor may not add.
pub(super) async fn resulting(
    tx: &mut Tx,
    editor: Editor,
    id: Option<Id>,
    requested: &[Id],
) -> Result<Vec<Id>> {
    let current: Vec<(Id, Id)> = match id {
        Some(id) => {
            sqlx::query_as(
                "SELECT oa.area_id, a.municipality_id FROM organisation_areas oa
                 JOIN areas a ON a.id = oa.area_id WHERE oa.organisation_id = $1",
            )
            .bind(id)
            .fetch_all(&mut **tx)
            .await?
        }
        None => Vec::new(),
    };
    let mut areas: Vec<Id> = match editor {
        Editor::Host => Vec::new(),
        Editor::Staff { municipality_id } => current
            .iter()
            .filter(|(_, m)| *m != municipality_id)
            .map(|(area, _)| *area)
            .collect(),
    };
    let mut errors = Vec::new();
    for (i, area) in requested.iter().enumerate() {
        let municipality: Option<Id> =
            sqlx::query_scalar("SELECT municipality_id FROM areas WHERE id = $1")
                .bind(*area)
                .fetch_optional(&mut **tx)
                .await?;
        let refusal = match (municipality, editor) {
            (None, _) => Some(Code::ReferenceMissing),
            (Some(_), Editor::Host) => None,
            (Some(m), Editor::Staff { municipality_id }) if m == municipality_id => None,
            // Another municipality's area: kept above if the organisation has it already.
            (Some(_), Editor::Staff { .. }) if current.iter().any(|(a, _)| a == area) => {
                continue;
            }
            (Some(_), Editor::Staff { .. }) => Some(Code::ForeignArea),
        };
        match refusal {
            None => areas.push(*area),
            Some(code) => errors.push(FieldError::new(format!("/area_ids/{i}"), code)),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let mut seen = HashSet::new();
    areas.retain(|area| seen.insert(*area));
    Ok(areas)
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

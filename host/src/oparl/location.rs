//! Where meetings take place, as OParl `Location`s. Quartier keeps a meeting's place as one
//! line of text (no address parts, no coordinates), so it becomes the Location's
//! `description` and nothing else is claimed.
//!
//! Each meeting with a place has its own Location, named by the meeting's id
//! (`/oparl/v1/locations/{meeting}`): the URL stays as long as the meeting has a place, and
//! answers 404 exactly when the meeting would (hidden body, another municipality, missing)
//! or when it has no place. Municipalities and bodies keep no address, so the Body has no
//! `location`. Embedded in its meeting a Location leaves out the back-reference `meetings`,
//! as OParl asks.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::base::{Base, body_url, meeting_url};
use super::body::Listing;
use super::list::{Window, compact};
use super::meeting_rows::{self, HAS_PLACE, Row};
use super::{ObjectId, OparlError, home_scope, oparl_type};
use crate::auth::Scope;
use crate::db::{Id, Sql};
use crate::state::AppState;

fn location_url(base: &Base, meeting: Id) -> String {
    base.url(&format!("/locations/{meeting}"))
}

fn object(base: &Base, row: &Row, place: &str, embedded: bool) -> Value {
    compact(json!({
        "id": location_url(base, row.id),
        "type": oparl_type("Location"),
        "description": place,
        "meetings": (!embedded).then(|| [meeting_url(base, row.id)]),
        "created": row.created_at.to_db(),
        "modified": row.updated_at.to_db(),
    }))
}

/// The meeting's Location as its `location` property, if it has a place.
pub fn embedded(base: &Base, row: &Row) -> Option<Value> {
    row.place().map(|place| object(base, row, place, true))
}

/// The visible meetings that have a place.
fn with_place(sql: &mut Sql, scope: &Scope, only: Option<Id>, window: Option<&Window>) -> String {
    let from = meeting_rows::from_where(sql, scope, only, window);
    format!("{from} AND {HAS_PLACE}")
}

/// `GET /oparl/v1/locations/{meeting}`
pub async fn one(
    State(state): State<AppState>,
    base: Base,
    ObjectId(id): ObjectId,
) -> Result<Json<Value>, OparlError> {
    let scope = home_scope(&state, "meetings", id).await?;
    let row = meeting_rows::load(&state, &scope, id).await?;
    let place = row.place().ok_or(OparlError::NotFound)?;
    Ok(Json(object(&base, &row, place, false)))
}

/// `GET /oparl/v1/bodies/{slug}/locations`, in the order of their meetings.
pub async fn list(
    State(state): State<AppState>,
    base: Base,
    listing: Listing,
) -> Result<Json<Value>, OparlError> {
    let url = format!("{}/locations", body_url(&base, &listing.municipality.slug));
    let (rows, total): (Vec<Row>, i64) = listing
        .fetch(
            &state,
            meeting_rows::COLUMNS,
            "m.starts_at, m.id",
            with_place,
        )
        .await?;
    let data = rows
        .iter()
        .filter_map(|r| r.place().map(|place| object(&base, r, place, false)))
        .collect();
    Ok(listing.window.document(&url, data, total))
}

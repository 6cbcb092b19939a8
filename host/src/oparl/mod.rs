//! A read-only OParl 1.1 interface (<https://oparl.org>) to the *public* part of every
//! municipality's network: one OParl `Body` per municipality, its public bodies (*Gremien*)
//! as `Organization`s, their meetings with the public agenda items, each meeting's place as
//! a `Location` and its approved minutes as a `File` (the public part, rendered by a public
//! page), and the persons who consented to be listed publicly with their memberships in
//! public bodies. Quartier keeps no papers: that list is empty.
//!
//! It is not an editing interface and knows no callers: every request is answered as for
//! an anonymous visitor, whatever credentials it carries, so it shows nothing the public
//! pages do not. Hidden, erased, unlisted and foreign objects all answer the same 404.
//!
//! Every object's `id` is its own absolute URL, built from the request's `Host` header (and
//! `X-Forwarded-Proto: https` from a proxy) — see [`base::Base`]; there is no configured
//! public address yet.

mod base;
mod body;
mod error;
mod file;
mod list;
mod location;
mod meeting;
mod meeting_rows;
mod membership;
mod organization;
mod person;
mod system;

use axum::Router;
use axum::routing::get;

use crate::auth::{Caller, Level, Scope};
use crate::db::Id;
use crate::state::AppState;

pub use base::Base;
pub use error::OparlError;

/// The OParl version this interface speaks.
pub const OPARL_VERSION: &str = "https://schema.oparl.org/1.1/";

/// The routes under `/oparl/v1`. A plain router: OParl documents itself through its schema,
/// not through this host's OpenAPI document.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/oparl/v1/system", get(system::system))
        .route("/oparl/v1/bodies", get(body::list))
        .route("/oparl/v1/bodies/{slug}", get(body::one))
        .route(
            "/oparl/v1/bodies/{slug}/organizations",
            get(organization::list),
        )
        .route("/oparl/v1/bodies/{slug}/meetings", get(meeting::list))
        .route("/oparl/v1/bodies/{slug}/people", get(person::list))
        .route("/oparl/v1/bodies/{slug}/papers", get(body::papers))
        .route("/oparl/v1/bodies/{slug}/files", get(file::list))
        .route("/oparl/v1/bodies/{slug}/locations", get(location::list))
        .route("/oparl/v1/organizations/{id}", get(organization::one))
        .route("/oparl/v1/meetings/{id}", get(meeting::one))
        .route("/oparl/v1/agendaitems/{id}", get(meeting::agenda_item))
        .route("/oparl/v1/people/{id}", get(person::one))
        .route("/oparl/v1/memberships/{id}", get(membership::one))
        .route("/oparl/v1/files/{name}", get(file::one))
        .route("/oparl/v1/locations/{id}", get(location::one))
}

/// The OParl type URL of a class, e.g. `https://schema.oparl.org/1.1/Body`.
fn oparl_type(class: &str) -> String {
    format!("{OPARL_VERSION}{class}")
}

/// The anonymous view of a municipality, for the shared visibility rules.
fn public_scope(municipality_id: Id, slug: &str) -> Scope {
    Scope {
        municipality_id,
        slug: slug.to_owned(),
        caller: Caller::default(),
        level: Level::Public,
    }
}

/// The id of one object from the path (`…/{id}`); anything that is not an id is simply not
/// found.
pub struct ObjectId(pub Id);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ObjectId {
    type Rejection = OparlError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, OparlError> {
        let axum::extract::Path(text) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| OparlError::NotFound)?;
        text.parse().map(ObjectId).map_err(|_| OparlError::NotFound)
    }
}

/// The public scope of the municipality an object of `table` belongs to, or 404.
async fn home_scope(state: &AppState, table: &'static str, id: Id) -> Result<Scope, OparlError> {
    let row: Option<(Id, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT mu.id, mu.slug FROM {table} t JOIN municipalities mu ON mu.id = t.municipality_id
         WHERE t.id = $1"
    )))
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?;
    let (municipality_id, slug) = row.ok_or(OparlError::NotFound)?;
    Ok(public_scope(municipality_id, &slug))
}

//! Open311 GeoReport v2 (<http://wiki.open311.org/GeoReport_v2>) for concerns, so that the
//! concern-reporting apps municipalities already use can submit to the Lotsenfunktion and
//! follow what happens: *services* are the municipality's concern categories (from its
//! plugin), a *service definition* lists the fields its plugin adds to the concern form,
//! *requests* are concerns and `status_notes` say where a concern stands.
//!
//! One endpoint per municipality, `/open311/v2/{municipality}/`; a `jurisdiction_id`, when
//! given, must be the municipality's slug. Every document comes as JSON or XML after the
//! file name's extension (`services.json`, `services.xml`), errors too, in Open311's form
//! (`[{"code": 404, "description": "…"}]`).
//!
//! Privacy: what anyone may read of a concern is what says nothing about the person —
//! reference, category, state, dates, the department and the area. The resident's text,
//! location and contact never appear; the department's feedback as released for the
//! resident appears in `status_notes` only to the app that submitted the concern, with its
//! key (`clients`). Posting needs no key: anonymous posts follow the public form's rate
//! limit and honeypot, an app's key its own larger limit.

mod clients;
mod definition;
mod format;
mod query;
mod requests;
mod services;
mod submit;
mod texts;
mod xml;

use axum::Router;
use axum::routing::get;

pub use clients::{ClientInfo, IssuedKey, issue_key, list_keys, revoke_key};
pub use format::{Failure, Format};

use crate::state::AppState;

/// The routes under `/open311/v2`. A plain router: Open311 documents itself through its own
/// specification, not through this host's OpenAPI document.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/open311/v2/{municipality}/{file}",
            get(services::top_level).post(submit::submit),
        )
        .route(
            "/open311/v2/{municipality}/services/{file}",
            get(definition::service_definition),
        )
        .route(
            "/open311/v2/{municipality}/requests/{file}",
            get(requests::one),
        )
}

//! Concerns (*Anliegen*) and the Lotsenfunktion (docs/architecture.md, "Domain model"): a resident's concern is taken
//! in (public form or staff), routed by the municipality's plugin to the department
//! responsible, forwarded, answered by the department and reported back to the resident.
//!
//! The reporter's contact is kept apart ([`reporter`]), read only with an audit entry and
//! erased a configurable time after closing ([`retention`]). Measures per department live in
//! [`statistics`]. This module does not render pages and does not send mail: reporting back
//! is done by a person, and recorded here with its channel.

mod departments;
mod insert;
mod intake;
mod model;
mod recheck;
mod reporter;
pub mod retention;
mod routing;
mod statistics;
mod transitions;
mod view;
pub mod workflow;

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

pub use departments::{Department, departments};
pub use intake::submit_public;
pub use model::Concern;
pub use reporter::{ReporterContact, contact as reporter_contact};
/// For writers of concerns outside the API (the demo's history).
pub(crate) use routing::ProposalKind;
pub use routing::{Category, categories};
pub use transitions::{TransitionInput, next_steps, take as take_transition};
pub use view::{
    ConcernFilter, ConcernOrder, ConcernStage, Event, PublicStatus, concern, history,
    id_by_reference, status_by_token, visible_concerns,
};
pub use workflow::{ConcernState, ReportChannel};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(view::list_concerns, intake::create_concern))
        .routes(routes!(intake::submit_public_concern))
        .routes(routes!(view::get_concern))
        .routes(routes!(view::get_history))
        .routes(routes!(reporter::get_reporter))
        .routes(routes!(transitions::transition))
        .routes(routes!(recheck::recheck))
        .routes(routes!(statistics::statistics))
        .routes(routes!(view::list_categories))
        .routes(routes!(view::public_status))
}

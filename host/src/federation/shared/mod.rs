//! Shared items of the exchange (*geteilte Beiträge*), the site's side: what a
//! municipality's coordination releases for the service centre's catalogue — good-practice
//! project dossiers, tender documents for QM contracts, events — and what the sites' staff
//! find there. Opt-in item by item: nothing of the site's data goes unless a coordinator
//! releases it, and a release carries only the fields of [`item::Item`].
//!
//! [`item`] is the item and its message; [`store`] releases and withdraws (each a new
//! revision, enqueued in [`outbox`] in the same transaction); [`outbox`] delivers to the
//! centre (the rounds of `federation::delivery`); [`search`] is the catalogue's search as
//! both sides speak it; [`route`] is the API, with the PDFs' in [`files`]. The centre's side is
//! `federation::centre::catalogue`.

pub mod files;
pub mod item;
pub mod outbox;
pub mod route;
pub mod search;
pub mod store;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// The site's API of the exchange: the items and the catalogue, and the PDFs'.
pub fn router() -> OpenApiRouter<AppState> {
    route::router().merge(files::router())
}

//! The service centre's side of the federation (*Servicestelle*), served in centre mode
//! only (`Settings::centre`, `quartier serve --centre`); on a site these routes are not
//! routed and answer 404.
//!
//! - [`sites`]: the registry of enrolled sites, each pending until the operator accepts
//!   its fingerprint (`quartier federation accept`); a pending key is refused like an
//!   unknown one. [`signers`]: which accepted site a key signs for — its current key, or
//!   a previous one within the overlap period of a rotation.
//! - [`enrolments`]: `POST /federation/v1/enrolments`, unauthenticated: a name and a
//!   public key stored as pending; the answer is the centre's own key to pin.
//! - [`inbox`]: `POST /federation/v1/bundles`, a signed exchange bundle. 401 for every
//!   signature problem and every key not accepted, 422 for a bundle that breaks the schema;
//!   then by the site's sequence number ([`apply`]): the next → 201 `applied`; an applied
//!   one again → 200 `duplicate` (same message id, the SHA-256 of the bytes) or 409
//!   `sequence_taken` (another bundle); further ahead → 409 `sequence_gap` with `expected`,
//!   and the site sends again from there. A nonce seen within its signature's lifetime →
//!   401 `nonce_replayed`. Effectively once: the bundle's row and its nonce are written in
//!   one transaction, unique per (site, sequence) and per message id.
//! - [`keys`]: `POST /federation/v1/keys`, an accepted site's next key signed with its
//!   current one ([`rotation`]): the next key becomes current, the former one is still
//!   taken for deliveries for [`rotation::OVERLAP`] (seven days), then refused.
//!
//! Every signed endpoint reads and verifies its request through [`signed`] and checks and
//! remembers the signature's nonce through [`nonces`].
//!
//! - [`catalogue`]: the exchange catalogue — `POST /federation/v1/items`, one revision of a
//!   site's shared item, kept if newer; `POST /federation/v1/catalogue`, a signed search of
//!   an accepted site for its staff.
//! - [`calendar`]: the joint calendar of the sites' public meetings, read from their OParl.
//! - [`comparison`]: the comparison across sites (*Standortvergleich*), a report of the
//!   accepted sites' latest bundles of a period for the staff of the centre's own tenant,
//!   at `…/reports/standortvergleich`.

pub mod apply;
pub mod calendar;
pub mod catalogue;
pub mod comparison;
pub mod enrolments;
pub mod inbox;
pub mod keys;
pub mod nonces;
pub mod refusal;
pub mod rotation;
pub mod signed;
pub mod signers;
pub mod sites;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::{Extension, Router};

use crate::state::AppState;

pub use catalogue::{ATTACHMENT_PATH, CATALOGUE_PATH, ITEMS_PATH};

/// Where sites deliver bundles.
pub const BUNDLES_PATH: &str = "/federation/v1/bundles";

/// Where sites enrol.
pub const ENROLMENTS_PATH: &str = "/federation/v1/enrolments";

/// Where an accepted site announces its next key.
pub const KEYS_PATH: &str = "/federation/v1/keys";

/// The centre's routes; merged by the composition root in centre mode only. A plain router:
/// the exchange documents itself through `schemas/exchange-bundle.schema.json`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(BUNDLES_PATH, post(inbox::receive))
        .route(ENROLMENTS_PATH, post(enrolments::enrol))
        .route(KEYS_PATH, post(keys::announce))
        .route(ITEMS_PATH, post(catalogue::receive::receive))
        .route(CATALOGUE_PATH, post(catalogue::search::search))
        .route(ATTACHMENT_PATH, post(catalogue::attachment::fetch))
        .layer(Extension(Arc::new(inbox::Inbox::default())))
        .route(comparison::PATH, get(comparison::get_comparison))
}

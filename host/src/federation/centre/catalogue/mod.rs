//! The exchange catalogue (*Austauschkatalog*): the items the sites' coordinations
//! released — good-practice dossiers, tender documents, events — for the staff of every
//! accepted site to browse and search.
//!
//! - [`receive`]: `POST /federation/v1/items`, a signed message with one revision of one
//!   item. Checked like a bundle (401 for every signature and key problem, 422 for a
//!   message outside the allow-list or an item its site's host would refuse too), then kept
//!   if its revision is higher than the one the centre has: 201 `applied`; the same
//!   revision again → 200 `duplicate`; a lower one → 200 `superseded` (a withdrawal that
//!   overtook its release stays withdrawn). Nonces as for bundles. A site has at most
//!   [`receive::MAX_LISTED_PER_SITE`] items listed at once (409 `catalogue_full`).
//! - [`search`]: `POST /federation/v1/catalogue`, a signed search of an accepted site (a
//!   POST, so that it is signed with its body like every other request of the exchange):
//!   words that must all occur in an item's title or summary, a kind, a page. The site
//!   asks on behalf of its staff (`federation::shared::route`); nobody reaches the catalogue
//!   without an accepted site's key.
//! - [`attachment`]: `POST /federation/v1/catalogue/attachment`, a listed item's PDF, signed
//!   and fetched the same way.

pub mod attachment;
pub mod receive;
pub mod search;

/// Where sites deliver shared items.
pub const ITEMS_PATH: &str = "/federation/v1/items";

/// Where sites search the catalogue.
pub const CATALOGUE_PATH: &str = "/federation/v1/catalogue";

/// Where sites fetch an item's attachment.
pub const ATTACHMENT_PATH: &str = "/federation/v1/catalogue/attachment";

//! Federation (*Austausch mit der Servicestelle*): a regional service centre (*Servicestelle*,
//! e.g. Hessen's HEGISS) compares many sites — hosts running Quartier for their
//! municipalities — from signed, privacy-preserving exchange bundles (*Austauschpakete*).
//! No personal data leaves a site: the bundle is an allow-list of counts, sums and medians
//! from the reports dataset, with small counts suppressed at the source.
//!
//! What is here: the bundle ([`bundle`], built by [`build`] from what [`source`] reads,
//! checked by [`schema`]) and its suppression ([`suppression`]); the period it covers
//! ([`period`]); the site's ed25519 key ([`site_key`]); HTTP message signatures over a
//! delivery ([`signature`]); enrolment at a centre, the site's side ([`enrolment`]);
//! closing a period into the site's outbox ([`closing`], [`outbox`]) and delivering it with
//! backoff ([`delivery`]); the coordination's shared items and the search of the centre's
//! catalogue ([`shared`]); rotating the site key, the site's side ([`announce`]); and the
//! centre's side in centre mode ([`centre`]: enrolments, the site registry, the inbox, key
//! rotation, the catalogue, the comparison across sites, the joint calendar) (`docs/architecture.md` §3,
//! *Federation*). This module depends on `reports`, never the other way round.

pub mod announce;
pub mod build;
pub mod bundle;
pub mod centre;
pub mod closing;
pub mod delivery;
pub mod enrolment;
pub mod outbox;
pub mod period;
pub mod schema;
pub mod shared;
pub mod signature;
pub mod site_key;
pub mod source;
pub mod suppression;

#[cfg(test)]
mod privacy_tests;

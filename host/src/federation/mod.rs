//! Federation (*Austausch mit der Servicestelle*): a regional service centre (*Servicestelle*,
//! e.g. Hessen's HEGISS) compares many sites — hosts running Quartier for their
//! municipalities — from signed, privacy-preserving exchange bundles (*Austauschpakete*).
//! No personal data leaves a site: the bundle is an allow-list of counts, sums and medians
//! from the reports dataset, with small counts suppressed at the source.
//!
//! What is here: the bundle ([`bundle`], built by [`build`] from what [`source`] reads,
//! checked by [`schema`]) and its suppression ([`suppression`]); the period it covers
//! ([`period`]); the site's ed25519 key ([`site_key`]); HTTP message signatures over a
//! delivery ([`signature`]); enrolment at a centre, the site's side ([`enrolment`]); the
//! site's outbox ([`outbox`]); and the centre's side in centre mode ([`centre`]:
//! enrolments, the site registry, the inbox, the comparison across sites). What is not
//! yet: scheduled delivery (`docs/architecture.md` §3, *Federation*). This module depends
//! on `reports`, never the other way round.

pub mod build;
pub mod bundle;
pub mod centre;
pub mod enrolment;
pub mod outbox;
pub mod period;
pub mod schema;
pub mod signature;
pub mod site_key;
pub mod source;
pub mod suppression;

#[cfg(test)]
mod privacy_tests;

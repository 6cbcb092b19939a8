//! Federation (*Austausch mit der Servicestelle*): a regional service centre (*Servicestelle*,
//! e.g. Hessen's HEGISS) compares many sites — hosts running Quartier for their
//! municipalities — from signed, privacy-preserving exchange bundles (*Austauschpakete*).
//! No personal data leaves a site: the bundle is an allow-list of counts, sums and medians
//! from the reports dataset, with small counts suppressed at the source.
//!
//! What is here so far: the suppression of small counts ([`suppression`]). This module
//! depends on `reports`, never the other way round.

pub mod suppression;

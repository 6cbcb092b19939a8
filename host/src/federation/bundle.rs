//! The exchange bundle (`schemas/exchange-bundle.schema.json`): what one site sends the
//! centre about one municipality (or area) and period. An allow-list by construction — these
//! structs are every field there is, and none of them can hold a name, an address or free
//! text about a person: counts, sums of money, medians of days and catalogue keys. Counts
//! come out of [`super::suppression`], so a small one is `null` ([`Published::Suppressed`]),
//! and a sum or median goes with its count. The figures' types live in
//! `quartier_documents::exchange`, because the centre's plugin reads them too (the
//! comparison across sites); the envelope around them is the host's.
//!
//! Opt-in shared items (good-practice dossiers, tender documents, events released by a
//! coordinator) are planned and not part of format 1.

use std::num::NonZeroU64;

use serde::{Deserialize, Serialize};

pub use quartier_documents::exchange::{
    Attendance, ByKind, Concerns, Count, Entry, Figures, Funds, Network, OTHER_KEY, Projects,
    Published,
};

use super::period::ExchangePeriod;
use super::suppression::Threshold;
use crate::keys::is_stable_key;

/// The bundle format this host writes; a change to the schema is a new format.
pub const FORMAT: u32 = 1;

/// One site's figures for one municipality (or area) and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// [`FORMAT`].
    pub format: u32,
    /// The sending site, as enrolled at the centre.
    pub site: SiteId,
    /// The municipality's slug.
    pub municipality: String,
    /// The area's name when the bundle is about one area (with its sub-areas).
    pub area: Option<String>,
    /// The period reported on.
    pub period: ExchangePeriod,
    /// The site's running number of bundles, from 1; a resend keeps its number, so the
    /// centre applies each once and the latest last.
    pub sequence: NonZeroU64,
    /// Counts from 1 to one less than this were suppressed.
    pub threshold: Threshold,
    /// The figures.
    pub figures: Figures,
}

/// A site's name at the centre: a stable key (`aachen`, `kreis-offenbach-qm`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SiteId(String);

/// A site name that is no stable key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("„{0}“ ist kein Standortname (Kleinbuchstaben, Ziffern, _ und -, höchstens 64 Zeichen).")]
pub struct SiteIdSyntax(pub String);

impl SiteId {
    /// The site's name as a key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SiteId {
    type Error = SiteIdSyntax;
    fn try_from(name: String) -> Result<Self, Self::Error> {
        if is_stable_key(&name) {
            Ok(SiteId(name))
        } else {
            Err(SiteIdSyntax(name))
        }
    }
}

impl From<SiteId> for String {
    fn from(site: SiteId) -> String {
        site.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_is_named_by_a_stable_key() {
        assert!(SiteId::try_from("kreis-offenbach_qm".to_owned()).is_ok());
        for bad in ["Aachen", "", "stadt aachen", "-aachen"] {
            assert!(SiteId::try_from(bad.to_owned()).is_err(), "{bad}");
        }
    }
}

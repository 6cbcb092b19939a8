//! The exchange bundle (`schemas/exchange-bundle.schema.json`): what one site sends the
//! centre about one municipality (or area) and period. An allow-list by construction — these
//! structs are every field there is, and none of them can hold a name, an address or free
//! text about a person: counts, sums of money, medians of days and catalogue keys. Counts
//! come out of [`super::suppression`], so a small one is `null` ([`Published::Suppressed`]),
//! and a sum or median goes with its count.
//!
//! Opt-in shared items (good-practice dossiers, tender documents, events released by a
//! coordinator) are planned and not part of format 1.

use std::num::NonZeroU64;

use serde::{Deserialize, Serialize};

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

/// A figure that may be published, or `null` on the wire: too few cases, withheld so that
/// another small one cannot be worked out, or (a median) nothing measured.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Published<T> {
    Shown(T),
    Suppressed,
}

impl<T> From<Option<T>> for Published<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Published::Suppressed, Published::Shown)
    }
}

impl<T: Copy> Published<T> {
    /// The value, when shown.
    pub fn shown(self) -> Option<T> {
        match self {
            Published::Shown(value) => Some(value),
            Published::Suppressed => None,
        }
    }
}

/// A count of things or cases.
pub type Count = Published<u64>;

/// The figures of a bundle, from the reports dataset (`reports::dataset`) of its period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    /// Bodies (*Gremien*) by kind.
    pub bodies: ByKind,
    /// Meetings held in the period.
    pub meetings_held: Count,
    /// Entries of the attendance lists of the meetings held.
    pub attendance: Attendance,
    /// Fund applications and money, all funds together.
    pub funds: Funds,
    /// Residents' concerns (*Anliegen*) and the feedback to them.
    pub concerns: Concerns,
    /// Projects (*Maßnahmen*) running in the period.
    pub projects: Projects,
    /// The network's size at the period's end.
    pub network: Network,
}

/// Counts per catalogue key and their total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByKind {
    pub by_kind: Vec<Entry>,
    pub total: Count,
}

/// One catalogue key's count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// A stable key of the catalogue (a body kind, a field of action …); keys that are not
    /// are counted under [`OTHER_KEY`].
    pub key: String,
    pub count: Count,
}

/// Where a count under a key that is no stable key goes (the key could be anything).
pub const OTHER_KEY: &str = "sonstige";

/// Attendance entries by status, and all of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    pub present: Count,
    pub excused: Count,
    pub absent: Count,
    pub total: Count,
}

/// Fund applications received and approved, the sum approved, the payouts and their sum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funds {
    /// Applications submitted in the period.
    pub applications_received: Count,
    /// Approvals in the period.
    pub applications_approved: Count,
    /// The sum of those approvals, in cents (with its count).
    pub decided_cents: Published<i64>,
    /// Applications paid out to in the period.
    pub payouts: Count,
    /// The sum paid out in the period, in cents (with its count).
    pub paid_cents: Published<i64>,
}

/// Concerns received and answered, and the median days to the answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concerns {
    pub received: Count,
    pub answered: Count,
    /// Median days from receipt to the answer, of the concerns answered (with their count).
    pub median_days_to_feedback: Published<f64>,
}

/// Projects by field of action (*Handlungsfeld*) and by state, with their total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Projects {
    pub by_field_of_action: Vec<Entry>,
    pub by_state: Vec<Entry>,
    pub total: Count,
}

/// Organisations by kind, memberships and persons active at the period's end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    pub organisations: ByKind,
    pub memberships: Count,
    pub persons: Count,
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

    #[test]
    fn a_published_figure_is_its_value_or_null() {
        let shown: Count = Some(7).into();
        let hidden: Count = None.into();
        assert_eq!(serde_json::to_string(&[shown, hidden]).unwrap(), "[7,null]");
        let back: Vec<Count> = serde_json::from_str("[0,null]").unwrap();
        assert_eq!(back, [Published::Shown(0), Published::Suppressed]);
        assert_eq!(back[0].shown(), Some(0));
    }
}

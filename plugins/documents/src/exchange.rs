//! The figures of an exchange bundle (`schemas/exchange-bundle.schema.json`): what one site
//! sends a service centre about one municipality (or area) and period, and what the centre's
//! comparison across sites ([`crate::comparison`]) shows per site. Counts, sums of money,
//! medians of days and catalogue keys — nothing that can name a person. A small count is
//! suppressed at the site, before it leaves: `null` on the wire ([`Published::Suppressed`]),
//! and a sum or median goes with its count. The host builds these (its `federation`
//! module); a plugin only reads them.

use serde::{Deserialize, Serialize};

/// A figure that may be published, or `null` on the wire: too few cases, withheld so that
/// another small one cannot be worked out, or (a median) nothing measured.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Published<T> {
    /// The figure.
    Shown(T),
    /// Not published (`null`).
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

/// The figures of a bundle, from the site's report dataset of its period.
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
    /// The count of each key.
    pub by_kind: Vec<Entry>,
    /// All of them.
    pub total: Count,
}

/// One catalogue key's count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// A stable key of the catalogue (a body kind, a field of action …); keys that are not
    /// are counted under [`OTHER_KEY`].
    pub key: String,
    /// Its count.
    pub count: Count,
}

/// The count under `key` in `entries`: 0 when they do not list the key (nothing was counted
/// under it), else the entry's count, suppressed or shown.
pub fn count_of(entries: &[Entry], key: &str) -> Count {
    entries
        .iter()
        .find(|e| e.key == key)
        .map_or(Published::Shown(0), |e| e.count)
}

/// Where a count under a key that is no stable key goes (the key could be anything).
pub const OTHER_KEY: &str = "sonstige";

/// Attendance entries by status, and all of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// Present.
    pub present: Count,
    /// Excused.
    pub excused: Count,
    /// Absent without excuse.
    pub absent: Count,
    /// All entries.
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
    /// Concerns received in the period.
    pub received: Count,
    /// Concerns answered in the period.
    pub answered: Count,
    /// Median days from receipt to the answer, of the concerns answered (with their count).
    pub median_days_to_feedback: Published<f64>,
}

/// Projects by field of action (*Handlungsfeld*) and by state, with their total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Projects {
    /// Per field of action of the site's catalogue.
    pub by_field_of_action: Vec<Entry>,
    /// Per state (`geplant`, `laufend` …).
    pub by_state: Vec<Entry>,
    /// All projects.
    pub total: Count,
}

/// Organisations by kind, memberships and persons active at the period's end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Organisations by kind.
    pub organisations: ByKind,
    /// Memberships in bodies.
    pub memberships: Count,
    /// Persons.
    pub persons: Count,
}

#[cfg(test)]
mod tests {
    use super::*;

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

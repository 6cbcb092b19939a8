//! Builds a [`Bundle`] from a municipality's reports dataset: every count goes into one
//! [`Tally`] with the sums that hold between them, is suppressed there, and only then is
//! copied into the bundle — so no figure reaches the bundle around the suppression.

use std::collections::BTreeMap;
use std::num::NonZeroU64;

use quartier_documents::Dataset;

use super::bundle::{
    Attendance, Bundle, ByKind, Concerns, Count, Entry, FORMAT, Figures, Funds, Network, OTHER_KEY,
    Projects, Published, SiteId,
};
use super::period::ExchangePeriod;
use super::suppression::{Cell, Suppressed, Tally, Threshold};
use crate::keys::is_stable_key;

/// What a bundle is built from: the dataset of the period, and what the dataset does not
/// count — the applications paid out to in the period, the count the sum paid goes with.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    pub dataset: &'a Dataset,
    pub payouts: u64,
}

/// Who sends the bundle about which period, and its running number.
#[derive(Debug, Clone)]
pub struct Header {
    pub site: SiteId,
    pub period: ExchangePeriod,
    pub sequence: NonZeroU64,
}

/// Why no bundle was built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    /// The dataset covers other days than the bundle's period.
    #[error("Der Datensatz umfasst {found}, der Austausch aber {period}.")]
    OtherPeriod {
        period: ExchangePeriod,
        found: String,
    },
}

/// The bundle of `source` at `threshold`.
pub fn build(header: Header, source: &Source, threshold: Threshold) -> Result<Bundle, BuildError> {
    let dataset = source.dataset;
    let days = header.period.days().map(|p| p.document());
    if days.as_ref() != Some(&dataset.period) {
        return Err(BuildError::OtherPeriod {
            period: header.period,
            found: dataset.period_de(),
        });
    }
    let mut tally = Tally::default();
    let cells = Cells::count(&mut tally, source);
    let shown = tally.suppress(threshold);
    Ok(Bundle {
        format: FORMAT,
        site: header.site,
        municipality: dataset.municipality.clone(),
        area: dataset.area.clone(),
        period: header.period,
        sequence: header.sequence,
        threshold,
        figures: cells.publish(&shown, source),
    })
}

/// The cells of every count of the bundle.
struct Cells {
    bodies: Breakdown,
    meetings_held: Cell,
    attendance: [Cell; 4],
    received: Cell,
    approved: Cell,
    payouts: Cell,
    concerns_received: Cell,
    concerns_answered: Cell,
    fields: Breakdown,
    states: Breakdown,
    organisations: Breakdown,
    memberships: Cell,
    persons: Cell,
}

/// A breakdown by key and its total.
struct Breakdown {
    parts: Vec<(String, Cell)>,
    total: Cell,
}

impl Cells {
    fn count(tally: &mut Tally, source: &Source) -> Cells {
        let d = source.dataset;
        let a = &d.attendance;
        let attendance: Vec<Cell> = [a.present, a.excused, a.absent]
            .map(|n| tally.count(n))
            .to_vec();
        let attendance_total = tally.total(attendance.clone());
        let fields = Breakdown::of(tally, &d.projects_by_field_of_action);
        // The same projects by state: a second breakdown of the same total.
        let states = Breakdown::parts(tally, &d.projects.by_state);
        tally.group(fields.total, states.iter().map(|(_, c)| *c).collect());
        let funds = &d.funds;
        Cells {
            bodies: Breakdown::of(tally, &d.bodies_by_kind),
            meetings_held: tally.count(d.meetings_held),
            attendance: [
                attendance[0],
                attendance[1],
                attendance[2],
                attendance_total,
            ],
            received: tally.count(funds.iter().map(|f| f.applications_received).sum()),
            approved: tally.count(funds.iter().map(|f| f.applications_approved).sum()),
            payouts: tally.count(source.payouts),
            concerns_received: tally.count(d.concerns.received),
            concerns_answered: tally.count(d.concerns.answered),
            states: Breakdown {
                parts: states,
                total: fields.total,
            },
            fields,
            organisations: Breakdown::of(tally, &d.network.organisations_by_kind),
            memberships: tally.count(d.network.memberships),
            persons: tally.count(d.network.persons),
        }
    }

    fn publish(&self, shown: &Suppressed, source: &Source) -> Figures {
        let d = source.dataset;
        let count = |cell: Cell| Count::from(shown.count(cell));
        let decided: i64 = d.funds.iter().map(|f| f.decided_cents).sum();
        let paid: i64 = d.funds.iter().map(|f| f.paid_cents).sum();
        let median = d.concerns.median_days_to_feedback;
        let [present, excused, absent, total] = self.attendance;
        Figures {
            bodies: self.bodies.publish(shown),
            meetings_held: count(self.meetings_held),
            attendance: Attendance {
                present: count(present),
                excused: count(excused),
                absent: count(absent),
                total: count(total),
            },
            funds: Funds {
                applications_received: count(self.received),
                applications_approved: count(self.approved),
                decided_cents: shown.attached(self.approved, decided).into(),
                payouts: count(self.payouts),
                paid_cents: shown.attached(self.payouts, paid).into(),
            },
            concerns: Concerns {
                received: count(self.concerns_received),
                answered: count(self.concerns_answered),
                median_days_to_feedback: shown
                    .attached(self.concerns_answered, median)
                    .flatten()
                    .into(),
            },
            projects: Projects {
                by_field_of_action: self.fields.publish(shown).by_kind,
                by_state: self.states.publish(shown).by_kind,
                total: count(self.fields.total),
            },
            network: Network {
                organisations: self.organisations.publish(shown),
                memberships: count(self.memberships),
                persons: count(self.persons),
            },
        }
    }
}

impl Breakdown {
    /// The counts of `map` with their total.
    fn of(tally: &mut Tally, map: &BTreeMap<String, u64>) -> Breakdown {
        let parts = Breakdown::parts(tally, map);
        let total = tally.total(parts.iter().map(|(_, c)| *c).collect());
        Breakdown { parts, total }
    }

    /// The counts of `map`, keys that are no stable keys counted together under
    /// [`OTHER_KEY`] (a key of the site's data could be anything, and only keys may leave).
    fn parts(tally: &mut Tally, map: &BTreeMap<String, u64>) -> Vec<(String, Cell)> {
        let mut keyed: BTreeMap<&str, u64> = BTreeMap::new();
        for (key, n) in map {
            let key = if is_stable_key(key) {
                key.as_str()
            } else {
                OTHER_KEY
            };
            *keyed.entry(key).or_default() += n;
        }
        keyed
            .into_iter()
            .map(|(key, n)| (key.to_owned(), tally.count(n)))
            .collect()
    }

    fn publish(&self, shown: &Suppressed) -> ByKind {
        ByKind {
            by_kind: self
                .parts
                .iter()
                .map(|(key, cell)| Entry {
                    key: key.clone(),
                    count: shown.count(*cell).into(),
                })
                .collect(),
            total: Published::from(shown.count(self.total)),
        }
    }
}

#[cfg(test)]
mod tests;

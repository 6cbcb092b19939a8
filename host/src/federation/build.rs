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
mod tests {
    use quartier_documents::dataset::{Attendance as Present, Concerns as Asked, Fund};
    use serde_json::json;

    use super::*;
    use crate::federation::period::Half;

    fn map(entries: &[(&str, u64)]) -> BTreeMap<String, u64> {
        entries.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect()
    }

    fn header(period: ExchangePeriod) -> Header {
        Header {
            site: SiteId::try_from("musterstadt".to_owned()).unwrap(),
            period,
            sequence: NonZeroU64::new(3).unwrap(),
        }
    }

    fn dataset() -> Dataset {
        let fund = |received, approved, decided_cents, paid_cents| Fund {
            applications_received: received,
            applications_approved: approved,
            decided_cents,
            paid_cents,
            ..Fund::default()
        };
        let mut dataset = Dataset {
            municipality: "musterstadt".into(),
            area: Some("Nordstadt".into()),
            period: ExchangePeriod::Year(2026).days().unwrap().document(),
            bodies_by_kind: map(&[
                ("stadtteilkonferenz", 3),
                ("runder_tisch", 12),
                ("quartiersrat", 7),
            ]),
            meetings_held: 4,
            attendance: Present {
                present: 40,
                excused: 3,
                absent: 0,
            },
            funds: vec![fund(6, 3, 450_000, 120_000), fund(2, 1, 80_000, 0)],
            concerns: Asked {
                received: 25,
                answered: 4,
                median_days_to_feedback: Some(9.0),
                ..Asked::default()
            },
            projects_by_field_of_action: map(&[("wohnen", 6), ("bildung", 2)]),
            ..Dataset::default()
        };
        dataset.projects.by_state = map(&[("laufend", 5), ("geplant", 3)]);
        dataset.network.organisations_by_kind =
            map(&[("verein", 9), ("schule", 5), ("Frau Müllers Verein", 1)]);
        dataset.network.memberships = 30;
        dataset.network.persons = 21;
        dataset
    }

    #[test]
    fn a_hand_counted_year_is_published_as_expected() {
        let dataset = dataset();
        let source = Source {
            dataset: &dataset,
            payouts: 6,
        };
        let bundle = build(
            header(ExchangePeriod::Year(2026)),
            &source,
            Threshold::default(),
        )
        .unwrap();
        let entry = |key: &str, count: Option<u64>| json!({"key": key, "count": count});
        let expected = json!({
            "format": 1,
            "site": "musterstadt",
            "municipality": "musterstadt",
            "area": "Nordstadt",
            "period": "2026",
            "sequence": 3,
            "threshold": 5,
            "figures": {
                // 3 is small; 7, the smallest other, goes with it; 22 − 12 = 10 = 3 + 7.
                "bodies": {
                    "by_kind": [entry("quartiersrat", None), entry("runder_tisch", Some(12)), entry("stadtteilkonferenz", None)],
                    "total": 22
                },
                "meetings_held": null,
                // 3 excused is small; 40 present is the only other non-zero count.
                "attendance": {"present": null, "excused": null, "absent": 0, "total": 43},
                // 4 approvals (3 + 1) take their sum along; 6 payouts keep theirs.
                "funds": {
                    "applications_received": 8,
                    "applications_approved": null,
                    "decided_cents": null,
                    "payouts": 6,
                    "paid_cents": 120_000
                },
                // 4 answers: their count and their median stay home.
                "concerns": {"received": 25, "answered": null, "median_days_to_feedback": null},
                // By field 2 is small and takes 6; by state 3 is small and takes 5.
                "projects": {
                    "by_field_of_action": [entry("bildung", None), entry("wohnen", None)],
                    "by_state": [entry("geplant", None), entry("laufend", None)],
                    "total": 8
                },
                // A key that is no key is counted as `sonstige` (1, small; 5 goes with it).
                "network": {
                    "organisations": {
                        "by_kind": [entry("schule", None), entry("sonstige", None), entry("verein", Some(9))],
                        "total": 15
                    },
                    "memberships": 30,
                    "persons": 21
                }
            }
        });
        assert_eq!(serde_json::to_value(&bundle).unwrap(), expected);
        let back: Bundle = serde_json::from_value(expected).unwrap();
        assert_eq!(back, bundle, "a bundle reads back as it was written");
    }

    #[test]
    fn a_dataset_of_other_days_makes_no_bundle() {
        let dataset = dataset();
        let source = Source {
            dataset: &dataset,
            payouts: 0,
        };
        let half = ExchangePeriod::HalfYear(2026, Half::First);
        let refused = build(header(half), &source, Threshold::default()).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "Der Datensatz umfasst 01.01.2026–31.12.2026, der Austausch aber 2026-H1."
        );
    }
}

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

use quartier_documents::exchange::{
    Attendance, ByKind, Concerns, Count, Entry, Figures, Funds, Network, Projects, Published,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::*;

fn cell(rng: &mut StdRng) -> Count {
    if rng.gen_bool(0.2) {
        Published::Suppressed
    } else {
        Published::Shown(rng.gen_range(0..40))
    }
}

fn entries(rng: &mut StdRng, keys: &[&str]) -> Vec<Entry> {
    let mut listed = Vec::new();
    for key in keys {
        if rng.gen_bool(0.7) {
            listed.push(Entry {
                key: (*key).to_owned(),
                count: cell(rng),
            });
        }
    }
    listed
}

fn figures(rng: &mut StdRng) -> Figures {
    let kinds = ["stadtteilkonferenz", "runder_tisch", "jury"];
    let fields = ["wohnen", "bildung", "sonstige"];
    Figures {
        bodies: ByKind {
            by_kind: entries(rng, &kinds),
            total: cell(rng),
        },
        meetings_held: cell(rng),
        attendance: Attendance {
            present: cell(rng),
            excused: cell(rng),
            absent: cell(rng),
            total: cell(rng),
        },
        funds: Funds {
            applications_received: cell(rng),
            applications_approved: cell(rng),
            decided_cents: cell(rng).shown().map(|n| n as i64 * 10_000).into(),
            payouts: cell(rng),
            paid_cents: cell(rng).shown().map(|n| n as i64 * 7_000).into(),
        },
        concerns: Concerns {
            received: cell(rng),
            answered: cell(rng),
            median_days_to_feedback: Published::Shown(3.5),
        },
        projects: Projects {
            by_field_of_action: entries(rng, &fields),
            by_state: entries(rng, &["laufend"]),
            total: cell(rng),
        },
        network: Network {
            organisations: ByKind {
                by_kind: entries(rng, &kinds),
                total: cell(rng),
            },
            memberships: cell(rng),
            persons: cell(rng),
        },
    }
}

/// Every count of `f` with a path naming it, keys listed by `keys` (0 where missing).
fn cells(f: &Figures, keys: &Figures) -> Vec<(String, Option<f64>)> {
    let json = serde_json::to_value(f).unwrap();
    let mut out = Vec::new();
    flatten("", &json, &mut out);
    // Keys another site lists count as 0 here.
    let mut listed = Vec::new();
    flatten("", &serde_json::to_value(keys).unwrap(), &mut listed);
    for (path, _) in listed {
        if !out.iter().any(|(p, _)| *p == path) && path.contains("/by_") {
            out.push((path, Some(0.0)));
        }
    }
    out
}

fn flatten(path: &str, value: &serde_json::Value, out: &mut Vec<(String, Option<f64>)>) {
    match value {
        serde_json::Value::Object(map) if map.contains_key("key") => {
            let key = map["key"].as_str().unwrap();
            out.push((format!("{path}/{key}"), map["count"].as_f64()));
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                flatten(&format!("{path}/{k}"), v, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                flatten(path, item, out);
            }
        }
        other => out.push((path.to_owned(), other.as_f64())),
    }
}

#[test]
fn a_sum_is_shown_only_when_no_site_suppressed_a_part_of_it() {
    let mut rng = StdRng::seed_from_u64(12);
    let mut suppressed_sums = 0;
    for round in 0..500 {
        let sites: Vec<Figures> = (0..rng.gen_range(0..6))
            .map(|_| figures(&mut rng))
            .collect();
        let refs: Vec<&Figures> = sites.iter().collect();
        let total = totals(&refs);
        let all_cells: Vec<Vec<(String, Option<f64>)>> =
            sites.iter().map(|f| cells(f, &total)).collect();
        for (path, sum) in cells(&total, &total) {
            if path.contains("median") {
                assert_eq!(sum, None, "a median has no sum");
                continue;
            }
            let parts: Vec<Option<f64>> = all_cells
                .iter()
                .map(|site| site.iter().find(|(p, _)| *p == path).and_then(|(_, v)| *v))
                .collect();
            match sum {
                Some(sum) => {
                    assert!(
                        parts.iter().all(Option::is_some),
                        "round {round}: {path} is shown though a part is hidden"
                    );
                    let parts: f64 = parts.iter().flatten().sum();
                    assert_eq!(sum, parts, "round {round}: {path}");
                }
                None => {
                    suppressed_sums += 1;
                    assert!(
                        parts.iter().any(Option::is_none),
                        "round {round}: {path} is hidden though every part is shown"
                    );
                }
            }
        }
    }
    assert!(suppressed_sums > 1_000, "the test saw suppression");
}

#[test]
fn no_site_gives_zeros_and_a_key_a_site_lacks_counts_zero_there() {
    let none = totals(&[]);
    assert_eq!(none.meetings_held, Published::Shown(0));
    assert!(none.bodies.by_kind.is_empty());
    let mut rng = StdRng::seed_from_u64(1);
    let mut a = figures(&mut rng);
    a.bodies.by_kind = vec![Entry {
        key: "jury".into(),
        count: Published::Shown(6),
    }];
    let mut b = a.clone();
    b.bodies.by_kind = vec![];
    let sum = totals(&[&a, &b]);
    assert_eq!(sum.bodies.by_kind[0].count, Published::Shown(6));
    b.bodies.by_kind = vec![Entry {
        key: "jury".into(),
        count: Published::Suppressed,
    }];
    let sum = totals(&[&a, &b]);
    assert_eq!(sum.bodies.by_kind[0].count, Published::Suppressed);
}

//! Property tests of what leaves a site: over arbitrary datasets with many small counts, a
//! built bundle (a) shows no count from 1 to below the threshold, (b) lets no hidden count
//! be worked out from a total and the shown counts of its group, (c) validates against the
//! schema and (d) has no key the schema does not list.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use proptest::prelude::*;
use quartier_documents::Dataset;
use quartier_documents::dataset::{Attendance, Concerns, Fund, Network, Projects};
use serde_json::Value;

use super::build::{Header, Source, build};
use super::period::ExchangePeriod;
use super::schema::{BundleSchema, SCHEMA};
use super::suppression::Threshold;

/// Compiled once for all cases.
static SCHEMA_CHECK: LazyLock<BundleSchema> =
    LazyLock::new(|| BundleSchema::new().expect("the schema compiles"));

/// Counts as sites have them: mostly 0 to 10, now and then larger.
fn count() -> impl Strategy<Value = u64> {
    prop_oneof![4 => 0u64..=10, 1 => 0u64..=200]
}

/// Catalogue keys, one of them no stable key (it must be folded, not leak).
fn key() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "wohnen",
        "bildung",
        "verein",
        "kita",
        "laufend",
        "Frau Müller",
    ])
    .prop_map(str::to_owned)
}

fn counts_by_key() -> impl Strategy<Value = BTreeMap<String, u64>> {
    prop::collection::btree_map(key(), count(), 0..5)
}

fn fund() -> impl Strategy<Value = Fund> {
    (count(), count(), 0i64..5_000_000, 0i64..5_000_000).prop_map(
        |(received, approved, decided, paid)| Fund {
            applications_received: received,
            applications_approved: approved,
            decided_cents: decided,
            paid_cents: paid,
            ..Fund::default()
        },
    )
}

prop_compose! {
    fn dataset()(
        bodies in counts_by_key(),
        meetings in count(),
        attendance in prop::array::uniform3(count()),
        funds in prop::collection::vec(fund(), 0..3),
        concerns in (count(), count(), prop::option::of(0.0f64..60.0)),
        projects in prop::collection::vec((key(), key(), count()), 0..6),
        organisations in counts_by_key(),
        network in (count(), count()),
        municipality in prop::sample::select(vec!["musterstadt", "-9", "kreis-offenbach"]),
        area in prop::option::of(prop::sample::select(vec!["Nordstadt", "Süd-Ost"])),
    ) -> Dataset {
        // Projects by field and by state come from the same projects, as in the dataset.
        let mut by_field: BTreeMap<String, u64> = BTreeMap::new();
        let mut by_state: BTreeMap<String, u64> = BTreeMap::new();
        for (field, state, n) in projects {
            *by_field.entry(field).or_default() += n;
            *by_state.entry(state).or_default() += n;
        }
        Dataset {
            municipality: municipality.into(),
            area: area.map(str::to_owned),
            period: period().days().map(|p| p.document()).unwrap_or_default(),
            bodies_by_kind: bodies,
            meetings_held: meetings,
            attendance: Attendance { present: attendance[0], excused: attendance[1], absent: attendance[2] },
            funds,
            concerns: Concerns {
                received: concerns.0,
                answered: concerns.1,
                median_days_to_feedback: concerns.2,
                ..Concerns::default()
            },
            projects_by_field_of_action: by_field,
            projects: Projects { by_state, ..Projects::default() },
            network: Network {
                organisations_by_kind: organisations,
                memberships: network.0,
                persons: network.1,
                ..Network::default()
            },
            ..Dataset::default()
        }
    }
}

fn period() -> ExchangePeriod {
    ExchangePeriod::HalfYear(2026, super::period::Half::Second)
}

/// The JSON of the bundle of `dataset`.
fn published(dataset: &Dataset, payouts: u64, threshold: Threshold) -> Value {
    let header = Header {
        site: "musterstadt-qm".to_owned().try_into().expect("a site name"),
        period: period(),
        sequence: std::num::NonZeroU64::MIN,
    };
    let bundle = build(header, &Source { dataset, payouts }, threshold).expect("same period");
    serde_json::to_value(bundle).expect("a bundle is JSON")
}

/// Every count of `figures` with its key (`_cents` and medians are no counts).
fn counts<'a>(key: &str, value: &'a Value, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| counts(k, v, out)),
        Value::Array(items) => items.iter().for_each(|v| counts(key, v, out)),
        _ if key.ends_with("_cents") || key.starts_with("median") || key == "key" => {}
        _ => out.push(value),
    }
}

/// The groups of counts that add up to a total: in every object with a `total`, each list
/// of entries, and the plain counts beside it.
fn groups<'a>(value: &'a Value, out: &mut Vec<(&'a Value, Vec<&'a Value>)>) {
    match value {
        Value::Object(map) => {
            if let Some(total) = map.get("total") {
                let scalars: Vec<&Value> = map
                    .iter()
                    .filter(|(k, v)| *k != "total" && !v.is_array())
                    .map(|(_, v)| v)
                    .collect();
                if !scalars.is_empty() {
                    out.push((total, scalars));
                }
                for list in map.values().filter_map(Value::as_array) {
                    out.push((total, list.iter().map(|e| &e["count"]).collect()));
                }
            }
            map.values().for_each(|v| groups(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| groups(v, out)),
        _ => {}
    }
}

/// Whether every key of `value` is one `schema` lists, following `$ref`s into `$defs`.
fn only_listed_keys(value: &Value, schema: &Value, root: &Value) -> Result<(), String> {
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference
            .strip_prefix("#/$defs/")
            .and_then(|name| root["$defs"].get(name))
            .ok_or_else(|| format!("unknown $ref {reference}"))?,
        None => schema,
    };
    match value {
        Value::Object(map) => map.iter().try_for_each(|(key, v)| {
            let listed = schema["properties"]
                .get(key)
                .ok_or_else(|| format!("{key} is not in the schema"))?;
            only_listed_keys(v, listed, root)
        }),
        Value::Array(items) => items
            .iter()
            .try_for_each(|v| only_listed_keys(v, &schema["items"], root)),
        _ => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_small_or_recoverable_count_leaves_the_site(
        dataset in dataset(),
        payouts in count(),
        threshold in 5u64..=8,
    ) {
        let threshold = Threshold::new(threshold).expect("at least 5");
        let t = threshold.get();
        let bundle = published(&dataset, payouts, threshold);

        // (a) no small count
        let mut all = Vec::new();
        counts("", &bundle["figures"], &mut all);
        for n in all.iter().filter_map(|v| v.as_u64()) {
            prop_assert!(n == 0 || n >= t, "{n} shown at threshold {t}: {bundle}");
        }

        // (b) nothing recoverable from a total
        let mut sums = Vec::new();
        groups(&bundle["figures"], &mut sums);
        for (total, parts) in sums {
            let hidden = parts.iter().filter(|p| p.is_null()).count() as u64;
            let shown: u64 = parts.iter().filter_map(|p| p.as_u64()).sum();
            match total.as_u64() {
                Some(total) => prop_assert!(
                    hidden == 0 || (hidden >= 2 && total - shown >= t && total - shown > hidden),
                    "{hidden} hidden of {total} − {shown}: {bundle}"
                ),
                None => prop_assert!(hidden > 0, "a hidden total is the sum of its shown parts: {bundle}"),
            }
        }

        // money and medians only with a shown count
        let funds = &bundle["figures"]["funds"];
        prop_assert!(funds["decided_cents"].is_null() || funds["applications_approved"].as_u64() >= Some(t));
        prop_assert!(funds["paid_cents"].is_null() || funds["payouts"].as_u64() >= Some(t));
        let concerns = &bundle["figures"]["concerns"];
        prop_assert!(concerns["median_days_to_feedback"].is_null() || concerns["answered"].as_u64() >= Some(t));

        // (c) valid, (d) only listed keys
        prop_assert_eq!(SCHEMA_CHECK.violation(&bundle), None);
        let root: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
        prop_assert_eq!(only_listed_keys(&bundle, &root, &root), Ok(()));
    }
}

#[test]
fn the_key_walk_notices_a_key_the_schema_does_not_list() {
    let root: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    let dataset = Dataset {
        municipality: "musterstadt".into(),
        period: period().days().map(|p| p.document()).unwrap_or_default(),
        ..Dataset::default()
    };
    let mut bundle = published(&dataset, 0, Threshold::default());
    bundle["figures"]["bodies"]["by_kind"] =
        serde_json::json!([{"key": "a", "count": 0, "name": "x"}]);
    assert_eq!(
        only_listed_keys(&bundle, &root, &root),
        Err("name is not in the schema".into())
    );
}

//! `Comparison` against `comparison.schema.json`: suppressed cells stay `null` both ways.

use quartier_documents::Comparison;
use quartier_documents::comparison::{ComparisonKind, SiteFigures, VERSION};
use quartier_documents::dataset::Period;
use quartier_documents::exchange::{
    Attendance, ByKind, Concerns, Entry, Figures, Funds, Network, Projects, Published,
};
use serde_json::json;

use super::{assert_deserializes_valid, assert_refused, assert_serializes_valid};

const SCHEMA: &str = "comparison";

fn figures(meetings: Option<u64>) -> Figures {
    let hidden = Published::Suppressed;
    Figures {
        bodies: ByKind {
            by_kind: vec![Entry {
                key: "stadtteilkonferenz".into(),
                count: Published::Shown(6),
            }],
            total: Published::Shown(6),
        },
        meetings_held: meetings.into(),
        attendance: Attendance {
            present: Published::Shown(40),
            excused: hidden,
            absent: hidden,
            total: Published::Shown(49),
        },
        funds: Funds {
            applications_received: Published::Shown(12),
            applications_approved: Published::Shown(9),
            decided_cents: Published::Shown(1_250_000),
            payouts: hidden,
            paid_cents: Published::Suppressed,
        },
        concerns: Concerns {
            received: Published::Shown(30),
            answered: Published::Shown(25),
            median_days_to_feedback: Published::Shown(4.5),
        },
        projects: Projects {
            by_field_of_action: vec![],
            by_state: vec![],
            total: Published::Shown(0),
        },
        network: Network {
            organisations: ByKind {
                by_kind: vec![],
                total: hidden,
            },
            memberships: Published::Shown(70),
            persons: Published::Shown(55),
        },
    }
}

fn comparison() -> Comparison {
    Comparison {
        version: VERSION,
        kind: ComparisonKind::Standortvergleich,
        centre: "servicestelle".into(),
        centre_name: "Servicestelle HEGISS".into(),
        exchange_period: "2026-H1".into(),
        period: Period {
            from: "2026-01-01".into(),
            to: "2026-06-30".into(),
        },
        sites: vec![SiteFigures {
            site: "aachen".into(),
            municipality: "aachen".into(),
            area: None,
            sequence: 3,
            threshold: 5,
            figures: figures(None),
        }],
        totals: figures(None),
    }
}

#[test]
fn a_comparison_matches_its_schema_and_reads_back() {
    let document = assert_serializes_valid(SCHEMA, &comparison());
    assert_eq!(
        document["sites"][0]["figures"]["meetings_held"],
        json!(null)
    );
    assert!(Comparison::is_comparison(&document));
    let back: Comparison = assert_deserializes_valid(SCHEMA, document);
    assert_eq!(back, comparison());
}

#[test]
fn the_schema_refuses_a_suppressed_cell_shown_as_text_and_unknown_fields() {
    let mut document = serde_json::to_value(comparison()).unwrap();
    document["sites"][0]["figures"]["meetings_held"] = json!("unterdrückt");
    assert_refused(SCHEMA, &document);
    let mut document = serde_json::to_value(comparison()).unwrap();
    document["sites"][0]["name_of_manager"] = json!("Erika Mustermann");
    assert_refused(SCHEMA, &document);
    let mut document = serde_json::to_value(comparison()).unwrap();
    document["kind"] = json!("jahresbericht");
    assert_refused(SCHEMA, &document);
}

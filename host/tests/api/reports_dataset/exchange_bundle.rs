//! The exchange bundle (`federation`) of the small municipality of `town.rs`: read from the
//! database like the dataset, with the payouts the dataset does not count, and published
//! with every count below 5 suppressed — counted by hand from the figures the dataset test
//! checks.

use quartier::db::Id;
use quartier::federation::build::{Header, build};
use quartier::federation::period::ExchangePeriod;
use quartier::federation::schema::BundleSchema;
use quartier::federation::source;
use quartier::federation::suppression::Threshold;
use quartier::reports::scope::ReportArea;
use quartier::reports::{Period, ReportKind, ReportScope};
use serde_json::json;

use super::town;
use crate::support::TestApp;

crate::tests![
    a_small_towns_year_leaves_with_its_small_counts_suppressed,
    payouts_are_counted_in_the_period_and_the_area,
];

fn scope(app: &TestApp, year: i32, area: Option<(&str, &str)>) -> ReportScope {
    ReportScope {
        municipality: app.a.id,
        slug: app.a.slug.clone(),
        name: "Stadt Aachen".into(),
        qm_model: None,
        kind: ReportKind::Jahresbericht,
        period: Period::year(year).unwrap(),
        area: area.map(|(id, name)| ReportArea {
            id: id.parse::<Id>().unwrap(),
            name: name.into(),
        }),
    }
}

async fn a_small_towns_year_leaves_with_its_small_counts_suppressed(app: TestApp) {
    town::build(&app).await;
    let loaded = source::load(&app.db, &scope(&app, 2025, None))
        .await
        .unwrap();
    let header = Header {
        site: "aachen".to_owned().try_into().unwrap(),
        period: ExchangePeriod::Year(2025),
        sequence: std::num::NonZeroU64::MIN,
    };
    let bundle = build(header, &loaded.source(), Threshold::default()).unwrap();
    let bundle = serde_json::to_value(bundle).unwrap();
    assert_eq!(BundleSchema::new().unwrap().violation(&bundle), None);
    let hidden = |key: &str| json!({"key": key, "count": null});
    assert_eq!(
        bundle,
        json!({
            "format": 1, "site": "aachen", "municipality": "aachen", "area": null,
            "period": "2025", "sequence": 1, "threshold": 5,
            "figures": {
                // Four bodies (1, 1, 2): every count small, the total too.
                "bodies": {
                    "by_kind": [hidden("lenkungsgruppe"), hidden("runder_tisch"), hidden("stadtteilkonferenz")],
                    "total": null
                },
                "meetings_held": null,
                // 7 present, 1 excused, 1 absent: the two small ones sum to 2, so 7 goes too.
                "attendance": {"present": null, "excused": null, "absent": null, "total": 9},
                // Nord's 7 and Süd's 1 received; 4 + 1 approved for 145,000 + 50,000 cents;
                // two payouts (Sommerfest, Kinderflohmarkt) and their 100,000 cents stay home.
                "funds": {
                    "applications_received": 8, "applications_approved": 5,
                    "decided_cents": 195_000, "payouts": null, "paid_cents": null
                },
                "concerns": {"received": 8, "answered": 8, "median_days_to_feedback": 5.0},
                "projects": {
                    "by_field_of_action": [hidden("bildung"), hidden("wohnumfeld")],
                    "by_state": [hidden("idee"), hidden("umsetzung")],
                    "total": null
                },
                "network": {
                    "organisations": {
                        "by_kind": [hidden("traeger_wohlfahrtspflege"), hidden("verein")],
                        "total": null
                    },
                    "memberships": 6,
                    "persons": null
                }
            }
        })
    );
}

async fn payouts_are_counted_in_the_period_and_the_area(app: TestApp) {
    let town = town::build(&app).await;
    let payouts = |scope: ReportScope| {
        let db = app.db.clone();
        async move { source::load(&db, &scope).await.unwrap().payouts }
    };
    // Sommerfest (March) and Kinderflohmarkt (May), both from Nord's fund.
    assert_eq!(payouts(scope(&app, 2025, None)).await, 2);
    assert_eq!(payouts(scope(&app, 2024, None)).await, 0);
    let nord = scope(&app, 2025, Some((&town.nord, "Nord")));
    assert_eq!(payouts(nord).await, 2);
    let sued = scope(&app, 2025, Some((&town.sued, "Süd")));
    assert_eq!(payouts(sued).await, 0);
}

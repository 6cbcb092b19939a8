//! Who holds a plugin's route step: the political bodies that decide funds in practice
//! (here a Bezirksvertretung) are found in the fund's district, and a step whose kind the
//! municipality has no body of stays without a body for staff to carry.

use serde_json::{Value, json};

use crate::funds::{body, form, fund, id, to};
use crate::support::{Tenant, TestApp};

crate::tests![
    a_plugin_step_by_bezirksvertretung_goes_to_the_council_of_the_funds_district,
    without_a_bezirksvertretung_the_step_stays_without_a_body_and_staff_decide,
];

async fn area(app: &TestApp, t: &Tenant, kind: &str, name: &str, parent: Option<&str>) -> String {
    id(app
        .post(
            &t.api("/areas"),
            Some(&t.coordinator),
            json!({"kind": kind, "name": name, "parent_id": parent}),
        )
        .await)
}

async fn body_in(app: &TestApp, t: &Tenant, kind: &str, name: &str, area: &str) -> String {
    id(app
        .post(
            &t.api("/bodies"),
            Some(&t.coordinator),
            json!({"kind": kind, "name": name, "area_id": area, "public": true}),
        )
        .await)
}

/// A Stadtteilfonds of A in `area`; the sample plugin routes it to the Stadtteilkonferenz
/// (advice) and the Bezirksvertretung (decision).
async fn stadtteilfonds(app: &TestApp, area: &str) -> String {
    fund(
        app,
        &app.a,
        json!({"kind": "stadtteilfonds", "name": "Stadtteilfonds Nordstadt", "year": 2027,
        "area_id": area, "budget_cents": 2_000_000, "cap_cents": 500_000}),
    )
    .await
}

async fn apply(app: &TestApp, fund: &str) -> Value {
    app.post(
        &app.a.api(&format!("/funds/{fund}/applications")),
        Some(&app.a.qm),
        form("Hoffest in der Nordstadt", 250_000),
    )
    .await
    .expect(201)
    .json
}

async fn a_plugin_step_by_bezirksvertretung_goes_to_the_council_of_the_funds_district(
    app: TestApp,
) {
    let a = &app.a;
    app.activate_plugin(a, "quartier_sample_plugin").await;
    let innenstadt = area(&app, a, "stadtbezirk", "Innenstadt", None).await;
    let sued = area(&app, a, "stadtbezirk", "Süd", None).await;
    let nordstadt = area(&app, a, "qm_gebiet", "Nordstadt", Some(&innenstadt)).await;
    // The other district's council exists first: the oldest body of a kind no longer wins.
    body_in(&app, a, "bezirksvertretung", "Bezirksvertretung Süd", &sued).await;
    let bv = body_in(
        &app,
        a,
        "bezirksvertretung",
        "Bezirksvertretung Innenstadt",
        &innenstadt,
    )
    .await;
    let konferenz = body(
        &app,
        a,
        "stadtteilkonferenz",
        "Stadtteilkonferenz Nordstadt",
    )
    .await;
    let fund = stadtteilfonds(&app, &nordstadt).await;

    let created = apply(&app, &fund).await;

    assert_eq!(created["routing_source"], "plugin");
    assert_eq!(
        created["steps"],
        json!([{"action": "advise", "by": "stadtteilkonferenz", "body_id": konferenz},
               {"action": "decide", "by": "bezirksvertretung", "body_id": bv}])
    );
    // The kind is listed with its German label for the body form.
    let listed = app
        .get(&a.api("/bodies?kind=bezirksvertretung"), Some(&a.qm))
        .await
        .expect(200);
    assert_eq!(listed.json["total"], 2);
}

async fn without_a_bezirksvertretung_the_step_stays_without_a_body_and_staff_decide(app: TestApp) {
    let a = &app.a;
    app.activate_plugin(a, "quartier_sample_plugin").await;
    let innenstadt = area(&app, a, "stadtbezirk", "Innenstadt", None).await;
    let sued = area(&app, a, "stadtbezirk", "Süd", None).await;
    // Only another district has a council, and A's jury user sits in it.
    let other = body_in(&app, a, "bezirksvertretung", "Bezirksvertretung Süd", &sued).await;
    app.post(
        &a.api(&format!("/bodies/{other}/memberships")),
        Some(&a.coordinator),
        json!({"organisation_id": a.member_org, "role": "mitglied", "voting_right": true}),
    )
    .await
    .expect(201);
    let fund = stadtteilfonds(&app, &innenstadt).await;

    let created = apply(&app, &fund).await;
    let second = apply(&app, &fund).await;

    assert_eq!(created["routing_source"], "plugin");
    assert_eq!(created["review_state"], "geprueft");
    assert_eq!(
        created["steps"][1],
        json!({"action": "decide", "by": "bezirksvertretung", "body_id": null})
    );
    let id = created["id"].as_str().unwrap().to_owned();
    to(&app, a, &a.qm, &id, json!({"to": "in_pruefung"}))
        .await
        .expect(200);
    to(
        &app,
        a,
        &a.qm,
        &id,
        json!({"to": "beraten", "recommendation": "empfohlen"}),
    )
    .await
    .expect(200);
    // No jury holds the step: the other district's jury user does not even see it …
    let refused = to(&app, a, &a.jury, &id, json!({"to": "bewilligt"}))
        .await
        .expect(404);
    assert_eq!(refused.code(), "not_found");
    // … staff record the council's decision.
    let decided = to(
        &app,
        a,
        &a.qm,
        &id,
        json!({"to": "bewilligt", "reason": "Beschluss der Bezirksvertretung."}),
    )
    .await
    .expect(200);
    assert_eq!(decided.json["state"], "bewilligt");
    // Once the council of the fund's district is entered, a recheck gives the step its body.
    let bv = body_in(
        &app,
        a,
        "bezirksvertretung",
        "Bezirksvertretung Innenstadt",
        &innenstadt,
    )
    .await;
    let second = second["id"].as_str().unwrap();
    let rechecked = app
        .post(
            &a.api(&format!("/fund-applications/{second}/recheck")),
            Some(&a.qm),
            Value::Null,
        )
        .await
        .expect(200);
    assert_eq!(rechecked.json["steps"][1]["body_id"], json!(bv));
}

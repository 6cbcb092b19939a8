//! Areas: the tree per municipality, readable by everyone, kept free of loops and only
//! deleted when nothing refers to it.

use serde_json::{Value, json};

use crate::support::{Tenant, TestApp};

crate::tests![
    staff_build_an_area_tree_that_anonymous_callers_can_read,
    areas_are_listed_by_name_and_filtered_by_parent_and_kind,
    an_area_cannot_be_moved_below_itself_or_its_descendants,
    a_parent_area_must_belong_to_the_same_municipality,
    deleting_an_area_that_is_still_used_is_refused_with_409,
    editing_an_area_needs_the_current_version_in_if_match,
    a_member_cannot_create_areas_and_an_anonymous_caller_must_sign_in,
    an_area_of_another_municipality_answers_404,
    an_implausible_population_is_refused,
    two_concurrent_moves_cannot_close_a_loop_between_two_areas,
];

pub fn area(kind: &str, name: &str, parent: Option<&str>) -> Value {
    json!({"kind": kind, "name": name, "parent_id": parent, "population": 4200})
}

/// Creates an area as the tenant's neighbourhood manager and returns its id.
pub async fn create(app: &TestApp, tenant: &Tenant, input: Value) -> String {
    let reply = app
        .post(&tenant.api("/areas"), Some(&tenant.qm), input)
        .await
        .expect(201);
    reply.json["id"].as_str().unwrap().to_owned()
}

async fn staff_build_an_area_tree_that_anonymous_callers_can_read(app: TestApp) {
    let mitte = create(&app, &app.a, area("sozialraum", "Aachen-Mitte", None)).await;
    let created = app
        .post(
            &app.a.api("/areas"),
            Some(&app.a.coordinator),
            area("lebensraum", "Suermondtviertel", Some(&mitte)),
        )
        .await
        .expect(201);
    assert_eq!(created.etag(), "\"1\"");
    let id = created.json["id"].as_str().unwrap();
    let read = app
        .get(&app.a.api(&format!("/areas/{id}")), None)
        .await
        .expect(200);
    assert_eq!(read.etag(), "\"1\"");
    assert_eq!(read.json["name"], "Suermondtviertel");
    assert_eq!(read.json["kind"], "lebensraum");
    assert_eq!(read.json["parent_id"], mitte.as_str());
    assert_eq!(read.json["population"], 4200);
}

async fn areas_are_listed_by_name_and_filtered_by_parent_and_kind(app: TestApp) {
    let mitte = create(&app, &app.a, area("sozialraum", "Mitte", None)).await;
    create(
        &app,
        &app.a,
        area("lebensraum", "Zeppelinstraße", Some(&mitte)),
    )
    .await;
    create(
        &app,
        &app.a,
        area("lebensraum", "Kaiserplatz", Some(&mitte)),
    )
    .await;
    create(&app, &app.a, area("sozialraum", "Brand", None)).await;
    create(&app, &app.b, area("qm_gebiet", "Soldiner Straße", None)).await;
    let all = app.get(&app.a.api("/areas"), None).await.expect(200);
    assert_eq!(all.json["total"], 4, "only Aachen's areas");
    let names: Vec<&str> = all.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Brand", "Kaiserplatz", "Mitte", "Zeppelinstraße"]);
    let children = app
        .get(&app.a.api(&format!("/areas?parent_id={mitte}")), None)
        .await
        .expect(200);
    assert_eq!(children.json["total"], 2);
    assert_eq!(children.json["items"][0]["name"], "Kaiserplatz");
    let kind = app
        .get(&app.a.api("/areas?kind=sozialraum&limit=1"), None)
        .await
        .expect(200);
    assert_eq!(kind.json["total"], 2);
    assert_eq!(kind.json["items"].as_array().unwrap().len(), 1);
    assert_eq!(kind.json["items"][0]["name"], "Brand");
}

async fn an_area_cannot_be_moved_below_itself_or_its_descendants(app: TestApp) {
    let city = create(&app, &app.a, area("stadt", "Aachen", None)).await;
    let district = create(&app, &app.a, area("sozialraum", "Ost", Some(&city))).await;
    let quarter = create(
        &app,
        &app.a,
        area("lebensraum", "Rothe Erde", Some(&district)),
    )
    .await;
    let path = app.a.api(&format!("/areas/{city}"));
    for parent in [&quarter, &district, &city] {
        let reply = app
            .put(
                &path,
                Some(&app.a.qm),
                Some("\"1\""),
                area("stadt", "Aachen", Some(parent)),
            )
            .await
            .expect(422);
        assert_eq!(reply.json["errors"][0]["pointer"], "/parent_id");
    }
    let read = app.get(&path, None).await.expect(200);
    assert_eq!(read.json["parent_id"], Value::Null, "nothing was changed");
    assert_eq!(read.etag(), "\"1\"");
    // Moving a leaf elsewhere in the tree is fine.
    app.put(
        &app.a.api(&format!("/areas/{quarter}")),
        Some(&app.a.qm),
        Some("\"1\""),
        area("lebensraum", "Rothe Erde", Some(&city)),
    )
    .await
    .expect(200);
}

async fn a_parent_area_must_belong_to_the_same_municipality(app: TestApp) {
    let berlin = create(&app, &app.b, area("qm_gebiet", "Sparrplatz", None)).await;
    let reply = app
        .post(
            &app.a.api("/areas"),
            Some(&app.a.qm),
            area("lebensraum", "Driescher Hof", Some(&berlin)),
        )
        .await
        .expect(422);
    assert_eq!(reply.json["errors"][0]["pointer"], "/parent_id");
    assert_eq!(reply.json["errors"][0]["code"], "reference_missing");
}

async fn deleting_an_area_that_is_still_used_is_refused_with_409(app: TestApp) {
    let parent = create(&app, &app.a, area("sozialraum", "Nord", None)).await;
    let child = create(&app, &app.a, area("lebensraum", "Soers", Some(&parent))).await;
    let with_body = create(&app, &app.a, area("sozialraum", "West", None)).await;
    let with_org = create(&app, &app.a, area("sozialraum", "Süd", None)).await;
    app.post(
        &app.a.api("/bodies"),
        Some(&app.a.qm),
        json!({"kind": "stadtteilkonferenz", "name": "Stadtteilkonferenz West",
               "area_id": with_body}),
    )
    .await
    .expect(201);
    app.post(
        "/api/v1/organisations",
        Some(&app.a.qm),
        json!({"kind": "verein", "name": "Bürgerverein Süd", "area_ids": [with_org]}),
    )
    .await
    .expect(201);
    for used in [&parent, &with_body, &with_org] {
        let reply = app
            .delete(
                &app.a.api(&format!("/areas/{used}")),
                Some(&app.a.coordinator),
            )
            .await
            .expect(409);
        assert_eq!(reply.code(), "in_use");
        app.get(&app.a.api(&format!("/areas/{used}")), None)
            .await
            .expect(200);
    }
    let path = app.a.api(&format!("/areas/{child}"));
    app.delete(&path, Some(&app.a.member)).await.expect(403);
    app.delete(&path, Some(&app.a.qm)).await.expect(204);
    app.get(&path, None).await.expect(404);
    app.delete(&app.a.api(&format!("/areas/{parent}")), Some(&app.a.qm))
        .await
        .expect(204);
}

async fn editing_an_area_needs_the_current_version_in_if_match(app: TestApp) {
    let id = create(&app, &app.a, area("quartier", "Ostviertel", None)).await;
    let path = app.a.api(&format!("/areas/{id}"));
    let missing = app
        .put(
            &path,
            Some(&app.a.qm),
            None,
            area("quartier", "Ostviertel 2", None),
        )
        .await
        .expect(428);
    assert_eq!(missing.code(), "precondition_required");
    let updated = app
        .put(
            &path,
            Some(&app.a.qm),
            Some("\"1\""),
            area("quartier", "Ostviertel-Nord", None),
        )
        .await
        .expect(200);
    assert_eq!(updated.etag(), "\"2\"");
    let stale = app
        .put(
            &path,
            Some(&app.a.coordinator),
            Some("\"1\""),
            area("quartier", "Ostviertel-Süd", None),
        )
        .await
        .expect(412);
    assert_eq!(stale.code(), "precondition_failed");
    let read = app.get(&path, None).await.expect(200);
    assert_eq!(read.json["name"], "Ostviertel-Nord");
}

async fn a_member_cannot_create_areas_and_an_anonymous_caller_must_sign_in(app: TestApp) {
    let input = area("quartier", "Hinterhof", None);
    let member = app
        .post(&app.a.api("/areas"), Some(&app.a.member), input.clone())
        .await
        .expect(403);
    assert_eq!(member.code(), "forbidden");
    let anonymous = app
        .post(&app.a.api("/areas"), None, input.clone())
        .await
        .expect(401);
    assert_eq!(anonymous.code(), "unauthenticated");
    // Staff of another municipality are outsiders here.
    app.post(&app.a.api("/areas"), Some(&app.b.coordinator), input)
        .await
        .expect(403);
    let list = app.get(&app.a.api("/areas"), None).await.expect(200);
    assert_eq!(list.json["total"], 0);
}

async fn an_area_of_another_municipality_answers_404(app: TestApp) {
    let id = create(&app, &app.b, area("qm_gebiet", "Brunnenviertel", None)).await;
    let foreign = app
        .get(
            &app.a.api(&format!("/areas/{id}")),
            Some(&app.a.coordinator),
        )
        .await
        .expect(404);
    let missing = app
        .get(
            &app.a.api(&format!("/areas/{}", uuid::Uuid::now_v7())),
            Some(&app.a.coordinator),
        )
        .await
        .expect(404);
    assert_eq!(foreign.text, missing.text);
    app.put(
        &app.a.api(&format!("/areas/{id}")),
        Some(&app.a.coordinator),
        Some("\"1\""),
        area("qm_gebiet", "Übernommen", None),
    )
    .await
    .expect(404);
    app.delete(
        &app.a.api(&format!("/areas/{id}")),
        Some(&app.a.coordinator),
    )
    .await
    .expect(404);
    app.get(&app.b.api(&format!("/areas/{id}")), None)
        .await
        .expect(200);
}

async fn an_implausible_population_is_refused(app: TestApp) {
    for population in [-1, 10_000_001] {
        let reply = app
            .post(
                &app.a.api("/areas"),
                Some(&app.a.qm),
                json!({"kind": "stadt", "name": "Aachen", "population": population}),
            )
            .await
            .expect(422);
        assert_eq!(reply.json["errors"][0]["pointer"], "/population");
    }
    app.post(
        &app.a.api("/areas"),
        Some(&app.a.qm),
        json!({"kind": "stadt", "name": "Berlin", "population": 10_000_000}),
    )
    .await
    .expect(201);
}

async fn two_concurrent_moves_cannot_close_a_loop_between_two_areas(app: TestApp) {
    // Each edit alone is fine; together they would make each area the other's parent.
    for round in 0..5 {
        let left = create(
            &app,
            &app.a,
            area("quartier", &format!("Links {round}"), None),
        )
        .await;
        let right = create(
            &app,
            &app.a,
            area("quartier", &format!("Rechts {round}"), None),
        )
        .await;
        let (left_path, right_path) = (
            app.a.api(&format!("/areas/{left}")),
            app.a.api(&format!("/areas/{right}")),
        );
        let (first, second) = tokio::join!(
            app.put(
                &left_path,
                Some(&app.a.qm),
                Some("\"1\""),
                area("quartier", "Links", Some(&right)),
            ),
            app.put(
                &right_path,
                Some(&app.a.coordinator),
                Some("\"1\""),
                area("quartier", "Rechts", Some(&left)),
            ),
        );
        let mut statuses = [first.status, second.status];
        statuses.sort();
        assert!(
            statuses == [200, 412] || statuses == [200, 422],
            "{statuses:?}: {} / {}",
            first.text,
            second.text
        );
        let left = app.get(&left_path, None).await.expect(200);
        let right = app.get(&right_path, None).await.expect(200);
        assert!(
            left.json["parent_id"].is_null() || right.json["parent_id"].is_null(),
            "no loop was stored"
        );
    }
}

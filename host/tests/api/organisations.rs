//! Organisations: host-wide, readable by everyone, maintained by staff of any municipality,
//! with areas of activity, an umbrella organisation and protection against deleting one
//! that is still referred to.

use serde_json::{Value, json};

use crate::support::TestApp;

crate::tests![
    staff_create_an_organisation_with_areas_and_everyone_reads_it,
    an_organisation_is_shared_by_both_municipalities,
    organisations_are_found_by_kind_name_and_area,
    an_organisation_cannot_be_placed_below_itself_or_its_members,
    editing_an_organisation_needs_the_current_version_in_if_match,
    members_cannot_create_organisations_and_anonymous_callers_must_sign_in,
    an_organisation_still_referred_to_cannot_be_deleted,
    only_the_coordination_may_delete_an_organisation,
    unknown_areas_and_implausible_contact_details_are_refused,
    organisation_changes_are_audited_without_a_municipality,
    two_concurrent_edits_cannot_make_two_organisations_each_others_parent,
];

pub fn organisation(name: &str, kind: &str) -> Value {
    json!({"name": name, "kind": kind, "email": "info@example.org",
           "website": "https://example.org", "phone": "0241 12345",
           "address": "Marktplatz 1\n52062 Aachen"})
}

async fn create(app: &TestApp, token: &str, input: Value) -> String {
    let reply = app
        .post("/api/v1/organisations", Some(token), input)
        .await
        .expect(201);
    reply.json["id"].as_str().unwrap().to_owned()
}

async fn area(app: &TestApp, name: &str) -> String {
    let reply = app
        .post(
            &app.a.api("/areas"),
            Some(&app.a.qm),
            json!({"kind": "sozialraum", "name": name}),
        )
        .await
        .expect(201);
    reply.json["id"].as_str().unwrap().to_owned()
}

async fn staff_create_an_organisation_with_areas_and_everyone_reads_it(app: TestApp) {
    let ost = area(&app, "Ost").await;
    let mut input = organisation("Caritas Aachen", "traeger_wohlfahrtspflege");
    input["area_ids"] = json!([ost, ost]);
    input["parent_id"] = json!(app.a.member_org);
    let created = app
        .post("/api/v1/organisations", Some(&app.a.qm), input)
        .await
        .expect(201);
    assert_eq!(created.etag(), "\"1\"");
    let id = created.json["id"].as_str().unwrap();
    let read = app
        .get(&format!("/api/v1/organisations/{id}"), None)
        .await
        .expect(200);
    assert_eq!(read.etag(), "\"1\"");
    assert_eq!(read.json["name"], "Caritas Aachen");
    assert_eq!(read.json["kind"], "traeger_wohlfahrtspflege");
    assert_eq!(read.json["email"], "info@example.org");
    assert_eq!(read.json["address"], "Marktplatz 1\n52062 Aachen");
    assert_eq!(read.json["parent_id"], json!(app.a.member_org));
    assert_eq!(
        read.json["area_ids"],
        json!([ost]),
        "repeated areas count once"
    );
}

async fn an_organisation_is_shared_by_both_municipalities(app: TestApp) {
    let id = create(
        &app,
        &app.a.qm,
        organisation("Diakonie", "traeger_wohlfahrtspflege"),
    )
    .await;
    let path = format!("/api/v1/organisations/{id}");
    let list = app.get("/api/v1/organisations", None).await.expect(200);
    assert_eq!(
        list.json["total"], 3,
        "the two test organisations and the new one"
    );
    // Berlin's coordination edits what Aachen's neighbourhood manager created.
    let updated = app
        .put(
            &path,
            Some(&app.b.coordinator),
            Some("\"1\""),
            organisation("Diakonie Deutschland", "traeger_wohlfahrtspflege"),
        )
        .await
        .expect(200);
    assert_eq!(updated.json["name"], "Diakonie Deutschland");
    for token in [Some(app.a.member.as_str()), Some(app.b.jury.as_str()), None] {
        let read = app.get(&path, token).await.expect(200);
        assert_eq!(read.json["name"], "Diakonie Deutschland");
    }
    // Its areas of activity may lie in both municipalities.
    let aachen = area(&app, "Ost").await;
    let berlin = app
        .post(
            &app.b.api("/areas"),
            Some(&app.b.qm),
            json!({"kind": "qm_gebiet", "name": "Sparrplatz"}),
        )
        .await
        .expect(201);
    let mut input = organisation("Diakonie Deutschland", "traeger_wohlfahrtspflege");
    input["area_ids"] = json!([aachen, berlin.json["id"]]);
    let both = app
        .put(&path, Some(&app.b.qm), Some("\"2\""), input)
        .await
        .expect(200);
    assert_eq!(both.json["area_ids"].as_array().unwrap().len(), 2);
    let berlin = berlin.json["id"].as_str().unwrap().to_owned();
    for area_id in [aachen, berlin] {
        let found = app
            .get(&format!("/api/v1/organisations?area_id={area_id}"), None)
            .await
            .expect(200);
        assert_eq!(found.json["total"], 1);
        assert_eq!(found.json["items"][0]["id"], id.as_str());
    }
}

async fn organisations_are_found_by_kind_name_and_area(app: TestApp) {
    let ost = area(&app, "Ost").await;
    let mut school = organisation("Grundschule Am Höfling", "schule");
    school["area_ids"] = json!([ost]);
    create(&app, &app.a.qm, school).await;
    create(&app, &app.a.qm, organisation("Kita Sonnenschein", "kita")).await;
    create(&app, &app.b.qm, organisation("Kita 100% Wedding", "kita")).await;
    let kitas = app
        .get("/api/v1/organisations?kind=kita", None)
        .await
        .expect(200);
    assert_eq!(kitas.json["total"], 2);
    assert_eq!(kitas.json["items"][0]["name"], "Kita 100% Wedding");
    let by_name = app
        .get("/api/v1/organisations?q=SONNEN", None)
        .await
        .expect(200);
    assert_eq!(by_name.json["total"], 1);
    assert_eq!(by_name.json["items"][0]["name"], "Kita Sonnenschein");
    // Wildcards in the search text are taken literally.
    let literal = app
        .get("/api/v1/organisations?q=100%25", None)
        .await
        .expect(200);
    assert_eq!(literal.json["total"], 1);
    let none = app
        .get("/api/v1/organisations?q=%25_", None)
        .await
        .expect(200);
    assert_eq!(none.json["total"], 0);
    let in_area = app
        .get(&format!("/api/v1/organisations?area_id={ost}"), None)
        .await
        .expect(200);
    assert_eq!(in_area.json["total"], 1);
    assert_eq!(in_area.json["items"][0]["name"], "Grundschule Am Höfling");
    let bad = app
        .get("/api/v1/organisations?kind=raumschiff", None)
        .await
        .expect(400);
    assert_eq!(bad.code(), "invalid_query");
}

async fn an_organisation_cannot_be_placed_below_itself_or_its_members(app: TestApp) {
    let federal = create(
        &app,
        &app.a.qm,
        organisation("AWO Bundesverband", "traeger_wohlfahrtspflege"),
    )
    .await;
    let mut regional = organisation("AWO Mittelrhein", "traeger_wohlfahrtspflege");
    regional["parent_id"] = json!(federal);
    let regional = create(&app, &app.a.qm, regional).await;
    let mut local = organisation("AWO Ortsverein Forst", "verein");
    local["parent_id"] = json!(regional);
    let local = create(&app, &app.a.qm, local).await;
    let path = format!("/api/v1/organisations/{federal}");
    for parent in [&local, &regional, &federal] {
        let mut input = organisation("AWO Bundesverband", "traeger_wohlfahrtspflege");
        input["parent_id"] = json!(parent);
        let reply = app
            .put(&path, Some(&app.a.qm), Some("\"1\""), input)
            .await
            .expect(422);
        assert_eq!(reply.json["errors"][0]["pointer"], "/parent_id");
    }
    let read = app.get(&path, None).await.expect(200);
    assert_eq!(read.json["parent_id"], Value::Null);
    assert_eq!(read.etag(), "\"1\"");
    let mut unknown = organisation("AWO Bundesverband", "traeger_wohlfahrtspflege");
    unknown["parent_id"] = json!(uuid::Uuid::now_v7());
    let reply = app
        .put(&path, Some(&app.a.qm), Some("\"1\""), unknown)
        .await
        .expect(422);
    assert_eq!(reply.json["errors"][0]["code"], "reference_missing");
}

async fn editing_an_organisation_needs_the_current_version_in_if_match(app: TestApp) {
    let id = create(
        &app,
        &app.a.qm,
        organisation("Stadtteilbüro", "begegnungszentrum"),
    )
    .await;
    let path = format!("/api/v1/organisations/{id}");
    let missing = app
        .put(
            &path,
            Some(&app.a.qm),
            None,
            organisation("Stadtteilbüro Ost", "begegnungszentrum"),
        )
        .await
        .expect(428);
    assert_eq!(missing.code(), "precondition_required");
    let updated = app
        .put(
            &path,
            Some(&app.a.qm),
            Some("\"1\""),
            organisation("Stadtteilbüro Ost", "begegnungszentrum"),
        )
        .await
        .expect(200);
    assert_eq!(updated.etag(), "\"2\"");
    let stale = app
        .put(
            &path,
            Some(&app.b.qm),
            Some("\"1\""),
            organisation("Stadtteilbüro West", "begegnungszentrum"),
        )
        .await
        .expect(412);
    assert_eq!(stale.code(), "precondition_failed");
    let read = app.get(&path, None).await.expect(200);
    assert_eq!(read.json["name"], "Stadtteilbüro Ost");
    app.put(
        &format!("/api/v1/organisations/{}", uuid::Uuid::now_v7()),
        Some(&app.a.qm),
        Some("\"1\""),
        organisation("Niemand", "sonstige"),
    )
    .await
    .expect(404);
}

async fn members_cannot_create_organisations_and_anonymous_callers_must_sign_in(app: TestApp) {
    let input = organisation("Initiative Hinterhof", "initiative");
    let member = app
        .post("/api/v1/organisations", Some(&app.a.member), input.clone())
        .await
        .expect(403);
    assert_eq!(member.code(), "forbidden");
    app.post("/api/v1/organisations", Some(&app.b.jury), input.clone())
        .await
        .expect(403);
    let anonymous = app
        .post("/api/v1/organisations", None, input.clone())
        .await
        .expect(401);
    assert_eq!(anonymous.code(), "unauthenticated");
    let path = format!("/api/v1/organisations/{}", app.a.member_org);
    app.put(&path, Some(&app.a.member), Some("\"1\""), input)
        .await
        .expect(403);
    let list = app.get("/api/v1/organisations", None).await.expect(200);
    assert_eq!(list.json["total"], 2, "nothing was created");
}

async fn an_organisation_still_referred_to_cannot_be_deleted(app: TestApp) {
    // The test member user acts for `member_org`.
    let used = format!("/api/v1/organisations/{}", app.a.member_org);
    let reply = app
        .delete(&used, Some(&app.a.coordinator))
        .await
        .expect(409);
    assert_eq!(reply.code(), "in_use");
    let parent = create(&app, &app.a.qm, organisation("Dachverband", "verein")).await;
    let mut child = organisation("Mitgliedsverein", "verein");
    child["parent_id"] = json!(parent);
    let child = create(&app, &app.a.qm, child).await;
    app.delete(&format!("/api/v1/organisations/{parent}"), Some(&app.admin))
        .await
        .expect(409);
    let ost = area(&app, "Ost").await;
    let mut with_area = organisation("Nachbarschaftshilfe", "initiative");
    with_area["area_ids"] = json!([ost]);
    let with_area = create(&app, &app.a.qm, with_area).await;
    app.delete(
        &format!("/api/v1/organisations/{with_area}"),
        Some(&app.a.coordinator),
    )
    .await
    .expect(204);
    app.get(&format!("/api/v1/organisations/{with_area}"), None)
        .await
        .expect(404);
    // Its areas of activity no longer hold the area.
    app.delete(&app.a.api(&format!("/areas/{ost}")), Some(&app.a.qm))
        .await
        .expect(204);
    app.delete(
        &format!("/api/v1/organisations/{child}"),
        Some(&app.b.coordinator),
    )
    .await
    .expect(204);
    app.delete(&format!("/api/v1/organisations/{parent}"), Some(&app.admin))
        .await
        .expect(204);
}

async fn only_the_coordination_may_delete_an_organisation(app: TestApp) {
    let id = create(&app, &app.a.qm, organisation("Einmalig e.V.", "verein")).await;
    let path = format!("/api/v1/organisations/{id}");
    app.delete(&path, Some(&app.a.qm)).await.expect(403);
    app.delete(&path, Some(&app.a.member)).await.expect(403);
    app.delete(&path, None).await.expect(401);
    app.get(&path, None).await.expect(200);
    app.delete(&path, Some(&app.a.coordinator))
        .await
        .expect(204);
    app.delete(&path, Some(&app.a.coordinator))
        .await
        .expect(404);
}

async fn unknown_areas_and_implausible_contact_details_are_refused(app: TestApp) {
    let ost = area(&app, "Ost").await;
    let mut input = organisation("Sportverein", "verein");
    input["area_ids"] = json!([ost, uuid::Uuid::now_v7()]);
    let reply = app
        .post("/api/v1/organisations", Some(&app.a.qm), input)
        .await
        .expect(422);
    assert_eq!(reply.json["errors"][0]["pointer"], "/area_ids/1");
    assert_eq!(reply.json["errors"][0]["code"], "reference_missing");
    let mut contact = organisation("Sportverein", "verein");
    contact["email"] = json!("kein-at-zeichen");
    contact["website"] = json!("javascript:alert(1)");
    let reply = app
        .post("/api/v1/organisations", Some(&app.a.qm), contact)
        .await
        .expect(422);
    let pointers: Vec<&str> = reply.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/email", "/website"]);
    let wrong_kind = app
        .post(
            "/api/v1/organisations",
            Some(&app.a.qm),
            json!({"name": "X", "kind": "raumschiff"}),
        )
        .await
        .expect(422);
    assert_eq!(wrong_kind.json["errors"][0]["pointer"], "/kind");
}

async fn organisation_changes_are_audited_without_a_municipality(app: TestApp) {
    let id = create(
        &app,
        &app.a.qm,
        organisation("Quartiersverein", "stadtteilverein"),
    )
    .await;
    app.put(
        &format!("/api/v1/organisations/{id}"),
        Some(&app.a.qm),
        Some("\"1\""),
        organisation("Quartiersverein e.V.", "stadtteilverein"),
    )
    .await
    .expect(200);
    let entries: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT action, municipality_id FROM audit_log WHERE object_kind = 'organisation'
         AND object_id = $1 ORDER BY at, id",
    )
    .bind(&id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        entries,
        [("create".to_owned(), None), ("update".to_owned(), None)]
    );
    let audit = app
        .get(&app.a.api("/audit"), Some(&app.a.coordinator))
        .await
        .expect(200);
    assert_eq!(audit.json["total"], 0, "not in any municipality's log");
}

async fn two_concurrent_edits_cannot_make_two_organisations_each_others_parent(app: TestApp) {
    for round in 0..5 {
        let left = create(
            &app,
            &app.a.qm,
            organisation(&format!("Links {round}"), "verein"),
        )
        .await;
        let right = create(
            &app,
            &app.b.qm,
            organisation(&format!("Rechts {round}"), "verein"),
        )
        .await;
        let (left_path, right_path) = (
            format!("/api/v1/organisations/{left}"),
            format!("/api/v1/organisations/{right}"),
        );
        let (mut to_right, mut to_left) = (
            organisation("Links", "verein"),
            organisation("Rechts", "verein"),
        );
        to_right["parent_id"] = json!(right);
        to_left["parent_id"] = json!(left);
        let (first, second) = tokio::join!(
            app.put(&left_path, Some(&app.a.qm), Some("\"1\""), to_right),
            app.put(&right_path, Some(&app.b.qm), Some("\"1\""), to_left),
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

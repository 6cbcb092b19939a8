//! Organisations: host-wide, readable by everyone, maintained by the host admin and staff of
//! the municipalities involved with them (creator, or data naming them), each municipality
//! keeping its own areas of activity; every change in the audit log of every municipality
//! involved; an umbrella organisation and protection against deleting one that is still
//! referred to.

use serde_json::{Value, json};

use crate::support::{Tenant, TestApp};

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
    organisation_changes_are_audited_in_the_municipalities_involved_or_host_wide,
    two_concurrent_edits_cannot_make_two_organisations_each_others_parent,
    staff_of_an_unrelated_municipality_cannot_change_or_delete_an_organisation,
    staff_of_a_municipality_where_it_is_active_change_it_and_the_other_municipality_sees_it_in_its_audit_log,
    staff_change_only_their_own_municipalitys_areas_of_activity,
    the_host_admin_changes_and_deletes_any_organisation,
    a_coordination_deletes_an_organisation_only_when_no_other_municipality_is_involved,
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

/// An area of Aachen.
async fn area(app: &TestApp, name: &str) -> String {
    area_in(app, &app.a, name).await
}

/// An area of `tenant`, created by its QM.
async fn area_in(app: &TestApp, tenant: &Tenant, name: &str) -> String {
    let reply = app
        .post(
            &tenant.api("/areas"),
            Some(&tenant.qm),
            json!({"kind": "sozialraum", "name": name}),
        )
        .await
        .expect(201);
    reply.json["id"].as_str().unwrap().to_owned()
}

/// The organisation's areas of activity, sorted.
fn areas_of(reply: &crate::support::Reply) -> Vec<String> {
    let mut areas: Vec<String> = reply.json["area_ids"]
        .as_array()
        .expect("area_ids")
        .iter()
        .map(|a| a.as_str().unwrap().to_owned())
        .collect();
    areas.sort();
    areas
}

fn sorted<const N: usize>(areas: [&String; N]) -> Vec<String> {
    let mut areas: Vec<String> = areas.into_iter().cloned().collect();
    areas.sort();
    areas
}

/// The organisation with these areas of activity (and the test's contact data).
fn with_areas(name: &str, areas: Value) -> Value {
    let mut input = organisation(name, "traeger_wohlfahrtspflege");
    input["area_ids"] = areas;
    input
}

/// The entries of `tenant`'s audit log about organisation `id`, newest first, as its
/// coordination reads them: (actor, action).
async fn audit_of(app: &TestApp, tenant: &Tenant, id: &str) -> Vec<(String, String)> {
    let log = app
        .get(&tenant.api("/audit?limit=100"), Some(&tenant.coordinator))
        .await
        .expect(200);
    log.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["object_kind"] == "organisation" && e["object_id"] == id)
        .map(|e| {
            (
                e["actor"].as_str().unwrap().to_owned(),
                e["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn entries(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(actor, action)| (actor.to_string(), action.to_string()))
        .collect()
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
    assert_eq!(read.json["created_by_municipality_id"], json!(app.a.id));
    assert_eq!(
        read.json["area_ids"],
        json!([ost]),
        "repeated areas count once"
    );
}

async fn an_organisation_is_shared_by_both_municipalities(app: TestApp) {
    let aachen = area(&app, "Ost").await;
    let id = create(&app, &app.a.qm, with_areas("Diakonie", json!([aachen]))).await;
    let path = format!("/api/v1/organisations/{id}");
    let list = app.get("/api/v1/organisations", None).await.expect(200);
    assert_eq!(
        list.json["total"], 3,
        "the two test organisations and the new one"
    );
    // Berlin records that it works in a Berlin area too: its own relation, no master data
    // changed, and Aachen's area stays although Berlin does not name it.
    let berlin = area_in(&app, &app.b, "Sparrplatz").await;
    let both = app
        .put(
            &path,
            Some(&app.b.qm),
            Some("\"1\""),
            with_areas("Diakonie", json!([berlin])),
        )
        .await
        .expect(200);
    assert_eq!(areas_of(&both), sorted([&aachen, &berlin]));
    // Now active in Berlin, Berlin's coordination edits what Aachen's QM created.
    let updated = app
        .put(
            &path,
            Some(&app.b.coordinator),
            Some("\"2\""),
            with_areas("Diakonie Deutschland", json!([berlin])),
        )
        .await
        .expect(200);
    assert_eq!(updated.json["name"], "Diakonie Deutschland");
    for token in [Some(app.a.member.as_str()), Some(app.b.jury.as_str()), None] {
        let read = app.get(&path, token).await.expect(200);
        assert_eq!(read.json["name"], "Diakonie Deutschland");
        assert_eq!(read.json["created_by_municipality_id"], json!(app.a.id));
    }
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
        Some(&app.a.coordinator),
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

async fn organisation_changes_are_audited_in_the_municipalities_involved_or_host_wide(
    app: TestApp,
) {
    let ours = create(
        &app,
        &app.a.qm,
        organisation("Quartiersverein", "stadtteilverein"),
    )
    .await;
    app.put(
        &format!("/api/v1/organisations/{ours}"),
        Some(&app.a.qm),
        Some("\"1\""),
        organisation("Quartiersverein e.V.", "stadtteilverein"),
    )
    .await
    .expect(200);
    // One the host admin created and no municipality uses: its log is host-wide.
    let nobodys = create(&app, &app.admin, organisation("Landesverband", "verein")).await;
    app.put(
        &format!("/api/v1/organisations/{nobodys}"),
        Some(&app.admin),
        Some("\"1\""),
        organisation("Landesverband e.V.", "verein"),
    )
    .await
    .expect(200);
    let a = Some(app.a.id.to_string());
    for (id, municipality) in [(&ours, a), (&nobodys, None)] {
        let entries: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT action, municipality_id FROM audit_log WHERE object_kind = 'organisation'
             AND object_id = $1 ORDER BY at, id",
        )
        .bind(id)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            entries,
            [
                ("create".to_owned(), municipality.clone()),
                ("update".to_owned(), municipality)
            ]
        );
    }
    assert_eq!(
        audit_of(&app, &app.a, &ours).await,
        entries(&[("qm-aachen", "update"), ("qm-aachen", "create")])
    );
    assert!(
        audit_of(&app, &app.b, &ours).await.is_empty(),
        "not in the log of a municipality it has nothing to do with"
    );
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

async fn staff_of_an_unrelated_municipality_cannot_change_or_delete_an_organisation(app: TestApp) {
    let ost = area(&app, "Ost").await;
    let id = create(&app, &app.a.qm, with_areas("Caritas Aachen", json!([ost]))).await;
    let path = format!("/api/v1/organisations/{id}");
    let mut new_email = with_areas("Caritas Aachen", json!([ost]));
    new_email["email"] = json!("umgeleitet@example.org");
    for (token, input) in [
        (&app.b.qm, with_areas("Caritas Berlin", json!([ost]))),
        (&app.b.coordinator, new_email),
        (&app.b.qm, organisation("Caritas Aachen", "verein")),
    ] {
        let refused = app
            .put(&path, Some(token), Some("\"1\""), input)
            .await
            .expect(403);
        assert_eq!(refused.code(), "organisation_not_involved");
        assert!(
            refused.json["detail"]
                .as_str()
                .unwrap()
                .contains("nicht tätig")
        );
    }
    let refused = app
        .delete(&path, Some(&app.b.coordinator))
        .await
        .expect(403);
    assert_eq!(refused.code(), "organisation_not_involved");
    let read = app.get(&path, None).await.expect(200);
    assert_eq!(read.etag(), "\"1\"", "unchanged");
    assert_eq!(read.json["name"], "Caritas Aachen");
    assert_eq!(read.json["email"], "info@example.org");
    assert_eq!(read.json["kind"], "traeger_wohlfahrtspflege");
    assert_eq!(areas_of(&read), [ost]);
    // Also one that only Aachen's data names (its member user acts for it).
    let awo = format!("/api/v1/organisations/{}", app.a.member_org);
    let refused = app
        .put(
            &awo,
            Some(&app.b.coordinator),
            Some("\"1\""),
            organisation("AWO Berlin", "traeger_wohlfahrtspflege"),
        )
        .await
        .expect(403);
    assert_eq!(refused.code(), "organisation_not_involved");
    assert_eq!(
        app.get(&awo, None).await.expect(200).json["name"],
        "AWO Stadt Aachen"
    );
    assert_eq!(
        audit_of(&app, &app.a, &id).await.len(),
        1,
        "only its creation"
    );
}

async fn staff_of_a_municipality_where_it_is_active_change_it_and_the_other_municipality_sees_it_in_its_audit_log(
    app: TestApp,
) {
    let ost = area(&app, "Ost").await;
    let id = create(&app, &app.a.qm, with_areas("Caritas", json!([ost]))).await;
    let path = format!("/api/v1/organisations/{id}");
    // Berlin works with it: a membership in one of Berlin's bodies.
    let body = app
        .post(
            &app.b.api("/bodies"),
            Some(&app.b.qm),
            crate::bodies::body("Runder Tisch Wedding", true),
        )
        .await
        .expect(201);
    app.post(
        &app.b.api(&format!(
            "/bodies/{}/memberships",
            body.json["id"].as_str().unwrap()
        )),
        Some(&app.b.qm),
        json!({"organisation_id": id, "role": "mitglied"}),
    )
    .await
    .expect(201);
    let mut renamed = with_areas("Caritasverband", json!([]));
    renamed["email"] = json!("kontakt@caritas.example.org");
    let updated = app
        .put(&path, Some(&app.b.qm), Some("\"1\""), renamed)
        .await
        .expect(200);
    assert_eq!(updated.json["name"], "Caritasverband");
    assert_eq!(updated.json["email"], "kontakt@caritas.example.org");
    assert_eq!(areas_of(&updated), [ost], "Aachen's area stays");
    // Aachen's coordination sees in its own log that Berlin's QM changed it; so does Berlin's.
    assert_eq!(
        audit_of(&app, &app.a, &id).await,
        entries(&[("qm-berlin", "update"), ("qm-aachen", "create")])
    );
    assert_eq!(
        audit_of(&app, &app.b, &id).await,
        entries(&[("qm-berlin", "update")])
    );
}

async fn staff_change_only_their_own_municipalitys_areas_of_activity(app: TestApp) {
    let (ost, west) = (area(&app, "Ost").await, area(&app, "West").await);
    let nord = area(&app, "Nord").await;
    let sparrplatz = area_in(&app, &app.b, "Sparrplatz").await;
    let name = "Nachbarschaftshaus";
    let id = create(&app, &app.a.qm, with_areas(name, json!([ost, west]))).await;
    let path = format!("/api/v1/organisations/{id}");
    // Berlin adds its own area without naming Aachen's: Aachen's stay.
    let added = app
        .put(
            &path,
            Some(&app.b.qm),
            Some("\"1\""),
            with_areas(name, json!([sparrplatz])),
        )
        .await
        .expect(200);
    assert_eq!(areas_of(&added), sorted([&ost, &west, &sparrplatz]));
    // Berlin clearing the list removes only its own area.
    let cleared = app
        .put(
            &path,
            Some(&app.b.coordinator),
            Some("\"2\""),
            with_areas(name, json!([])),
        )
        .await
        .expect(200);
    assert_eq!(areas_of(&cleared), sorted([&ost, &west]));
    // Berlin cannot add an area of Aachen …
    let refused = app
        .put(
            &path,
            Some(&app.b.qm),
            Some("\"3\""),
            with_areas(name, json!([sparrplatz, nord])),
        )
        .await
        .expect(422);
    assert_eq!(refused.json["errors"][0]["pointer"], "/area_ids/1");
    assert_eq!(refused.json["errors"][0]["code"], "foreign_area");
    let read = app.get(&path, None).await.expect(200);
    assert_eq!(read.etag(), "\"3\"");
    assert_eq!(areas_of(&read), sorted([&ost, &west]));
    // … but may send back the list as read, Aachen's areas included.
    let as_read = app
        .put(
            &path,
            Some(&app.b.qm),
            Some("\"3\""),
            with_areas(name, json!([ost, west, sparrplatz])),
        )
        .await
        .expect(200);
    assert_eq!(areas_of(&as_read), sorted([&ost, &west, &sparrplatz]));
    // Aachen clears its own part; Berlin's stays.
    let ours_cleared = app
        .put(
            &path,
            Some(&app.a.qm),
            Some("\"4\""),
            with_areas(name, json!([])),
        )
        .await
        .expect(200);
    assert_eq!(areas_of(&ours_cleared), sorted([&sparrplatz]));
    // A new organisation gets only the creator's own areas.
    let foreign = app
        .post(
            "/api/v1/organisations",
            Some(&app.b.qm),
            with_areas("Neu", json!([ost])),
        )
        .await
        .expect(422);
    assert_eq!(foreign.json["errors"][0]["code"], "foreign_area");
}

async fn the_host_admin_changes_and_deletes_any_organisation(app: TestApp) {
    let ost = area(&app, "Ost").await;
    let sparrplatz = area_in(&app, &app.b, "Sparrplatz").await;
    let id = create(&app, &app.a.qm, with_areas("Stadtteilbüro", json!([ost]))).await;
    let path = format!("/api/v1/organisations/{id}");
    let mut input = with_areas("Stadtteilbüro Ost", json!([sparrplatz]));
    input["parent_id"] = json!(app.b.member_org);
    let updated = app
        .put(&path, Some(&app.admin), Some("\"1\""), input)
        .await
        .expect(200);
    assert_eq!(updated.json["name"], "Stadtteilbüro Ost");
    assert_eq!(updated.json["parent_id"], json!(app.b.member_org));
    assert_eq!(
        areas_of(&updated),
        sorted([&sparrplatz]),
        "the admin sets every area"
    );
    // Both municipalities involved before or after the change hear of it.
    assert_eq!(
        audit_of(&app, &app.a, &id).await,
        entries(&[("admin", "update"), ("qm-aachen", "create")])
    );
    assert_eq!(
        audit_of(&app, &app.b, &id).await,
        entries(&[("admin", "update")])
    );
    // The member organisations of the test tenants, named by Aachen's (Berlin's) data only.
    for (tenant, name) in [(&app.a, "AWO Aachen"), (&app.b, "AWO Berlin")] {
        let renamed = app
            .put(
                &format!("/api/v1/organisations/{}", tenant.member_org),
                Some(&app.admin),
                Some("\"1\""),
                organisation(name, "traeger_wohlfahrtspflege"),
            )
            .await
            .expect(200);
        assert_eq!(renamed.json["name"], name);
    }
    app.delete(&path, Some(&app.admin)).await.expect(204);
    app.get(&path, None).await.expect(404);
}

async fn a_coordination_deletes_an_organisation_only_when_no_other_municipality_is_involved(
    app: TestApp,
) {
    let ost = area(&app, "Ost").await;
    let sparrplatz = area_in(&app, &app.b, "Sparrplatz").await;
    let name = "Bürgerverein";
    let id = create(&app, &app.a.qm, with_areas(name, json!([ost]))).await;
    let path = format!("/api/v1/organisations/{id}");
    app.put(
        &path,
        Some(&app.b.qm),
        Some("\"1\""),
        with_areas(name, json!([sparrplatz])),
    )
    .await
    .expect(200);
    for tenant in [&app.a, &app.b] {
        let refused = app
            .delete(&path, Some(&tenant.coordinator))
            .await
            .expect(403);
        assert_eq!(refused.code(), "organisation_shared");
    }
    assert_eq!(
        areas_of(&app.get(&path, None).await.expect(200)),
        sorted([&ost, &sparrplatz])
    );
    // Once Berlin has withdrawn its area, Aachen's coordination may delete it.
    app.put(
        &path,
        Some(&app.b.qm),
        Some("\"2\""),
        with_areas(name, json!([])),
    )
    .await
    .expect(200);
    app.delete(&path, Some(&app.a.coordinator))
        .await
        .expect(204);
    app.get(&path, None).await.expect(404);
    assert_eq!(
        audit_of(&app, &app.a, &id).await[0],
        ("koordination-aachen".to_owned(), "delete".to_owned())
    );
}

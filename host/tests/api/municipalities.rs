//! Municipalities: the public list, creation by the host admin, slug rules and editing with
//! optimistic concurrency by the coordination.

use serde_json::json;

use crate::support::TestApp;

crate::tests![
    the_host_admin_creates_a_municipality_that_everyone_can_read,
    a_municipality_slug_must_be_lowercase_letters_digits_and_hyphens,
    a_second_municipality_with_the_same_slug_is_refused_with_409,
    only_the_host_admin_may_create_a_municipality,
    the_coordination_changes_its_qm_model_and_the_change_is_audited,
    editing_a_municipality_needs_the_current_version_in_if_match,
    only_the_own_coordination_or_the_admin_may_edit_a_municipality,
    an_unknown_municipality_answers_404,
];

async fn the_host_admin_creates_a_municipality_that_everyone_can_read(app: TestApp) {
    let created = app
        .post(
            "/api/v1/municipalities",
            Some(&app.admin),
            json!({"slug": "bad-homburg", "name": "Bad Homburg vor der Höhe",
                   "state": "Hessen", "qm_model": "tandem"}),
        )
        .await
        .expect(201);
    assert_eq!(created.etag(), "\"1\"");
    assert_eq!(created.json["slug"], "bad-homburg");
    let read = app
        .get("/api/v1/municipalities/bad-homburg", None)
        .await
        .expect(200);
    assert_eq!(read.json["name"], "Bad Homburg vor der Höhe");
    assert_eq!(read.json["state"], "Hessen");
    assert_eq!(read.json["qm_model"], "tandem");
    assert_eq!(read.etag(), "\"1\"");
    let list = app.get("/api/v1/municipalities", None).await.expect(200);
    assert_eq!(list.json["total"], 3);
    let names: Vec<&str> = list.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Bad Homburg vor der Höhe", "Land Berlin", "Stadt Aachen"]
    );
    let page = app
        .get("/api/v1/municipalities?limit=1&offset=1", None)
        .await
        .expect(200);
    assert_eq!(page.json["items"][0]["slug"], "berlin");
    assert_eq!(page.json["total"], 3);
}

async fn a_municipality_slug_must_be_lowercase_letters_digits_and_hyphens(app: TestApp) {
    let too_long = "a".repeat(51);
    for slug in [
        "A",
        "Frankfurt",
        "köln",
        "bad homburg",
        "a_b",
        "x",
        too_long.as_str(),
    ] {
        let reply = app
            .post(
                "/api/v1/municipalities",
                Some(&app.admin),
                json!({"slug": slug, "name": "Testkommune"}),
            )
            .await
            .expect(422);
        assert_eq!(reply.json["errors"][0]["pointer"], "/slug", "{slug}");
    }
    let longest = "a".repeat(50);
    for slug in ["ab", "frankfurt-am-main-2", longest.as_str()] {
        app.post(
            "/api/v1/municipalities",
            Some(&app.admin),
            json!({"slug": slug, "name": "Testkommune"}),
        )
        .await
        .expect(201);
    }
}

async fn a_second_municipality_with_the_same_slug_is_refused_with_409(app: TestApp) {
    let reply = app
        .post(
            "/api/v1/municipalities",
            Some(&app.admin),
            json!({"slug": "aachen", "name": "Noch ein Aachen"}),
        )
        .await
        .expect(409);
    assert_eq!(reply.code(), "already_exists");
    let read = app
        .get("/api/v1/municipalities/aachen", None)
        .await
        .expect(200);
    assert_eq!(
        read.json["name"], "Stadt Aachen",
        "the first one is untouched"
    );
}

async fn only_the_host_admin_may_create_a_municipality(app: TestApp) {
    let input = json!({"slug": "kassel", "name": "Stadt Kassel"});
    let anonymous = app
        .post("/api/v1/municipalities", None, input.clone())
        .await
        .expect(401);
    assert_eq!(anonymous.code(), "unauthenticated");
    let coordinator = app
        .post(
            "/api/v1/municipalities",
            Some(&app.a.coordinator),
            input.clone(),
        )
        .await
        .expect(403);
    assert_eq!(coordinator.code(), "forbidden");
    app.get("/api/v1/municipalities/kassel", None)
        .await
        .expect(404);
}

async fn the_coordination_changes_its_qm_model_and_the_change_is_audited(app: TestApp) {
    let path = "/api/v1/municipalities/aachen";
    let read = app.get(path, None).await.expect(200);
    let updated = app
        .put(
            path,
            Some(&app.a.coordinator),
            Some(&read.etag()),
            json!({"name": "Stadt Aachen", "state": "Nordrhein-Westfalen",
                   "qm_model": "ein_traeger"}),
        )
        .await
        .expect(200);
    assert_eq!(updated.etag(), "\"2\"");
    assert_eq!(updated.json["qm_model"], "ein_traeger");
    assert_eq!(updated.json["slug"], "aachen");
    let audit = app
        .get(&app.a.api("/audit"), Some(&app.a.coordinator))
        .await
        .expect(200);
    assert_eq!(audit.json["items"][0]["object_kind"], "municipality");
    assert_eq!(audit.json["items"][0]["action"], "update");
    let unknown_model = app
        .put(
            path,
            Some(&app.a.coordinator),
            Some("\"2\""),
            json!({"name": "Stadt Aachen", "qm_model": "modell_6"}),
        )
        .await
        .expect(422);
    assert_eq!(unknown_model.json["errors"][0]["pointer"], "/qm_model");
}

async fn editing_a_municipality_needs_the_current_version_in_if_match(app: TestApp) {
    let path = "/api/v1/municipalities/berlin";
    let input = json!({"name": "Land Berlin", "state": "Berlin"});
    let missing = app
        .put(path, Some(&app.b.coordinator), None, input.clone())
        .await
        .expect(428);
    assert_eq!(missing.code(), "precondition_required");
    app.put(path, Some(&app.b.coordinator), Some("\"1\""), input.clone())
        .await
        .expect(200);
    let stale = app
        .put(
            path,
            Some(&app.admin),
            Some("\"1\""),
            json!({"name": "Berlin"}),
        )
        .await
        .expect(412);
    assert_eq!(stale.code(), "precondition_failed");
    let read = app.get(path, None).await.expect(200);
    assert_eq!(
        read.json["name"], "Land Berlin",
        "the stale edit changed nothing"
    );
    assert_eq!(read.json["state"], "Berlin");
}

async fn only_the_own_coordination_or_the_admin_may_edit_a_municipality(app: TestApp) {
    let path = "/api/v1/municipalities/aachen";
    let input = json!({"name": "Aachen übernommen"});
    for token in [&app.b.coordinator, &app.a.qm, &app.a.member] {
        app.put(path, Some(token), Some("\"1\""), input.clone())
            .await
            .expect(403);
    }
    app.put(path, None, Some("\"1\""), input.clone())
        .await
        .expect(401);
    app.put(path, Some(&app.admin), Some("\"1\""), input)
        .await
        .expect(200);
}

async fn an_unknown_municipality_answers_404(app: TestApp) {
    let reply = app
        .get("/api/v1/municipalities/atlantis", None)
        .await
        .expect(404);
    assert_eq!(reply.code(), "not_found");
    app.put(
        "/api/v1/municipalities/atlantis",
        Some(&app.admin),
        Some("\"1\""),
        json!({"name": "Atlantis"}),
    )
    .await
    .expect(404);
}

//! Optimistic concurrency on the state changes that are not plain updates: a project's
//! transition, a join request's decision, a person's erasure and setting a task-matrix
//! actor. Each needs `If-Match` like every update: without it 428, on an outdated version
//! 412 (and nothing changes), with `*` whatever version is current, as long as the object
//! exists (404 when it does not).

use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{Reply, TestApp};

crate::tests![
    every_versioned_state_change_without_if_match_answers_428,
    a_state_change_on_an_outdated_version_answers_412_and_changes_nothing,
    if_match_star_changes_whatever_version_is_current_and_a_missing_object_is_404,
    if_match_star_works_alike_on_plain_updates_and_replaced_lists,
    the_openapi_document_asks_for_if_match_on_these_state_changes,
    a_malformed_if_match_is_judged_after_the_content,
];

/// One state change of a versioned object, to be sent with any `If-Match`.
struct Change {
    name: &'static str,
    method: Method,
    path: String,
    body: Value,
    /// Where the object's `ETag` is read.
    read: String,
    /// Another change of the same object that moves its version on, where the API has one
    /// (a join request changes only by its decision).
    other: Option<(Method, String, Value)>,
    /// The same change aimed at an object that does not exist.
    missing: String,
    /// The status of success.
    done: u16,
}

/// A project, an open join request, a person and the actors of Aachen, each at version 1.
async fn arrange(app: &TestApp) -> Vec<Change> {
    let token = Some(app.a.coordinator.as_str());
    let project = app
        .post(
            &app.a.api("/projects"),
            token,
            json!({"title": "Quartierspark", "field_of_action": "wohnumfeld"}),
        )
        .await
        .expect(201);
    let project = app.a.api(&format!(
        "/projects/{}",
        project.json["id"].as_str().unwrap()
    ));
    let person = app
        .post(
            &app.a.api("/persons"),
            token,
            json!({"name": "Anna Schmidt", "email": "anna.schmidt@awo-aachen.de"}),
        )
        .await
        .expect(201);
    let person = app
        .a
        .api(&format!("/persons/{}", person.json["id"].as_str().unwrap()));
    let (_, request, _) = crate::join_requests::managed_body_with_request(app).await;
    let request = app.a.api(&format!("/join-requests/{request}"));
    let unknown = uuid::Uuid::now_v7();
    vec![
        Change {
            name: "project transition",
            method: Method::POST,
            path: format!("{project}/transitions"),
            body: json!({"to": "konzept", "reason": "Beschluss der Steuerungsrunde"}),
            read: project.clone(),
            other: Some((
                Method::PUT,
                project,
                json!({"title": "Quartierspark Nord", "field_of_action": "wohnumfeld"}),
            )),
            missing: app.a.api(&format!("/projects/{unknown}/transitions")),
            done: 200,
        },
        Change {
            name: "join request decision",
            method: Method::POST,
            path: format!("{request}/decision"),
            body: json!({"approve": false, "note": "Die Runde ist vollständig."}),
            read: request,
            other: None,
            missing: app.a.api(&format!("/join-requests/{unknown}/decision")),
            done: 200,
        },
        Change {
            name: "person erasure",
            method: Method::POST,
            path: format!("{person}/erasure"),
            body: json!({}),
            read: person.clone(),
            other: Some((
                Method::PUT,
                person,
                json!({"name": "Anna Schmidt-Weber", "email": "anna.schmidt@awo-aachen.de"}),
            )),
            missing: app.a.api(&format!("/persons/{unknown}/erasure")),
            done: 200,
        },
        Change {
            name: "task-matrix actor",
            method: Method::PUT,
            path: app.a.api("/task-matrix/actors/traeger_stadtteilbuero"),
            body: json!({"label": "Stadtteilbüro Ost"}),
            read: app.a.api("/task-matrix/actors"),
            other: Some((
                Method::PUT,
                app.a.api("/task-matrix/actors/planungsbuero"),
                json!({"label": "Planungsbüro Stadtraum"}),
            )),
            // The actors exist as long as their municipality does.
            missing: "/api/v1/municipalities/gibt-es-nicht/task-matrix/actors/planungsbuero"
                .to_owned(),
            done: 204,
        },
    ]
}

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    if_match: Option<&str>,
    body: &Value,
) -> Reply {
    let mut headers = vec![("content-type", "application/json")];
    if let Some(etag) = if_match {
        headers.push(("if-match", etag));
    }
    let bytes = serde_json::to_vec(body).unwrap();
    app.send(
        method,
        path,
        Some(&app.a.coordinator),
        &headers,
        Some(bytes),
    )
    .await
}

async fn etag(app: &TestApp, change: &Change) -> String {
    let read = app
        .get(&change.read, Some(&app.a.coordinator))
        .await
        .expect(200);
    assert!(!read.etag().is_empty(), "{}: no ETag", change.name);
    read.etag()
}

/// Moves the object's version on by another change, as a second user would; returns the
/// `ETag` read before, now outdated.
async fn outdate(app: &TestApp, change: &Change) -> String {
    let before = etag(app, change).await;
    if let Some((method, path, body)) = &change.other {
        let other = send(app, method.clone(), path, Some(&before), body).await;
        assert!(
            other.status == 200 || other.status == 204,
            "{}: the other change: {}",
            change.name,
            other.text
        );
        assert_ne!(etag(app, change).await, before, "{}", change.name);
        before
    } else {
        // Nothing but the decision changes a join request: a version it never had stands
        // in for an outdated one.
        assert_eq!(before, "\"1\"");
        "\"0\"".to_owned()
    }
}

async fn every_versioned_state_change_without_if_match_answers_428(app: TestApp) {
    for change in arrange(&app).await {
        let refused = send(
            &app,
            change.method.clone(),
            &change.path,
            None,
            &change.body,
        )
        .await;
        assert_eq!(refused.status, 428, "{}: {}", change.name, refused.text);
        assert_eq!(refused.code(), "precondition_required", "{}", change.name);
        assert_eq!(etag(&app, &change).await, "\"1\"", "{}", change.name);
    }
}

async fn a_state_change_on_an_outdated_version_answers_412_and_changes_nothing(app: TestApp) {
    for change in arrange(&app).await {
        let outdated = outdate(&app, &change).await;
        let current = etag(&app, &change).await;
        let refused = send(
            &app,
            change.method.clone(),
            &change.path,
            Some(&outdated),
            &change.body,
        )
        .await;
        assert_eq!(refused.status, 412, "{}: {}", change.name, refused.text);
        assert_eq!(refused.code(), "precondition_failed", "{}", change.name);
        assert_eq!(etag(&app, &change).await, current, "{}", change.name);
        // With the current version it goes through.
        let done = send(
            &app,
            change.method.clone(),
            &change.path,
            Some(&current),
            &change.body,
        )
        .await;
        assert_eq!(done.status, change.done, "{}: {}", change.name, done.text);
    }
}

async fn if_match_star_changes_whatever_version_is_current_and_a_missing_object_is_404(
    app: TestApp,
) {
    for change in arrange(&app).await {
        outdate(&app, &change).await;
        let before = etag(&app, &change).await;
        let done = send(
            &app,
            change.method.clone(),
            &change.path,
            Some("*"),
            &change.body,
        )
        .await;
        assert_eq!(done.status, change.done, "{}: {}", change.name, done.text);
        let after = etag(&app, &change).await;
        assert_ne!(after, before, "{}: changed", change.name);
        assert_eq!(done.etag(), after, "{}: answers the new ETag", change.name);
        let missing = send(
            &app,
            change.method.clone(),
            &change.missing,
            Some("*"),
            &change.body,
        )
        .await;
        assert_eq!(missing.status, 404, "{}: {}", change.name, missing.text);
    }
}

async fn if_match_star_works_alike_on_plain_updates_and_replaced_lists(app: TestApp) {
    let token = Some(app.a.coordinator.as_str());
    let created = app
        .post(
            &app.a.api("/projects"),
            token,
            json!({"title": "Quartierspark", "field_of_action": "wohnumfeld"}),
        )
        .await
        .expect(201);
    let project = app.a.api(&format!(
        "/projects/{}",
        created.json["id"].as_str().unwrap()
    ));
    let unknown = app.a.api(&format!("/projects/{}", uuid::Uuid::now_v7()));
    let edit = json!({"title": "Quartierspark Nord", "field_of_action": "wohnumfeld"});
    // A plain update (UPDATE … WHERE version) and a list sharing its owner's version
    // (claim_version) take `*` on whatever version is current.
    let edited = app
        .put(&project, token, Some("*"), edit.clone())
        .await
        .expect(200);
    assert_eq!(edited.etag(), "\"2\"");
    let goals = app
        .put(&format!("{project}/goals"), token, Some("*"), json!([]))
        .await
        .expect(200);
    assert_eq!(goals.etag(), "\"3\"");
    app.put(&project, token, Some("\"2\""), edit.clone())
        .await
        .expect(412);
    app.put(&unknown, token, Some("*"), edit).await.expect(404);
    app.put(&format!("{unknown}/goals"), token, Some("*"), json!([]))
        .await
        .expect(404);
}

async fn the_openapi_document_asks_for_if_match_on_these_state_changes(app: TestApp) {
    let doc = app.get("/api/v1/openapi.json", None).await.expect(200).json;
    for (method, path) in [
        (
            "put",
            "/api/v1/municipalities/{municipality}/task-matrix/actors/{actor}",
        ),
        (
            "post",
            "/api/v1/municipalities/{municipality}/projects/{id}/transitions",
        ),
        (
            "post",
            "/api/v1/municipalities/{municipality}/join-requests/{id}/decision",
        ),
        (
            "post",
            "/api/v1/municipalities/{municipality}/persons/{id}/erasure",
        ),
    ] {
        let operation = &doc["paths"][path][method];
        let if_match = operation["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "If-Match" && p["in"] == "header" && p["required"] == true);
        assert!(if_match, "{method} {path}: {operation}");
        for status in ["412", "428"] {
            assert!(
                operation["responses"].get(status).is_some(),
                "{method} {path} documents {status}"
            );
        }
    }
}

/// RFC 9110 (13.2.1): preconditions are ignored when the request would fail without them, so
/// invalid content gets its 422 whatever `If-Match` says; valid content with an `If-Match`
/// that names no version of ours gets 412.
async fn a_malformed_if_match_is_judged_after_the_content(app: TestApp) {
    let token = Some(app.a.coordinator.as_str());
    let created = app
        .post(
            &app.a.api("/areas"),
            token,
            json!({"kind": "sozialraum", "name": "Ost"}),
        )
        .await
        .expect(201);
    let path = app
        .a
        .api(&format!("/areas/{}", created.json["id"].as_str().unwrap()));
    for malformed in ["", "\"abc\"", "\"1\", \"2\""] {
        app.put(&path, token, Some(malformed), json!({"kind": "sozialraum"}))
            .await
            .expect(422);
        app.put(
            &path,
            token,
            Some(malformed),
            json!({"kind": "sozialraum", "name": "West"}),
        )
        .await
        .expect(412);
    }
    app.put(
        &path,
        token,
        Some("\"1\""),
        json!({"kind": "sozialraum", "name": "West"}),
    )
    .await
    .expect(200);
}

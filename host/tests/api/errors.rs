//! Bad input gets a precise 4xx problem document, never a 500.

use reqwest::Method;
use serde_json::json;

use crate::bodies::body;
use crate::support::TestApp;

crate::tests![
    malformed_json_is_a_400_problem,
    a_wrong_type_names_the_field_by_json_pointer,
    an_unknown_field_is_refused_with_its_pointer,
    a_missing_field_and_a_nested_bad_value_are_reported_together_with_pointers,
    a_body_over_the_limit_is_a_413,
    a_malformed_id_is_a_400_and_an_unknown_one_a_404,
    an_update_without_if_match_is_428_and_with_garbage_412,
    a_wrong_content_type_is_a_415,
    a_bad_query_parameter_is_a_400,
    an_unknown_api_route_is_a_404_problem,
    an_invalid_token_is_a_401_and_anonymous_writes_are_401,
    blank_and_overlong_names_are_refused_with_german_messages,
];

async fn post_raw(app: &TestApp, body: &str) -> crate::support::Reply {
    app.send(
        Method::POST,
        &app.a.api("/bodies"),
        Some(&app.a.qm),
        &[("content-type", "application/json")],
        Some(body.as_bytes().to_vec()),
    )
    .await
}

async fn malformed_json_is_a_400_problem(app: TestApp) {
    let reply = post_raw(&app, r#"{"kind": "runder_tisch", "name": "#)
        .await
        .expect(400);
    assert_eq!(reply.code(), "malformed_json");
    assert_eq!(reply.headers["content-type"], "application/problem+json");
    assert!(reply.json["detail"].as_str().unwrap().contains("JSON"));
}

async fn a_wrong_type_names_the_field_by_json_pointer(app: TestApp) {
    let reply = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            json!({"kind": "runder_tisch", "name": 42}),
        )
        .await
        .expect(422);
    assert_eq!(reply.json["errors"][0]["pointer"], "/name");
    assert_eq!(reply.json["errors"][0]["code"], "wrong_type");
}

async fn an_unknown_field_is_refused_with_its_pointer(app: TestApp) {
    let mut input = body("Runder Tisch", true);
    input["farbe"] = json!("blau");
    let reply = app
        .post(&app.a.api("/bodies"), Some(&app.a.qm), input)
        .await
        .expect(422);
    assert_eq!(reply.json["errors"][0]["code"], "unknown_field");
    let listed = app
        .get(&app.a.api("/bodies"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(listed.json["total"], 0, "nothing was stored");
}

async fn a_missing_field_and_a_nested_bad_value_are_reported_together_with_pointers(app: TestApp) {
    let reply = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            json!({"kind": "runder_tisch"}),
        )
        .await
        .expect(422);
    assert_eq!(reply.json["errors"][0]["pointer"], "/name");
    assert_eq!(reply.json["errors"][0]["code"], "required");
    let mut input = body("Jury", true);
    input["powers"] = json!([{"power": "entscheidet", "fund_kind": "aktionsfonds", "max_amount_cents": 1000},
                              {"power": "verbietet", "fund_kind": "aktionsfonds"}]);
    let reply = app
        .post(&app.a.api("/bodies"), Some(&app.a.qm), input)
        .await
        .expect(422);
    assert_eq!(reply.json["errors"][0]["pointer"], "/powers/1/power");
    assert_eq!(reply.json["errors"][0]["code"], "invalid_value");
}

async fn a_body_over_the_limit_is_a_413(app: TestApp) {
    let huge = format!(
        r#"{{"kind": "runder_tisch", "name": "x", "description": "{}"}}"#,
        "a".repeat(400 * 1024)
    );
    let reply = post_raw(&app, &huge).await.expect(413);
    assert_eq!(reply.code(), "body_too_large");
}

async fn a_malformed_id_is_a_400_and_an_unknown_one_a_404(app: TestApp) {
    let reply = app
        .get(&app.a.api("/bodies/not-a-uuid"), None)
        .await
        .expect(400);
    assert_eq!(reply.code(), "invalid_id");
    let reply = app
        .get(
            &app.a.api(&format!("/bodies/{}", uuid::Uuid::now_v7())),
            None,
        )
        .await
        .expect(404);
    assert_eq!(reply.code(), "not_found");
}

async fn an_update_without_if_match_is_428_and_with_garbage_412(app: TestApp) {
    let created = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            body("Runder Tisch", true),
        )
        .await
        .expect(201);
    let path = app
        .a
        .api(&format!("/bodies/{}", created.json["id"].as_str().unwrap()));
    let reply = app
        .put(&path, Some(&app.a.qm), None, body("Neu", true))
        .await
        .expect(428);
    assert_eq!(reply.code(), "precondition_required");
    app.put(
        &path,
        Some(&app.a.qm),
        Some("\"kaputt\""),
        body("Neu", true),
    )
    .await
    .expect(412);
    app.put(&path, Some(&app.a.qm), Some("\"7\""), body("Neu", true))
        .await
        .expect(412);
    let read = app.get(&path, None).await.expect(200);
    assert_eq!(
        read.json["name"], "Runder Tisch",
        "refused updates change nothing"
    );
}

async fn a_wrong_content_type_is_a_415(app: TestApp) {
    let reply = app
        .send(
            Method::POST,
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            &[("content-type", "text/plain")],
            Some(b"{}".to_vec()),
        )
        .await
        .expect(415);
    assert_eq!(reply.code(), "unsupported_media_type");
}

async fn a_bad_query_parameter_is_a_400(app: TestApp) {
    let reply = app
        .get(&app.a.api("/bodies?limit=viele"), None)
        .await
        .expect(400);
    assert_eq!(reply.code(), "invalid_query");
    let reply = app
        .get(&app.a.api("/bodies?kind=party"), None)
        .await
        .expect(400);
    assert_eq!(reply.code(), "invalid_query");
}

async fn an_unknown_api_route_is_a_404_problem(app: TestApp) {
    let reply = app.get("/api/v1/gibt-es-nicht", None).await.expect(404);
    assert_eq!(reply.code(), "not_found");
    let reply = app
        .get("/api/v1/municipalities/nirgendwo/bodies", None)
        .await
        .expect(404);
    assert_eq!(reply.code(), "not_found");
}

async fn an_invalid_token_is_a_401_and_anonymous_writes_are_401(app: TestApp) {
    let reply = app
        .get(&app.a.api("/bodies"), Some("qt_falsch"))
        .await
        .expect(401);
    assert_eq!(reply.code(), "unauthenticated");
    app.post(&app.a.api("/bodies"), None, body("Runder Tisch", true))
        .await
        .expect(401);
    let reply = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.member),
            body("Runder Tisch", true),
        )
        .await
        .expect(403);
    assert_eq!(reply.code(), "forbidden");
}

async fn blank_and_overlong_names_are_refused_with_german_messages(app: TestApp) {
    let reply = app
        .post(&app.a.api("/bodies"), Some(&app.a.qm), body("   ", true))
        .await
        .expect(422);
    assert_eq!(reply.json["errors"][0]["code"], "required");
    assert_eq!(
        reply.json["errors"][0]["detail"],
        "Dieses Feld ist ein Pflichtfeld."
    );
    let reply = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            body(&"x".repeat(201), true),
        )
        .await
        .expect(422);
    assert_eq!(reply.json["errors"][0]["code"], "too_long");
}

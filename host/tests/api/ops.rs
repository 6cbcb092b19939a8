//! Health, readiness, metrics and the OpenAPI document.

use quartier::config::Settings;

use crate::support::{METRICS_TOKEN, TestApp};

crate::tests![
    health_and_readiness_answer_ok,
    metrics_count_requests_by_matched_route,
    metrics_are_served_only_with_the_configured_token,
    responses_are_no_store_unless_cacheable,
    the_openapi_document_lists_every_api_route,
    every_paged_list_documents_its_page_parameters,
    every_reference_in_the_openapi_document_resolves,
];

async fn health_and_readiness_answer_ok(app: TestApp) {
    assert_eq!(app.get("/healthz", None).await.expect(200).text, "ok");
    assert_eq!(app.get("/readyz", None).await.expect(200).text, "ready");
}

async fn metrics_count_requests_by_matched_route(app: TestApp) {
    app.get(&app.a.api("/bodies"), None).await.expect(200);
    app.get(&app.a.api("/bodies"), None).await.expect(200);
    let metrics = app
        .get("/metrics", Some(METRICS_TOKEN))
        .await
        .expect(200)
        .text;
    assert!(
        metrics.contains(r#"quartier_http_requests_total{method="GET",route="/api/v1/municipalities/{municipality}/bodies",status="200"} 2"#),
        "{metrics}"
    );
    assert!(metrics.contains("quartier_http_request_duration_seconds_bucket"));
}

async fn metrics_are_served_only_with_the_configured_token(app: TestApp) {
    let anonymous = app.get("/metrics", None).await.expect(401);
    assert_eq!(anonymous.headers["www-authenticate"], "Bearer");
    assert_eq!(anonymous.json["status"], 401, "{}", anonymous.text);
    app.get("/metrics", Some("not-the-token")).await.expect(401);
    // A staff member's API token is not the scraper's.
    app.get("/metrics", Some(&app.a.coordinator))
        .await
        .expect(401);
    app.get("/metrics", Some(METRICS_TOKEN)).await.expect(200);
    // Without a configured token there are no metrics to find.
    let (unconfigured, _) = app.with_settings(Settings::for_database("")).await;
    unconfigured
        .get("/metrics", Some(METRICS_TOKEN))
        .await
        .expect(404);
}

async fn responses_are_no_store_unless_cacheable(app: TestApp) {
    let receipt = app
        .post(
            &app.a.api("/public/concerns"),
            None,
            crate::concerns::wilder_muell(),
        )
        .await
        .expect(201);
    let status_url = receipt.json["status_url"].as_str().unwrap().to_owned();
    let concern = app
        .get(&app.a.api("/concerns"), Some(&app.a.coordinator))
        .await
        .expect(200);
    let id = concern.json["items"][0]["id"].as_str().unwrap().to_owned();
    let reporter = app
        .get(
            &app.a.api(&format!("/concerns/{id}/reporter")),
            Some(&app.a.coordinator),
        )
        .await
        .expect(200);
    for (what, reply) in [
        ("receipt", &receipt),
        ("reporter", &reporter),
        ("status", &app.get(&status_url, None).await.expect(200)),
        ("list", &concern),
        ("problem", &app.get("/api/v1/unknown", None).await),
        ("health", &app.get("/healthz", None).await.expect(200)),
    ] {
        assert_eq!(reply.headers["cache-control"], "no-store", "{what}");
    }
    let page = app.get("/", None).await;
    let style = page
        .text
        .split("href=\"")
        .find_map(|rest| rest.split('"').next().filter(|h| h.starts_with("/static/")))
        .expect("the page links its stylesheet")
        .to_owned();
    let css = app.get(&style, None).await.expect(200);
    assert_eq!(
        css.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
}

/// Every (method, path) the API serves. The document is generated from the handlers, so this
/// list fails when a route is added without being documented or documented without existing.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/municipalities/{municipality}/concerns"),
    ("post", "/api/v1/municipalities/{municipality}/concerns"),
    (
        "post",
        "/api/v1/municipalities/{municipality}/public/concerns",
    ),
    ("get", "/api/v1/municipalities/{municipality}/concerns/{id}"),
    (
        "get",
        "/api/v1/municipalities/{municipality}/concerns/{id}/history",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/concerns/{id}/reporter",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/concerns/{id}/transitions",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/concerns/{id}/recheck",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/concerns/statistics",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/concern-categories",
    ),
    ("get", "/api/v1/public/concerns/{token}"),
    ("get", "/api/v1/municipalities/{municipality}/funds"),
    ("post", "/api/v1/municipalities/{municipality}/funds"),
    ("get", "/api/v1/municipalities/{municipality}/funds/{id}"),
    ("put", "/api/v1/municipalities/{municipality}/funds/{id}"),
    ("delete", "/api/v1/municipalities/{municipality}/funds/{id}"),
    (
        "get",
        "/api/v1/municipalities/{municipality}/funds/{id}/applications",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/funds/{id}/applications",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/fund-applications",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/fund-applications/{id}",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/fund-applications/{id}/applicant",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/fund-applications/{id}/transitions",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/fund-applications/{id}/recheck",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/public/fund-applications",
    ),
    ("get", "/api/v1/public/fund-applications/{token}"),
    ("get", "/api/v1/municipalities/{municipality}/task-matrix"),
    (
        "get",
        "/api/v1/municipalities/{municipality}/task-matrix/actors",
    ),
    (
        "put",
        "/api/v1/municipalities/{municipality}/task-matrix/actors/{actor}",
    ),
    (
        "delete",
        "/api/v1/municipalities/{municipality}/task-matrix/actors/{actor}",
    ),
    ("get", "/api/v1/municipalities/{municipality}/task-log"),
    ("post", "/api/v1/municipalities/{municipality}/task-log"),
    ("get", "/api/v1/municipalities/{municipality}/task-log/{id}"),
    (
        "delete",
        "/api/v1/municipalities/{municipality}/task-log/{id}",
    ),
    ("get", "/api/v1/municipalities"),
    ("post", "/api/v1/municipalities"),
    ("get", "/api/v1/municipalities/{municipality}"),
    ("put", "/api/v1/municipalities/{municipality}"),
    ("get", "/api/v1/municipalities/{municipality}/areas"),
    ("post", "/api/v1/municipalities/{municipality}/areas"),
    ("get", "/api/v1/municipalities/{municipality}/areas/{id}"),
    ("put", "/api/v1/municipalities/{municipality}/areas/{id}"),
    ("delete", "/api/v1/municipalities/{municipality}/areas/{id}"),
    ("get", "/api/v1/organisations"),
    ("post", "/api/v1/organisations"),
    ("get", "/api/v1/organisations/{id}"),
    ("put", "/api/v1/organisations/{id}"),
    ("delete", "/api/v1/organisations/{id}"),
    ("get", "/api/v1/municipalities/{municipality}/persons"),
    ("post", "/api/v1/municipalities/{municipality}/persons"),
    ("get", "/api/v1/municipalities/{municipality}/persons/{id}"),
    ("put", "/api/v1/municipalities/{municipality}/persons/{id}"),
    (
        "post",
        "/api/v1/municipalities/{municipality}/persons/{id}/erasure",
    ),
    ("get", "/api/v1/municipalities/{municipality}/bodies"),
    ("post", "/api/v1/municipalities/{municipality}/bodies"),
    ("get", "/api/v1/municipalities/{municipality}/bodies/{id}"),
    ("put", "/api/v1/municipalities/{municipality}/bodies/{id}"),
    (
        "delete",
        "/api/v1/municipalities/{municipality}/bodies/{id}",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/bodies/{id}/memberships",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/bodies/{id}/memberships",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/memberships/{id}",
    ),
    (
        "put",
        "/api/v1/municipalities/{municipality}/memberships/{id}",
    ),
    (
        "delete",
        "/api/v1/municipalities/{municipality}/memberships/{id}",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/bodies/{id}/join-requests",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/bodies/{id}/join-requests",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/join-requests/{id}",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/join-requests/{id}/decision",
    ),
    ("get", "/api/v1/municipalities/{municipality}/meetings"),
    ("post", "/api/v1/municipalities/{municipality}/meetings"),
    ("get", "/api/v1/municipalities/{municipality}/meetings/{id}"),
    ("put", "/api/v1/municipalities/{municipality}/meetings/{id}"),
    (
        "delete",
        "/api/v1/municipalities/{municipality}/meetings/{id}",
    ),
    (
        "put",
        "/api/v1/municipalities/{municipality}/meetings/{id}/agenda",
    ),
    (
        "put",
        "/api/v1/municipalities/{municipality}/meetings/{id}/attendance",
    ),
    ("get", "/api/v1/municipalities/{municipality}/audit"),
    ("get", "/api/v1/municipalities/{municipality}/plugins"),
    ("post", "/api/v1/municipalities/{municipality}/plugins"),
    ("get", "/api/v1/municipalities/{municipality}/plugins/{id}"),
    (
        "post",
        "/api/v1/municipalities/{municipality}/plugins/{id}/activation",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/plugins/{id}/stats",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/plugins/rollback",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/plugins/deactivation",
    ),
    ("get", "/api/v1/municipalities/{municipality}/forms/{kind}"),
    // Projects (Maßnahmen) and contracts (Kontrakte).
    ("get", "/api/v1/municipalities/{municipality}/projects"),
    ("post", "/api/v1/municipalities/{municipality}/projects"),
    ("get", "/api/v1/municipalities/{municipality}/projects/{id}"),
    ("put", "/api/v1/municipalities/{municipality}/projects/{id}"),
    (
        "delete",
        "/api/v1/municipalities/{municipality}/projects/{id}",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/projects/{id}/transitions",
    ),
    (
        "put",
        "/api/v1/municipalities/{municipality}/projects/{id}/goals",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/projects/{id}/measurements",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/projects/{id}/measurements",
    ),
    ("get", "/api/v1/municipalities/{municipality}/contracts"),
    ("post", "/api/v1/municipalities/{municipality}/contracts"),
    (
        "get",
        "/api/v1/municipalities/{municipality}/contracts/{id}",
    ),
    (
        "put",
        "/api/v1/municipalities/{municipality}/contracts/{id}",
    ),
    (
        "delete",
        "/api/v1/municipalities/{municipality}/contracts/{id}",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/contracts/{id}/reviews",
    ),
    // The exchange: shared items and the centre's catalogue.
    (
        "get",
        "/api/v1/municipalities/{municipality}/exchange/items",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/exchange/items",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/exchange/items/{id}/withdraw",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/exchange/catalogue",
    ),
    (
        "put",
        "/api/v1/municipalities/{municipality}/exchange/items/{id}/attachment",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/exchange/catalogue/{site}/{id}/attachment",
    ),
    // Reports.
    (
        "get",
        "/api/v1/municipalities/{municipality}/reports/{kind}",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/reports/{kind}/publications",
    ),
    (
        "delete",
        "/api/v1/municipalities/{municipality}/report-publications/{id}",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/reports/{kind}/dataset",
    ),
    // Self-evaluations.
    (
        "get",
        "/api/v1/municipalities/{municipality}/self-evaluations",
    ),
    (
        "post",
        "/api/v1/municipalities/{municipality}/self-evaluations",
    ),
    (
        "get",
        "/api/v1/municipalities/{municipality}/self-evaluations/{id}",
    ),
    (
        "delete",
        "/api/v1/municipalities/{municipality}/self-evaluations/{id}",
    ),
];

async fn the_openapi_document_lists_every_api_route(app: TestApp) {
    let doc = app.get("/api/v1/openapi.json", None).await.expect(200).json;
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                documented.push((method.clone(), path.clone()));
            }
        }
    }
    documented.sort();
    let mut expected: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    expected.sort();
    assert_eq!(documented, expected);
    // Each documented route answers something other than "no such route".
    for (method, path) in ROUTES {
        let concrete = path
            .replace("{municipality}", &app.a.slug)
            .replace("{id}", &uuid::Uuid::now_v7().to_string());
        let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let reply = app
            .send(
                method.clone(),
                &concrete,
                Some(&app.admin),
                &[("content-type", "application/json")],
                Some(b"{}".to_vec()),
            )
            .await;
        assert_ne!(reply.status, 405, "{method} {concrete} is routed");
        assert!(
            reply.status < 500,
            "{method} {concrete} answered {}: {}",
            reply.status,
            reply.text
        );
    }
}

async fn every_paged_list_documents_its_page_parameters(app: TestApp) {
    let doc = app.get("/api/v1/openapi.json", None).await.expect(200).json;
    let mut lists = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let Some(get) = item.get("get") else { continue };
        let answer = get["responses"]["200"]["content"]["application/json"]["schema"].to_string();
        if !answer.contains("Page") {
            continue;
        }
        lists += 1;
        let names: Vec<&str> = get["parameters"]
            .as_array()
            .map(|ps| ps.iter().filter_map(|p| p["name"].as_str()).collect())
            .unwrap_or_default();
        for name in ["limit", "offset"] {
            let count = names.iter().filter(|n| **n == name).count();
            assert_eq!(
                count, 1,
                "{path} documents `{name}` {count} times: {names:?}"
            );
        }
        assert!(!names.contains(&"page"), "{path}: {names:?}");
    }
    assert!(lists >= 17, "only {lists} paged lists found");
}

/// A `$ref` to a component utoipa did not collect loads in no OpenAPI client (schemathesis
/// refuses the whole operation), so every reference must point at something that exists.
async fn every_reference_in_the_openapi_document_resolves(app: TestApp) {
    fn refs<'a>(value: &'a serde_json::Value, found: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(target) = map.get("$ref").and_then(|r| r.as_str()) {
                    found.push(target);
                }
                map.values().for_each(|v| refs(v, found));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
            _ => {}
        }
    }
    let doc = app.get("/api/v1/openapi.json", None).await.expect(200).json;
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(found.len() > 50, "only {} references", found.len());
    for target in found {
        let pointer = target.strip_prefix('#').expect("a local reference");
        assert!(doc.pointer(pointer).is_some(), "{target} does not resolve");
    }
}

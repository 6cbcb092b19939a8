//! What an outside caller can send that no person means: control characters in text, a
//! `%00` in a path or query, a wrong method, a forged `X-Forwarded-For`. Each gets a
//! precise problem answer, and nothing stored becomes unreadable.

use quartier::config::Settings;
use reqwest::Method;
use serde_json::{Value, json};

use crate::bodies::body;
use crate::concerns::wilder_muell;
use crate::support::TestApp;

crate::tests![
    nul_and_other_control_characters_in_text_are_refused_with_their_pointer,
    a_control_character_in_a_path_is_a_404_and_in_a_query_a_422,
    a_wrong_method_and_the_api_root_answer_problems,
    a_forwarded_address_counts_only_behind_a_trusted_proxy,
    the_openapi_document_lists_the_values_the_api_accepts,
];

async fn nul_and_other_control_characters_in_text_are_refused_with_their_pointer(app: TestApp) {
    for (text, pointer) in [
        (
            r#"{"kind": "runder_tisch", "name": "Runder\u0000Tisch", "public": true}"#,
            "/name",
        ),
        (
            r#"{"kind": "runder_tisch", "name": "Tisch", "public": true, "rhythm": "\u001b[31m"}"#,
            "/rhythm",
        ),
        (
            r#"{"kind": "runder_tisch", "name": "a\bb", "public": true}"#,
            "/name",
        ),
    ] {
        let reply = app
            .send(
                Method::POST,
                &app.a.api("/bodies"),
                Some(&app.a.qm),
                &[("content-type", "application/json")],
                Some(text.as_bytes().to_vec()),
            )
            .await
            .expect(422);
        assert_eq!(
            reply.json["errors"][0]["code"], "control_character",
            "{}",
            reply.text
        );
        assert_eq!(
            reply.json["errors"][0]["pointer"], pointer,
            "{}",
            reply.text
        );
    }
    // Tab and line feed are text in a long text (not in a name); an escaped backslash
    // before `u0000` is no control.
    let mut fine = body("Runder Tisch", true);
    fine["rhythm"] = json!("monatlich\tim Stadtteilbüro\n \\u0000");
    app.post(&app.a.api("/bodies"), Some(&app.a.qm), fine)
        .await
        .expect(201);
    let reply = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            body("Runder\tTisch", true),
        )
        .await
        .expect(422);
    assert_eq!(reply.json["errors"][0]["code"], "control_character");
    // A resident's form is checked the same way.
    let mut concern = wilder_muell();
    concern["text"] = json!("Müll\u{0}");
    let reply = app
        .post(&app.a.api("/public/concerns"), None, concern)
        .await
        .expect(422);
    assert_eq!(reply.json["errors"][0]["pointer"], "/text");
    for page in ["/bodies", "/meetings"] {
        app.get(&app.a.api(page), Some(&app.a.qm)).await.expect(200);
    }
}

async fn a_control_character_in_a_path_is_a_404_and_in_a_query_a_422(app: TestApp) {
    for path in [
        "/api/v1/municipalities/aa%00chen/bodies",
        "/kommunen/aa%00chen",
    ] {
        let reply = app.get(path, None).await.expect(404);
        assert_eq!(reply.code(), "not_found", "{path}");
    }
    let reply = app
        .get(&app.a.api("/meetings?state=geplant%00"), Some(&app.a.qm))
        .await
        .expect(422);
    assert_eq!(reply.code(), "control_character");
}

async fn a_wrong_method_and_the_api_root_answer_problems(app: TestApp) {
    let reply = app
        .send(
            Method::PATCH,
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            &[],
            None,
        )
        .await
        .expect(405);
    assert_eq!(reply.headers["content-type"], "application/problem+json");
    assert_eq!(reply.code(), "method_not_allowed");
    for root in ["/api/v1", "/api/v1/"] {
        let reply = app.get(root, None).await.expect(404);
        assert_eq!(
            reply.headers["content-type"], "application/problem+json",
            "{root}"
        );
    }
}

async fn a_forwarded_address_counts_only_behind_a_trusted_proxy(app: TestApp) {
    let submit = |server: &TestApp, client: &'static str| {
        let server = server.clone();
        async move {
            let body = serde_json::to_vec(&wilder_muell()).unwrap();
            server
                .send(
                    Method::POST,
                    &server.a.api("/public/concerns"),
                    None,
                    &[
                        ("content-type", "application/json"),
                        ("x-forwarded-for", client),
                    ],
                    Some(body),
                )
                .await
        }
    };
    let mut settings = Settings::for_database("");
    settings.public_intake.submissions_per_window = 1;
    // Not trusted: the header is the client's own claim, and both count as the peer.
    let (direct, _) = app.with_settings(settings.clone()).await;
    submit(&direct, "192.0.2.1").await.expect(201);
    let refused = submit(&direct, "192.0.2.2").await.expect(429);
    assert!(refused.headers.contains_key("retry-after"));
    // Behind a trusted proxy (the test's loopback peer): two residents, two quotas.
    settings.public_intake.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
    let (proxied, _) = app.with_settings(settings).await;
    submit(&proxied, "192.0.2.1").await.expect(201);
    submit(&proxied, "192.0.2.2").await.expect(201);
    submit(&proxied, "198.51.100.9, 192.0.2.2")
        .await
        .expect(429);
}

async fn the_openapi_document_lists_the_values_the_api_accepts(app: TestApp) {
    let document = app.get("/api/v1/openapi.json", None).await.expect(200).json;
    let schemas = &document["components"]["schemas"];
    let area_kind = serde_json::to_string(&schemas["AreaKind"]).unwrap();
    assert!(area_kind.contains("\"qm_gebiet\""), "{area_kind}");
    assert!(!area_kind.contains("\"QmGebiet\""), "{area_kind}");
    for name in [
        "FundTransitionInput",
        "ProjectTransitionInput",
        "ConcernTransitionInput",
        "ProjectTargetInput",
        "ContractTargetInput",
    ] {
        assert!(schemas.get(name).is_some(), "{name} missing");
    }
    let create_body = &document["paths"]["/api/v1/municipalities/{municipality}/bodies"]["post"];
    assert!(create_body["responses"]["default"]["content"]["application/problem+json"].is_object());
    let not_json: Vec<&Value> = document["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .flat_map(|op| op["responses"].as_object().into_iter().flatten())
        .map(|(_, response)| response)
        .filter(|r| {
            r["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/Problem"
        })
        .collect();
    assert!(
        not_json.is_empty(),
        "problems documented as application/json: {not_json:?}"
    );
}

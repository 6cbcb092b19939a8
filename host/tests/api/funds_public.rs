//! The public side of fund applications: the private status link, and a failing plugin
//! that never loses an application.

use serde_json::{Value, json};

use crate::funds::{form, fund, id};
use crate::support::TestApp;

crate::tests![
    a_status_link_shows_only_its_own_application,
    a_failing_plugin_never_loses_an_application,
    errors_of_a_public_application_point_into_the_application,
];

async fn a_status_link_shows_only_its_own_application(app: TestApp) {
    let a = &app.a;
    let fund = fund(
        &app,
        a,
        json!({"kind": "verfuegungsfonds", "name": "Verfügungsfonds",
        "year": 2027, "budget_cents": 100_000}),
    )
    .await;
    let public = a.api("/public/fund-applications");
    let submit = |title: &'static str, amount: i64| {
        app.post(
            &public,
            None,
            json!({"fund": fund, "application": form(title, amount)}),
        )
    };
    let first = submit("Erstes Vorhaben", 10_000).await.expect(201);
    let second = submit("Zweites Vorhaben", 20_000).await.expect(201);
    let one = app
        .get(first.json["status_url"].as_str().unwrap(), None)
        .await
        .expect(200);
    assert_eq!(one.json["reference"], first.json["reference"]);
    assert_eq!(one.json["requested_cents"], 10_000);
    assert_eq!(one.json["state_label"], "eingereicht");
    // Nothing of the form or of anyone else.
    for absent in [
        "Erstes Vorhaben",
        "Zweites Vorhaben",
        "Elterninitiative",
        second.json["reference"].as_str().unwrap(),
    ] {
        assert!(!one.text.contains(absent), "{absent} in {}", one.text);
    }
    let keys: Vec<&String> = one.json.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 11, "{keys:?}");
    app.get("/api/v1/public/fund-applications/unbekannt", None)
        .await
        .expect(404);
    // The honeypot and a fund of another municipality are refused.
    app.post(
        &a.api("/public/fund-applications"),
        None,
        json!({"fund": fund, "application": form("Spam", 1_000), "website": "http://x"}),
    )
    .await
    .expect(422);
    let foreign = app
        .post(
            &app.b.api("/public/fund-applications"),
            None,
            json!({"fund": fund, "application": form("Falsch", 1_000)}),
        )
        .await
        .expect(422);
    assert_eq!(foreign.json["errors"][0]["pointer"], "/fund");
}

async fn a_failing_plugin_never_loses_an_application(app: TestApp) {
    let a = &app.a;
    let bytes = quartier_plugin_components::get("hostile_not_json")
        .unwrap()
        .to_vec();
    let plugin = id(app
        .send(
            reqwest::Method::POST,
            &a.api("/plugins"),
            Some(&a.coordinator),
            &[("content-type", "application/wasm")],
            Some(bytes),
        )
        .await);
    app.post(
        &a.api(&format!("/plugins/{plugin}/activation")),
        Some(&a.coordinator),
        Value::Null,
    )
    .await
    .expect(200);
    let fund = fund(
        &app,
        a,
        json!({"kind": "verfuegungsfonds", "name": "Verfügungsfonds",
        "year": 2027, "budget_cents": 100_000}),
    )
    .await;
    let receipt = app
        .post(
            &a.api("/public/fund-applications"),
            None,
            json!({"fund": fund, "application": form("Stadtteilfest", 10_000)}),
        )
        .await
        .expect(201);
    assert_eq!(receipt.json["manual_review"], true);
    let list = app
        .get(&a.api("/fund-applications"), Some(&a.qm))
        .await
        .expect(200);
    let stored = &list.json["items"][0];
    assert_eq!(stored["review_state"], "manuelle_pruefung");
    assert_eq!(stored["routing_source"], "host");
    assert_eq!(
        stored["steps"],
        json!([{"action": "decide", "by": "qm", "body_id": null}])
    );
    assert_eq!(stored["form_data"]["title"], "Stadtteilfest");
    let id = stored["id"].as_str().unwrap().to_owned();
    // Once the plugin is gone (or fixed), the QM re-runs the check.
    app.post(
        &a.api("/plugins/deactivation"),
        Some(&a.coordinator),
        Value::Null,
    )
    .await
    .expect(204);
    let path = a.api(&format!("/fund-applications/{id}/recheck"));
    app.post(&path, Some(&a.member), Value::Null)
        .await
        .expect(404);
    let rechecked = app.post(&path, Some(&a.qm), Value::Null).await.expect(200);
    assert_eq!(rechecked.json["review_state"], "geprueft");
    assert_eq!(rechecked.json["review_reason"], Value::Null);
}

/// The public body wraps the form (`{"fund": …, "application": {…}}`), so every field error
/// points into `/application/…`, the schema's as well as the host's own checks.
async fn errors_of_a_public_application_point_into_the_application(app: TestApp) {
    let a = &app.a;
    let fund = fund(
        &app,
        a,
        json!({"kind": "verfuegungsfonds", "name": "Verfügungsfonds",
        "year": 2027, "budget_cents": 100_000}),
    )
    .await;
    let mut application = form("Fest", 10_000);
    application["description"] = json!("kurz");
    application["participation"] = Value::Null;
    let refused = app
        .post(
            &a.api("/public/fund-applications"),
            None,
            json!({"fund": fund, "application": application}),
        )
        .await
        .expect(422);
    let pointers: Vec<&str> = refused.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert!(!pointers.is_empty(), "{}", refused.text);
    for pointer in &pointers {
        assert!(pointer.starts_with("/application/"), "{}", refused.text);
    }
    assert!(
        pointers.contains(&"/application/description"),
        "{pointers:?}"
    );
}

//! The rules layer seen from outside: what a resident and staff get when the municipality's
//! plugin answers garbage or lies about itself, and that `describe` is asked once per plugin
//! version, not per request.

use serde_json::Value;

use crate::concerns::wilder_muell;
use crate::support::TestApp;

crate::tests![
    a_concern_whose_route_fails_is_reported_as_manual_review,
    a_lying_describe_is_refused_at_install_with_a_german_reason,
    describe_runs_once_per_plugin_version_not_per_request,
    a_new_active_version_is_asked_anew,
];

/// Adapting the form and validating work; only `route` answers a decision that exists in no
/// schema. The stored concern waits for a person — and the resident is told so.
async fn a_concern_whose_route_fails_is_reported_as_manual_review(app: TestApp) {
    app.activate_plugin(&app.a, "hostile_garbage_route").await;
    let receipt = app
        .post(&app.a.api("/public/concerns"), None, wilder_muell())
        .await
        .expect(201);
    assert_eq!(receipt.json["manual_review"], true, "{}", receipt.text);
    assert!(
        receipt.json["message"]
            .as_str()
            .unwrap()
            .contains("von einer Person geprüft")
    );
    let list = app
        .get(&app.a.api("/concerns"), Some(&app.a.qm))
        .await
        .expect(200);
    let stored = &list.json["items"][0];
    assert_eq!(stored["reference"], receipt.json["reference"]);
    assert_eq!(stored["review_state"], "manuelle_pruefung", "{stored}");
    assert_eq!(stored["review_reason"], "plugin_output_invalid");
    assert_eq!(stored["proposal"], Value::Null);
}

/// The fixture claims to be `aachen 1.0.0` and offers a key `Böser Schlüssel!`, a label
/// `<b>fett</b>` and `wilder_muell` twice.
async fn a_lying_describe_is_refused_at_install_with_a_german_reason(app: TestApp) {
    let bytes = quartier_plugin_components::get("hostile_lying_describe")
        .expect("built")
        .to_vec();
    let reply = app
        .send(
            reqwest::Method::POST,
            &app.a.api("/plugins"),
            Some(&app.a.coordinator),
            &[("content-type", "application/wasm")],
            Some(bytes),
        )
        .await
        .expect(422);
    assert_eq!(reply.code(), "plugin_describe_failed", "{}", reply.text);
    assert!(reply.text.contains("Selbstbeschreibung"), "{}", reply.text);
    let versions = app
        .get(&app.a.api("/plugins"), Some(&app.a.coordinator))
        .await
        .expect(200);
    assert_eq!(versions.json["total"], 0, "{}", versions.text);
    // Residents still get the host's own categories.
    let categories = app
        .get(&app.a.api("/concern-categories"), None)
        .await
        .expect(200);
    assert!(!categories.text.contains("fett"), "{}", categories.text);
}

async fn describe_runs_once_per_plugin_version_not_per_request(app: TestApp) {
    let id = app.activate_plugin(&app.a, "quartier_sample_plugin").await;
    for _ in 0..5 {
        let categories = app
            .get(&app.a.api("/concern-categories"), None)
            .await
            .expect(200);
        assert!(
            categories.text.contains("schlagloch"),
            "{}",
            categories.text
        );
    }
    let stats = app
        .get(
            &app.a.api(&format!("/plugins/{id}/stats")),
            Some(&app.a.coordinator),
        )
        .await
        .expect(200);
    assert_eq!(stats.json["hooks"]["describe"], 1, "{}", stats.text);
}

/// What was kept for the previous version (its catalogue) is not served after a switch.
async fn a_new_active_version_is_asked_anew(app: TestApp) {
    app.activate_plugin(&app.a, "quartier_sample_plugin").await;
    let sample = app
        .get(&app.a.api("/concern-categories"), None)
        .await
        .expect(200);
    assert!(sample.text.contains("schlagloch"), "{}", sample.text);
    app.activate_plugin(&app.a, "quartier_plugin_aachen").await;
    let aachen = app
        .get(&app.a.api("/concern-categories"), None)
        .await
        .expect(200);
    assert_ne!(aachen.json, sample.json, "{}", aachen.text);
    app.post(
        &app.a.api("/plugins/deactivation"),
        Some(&app.a.coordinator),
        Value::Null,
    )
    .await
    .expect(204);
    let base = app
        .get(&app.a.api("/concern-categories"), None)
        .await
        .expect(200);
    assert!(base.text.contains("sonstiges"), "{}", base.text);
}

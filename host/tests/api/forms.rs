//! Forms: the effective schema a municipality serves (base, adapted by its plugin, or the
//! base again when the plugin misbehaves) and the submission check with a real app state —
//! every schema error with its pointer, plugin errors block, warnings pass, a failing plugin
//! sends the submission to manual review. Also the public intake's limits.

use std::net::IpAddr;

use axum::response::IntoResponse;
use quartier::config::Settings;
use quartier::error::Error;
use quartier::forms::{self, Checked, Review};
use quartier::plugins::FormKind;
use quartier::state::AppState;
use serde_json::{Value, json};

use crate::support::TestApp;

crate::tests![
    a_municipality_without_plugin_serves_the_base_form_to_anyone,
    an_unknown_form_kind_is_a_404,
    the_aachen_plugin_adds_its_concern_categories_to_the_form_of_aachen_only,
    a_plugin_answering_garbage_falls_back_to_the_base_form,
    every_schema_violation_is_reported_with_its_pointer_and_a_german_text,
    plugin_errors_block_and_plugin_warnings_pass,
    a_crashing_plugin_sends_a_valid_submission_to_manual_review,
    a_plugin_whose_form_adaptation_fails_sends_submissions_to_manual_review,
    an_exponential_form_schema_is_refused_and_the_base_form_used,
    the_aachen_forms_are_far_within_the_schema_cost_budget,
    public_intake_limits_submissions_per_address_and_refuses_a_filled_honeypot,
];

fn base(kind: &str) -> Value {
    let text = match kind {
        "concern" => include_str!("../../../schemas/forms/concern.schema.json"),
        "fund-application" => include_str!("../../../schemas/forms/fund-application.schema.json"),
        _ => unreachable!(),
    };
    serde_json::from_str(text).unwrap()
}

fn example(kind: &str) -> Value {
    let text = match kind {
        "concern" => include_str!("../../../schemas/forms/examples/concern.json"),
        "fund-application" => include_str!("../../../schemas/forms/examples/fund-application.json"),
        _ => unreachable!(),
    };
    serde_json::from_str(text).unwrap()
}

/// Uploads and activates a built component for municipality A through `server`.
async fn activate(server: &TestApp, name: &str) {
    let bytes = quartier_plugin_components::get(name).unwrap().to_vec();
    let reply = server
        .send(
            reqwest::Method::POST,
            &server.a.api("/plugins"),
            Some(&server.a.coordinator),
            &[("content-type", "application/wasm")],
            Some(bytes),
        )
        .await
        .expect(201);
    let id = reply.json["id"].as_str().unwrap();
    server
        .post(
            &server.a.api(&format!("/plugins/{id}/activation")),
            Some(&server.a.coordinator),
            Value::Null,
        )
        .await
        .expect(200);
}

async fn check(
    state: &AppState,
    app: &TestApp,
    kind: FormKind,
    data: &Value,
) -> Result<Checked, Error> {
    forms::check_submission(state, app.a.id, &app.a.slug, kind, data).await
}

fn rejected(result: Result<Checked, Error>) -> Vec<(String, String, String)> {
    match result {
        Err(Error::FormInvalid(errors)) => errors
            .into_iter()
            .map(|e| (e.pointer, e.code.into_owned(), e.detail))
            .collect(),
        other => panic!("expected a rejection, got {other:?}"),
    }
}

async fn a_municipality_without_plugin_serves_the_base_form_to_anyone(app: TestApp) {
    for kind in ["concern", "fund-application"] {
        let reply = app.get(&app.a.api(&format!("/forms/{kind}")), None).await;
        assert_eq!(reply.expect(200).json, base(kind));
    }
    for kind in [
        "project-dossier",
        "contract",
        "meeting-minutes",
        "self-evaluation",
    ] {
        let reply = app.get(&app.b.api(&format!("/forms/{kind}")), None).await;
        assert_eq!(reply.expect(200).json["type"], "object", "{kind}");
    }
}

async fn an_unknown_form_kind_is_a_404(app: TestApp) {
    let reply = app.get(&app.a.api("/forms/antrag"), None).await.expect(404);
    assert_eq!(reply.code(), "not_found");
    app.get("/api/v1/municipalities/nirgendwo/forms/concern", None)
        .await
        .expect(404);
}

async fn the_aachen_plugin_adds_its_concern_categories_to_the_form_of_aachen_only(app: TestApp) {
    let (server, _state) = app.with_settings(Settings::for_database("")).await;
    activate(&server, "quartier_plugin_aachen").await;
    let form = server
        .get(&app.a.api("/forms/concern"), None)
        .await
        .expect(200)
        .json;
    assert_eq!(form["title"], "Ihr Anliegen an das Quartiersmanagement");
    let keys: Vec<&str> = form["properties"]["category"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["const"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"wilder_muell"), "{keys:?}");
    assert!(form["properties"]["lebensraum"].is_object());
    // Berlin has no plugin: the base form.
    let other = server
        .get(&app.b.api("/forms/concern"), None)
        .await
        .expect(200)
        .json;
    assert_eq!(other, base("concern"));
}

async fn a_plugin_answering_garbage_falls_back_to_the_base_form(app: TestApp) {
    let (server, _state) = app.with_settings(Settings::for_database("")).await;
    activate(&server, "hostile_not_json").await;
    let form = server
        .get(&app.a.api("/forms/concern"), None)
        .await
        .expect(200)
        .json;
    assert_eq!(form, base("concern"));
}

async fn every_schema_violation_is_reported_with_its_pointer_and_a_german_text(app: TestApp) {
    let (_server, state) = app.with_settings(Settings::for_database("")).await;
    assert!(
        check(&state, &app, FormKind::Concern, &example("concern"))
            .await
            .is_ok()
    );
    let invalid = json!({
        "category": "Wilder Müll!",
        "text": "kurz",
        "location": {"lat": 123.5},
        "hinweis": "unbekannt",
    });
    let mut errors = rejected(check(&state, &app, FormKind::Concern, &invalid).await);
    errors.sort();
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|(p, c, _)| (p.as_str(), c.as_str()))
        .collect();
    for expected in [
        ("/category", "pattern_mismatch"),
        ("/text", "too_short"),
        ("/location/lat", "out_of_range"),
        ("/location/lon", "required"),
        ("/hinweis", "unknown_field"),
    ] {
        assert!(
            found.contains(&expected),
            "{expected:?} missing in {errors:?}"
        );
    }
    let text = errors.iter().find(|(p, _, _)| p == "/text").unwrap();
    assert_eq!(text.2, "Der Text ist zu kurz (mindestens 10 Zeichen).");
    // The whole document at once: a missing required field, a wrong type.
    let errors = rejected(check(&state, &app, FormKind::Concern, &json!({"text": 5})).await);
    assert!(
        errors
            .iter()
            .any(|(p, c, _)| p == "/category" && c == "required")
    );
    assert!(
        errors.iter().any(|(p, c, d)| p == "/text"
            && c == "wrong_type"
            && d == "Hier wird ein Text erwartet.")
    );
    // As the API answers it.
    let error = check(&state, &app, FormKind::Concern, &json!({}))
        .await
        .unwrap_err();
    let response = error.into_response();
    assert_eq!(response.status(), 422);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["code"], "form_invalid");
    assert_eq!(body["errors"].as_array().unwrap().len(), 2, "{body}");
}

/// A Stadtteilfonds application as Aachen's form wants it.
fn aachen_application() -> Value {
    let mut form = example("fund-application");
    form["field_of_action"] = json!("nachbarschaft_begegnung");
    form["lebensraum"] = json!("Rothe Erde");
    form["stadtteilkonferenz"] = json!("Stadtteilkonferenz Aachen-Ost");
    form["own_initiative"] = json!("Wir bauen auf, backen Kuchen und stellen die Musikanlage.");
    form
}

async fn plugin_errors_block_and_plugin_warnings_pass(app: TestApp) {
    let (server, state) = app.with_settings(Settings::for_database("")).await;
    activate(&server, "quartier_plugin_aachen").await;
    let kind = FormKind::FundApplication;
    let checked = check(&state, &app, kind, &aachen_application())
        .await
        .unwrap();
    assert_eq!(checked.review, Review::Checked);
    let codes: Vec<&str> = checked.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["keine-institution-beteiligt"]);
    assert_eq!(
        checked.warnings[0].pointer.as_deref(),
        Some("/partner_institutions")
    );
    // The adapted schema applies: Aachen requires the Lebensraum.
    let mut without = aachen_application();
    without.as_object_mut().unwrap().remove("lebensraum");
    let errors = rejected(check(&state, &app, kind, &without).await);
    assert_eq!(errors[0].0, "/lebensraum");
    // A rule only the plugin knows: the end before the start.
    let mut backwards = aachen_application();
    backwards["schedule"] = json!({"start": "2027-07-10", "end": "2027-05-01"});
    let errors = rejected(check(&state, &app, kind, &backwards).await);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "/schedule/end");
    assert_eq!(errors[0].1, "zeitraum-ungueltig");
    assert_eq!(
        errors[0].2,
        "Das Ende des Projekts liegt vor seinem Beginn."
    );
}

async fn a_crashing_plugin_sends_a_valid_submission_to_manual_review(app: TestApp) {
    let (server, state) = app.with_settings(Settings::for_database("")).await;
    activate(&server, "hostile_panic").await;
    let checked = check(&state, &app, FormKind::Concern, &example("concern"))
        .await
        .unwrap();
    assert_eq!(
        checked.review,
        Review::Manual {
            reason: "plugin_panic".to_owned()
        }
    );
    // The schema still applies.
    let errors = rejected(check(&state, &app, FormKind::Concern, &json!({"text": "x"})).await);
    assert!(
        errors
            .iter()
            .any(|(p, c, _)| p == "/category" && c == "required")
    );
}

async fn a_plugin_whose_form_adaptation_fails_sends_submissions_to_manual_review(app: TestApp) {
    let (server, state) = app.with_settings(Settings::for_database("")).await;
    activate(&server, "hostile_not_json").await;
    let checked = check(&state, &app, FormKind::Concern, &example("concern"))
        .await
        .unwrap();
    assert_eq!(
        checked.review,
        Review::Manual {
            reason: "plugin_output_not_json".to_owned()
        }
    );
}

/// The adapted schema would visit one subschema 2^26 times per submission; the host counts
/// its expanded size before using it, refuses it, and checks against the base form.
async fn an_exponential_form_schema_is_refused_and_the_base_form_used(app: TestApp) {
    let (server, state) = app.with_settings(Settings::for_database("")).await;
    activate(&server, "hostile_exponential_schema").await;
    let form = server
        .get(&app.a.api("/forms/concern"), None)
        .await
        .expect(200)
        .json;
    assert_eq!(form, base("concern"));
    let started = std::time::Instant::now();
    let checked = check(&state, &app, FormKind::Concern, &example("concern"))
        .await
        .unwrap();
    assert_eq!(
        checked.review,
        Review::Manual {
            reason: "plugin_output_invalid".to_owned()
        }
    );
    // Not a timing bar, a sanity bound: 2^26 evaluations would take many seconds.
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let receipt = server
        .post(&app.a.api("/public/concerns"), None, example("concern"))
        .await
        .expect(201);
    assert_eq!(receipt.json["manual_review"], true, "{}", receipt.text);
}

/// Aachen adapts the concern and fund application forms; their expanded size is measured
/// here against the budget (`rules::schema_cost::COST_MAX`).
async fn the_aachen_forms_are_far_within_the_schema_cost_budget(app: TestApp) {
    use quartier::rules::schema_cost::{COST_MAX, cost};
    let (server, _state) = app.with_settings(Settings::for_database("")).await;
    activate(&server, "quartier_plugin_aachen").await;
    for kind in ["concern", "fund-application"] {
        let form = server
            .get(&app.a.api(&format!("/forms/{kind}")), None)
            .await
            .expect(200)
            .json;
        assert_ne!(form, base(kind), "Aachen adapts {kind}");
        let cost = cost(&form).unwrap();
        assert!(cost < COST_MAX / 100, "{kind}: {cost}");
    }
}

async fn public_intake_limits_submissions_per_address_and_refuses_a_filled_honeypot(app: TestApp) {
    let mut settings = Settings::for_database("");
    settings.public_intake.submissions_per_window = 3;
    let (_server, state) = app.with_settings(settings).await;
    let ip: IpAddr = "198.51.100.7".parse().unwrap();
    let data = json!({"text": "Hallo", "website": ""});
    for _ in 0..3 {
        forms::public::admit(&state, app.a.id, ip.into(), &data)
            .await
            .unwrap();
    }
    let refused = forms::public::admit(&state, app.a.id, ip.into(), &data)
        .await
        .unwrap_err();
    let response = refused.into_response();
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=600).contains(&retry_after), "{retry_after}");
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["code"], "too_many_requests");
    assert!(
        body["detail"].as_str().unwrap().contains("höchstens 3"),
        "{body}"
    );
    // Another address and another municipality are not affected.
    let other: IpAddr = "198.51.100.8".parse().unwrap();
    forms::public::admit(&state, app.a.id, other.into(), &data)
        .await
        .unwrap();
    forms::public::admit(&state, app.b.id, ip.into(), &data)
        .await
        .unwrap();
    // A script that fills in the hidden field is told so.
    let spam = json!({"text": "Hallo", "website": "https://spam.invalid"});
    let error = forms::public::admit(&state, app.b.id, other.into(), &spam)
        .await
        .unwrap_err();
    let Error::FormInvalid(errors) = error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (errors[0].pointer.as_str(), &*errors[0].code),
        ("/website", "must_be_empty")
    );
    // Too large.
    let huge = json!({"text": "x".repeat(200 * 1024)});
    let error = forms::public::admit(
        &state,
        app.b.id,
        "203.0.113.1".parse::<std::net::IpAddr>().unwrap().into(),
        &huge,
    )
    .await
    .unwrap_err();
    assert_eq!(error.into_response().status(), 413);
}

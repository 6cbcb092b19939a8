//! The plugin registry: upload, list, activate, roll back, deactivate, statistics, and the
//! plugin host that features call.

use std::collections::HashSet;

use quartier::config::Settings;
use quartier::plugins::{Answer, FormKind};
use quartier::rules::{ConcernRoute, HostError, OwnedRequest, RouteRequest, Ruling, StepAction};
use serde_json::Value;

use crate::support::{Reply, Tenant, TestApp};

pub mod uploads;

crate::tests![
    an_uploaded_sample_plugin_is_recorded_inactive_with_its_own_description,
    an_activated_version_is_listed_as_the_active_one,
    rolling_back_returns_to_the_version_active_before,
    deactivating_leaves_no_plugin_active_and_rollback_undoes_it,
    a_component_importing_functions_the_host_lacks_is_refused_with_422,
    bytes_that_are_no_component_are_refused_with_422,
    the_same_component_twice_is_a_409,
    an_upload_over_the_size_limit_is_a_413_and_a_wrong_content_type_a_415,
    only_the_coordination_uploads_and_switches_staff_reads_others_see_nothing,
    a_call_through_the_plugin_host_reaches_the_active_plugin_and_is_counted,
    a_failing_plugin_call_is_counted_by_its_error_code,
    a_municipality_runs_one_call_at_a_time_and_a_call_that_waits_too_long_is_busy,
    concurrent_activations_of_different_versions_leave_exactly_one_active,
    each_municipal_plugin_installs_activates_and_answers_on_a_running_host,
];

fn component(name: &str) -> Vec<u8> {
    quartier_plugin_components::get(name)
        .unwrap_or_else(|| panic!("component {name} was not built"))
        .to_vec()
}

async fn upload_bytes(app: &TestApp, tenant: &Tenant, token: &str, bytes: Vec<u8>) -> Reply {
    app.send(
        reqwest::Method::POST,
        &tenant.api("/plugins"),
        Some(token),
        &[("content-type", "application/wasm")],
        Some(bytes),
    )
    .await
}

/// Uploads a built component as A's coordinator and returns the new version's id.
async fn upload(app: &TestApp, name: &str) -> String {
    let reply = upload_bytes(app, &app.a, &app.a.coordinator, component(name))
        .await
        .expect(201);
    reply.json["id"].as_str().unwrap().to_owned()
}

async fn activate(app: &TestApp, id: &str) -> Reply {
    app.post(
        &app.a.api(&format!("/plugins/{id}/activation")),
        Some(&app.a.coordinator),
        Value::Null,
    )
    .await
}

/// The ids of A's versions that the list shows as active.
async fn active(app: &TestApp) -> Vec<String> {
    let list = app
        .get(&app.a.api("/plugins"), Some(&app.a.coordinator))
        .await
        .expect(200);
    list.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["active"] == true)
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn an_uploaded_sample_plugin_is_recorded_inactive_with_its_own_description(app: TestApp) {
    let bytes = component("quartier_sample_plugin");
    let reply = upload_bytes(&app, &app.a, &app.a.coordinator, bytes.clone())
        .await
        .expect(201);
    let v = &reply.json;
    assert_eq!(v["name"], "beispiel");
    assert_eq!(v["version"], "0.1.0");
    assert_eq!(v["contract_version"], "0.1.0");
    assert_eq!(v["active"], false);
    assert_eq!(v["size_bytes"], bytes.len());
    assert_eq!(v["sha256"], quartier::plugins::sha256(&bytes));
    assert_eq!(v["uploaded_by"], "koordination-aachen");
    let hooks: Vec<&str> = v["hooks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert!(
        hooks.contains(&"describe") && hooks.contains(&"validate"),
        "{hooks:?}"
    );
    let id = v["id"].as_str().unwrap();
    let fetched = app
        .get(&app.a.api(&format!("/plugins/{id}")), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(fetched.json["name"], "beispiel");
    let audit = app
        .get(&app.a.api("/audit"), Some(&app.a.coordinator))
        .await
        .expect(200);
    assert!(
        audit.json["items"].as_array().unwrap().iter().any(|e| {
            e["object_kind"] == "plugin_version" && e["object_id"] == id && e["action"] == "create"
        }),
        "{}",
        audit.text
    );
}

async fn an_activated_version_is_listed_as_the_active_one(app: TestApp) {
    let id = upload(&app, "quartier_sample_plugin").await;
    assert!(active(&app).await.is_empty());
    let reply = activate(&app, &id).await.expect(200);
    assert_eq!(reply.json["id"], id.as_str());
    assert_eq!(reply.json["active"], true);
    assert!(reply.json["active_since"].is_string());
    assert_eq!(active(&app).await, vec![id.clone()]);
    // Activating the active version again changes nothing.
    activate(&app, &id).await.expect(200);
    assert_eq!(active(&app).await, vec![id]);
}

async fn rolling_back_returns_to_the_version_active_before(app: TestApp) {
    let first = upload(&app, "quartier_sample_plugin").await;
    let second = upload(&app, "contract_older").await;
    let rollback = app.a.api("/plugins/rollback");
    let token = Some(app.a.coordinator.as_str());
    activate(&app, &first).await.expect(200);
    let refused = app.post(&rollback, token, Value::Null).await.expect(409);
    assert_eq!(refused.code(), "nothing_to_roll_back");
    assert!(
        refused.json["detail"]
            .as_str()
            .unwrap()
            .contains("zurückgekehrt")
    );
    activate(&app, &second).await.expect(200);
    assert_eq!(active(&app).await, vec![second.clone()]);
    let back = app.post(&rollback, token, Value::Null).await.expect(200);
    assert_eq!(back.json["id"], first.as_str());
    assert_eq!(back.json["name"], "beispiel");
    assert_eq!(active(&app).await, vec![first]);
    // The first version had nothing before it.
    app.post(&rollback, token, Value::Null).await.expect(409);
    let audit = app.get(&app.a.api("/audit"), token).await.expect(200);
    let actions: Vec<&str> = audit.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["roll_back", "activate", "activate", "create", "create"]
    );
}

async fn deactivating_leaves_no_plugin_active_and_rollback_undoes_it(app: TestApp) {
    let id = upload(&app, "quartier_sample_plugin").await;
    let token = Some(app.a.coordinator.as_str());
    activate(&app, &id).await.expect(200);
    app.post(&app.a.api("/plugins/deactivation"), token, Value::Null)
        .await
        .expect(204);
    assert!(active(&app).await.is_empty());
    // Deactivating again is harmless.
    app.post(&app.a.api("/plugins/deactivation"), token, Value::Null)
        .await
        .expect(204);
    let back = app
        .post(&app.a.api("/plugins/rollback"), token, Value::Null)
        .await
        .expect(200);
    assert_eq!(back.json["id"], id.as_str());
    assert_eq!(active(&app).await, vec![id]);
}

async fn a_component_importing_functions_the_host_lacks_is_refused_with_422(app: TestApp) {
    let reply = upload_bytes(
        &app,
        &app.a,
        &app.a.coordinator,
        component("hostile_unknown_import"),
    )
    .await
    .expect(422);
    assert_eq!(reply.code(), "plugin_unknown_imports");
    assert_eq!(
        reply.headers["content-type"], "application/problem+json",
        "a problem document"
    );
    let detail = reply.json["detail"].as_str().unwrap();
    assert!(detail.contains("nicht bereitstellt"), "{detail}");
    let list = app
        .get(&app.a.api("/plugins"), Some(&app.a.coordinator))
        .await
        .expect(200);
    assert_eq!(list.json["total"], 0, "nothing was recorded");
}

async fn bytes_that_are_no_component_are_refused_with_422(app: TestApp) {
    let reply = upload_bytes(&app, &app.a, &app.a.coordinator, b"kein wasm".to_vec())
        .await
        .expect(422);
    assert_eq!(reply.code(), "plugin_invalid");
    assert!(
        reply.json["detail"]
            .as_str()
            .unwrap()
            .contains("keine gültige WebAssembly-Komponente")
    );
}

async fn the_same_component_twice_is_a_409(app: TestApp) {
    upload(&app, "quartier_sample_plugin").await;
    let again = upload_bytes(
        &app,
        &app.a,
        &app.a.coordinator,
        component("quartier_sample_plugin"),
    )
    .await
    .expect(409);
    assert_eq!(again.code(), "already_exists");
    // Another municipality may install the same component.
    upload_bytes(
        &app,
        &app.b,
        &app.b.coordinator,
        component("quartier_sample_plugin"),
    )
    .await
    .expect(201);
}

async fn an_upload_over_the_size_limit_is_a_413_and_a_wrong_content_type_a_415(app: TestApp) {
    let limit = Settings::for_database("").plugins.upload_limit();
    let reply = upload_bytes(&app, &app.a, &app.a.coordinator, vec![0; limit + 1])
        .await
        .expect(413);
    assert_eq!(reply.code(), "body_too_large");
    assert!(reply.json["detail"].as_str().unwrap().contains("KiB"));
    let reply = app
        .send(
            reqwest::Method::POST,
            &app.a.api("/plugins"),
            Some(&app.a.coordinator),
            &[("content-type", "application/octet-stream")],
            Some(component("quartier_sample_plugin")),
        )
        .await
        .expect(415);
    assert_eq!(reply.code(), "unsupported_media_type");
}

async fn only_the_coordination_uploads_and_switches_staff_reads_others_see_nothing(app: TestApp) {
    let sample = component("quartier_sample_plugin");
    for token in [&app.a.member, &app.a.qm, &app.a.jury, &app.b.coordinator] {
        let reply = upload_bytes(&app, &app.a, token, sample.clone()).await;
        assert_eq!(reply.status, 403, "{}", reply.text);
    }
    let anonymous = app
        .send(
            reqwest::Method::POST,
            &app.a.api("/plugins"),
            None,
            &[("content-type", "application/wasm")],
            Some(sample.clone()),
        )
        .await;
    assert_eq!(anonymous.status, 401);
    let id = upload(&app, "quartier_sample_plugin").await;
    let one = app.a.api(&format!("/plugins/{id}"));
    // Staff read; the qm may not switch.
    app.get(&app.a.api("/plugins"), Some(&app.a.qm))
        .await
        .expect(200);
    app.get(&one, Some(&app.a.qm)).await.expect(200);
    let activation = format!("{one}/activation");
    app.post(&activation, Some(&app.a.qm), Value::Null)
        .await
        .expect(403);
    for path in ["/plugins/rollback", "/plugins/deactivation"] {
        app.post(&app.a.api(path), Some(&app.a.qm), Value::Null)
            .await
            .expect(403);
    }
    // Members and other municipalities' users do not see versions at all.
    app.get(&app.a.api("/plugins"), Some(&app.a.member))
        .await
        .expect(403);
    for token in [&app.a.member, &app.b.coordinator] {
        app.get(&one, Some(token)).await.expect(404);
        app.get(&format!("{one}/stats"), Some(token))
            .await
            .expect(404);
        app.post(&activation, Some(token), Value::Null)
            .await
            .expect(404);
    }
    // Through B's path, A's version is missing.
    app.get(
        &app.b.api(&format!("/plugins/{id}")),
        Some(&app.b.coordinator),
    )
    .await
    .expect(404);
    assert!(active(&app).await.is_empty());
    // A host admin may.
    app.post(&activation, Some(&app.admin), Value::Null)
        .await
        .expect(200);
}

fn application(amount_cents: i64) -> String {
    serde_json::json!({
        "title": "Nachbarschaftsfest im Hof",
        "amount_cents": amount_cents,
        "cofinancing_cents": 0,
        "participation": "Die Nachbarschaft plant das Fest in zwei offenen Treffen selbst.",
    })
    .to_string()
}

async fn a_call_through_the_plugin_host_reaches_the_active_plugin_and_is_counted(app: TestApp) {
    let mut settings = Settings::for_database("");
    settings.metrics_token = Some(crate::support::METRICS_TOKEN.to_owned());
    let (server, state) = app.with_settings(settings).await;
    let host = state.rules.plugins();
    let validate = || OwnedRequest::Validate(FormKind::FundApplication, application(900_000));
    let none = host.call(app.a.id, &app.a.slug, validate()).await;
    assert!(matches!(none, Err(HostError::NotInstalled)), "{none:?}");
    let id = upload(&server, "quartier_sample_plugin").await;
    activate(&server, &id).await.expect(200);
    let outcome = host.call(app.a.id, &app.a.slug, validate()).await.unwrap();
    assert_eq!(outcome.version_id.to_string(), id);
    let Answer::Findings(findings) = outcome.answer else {
        panic!("validate answers findings: {:?}", outcome.answer);
    };
    assert!(
        findings.iter().any(|f| f.code == "betrag-ueber-obergrenze"),
        "{findings:?}"
    );
    // B has no plugin: its calls get the base behaviour.
    let b = host.call(app.b.id, &app.b.slug, validate()).await;
    assert!(matches!(b, Err(HostError::NotInstalled)));
    let stats = server
        .get(
            &app.a.api(&format!("/plugins/{id}/stats")),
            Some(&app.a.coordinator),
        )
        .await
        .expect(200);
    assert_eq!(stats.json["count"], 1, "{}", stats.text);
    assert!(stats.json["p50_ms"].as_f64().unwrap() > 0.0);
    assert!(stats.json["p99_ms"].as_f64().is_some());
    assert_eq!(stats.json["errors"], serde_json::json!({}));
    let metrics = server
        .get("/metrics", Some(crate::support::METRICS_TOKEN))
        .await
        .expect(200)
        .text;
    assert!(
        metrics.contains(r#"quartier_plugin_calls_total{municipality="aachen",plugin="beispiel@0.1.0",outcome="ok"} 1"#),
        "{metrics}"
    );
    assert!(metrics.contains(r#"quartier_plugin_call_duration_seconds_count{municipality="aachen",plugin="beispiel@0.1.0"} 1"#));
    // After deactivation this process sees no plugin at once.
    server
        .post(
            &app.a.api("/plugins/deactivation"),
            Some(&app.a.coordinator),
            Value::Null,
        )
        .await
        .expect(204);
    let after = host.call(app.a.id, &app.a.slug, validate()).await;
    assert!(matches!(after, Err(HostError::NotInstalled)), "{after:?}");
    // Back again: the version is loaded anew.
    server
        .post(
            &app.a.api("/plugins/rollback"),
            Some(&app.a.coordinator),
            Value::Null,
        )
        .await
        .expect(200);
    let again = host.call(app.a.id, &app.a.slug, validate()).await;
    assert_eq!(again.unwrap().version_id.to_string(), id);
}

async fn a_failing_plugin_call_is_counted_by_its_error_code(app: TestApp) {
    let (server, state) = app.with_settings(Settings::for_database("")).await;
    let id = upload(&server, "hostile_endless_loop").await;
    activate(&server, &id).await.expect(200);
    let request = OwnedRequest::Validate(FormKind::FundApplication, application(100));
    let failed = state
        .rules
        .plugins()
        .call(app.a.id, &app.a.slug, request)
        .await;
    let Err(HostError::Plugin { error, .. }) = failed else {
        panic!("an endless loop fails: {failed:?}");
    };
    assert_eq!(error.code(), "plugin_timeout");
    let stats = server
        .get(
            &app.a.api(&format!("/plugins/{id}/stats")),
            Some(&app.a.coordinator),
        )
        .await
        .expect(200);
    assert_eq!(stats.json["count"], 1);
    assert_eq!(stats.json["errors"]["plugin_timeout"], 1, "{}", stats.text);
    let failures = stats.json["recent_failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1, "{}", stats.text);
    assert_eq!(failures[0]["hook"], "validate");
    assert_eq!(failures[0]["code"], "plugin_timeout");
}

async fn concurrent_activations_of_different_versions_leave_exactly_one_active(app: TestApp) {
    let first = upload(&app, "quartier_sample_plugin").await;
    let second = upload(&app, "contract_older").await;
    for _ in 0..5 {
        let (a, b) = tokio::join!(activate(&app, &first), activate(&app, &second));
        assert_eq!((a.status, b.status), (200, 200), "{} {}", a.text, b.text);
        let now = active(&app).await;
        assert_eq!(now.len(), 1, "{now:?}");
        assert!(HashSet::from([&first, &second]).contains(&now[0]));
    }
    let rows: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM plugin_activations WHERE municipality_id = $1 AND ended_at IS NULL",
    )
    .bind(app.a.id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(rows, 1);
}

async fn a_municipality_runs_one_call_at_a_time_and_a_call_that_waits_too_long_is_busy(
    app: TestApp,
) {
    let mut settings = Settings::for_database("");
    // Far shorter than an endless loop runs before it is stopped, even on a busy machine.
    settings.plugins.queue_timeout = std::time::Duration::from_millis(10);
    settings.plugins.limits.call_timeout = std::time::Duration::from_millis(200);
    let (server, state) = app.with_settings(settings).await;
    let id = upload(&server, "hostile_endless_loop").await;
    activate(&server, &id).await.expect(200);
    let call = || {
        let host = state.rules.plugins().clone();
        let (m, slug) = (app.a.id, app.a.slug.clone());
        let request = OwnedRequest::Validate(FormKind::FundApplication, application(100));
        tokio::spawn(async move { host.call(m, &slug, request).await })
    };
    // Load the plugin first, so the three calls below only compete for the turn.
    call().await.unwrap().unwrap_err();
    let calls = [call(), call(), call()];
    let mut codes = Vec::new();
    for handle in calls {
        match handle.await.unwrap() {
            Err(HostError::Plugin { error, .. }) => codes.push(error.code()),
            other => panic!("{other:?}"),
        }
    }
    codes.sort();
    assert_eq!(codes, ["plugin_busy", "plugin_busy", "plugin_timeout"]);
    let stats = state.rules.plugins().stats(id.parse().unwrap());
    assert_eq!(stats.count, 4);
    assert_eq!(stats.errors["plugin_busy"], 2);
}

/// A fixture's `input`, as the hook receives it.
fn fixture_input(text: &str) -> Value {
    serde_json::from_str::<Value>(text).unwrap()["input"].clone()
}

/// Installs and activates the shipped municipal plugins, one after the other, through A's
/// API on a running server, and asks each through that server's rules, as a feature would,
/// for one of its documented answers.
async fn each_municipal_plugin_installs_activates_and_answers_on_a_running_host(app: TestApp) {
    let (server, state) = app.with_settings(Settings::for_database("")).await;
    let mut matrix = fixture_input(include_str!(
        "../../../plugins/fixtures/expected/hessen/adapt-task-matrix-modell-4.input.json"
    ));
    // The municipality's own model key wins over the `Modell 4` its source names.
    matrix["qm_model"] = "tandem_mit_steuerung".into();
    let route =
        |text: &str| -> RouteRequest { serde_json::from_value(fixture_input(text)).unwrap() };
    let wilder_muell = route(include_str!(
        "../../../plugins/fixtures/expected/aachen/route-wilder-muell.input.json"
    ));
    let aktionsfonds = route(include_str!(
        "../../../plugins/fixtures/expected/berlin/route-aktionsfonds.input.json"
    ));
    let quartiersfonds = route(include_str!(
        "../../../plugins/fixtures/expected/organisationsmodell/route-quartiersfonds.input.json"
    ));
    let hasenbuck = route(include_str!(
        "../../../plugins/fixtures/expected/nuernberg/route-wilder-muell.input.json"
    ));
    let (m, slug) = (app.a.id, app.a.slug.as_str());
    for (component_name, plugin_name) in [
        ("quartier_plugin_hessen", "hessen"),
        ("quartier_plugin_aachen", "aachen"),
        ("quartier_plugin_berlin", "berlin"),
        ("quartier_plugin_organisationsmodell", "organisationsmodell"),
        ("quartier_plugin_nuernberg", "nuernberg"),
    ] {
        let id = upload(&server, component_name).await;
        let version = server
            .get(&app.a.api(&format!("/plugins/{id}")), Some(&app.a.qm))
            .await
            .expect(200);
        assert_eq!(version.json["name"], plugin_name, "{}", version.text);
        assert_eq!(version.json["active"], false);
        activate(&server, &id).await.expect(200);
        assert_eq!(active(&server).await, vec![id.clone()]);
        match plugin_name {
            "hessen" => {
                let Ruling::Answered { version, answer } =
                    state.rules.task_matrix(m, slug, &matrix).await
                else {
                    panic!("hessen adapts the matrix");
                };
                assert_eq!(version.to_string(), id);
                let cell = &answer["groups"][0]["tasks"][0]["cells"]["steuerung"];
                assert_eq!(cell["actor"], "planungsbuero", "{answer}");
                assert_eq!(cell["counts_as_qm"], true);
                assert_eq!(answer["qm_model"], "tandem_mit_steuerung");
            }
            "aachen" => {
                let ruling = state.rules.route_concern(m, slug, &wilder_muell).await;
                let Ruling::Answered { answer, .. } = ruling else {
                    panic!("aachen routes the concern: {ruling:?}");
                };
                assert_eq!(
                    answer,
                    ConcernRoute::Department("Aachener Stadtbetrieb".to_owned())
                );
            }
            "berlin" => {
                let ruling = state
                    .rules
                    .route_fund_application(m, slug, &aktionsfonds)
                    .await;
                let Ruling::Answered { answer, .. } = ruling else {
                    panic!("berlin routes the application: {ruling:?}");
                };
                assert_eq!(answer.len(), 1);
                assert_eq!(answer[0].action, StepAction::Decide);
                assert_eq!(answer[0].by, "aktionsfondsjury");
            }
            "organisationsmodell" => {
                let ruling = state
                    .rules
                    .route_fund_application(m, slug, &quartiersfonds)
                    .await;
                let Ruling::Answered { answer, .. } = ruling else {
                    panic!("the organisation model routes the application: {ruling:?}");
                };
                let steps: Vec<_> = answer.iter().map(|s| (s.action, s.by.as_str())).collect();
                assert_eq!(
                    steps,
                    [
                        (StepAction::Advise, "quartiersbeirat"),
                        (StepAction::Decide, "buergerjury")
                    ]
                );
            }
            _ => {
                let ruling = state.rules.route_concern(m, slug, &hasenbuck).await;
                let Ruling::Answered { answer, .. } = ruling else {
                    panic!("nuernberg routes the concern: {ruling:?}");
                };
                assert_eq!(
                    answer,
                    ConcernRoute::Department(
                        "Servicebetrieb Öffentlicher Raum Nürnberg (SÖR)".to_owned()
                    )
                );
            }
        }
    }
}

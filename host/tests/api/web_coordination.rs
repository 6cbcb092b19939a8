//! The coordination's own pages: the plugins page (upload through a multipart form with
//! its token, activate, roll back, deactivate, each switch audited; the calls and latest
//! failures per version) and the audit log page (newest first, narrowed by action, for the
//! coordination only). Staff below the coordination read the plugins without the forms.

use quartier::auth::Role;
use quartier::config::Settings;
use quartier::plugins::FormKind;
use quartier::rules::OwnedRequest;
use serde_json::json;

use crate::support::TestApp;
use crate::web_browser::{Browser, form_token, location, post_forms, qm, with_password};

crate::tests![
    the_coordination_uploads_activates_rolls_back_and_deactivates_on_the_plugins_page,
    a_refused_upload_says_why_in_german_and_stores_nothing,
    the_qm_reads_the_plugins_without_forms_and_may_not_switch,
    the_latest_failures_of_a_version_are_listed_with_hook_and_code,
    the_audit_log_page_lists_the_entries_newest_first_narrowed_by_action,
];

const PLUGINS: &str = "/arbeit/aachen/plugins";

fn component(name: &str) -> Vec<u8> {
    quartier_plugin_components::get(name)
        .unwrap_or_else(|| panic!("component {name} was not built"))
        .to_vec()
}

/// A's coordination, signed in.
async fn coordinator(app: &TestApp) -> Browser {
    with_password(
        app,
        "koordination-aachen",
        Role::Coordinator,
        Some(app.a.id),
        None,
    )
    .await;
    let mut browser = Browser::new(app);
    browser.sign_in("koordination-aachen").await;
    browser
}

/// Uploads `bytes` through the page's form, as the browser sends a chosen file.
async fn upload(browser: &mut Browser, bytes: &[u8]) -> crate::support::Reply {
    let page = browser.get(PLUGINS).await.expect(200);
    let token = form_token(&page.text);
    browser
        .post_multipart(
            PLUGINS,
            &[
                ("csrf", None, token.as_bytes()),
                ("component", Some("plugin.wasm"), bytes),
            ],
        )
        .await
}

/// The ids of A's versions, newest first, and which is active, as the API lists them.
async fn versions(app: &TestApp) -> Vec<(String, bool)> {
    let list = app
        .get(&app.a.api("/plugins"), Some(&app.a.coordinator))
        .await
        .expect(200);
    list.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["id"].as_str().unwrap().to_owned(), v["active"] == true))
        .collect()
}

/// Posts the page's form whose action ends with `suffix`.
async fn switch(browser: &mut Browser, suffix: &str) -> crate::support::Reply {
    let page = browser.get(PLUGINS).await.expect(200);
    let action = post_forms(&page.text)
        .into_iter()
        .find(|a| a.ends_with(suffix))
        .unwrap_or_else(|| panic!("no form for {suffix}:\n{}", page.text));
    let token = form_token(&page.text);
    browser.post(&action, &[("csrf", &token)]).await
}

async fn the_coordination_uploads_activates_rolls_back_and_deactivates_on_the_plugins_page(
    app: TestApp,
) {
    let mut browser = coordinator(&app).await;
    let start = browser.get("/arbeit/aachen").await.expect(200);
    assert!(start.text.contains(r#"href="/arbeit/aachen/plugins""#));
    assert!(start.text.contains(r#"href="/arbeit/aachen/protokoll""#));
    let empty = browser.get(PLUGINS).await.expect(200);
    assert!(
        empty.text.contains("Kein Plugin ist aktiv"),
        "{}",
        empty.text
    );
    assert!(empty.text.contains(r#"enctype="multipart/form-data""#));

    let uploaded = upload(&mut browser, &component("quartier_sample_plugin")).await;
    assert_eq!(uploaded.status, 303, "{}", uploaded.text);
    assert_eq!(
        location(&uploaded),
        format!("{PLUGINS}?hinweis=hochgeladen")
    );
    let first = versions(&app).await;
    assert_eq!(first.len(), 1);
    assert!(!first[0].1, "an upload is stored inactive");
    let page = browser.get(&location(&uploaded)).await.expect(200);
    assert!(
        page.text.contains("Sie ist noch nicht aktiv."),
        "{}",
        page.text
    );
    assert!(page.text.contains("koordination-aachen"));

    let activated = switch(&mut browser, &format!("/{}/aktivieren", first[0].0)).await;
    assert_eq!(location(&activated), format!("{PLUGINS}?hinweis=aktiviert"));
    assert_eq!(versions(&app).await, vec![(first[0].0.clone(), true)]);
    let page = browser.get(PLUGINS).await.expect(200);
    assert!(page.text.contains("aktiv seit"), "{}", page.text);

    upload(&mut browser, &component("contract_older"))
        .await
        .expect(303);
    let both = versions(&app).await;
    let newer = both[0].0.clone();
    switch(&mut browser, &format!("/{newer}/aktivieren"))
        .await
        .expect(303);
    let back = switch(&mut browser, "/zuruecksetzen").await;
    assert_eq!(location(&back), format!("{PLUGINS}?hinweis=zurueckgesetzt"));
    let active: Vec<String> = versions(&app)
        .await
        .into_iter()
        .filter(|(_, active)| *active)
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        active,
        vec![first[0].0.clone()],
        "back to the first version"
    );

    let off = switch(&mut browser, "/deaktivieren").await;
    assert_eq!(location(&off), format!("{PLUGINS}?hinweis=deaktiviert"));
    assert!(versions(&app).await.iter().all(|(_, active)| !active));
    let audit = app
        .get(
            &app.a.api("/audit?object_kind=plugin_version"),
            Some(&app.a.coordinator),
        )
        .await
        .expect(200);
    let actions: Vec<&str> = audit.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in ["create", "activate", "roll_back", "deactivate"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}

async fn a_refused_upload_says_why_in_german_and_stores_nothing(app: TestApp) {
    let mut browser = coordinator(&app).await;
    let junk = upload(&mut browser, b"kein WebAssembly").await.expect(422);
    assert!(
        junk.text.contains("Bitte prüfen Sie Ihre Angaben"),
        "{}",
        junk.text
    );
    assert!(junk.text.contains(r#"role="alert""#));

    let page = browser.get(PLUGINS).await.expect(200);
    let token = form_token(&page.text);
    let no_file = browser
        .post_multipart(
            PLUGINS,
            &[
                ("csrf", None, token.as_bytes()),
                ("component", Some(""), b""),
            ],
        )
        .await
        .expect(422);
    assert!(no_file.text.contains("Bitte wählen Sie eine Datei aus."));

    // Without the form's token, or with another one, nothing is read into the registry.
    let bytes = component("quartier_sample_plugin");
    for token in ["", "falsch"] {
        let forged = browser
            .post_multipart(
                PLUGINS,
                &[
                    ("csrf", None, token.as_bytes()),
                    ("component", Some("p.wasm"), &bytes),
                ],
            )
            .await;
        assert_eq!(forged.status, 403, "{}", forged.text);
    }
    let mut stranger = Browser::new(&app);
    let anonymous = stranger
        .post_multipart(PLUGINS, &[("component", Some("p.wasm"), &bytes)])
        .await;
    assert_eq!(anonymous.status, 403);
    // A body over the upload limit is refused before it is parsed.
    let huge = vec![0u8; Settings::for_database("").plugins.upload_limit() + 1];
    let too_large = browser
        .post_multipart(
            PLUGINS,
            &[
                ("csrf", None, token.as_bytes()),
                ("component", Some("p.wasm"), &huge),
            ],
        )
        .await;
    assert_eq!(too_large.status, 413, "{}", too_large.text);
    assert!(versions(&app).await.is_empty());
}

async fn the_qm_reads_the_plugins_without_forms_and_may_not_switch(app: TestApp) {
    let id = app.activate_plugin(&app.a, "quartier_sample_plugin").await;
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let page = browser.get(PLUGINS).await.expect(200);
    assert!(
        page.text.contains("der Koordination vorbehalten"),
        "{}",
        page.text
    );
    let forms = post_forms(&page.text);
    assert_eq!(forms, vec!["/abmelden".to_owned()], "only signing out");
    let start = browser.get("/arbeit/aachen").await.expect(200);
    assert!(!start.text.contains(r#"href="/arbeit/aachen/protokoll""#));

    let token = form_token(&page.text);
    let refused = browser
        .post(&format!("{PLUGINS}/deaktivieren"), &[("csrf", &token)])
        .await
        .expect(403);
    assert!(
        refused.text.contains("Bitte prüfen Sie Ihre Angaben"),
        "{}",
        refused.text
    );
    let upload = browser
        .post_multipart(
            PLUGINS,
            &[
                ("csrf", None, token.as_bytes()),
                ("component", Some("p.wasm"), &component("contract_older")),
            ],
        )
        .await;
    assert_eq!(upload.status, 403, "{}", upload.text);
    assert_eq!(versions(&app).await, vec![(id, true)]);
    browser.get("/arbeit/aachen/protokoll").await.expect(404);
}

async fn the_latest_failures_of_a_version_are_listed_with_hook_and_code(app: TestApp) {
    let (server, state) = app.with_settings(Settings::for_database("")).await;
    server.activate_plugin(&app.a, "hostile_endless_loop").await;
    let data = json!({ "title": "Nachbarschaftsfest", "amount_cents": 10_000 }).to_string();
    let request = OwnedRequest::Validate(FormKind::FundApplication, data);
    let failed = state
        .rules
        .plugins()
        .call(app.a.id, &app.a.slug, request)
        .await;
    assert!(failed.is_err(), "an endless loop fails");
    let mut browser = coordinator(&server).await;
    let page = browser.get(PLUGINS).await.expect(200);
    assert!(page.text.contains("Letzte Fehler"), "{}", page.text);
    assert!(
        page.text
            .contains("<td>validate</td><td>plugin_timeout</td>")
    );
    assert!(page.text.contains("plugin_timeout: 1"));
}

async fn the_audit_log_page_lists_the_entries_newest_first_narrowed_by_action(app: TestApp) {
    let mut browser = coordinator(&app).await;
    app.activate_plugin(&app.a, "quartier_sample_plugin").await;
    let all = browser.get("/arbeit/aachen/protokoll").await.expect(200);
    let activated = all
        .text
        .find(r#"<td class="nowrap">aktiviert</td>"#)
        .expect("the activation");
    let signed_in = all
        .text
        .find(r#"<td class="nowrap">angemeldet</td>"#)
        .expect("the sign-in");
    assert!(activated < signed_in, "newest first");
    assert!(all.text.contains("Plugin-Version"));

    let narrowed = browser
        .get("/arbeit/aachen/protokoll?aktion=sign_in&objekt=")
        .await
        .expect(200);
    assert!(
        narrowed
            .text
            .contains(r#"<td class="nowrap">angemeldet</td>"#)
    );
    assert!(
        !narrowed
            .text
            .contains(r#"<td class="nowrap">aktiviert</td>"#)
    );
    assert!(
        narrowed
            .text
            .contains(r#"<option value="sign_in" selected>"#)
    );
    // What the address may not ask is ignored, not an error.
    browser
        .get("/arbeit/aachen/protokoll?aktion=%3Cscript%3E&offset=-5")
        .await
        .expect(200);

    // Another municipality's coordination sees A's log nowhere.
    with_password(
        &app,
        "koordination-b",
        Role::Coordinator,
        Some(app.b.id),
        None,
    )
    .await;
    let mut other = Browser::new(&app);
    other.sign_in("koordination-b").await;
    other.get("/arbeit/aachen/protokoll").await.expect(404);
    other.get(PLUGINS).await.expect(404);
}

//! The network pages for staff and the bodies' managers, over HTTP with the session cookie
//! and the form token: a body's open join requests approved and refused on its page (the
//! API shows the decision, an approval the new member), refused as the API refuses for
//! those who do not manage the body, for another municipality, for a stale form and for a
//! form without its token — in German, never a 500; the areas listed and created by staff;
//! the organisations searched and created by staff.

use quartier::auth::Role;
use serde_json::json;

use crate::join_requests::managed_body_with_request;
use crate::memberships::{member_of, organisation};
use crate::support::TestApp;
use crate::web_browser::{Browser, form_token, location, qm, with_password};

crate::tests![
    staff_and_a_managing_member_approve_and_refuse_join_requests_on_the_body_page,
    a_member_who_does_not_manage_the_body_is_refused_as_the_api_refuses,
    another_municipalitys_body_and_requests_are_not_found,
    a_stale_or_overlong_decision_is_refused_in_german_and_changes_nothing,
    a_decision_without_its_form_token_is_refused,
    staff_create_areas_others_do_not_find_the_page,
    a_bad_area_is_refused_in_german_at_its_field,
    staff_find_and_create_organisations,
    a_bad_organisation_is_refused_in_german_at_its_field,
];

fn body_page(app: &TestApp, body: &str) -> String {
    format!("/arbeit/{}/gremien/{body}", app.a.slug)
}

fn decision_path(app: &TestApp, body: &str, request: &str) -> String {
    format!("{}/beitritte/{request}", body_page(app, body))
}

/// The version field of request `request`'s decision form on a page.
fn version_of(html: &str, request: &str) -> String {
    let form = &html[html
        .find(&format!(r#"id="anfrage-{request}""#))
        .unwrap_or_else(|| panic!("no decision form for {request}:\n{html}"))..];
    let needle = r#"name="version" value=""#;
    let at = form.find(needle).unwrap() + needle.len();
    form[at..at + form[at..].find('"').unwrap()].to_owned()
}

/// The request as the API shows it to the QM.
async fn request_json(app: &TestApp, request: &str) -> serde_json::Value {
    app.get(
        &app.a.api(&format!("/join-requests/{request}")),
        Some(&app.a.qm),
    )
    .await
    .expect(200)
    .json
}

/// The users of `app.a.member_org` (which manages the body) and of the asking
/// organisation, with passwords.
async fn managing_member(app: &TestApp) -> &'static str {
    let org = Some(app.a.member_org);
    with_password(app, "sprecherin", Role::Member, Some(app.a.id), org).await;
    "sprecherin"
}

async fn staff_and_a_managing_member_approve_and_refuse_join_requests_on_the_body_page(
    app: TestApp,
) {
    let (body, request, _) = managed_body_with_request(&app).await;
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let page = browser.get(&body_page(&app, &body)).await.expect(200);
    assert!(page.text.contains("Offene Beitrittsanfragen"));
    assert!(page.text.contains("<h3 id=\"anfrage-"), "{}", page.text);
    assert!(page.text.contains("Seniorenbüro"));
    let approved = browser
        .post(
            &decision_path(&app, &body, &request),
            &[
                ("csrf", &form_token(&page.text)),
                ("version", &version_of(&page.text, &request)),
                ("note", "Herzlich willkommen!"),
                ("decision", "aufgenommen"),
            ],
        )
        .await
        .expect(303);
    let to = location(&approved);
    assert_eq!(
        to,
        format!("{}?hinweis=aufgenommen", body_page(&app, &body))
    );
    let shown = browser.get(&to).await.expect(200).text;
    assert!(shown.contains("Die Organisation ist aufgenommen."));
    assert!(shown.contains("Es liegen keine offenen Beitrittsanfragen vor."));
    assert!(
        shown.contains(
            r#"<tr><th scope="row">Seniorenbüro</th><td>Mitglied</td><td>nein</td></tr>"#
        ),
        "{shown}"
    );
    let decided = request_json(&app, &request).await;
    assert_eq!(decided["state"], "angenommen");
    assert_eq!(decided["decision_note"], "Herzlich willkommen!");
    let members = app
        .get(&app.a.api(&format!("/bodies/{body}")), Some(&app.a.qm))
        .await
        .expect(200);
    let joined: Vec<&str> = members.json["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["membership_id"].as_str())
        .collect();
    assert!(joined.contains(&decided["membership_id"].as_str().unwrap()));

    // A member of the organisation that speaks for the body refuses the next request.
    let org = organisation(&app, "Jugendtreff Nord").await;
    let asker = member_of(&app, "jugendtreff", &org).await;
    let second = app
        .post(
            &app.a.api(&format!("/bodies/{body}/join-requests")),
            Some(&asker),
            json!({"message": "Wir möchten mitreden."}),
        )
        .await
        .expect(201);
    let second = second.json["id"].as_str().unwrap().to_owned();
    let mut manager = Browser::new(&app);
    manager.sign_in(managing_member(&app).await).await;
    let page = manager.get(&body_page(&app, &body)).await.expect(200);
    assert!(page.text.contains("Wir möchten mitreden."));
    let refused = manager
        .post(
            &decision_path(&app, &body, &second),
            &[
                ("csrf", &form_token(&page.text)),
                ("version", &version_of(&page.text, &second)),
                ("note", "Bitte zuerst im Stadtteilforum vorstellen."),
                ("decision", "abgelehnt"),
            ],
        )
        .await
        .expect(303);
    assert!(location(&refused).ends_with("?hinweis=abgelehnt"));
    let decided = request_json(&app, &second).await;
    assert_eq!(decided["state"], "abgelehnt");
    assert!(decided["membership_id"].is_null());
    let shown = manager.get(&location(&refused)).await.expect(200).text;
    assert!(shown.contains("Die Beitrittsanfrage ist abgelehnt."));
    assert!(!shown.contains("Jugendtreff Nord</th>"));
}

async fn a_member_who_does_not_manage_the_body_is_refused_as_the_api_refuses(app: TestApp) {
    let (body, request, asker) = managed_body_with_request(&app).await;
    // The asking organisation's user sees the public body and its own request, but does
    // not manage the body.
    let org = app
        .get(
            &app.a.api(&format!("/join-requests/{request}")),
            Some(&asker),
        )
        .await
        .expect(200)
        .json["organisation_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    with_password(
        &app,
        "seniorenbuero",
        Role::Member,
        Some(app.a.id),
        Some(org),
    )
    .await;
    let mut browser = Browser::new(&app);
    browser.sign_in("seniorenbuero").await;
    let page = browser.get(&body_page(&app, &body)).await.expect(200);
    assert!(!page.text.contains("Offene Beitrittsanfragen"));
    assert!(!page.text.contains("Aufnehmen"));
    let api = app
        .post_if_match(
            &app.a.api(&format!("/join-requests/{request}/decision")),
            Some(&asker),
            Some("\"1\""),
            json!({"approve": true}),
        )
        .await
        .expect(403);
    let refused = browser
        .post(
            &decision_path(&app, &body, &request),
            &[
                ("csrf", &form_token(&page.text)),
                ("version", "1"),
                ("decision", "aufgenommen"),
            ],
        )
        .await
        .expect(api.status);
    assert!(
        refused.text.contains("fehlt Ihnen die Berechtigung"),
        "{}",
        refused.text
    );
    assert_eq!(request_json(&app, &request).await["state"], "offen");
}

async fn another_municipalitys_body_and_requests_are_not_found(app: TestApp) {
    let (body, request, _) = managed_body_with_request(&app).await;
    with_password(&app, "qm-b", Role::Qm, Some(app.b.id), None).await;
    let mut browser = Browser::new(&app);
    browser.sign_in("qm-b").await;
    let ours = format!("/arbeit/{}/gremien/{body}", app.b.slug);
    let start = browser.get(&format!("/arbeit/{}", app.b.slug)).await;
    let token = form_token(&start.expect(200).text);
    let missing = browser.get(&ours).await.expect(404);
    assert!(missing.text.contains("Seite nicht gefunden"));
    assert!(!missing.text.contains("Seniorenbüro"));
    browser
        .post(
            &format!("{ours}/beitritte/{request}"),
            &[
                ("csrf", &token),
                ("version", "1"),
                ("decision", "aufgenommen"),
            ],
        )
        .await
        .expect(404);
    // Through the other municipality's address, too.
    browser
        .post(
            &decision_path(&app, &body, &request),
            &[
                ("csrf", &token),
                ("version", "1"),
                ("decision", "aufgenommen"),
            ],
        )
        .await
        .expect(404);
    assert_eq!(request_json(&app, &request).await["state"], "offen");
}

async fn a_stale_or_overlong_decision_is_refused_in_german_and_changes_nothing(app: TestApp) {
    let (body, request, _) = managed_body_with_request(&app).await;
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let page = browser.get(&body_page(&app, &body)).await.expect(200).text;
    let token = form_token(&page);
    let path = decision_path(&app, &body, &request);

    let stale = browser
        .post(
            &path,
            &[
                ("csrf", &token),
                ("version", "7"),
                ("decision", "aufgenommen"),
            ],
        )
        .await
        .expect(412);
    assert!(stale.text.contains("inzwischen geändert"), "{}", stale.text);
    assert!(stale.text.contains(r#"class="error-summary""#));
    assert!(
        stale
            .text
            .contains(&format!(r##"<a href="#anfrage-{request}">"##))
    );

    let long = "x".repeat(5_001);
    let overlong = browser
        .post(
            &path,
            &[
                ("csrf", &token),
                ("version", "1"),
                ("note", &long),
                ("decision", "abgelehnt"),
            ],
        )
        .await
        .expect(422);
    assert!(
        overlong
            .text
            .contains(&format!(r#"id="anfrage-{request}-note-fehler""#)),
        "{}",
        overlong.text
    );
    assert!(overlong.text.contains(&long), "the note stays");
    let undecided = browser
        .post(&path, &[("csrf", &token), ("version", "1")])
        .await
        .expect(422);
    assert!(undecided.text.contains("„Aufnehmen“ oder „Ablehnen“"));
    assert_eq!(request_json(&app, &request).await["state"], "offen");

    // Decided meanwhile through the API: the old page's form gets the API's 409.
    app.post_if_match(
        &app.a.api(&format!("/join-requests/{request}/decision")),
        Some(&app.a.coordinator),
        Some("*"),
        json!({"approve": false}),
    )
    .await
    .expect(200);
    let late = browser
        .post(
            &path,
            &[
                ("csrf", &token),
                ("version", "1"),
                ("decision", "aufgenommen"),
            ],
        )
        .await
        .expect(409);
    assert!(
        late.text.contains(r#"class="error-summary""#),
        "{}",
        late.text
    );
    assert_eq!(request_json(&app, &request).await["state"], "abgelehnt");
}

async fn a_decision_without_its_form_token_is_refused(app: TestApp) {
    let (body, request, _) = managed_body_with_request(&app).await;
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    browser.get(&body_page(&app, &body)).await.expect(200);
    let path = decision_path(&app, &body, &request);
    let refused = browser
        .post(&path, &[("version", "1"), ("decision", "aufgenommen")])
        .await
        .expect(403);
    assert!(refused.text.contains("Sicherheitsprüfung fehlgeschlagen"));
    browser
        .post(
            &path,
            &[
                ("csrf", "falsch"),
                ("version", "1"),
                ("decision", "aufgenommen"),
            ],
        )
        .await
        .expect(403);
    assert_eq!(request_json(&app, &request).await["state"], "offen");
}

fn areas_page(app: &TestApp) -> String {
    format!("/arbeit/{}/gebiete", app.a.slug)
}

/// The coordinator of municipality A, with a password.
async fn coordination(app: &TestApp) -> &'static str {
    with_password(app, "koordination", Role::Coordinator, Some(app.a.id), None).await;
    "koordination"
}

/// The names of A's areas as the API lists them.
async fn area_names(app: &TestApp) -> Vec<String> {
    let listed = app.get(&app.a.api("/areas"), None).await.expect(200);
    listed.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn staff_create_areas_others_do_not_find_the_page(app: TestApp) {
    let mut browser = Browser::new(&app);
    browser.sign_in(coordination(&app).await).await;
    let start = browser
        .get(&format!("/arbeit/{}", app.a.slug))
        .await
        .expect(200);
    assert!(
        start
            .text
            .contains(&format!(r#"href="{}""#, areas_page(&app)))
    );
    let page = browser.get(&areas_page(&app)).await.expect(200);
    assert!(page.text.contains("Gebiet anlegen"));
    let created = browser
        .post(
            &areas_page(&app),
            &[
                ("csrf", &form_token(&page.text)),
                ("form", "gebiet"),
                ("name", "Aachen-Ost"),
                ("kind", "sozialraum"),
                ("parent_id", ""),
                ("population", "12500"),
            ],
        )
        .await
        .expect(303);
    assert_eq!(
        location(&created),
        format!("{}?hinweis=angelegt", areas_page(&app))
    );
    let shown = browser.get(&location(&created)).await.expect(200).text;
    assert!(shown.contains("Das Gebiet ist angelegt."));
    assert!(
        shown.contains(r#"<th scope="row">Aachen-Ost</th>"#),
        "{shown}"
    );
    assert!(shown.contains(r#"<td class="number">12.500</td>"#));
    assert!(area_names(&app).await.contains(&"Aachen-Ost".to_owned()));

    // Staff below the coordination create areas too, as the API lets them.
    let mut qm_browser = Browser::new(&app);
    qm_browser.sign_in(qm(&app).await).await;
    let read = qm_browser.get(&areas_page(&app)).await.expect(200);
    assert!(read.text.contains("Aachen-Ost"));
    qm_browser
        .post(
            &areas_page(&app),
            &[
                ("csrf", &form_token(&read.text)),
                ("form", "gebiet"),
                ("name", "Aachen-West"),
                ("kind", "sozialraum"),
                ("parent_id", ""),
                ("population", ""),
            ],
        )
        .await
        .expect(303);
    assert!(area_names(&app).await.contains(&"Aachen-West".to_owned()));

    // Member users and another municipality's coordination do not find the page.
    let mut member = Browser::new(&app);
    member.sign_in(managing_member(&app).await).await;
    member.get(&areas_page(&app)).await.expect(404);
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
    other.get(&areas_page(&app)).await.expect(404);
}

async fn a_bad_area_is_refused_in_german_at_its_field(app: TestApp) {
    let before = area_names(&app).await;
    let mut browser = Browser::new(&app);
    browser.sign_in(coordination(&app).await).await;
    let page = browser.get(&areas_page(&app)).await.expect(200);
    let token = form_token(&page.text);
    let bad = browser
        .post(
            &areas_page(&app),
            &[
                ("csrf", &token),
                ("form", "gebiet"),
                ("name", "Aachen-Süd"),
                ("kind", "galaxie"),
                ("population", "zwölftausend"),
            ],
        )
        .await
        .expect(422);
    assert!(
        bad.text.contains(r#"id="gebiet-kind-fehler""#),
        "{}",
        bad.text
    );
    assert!(bad.text.contains(r#"id="gebiet-population-fehler""#));
    assert!(bad.text.contains("ganze Zahl ohne Punkte"));
    assert!(bad.text.contains(r#"value="Aachen-Süd""#), "the name stays");
    let long = "L".repeat(300);
    let overlong = browser
        .post(
            &areas_page(&app),
            &[
                ("csrf", &token),
                ("form", "gebiet"),
                ("name", &long),
                ("kind", "sozialraum"),
            ],
        )
        .await
        .expect(422);
    assert!(
        overlong.text.contains(r#"id="gebiet-name-fehler""#),
        "{}",
        overlong.text
    );
    assert!(overlong.text.contains(r##"<a href="#gebiet-name">"##));
    browser
        .post(
            &areas_page(&app),
            &[("name", "Ohne Token"), ("kind", "sozialraum")],
        )
        .await
        .expect(403);
    assert_eq!(area_names(&app).await, before);
}

fn organisations_page(app: &TestApp) -> String {
    format!("/arbeit/{}/organisationen", app.a.slug)
}

/// How many organisations the API finds for `q`.
async fn organisations_named(app: &TestApp, q: &str) -> i64 {
    let found = app
        .get(&format!("/api/v1/organisations?q={q}"), None)
        .await
        .expect(200);
    found.json["total"].as_i64().unwrap()
}

async fn staff_find_and_create_organisations(app: TestApp) {
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let start = browser
        .get(&format!("/arbeit/{}", app.a.slug))
        .await
        .expect(200);
    assert!(
        start
            .text
            .contains(&format!(r#"href="{}""#, organisations_page(&app)))
    );
    let page = browser.get(&organisations_page(&app)).await.expect(200);
    let created = browser
        .post(
            &organisations_page(&app),
            &[
                ("csrf", &form_token(&page.text)),
                ("form", "organisation"),
                ("name", "Tafel Aachen-Ost e. V."),
                ("kind", "verein"),
                ("email", "kontakt@tafel-ost.example"),
                ("website", "https://tafel-ost.example"),
            ],
        )
        .await
        .expect(303);
    let to = location(&created);
    assert!(to.contains("hinweis=angelegt"), "{to}");
    let shown = browser.get(&to).await.expect(200).text;
    assert!(shown.contains("Die Organisation ist angelegt."));
    assert!(
        shown.contains(r#"<th scope="row">Tafel Aachen-Ost e. V.</th>"#),
        "{shown}"
    );
    assert!(shown.contains("Organisationen 1 bis 1 von 1"));
    assert_eq!(organisations_named(&app, "Tafel").await, 1);
    let none = browser
        .get(&format!("{}?q=gibtsnicht", organisations_page(&app)))
        .await
        .expect(200);
    assert!(none.text.contains("Keine Organisation gefunden."));

    let mut member = Browser::new(&app);
    member.sign_in(managing_member(&app).await).await;
    member.get(&organisations_page(&app)).await.expect(404);
}

async fn a_bad_organisation_is_refused_in_german_at_its_field(app: TestApp) {
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let page = browser.get(&organisations_page(&app)).await.expect(200);
    let token = form_token(&page.text);
    let bad_kind = browser
        .post(
            &organisations_page(&app),
            &[
                ("csrf", &token),
                ("form", "organisation"),
                ("name", "Schattenverein"),
                ("kind", "geheimbund"),
            ],
        )
        .await
        .expect(422);
    assert!(
        bad_kind.text.contains(r#"id="organisation-kind-fehler""#),
        "{}",
        bad_kind.text
    );
    assert!(
        bad_kind
            .text
            .contains("Bitte wählen Sie einen Eintrag aus der Liste.")
    );
    assert!(bad_kind.text.contains(r#"value="Schattenverein""#));
    let long = "N".repeat(201);
    let overlong = browser
        .post(
            &organisations_page(&app),
            &[
                ("csrf", &token),
                ("form", "organisation"),
                ("name", &long),
                ("kind", "verein"),
                ("website", "javascript:alert(1)"),
            ],
        )
        .await
        .expect(422);
    assert!(overlong.text.contains(r#"id="organisation-name-fehler""#));
    assert!(
        overlong
            .text
            .contains(r#"id="organisation-website-fehler""#)
    );
    assert!(overlong.text.contains(r##"<a href="#organisation-name">"##));
    browser
        .post(
            &organisations_page(&app),
            &[("name", "Ohne Token"), ("kind", "verein")],
        )
        .await
        .expect(403);
    assert_eq!(organisations_named(&app, "Schattenverein").await, 0);
    assert_eq!(organisations_named(&app, "NNNN").await, 0);
    assert_eq!(organisations_named(&app, "Ohne%20Token").await, 0);
}

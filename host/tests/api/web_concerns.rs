//! The resident's pages: the concern form, its errors, the honeypot, and the private status
//! pages of concerns and fund applications.

use serde_json::json;

use crate::funds::{form, fund};
use crate::support::{Reply, TestApp};

crate::tests![
    the_form_offers_the_categories_and_is_linked_from_the_municipality_page,
    a_valid_form_leads_to_the_status_page_with_reference_and_state,
    an_invalid_form_is_shown_again_with_errors_and_the_entered_values,
    consent_without_a_way_to_contact_is_an_error_at_the_checkbox,
    html_in_the_input_is_escaped_when_the_form_is_shown_again,
    a_filled_in_honeypot_is_refused,
    too_many_submissions_get_a_german_429_page,
    unknown_status_tokens_get_the_404_page,
    the_fund_application_status_page_shows_state_and_amounts,
    the_form_is_rendered_from_the_schema_with_the_fields_a_plugin_adds,
];

const FORM: &str = "/kommunen/aachen/anliegen";

/// `application/x-www-form-urlencoded`, as a browser encodes it.
pub fn encode(fields: &[(&str, &str)]) -> String {
    let part = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", part(k), part(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Posts the form without following the redirect.
async fn post_form(app: &TestApp, fields: &[(&str, &str)]) -> Reply {
    post_form_to(app, FORM, fields).await
}

/// Posts a form to `path` as a browser encodes it, without following the redirect.
pub async fn post_form_to(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Reply {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client
        .post(format!("{}{path}", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(fields))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    Reply {
        status,
        headers,
        text,
        json: serde_json::Value::Null,
    }
}

#[track_caller]
fn assert_html(reply: &Reply) {
    let content_type = reply.headers["content-type"].to_str().unwrap();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(reply.text.contains(r#"<html lang="de">"#));
}

#[track_caller]
fn assert_contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "{needle:?} not on the page:\n{text}");
}

async fn the_form_offers_the_categories_and_is_linked_from_the_municipality_page(app: TestApp) {
    let municipality = app.get("/kommunen/aachen", None).await.expect(200);
    assert_contains(&municipality.text, r#"href="/kommunen/aachen/anliegen""#);
    let page = app.get(FORM, None).await.expect(200);
    assert_html(&page);
    let html = &page.text;
    assert_contains(html, r#"<option value="wilder_muell">Wilder Müll</option>"#);
    assert_contains(html, r#"<option value="sonstiges">Sonstiges</option>"#);
    assert_contains(html, r#"method="post" action="/kommunen/aachen/anliegen""#);
    assert_contains(html, r#"<label for="feld-text">"#);
    assert_contains(html, r#"autocomplete="email""#);
    assert_contains(html, r#"autocomplete="tel""#);
    assert_contains(html, r#"name="may_contact""#);
    assert_contains(html, "Ich möchte über den Stand informiert werden");
    // The honeypot: hidden from people and from assistive technology.
    assert_contains(html, r#"<div class="honeypot" aria-hidden="true">"#);
    assert_contains(
        html,
        r#"name="website" value="" tabindex="-1" autocomplete="off""#,
    );
    assert!(!html.contains("<script"));
    app.get("/kommunen/gibtsnicht/anliegen", None)
        .await
        .expect(404);
}

async fn a_valid_form_leads_to_the_status_page_with_reference_and_state(app: TestApp) {
    let reply = post_form(
        &app,
        &[
            ("category", "schlagloch"),
            (
                "text",
                "Ein tiefes Schlagloch vor Hausnummer 12 in der Ostallee.",
            ),
            ("location", "Ostallee 12"),
            ("name", "Erika Muster"),
            ("email", "erika@example.org"),
            ("may_contact", "ja"),
            ("website", ""),
        ],
    )
    .await
    .expect(303);
    let location = reply.headers["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/status/anliegen/"), "{location}");
    let page = app.get(&location, None).await.expect(200);
    assert_html(&page);
    assert_contains(&page.text, "Vielen Dank! Ihr Anliegen ist eingegangen.");
    assert_contains(&page.text, "<strong>Eingegangen</strong>");
    // The same concern as the API's status answer shows.
    let token = location
        .trim_start_matches("/status/anliegen/")
        .trim_end_matches("?neu");
    let api = app
        .get(&format!("/api/v1/public/concerns/{token}"), None)
        .await
        .expect(200);
    let reference = api.json["reference"].as_str().unwrap();
    assert!(reference.starts_with("AN-"));
    assert_contains(&page.text, reference);
    // Nothing of the contact on the status page; the thank-you only right after sending.
    assert!(!page.text.contains("Erika"));
    let again = app
        .get(&format!("/status/anliegen/{token}"), None)
        .await
        .expect(200);
    assert!(!again.text.contains("Vielen Dank"));
    assert_contains(&again.text, reference);
    // Staff see it as a public submission with the contact kept apart.
    let list = app
        .get(&app.a.api("/concerns"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(list.json["total"], 1);
    assert_eq!(list.json["items"][0]["category"], "schlagloch");
}

async fn an_invalid_form_is_shown_again_with_errors_and_the_entered_values(app: TestApp) {
    let reply = post_form(
        &app,
        &[
            ("category", "spielplatz"),
            ("text", ""),
            ("location", "Spielplatz am Weiher"),
            ("phone", "0241 123456"),
            ("website", ""),
        ],
    )
    .await
    .expect(422);
    assert_html(&reply);
    let html = &reply.text;
    assert_contains(html, r#"<div class="error-summary" role="alert""#);
    assert_contains(html, r##"<a href="#feld-text">Ihr Anliegen: "##);
    assert_contains(html, r#"<p class="field-error" id="fehler-text">"#);
    assert_contains(
        html,
        r#"aria-describedby="hinweis-text fehler-text" aria-invalid="true""#,
    );
    // The error sits at its field: between the text's label and its textarea.
    let label = html.find(r#"<label for="feld-text">"#).unwrap();
    let error = html.find(r#"id="fehler-text""#).unwrap();
    let field = html.find(r#"<textarea id="feld-text""#).unwrap();
    assert!(label < error && error < field);
    // What was entered is kept; only the text had an error.
    assert_contains(html, r#"<option value="spielplatz" selected>"#);
    assert_contains(html, r#"value="Spielplatz am Weiher""#);
    assert_contains(html, r#"value="0241 123456""#);
    assert!(!html.contains(r#"id="fehler-category""#));
    assert!(!html.contains(r#"id="fehler-phone""#));
    let list = app
        .get(&app.a.api("/concerns"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(list.json["total"], 0);
}

async fn consent_without_a_way_to_contact_is_an_error_at_the_checkbox(app: TestApp) {
    let reply = post_form(
        &app,
        &[
            ("category", "verkehr"),
            ("text", "Die Ampel an der Kreuzung ist seit Tagen aus."),
            ("name", "Max"),
            ("may_contact", "ja"),
        ],
    )
    .await
    .expect(422);
    assert_contains(&reply.text, r#"id="fehler-may-contact""#);
    assert_contains(&reply.text, r##"href="#feld-may-contact""##);
    assert_contains(&reply.text, r#"value="ja" checked"#);
    assert_contains(&reply.text, r#"value="Max""#);
}

async fn html_in_the_input_is_escaped_when_the_form_is_shown_again(app: TestApp) {
    let reply = post_form(
        &app,
        &[
            ("category", ""),
            ("text", "<script>alert(1)</script> und mehr"),
            ("name", r#""><b>fett</b>"#),
        ],
    )
    .await
    .expect(422);
    let html = &reply.text;
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<b>fett"), "{html}");
    assert_contains(html, "&#60;script&#62;alert(1)&#60;/script&#62; und mehr");
    assert_contains(html, r#"id="fehler-category""#);
}

async fn a_filled_in_honeypot_is_refused(app: TestApp) {
    let reply = post_form(
        &app,
        &[
            ("category", "sonstiges"),
            (
                "text",
                "Ein Text, der lang genug ist, aber von einem Skript kommt.",
            ),
            ("website", "http://spam.example"),
        ],
    )
    .await
    .expect(422);
    assert_html(&reply);
    assert_contains(&reply.text, "Eingabe nicht angenommen");
    assert_contains(&reply.text, r#"href="/kommunen/aachen/anliegen""#);
    let list = app
        .get(&app.a.api("/concerns"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(list.json["total"], 0);
}

async fn too_many_submissions_get_a_german_429_page(app: TestApp) {
    // The test settings admit 10 submissions per address and window; invalid ones count too.
    for _ in 0..10 {
        post_form(&app, &[("category", "sonstiges")])
            .await
            .expect(422);
    }
    let reply = post_form(&app, &[("category", "sonstiges")])
        .await
        .expect(429);
    assert_html(&reply);
    assert_contains(&reply.text, "Zu viele Einsendungen");
}

async fn unknown_status_tokens_get_the_404_page(app: TestApp) {
    for path in [
        "/status/anliegen/unbekannt",
        "/status/antrag/unbekannt",
        &format!("/status/anliegen/{}", "x".repeat(300)),
    ] {
        let reply = app.get(path, None).await.expect(404);
        assert_html(&reply);
        assert_contains(&reply.text, "Seite nicht gefunden");
    }
}

async fn the_fund_application_status_page_shows_state_and_amounts(app: TestApp) {
    let a = &app.a;
    let fund = fund(
        &app,
        a,
        json!({"kind": "verfuegungsfonds", "name": "Verfügungsfonds",
        "year": 2027, "budget_cents": 500_000}),
    )
    .await;
    let receipt = app
        .post(
            &a.api("/public/fund-applications"),
            None,
            json!({"fund": fund, "application": form("Nachbarschaftsfest", 123_450)}),
        )
        .await
        .expect(201);
    let token = receipt.json["status_token"].as_str().unwrap();
    let page = app
        .get(&format!("/status/antrag/{token}"), None)
        .await
        .expect(200);
    assert_html(&page);
    assert_contains(&page.text, "Stand Ihres Antrags");
    assert_contains(&page.text, receipt.json["reference"].as_str().unwrap());
    assert_contains(&page.text, "<strong>eingereicht</strong>");
    assert_contains(&page.text, "1.234,50 €");
    assert!(!page.text.contains("Nachbarschaftsfest"));
}

async fn the_form_is_rendered_from_the_schema_with_the_fields_a_plugin_adds(app: TestApp) {
    let base = app.get(FORM, None).await.expect(200);
    // The base schema's area, no coordinates, no date of entry (that is for staff).
    assert_contains(&base.text, r#"<label for="feld-area">Gebiet</label>"#);
    assert!(!base.text.contains("feld-location-lat"), "{}", base.text);
    assert!(!base.text.contains("submitted_at"), "{}", base.text);
    assert!(!base.text.contains("feld-lebensraum"));
    app.activate_plugin(&app.a, "quartier_plugin_aachen").await;
    let page = app.get(FORM, None).await.expect(200);
    assert_contains(
        &page.text,
        r#"<label for="feld-lebensraum">Lebensraum</label>"#,
    );
    let reply = post_form(
        &app,
        &[
            ("category", "wilder_muell"),
            (
                "text",
                "Sperrmüll neben den Altglascontainern seit zwei Wochen.",
            ),
            ("/lebensraum", "Rothe Erde"),
            ("website", ""),
        ],
    )
    .await
    .expect(303);
    assert!(
        reply.headers["location"]
            .to_str()
            .unwrap()
            .starts_with("/status/anliegen/")
    );
    let list = app
        .get(&app.a.api("/concerns"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(
        list.json["items"][0]["form_data"]["lebensraum"], "Rothe Erde",
        "{}",
        list.text
    );
}

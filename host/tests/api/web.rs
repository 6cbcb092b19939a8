//! The public pages: what an anonymous visitor sees of a municipality and of a body, the
//! German 404 page, and that names from the database are escaped.

use serde_json::{Value, json};

use crate::bodies::body;
use crate::support::{Reply, TestApp};

crate::tests![
    the_municipality_page_shows_public_bodies_and_upcoming_meetings_only,
    the_start_page_lists_the_municipalities,
    with_a_single_municipality_the_start_page_is_its_page,
    unknown_municipalities_and_paths_get_a_german_404_page,
    a_body_page_shows_members_powers_and_the_public_agenda,
    non_public_and_foreign_bodies_get_the_404_page,
    names_with_html_are_escaped_on_every_page,
    the_stylesheet_is_served_from_the_host_with_a_long_cache_lifetime,
];

/// Creates a body of Aachen as staff and returns its id.
async fn new_body(app: &TestApp, input: Value) -> String {
    let created = app
        .post(&app.a.api("/bodies"), Some(&app.a.qm), input)
        .await
        .expect(201);
    created.json["id"].as_str().unwrap().to_owned()
}

/// Creates a meeting of an Aachen body.
async fn new_meeting(app: &TestApp, body_id: &str, title: &str, starts_at: &str) -> Reply {
    app.post(
        &app.a.api("/meetings"),
        Some(&app.a.qm),
        json!({"body_id": body_id, "title": title, "starts_at": starts_at,
               "location": "Bürgerhaus Ost"}),
    )
    .await
    .expect(201)
}

/// A page as a browser without a session gets it: asserts status and HTML.
async fn page(app: &TestApp, path: &str, status: u16) -> String {
    let reply = app.get(path, None).await.expect(status);
    let content_type = reply.headers["content-type"].to_str().unwrap();
    assert!(
        content_type.starts_with("text/html"),
        "{path} answered {content_type}"
    );
    assert!(reply.text.contains(r#"<html lang="de">"#));
    reply.text
}

/// What a reader sees: the page without tags, whitespace collapsed.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The position of `needle` in `text`, failing with the page when it is missing.
#[track_caller]
fn position(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not on the page:\n{text}"))
}

async fn the_municipality_page_shows_public_bodies_and_upcoming_meetings_only(app: TestApp) {
    let public = new_body(&app, body("Stadtteilkonferenz Ost", true)).await;
    let hidden = new_body(&app, body("Lenkungsgruppe Intern", false)).await;
    new_meeting(&app, &public, "Herbstkonferenz", "2030-11-26T17:00:00Z").await;
    new_meeting(&app, &public, "Sommerkonferenz", "2030-06-04T16:00:00Z").await;
    new_meeting(&app, &public, "Frühjahrskonferenz", "2020-03-10T18:00:00Z").await;
    new_meeting(&app, &hidden, "Geheime Runde", "2030-07-01T10:00:00Z").await;

    let html = page(&app, "/kommunen/aachen", 200).await;

    assert!(html.contains("<h1>Stadt Aachen</h1>"));
    assert!(html.contains("Stadtteilkonferenz Ost"));
    assert!(
        html.contains("<h3>Stadtteilkonferenz</h3>"),
        "bodies are grouped under the German name of their kind"
    );
    assert!(!html.contains("Lenkungsgruppe Intern"));
    assert!(!html.contains("Geheime Runde"));
    // German local time: CEST in June, CET in November.
    let text = visible_text(&html);
    assert!(text.contains("Di., 04.06.2030, 18:00 Uhr"), "{text}");
    assert!(text.contains("Di., 26.11.2030, 18:00 Uhr"), "{text}");
    let upcoming = position(&html, "Nächste Sitzungen");
    let past = position(&html, "Vergangene Sitzungen");
    let summer = position(&html, "Sommerkonferenz");
    let autumn = position(&html, "Herbstkonferenz");
    let spring = position(&html, "Frühjahrskonferenz");
    assert!(
        upcoming < summer && summer < autumn && autumn < past,
        "upcoming by date"
    );
    assert!(past < spring, "the 2020 meeting is listed as past");
    assert!(html.contains(&format!("/kommunen/aachen/gremien/{public}")));
}

async fn the_start_page_lists_the_municipalities(app: TestApp) {
    let html = page(&app, "/", 200).await;
    assert!(html.contains("<h1>Kommunen</h1>"));
    assert!(html.contains(r#"<a href="/kommunen/aachen">Stadt Aachen</a>"#));
    assert!(html.contains(r#"<a href="/kommunen/berlin">Land Berlin</a>"#));
}

async fn with_a_single_municipality_the_start_page_is_its_page(app: TestApp) {
    new_body(&app, body("Stadtteilkonferenz Ost", true)).await;
    // Arrange a host with one municipality by removing Berlin and its users.
    for statement in [
        "DELETE FROM api_tokens WHERE user_id IN (SELECT id FROM users WHERE municipality_id = $1)",
        "DELETE FROM users WHERE municipality_id = $1",
        "DELETE FROM municipalities WHERE id = $1",
    ] {
        sqlx::query(statement)
            .bind(app.b.id)
            .execute(&app.db.pool)
            .await
            .unwrap();
    }

    let html = page(&app, "/", 200).await;

    assert!(html.contains("<h1>Stadt Aachen</h1>"));
    assert!(html.contains("Stadtteilkonferenz Ost"));
}

async fn unknown_municipalities_and_paths_get_a_german_404_page(app: TestApp) {
    for path in [
        "/kommunen/nirgendwo",
        "/kommunen/nirgendwo/gremien/x",
        "/gibt-es-nicht",
    ] {
        let html = page(&app, path, 404).await;
        assert!(html.contains("<h1>Seite nicht gefunden</h1>"), "{path}");
    }
    let api = app.get("/api/v1/gibt-es-nicht", None).await.expect(404);
    assert_eq!(api.code(), "not_found", "the API keeps its JSON errors");
}

async fn a_body_page_shows_members_powers_and_the_public_agenda(app: TestApp) {
    let area = app
        .post(
            &app.a.api("/areas"),
            Some(&app.a.qm),
            json!({"kind": "sozialraum", "name": "Aachen-Ost"}),
        )
        .await
        .expect(201);
    let id = new_body(
        &app,
        json!({"kind": "aktionsfondsjury", "name": "Aktionsfondsjury Ost",
               "area_id": area.json["id"], "rhythm": "viermal im Jahr",
               "powers": [{"power": "entscheidet", "fund_kind": "aktionsfonds",
                           "max_amount_cents": 150000}]}),
    )
    .await;
    let memberships = app.a.api(&format!("/bodies/{id}/memberships"));
    app.post(
        &memberships,
        Some(&app.a.qm),
        json!({"organisation_id": app.a.member_org, "role": "sprecher", "voting_right": true}),
    )
    .await
    .expect(201);
    for (name, consent) in [("Erika Mustermann", true), ("Max Verborgen", false)] {
        let person = app
            .post(
                &app.a.api("/persons"),
                Some(&app.a.qm),
                json!({"name": name, "listed_publicly": consent}),
            )
            .await
            .expect(201);
        app.post(
            &memberships,
            Some(&app.a.qm),
            json!({"person_id": person.json["id"], "role": "mitglied"}),
        )
        .await
        .expect(201);
    }
    let meeting = new_meeting(&app, &id, "Jurysitzung Herbst", "2030-11-26T17:00:00Z").await;
    let agenda = json!([
        {"number": "TOP 1", "title": "Begrüßung"},
        {"number": "TOP 2", "title": "Antrag Nachbarschaftsfest", "result": "bewilligt",
         "votes_yes": 7, "votes_no": 1, "votes_abstain": 2},
        {"number": "TOP 3", "title": "Personalangelegenheit", "public": false},
    ]);
    let meeting_path = app.a.api(&format!(
        "/meetings/{}/agenda",
        meeting.json["id"].as_str().unwrap()
    ));
    app.put(
        &meeting_path,
        Some(&app.a.qm),
        Some(&meeting.etag()),
        agenda,
    )
    .await
    .expect(200);

    let html = page(&app, &format!("/kommunen/aachen/gremien/{id}"), 200).await;

    assert!(html.contains("<h1>Aktionsfondsjury Ost</h1>"));
    assert!(html.contains("Aachen-Ost") && html.contains("viermal im Jahr"));
    assert!(html.contains("entscheidet über Aktionsfonds bis 1.500 €"));
    assert!(html.contains("AWO Stadt Aachen") && html.contains("Sprecher:in"));
    assert!(html.contains("Erika Mustermann"), "listed with consent");
    assert!(!html.contains("Max Verborgen"), "no consent, no name");
    assert!(html.contains("Jurysitzung Herbst"));
    assert!(visible_text(&html).contains("Di., 26.11.2030, 18:00 Uhr"));
    assert!(html.contains("Antrag Nachbarschaftsfest") && html.contains("bewilligt"));
    assert!(html.contains("7 ja, 1 nein, 2 Enthaltungen"));
    assert!(!html.contains("Personalangelegenheit"), "non-public item");
}

async fn non_public_and_foreign_bodies_get_the_404_page(app: TestApp) {
    let hidden = new_body(&app, body("Lenkungsgruppe Intern", false)).await;
    let berlin = app
        .post(
            &app.b.api("/bodies"),
            Some(&app.b.qm),
            body("Quartiersrat Wedding", true),
        )
        .await
        .expect(201);
    let foreign = berlin.json["id"].as_str().unwrap();

    for path in [
        format!("/kommunen/aachen/gremien/{hidden}"),
        format!("/kommunen/aachen/gremien/{foreign}"),
        "/kommunen/aachen/gremien/keine-id".to_owned(),
    ] {
        let html = page(&app, &path, 404).await;
        assert!(html.contains("Seite nicht gefunden"), "{path}");
        assert!(!html.contains("Lenkungsgruppe Intern") && !html.contains("Wedding"));
    }
    let html = page(&app, &format!("/kommunen/berlin/gremien/{foreign}"), 200).await;
    assert!(html.contains("<h1>Quartiersrat Wedding</h1>"));
}

async fn names_with_html_are_escaped_on_every_page(app: TestApp) {
    let id = new_body(&app, body("<script>alert(1)</script>", true)).await;
    new_meeting(&app, &id, "<b>fett</b> & mehr", "2030-06-04T16:00:00Z").await;

    for path in [
        "/kommunen/aachen".to_owned(),
        format!("/kommunen/aachen/gremien/{id}"),
    ] {
        let html = page(&app, &path, 200).await;
        assert!(!html.contains("<script>"), "{path}");
        assert!(
            html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
            "{path}"
        );
        assert!(!html.contains("<b>fett</b>"), "{path}");
        assert!(
            html.contains("&#60;b&#62;fett&#60;/b&#62; &#38; mehr"),
            "{path}"
        );
    }
}

async fn the_stylesheet_is_served_from_the_host_with_a_long_cache_lifetime(app: TestApp) {
    let html = page(&app, "/", 200).await;
    let start = position(&html, r#"<link rel="stylesheet" href=""#) + 29;
    let href = &html[start..start + html[start..].find('"').unwrap()];
    assert!(href.starts_with("/static/style.css?v="), "{href}");
    let css = app.get(href, None).await.expect(200);
    assert!(
        css.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    let cache = css.headers["cache-control"].to_str().unwrap();
    assert!(cache.contains("max-age=31536000"), "{cache}");
    assert!(css.text.contains(":focus-visible"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "nothing external"
    );
}

//! OParl's `Location` (a meeting's place) and `File` (the public part of approved minutes):
//! validated against the reference schemas like every other class, listed, paged and
//! filtered like them, and never reachable for a private body's, a foreign, an unapproved
//! or a missing meeting — each of those answers the same 404. A file's `accessUrl` is a
//! public page showing the public agenda items and nothing else.

use quartier::db::Id;
use serde_json::{Value, json};

use crate::oparl::{aachen, names, new_body, new_meeting, oparl, path, validate, walk};
use crate::support::{Tenant, TestApp};

crate::tests![
    a_meetings_place_and_approved_minutes_are_a_location_and_a_file_that_match_the_schema,
    places_and_minutes_of_private_foreign_unapproved_and_missing_meetings_answer_the_same_404,
    the_lists_of_places_and_files_page_and_filter_like_every_list,
];

/// Records minutes with `notes` on meeting `id` of `tenant`, approved or not, keeping its
/// other fields.
async fn minutes(app: &TestApp, tenant: &Tenant, id: &str, notes: &str, approved: bool) {
    let url = tenant.api(&format!("/meetings/{id}"));
    let read = app.get(&url, Some(&tenant.qm)).await.expect(200);
    let m = &read.json;
    app.put(
        &url,
        Some(&tenant.qm),
        Some(&read.etag()),
        json!({"title": m["title"], "starts_at": m["starts_at"], "ends_at": m["ends_at"],
               "location": m["location"], "state": "durchgefuehrt",
               "minutes": notes, "minutes_approved": approved}),
    )
    .await
    .expect(200);
}

async fn body_of(app: &TestApp, tenant: &Tenant, name: &str, public: bool) -> String {
    let created = app
        .post(
            &tenant.api("/bodies"),
            Some(&tenant.qm),
            crate::bodies::body(name, public),
        )
        .await
        .expect(201);
    created.json["id"].as_str().unwrap().to_owned()
}

/// A meeting without agenda, at `location`.
async fn meeting_of(
    app: &TestApp,
    tenant: &Tenant,
    body: &str,
    title: &str,
    location: &str,
) -> String {
    let created = app
        .post(
            &tenant.api("/meetings"),
            Some(&tenant.qm),
            json!({"body_id": body, "title": title, "starts_at": "2030-12-01T18:00:00Z",
                   "location": location}),
        )
        .await
        .expect(201);
    created.json["id"].as_str().unwrap().to_owned()
}

fn descriptions(objects: &[Value]) -> Vec<&str> {
    objects
        .iter()
        .map(|o| o["description"].as_str().unwrap())
        .collect()
}

async fn a_meetings_place_and_approved_minutes_are_a_location_and_a_file_that_match_the_schema(
    app: TestApp,
) {
    let konferenz = new_body(&app, "Stadtteilkonferenz Ost", true).await;
    let meeting = new_meeting(&app, &konferenz, "Herbstkonferenz").await;
    let notes = "Frau Beispiel berichtete aus dem Vorstand.";
    minutes(&app, &app.a, &meeting, notes, true).await;

    let body = aachen(&app).await;
    let meetings = walk(&app, &body["meeting"], "Meeting").await;
    let place = &meetings[0]["location"];
    assert_eq!(place["description"], "Bürgerhaus");
    assert!(
        place.get("meetings").is_none(),
        "embedded without back-reference"
    );
    let locations = walk(&app, &body["locationList"], "Location").await;
    assert_eq!(descriptions(&locations), ["Bürgerhaus"]);
    assert_eq!(locations[0]["id"], place["id"]);
    assert_eq!(locations[0]["meetings"], json!([meetings[0]["id"]]));

    let protocol = &meetings[0]["resultsProtocol"];
    assert!(
        protocol.get("meeting").is_none(),
        "embedded without back-reference"
    );
    let files = walk(&app, &body["file"], "File").await;
    assert_eq!(
        names(&files),
        ["Niederschrift (öffentlicher Teil): Herbstkonferenz"]
    );
    assert_eq!(files[0]["id"], protocol["id"]);
    assert_eq!(files[0]["meeting"], json!([meetings[0]["id"]]));
    assert_eq!(files[0]["mimeType"], "text/html");
    assert_eq!(files[0]["date"], "2030-11-21");
    assert_eq!(files[0]["fileName"], "niederschrift-2030-11-21.html");

    let access = path(&app, &files[0]["accessUrl"]);
    let page = app.get(&access, None).await.expect(200);
    assert!(
        page.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    for shown in [
        "Niederschrift (öffentlicher Teil): Herbstkonferenz",
        "Stadtteilkonferenz Ost",
        "Bürgerhaus",
        "Begrüßung",
        "Sommerfest",
        "Das Fest findet statt.",
    ] {
        assert!(page.text.contains(shown), "{shown} missing");
    }
    for hidden in ["Personalangelegenheit", "Frau Beispiel"] {
        assert!(!page.text.contains(hidden), "{hidden} must not be public");
    }
    let body_page = app
        .get(
            &format!("/kommunen/{}/gremien/{konferenz}", app.a.slug),
            None,
        )
        .await
        .expect(200);
    assert!(
        body_page.text.contains(&access),
        "the body's page links to the minutes"
    );
}

async fn places_and_minutes_of_private_foreign_unapproved_and_missing_meetings_answer_the_same_404(
    app: TestApp,
) {
    let public = new_body(&app, "Stadtteilkonferenz Ost", true).await;
    let private = new_body(&app, "Lenkungsgruppe Intern", false).await;
    let shown = new_meeting(&app, &public, "Herbstkonferenz").await;
    minutes(&app, &app.a, &shown, "Freigegeben.", true).await;
    let draft = new_meeting(&app, &public, "Winterkonferenz").await;
    minutes(&app, &app.a, &draft, "Noch ein Entwurf.", false).await;
    let nowhere = meeting_of(&app, &app.a, &public, "Ohne Ort", "   ").await;
    let hidden = new_meeting(&app, &private, "Geheimes Treffen").await;
    minutes(&app, &app.a, &hidden, "Geheim.", true).await;
    let elsewhere = body_of(&app, &app.b, "Runder Tisch Anderswo", true).await;
    let theirs = meeting_of(&app, &app.b, &elsewhere, "Anderswo", "Rathaus Anderswo").await;
    minutes(&app, &app.b, &theirs, "Anderswo.", true).await;

    let body = aachen(&app).await;
    let meetings = walk(&app, &body["meeting"], "Meeting").await;
    assert_eq!(
        names(&meetings),
        ["Herbstkonferenz", "Winterkonferenz", "Ohne Ort"]
    );
    assert!(
        meetings[1].get("resultsProtocol").is_none(),
        "draft minutes"
    );
    assert!(meetings[2].get("location").is_none(), "a blank place");
    let locations = walk(&app, &body["locationList"], "Location").await;
    let at: Vec<&Value> = locations.iter().map(|l| &l["meetings"][0]).collect();
    assert_eq!(at, [&meetings[0]["id"], &meetings[1]["id"]]);
    let files = walk(&app, &body["file"], "File").await;
    assert_eq!(
        names(&files),
        ["Niederschrift (öffentlicher Teil): Herbstkonferenz"]
    );

    let unknown = Id::new();
    let missing = oparl(&app, &format!("/oparl/v1/locations/{unknown}"), 404)
        .await
        .json;
    for url in [
        format!("/oparl/v1/locations/{hidden}"),
        format!("/oparl/v1/locations/{nowhere}"),
        "/oparl/v1/locations/kein-id".to_owned(),
        format!("/oparl/v1/files/niederschrift-{hidden}"),
        format!("/oparl/v1/files/niederschrift-{draft}"),
        format!("/oparl/v1/files/niederschrift-{unknown}"),
        format!("/oparl/v1/files/{shown}"),
        format!("/oparl/v1/files/einladung-{shown}"),
    ] {
        assert_eq!(oparl(&app, &url, 404).await.json, missing, "{url}");
    }
    let page = |slug: &str, id: &str| format!("/kommunen/{slug}/sitzungen/{id}/niederschrift");
    let not_found = app
        .get(&page(&app.a.slug, &unknown.to_string()), None)
        .await
        .expect(404)
        .text;
    for url in [
        page(&app.a.slug, &hidden),
        page(&app.a.slug, &draft),
        page(&app.a.slug, &theirs),
        page(&app.a.slug, "kein-id"),
    ] {
        assert_eq!(
            app.get(&url, None).await.expect(404).text,
            not_found,
            "{url}"
        );
    }

    // Another municipality's public meeting is its own, under its own body and pages.
    let file = oparl(
        &app,
        &format!("/oparl/v1/files/niederschrift-{theirs}"),
        200,
    )
    .await
    .json;
    validate(&file, "File");
    assert_eq!(path(&app, &file["accessUrl"]), page(&app.b.slug, &theirs));
    let theirs_page = app.get(&page(&app.b.slug, &theirs), None).await.expect(200);
    assert!(theirs_page.text.contains("Rathaus Anderswo"));
    let place = oparl(&app, &format!("/oparl/v1/locations/{theirs}"), 200)
        .await
        .json;
    validate(&place, "Location");
    assert_eq!(place["description"], "Rathaus Anderswo");
}

async fn the_lists_of_places_and_files_page_and_filter_like_every_list(app: TestApp) {
    let konferenz = new_body(&app, "Stadtteilkonferenz Ost", true).await;
    for title in ["Erste", "Zweite", "Dritte"] {
        let id = new_meeting(&app, &konferenz, title).await;
        minutes(&app, &app.a, &id, "Freigegeben.", true).await;
    }
    for (list, class) in [("locations", "Location"), ("files", "File")] {
        let url = format!("/oparl/v1/bodies/{}/{list}", app.a.slug);
        let first = oparl(&app, &format!("{url}?limit=2"), 200).await.json;
        assert_eq!(first["pagination"]["totalElements"], 3, "{list}");
        assert_eq!(first["pagination"]["totalPages"], 2, "{list}");
        let all = walk(&app, &json!(format!("{}{url}?limit=2", app.base)), class).await;
        assert_eq!(all.len(), 3, "{list}");

        let count = |query: String| {
            let url = format!("{url}?{query}");
            let app = &app;
            async move { oparl(app, &url, 200).await.json["pagination"]["totalElements"].clone() }
        };
        // Each meeting's minutes were approved before the next was planned.
        let second = all[1]["modified"].as_str().unwrap();
        assert_eq!(count(format!("modified_since={second}")).await, 2, "{list}");
        let first_created = all[0]["created"].as_str().unwrap();
        assert_eq!(count(format!("created_until={first_created}")).await, 1);
        assert_eq!(count("created_since=2199-01-01T00:00:00Z".into()).await, 0);
        assert_eq!(count("modified_until=2000-01-01T00:00:00Z".into()).await, 0);
        oparl(&app, &format!("{url}?modified_since=gestern"), 400).await;
    }
}

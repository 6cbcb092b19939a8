//! Bodies: creating, reading with members, editing with optimistic concurrency, visibility.

use serde_json::json;

use crate::support::TestApp;

crate::tests![
    a_coordinator_creates_a_body_and_reads_it_back,
    two_concurrent_edits_of_one_body_one_wins_the_other_gets_412,
    anonymous_callers_see_only_public_bodies,
];

pub fn body(name: &str, public: bool) -> serde_json::Value {
    json!({"kind": "stadtteilkonferenz", "name": name, "public": public, "rhythm": "monatlich"})
}

async fn a_coordinator_creates_a_body_and_reads_it_back(app: TestApp) {
    let created = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.coordinator),
            body("Stadtteilkonferenz Ost", true),
        )
        .await
        .expect(201);
    let id = created.json["id"].as_str().unwrap().to_owned();
    assert_eq!(created.etag(), "\"1\"");
    let read = app
        .get(&app.a.api(&format!("/bodies/{id}")), None)
        .await
        .expect(200);
    assert_eq!(read.json["name"], "Stadtteilkonferenz Ost");
    assert_eq!(read.json["kind"], "stadtteilkonferenz");
    assert_eq!(read.json["members"], json!([]));
}

async fn two_concurrent_edits_of_one_body_one_wins_the_other_gets_412(app: TestApp) {
    let created = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            body("Runder Tisch", true),
        )
        .await
        .expect(201);
    let path = app
        .a
        .api(&format!("/bodies/{}", created.json["id"].as_str().unwrap()));
    let etag = created.etag();
    let (first, second) = tokio::join!(
        app.put(
            &path,
            Some(&app.a.qm),
            Some(&etag),
            body("Runder Tisch Nord", true)
        ),
        app.put(
            &path,
            Some(&app.a.coordinator),
            Some(&etag),
            body("Runder Tisch Süd", true)
        ),
    );
    let mut statuses = [first.status, second.status];
    statuses.sort();
    assert_eq!(statuses, [200, 412], "{} / {}", first.text, second.text);
    let winner = if first.status == 200 { first } else { second };
    let read = app.get(&path, None).await.expect(200);
    assert_eq!(
        read.json["name"], winner.json["name"],
        "the winner's edit is what is stored"
    );
    assert_eq!(read.etag(), "\"2\"");
}

async fn anonymous_callers_see_only_public_bodies(app: TestApp) {
    app.post(
        &app.a.api("/bodies"),
        Some(&app.a.qm),
        body("Öffentliche Konferenz", true),
    )
    .await
    .expect(201);
    let hidden = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            body("Interne Lenkungsgruppe", false),
        )
        .await
        .expect(201);
    let list = app.get(&app.a.api("/bodies"), None).await.expect(200);
    assert_eq!(list.json["total"], 1);
    assert_eq!(list.json["items"][0]["name"], "Öffentliche Konferenz");
    let staff = app
        .get(&app.a.api("/bodies"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(staff.json["total"], 2);
    let id = hidden.json["id"].as_str().unwrap();
    let anonymous = app
        .get(&app.a.api(&format!("/bodies/{id}")), None)
        .await
        .expect(404);
    let missing = app
        .get(
            &app.a.api(&format!("/bodies/{}", uuid::Uuid::now_v7())),
            None,
        )
        .await
        .expect(404);
    assert_eq!(
        anonymous.text, missing.text,
        "a hidden body looks exactly like a missing one"
    );
}

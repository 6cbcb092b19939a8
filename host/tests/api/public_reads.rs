//! The cache of anonymous public reads (`api::public_reads`): kept until this process's next
//! write, never for a caller with credentials, on by default on SQLite only.

use quartier::db::Backend;
use serde_json::json;

use crate::memberships::{add, body};
use crate::support::TestApp;

crate::tests![
    anonymous_reads_are_kept_until_the_next_write_and_never_shown_to_staff,
    a_consent_withdrawn_hides_the_name_at_the_next_anonymous_read,
];

/// Renames a body behind the server's back: a write no transaction of its process counts.
async fn rename_directly(app: &TestApp, id: &str, name: &str) {
    sqlx::query("UPDATE bodies SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(id)
        .execute(&app.db.pool)
        .await
        .unwrap();
}

async fn anonymous_reads_are_kept_until_the_next_write_and_never_shown_to_staff(app: TestApp) {
    let id = body(&app, "Stadtteilkonferenz Nord", true).await;
    let path = app.a.api(&format!("/bodies/{id}"));
    let list = app.a.api("/bodies");
    let name = |reply: crate::support::Reply| reply.expect(200).json["name"].clone();
    assert_eq!(name(app.get(&path, None).await), "Stadtteilkonferenz Nord");
    app.get(&list, None).await.expect(200);

    // A write through the API is seen at once by the next anonymous read.
    app.put(
        &path,
        Some(&app.a.qm),
        Some("\"1\""),
        crate::bodies::body("Stadtteilkonferenz Mitte", true),
    )
    .await
    .expect(200);
    assert_eq!(name(app.get(&path, None).await), "Stadtteilkonferenz Mitte");
    let listed = app.get(&list, None).await.expect(200);
    assert!(
        listed.text.contains("Stadtteilkonferenz Mitte"),
        "{}",
        listed.text
    );

    // A write the process did not make: SQLite keeps the anonymous answer (that is the
    // cache at work), PostgreSQL has no cache by default and reads the row.
    rename_directly(&app, &id, "Direkt umbenannt").await;
    let anonymous = name(app.get(&path, None).await);
    match app.db.backend {
        Backend::Sqlite => assert_eq!(anonymous, "Stadtteilkonferenz Mitte"),
        Backend::Postgres => assert_eq!(anonymous, "Direkt umbenannt"),
    }
    // Callers with credentials, or with any cookie, always reach the database.
    assert_eq!(
        name(app.get(&path, Some(&app.a.qm)).await),
        "Direkt umbenannt"
    );
    let with_cookie = app
        .send(
            reqwest::Method::GET,
            &path,
            None,
            &[("cookie", "x=1")],
            None,
        )
        .await;
    assert_eq!(name(with_cookie), "Direkt umbenannt");

    // Any write this process commits, here in another municipality, ends every kept answer.
    app.post(
        &app.b.api("/bodies"),
        Some(&app.b.qm),
        crate::bodies::body("Runder Tisch", true),
    )
    .await
    .expect(201);
    assert_eq!(name(app.get(&path, None).await), "Direkt umbenannt");
}

async fn a_consent_withdrawn_hides_the_name_at_the_next_anonymous_read(app: TestApp) {
    let id = body(&app, "Quartiersrat", true).await;
    let person = app
        .post(
            &app.a.api("/persons"),
            Some(&app.a.qm),
            json!({"name": "Anna Listig", "listed_publicly": true}),
        )
        .await
        .expect(201);
    add(&app, &id, json!({"person_id": person.json["id"]}))
        .await
        .expect(201);
    let path = app.a.api(&format!("/bodies/{id}"));
    let read = app.get(&path, None).await.expect(200);
    assert_eq!(read.json["members"][0]["person_name"], "Anna Listig");

    let person_path = app
        .a
        .api(&format!("/persons/{}", person.json["id"].as_str().unwrap()));
    app.put(
        &person_path,
        Some(&app.a.qm),
        Some(&person.etag()),
        json!({"name": "Anna Listig", "listed_publicly": false}),
    )
    .await
    .expect(200);
    let read = app.get(&path, None).await.expect(200);
    assert_eq!(read.json["members"][0]["person_name"], json!(null));
    // Staff still see the name: their reads never come from the anonymous cache.
    let staff = app.get(&path, Some(&app.a.qm)).await.expect(200);
    assert_eq!(staff.json["members"][0]["person_name"], "Anna Listig");
}

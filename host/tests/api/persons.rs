//! Persons: personal data under the GDPR — staff access with audit, consent-bound public
//! view, erasure on request that keeps the meeting history's shape.

use serde_json::{Value, json};

use crate::memberships::{add, body};
use crate::support::TestApp;

crate::tests![
    staff_create_read_update_and_erase_a_person_and_the_audit_log_shows_it,
    anonymous_callers_never_see_contact_details,
    erasure_keeps_the_membership_row_but_no_personal_data,
    staff_find_persons_by_part_of_their_name_and_by_organisation,
];

fn anna(listed: bool) -> Value {
    json!({"name": "Anna Schmidt", "email": "anna.schmidt@awo-aachen.de", "phone": "0241 123456",
           "listed_publicly": listed, "may_contact": true})
}

/// The actions the audit log of Aachen records for one object, newest first.
pub async fn audit_actions(app: &TestApp, object_id: &str) -> Vec<String> {
    let audit = app
        .get(&app.a.api("/audit?limit=200"), Some(&app.a.coordinator))
        .await
        .expect(200);
    audit.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["object_id"] == object_id)
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

async fn staff_create_read_update_and_erase_a_person_and_the_audit_log_shows_it(app: TestApp) {
    let created = app
        .post(&app.a.api("/persons"), Some(&app.a.qm), anna(false))
        .await
        .expect(201);
    assert_eq!(created.etag(), "\"1\"");
    let id = created.json["id"].as_str().unwrap().to_owned();
    let path = app.a.api(&format!("/persons/{id}"));
    let read = app.get(&path, Some(&app.a.qm)).await.expect(200);
    assert_eq!(read.json["email"], "anna.schmidt@awo-aachen.de");
    assert_eq!(read.json["phone"], "0241 123456");
    assert_eq!(read.json["erased"], false);
    let mut changed = anna(true);
    changed["email"] = json!("a.schmidt@awo-aachen.de");
    changed["organisation_id"] = json!(app.a.member_org);
    let updated = app
        .put(
            &path,
            Some(&app.a.coordinator),
            Some(&read.etag()),
            changed.clone(),
        )
        .await
        .expect(200);
    assert_eq!(updated.json["email"], "a.schmidt@awo-aachen.de");
    assert_eq!(updated.json["listed_publicly"], true);
    assert_eq!(updated.etag(), "\"2\"");
    app.put(&path, Some(&app.a.qm), Some(&read.etag()), changed.clone())
        .await
        .expect(412);
    let bad = app
        .put(
            &path,
            Some(&app.a.qm),
            Some(&updated.etag()),
            json!({"name": " ", "email": "keine-adresse"}),
        )
        .await
        .expect(422);
    assert_eq!(bad.json["errors"].as_array().unwrap().len(), 2);

    let erased = app
        .post_if_match(
            &format!("{path}/erasure"),
            Some(&app.a.qm),
            Some(&updated.etag()),
            json!({}),
        )
        .await
        .expect(200);
    assert_eq!(erased.json["erased"], true);
    let after = app.get(&path, Some(&app.a.coordinator)).await.expect(200);
    assert_eq!(after.json["erased"], true);
    for field in ["name", "email", "phone", "organisation_id"] {
        assert!(after.json.get(field).is_none(), "{field} in {}", after.text);
    }
    assert!(!after.text.contains("Schmidt"));
    assert_eq!(after.json["listed_publicly"], false);
    assert_eq!(after.json["may_contact"], false);
    let again = app
        .post_if_match(
            &format!("{path}/erasure"),
            Some(&app.a.qm),
            Some(&after.etag()),
            json!({}),
        )
        .await
        .expect(409);
    assert_eq!(again.code(), "person_erased");
    let edit = app
        .put(&path, Some(&app.a.qm), Some(&after.etag()), changed)
        .await
        .expect(409);
    assert_eq!(edit.code(), "person_erased");
    app.get(&path, None).await.expect(404);

    assert_eq!(
        audit_actions(&app, &id).await,
        ["erase", "update", "read_personal", "create"],
        "one read with contact data, none after erasure"
    );
}

async fn anonymous_callers_never_see_contact_details(app: TestApp) {
    let listed = app
        .post(&app.a.api("/persons"), Some(&app.a.qm), anna(true))
        .await
        .expect(201);
    let mut bernd = anna(false);
    bernd["name"] = json!("Bernd Verborgen");
    let unlisted = app
        .post(&app.a.api("/persons"), Some(&app.a.qm), bernd)
        .await
        .expect(201);
    let listed_path = app
        .a
        .api(&format!("/persons/{}", listed.json["id"].as_str().unwrap()));
    let unlisted_path = app.a.api(&format!(
        "/persons/{}",
        unlisted.json["id"].as_str().unwrap()
    ));
    for token in [None, Some(app.a.member.as_str()), Some(&app.b.coordinator)] {
        let list = app.get(&app.a.api("/persons"), token).await.expect(200);
        assert_eq!(list.json["total"], 1);
        let item = list.json["items"][0].as_object().unwrap();
        let mut keys: Vec<&str> = item.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["id", "name", "organisation_id"]);
        let one = app.get(&listed_path, token).await.expect(200);
        assert_eq!(one.json["name"], "Anna Schmidt");
        assert!(!one.text.contains("awo-aachen.de") && !one.text.contains("123456"));
        let hidden = app.get(&unlisted_path, token).await.expect(404);
        let missing = app
            .get(
                &app.a.api(&format!("/persons/{}", uuid::Uuid::now_v7())),
                token,
            )
            .await
            .expect(404);
        assert_eq!(hidden.text, missing.text);
    }
    app.put(&listed_path, None, Some("\"1\""), anna(true))
        .await
        .expect(401);
    app.put(&listed_path, Some(&app.a.member), Some("\"1\""), anna(true))
        .await
        .expect(403);
    app.post_if_match(
        &format!("{unlisted_path}/erasure"),
        None,
        Some("\"1\""),
        json!({}),
    )
    .await
    .expect(404);
    app.post(&app.a.api("/persons"), None, anna(true))
        .await
        .expect(401);
    assert!(
        audit_actions(&app, listed.json["id"].as_str().unwrap())
            .await
            .iter()
            .all(|a| a != "read_personal"),
        "public reads show no personal contact data"
    );
}

async fn erasure_keeps_the_membership_row_but_no_personal_data(app: TestApp) {
    let body = body(&app, "Stadtteilkonferenz Mitte", true).await;
    let person = app
        .post(&app.a.api("/persons"), Some(&app.a.qm), anna(true))
        .await
        .expect(201);
    let person_id = person.json["id"].as_str().unwrap();
    let membership = add(
        &app,
        &body,
        json!({"person_id": person_id, "organisation_id": app.a.member_org, "role": "sprecher",
               "starts_on": "2024-01-01"}),
    )
    .await
    .expect(201);
    let membership_path = app.a.api(&format!(
        "/memberships/{}",
        membership.json["id"].as_str().unwrap()
    ));
    let before = app.get(&membership_path, None).await.expect(200);
    assert_eq!(before.json["person_name"], "Anna Schmidt");

    app.post_if_match(
        &app.a.api(&format!("/persons/{person_id}/erasure")),
        Some(&app.a.coordinator),
        Some(&person.etag()),
        json!({}),
    )
    .await
    .expect(200);

    let today = chrono::Utc::now().date_naive().to_string();
    let after = app.get(&membership_path, Some(&app.a.qm)).await.expect(200);
    assert_eq!(after.json["person_id"], person_id, "the row stays");
    assert_eq!(after.json["person_name"], Value::Null);
    assert_eq!(after.json["ends_on"], today.as_str(), "ended today");
    assert_eq!(after.json["starts_on"], "2024-01-01");
    let page = app
        .get(&app.a.api(&format!("/bodies/{body}")), Some(&app.a.qm))
        .await
        .expect(200);
    assert!(!page.text.contains("Schmidt"), "{}", page.text);
    let (name, email, phone): (String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT name, email, phone FROM persons WHERE id = $1")
            .bind(person_id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), email, phone),
        ("Gelöschte Person", None, None)
    );
    assert_eq!(
        audit_actions(&app, membership.json["id"].as_str().unwrap()).await,
        ["update", "create"],
        "ending the membership is audited too"
    );
    let rejoin = add(&app, &body, json!({"person_id": person_id}))
        .await
        .expect(409);
    assert_eq!(rejoin.code(), "person_erased");
}

async fn staff_find_persons_by_part_of_their_name_and_by_organisation(app: TestApp) {
    for (name, org) in [
        ("Anna Schmidt", Some(app.a.member_org)),
        ("Jonas Schmitt", None),
        ("Lea 100%_Weber", None),
    ] {
        app.post(
            &app.a.api("/persons"),
            Some(&app.a.qm),
            json!({"name": name, "organisation_id": org}),
        )
        .await
        .expect(201);
    }
    let names = |reply: &crate::support::Reply| -> Vec<String> {
        reply.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let schm = app
        .get(&app.a.api("/persons?q=SCHM"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(names(&schm), ["Anna Schmidt", "Jonas Schmitt"]);
    let literal = app
        .get(&app.a.api("/persons?q=0%25_"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(names(&literal), ["Lea 100%_Weber"]);
    let wildcard = app
        .get(&app.a.api("/persons?q=%25"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(
        wildcard.json["total"], 1,
        "% is a character, not a wildcard"
    );
    let by_org = app
        .get(
            &app.a
                .api(&format!("/persons?organisation_id={}", app.a.member_org)),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(names(&by_org), ["Anna Schmidt"]);
    let paged = app
        .get(&app.a.api("/persons?limit=1&offset=1"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(paged.json["total"], 3);
    assert_eq!(names(&paged), ["Jonas Schmitt"]);
    let other = app
        .get(&app.b.api("/persons"), Some(&app.b.qm))
        .await
        .expect(200);
    assert_eq!(
        other.json["total"], 0,
        "Berlin does not see Aachen's contacts"
    );
}

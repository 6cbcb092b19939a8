//! Memberships: dates, one active membership per organisation and body, visibility of
//! person names, optimistic concurrency, deletion.

use quartier::auth::Role;
use quartier::auth::credentials::{self, NewUser, TokenLifetime};
use quartier::db::{Id, Timestamp};
use serde_json::{Value, json};

use crate::support::TestApp;

crate::tests![
    membership_dates_must_be_real_days_and_end_after_they_start,
    an_organisation_with_an_active_membership_cannot_get_a_second_one,
    two_concurrent_additions_of_one_organisation_create_only_one_membership,
    anonymous_callers_see_a_members_name_only_with_consent,
    a_stale_edit_of_a_membership_gets_412_and_a_deleted_one_is_gone,
];

/// Inserts a host-wide organisation directly (organisations have their own API and tests).
pub async fn organisation(app: &TestApp, name: &str) -> String {
    let id = Id::new();
    sqlx::query(
        "INSERT INTO organisations (id, name, kind, version, created_at, updated_at)
         VALUES ($1, $2, 'verein', 1, $3, $3)",
    )
    .bind(id)
    .bind(name)
    .bind(Timestamp::now())
    .execute(&app.db.pool)
    .await
    .expect("inserting organisation");
    id.to_string()
}

/// A member user of Aachen acting for `organisation`; returns the token.
pub async fn member_of(app: &TestApp, username: &str, organisation: &str) -> String {
    credentials::upsert_user(
        &app.db,
        NewUser {
            username,
            display_name: username,
            role: Role::Member,
            municipality_id: Some(app.a.id),
            organisation_id: Some(organisation.parse().unwrap()),
            password: None,
        },
    )
    .await
    .expect("creating user");
    credentials::issue_token(&app.db, username, "test", TokenLifetime::default())
        .await
        .expect("issuing token")
        .secret
}

/// Creates a body in Aachen as the QM; returns its id.
pub async fn body(app: &TestApp, name: &str, public: bool) -> String {
    let created = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            crate::bodies::body(name, public),
        )
        .await
        .expect(201);
    created.json["id"].as_str().unwrap().to_owned()
}

/// Adds a member to a body in Aachen as the QM and returns the reply.
pub async fn add(app: &TestApp, body_id: &str, input: Value) -> crate::support::Reply {
    app.post(
        &app.a.api(&format!("/bodies/{body_id}/memberships")),
        Some(&app.a.qm),
        input,
    )
    .await
}

fn pointers(reply: &crate::support::Reply) -> Vec<(String, String)> {
    reply.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["pointer"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn membership_dates_must_be_real_days_and_end_after_they_start(app: TestApp) {
    let body = body(&app, "Runder Tisch Ost", true).await;
    let org = organisation(&app, "Kita Sonnenschein").await;
    // A date is a type: like a wrong type, a malformed one is named alone, at its pointer.
    for (field, impossible) in [("starts_on", "2026-02-30"), ("ends_on", "01.03.2026")] {
        let refused = add(
            &app,
            &body,
            json!({"organisation_id": org, field: impossible}),
        )
        .await
        .expect(422);
        assert_eq!(
            pointers(&refused),
            [(format!("/{field}"), "invalid_date".to_owned())]
        );
    }
    let backwards = add(
        &app,
        &body,
        json!({"organisation_id": org, "starts_on": "2026-03-01", "ends_on": "2026-02-28"}),
    )
    .await
    .expect(422);
    assert_eq!(
        pointers(&backwards),
        [("/ends_on".to_owned(), "out_of_range".to_owned())]
    );
    let nobody = add(&app, &body, json!({"role": "gast"})).await.expect(422);
    assert_eq!(
        pointers(&nobody),
        [("/organisation_id".to_owned(), "required".to_owned())]
    );
    let foreign = app
        .post(
            &app.b.api("/persons"),
            Some(&app.b.qm),
            json!({"name": "Berliner Kontakt"}),
        )
        .await
        .expect(201);
    let elsewhere = add(&app, &body, json!({"person_id": foreign.json["id"]}))
        .await
        .expect(422);
    assert_eq!(
        pointers(&elsewhere),
        [("/person_id".to_owned(), "reference_missing".to_owned())],
        "a person of another municipality cannot be a member here"
    );
    let one_day = add(
        &app,
        &body,
        json!({"organisation_id": org, "starts_on": "2026-03-01", "ends_on": "2026-03-01",
               "role": "gast"}),
    )
    .await
    .expect(201);
    assert_eq!(one_day.json["starts_on"], "2026-03-01");
    assert_eq!(one_day.json["role"], "gast");
}

async fn an_organisation_with_an_active_membership_cannot_get_a_second_one(app: TestApp) {
    let body = body(&app, "Stadtteilkonferenz Nord", true).await;
    let org = organisation(&app, "Caritas Nord").await;
    let first = add(
        &app,
        &body,
        json!({"organisation_id": org, "voting_right": true}),
    )
    .await
    .expect(201);
    let second = add(&app, &body, json!({"organisation_id": org, "role": "gast"}))
        .await
        .expect(409);
    assert_eq!(second.code(), "already_member");
    let history = add(
        &app,
        &body,
        json!({"organisation_id": org, "starts_on": "2019-01-01", "ends_on": "2020-12-31"}),
    )
    .await
    .expect(201);
    let path = app.a.api(&format!(
        "/memberships/{}",
        history.json["id"].as_str().unwrap()
    ));
    let reopened = app
        .put(
            &path,
            Some(&app.a.qm),
            Some(&history.etag()),
            json!({"organisation_id": org, "starts_on": "2019-01-01"}),
        )
        .await
        .expect(409);
    assert_eq!(reopened.code(), "already_member");
    let first_path = app.a.api(&format!(
        "/memberships/{}",
        first.json["id"].as_str().unwrap()
    ));
    app.put(
        &first_path,
        Some(&app.a.qm),
        Some(&first.etag()),
        json!({"organisation_id": org, "voting_right": true, "ends_on": "2021-06-30"}),
    )
    .await
    .expect(200);
    add(&app, &body, json!({"organisation_id": org}))
        .await
        .expect(201);
    let list = app
        .get(
            &app.a.api(&format!("/bodies/{body}/memberships")),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(list.json["total"], 3);
    let current = app
        .get(
            &app.a
                .api(&format!("/bodies/{body}/memberships?current=true")),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(current.json["total"], 1);
}

async fn two_concurrent_additions_of_one_organisation_create_only_one_membership(app: TestApp) {
    let body = body(&app, "Trägerverbund", true).await;
    let org = organisation(&app, "Diakonie West").await;
    let (first, second) = tokio::join!(
        add(&app, &body, json!({"organisation_id": org})),
        add(
            &app,
            &body,
            json!({"organisation_id": org, "role": "sprecher"})
        ),
    );
    let mut statuses = [first.status, second.status];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{} / {}", first.text, second.text);
    let read = app
        .get(&app.a.api(&format!("/bodies/{body}")), None)
        .await
        .expect(200);
    assert_eq!(read.json["members"].as_array().unwrap().len(), 1);
}

async fn anonymous_callers_see_a_members_name_only_with_consent(app: TestApp) {
    let body = body(&app, "Quartiersrat", true).await;
    let mut ids = Vec::new();
    for (name, listed) in [("Anna Listig", true), ("Bernd Still", false)] {
        let person = app
            .post(
                &app.a.api("/persons"),
                Some(&app.a.qm),
                json!({"name": name, "email": "x@example.org", "listed_publicly": listed}),
            )
            .await
            .expect(201);
        let membership = add(&app, &body, json!({"person_id": person.json["id"]}))
            .await
            .expect(201);
        ids.push(membership.json["id"].as_str().unwrap().to_owned());
    }
    let list = app
        .get(&app.a.api(&format!("/bodies/{body}/memberships")), None)
        .await
        .expect(200);
    let names: Vec<&Value> = list.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["person_name"])
        .collect();
    assert_eq!(names, [&json!("Anna Listig"), &Value::Null]);
    assert!(
        !list.text.contains("example.org"),
        "no contact data in lists"
    );
    let staff = app
        .get(
            &app.a.api(&format!("/memberships/{}", ids[1])),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(staff.json["person_name"], "Bernd Still");
    let hidden = crate::memberships::body(&app, "Lenkungsgruppe", false).await;
    let org = organisation(&app, "Stadtteilverein").await;
    let inside = add(&app, &hidden, json!({"organisation_id": org}))
        .await
        .expect(201);
    let path = app.a.api(&format!(
        "/memberships/{}",
        inside.json["id"].as_str().unwrap()
    ));
    app.get(&path, None).await.expect(404);
    app.get(&path, Some(&app.a.member)).await.expect(404);
    app.get(&path, Some(&member_of(&app, "verein-user", &org).await))
        .await
        .expect(200);
    app.get(
        &app.b.api(&format!(
            "/memberships/{}",
            inside.json["id"].as_str().unwrap()
        )),
        Some(&app.b.coordinator),
    )
    .await
    .expect(404);
    app.post(
        &app.a.api(&format!("/bodies/{body}/memberships")),
        Some(&app.a.member),
        json!({"organisation_id": org}),
    )
    .await
    .expect(403);
    app.post(
        &app.a.api(&format!("/bodies/{body}/memberships")),
        None,
        json!({"organisation_id": org}),
    )
    .await
    .expect(401);
}

async fn a_stale_edit_of_a_membership_gets_412_and_a_deleted_one_is_gone(app: TestApp) {
    let body = body(&app, "Arbeitskreis Jugend (eigenständig)", true).await;
    let org = organisation(&app, "Jugendzentrum").await;
    let created = add(&app, &body, json!({"organisation_id": org}))
        .await
        .expect(201);
    let path = app.a.api(&format!(
        "/memberships/{}",
        created.json["id"].as_str().unwrap()
    ));
    let change = json!({"organisation_id": org, "role": "sprecher", "voting_right": true});
    app.put(&path, Some(&app.a.qm), None, change.clone())
        .await
        .expect(428);
    let updated = app
        .put(
            &path,
            Some(&app.a.qm),
            Some(&created.etag()),
            change.clone(),
        )
        .await
        .expect(200);
    assert_eq!(updated.json["role"], "sprecher");
    assert_eq!(updated.etag(), "\"2\"");
    let stale = app
        .put(
            &path,
            Some(&app.a.coordinator),
            Some(&created.etag()),
            change,
        )
        .await
        .expect(412);
    assert_eq!(stale.code(), "precondition_failed");
    app.delete(&path, Some(&app.a.member)).await.expect(403);
    app.delete(&path, Some(&app.a.qm)).await.expect(204);
    app.get(&path, Some(&app.a.qm)).await.expect(404);
    let audit = app
        .get(&app.a.api("/audit"), Some(&app.a.coordinator))
        .await
        .expect(200);
    let id = created.json["id"].as_str().unwrap();
    let actions: Vec<&str> = audit.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["object_id"] == id)
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["delete", "update", "create"]);
}

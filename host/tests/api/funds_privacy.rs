//! Fund applications and personal data: the applicant's name, e-mail and phone are kept
//! apart from the application, shown only to staff through an audit-logged route, never to
//! member or jury users, and erased once the application has been closed for the retention
//! period.

use serde_json::json;

use crate::funds::{body, body_with_our_jury, form, fund, id, to};
use crate::persons::audit_actions;
use crate::support::TestApp;

crate::tests![
    the_applicants_contact_is_staff_only_and_every_read_is_audit_logged,
    the_applicants_contact_is_erased_after_the_retention_period,
    by_the_municipalitys_rule_voting_members_of_the_deciding_body_read_the_contact_guests_never,
];

/// A fund decided by a body the tenant's jury user belongs to, and an application to it by
/// a resident with contact data; returns the application's id.
async fn application_with_contact(app: &TestApp) -> String {
    let jury = body_with_our_jury(app, &app.a, "buergerjury", "Bürgerjury Ost").await;
    application_decided_by(app, &jury).await
}

/// An application with the applicant's contact to a new fund decided by `body`.
async fn application_decided_by(app: &TestApp, body: &str) -> String {
    let a = &app.a;
    let fund = fund(
        app,
        a,
        json!({"kind": "stadtteilfonds", "name": "Stadtteilfonds 2027", "year": 2027,
               "budget_cents": 400_000, "deciding_body_id": body}),
    )
    .await;
    let mut data = form("Hoffest", 50_000);
    data["applicant"] = json!({
        "kind": "einzelperson", "name": "Erika Muster", "members": 1,
        "contact_email": "erika@example.org", "contact_phone": "0241 123456"
    });
    id(app
        .post(
            &a.api(&format!("/funds/{fund}/applications")),
            Some(&a.qm),
            data,
        )
        .await)
}

async fn the_applicants_contact_is_staff_only_and_every_read_is_audit_logged(app: TestApp) {
    let a = &app.a;
    let id = application_with_contact(&app).await;
    let path = a.api(&format!("/fund-applications/{id}"));
    for reader in [&a.qm, &a.jury] {
        let application = app.get(&path, Some(reader)).await.expect(200);
        let applicant = &application.json["form_data"]["applicant"];
        assert_eq!(applicant, &json!({"kind": "einzelperson", "members": 1}));
        for personal in ["Erika Muster", "erika@example.org", "0241 123456"] {
            assert!(!application.text.contains(personal), "{}", application.text);
        }
    }
    assert!(
        !audit_actions(&app, &id)
            .await
            .contains(&"read_personal".to_owned())
    );
    let contact = format!("{path}/applicant");
    // The jury and the member user act for an organisation in the deciding body: they read
    // the application, not the contact.
    app.get(&contact, Some(&a.jury)).await.expect(403);
    app.get(&contact, Some(&a.member)).await.expect(403);
    app.get(&contact, Some(&app.b.coordinator))
        .await
        .expect(404);
    app.get(&contact, None).await.expect(401);
    let shown = app.get(&contact, Some(&a.coordinator)).await.expect(200);
    assert_eq!(shown.json["name"], "Erika Muster");
    assert_eq!(shown.json["email"], "erika@example.org");
    assert_eq!(shown.json["phone"], "0241 123456");
    assert_eq!(shown.headers["cache-control"], "no-store");
    assert!(
        audit_actions(&app, &id)
            .await
            .contains(&"read_personal".to_owned())
    );
    // A re-check sees the form as submitted (the schema requires the applicant's name).
    app.post(&format!("{path}/recheck"), Some(&a.qm), json!({}))
        .await
        .expect(200);
}

async fn the_applicants_contact_is_erased_after_the_retention_period(app: TestApp) {
    let a = &app.a;
    let id = application_with_contact(&app).await;
    let open = application_with_contact(&app).await;
    to(&app, a, &a.qm, &id, json!({"to": "in_pruefung"}))
        .await
        .expect(200);
    to(
        &app,
        a,
        &a.qm,
        &id,
        json!({"to": "abgelehnt", "reason": "Nicht förderfähig."}),
    )
    .await
    .expect(200);
    let expiry = quartier::funds::applicant::expiry();
    let retention = chrono::TimeDelta::days(365);
    let run = |days: i64| {
        let (db, expiry) = (app.db.clone(), &expiry);
        async move {
            let now = quartier::db::Timestamp(chrono::Utc::now() + chrono::TimeDelta::days(days));
            quartier::retention::run(&db, expiry, now, retention)
                .await
                .unwrap()
        }
    };
    assert!(
        run(364).await.is_empty(),
        "before the deadline nothing goes"
    );
    let erased = run(366).await;
    assert_eq!(erased.len(), 1, "only the closed application: {erased:?}");
    let contact = app
        .get(
            &a.api(&format!("/fund-applications/{id}/applicant")),
            Some(&a.coordinator),
        )
        .await
        .expect(200);
    assert_eq!(contact.json["present"], true);
    assert!(contact.json["erased_at"].is_string(), "{}", contact.text);
    assert_eq!(contact.json["name"], serde_json::Value::Null);
    assert_eq!(contact.json["email"], serde_json::Value::Null);
    assert!(audit_actions(&app, &id).await.contains(&"erase".to_owned()));
    let still = app
        .get(
            &a.api(&format!("/fund-applications/{open}/applicant")),
            Some(&a.coordinator),
        )
        .await
        .expect(200);
    assert_eq!(still.json["name"], "Erika Muster");
    assert!(
        run(400).await.is_empty(),
        "an erased contact is not erased twice"
    );
}

async fn by_the_municipalitys_rule_voting_members_of_the_deciding_body_read_the_contact_guests_never(
    app: TestApp,
) {
    let a = &app.a;
    let voting = application_with_contact(&app).await;
    // The same organisation is only a guest (with a vote, by mistake) of another deciding
    // body, and a member without vote of a third.
    let mut others = Vec::new();
    for (name, role, vote) in [
        ("Jury Gäste", "gast", true),
        ("Jury ohne Stimme", "mitglied", false),
    ] {
        let body = body(&app, a, "buergerjury", name).await;
        app.post(
            &a.api(&format!("/bodies/{body}/memberships")),
            Some(&a.coordinator),
            json!({"organisation_id": a.member_org, "role": role, "voting_right": vote}),
        )
        .await
        .expect(201);
        others.push(application_decided_by(&app, &body).await);
    }
    let contact = |id: &str| a.api(&format!("/fund-applications/{id}/applicant"));

    // By default staff only.
    app.get(&contact(&voting), Some(&a.jury)).await.expect(403);

    let municipality = a.api("");
    let read = app.get(&municipality, None).await.expect(200);
    assert_eq!(read.json["applicant_contact"], "personal");
    let changed = app
        .put(
            &municipality,
            Some(&a.coordinator),
            Some(&read.etag()),
            json!({"name": read.json["name"], "state": read.json["state"],
                   "qm_model": read.json["qm_model"],
                   "applicant_contact": "stimmberechtigte_entscheider"}),
        )
        .await
        .expect(200);
    assert_eq!(
        changed.json["applicant_contact"],
        "stimmberechtigte_entscheider"
    );

    for reader in [&a.jury, &a.member] {
        let shown = app.get(&contact(&voting), Some(reader)).await.expect(200);
        assert_eq!(shown.json["email"], "erika@example.org");
        assert_eq!(shown.headers["cache-control"], "no-store");
    }
    assert!(
        audit_actions(&app, &voting)
            .await
            .contains(&"read_personal".to_owned())
    );
    for other in &others {
        app.get(&contact(other), Some(&a.jury)).await.expect(403);
    }
    // Another municipality's staff still see nothing of it.
    app.get(&contact(&voting), Some(&app.b.coordinator))
        .await
        .expect(404);
}

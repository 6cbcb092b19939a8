//! Join requests: asking, seeing, and deciding — by the right people, exactly once.

use serde_json::json;

use crate::memberships::{add, body, member_of, organisation};
use crate::persons::audit_actions;
use crate::support::{Reply, TestApp};

crate::tests![
    an_approved_join_request_creates_a_membership_shown_on_the_body,
    two_managers_deciding_one_request_at_once_one_wins_the_other_gets_409,
    a_member_of_another_organisation_cannot_decide_or_see_a_request,
    a_refused_request_creates_no_membership_and_a_new_request_may_follow,
];

fn id(reply: &Reply) -> String {
    reply.json["id"].as_str().unwrap().to_owned()
}

async fn an_approved_join_request_creates_a_membership_shown_on_the_body(app: TestApp) {
    let body = body(&app, "Stadtteilkonferenz Süd", true).await;
    let requests = app.a.api(&format!("/bodies/{body}/join-requests"));
    let asked = app
        .post(
            &requests,
            Some(&app.a.member),
            json!({"message": "Wir möchten gern mitarbeiten."}),
        )
        .await
        .expect(201);
    assert_eq!(asked.json["state"], "offen");
    assert_eq!(asked.json["organisation_id"], json!(app.a.member_org));
    let twice = app
        .post(&requests, Some(&app.a.jury), json!({}))
        .await
        .expect(409);
    assert_eq!(
        twice.code(),
        "already_exists",
        "one open request per organisation"
    );
    let listed = app.get(&requests, Some(&app.a.qm)).await.expect(200);
    assert_eq!(listed.json["total"], 1);

    let decision = app
        .a
        .api(&format!("/join-requests/{}/decision", id(&asked)));
    let approved = app
        .post_if_match(
            &decision,
            Some(&app.a.coordinator),
            Some(&asked.etag()),
            json!({"approve": true, "role": "stellvertretung", "voting_right": true,
                   "note": "Willkommen!"}),
        )
        .await
        .expect(200);
    assert_eq!(approved.json["state"], "angenommen");
    assert_eq!(approved.json["decision_note"], "Willkommen!");
    let membership_id = approved.json["membership_id"].as_str().unwrap().to_owned();

    let page = app
        .get(&app.a.api(&format!("/bodies/{body}")), None)
        .await
        .expect(200);
    let members = page.json["members"].as_array().unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0]["membership_id"], membership_id.as_str());
    assert_eq!(members[0]["organisation_id"], json!(app.a.member_org));
    assert_eq!(members[0]["role"], "stellvertretung");
    assert_eq!(members[0]["voting_right"], true);

    let again = app
        .post(&requests, Some(&app.a.member), json!({}))
        .await
        .expect(409);
    assert_eq!(again.code(), "already_member");
    assert_eq!(
        audit_actions(&app, &id(&asked)).await,
        ["approve", "create"]
    );
    let seen_by_member = app
        .get(
            &app.a.api(&format!("/join-requests/{}", id(&asked))),
            Some(&app.a.member),
        )
        .await
        .expect(200);
    assert_eq!(seen_by_member.json["state"], "angenommen");
}

/// A body managed by `app.a.member`'s organisation (its Sprecher) with an open request from
/// a new organisation. Returns the body, the request and the requesting user's token.
pub async fn managed_body_with_request(app: &TestApp) -> (String, String, String) {
    let body = body(app, "Runder Tisch Senioren", true).await;
    add(
        app,
        &body,
        json!({"organisation_id": app.a.member_org, "role": "sprecher"}),
    )
    .await
    .expect(201);
    let org = organisation(app, "Seniorenbüro").await;
    let asker = member_of(app, "seniorenbuero", &org).await;
    let asked = app
        .post(
            &app.a.api(&format!("/bodies/{body}/join-requests")),
            Some(&asker),
            json!({"organisation_id": org}),
        )
        .await
        .expect(201);
    (body, id(&asked), asker)
}

async fn two_managers_deciding_one_request_at_once_one_wins_the_other_gets_409(app: TestApp) {
    let (body, request, _) = managed_body_with_request(&app).await;
    let decision = app.a.api(&format!("/join-requests/{request}/decision"));
    // Both read the open request, then decide at once.
    let read = app
        .get(
            &app.a.api(&format!("/join-requests/{request}")),
            Some(&app.a.qm),
        )
        .await
        .expect(200)
        .etag();
    let (first, second) = tokio::join!(
        app.post_if_match(
            &decision,
            Some(&app.a.member),
            Some(&read),
            json!({"approve": true})
        ),
        app.post_if_match(
            &decision,
            Some(&app.a.coordinator),
            Some(&read),
            json!({"approve": false, "note": "Kein Platz mehr."})
        ),
    );
    let mut statuses = [first.status, second.status];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", first.text, second.text);
    let (winner, loser) = if first.status == 200 {
        (first, second)
    } else {
        (second, first)
    };
    assert_eq!(loser.code(), "already_decided");
    let stored = app
        .get(
            &app.a.api(&format!("/join-requests/{request}")),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(stored.json["state"], winner.json["state"]);
    let current = app
        .get(
            &app.a
                .api(&format!("/bodies/{body}/memberships?current=true")),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    let expected = if winner.json["state"] == "angenommen" {
        2
    } else {
        1
    };
    assert_eq!(current.json["total"], expected, "{}", current.text);
    let late = app
        .post_if_match(
            &decision,
            Some(&app.a.qm),
            Some(&stored.etag()),
            json!({"approve": true}),
        )
        .await
        .expect(409);
    assert_eq!(late.code(), "already_decided");
}

async fn a_member_of_another_organisation_cannot_decide_or_see_a_request(app: TestApp) {
    let (body, request, asker) = managed_body_with_request(&app).await;
    let bystander_org = organisation(&app, "Sportverein").await;
    add(&app, &body, json!({"organisation_id": bystander_org}))
        .await
        .expect(201);
    let bystander = member_of(&app, "sportverein", &bystander_org).await;
    let path = app.a.api(&format!("/join-requests/{request}"));
    let decision = format!("{path}/decision");
    let approve = json!({"approve": true});
    let read = Some("\"1\"");

    let unseen = app
        .post_if_match(&decision, Some(&bystander), read, approve.clone())
        .await
        .expect(404);
    let missing = app
        .post_if_match(
            &app.a
                .api(&format!("/join-requests/{}/decision", uuid::Uuid::now_v7())),
            Some(&bystander),
            read,
            approve.clone(),
        )
        .await
        .expect(404);
    assert_eq!(
        unseen.text, missing.text,
        "looks exactly like a missing one"
    );
    app.get(&path, Some(&bystander)).await.expect(404);
    let list = app
        .get(
            &app.a.api(&format!("/bodies/{body}/join-requests")),
            Some(&bystander),
        )
        .await
        .expect(200);
    assert_eq!(
        list.json["total"], 0,
        "a plain member sees only its own requests"
    );

    app.get(&path, Some(&asker)).await.expect(200);
    let own = app
        .post_if_match(&decision, Some(&asker), read, approve.clone())
        .await
        .expect(403);
    assert_eq!(
        own.code(),
        "forbidden",
        "the asker sees it but may not decide"
    );
    app.post_if_match(&decision, None, read, approve.clone())
        .await
        .expect(401);
    app.post_if_match(&decision, Some(&app.b.coordinator), read, approve)
        .await
        .expect(404);
    let managers = app
        .get(
            &app.a.api(&format!("/bodies/{body}/join-requests")),
            Some(&app.a.member),
        )
        .await
        .expect(200);
    assert_eq!(
        managers.json["total"], 1,
        "the managing organisation sees it"
    );
    assert_eq!(
        managers.json["items"][0]["state"], "offen",
        "still undecided"
    );
}

async fn a_refused_request_creates_no_membership_and_a_new_request_may_follow(app: TestApp) {
    let body = body(&app, "Aktionsfondsjury", true).await;
    let requests = app.a.api(&format!("/bodies/{body}/join-requests"));
    let asked = app
        .post(&requests, Some(&app.a.member), json!({}))
        .await
        .expect(201);
    let refused = app
        .post_if_match(
            &app.a
                .api(&format!("/join-requests/{}/decision", id(&asked))),
            Some(&app.a.qm),
            Some(&asked.etag()),
            json!({"approve": false, "note": "Die Jury ist vollständig besetzt."}),
        )
        .await
        .expect(200);
    assert_eq!(refused.json["state"], "abgelehnt");
    assert_eq!(refused.json["membership_id"], serde_json::Value::Null);
    let page = app
        .get(&app.a.api(&format!("/bodies/{body}")), None)
        .await
        .expect(200);
    assert_eq!(page.json["members"], json!([]));
    app.post(&requests, Some(&app.a.member), json!({}))
        .await
        .expect(201);
    let hidden = crate::memberships::body(&app, "Lenkungsgruppe intern", false).await;
    app.post(
        &app.a.api(&format!("/bodies/{hidden}/join-requests")),
        Some(&app.a.member),
        json!({}),
    )
    .await
    .expect(404);
    app.post(&requests, None, json!({})).await.expect(401);
    let foreign_org = app
        .post(
            &requests,
            Some(&app.a.member),
            json!({"organisation_id": organisation(&app, "Fremder Verein").await}),
        )
        .await
        .expect(403);
    assert_eq!(foreign_org.code(), "forbidden");
    assert_eq!(audit_actions(&app, &id(&asked)).await, ["refuse", "create"]);
}

//! The fund-application workflow's refusals and the race of approvals for the last money.

use serde_json::{Value, json};

use crate::funds::{application, form, fund, fund_json, id, to};
use crate::support::{Reply, TestApp};

crate::tests![
    moves_from_the_wrong_state_or_by_the_wrong_person_are_refused,
    racing_approvals_never_exceed_the_budget,
];

async fn moves_from_the_wrong_state_or_by_the_wrong_person_are_refused(app: TestApp) {
    let a = &app.a;
    let fund = fund(
        &app,
        a,
        json!({"kind": "quartiersfonds", "name": "Quartiersfonds",
        "year": 2027, "budget_cents": 300_000, "cap_cents": 100_000}),
    )
    .await;
    let applications = a.api(&format!("/funds/{fund}/applications"));
    let apply = |title: &'static str, amount: i64| {
        app.post(&applications, Some(&a.qm), form(title, amount))
    };
    let id = id(apply("Lesepatenschaften", 150_000).await);
    let stored = application(&app, a, &id).await.json;
    assert_eq!(
        stored["steps"],
        json!([{"action": "decide", "by": "qm", "body_id": null}])
    );

    let wrong = to(&app, a, &a.qm, &id, json!({"to": "ausgezahlt"}))
        .await
        .expect(409);
    assert_eq!(wrong.code(), "invalid_transition");
    assert!(
        wrong.json["detail"]
            .as_str()
            .unwrap()
            .contains("„eingereicht“")
    );
    // Members and jury users without a routed body may not move it; another municipality
    // does not see it.
    to(&app, a, &a.member, &id, json!({"to": "in_pruefung"}))
        .await
        .expect(404);
    let jury = app
        .send(
            reqwest::Method::POST,
            &a.api(&format!("/fund-applications/{id}/transitions")),
            Some(&a.jury),
            &[("content-type", "application/json"), ("if-match", "\"1\"")],
            Some(br#"{"to": "in_pruefung"}"#.to_vec()),
        )
        .await;
    assert_eq!(jury.status, 404, "{}", jury.text);
    app.get(&a.api(&format!("/fund-applications/{id}")), Some(&app.b.qm))
        .await
        .expect(404);
    // A stale version is refused.
    let stale = app
        .send(
            reqwest::Method::POST,
            &a.api(&format!("/fund-applications/{id}/transitions")),
            Some(&a.qm),
            &[("content-type", "application/json"), ("if-match", "\"7\"")],
            Some(br#"{"to": "in_pruefung"}"#.to_vec()),
        )
        .await;
    assert_eq!(stale.status, 412, "{}", stale.text);
    to(&app, a, &a.qm, &id, json!({"to": "in_pruefung"}))
        .await
        .expect(200);
    // A refusal and a query back need a reason; fields of other moves are refused.
    let missing = to(&app, a, &a.qm, &id, json!({"to": "abgelehnt"}))
        .await
        .expect(422);
    assert_eq!(missing.json["errors"][0]["pointer"], "/reason");
    let misplaced = to(
        &app,
        a,
        &a.qm,
        &id,
        json!({"to": "rueckfrage", "reason": "Kosten?",
        "paid_cents": 5}),
    )
    .await
    .expect(422);
    assert_eq!(misplaced.json["errors"][0]["pointer"], "/paid_cents");
    // Query back and resubmission.
    to(
        &app,
        a,
        &a.qm,
        &id,
        json!({"to": "rueckfrage", "reason": "Bitte Kostenplan nachreichen."}),
    )
    .await
    .expect(200);
    to(&app, a, &a.qm, &id, json!({"to": "bewilligt"}))
        .await
        .expect(409);
    to(
        &app,
        a,
        &a.qm,
        &id,
        json!({"to": "in_pruefung", "reason": "Kostenplan liegt vor."}),
    )
    .await
    .expect(200);
    // Above the cap (100.000) and above the request.
    let capped = to(&app, a, &a.qm, &id, json!({"to": "bewilligt"}))
        .await
        .expect(422);
    assert_eq!(capped.json["errors"][0]["code"], "amount_over_cap");
    to(
        &app,
        a,
        &a.qm,
        &id,
        json!({"to": "bewilligt", "approved_cents": 100_000}),
    )
    .await
    .expect(200);
    let overpaid = to(
        &app,
        a,
        &a.qm,
        &id,
        json!({"to": "ausgezahlt", "paid_cents": 100_001}),
    )
    .await
    .expect(422);
    assert_eq!(overpaid.json["errors"][0]["pointer"], "/paid_cents");
    // A withdrawal after approval frees the money again.
    to(
        &app,
        a,
        &a.qm,
        &id,
        json!({"to": "zurueckgezogen", "reason": "Projekt fällt aus."}),
    )
    .await
    .expect(200);
    assert_eq!(fund_json(&app, a, &fund, "").await["approved_cents"], 0);
    let closed = to(&app, a, &a.qm, &id, json!({"to": "in_pruefung"}))
        .await
        .expect(409);
    assert_eq!(closed.code(), "invalid_transition");
    // Budget: 300.000; two approvals of 100.000 and one of 100.000 fit, a fourth does not.
    let mut ids = Vec::new();
    for title in ["Eins", "Zwei", "Drei", "Vier"] {
        let id = id_of(apply(title, 100_000).await);
        to(&app, a, &a.qm, &id, json!({"to": "in_pruefung"}))
            .await
            .expect(200);
        ids.push(id);
    }
    for id in &ids[..3] {
        to(&app, a, &a.qm, id, json!({"to": "bewilligt"}))
            .await
            .expect(200);
    }
    let over = to(&app, a, &a.qm, &ids[3], json!({"to": "bewilligt"}))
        .await
        .expect(409);
    assert_eq!(over.code(), "budget_exceeded");
    assert!(
        over.json["detail"]
            .as_str()
            .unwrap()
            .contains("noch 0,00 € verfügbar"),
        "{}",
        over.text
    );
    assert_eq!(
        application(&app, a, &ids[3]).await.json["state"],
        "in_pruefung"
    );
}

fn id_of(reply: Reply) -> String {
    id(reply)
}

async fn racing_approvals_never_exceed_the_budget(app: TestApp) {
    let a = &app.a;
    let fund = fund(
        &app,
        a,
        json!({"kind": "aktionsfonds", "name": "Aktionsfonds", "year": 2027,
        "budget_cents": 100_000}),
    )
    .await;
    let mut pending = Vec::new();
    for i in 0..10 {
        let id = id(app
            .post(
                &a.api(&format!("/funds/{fund}/applications")),
                Some(&a.qm),
                form(&format!("Vorhaben {i}"), 30_000),
            )
            .await);
        to(&app, a, &a.qm, &id, json!({"to": "in_pruefung"}))
            .await
            .expect(200);
        pending.push(id);
    }
    // All ten at once, each with the version it was read at.
    let mut racing = tokio::task::JoinSet::new();
    for id in &pending {
        let request = app
            .client
            .post(format!(
                "{}{}",
                app.base,
                a.api(&format!("/fund-applications/{id}/transitions"))
            ))
            .bearer_auth(&a.qm)
            .header("content-type", "application/json")
            .header("if-match", "\"2\"")
            .body(r#"{"to": "bewilligt"}"#);
        racing.spawn(async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            (status, response.json::<Value>().await.unwrap())
        });
    }
    let replies = racing.join_all().await;
    let won = replies.iter().filter(|(status, _)| *status == 200).count();
    for (status, body) in replies.iter().filter(|(status, _)| *status != 200) {
        assert_eq!(
            (*status, body["code"].as_str()),
            (409, Some("budget_exceeded")),
            "{body}"
        );
    }
    assert_eq!(won, 3, "exactly the approvals that fit succeed");
    let stored = fund_json(&app, a, &fund, "").await;
    assert_eq!(stored["approved_cents"], 90_000);
    let sum: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(approved_cents), 0) AS BIGINT) FROM fund_applications
         WHERE fund_id = $1 AND state = 'bewilligt'",
    )
    .bind(&fund)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(sum, 90_000, "the fund's total matches its approvals");
}

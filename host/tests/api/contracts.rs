//! Contracts (Kontrakte): parties, targets, reviews by the steering body and the derived
//! fulfilment status; who may write; filters; tenancy.

use serde_json::{Value, json};

use crate::support::{Reply, Tenant, TestApp};

crate::tests![
    a_contract_with_targets_is_reviewed_and_shows_its_fulfilment,
    contract_input_is_checked_field_by_field,
    only_staff_write_contracts_and_parties_read_their_own,
    contracts_are_filtered_by_party_and_term,
    another_municipalitys_contracts_answer_404,
];

async fn steering_body(app: &TestApp, tenant: &Tenant) -> String {
    app.post(
        &tenant.api("/bodies"),
        Some(&tenant.coordinator),
        json!({"kind": "lenkungsgruppe", "name": "Lenkungsgruppe Soziale Stadt", "public": false}),
    )
    .await
    .expect(201)
    .json["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn contract(body: &str, org: &Value) -> Value {
    json!({
        "title": "Kontrakt Quartiersmanagement Aachen-Ost 2026",
        "subject": "Aufbau und Pflege des Netzwerks im Quartier",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "steering_body_id": body,
        "parties": [
            {"role": "auftraggeber"},
            {"organisation_id": org, "role": "auftragnehmer"}
        ],
        "targets": [
            {"kind": "quantitativ", "indicator": "Sitzungen der Stadtteilkonferenz",
             "unit": "Sitzungen", "target_value": 4, "deadline": "2026-12-31"},
            {"kind": "qualitativ", "description": "Ein Verfügungsfonds ist eingerichtet.",
             "deadline": "2026-06-30"}
        ]
    })
}

async fn create(app: &TestApp, tenant: &Tenant) -> Reply {
    let body = steering_body(app, tenant).await;
    app.post(
        &tenant.api("/contracts"),
        Some(&tenant.qm),
        contract(&body, &json!(tenant.member_org)),
    )
    .await
    .expect(201)
}

fn path(tenant: &Tenant, reply: &Reply, rest: &str) -> String {
    tenant.api(&format!(
        "/contracts/{}{rest}",
        reply.json["id"].as_str().unwrap()
    ))
}

async fn a_contract_with_targets_is_reviewed_and_shows_its_fulfilment(app: TestApp) {
    let created = create(&app, &app.a).await;
    assert_eq!(created.json["fulfilment"], "offen");
    assert_eq!(created.json["parties"][0]["organisation_id"], Value::Null);
    assert_eq!(
        created.json["parties"][1]["organisation_name"],
        "AWO Stadt Aachen"
    );
    let targets = created.json["targets"].as_array().unwrap().clone();
    let (sessions, fund) = (&targets[0]["id"], &targets[1]["id"]);
    let body = created.json["steering_body_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let meeting = app
        .post(
            &app.a.api("/meetings"),
            Some(&app.a.qm),
            json!({"body_id": body, "title": "Halbjahresgespräch", "starts_at": "2026-07-01T16:00:00Z"}),
        )
        .await
        .expect(201)
        .json["id"]
        .clone();
    let first = app
        .post(
            &path(&app.a, &created, "/reviews"),
            Some(&app.a.coordinator),
            json!({"reviewed_on": "2026-07-01", "meeting_id": meeting, "note": "Halbjahr",
            "results": [
                {"target_id": sessions, "status": "teilweise_erfuellt", "comment": "2 von 4"},
                {"target_id": fund, "status": "erfuellt"}
            ]}),
        )
        .await
        .expect(201);
    assert_eq!(first.json["fulfilment"], "teilweise_erfuellt");
    assert_eq!(first.json["fulfilment_label"], "Teilweise erfüllt");
    assert_eq!(first.json["targets"][0]["status"], "teilweise_erfuellt");
    assert_eq!(first.json["reviews"][0]["meeting_id"], meeting);
    let last = app
        .post(
            &path(&app.a, &created, "/reviews"),
            Some(&app.a.coordinator),
            json!({"reviewed_on": "2026-12-15", "results": [
                {"target_id": sessions, "status": "erfuellt", "comment": "4 Sitzungen"},
                {"target_id": fund, "status": "erfuellt"}
            ]}),
        )
        .await
        .expect(201);
    assert_eq!(last.json["fulfilment"], "erfuellt");
    assert_eq!(last.json["reviews"].as_array().unwrap().len(), 2);
    assert_eq!(
        last.json["reviews"][0]["reviewed_on"], "2026-12-15",
        "newest first"
    );
    assert_eq!(last.json["reviews"][0]["body_id"], body.as_str());
    // A reviewed target cannot be dropped; a reviewed contract cannot be deleted.
    let mut fewer = contract(&body, &json!(app.a.member_org));
    fewer["targets"] = json!([]);
    let refused = app
        .put(
            &path(&app.a, &created, ""),
            Some(&app.a.qm),
            Some(&created.etag()),
            fewer,
        )
        .await
        .expect(409);
    assert_eq!(refused.code(), "in_use");
    app.delete(&path(&app.a, &created, ""), Some(&app.a.qm))
        .await
        .expect(409);
    // Editing keeps targets sent back by id, with their review status.
    let mut edited = contract(&body, &json!(app.a.member_org));
    edited["title"] = json!("Kontrakt 2026 (fortgeschrieben)");
    edited["targets"][0]["id"] = sessions.clone();
    edited["targets"][1]["id"] = fund.clone();
    let edited = app
        .put(
            &path(&app.a, &created, ""),
            Some(&app.a.qm),
            Some(&created.etag()),
            edited,
        )
        .await
        .expect(200);
    assert_eq!(edited.etag(), "\"2\"");
    assert_eq!(edited.json["fulfilment"], "erfuellt");
    // A meeting of another body or a target of another contract is refused.
    let other = create(&app, &app.a).await;
    let wrong = app
        .post(
            &path(&app.a, &other, "/reviews"),
            Some(&app.a.coordinator),
            json!({"reviewed_on": "2026-12-15", "meeting_id": meeting,
                   "results": [{"target_id": sessions, "status": "erfuellt"}]}),
        )
        .await
        .expect(422);
    assert_eq!(wrong.json["errors"][0]["pointer"], "/meeting_id");
}

async fn contract_input_is_checked_field_by_field(app: TestApp) {
    let body = steering_body(&app, &app.a).await;
    let mut bad = contract(&body, &json!(app.a.member_org));
    bad["title"] = json!(" ");
    bad["ends_on"] = json!("2025-12-31");
    bad["targets"][0]["unit"] = Value::Null;
    bad["targets"][1]["description"] = json!("");
    let refused = app
        .post(&app.a.api("/contracts"), Some(&app.a.qm), bad)
        .await
        .expect(422);
    let pointers: Vec<&str> = refused.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(
        pointers,
        [
            "/title",
            "/ends_on",
            "/targets/0/unit",
            "/targets/1/description"
        ]
    );
    let mut foreign_body = contract(&steering_body(&app, &app.b).await, &json!(app.a.member_org));
    foreign_body["title"] = json!("X");
    let refused = app
        .post(&app.a.api("/contracts"), Some(&app.a.qm), foreign_body)
        .await
        .expect(422);
    assert_eq!(refused.json["errors"][0]["pointer"], "/steering_body_id");
    let mut review_status = contract(&body, &json!(app.a.member_org));
    review_status["parties"][0]["role"] = json!("chef");
    app.post(&app.a.api("/contracts"), Some(&app.a.qm), review_status)
        .await
        .expect(422);
}

async fn only_staff_write_contracts_and_parties_read_their_own(app: TestApp) {
    let created = create(&app, &app.a).await;
    let body = created.json["steering_body_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let member = Some(app.a.member.as_str());
    app.post(
        &app.a.api("/contracts"),
        member,
        contract(&body, &json!(app.a.member_org)),
    )
    .await
    .expect(403);
    let seen = app
        .get(&path(&app.a, &created, ""), member)
        .await
        .expect(200);
    app.post(
        &path(&app.a, &created, "/reviews"),
        member,
        json!({"reviewed_on": "2026-07-01", "results": []}),
    )
    .await
    .expect(403);
    app.put(
        &path(&app.a, &created, ""),
        member,
        Some(&seen.etag()),
        contract(&body, &json!(app.a.member_org)),
    )
    .await
    .expect(403);
    app.get(&app.a.api("/contracts"), None).await.expect(401);
    app.get(&path(&app.a, &created, ""), None).await.expect(404);
    // A contract without the member's organisation is not theirs to see.
    let mut without = contract(&body, &json!(app.a.member_org));
    without["parties"] = json!([{"role": "auftraggeber"}]);
    let hidden = app
        .post(&app.a.api("/contracts"), Some(&app.a.qm), without)
        .await
        .expect(201);
    app.get(&path(&app.a, &hidden, ""), member)
        .await
        .expect(404);
    let listed = app.get(&app.a.api("/contracts"), member).await.expect(200);
    assert_eq!(listed.json["total"], 1);
}

async fn contracts_are_filtered_by_party_and_term(app: TestApp) {
    let created = create(&app, &app.a).await;
    let body = created.json["steering_body_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut later = contract(&body, &json!(app.a.member_org));
    later["title"] = json!("Kontrakt 2027");
    later["starts_on"] = json!("2027-01-01");
    later["ends_on"] = json!("2027-12-31");
    later["parties"] = json!([{"role": "auftraggeber"}]);
    app.post(&app.a.api("/contracts"), Some(&app.a.qm), later)
        .await
        .expect(201);
    let token = Some(app.a.qm.as_str());
    let titles = |r: Reply| -> Vec<String> {
        r.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = app.get(&app.a.api("/contracts"), token).await.expect(200);
    assert_eq!(all.json["total"], 2);
    assert_eq!(titles(all)[0], "Kontrakt 2027", "newest term first");
    let in_2027 = app
        .get(&app.a.api("/contracts?active_on=2027-03-01"), token)
        .await
        .expect(200);
    assert_eq!(titles(in_2027), ["Kontrakt 2027"]);
    let by_org = app
        .get(
            &app.a
                .api(&format!("/contracts?organisation_id={}", app.a.member_org)),
            token,
        )
        .await
        .expect(200);
    assert_eq!(
        titles(by_org),
        ["Kontrakt Quartiersmanagement Aachen-Ost 2026"]
    );
    let paged = app
        .get(&app.a.api("/contracts?limit=1&offset=1"), token)
        .await
        .expect(200);
    assert_eq!(paged.json["total"], 2);
    assert_eq!(paged.json["items"].as_array().unwrap().len(), 1);
    app.get(&app.a.api("/contracts?active_on=morgen"), token)
        .await
        .expect(400);
}

async fn another_municipalitys_contracts_answer_404(app: TestApp) {
    let created = create(&app, &app.a).await;
    let foreign = app.b.api(&format!(
        "/contracts/{}",
        created.json["id"].as_str().unwrap()
    ));
    let b = Some(app.b.coordinator.as_str());
    app.get(&foreign, b).await.expect(404);
    app.post(
        &format!("{foreign}/reviews"),
        b,
        json!({"reviewed_on": "2026-07-01", "results": []}),
    )
    .await
    .expect(404);
    app.delete(&foreign, b).await.expect(404);
    assert_eq!(
        app.get(&app.b.api("/contracts"), b).await.expect(200).json["total"],
        0
    );
    // B cannot name A's body as its steering body.
    let a_body = created.json["steering_body_id"].as_str().unwrap();
    let refused = app
        .post(
            &app.b.api("/contracts"),
            b,
            contract(a_body, &json!(app.b.member_org)),
        )
        .await
        .expect(422);
    assert_eq!(refused.json["errors"][0]["pointer"], "/steering_body_id");
    app.get(&path(&app.a, &created, ""), Some(&app.a.qm))
        .await
        .expect(200);
}

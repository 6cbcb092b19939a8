//! Funds and fund applications: CRUD and balances, the workflow end to end from the public
//! form and from staff, and the Berlin plugin routing to its Aktionsfondsjury. Refused moves
//! and racing approvals are in `funds_workflow`, the public side in `funds_public`.

use serde_json::{Value, json};

use crate::support::{Reply, Tenant, TestApp};

crate::tests![
    staff_keep_funds_and_everyone_of_the_municipality_reads_their_balance,
    a_public_application_goes_from_the_form_through_advice_and_jury_to_closing,
    with_the_sample_plugin_routing_a_public_application_goes_through_advice_and_jury_to_closing,
    with_the_berlin_plugin_the_aktionsfondsjury_decides_an_aktionsfonds_application,
];

/// The base fund-application form (schemas/forms/fund-application.schema.json).
pub fn form(title: &str, amount_cents: i64) -> Value {
    json!({
        "title": title,
        "description": "Ein Fest für die Nachbarschaft mit Musik, Spielen und einem Kuchenbuffet.",
        "amount_cents": amount_cents,
        "cofinancing_cents": 0,
        "participation": "Anwohnerinnen und Anwohner bauen die Stände selbst auf und backen.",
        "target_group": "Familien im Quartier",
        "schedule": {"start": "2027-05-01", "end": "2027-05-15"},
        "applicant": {"kind": "initiative", "name": "Elterninitiative Lindenplatz", "members": 6}
    })
}

/// The Berlin form adds the fund, the QM-Gebiet and the strategic goal.
pub fn berlin_form(title: &str, amount_cents: i64) -> Value {
    let mut form = form(title, amount_cents);
    form["fund_kind"] = json!("aktionsfonds");
    form["qm_gebiet"] = json!("Soldiner Straße");
    form["field_of_action"] = json!("stadtteilkultur");
    form
}

pub fn id(reply: Reply) -> String {
    reply.expect(201).json["id"].as_str().unwrap().to_owned()
}

pub async fn body(app: &TestApp, t: &Tenant, kind: &str, name: &str) -> String {
    id(app
        .post(
            &t.api("/bodies"),
            Some(&t.coordinator),
            json!({"kind": kind, "name": name, "public": false}),
        )
        .await)
}

/// A body whose member is the tenant's organisation (so its jury user belongs to it).
pub async fn body_with_our_jury(app: &TestApp, t: &Tenant, kind: &str, name: &str) -> String {
    let body = body(app, t, kind, name).await;
    app.post(
        &t.api(&format!("/bodies/{body}/memberships")),
        Some(&t.coordinator),
        json!({"organisation_id": t.member_org, "role": "mitglied", "voting_right": true}),
    )
    .await
    .expect(201);
    body
}

pub async fn fund(app: &TestApp, t: &Tenant, input: Value) -> String {
    id(app.post(&t.api("/funds"), Some(&t.qm), input).await)
}

pub async fn application(app: &TestApp, t: &Tenant, id: &str) -> Reply {
    app.get(&t.api(&format!("/fund-applications/{id}")), Some(&t.qm))
        .await
        .expect(200)
}

/// Moves an application as `token`, with the version it has now.
pub async fn to(app: &TestApp, t: &Tenant, token: &str, id: &str, input: Value) -> Reply {
    let etag = application(app, t, id).await.etag();
    app.send(
        reqwest::Method::POST,
        &t.api(&format!("/fund-applications/{id}/transitions")),
        Some(token),
        &[("content-type", "application/json"), ("if-match", &etag)],
        Some(serde_json::to_vec(&input).unwrap()),
    )
    .await
}

pub async fn fund_json(app: &TestApp, t: &Tenant, fund: &str, query: &str) -> Value {
    app.get(&t.api(&format!("/funds/{fund}{query}")), Some(&t.qm))
        .await
        .expect(200)
        .json
}

async fn staff_keep_funds_and_everyone_of_the_municipality_reads_their_balance(app: TestApp) {
    let a = &app.a;
    let area = id(app
        .post(
            &a.api("/areas"),
            Some(&a.coordinator),
            json!({"kind": "sozialraum", "name": "Aachen-Ost"}),
        )
        .await);
    let konferenz = body(&app, a, "stadtteilkonferenz", "Stadtteilkonferenz Ost").await;
    let input = json!({"kind": "stadtteilfonds", "name": "Stadtteilfonds Ost 2027", "year": 2027,
        "area_id": area, "budget_cents": 500_000, "advising_body_id": konferenz,
        "cap_cents": 150_000});
    // Members may read but not create.
    app.post(&a.api("/funds"), Some(&a.member), input.clone())
        .await
        .expect(403);
    let created = app
        .post(&a.api("/funds"), Some(&a.coordinator), input.clone())
        .await
        .expect(201);
    assert_eq!(created.json["area_name"], "Aachen-Ost");
    assert_eq!(created.json["available_cents"], 500_000);
    let ost = created.json["id"].as_str().unwrap().to_owned();
    fund(
        &app,
        a,
        json!({"kind": "verfuegungsfonds", "name": "Verfügungsfonds 2026",
        "year": 2026, "budget_cents": 100_000}),
    )
    .await;
    // Another municipality's body or area is refused as a reference.
    let foreign = body(&app, &app.b, "quartiersrat", "Quartiersrat").await;
    let refused = app
        .post(
            &a.api("/funds"),
            Some(&a.qm),
            json!({"kind": "quartiersfonds", "name": "X", "year": 2027, "budget_cents": 1,
                   "deciding_body_id": foreign}),
        )
        .await
        .expect(422);
    assert_eq!(refused.json["errors"][0]["pointer"], "/deciding_body_id");

    let list = app
        .get(
            &a.api("/funds?year=2027&kind=stadtteilfonds"),
            Some(&a.member),
        )
        .await
        .expect(200);
    assert_eq!(list.json["total"], 1);
    assert_eq!(list.json["items"][0]["id"], ost.as_str());
    let list = app
        .get(&a.api(&format!("/funds?area_id={area}")), Some(&a.qm))
        .await
        .expect(200);
    assert_eq!(list.json["total"], 1);
    let page = app
        .get(&a.api("/funds?limit=1&offset=1"), Some(&a.qm))
        .await
        .expect(200);
    assert_eq!(
        (
            page.json["total"].as_i64(),
            page.json["items"].as_array().unwrap().len()
        ),
        (Some(2), 1)
    );
    // Another municipality sees nothing, anonymous callers must sign in.
    app.get(&a.api(&format!("/funds/{ost}")), Some(&app.b.coordinator))
        .await
        .expect(404);
    app.get(&a.api("/funds"), None).await.expect(401);

    // Updates need the version read; the budget cannot drop below what is approved.
    let path = a.api(&format!("/funds/{ost}"));
    let mut changed = input.clone();
    changed["budget_cents"] = json!(400_000);
    app.put(&path, Some(&a.qm), None, changed.clone())
        .await
        .expect(428);
    let updated = app
        .put(&path, Some(&a.qm), Some("\"1\""), changed.clone())
        .await
        .expect(200);
    assert_eq!(updated.etag(), "\"2\"");
    app.put(&path, Some(&a.qm), Some("\"1\""), changed.clone())
        .await
        .expect(412);
    let detail = fund_json(&app, a, &ost, "").await;
    assert_eq!(detail["balance"]["budget_cents"], 400_000);
    assert_eq!(detail["balance"]["available_cents"], 400_000);

    // One approved application: 120.000 ct of 400.000.
    let submitted = id(app
        .post(
            &a.api(&format!("/funds/{ost}/applications")),
            Some(&a.qm),
            form("Hoffest", 120_000),
        )
        .await);
    for step in [
        json!({"to": "in_pruefung"}),
        json!({"to": "beraten", "recommendation": "empfohlen"}),
        json!({"to": "bewilligt", "reason": "Passt zum Handlungskonzept."}),
    ] {
        to(&app, a, &a.qm, &submitted, step).await.expect(200);
    }
    changed["budget_cents"] = json!(100_000);
    let below = app
        .put(&path, Some(&a.qm), Some("\"2\""), changed)
        .await
        .expect(409);
    assert_eq!(below.code(), "budget_below_approved");
    assert!(
        below.json["detail"]
            .as_str()
            .unwrap()
            .contains("1.200,00 €")
    );
    let detail = fund_json(&app, a, &ost, "").await;
    assert_eq!(detail["approved_cents"], 120_000);
    assert_eq!(detail["available_cents"], 280_000);
    // Funds with applications stay; empty ones may go.
    let in_use = app.delete(&path, Some(&a.qm)).await.expect(409);
    assert_eq!(in_use.code(), "in_use");
}

async fn a_public_application_goes_from_the_form_through_advice_and_jury_to_closing(app: TestApp) {
    // Without a plugin the host routes: the fund's advising body, then its deciding body.
    drive_to_closing(&app, None, ("stadtteilkonferenz", "buergerjury")).await;
}

async fn with_the_sample_plugin_routing_a_public_application_goes_through_advice_and_jury_to_closing(
    app: TestApp,
) {
    // The sample plugin routes by amount: above 500 € the Runder Tisch advises and the
    // Stadtteilkonferenz decides, whatever bodies the fund names.
    drive_to_closing(
        &app,
        Some("quartier_sample_plugin"),
        ("runder_tisch", "stadtteilkonferenz"),
    )
    .await;
}

/// Activates `plugin` (if any) for A and drives one public application through the whole
/// workflow; `kinds` are the body kinds that advise and decide under that routing.
async fn drive_to_closing(app: &TestApp, plugin: Option<&str>, kinds: (&str, &str)) {
    let a = &app.a;
    if let Some(plugin) = plugin {
        app.activate_plugin(a, plugin).await;
    }
    let (advising, deciding) = kinds;
    let konferenz = body(app, a, advising, "Beratendes Gremium Nord").await;
    let jury = body_with_our_jury(app, a, deciding, "Entscheidendes Gremium Nord").await;
    let meeting = id(app
        .post(
            &a.api("/meetings"),
            Some(&a.coordinator),
            json!({"body_id": jury, "title": "Jurysitzung", "starts_at": "2027-03-01T17:00:00Z"}),
        )
        .await);
    let fund = fund(
        app,
        a,
        json!({"kind": "verfuegungsfonds", "name": "Verfügungsfonds Nord",
        "year": 2027, "budget_cents": 1_000_000, "advising_body_id": konferenz,
        "deciding_body_id": jury, "cap_cents": 500_000, "proof_months": 4}),
    )
    .await;

    // A resident applies without an account.
    let receipt = app
        .post(
            &a.api("/public/fund-applications"),
            None,
            json!({"fund": fund, "application": form("Sommerfest am Kennedypark", 250_000),
                   "website": ""}),
        )
        .await
        .expect(201);
    assert_eq!(receipt.json["manual_review"], false);
    assert!(
        receipt.json["reference"]
            .as_str()
            .unwrap()
            .starts_with("FA-")
    );
    let status_url = receipt.json["status_url"].as_str().unwrap().to_owned();
    let status = app.get(&status_url, None).await.expect(200);
    assert_eq!(status.json["state"], "eingereicht");
    assert_eq!(status.json["reference"], receipt.json["reference"]);

    let list = app
        .get(
            &a.api(&format!("/funds/{fund}/applications?state=eingereicht")),
            Some(&a.qm),
        )
        .await
        .expect(200);
    assert_eq!(list.json["total"], 1);
    let id = list.json["items"][0]["id"].as_str().unwrap().to_owned();
    let stored = application(app, a, &id).await.json;
    assert_eq!(stored["channel"], "public");
    let source = if plugin.is_some() { "plugin" } else { "host" };
    assert_eq!(stored["routing_source"], source);
    assert_eq!(
        stored["steps"],
        json!([{"action": "advise", "by": advising, "body_id": konferenz},
               {"action": "decide", "by": deciding, "body_id": jury}])
    );
    assert_eq!(stored["form_data"]["title"], "Sommerfest am Kennedypark");

    to(app, a, &a.qm, &id, json!({"to": "in_pruefung"}))
        .await
        .expect(200);
    // The routing has an advise step: no decision before the advice.
    let early = to(app, a, &a.qm, &id, json!({"to": "bewilligt"}))
        .await
        .expect(409);
    assert_eq!(early.code(), "advice_required");
    to(
        app,
        a,
        &a.qm,
        &id,
        json!({"to": "beraten", "recommendation": "empfohlen",
        "votes": {"yes": 9, "no": 1, "abstain": 2}, "reason": "Breite Beteiligung."}),
    )
    .await
    .expect(200);
    // The jury user of the deciding body records the jury's decision with its votes.
    let before_decision = fund_json(app, a, &fund, "").await["balance"]["at"]
        .as_str()
        .unwrap()
        .to_owned();
    let approved = to(
        app,
        a,
        &a.jury,
        &id,
        json!({"to": "bewilligt", "approved_cents": 200_000,
        "reason": "Bewilligt mit gekürztem Betrag für die Bühne.",
        "votes": {"yes": 5, "no": 0, "abstain": 1}, "meeting_id": meeting}),
    )
    .await
    .expect(200);
    assert_eq!(approved.json["approved_cents"], 200_000);
    let due = approved.json["proof_due_on"].as_str().unwrap().to_owned();
    let expected_due = chrono::Utc::now()
        .date_naive()
        .checked_add_months(chrono::Months::new(4))
        .unwrap()
        .to_string();
    assert_eq!(due, expected_due);
    let balance = &fund_json(app, a, &fund, "").await["balance"];
    assert_eq!(
        (
            balance["approved_cents"].as_i64(),
            balance["available_cents"].as_i64()
        ),
        (Some(200_000), Some(800_000))
    );

    // The resident sees the decision, its reason and the amount.
    let status = app.get(&status_url, None).await.expect(200);
    assert_eq!(status.json["state"], "bewilligt");
    assert_eq!(status.json["approved_cents"], 200_000);
    assert_eq!(
        status.json["decision_reason"],
        "Bewilligt mit gekürztem Betrag für die Bühne."
    );

    let paid = to(
        app,
        a,
        &a.qm,
        &id,
        json!({"to": "ausgezahlt", "paid_cents": 200_000}),
    )
    .await
    .expect(200);
    assert_eq!(paid.json["paid_cents"], 200_000);
    to(
        app,
        a,
        &a.qm,
        &id,
        json!({"to": "verwendungsnachweis_eingereicht",
        "reason": "Belege und Fotos liegen vor."}),
    )
    .await
    .expect(200);
    let closed = to(app, a, &a.qm, &id, json!({"to": "abgeschlossen"}))
        .await
        .expect(200);
    assert_eq!(closed.json["state"], "abgeschlossen");

    let detail = application(app, a, &id).await.json;
    let moves: Vec<(&str, &str)> = detail["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from_state"].as_str().unwrap_or("-"),
                e["to_state"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        moves,
        [
            ("-", "eingereicht"),
            ("eingereicht", "in_pruefung"),
            ("in_pruefung", "beraten"),
            ("beraten", "bewilligt"),
            ("bewilligt", "ausgezahlt"),
            ("ausgezahlt", "verwendungsnachweis_eingereicht"),
            ("verwendungsnachweis_eingereicht", "abgeschlossen")
        ]
    );
    let decision = &detail["events"][3];
    assert_eq!(decision["actor"], "jury-aachen");
    assert_eq!(
        (
            decision["votes_yes"].as_i64(),
            decision["votes_no"].as_i64(),
            decision["votes_abstain"].as_i64()
        ),
        (Some(5), Some(0), Some(1))
    );
    assert_eq!(decision["meeting_id"], meeting.as_str());
    assert_eq!(detail["events"][2]["recommendation"], "empfohlen");

    // The balance now and before the decision, from the history.
    let now = &fund_json(app, a, &fund, "").await["balance"];
    assert_eq!(
        (now["approved_cents"].as_i64(), now["paid_cents"].as_i64()),
        (Some(200_000), Some(200_000))
    );
    let earlier = &fund_json(app, a, &fund, &format!("?at={before_decision}")).await["balance"];
    assert_eq!(
        (
            earlier["approved_cents"].as_i64(),
            earlier["available_cents"].as_i64()
        ),
        (Some(0), Some(1_000_000))
    );
    // The audit log has every move.
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE object_kind = 'fund_application' AND object_id = $1",
    )
    .bind(&id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audited, 7);
}

async fn with_the_berlin_plugin_the_aktionsfondsjury_decides_an_aktionsfonds_application(
    app: TestApp,
) {
    let b = &app.b;
    let bytes = quartier_plugin_components::get("quartier_plugin_berlin")
        .unwrap()
        .to_vec();
    let plugin = id(app
        .send(
            reqwest::Method::POST,
            &b.api("/plugins"),
            Some(&b.coordinator),
            &[("content-type", "application/wasm")],
            Some(bytes),
        )
        .await);
    app.post(
        &b.api(&format!("/plugins/{plugin}/activation")),
        Some(&b.coordinator),
        Value::Null,
    )
    .await
    .expect(200);
    let area = id(app
        .post(
            &b.api("/areas"),
            Some(&b.coordinator),
            json!({"kind": "qm_gebiet", "name": "Soldiner Straße"}),
        )
        .await);
    let rat = body(&app, b, "quartiersrat", "Quartiersrat Soldiner Straße").await;
    let jury = body_with_our_jury(
        &app,
        b,
        "aktionsfondsjury",
        "Aktionsfondsjury Soldiner Straße",
    )
    .await;
    // The fund names the Quartiersrat as advising body; the plugin's rule overrides it.
    let fund = fund(
        &app,
        b,
        json!({"kind": "aktionsfonds", "name": "Aktionsfonds Soldiner Straße 2027",
        "year": 2027, "area_id": area, "budget_cents": 1_000_000, "advising_body_id": rat,
        "deciding_body_id": jury, "cap_cents": 1_000_000}),
    )
    .await;
    let created = app
        .post(
            &b.api(&format!("/funds/{fund}/applications")),
            Some(&b.qm),
            berlin_form("Nachbarschaftsflohmarkt am Lindenplatz", 35_000),
        )
        .await
        .expect(201);
    assert_eq!(created.json["routing_source"], "plugin");
    assert_eq!(
        created.json["steps"],
        json!([{"action": "decide", "by": "aktionsfondsjury", "body_id": jury}])
    );
    assert_eq!(created.json["review_state"], "geprueft");
    // Over the Aktionsfonds' yearly amount the applicant reads Berlin's reason, not the
    // generic text of a schema maximum.
    let over = app
        .post(
            &b.api(&format!("/funds/{fund}/applications")),
            Some(&b.qm),
            berlin_form("Großes Straßenfest", 1_000_001),
        )
        .await
        .expect(422);
    let error = &over.json["errors"][0];
    assert_eq!(error["pointer"], "/amount_cents", "{}", over.text);
    assert_eq!(
        error["code"], "aktionsfonds-ueber-jahresbetrag",
        "{}",
        over.text
    );
    let id = created.json["id"].as_str().unwrap().to_owned();
    // The jury sees what it decides; no advise step, so it decides right after the check.
    app.get(&b.api(&format!("/fund-applications/{id}")), Some(&b.jury))
        .await
        .expect(200);
    to(&app, b, &b.qm, &id, json!({"to": "in_pruefung"}))
        .await
        .expect(200);
    let decided = to(
        &app,
        b,
        &b.jury,
        &id,
        json!({"to": "bewilligt",
        "votes": {"yes": 4, "no": 1, "abstain": 0}, "reason": "Einstimmig für das Quartier."}),
    )
    .await
    .expect(200);
    assert_eq!(decided.json["approved_cents"], 35_000);
    let list = app
        .get(
            &b.api("/fund-applications?state=bewilligt&year=2027"),
            Some(&b.qm),
        )
        .await
        .expect(200);
    assert_eq!(list.json["total"], 1);
}

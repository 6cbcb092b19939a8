//! The whole path of a Stadtteilfonds application with Aachen's compiled rule plugin
//! deciding the routing: a resident applies through the public form, the Stadtteilkonferenz
//! advises (with its votes), the administration decides, the money is paid out, the proof of
//! use comes in and the application is closed — and the resident follows it on the status
//! link.

use serde_json::{Value, json};

use crate::funds::{application, body, fund, fund_json, to};
use crate::support::TestApp;

crate::tests![with_the_aachen_plugin_a_public_application_is_advised_decided_paid_and_closed,];

const FIXTURE: &str = include_str!(
    "../../../plugins/fixtures/expected/aachen/validate-stadtteilfonds-in-ordnung.input.json"
);

async fn with_the_aachen_plugin_a_public_application_is_advised_decided_paid_and_closed(
    app: TestApp,
) {
    let a = &app.a;
    app.activate_plugin(a, "quartier_plugin_aachen").await;
    let konferenz = body(
        &app,
        a,
        "stadtteilkonferenz",
        "Stadtteilkonferenz Ost/Rothe Erde",
    )
    .await;
    let fund = fund(
        &app,
        a,
        json!({"kind": "stadtteilfonds", "name": "Stadtteilfonds Ost 2027", "year": 2027,
               "budget_cents": 1_500_000, "advising_body_id": konferenz}),
    )
    .await;
    let form = serde_json::from_str::<Value>(FIXTURE).unwrap()["input"].clone();
    let receipt = app
        .post(
            &a.api("/public/fund-applications"),
            None,
            json!({"fund": fund, "application": form}),
        )
        .await
        .expect(201);
    assert_eq!(receipt.json["manual_review"], false, "{}", receipt.text);
    let status_url = receipt.json["status_url"].as_str().unwrap().to_owned();

    let list = app
        .get(&a.api(&format!("/funds/{fund}/applications")), Some(&a.qm))
        .await
        .expect(200);
    let id = list.json["items"][0]["id"].as_str().unwrap().to_owned();
    let stored = application(&app, a, &id).await.json;
    assert_eq!(stored["routing_source"], "plugin", "{stored}");
    assert_eq!(
        stored["steps"],
        json!([{"action": "advise", "by": "stadtteilkonferenz", "body_id": konferenz},
               {"action": "decide", "by": "verwaltung", "body_id": null}])
    );

    let qm = a.qm.as_str();
    to(&app, a, qm, &id, json!({"to": "in_pruefung"}))
        .await
        .expect(200);
    to(
        &app,
        a,
        qm,
        &id,
        json!({"to": "beraten", "recommendation": "empfohlen",
               "votes": {"yes": 14, "no": 0, "abstain": 1},
               "reason": "Quartiersbezogen und partizipativ."}),
    )
    .await
    .expect(200);
    to(
        &app,
        a,
        &a.coordinator,
        &id,
        json!({"to": "bewilligt", "approved_cents": 180_000, "reason": "Förderfähig."}),
    )
    .await
    .expect(200);
    assert_eq!(
        app.get(&status_url, None).await.expect(200).json["state"],
        "bewilligt"
    );
    to(
        &app,
        a,
        qm,
        &id,
        json!({"to": "ausgezahlt", "paid_cents": 180_000}),
    )
    .await
    .expect(200);
    to(
        &app,
        a,
        qm,
        &id,
        json!({"to": "verwendungsnachweis_eingereicht", "reason": "Belege liegen vor."}),
    )
    .await
    .expect(200);
    to(&app, a, qm, &id, json!({"to": "abgeschlossen"}))
        .await
        .expect(200);

    let status = app.get(&status_url, None).await.expect(200);
    assert_eq!(status.json["state"], "abgeschlossen");
    let balance = &fund_json(&app, a, &fund, "").await["balance"];
    assert_eq!(
        (
            balance["approved_cents"].as_i64(),
            balance["paid_cents"].as_i64(),
            balance["available_cents"].as_i64()
        ),
        (Some(180_000), Some(180_000), Some(1_320_000))
    );
    let advice = &application(&app, a, &id).await.json["events"][2];
    assert_eq!(advice["to_state"], "beraten");
    assert_eq!(advice["votes_yes"], 14);
}

//! The signed-in pages of contracts (Kontrakte): the running ones and all, a contract's
//! parties, targets and reviews, and the steering body's review recorded by staff — refused,
//! in the API's words, to the contractor's user; invisible to an unrelated organisation.

use serde_json::{Value, json};

use crate::support::TestApp;
use crate::web_browser::{form_token, location, post_forms};
use crate::web_projects::{member, outsider, send, staff};

crate::tests![a_contract_review_is_recorded_on_the_contract_page_by_staff_only];

/// A contract of A with a new steering body, A and A's member organisation as parties, a
/// quantitative and a qualitative target; answers the API's view of it.
pub async fn contract_with_body(app: &TestApp, title: &str, starts: &str, ends: &str) -> Value {
    let body = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.coordinator),
            json!({"kind": "lenkungsgruppe", "name": "Lenkungsgruppe Soziale Stadt", "public": false}),
        )
        .await
        .expect(201);
    app.post(
        &app.a.api("/contracts"),
        Some(&app.a.qm),
        json!({
            "title": title,
            "subject": "Aufbau und Pflege des Netzwerks im Quartier",
            "starts_on": starts,
            "ends_on": ends,
            "steering_body_id": body.json["id"],
            "parties": [
                {"role": "auftraggeber"},
                {"organisation_id": app.a.member_org, "role": "auftragnehmer"}
            ],
            "targets": [
                {"kind": "quantitativ", "indicator": "Sitzungen der Stadtteilkonferenz",
                 "unit": "Sitzungen", "target_value": 4, "deadline": "2026-12-31"},
                {"kind": "qualitativ", "description": "Ein Verfügungsfonds ist eingerichtet.",
                 "deadline": "2026-06-30"}
            ]
        }),
    )
    .await
    .expect(201)
    .json
}

async fn a_contract_review_is_recorded_on_the_contract_page_by_staff_only(app: TestApp) {
    let running = contract_with_body(
        &app,
        "Kontrakt Quartiersmanagement Ost",
        "2020-01-01",
        "2099-12-31",
    )
    .await;
    contract_with_body(
        &app,
        "Kontrakt Stadtteilbüro 2019",
        "2019-01-01",
        "2019-12-31",
    )
    .await;
    let id = running["id"].as_str().unwrap();
    let (sessions, fund) = (
        running["targets"][0]["id"].as_str().unwrap(),
        running["targets"][1]["id"].as_str().unwrap(),
    );
    let slug = &app.a.slug;
    let list = format!("/arbeit/{slug}/kontrakte");
    let page = format!("{list}/{id}");
    let mut qm = staff(&app).await;
    let current = qm.get(&list).await.expect(200).text;
    assert!(current.contains("Kontrakt Quartiersmanagement Ost"));
    assert!(!current.contains("Kontrakt Stadtteilbüro 2019"), "ended");
    let all = qm.get(&format!("{list}?stand=alle")).await.expect(200).text;
    assert!(all.contains("Kontrakt Stadtteilbüro 2019") && all.contains("Kontrakte 1–2 von 2"));

    let before = qm.get(&page).await.expect(200).text;
    for fact in [
        "Der Kontrakt wurde noch nicht überprüft.",
        "Lenkungsgruppe Soziale Stadt",
        "Stadt Aachen",
        "AWO Stadt Aachen",
        "Sitzungen der Stadtteilkonferenz: 4 Sitzungen",
        "Ein Verfügungsfonds ist eingerichtet.",
    ] {
        assert!(before.contains(fact), "{fact}");
    }
    let sent = send(
        &mut qm,
        &page,
        "ueberpruefung",
        &[
            ("reviewed_on", "2026-11-20"),
            ("meeting_id", ""),
            ("note", "Sitzung der Lenkungsgruppe im November"),
            (&format!("status-{sessions}"), "erfuellt"),
            (
                &format!("comment-{sessions}"),
                "Vier Sitzungen mit guter Beteiligung.",
            ),
            (&format!("status-{fund}"), "teilweise_erfuellt"),
            (&format!("comment-{fund}"), ""),
        ],
    )
    .await;
    assert_eq!(sent.status, 303, "{}", sent.text);
    assert_eq!(location(&sent), format!("{page}?hinweis=ueberpruefung"));
    let after = qm.get(&location(&sent)).await.expect(200).text;
    assert!(after.contains("Die Überprüfung ist gespeichert."));
    assert!(after.contains("Überprüfung vom 20.11.2026"));
    assert!(after.contains("Vier Sitzungen mit guter Beteiligung."));
    assert!(
        after.contains("<dd>Teilweise erfüllt</dd>"),
        "the contract's fulfilment"
    );
    let api = app
        .get(&app.a.api(&format!("/contracts/{id}")), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(api.json["reviews"].as_array().unwrap().len(), 1);
    assert_eq!(api.json["fulfilment"], "teilweise_erfuellt");

    // The contractor's user reads the contract but records no review: the API's refusal.
    let mut member = member(&app).await;
    let theirs = member.get(&page).await.expect(200).text;
    assert!(theirs.contains("Überprüfung vom 20.11.2026"));
    assert!(
        post_forms(&theirs)
            .iter()
            .all(|f| !f.ends_with("/ueberpruefung"))
    );
    let refused = member
        .post(
            &format!("{page}/ueberpruefung"),
            &[
                ("csrf", &form_token(&theirs)),
                ("form", "ueberpruefung"),
                ("reviewed_on", "2026-11-21"),
                (&format!("status-{sessions}"), "erfuellt"),
            ],
        )
        .await
        .expect(403);
    assert!(
        refused
            .text
            .contains("Für diese Aktion fehlt Ihnen die Berechtigung.")
    );
    let mut stranger = outsider(&app).await;
    stranger.get(&page).await.expect(404);
    let none = stranger.get(&list).await.expect(200).text;
    assert!(none.contains("Hier ist kein Kontrakt."));
    let api = app
        .get(&app.a.api(&format!("/contracts/{id}")), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(api.json["reviews"].as_array().unwrap().len(), 1);
}

//! Concerns (Lotsenfunktion): public intake, routing by the Aachen plugin, forwarding,
//! feedback (also by the department's own users), reporting back and closing; the host's
//! base behaviour without a plugin and with a failing one; figures per department. The
//! reporter's personal data is tested in `concerns_privacy`.

use serde_json::{Value, json};

use crate::persons::audit_actions;
use crate::support::{Reply, TestApp};

crate::tests![
    a_public_wilder_muell_concern_goes_to_the_stadtbetrieb_and_back_to_the_resident,
    a_department_member_enters_feedback_only_for_concerns_forwarded_to_their_organisation,
    without_a_plugin_the_host_categories_apply_and_nothing_is_proposed,
    statistics_show_days_to_feedback_per_department,
    a_failing_plugin_marks_the_concern_for_manual_review_and_loses_nothing,
];

pub fn wilder_muell() -> Value {
    json!({
        "category": "wilder_muell",
        "text": "Seit zwei Wochen liegen neben den Altglascontainern Sperrmüll und Hausmüll.",
        "location": {"description": "Ecke Lindenstraße/Birkenweg", "lat": 50.7771, "lon": 6.0912},
        "reporter": {"name": "Petra Beispiel", "email": "petra@example.org", "may_contact": true}
    })
}

/// Uploads and activates the Aachen plugin for municipality A.
async fn activate_aachen(app: &TestApp) {
    app.activate_plugin(&app.a, "quartier_plugin_aachen").await;
}

/// Staff enter a concern for A; returns its id.
pub async fn staff_concern(app: &TestApp, data: Value) -> String {
    let reply = app
        .post(&app.a.api("/concerns"), Some(&app.a.qm), data)
        .await
        .expect(201);
    reply.json["id"].as_str().unwrap().to_owned()
}

pub fn concern_path(app: &TestApp, id: &str) -> String {
    app.a.api(&format!("/concerns/{id}"))
}

/// Takes a transition on the version currently stored.
pub async fn step(app: &TestApp, token: &str, id: &str, body: Value) -> Reply {
    let current = app
        .get(&concern_path(app, id), Some(&app.a.qm))
        .await
        .expect(200);
    let bytes = serde_json::to_vec(&body).unwrap();
    app.send(
        reqwest::Method::POST,
        &format!("{}/transitions", concern_path(app, id)),
        Some(token),
        &[
            ("content-type", "application/json"),
            ("if-match", &current.etag()),
        ],
        Some(bytes),
    )
    .await
}

/// Forwards, records feedback, reports back and closes, all as staff.
pub async fn run_through(app: &TestApp, id: &str) {
    let qm = app.a.qm.clone();
    step(
        app,
        &qm,
        id,
        json!({"to": "weitergeleitet", "department": "Stadtbetrieb"}),
    )
    .await
    .expect(200);
    step(
        app,
        &qm,
        id,
        json!({"to": "rueckmeldung_erhalten", "feedback": "Erledigt."}),
    )
    .await
    .expect(200);
    step(
        app,
        &qm,
        id,
        json!({"to": "zurueckgemeldet", "channel": "telefon"}),
    )
    .await
    .expect(200);
    step(app, &qm, id, json!({"to": "geschlossen"}))
        .await
        .expect(200);
}

async fn a_public_wilder_muell_concern_goes_to_the_stadtbetrieb_and_back_to_the_resident(
    app: TestApp,
) {
    activate_aachen(&app).await;
    let categories = app
        .get(&app.a.api("/concern-categories"), None)
        .await
        .expect(200);
    assert!(
        categories.text.contains("platz_umgestaltung"),
        "Aachen's catalogue: {}",
        categories.text
    );
    let mut form = wilder_muell();
    form["website"] = json!("");
    let receipt = app
        .post(&app.a.api("/public/concerns"), None, form)
        .await
        .expect(201);
    assert_eq!(receipt.json["manual_review"], false, "{}", receipt.text);
    let reference = receipt.json["reference"].as_str().unwrap().to_owned();
    assert!(reference.starts_with("AN-"), "{reference}");
    let token = receipt.json["status_token"].as_str().unwrap().to_owned();
    let status_url = receipt.json["status_url"].as_str().unwrap().to_owned();

    // Staff find it with the plugin's proposal and without the reporter's data.
    let list = app
        .get(&app.a.api("/concerns?state=eingegangen"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(list.json["total"], 1);
    let concern = &list.json["items"][0];
    assert_eq!(concern["reference"], reference.as_str());
    assert_eq!(concern["proposal"]["kind"], "department");
    assert_eq!(concern["proposal"]["department"], "Aachener Stadtbetrieb");
    assert_eq!(concern["review_state"], "geprueft");
    assert_eq!(concern["has_contact"], true);
    assert!(
        !list.text.contains("petra"),
        "no contact in the list: {}",
        list.text
    );
    let id = concern["id"].as_str().unwrap().to_owned();

    let status = app.get(&status_url, None).await.expect(200);
    assert_eq!(status.json["state"], "eingegangen");
    assert_eq!(status.json["feedback"], Value::Null);

    // Forwarded to the proposed department (no department named: the proposal is taken).
    let qm = app.a.qm.clone();
    let forwarded = step(&app, &qm, &id, json!({"to": "weitergeleitet"}))
        .await
        .expect(200);
    assert_eq!(forwarded.json["department"], "Aachener Stadtbetrieb");
    assert!(forwarded.json["forwarded_at"].is_string());
    // Closing now skips the feedback: refused with a stable code.
    let early = step(&app, &qm, &id, json!({"to": "geschlossen"}))
        .await
        .expect(409);
    assert_eq!(early.code(), "concern_wrong_state");
    // A stale version is refused.
    let stale = app
        .send(
            reqwest::Method::POST,
            &format!("{}/transitions", concern_path(&app, &id)),
            Some(&qm),
            &[("content-type", "application/json"), ("if-match", "\"1\"")],
            Some(br#"{"to": "rueckmeldung_erhalten", "feedback": "x"}"#.to_vec()),
        )
        .await;
    assert_eq!(stale.status, 412, "{}", stale.text);

    let feedback = "Der Stadtbetrieb räumt die Stelle am Donnerstag.";
    let answered = step(
        &app,
        &qm,
        &id,
        json!({"to": "rueckmeldung_erhalten", "feedback": feedback}),
    )
    .await
    .expect(200);
    assert!(answered.json["days_to_feedback"].is_number());
    // Not yet released: the resident does not see it before it is reported back.
    let status = app.get(&status_url, None).await.expect(200);
    assert_eq!(status.json["state"], "rueckmeldung_erhalten");
    assert_eq!(status.json["feedback"], Value::Null);

    let reported = step(
        &app,
        &qm,
        &id,
        json!({"to": "zurueckgemeldet", "channel": "email", "note": "Per Mail beantwortet"}),
    )
    .await
    .expect(200);
    assert_eq!(reported.json["report_channel"], "email");
    assert!(reported.json["reported_at"].is_string());
    let closed = step(&app, &qm, &id, json!({"to": "geschlossen"}))
        .await
        .expect(200);
    assert_eq!(closed.json["state"], "geschlossen");

    let status = app
        .get(&format!("/api/v1/public/concerns/{token}"), None)
        .await
        .expect(200);
    assert_eq!(status.json["state"], "geschlossen");
    assert_eq!(status.json["reference"], reference.as_str());
    assert_eq!(status.json["feedback"], feedback);
    let mut keys: Vec<&str> = status
        .json
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "category",
            "closed_at",
            "feedback",
            "forwarded_at",
            "received_at",
            "reference",
            "reported_at",
            "state",
            "state_label",
            "updated_at"
        ]
    );
    assert!(!status.text.contains("petra") && !status.text.contains("Aachener"));
    let actions = audit_actions(&app, &id).await;
    assert_eq!(
        actions.iter().filter(|a| *a == "update").count(),
        4,
        "{actions:?}"
    );
    assert!(actions.contains(&"create".to_owned()));
}

async fn a_department_member_enters_feedback_only_for_concerns_forwarded_to_their_organisation(
    app: TestApp,
) {
    let ours = staff_concern(&app, wilder_muell()).await;
    let other = staff_concern(&app, wilder_muell()).await;
    let member = app.a.member.clone();
    let qm = app.a.qm.clone();
    // Before forwarding, the department member sees nothing.
    app.get(&concern_path(&app, &ours), Some(&member))
        .await
        .expect(404);
    step(
        &app,
        &qm,
        &ours,
        json!({"to": "weitergeleitet", "department": "AWO", "organisation_id": app.a.member_org}),
    )
    .await
    .expect(200);
    step(
        &app,
        &qm,
        &other,
        json!({"to": "weitergeleitet", "department": "Ordnungsamt"}),
    )
    .await
    .expect(200);
    let list = app
        .get(&app.a.api("/concerns"), Some(&member))
        .await
        .expect(200);
    assert_eq!(list.json["total"], 1, "{}", list.text);
    assert_eq!(list.json["items"][0]["id"], ours.as_str());
    // Not theirs: as if missing.
    step(
        &app,
        &member,
        &other,
        json!({"to": "rueckmeldung_erhalten", "feedback": "Ja"}),
    )
    .await
    .expect(404);
    // Reading the contact and reporting back are staff work.
    app.get(
        &format!("{}/reporter", concern_path(&app, &ours)),
        Some(&member),
    )
    .await
    .expect(403);
    let answered = step(
        &app,
        &member,
        &ours,
        json!({"to": "rueckmeldung_erhalten", "feedback": "Wir melden uns bei der Familie."}),
    )
    .await
    .expect(200);
    assert_eq!(answered.json["feedback"], "Wir melden uns bei der Familie.");
    step(
        &app,
        &member,
        &ours,
        json!({"to": "zurueckgemeldet", "channel": "brief"}),
    )
    .await
    .expect(403);
    // Missing feedback text is a field error.
    let empty = step(&app, &qm, &other, json!({"to": "rueckmeldung_erhalten"}))
        .await
        .expect(422);
    assert_eq!(empty.json["errors"][0]["pointer"], "/feedback");
}

async fn without_a_plugin_the_host_categories_apply_and_nothing_is_proposed(app: TestApp) {
    let categories = app
        .get(&app.a.api("/concern-categories"), None)
        .await
        .expect(200);
    let keys: Vec<&str> = categories
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "wilder_muell",
            "schlagloch",
            "spielplatz",
            "sicherheit",
            "verkehr",
            "beratung",
            "sonstiges"
        ]
    );
    let id = staff_concern(&app, wilder_muell()).await;
    let concern = app
        .get(&concern_path(&app, &id), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(concern.json["proposal"], Value::Null);
    assert_eq!(concern.json["review_state"], "geprueft");
    // Forwarding without a proposal needs a department.
    let qm = app.a.qm.clone();
    let missing = step(&app, &qm, &id, json!({"to": "weitergeleitet"}))
        .await
        .expect(422);
    assert_eq!(missing.json["errors"][0]["pointer"], "/department");
    // Duplicates point at a concern of the same municipality.
    let original = staff_concern(&app, wilder_muell()).await;
    let duplicate = step(
        &app,
        &qm,
        &id,
        json!({"to": "duplikat", "duplicate_of": original}),
    )
    .await
    .expect(200);
    assert_eq!(duplicate.json["duplicate_of"], original.as_str());
    assert!(duplicate.json["closed_at"].is_string());
    // Members and anonymous callers may not enter concerns as staff.
    app.post(&app.a.api("/concerns"), Some(&app.a.member), wilder_muell())
        .await
        .expect(403);
    app.post(&app.a.api("/concerns"), None, wilder_muell())
        .await
        .expect(401);
    // The recheck keeps a checked concern checked.
    let rechecked = app
        .post(
            &format!("{}/recheck", concern_path(&app, &original)),
            Some(&qm),
            json!({}),
        )
        .await
        .expect(200);
    assert_eq!(rechecked.json["review_state"], "geprueft");
}

async fn statistics_show_days_to_feedback_per_department(app: TestApp) {
    let answered = staff_concern(&app, wilder_muell()).await;
    let waiting = staff_concern(&app, wilder_muell()).await;
    run_through(&app, &answered).await;
    let qm = app.a.qm.clone();
    step(
        &app,
        &qm,
        &waiting,
        json!({"to": "weitergeleitet", "department": "Stadtbetrieb"}),
    )
    .await
    .expect(200);
    let stats = app
        .get(&app.a.api("/concerns/statistics"), Some(&app.a.qm))
        .await
        .expect(200);
    let figures = &stats.json[0];
    assert_eq!(figures["department"], "Stadtbetrieb", "{}", stats.text);
    assert_eq!(figures["count"], 2);
    assert_eq!(figures["open"], 1);
    assert!(figures["median_days_to_feedback"].as_f64().unwrap() >= 0.0);
    assert!(figures["mean_days_to_feedback"].as_f64().unwrap() >= 0.0);
    let later = app
        .get(
            &app.a.api("/concerns/statistics?from=2199-01-01"),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(later.json, json!([]));
    app.get(&app.a.api("/concerns/statistics"), Some(&app.a.member))
        .await
        .expect(403);
    // B's figures do not include A's concerns.
    let theirs = app
        .get(&app.b.api("/concerns/statistics"), Some(&app.b.qm))
        .await
        .expect(200);
    assert_eq!(theirs.json, json!([]));
}

async fn a_failing_plugin_marks_the_concern_for_manual_review_and_loses_nothing(app: TestApp) {
    app.activate_plugin(&app.a, "hostile_not_json").await;
    let receipt = app
        .post(&app.a.api("/public/concerns"), None, wilder_muell())
        .await
        .expect(201);
    assert_eq!(receipt.json["manual_review"], true, "{}", receipt.text);
    let list = app
        .get(
            &app.a.api("/concerns?review_state=manuelle_pruefung"),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(list.json["total"], 1, "{}", list.text);
    let concern = &list.json["items"][0];
    assert_eq!(concern["reference"], receipt.json["reference"]);
    assert_eq!(concern["proposal"], Value::Null);
    assert!(concern["review_reason"].is_string());
    assert_eq!(concern["form_data"]["category"], "wilder_muell");
}

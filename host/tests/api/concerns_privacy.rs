//! Concerns and personal data: the reporter's contact behind an audit-logged, staff-only
//! endpoint, its erasure after the retention period (moving the clock), the resident's
//! status link that shows nothing but its own concern, and the honeypot.

use serde_json::{Value, json};

use crate::concerns::{concern_path, run_through, staff_concern, wilder_muell};
use crate::persons::audit_actions;
use crate::support::{Reply, TestApp};

crate::tests![
    reading_the_reporters_contact_is_staff_only_and_audit_logged,
    the_contact_is_erased_after_the_retention_period_and_the_concern_stays,
    a_status_link_shows_only_its_own_concern_and_unknown_tokens_are_404,
    a_filled_honeypot_is_refused_and_nothing_is_stored,
];

async fn reading_the_reporters_contact_is_staff_only_and_audit_logged(app: TestApp) {
    let id = staff_concern(&app, wilder_muell()).await;
    let concern = app
        .get(&concern_path(&app, &id), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(concern.json["has_contact"], true);
    assert!(
        concern.json["form_data"].get("reporter").is_none(),
        "{}",
        concern.text
    );
    assert!(!concern.text.contains("petra@example.org"));
    assert!(
        !audit_actions(&app, &id)
            .await
            .contains(&"read_personal".to_owned())
    );
    let reporter = format!("{}/reporter", concern_path(&app, &id));
    app.get(&reporter, None).await.expect(404);
    app.get(&reporter, Some(&app.b.coordinator))
        .await
        .expect(404);
    let contact = app
        .get(&reporter, Some(&app.a.coordinator))
        .await
        .expect(200);
    assert_eq!(contact.json["email"], "petra@example.org");
    assert_eq!(contact.json["name"], "Petra Beispiel");
    assert_eq!(contact.json["may_contact"], true);
    assert!(
        audit_actions(&app, &id)
            .await
            .contains(&"read_personal".to_owned())
    );
    // Without a contact the concern says so.
    let mut anonymous = wilder_muell();
    anonymous.as_object_mut().unwrap().remove("reporter");
    let id = staff_concern(&app, anonymous).await;
    let concern = app
        .get(&concern_path(&app, &id), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(concern.json["has_contact"], false);
}

async fn the_contact_is_erased_after_the_retention_period_and_the_concern_stays(app: TestApp) {
    let id = staff_concern(&app, wilder_muell()).await;
    let open = staff_concern(&app, wilder_muell()).await;
    run_through(&app, &id).await;
    let retention = chrono::TimeDelta::days(90);
    let now = chrono::Utc::now();
    let run = |days: i64| {
        let db = app.db.clone();
        async move {
            quartier::retention::run(
                &db,
                &quartier::concerns::retention::reporters(),
                quartier::db::Timestamp(now + chrono::TimeDelta::days(days)),
                retention,
            )
            .await
            .unwrap()
        }
    };
    assert!(run(0).await.is_empty());
    assert!(run(89).await.is_empty(), "before the deadline nothing goes");
    let reporter = format!("{}/reporter", concern_path(&app, &id));
    app.get(&reporter, Some(&app.a.qm)).await.expect(200);
    let erased = run(91).await;
    assert_eq!(erased.len(), 1, "only the closed concern: {erased:?}");
    assert!(run(92).await.is_empty(), "erased once");
    let contact = app.get(&reporter, Some(&app.a.qm)).await.expect(200);
    assert_eq!(contact.json["present"], false);
    assert_eq!(contact.json["email"], Value::Null);
    assert_eq!(contact.json["name"], Value::Null);
    let concern = app
        .get(&concern_path(&app, &id), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(concern.json["state"], "geschlossen");
    assert_eq!(concern.json["has_contact"], false);
    assert_eq!(concern.json["contact_erased"], true);
    assert_eq!(concern.json["feedback"], "Erledigt.");
    assert!(audit_actions(&app, &id).await.contains(&"erase".to_owned()));
    // The open concern keeps its contact.
    let still = app
        .get(
            &format!("{}/reporter", concern_path(&app, &open)),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(still.json["email"], "petra@example.org");
}

async fn submit(app: &TestApp, text: &str) -> Reply {
    let mut form = wilder_muell();
    form["text"] = json!(text);
    app.post(&app.a.api("/public/concerns"), None, form).await
}

async fn a_status_link_shows_only_its_own_concern_and_unknown_tokens_are_404(app: TestApp) {
    let first = submit(&app, "Der Spielplatz am Park ist voller Scherben.")
        .await
        .expect(201);
    let second = submit(&app, "Am Kiosk stehen seit Tagen Sperrmüllberge.")
        .await
        .expect(201);
    for receipt in [&first, &second] {
        let status = app
            .get(receipt.json["status_url"].as_str().unwrap(), None)
            .await
            .expect(200);
        assert_eq!(status.json["reference"], receipt.json["reference"]);
        assert!(!status.text.contains("Scherben") && !status.text.contains("Kiosk"));
        assert!(!status.text.contains("petra"));
    }
    assert_ne!(first.json["reference"], second.json["reference"]);
    app.get("/api/v1/public/concerns/unbekannt", None)
        .await
        .expect(404);
    // Another municipality cannot reach A's concerns through its public form either.
    let list = app
        .get(&app.b.api("/concerns"), Some(&app.b.qm))
        .await
        .expect(200);
    assert_eq!(list.json["total"], 0);
}

async fn a_filled_honeypot_is_refused_and_nothing_is_stored(app: TestApp) {
    let mut form = wilder_muell();
    form["website"] = json!("https://spam.example");
    let refused = app.post(&app.a.api("/public/concerns"), None, form).await;
    assert!(
        refused.status >= 400 && refused.status < 500,
        "{}",
        refused.text
    );
    let list = app
        .get(&app.a.api("/concerns"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(list.json["total"], 0);
}

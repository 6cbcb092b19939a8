//! The task pages: the matrix with who does what and the year's log counts, readable by
//! every signed-in user of the municipality; the task log, where staff record an entry and
//! delete a wrong one through a form (errors at their fields, nothing stored on a refusal)
//! and everyone else only reads.

use quartier::auth::Role;
use serde_json::json;

use crate::support::TestApp;
use crate::web_browser::{Browser, form_token, location, post_forms, qm, with_password};

crate::tests![
    the_matrix_shows_each_task_with_its_actors_and_the_years_log_counts,
    staff_record_and_delete_a_log_entry_on_the_log_page,
    a_refused_entry_shows_its_errors_at_the_fields_and_stores_nothing,
    members_read_the_log_without_its_forms_and_other_municipalities_see_nothing,
];

const MATRIX: &str = "/arbeit/aachen/aufgaben";
const LOG: &str = "/arbeit/aachen/aufgaben/protokoll";

/// Entries of A's log in `year`, as the API lists them.
async fn logged(app: &TestApp, year: i64) -> serde_json::Value {
    app.get(
        &app.a.api(&format!("/task-log?year={year}")),
        Some(&app.a.qm),
    )
    .await
    .expect(200)
    .json
}

async fn the_matrix_shows_each_task_with_its_actors_and_the_years_log_counts(app: TestApp) {
    let coordinator = Some(app.a.coordinator.as_str());
    let actors = app
        .get(&app.a.api("/task-matrix/actors"), coordinator)
        .await
        .expect(200);
    app.put(
        &app.a.api("/task-matrix/actors/kommune"),
        coordinator,
        Some(&actors.etag()),
        json!({"label": "Stadt Aachen, Fachbereich Soziales"}),
    )
    .await
    .expect(204);
    for activity in ["Jour fixe geleitet", "Lenkungsrunde vorbereitet"] {
        app.post(
            &app.a.api("/task-log"),
            Some(&app.a.qm),
            json!({"year": 2026, "task_key": "management_koordination",
                   "column_key": "steuerung", "activity": activity}),
        )
        .await
        .expect(201);
    }

    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let start = browser.get("/arbeit/aachen").await.expect(200);
    assert!(start.text.contains(&format!(r#"href="{MATRIX}""#)));
    let page = browser
        .get(&format!("{MATRIX}?jahr=2026"))
        .await
        .expect(200);
    let text = &page.text;
    assert!(text.contains("<h1>Aufgabenmatrix</h1>"), "{text}");
    assert!(text.contains("Es gilt die Grundmatrix des Leitfadens."));
    assert!(text.contains("Management und Koordination der Gesamtmaßnahme"));
    assert!(
        text.contains("Stadt Aachen, Fachbereich Soziales"),
        "the holder of `kommune`"
    );
    assert!(
        text.contains("traeger_stadtteilbuero"),
        "an actor without a holder by its key"
    );
    assert!(text.contains("zählt als Quartiersmanagement"));
    assert_eq!(
        text.matches("<table class=\"task-matrix\">").count(),
        8,
        "a table per group"
    );
    let link = format!("{LOG}?jahr=2026&#38;aufgabe=management_koordination\">2</a>");
    assert!(text.contains(&link), "two entries linked to the task's log");
    // Another year counts its own entries; a year the log cannot hold falls back to this one.
    let before = browser
        .get(&format!("{MATRIX}?jahr=2025"))
        .await
        .expect(200);
    assert!(
        before
            .text
            .contains("aufgabe=management_koordination\">0</a>")
    );
    browser
        .get(&format!("{MATRIX}?jahr=99999"))
        .await
        .expect(200);
}

async fn staff_record_and_delete_a_log_entry_on_the_log_page(app: TestApp) {
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let page = browser.get(&format!("{LOG}?jahr=2026")).await.expect(200);
    assert!(page.text.contains("Keine Einträge."), "{}", page.text);
    let token = form_token(&page.text);
    let sent = browser
        .post(
            LOG,
            &[
                ("csrf", &token),
                ("jahr", "2026"),
                ("aufgabe", "management_koordination"),
                ("bereich", "steuerung"),
                ("taetigkeit", "Lenkungsrunde vorbereitet"),
            ],
        )
        .await
        .expect(303);
    assert_eq!(
        location(&sent),
        format!("{LOG}?jahr=2026&hinweis=gespeichert")
    );
    let stored = logged(&app, 2026).await;
    assert_eq!(stored["total"], 1);
    let entry = &stored["items"][0];
    assert_eq!(entry["column_key"], "steuerung");
    assert_eq!(entry["activity"], "Lenkungsrunde vorbereitet");
    assert_eq!(entry["recorded_by"], "qm-aachen");
    let id = entry["id"].as_str().unwrap().to_owned();
    let audit = crate::persons::audit_actions(&app, &id).await;
    assert_eq!(audit, vec!["create"]);

    let listed = browser.get(&location(&sent)).await.expect(200);
    assert!(listed.text.contains("Der Eintrag ist gespeichert."));
    assert!(
        listed.text.contains(r#"<td class="nowrap">Steuerung</td>"#),
        "{}",
        listed.text
    );
    assert!(listed.text.contains("Lenkungsrunde vorbereitet"));
    let delete = post_forms(&listed.text)
        .into_iter()
        .find(|a| a.ends_with("/loeschen"))
        .expect("a delete button");
    assert_eq!(delete, format!("{LOG}/{id}/loeschen"));
    let token = form_token(&listed.text);
    let deleted = browser
        .post(&delete, &[("csrf", &token), ("jahr", "2026")])
        .await
        .expect(303);
    assert_eq!(
        location(&deleted),
        format!("{LOG}?jahr=2026&hinweis=geloescht")
    );
    assert_eq!(logged(&app, 2026).await["total"], 0);
    // Deleting it again finds nothing.
    browser
        .post(&delete, &[("csrf", &token), ("jahr", "2026")])
        .await
        .expect(404);
}

async fn a_refused_entry_shows_its_errors_at_the_fields_and_stores_nothing(app: TestApp) {
    let mut browser = Browser::new(&app);
    browser.sign_in(qm(&app).await).await;
    let page = browser.get(LOG).await.expect(200);
    let token = form_token(&page.text);
    let long = "x".repeat(2001);
    let cases: [(&str, &str, &str, &str, &str); 4] = [
        ("1800", "management_koordination", "", "Etwas", "jahr"),
        ("2026", "erfunden", "", "Etwas", "aufgabe"),
        (
            "2026",
            "management_koordination",
            "<script>",
            "Etwas",
            "bereich",
        ),
        ("2026", "management_koordination", "", &long, "taetigkeit"),
    ];
    for (year, task, column, activity, field) in cases {
        let refused = browser
            .post(
                LOG,
                &[
                    ("csrf", &token),
                    ("jahr", year),
                    ("aufgabe", task),
                    ("bereich", column),
                    ("taetigkeit", activity),
                ],
            )
            .await
            .expect(422);
        let text = &refused.text;
        assert!(
            text.contains("Bitte prüfen Sie Ihre Angaben"),
            "{field}: {text}"
        );
        assert!(
            text.contains(&format!(r##"<a href="#{field}">"##)),
            "{field}: {text}"
        );
        assert!(text.contains(&format!(r#"id="{field}-fehler""#)), "{field}");
        assert!(
            !text.contains("&lt;script&gt;</option>"),
            "no such option offered"
        );
    }
    let empty = browser
        .post(
            LOG,
            &[
                ("csrf", &token),
                ("jahr", "zwanzig"),
                ("aufgabe", ""),
                ("taetigkeit", " "),
            ],
        )
        .await
        .expect(422);
    assert!(empty.text.contains(r##"<a href="#jahr">"##));
    let kept = browser
        .post(
            LOG,
            &[
                ("csrf", &token),
                ("jahr", "2026"),
                ("aufgabe", "erfunden"),
                ("taetigkeit", "Sprechstunde im Stadtteilbüro"),
            ],
        )
        .await
        .expect(422);
    assert!(
        kept.text
            .contains(">Sprechstunde im Stadtteilbüro</textarea>"),
        "what was entered stays"
    );
    // Without the form's token nothing is even read.
    browser
        .post(
            LOG,
            &[
                ("jahr", "2026"),
                ("aufgabe", "management_koordination"),
                ("taetigkeit", "x"),
            ],
        )
        .await
        .expect(403);
    for year in [1800, 2026] {
        assert_eq!(logged(&app, year).await["total"], 0);
    }
}

async fn members_read_the_log_without_its_forms_and_other_municipalities_see_nothing(app: TestApp) {
    app.post(
        &app.a.api("/task-log"),
        Some(&app.a.qm),
        json!({"year": 2026, "task_key": "beratung", "activity": "Offene Sprechstunde"}),
    )
    .await
    .expect(201);
    with_password(
        &app,
        "member-aachen",
        Role::Member,
        Some(app.a.id),
        Some(app.a.member_org),
    )
    .await;
    let mut member = Browser::new(&app);
    member.sign_in("member-aachen").await;
    let log = member.get(&format!("{LOG}?jahr=2026")).await.expect(200);
    assert!(log.text.contains("Offene Sprechstunde"), "{}", log.text);
    assert!(
        log.text
            .contains(r#"<td class="nowrap">ganze Aufgabe</td>"#)
    );
    assert_eq!(
        post_forms(&log.text),
        vec!["/abmelden".to_owned()],
        "reading only"
    );
    member.get(MATRIX).await.expect(200);
    let token = form_token(&log.text);
    member
        .post(
            LOG,
            &[
                ("csrf", &token),
                ("jahr", "2026"),
                ("aufgabe", "beratung"),
                ("taetigkeit", "x"),
            ],
        )
        .await
        .expect(404);
    assert_eq!(logged(&app, 2026).await["total"], 1);

    with_password(&app, "qm-b", Role::Qm, Some(app.b.id), None).await;
    let mut other = Browser::new(&app);
    other.sign_in("qm-b").await;
    other.get(MATRIX).await.expect(404);
    other.get(LOG).await.expect(404);
}

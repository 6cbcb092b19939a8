//! Projects (Maßnahmen): goals down to measurable targets, measurements and progress, the
//! state workflow, the field-of-action catalogue of the Berlin plugin, who may write, and
//! filters.

use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{Reply, Tenant, TestApp};

crate::tests![
    a_project_with_goals_and_targets_shows_progress_from_its_measurements,
    the_state_moves_one_stage_at_a_time_and_refused_steps_answer_409,
    with_the_berlin_plugin_an_unknown_field_of_action_is_refused_in_german,
    partner_organisations_may_record_measurements_but_not_edit,
    projects_are_filtered_by_state_field_of_action_and_organisation,
    a_target_with_measurements_cannot_be_removed_from_the_goals,
    another_municipalitys_projects_answer_404,
];

fn project(title: &str, field: &str) -> Value {
    json!({
        "title": title,
        "description": "Aus dem Integrierten Handlungskonzept.",
        "field_of_action": field,
        "budget_cents": 2_500_000,
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
    })
}

async fn create(app: &TestApp, tenant: &Tenant, body: Value) -> Reply {
    app.post(&tenant.api("/projects"), Some(&tenant.qm), body)
        .await
        .expect(201)
}

fn path(tenant: &Tenant, reply: &Reply, rest: &str) -> String {
    tenant.api(&format!(
        "/projects/{}{rest}",
        reply.json["id"].as_str().unwrap()
    ))
}

fn goals() -> Value {
    json!([{
        "title": "Das Wohnumfeld ist lebenswert",
        "handlungsziele": [{
            "title": "Mehr Menschen nutzen den Quartierspark",
            "targets": [
                {"indicator": "Besuchende pro Woche", "unit": "Personen", "baseline": 100,
                 "target_value": 300, "deadline": "2027-06-30"},
                {"indicator": "Gepflanzte Bäume", "unit": "Bäume", "target_value": 40,
                 "deadline": "2027-12-31"}
            ]
        }]
    }])
}

async fn with_goals(app: &TestApp, created: &Reply) -> Reply {
    app.put(
        &path(&app.a, created, "/goals"),
        Some(&app.a.qm),
        Some(&created.etag()),
        goals(),
    )
    .await
    .expect(200)
}

fn target(project: &Reply, index: usize) -> Value {
    project.json["goals"][0]["handlungsziele"][0]["targets"][index].clone()
}

async fn measure(
    app: &TestApp,
    token: &str,
    created: &Reply,
    target: &Value,
    on: &str,
    value: f64,
) -> Reply {
    app.post(
        &path(&app.a, created, "/measurements"),
        Some(token),
        json!({"target_id": target["id"], "measured_on": on, "actual_value": value,
               "note": "Zählung durch das Quartiersbüro"}),
    )
    .await
}

async fn a_project_with_goals_and_targets_shows_progress_from_its_measurements(app: TestApp) {
    let created = create(&app, &app.a, project("Quartierspark Ost", "wohnumfeld")).await;
    assert_eq!(created.json["state"], "idee");
    assert_eq!(created.etag(), "\"1\"");
    let planned = with_goals(&app, &created).await;
    assert_eq!(planned.etag(), "\"2\"");
    let visitors = target(&planned, 0);
    assert_eq!(visitors["indicator"], "Besuchende pro Woche");
    assert_eq!(visitors["progress"], Value::Null);

    measure(&app, &app.a.qm, &created, &visitors, "2026-06-30", 150.0)
        .await
        .expect(201);
    measure(&app, &app.a.qm, &created, &visitors, "2026-12-31", 200.0)
        .await
        .expect(201);
    // Entered late, but measured earlier: the latest by date stays the December value.
    measure(&app, &app.a.qm, &created, &visitors, "2026-03-31", 120.0)
        .await
        .expect(201);

    let now = app
        .get(&path(&app.a, &created, ""), Some(&app.a.coordinator))
        .await
        .expect(200);
    let visitors = target(&now, 0);
    assert_eq!(visitors["latest_value"], 200.0);
    assert_eq!(visitors["latest_measured_on"], "2026-12-31");
    assert_eq!(visitors["progress"], 0.5, "half the way from 100 to 300");
    assert_eq!(target(&now, 1)["progress"], Value::Null);
    assert_eq!(
        now.etag(),
        "\"2\"",
        "measurements do not change the project's version"
    );

    let series = app
        .get(&path(&app.a, &created, "/measurements"), Some(&app.a.qm))
        .await
        .expect(200);
    let values: Vec<f64> = series.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["actual_value"].as_f64().unwrap())
        .collect();
    assert_eq!(
        values,
        vec![120.0, 150.0, 200.0],
        "oldest first: progress over time"
    );
    assert_eq!(series.json["total"], 3);

    // A target of another project is refused with its pointer.
    let other = create(&app, &app.a, project("Spielplatz", "wohnumfeld")).await;
    let wrong = app
        .post(
            &path(&app.a, &other, "/measurements"),
            Some(&app.a.qm),
            json!({"target_id": visitors["id"], "measured_on": "2026-12-31", "actual_value": 1}),
        )
        .await
        .expect(422);
    assert_eq!(wrong.json["errors"][0]["pointer"], "/target_id");
}

/// Moves the project as the coordination would: with the `ETag` it just read.
async fn transition(app: &TestApp, created: &Reply, to: &str) -> Reply {
    let coordinator = Some(app.a.coordinator.as_str());
    let read = app
        .get(&path(&app.a, created, ""), coordinator)
        .await
        .expect(200);
    app.post_if_match(
        &path(&app.a, created, "/transitions"),
        coordinator,
        Some(&read.etag()),
        json!({"to": to, "reason": "Beschluss der Steuerungsrunde"}),
    )
    .await
}

async fn the_state_moves_one_stage_at_a_time_and_refused_steps_answer_409(app: TestApp) {
    let created = create(&app, &app.a, project("Nachbarschaftscafé", "integration")).await;
    let refused = transition(&app, &created, "umsetzung").await.expect(409);
    assert_eq!(refused.code(), "project_wrong_state");
    assert!(
        refused.json["detail"].as_str().unwrap().contains("„Idee“"),
        "{}",
        refused.text
    );
    transition(&app, &created, "konzept").await.expect(200);
    transition(&app, &created, "umsetzung").await.expect(200);
    let done = transition(&app, &created, "abgeschlossen")
        .await
        .expect(200);
    assert_eq!(done.json["state"], "abgeschlossen");
    assert_eq!(done.json["state_label"], "Abgeschlossen");
    let history: Vec<&str> = done.json["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to_state"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["idee", "konzept", "umsetzung", "abgeschlossen"]);
    assert_eq!(
        done.json["history"][1]["note"],
        "Beschluss der Steuerungsrunde"
    );
    assert_eq!(done.json["history"][1]["actor"], "koordination-aachen");
    // Final is final; and a running project is not deleted.
    transition(&app, &created, "verworfen").await.expect(409);
    transition(&app, &created, "nonsense").await.expect(422);
    app.delete(&path(&app.a, &created, ""), Some(&app.a.coordinator))
        .await
        .expect(409);
    let audit = app
        .get(&app.a.api("/audit"), Some(&app.a.coordinator))
        .await
        .expect(200);
    let kinds = audit.text.matches("project_state").count();
    assert_eq!(kinds, 3, "every state change is audit-logged");
    // An idea may be deleted.
    let idea = create(&app, &app.a, project("Idee", "integration")).await;
    app.delete(&path(&app.a, &idea, ""), Some(&app.a.coordinator))
        .await
        .expect(204);
    app.get(&path(&app.a, &idea, ""), Some(&app.a.coordinator))
        .await
        .expect(404);
}

async fn with_the_berlin_plugin_an_unknown_field_of_action_is_refused_in_german(app: TestApp) {
    let b = &app.b;
    // Without a plugin any well-formed key is accepted.
    create(&app, b, project("Ohne Plugin", "irgendein_feld")).await;
    let upload = app
        .send(
            Method::POST,
            &b.api("/plugins"),
            Some(&b.coordinator),
            &[("content-type", "application/wasm")],
            Some(
                quartier_plugin_components::get("quartier_plugin_berlin")
                    .unwrap()
                    .to_vec(),
            ),
        )
        .await
        .expect(201);
    let id = upload.json["id"].as_str().unwrap();
    app.post(
        &b.api(&format!("/plugins/{id}/activation")),
        Some(&b.coordinator),
        Value::Null,
    )
    .await
    .expect(200);
    let refused = app
        .post(
            &b.api("/projects"),
            Some(&b.qm),
            project("Kiezgarten", "wohnumfeld_neu"),
        )
        .await
        .expect(422);
    assert_eq!(refused.json["errors"][0]["pointer"], "/field_of_action");
    assert_eq!(refused.json["errors"][0]["code"], "unknown_field_of_action");
    assert_eq!(
        refused.json["errors"][0]["detail"],
        "Dieses Handlungsfeld steht nicht im Katalog der Kommune."
    );
    // One of Berlin's nine strategic goals is accepted.
    let ok = create(&app, b, project("Kiezgarten", "wohnumfeld")).await;
    assert_eq!(ok.json["field_of_action"], "wohnumfeld");
    // A malformed key is refused before the catalogue is asked.
    app.post(
        &b.api("/projects"),
        Some(&b.qm),
        project("X", "Wohn Umfeld"),
    )
    .await
    .expect(422);
}

async fn partner_organisations_may_record_measurements_but_not_edit(app: TestApp) {
    let mut body = project("Sprachcafé", "integration");
    body["partner_organisation_ids"] = json!([app.a.member_org]);
    let created = create(&app, &app.a, body).await;
    let planned = with_goals(&app, &created).await;
    let trees = target(&planned, 1);
    let member = app.a.member.clone();
    app.get(&path(&app.a, &created, ""), Some(&member))
        .await
        .expect(200);
    measure(&app, &member, &created, &trees, "2026-10-01", 10.0)
        .await
        .expect(201);
    let now = app
        .get(&path(&app.a, &created, ""), Some(&member))
        .await
        .expect(200);
    assert_eq!(target(&now, 1)["progress"], 0.25);
    app.put(
        &path(&app.a, &created, ""),
        Some(&member),
        Some(&now.etag()),
        project("X", "integration"),
    )
    .await
    .expect(403);
    transition(&app, &created, "konzept").await.expect(200);
    app.post_if_match(
        &path(&app.a, &created, "/transitions"),
        Some(&member),
        Some("*"),
        json!({"to": "umsetzung"}),
    )
    .await
    .expect(403);
    // Members see only their organisation's projects; anonymous callers see nothing.
    let elsewhere = create(&app, &app.a, project("Fremd", "integration")).await;
    app.get(&path(&app.a, &elsewhere, ""), Some(&member))
        .await
        .expect(404);
    let listed = app
        .get(&app.a.api("/projects"), Some(&member))
        .await
        .expect(200);
    assert_eq!(listed.json["total"], 1);
    app.get(&app.a.api("/projects"), None).await.expect(401);
    app.get(&path(&app.a, &created, ""), None).await.expect(404);
    measure(
        &app,
        &app.b.coordinator,
        &created,
        &trees,
        "2026-10-01",
        1.0,
    )
    .await
    .expect(404);
}

async fn projects_are_filtered_by_state_field_of_action_and_organisation(app: TestApp) {
    let mut led = project("Jugendtreff", "soziale_infrastruktur");
    led["lead_organisation_id"] = json!(app.a.member_org);
    let led = create(&app, &app.a, led).await;
    create(&app, &app.a, project("Hofbegrünung", "wohnumfeld")).await;
    create(&app, &app.a, project("Mieterberatung", "wohnumfeld")).await;
    transition(&app, &led, "konzept").await.expect(200);
    let list = |query: &str| app.a.api(&format!("/projects{query}"));
    let token = Some(app.a.qm.as_str());
    let titles = |r: Reply| -> Vec<String> {
        r.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        titles(
            app.get(&list("?field_of_action=wohnumfeld"), token)
                .await
                .expect(200)
        ),
        ["Hofbegrünung", "Mieterberatung"]
    );
    assert_eq!(
        titles(app.get(&list("?state=konzept"), token).await.expect(200)),
        ["Jugendtreff"]
    );
    let by_org = format!("?organisation_id={}", app.a.member_org);
    assert_eq!(
        titles(app.get(&list(&by_org), token).await.expect(200)),
        ["Jugendtreff"]
    );
    let page = app.get(&list("?limit=1&offset=1"), token).await.expect(200);
    assert_eq!(page.json["total"], 3);
    assert_eq!(titles(page), ["Jugendtreff"]);
    app.get(&list("?state=fertig"), token).await.expect(400);
}

async fn a_target_with_measurements_cannot_be_removed_from_the_goals(app: TestApp) {
    let created = create(&app, &app.a, project("Quartiersgarten", "wohnumfeld")).await;
    let planned = with_goals(&app, &created).await;
    let visitors = target(&planned, 0);
    measure(&app, &app.a.qm, &created, &visitors, "2026-06-30", 150.0)
        .await
        .expect(201);
    // Keeping the measured target by id (and renaming things) works; dropping it does not.
    let mut kept = goals();
    kept[0]["title"] = json!("Ein lebenswertes Wohnumfeld");
    kept[0]["handlungsziele"][0]["targets"][0]["id"] = visitors["id"].clone();
    let replaced = app
        .put(
            &path(&app.a, &created, "/goals"),
            Some(&app.a.qm),
            Some(&planned.etag()),
            kept,
        )
        .await
        .expect(200);
    assert_eq!(target(&replaced, 0)["id"], visitors["id"]);
    assert_eq!(target(&replaced, 0)["latest_value"], 150.0);
    assert_eq!(
        replaced.json["goals"][0]["title"],
        "Ein lebenswertes Wohnumfeld"
    );
    let dropped = app
        .put(
            &path(&app.a, &created, "/goals"),
            Some(&app.a.qm),
            Some(&replaced.etag()),
            json!([]),
        )
        .await
        .expect(409);
    assert_eq!(dropped.code(), "in_use");
    // A stale version is refused.
    app.put(
        &path(&app.a, &created, "/goals"),
        Some(&app.a.qm),
        Some(&planned.etag()),
        goals(),
    )
    .await
    .expect(412);
}

async fn another_municipalitys_projects_answer_404(app: TestApp) {
    let created = create(&app, &app.a, project("Stadtteilfest", "stadtteilkultur")).await;
    let planned = with_goals(&app, &created).await;
    let foreign = app.b.api(&format!(
        "/projects/{}",
        created.json["id"].as_str().unwrap()
    ));
    let b = Some(app.b.coordinator.as_str());
    app.get(&foreign, b).await.expect(404);
    app.get(&format!("{foreign}/measurements"), b)
        .await
        .expect(404);
    app.post_if_match(
        &format!("{foreign}/transitions"),
        b,
        Some("*"),
        json!({"to": "konzept"}),
    )
    .await
    .expect(404);
    let listed = app.get(&app.b.api("/projects"), b).await.expect(200);
    assert_eq!(listed.json["total"], 0);
    // A's target cannot be measured through B's project either.
    let theirs = create(&app, &app.b, project("B-Projekt", "stadtteilkultur")).await;
    app.post(
        &path(&app.b, &theirs, "/measurements"),
        b,
        json!({"target_id": target(&planned, 0)["id"], "measured_on": "2026-01-01", "actual_value": 1}),
    )
    .await
    .expect(422);
}

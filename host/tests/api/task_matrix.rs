//! The task matrix: the guideline's complete catalogue, assigned by the municipality's plugin
//! under its QM model, and the yearly log of what was done per task.

use serde_json::{Value, json};
use uuid::Uuid as Id;

use crate::support::TestApp;

crate::tests![
    without_a_plugin_the_complete_base_matrix_applies,
    the_hessen_plugin_assigns_the_cells_under_the_municipalitys_qm_model,
    every_qm_model_the_host_offers_reaches_the_hessen_plugin_understood,
    a_plugin_answering_no_matrix_leaves_the_base_matrix_with_a_notice,
    the_yearly_log_accepts_only_tasks_of_the_matrix_and_counts_per_task,
    only_signed_in_users_of_the_municipality_read_and_only_staff_write,
    the_coordination_records_who_the_actors_are_and_the_matrix_names_them,
];

/// Every cell of a matrix as (task key, column, cell).
fn cells(matrix: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for group in matrix["groups"].as_array().unwrap() {
        for task in group["tasks"].as_array().unwrap() {
            for (column, cell) in task["cells"].as_object().unwrap() {
                let key = task["key"].as_str().unwrap().to_owned();
                out.push((key, column.clone(), cell.clone()));
            }
        }
    }
    out
}

async fn without_a_plugin_the_complete_base_matrix_applies(app: TestApp) {
    let reply = app
        .get(&app.a.api("/task-matrix"), Some(&app.a.qm))
        .await
        .expect(200);
    let matrix = &reply.json["matrix"];
    assert_eq!(matrix["groups"].as_array().unwrap().len(), 8);
    let all = cells(matrix);
    assert!(all.len() > 100, "{} cells", all.len());
    assert_eq!(reply.json["adapted_by"], Value::Null);
    assert_eq!(reply.json["notice"], Value::Null);
}

async fn the_hessen_plugin_assigns_the_cells_under_the_municipalitys_qm_model(app: TestApp) {
    sqlx::query("UPDATE municipalities SET qm_model = 'tandem' WHERE id = $1")
        .bind(app.a.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.activate_plugin(&app.a, "quartier_plugin_hessen").await;
    let reply = app
        .get(&app.a.api("/task-matrix"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(reply.json["qm_model"], "tandem");
    assert!(reply.json["adapted_by"].is_string(), "{}", reply.text);
    let matrix = &reply.json["matrix"];
    assert_eq!(matrix["qm_model"], "tandem");
    for (task, column, cell) in cells(matrix) {
        let (actor, qm) = match (task.as_str(), column.as_str()) {
            (_, "steuerung") => ("kommune", false),
            (_, "planung") => ("planungsbuero", true),
            _ => ("traeger_stadtteilbuero", true),
        };
        assert_eq!(cell["actor"], actor, "{task} {column}");
        assert_eq!(cell["counts_as_qm"], qm, "{task} {column}");
    }
}

/// One vocabulary: each model key a coordinator can set through the API is a key the Hessian
/// plugin knows — it answers a matrix of that model, not a notice about an unknown one.
async fn every_qm_model_the_host_offers_reaches_the_hessen_plugin_understood(app: TestApp) {
    app.activate_plugin(&app.a, "quartier_plugin_hessen").await;
    let path = app.a.api("");
    let models = [
        "kommune",
        "staedtische_gesellschaft",
        "externe_beauftragte",
        "tandem",
        "tandem_mit_steuerung",
        "ein_traeger",
    ];
    for model in models {
        let etag = app.get(&path, None).await.expect(200).etag();
        app.put(
            &path,
            Some(&app.a.coordinator),
            Some(&etag),
            serde_json::json!({"name": "Stadt Aachen", "qm_model": model}),
        )
        .await
        .expect(200);
        let reply = app
            .get(&app.a.api("/task-matrix"), Some(&app.a.qm))
            .await
            .expect(200);
        assert!(
            reply.json["adapted_by"].is_string(),
            "{model}: {}",
            reply.text
        );
        assert_eq!(reply.json["notice"], Value::Null, "{model}");
        assert_eq!(reply.json["matrix"]["qm_model"], model);
    }
    // Every key the API accepts is in the list above.
    let document = app.get("/api/v1/openapi.json", None).await.expect(200).json;
    let offered = &document["components"]["schemas"]["QmModel"]["enum"];
    assert_eq!(offered, &serde_json::json!(models), "{offered}");
}

async fn a_plugin_answering_no_matrix_leaves_the_base_matrix_with_a_notice(app: TestApp) {
    app.activate_plugin(&app.a, "hostile_not_json").await;
    let reply = app
        .get(&app.a.api("/task-matrix"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(
        reply.json["adapted_by"],
        Value::Null,
        "{}",
        &reply.text[..300]
    );
    assert!(
        reply.json["notice"].as_str().unwrap().contains("ungültig"),
        "{}",
        reply.text
    );
    assert_eq!(reply.json["matrix"]["groups"].as_array().unwrap().len(), 8);
}

async fn the_yearly_log_accepts_only_tasks_of_the_matrix_and_counts_per_task(app: TestApp) {
    let qm = Some(app.a.qm.as_str());
    let log = app.a.api("/task-log");
    for activity in [
        "Stadtteilbüro an vier Tagen geöffnet",
        "Lenkungsrunde im März",
    ] {
        app.post(
            &log,
            qm,
            json!({"year": 2026, "task_key": "management_koordination", "activity": activity}),
        )
        .await
        .expect(201);
    }
    let refused = app
        .post(
            &log,
            qm,
            json!({"year": 2026, "task_key": "erfunden", "activity": "x"}),
        )
        .await
        .expect(422);
    assert_eq!(
        refused.json["errors"][0]["pointer"], "/task_key",
        "{}",
        refused.text
    );
    assert_eq!(refused.json["errors"][0]["code"], "unknown_task");
    app.post(
        &log,
        qm,
        json!({"year": 1800, "task_key": "management_koordination", "activity": " ", "column_key": "x"}),
    )
    .await
    .expect(422);
    let page = app.get(&format!("{log}?year=2026"), qm).await.expect(200);
    assert_eq!(page.json["total"], 2, "{}", page.text);
    let id = page.json["items"][0]["id"].as_str().unwrap().to_owned();
    let with_log = app
        .get(&app.a.api("/task-matrix?year=2026"), qm)
        .await
        .expect(200);
    assert_eq!(with_log.json["logged"]["management_koordination"], 2);
    app.delete(&format!("{log}/{id}"), qm).await.expect(204);
    let after = app.get(&format!("{log}?year=2026"), qm).await.expect(200);
    assert_eq!(after.json["total"], 1);
}

async fn only_signed_in_users_of_the_municipality_read_and_only_staff_write(app: TestApp) {
    let matrix = app.a.api("/task-matrix");
    app.get(&matrix, None).await.expect(401);
    app.get(&matrix, Some(&app.b.qm)).await.expect(403);
    app.get(&matrix, Some(&app.a.member)).await.expect(200);
    let entry = json!({"year": 2026, "task_key": "management_koordination", "activity": "x"});
    app.post(&app.a.api("/task-log"), Some(&app.a.member), entry.clone())
        .await
        .expect(403);
    app.post(&app.a.api("/task-log"), None, entry)
        .await
        .expect(401);
}

async fn the_coordination_records_who_the_actors_are_and_the_matrix_names_them(app: TestApp) {
    let organisation = app
        .post(
            "/api/v1/organisations",
            Some(&app.admin),
            json!({"name": "AWO Kreisverband", "kind": "traeger_wohlfahrtspflege"}),
        )
        .await
        .expect(201);
    let awo = organisation.json["id"].as_str().unwrap().to_owned();
    let actor = app.a.api("/task-matrix/actors/traeger_stadtteilbuero");
    let coordinator = Some(app.a.coordinator.as_str());
    let read = app
        .get(&app.a.api("/task-matrix/actors"), coordinator)
        .await
        .expect(200)
        .etag();
    let read = Some(read.as_str());
    app.put(
        &actor,
        Some(&app.a.qm),
        read,
        json!({"organisation_id": awo}),
    )
    .await
    .expect(403);
    app.put(
        &actor,
        coordinator,
        read,
        json!({"organisation_id": Id::nil().to_string()}),
    )
    .await
    .expect(422);
    app.put(&actor, coordinator, read, json!({}))
        .await
        .expect(422);
    app.put(
        &app.a.api("/task-matrix/actors/Träger"),
        coordinator,
        read,
        json!({"label": "x"}),
    )
    .await
    .expect(422);
    app.put(
        &actor,
        coordinator,
        read,
        json!({"organisation_id": awo, "label": "Stadtteilbüro Ost"}),
    )
    .await
    .expect(204);
    let matrix = app
        .get(&app.a.api("/task-matrix"), Some(&app.a.member))
        .await
        .expect(200);
    let holder = &matrix.json["actors"]["traeger_stadtteilbuero"];
    assert_eq!(
        holder["organisation_name"], "AWO Kreisverband",
        "{}",
        matrix.text
    );
    assert_eq!(holder["label"], "Stadtteilbüro Ost");
    // Another municipality has its own actors.
    let other = app
        .get(&app.b.api("/task-matrix/actors"), Some(&app.b.qm))
        .await
        .expect(200);
    assert_eq!(other.json, json!({}));
    app.delete(&actor, coordinator).await.expect(204);
    app.delete(&actor, coordinator).await.expect(404);
}

//! Projects with targets and measurements, and contracts with their reviews.

use serde_json::json;

use crate::support::TestApp;

async fn project(
    app: &TestApp,
    title: &str,
    field: &str,
    area: &str,
    starts: &str,
    ends: Option<&str>,
) -> crate::support::Reply {
    app.post(
        &app.a.api("/projects"),
        Some(&app.a.qm),
        json!({"title": title,
        "field_of_action": field, "area_id": area, "starts_on": starts, "ends_on": ends}),
    )
    .await
    .expect(201)
}

pub async fn projects(app: &TestApp, nord: &str, sued: &str) {
    let a = &app.a;
    let park = project(
        app,
        "Quartierspark Nord",
        "wohnumfeld",
        nord,
        "2024-03-01",
        Some("2026-12-31"),
    )
    .await;
    let path = a.api(&format!("/projects/{}", park.json["id"].as_str().unwrap()));
    let goals = json!([{"title": "Das Wohnumfeld ist lebenswert", "handlungsziele": [{
        "title": "Mehr Menschen nutzen den Park", "targets": [
            {"indicator": "Besuchende pro Woche", "unit": "Personen", "baseline": 100,
             "target_value": 300, "deadline": "2026-06-30"},
            {"indicator": "Gepflanzte Bäume", "unit": "Bäume", "target_value": 40,
             "deadline": "2026-12-31"}]}]}]);
    let with_goals = app
        .put(
            &format!("{path}/goals"),
            Some(&a.qm),
            Some(&park.etag()),
            goals,
        )
        .await
        .expect(200);
    let visitors = with_goals.json["goals"][0]["handlungsziele"][0]["targets"][0]["id"].clone();
    for (on, value) in [
        ("2025-06-30", 150.0),
        ("2025-10-01", 180.0),
        ("2026-01-15", 250.0),
    ] {
        app.post(
            &format!("{path}/measurements"),
            Some(&a.qm),
            json!({"target_id": visitors, "measured_on": on, "actual_value": value}),
        )
        .await
        .expect(201);
    }
    for state in ["konzept", "umsetzung"] {
        let read = app.get(&path, Some(&a.qm)).await.expect(200);
        app.post_if_match(
            &format!("{path}/transitions"),
            Some(&a.qm),
            Some(&read.etag()),
            json!({"to": state}),
        )
        .await
        .expect(200);
    }
    project(
        app,
        "Sprachcafé",
        "bildung",
        sued,
        "2025-02-01",
        Some("2025-11-30"),
    )
    .await;
    project(
        app,
        "Hausaufgabenhilfe",
        "bildung",
        nord,
        "2022-01-01",
        Some("2024-06-30"),
    )
    .await;
    project(
        app,
        "Zukunftswerkstatt",
        "beteiligung",
        nord,
        "2026-02-01",
        None,
    )
    .await;
}

pub async fn contracts(app: &TestApp, steering: &str) {
    let a = &app.a;
    let parties = json!([{"role": "auftraggeber"}, {"organisation_id": a.member_org, "role": "auftragnehmer"}]);
    let office = app
        .post(
            &a.api("/contracts"),
            Some(&a.qm),
            json!({
        "title": "Kontrakt Stadtteilbüro Nord", "starts_on": "2024-01-01", "ends_on": "2026-12-31",
        "steering_body_id": steering, "parties": parties.clone(), "targets": [
            // Quantitative first: on PostgreSQL a qualitative target (no value) before a
            // quantitative one fails to store (the contracts feature's, not the report's).
            {"kind": "quantitativ", "indicator": "Beratungsgespräche", "unit": "Gespräche",
             "target_value": 200, "deadline": "2025-12-31"},
            {"kind": "qualitativ", "description": "Das Stadtteilbüro ist an drei Tagen geöffnet.",
             "deadline": "2025-12-31"}]}),
        )
        .await
        .expect(201);
    let path = a.api(&format!(
        "/contracts/{}/reviews",
        office.json["id"].as_str().unwrap()
    ));
    let (counsel, open) = (
        &office.json["targets"][0]["id"],
        &office.json["targets"][1]["id"],
    );
    for (on, first, second) in [
        ("2025-03-31", "teilweise_erfuellt", "offen"),
        ("2025-09-30", "erfuellt", "teilweise_erfuellt"),
        ("2026-03-31", "nicht_erfuellt", "erfuellt"),
    ] {
        app.post(
            &path,
            Some(&a.coordinator),
            json!({"reviewed_on": on, "results": [
            {"target_id": open, "status": first}, {"target_id": counsel, "status": second}]}),
        )
        .await
        .expect(201);
    }
    app.post(
        &a.api("/contracts"),
        Some(&a.qm),
        json!({
        "title": "Kontrakt Altbau", "starts_on": "2023-01-01", "ends_on": "2024-12-31",
        "steering_body_id": steering, "parties": parties}),
    )
    .await
    .expect(201);
}

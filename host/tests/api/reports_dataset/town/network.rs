//! Bodies, meetings with agenda and attendance, persons and memberships.

use serde_json::{Value, json};

use super::body;
use crate::funds::id;
use crate::memberships::organisation;
use crate::support::{Tenant, TestApp};

async fn person(app: &TestApp, name: &str) -> String {
    id(app
        .post(
            &app.a.api("/persons"),
            Some(&app.a.qm),
            json!({"name": name}),
        )
        .await)
}

/// A meeting of `body` with its agenda and attendance (`[(person, status)]`).
pub async fn meeting(
    app: &TestApp,
    t: &Tenant,
    body: &str,
    starts_at: &str,
    state: &str,
    agenda: Value,
    attendance: &[(&str, &str)],
) {
    let created = app
        .post(
            &t.api("/meetings"),
            Some(&t.qm),
            json!({"body_id": body, "title": "Sitzung", "starts_at": starts_at, "state": state}),
        )
        .await
        .expect(201);
    let path = t.api(&format!(
        "/meetings/{}",
        created.json["id"].as_str().unwrap()
    ));
    let mut etag = created.etag();
    if agenda.as_array().is_some_and(|items| !items.is_empty()) {
        etag = app
            .put(&format!("{path}/agenda"), Some(&t.qm), Some(&etag), agenda)
            .await
            .expect(200)
            .etag();
    }
    if !attendance.is_empty() {
        let entries: Vec<Value> = attendance
            .iter()
            .map(|(person, status)| json!({"person_id": person, "status": status}))
            .collect();
        app.put(
            &format!("{path}/attendance"),
            Some(&t.qm),
            Some(&etag),
            json!(entries),
        )
        .await
        .expect(200);
    }
}

pub fn resolutions(texts: &[Option<&str>]) -> Value {
    let items: Vec<Value> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| json!({"number": format!("TOP {}", i + 1), "title": "Punkt", "resolution": text}))
        .collect();
    json!(items)
}

async fn member(app: &TestApp, body: &str, input: Value) {
    crate::memberships::add(app, body, input).await.expect(201);
}

/// Bodies, meetings and memberships; answers the steering body (without area).
pub async fn network(app: &TestApp, nord: &str, nord_west: &str, sued: &str) -> String {
    let a = &app.a;
    let k1 = body(
        app,
        a,
        "stadtteilkonferenz",
        "Stadtteilkonferenz Nord",
        Some(nord),
    )
    .await;
    let k2 = body(
        app,
        a,
        "runder_tisch",
        "Runder Tisch Nord-West",
        Some(nord_west),
    )
    .await;
    let k3 = body(
        app,
        a,
        "stadtteilkonferenz",
        "Stadtteilkonferenz Süd",
        Some(sued),
    )
    .await;
    let k4 = body(app, a, "lenkungsgruppe", "Lenkungsgruppe", None).await;
    let (p1, p2, p3) = (
        person(app, "Erika Muster").await,
        person(app, "Max Beispiel").await,
        person(app, "Ida Probe").await,
    );
    let (here, excused, away) = ("anwesend", "entschuldigt", "abwesend");
    let held = "durchgefuehrt";
    let none = json!([]);
    meeting(
        app,
        a,
        &k1,
        "2025-03-10T17:00:00Z",
        held,
        resolutions(&[Some("Beschluss A"), None, Some("   ")]),
        &[(&p1, here), (&p2, here), (&p3, excused)],
    )
    .await;
    meeting(
        app,
        a,
        &k1,
        "2025-12-31T23:30:00Z",
        held,
        resolutions(&[Some("Beschluss B")]),
        &[(&p1, away), (&p2, here)],
    )
    .await;
    meeting(
        app,
        a,
        &k1,
        "2026-01-01T00:30:00Z",
        held,
        resolutions(&[Some("Beschluss C")]),
        &[(&p1, here)],
    )
    .await;
    meeting(
        app,
        a,
        &k1,
        "2025-09-09T17:00:00Z",
        "geplant",
        none.clone(),
        &[],
    )
    .await;
    meeting(app, a, &k1, "2024-12-31T23:59:00Z", held, none.clone(), &[]).await;
    meeting(
        app,
        a,
        &k2,
        "2025-05-05T17:00:00Z",
        held,
        none.clone(),
        &[(&p1, here)],
    )
    .await;
    meeting(
        app,
        a,
        &k2,
        "2025-06-01T17:00:00Z",
        "abgesagt",
        none.clone(),
        &[],
    )
    .await;
    meeting(
        app,
        a,
        &k3,
        "2025-04-04T17:00:00Z",
        held,
        resolutions(&[Some("Beschluss D")]),
        &[(&p1, here), (&p2, here), (&p3, here)],
    )
    .await;

    let o1 = organisation(app, "Bürgerverein Nord").await;
    let o2 = organisation(app, "Sportverein Nord").await;
    let o3 = organisation(app, "Kita Sonnenschein").await;
    let o4 = organisation(app, "Nachbarschaftsinitiative").await;
    member(
        app,
        &k1,
        json!({"organisation_id": o1, "starts_on": "2024-01-01"}),
    )
    .await;
    member(
        app,
        &k1,
        json!({"organisation_id": a.member_org, "starts_on": "2025-02-01"}),
    )
    .await;
    member(app, &k1, json!({"person_id": p1})).await;
    member(app, &k2, json!({"organisation_id": o1})).await;
    member(
        app,
        &k2,
        json!({"organisation_id": o2, "starts_on": "2024-06-01", "ends_on": "2025-06-30"}),
    )
    .await;
    member(
        app,
        &k2,
        json!({"organisation_id": o4, "starts_on": "2025-03-01"}),
    )
    .await;
    member(
        app,
        &k3,
        json!({"organisation_id": o3, "starts_on": "2026-02-01"}),
    )
    .await;
    member(
        app,
        &k3,
        json!({"person_id": p2, "starts_on": "2025-01-01"}),
    )
    .await;
    k4
}

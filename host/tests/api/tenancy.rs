//! Tenant isolation: for every route that takes an id, an object of another municipality
//! answers exactly like a missing one, whatever the method, and is left untouched.

use std::collections::HashMap;

use reqwest::Method;
use serde_json::{Value, json};

use crate::ops::ROUTES;
use crate::support::{Reply, TestApp};

crate::tests![
    every_route_with_an_id_answers_404_for_another_municipalitys_object,
    through_our_path_another_municipalitys_users_see_none_of_our_non_public_objects,
];

/// Municipality A's objects, one of each kind that routes take an id of.
struct Objects {
    ids: HashMap<&'static str, String>,
    person: String,
    organisation: String,
}

async fn arrange(app: &TestApp) -> Objects {
    let (a, token) = (&app.a, Some(app.a.coordinator.as_str()));
    let id = |r: Reply| r.expect(201).json["id"].as_str().unwrap().to_owned();
    let area = id(app
        .post(
            &a.api("/areas"),
            token,
            json!({"kind": "sozialraum", "name": "Aachen-Ost"}),
        )
        .await);
    let person = id(app
        .post(
            &a.api("/persons"),
            token,
            json!({"name": "Erika Muster", "email": "erika@example.org"}),
        )
        .await);
    let body = id(app
        .post(
            &a.api("/bodies"),
            token,
            json!({"kind": "lenkungsgruppe", "name": "Lenkungsgruppe", "public": false}),
        )
        .await);
    let membership = id(app
        .post(
            &a.api(&format!("/bodies/{body}/memberships")),
            token,
            json!({"organisation_id": a.member_org, "role": "mitglied"}),
        )
        .await);
    let organisation = id(app
        .post(
            "/api/v1/organisations",
            Some(&app.admin),
            json!({"name": "Caritas Aachen", "kind": "traeger_wohlfahrtspflege"}),
        )
        .await);
    let join_request = id(app
        .post(
            &a.api(&format!("/bodies/{body}/join-requests")),
            token,
            json!({"organisation_id": organisation}),
        )
        .await);
    let meeting = id(app
        .post(
            &a.api("/meetings"),
            token,
            json!({"body_id": body, "title": "Sitzung", "starts_at": "2030-01-15T17:00:00Z"}),
        )
        .await);
    let plugin = id(app
        .send(
            Method::POST,
            &a.api("/plugins"),
            token,
            &[("content-type", "application/wasm")],
            Some(
                quartier_plugin_components::get("quartier_sample_plugin")
                    .unwrap()
                    .to_vec(),
            ),
        )
        .await);
    let task_log = id(app
        .post(
            &a.api("/task-log"),
            token,
            json!({"year": 2026, "task_key": "management_koordination", "activity": "Lenkungsrunde vorbereitet"}),
        )
        .await);
    let concern = id(app
        .post(
            &a.api("/concerns"),
            token,
            json!({"category": "wilder_muell", "text": "Sperrmüll an der Ecke Lindenstraße.",
                   "reporter": {"email": "petra@example.org", "may_contact": true}}),
        )
        .await);
    let fund = id(app
        .post(
            &a.api("/funds"),
            token,
            json!({"kind": "verfuegungsfonds", "name": "Verfügungsfonds", "year": 2027,
                   "budget_cents": 100_000}),
        )
        .await);
    let fund_application = id(app
        .post(
            &a.api(&format!("/funds/{fund}/applications")),
            token,
            crate::funds::form("Hoffest", 10_000),
        )
        .await);
    let project = id(app
        .post(
            &a.api("/projects"),
            token,
            json!({"title": "Quartierspark", "field_of_action": "wohnumfeld"}),
        )
        .await);
    let contract = id(app
        .post(
            &a.api("/contracts"),
            token,
            json!({"title": "Kontrakt 2026", "starts_on": "2026-01-01", "steering_body_id": body,
                   "parties": [{"role": "auftraggeber"}]}),
        )
        .await);
    let publication = id(app
        .post(
            &a.api("/reports/jahresbericht/publications?year=2025"),
            token,
            Value::Null,
        )
        .await);
    let self_evaluation = id(app
        .post(
            &a.api("/self-evaluations"),
            token,
            json!({"answers": {"year": 2025, "summary": "Gut verankert."}}),
        )
        .await);
    let shared_item = shared_item(app).await;
    let ids = HashMap::from([
        ("items", shared_item),
        ("self-evaluations", self_evaluation),
        ("report-publications", publication),
        ("projects", project),
        ("contracts", contract),
        ("funds", fund),
        ("fund-applications", fund_application),
        ("concerns", concern),
        ("task-log", task_log),
        ("areas", area),
        ("plugins", plugin),
        ("persons", person.clone()),
        ("bodies", body),
        ("memberships", membership),
        ("join-requests", join_request),
        ("meetings", meeting),
    ]);
    Objects {
        ids,
        person,
        organisation,
    }
}

/// A shared item of A's, written as its coordination's release would be (the test's host is
/// enrolled at no centre, so the API would refuse to release one).
async fn shared_item(app: &TestApp) -> String {
    let id = quartier::db::Id::new();
    let now = quartier::db::Timestamp::now();
    sqlx::query(
        "INSERT INTO shared_items (id, municipality_id, kind, title, summary, revision,
             released_at)
         VALUES ($1, $2, 'dossier', 'Gärten', 'Wie drei Gärten entstanden.', 1, $3)",
    )
    .bind(id)
    .bind(app.a.id)
    .bind(now)
    .execute(&app.db.pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO federation_item_outbox (item_id, revision, message, state, created_at)
         VALUES ($1, 1, '{}', 'pending', $2)",
    )
    .bind(id)
    .bind(now)
    .execute(&app.db.pool)
    .await
    .unwrap();
    id.0.to_string()
}

/// A valid request body for each route, so that only tenancy can refuse it.
fn payload(method: &str, path: &str, objects: &Objects) -> Option<Value> {
    let body = match (method, path.rsplit('/').next().unwrap_or_default()) {
        ("delete" | "get", _) => return None,
        (_, "erasure" | "activation" | "withdraw" | "attachment") => json!({}),
        (_, "decision") => json!({"approve": true}),
        (_, "transitions") if path.contains("/projects/") => json!({"to": "konzept"}),
        (_, "goals") => json!([]),
        (_, "measurements") => {
            json!({"target_id": objects.person, "measured_on": "2026-01-01", "actual_value": 1})
        }
        (_, "reviews") => json!({"reviewed_on": "2026-01-01", "results": []}),
        _ if path.contains("/projects/") => json!({"title": "X", "field_of_action": "wohnumfeld"}),
        _ if path.contains("/contracts/") => json!({"title": "X", "starts_on": "2026-01-01",
            "steering_body_id": objects.person, "parties": [{"role": "auftraggeber"}]}),
        (_, "transitions") if path.contains("/fund-applications/") => {
            json!({"to": "in_pruefung"})
        }
        (_, "applications") if path.contains("/funds/") => crate::funds::form("Hoffest", 10_000),
        _ if path.contains("/funds/") => {
            json!({"kind": "verfuegungsfonds", "name": "X", "year": 2027, "budget_cents": 1})
        }
        (_, "transitions") => json!({"to": "weitergeleitet", "department": "Stadtbetrieb"}),
        (_, "recheck") => json!({}),
        (_, "agenda") => json!([{"number": "1", "title": "Begrüßung"}]),
        (_, "attendance") => json!([{"person_id": objects.person, "status": "anwesend"}]),
        (_, "memberships") => json!({"organisation_id": objects.organisation}),
        (_, "join-requests") => json!({"organisation_id": objects.organisation}),
        _ if path.contains("/areas/") => json!({"kind": "sozialraum", "name": "X"}),
        _ if path.contains("/persons/") => json!({"name": "X"}),
        _ if path.contains("/bodies/") => json!({"kind": "runder_tisch", "name": "X"}),
        _ if path.contains("/memberships/") => json!({"organisation_id": objects.organisation}),
        _ if path.contains("/meetings/") => {
            json!({"title": "X", "starts_at": "2030-01-01T10:00:00Z", "state": "geplant"})
        }
        _ => panic!("no payload for {method} {path}"),
    };
    Some(body)
}

/// Routes of municipal objects that take an id, with the collection the id belongs to.
fn id_routes() -> Vec<(&'static str, &'static str, &'static str)> {
    ROUTES
        .iter()
        .filter(|(_, path)| path.contains("{id}") && path.starts_with("/api/v1/municipalities/"))
        // The centre's catalogue lists other sites' items, which belong to no municipality
        // of this host.
        .filter(|(_, path)| !path.contains("/exchange/catalogue/"))
        .map(|(method, path)| {
            let collection = path
                .split("/{id}")
                .next()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap();
            (*method, *path, collection)
        })
        .collect()
}

async fn call(app: &TestApp, method: &str, path: &str, token: &str, body: Option<&Value>) -> Reply {
    let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    let bytes = body.map(|b| serde_json::to_vec(b).unwrap());
    let headers = [("content-type", "application/json"), ("if-match", "\"1\"")];
    app.send(method, path, Some(token), &headers, bytes).await
}

async fn assert_like_missing(
    app: &TestApp,
    slug: &str,
    token: &str,
    objects: &Objects,
    skip: &[&str],
) {
    let routes = id_routes();
    assert!(routes.len() >= 26, "all id routes are covered: {routes:?}");
    for (method, template, collection) in routes {
        if skip.contains(&collection) {
            continue;
        }
        let body = payload(method, template, objects);
        let concrete = |id: &str| template.replace("{municipality}", slug).replace("{id}", id);
        let foreign = call(
            app,
            method,
            &concrete(&objects.ids[collection]),
            token,
            body.as_ref(),
        )
        .await;
        let missing = call(
            app,
            method,
            &concrete(&uuid::Uuid::now_v7().to_string()),
            token,
            body.as_ref(),
        )
        .await;
        assert_eq!(
            foreign.status, 404,
            "{method} {template} on another municipality's object: {}",
            foreign.text
        );
        assert_eq!(
            foreign.text, missing.text,
            "{method} {template}: foreign and missing look the same"
        );
    }
}

async fn assert_untouched(app: &TestApp, objects: &Objects) {
    let plugin = app
        .get(
            &app.a.api(&format!("/plugins/{}", objects.ids["plugins"])),
            Some(&app.a.coordinator),
        )
        .await
        .expect(200);
    assert_eq!(plugin.json["active"], false, "the plugin was not activated");
    for (collection, id) in &objects.ids {
        // Plugin versions are immutable and carry no version tag; see above.
        if *collection == "plugins" {
            continue;
        }
        // A shared item has no API read of its own; its revision tells a change.
        if *collection == "items" {
            let revision: i64 =
                sqlx::query_scalar("SELECT revision FROM shared_items WHERE id = $1")
                    .bind(id)
                    .fetch_one(&app.db.pool)
                    .await
                    .unwrap();
            assert_eq!(revision, 1, "the shared item was not changed");
            continue;
        }
        // A publication has no API read; its public page must still be there.
        if *collection == "report-publications" {
            let page = format!("/kommunen/{}/berichte/{id}", app.a.slug);
            app.get(&page, None).await.expect(200);
            continue;
        }
        let reply = app
            .get(
                &app.a.api(&format!("/{collection}/{id}")),
                Some(&app.a.coordinator),
            )
            .await;
        let reply = reply.expect(200);
        assert_eq!(reply.etag(), "\"1\"", "{collection} {id} was not changed");
    }
    let person = app
        .get(
            &app.a.api(&format!("/persons/{}", objects.person)),
            Some(&app.a.coordinator),
        )
        .await;
    assert_eq!(
        person.json["email"], "erika@example.org",
        "the person was not erased"
    );
}

async fn every_route_with_an_id_answers_404_for_another_municipalitys_object(app: TestApp) {
    let objects = arrange(&app).await;
    assert_like_missing(&app, &app.b.slug, &app.b.coordinator, &objects, &[]).await;
    assert_untouched(&app, &objects).await;
}

async fn through_our_path_another_municipalitys_users_see_none_of_our_non_public_objects(
    app: TestApp,
) {
    let objects = arrange(&app).await;
    // Areas are public reference data (like street names): readable by everyone, but
    // another municipality's coordinator may not change them.
    // Published reports are public too: another municipality's coordinator sees them and may
    // not withdraw them.
    assert_like_missing(
        &app,
        &app.a.slug,
        &app.b.coordinator,
        &objects,
        &["areas", "report-publications"],
    )
    .await;
    let publication = app.a.api(&format!(
        "/report-publications/{}",
        objects.ids["report-publications"]
    ));
    let refused = call(&app, "delete", &publication, &app.b.coordinator, None).await;
    assert_eq!(refused.status, 403, "{}", refused.text);
    let area = app.a.api(&format!("/areas/{}", objects.ids["areas"]));
    app.get(&area, Some(&app.b.coordinator)).await.expect(200);
    let refused = call(
        &app,
        "put",
        &area,
        &app.b.coordinator,
        Some(&json!({"kind": "sozialraum", "name": "X"})),
    )
    .await;
    assert_eq!(refused.status, 403, "{}", refused.text);
    assert_untouched(&app, &objects).await;
}

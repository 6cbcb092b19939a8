//! Open311 GeoReport v2 for concerns: services from the municipality's categories and
//! form, requests posted by apps (with a key) and by anyone (under the public form's limits),
//! what each caller may read of a request, and precise refusals. Every JSON document is
//! validated against the reference schemas (`../shared/reference/open311-georeport-v2/`
//! beside the repository). Real Open311 clients are in `open311_clients`.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::concerns::step;
use crate::support::{Reply, TestApp};

crate::tests![
    services_and_their_definition_follow_the_municipalitys_plugin,
    an_app_posts_a_concern_and_alone_reads_the_released_feedback,
    requests_show_nothing_about_the_person_and_filter_as_specified,
    anonymous_posts_follow_the_public_forms_limit_and_honeypot_apps_their_own,
    hostile_requests_get_precise_open311_errors,
];

fn schema(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/reference/open311-georeport-v2")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Validates `document` against the reference schema `name` (draft 4, formats checked).
#[track_caller]
pub fn validate(document: &Value, name: &str) {
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema(name))
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{document:#}");
}

/// Validates a list document item by item (the list schemas reach their items by a
/// relative `$ref`) and answers its items.
#[track_caller]
fn validate_list<'d>(document: &'d Value, item: &str) -> &'d Vec<Value> {
    let items = document
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {document}"));
    for entry in items {
        validate(entry, item);
    }
    items
}

/// `/open311/v2/{slug}/{rest}`
pub fn endpoint(slug: &str, rest: &str) -> String {
    format!("/open311/v2/{slug}/{rest}")
}

/// A form-encoded POST of Open311 parameters.
pub async fn post_form(app: &TestApp, path: &str, parameters: &[(&str, &str)]) -> Reply {
    let body = serde_urlencoded::to_string(parameters).unwrap();
    app.send(
        reqwest::Method::POST,
        path,
        None,
        &[("content-type", "application/x-www-form-urlencoded")],
        Some(body.into_bytes()),
    )
    .await
}

/// A key for an app of municipality A.
pub async fn app_key(app: &TestApp, name: &str) -> String {
    quartier::open311::issue_key(&app.db, app.a.id, name)
        .await
        .unwrap()
        .key
}

const TEXT: &str =
    "Seit Tagen liegt Sperrmüll neben dem Spielplatz, meine Tochter hat sich verletzt.";

async fn post_concern(app: &TestApp, key: Option<&str>, extra: &[(&str, &str)]) -> Reply {
    let mut parameters = vec![
        ("service_code", "wilder_muell"),
        ("description", TEXT),
        ("lat", "50.7771"),
        ("long", "6.0912"),
        ("address_string", "Lindenstraße 12"),
        ("email", "petra@example.org"),
        ("first_name", "Petra"),
    ];
    if let Some(key) = key {
        parameters.push(("api_key", key));
    }
    parameters.extend_from_slice(extra);
    post_form(app, &endpoint("aachen", "requests.json"), &parameters).await
}

async fn concern_id(app: &TestApp, reference: &str) -> String {
    let id: String = sqlx::query_scalar("SELECT id FROM concerns WHERE reference = $1")
        .bind(reference)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    id
}

async fn services_and_their_definition_follow_the_municipalitys_plugin(app: TestApp) {
    // Without a plugin: the host's categories; the base form's area is the one attribute.
    let services = app
        .get(&endpoint("aachen", "services.json"), None)
        .await
        .expect(200);
    let list = validate_list(&services.json, "service");
    assert_eq!(list.len(), 7, "{}", services.text);
    assert!(
        list.iter()
            .all(|s| s["metadata"] == true && s["type"] == "realtime")
    );
    let definition = app
        .get(&endpoint("aachen", "services/wilder_muell.json"), None)
        .await
        .expect(200);
    validate(&definition.json, "service-definition");
    let codes: Vec<&str> = definition.json["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["area"], "{}", definition.text);

    // With Aachen's plugin: its catalogue, and its Sozialraum and Lebensraum fields.
    app.activate_plugin(&app.a, "quartier_plugin_aachen").await;
    let services = app
        .get(&endpoint("aachen", "services.json"), None)
        .await
        .expect(200);
    let list = validate_list(&services.json, "service");
    let aachen = app
        .get(&app.a.api("/concern-categories"), None)
        .await
        .expect(200);
    let expected: Vec<(&Value, &Value)> = aachen
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (&c["key"], &c["label"]))
        .collect();
    let listed: Vec<(&Value, &Value)> = list
        .iter()
        .map(|s| (&s["service_code"], &s["service_name"]))
        .collect();
    assert_eq!(listed, expected);
    let definition = app
        .get(&endpoint("aachen", "services/wilder_muell.json"), None)
        .await
        .expect(200);
    validate(&definition.json, "service-definition");
    let attributes = definition.json["attributes"].as_array().unwrap();
    for code in ["sozialraum", "lebensraum"] {
        let attribute = attributes
            .iter()
            .find(|a| a["code"] == code)
            .unwrap_or_else(|| panic!("{code} missing: {}", definition.text));
        assert_eq!(attribute["datatype"], "string");
        assert!(attribute["description"].as_str().unwrap().contains("raum"));
    }
    // Orders count from 1 without gaps.
    let orders: Vec<i64> = attributes
        .iter()
        .map(|a| a["order"].as_i64().unwrap())
        .collect();
    assert_eq!(orders, (1..=attributes.len() as i64).collect::<Vec<_>>());

    // The same documents in XML.
    let xml = app
        .get(&endpoint("aachen", "services.xml"), None)
        .await
        .expect(200);
    assert!(
        xml.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/xml")
    );
    assert!(
        xml.text
            .starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?><services><service>")
    );
    assert!(
        xml.text
            .contains("<service_code>wilder_muell</service_code>"),
        "{}",
        xml.text
    );
    let xml = app
        .get(&endpoint("aachen", "services/wilder_muell.xml"), None)
        .await
        .expect(200);
    assert!(
        xml.text.contains("<attributes><attribute><code>"),
        "{}",
        xml.text
    );
    assert!(
        xml.text.contains("<variable>true</variable>"),
        "{}",
        xml.text
    );

    // Discovery names this endpoint.
    let discovery = app
        .get(&endpoint("aachen", "discovery.json"), None)
        .await
        .expect(200);
    assert_eq!(
        discovery.json["endpoints"][0]["url"],
        format!("{}/open311/v2/aachen", app.base)
    );
    assert_eq!(
        discovery.json["endpoints"][0]["specification"],
        "http://wiki.open311.org/GeoReport_v2"
    );
}

async fn an_app_posts_a_concern_and_alone_reads_the_released_feedback(app: TestApp) {
    app.activate_plugin(&app.a, "quartier_plugin_aachen").await;
    let key = app_key(&app, "Mängelmelder Aachen").await;
    let other_key = app_key(&app, "Andere App").await;
    let posted = post_concern(&app, Some(&key), &[]).await.expect(200);
    let receipt = &posted.json[0];
    let reference = receipt["service_request_id"].as_str().unwrap().to_owned();
    assert!(reference.starts_with("AN-"), "{}", posted.text);
    // The private status link comes with the notice, and it works.
    let notice = receipt["service_notice"].as_str().unwrap();
    let link = notice
        .split_whitespace()
        .find(|w| w.starts_with("http"))
        .unwrap_or_else(|| panic!("no link in {notice}"));
    let path = link.strip_prefix(&app.base).unwrap();
    assert!(path.starts_with("/status/anliegen/"), "{path}");
    let status_page = app.get(path, None).await.expect(200);
    assert!(status_page.text.contains(&reference));

    // Stored as a public concern, routed by the plugin, with the location and without the
    // contact Open311 carried (no consent was asked).
    let id = concern_id(&app, &reference).await;
    let stored = app
        .get(&app.a.api(&format!("/concerns/{id}")), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(stored.json["source"], "oeffentlich");
    assert_eq!(stored.json["form_data"]["text"], TEXT);
    assert_eq!(stored.json["form_data"]["location"]["lat"], 50.7771);
    assert_eq!(stored.json["has_contact"], false, "{}", stored.text);
    assert!(!stored.text.contains("petra@example.org"));

    let one = |key: Option<String>| {
        let app = app.clone();
        let reference = reference.clone();
        async move {
            let query = key.map(|k| format!("?api_key={k}")).unwrap_or_default();
            let reply = app
                .get(
                    &endpoint("aachen", &format!("requests/{reference}.json{query}")),
                    None,
                )
                .await
                .expect(200);
            let list = validate_list(&reply.json, "request");
            assert_eq!(list.len(), 1);
            list[0].clone()
        }
    };
    let seen = one(None).await;
    assert_eq!(seen["status"], "open");
    assert_eq!(seen["service_code"], "wilder_muell");
    assert!(
        seen["status_notes"]
            .as_str()
            .unwrap()
            .starts_with("Eingegangen")
    );

    // Staff forward it, the department answers, the QM releases the answer.
    let qm = app.a.qm.clone();
    let feedback = "Der Stadtbetrieb räumt die Stelle am Donnerstag.";
    step(&app, &qm, &id, json!({"to": "weitergeleitet"}))
        .await
        .expect(200);
    step(
        &app,
        &qm,
        &id,
        json!({"to": "rueckmeldung_erhalten", "feedback": feedback}),
    )
    .await
    .expect(200);
    let unreleased = one(Some(key.clone())).await;
    assert_ne!(unreleased["status_notes"], feedback, "not released yet");
    step(
        &app,
        &qm,
        &id,
        json!({"to": "zurueckgemeldet", "channel": "statusseite"}),
    )
    .await
    .expect(200);

    let by_app = one(Some(key.clone())).await;
    assert_eq!(by_app["status_notes"], feedback);
    assert_eq!(
        by_app["agency_responsible"],
        stored.json["proposal"]["department"]
    );
    let by_anyone = one(None).await;
    assert_ne!(by_anyone["status_notes"], feedback);
    let by_other_app = one(Some(other_key)).await;
    assert_ne!(by_other_app["status_notes"], feedback);

    // Closed is closed; a revoked key is refused like an unknown one.
    step(&app, &qm, &id, json!({"to": "geschlossen"}))
        .await
        .expect(200);
    assert_eq!(one(None).await["status"], "closed");
    let keys = quartier::open311::list_keys(&app.db, app.a.id)
        .await
        .unwrap();
    quartier::open311::revoke_key(&app.db, app.a.id, keys[0].id)
        .await
        .unwrap();
    let refused = app
        .get(
            &endpoint(
                "aachen",
                &format!("requests/{reference}.json?api_key={key}"),
            ),
            None,
        )
        .await
        .expect(401);
    assert_eq!(refused.json[0]["code"], 401);
    post_concern(&app, Some(&key), &[]).await.expect(401);
}

async fn requests_show_nothing_about_the_person_and_filter_as_specified(app: TestApp) {
    let posted = post_concern(&app, None, &[("attribute[area]", "<Ost & Rothe Erde>")])
        .await
        .expect(200);
    let reference = posted.json[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let spielplatz = post_form(
        &app,
        &endpoint("aachen", "requests.json"),
        &[
            ("service_code", "spielplatz"),
            (
                "description",
                "Die Schaukel am Spielplatz Birkenweg ist kaputt.",
            ),
        ],
    )
    .await
    .expect(200);
    // Entered by staff from a consultation hour: never posted publicly, never listed.
    crate::concerns::staff_concern(&app, crate::concerns::wilder_muell()).await;

    let all = app
        .get(&endpoint("aachen", "requests.json"), None)
        .await
        .expect(200);
    let list = validate_list(&all.json, "request");
    assert_eq!(list.len(), 2, "{}", all.text);
    for forbidden in [TEXT, "Lindenstraße", "50.7771", "petra", "Schaukel"] {
        assert!(!all.text.contains(forbidden), "{forbidden} in {}", all.text);
    }
    let mine = list
        .iter()
        .find(|r| r["service_request_id"] == reference.as_str())
        .unwrap();
    assert_eq!(mine["description"], Value::Null);
    assert_eq!(mine["lat"], Value::Null);
    assert_eq!(mine["address"], "<Ost & Rothe Erde>");

    let filtered = |query: &str| {
        let app = app.clone();
        let query = query.to_owned();
        async move {
            let reply = app
                .get(&endpoint("aachen", &format!("requests.json?{query}")), None)
                .await
                .expect(200);
            validate_list(&reply.json, "request")
                .iter()
                .map(|r| r["service_code"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(filtered("service_code=spielplatz").await, ["spielplatz"]);
    assert_eq!(
        filtered("service_code=spielplatz,wilder_muell").await.len(),
        2
    );
    assert_eq!(filtered("status=closed").await.len(), 0);
    assert_eq!(filtered("status=open").await.len(), 2);
    assert_eq!(
        filtered("start_date=2020-01-01T00:00:00Z&end_date=2020-03-01T00:00:00Z")
            .await
            .len(),
        0
    );
    let other = spielplatz.json[0]["service_request_id"].as_str().unwrap();
    // Ids override every other filter.
    assert_eq!(
        filtered(&format!(
            "service_request_id={other}&service_code=wilder_muell"
        ))
        .await,
        ["spielplatz"]
    );

    // XML: markup in stored text is escaped.
    let xml = app
        .get(&endpoint("aachen", "requests.xml"), None)
        .await
        .expect(200);
    assert!(
        xml.text
            .starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?><service_requests><request>")
    );
    assert!(
        xml.text
            .contains("<address>&lt;Ost &amp; Rothe Erde&gt;</address>"),
        "{}",
        xml.text
    );
}

async fn anonymous_posts_follow_the_public_forms_limit_and_honeypot_apps_their_own(app: TestApp) {
    // The honeypot, filled in, refuses the post and stores nothing.
    let trapped = post_concern(&app, None, &[("website", "http://spam.example")])
        .await
        .expect(400);
    assert_eq!(trapped.json[0]["code"], 400);
    // Ten posts per address and window, as the web form (the one above counted).
    for _ in 0..9 {
        post_concern(&app, None, &[]).await.expect(200);
    }
    let limited = post_concern(&app, None, &[]).await.expect(429);
    assert!(limited.headers.contains_key("retry-after"));
    assert_eq!(limited.json[0]["code"], 429);
    // An app with its key posts from the same address under its own limit.
    let key = app_key(&app, "Mängelmelder").await;
    post_concern(&app, Some(&key), &[]).await.expect(200);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM concerns")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, 10, "9 anonymous and 1 by the app");
}

async fn hostile_requests_get_precise_open311_errors(app: TestApp) {
    let key = app_key(&app, "Mängelmelder").await;
    let b_reference = post_form(
        &app,
        &endpoint("berlin", "requests.json"),
        &[
            ("service_code", "wilder_muell"),
            ("description", "Müll am Kanal, seit Wochen."),
        ],
    )
    .await
    .expect(200)
    .json[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let expect = |path: String, status: u16| {
        let app = app.clone();
        async move {
            let reply = app.get(&path, None).await.expect(status);
            assert_eq!(reply.json[0]["code"], status, "{path}: {}", reply.text);
            assert!(
                reply.json[0]["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty())
            );
            reply
        }
    };
    // Another municipality's request looks exactly like a missing one.
    let foreign = expect(
        endpoint("aachen", &format!("requests/{b_reference}.json")),
        404,
    )
    .await;
    let missing = expect(endpoint("aachen", "requests/AN-2222-2222.json"), 404).await;
    assert_eq!(foreign.text, missing.text);
    expect(endpoint("gibtsnicht", "services.json"), 404).await;
    expect(
        endpoint("aachen", "services.json?jurisdiction_id=berlin"),
        404,
    )
    .await;
    expect(endpoint("aachen", "services/gibtsnicht.json"), 404).await;
    let xml = app
        .get(&endpoint("aachen", "services/gibtsnicht.xml"), None)
        .await
        .expect(404);
    assert!(
        xml.text
            .contains("<errors><error><code>404</code><description>"),
        "{}",
        xml.text
    );
    app.get(&endpoint("aachen", "services.html"), None)
        .await
        .expect(404);
    expect(endpoint("aachen", "requests.json?status=pending"), 400).await;
    expect(endpoint("aachen", "requests.json?start_date=gestern"), 400).await;
    expect(
        endpoint(
            "aachen",
            "requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
        ),
        400,
    )
    .await;
    // A key of another municipality is no key here.
    let b_key = quartier::open311::issue_key(&app.db, app.b.id, "Berliner App")
        .await
        .unwrap()
        .key;
    expect(
        endpoint("aachen", &format!("requests.json?api_key={b_key}")),
        401,
    )
    .await;

    let post = |parameters: Vec<(&'static str, String)>, status: u16| {
        let app = app.clone();
        async move {
            let pairs: Vec<(&str, &str)> =
                parameters.iter().map(|(n, v)| (*n, v.as_str())).collect();
            let reply = post_form(&app, &endpoint("aachen", "requests.json"), &pairs)
                .await
                .expect(status);
            assert_eq!(reply.json[0]["code"], status, "{}", reply.text);
            reply.json[0]["description"].as_str().unwrap().to_owned()
        }
    };
    let k = || ("api_key", key.clone());
    let text = || {
        (
            "description",
            "Die Laterne im Birkenweg ist seit Tagen aus.".to_owned(),
        )
    };
    post(vec![k(), text()], 400).await;
    post(
        vec![k(), ("service_code", "gibtsnicht".into()), text()],
        400,
    )
    .await;
    post(vec![k(), ("service_code", "verkehr".into())], 400).await;
    post(
        vec![
            k(),
            ("service_code", "verkehr".into()),
            text(),
            ("lat", "Norden".into()),
        ],
        400,
    )
    .await;
    post(
        vec![k(), ("service_code", "verkehr".into()), text(), text()],
        400,
    )
    .await;
    post(
        vec![
            k(),
            ("service_code", "verkehr".into()),
            text(),
            ("attribute[passwort]", "x".into()),
        ],
        400,
    )
    .await;
    // Out of range and too short: the form's own check, named by the Open311 parameter.
    let far = post(
        vec![
            k(),
            ("service_code", "verkehr".into()),
            text(),
            ("lat", "123".into()),
            ("long", "6".into()),
        ],
        400,
    )
    .await;
    assert!(far.starts_with("lat:"), "{far}");
    let short = post(
        vec![
            k(),
            ("service_code", "verkehr".into()),
            ("description", "kurz".into()),
        ],
        400,
    )
    .await;
    assert!(short.starts_with("description:"), "{short}");
    // Not a form: refused before anything is read.
    let json_body = app
        .post(
            &endpoint("aachen", "requests.json"),
            None,
            json!({"service_code": "verkehr"}),
        )
        .await
        .expect(415);
    assert_eq!(json_body.json[0]["code"], 415);
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM concerns WHERE municipality_id = $1")
            .bind(app.a.id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(stored, 0, "no refused post is stored");
}

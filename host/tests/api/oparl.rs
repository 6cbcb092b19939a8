//! The OParl 1.1 interface: every object it returns is validated against the reference
//! schemas (`../shared/reference/oparl-1.1/schema/` beside the repository), embedded
//! objects against their own class's schema; hidden, unlisted and foreign objects are
//! neither listed nor found; pagination links walk the whole list. Locations and files,
//! built on the same helpers, are in `oparl_files.rs`.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::support::{Reply, TestApp};

crate::tests![
    oparl_shows_the_public_network_and_every_object_matches_the_schema,
    private_bodies_unlisted_persons_and_hidden_items_are_neither_listed_nor_found,
    pagination_links_walk_the_whole_list,
];

fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/oparl-1.1/schema")
}

fn schema(class: &str) -> Value {
    let path = schema_dir().join(format!("{class}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Validates `object` against the schema of `class` (draft 4, formats checked, OParl's
/// `url` format as an absolute http(s) URL), then every embedded object against the schema
/// its property names with OParl's `schema` hint (`"schema": "AgendaItem.json"`): the
/// schemas link each other by that hint, not by `$ref`.
#[track_caller]
pub fn validate(object: &Value, class: &str) {
    let schema = schema(class);
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .with_format("url", |s: &str| {
            (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(' ')
        })
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(object)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{class}: {errors:?}\n{object:#}");
    assert!(
        !validator.is_valid(&json!({"id": "relative/path", "type": "falsch"})),
        "the {class} schema must reject a relative id and a wrong type"
    );
    for (name, property) in schema["properties"].as_object().unwrap() {
        let Some(value) = object.get(name) else {
            continue;
        };
        let embedded = |hint: &Value| {
            hint.as_str()
                .map(|s| s.trim_end_matches(".json").to_owned())
        };
        if property["type"] == "object"
            && let Some(inner) = embedded(&property["schema"])
        {
            validate(value, &inner);
        }
        if property["type"] == "array"
            && property["items"]["type"] == "object"
            && let Some(inner) = embedded(&property["items"]["schema"])
        {
            for item in value.as_array().unwrap() {
                validate(item, &inner);
            }
        }
    }
}

/// The path of one of our absolute URLs.
pub fn path(app: &TestApp, url: &Value) -> String {
    let url = url.as_str().unwrap_or_else(|| panic!("not a URL: {url}"));
    url.strip_prefix(&app.base)
        .unwrap_or_else(|| panic!("{url} is not on {}", app.base))
        .to_owned()
}

/// GETs an OParl URL anonymously, asserting status and the JSON content type.
pub async fn oparl(app: &TestApp, url: &str, status: u16) -> Reply {
    let reply = app.get(url, None).await.expect(status);
    let content_type = reply.headers["content-type"].to_str().unwrap();
    assert_eq!(content_type, "application/json", "{url}");
    reply
}

/// Every element of an external list (all pages, validated), each also fetched at its id.
pub async fn walk(app: &TestApp, list: &Value, class: &str) -> Vec<Value> {
    let mut url = path(app, list);
    let mut all = vec![];
    loop {
        let page = oparl(app, &url, 200).await.json;
        for key in [
            "totalElements",
            "elementsPerPage",
            "currentPage",
            "totalPages",
        ] {
            assert!(page["pagination"][key].is_i64(), "{key} in {page}");
        }
        for object in page["data"].as_array().unwrap() {
            validate(object, class);
            let alone = oparl(app, &path(app, &object["id"]), 200).await.json;
            assert_eq!(&alone, object, "the object at its id is the listed one");
            all.push(object.clone());
        }
        match page["links"].get("next") {
            Some(next) => url = path(app, next),
            None => break,
        }
    }
    all
}

pub fn names(objects: &[Value]) -> Vec<&str> {
    objects
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect()
}

/// A body of Aachen, created as staff.
pub async fn new_body(app: &TestApp, name: &str, public: bool) -> String {
    let created = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            crate::bodies::body(name, public),
        )
        .await
        .expect(201);
    created.json["id"].as_str().unwrap().to_owned()
}

pub async fn new_meeting(app: &TestApp, body: &str, title: &str) -> String {
    let meeting = app
        .post(
            &app.a.api("/meetings"),
            Some(&app.a.qm),
            json!({"body_id": body, "title": title, "starts_at": "2030-11-21T18:00:00Z",
                   "ends_at": "2030-11-21T20:00:00Z", "location": "Bürgerhaus"}),
        )
        .await
        .expect(201);
    let id = meeting.json["id"].as_str().unwrap().to_owned();
    app.put(
        &app.a.api(&format!("/meetings/{id}/agenda")),
        Some(&app.a.qm),
        Some(&meeting.etag()),
        json!([
            {"number": "TOP 1", "title": "Begrüßung"},
            {"number": "TOP 2", "title": "Personalangelegenheit", "public": false},
            {"number": "TOP 3", "title": "Sommerfest", "result": "angenommen",
             "resolution": "Das Fest findet statt."},
        ]),
    )
    .await
    .expect(200);
    id
}

async fn new_person(app: &TestApp, name: &str, listed: bool) -> String {
    let person = app
        .post(
            &app.a.api("/persons"),
            Some(&app.a.qm),
            json!({"name": name, "email": "geheim@example.org", "phone": "0241 99",
                   "listed_publicly": listed, "may_contact": true}),
        )
        .await
        .expect(201);
    person.json["id"].as_str().unwrap().to_owned()
}

async fn join(app: &TestApp, body: &str, person: &str) {
    crate::memberships::add(
        app,
        body,
        json!({"person_id": person, "role": "sprecher",
        "voting_right": true, "starts_on": "2026-01-01"}),
    )
    .await
    .expect(201);
}

pub async fn aachen(app: &TestApp) -> Value {
    let system = oparl(app, "/oparl/v1/system", 200).await.json;
    validate(&system, "System");
    assert_eq!(system["oparlVersion"], "https://schema.oparl.org/1.1/");
    let bodies = walk(app, &system["body"], "Body").await;
    bodies
        .into_iter()
        .find(|b| b["shortName"] == app.a.slug.as_str())
        .expect("Aachen is an OParl body")
}

async fn oparl_shows_the_public_network_and_every_object_matches_the_schema(app: TestApp) {
    let konferenz = new_body(&app, "Stadtteilkonferenz Ost", true).await;
    new_meeting(&app, &konferenz, "Herbstkonferenz").await;
    let anna = new_person(&app, "Anna Schmidt", true).await;
    join(&app, &konferenz, &anna).await;

    let body = aachen(&app).await;
    assert_eq!(body["legislativeTerm"], json!([]));
    let organizations = walk(&app, &body["organization"], "Organization").await;
    assert_eq!(names(&organizations), ["Stadtteilkonferenz Ost"]);
    assert_eq!(organizations[0]["organizationType"], "Gremium");
    assert_eq!(organizations[0]["classification"], "Stadtteilkonferenz");

    let meetings = walk(&app, &body["meeting"], "Meeting").await;
    assert_eq!(names(&meetings), ["Herbstkonferenz"]);
    assert_eq!(meetings[0]["organization"], json!([organizations[0]["id"]]));
    let agenda = meetings[0]["agendaItem"].as_array().unwrap();
    assert_eq!(names(agenda), ["Begrüßung", "Sommerfest"]);
    assert_eq!(agenda[1]["resolutionText"], "Das Fest findet statt.");
    for item in agenda {
        let alone = oparl(&app, &path(&app, &item["id"]), 200).await.json;
        validate(&alone, "AgendaItem");
        assert_eq!(&alone, item);
    }

    let people = walk(&app, &body["person"], "Person").await;
    assert_eq!(names(&people), ["Anna Schmidt"]);
    assert!(!people[0].to_string().contains("geheim@example.org"));
    let memberships = people[0]["membership"].as_array().unwrap();
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0]["organization"], organizations[0]["id"]);
    assert_eq!(memberships[0]["role"], "Sprecher:in");
    assert_eq!(memberships[0]["startDate"], "2026-01-01");
    let alone = oparl(&app, &path(&app, &memberships[0]["id"]), 200)
        .await
        .json;
    validate(&alone, "Membership");
    assert_eq!(&alone, &memberships[0]);

    let papers = walk(&app, &body["paper"], "Paper").await;
    assert!(papers.is_empty());
}

async fn private_bodies_unlisted_persons_and_hidden_items_are_neither_listed_nor_found(
    app: TestApp,
) {
    let public = new_body(&app, "Stadtteilkonferenz Ost", true).await;
    let private = new_body(&app, "Lenkungsgruppe Intern", false).await;
    new_meeting(&app, &public, "Herbstkonferenz").await;
    let hidden_meeting = new_meeting(&app, &private, "Geheimes Treffen").await;
    let listed = new_person(&app, "Anna Schmidt", true).await;
    let unlisted = new_person(&app, "Bernd Unbekannt", false).await;
    let erased = new_person(&app, "Clara Gelöscht", true).await;
    join(&app, &private, &listed).await;
    join(&app, &public, &unlisted).await;
    let erased_path = app.a.api(&format!("/persons/{erased}"));
    let read = app.get(&erased_path, Some(&app.a.qm)).await.expect(200);
    app.post_if_match(
        &format!("{erased_path}/erasure"),
        Some(&app.a.qm),
        Some(&read.etag()),
        json!({}),
    )
    .await
    .expect(200);
    let foreign = app
        .post(
            &app.b.api("/bodies"),
            Some(&app.b.qm),
            crate::bodies::body("Runder Tisch Anderswo", true),
        )
        .await
        .expect(201);

    let body = aachen(&app).await;
    let organizations = walk(&app, &body["organization"], "Organization").await;
    assert_eq!(names(&organizations), ["Stadtteilkonferenz Ost"]);
    let meetings = walk(&app, &body["meeting"], "Meeting").await;
    assert_eq!(names(&meetings), ["Herbstkonferenz"]);
    let people = walk(&app, &body["person"], "Person").await;
    assert_eq!(names(&people), ["Anna Schmidt"]);
    assert_eq!(
        people[0]["membership"],
        json!([]),
        "a membership in a private body is not shown"
    );

    oparl(&app, &format!("/oparl/v1/organizations/{private}"), 404).await;
    oparl(&app, &format!("/oparl/v1/meetings/{hidden_meeting}"), 404).await;
    oparl(&app, &format!("/oparl/v1/people/{unlisted}"), 404).await;
    oparl(&app, &format!("/oparl/v1/people/{erased}"), 404).await;
    oparl(&app, "/oparl/v1/people/kein-id", 404).await;
    oparl(&app, "/oparl/v1/bodies/nirgendwo", 404).await;
    let hidden_item: (quartier::db::Id,) =
        sqlx::query_as("SELECT id FROM agenda_items WHERE public = $1 LIMIT 1")
            .bind(quartier::db::Flag(false))
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    oparl(
        &app,
        &format!("/oparl/v1/agendaitems/{}", hidden_item.0),
        404,
    )
    .await;

    // Another municipality's public body is its own, under its own OParl body.
    let foreign_id = foreign.json["id"].as_str().unwrap();
    let theirs = oparl(&app, &format!("/oparl/v1/organizations/{foreign_id}"), 200)
        .await
        .json;
    validate(&theirs, "Organization");
    assert_ne!(theirs["body"], body["id"]);
}

async fn pagination_links_walk_the_whole_list(app: TestApp) {
    for name in ["A", "B", "C", "D", "E"] {
        new_body(&app, &format!("Arbeitskreis {name}"), true).await;
    }
    let url = format!("/oparl/v1/bodies/{}/organizations?limit=2", app.a.slug);
    let first = oparl(&app, &url, 200).await.json;
    assert_eq!(first["pagination"]["totalElements"], 5);
    assert_eq!(first["pagination"]["totalPages"], 3);
    assert_eq!(first["pagination"]["elementsPerPage"], 2);
    assert!(first["links"].get("prev").is_none());
    let last = oparl(&app, &path(&app, &first["links"]["last"]), 200)
        .await
        .json;
    assert_eq!(last["pagination"]["currentPage"], 3);
    assert!(last["links"].get("next").is_none());
    let walked = walk(&app, &json!(format!("{}{url}", app.base)), "Organization").await;
    assert_eq!(
        names(&walked),
        [
            "Arbeitskreis A",
            "Arbeitskreis B",
            "Arbeitskreis C",
            "Arbeitskreis D",
            "Arbeitskreis E"
        ]
    );

    let future = format!(
        "/oparl/v1/bodies/{}/organizations?created_since=2199-01-01T00:00:00Z",
        app.a.slug
    );
    let none = oparl(&app, &future, 200).await.json;
    assert_eq!(none["pagination"]["totalElements"], 0);
    assert_eq!(none["data"], json!([]));
    let past = format!(
        "/oparl/v1/bodies/{}/organizations?modified_until=2000-01-01T00:00:00Z",
        app.a.slug
    );
    assert_eq!(
        oparl(&app, &past, 200).await.json["pagination"]["totalElements"],
        0
    );
    let since = format!(
        "/oparl/v1/bodies/{}/organizations?created_since=2000-01-01T00:00:00%2B01:00",
        app.a.slug
    );
    assert_eq!(
        oparl(&app, &since, 200).await.json["pagination"]["totalElements"],
        5
    );

    let too_big = format!("/oparl/v1/bodies/{}/organizations?limit=1001", app.a.slug);
    assert_eq!(
        oparl(&app, &too_big, 400).await.json["code"],
        "invalid_query"
    );
    let not_a_date = format!(
        "/oparl/v1/bodies/{}/meetings?created_since=gestern",
        app.a.slug
    );
    oparl(&app, &not_a_date, 400).await;
}

//! Meetings: listing by date and body, agenda and attendance replacement with optimistic
//! concurrency, what anonymous callers may see, validation and deletion rules.

use quartier::db::{Id, Timestamp};
use serde_json::{Value, json};

use crate::bodies::body;
use crate::support::{Reply, TestApp};

crate::tests![
    meetings_are_listed_by_date_range_and_body_in_chronological_order,
    replacing_the_agenda_keeps_order_and_vote_counts,
    a_stale_if_match_on_the_agenda_gets_412,
    anonymous_callers_see_neither_non_public_agenda_items_nor_attendance,
    meetings_of_non_public_bodies_are_hidden_from_anonymous_callers,
    a_meeting_cannot_end_before_it_starts,
    attendance_accepts_only_persons_of_this_municipality,
    a_held_meeting_cannot_be_deleted_but_a_planned_one_can,
];

/// Creates a body as staff and returns its id.
async fn new_body(app: &TestApp, name: &str, public: bool) -> String {
    let created = app
        .post(&app.a.api("/bodies"), Some(&app.a.qm), body(name, public))
        .await
        .expect(201);
    created.json["id"].as_str().expect("a string").to_owned()
}

/// Creates a meeting of `body_id` starting at `starts_at`.
async fn new_meeting(app: &TestApp, body_id: &str, title: &str, starts_at: &str) -> Reply {
    app.post(
        &app.a.api("/meetings"),
        Some(&app.a.qm),
        json!({"body_id": body_id, "title": title, "starts_at": starts_at, "location": "Bürgerhaus"}),
    )
    .await
    .expect(201)
}

fn meeting_path(app: &TestApp, meeting: &Reply) -> String {
    app.a.api(&format!(
        "/meetings/{}",
        meeting.json["id"].as_str().expect("a string")
    ))
}

fn titles(list: &Reply) -> Vec<&str> {
    list.json["items"]
        .as_array()
        .expect("an array")
        .iter()
        .map(|m| m["title"].as_str().expect("a string"))
        .collect()
}

async fn meetings_are_listed_by_date_range_and_body_in_chronological_order(app: TestApp) {
    let konferenz = new_body(&app, "Stadtteilkonferenz Ost", true).await;
    let tisch = new_body(&app, "Runder Tisch Ost", true).await;
    new_meeting(&app, &konferenz, "Vorabend", "2026-11-20T18:00:00Z").await;
    new_meeting(&app, &konferenz, "Spät", "2026-11-21T23:30:00Z").await;
    new_meeting(&app, &tisch, "Vormittag", "2026-11-21T10:00:00Z").await;
    new_meeting(&app, &konferenz, "Mitternacht", "2026-11-22T00:00:00Z").await;

    let day = app
        .get(&app.a.api("/meetings?from=2026-11-21&to=2026-11-21"), None)
        .await
        .expect(200);
    assert_eq!(
        titles(&day),
        ["Vormittag", "Spät"],
        "a whole day includes its last minute"
    );
    assert_eq!(day.json["total"], 2);
    assert_eq!(day.json["items"][0]["body_name"], "Runder Tisch Ost");
    assert_eq!(day.json["items"][0]["body_id"], tisch.as_str());

    let exclusive = app
        .get(
            &app.a
                .api("/meetings?from=2026-11-21T00:30:00%2B01:00&to=2026-11-22T00:00:00Z"),
            None,
        )
        .await
        .expect(200);
    assert_eq!(
        titles(&exclusive),
        ["Vormittag", "Spät"],
        "offsets are honoured and `to` is exclusive for instants"
    );

    let of_body = app
        .get(
            &app.a
                .api(&format!("/meetings?body_id={konferenz}&from=2026-11-21")),
            None,
        )
        .await
        .expect(200);
    assert_eq!(titles(&of_body), ["Spät", "Mitternacht"]);

    let bad = app
        .get(&app.a.api("/meetings?from=21.11.2026"), None)
        .await
        .expect(400);
    assert_eq!(bad.code(), "invalid_query");
}

fn agenda() -> Value {
    json!([
        {"number": "TOP 1", "title": "Begrüßung", "result": "zur Kenntnis genommen"},
        {"number": "TOP 2", "title": "Aktionsfonds: Sommerfest", "result": "angenommen",
         "resolution": "Die Jury empfiehlt 800 €.", "votes_yes": 7, "votes_no": 1, "votes_abstain": 2},
        {"number": "TOP 3", "title": "Verschiedenes"},
    ])
}

async fn replacing_the_agenda_keeps_order_and_vote_counts(app: TestApp) {
    let body_id = new_body(&app, "Aktionsfondsjury", true).await;
    let meeting = new_meeting(&app, &body_id, "Jurysitzung", "2026-11-21T18:00:00Z").await;
    let path = meeting_path(&app, &meeting);

    let replaced = app
        .put(
            &format!("{path}/agenda"),
            Some(&app.a.qm),
            Some(&meeting.etag()),
            agenda(),
        )
        .await
        .expect(200);
    assert_eq!(replaced.etag(), "\"2\"", "the meeting's version moves on");

    let read = app.get(&path, Some(&app.a.qm)).await.expect(200);
    let items = read.json["agenda"].as_array().expect("an array");
    let numbers: Vec<_> = items
        .iter()
        .map(|i| i["number"].as_str().expect("a string"))
        .collect();
    assert_eq!(numbers, ["TOP 1", "TOP 2", "TOP 3"]);
    assert_eq!(items[1]["votes_yes"], 7);
    assert_eq!(items[1]["votes_no"], 1);
    assert_eq!(items[1]["votes_abstain"], 2);
    assert_eq!(items[1]["resolution"], "Die Jury empfiehlt 800 €.");
    assert!(items.iter().all(|i| i["id"].is_string()));
    assert_eq!(read.etag(), "\"2\"");

    let reordered = json!([
        {"number": "1", "title": "Verschiedenes"},
        {"number": "2", "title": "Begrüßung"},
    ]);
    let again = app
        .put(
            &format!("{path}/agenda"),
            Some(&app.a.coordinator),
            Some(&read.etag()),
            reordered,
        )
        .await
        .expect(200);
    let titles: Vec<_> = again.json["agenda"]
        .as_array()
        .expect("an array")
        .iter()
        .map(|i| i["title"].as_str().expect("a string"))
        .collect();
    assert_eq!(titles, ["Verschiedenes", "Begrüßung"]);

    let too_many = app
        .put(
            &format!("{path}/agenda"),
            Some(&app.a.qm),
            Some(&again.etag()),
            json!([{"number": "1", "title": "Wahl", "votes_yes": 10_001}]),
        )
        .await
        .expect(422);
    assert_eq!(too_many.json["errors"][0]["pointer"], "/0/votes_yes");
}

async fn a_stale_if_match_on_the_agenda_gets_412(app: TestApp) {
    let body_id = new_body(&app, "Quartiersrat", true).await;
    let meeting = new_meeting(&app, &body_id, "Sitzung", "2026-11-21T18:00:00Z").await;
    let path = meeting_path(&app, &meeting);
    let stale = meeting.etag();
    app.put(
        &path,
        Some(&app.a.coordinator),
        Some(&stale),
        json!({"title": "Sitzung (verschoben)", "starts_at": "2026-11-28T18:00:00Z", "state": "eingeladen"}),
    )
    .await
    .expect(200);

    let refused = app
        .put(
            &format!("{path}/agenda"),
            Some(&app.a.qm),
            Some(&stale),
            agenda(),
        )
        .await
        .expect(412);
    assert_eq!(refused.code(), "precondition_failed");
    let read = app.get(&path, Some(&app.a.qm)).await.expect(200);
    assert_eq!(
        read.json["agenda"],
        json!([]),
        "nothing of the stale agenda was stored"
    );
    assert_eq!(read.json["title"], "Sitzung (verschoben)");

    let attendance = app
        .put(
            &format!("{path}/attendance"),
            Some(&app.a.qm),
            Some(&stale),
            json!([{"organisation_id": app.a.member_org, "status": "anwesend"}]),
        )
        .await
        .expect(412);
    assert_eq!(attendance.code(), "precondition_failed");
}

async fn anonymous_callers_see_neither_non_public_agenda_items_nor_attendance(app: TestApp) {
    let body_id = new_body(&app, "Stadtteilkonferenz Mitte", true).await;
    let meeting = new_meeting(&app, &body_id, "Konferenz", "2026-11-21T18:00:00Z").await;
    let path = meeting_path(&app, &meeting);
    let items = json!([
        {"number": "1", "title": "Berichte aus den Einrichtungen"},
        {"number": "2", "title": "Personalangelegenheit", "public": false},
    ]);
    let with_agenda = app
        .put(
            &format!("{path}/agenda"),
            Some(&app.a.qm),
            Some(&meeting.etag()),
            items,
        )
        .await
        .expect(200);
    let with_attendance = app
        .put(
            &format!("{path}/attendance"),
            Some(&app.a.qm),
            Some(&with_agenda.etag()),
            json!([{"organisation_id": app.a.member_org, "status": "entschuldigt"}]),
        )
        .await
        .expect(200);
    assert_eq!(with_attendance.etag(), "\"3\"");

    let staff = app.get(&path, Some(&app.a.qm)).await.expect(200);
    assert_eq!(staff.json["agenda"].as_array().expect("an array").len(), 2);
    assert_eq!(staff.json["attendance"][0]["status"], "entschuldigt");
    assert_eq!(
        staff.json["attendance"][0]["organisation_name"],
        "AWO Stadt Aachen"
    );

    for token in [None, Some(app.a.member.as_str())] {
        let read = app.get(&path, token).await.expect(200);
        let agenda = read.json["agenda"].as_array().expect("an array");
        assert_eq!(agenda.len(), 1, "{token:?} sees only public items");
        assert_eq!(agenda[0]["title"], "Berichte aus den Einrichtungen");
        assert!(!read.text.contains("Personalangelegenheit"));
        assert!(
            read.json.get("attendance").is_none(),
            "{token:?} sees no attendance"
        );
    }

    let anonymous_write = app
        .put(
            &format!("{path}/agenda"),
            None,
            Some(&with_attendance.etag()),
            json!([]),
        )
        .await
        .expect(401);
    assert_eq!(anonymous_write.code(), "unauthenticated");
    app.put(
        &format!("{path}/agenda"),
        Some(&app.a.member),
        Some(&with_attendance.etag()),
        json!([]),
    )
    .await
    .expect(403);
}

async fn meetings_of_non_public_bodies_are_hidden_from_anonymous_callers(app: TestApp) {
    let public = new_body(&app, "Stadtteilkonferenz", true).await;
    let internal = new_body(&app, "Lenkungsgruppe", false).await;
    new_meeting(&app, &public, "Öffentlich", "2026-11-21T18:00:00Z").await;
    let hidden = new_meeting(&app, &internal, "Intern", "2026-11-22T18:00:00Z").await;

    let list = app.get(&app.a.api("/meetings"), None).await.expect(200);
    assert_eq!(titles(&list), ["Öffentlich"]);
    let staff = app
        .get(&app.a.api("/meetings"), Some(&app.a.coordinator))
        .await
        .expect(200);
    assert_eq!(titles(&staff), ["Öffentlich", "Intern"]);

    let path = meeting_path(&app, &hidden);
    let anonymous = app.get(&path, None).await.expect(404);
    let missing = app
        .get(&app.a.api(&format!("/meetings/{}", Id::new())), None)
        .await
        .expect(404);
    assert_eq!(
        anonymous.text, missing.text,
        "a hidden meeting looks missing"
    );
    app.get(&path, Some(&app.b.coordinator)).await.expect(404);
    let foreign = app
        .get(
            &app.b.api(&format!(
                "/meetings/{}",
                hidden.json["id"].as_str().expect("a string")
            )),
            Some(&app.b.coordinator),
        )
        .await
        .expect(404);
    assert_eq!(
        foreign.text, missing.text,
        "another municipality's meeting looks missing"
    );
}

async fn a_meeting_cannot_end_before_it_starts(app: TestApp) {
    let body_id = new_body(&app, "Runder Tisch", true).await;
    let refused = app
        .post(
            &app.a.api("/meetings"),
            Some(&app.a.qm),
            json!({"body_id": body_id, "title": "Sitzung",
                   "starts_at": "2026-11-21T18:00:00Z", "ends_at": "2026-11-21T17:00:00Z"}),
        )
        .await
        .expect(422);
    assert_eq!(refused.json["errors"][0]["pointer"], "/ends_at");

    let created = app
        .post(
            &app.a.api("/meetings"),
            Some(&app.a.qm),
            json!({"body_id": body_id, "title": "Sitzung",
                   "starts_at": "2026-11-21T18:00:00+01:00", "ends_at": "2026-11-21T19:30:00+01:00"}),
        )
        .await
        .expect(201);
    assert_eq!(created.json["state"], "geplant");
    assert_eq!(created.json["starts_at"], "2026-11-21T17:00:00Z");

    let foreign_body = app
        .post(
            &app.b.api("/meetings"),
            Some(&app.b.qm),
            json!({"body_id": body_id, "title": "Sitzung", "starts_at": "2026-11-21T18:00:00Z"}),
        )
        .await
        .expect(422);
    assert_eq!(foreign_body.json["errors"][0]["pointer"], "/body_id");
}

/// Inserts a person of `municipality` directly (the persons API is not needed for this).
async fn person(app: &TestApp, municipality: Id, name: &str) -> Id {
    let id = Id::new();
    sqlx::query(
        "INSERT INTO persons (id, municipality_id, name, listed_publicly, may_contact, version,
                              created_at, updated_at)
         VALUES ($1, $2, $3, 0, 0, 1, $4, $4)",
    )
    .bind(id)
    .bind(municipality)
    .bind(name)
    .bind(Timestamp::now())
    .execute(&app.db.pool)
    .await
    .expect("inserting a person");
    id
}

async fn attendance_accepts_only_persons_of_this_municipality(app: TestApp) {
    let body_id = new_body(&app, "Quartiersbeirat", true).await;
    let meeting = new_meeting(&app, &body_id, "Beirat", "2026-11-21T18:00:00Z").await;
    let path = format!("{}/attendance", meeting_path(&app, &meeting));
    let ours = person(&app, app.a.id, "Erika Muster").await;
    let theirs = person(&app, app.b.id, "Max Berliner").await;

    let refused = app
        .put(
            &path,
            Some(&app.a.qm),
            Some(&meeting.etag()),
            json!([{"person_id": ours, "status": "anwesend"},
                   {"person_id": theirs, "status": "anwesend"}]),
        )
        .await
        .expect(422);
    assert_eq!(refused.json["errors"][0]["pointer"], "/1/person_id");

    let nobody = app
        .put(
            &path,
            Some(&app.a.qm),
            Some(&meeting.etag()),
            json!([{"status": "abwesend"}]),
        )
        .await
        .expect(422);
    assert_eq!(nobody.json["errors"][0]["pointer"], "/0/person_id");

    let stored = app
        .put(
            &path,
            Some(&app.a.qm),
            Some(&meeting.etag()),
            json!([{"person_id": ours, "organisation_id": app.a.member_org, "status": "anwesend"}]),
        )
        .await
        .expect(200);
    assert_eq!(stored.json["attendance"][0]["person_name"], "Erika Muster");
    assert_eq!(stored.json["attendance"][0]["status"], "anwesend");
}

async fn a_held_meeting_cannot_be_deleted_but_a_planned_one_can(app: TestApp) {
    let body_id = new_body(&app, "Stadtteilkonferenz", true).await;
    let held = new_meeting(&app, &body_id, "Herbstkonferenz", "2026-10-01T18:00:00Z").await;
    let held_path = meeting_path(&app, &held);
    app.put(
        &held_path,
        Some(&app.a.qm),
        Some(&held.etag()),
        json!({"title": "Herbstkonferenz", "starts_at": "2026-10-01T18:00:00Z",
               "state": "durchgefuehrt", "minutes": "TOP 1: Begrüßung durch das QM."}),
    )
    .await
    .expect(200);
    let with_agenda = app.get(&held_path, Some(&app.a.qm)).await.expect(200);
    app.put(
        &format!("{held_path}/agenda"),
        Some(&app.a.qm),
        Some(&with_agenda.etag()),
        agenda(),
    )
    .await
    .expect(200);
    let refused = app.delete(&held_path, Some(&app.a.qm)).await.expect(409);
    assert_eq!(refused.code(), "in_use");
    let kept = app.get(&held_path, Some(&app.a.qm)).await.expect(200);
    assert_eq!(
        kept.json["agenda"].as_array().expect("an array").len(),
        3,
        "a refused deletion leaves the agenda intact"
    );
    let held_list = app
        .get(&app.a.api("/meetings?state=durchgefuehrt"), None)
        .await
        .expect(200);
    assert_eq!(titles(&held_list), ["Herbstkonferenz"]);

    let planned = new_meeting(&app, &body_id, "Winterkonferenz", "2026-12-01T18:00:00Z").await;
    let planned_path = meeting_path(&app, &planned);
    app.put(
        &format!("{planned_path}/agenda"),
        Some(&app.a.qm),
        Some(&planned.etag()),
        agenda(),
    )
    .await
    .expect(200);
    app.delete(&planned_path, Some(&app.a.member))
        .await
        .expect(403);
    app.delete(&planned_path, Some(&app.a.qm)).await.expect(204);
    app.get(&planned_path, Some(&app.a.qm)).await.expect(404);
}

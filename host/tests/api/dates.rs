//! Dates and instants from clients: a calendar date is `YYYY-MM-DD`, an instant RFC 3339,
//! both within the years 1900–2199. Outside, the input is refused at its field, so nothing
//! is stored that a later read could not handle.

use serde_json::json;

use crate::memberships::{add, body};
use crate::support::{Reply, TestApp};

crate::tests![dates_and_instants_outside_the_years_1900_to_2199_are_refused_at_their_field,];

fn pointers(reply: &Reply) -> Vec<(&str, &str)> {
    reply.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["pointer"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect()
}

async fn dates_and_instants_outside_the_years_1900_to_2199_are_refused_at_their_field(
    app: TestApp,
) {
    let body = body(&app, "Stadtteilkonferenz Nord", true).await;
    let org = crate::memberships::organisation(&app, "Bürgerverein Nord").await;
    let far = add(
        &app,
        &body,
        json!({"organisation_id": org, "ends_on": "2200-01-01"}),
    )
    .await
    .expect(422);
    assert_eq!(pointers(&far), [("/ends_on", "out_of_range")]);
    let early = add(
        &app,
        &body,
        json!({"organisation_id": org, "starts_on": "1899-12-31"}),
    )
    .await
    .expect(422);
    assert_eq!(pointers(&early), [("/starts_on", "out_of_range")]);
    for instant in [
        "+10000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
        "2200-01-01T00:00:00Z",
    ] {
        let meeting = app
            .post(
                &app.a.api("/meetings"),
                Some(&app.a.qm),
                json!({"body_id": body, "title": "Jahresversammlung", "starts_at": instant}),
            )
            .await
            .expect(422);
        let [(pointer, _)] = pointers(&meeting)[..] else {
            panic!("one error for {instant}: {}", meeting.text);
        };
        assert_eq!(pointer, "/starts_at", "{instant}");
    }
    // The edges themselves are fine, and every list still reads what was stored.
    add(
        &app,
        &body,
        json!({"organisation_id": org, "starts_on": "1900-01-01", "ends_on": "2199-12-31"}),
    )
    .await
    .expect(201);
    app.post(
        &app.a.api("/meetings"),
        Some(&app.a.qm),
        json!({"body_id": body, "title": "Letzte Sitzung", "starts_at": "2199-12-31T23:00:00Z"}),
    )
    .await
    .expect(201);
    let members = app
        .get(
            &app.a.api(&format!("/bodies/{body}/memberships")),
            Some(&app.a.qm),
        )
        .await
        .expect(200);
    assert_eq!(members.json["items"][0]["ends_on"], "2199-12-31");
    let meetings = app
        .get(&app.a.api("/meetings"), Some(&app.a.qm))
        .await
        .expect(200);
    assert_eq!(meetings.json["total"], 1);
    let refused = app
        .get(&app.a.api("/meetings?from=2200-01-01"), Some(&app.a.qm))
        .await
        .expect(400);
    assert_eq!(refused.code(), "invalid_query");
}

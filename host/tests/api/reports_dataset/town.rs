//! A small municipality with a year of activity (2025) whose figures are counted by hand in
//! `reports_dataset.rs`: areas Nord with its sub-area Nord-West and the sibling Süd; four
//! bodies with meetings, attendance and memberships; ten concerns; three funds with nine
//! applications; four projects; two contracts; a task log — and, in Berlin, one of each that
//! must never be counted. Instants the API stamps itself (submission, decision, payout,
//! forwarding, closing) are moved into 2025 in the database, as `tokens.rs` does with an
//! expiry.

mod concerns;
mod funds;
mod network;
mod plans;

use quartier::db::Timestamp;
use serde_json::json;

use self::funds::application;
use self::network::{meeting, resolutions};
use crate::areas::{area, create as create_area};
use crate::funds::{fund, id};
use crate::support::{Tenant, TestApp};

/// The areas the tests filter by.
pub struct Town {
    pub nord: String,
    pub nord_west: String,
    pub sued: String,
}

pub async fn build(app: &TestApp) -> Town {
    let a = &app.a;
    let nord = create_area(app, a, area("stadtbezirk", "Nord", None)).await;
    let nord_west = create_area(app, a, area("sozialraum", "Nord-West", Some(&nord))).await;
    let sued = create_area(app, a, area("stadtbezirk", "Süd", None)).await;
    let steering = network::network(app, &nord, &nord_west, &sued).await;
    concerns::concerns(app).await;
    funds::funds(app, &nord, &sued).await;
    plans::projects(app, &nord, &sued).await;
    plans::contracts(app, &steering).await;
    task_log(app).await;
    berlin(app).await;
    Town {
        nord,
        nord_west,
        sued,
    }
}

pub fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

pub async fn execute(app: &TestApp, statement: &'static str, value: Timestamp, id: &str) {
    sqlx::query(statement)
        .bind(value)
        .bind(id)
        .execute(&app.db.pool)
        .await
        .unwrap();
}

pub async fn body(app: &TestApp, t: &Tenant, kind: &str, name: &str, area: Option<&str>) -> String {
    id(app
        .post(
            &t.api("/bodies"),
            Some(&t.coordinator),
            json!({"kind": kind, "name": name, "area_id": area, "public": false}),
        )
        .await)
}

async fn task_log(app: &TestApp) {
    let log = app.a.api("/task-log");
    let task = "management_koordination";
    for (year, column) in [
        (2025, Some("steuerung")),
        (2025, Some("steuerung")),
        (2025, Some("gemeinwesenarbeit")),
        (2025, None),
        (2024, Some("steuerung")),
    ] {
        app.post(
            &log,
            Some(&app.a.qm),
            json!({"year": year, "task_key": task,
            "column_key": column, "activity": "Lenkungsrunde vorbereitet"}),
        )
        .await
        .expect(201);
    }
}

/// Berlin's year 2025: one of each, none of which Aachen's dataset may count.
async fn berlin(app: &TestApp) {
    let b = &app.b;
    let body = body(
        app,
        b,
        "stadtteilkonferenz",
        "Quartiersrat Soldiner Straße",
        None,
    )
    .await;
    meeting(
        app,
        b,
        &body,
        "2025-03-03T17:00:00Z",
        "durchgefuehrt",
        resolutions(&[Some("Ja")]),
        &[],
    )
    .await;
    app.post(
        &b.api("/concerns"),
        Some(&b.qm),
        json!({"category": "wilder_muell",
        "text": "Sperrmüll an der Ecke.", "submitted_at": "2025-03-03T10:00:00Z"}),
    )
    .await
    .expect(201);
    let fund = fund(
        app,
        b,
        json!({"kind": "aktionsfonds", "name": "Aktionsfonds 2025",
        "year": 2025, "budget_cents": 1_000_000}),
    )
    .await;
    application(
        app,
        b,
        &fund,
        "Kiezfest",
        50_000,
        "2025-03-03T10:00:00Z",
        &[
            ("in_pruefung", json!({}), "2025-03-04T10:00:00Z"),
            ("bewilligt", json!({}), "2025-03-05T10:00:00Z"),
        ],
    )
    .await;
    app.post(
        &b.api("/task-log"),
        Some(&b.qm),
        json!({"year": 2025,
        "task_key": "management_koordination", "column_key": "steuerung", "activity": "Runde"}),
    )
    .await
    .expect(201);
}

//! Three funds and their applications, moved through the workflow at known instants.

use serde_json::{Value, json};

use super::{at, execute};
use crate::funds::{form, fund, id, to};
use crate::support::{Tenant, TestApp};

/// Submits an application to `fund` as `t`'s QM and moves it through `moves` (state, extra
/// input, when); then dates the submission and each move to its instant.
pub async fn application(
    app: &TestApp,
    t: &Tenant,
    fund: &str,
    title: &str,
    requested: i64,
    submitted: &str,
    moves: &[(&str, Value, &str)],
) {
    let path = t.api(&format!("/funds/{fund}/applications"));
    let id = id(app.post(&path, Some(&t.qm), form(title, requested)).await);
    let created = "UPDATE fund_applications SET created_at = $1 WHERE id = $2";
    execute(app, created, at(submitted), &id).await;
    let submission = "UPDATE fund_application_events SET at = $1
                      WHERE application_id = $2 AND from_state IS NULL";
    execute(app, submission, at(submitted), &id).await;
    for (state, extra, when) in moves {
        let mut input = json!({"to": state});
        if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
            input.extend(extra.clone());
        }
        to(app, t, &t.qm, &id, input).await.expect(200);
        sqlx::query(
            "UPDATE fund_application_events SET at = $1 WHERE application_id = $2 AND to_state = $3",
        )
        .bind(at(when))
        .bind(&id)
        .bind(*state)
        .execute(&app.db.pool)
        .await
        .unwrap();
        if matches!(*state, "bewilligt" | "abgelehnt") {
            let decided = "UPDATE fund_applications SET decided_at = $1 WHERE id = $2";
            execute(app, decided, at(when), &id).await;
        }
    }
}

pub async fn funds(app: &TestApp, nord: &str, sued: &str) {
    let a = &app.a;
    let f1 = fund(
        app,
        a,
        json!({"kind": "verfuegungsfonds", "name": "Verfügungsfonds Nord 2025",
        "year": 2025, "area_id": nord, "budget_cents": 1_000_000}),
    )
    .await;
    let f2 = fund(
        app,
        a,
        json!({"kind": "verfuegungsfonds", "name": "Verfügungsfonds Süd 2025",
        "year": 2025, "area_id": sued, "budget_cents": 500_000}),
    )
    .await;
    fund(
        app,
        a,
        json!({"kind": "verfuegungsfonds", "name": "Verfügungsfonds Nord 2023",
        "year": 2023, "area_id": nord, "budget_cents": 100_000}),
    )
    .await;
    let check = |when: &'static str| ("in_pruefung", json!({}), when);
    let approve = |cents: i64, due: &str, when: &'static str| {
        (
            "bewilligt",
            json!({"approved_cents": cents, "proof_due_on": due}),
            when,
        )
    };
    let pay = |when: &'static str| ("ausgezahlt", json!({}), when);
    let advise = |recommendation: &str, when: &'static str| {
        ("beraten", json!({"recommendation": recommendation}), when)
    };
    application(
        app,
        a,
        &f1,
        "Sommerfest",
        100_000,
        "2025-02-01T10:00:00Z",
        &[
            check("2025-02-02T10:00:00Z"),
            advise("empfohlen", "2025-02-05T10:00:00Z"),
            approve(80_000, "2025-05-01", "2025-02-11T09:00:00Z"),
            pay("2025-03-01T10:00:00Z"),
        ],
    )
    .await;
    application(
        app,
        a,
        &f1,
        "Grillplatz",
        50_000,
        "2025-03-01T10:00:00Z",
        &[
            check("2025-03-02T10:00:00Z"),
            advise("nicht_empfohlen", "2025-03-03T10:00:00Z"),
            (
                "abgelehnt",
                json!({"reason": "Nicht förderfähig."}),
                "2025-03-04T10:00:00Z",
            ),
        ],
    )
    .await;
    application(
        app,
        a,
        &f1,
        "Lesecafé",
        30_000,
        "2025-04-01T10:00:00Z",
        &[
            check("2025-04-02T10:00:00Z"),
            approve(30_000, "2025-12-31", "2025-04-08T10:00:00Z"),
        ],
    )
    .await;
    application(
        app,
        a,
        &f1,
        "Kinderflohmarkt",
        20_000,
        "2025-05-01T10:00:00Z",
        &[
            check("2025-05-01T12:00:00Z"),
            approve(20_000, "2025-08-31", "2025-05-02T10:00:00Z"),
            pay("2025-05-20T10:00:00Z"),
            (
                "verwendungsnachweis_eingereicht",
                json!({}),
                "2025-08-01T10:00:00Z",
            ),
        ],
    )
    .await;
    application(
        app,
        a,
        &f1,
        "Nachbarschaftsgarten",
        40_000,
        "2025-12-31T23:00:00Z",
        &[],
    )
    .await;
    application(
        app,
        a,
        &f1,
        "Neujahrsempfang",
        10_000,
        "2026-01-01T00:00:01Z",
        &[],
    )
    .await;
    application(
        app,
        a,
        &f1,
        "Hoffest",
        15_000,
        "2025-06-01T10:00:00Z",
        &[
            check("2025-06-01T12:00:00Z"),
            approve(15_000, "2025-09-30", "2025-06-03T10:00:00Z"),
            (
                "zurueckgezogen",
                json!({"reason": "Fällt aus."}),
                "2025-07-01T10:00:00Z",
            ),
        ],
    )
    .await;
    application(
        app,
        a,
        &f1,
        "Laternenumzug",
        25_000,
        "2025-11-01T10:00:00Z",
        &[
            check("2025-11-02T10:00:00Z"),
            approve(25_000, "2026-04-10", "2026-01-10T10:00:00Z"),
        ],
    )
    .await;
    application(
        app,
        a,
        &f2,
        "Spielplatzfest",
        50_000,
        "2025-03-03T10:00:00Z",
        &[
            check("2025-03-04T10:00:00Z"),
            approve(50_000, "2026-03-31", "2025-03-05T10:00:00Z"),
        ],
    )
    .await;
}

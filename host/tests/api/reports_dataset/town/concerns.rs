//! Ten concerns, received, forwarded, answered and closed at known instants.

use serde_json::json;

use super::{at, execute};
use crate::concerns::{staff_concern, step};
use crate::support::TestApp;

/// One concern: received, then forwarded, answered (`reported`) and closed as far as given.
struct Concern {
    category: &'static str,
    area: &'static str,
    received: &'static str,
    forwarded: Option<(&'static str, &'static str)>,
    reported: Option<&'static str>,
    closed: Option<&'static str>,
}

async fn concern(app: &TestApp, c: Concern) {
    let id = staff_concern(
        app,
        json!({"category": c.category, "area": c.area, "submitted_at": c.received,
               "text": "Bitte kümmern Sie sich darum."}),
    )
    .await;
    let qm = app.a.qm.clone();
    let Some((department, forwarded)) = c.forwarded else {
        return;
    };
    step(
        app,
        &qm,
        &id,
        json!({"to": "weitergeleitet", "department": department}),
    )
    .await
    .expect(200);
    let forwarded_at = "UPDATE concerns SET forwarded_at = $1 WHERE id = $2";
    execute(app, forwarded_at, at(forwarded), &id).await;
    let Some(reported) = c.reported else {
        return;
    };
    step(
        app,
        &qm,
        &id,
        json!({"to": "rueckmeldung_erhalten", "feedback": "Erledigt."}),
    )
    .await
    .expect(200);
    step(
        app,
        &qm,
        &id,
        json!({"to": "zurueckgemeldet", "channel": "telefon", "reported_at": reported}),
    )
    .await
    .expect(200);
    if let Some(closed) = c.closed {
        step(app, &qm, &id, json!({"to": "geschlossen"}))
            .await
            .expect(200);
        // "now" means the closing stays outside 2025.
        if closed != "now" {
            execute(
                app,
                "UPDATE concerns SET closed_at = $1 WHERE id = $2",
                at(closed),
                &id,
            )
            .await;
        }
    }
}

pub async fn concerns(app: &TestApp) {
    let (sb, gf) = ("Stadtbetrieb", "Grünflächenamt");
    let list = [
        (
            "wilder_muell",
            "Nord",
            "2025-01-10T09:00:00Z",
            Some((sb, "2025-01-10T12:00:00Z")),
            Some("2025-01-12T08:00:00Z"),
            Some("2025-01-13T00:00:00Z"),
        ),
        (
            "wilder_muell",
            "Nord",
            "2025-02-01T10:00:00Z",
            Some((sb, "2025-02-02T10:00:00Z")),
            Some("2025-02-06T10:00:00Z"),
            Some("2025-02-07T10:00:00Z"),
        ),
        (
            "wilder_muell",
            "Nord",
            "2025-03-01T08:00:00Z",
            Some((sb, "2025-03-01T09:00:00Z")),
            Some("2025-03-02T18:00:00Z"),
            Some("now"),
        ),
        (
            "schlagloch",
            "Nord",
            "2025-04-01T08:00:00Z",
            Some((sb, "2025-04-02T08:00:00Z")),
            Some("2025-04-11T08:00:00Z"),
            None,
        ),
        (
            "schlagloch",
            "Nord-West",
            "2025-05-01T08:00:00Z",
            Some((gf, "2025-05-01T10:00:00Z")),
            Some("2025-05-04T08:00:00Z"),
            None,
        ),
        (
            "spielplatz",
            "Süd",
            "2025-06-01T08:00:00Z",
            Some((gf, "2025-06-02T08:00:00Z")),
            Some("2025-06-21T08:00:00Z"),
            None,
        ),
        (
            "spielplatz",
            "Süd",
            "2025-12-20T08:00:00Z",
            Some((gf, "2025-12-21T08:00:00Z")),
            Some("2025-12-31T22:00:00Z"),
            None,
        ),
        (
            "spielplatz",
            "Süd",
            "2025-12-31T23:59:59Z",
            None,
            None,
            None,
        ),
        (
            "spielplatz",
            "Süd",
            "2026-01-01T00:00:00Z",
            None,
            None,
            None,
        ),
        (
            "wilder_muell",
            "Nord",
            "2024-12-15T08:00:00Z",
            Some((sb, "2024-12-16T08:00:00Z")),
            Some("2025-01-05T08:00:00Z"),
            None,
        ),
    ];
    for (category, area, received, forwarded, reported, closed) in list {
        let c = Concern {
            category,
            area,
            received,
            forwarded,
            reported,
            closed,
        };
        concern(app, c).await;
    }
}

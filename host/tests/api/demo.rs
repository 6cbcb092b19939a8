//! The demo site: seeding creates or refreshes the Aachen-like municipality, and what it
//! writes is served by the API like any other data.

use quartier::auth::credentials::{self, TokenLifetime};
use quartier::db::Timestamp;
use serde_json::Value;

use crate::support::TestApp;

crate::tests![
    seeding_the_demo_twice_refreshes_it_without_duplicates,
    anonymous_visitors_see_only_the_public_demo_bodies,
    the_demo_token_works_and_the_previous_one_is_revoked,
    the_demo_member_user_sees_the_closed_bodies_of_its_organisation,
    the_demo_runs_with_the_aachen_plugin_active_also_after_a_refresh,
    a_refresh_also_clears_the_workflows_people_added_to_the_demo,
];

/// Counts of what the demo wrote, for comparing two runs.
#[derive(Debug, PartialEq)]
struct Counts {
    conferences: i64,
    round_tables: i64,
    bodies: i64,
    organisations: i64,
    upcoming: i64,
    held_with_agenda: i64,
    attendance: i64,
}

/// `SELECT COUNT(*) FROM {rest}` with `$1` bound to the demo municipality and, when `at` is
/// given, `$2` to that time.
async fn count(app: &TestApp, rest: &str, at: Option<Timestamp>) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {rest}");
    let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)).bind(app.a.id);
    if let Some(at) = at {
        query = query.bind(at);
    }
    query.fetch_one(&app.db.pool).await.expect(rest)
}

async fn counts(app: &TestApp) -> Counts {
    let now = Some(Timestamp::now());
    let bodies = "bodies WHERE municipality_id = $1";
    let organisations = sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(&app.db.pool)
        .await
        .expect("organisations");
    Counts {
        conferences: count(
            app,
            &format!("{bodies} AND kind = 'stadtteilkonferenz'"),
            None,
        )
        .await,
        round_tables: count(app, &format!("{bodies} AND kind = 'runder_tisch'"), None).await,
        bodies: count(app, bodies, None).await,
        organisations,
        upcoming: count(
            app,
            "meetings WHERE municipality_id = $1 AND starts_at > $2
               AND state IN ('geplant', 'eingeladen')",
            now,
        )
        .await,
        held_with_agenda: count(
            app,
            "meetings m WHERE m.municipality_id = $1 AND m.starts_at < $2
               AND m.state = 'durchgefuehrt'
               AND EXISTS (SELECT 1 FROM agenda_items a WHERE a.meeting_id = m.id)",
            now,
        )
        .await,
        attendance: count(
            app,
            "attendance WHERE meeting_id IN (SELECT id FROM meetings WHERE municipality_id = $1)",
            None,
        )
        .await,
    }
}

async fn seeding_the_demo_twice_refreshes_it_without_duplicates(app: TestApp) {
    quartier::demo::seed(&app.db).await.expect("first seed");
    let first = counts(&app).await;
    quartier::demo::seed(&app.db).await.expect("second seed");
    let second = counts(&app).await;
    assert_eq!(first, second, "a refresh writes the same data again");
    assert!(second.conferences >= 3, "{second:?}");
    assert!(second.round_tables >= 1, "{second:?}");
    assert!(second.organisations >= 8, "{second:?}");
    assert!(second.upcoming >= 1, "{second:?}");
    assert!(second.held_with_agenda >= 1, "{second:?}");
    assert!(second.attendance >= 1, "{second:?}");
    let name: String = sqlx::query_scalar("SELECT name FROM municipalities WHERE id = $1")
        .bind(app.a.id)
        .fetch_one(&app.db.pool)
        .await
        .expect("municipality");
    assert_eq!(
        name, "Stadt Aachen (Demo)",
        "the existing slug was refreshed, not duplicated"
    );
}

fn names(reply: &Value) -> Vec<String> {
    reply["items"]
        .as_array()
        .expect("a page of items")
        .iter()
        .map(|b| b["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn anonymous_visitors_see_only_the_public_demo_bodies(app: TestApp) {
    quartier::demo::seed(&app.db).await.expect("seed");
    let reply = app.get(&app.a.api("/bodies"), None).await.expect(200);
    let bodies = names(&reply.json);
    for public in [
        "Stadtteilkonferenz Ost/Rothe Erde",
        "Stadtteilkonferenz Forst/Driescher Hof",
        "Stadtteilkonferenz Preuswald",
        "Runder Tisch Kronenberg",
        "Arbeitskreis Kinder und Jugend Ost/Rothe Erde",
    ] {
        assert!(
            bodies.iter().any(|b| b == public),
            "{public} missing in {bodies:?}"
        );
    }
    assert!(
        !bodies
            .iter()
            .any(|b| b == "Lenkungsgruppe Quartiersmanagement"),
        "{bodies:?}"
    );
    assert!(!bodies.iter().any(|b| b.contains("Träger")), "{bodies:?}");
}

async fn the_demo_token_works_and_the_previous_one_is_revoked(app: TestApp) {
    let old = quartier::demo::seed(&app.db).await.expect("first seed");
    let login = quartier::demo::seed(&app.db).await.expect("second seed");
    let reply = app
        .get(&app.a.api("/bodies"), Some(&login.token))
        .await
        .expect(200);
    assert!(
        names(&reply.json)
            .iter()
            .any(|b| b == "Lenkungsgruppe Quartiersmanagement"),
        "the neighbourhood manager sees the closed steering group"
    );
    app.get(&app.a.api("/bodies"), Some(&old.token))
        .await
        .expect(401);
    let text = login.instructions("0.0.0.0:8080".parse().expect("address"));
    assert!(
        text.contains("http://127.0.0.1:8080/api/v1/municipalities/aachen/bodies"),
        "{text}"
    );
    assert!(
        text.contains(&login.token) && text.contains("quartier-demo"),
        "{text}"
    );
}

async fn the_demo_member_user_sees_the_closed_bodies_of_its_organisation(app: TestApp) {
    quartier::demo::seed(&app.db).await.expect("seed");
    let token = credentials::issue_token(&app.db, "awo", "test", TokenLifetime::default())
        .await
        .expect("token for awo")
        .secret;
    let reply = app
        .get(&app.a.api("/bodies"), Some(&token))
        .await
        .expect(200);
    let bodies = names(&reply.json);
    assert!(
        bodies
            .iter()
            .any(|b| b == "Arbeitskreis der Träger der Freien Wohlfahrtspflege"),
        "{bodies:?}"
    );
    assert!(
        bodies
            .iter()
            .any(|b| b == "Stadtteilkonferenz Ost/Rothe Erde")
    );
}

async fn the_demo_runs_with_the_aachen_plugin_active_also_after_a_refresh(app: TestApp) {
    let aachen = quartier_plugin_components::get("quartier_plugin_aachen")
        .expect("the Aachen plugin was built")
        .to_vec();
    let settings = quartier::config::PluginSettings::default();
    for _ in 0..2 {
        quartier::demo::seed(&app.db).await.expect("seed");
        let line = quartier::demo::plugin::activate(&app.db, settings.clone(), aachen.clone())
            .await
            .expect("activate");
        assert!(line.contains("aachen"), "{line}");
        let list = app
            .get(&app.a.api("/plugins"), Some(&app.a.coordinator))
            .await
            .expect(200);
        let items = list.json["items"].as_array().expect("items");
        assert_eq!(
            items.len(),
            1,
            "the refresh replaced the version: {}",
            list.text
        );
        assert_eq!(items[0]["name"], "aachen");
        assert_eq!(items[0]["active"], true);
    }
}

async fn a_refresh_also_clears_the_workflows_people_added_to_the_demo(app: TestApp) {
    quartier::demo::seed(&app.db).await.expect("seed");
    let qm = Some(app.a.qm.as_str());
    let bodies = app.get(&app.a.api("/bodies"), qm).await.expect(200);
    let body = bodies.json["items"][0]["id"].clone();
    let fund = app
        .post(
            &app.a.api("/funds"),
            qm,
            serde_json::json!({"kind": "stadtteilfonds", "name": "Stadtteilfonds 2027",
                "year": 2027, "budget_cents": 500_000, "deciding_body_id": body}),
        )
        .await
        .expect(201);
    let fund = fund.json["id"].as_str().expect("fund id").to_owned();
    app.post(
        &app.a.api(&format!("/funds/{fund}/applications")),
        qm,
        crate::funds::form("Hoffest", 20_000),
    )
    .await
    .expect(201);
    app.post(
        &app.a.api("/task-log"),
        qm,
        serde_json::json!({"year": 2026, "task_key": "management_koordination", "activity": "x"}),
    )
    .await
    .expect(201);
    quartier::demo::seed(&app.db)
        .await
        .expect("a refresh despite workflow rows");
    let added: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM funds WHERE name = $1")
        .bind("Stadtteilfonds 2027")
        .fetch_one(&app.db.pool)
        .await
        .expect("funds");
    assert_eq!(added, 0, "the fund people added is gone");
    let log = app
        .get(&app.a.api("/task-log?task_key=management_koordination"), qm)
        .await
        .expect(200);
    let added = log.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|e| e["activity"] == "x")
        .count();
    assert_eq!(added, 0, "{}", log.text);
    let seeded = app.get(&app.a.api("/funds"), qm).await.expect(200);
    assert_eq!(
        seeded.json["total"], 20,
        "the demo's own funds: {}",
        seeded.text
    );
}

//! The centre's joint calendar: a site's public meetings read over HTTP from the site's own
//! OParl, shown on the centre's page; a hostile or unreachable source changes nothing the
//! centre showed before and says why. The centre's own twice-yearly exchange meetings — a
//! body of its own municipality — head the page.

use axum::Router;
use axum::routing::get;
use chrono::{TimeDelta, Utc};
use quartier::federation::centre::calendar::read::ReadError;
use quartier::federation::centre::calendar::{self, store};
use serde_json::{Value, json};

use crate::federation_centre::{accepted_site, centre, enrol, new_key};
use crate::support::TestApp;

crate::tests![
    the_centre_shows_the_sites_public_meetings_read_over_oparl,
    a_hostile_or_unreachable_source_keeps_the_calendar_and_says_why,
    only_an_accepted_site_gets_a_source_and_only_over_http,
    the_centres_own_exchange_meetings_head_the_calendar,
];

/// A meeting of `body` starting `days` from now.
async fn meeting_in(app: &TestApp, body: &str, title: &str, days: i64) {
    let starts = Utc::now() + TimeDelta::days(days);
    let ends = starts + TimeDelta::hours(2);
    app.post(
        &app.a.api("/meetings"),
        Some(&app.a.qm),
        json!({"body_id": body, "title": title, "starts_at": starts.to_rfc3339(),
               "ends_at": ends.to_rfc3339(), "location": "Bürgerhaus Ost"}),
    )
    .await
    .expect(201);
}

async fn refresh(app: &TestApp) -> Vec<Result<usize, ReadError>> {
    calendar::refresh(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.outcome)
        .collect()
}

async fn the_centre_shows_the_sites_public_meetings_read_over_oparl(app: TestApp) {
    let public = crate::oparl::new_body(&app, "Stadtteilkonferenz Ost", true).await;
    let private = crate::oparl::new_body(&app, "Lenkungsrunde intern", false).await;
    meeting_in(&app, &public, "Frühjahrskonferenz", 30).await;
    meeting_in(&app, &public, "Konferenz von damals", -60).await;
    meeting_in(&app, &private, "Vertrauliche Runde", 10).await;
    let centre = centre(&app).await;
    accepted_site(&app, "aachen").await;
    let system = format!("{}/oparl/v1/system", app.base);
    store::set_source(&app.db, "aachen", &system).await.unwrap();

    assert_eq!(refresh(&app).await, [Ok(1)]);
    let page = centre
        .get("/servicestelle/kalender", None)
        .await
        .expect(200);
    for shown in [
        "Frühjahrskonferenz",
        "Stadtteilkonferenz Ost",
        "Bürgerhaus Ost",
        "aachen: gelesen am",
    ] {
        assert!(page.text.contains(shown), "{shown}: {}", page.text);
    }
    for hidden in [
        "Vertrauliche Runde",
        "Lenkungsrunde intern",
        "Konferenz von damals",
    ] {
        assert!(!page.text.contains(hidden), "{hidden}");
    }
    // The meeting's link goes to the site's public page of the body.
    assert!(
        page.text
            .contains(&format!("href=\"{}/kommunen/", app.base))
    );
    // Read again: replaced, not doubled.
    assert_eq!(refresh(&app).await, [Ok(1)]);
    // Only the centre has the page.
    app.get("/servicestelle/kalender", None).await.expect(404);
}

/// An OParl server that answers like a hostile site: links to another host, an answer too
/// large, and a list whose pages never end.
async fn hostile_site() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let own = base.clone();
    let router = Router::new()
        .route(
            "/elsewhere/system",
            get(|| async { axum::Json(json!({"body": "http://169.254.169.254/latest"})) }),
        )
        .route(
            "/large/system",
            get(|| async { "x".repeat(3 * 1024 * 1024) }),
        )
        .route(
            "/endless/system",
            get(move || {
                let own = own.clone();
                async move { axum::Json(json!({"body": format!("{own}/endless/bodies?page=1")})) }
            }),
        )
        .route(
            "/endless/bodies",
            get(
                |axum::extract::Query(q): axum::extract::Query<
                    std::collections::HashMap<String, String>,
                >,
                 headers: axum::http::HeaderMap| async move {
                    let host = headers["host"].to_str().unwrap().to_owned();
                    let page: u64 = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
                    let next = format!("http://{host}/endless/bodies?page={}", page + 1);
                    axum::Json(json!({"data": [], "links": {"next": next}}))
                },
            ),
        );
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

/// Whether a read failed for the reason a case expects.
type Expected = fn(&ReadError) -> bool;

async fn a_hostile_or_unreachable_source_keeps_the_calendar_and_says_why(app: TestApp) {
    let public = crate::oparl::new_body(&app, "Stadtteilkonferenz Ost", true).await;
    meeting_in(&app, &public, "Frühjahrskonferenz", 30).await;
    let centre = centre(&app).await;
    accepted_site(&app, "aachen").await;
    store::set_source(&app.db, "aachen", &format!("{}/oparl/v1/system", app.base))
        .await
        .unwrap();
    assert_eq!(refresh(&app).await, [Ok(1)]);

    let hostile = hostile_site().await;
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/oparl/v1/system", listener.local_addr().unwrap())
    };
    let cases: [(String, Expected); 4] = [
        (format!("{hostile}/elsewhere/system"), |e| {
            matches!(e, ReadError::OffOrigin { .. })
        }),
        (format!("{hostile}/large/system"), |e| {
            matches!(e, ReadError::TooLarge { .. })
        }),
        (format!("{hostile}/endless/system"), |e| {
            matches!(e, ReadError::TooManyRequests)
        }),
        (closed, |e| matches!(e, ReadError::Unreachable { .. })),
    ];
    for (url, expected) in cases {
        store::set_source(&app.db, "aachen", &url).await.unwrap();
        let outcome = refresh(&app).await;
        assert!(
            matches!(&outcome[..], [Err(e)] if expected(e)),
            "{url}: {outcome:?}"
        );
        // What was read before stays, with the reason beside it.
        let page = centre
            .get("/servicestelle/kalender", None)
            .await
            .expect(200);
        assert!(page.text.contains("Frühjahrskonferenz"), "{url}");
        assert!(
            page.text.contains("zuletzt nicht lesbar"),
            "{url}: {}",
            page.text
        );
    }
}

async fn only_an_accepted_site_gets_a_source_and_only_over_http(app: TestApp) {
    enrol(&app, "wartend", &new_key()).await;
    let url = format!("{}/oparl/v1/system", app.base);
    for site in ["wartend", "unbekannt"] {
        let refused = store::set_source(&app.db, site, &url).await.unwrap_err();
        assert!(
            refused.to_string().contains("Kein bestätigter Standort"),
            "{refused}"
        );
    }
    accepted_site(&app, "aachen").await;
    for bad in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "oparl/v1/system",
    ] {
        let refused = store::set_source(&app.db, "aachen", bad).await.unwrap_err();
        assert!(
            refused.to_string().contains("keine http(s)-Adresse"),
            "{refused}"
        );
    }
    let sources: Vec<Value> = store::sources(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| json!(s.system_url))
        .collect();
    assert!(sources.is_empty(), "{sources:?}");
}

async fn the_centres_own_exchange_meetings_head_the_calendar(app: TestApp) {
    let centre = centre(&app).await;
    let body = |name: &str, public: bool| json!({"kind": "austauschtreffen", "name": name, "public": public});
    let exchange = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            body("Austauschtreffen Hessen", true),
        )
        .await
        .expect(201)
        .json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let internal = app
        .post(
            &app.a.api("/bodies"),
            Some(&app.a.qm),
            body("Vorbereitungsrunde", false),
        )
        .await
        .expect(201)
        .json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let conference = crate::oparl::new_body(&app, "Stadtteilkonferenz Mitte", true).await;
    meeting_in(
        &app,
        &exchange,
        "Frühjahrstreffen der Quartiersmanager_innen",
        40,
    )
    .await;
    meeting_in(&app, &exchange, "Herbsttreffen des Vorjahres", -300).await;
    meeting_in(&app, &internal, "Vorbereitung intern", 20).await;
    meeting_in(&app, &conference, "Konferenz der Kommune", 20).await;

    // Without a municipality of its own the centre has no exchange meetings.
    let page = centre
        .get("/servicestelle/kalender", None)
        .await
        .expect(200);
    assert!(
        !page.text.contains("Austauschtreffen der Servicestelle"),
        "{}",
        page.text
    );

    quartier::federation::centre::comparison::tenant::set(&app.db, &app.a.slug)
        .await
        .unwrap();
    let page = centre
        .get("/servicestelle/kalender", None)
        .await
        .expect(200);
    let text = &page.text;
    assert!(
        text.contains("Austauschtreffen der Servicestelle"),
        "{text}"
    );
    assert!(
        text.contains("Frühjahrstreffen der Quartiersmanager_innen"),
        "{text}"
    );
    assert!(
        text.contains(&format!("href=\"/kommunen/aachen/gremien/{exchange}\"")),
        "{text}"
    );
    for hidden in [
        "Herbsttreffen des Vorjahres",
        "Vorbereitung intern",
        "Konferenz der Kommune",
    ] {
        assert!(!text.contains(hidden), "{hidden}: {text}");
    }
}

//! Shared items and the exchange catalogue: a site's coordination releases an item, the
//! site's outbox takes it to a centre (another server on the test's database), another
//! site's staff find it through their own host, which asks the centre with its key; a
//! withdrawal takes it out again. Refused: hosts enrolled nowhere, other roles, contact
//! details, foreign and pending keys, replays, searches over the limits, and messages
//! outside the allow-list. The staff page does the same through forms.

use std::path::PathBuf;
use std::time::SystemTime;

use quartier::config::Settings;
use quartier::db::Id;
use quartier::federation::centre::sites;
use quartier::federation::centre::{CATALOGUE_PATH, ITEMS_PATH};
use quartier::federation::enrolment::{self, PinnedCentre};
use quartier::federation::shared::outbox::{self, Delivered};
use quartier::federation::site_key::SiteKey;
use serde_json::{Value, json};

use quartier::auth::Role;

use crate::federation_centre::{centre, new_key, send, signed_to};
use crate::support::{Reply, TestApp};
use crate::web_browser::{Browser, form_token, location, post_forms, with_password};

crate::tests![
    a_released_item_is_found_by_another_sites_staff_until_it_is_withdrawn,
    a_withdrawal_that_overtakes_its_release_stays_withdrawn,
    releases_are_refused_to_hosts_enrolled_nowhere_to_other_roles_and_with_contacts,
    the_centre_refuses_foreign_keys_replays_hostile_searches_and_unlisted_fields,
    the_exchange_page_releases_searches_and_withdraws,
    a_pdf_travels_with_its_item_and_other_files_are_refused,
    the_release_form_takes_a_pdf_and_the_catalogue_links_it,
];

/// The exchange page of A, and its release form's address.
const PAGE: &str = "/arbeit/aachen/austausch";
const RELEASE_FORM: &str = "/arbeit/aachen/austausch/beitraege";

/// A host of the test's database enrolled at `centre` as `name` and accepted there.
struct Site {
    server: TestApp,
    pin: PinnedCentre,
    key: SiteKey,
}

async fn enrolled(app: &TestApp, centre: &TestApp, name: &str) -> Site {
    let dir = std::env::temp_dir().join(format!("quartier-site-{}", Id::new().0));
    let (key, _) = SiteKey::load_or_create(&dir).unwrap();
    let name = name.to_owned().try_into().unwrap();
    let outcome = enrolment::enrol(&centre.base, &name, &key, &dir)
        .await
        .unwrap();
    sites::accept(&app.db, &outcome.site.fingerprint().to_string())
        .await
        .unwrap();
    Site {
        server: host_with(app, Some(dir)).await,
        pin: outcome.pinned,
        key,
    }
}

async fn host_with(app: &TestApp, data_dir: Option<PathBuf>) -> TestApp {
    let mut settings = Settings::for_database("");
    settings.data_dir = data_dir;
    app.with_settings(settings).await.0
}

fn dossier() -> Value {
    json!({
        "kind": "dossier",
        "title": "Gemeinschaftsgärten im Ostviertel",
        "summary": "Wie aus drei Brachflächen Gärten wurden, die Nachbarschaften pflegen.",
        "field_of_action": "wohnumfeld"
    })
}

async fn deliver(app: &TestApp, site: &Site) -> Delivered {
    outbox::deliver_once(&app.db, &site.pin, &site.key)
        .await
        .unwrap()
}

async fn catalogue(app: &TestApp, site: &Site, query: &str) -> Value {
    let path = app.b.api(&format!("/exchange/catalogue?{query}"));
    site.server
        .get(&path, Some(&app.b.qm))
        .await
        .expect(200)
        .json
}

fn titles(found: &Value) -> Vec<&str> {
    found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["item"]["title"].as_str().unwrap())
        .collect()
}

async fn a_released_item_is_found_by_another_sites_staff_until_it_is_withdrawn(app: TestApp) {
    let centre = centre(&app).await;
    let aachen = enrolled(&app, &centre, "aachen").await;
    let berlin = enrolled(&app, &centre, "berlin").await;
    let released = aachen
        .server
        .post(
            &app.a.api("/exchange/items"),
            Some(&app.a.coordinator),
            dossier(),
        )
        .await
        .expect(201)
        .json;
    assert_eq!(released["revision"], 1);
    assert_eq!(released["delivery"], "pending");
    let id = released["id"].as_str().unwrap().to_owned();

    // Not at the centre before the site delivers it.
    assert_eq!(catalogue(&app, &berlin, "q=gärten").await["total"], 0);
    assert!(matches!(
        deliver(&app, &aachen).await,
        Delivered::Sent { revision: 1, .. }
    ));
    assert_eq!(deliver(&app, &aachen).await, Delivered::Idle);

    let found = catalogue(&app, &berlin, "q=G%C3%84RTEN").await;
    assert_eq!(found["total"], 1, "{found}");
    let listed = &found["items"][0];
    assert_eq!(
        (listed["site"].as_str(), listed["municipality"].as_str()),
        (Some("aachen"), Some("aachen"))
    );
    assert_eq!(listed["id"], id.as_str());
    assert_eq!(listed["item"]["field_of_action"], "wohnumfeld");
    assert_eq!(
        titles(&catalogue(&app, &berlin, "q=ostviertel+brachfl%C3%A4chen").await).len(),
        1
    );
    // Every word must occur; wildcards are taken literally.
    for none in ["q=g%C3%A4rten+bahnhof", "kind=event", "q=%25", "q=_"] {
        let found = catalogue(&app, &berlin, none).await;
        assert_eq!(
            (found["total"].as_u64(), titles(&found).len()),
            (Some(0), 0),
            "{none}"
        );
    }
    // Past the end a page is empty, with a total of 0 like every list of the API.
    let second = catalogue(&app, &berlin, "page=2").await;
    assert_eq!(
        (second["total"].as_u64(), titles(&second).len()),
        (Some(0), 0)
    );

    let mine = aachen
        .server
        .get(&app.a.api("/exchange/items"), Some(&app.a.qm))
        .await
        .expect(200)
        .json;
    assert_eq!(mine["items"][0]["delivery"], "sent");

    let withdraw = app.a.api(&format!("/exchange/items/{id}/withdraw"));
    let withdrawn = aachen
        .server
        .post(&withdraw, Some(&app.a.coordinator), json!({}))
        .await
        .expect(200)
        .json;
    assert_eq!(
        (
            withdrawn["revision"].as_i64(),
            withdrawn["delivery"].as_str()
        ),
        (Some(2), Some("pending"))
    );
    assert!(withdrawn["withdrawn_at"].is_string());
    assert!(matches!(
        deliver(&app, &aachen).await,
        Delivered::Sent { revision: 2, .. }
    ));
    assert_eq!(catalogue(&app, &berlin, "q=gärten").await["total"], 0);
    // Withdrawn at the centre, the texts are gone too.
    let kept: (String, Option<String>) =
        sqlx::query_as("SELECT title, withdrawn_at FROM federation_catalogue WHERE item_id = $1")
            .bind(&id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(kept.0, "");
    assert!(kept.1.is_some());
    // Withdrawing again changes nothing and sends nothing.
    let again = aachen
        .server
        .post(&withdraw, Some(&app.a.coordinator), json!({}))
        .await
        .expect(200)
        .json;
    assert_eq!(again["revision"], 2);
    assert_eq!(deliver(&app, &aachen).await, Delivered::Idle);
}

/// One revision of item `id` as the site `site` would send it.
fn message(site: &str, id: &str, revision: u32, release: Option<Value>) -> Vec<u8> {
    let release = release.map(|item| json!({"released_on": "2026-11-30", "item": item}));
    serde_json::to_vec(&json!({
        "format": 1, "site": site, "municipality": site, "id": id,
        "revision": revision, "release": release
    }))
    .unwrap()
}

async fn post_signed(centre: &TestApp, path: &str, key: &SiteKey, body: &[u8]) -> Reply {
    let nonce = uuid::Uuid::now_v7().simple().to_string();
    send(
        centre,
        &signed_to(centre, path, key, body, SystemTime::now(), &nonce),
    )
    .await
}

async fn a_withdrawal_that_overtakes_its_release_stays_withdrawn(app: TestApp) {
    let centre = centre(&app).await;
    let aachen = enrolled(&app, &centre, "aachen").await;
    let berlin = enrolled(&app, &centre, "berlin").await;
    let id = Id::new().0.to_string();
    let withdrawal = message("aachen", &id, 2, None);
    let release = message("aachen", &id, 1, Some(dossier()));
    let reply = post_signed(&centre, ITEMS_PATH, &aachen.key, &withdrawal)
        .await
        .expect(201);
    assert_eq!(reply.json["status"], "applied");
    let reply = post_signed(&centre, ITEMS_PATH, &aachen.key, &release)
        .await
        .expect(200);
    assert_eq!(reply.json["status"], "superseded");
    let reply = post_signed(&centre, ITEMS_PATH, &aachen.key, &withdrawal)
        .await
        .expect(200);
    assert_eq!(reply.json["status"], "duplicate");
    assert_eq!(catalogue(&app, &berlin, "q=gärten").await["total"], 0);
    // A newer release lists it again.
    let again = message("aachen", &id, 3, Some(dossier()));
    post_signed(&centre, ITEMS_PATH, &aachen.key, &again)
        .await
        .expect(201);
    assert_eq!(catalogue(&app, &berlin, "q=gärten").await["total"], 1);
}

async fn releases_are_refused_to_hosts_enrolled_nowhere_to_other_roles_and_with_contacts(
    app: TestApp,
) {
    let items = app.a.api("/exchange/items");
    // The test's own server has no data directory: enrolled nowhere.
    let reply = app
        .post(&items, Some(&app.a.coordinator), dossier())
        .await
        .expect(409);
    assert_eq!(reply.code(), "exchange_not_enrolled");
    let search = app.a.api("/exchange/catalogue?q=x");
    assert_eq!(
        app.get(&search, Some(&app.a.qm)).await.expect(409).code(),
        "exchange_not_enrolled"
    );

    let centre = centre(&app).await;
    let aachen = enrolled(&app, &centre, "aachen").await;
    aachen
        .server
        .post(&items, None, dossier())
        .await
        .expect(401);
    for token in [&app.a.qm, &app.a.member, &app.a.jury, &app.b.coordinator] {
        aachen
            .server
            .post(&items, Some(token), dossier())
            .await
            .expect(403);
    }
    aachen
        .server
        .get(&search, Some(&app.a.member))
        .await
        .expect(403);
    let mut contact = dossier();
    contact["summary"] = json!("Fragen an anna.schmidt@stadt-aachen.de oder 0241 432-1234");
    contact["place"] = json!("Stadtteilbüro, Tel. +49 241 4321234");
    let reply = aachen
        .server
        .post(&items, Some(&app.a.coordinator), contact)
        .await
        .expect(422);
    let pointers: Vec<(&str, &str)> = reply.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["pointer"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert!(
        pointers.contains(&("/summary", "personal_data")),
        "{pointers:?}"
    );
    assert!(
        pointers.contains(&("/place", "personal_data")),
        "{pointers:?}"
    );
    let mut unlisted = dossier();
    unlisted["contact"] = json!("Anna Schmidt");
    aachen
        .server
        .post(&items, Some(&app.a.coordinator), unlisted)
        .await
        .expect(422);
    let mut event = dossier();
    event["kind"] = json!("event");
    aachen
        .server
        .post(&items, Some(&app.a.coordinator), event)
        .await
        .expect(422);
    // Nothing of it was stored or queued.
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM federation_item_outbox")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
    // Another municipality's item, or none, is missing alike.
    let missing = app
        .a
        .api(&format!("/exchange/items/{}/withdraw", Id::new().0));
    aachen
        .server
        .post(&missing, Some(&app.a.coordinator), json!({}))
        .await
        .expect(404);

    // A centre that cannot be reached: 502, and the person is told so in German.
    let down = enrolled(&app, &centre, "aachen-zwei").await;
    let mut pin = down.pin.clone();
    pin.url = "http://127.0.0.1:9".to_owned();
    let dir = std::env::temp_dir().join(format!("quartier-site-{}", Id::new().0));
    std::fs::create_dir_all(dir.join("federation")).unwrap();
    std::fs::write(
        dir.join(enrolment::CENTRE_FILE),
        serde_json::to_vec(&pin).unwrap(),
    )
    .unwrap();
    let unreachable = host_with(&app, Some(dir)).await;
    let reply = unreachable.get(&search, Some(&app.a.qm)).await.expect(502);
    assert_eq!(reply.code(), "exchange_centre_unavailable");
}

async fn the_centre_refuses_foreign_keys_replays_hostile_searches_and_unlisted_fields(
    app: TestApp,
) {
    let centre = centre(&app).await;
    let aachen = enrolled(&app, &centre, "aachen").await;
    let search = serde_json::to_vec(&json!({"q": "gärten"})).unwrap();
    // A key the centre never accepted, and one it has pending.
    post_signed(&centre, CATALOGUE_PATH, &new_key(), &search)
        .await
        .expect(401);
    let pending = new_key();
    sites::enrol(
        &app.db,
        &"berlin".to_owned().try_into().unwrap(),
        pending.public(),
    )
    .await
    .unwrap();
    let reply = post_signed(&centre, CATALOGUE_PATH, &pending, &search)
        .await
        .expect(401);
    assert_eq!(reply.code(), "unknown_site_key");
    // Unsigned.
    centre
        .post(CATALOGUE_PATH, None, json!({"q": "x"}))
        .await
        .expect(401);
    // Replayed byte for byte.
    let request = signed_to(
        &centre,
        CATALOGUE_PATH,
        &aachen.key,
        &search,
        SystemTime::now(),
        "n-1",
    );
    send(&centre, &request).await.expect(200);
    assert_eq!(
        send(&centre, &request).await.expect(401).code(),
        "nonce_replayed"
    );
    // Searches over the limits.
    for hostile in [
        json!({"q": "a b c d e f g h i"}),
        json!({"q": "x".repeat(201)}),
        json!({"page": 0}),
        json!({"page": 51}),
        json!({"q": "x", "sql": "1=1"}),
    ] {
        let body = serde_json::to_vec(&hostile).unwrap();
        let reply = post_signed(&centre, CATALOGUE_PATH, &aachen.key, &body)
            .await
            .expect(422);
        assert_eq!(reply.code(), "catalogue_search_invalid", "{hostile}");
    }
    // Items: another site's name, a field outside the allow-list, contact details.
    let id = Id::new().0.to_string();
    let foreign = message("berlin", &id, 1, Some(dossier()));
    let reply = post_signed(&centre, ITEMS_PATH, &aachen.key, &foreign)
        .await
        .expect(422);
    assert_eq!(reply.code(), "bundle_foreign_site");
    let mut unlisted = dossier();
    unlisted["contact"] = json!("Anna Schmidt");
    let reply = post_signed(
        &centre,
        ITEMS_PATH,
        &aachen.key,
        &message("aachen", &id, 1, Some(unlisted)),
    )
    .await
    .expect(422);
    assert_eq!(reply.code(), "shared_item_invalid");
    let mut contact = dossier();
    contact["summary"] = json!("Kontakt: anna@example.org");
    let reply = post_signed(
        &centre,
        ITEMS_PATH,
        &aachen.key,
        &message("aachen", &id, 1, Some(contact)),
    )
    .await
    .expect(422);
    assert_eq!(reply.code(), "shared_item_invalid");
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM federation_catalogue")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(kept, 0);
}

async fn the_exchange_page_releases_searches_and_withdraws(app: TestApp) {
    let centre = centre(&app).await;
    let aachen = enrolled(&app, &centre, "aachen").await;
    let berlin = enrolled(&app, &centre, "berlin").await;
    with_password(
        &app,
        "koordination-aachen",
        Role::Coordinator,
        Some(app.a.id),
        None,
    )
    .await;
    let mut browser = Browser::new(&aachen.server);
    browser.sign_in("koordination-aachen").await;
    let start = browser.get("/arbeit/aachen").await.expect(200);
    assert!(
        start.text.contains(&format!(r#"href="{PAGE}""#)),
        "linked from the frame"
    );
    let page = browser.get(PAGE).await.expect(200);
    assert!(
        page.text.contains("Keine Beiträge gefunden."),
        "{}",
        page.text
    );
    assert!(page.text.contains("Einen Beitrag teilen"));
    let token = form_token(&page.text);

    // Refused: contact details and an event without its day; what was entered stays.
    let refused = browser
        .post(
            RELEASE_FORM,
            &[
                ("csrf", &token),
                ("form", "beitraege"),
                ("art", "event"),
                ("thema", "Stadtteilfest im Ostviertel"),
                ("zusammenfassung", "Anmeldung bei anna@example.org"),
                ("datum", ""),
            ],
        )
        .await
        .expect(422);
    assert!(
        refused.text.contains("Kontaktdaten wie E-Mail-Adressen"),
        "{}",
        refused.text
    );
    assert!(
        refused
            .text
            .contains(r##"href="#beitraege-zusammenfassung""##)
    );
    assert!(refused.text.contains(r##"href="#beitraege-datum""##));
    assert!(refused.text.contains("Stadtteilfest im Ostviertel"));
    assert_eq!(
        deliver(&app, &aachen).await,
        Delivered::Idle,
        "nothing was queued"
    );

    let sent = browser
        .post(
            RELEASE_FORM,
            &[
                ("csrf", &token),
                ("form", "beitraege"),
                ("art", "event"),
                ("thema", "Stadtteilfest im Ostviertel"),
                (
                    "zusammenfassung",
                    "Ein Nachmittag mit allen Vereinen des Quartiers.",
                ),
                ("datum", "12.06.2027"),
                ("ort", "Marktplatz"),
            ],
        )
        .await
        .expect(303);
    assert_eq!(location(&sent), format!("{PAGE}?hinweis=freigegeben"));
    assert!(matches!(
        deliver(&app, &aachen).await,
        Delivered::Sent { .. }
    ));
    let page = browser.get(&location(&sent)).await.expect(200);
    let text = &page.text;
    assert!(text.contains("Der Beitrag ist freigegeben"), "{text}");
    assert!(text.contains("1 Beitrag gefunden"), "{text}");
    assert!(
        text.contains("Veranstaltung · von aachen (aachen), freigegeben am"),
        "{text}"
    );
    assert!(text.contains("Termin: 12.06.2027 · Marktplatz"), "{text}");
    assert!(text.contains("im Katalog, bei der Servicestelle"), "{text}");

    // Berlin's QM finds it on Berlin's host, without the coordination's form.
    with_password(&app, "qm-berlin", Role::Qm, Some(app.b.id), None).await;
    let mut other = Browser::new(&berlin.server);
    other.sign_in("qm-berlin").await;
    let theirs = other
        .get("/arbeit/berlin/austausch?q=stadtteilfest&art=event")
        .await
        .expect(200);
    assert!(
        theirs.text.contains("Stadtteilfest im Ostviertel"),
        "{}",
        theirs.text
    );
    assert!(!theirs.text.contains("Einen Beitrag teilen"));
    assert!(!theirs.text.contains("/zurueckziehen"));

    let withdraw = post_forms(text)
        .into_iter()
        .find(|a| a.ends_with("/zurueckziehen"))
        .expect("a withdraw button");
    let done = browser
        .post(&withdraw, &[("csrf", &token)])
        .await
        .expect(303);
    assert_eq!(location(&done), format!("{PAGE}?hinweis=zurueckgezogen"));
    assert!(matches!(
        deliver(&app, &aachen).await,
        Delivered::Sent { revision: 2, .. }
    ));
    let theirs = other
        .get("/arbeit/berlin/austausch?q=stadtteilfest")
        .await
        .expect(200);
    assert!(
        theirs.text.contains("Keine Beiträge gefunden."),
        "{}",
        theirs.text
    );

    // A member of the municipality has no such page; a host enrolled nowhere says so.
    with_password(
        &app,
        "mitglied-aachen",
        Role::Member,
        Some(app.a.id),
        Some(app.a.member_org),
    )
    .await;
    let mut member = Browser::new(&aachen.server);
    member.sign_in("mitglied-aachen").await;
    member.get(PAGE).await.expect(404);
    let mut alone = Browser::new(&app);
    alone.sign_in("koordination-aachen").await;
    let page = alone.get(PAGE).await.expect(200);
    assert!(
        page.text.contains("bei keiner Servicestelle angemeldet"),
        "{}",
        page.text
    );
}

/// A small PDF as a text (the replies are read as text).
const PDF: &str =
    "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

async fn put_pdf(server: &TestApp, path: &str, token: &str, kind: &str, body: Vec<u8>) -> Reply {
    server
        .send(
            reqwest::Method::PUT,
            path,
            Some(token),
            &[("content-type", kind)],
            Some(body),
        )
        .await
}

async fn a_pdf_travels_with_its_item_and_other_files_are_refused(app: TestApp) {
    let centre = centre(&app).await;
    let aachen = enrolled(&app, &centre, "aachen").await;
    let berlin = enrolled(&app, &centre, "berlin").await;
    let mut tender = dossier();
    tender["kind"] = json!("tender");
    let released = aachen
        .server
        .post(
            &app.a.api("/exchange/items"),
            Some(&app.a.coordinator),
            tender,
        )
        .await
        .expect(201)
        .json;
    let id = released["id"].as_str().unwrap().to_owned();
    let attach = |name: &str| {
        app.a
            .api(&format!("/exchange/items/{id}/attachment?name={name}"))
    };
    let coordination = app.a.coordinator.as_str();

    // Refused: another type, bytes that are no PDF, a path as its name, too large, other
    // roles, an item that does not exist.
    let named = attach("ausschreibung.pdf");
    let pdf = PDF.as_bytes().to_vec();
    put_pdf(
        &aachen.server,
        &named,
        coordination,
        "text/plain",
        pdf.clone(),
    )
    .await
    .expect(415);
    let reply = put_pdf(
        &aachen.server,
        &named,
        coordination,
        "application/pdf",
        b"GIF89a".to_vec(),
    )
    .await
    .expect(422);
    assert_eq!(reply.code(), "attachment_invalid");
    put_pdf(
        &aachen.server,
        &attach("..%2Fetc%2Fx.pdf"),
        coordination,
        "application/pdf",
        pdf.clone(),
    )
    .await
    .expect(422);
    let mut large = pdf.clone();
    large.resize((2 << 20) + 1, b' ');
    put_pdf(
        &aachen.server,
        &named,
        coordination,
        "application/pdf",
        large,
    )
    .await
    .expect(413);
    put_pdf(
        &aachen.server,
        &named,
        &app.a.qm,
        "application/pdf",
        pdf.clone(),
    )
    .await
    .expect(403);
    let missing = app.a.api(&format!(
        "/exchange/items/{}/attachment?name=x.pdf",
        Id::new().0
    ));
    put_pdf(
        &aachen.server,
        &missing,
        coordination,
        "application/pdf",
        pdf.clone(),
    )
    .await
    .expect(404);

    let attached = put_pdf(
        &aachen.server,
        &named,
        coordination,
        "application/pdf",
        pdf.clone(),
    )
    .await
    .expect(200)
    .json;
    assert_eq!(
        (
            attached["revision"].as_i64(),
            attached["attachment_name"].as_str()
        ),
        (Some(2), Some("ausschreibung.pdf"))
    );
    while deliver(&app, &aachen).await != Delivered::Idle {}
    let found = catalogue(&app, &berlin, "q=gärten").await;
    let listed = &found["items"][0]["attachment"];
    assert_eq!(listed["name"], "ausschreibung.pdf", "{found}");
    assert_eq!(listed["bytes"].as_u64(), Some(PDF.len() as u64));

    // Berlin's staff fetch it through their host, which asks the centre.
    let download = app
        .b
        .api(&format!("/exchange/catalogue/aachen/{id}/attachment"));
    let file = berlin
        .server
        .get(&download, Some(&app.b.qm))
        .await
        .expect(200);
    assert_eq!(file.text, PDF);
    assert_eq!(file.headers["content-type"], "application/pdf");
    let disposition = file.headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.contains("filename=\"ausschreibung.pdf\""),
        "{disposition}"
    );
    berlin
        .server
        .get(&download, Some(&app.b.member))
        .await
        .expect(403);
    let unknown = app.b.api(&format!(
        "/exchange/catalogue/aachen/{}/attachment",
        Id::new().0
    ));
    berlin
        .server
        .get(&unknown, Some(&app.b.qm))
        .await
        .expect(404);

    // Withdrawn: nothing can be attached, and the centre no longer gives the file out.
    aachen
        .server
        .post(
            &app.a.api(&format!("/exchange/items/{id}/withdraw")),
            Some(coordination),
            json!({}),
        )
        .await
        .expect(200);
    let reply = put_pdf(&aachen.server, &named, coordination, "application/pdf", pdf)
        .await
        .expect(409);
    assert_eq!(reply.code(), "shared_item_withdrawn");
    while deliver(&app, &aachen).await != Delivered::Idle {}
    berlin
        .server
        .get(&download, Some(&app.b.qm))
        .await
        .expect(404);
    let kept: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT attachment FROM federation_catalogue WHERE item_id = $1")
            .bind(&id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(
        kept.is_none(),
        "the centre keeps no file of a withdrawn item"
    );

    // The centre checks the file too.
    let other = Id::new().0.to_string();
    let forged = serde_json::to_vec(&json!({
        "format": 1, "site": "aachen", "municipality": "aachen", "id": other, "revision": 1,
        "release": {"released_on": "2026-11-30", "item": dossier(),
                    "attachment": {"name": "x.pdf", "content": "R0lGODlh"}}
    }))
    .unwrap();
    let reply = post_signed(&centre, ITEMS_PATH, &aachen.key, &forged)
        .await
        .expect(422);
    assert_eq!(reply.code(), "shared_item_invalid");
}

/// Sends the release form of a tender as multipart, every field as a browser sends it,
/// with `file` as its PDF.
async fn release_with_file(browser: &mut Browser, token: &str, file: &[u8]) -> Reply {
    let parts: [(&str, Option<&str>, &[u8]); 9] = [
        ("csrf", None, token.as_bytes()),
        ("form", None, b"beitraege"),
        ("art", None, b"tender"),
        ("thema", None, "Ausschreibung QM Nordstadt".as_bytes()),
        (
            "zusammenfassung",
            None,
            b"Leistungsbeschreibung und Bewertung.",
        ),
        ("handlungsfeld", None, b""),
        ("datum", None, b"2027-01-31"),
        ("ort", None, b""),
        ("datei", Some("ausschreibung-nordstadt.pdf"), file),
    ];
    browser.post_multipart(RELEASE_FORM, &parts).await
}

async fn the_release_form_takes_a_pdf_and_the_catalogue_links_it(app: TestApp) {
    let centre = centre(&app).await;
    let aachen = enrolled(&app, &centre, "aachen").await;
    with_password(
        &app,
        "koordination-aachen",
        Role::Coordinator,
        Some(app.a.id),
        None,
    )
    .await;
    let mut browser = Browser::new(&aachen.server);
    browser.sign_in("koordination-aachen").await;
    let page = browser.get(PAGE).await.expect(200);
    assert!(
        page.text.contains(r#"enctype="multipart/form-data""#),
        "{}",
        page.text
    );
    let token = form_token(&page.text);

    // A file that is no PDF: refused at its field, nothing released.
    let refused = release_with_file(&mut browser, &token, b"GIF89a")
        .await
        .expect(422);
    assert!(
        refused.text.contains(r##"href="#beitraege-datei""##),
        "{}",
        refused.text
    );
    assert!(
        refused.text.contains("Bitte hängen Sie ein PDF an"),
        "{}",
        refused.text
    );
    assert_eq!(deliver(&app, &aachen).await, Delivered::Idle);

    let sent = release_with_file(&mut browser, &token, PDF.as_bytes())
        .await
        .expect(303);
    assert_eq!(location(&sent), format!("{PAGE}?hinweis=freigegeben"));
    while deliver(&app, &aachen).await != Delivered::Idle {}
    let page = browser
        .get(&format!("{PAGE}?q=nordstadt"))
        .await
        .expect(200);
    let text = &page.text;
    assert!(
        text.contains("Unterlagen: ausschreibung-nordstadt.pdf (PDF, 1 KB)"),
        "{text}"
    );
    let link = text
        .split("href=\"")
        .filter_map(|rest| rest.split('"').next())
        .find(|href| href.ends_with("/datei"))
        .expect("a download link")
        .to_owned();
    let file = browser.get(&link).await.expect(200);
    assert_eq!(file.text, PDF);
}

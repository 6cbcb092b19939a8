//! Enrolment (`federation::enrolment` at the site, `federation::centre::enrolments` at the
//! centre): a site announces its key over HTTP, pins the centre's, and stays untrusted until
//! the centre's operator accepts its fingerprint.

use quartier::federation::centre::ENROLMENTS_PATH;
use quartier::federation::centre::sites::{self, SiteState};
use quartier::federation::enrolment;
use serde_json::json;

use crate::federation_centre::{bundle, centre_with_key, deliver, new_key, nonces, stored};
use crate::support::TestApp;

crate::tests![
    an_enrolled_site_is_refused_until_the_operator_accepts_it,
    the_operator_rejects_a_pending_enrolment_but_never_an_accepted_site,
    a_key_enrols_once,
    an_enrolment_needs_a_site_name_and_an_ed25519_key,
    a_host_that_is_no_centre_takes_no_enrolments,
];

fn data_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("quartier-enrol-{}", uuid::Uuid::now_v7()))
}

async fn an_enrolled_site_is_refused_until_the_operator_accepts_it(app: TestApp) {
    let (centre, centre_key) = centre_with_key(&app).await;
    let key = new_key();
    let dir = data_dir();
    let name = "aachen".to_owned().try_into().unwrap();
    let outcome = enrolment::enrol(&centre.base, &name, &key, &dir)
        .await
        .unwrap();
    assert_eq!(outcome.site, key.public());
    assert_eq!(outcome.centre, centre_key.public());
    let pinned = enrolment::pinned(&dir).unwrap().unwrap();
    assert_eq!(pinned.public_key, centre_key.public().to_base64());
    assert_eq!(pinned.url, centre.base);

    let fingerprint = key.public().fingerprint().to_string();
    let site = sites::by_fingerprint(&app.db, &fingerprint)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (site.name.as_str(), site.state),
        ("aachen", SiteState::Pending)
    );
    assert_eq!(site.accepted_at, None);
    let refused = deliver(&centre, &key, &bundle("aachen", 1))
        .await
        .expect(401);
    assert_eq!(refused.code(), "unknown_site_key");
    assert_eq!(stored(&app, &site).await, Vec::<i64>::new());

    let typed = key.public().fingerprint().for_people();
    let site = sites::accept(&app.db, &typed).await.unwrap();
    assert_eq!(site.state, SiteState::Accepted);
    assert!(site.accepted_at.is_some());
    deliver(&centre, &key, &bundle("aachen", 1))
        .await
        .expect(201);
    assert_eq!(stored(&app, &site).await, [1]);
    assert_eq!(nonces(&app, &site).await, 1);
    std::fs::remove_dir_all(dir).unwrap();
}

async fn the_operator_rejects_a_pending_enrolment_but_never_an_accepted_site(app: TestApp) {
    let (centre, _) = centre_with_key(&app).await;
    let (stranger, known) = (new_key(), new_key());
    for (name, key) in [("unbekannt", &stranger), ("aachen", &known)] {
        let body = json!({"name": name, "public_key": key.public().to_base64()});
        centre.post(ENROLMENTS_PATH, None, body).await.expect(201);
    }
    let accepted = sites::accept(&app.db, &known.public().fingerprint().to_string())
        .await
        .unwrap();
    let typed = stranger.public().fingerprint().for_people();
    let removed = sites::reject(&app.db, &typed).await.unwrap();
    assert_eq!(removed.name.as_str(), "unbekannt");
    let names: Vec<String> = sites::list(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["aachen"]);
    // An accepted site is not removed this way, nor is one rejected twice.
    let refused = sites::reject(&app.db, &accepted.fingerprint).await;
    assert!(matches!(
        refused,
        Err(sites::RegistryError::NoPendingSite(_))
    ));
    assert!(sites::reject(&app.db, &typed).await.is_err());
    deliver(&centre, &known, &bundle("aachen", 1))
        .await
        .expect(201);
    // The rejected key may enrol again, pending as before.
    let body = json!({"name": "unbekannt", "public_key": stranger.public().to_base64()});
    centre.post(ENROLMENTS_PATH, None, body).await.expect(201);
}

async fn a_key_enrols_once(app: TestApp) {
    let (centre, _) = centre_with_key(&app).await;
    let key = new_key();
    let body = json!({"name": "aachen", "public_key": key.public().to_base64()});
    let first = centre
        .post(ENROLMENTS_PATH, None, body.clone())
        .await
        .expect(201);
    assert_eq!(first.json["state"], "pending");
    assert_eq!(
        first.json["site_fingerprint"],
        key.public().fingerprint().to_string()
    );
    let again = centre.post(ENROLMENTS_PATH, None, body).await.expect(409);
    assert_eq!(again.code(), "already_exists");
    assert_eq!(sites::list(&app.db).await.unwrap().len(), 1);
}

async fn an_enrolment_needs_a_site_name_and_an_ed25519_key(app: TestApp) {
    let (centre, _) = centre_with_key(&app).await;
    let body = json!({"name": "Stadt Aachen", "public_key": "AAAA"});
    let reply = centre.post(ENROLMENTS_PATH, None, body).await.expect(422);
    let pointers: Vec<&str> = reply.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/name", "/public_key"]);
    assert!(sites::list(&app.db).await.unwrap().is_empty());
}

async fn a_host_that_is_no_centre_takes_no_enrolments(app: TestApp) {
    let key = new_key();
    let body = json!({"name": "aachen", "public_key": key.public().to_base64()});
    app.post(ENROLMENTS_PATH, None, body).await.expect(404);
    assert!(sites::list(&app.db).await.unwrap().is_empty());
}

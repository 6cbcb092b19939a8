//! Rotating a site key (`federation::announce` at the site, `federation::centre::keys` at
//! the centre): the current key vouches for the next one, the former key is still taken
//! for deliveries during the overlap and refused after it, and every announcement the
//! centre must not believe is refused — each case with what is stored after it.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::SystemTime;

use chrono::TimeDelta;
use quartier::db::Timestamp;
use quartier::federation::announce;
use quartier::federation::centre::KEYS_PATH;
use quartier::federation::centre::signers;
use quartier::federation::centre::sites::{self, Site};
use quartier::federation::enrolment;
use quartier::federation::site_key::rotation::{self, Plan};
use quartier::federation::site_key::{KEY_DIR, SiteKey, SitePublicKey};
use serde_json::json;

use crate::federation_centre::{
    accepted_site, bundle, centre, deliver, enrol, new_key, nonces, send, signed_to, stored,
};
use crate::support::{Reply, TestApp};

crate::tests![
    a_site_rotates_its_key_and_the_former_one_vouches_for_it,
    a_bundle_signed_with_the_former_key_is_refused_after_the_overlap,
    an_announcement_signed_with_a_foreign_or_pending_key_is_refused,
    a_replayed_announcement_is_refused,
    a_key_that_is_or_was_a_sites_is_refused,
    a_replaced_key_vouches_for_no_further_key,
    a_rerun_after_a_lost_answer_finishes_the_same_rotation,
    a_further_rotation_within_the_overlap_keeps_each_former_key_until_its_own_end,
    an_announcement_without_an_ed25519_key_is_refused,
    a_host_that_is_no_centre_takes_no_key_announcements,
];

/// A site's data directory with its key, enrolled at `centre` and accepted there.
async fn enrolled(app: &TestApp, centre: &TestApp) -> (PathBuf, SitePublicKey) {
    let dir = std::env::temp_dir().join(format!("quartier-rotate-{}", uuid::Uuid::now_v7()));
    let (key, _) = SiteKey::load_or_create(&dir).unwrap();
    let name = "aachen".to_owned().try_into().unwrap();
    enrolment::enrol(&centre.base, &name, &key, &dir)
        .await
        .unwrap();
    sites::accept(&app.db, &key.public().fingerprint().to_string())
        .await
        .unwrap();
    (dir, key.public())
}

/// The site's current key in `dir`.
fn current(dir: &std::path::Path) -> SiteKey {
    SiteKey::load(&dir.join(KEY_DIR)).unwrap().unwrap()
}

/// `next` announced with `signer`'s signature and `nonce`.
async fn announce_key(
    centre: &TestApp,
    signer: &SiteKey,
    next: SitePublicKey,
    nonce: &str,
) -> Reply {
    let body = serde_json::to_vec(&json!({"public_key": next.to_base64()})).unwrap();
    let request = signed_to(centre, KEYS_PATH, signer, &body, SystemTime::now(), nonce);
    send(centre, &request).await
}

/// A centre with the site `aachen` whose first key (the former) was replaced by the second.
async fn rotated_site(app: &TestApp) -> (TestApp, Site, SiteKey, SiteKey) {
    let centre = centre(app).await;
    let (site, former) = accepted_site(app, "aachen").await;
    let next = new_key();
    announce_key(&centre, &former, next.public(), "rotate")
        .await
        .expect(201);
    (centre, site, former, next)
}

/// The site as the centre keeps it now.
async fn site_now(app: &TestApp, before: &Site) -> Site {
    sites::by_id(&app.db, before.id).await.unwrap().unwrap()
}

/// The fingerprints of the site's previous keys still taken.
async fn previous(app: &TestApp, site: &Site) -> Vec<String> {
    let mut conn = app.db.pool.acquire().await.unwrap();
    signers::in_overlap(&mut conn, site.id, Timestamp::now())
        .await
        .unwrap()
        .into_iter()
        .map(|key| key.fingerprint)
        .collect()
}

/// The centre has `key` as the site's current key.
async fn assert_current(app: &TestApp, site: &Site, key: &SiteKey) {
    let now = site_now(app, site).await;
    assert_eq!(now.fingerprint, key.public().fingerprint().to_string());
}

/// The site's current key is still `key`, it has no previous one, and no announcement of
/// it was stored.
async fn assert_untouched(app: &TestApp, site: &Site, key: &SiteKey) {
    assert_current(app, site, key).await;
    assert!(previous(app, site).await.is_empty());
    assert_eq!(nonces(app, site).await, 0);
}

/// Ends every overlap a second ago, as a week later would.
async fn end_overlaps(app: &TestApp) {
    sqlx::query("UPDATE federation_previous_keys SET valid_until = $1")
        .bind(Timestamp(chrono::Utc::now() - TimeDelta::seconds(1)))
        .execute(&app.db.pool)
        .await
        .unwrap();
}

/// What kinds of key file the site keeps (`site`, `pending`, `retired`), in name order.
fn key_files(dir: &std::path::Path) -> Vec<String> {
    let names: BTreeSet<String> = std::fs::read_dir(dir.join(KEY_DIR))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names
        .iter()
        .map(|name| name.split('-').next().unwrap_or_default().to_owned())
        .collect()
}

async fn a_site_rotates_its_key_and_the_former_one_vouches_for_it(app: TestApp) {
    let centre = centre(&app).await;
    let (dir, former) = enrolled(&app, &centre).await;
    let former_key = current(&dir);
    deliver(&centre, &former_key, &bundle("aachen", 1))
        .await
        .expect(201);
    let before = chrono::Utc::now();
    let outcome = announce::rotate_key(&dir, false).await.unwrap();
    assert_eq!(outcome.former, former);
    assert_ne!(outcome.current, former);
    assert!(!outcome.confirmed_again);
    let week = before + TimeDelta::days(7);
    assert!(
        outcome.former_until >= week && outcome.former_until < week + TimeDelta::minutes(1),
        "{}",
        outcome.former_until
    );
    let next_key = current(&dir);
    assert_eq!(next_key.public(), outcome.current);

    let fingerprint = outcome.current.fingerprint().to_string();
    let site = sites::by_fingerprint(&app.db, &fingerprint)
        .await
        .unwrap()
        .expect("the centre took the new key");
    assert_eq!(site.name, "aachen");
    assert_eq!(site.state, sites::SiteState::Accepted, "no new acceptance");
    assert_eq!(
        previous(&app, &site).await,
        [former.fingerprint().to_string()]
    );
    deliver(&centre, &next_key, &bundle("aachen", 2))
        .await
        .expect(201);
    // A bundle signed before the switch, still in flight.
    deliver(&centre, &former_key, &bundle("aachen", 3))
        .await
        .expect(201);
    assert_eq!(stored(&app, &site).await, [1, 2, 3]);
    std::fs::remove_dir_all(dir).unwrap();
}

async fn a_bundle_signed_with_the_former_key_is_refused_after_the_overlap(app: TestApp) {
    let (centre, site, former, next) = rotated_site(&app).await;
    end_overlaps(&app).await;
    let refused = deliver(&centre, &former, &bundle("aachen", 1))
        .await
        .expect(401);
    let unknown = deliver(&centre, &new_key(), &bundle("aachen", 1))
        .await
        .expect(401);
    assert_eq!(refused.code(), "unknown_site_key");
    assert_eq!(refused.json, unknown.json, "like an unknown key");
    assert_eq!(stored(&app, &site).await, Vec::<i64>::new());
    assert!(previous(&app, &site).await.is_empty());
    deliver(&centre, &next, &bundle("aachen", 1))
        .await
        .expect(201);
}

async fn an_announcement_signed_with_a_foreign_or_pending_key_is_refused(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let pending = new_key();
    enrol(&app, "berlin", &pending).await;
    let next = new_key();
    for signer in [&new_key(), &pending, &next] {
        let reply = announce_key(&centre, signer, next.public(), "foreign")
            .await
            .expect(401);
        assert_eq!(reply.code(), "unknown_site_key");
    }
    assert_untouched(&app, &site, &key).await;
}

async fn a_replayed_announcement_is_refused(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let (first, second) = (new_key(), new_key());
    let body = serde_json::to_vec(&json!({"public_key": first.public().to_base64()})).unwrap();
    let request = signed_to(&centre, KEYS_PATH, &key, &body, SystemTime::now(), "once");
    send(&centre, &request).await.expect(201);
    // The verbatim request again: its nonce was used.
    let replay = send(&centre, &request).await.expect(401);
    assert_eq!(replay.code(), "nonce_replayed");
    // Another announcement of the site under the used nonce.
    let reply = announce_key(&centre, &first, second.public(), "once")
        .await
        .expect(401);
    assert_eq!(reply.code(), "nonce_replayed");
    assert_current(&app, &site, &first).await;
    assert_eq!(nonces(&app, &site).await, 1);
}

async fn a_key_that_is_or_was_a_sites_is_refused(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let (berlin, berlin_key) = accepted_site(&app, "berlin").await;
    let pending = new_key();
    enrol(&app, "koeln", &pending).await;
    let berlin_next = new_key();
    announce_key(&centre, &berlin_key, berlin_next.public(), "berlin")
        .await
        .expect(201);
    // Berlin's current key, its former key, and a pending site's key.
    let taken = [berlin_next.public(), berlin_key.public(), pending.public()];
    for (i, other) in taken.into_iter().enumerate() {
        let reply = announce_key(&centre, &key, other, &format!("taken-{i}"))
            .await
            .expect(409);
        assert_eq!(reply.code(), "site_key_taken");
    }
    assert_untouched(&app, &site, &key).await;
    assert_current(&app, &berlin, &berlin_next).await;
    // Nor may a former key enrol as a new site.
    let enrolment = json!({"name": "dueren", "public_key": berlin_key.public().to_base64()});
    let reply = centre
        .post(
            quartier::federation::centre::ENROLMENTS_PATH,
            None,
            enrolment,
        )
        .await
        .expect(409);
    assert_eq!(reply.code(), "already_exists");
}

async fn a_replaced_key_vouches_for_no_further_key(app: TestApp) {
    let (centre, site, former, next) = rotated_site(&app).await;
    let stolen = new_key();
    let reply = announce_key(&centre, &former, stolen.public(), "second")
        .await
        .expect(401);
    assert_eq!(reply.code(), "retired_site_key");
    assert_current(&app, &site, &next).await;
    assert_eq!(
        previous(&app, &site).await,
        [former.public().fingerprint().to_string()]
    );
    // Announcing the key the centre already took again only confirms it.
    let again = announce_key(&centre, &former, next.public(), "third")
        .await
        .expect(200);
    assert_eq!(again.json["status"], "unchanged");
}

async fn a_rerun_after_a_lost_answer_finishes_the_same_rotation(app: TestApp) {
    let centre = centre(&app).await;
    let (dir, former) = enrolled(&app, &centre).await;
    // The first run made the next key and the centre took it, but the answer was lost.
    let Plan::Announce(lost) = rotation::plan(&dir, false, chrono::Utc::now()).unwrap() else {
        panic!("no rotation under way yet");
    };
    let next = lost.next.public();
    announce_key(&centre, &lost.current, next, "lost")
        .await
        .expect(201);
    drop(lost);
    assert_eq!(current(&dir).public(), former, "the site never heard back");

    let outcome = announce::rotate_key(&dir, false).await.unwrap();
    assert_eq!((outcome.former, outcome.current), (former, next));
    assert!(!outcome.confirmed_again);
    assert_eq!(current(&dir).public(), next);
    let files = key_files(&dir);
    assert_eq!(files, ["retired", "site"], "no third key");

    // Once more: the rotation is confirmed again, nothing new is made.
    let again = announce::rotate_key(&dir, false).await.unwrap();
    assert!(again.confirmed_again);
    assert_eq!(again.current, next);
    assert_eq!(key_files(&dir), files);

    // And after the centre's overlap ended, the new key confirms itself.
    end_overlaps(&app).await;
    let late = announce::rotate_key(&dir, false).await.unwrap();
    assert!(late.confirmed_again);
    assert_eq!(late.current, next);
    let site = sites::by_fingerprint(&app.db, &next.fingerprint().to_string())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(site.name, "aachen");
    deliver(&centre, &current(&dir), &bundle("aachen", 1))
        .await
        .expect(201);
    std::fs::remove_dir_all(dir).unwrap();
}

async fn a_further_rotation_within_the_overlap_keeps_each_former_key_until_its_own_end(
    app: TestApp,
) {
    let centre = centre(&app).await;
    let (dir, first) = enrolled(&app, &centre).await;
    let second = announce::rotate_key(&dir, false).await.unwrap().current;
    let third = announce::rotate_key(&dir, true).await.unwrap();
    assert_eq!(third.former, second);
    assert!(!third.confirmed_again);
    let site = sites::by_fingerprint(&app.db, &third.current.fingerprint().to_string())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        previous(&app, &site).await,
        [second, first].map(|key| key.fingerprint().to_string())
    );
    assert_eq!(key_files(&dir), ["retired", "retired", "site"]);
    std::fs::remove_dir_all(dir).unwrap();
}

async fn an_announcement_without_an_ed25519_key_is_refused(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let bodies = [
        (json!({"public_key": "a2V5"}), 422, "invalid"),
        (
            json!({"public_key": key.public().to_base64(), "name": "x"}),
            400,
            "malformed_json",
        ),
        (json!(["kein", "Schlüssel"]), 400, "malformed_json"),
    ];
    for (i, (body, status, code)) in bodies.into_iter().enumerate() {
        let body = serde_json::to_vec(&body).unwrap();
        let nonce = format!("bad-{i}");
        let request = signed_to(&centre, KEYS_PATH, &key, &body, SystemTime::now(), &nonce);
        let reply = send(&centre, &request).await.expect(status);
        assert_eq!(reply.code(), code);
    }
    let oversized = vec![b' '; 5 * 1024];
    let request = signed_to(
        &centre,
        KEYS_PATH,
        &key,
        &oversized,
        SystemTime::now(),
        "big",
    );
    send(&centre, &request).await.expect(413);
    assert_untouched(&app, &site, &key).await;
}

async fn a_host_that_is_no_centre_takes_no_key_announcements(app: TestApp) {
    let (site, key) = accepted_site(&app, "aachen").await;
    announce_key(&app, &key, new_key().public(), "nowhere")
        .await
        .expect(404);
    assert_untouched(&app, &site, &key).await;
}

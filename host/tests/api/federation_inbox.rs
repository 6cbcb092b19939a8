//! The centre's inbox (`federation::centre`): signed bundles applied once per site and
//! sequence number, gaps answered with the number to send from, every signature problem
//! and every key not accepted refused with 401 — each case with what is stored after it.

use std::time::{Duration, SystemTime};

use serde_json::json;

use crate::federation_centre::{
    accepted_site, bundle, centre, deliver, enrol, new_key, nonces, send, signed, stored,
};
use crate::support::TestApp;

crate::tests![
    a_signed_bundle_is_applied,
    a_bundle_delivered_twice_is_applied_once,
    a_bundle_delivered_many_times_at_once_is_applied_once,
    bundles_out_of_order_are_asked_for_again_and_applied_in_order,
    another_bundle_under_an_applied_sequence_number_is_a_conflict,
    a_tampered_body_is_refused,
    an_unknown_key_is_refused,
    a_pending_key_is_refused_like_an_unknown_one,
    an_expired_signature_is_refused,
    a_replayed_nonce_is_refused,
    a_bundle_breaking_the_schema_is_refused,
    a_bundle_in_another_sites_name_is_refused,
    a_host_that_is_no_centre_has_no_inbox,
];

async fn a_signed_bundle_is_applied(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let reply = deliver(&centre, &key, &bundle("aachen", 1))
        .await
        .expect(201);
    assert_eq!(reply.json["status"], "applied");
    assert_eq!(stored(&app, &site).await, [1]);
    assert_eq!(nonces(&app, &site).await, 1);
    let (period, municipality, document): (String, String, String) = sqlx::query_as(
        "SELECT period, municipality, bundle FROM federation_bundles WHERE site_id = $1",
    )
    .bind(site.id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((period.as_str(), municipality.as_str()), ("2025", "aachen"));
    let document: serde_json::Value = serde_json::from_str(&document).unwrap();
    assert_eq!(document, bundle("aachen", 1));
}

async fn a_bundle_delivered_twice_is_applied_once(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let first = deliver(&centre, &key, &bundle("aachen", 1))
        .await
        .expect(201);
    let again = deliver(&centre, &key, &bundle("aachen", 1))
        .await
        .expect(200);
    assert_eq!(again.json["status"], "duplicate");
    assert_eq!(again.json["message_id"], first.json["message_id"]);
    assert_eq!(stored(&app, &site).await, [1]);
    assert_eq!(nonces(&app, &site).await, 1, "a duplicate changes nothing");
}

async fn a_bundle_delivered_many_times_at_once_is_applied_once(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let key = std::sync::Arc::new(key);
    let deliveries: Vec<_> = (0..6)
        .map(|_| {
            let (centre, key) = (centre.clone(), key.clone());
            tokio::spawn(async move { deliver(&centre, &key, &bundle("aachen", 1)).await })
        })
        .collect();
    let mut statuses = Vec::new();
    for delivery in deliveries {
        statuses.push(delivery.await.unwrap().status);
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 201]);
    assert_eq!(stored(&app, &site).await, [1]);
    assert_eq!(nonces(&app, &site).await, 1);
}

async fn bundles_out_of_order_are_asked_for_again_and_applied_in_order(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let gap = deliver(&centre, &key, &bundle("aachen", 2))
        .await
        .expect(409);
    assert_eq!(gap.code(), "sequence_gap");
    assert_eq!(gap.json["expected"], 1);
    assert_eq!(stored(&app, &site).await, Vec::<i64>::new());
    assert_eq!(nonces(&app, &site).await, 0);
    deliver(&centre, &key, &bundle("aachen", 1))
        .await
        .expect(201);
    deliver(&centre, &key, &bundle("aachen", 2))
        .await
        .expect(201);
    assert_eq!(stored(&app, &site).await, [1, 2]);
    let gap = deliver(&centre, &key, &bundle("aachen", 5))
        .await
        .expect(409);
    assert_eq!(gap.json["expected"], 3);
}

async fn another_bundle_under_an_applied_sequence_number_is_a_conflict(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    deliver(&centre, &key, &bundle("aachen", 1))
        .await
        .expect(201);
    let mut changed = bundle("aachen", 1);
    changed["figures"]["meetings_held"] = json!(13);
    let reply = deliver(&centre, &key, &changed).await.expect(409);
    assert_eq!(reply.code(), "sequence_taken");
    let document: String =
        sqlx::query_scalar("SELECT bundle FROM federation_bundles WHERE site_id = $1")
            .bind(site.id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(document.contains("\"meetings_held\":12"), "{document}");
}

async fn a_tampered_body_is_refused(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let body = serde_json::to_vec(&bundle("aachen", 1)).unwrap();
    let mut request = signed(&centre, &key, &body, SystemTime::now(), "nonce-tampered");
    let tampered = String::from_utf8(body)
        .unwrap()
        .replace("\"meetings_held\":12", "\"meetings_held\":99");
    *request.body_mut() = tampered.into_bytes();
    let reply = send(&centre, &request).await.expect(401);
    assert_eq!(reply.code(), "digest_mismatch");
    assert_eq!(stored(&app, &site).await, Vec::<i64>::new());
    assert_eq!(nonces(&app, &site).await, 0);
}

async fn an_unknown_key_is_refused(app: TestApp) {
    let centre = centre(&app).await;
    let (site, _key) = accepted_site(&app, "aachen").await;
    let stranger = new_key();
    let reply = deliver(&centre, &stranger, &bundle("aachen", 1))
        .await
        .expect(401);
    assert_eq!(reply.code(), "unknown_site_key");
    assert_eq!(stored(&app, &site).await, Vec::<i64>::new());
    assert_eq!(nonces(&app, &site).await, 0);
}

async fn a_pending_key_is_refused_like_an_unknown_one(app: TestApp) {
    let centre = centre(&app).await;
    let key = new_key();
    let site = enrol(&app, "aachen", &key).await;
    let pending = deliver(&centre, &key, &bundle("aachen", 1))
        .await
        .expect(401);
    let unknown = deliver(&centre, &new_key(), &bundle("aachen", 1))
        .await
        .expect(401);
    assert_eq!(pending.code(), "unknown_site_key");
    assert_eq!(pending.json, unknown.json);
    assert_eq!(stored(&app, &site).await, Vec::<i64>::new());
    assert_eq!(nonces(&app, &site).await, 0);
}

async fn an_expired_signature_is_refused(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let body = serde_json::to_vec(&bundle("aachen", 1)).unwrap();
    let ten_minutes_ago = SystemTime::now() - Duration::from_secs(600);
    let request = signed(&centre, &key, &body, ten_minutes_ago, "nonce-old");
    let reply = send(&centre, &request).await.expect(401);
    assert_eq!(reply.code(), "signature_expired");
    assert_eq!(stored(&app, &site).await, Vec::<i64>::new());
    assert_eq!(nonces(&app, &site).await, 0);
}

async fn a_replayed_nonce_is_refused(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let first = serde_json::to_vec(&bundle("aachen", 1)).unwrap();
    let request = signed(&centre, &key, &first, SystemTime::now(), "nonce-once");
    send(&centre, &request).await.expect(201);
    // The verbatim request again: its nonce was used.
    let replay = send(&centre, &request).await.expect(401);
    assert_eq!(replay.code(), "nonce_replayed");
    // A fresh sequence number under the used nonce.
    let second = serde_json::to_vec(&bundle("aachen", 2)).unwrap();
    let request = signed(&centre, &key, &second, SystemTime::now(), "nonce-once");
    let reply = send(&centre, &request).await.expect(401);
    assert_eq!(reply.code(), "nonce_replayed");
    assert_eq!(stored(&app, &site).await, [1]);
    assert_eq!(nonces(&app, &site).await, 1);
}

async fn a_bundle_breaking_the_schema_is_refused(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let mut broken = bundle("aachen", 1);
    broken["figures"]["names"] = json!(["Erika Mustermann"]);
    let reply = deliver(&centre, &key, &broken).await.expect(422);
    assert_eq!(reply.code(), "bundle_invalid");
    assert_eq!(stored(&app, &site).await, Vec::<i64>::new());
    assert_eq!(nonces(&app, &site).await, 0);
}

async fn a_bundle_in_another_sites_name_is_refused(app: TestApp) {
    let centre = centre(&app).await;
    let (site, key) = accepted_site(&app, "aachen").await;
    let reply = deliver(&centre, &key, &bundle("berlin", 1))
        .await
        .expect(422);
    assert_eq!(reply.code(), "bundle_foreign_site");
    assert_eq!(stored(&app, &site).await, Vec::<i64>::new());
    assert_eq!(nonces(&app, &site).await, 0);
}

async fn a_host_that_is_no_centre_has_no_inbox(app: TestApp) {
    let (site, key) = accepted_site(&app, "aachen").await;
    deliver(&app, &key, &bundle("aachen", 1)).await.expect(404);
    assert_eq!(stored(&app, &site).await, Vec::<i64>::new());
    assert_eq!(nonces(&app, &site).await, 0);
}

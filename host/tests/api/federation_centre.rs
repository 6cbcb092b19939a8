//! Helpers of the federation tests: a server of this test's database in centre mode, site
//! keys, bundles and signed deliveries.

use std::time::SystemTime;

use quartier::config::{CentreSettings, Settings};
use quartier::federation::bundle::SiteId;
use quartier::federation::centre::BUNDLES_PATH;
use quartier::federation::centre::sites::{self, Site};
use quartier::federation::signature;
use quartier::federation::site_key::SiteKey;
use serde_json::{Value, json};

use crate::support::{Reply, TestApp};

/// A server on the test's database in centre mode, with its own key.
pub async fn centre(app: &TestApp) -> TestApp {
    centre_with_key(app).await.0
}

/// [`centre`] and the centre's key.
pub async fn centre_with_key(app: &TestApp) -> (TestApp, SiteKey) {
    let key = new_key();
    let mut settings = Settings::for_database("");
    settings.centre = Some(CentreSettings {
        public_key: key.public().to_base64(),
    });
    (app.with_settings(settings).await.0, key)
}

/// A fresh site key in a directory of its own.
pub fn new_key() -> SiteKey {
    let dir = std::env::temp_dir().join(format!("quartier-site-{}", uuid::Uuid::now_v7()));
    SiteKey::load_or_create(&dir).unwrap().0
}

/// Enrols `name` with `key`, pending.
pub async fn enrol(app: &TestApp, name: &str, key: &SiteKey) -> Site {
    let name = SiteId::try_from(name.to_owned()).unwrap();
    sites::enrol(&app.db, &name, key.public()).await.unwrap()
}

/// Enrols `name` with a new key and accepts it.
pub async fn accepted_site(app: &TestApp, name: &str) -> (Site, SiteKey) {
    let key = new_key();
    let site = enrol(app, name, &key).await;
    let site = sites::accept(&app.db, &site.fingerprint).await.unwrap();
    (site, key)
}

/// A valid bundle of `site` with this sequence number: every count suppressed but two.
pub fn bundle(site: &str, sequence: u64) -> Value {
    let none = json!({"by_kind": [], "total": null});
    json!({
        "format": 1, "site": site, "municipality": "aachen", "area": null,
        "period": "2025", "sequence": sequence, "threshold": 5,
        "figures": {
            "bodies": none,
            "meetings_held": 12,
            "attendance": {"present": null, "excused": null, "absent": null, "total": null},
            "funds": {
                "applications_received": 8, "applications_approved": null,
                "decided_cents": null, "payouts": null, "paid_cents": null
            },
            "concerns": {"received": null, "answered": null, "median_days_to_feedback": null},
            "projects": {"by_field_of_action": [], "by_state": [], "total": null},
            "network": {"organisations": none, "memberships": null, "persons": null}
        }
    })
}

/// `body` signed with `key` as of `created` with `nonce`, as it goes over the wire.
pub fn signed(
    centre: &TestApp,
    key: &SiteKey,
    body: &[u8],
    created: SystemTime,
    nonce: &str,
) -> axum::http::Request<Vec<u8>> {
    signed_to(centre, BUNDLES_PATH, key, body, created, nonce)
}

/// [`signed`] for another path of the centre.
pub fn signed_to(
    centre: &TestApp,
    path: &str,
    key: &SiteKey,
    body: &[u8],
    created: SystemTime,
    nonce: &str,
) -> axum::http::Request<Vec<u8>> {
    let mut request = axum::http::Request::post(format!("{}{path}", centre.base))
        .header("content-type", "application/json")
        .body(body.to_vec())
        .unwrap();
    signature::sign_at(&mut request, key, created, nonce).unwrap();
    request
}

/// Sends a signed request as it is, to the path it was signed for.
pub async fn send(centre: &TestApp, request: &axum::http::Request<Vec<u8>>) -> Reply {
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    centre
        .send(
            reqwest::Method::POST,
            request.uri().path(),
            None,
            &headers,
            Some(request.body().clone()),
        )
        .await
}

/// Signs `bundle` now with a fresh nonce and delivers it.
pub async fn deliver(centre: &TestApp, key: &SiteKey, bundle: &Value) -> Reply {
    let body = serde_json::to_vec(bundle).unwrap();
    let nonce = uuid::Uuid::now_v7().simple().to_string();
    send(
        centre,
        &signed(centre, key, &body, SystemTime::now(), &nonce),
    )
    .await
}

/// The sequence numbers stored for the site, in order.
pub async fn stored(app: &TestApp, site: &Site) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT sequence FROM federation_bundles WHERE site_id = $1 ORDER BY sequence",
    )
    .bind(site.id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

/// How many nonces are remembered for the site.
pub async fn nonces(app: &TestApp, site: &Site) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM federation_nonces WHERE site_id = $1")
        .bind(site.id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

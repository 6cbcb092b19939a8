//! One delivery case each against a running centre: the site closes two half-years with the
//! operator's command (no `serve` of its own, so nothing goes out by itself), and the test
//! sends the outbox's bundles signed with the site's own key — as they are, twice, out of
//! order, altered after signing, under a key the centre never accepted, signed too long
//! ago, and replayed byte for byte.

use std::time::{Duration, SystemTime};

use quartier::federation::centre::BUNDLES_PATH;
use quartier::federation::signature;
use quartier::federation::site_key::SiteKey;
use serde_json::Value;

use super::{Centre, Site, directory};
use crate::host::Server;

/// A centre, and a site it accepted with two bundles in its outbox.
struct Setup {
    centre: Centre,
    _server: Server,
    site: Site,
    key: SiteKey,
    /// The bundles' bytes, sequence 1 and 2.
    bundles: [Vec<u8>; 2],
}

impl Setup {
    async fn new() -> anyhow::Result<Setup> {
        let centre = Centre::new(None)?;
        let server = centre.serve(&[]).await?;
        let site = Site::new("standort-a", None)?;
        site.enrol_at(&centre)?;
        site.close("2025-H1")?;
        site.close("2025-H2")?;
        let outbox = site.outbox().await?;
        let [(1, _, _, first), (2, _, _, second)] = &outbox[..] else {
            anyhow::bail!("outbox: {outbox:?}");
        };
        let bundles = [first.clone().into_bytes(), second.clone().into_bytes()];
        Ok(Setup {
            key: site.key()?,
            centre,
            _server: server,
            site,
            bundles,
        })
    }

    /// `body` signed with `key` as of `created`, ready to send.
    fn signed(
        &self,
        key: &SiteKey,
        body: &[u8],
        created: SystemTime,
    ) -> anyhow::Result<axum::http::Request<Vec<u8>>> {
        let mut request =
            axum::http::Request::post(format!("{}{BUNDLES_PATH}", self.centre.base()))
                .header("content-type", "application/json")
                .body(body.to_vec())?;
        signature::sign(&mut request, key, created)?;
        Ok(request)
    }

    /// The bundle with `sequence`, signed now with the site's key and sent.
    async fn deliver(&self, sequence: usize) -> anyhow::Result<(u16, Value)> {
        let request = self.signed(&self.key, &self.bundles[sequence - 1], SystemTime::now())?;
        send(&request).await
    }

    /// The sequence numbers the centre applied.
    async fn applied(&self) -> anyhow::Result<Vec<i64>> {
        Ok(self
            .centre
            .applied()
            .await?
            .into_iter()
            .map(|(_, sequence, _)| sequence)
            .collect())
    }

    fn remove(self) {
        self.site.remove();
        self.centre.remove();
    }
}

/// Sends a signed request as it is; the status and the JSON answer.
async fn send(request: &axum::http::Request<Vec<u8>>) -> anyhow::Result<(u16, Value)> {
    let mut headers = reqwest::header::HeaderMap::new();
    for (name, value) in request.headers() {
        headers.insert(name.clone(), value.clone());
    }
    let response = reqwest::Client::new()
        .post(request.uri().to_string())
        .headers(headers)
        .body(request.body().clone())
        .send()
        .await?;
    let status = response.status().as_u16();
    Ok((status, response.json().await.unwrap_or_default()))
}

fn ensure_answer(
    answer: &(u16, Value),
    status: u16,
    field: &str,
    value: &str,
) -> anyhow::Result<()> {
    anyhow::ensure!(
        answer.0 == status && answer.1[field] == value,
        "expected {status} with {field} {value}: {answer:?}"
    );
    Ok(())
}

pub async fn the_same_bundle_delivered_twice_is_applied_once() -> anyhow::Result<()> {
    let s = Setup::new().await?;
    ensure_answer(&s.deliver(1).await?, 201, "status", "applied")?;
    ensure_answer(&s.deliver(1).await?, 200, "status", "duplicate")?;
    anyhow::ensure!(s.applied().await? == [1]);
    s.remove();
    Ok(())
}

pub async fn bundles_out_of_order_are_applied_in_order() -> anyhow::Result<()> {
    let s = Setup::new().await?;
    let gap = s.deliver(2).await?;
    ensure_answer(&gap, 409, "code", "sequence_gap")?;
    anyhow::ensure!(gap.1["expected"] == 1, "{gap:?}");
    anyhow::ensure!(s.applied().await?.is_empty());
    ensure_answer(&s.deliver(1).await?, 201, "status", "applied")?;
    ensure_answer(&s.deliver(2).await?, 201, "status", "applied")?;
    anyhow::ensure!(s.applied().await? == [1, 2]);
    s.remove();
    Ok(())
}

pub async fn a_bundle_altered_after_signing_is_refused() -> anyhow::Result<()> {
    let s = Setup::new().await?;
    let mut request = s.signed(&s.key, &s.bundles[0], SystemTime::now())?;
    let altered = String::from_utf8(s.bundles[0].clone())?.replace("\"2025-H1\"", "\"2025-H2\"");
    anyhow::ensure!(altered.as_bytes() != s.bundles[0]);
    *request.body_mut() = altered.into_bytes();
    let refused = send(&request).await?;
    anyhow::ensure!(refused.0 == 401, "{refused:?}");
    anyhow::ensure!(s.applied().await?.is_empty());
    ensure_answer(&s.deliver(1).await?, 201, "status", "applied")?;
    s.remove();
    Ok(())
}

pub async fn a_bundle_under_a_foreign_or_pending_key_is_refused() -> anyhow::Result<()> {
    let s = Setup::new().await?;
    let stranger_dir = directory("stranger")?;
    let stranger = SiteKey::load_or_create(&stranger_dir)?.0;
    let foreign = send(&s.signed(&stranger, &s.bundles[0], SystemTime::now())?).await?;
    ensure_answer(&foreign, 401, "code", "unknown_site_key")?;
    // Enrolled under the same name, never accepted: refused the same way.
    let output = std::process::Command::new(crate::host::binary())
        .args([
            "federation",
            "enrol",
            "--centre",
            &s.centre.base(),
            "--name",
            "standort-a",
        ])
        .args(["--data-dir", stranger_dir.to_str().unwrap_or_default()])
        .output()?;
    anyhow::ensure!(output.status.success(), "{output:?}");
    let pending = send(&s.signed(&stranger, &s.bundles[0], SystemTime::now())?).await?;
    ensure_answer(&pending, 401, "code", "unknown_site_key")?;
    anyhow::ensure!(s.applied().await?.is_empty());
    let _ = std::fs::remove_dir_all(stranger_dir);
    s.remove();
    Ok(())
}

pub async fn a_bundle_signed_too_long_ago_or_ahead_is_refused() -> anyhow::Result<()> {
    let s = Setup::new().await?;
    let six_minutes = Duration::from_secs(6 * 60);
    for created in [
        SystemTime::now() - six_minutes,
        SystemTime::now() + six_minutes,
    ] {
        let refused = send(&s.signed(&s.key, &s.bundles[0], created)?).await?;
        anyhow::ensure!(refused.0 == 401, "{refused:?}");
    }
    anyhow::ensure!(s.applied().await?.is_empty());
    s.remove();
    Ok(())
}

pub async fn a_replayed_delivery_is_refused() -> anyhow::Result<()> {
    let s = Setup::new().await?;
    let request = s.signed(&s.key, &s.bundles[0], SystemTime::now())?;
    ensure_answer(&send(&request).await?, 201, "status", "applied")?;
    let replayed = send(&request).await?;
    ensure_answer(&replayed, 401, "code", "nonce_replayed")?;
    anyhow::ensure!(s.applied().await? == [1]);
    s.remove();
    Ok(())
}

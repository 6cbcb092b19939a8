//! The centre killed with SIGKILL in the middle of applying a bundle — written, not yet
//! committed (held there by the debug build's fault seam,
//! `QUARTIER_FAULT_PAUSE_BEFORE_APPLY_MS`) — and started again: the site's `serve` retries
//! on its own, and the bundle is applied exactly once.

use std::time::{Duration, Instant};

use super::{Centre, Site};
use crate::host::on_postgres;

pub async fn a_centre_killed_while_applying_takes_the_bundle_once_on_sqlite() -> anyhow::Result<()>
{
    scenario(None).await
}

pub async fn a_centre_killed_while_applying_takes_the_bundle_once_on_postgres() -> anyhow::Result<()>
{
    on_postgres(|url| async move { scenario(Some(url)).await }).await
}

async fn scenario(centre_db: Option<String>) -> anyhow::Result<()> {
    let centre = Centre::new(centre_db)?;
    let paused = centre
        .serve(&[("QUARTIER_FAULT_PAUSE_BEFORE_APPLY_MS", "20000")])
        .await?;
    let site = Site::new("standort-a", None)?;
    site.enrol_at(&centre)?;
    let _site = site.serve().await?;
    site.close("2025")?;

    // The site's next round (within its idle pause) reaches the seam.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !centre.log().contains("fault injection") {
        anyhow::ensure!(
            Instant::now() < deadline,
            "the delivery never reached the centre: {}",
            centre.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    paused.kill()?;
    anyhow::ensure!(
        centre.applied().await?.is_empty(),
        "a bundle killed before its commit was kept"
    );

    let _centre = centre.serve(&[]).await?;
    let applied = centre.await_applied(1, Duration::from_secs(30)).await?;
    anyhow::ensure!(
        applied == [("standort-a".to_owned(), 1, "2025".to_owned())],
        "{applied:?}"
    );
    let outbox = site.outbox().await?;
    let [(1, state, attempts, _)] = &outbox[..] else {
        anyhow::bail!("outbox: {outbox:?}");
    };
    // The attempt cut off by the kill, then the one that was applied.
    anyhow::ensure!(state == "sent" && *attempts >= 2, "{outbox:?}");
    tokio::time::sleep(Duration::from_secs(1)).await;
    anyhow::ensure!(centre.applied().await?.len() == 1);
    site.remove();
    centre.remove();
    Ok(())
}

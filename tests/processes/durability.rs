//! A resident's submission is never lost: the server is killed with SIGKILL in the middle of
//! a burst of public concern submissions, a few times over, and after each restart every
//! concern whose receipt (201) reached its sender is stored with its intake event and its
//! audit entry; no concern is stored half (without event or audit entry); on SQLite the
//! database passes `PRAGMA integrity_check`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use sqlx::Connection;

use crate::host::{Server, aachen, on_postgres};

/// Kill-and-restart rounds per database; each adds a burst of a second or so.
const ROUNDS: u64 = 3;
/// Clients submitting at once, as many as a busy evening's form might see.
const SUBMITTERS: usize = 16;

pub async fn acknowledged_submissions_survive_sigkill_on_sqlite() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("quartier-e2e-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir)?;
    let url = format!("sqlite://{}/quartier.db", dir.display());
    let outcome = scenario(&url).await;
    if outcome.is_ok() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    outcome
}

pub async fn acknowledged_submissions_survive_sigkill_on_postgres() -> anyhow::Result<()> {
    on_postgres(|url| async move { scenario(&url).await }).await
}

async fn scenario(url: &str) -> anyhow::Result<()> {
    aachen(url)?;
    let mut acknowledged = Vec::new();
    for round in 0..ROUNDS {
        let server =
            Server::start_with(url, &["--public-submissions-per-10-min", "1000000"], None).await?;
        // A different moment in the burst each round.
        let burst = Duration::from_millis(600 + 300 * round);
        let references = burst_until_killed(server, burst).await?;
        anyhow::ensure!(
            !references.is_empty(),
            "round {round}: no submission was acknowledged before the kill"
        );
        acknowledged.extend(references);
        check_stored(url, &acknowledged).await?;
    }
    // The restarted server serves the survivors.
    let server = Server::start(url).await?;
    let categories = reqwest::get(format!(
        "{}/api/v1/municipalities/aachen/concern-categories",
        server.base
    ))
    .await?;
    anyhow::ensure!(
        categories.status() == 200,
        "after the kills: {}",
        categories.status()
    );
    Ok(())
}

/// Submits from [`SUBMITTERS`] clients until `burst` has passed, kills the server with
/// SIGKILL while requests are in flight, and returns the references of the receipts that
/// arrived.
async fn burst_until_killed(server: Server, burst: Duration) -> anyhow::Result<Vec<String>> {
    let url = format!(
        "{}/api/v1/municipalities/aachen/public/concerns",
        server.base
    );
    let references = Arc::new(Mutex::new(Vec::new()));
    let client = reqwest::Client::new();
    let mut submitters = tokio::task::JoinSet::new();
    for n in 0..SUBMITTERS {
        let (client, url, references) = (client.clone(), url.clone(), references.clone());
        submitters.spawn(async move {
            for i in 0.. {
                let concern = json!({
                    "category": "wilder_muell",
                    "text": format!("Sperrmüll am Kennedypark, Meldung {n}-{i}."),
                    "website": ""
                });
                // After the kill every request fails: the submitter stops.
                let Ok(response) = client.post(&url).json(&concern).send().await else {
                    return Ok::<(), anyhow::Error>(());
                };
                let status = response.status();
                let Ok(receipt) = response.json::<serde_json::Value>().await else {
                    return Ok(());
                };
                anyhow::ensure!(status == 201, "submission answered {status}: {receipt}");
                let reference = receipt["reference"].as_str().unwrap_or_default().to_owned();
                references.lock().expect("not poisoned").push(reference);
            }
            Ok(())
        });
    }
    tokio::time::sleep(burst).await;
    server.kill()?;
    while let Some(submitter) = submitters.join_next().await {
        submitter??;
    }
    let references = references.lock().expect("not poisoned").clone();
    Ok(references)
}

/// Every acknowledged concern is stored with event and audit entry; no concern lacks either.
async fn check_stored(url: &str, acknowledged: &[String]) -> anyhow::Result<()> {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await?;
    for reference in acknowledged {
        let (events, audits): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM concern_events e WHERE e.concern_id = c.id),
                    (SELECT COUNT(*) FROM audit_log a WHERE a.object_id = c.id)
             FROM concerns c WHERE c.reference = $1",
        )
        .bind(reference)
        .fetch_optional(&mut conn)
        .await?
        .ok_or_else(|| anyhow::anyhow!("acknowledged concern {reference} is lost"))?;
        anyhow::ensure!(
            events == 1 && audits == 1,
            "concern {reference}: {events} intake events, {audits} audit entries"
        );
    }
    let half: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM concerns c
         WHERE NOT EXISTS (SELECT 1 FROM concern_events e WHERE e.concern_id = c.id)
            OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.object_id = c.id)",
    )
    .fetch_one(&mut conn)
    .await?;
    anyhow::ensure!(
        half == 0,
        "{half} concerns stored without event or audit entry"
    );
    if url.starts_with("sqlite:") {
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await?;
        anyhow::ensure!(integrity == "ok", "integrity_check: {integrity}");
    }
    conn.close().await?;
    Ok(())
}

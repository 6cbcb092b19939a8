//! Several stateless host processes behind a load balancer share one PostgreSQL database
//! (docs/architecture.md, "Storage rules"): what one writes, the other serves, and concurrency control holds
//! across processes.

use serde_json::json;

use crate::host::{Server, aachen, cli, on_postgres};

pub async fn two_serve_processes_on_one_postgres_database_serve_the_same_data() -> anyhow::Result<()>
{
    on_postgres(|url| async move { scenario(&url).await }).await
}

async fn scenario(url: &str) -> anyhow::Result<()> {
    aachen(url)?;
    cli(
        url,
        &[
            "create-user",
            "--username",
            "qm",
            "--role",
            "qm",
            "--municipality",
            "aachen",
        ],
    )?;
    let token = cli(url, &["create-token", "--username", "qm"])?
        .trim()
        .to_owned();

    let (one, two) = tokio::try_join!(Server::start(url), Server::start(url))?;
    let client = reqwest::Client::new();
    let bodies = "/api/v1/municipalities/aachen/bodies";

    let created = client
        .post(format!("{}{bodies}", one.base))
        .bearer_auth(&token)
        .json(&json!({"kind": "runder_tisch", "name": "Runder Tisch Aachen-Ost"}))
        .send()
        .await?;
    anyhow::ensure!(
        created.status() == 201,
        "create through process one: {}",
        created.status()
    );
    let id = created.json::<serde_json::Value>().await?["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    let read = client
        .get(format!("{}{bodies}/{id}", two.base))
        .send()
        .await?;
    anyhow::ensure!(
        read.status() == 200,
        "read through process two: {}",
        read.status()
    );
    let etag = read.headers()["etag"].to_str()?.to_owned();
    let body: serde_json::Value = read.json().await?;
    anyhow::ensure!(
        body["name"] == "Runder Tisch Aachen-Ost",
        "process two serves what process one wrote"
    );

    let edit = |base: String, name: &'static str| {
        let (client, token, etag) = (client.clone(), token.clone(), etag.clone());
        let path = format!("{base}{bodies}/{id}");
        async move {
            client
                .put(path)
                .bearer_auth(token)
                .header("if-match", etag)
                .json(&json!({"kind": "runder_tisch", "name": name}))
                .send()
                .await
                .map(|r| r.status().as_u16())
        }
    };
    let (a, b) = tokio::try_join!(
        edit(one.base.clone(), "Nord"),
        edit(two.base.clone(), "Süd")
    )?;
    let mut statuses = [a, b];
    statuses.sort();
    anyhow::ensure!(
        statuses == [200, 412],
        "one edit wins across processes, the other gets 412: {statuses:?}"
    );

    anyhow::ensure!(one.terminate()?, "process one exits cleanly on SIGTERM");
    anyhow::ensure!(two.terminate()?, "process two exits cleanly on SIGTERM");
    Ok(())
}

pub async fn a_serve_process_stops_cleanly_on_sigterm() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("quartier-e2e-{}", uuid::Uuid::now_v7().simple()));
    let url = format!("sqlite://{}/quartier.db", dir.display());
    let server = Server::start(&url).await?;
    let health = reqwest::get(format!("{}/healthz", server.base)).await?;
    anyhow::ensure!(health.status() == 200);
    let clean = server.terminate()?;
    let _ = std::fs::remove_dir_all(&dir);
    anyhow::ensure!(clean, "exit status after SIGTERM is success");
    Ok(())
}

//! Shared items across real processes: site A's coordination releases a dossier through
//! A's API; A's own `serve` delivers it to the centre; site B's staff find it through B's
//! API, which asks the centre with B's key; A withdraws it and it is gone from B's search.
//! Site B runs on PostgreSQL, A and the centre on SQLite.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{Centre, Site};
use crate::host::{Server, cli, on_postgres};

/// A token of a new user of `aachen` at `site` with `role`.
fn token(site: &Site, username: &str, role: &str) -> anyhow::Result<String> {
    cli(
        &site.db,
        &[
            "create-user",
            "--username",
            username,
            "--role",
            role,
            "--municipality",
            "aachen",
        ],
    )?;
    let printed = cli(&site.db, &["create-token", "--username", username])?;
    Ok(printed.trim().to_owned())
}

/// B's search of the catalogue for `q`, by its API.
async fn search(server: &Server, token: &str, q: &str) -> anyhow::Result<Value> {
    let url = format!(
        "{}/api/v1/municipalities/aachen/exchange/catalogue",
        server.base
    );
    let response = reqwest::Client::new()
        .get(url)
        .query(&[("q", q)])
        .bearer_auth(token)
        .send()
        .await?;
    anyhow::ensure!(response.status() == 200, "search: {}", response.status());
    Ok(response.json().await?)
}

/// Searches until the catalogue holds `total` matches, at most `within`.
async fn until_total(
    server: &Server,
    token: &str,
    q: &str,
    total: u64,
    within: Duration,
) -> anyhow::Result<Value> {
    let deadline = Instant::now() + within;
    loop {
        let found = search(server, token, q).await?;
        if found["total"].as_u64() == Some(total) || Instant::now() > deadline {
            return Ok(found);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

pub async fn a_released_item_travels_to_other_sites_and_a_withdrawal_follows() -> anyhow::Result<()>
{
    on_postgres(|postgres| async move {
        let centre = Centre::new(None)?;
        let _centre = centre.serve(&[]).await?;
        let a = Site::new("standort-a", None)?;
        let b = Site::new("standort-b", Some(postgres))?;
        a.enrol_at(&centre)?;
        b.enrol_at(&centre)?;
        let coordination = token(&a, "koordination", "coordinator")?;
        let qm = token(&b, "qm", "qm")?;
        let served_a = a.serve().await?;
        let served_b = b.serve().await?;

        let items = format!(
            "{}/api/v1/municipalities/aachen/exchange/items",
            served_a.base
        );
        let client = reqwest::Client::new();
        let released: Value = client
            .post(&items)
            .bearer_auth(&coordination)
            .json(&json!({
                "kind": "tender",
                "title": "Ausschreibung Quartiersmanagement Nordstadt 2027–2030",
                "summary": "Leistungsbeschreibung und Bewertungsmatrix der Vergabe.",
                "date": "2027-01-31"
            }))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let id = released["id"].as_str().unwrap_or_default().to_owned();

        // A's delivery rounds take it to the centre; B's staff find it.
        let within = Duration::from_secs(30);
        let found = until_total(&served_b, &qm, "nordstadt bewertungsmatrix", 1, within).await?;
        let listed = &found["items"][0];
        anyhow::ensure!(
            listed["site"] == "standort-a" && listed["id"] == id.as_str(),
            "{found}"
        );
        anyhow::ensure!(listed["item"]["date"] == "2027-01-31", "{found}");

        let withdraw = format!("{items}/{id}/withdraw");
        client
            .post(&withdraw)
            .bearer_auth(&coordination)
            .send()
            .await?
            .error_for_status()?;
        let found = until_total(&served_b, &qm, "nordstadt", 0, within).await?;
        anyhow::ensure!(
            found["total"] == 0,
            "still listed after the withdrawal: {found}"
        );
        // A's outbox has both revisions delivered.
        let mine: Value = client
            .get(&items)
            .bearer_auth(&coordination)
            .send()
            .await?
            .json()
            .await?;
        let item = &mine["items"][0];
        anyhow::ensure!(
            item["revision"] == 2 && item["delivery"] == "sent",
            "{mine}"
        );
        a.remove();
        b.remove();
        centre.remove();
        Ok(())
    })
    .await
}

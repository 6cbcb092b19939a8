//! Benchmark target for a neighbour's hostile form schema: in one process, the demo's
//! `aachen` (Aachen's plugin active) and a neighbour `nachbar` whose plugin
//! (`hostile_exponential_schema`) adapts the concern form into a schema that is exponential
//! to evaluate. `bench/neighbour_schema.sh` loads Aachen's public concern form alone and
//! while clients submit to the neighbour's, and compares Aachen's latency.
//!
//! Usage: `bench_neighbour_server DATABASE_URL PORT`. The intake's rate limit is lifted (all
//! load comes from one address). Checks that a submission to either municipality is taken
//! (the neighbour's falls back to the base form and waits for manual review), then prints
//! `body …` and `ready` and serves until killed.

use anyhow::Context;
use quartier::config::Settings;
use quartier::db::Db;
use serde_json::{Value, json};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, port] = args.as_slice() else {
        anyhow::bail!("usage: bench_neighbour_server DATABASE_URL PORT");
    };
    let db = Db::connect(url, quartier::config::DEFAULT_MAX_CONNECTIONS).await?;
    db.migrate().await?;
    quartier::demo::seed(&db).await?;
    quartier::network::create_municipality(&db, "nachbar", "Nachbarstadt").await?;
    let mut settings = Settings::for_database(url.clone());
    settings.public_intake.submissions_per_window = u32::MAX;
    for (slug, plugin) in [
        ("aachen", "quartier_plugin_aachen"),
        ("nachbar", "hostile_exponential_schema"),
    ] {
        let component = quartier_plugin_components::get(plugin)
            .with_context(|| format!("{plugin} was not built"))?
            .to_vec();
        let line =
            quartier::demo::plugin::activate_for(&db, settings.plugins.clone(), slug, component)
                .await?;
        eprintln!("{slug}: {line}");
    }
    let app = quartier::app::router(db.clone(), settings);
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    tokio::spawn(quartier::app::serve(listener, app, std::future::pending()));

    let body = json!({
        "category": "wilder_muell",
        "text": "Neben den Containern am Kennedypark liegen seit Tagen Sperrmüll und Säcke.",
        "website": ""
    });
    let client = reqwest::Client::new();
    for (slug, manual_review) in [("aachen", false), ("nachbar", true)] {
        let response = client
            .post(format!(
                "http://127.0.0.1:{port}/api/v1/municipalities/{slug}/public/concerns"
            ))
            .json(&body)
            .send()
            .await?;
        let status = response.status();
        let receipt: Value = response.json().await?;
        anyhow::ensure!(status == 201, "{slug}: {status} {receipt}");
        anyhow::ensure!(
            receipt["manual_review"] == manual_review,
            "{slug}: manual review should be {manual_review}: {receipt}"
        );
    }
    println!("body {body}");
    println!("ready");
    std::future::pending::<()>().await;
    Ok(())
}

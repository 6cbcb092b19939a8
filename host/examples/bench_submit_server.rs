//! Benchmark target for the public form submission end to end: the real application with the
//! Aachen plugin active serves `POST …/aachen/public/concerns` (JSON Schema check, the
//! plugin's `validate`, routing and the commit) and, on a second port, a bare axum handler
//! takes the same JSON body and answers 201 with a receipt of the same size, checking and
//! writing nothing. Measuring both in one run (see `bench/submit.sh`) separates our cost from
//! the machine's drift.
//!
//! Usage: `bench_submit_server DATABASE_URL APP_PORT BARE_PORT`. The intake's rate limit is
//! lifted (all load comes from one address); `QUARTIER_PLUGIN_CALLS_PER_MUNICIPALITY` applies
//! as in `quartier serve`. Submits the concern once to warm up and check
//! that the plugin accepts it, then prints what to load (`path …`, `body …`, `stored …` = the
//! concerns stored before the load) and `ready`, and serves until killed.

use anyhow::Context;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::routing::post;
use axum::{Json, Router};
use quartier::config::Settings;
use quartier::db::Db;
use serde_json::{Value, json};

const PATH: &str = "/api/v1/municipalities/aachen/public/concerns";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, app_port, bare_port] = args.as_slice() else {
        anyhow::bail!("usage: bench_submit_server DATABASE_URL APP_PORT BARE_PORT");
    };
    let db = Db::connect(url, quartier::config::DEFAULT_MAX_CONNECTIONS).await?;
    db.migrate().await?;
    quartier::demo::seed(&db).await?;
    let mut settings = Settings::for_database(url.clone());
    settings.public_intake.submissions_per_window = u32::MAX;
    // The one plugin knob that shapes this path, read as `quartier serve` reads it.
    if let Some(n) = std::env::var("QUARTIER_PLUGIN_CALLS_PER_MUNICIPALITY")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        settings.plugins.calls_per_municipality = n.max(1);
    }
    let component = quartier_plugin_components::get("quartier_plugin_aachen")
        .context("the Aachen plugin was not built")?
        .to_vec();
    let plugin_line =
        quartier::demo::plugin::activate(&db, settings.plugins.clone(), component).await?;
    eprintln!("{plugin_line}");

    let app = quartier::app::router(db.clone(), settings);
    let app_listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{app_port}")).await?;
    tokio::spawn(quartier::app::serve(
        app_listener,
        app,
        std::future::pending(),
    ));

    // One submission through the real app: compiles the plugin in the app's runtime, checks
    // the concern passes Aachen's rules, and gives the receipt the bare handler mirrors.
    let body = json!({
        "category": "wilder_muell",
        "text": "Neben den Containern am Kennedypark liegen seit Tagen Sperrmüll und Säcke.",
        "website": ""
    })
    .to_string();
    let response = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{app_port}{PATH}"))
        .header("content-type", "application/json")
        .body(body.clone())
        .send()
        .await?;
    let status = response.status();
    let receipt = response.bytes().await?;
    anyhow::ensure!(
        status == 201,
        "{PATH}: {status} {}",
        String::from_utf8_lossy(&receipt)
    );
    let parsed: Value = serde_json::from_slice(&receipt)?;
    anyhow::ensure!(
        parsed["manual_review"] == false,
        "the plugin did not accept the concern: {parsed}"
    );
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM concerns")
        .fetch_one(&db.pool)
        .await?;

    let bare = Router::new().route(
        PATH,
        post(move |Json(_): Json<Value>| {
            let bytes = receipt.clone();
            async move {
                (
                    StatusCode::CREATED,
                    [(CONTENT_TYPE, "application/json")],
                    bytes,
                )
            }
        }),
    );
    let bare_listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{bare_port}")).await?;
    println!("path {PATH}");
    println!("body {body}");
    println!("stored {stored}");
    println!("ready");
    axum::serve(bare_listener, bare).await?;
    Ok(())
}
